"""The officials of international bodies resolve in running text: by full name, by a title and a
surname on the day, and not by a bare surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb
from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Staffan de Mistura flew to Geneva for another round of talks.", "Staffan de Mistura", "2016-02-10",
     "UN", "IGO"),
    ("Pascal Lamy told ministers that a deal was within reach.", "Pascal Lamy", "2008-07-25", "WTO", "IGO"),
    ("Philip Breedlove warned that Moscow was moving more armour to the border.", "Philip Breedlove",
     "2014-03-20", "NATO", "MIL"),
    ("Peter Maurer asked both sides to let aid convoys through.", "Peter Maurer", "2016-05-03", "ICRC", "NGO"),
    ("Luis Almagro said the election had not been fair.", "Luis Almagro", "2019-11-05", "OAS", "IGO"),
])
def test_officials_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_national_politician_is_coded_by_the_office_held_on_the_day():
    # Helen Clark led New Zealand's government, then the UN Development Programme
    text = "Helen Clark opened the conference on poverty."
    assert (actor_of(text, "Helen Clark", "2005-03-01").code) == "NZL"
    assert (actor_of(text, "Helen Clark", "2012-03-01").code) == "UN"


def test_a_bare_surname_of_an_official_names_no_one():
    got = actor_of("Scaparrotti waved to the crowd outside the hotel.", "Scaparrotti", "2017-06-01")
    assert got is None or got.person != "Curtis Scaparrotti"


def test_a_title_picks_the_holder_of_the_day():
    g = kb.gazetteer()
    commander = frozenset({"supreme allied commander"})
    assert g.by_surname("Wolters", dt.date(2021, 1, 1), titled=True, title=commander).name == "Tod Wolters"
    envoy = frozenset({"envoy"})
    assert g.by_surname("Grundberg", dt.date(2023, 1, 1), titled=True, title=envoy).name == "Hans Grundberg"
