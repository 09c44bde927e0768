"""Hostile files: each fails alone with a named one-line reason, in bounded time and
memory, and the good articles of the same batch are still read and stored.

The corpus is written by the tests into tmp_path (see ``security_helpers.hostile_files``):
empty, binary, NUL bytes, invalid UTF-8, mixed encodings, a 40 MB text, 200,000 nested
HTML elements, billion laughs (UTF-8 and UTF-16), an external entity (XXE), gzip bombs,
JSON Lines with broken lines, a CSV with a 3 MB field, and 120,000 quote marks,
emoji and dollar signs without a space (spaCy's tokenizer is quadratic on such runs).
"""
from __future__ import annotations

import io
import json
import sqlite3
import time
from pathlib import Path

import pytest

from security_helpers import (GOOD, SITROOM, XXE, Finished, child_env, hostile_files, integrity,
                              python_snippet, run_measured)
from sitroom.ingest import read
from sitroom.records import Article, Failure
from sitroom.settings import Settings

READ_ALL = """
import json, sys, time
from sitroom.ingest import read
from sitroom.settings import Settings
start = time.perf_counter()
settings = Settings(max_bytes=int(sys.argv[2]))
items = [(type(i).__name__, getattr(i, "code", None)) for i in read([sys.argv[1]], settings)]
print(json.dumps({"items": items, "seconds": time.perf_counter() - start}))
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, str], set[str]]:
    folder = tmp_path_factory.mktemp("hostile")
    failing, good = hostile_files(folder)
    return folder, failing, good


def relative(item: str, folder: Path) -> str:
    return item[len(str(folder)) + 1:] if item.startswith(str(folder)) else item


def test_every_hostile_file_fails_alone_with_a_named_one_line_reason(hostile):
    folder, failing, good = hostile
    start = time.perf_counter()
    items = list(read([str(folder)]))
    elapsed = time.perf_counter() - start
    failures = {relative(f.item, folder): f for f in items if isinstance(f, Failure)}
    assert {k: f.code for k, f in failures.items()} == failing
    for item, f in failures.items():
        assert f.message.startswith(f"{folder / item}: ") and "\n" not in f.message
        assert "Traceback" not in f.message and len(f.message) < 400
    articles = [a for a in items if isinstance(a, Article)]
    assert good <= {a.id for a in articles}
    assert len(articles) == len(good) + 3  # good.txt, affix-runs.txt and the mixed-encoding text: hashed ids
    assert elapsed < 30, f"reading the hostile corpus took {elapsed:.1f} s"


@pytest.mark.parametrize("name, reason", [
    ("huge.txt", "over the limit of 20000000 (max_bytes)"),
    ("laughs.xml", "declares XML entities"),
    ("laughs-utf16.rss", "EntitiesForbidden"),
    ("xxe.rss", "declares XML entities"),
    ("nested.html", "no main text found"),
    ("bomb.gz", "binary content"),
])
def test_the_reason_names_the_danger(hostile, name, reason):
    folder, _, _ = hostile
    [f] = read([str(folder / name)])
    assert isinstance(f, Failure) and reason in f.message


def test_external_entities_are_never_resolved(tmp_path):
    """Even a feed that hides its DTD from the entity scan leaks nothing from /etc/passwd."""
    variants = {"plain.rss": XXE.encode(), "utf16.rss": XXE.encode("utf-16"),
                "spaced.rss": XXE.replace("<!ENTITY", "<! ENTITY").encode()}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    for item in read([str(tmp_path)]):
        assert isinstance(item, Failure) and item.code == "parse", item
        assert "root:" not in item.message


def test_an_external_dtd_is_not_fetched(tmp_path):
    """A DOCTYPE naming an external DTD: the feed is read, the DTD never requested."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "pwned">')

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        feed = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:{port}/evil.dtd">'
                '<rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>x</title>'
                f"<description>{GOOD}</description></item></channel></rss>")
        (tmp_path / "dtd.rss").write_text(feed)
        [a] = read([str(tmp_path / "dtd.rss")], Settings(allow_private_urls=True))
        assert isinstance(a, Article) and "pwned" not in a.text
        assert asked == []
    finally:
        server.shutdown()
        server.server_close()


def test_stdin_over_the_limit_is_refused_without_reading_it_all():
    data = io.BytesIO(b"Troops massed. " * 3_000_000)  # 45 MB
    stdin = io.TextIOWrapper(data)
    [f] = read(["-"], Settings(), stdin=stdin)
    assert f.code == "too_large" and f.item == "<stdin>"
    assert data.tell() <= Settings().max_bytes + 1 + io.DEFAULT_BUFFER_SIZE


def _read_in_child(folder: Path, max_bytes: int) -> tuple[Finished, dict]:
    done = python_snippet(READ_ALL, str(folder), str(max_bytes), limit_s=120)
    assert done.returncode == 0 and not done.killed, done.stderr[-2000:]
    return done, json.loads(done.stdout.strip().splitlines()[-1])


def test_reading_the_hostile_corpus_is_bounded_in_time_and_memory(hostile):
    """Measured in a child process of its own (peak RSS by os.wait4)."""
    folder, failing, good = hostile
    done, out = _read_in_child(folder, Settings().max_bytes)
    assert sum(kind == "Failure" for kind, _ in out["items"]) == len(failing)
    assert out["seconds"] < 30
    assert 0 < done.peak_rss_mb < 250, f"peak RSS {done.peak_rss_mb:.0f} MB"


def test_a_40_mb_text_read_under_a_raised_byte_limit_stops_at_max_chars(tmp_path):
    """With max_bytes raised above 40 MB the file is read and decoded, then refused
    by max_chars; memory stays a small multiple of the file."""
    (tmp_path / "huge.txt").write_bytes((GOOD + "\n").encode() * (40_000_000 // (len(GOOD) + 1) + 1))
    done, out = _read_in_child(tmp_path, 60_000_000)
    assert out["items"] == [["Failure", "too_large"]]
    assert out["seconds"] < 20
    assert 0 < done.peak_rss_mb < 400, f"peak RSS {done.peak_rss_mb:.0f} MB"


@pytest.fixture(scope="module")
def hostile_ingest(hostile, tmp_path_factory) -> tuple[Finished, Path]:
    folder, _, _ = hostile
    db = tmp_path_factory.mktemp("hostile-db") / "hostile.db"
    done = run_measured([*SITROOM, "ingest", str(folder), "--db", str(db), "-q"], limit_s=240,
                        env=child_env())
    assert not done.killed, "sitroom ingest of the hostile corpus did not finish in 240 s"
    return done, db


def test_cli_ingest_of_a_hostile_folder_exits_1_and_names_every_failure(hostile, hostile_ingest):
    folder, failing, _ = hostile
    done, _ = hostile_ingest
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    failed_lines = [line for line in done.stderr.splitlines() if line.startswith("failed: ")]
    named = {relative(line.removeprefix("failed: ").split(": ", 1)[0], folder) for line in failed_lines}
    assert named == set(failing)
    assert f"failed {len(failing)}" in done.stdout


def test_cli_ingest_of_a_hostile_folder_stores_the_good_items(hostile, hostile_ingest):
    _, _, good = hostile
    done, db = hostile_ingest
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert good <= ids and len(ids) == len(good) + 3
    assert f"stored {len(good) + 3}" in done.stdout
    assert done.wall_s < 240 and 0 < done.peak_rss_mb < 800, (done.wall_s, done.peak_rss_mb)


CRASHING_INGEST = """
import sitroom.extract
import sitroom.ingest.html as html_reader
real = sitroom.extract.extract_doc
def extract_doc(doc, article, settings=None):
    if "crash" in article.text:
        raise RuntimeError("extractor bug")
    return real(doc, article, settings)
def bare_extraction(*args, **kwargs):
    raise RuntimeError("parser bug")
sitroom.extract.extract_doc = extract_doc
html_reader.trafilatura.bare_extraction = bare_extraction
from sitroom.cli import main
main()
"""


def test_an_unexpected_crash_is_one_failure_line_without_a_traceback(tmp_path):
    """A reader or an extractor that crashes (a bug, not bad input) fails its item only;
    the command prints one line for it, not a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(f"<html><body><p>{GOOD}</p></body></html>")
    (folder / "crash.txt").write_text("Officials said the talks would crash on Monday.")
    (folder / "good.txt").write_text(GOOD)
    done = python_snippet(CRASHING_INGEST, "ingest", str(folder), "--db", str(tmp_path / "c.db"), "-q",
                          limit_s=120)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    failed = sorted(line for line in done.stderr.splitlines() if line.startswith("failed: "))
    assert len(failed) == 2 and "RuntimeError: extractor bug" in failed[0] and "RuntimeError: parser bug" in failed[1]
    assert "stored 1" in done.stdout


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#xDFFF;", "&#99999999;", "&#x110000;", "&#0;"])
def test_a_feed_with_a_forbidden_character_reference_keeps_its_good_entries(tmp_path, ref):
    """Surrogates and code points past U+10FFFF crashed feedparser and lost the whole feed."""
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            f"<item><guid>bad</guid><title>a {ref} b</title><description>NATO warned Russia {ref} on Monday."
            "</description></item><item><guid>good</guid><title>ok</title><description>Kyiv asked Washington "
            "for help on Monday.</description></item></channel></rss>")
    (tmp_path / "refs.rss").write_text(feed)
    items = list(read([str(tmp_path / "refs.rss")]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert "\x00" not in items[0].text and "\ufffd" in items[0].text


def test_long_runs_of_affix_characters_parse_in_linear_time():
    """spaCy's tokenizer is quadratic on a run of prefix characters (8,000 quote marks
    took 5.5 s, 200,000 did not finish in 14 minutes); such runs are blanked first."""
    from sitroom.ingest import text_article
    from sitroom.nlp import parse

    parse(text_article("Russia warned Ukraine on Monday.", "warm-up"))
    for run in ('"', "\U0001F600", "$", "'s", ","):
        text = run * (200_000 // len(run)) + "\nRussia warned Ukraine on Monday."
        start = time.perf_counter()
        doc = parse(text_article(text, "runs"))
        assert time.perf_counter() - start < 10, run
        assert len(doc.text) == len(text) and doc[-2].text == "Monday"  # offsets kept
