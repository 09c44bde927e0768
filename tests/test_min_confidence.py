"""The min_confidence setting: what extraction reports (records, sitroom.extract, `sitroom extract`)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import UsageError
from sitroom.pipeline import extract
from sitroom.records import Event, Extraction, Quote, Span, confidence_floor
from sitroom.settings import Settings, load_settings

TEXT = "Ukraine urged the European Union to impose sanctions. Someone threatened reporters."
THRESHOLD = 0.7


def _event(text: str, word: str, confidence: float) -> Event:
    at = text.index(word)
    return Event("ACCUSE", Span.of(text, at, at + len(word)), Span.of(text, 0, len(text)),
                 confidence=confidence)


def _extraction(*confidences: float) -> Extraction:
    text = "one two three four five"
    words = text.split()
    quote = Quote("direct", Span.of(text, 0, 3))
    return Extraction("x", events=tuple(_event(text, words[i], c) for i, c in enumerate(confidences)),
                      quotes=(quote,))


@pytest.mark.parametrize("minimum, kept", [
    (0, [0.1, 0.5, 0.5, 0.9]),       # an Event keeps its confidence as reported: 0.4999999 is 0.5
    (0.5, [0.5, 0.5, 0.9]),
    (0.51, [0.9]),
    (1, []),
])
def test_confident_keeps_events_at_or_above_the_minimum(minimum, kept):
    x = _extraction(0.1, 0.5, 0.4999999, 0.9)
    out = x.confident(minimum)
    assert [e.confidence for e in out.events] == kept
    assert out.quotes == x.quotes and out.article_id == "x"


def test_confident_leaves_an_extraction_without_events_alone():
    x = Extraction("x")
    assert x.confident(0.5).events is None


@pytest.mark.parametrize("bad", [-0.1, 1.5, "high", None, float("nan")])
def test_a_minimum_outside_0_to_1_names_the_valid_values(bad):
    with pytest.raises(UsageError, match="from 0 to 1"):
        confidence_floor(bad)


def test_the_packaged_default_is_a_setting(monkeypatch, tmp_path):
    monkeypatch.delenv("SITROOM_MIN_CONFIDENCE", raising=False)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_settings().min_confidence == 0.5
    monkeypatch.setenv("SITROOM_MIN_CONFIDENCE", "0.25")
    assert load_settings().min_confidence == 0.25


@pytest.fixture(scope="module")
def all_events() -> tuple[Event, ...]:
    events = extract(TEXT, published="2022-01-10", min_confidence=0).events
    # the sentences are written to give events on both sides of THRESHOLD
    assert any(round(e.confidence, 3) < THRESHOLD for e in events), events
    assert any(round(e.confidence, 3) >= THRESHOLD for e in events), events
    return events


def _reported(events, minimum):
    return [(e.type, e.trigger.start) for e in events if round(e.confidence, 3) >= minimum]


def test_python_extract_honours_the_setting_and_the_keyword(all_events):
    got = extract(TEXT, published="2022-01-10", settings=Settings(min_confidence=THRESHOLD)).events
    assert [(e.type, e.trigger.start) for e in got] == _reported(all_events, THRESHOLD)
    got = extract(TEXT, published="2022-01-10", settings=Settings(min_confidence=1),
                  min_confidence=THRESHOLD).events
    assert [(e.type, e.trigger.start) for e in got] == _reported(all_events, THRESHOLD)


def test_python_extract_refuses_a_bad_minimum():
    with pytest.raises(UsageError):
        extract(TEXT, min_confidence=2)


def _cli_events(tmp_path, *args, env=None) -> list[tuple[str, int]]:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2022-01-10"}) + "\n")
    res = CliRunner().invoke(cli, ["extract", "--input", str(inp), "--output", str(out), *args], env=env)
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    return [(e["type"], e["trigger"]["start"]) for e in line["events"]]


def test_cli_extract_reports_events_at_or_above_the_setting(tmp_path, all_events, monkeypatch):
    monkeypatch.delenv("SITROOM_MIN_CONFIDENCE", raising=False)
    assert _cli_events(tmp_path) == _reported(all_events, load_settings().min_confidence)
    assert _cli_events(tmp_path, env={"SITROOM_MIN_CONFIDENCE": str(THRESHOLD)}) == _reported(
        all_events, THRESHOLD)


def test_cli_extract_min_confidence_option_overrides_it(tmp_path, all_events):
    assert _cli_events(tmp_path, "--min-confidence", "0") == _reported(all_events, 0)
    assert _cli_events(tmp_path, "--min-confidence", str(THRESHOLD)) == _reported(all_events, THRESHOLD)
    assert len(_cli_events(tmp_path, "--min-confidence", "0")) == len(all_events)


def test_cli_extract_refuses_a_minimum_above_1(tmp_path):
    res = CliRunner().invoke(cli, ["extract", "--input", str(tmp_path / "x.jsonl"), "--min-confidence", "1.5"])
    assert res.exit_code == 2 and "1.5" in res.output


def test_ingest_stores_every_event_whatever_the_setting(tmp_path, all_events):
    from sitroom.pipeline import ingest
    from sitroom.store import open_store

    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2022-01-10"}) + "\n")
    db = str(tmp_path / "s.db")
    report = ingest([str(src)], db=db, settings=Settings(min_confidence=1))
    assert report.stored == 1
    with open_store(db) as store:
        rows = store.events()
        assert sorted((r["type"], r["trigger"]["start"]) for r in rows) == sorted(_reported(all_events, 0))
        assert [r["type"] for r in store.events(min_confidence=THRESHOLD)] == [
            t for t, _ in _reported(all_events, THRESHOLD)]
