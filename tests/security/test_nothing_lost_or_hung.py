"""Issue 19, tried from outside: the real CLI in a child process, with a wall-clock limit.

Nothing lost (a bad string fails its own record, never the batch), nothing hung (a FIFO
in a folder), nothing read that should not be (a symlink out of the folder), and no
formula cell in a CSV export."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3

import pytest

from security_helpers import SITROOM, child_env, run_measured

TEXT = "Russia accused Ukraine of provoking the crisis on Monday, officials in Moscow said. Case {}."


def lines(n: int = 10, **extra) -> list[dict]:
    return [{"id": f"r{i}", "text": TEXT.format(i), "source": "wire", **extra} for i in range(1, n + 1)]


def write_jsonl(path, records, raw: dict[int, str] | None = None) -> None:
    out = [json.dumps(r) for r in records]
    for number, line in (raw or {}).items():
        out[number - 1] = line
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def stored(db) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT given_id, id, origin FROM articles ORDER BY id").fetchall()


def sitroom(*args, stdin: bytes | None = None, limit_s: float = 120, cwd=None):
    return run_measured([*SITROOM, *map(str, args)], limit_s=limit_s, stdin=stdin, cwd=cwd)


def test_a_surrogate_title_line_fails_alone_named_and_the_other_nine_are_stored(tmp_path):
    path, db = tmp_path / "file.jsonl", tmp_path / "s.db"
    bad = json.dumps(lines()[2]).replace('"source": "wire"', '"source": "wire", "title": "bad \\udc80"')
    text_bad = json.dumps(lines()[6]).replace("Case", "Case \\ud800")
    write_jsonl(path, lines(), {3: bad, 7: text_bad})
    run = sitroom("ingest", path, "--db", db, "-q")
    assert run.returncode == 1 and not run.killed
    assert "Traceback" not in run.stderr + run.stdout
    assert f"failed: {path}:3: field 'title' holds a lone surrogate \\udc80" in run.stderr
    assert f"failed: {path}:7: field 'text' holds a lone surrogate" in run.stderr
    assert sorted(g for g, _, _ in stored(db)) == sorted(f"r{i}" for i in (1, 2, 4, 5, 6, 8, 9, 10))
    assert "stored 8" in run.stdout and "failed 2" in run.stdout


def test_a_surrogate_on_stdin_to_extract_fails_its_line_and_the_rest_are_extracted(tmp_path):
    bad = json.dumps(lines(3)[1]).replace("Case", "Case \\udc80")
    body = "\n".join([json.dumps(lines(3)[0]), bad, json.dumps(lines(3)[2])]) + "\n"
    run = sitroom("extract", stdin=body.encode())
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "<stdin>:2" in run.stderr and "lone surrogate" in run.stderr
    out = [json.loads(x) for x in run.stdout.splitlines()]
    assert [o.get("id") for o in out if "error" not in o] == ["r1", "r3"]


def test_a_folder_with_a_link_out_and_a_fifo_ends_promptly_with_its_three_files(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "f.db"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(TEXT.format(n))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(folder / "pipe.txt")
    raw_name = os.fsencode(folder) + b"/bad-\xff.txt"  # a non-UTF-8 name is read, shown escaped
    with open(raw_name, "wb") as f:
        f.write(TEXT.format("named").encode())
    run = sitroom("ingest", folder, "--db", db, "-q", limit_s=60)
    assert not run.killed, "ingest hung"
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "passwd.txt: skipped: symbolic link out of the folder" in run.stderr
    assert "pipe.txt: skipped: a named pipe (FIFO)" in run.stderr
    origins = sorted(os.path.basename(o) for _, _, o in stored(db))
    assert origins == ["0.txt", "1.txt", "2.txt", "bad-\\xff.txt"]
    with sqlite3.connect(db) as c:
        assert not c.execute("SELECT count(*) FROM articles WHERE text LIKE '%root:%'").fetchone()[0]


def test_the_same_id_from_two_sources_keeps_both_and_a_changed_text_is_reported(tmp_path):
    a, b, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "i.db"
    write_jsonl(a, [{"id": 7, "text": TEXT.format("A"), "source": "Wire A"}])
    write_jsonl(b, [{"id": "7", "text": TEXT.format("B"), "source": "Wire B"},
                    {"id": 7, "text": TEXT.format("A2"), "source": "Wire A"}])
    first = sitroom("ingest", a, "--db", db, "-q")
    run = sitroom("ingest", b, "--db", db, "-q")
    assert first.returncode == 0 and run.returncode == 0, run.stderr
    assert "kept: " in run.stderr and "stored as '7@Wire B'" in run.stderr
    assert "kept as a new version '7~" in run.stderr
    assert [g for g, _, _ in stored(db)] == ["7", "7", "7"]
    again = sitroom("ingest", a, b, "--db", db, "-q")
    assert "stored 0" in again.stdout and "skipped 3 as duplicates" in again.stdout
    refused = tmp_path / "c.jsonl"
    write_jsonl(refused, [{"id": "7", "text": TEXT.format("A3"), "source": "Wire A"}])
    run = run_measured([*SITROOM, "ingest", str(refused), "--db", str(db), "-q"], limit_s=120,
                       env=child_env(SITROOM_CHANGED_TEXT="refuse"))
    assert run.returncode == 1 and "not stored (changed_text = \"refuse\")" in run.stderr
    assert len(stored(db)) == 3


def test_a_cli_csv_export_has_no_formula_cell(tmp_path):
    src, db, out = tmp_path / "f.jsonl", tmp_path / "x.db", tmp_path / "events.csv"
    write_jsonl(src, [{"id": "=HYPERLINK(\"http://evil.example\",\"x\")", "source": "@SUM(1+1)",
                       "url": "-2+3+cmd|' /C calc'!A0", "published": "2021-12-20",
                       "text": "+Russia accused Ukraine of provoking the crisis on Monday."},
                      {"id": "-1", "source": "+wire", "published": "2021-12-21",
                       "text": "=Russia accused Ukraine of provoking the crisis on Tuesday."}])
    assert sitroom("ingest", src, "--db", db, "-q").returncode == 0
    assert sitroom("link", "--db", db).returncode == 0  # export reads what `link` saved
    run = sitroom("export", "--db", db, "--format", "csv", "--output", out)
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) > 2
    cells = [c for r in rows[1:] for c in r]
    for c in cells:
        if c[:1] in ("=", "+", "-", "@"):
            float(c)  # only a number may start with a sign
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'@SUM(1+1)" in cells
    assert "-1" in cells  # an id that is a number stays as it is
