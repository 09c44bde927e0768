"""Events below a confidence are stored, and left out of the events query on request."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from samples_store import NATO, RUS, USA, asp, sp
from sitroom.cli import cli
from sitroom.errors import UsageError
from sitroom.records import Article, Event, Extraction
from sitroom.store import open_store

TEXT = ("Russia warned NATO on Monday. Russia praised the United States. "
        "NATO accused Russia of lying. The United States called NATO.")


def article() -> tuple[Article, Extraction]:
    t = TEXT

    def ev(type_, trigger, sentence, src, tgt, conf):
        return Event(type_, sp(t, trigger), sp(t, sentence), source=(asp(t, *src),),
                     target=(asp(t, *tgt),), confidence=conf)
    events = (
        ev("THREATEN", "warned", "Russia warned NATO on Monday.", ("Russia", RUS), ("NATO", NATO), 0.3),
        ev("SUPPORT", "praised", "Russia praised the United States.", ("Russia", RUS, 1),
           ("United States", USA), 0.4999999),
        ev("ACCUSE", "accused", "NATO accused Russia of lying.", ("NATO", NATO, 1), ("Russia", RUS, 2), 0.9),
        ev("CONSULT", "called", "The United States called NATO.", ("United States", USA, 1),
           ("NATO", NATO, 2), 0.5),
    )
    return Article("c1", t, published="2022-01-10"), Extraction("c1", published="2022-01-10", events=events)


@pytest.fixture
def db(target):
    with open_store(target) as s:
        s.write([article()])
    return target


def types(rows) -> list[str]:
    return [r["type"] for r in rows]


def test_every_event_is_stored_with_its_confidence(db):
    with open_store(db) as s:
        rows = s.events()
    assert types(rows) == ["THREATEN", "SUPPORT", "ACCUSE", "CONSULT"]
    assert [round(r["confidence"], 3) for r in rows] == [0.3, 0.5, 0.9, 0.5]


@pytest.mark.parametrize("minimum, expected", [
    (None, ["THREATEN", "SUPPORT", "ACCUSE", "CONSULT"]),
    (0, ["THREATEN", "SUPPORT", "ACCUSE", "CONSULT"]),
    (0.5, ["SUPPORT", "ACCUSE", "CONSULT"]),  # 0.4999999 counts as its reported 0.5
    (0.6, ["ACCUSE"]),
    (1, []),
])
def test_events_query_leaves_out_events_below_the_minimum(db, minimum, expected):
    with open_store(db) as s:
        assert types(s.events(min_confidence=minimum)) == expected


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "RUS"}, ["SUPPORT"]),           # the actor-driven query path
    ({"target": "NATO"}, ["CONSULT"]),
    ({"actor": "USA", "target": "NATO"}, ["CONSULT"]),
    ({"type": "ACCUSE"}, ["ACCUSE"]),
])
def test_minimum_combines_with_the_other_filters(db, filters, expected):
    with open_store(db) as s:
        assert types(s.events(min_confidence=0.5, **filters)) == expected
        assert len(s.events(**filters)) >= len(expected)


def test_a_bad_minimum_is_a_usage_error(db):
    with open_store(db) as s, pytest.raises(UsageError, match="min_confidence"):
        s.events(min_confidence=3)


def run_events(db, *args, env=None):
    res = CliRunner().invoke(cli, ["events", "--db", db, "--json", *args], env=env, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return types(json.loads(res.output))


def test_cli_events_uses_the_setting_by_default(db, monkeypatch):
    monkeypatch.delenv("SITROOM_MIN_CONFIDENCE", raising=False)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    assert run_events(db) == ["SUPPORT", "ACCUSE", "CONSULT"]  # packaged default 0.5
    assert run_events(db, env={"SITROOM_MIN_CONFIDENCE": "0.8"}) == ["ACCUSE"]


def test_cli_events_min_confidence_option(db):
    assert run_events(db, "--min-confidence", "0") == ["THREATEN", "SUPPORT", "ACCUSE", "CONSULT"]
    assert run_events(db, "--min-confidence", "0.6") == ["ACCUSE"]
    assert run_events(db, "--min-confidence", "0.6", "--actor", "RUS") == []
    res = CliRunner().invoke(cli, ["events", "--db", db, "--min-confidence", "-1"])
    assert res.exit_code == 2
