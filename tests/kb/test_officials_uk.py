"""British office holders beyond the core offices resolve in running text
(sentences written for these tests)."""
from __future__ import annotations

import pytest

from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Patricia Hewitt announced new rules for hospital cleaning.", "Patricia Hewitt", "2006-02-10", "GBR", "GOV"),
    ("Charles Kennedy said his party would oppose the war.", "Charles Kennedy", "2003-02-15", "GBR", "OPP"),
    ("Speaker John Bercow called for order.", "John Bercow", "2012-03-01", "GBR", "LEG"),
    ("Lord Goldsmith gave his advice to the cabinet.", "Lord Goldsmith", "2003-03-07", "GBR", "JUD"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_title_and_surname_find_the_holder_of_the_day():
    for published, name in [("2008-01-10", "Alan Johnson"), ("2011-01-10", "Andrew Lansley")]:
        surname = name.split()[-1]
        got = actor_of(f"Health Secretary {surname} visited the ward.", surname, published)
        assert got is not None and got.person == name, published


def test_a_bare_surname_names_no_one():
    got = actor_of("Lansley planted a tree.", "Lansley", "2011-01-10")
    assert got is None or got.person != "Andrew Lansley"
