"""The European office holders and institutions resolve in running text: by full name, by a
title and a surname on the day, and not by a bare surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb
from sitroom.kb import tables
from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Carl Bildt said Stockholm would send more aid to Kyiv.", "Carl Bildt", "2009-05-04", "SWE", "GOV"),
    ("Antonis Samaras asked lenders for more time on the reforms.", "Antonis Samaras", "2013-11-05", "GRC", "GOV"),
    ("Jeremy Corbyn told a rally in Leeds that the budget had failed.", "Jeremy Corbyn", "2018-10-30", "GBR", "OPP"),
    ("Stepan Poltorak inspected new armoured vehicles near Kharkiv.", "Stepan Poltorak", "2017-03-01", "UKR", "MIL"),
    ("Yevgeny Shevchuk met Moldovan negotiators in Bender.", "Yevgeny Shevchuk", "2013-06-12", "MDA", "REB"),
    ("Reporters waited as Defence Minister Macierewicz left the meeting.", "Macierewicz", "2017-02-20",
     "POL", "MIL"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


@pytest.mark.parametrize("text, phrase, code, sector", [
    ("The Riksbank held its key rate at four percent.", "Riksbank", "SWE", "GOV"),
    ("The Bundesrat blocked the tax bill on Friday.", "Bundesrat", "DEU", "LEG"),
    ("The Storting approved the new budget.", "Storting", "NOR", "LEG"),
])
def test_institutions_resolve_with_code_and_sector(text, phrase, code, sector):
    got = actor_of(text, phrase, "2023-04-14")
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_bare_surname_of_an_office_holder_names_no_one():
    # people of these tables are known by surname only after a title or a full mention
    got = actor_of("Poltorak waved to the crowd outside the station.", "Poltorak", "2017-03-01")
    assert got is None or got.person != "Stepan Poltorak"


def test_a_title_picks_the_holder_of_the_day():
    g = kb.gazetteer()
    title = frozenset({"foreign minister"})
    assert g.by_surname("Frattini", dt.date(2009, 6, 1), titled=True, title=title).name == "Franco Frattini"
    # two Danish prime ministers named Rasmussen: the date decides
    pm = frozenset({"prime minister"})
    assert g.by_surname("Rasmussen", dt.date(2005, 1, 1), titled=True, title=pm).name == "Anders Fogh Rasmussen"
    assert g.by_surname("Rasmussen", dt.date(2010, 1, 1), titled=True, title=pm).name == "Lars Lokke Rasmussen"
