"""Fuzz the readers the ingest fuzz (tests/ingest/test_ingest_fuzz.py) leaves out:
HTML tag soup, feeds (with and without entity declarations), CSV, JSON and raw
bytes. Whatever comes in, a reader gives Articles and one-line Failures naming the
item; no other exception escapes; a feed that declares entities gives no article."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from sitroom.errors import DecodeError, EmptyInput, InputError
from sitroom.ingest import feed_articles, html_article, read_csv, read_json
from sitroom.ingest.build import decode
from sitroom.records import Article, Failure

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

words = st.sampled_from(["Russia", "warned", "NATO", "on", "Monday", "troops", "&amp;", "&lt;", "&#0;",
                         "&#xD800;", "&bogus;", "\u202e", "\x00", "\ufeff", "é", "😀", "\r\n", "]]>"])
hostile_values = st.sampled_from(["javascript:alert(1)", "x\" onerror=\"alert(1)", "<script>", "'", "\"",
                                  "file:///etc/passwd", "http://169.254.169.254/", ""])
tags = st.sampled_from(["p", "div", "article", "span", "script", "style", "a", "img", "table", "td",
                        "iframe", "svg", "math", "template", "noscript", "title", "meta", "h1", "br", "x-y"])


def element(children):
    def build(t, attr, value, inner, close):
        end = f"</{t}>" if close else ""
        return f"<{t} {attr}=\"{value}\">{''.join(inner)}{end}"
    return st.builds(build, tags, st.sampled_from(["href", "src", "onerror", "style", "class", "content"]),
                     hostile_values, st.lists(children, max_size=4), st.booleans())


text_run = st.lists(words, min_size=1, max_size=12).map(" ".join)
soup = st.recursive(text_run | st.sampled_from(["<!--", "-->", "<![CDATA[", "<!DOCTYPE html>", "</", "<", ">"]),
                    element, max_leaves=25)
pages = st.lists(soup, max_size=6).map(lambda parts: "<html><body>" + "".join(parts))


def one_line_failures(items, prefix: str) -> None:
    for item in items:
        assert isinstance(item, (Article, Failure)), item
        if isinstance(item, Failure):
            assert item.item.startswith(prefix) and "\n" not in item.message and item.code
        else:
            assert item.text.strip() and item.id


@FUZZ
@given(pages, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_html_tag_soup_gives_an_article_or_an_input_error(page, encoding):
    data = page.encode(encoding, "replace")
    try:
        article = html_article(data, "soup.html")
    except InputError as e:
        assert e.code and "\n" not in str(e.message)
        return
    assert isinstance(article, Article) and article.text.strip()


feed_fields = st.lists(st.one_of(text_run, soup), min_size=1, max_size=3).map(" ".join)
entity_decl = st.sampled_from([
    "", '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>', '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1/p.dtd"> %p;]>', '<!DOCTYPE rss SYSTEM "x.dtd">',
])


@st.composite
def feeds(draw):
    decl = draw(entity_decl)
    items = draw(st.lists(st.tuples(feed_fields, feed_fields, st.booleans()), max_size=4))
    uses = "&x;&a;" if "ENTITY" in decl and draw(st.booleans()) else ""
    body = "".join(f"<item><title>{t}</title><guid>g{i}</guid><description>{'<![CDATA[' + d + ']]>' if cdata else d}"
                   f"{uses}</description></item>" for i, (t, d, cdata) in enumerate(items))
    junk = draw(st.sampled_from(["", "</channel>", "<item>", "\x00", "<<"]))
    return f'<?xml version="1.0"?>{decl}<rss version="2.0"><channel><title>F</title>{body}{junk}</channel></rss>'


@FUZZ
@given(feeds(), st.sampled_from(["utf-8", "utf-16"]))
def test_feeds_never_raise_and_entities_are_never_expanded(feed, encoding):
    items = list(feed_articles(feed.encode(encoding), "fuzz.rss"))
    one_line_failures(items, "fuzz.rss")
    if "<!ENTITY" in feed:
        assert items and all(isinstance(i, Failure) for i in items)
    for item in items:
        if isinstance(item, Article):
            assert "root:" not in item.text


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_a_feed_never_raise(data):
    one_line_failures(list(feed_articles(b"<rss>" + data, "bytes.rss")), "bytes.rss")


cells = st.one_of(text_run, st.text(max_size=30), st.sampled_from(['"', '""', ",", ";", "\n", "\r", "\x00", "=1+1",
                                                                  "x" * 3000]))


@FUZZ
@given(st.lists(st.sampled_from(["id", "text", "title", "body", "published", ""]), min_size=1, max_size=4),
       st.lists(st.lists(cells, max_size=5), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_csv_never_raises_and_names_each_bad_row(header, rows, sep):
    raw = sep.join(header) + "\n" + "\n".join(sep.join(r) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(raw.encode("utf-8", "surrogatepass"))
        one_line_failures(list(read_csv(path)), str(path))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "title", "articles", "items", "published", "url", "x"]), children, max_size=5),
    max_leaves=30)


@FUZZ
@given(json_values)
def test_json_files_never_raise(value):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        one_line_failures(list(read_json(path)), str(path))


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "no-such-codec"]))
def test_decode_gives_text_or_a_decode_error(data, declared):
    try:
        text = decode(data, "bytes", encoding=declared)
    except (DecodeError, EmptyInput):
        return
    assert isinstance(text, str) and text.strip() and "\x00" not in text
