"""HTML with very many attributes on one tag (issue 19, finding 4): libxml2 checks each
attribute against the ones before it, so 200,000 attributes (2.3 MB) took 185 s.
``bound_attributes`` keeps the first 100 of a tag in one linear pass."""
from __future__ import annotations

import time

import pytest

from sitroom.ingest.html import MAX_ATTRIBUTES, bound_attributes, html_article, html_to_text

BODY = (">Russia accused Ukraine of provoking the crisis on Monday, officials said in a statement."
        "</p><p>More text here about the talks in Geneva and the ministers.</p></article></body></html>")
SHAPES = {
    "quoted": lambda n: " ".join(f'a{i}="v{i}"' for i in range(n)),
    "gt-in-quotes": lambda n: " ".join(f"a{i}='>'" for i in range(n)),
    "bare": lambda n: " ".join(f"a{i}" for i in range(n)),
    "unquoted": lambda n: " ".join(f"a{i}=v" for i in range(n)),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_page_with_200000_attributes_on_one_tag_is_read_in_linear_time(shape):
    page = "<html><head><title>T</title></head><body><article><p " + SHAPES[shape](200_000) + BODY
    start = time.monotonic()
    article = html_article(page, "many.html")
    assert time.monotonic() - start < 10  # was 185 s for the quoted shape
    assert article.text.startswith("Russia accused Ukraine")


def test_only_attributes_past_the_limit_are_dropped_and_ordinary_tags_are_untouched():
    tag = "<p " + " ".join(f'a{i}="v{i}"' for i in range(500)) + ">"
    cut = bound_attributes(tag + "x</p>")
    assert cut.count("=") == MAX_ATTRIBUTES and 'a0="v0"' in cut and "a100=" not in cut
    page = '<html><body><a href="/x?a=1&b=2" class="c" data-x=\'>\'>link</a><p id=p1>t</p></body></html>'
    assert bound_attributes(page) == page


@pytest.mark.parametrize("page", ["<a " + "<b " * 500_000, '<a "' + "<b" * 500_000 + '"',
                                  "<p a='1'>x</p>" * 200_000])
def test_the_pre_pass_itself_is_linear_on_broken_tags(page):
    start = time.monotonic()
    bound_attributes(page)
    assert time.monotonic() - start < 3


def test_feed_fragments_are_bounded_too():
    fragment = "<p " + SHAPES["quoted"](100_000) + ">Talks resumed on Monday.</p>"
    start = time.monotonic()
    assert html_to_text(fragment) == "Talks resumed on Monday."
    assert time.monotonic() - start < 5
