"""Russian and Ukrainian office holders beyond the core offices resolve in running text
(sentences written for these tests)."""
from __future__ import annotations

import pytest

from kb_helpers import actor_of


@pytest.mark.parametrize("text, phrase, published, code, sector", [
    ("Tatiana Golikova reported on the vaccination campaign.", "Tatiana Golikova", "2021-11-02", "RUS", "GOV"),
    ("Margarita Simonyan said the channel would keep broadcasting.", "Margarita Simonyan", "2022-03-05",
     "RUS", "MED"),
    ("Alexei Miller told shareholders that exports to Asia would grow.", "Alexei Miller", "2021-06-30",
     "RUS", "BUS"),
    ("Gennady Zyuganov criticised the pension reform.", "Gennady Zyuganov", "2018-08-01", "RUS", "OPP"),
    ("Iryna Venediktova opened an investigation into the shelling.", "Iryna Venediktova", "2022-03-10",
     "UKR", "JUD"),
])
def test_office_holders_resolve_with_code_and_sector(text, phrase, published, code, sector):
    got = actor_of(text, phrase, published)
    assert got is not None and (got.code, got.sector) == (code, sector)


def test_a_title_and_surname_find_the_holder():
    got = actor_of("Deputy Prime Minister Khusnullin inspected the new bridge.", "Khusnullin", "2022-09-01")
    assert got is not None and got.person == "Marat Khusnullin"


def test_a_bare_surname_names_no_one():
    got = actor_of("Khusnullin opened the gallery.", "Khusnullin", "2022-09-01")
    assert got is None or got.person != "Marat Khusnullin"
