"""Quote attribution scoring: brat parsing, the matching rule, and floors on PolNeAR dev."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.evaluation.quotes import (
    GoldAttribution, content_match, evaluate_quotes, parse_ann, score_doc, speaker_right)
from sitroom.records import Actor, ActorSpan, Quote, Span

ANN = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 20;25 30\tthat it is more
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 40 50\tno source
T6\tCue 51 55\tsaid
E2\tAttribution-no-source:T6 Content:T5 Cue:T6
T7\tDiscuss 60 70\tignored
"""

TEXT = "x" * 100


def quote(start, end, speaker=None, kind="indirect", name=None):
    sp = None
    if speaker is not None:
        sp = ActorSpan(Span.of(TEXT, *speaker), Actor("USA", name) if name else None)
    return Quote(kind, Span.of(TEXT, start, end), None, sp)


def test_parse_ann_ties_parts_together():
    gold = parse_ann(ANN)
    assert gold[0] == GoldAttribution(((11, 20), (25, 30)), ((0, 5),), "Smith", ((6, 10),))
    assert gold[1].content == ((40, 50),) and gold[1].source == ()
    assert len(gold) == 2


@pytest.mark.parametrize("pred, gold, matched", [
    (((10, 20),), ((10, 20),), True),
    (((11, 19),), ((10, 20),), True),      # marks or "that" left out
    (((10, 14),), ((10, 30),), True),      # shorter inside longer: half of the shorter
    (((10, 14),), ((12, 30),), True),      # 2 of 4
    (((10, 14),), ((13, 30),), False),     # 1 of 4
    (((0, 5),), ((10, 20),), False),
])
def test_content_match_is_half_of_the_shorter(pred, gold, matched):
    assert bool(content_match(pred, gold)) == matched


def test_speaker_right_by_overlap_or_same_name():
    g = GoldAttribution(((11, 30),), ((0, 5),), "Smith")
    assert speaker_right(quote(11, 30, (0, 3)), g)
    assert speaker_right(quote(11, 30, (60, 65), name="John Smith"), g)
    assert not speaker_right(quote(11, 30, (60, 65)), g)
    assert not speaker_right(quote(11, 30), g)
    assert speaker_right(quote(40, 50), GoldAttribution(((40, 50),)))


def test_score_doc_pairs_one_to_one():
    gold = parse_ann(ANN)
    preds = [quote(11, 30, (0, 5), kind="direct"), quote(12, 29, (0, 5)), quote(40, 50, (0, 5))]
    c = score_doc(preds, gold)
    assert (c.predicted, c.gold, c.content, c.attribution) == (3, 2, 2, 1)
    assert (c.direct, c.direct_right) == (1, 1)


def test_partial_inside_indirect_with_same_cue_counts_once():
    cue = Span.of(TEXT, 5, 9)
    outer = Quote("indirect", Span.of(TEXT, 11, 30), cue, None)
    inner = Quote("partial", Span.of(TEXT, 15, 20), cue, None)
    assert score_doc([outer, inner], []).predicted == 1


def test_pieces_of_one_speakers_quote_are_one_attribution():
    a = quote(11, 20, (0, 5), kind="direct")
    b = quote(25, 30, (0, 5), kind="direct")
    gold = [GoldAttribution(((11, 20), (25, 30)), ((0, 5),), "Smith")]
    c = score_doc([a, b], gold)
    assert (c.predicted, c.content, c.attribution) == (1, 1, 1)


@pytest.mark.slow
def test_polnear_dev_floors():
    from shared_data import shared_path

    path = shared_path("gold", "polnear-dev")
    d = evaluate_quotes(path).to_dict()
    # measured 2026-11-28: content F1 0.696, attribution F1 0.623, direct speaker 0.931
    assert d["content"]["f1"] >= 0.67
    assert d["attribution"]["f1"] >= 0.60
    assert d["direct_speaker_accuracy"] >= 0.90


def test_cli_eval_quotes_on_a_tiny_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = 'The minister said that the talks would resume in Geneva next week.'
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    s = text.index("the talks")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(
        f"T1\tSource 0 12\tThe minister\nT2\tCue 13 17\tsaid\n"
        f"T3\tContent {s} {len(text) - 1}\t{text[s:-1]}\nE1\tAttribution:T2 Content:T3 Source:T1\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    import json
    d = json.loads(result.output)
    assert d["attribution"]["f1"] == 1.0 and d["documents"] == 1
