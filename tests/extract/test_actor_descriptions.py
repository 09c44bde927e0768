"""Unfamiliar names coded from the article's own description of them (one sense per discourse)."""
from __future__ import annotations

import pytest

from test_actors import run  # tests/extract/test_actors.py


def codes_of(text: str, name: str) -> list:
    doc, r = run(text)
    return [e.actor.code if e.actor else None for e in r.entities if e.span.text == name]


@pytest.mark.parametrize("text, name, code", [
    # an apposition after the name, then the bare name
    ("Kestrel, Turkey's largest mobile operator, signed a deal with Iran. Iran later accused Kestrel "
     "of spying.", "Kestrel", "TUR"),
    # a nationality compound before the name
    ("Dutch bank Velderbank lent money to Chile. Velderbank said the loan was safe.", "Velderbank", "NLD"),
])
def test_every_mention_of_a_described_name_takes_its_country(text, name, code):
    found = codes_of(text, name)
    assert found and all(c == code for c in found), found


def test_a_person_introduced_by_a_role_is_not_recoded_as_a_firm():
    doc, r = run("Ukrainian lawmaker Oleksiy Goncharenko said the vote was delayed.")
    people = [e.actor for e in r.entities if "Goncharenko" in e.span.text and e.actor]
    assert people and all(a.kind != "group" for a in people)


def test_a_place_description_gives_no_actor():
    # "the Peruvian city of X": a place, not an organisation of Peru
    found = codes_of("Zarvona, the Peruvian city, hosted talks. Zarvona is small.", "Zarvona")
    assert all(c is None or c == "PER" for c in found)
    doc, r = run("Zarvona, the Peruvian city, hosted talks. Zarvona is small.")
    assert not any(e.actor and e.actor.sector == "BUS" for e in r.entities if e.span.text == "Zarvona")


def test_the_firm_is_the_business_last_named():
    import sitroom
    x = sitroom.extract("Norvik, the Russian oil giant, sued the Dutch government. Peru accused the firm of fraud.",
                        published="2005-02-17", min_confidence=0)
    e = next(e for e in x.events if e.trigger.text == "accused")
    assert {a.actor.code for a in e.target} == {"RUS"}


def test_a_lead_that_introduces_a_firm_by_its_country_names_it_next():
    text = ("Peru's biggest copper firm could pull out of a deal in Chile. Chilean lawmakers say "
            "Cobrex Holdings' stake should be cut. Cobrex Holdings now says it may walk away.")
    found = [c for c in codes_of(text, "Cobrex Holdings")]
    assert found and all(c == "PER" for c in found)
    # the first organisation named after the lead must recur to be that firm
    text = "Peru's biggest copper firm could pull out of a deal. Chile's Minexa Group said it would buy it."
    assert all(c != "PER" for c in codes_of(text, "Minexa Group"))
