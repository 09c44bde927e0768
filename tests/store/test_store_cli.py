"""The listing commands, run in-process on a database filled by the test."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from samples_store import corpus
from sitroom.cli import cli
from sitroom.store import open_store


@pytest.fixture
def db(target):
    with open_store(target) as s:
        s.write(corpus())
    return target


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run_json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_info_json(db):
    data = run_json("info", "--db", db)
    assert data["db"] == db and data["migrations"][0] == "0001_init"
    assert data["counts"]["articles"] == 3 and data["counts"]["events"] == 5


def test_info_table(db):
    out = run("info", "--db", db).output
    assert "migrations: 0001_init" in out and "articles" in out


def test_db_from_environment(db, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", db)
    assert run_json("info")["counts"]["articles"] == 3


@pytest.mark.parametrize("args, key, expected", [
    (["articles"], "id", ["a2", "a1", "a3"]),
    (["articles", "--limit", "1"], "id", ["a2"]),
    (["search", "rejected demand"], "id", ["a1"]),
    (["search", "NEAR( \" *"], "id", ["a1"]),  # NEAR is a word here ("near Ukraine")
    (["actors"], "code", ["RUS", "NATO", "USA"]),
    (["events", "--actor", "RUS"], "type", ["REQUEST", "MOBILIZE"]),
    (["events", "--target", "RUS", "--since", "2022-01"], "type", ["REJECT"]),
    (["events", "--type", "reject", "--until", "2021-12-31"], "article_id", ["a1"]),
    (["events", "--quad-class", "4"], "type", ["MOBILIZE"]),
    (["events", "--limit", "1"], "type", ["REQUEST"]),
    (["quotes", "--speaker", "Putin"], "article_id", ["a1"]),
    (["quotes", "--speaker", "NATO"], "article_id", ["a2"]),
    (["claims", "--unit", "troops"], "value", [100000, 10000]),
])
def test_listing_commands_json(db, args, key, expected):
    rows = run_json(*args, "--db", db)
    assert [r[key] for r in rows] == expected


def test_actor_command(db):
    data = run_json("actor", "RUS", "--db", db)
    assert data["code"] == "RUS" and data["people"][0]["name"] == "Vladimir Putin"
    out = run("actor", "RUS", "--db", db).output
    assert "Vladimir Putin" in out and "Moscow" in out


def test_unknown_actor_exits_1(db):
    result = run("actor", "XYZ", "--db", db)
    assert result.exit_code == 1 and "XYZ" in result.output


@pytest.mark.parametrize("args", [["articles"], ["events"], ["quotes"], ["claims"], ["actors"],
                                  ["search", "nato"]])
def test_tables_print_rows(db, args):
    result = run(*args, "--db", db)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) >= 2 and lines[0] == lines[0].upper()


def test_positions_board_is_proposal_by_actor_after_link(db):
    """The board (``sitroom positions``) reads what ``sitroom link`` merged: before it,
    it says to run link; after, one row per proposal, one column per actor."""
    before = run("positions", "--db", db)
    assert before.exit_code == 1 and "run `sitroom link`" in before.output
    assert run("link", "--db", db).exit_code == 0
    out = run("positions", "--db", db).output.splitlines()
    header = out[0].split()
    assert header[:3] == ["PROPOSAL", "BY", "ARTICLES"] and "USA" in header
    assert any("halt its expansion" in line and "reject" in line for line in out[1:])
    board = run_json("positions", "--db", db)
    assert [c["stance"] for r in board["items"] for c in r["cells"].values()] == ["reject"]


@pytest.mark.parametrize("args, message", [
    (["events", "--quad-class", "9"], "material conflict"),
    (["events", "--type", "HUG"], "ASSAULT"),
    (["events", "--since", "last week"], "YYYY-MM-DD"),
])
def test_bad_filters_are_usage_errors(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("cmd", [["info"], ["articles"], ["events"], ["search", "x"], ["actor", "RUS"]])
def test_missing_database_is_an_error_not_a_new_file(tmp_path, cmd):
    path = tmp_path / "nothing.db"
    result = run(*cmd, "--db", str(path))
    assert result.exit_code == 1 and "no database" in result.output
    assert not path.exists()
