"""A small fuzz of the readers: no exception escapes, offsets stay inside the text."""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from sitroom.ingest import read_jsonl, read_text
from sitroom.ingest.layout import analyse
from sitroom.records import Article, Failure

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

news_lines = st.sampled_from([
    "Mar 3, 2022 - Europe", "By Jane Doe", "Photo: A B/Getty Images", "Go deeper: more", "Related:",
    "(AP Photo/X Y)", "Talks resume in Geneva", "The talks resumed on Monday.", "", "   ", "# Head",
])
texts = st.lists(st.one_of(news_lines, st.text(max_size=80)), max_size=12).map("\n".join)
values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=40), st.lists(st.text(max_size=5), max_size=3))
records = st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "body", "date", "x"]),
                          st.one_of(values, texts), max_size=6)
lines = st.one_of(records.map(json.dumps), st.text(max_size=60), st.binary(max_size=60))


def check(items, origin_prefix):
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert item.item.startswith(origin_prefix) and "\n" not in item.message
        else:
            assert item.text.strip() and item.content_hash and item.id
            for start, end in item.boilerplate:
                assert 0 <= start < end <= len(item.text)


@FUZZ
@given(st.lists(lines, max_size=8))
def test_read_jsonl_never_raises(raw_lines):
    stream = io.BytesIO(b"\n".join(x if isinstance(x, bytes) else x.encode("utf-8", "surrogatepass") for x in raw_lines))
    check(list(read_jsonl(stream, "fuzz.jsonl")), "fuzz.jsonl")


@FUZZ
@given(st.one_of(texts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)))
def test_read_text_never_raises(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(data)
        items = list(read_text(path))
    assert len(items) == 1
    check(items, str(path))


@FUZZ
@given(texts)
def test_layout_offsets_are_sound(text):
    layout = analyse(text)
    last = -1
    for start, end in layout.boilerplate:
        assert last < start < end <= len(text) or (start == 0 and last == -1 and end <= len(text))
        last = end
    if layout.title:
        assert layout.title in text
    if layout.headline:
        assert not any(s < layout.headline[1] and layout.headline[0] < e for s, e in layout.boilerplate)
