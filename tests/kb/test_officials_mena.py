"""The office holders and institutions of North Africa, the Middle East, South and Central Asia
resolve in running text: by full name, by a title and a surname on the day, and not by a bare
surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitroom import kb
from sitroom.kb import tables
from kb_helpers import actor_of

DATA = Path(tables.__file__).with_name("data")
OFFICIALS = DATA / "officials_mena.tsv"
INSTITUTIONS = DATA / "institutions_mena.tsv"


def rows_of(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Haider al-Abadi flew to Tehran for two days of talks.", "Haider al-Abadi", "2016-03-02", "IRQ", "GOV"),
    ("Ankara's envoy met Foreign Minister Davutoglu before the vote.", "Davutoglu", "2012-01-10", "TUR", "GOV"),
    ("Defence Minister Yaalon toured the northern border on Sunday.", "Yaalon", "2014-08-03", "ISR", "MIL"),
    ("Amir Khan Muttaqi received a delegation from Tashkent.", "Amir Khan Muttaqi", "2023-05-01", "AFG", "REB"),
    ("Reporters waited as Sushma Swaraj left the hall.", "Sushma Swaraj", "2016-02-11", "IND", "GOV"),
    ("Kemal Kilicdaroglu told his party the vote had been unfair.", "Kemal Kilicdaroglu", "2017-04-20",
     "TUR", "OPP"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Bangladesh Bank cut its policy rate on Sunday.", "Bangladesh Bank", "2023-01-10", "BGD", "GOV"),
    ("Shares of Saudi Aramco rose in early trading.", "Saudi Aramco", "2022-05-03", "SAU", "BUS"),
    ("The Lok Sabha passed the bill late on Friday.", "Lok Sabha", "2022-08-05", "IND", "LEG"),
    ("Shin Bet said two suspects had been held.", "Shin Bet", "2022-03-01", "ISR", "GOV"),
])
def test_institutions_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_bare_surname_of_an_office_holder_names_no_one():
    # people of these tables are known by surname only after a title or a full mention
    got = actor_of("Mottaki spoke to the crowd outside the stadium.", "Mottaki", "2008-04-10")
    assert got is None or got.person != "Manouchehr Mottaki"
    assert kb.gazetteer().by_surname("Mottaki", dt.date(2008, 4, 10)) is None


def test_a_title_picks_the_holder_of_the_day():
    g = kb.gazetteer()
    day = dt.date(2015, 1, 1)
    army = g.by_surname("Sharif", day, titled=True, title=frozenset({"chief of army staff"}))
    assert army is not None and army.name == "Raheel Sharif"
    premier = g.by_surname("Sharif", day, titled=True, title=frozenset({"prime minister"}))
    assert premier is not None and premier.name == "Nawaz Sharif"
    title = frozenset({"president"})
    assert g.by_surname("Barzani", dt.date(2010, 6, 1), titled=True, title=title).name == "Masoud Barzani"
    assert g.by_surname("Barzani", dt.date(2021, 6, 1), titled=True, title=title).name == "Nechirvan Barzani"


def test_official_rows_are_well_formed():
    codes = {c.code for c in kb.countries()}
    rows = rows_of(OFFICIALS)
    assert len(rows) > 500
    for name, _aliases, code, sector, role, start, end in rows:
        assert code in codes, name
        assert sector in {"GOV", "MIL", "OPP", "LEG", "REB", "PTY", "JUD"}, name
        assert role and start, name
        if end:
            assert start <= end, (name, role)


def test_a_person_has_one_spelling_of_aliases():
    aliases: dict[str, set[str]] = {}
    for name, alias, *_ in rows_of(OFFICIALS):
        aliases.setdefault(name, set()).add(alias)
    assert all(len(v) == 1 for v in aliases.values()), [k for k, v in aliases.items() if len(v) > 1]


def test_institution_rows_have_known_codes_and_one_meaning_each():
    codes = {c.code for c in kb.countries()}
    seen: dict[str, tuple[str, str, str]] = {}
    for i in tables.institutions():
        key = i.alias.lower()
        assert seen.setdefault(key, (i.code, i.sector, i.name)) == (i.code, i.sector, i.name), i.alias
    for alias, code, sector, _name in rows_of(INSTITUTIONS):
        assert code in codes and sector in tables.SECTORS, alias
