"""Quantities: a phrase in a short sentence → value, unit, approximation, what is counted."""
from __future__ import annotations

import pytest

from sitroom.extract.base import Context
from sitroom.extract.quantities import extract_quantities, lexicon
from sitroom.extract.times import extract_times
from sitroom.nlp import parse
from sitroom.records import Article


def quantities(text: str, published: str | None = "2021-12-17"):
    article = Article("t", text, published=published)
    ctx = Context.build(parse(article), article)
    ctx.found["times"] = tuple(extract_times(ctx))
    found = list(extract_quantities(ctx))
    for q in found:
        assert q.span.text == text[q.span.start:q.span.end]
        if q.of is not None:
            assert q.of.text == text[q.of.start:q.of.end]
    return found


@pytest.mark.parametrize("text, value, unit, approx, of", [
    ("With more than 100,000 Russian troops massed on the border, Kyiv is worried.",
     100_000, "troops", "more_than", "Russian troops"),
    ("The U.S. has provided more than $450 million in security assistance to Ukraine.",
     450_000_000, "USD", "more_than", "security assistance"),
    ("Officials said about 175,000 soldiers could take part.", 175_000, "troops", "about", "soldiers"),
    ("Russia has deployed up to 100 battalion tactical groups.", 100, "battalion tactical groups", "less_than",
     "battalion tactical groups"),
    ("Nearly 2,000 servicemen arrived in Belarus.", 2000, "troops", "less_than", "servicemen"),
    ("At least 12 civilians were killed in the shelling.", 12, "people killed", "more_than", "civilians"),
    ("Tens of thousands of people fled the city.", 10_000, "people", "more_than", "people"),
    ("The EU pledged €1.2bn to the fund.", 1_200_000_000, "EUR", "exact", None),
    ("The budget grew to 3 trillion roubles last year.", 3e12, "RUB", "exact", None),
    ("Kyiv received 5 billion hryvnias from the central bank.", 5e9, "UAH", "exact", None),
    ("London sent £50m in military aid.", 50_000_000, "GBP", "exact", "military aid"),
    ("Turnout was some 40 percent of the electorate.", 40, "percent", "about", "electorate"),
    ("Prices rose 8.4% in November.", 8.4, "percent", "exact", None),
    ("The convoy stretched for 40 miles.", 40, "miles", "exact", None),
    ("Troops were stationed 20 km from the border.", 20, "km", "exact", None),
    ("Two Ukrainian soldiers were wounded on Tuesday.", 2, "people injured", "exact", "Ukrainian soldiers"),
    ("A dozen tanks crossed the river.", 12, "tanks", "exact", "tanks"),
    ("Roughly 1.5 million refugees have left.", 1_500_000, "refugees", "about", "refugees"),
    ("The talks lasted three days.", 3, "days", "exact", None),
    ("An estimated 14,000 people have died in the conflict.", 14_000, "people killed", "about", "people"),
    ("Fewer than 50 aircraft took part.", 50, "aircraft", "less_than", "aircraft"),
    ("Russia spends billions of dollars a year on it.", 1e9, "USD", "more_than", None),
    ("We are talking about tens of thousands of dead residents.", 10_000, "people killed", "more_than",
     "dead residents"),
    ("She raised $35 million in the United States.", 35e6, "USD", "exact", None),
    ("They were in shelters for over two months.", 2, "months", "more_than", None),
])
def test_quantity_values_units_and_approximation(text, value, unit, approx, of):
    found = quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.approx == approx
    assert (q.of.text if q.of else None) == of


@pytest.mark.parametrize("text, low, high, unit", [
    ("Between 90 and 100 tanks were seen near the border.", 90, 100, "tanks"),
    ("Russia has 90-100 battalion tactical groups nearby.", 90, 100, "battalion tactical groups"),
    ("It would cost $1-2 billion a year.", 1e9, 2e9, "USD"),
    ("From 30 to 40 missiles were fired overnight.", 30, 40, "missiles"),
])
def test_ranges_carry_both_bounds(text, low, high, unit):
    (q,) = quantities(text)
    assert (q.approx, q.value, q.high, q.unit) == ("range", pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "NATO occupied those positions in 1997, before the enlargement.",
    "Since Russia's 2014 annexation of Crimea, ties have been poor.",
    "The G7 leaders met to discuss Covid-19 measures.",
    "Under Article 5 of the treaty, allies must respond.",
    "The Nord Stream 2 pipeline is complete.",
    "He called +7 495 123-45-67 at 10:30 on December 17.",
    "A 60-year-old man was detained two days ago.",
    "It was the first meeting since the 1990s.",
    "One of the issues is security.",
    "The evacuation will start at 8 am.",
    "Two-thirds of the payments are for imports.",
    "They tried to raise the flag on 32 Druzhby Narodiv boulevard.",
])
def test_years_dates_names_and_phone_numbers_are_not_quantities(text):
    assert quantities(text) == []


def test_several_quantities_in_one_sentence_keep_text_order():
    text = "Russia has amassed about 175,000 troops and 1,200 tanks, and spent $40bn."
    found = quantities(text)
    assert [(q.value, q.unit) for q in found] == [(175_000, "troops"), (1200, "tanks"), (4e10, "USD")]


def test_over_before_a_duration_means_during():
    found = quantities("The budget received 4.8 trillion rubles over nine months.")
    assert [(q.span.text, q.value, q.unit, q.approx) for q in found] == [
        ("4.8 trillion rubles", 4.8e12, "RUB", "exact"), ("nine months", 9, "months", "exact")]


def test_lexicon_tables_load_with_iso_currency_codes():
    lex = lexicon()
    assert lex.symbols["$"] == "USD" and lex.currencies["rouble"] == "RUB" and lex.currencies["yuan"] == "CNY"
    assert lex.scales["bn"] == 1e9 and lex.numbers["twenty"] == 20
    assert all(len(code) == 3 and code.isupper() for code in lex.currencies.values())


@pytest.mark.parametrize("sentence", [
    "Bank shares fell as 12 people killed in the crash were named.",
    "At least 30 soldiers killed and 12 wounded were counted.",
])
def test_casualty_words_after_the_counted_noun_never_raise(sentence):
    from sitroom.extract.base import Context
    from sitroom.extract.quantities import extract_quantities
    from sitroom.nlp import parse
    from sitroom.records import Article

    article = Article("q", sentence, published="2021-12-17")
    ctx = Context.build(parse(article), article)
    qs = list(extract_quantities(ctx))
    assert any(q.value in (12, 30) for q in qs)
