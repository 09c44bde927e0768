"""JSON Lines, JSON and CSV readers: fields, mapping, ids, and bad records."""
from __future__ import annotations

import io
import json

import pytest

from sitroom.errors import UsageError
from sitroom.ingest import read_csv, read_json, read_jsonl
from sitroom.records import Article, Failure
from sitroom.settings import Settings

BODY = "Moscow sent more troops to the border on Monday, officials said."


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)])


def jsonl(*records) -> io.StringIO:
    return io.StringIO("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")


def test_jsonl_fields_are_read():
    rec = {"id": "x1", "text": BODY, "title": "Troops", "published": "2021-12-17", "url": "https://e.x/a",
           "source": "Example", "section": "World", "byline": "Jane Doe"}
    [a] = read_jsonl(jsonl(rec), "in.jsonl")
    assert (a.id, a.text, a.title, a.published, a.published_from, a.url, a.source, a.section, a.byline) == (
        "x1", BODY, "Troops", "2021-12-17", "given", "https://e.x/a", "Example", "World", "Jane Doe")
    assert a.origin == "in.jsonl:1"
    assert a.content_hash and len(a.content_hash) == 40


def test_seed_through_jsonl_gets_its_metadata(seed_text):
    [a] = read_jsonl(jsonl({"id": "seed", "text": seed_text}), "seed.jsonl")
    assert a.id == "seed" and a.text == seed_text
    assert a.published == "2021-12-17" and a.published_from == "dateline"
    assert a.section == "World"
    assert "U.S. to consider Russia's NATO proposal" in a.title
    blanked = [seed_text[s:e] for s, e in a.boilerplate]
    assert "Photo: Mikhail Svetlov/Getty Images" in blanked
    assert any(b.startswith("Go deeper") for b in blanked)
    assert not any("Vladimir Putin" in b for b in blanked)


def test_given_metadata_wins_over_the_dateline(seed_text):
    [a] = read_jsonl(jsonl({"text": seed_text, "published": "2021-12-18", "title": "Given", "section": "Europe"}),
                     "x")
    assert (a.published, a.published_from, a.title, a.section) == ("2021-12-18", "given", "Given", "Europe")


@pytest.mark.parametrize("given, expected", [
    ("2022-06-24T17:30:00Z", "2022-06-24T17:30:00Z"),
    ("December 17, 2021", "2021-12-17"),
    ("Fri, 17 Dec 2021 10:00:00 GMT", "2021-12-17T10:00:00+00:00"),
    ("sometime", None),                      # not a date: dropped, not passed on
])
def test_given_dates_are_normalised_when_possible(given, expected):
    [a] = read_jsonl(jsonl({"text": BODY, "published": given}), "x")
    assert a.published == expected


def test_ids_are_stable_content_hashes():
    first = [a.id for a in read_jsonl(jsonl({"text": BODY}, {"text": BODY + " More."}), "a")]
    again = [a.id for a in read_jsonl(jsonl({"text": "  " + BODY.replace(" ", "  ")}, {"text": BODY + " More."}), "b")]
    assert first == again                       # whitespace does not change the hash
    assert first[0] != first[1]
    assert all(i.startswith("a-") and len(i) == 18 for i in first)


def test_mapping_renames_fields():
    rec = {"doc_id": "d7", "body": BODY, "headline": "Troops", "text": "not this"}
    [a] = read_jsonl(jsonl(rec), "x", mapping={"text": "body", "id": "doc_id"})
    assert (a.id, a.text, a.title) == ("d7", BODY, "Troops")


def test_common_field_names_are_understood():
    [a] = read_jsonl(jsonl({"content": BODY, "date": "2021-12-17", "link": "https://e.x/a"}), "x")
    assert (a.text, a.published, a.url) == (BODY, "2021-12-17", "https://e.x/a")


def test_unknown_mapping_field_is_a_usage_error():
    with pytest.raises(UsageError, match="valid fields"):
        list(read_jsonl(jsonl({"text": BODY}), "x", mapping={"body": "text"}))


def test_bad_jsonl_lines_fail_alone():
    stream = jsonl({"id": "ok1", "text": BODY}, "{broken", {"id": "notext"}, '["a list"]', "",
                   {"text": "   "}, {"text": 42}, {"id": "ok2", "text": BODY})
    good, bad = split(read_jsonl(stream, "in.jsonl"))
    assert [a.id for a in good] == ["ok1", "ok2"]
    assert [(f.item, f.code) for f in bad] == [
        ("in.jsonl:2", "parse"), ("in.jsonl:3", "empty"), ("in.jsonl:4", "parse"),
        ("in.jsonl:6", "empty"), ("in.jsonl:7", "parse")]
    for f in bad:
        assert f.item in f.message and "\n" not in f.message
    assert "text" in bad[1].message


def test_jsonl_from_bytes_with_bad_utf8_line():
    data = (json.dumps({"text": BODY}).encode() + b"\n" + b'{"text": "\xff\xfe\x80\x81\x82\x83"}\x00\n'
            + json.dumps({"text": "Kyiv asked for help."}).encode() + b"\n")
    good, bad = split(read_jsonl(io.BytesIO(data), "b.jsonl"))
    assert len(good) == 2 and [f.item for f in bad] == ["b.jsonl:2"]


def test_texts_over_max_chars_fail():
    settings = Settings(max_chars=30)
    good, bad = split(read_jsonl(jsonl({"text": BODY}, {"text": "Short text."}), "x", settings=settings))
    assert [a.text for a in good] == ["Short text."]
    assert bad[0].code == "too_large" and "max_chars" in bad[0].message


def test_json_list_object_and_wrapped(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": BODY}, "nope", {"text": ""}]))
    (tmp_path / "one.json").write_text(json.dumps({"id": "b", "text": BODY}))
    (tmp_path / "wrap.json").write_text(json.dumps({"articles": [{"id": "c", "text": BODY}]}))
    good, bad = split(read_json(tmp_path / "list.json"))
    assert [a.id for a in good] == ["a"]
    assert [f.item for f in bad] == [f"{tmp_path / 'list.json'}[1]", f"{tmp_path / 'list.json'}[2]"]
    assert [a.id for a in read_json(tmp_path / "one.json")] == ["b"]
    assert [a.id for a in read_json(tmp_path / "wrap.json")] == ["c"]


def test_malformed_json_file_is_one_failure(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"},\n{"text": ')
    [f] = read_json(path)
    assert f.code == "parse" and str(path) in f.message and "line 2" in f.message


def test_csv_rows_with_mapping(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('doc_id,body,published\nr1,"' + BODY + '",2021-12-17\nr2,,2021-12-18\n'
                    'r3,"Two\nlines of text.",2021-12-19\n', encoding="utf-8")
    good, bad = split(read_csv(path, {"id": "doc_id", "text": "body"}))
    assert [(a.id, a.published) for a in good] == [("r1", "2021-12-17"), ("r3", "2021-12-19")]
    assert good[1].text == "Two\nlines of text."
    assert [f.item for f in bad] == [f"{path}:3"]
    assert f"{path}:3" in bad[0].message


def test_csv_semicolons_and_missing_text_column(tmp_path):
    semi = tmp_path / "semi.csv"
    semi.write_text("id;text\ns1;" + BODY.replace(",", "") + "\n")
    assert [a.id for a in read_csv(semi)] == ["s1"]
    none = tmp_path / "none.csv"
    none.write_text("id,title\n1,Hello\n")
    [f] = read_csv(none)
    assert f.code == "parse" and "no text column" in f.message and "id, title" in f.message


def test_date_in_the_url_is_the_last_resort():
    [a] = read_jsonl(jsonl({"text": BODY, "url": "https://e.x/2022/02/24/war"}), "x")
    assert (a.published, a.published_from) == ("2022-02-24", "url")
    [b] = read_jsonl(jsonl({"text": BODY, "url": "https://e.x/2022/13/24/war"}), "x")
    assert (b.published, b.published_from) == (None, None)


def test_jsonl_without_records_is_one_failure():
    [f] = read_jsonl(io.StringIO("\n  \n"), "blank.jsonl")
    assert (f.item, f.code) == ("blank.jsonl", "empty")
    [a] = read_jsonl(io.BytesIO(b"\xef\xbb\xbf" + json.dumps({"text": BODY}).encode()), "bom.jsonl")
    assert a.text == BODY


def test_jsonl_corpus_larger_than_max_bytes_streams_and_only_an_overlong_line_fails(tmp_path):
    import json as _json

    from sitroom.ingest import read
    from sitroom.records import Article, Failure
    from sitroom.settings import Settings

    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(50):
            f.write(_json.dumps({"id": f"n{i}", "text": f"Item {i}: officials met in Riga."}) + "\n")
        f.write(_json.dumps({"id": "huge", "text": "x " * 600}) + "\n")
        f.write(_json.dumps({"id": "after", "text": "The talks went on."}) + "\n")
    settings = Settings(max_bytes=1000)
    assert path.stat().st_size > settings.max_bytes
    items = list(read([str(path)], settings))
    assert [a.id for a in items if isinstance(a, Article)] == [f"n{i}" for i in range(50)] + ["after"]
    (bad,) = [x for x in items if isinstance(x, Failure)]
    assert bad.code == "too_large" and bad.item.endswith("big.jsonl:51")


def test_reading_json_lines_imports_no_feed_html_or_web_library(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x1", "text": "Ministers met in Port Vell on Monday."}\n', encoding="utf-8")
    code = ("import sys\nfrom sitroom.ingest import read\n"
            f"items = list(read([{str(src)!r}]))\n"
            "heavy = [m for m in ('trafilatura', 'htmldate', 'feedparser', 'httpx', 'lxml') if m in sys.modules]\n"
            "from sitroom.ingest import read_html, fetch_url, read_feed\n"
            "print(len(items), items[0].id, heavy, 'trafilatura' in sys.modules, 'httpx' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "x1", "[]", "True", "True"]
