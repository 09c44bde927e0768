"""PLOVER gold evaluation: the scoring rules, the CLI, and pinned quality floors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.errors import UsageError
from sitroom.evaluation.plover import GoldEvent, evaluate, load_gold, score
from sitroom.records import Actor, ActorSpan, Event, Span

# Floors at what the coder reaches on PLOVER_GSR_CAMEO.json (minus a small margin),
# so that quality cannot silently drop. End to end, a record whose type is missed counts as
# a miss for its source and target. Top-1 is lower than it was (0.83) by choice: the
# whole-article annotation guide codes an announced act ("will visit", "will provide aid")
# as that act in the future, where these records code it as an expression of intent
# (AGREE); the intent reading is kept, with a lower confidence.
FLOORS = {"type_recall": 0.87, "top1_accuracy": 0.79, "source_accuracy": 0.88, "target_accuracy": 0.78,
          "source_end_to_end": 0.79, "target_end_to_end": 0.69}


def _actor(code: str, sector: str | None = None) -> ActorSpan:
    return ActorSpan(Span(0, 1, "x"), Actor(code, sector=sector))


def _event(type_: str, conf: float, source=(), target=()) -> Event:
    return Event(type_, Span(0, 1, "x"), Span(0, 1, "x"), tuple(source), tuple(target), confidence=conf)


def test_score_counts_recall_top1_and_codes():
    gold = [GoldEvent("a", "t", None, "ASSAULT", ("RUS",), ("UKR",)),
            GoldEvent("b", "t", None, "REQUEST", ("UKR",), ("IGO",)),
            GoldEvent("c", "t", None, "AID", ("USA",), ())]
    found = [
        [_event("THREATEN", 0.9, [_actor("RUS")]), _event("ASSAULT", 0.5, [_actor("RUS")], [_actor("UKR")])],
        [_event("REQUEST", 0.8, [_actor("USA")], [_actor("UN", "IGO")])],
        [],
    ]
    s = score(gold, found)
    assert (s.records, s.type_found, s.top1) == (3, 2, 1)
    assert (s.source_n, s.source_ok) == (2, 1)
    assert (s.target_n, s.target_ok) == (2, 2)  # IGO matches an IGO-sector actor
    assert (s.source_all, s.target_all) == (3, 2)  # the record with no event still counts
    assert s.source_end_to_end == round(1 / 3, 4)
    assert s.type_recall == round(2 / 3, 4)


def test_load_gold_maps_old_names_and_skips_documents(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps([
        {"id": "d", "event": "DOCUMENT", "eventText": "notes"},
        {"id": "1", "event": "DEMAND", "text": "Iraq demanded talks.", "date": "2000-01-01",
         "source": [{"code": "IRQ"}], "target": ""},
        {"id": "2", "event": "FIGHT", "text": "Japan attacked.", "source": [{"code": "JAP"}]},
    ]))
    gold = load_gold(p)
    assert [(g.type, g.source, g.target) for g in gold] == [
        ("REQUEST", ("IRQ",), ()), ("ASSAULT", ("JPN",), ())]


def test_load_gold_reads_old_cameo_country_codes_from_the_kb_table(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps([{"id": "1", "event": "FIGHT", "text": "Vietnamese forces attacked.",
                              "source": [{"code": "VTN"}], "target": [{"code": "ZAR"}, {"code": "IGO"}]}]))
    assert [(g.source, g.target) for g in load_gold(p)] == [(("VNM",), ("COD", "IGO"))]


def test_missing_gold_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        load_gold(tmp_path / "absent.json")


@pytest.fixture(scope="module")
def gold_score():
    from shared_data import shared_path

    return evaluate(shared_path("gold", "plover-gsr", "PLOVER_GSR_CAMEO.json"))


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_floor_on_plover_gold(gold_score, metric):
    assert gold_score.to_dict()[metric] >= FLOORS[metric]


def test_cli_eval_plover_json(tmp_path):
    from sitroom.cli import cli

    p = tmp_path / "g.json"
    p.write_text(json.dumps([{"id": "1", "event": "ASSAULT", "date": "2022-02-24",
                              "text": "Russia attacked Ukraine.", "source": [{"code": "RUS"}],
                              "target": [{"code": "UKR"}]}]))
    res = CliRunner().invoke(cli, ["eval", "plover", str(p), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["records"] == 1 and set(FLOORS) <= set(d)
