"""The Asia-Pacific office holders resolve in running text: by full name, by a title and a
surname on the day, and not by a bare surname (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitroom import kb
from sitroom.extract.actors import resolve
from sitroom.extract.base import Context
from sitroom.kb import tables
from sitroom.nlp import parse
from sitroom.records import Article

TABLE = Path(tables.__file__).with_name("data") / "officials_asia_pacific.tsv"


def actor_of(text: str, phrase: str, published: str):
    article = Article("t", text, published=published)
    start = text.index(phrase)
    hit = resolve(Context.build(parse(article), article)).at(start, start + len(phrase))
    return hit.actor if hit is not None else None


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


def test_rows_are_well_formed():
    codes = {c.code for c in kb.countries()}
    rows = [ln.split("\t") for ln in TABLE.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]
    assert len(rows) > 250
    for name, _aliases, code, sector, role, start, end in rows:
        assert code in codes, name
        assert sector in {"GOV", "MIL", "OPP", "LEG", "REB", "PTY", "JUD"}, name
        assert role and start, name
        if end:
            assert start <= end, (name, role)
