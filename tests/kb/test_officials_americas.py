"""The office holders of the Americas resolve in running text: by full name, by a title and a
surname on the day, and not by a bare surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb
from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Timothy Geithner flew to Beijing for two days of talks.", "Timothy Geithner", "2010-05-24", "USA", "GOV"),
    ("Reporters waited for Attorney General Holder outside the court.", "Holder", "2012-04-03", "USA", "JUD"),
    ("Vladimir Padrino Lopez addressed the officers in Caracas.", "Vladimir Padrino Lopez", "2019-04-30", "VEN", "MIL"),
    ("Maria Corina Machado called on voters to stay home.", "Maria Corina Machado", "2024-08-03", "VEN", "OPP"),
    ("The Sinaloa Cartel fought rivals for the border town.", "Sinaloa Cartel", "2024-09-10", "MEX", "REB"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_bare_surname_of_an_office_holder_names_no_one():
    got = actor_of("Geithner spoke to the crowd outside the stadium.", "Geithner", "2010-05-24")
    assert got is None or got.person != "Timothy Geithner"


def test_a_title_picks_the_holder_of_the_day():
    g = kb.gazetteer()
    first = g.by_surname("Freeland", dt.date(2018, 6, 1), titled=True, title=frozenset({"foreign minister"}))
    assert first is not None and first.role == "Foreign Minister"
    speaker = g.by_surname("Pelosi", dt.date(2008, 3, 1), titled=True, title=frozenset({"speaker"}))
    assert speaker is not None and speaker.start == dt.date(2007, 1, 4)
