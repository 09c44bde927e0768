"""The sub-Saharan African office holders and institutions (officials_africa.tsv,
institutions_africa.tsv) load, are consistent, and resolve people named in news."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb


def actor_at(marked: str, published: str):
    """The actor the resolver gives for the [bracketed] phrase of a short text."""
    from sitroom.extract.actors import resolve
    from sitroom.extract.base import Context
    from sitroom.nlp import parse
    from sitroom.records import Article

    start, end = marked.index("["), marked.index("]") - 1
    article = Article("t", marked.replace("[", "").replace("]", ""), published=published)
    hit = resolve(Context.build(parse(article), article)).at(start, end)
    return hit.actor if hit is not None else None


@pytest.mark.parametrize("marked, published, code, sector", [
    ("[Yemi Osinbajo] told governors in Abuja to cut spending.", "2017-03-09", "NGA", "GOV"),
    ("[Godwin Emefiele] said the bank would defend the currency.", "2020-11-02", "NGA", "GOV"),
    ("[Lesetja Kganyago] warned that inflation remained high.", "2022-09-22", "ZAF", "GOV"),
    ("[Julius Malema] told his supporters to stay calm.", "2021-07-14", "ZAF", "OPP"),
    ("[Birhanu Jula] said the army was ready.", "2022-11-05", "ETH", "MIL"),
    ("[Debretsion Gebremichael] said his fighters held the town.", "2021-07-02", "ETH", "REB"),
    ("[Abubakar Shekau] threatened new attacks in a video.", "2013-05-14", "NGA", "REB"),
    ("[Robert Kyagulanyi] said his agents had been detained.", "2021-01-18", "UGA", "OPP"),
    ("[Choguel Kokalla Maiga] criticised the sanctions.", "2022-01-12", "MLI", "GOV"),
    ("[The Sudanese Armed Forces] said they had retaken the bridge.", "2024-09-30", "SDN", "MIL"),
    ("[The Uganda People's Defence Force] said it had deployed.", "2021-12-01", "UGA", "MIL"),
    ("[Chama Cha Mapinduzi] named its candidate.", "2020-07-11", "TZA", "PTY"),
])
def test_a_name_in_a_short_text_resolves_to_its_state_and_sector(marked, published, code, sector):
    actor = actor_at(marked, published)
    assert actor is not None and (actor.code, actor.sector) == (code, sector)


@pytest.mark.parametrize("name, day, code, role", [
    ("Riek Machar", dt.date(2012, 3, 1), "SSD", "Vice President"),
    ("Riek Machar", dt.date(2015, 3, 1), "SSD", "Leader of the SPLM-IO"),
    ("Riek Machar", dt.date(2021, 3, 1), "SSD", "First Vice President"),
    ("Kithure Kindiki", dt.date(2023, 6, 1), "KEN", "Interior Minister"),
    ("Kithure Kindiki", dt.date(2025, 6, 1), "KEN", "Deputy President"),
    ("Hailemariam Desalegn", dt.date(2011, 6, 1), "ETH", "Foreign Minister"),
    ("Hailemariam Desalegn", dt.date(2015, 6, 1), "ETH", "Prime Minister"),
    ("Mohamed Hamdan Dagalo", dt.date(2020, 6, 1), "SDN", "Deputy Chairman of the Sovereignty Council"),
    ("Mohamed Hamdan Dagalo", dt.date(2024, 6, 1), "SDN", "Commander of the Rapid Support Forces"),
])
def test_a_person_holds_the_role_of_the_day(name, day, code, role):
    r = kb.gazetteer().person(name, day)
    assert (r.code, r.role) == (code, role)


@pytest.mark.parametrize("surname, title, day, person", [
    ("Mutharika", "president", dt.date(2010, 5, 1), "Bingu wa Mutharika"),
    ("Mutharika", "president", dt.date(2016, 5, 1), "Peter Mutharika"),
    ("Mahama", "vice president", dt.date(2005, 5, 1), "Aliu Mahama"),
    ("Mahama", "vice president", dt.date(2010, 5, 1), "John Mahama"),
    ("Maiga", "prime minister", dt.date(2018, 5, 1), "Soumeylou Boubeye Maiga"),
    ("Maiga", "prime minister", dt.date(2022, 5, 1), "Choguel Kokalla Maiga"),
    ("Onyeama", "foreign minister", dt.date(2019, 5, 1), "Geoffrey Onyeama"),
])
def test_a_title_and_surname_name_the_holder_of_the_day(surname, title, day, person):
    found = kb.gazetteer().by_surname(surname, day, titled=True, title=frozenset({title}))
    assert found is not None and found.name == person


@pytest.mark.parametrize("surname", ["Onyeama", "Kganyago", "Nabbanja", "Tuggar"])
def test_an_officials_surname_alone_resolves_to_no_one(surname):
    assert kb.gazetteer().by_surname(surname, dt.date(2022, 5, 1)) is None
