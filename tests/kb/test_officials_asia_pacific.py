"""The Asia-Pacific office holders resolve in running text: by full name, by a title and a
surname on the day, and not by a bare surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom import kb
from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Yingluck Shinawatra flew to Tokyo for a two-day visit.", "Yingluck Shinawatra", "2012-03-02", "THA", "GOV"),
    ("Tokyo's envoy met Foreign Minister Kishida before the summit.", "Kishida", "2015-06-10", "JPN", "GOV"),
    ("Defence Minister Liang toured a naval base on Hainan.", "Liang", "2010-05-04", "CHN", "MIL"),
    ("Sara Duterte told reporters in Davao that she would run again.", "Sara Duterte", "2023-02-14", "PHL", "GOV"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_bare_surname_of_an_office_holder_names_no_one():
    # people of these tables are known by surname only after a title or a full mention
    got = actor_of("Liang spoke to the crowd outside the stadium.", "Liang", "2010-05-04")
    assert got is None or got.person != "Liang Guanglie"


def test_a_title_picks_the_holder_of_the_day():
    g = kb.gazetteer()
    before = g.by_surname("Kim", dt.date(2024, 10, 1), titled=True, title=frozenset({"defence minister"}))
    assert before is not None and before.name == "Kim Yong-hyun"
