"""The office holders and institutions of North Africa, the Middle East, South and Central Asia
resolve in running text: by full name, by a title and a surname on the day, and not by a bare
surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb
from kb_helpers import actor_of


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
