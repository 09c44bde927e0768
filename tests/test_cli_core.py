"""`sitroom ingest` and `sitroom extract`, in-process."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli

ARTICLES = [
    {"id": "b", "text": "Russia massed more than 100,000 troops near Ukraine on Friday.",
     "published": "2021-12-17"},
    {"id": "a", "text": "The European Union imposed new sanctions on Belarus, officials said.",
     "published": "2021-12-20", "title": "EU sanctions Belarus"},
]


@pytest.fixture()
def runner():
    return CliRunner()


def write_jsonl(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


def test_extract_follows_the_contract_in_input_order(runner, tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(cli, ["extract", "--input", str(inp), "--output", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["b", "a"]
    assert all(x["contract"] == "sitroom.extract/1" for x in lines)
    assert lines[1]["title"] == "EU sanctions Belarus" and lines[0]["published"].startswith("2021-12-17")
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for x in lines:
        for e in x["entities"]:
            assert texts[x["id"]][e["start"]:e["end"]] == e["text"]
    assert any((e["actor"] or {}).get("code") == "RUS" for e in lines[0]["entities"])


def test_extract_is_deterministic(runner, tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    outs = []
    for i in range(2):
        out = tmp_path / f"out{i}.jsonl"
        assert runner.invoke(cli, ["extract", "--input", str(inp), "--output", str(out)]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_extract_bad_line_gives_error_line_and_exit_1(runner, tmp_path):
    inp = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1], extra_lines=['{"id": "broken", "text": '])
    out = tmp_path / "out.jsonl"
    res = runner.invoke(cli, ["extract", "--input", str(inp), "--output", str(out)])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 2 and lines[0]["id"] == "b"
    assert lines[1]["error"]["code"] and "in.jsonl:2" in lines[1]["error"]["message"]


def test_extract_reads_stdin(runner):
    res = runner.invoke(cli, ["extract"], input=json.dumps(ARTICLES[0]) + "\n")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[0])["id"] == "b"


def test_extract_bad_usage_exits_2(runner, tmp_path):
    res = runner.invoke(cli, ["extract", "--input", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2
    assert runner.invoke(cli, ["extract", "--processes", "0"]).exit_code == 2


def test_ingest_summary_idempotence_and_failures(runner, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_jsonl(src / "news.jsonl", ARTICLES)
    (src / "note.txt").write_text("NATO foreign ministers met in Riga on Tuesday.\n")
    (src / "empty.txt").write_text("")
    db = str(tmp_path / "s.db")
    res = runner.invoke(cli, ["ingest", str(src), "--db", db, "-q", "--json"])
    assert res.exit_code == 1, res.output  # the empty file failed
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert (summary["read"], summary["stored"], summary["failed"]) == (3, 3, 1)
    assert "empty.txt" in res.stderr
    again = runner.invoke(cli, ["ingest", str(src), "--db", db, "-q", "--json"])
    summary = json.loads(again.stdout[again.stdout.index("{"):])
    assert (summary["stored"], summary["duplicates"]) == (0, 3)
    info = runner.invoke(cli, ["info", "--db", db, "--json"])
    assert json.loads(info.stdout)["counts"]["articles"] == 3
