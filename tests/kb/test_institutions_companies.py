"""Companies and NGOs resolve in running text to their country of headquarters and sector,
common words that are also brand names do not, and the table is well formed (sentences
written for these tests)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitroom import kb
from sitroom.extract.actors import resolve
from sitroom.extract.base import Context
from sitroom.kb import tables
from sitroom.nlp import parse
from sitroom.records import Article

DATA = Path(tables.__file__).with_name("data")
TABLE = DATA / "institutions_companies.tsv"


def actor_of(text: str, phrase: str, published: str = "2024-05-14"):
    article = Article("t", text, published=published)
    start = text.index(phrase)
    hit = resolve(Context.build(parse(article), article)).at(start, start + len(phrase))
    return hit.actor if hit is not None else None


def rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("text, phrase, code, sector", [
    ("Northrop Grumman won the bomber contract on Friday.", "Northrop Grumman", "USA", "BUS"),
    ("A Rheinmetall plant near the border will make tank shells.", "Rheinmetall", "DEU", "BUS"),
    ("The frigates will be built by Fincantieri at its Genoa yard.", "Fincantieri", "ITA", "BUS"),
    ("Sonelgaz will buy turbines for two new power plants.", "Sonelgaz", "DZA", "BUS"),
    ("Delta Air Lines cancelled 300 flights after the storm.", "Delta Air Lines", "USA", "BUS"),
    ("Ford Motor said it would cut 3,000 jobs.", "Ford Motor", "USA", "BUS"),
    ("Analysts at Goldman Sachs expect two rate cuts.", "Goldman Sachs", "USA", "BUS"),
    ("Shares in SK Hynix jumped after the results.", "SK Hynix", "KOR", "BUS"),
    ("Pertamina will import more crude next month.", "Pertamina", "IDN", "BUS"),
    ("Moody's lowered the outlook to negative.", "Moody's", "USA", "BUS"),
    ("The Committee to Protect Journalists called for his release.", "Committee to Protect Journalists",
     "USA", "NGO"),
    ("Transparency International ranked the country near the bottom.", "Transparency International",
     "DEU", "NGO"),
    ("Mercy Corps suspended its work in the north.", "Mercy Corps", "USA", "NGO"),
])
def test_companies_and_ngos_resolve_with_code_and_sector(text, phrase, code, sector):
    got = actor_of(text, phrase)
    assert got is not None and (got.code, got.sector) == (code, sector)


@pytest.mark.parametrize("text, word", [
    ("Apple growers lost half their harvest to the frost.", "Apple"),
    ("Shell fragments were found near the school.", "Shell"),
    ("Target prices for wheat rose again.", "Target"),
    ("Delta residents were told to leave before the flood.", "Delta"),
    ("Total spending will rise by four percent.", "Total"),
    ("Ford said the bridge would reopen soon.", "Ford"),
])
def test_a_brand_that_is_a_common_word_or_surname_names_no_company(text, word):
    got = actor_of(text, word)
    assert got is None or got.sector != "BUS"


def test_every_code_is_a_known_country_and_every_sector_bus_or_ngo():
    codes = {c.code for c in kb.countries()}
    table = rows(TABLE)
    assert len(table) > 800
    for r in table:
        assert r["code"] in codes, r["alias"]
        assert r["sector"] in {"BUS", "NGO"}, r["alias"]
        assert r["alias"] and r["name"], r
        assert len(r["alias"]) > 2 or r["alias"] in {"BP", "GM", "GE"}, r["alias"]



def test_no_alias_is_an_organisation_or_a_country_name():
    names = {s for o in kb.organizations() for s in (o.name, *o.aliases)}
    names |= {s for c in kb.countries() for s in (*c.names, *c.adjectives, *c.capitals)}
    assert not [r["alias"] for r in rows(TABLE) if r["alias"] in names]
