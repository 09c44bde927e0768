"""The low findings of issue 19: terminal escapes, a settings file in the working
directory, typo'd databases, passwords in URLs, UTF-16 JSON Lines, and failures that
printed tracebacks (closed stdin/stdout, a full disk, a huge --limit, a negative limit)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from security_helpers import child_env
from sitroom.cli import cli
from sitroom.errors import UsageError
from sitroom.ingest import read
from sitroom.records import Article
from sitroom.settings import load_settings
from sitroom.store.base import redact_url

TEXT = "Russia accused Ukraine of provoking the crisis on Monday, officials in Moscow said. Case {}."
CLI = [sys.executable, "-c", "from sitroom.cli import main; main()"]


@pytest.fixture()
def db(tmp_path) -> str:
    """A small store whose title and source hold terminal escape sequences."""
    from samples_db import stored_db

    return stored_db(tmp_path)


def run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env=child_env(), **kw)


# ---------------------------------------------------------------- settings

def test_a_settings_file_in_the_working_directory_is_announced(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    (tmp_path / "sitroom.toml").write_text("batch_size = 8\n")
    assert load_settings().batch_size == 8
    assert f"reading settings from {tmp_path / 'sitroom.toml'}" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["allow_private_urls = true", 'api_token = "x"'])
def test_a_settings_file_in_the_working_directory_cannot_lower_a_security_setting(monkeypatch, tmp_path, line):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    (tmp_path / "sitroom.toml").write_text(line + "\n")
    with pytest.raises(UsageError, match="lowers a security setting; pass it with --config"):
        load_settings()
    trusted = load_settings(tmp_path / "sitroom.toml")  # named explicitly: the operator's choice
    assert trusted.allow_private_urls or trusted.api_token == "x"


@pytest.mark.parametrize("env", [{"SITROOM_MAX_BYTES": "-5"}, {"SITROOM_MAX_CHARS": "0"},
                                 {"SITROOM_FETCH_TIMEOUT": "-1"}, {"SITROOM_CHANGED_TEXT": "overwrite"}])
def test_a_negative_or_bad_limit_is_a_usage_error_not_a_traceback(tmp_path, env):
    done = subprocess.run([*CLI, "info", "--db", str(tmp_path / "x.db")], capture_output=True, text=True,
                          env=child_env(**env), timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "must be above 0" in done.stderr or "valid: version, refuse" in done.stderr


# ---------------------------------------------------------------- databases and URLs

def test_serve_with_a_typo_db_is_an_error_and_creates_nothing(tmp_path):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo.db")])
    assert res.exit_code == 1 and "no database at" in res.output
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize("url", ["postgresql://bob:hunter2@127.0.0.1:1/x",
                                 "postgresql://bob:hun@ter/2@127.0.0.1:1/x",
                                 "postgresql://bob@127.0.0.1:1/x?password=hunter2"])
def test_passwords_in_database_urls_are_never_echoed(url):
    assert "hunter2" not in redact_url(url) and "ter/2" not in redact_url(url)
    res = CliRunner().invoke(cli, ["info", "--db", url])
    assert res.exit_code != 0 and "hunter2" not in res.output and "ter/2" not in res.output


def test_a_huge_limit_is_a_usage_error(db):
    res = CliRunner().invoke(cli, ["articles", "--db", db, "--limit", "99999999999999999999"])
    assert res.exit_code == 2 and "and <= 4611686018427387904" in res.output, res.output


# ---------------------------------------------------------------- terminal escapes

def test_terminal_escapes_in_stored_text_and_file_names_never_reach_the_terminal(db, tmp_path):
    res = CliRunner().invoke(cli, ["articles", "--db", db])
    assert res.exit_code == 0 and "Evil" in res.output and "\x1b" not in res.output
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "x\x1b]0;owned\x07\x1b[2J.bin").write_bytes(b"\x00\x01binary")
    done = run("ingest", bad, "--db", tmp_path / "e.db", "-q")
    assert done.returncode == 1 and "failed:" in done.stderr and "\x1b" not in done.stderr


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_json_lines_are_decoded(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    body = "".join(json.dumps({"id": f"u{i}", "text": TEXT.format(i), "title": "Тема"}) + "\n" for i in range(3))
    path.write_bytes(body.encode(encoding))
    items = list(read([str(path)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["u0", "u1", "u2"]
    assert items[0].title == "Тема"


# ---------------------------------------------------------------- no tracebacks

def test_a_closed_stdout_ends_quietly(db):
    proc = subprocess.Popen([*CLI, "articles", "--db", db, "--limit", "1000"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_env())
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(60)
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("command", ["ingest - --db {db}", "extract"])
def test_a_closed_stdin_is_one_clear_line(tmp_path, command):
    line = " ".join(CLI[:2]) + f" '{CLI[2]}' " + command.format(db=tmp_path / "c.db")
    done = subprocess.run(["sh", "-c", f"exec {line} <&-"], capture_output=True, text=True,
                          env=child_env(), timeout=60)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "standard input is closed" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_during_export_is_one_error_line(db):
    assert run("link", "--db", db).returncode == 0  # export reads what `link` saved
    res = run("export", "--db", db, "--format", "jsonl", "--output", "/dev/full")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "cannot write the export to /dev/full" in res.stderr
