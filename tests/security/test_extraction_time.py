"""Extraction time on hostile but small texts: it must grow about linearly with the text.

A new quadratic spot goes in as a case marked ``xfail(strict=True)`` with its measured
cost (and a line in docs/SECURITY.md); the mark is removed when the code is fixed, as it
was for the quote-region scan and the gazetteer-match overlap test.
"""
from __future__ import annotations

import time

import pytest

from sitroom.ingest import text_article

#: Seconds for extract_doc on one of these texts (~5–30 KB); normal news of that
#: size takes well under 0.5 s.
BUDGET_S = 1.5


@pytest.fixture(scope="module")
def run():
    from sitroom.extract import extract_doc
    from sitroom.nlp import parse

    warm = text_article("Russia warned Ukraine on Monday.", "warm-up")
    extract_doc(parse(warm), warm)

    def timed(text: str) -> float:
        article = text_article(text, "hostile")
        doc = parse(article)
        start = time.perf_counter()
        extract_doc(doc, article)
        return time.perf_counter() - start
    return timed


@pytest.mark.parametrize("unit, n", [
    ("said ", 5000),
    ("Mr. ", 5000),
    ("1,000 troops ", 2000),
    ("(", 20000),
    ("Officials said 3,000 troops arrived in Kyiv on Monday. ", 200),
    ("talks ", 3000),
    ("our troops attacked ", 1000),
    pytest.param('"a" ', 2000, marks=pytest.mark.slow),
    pytest.param("Russia ", 6000, marks=pytest.mark.slow),
])
def test_extraction_time_grows_about_linearly(run, unit, n):
    assert run(unit * n) < BUDGET_S
