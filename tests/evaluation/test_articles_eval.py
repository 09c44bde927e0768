"""Whole-article matching, on two small gold files written for these tests (data/articles)
and extractions built by hand; then the command on them with the real pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import UsageError
from sitroom.evaluation.articles import (ArticleFigures, Counts, evaluate_articles, gold_article, load_gold,
                                         match_events, norm, score_article)
from sitroom.records import Actor, ActorSpan, Event, Extraction, Position, Proposal, Quote, Span

DATA = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def gold():
    return {g.id: g for g in load_gold(DATA)}


def sp(text: str, sub: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(sub, at + 1)
    return Span.of(text, at, at + len(sub))


def who(text: str, sub: str, code: str | None, nth: int = 0) -> ActorSpan:
    return ActorSpan(sp(text, sub, nth), Actor(code) if code else None)


def sentence_of(text: str, sub: str) -> Span:
    at = text.index(sub)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.index(".", at + len(sub)) + 1
    return Span.of(text, start, end)


def ev(text: str, type_: str, trigger: str, src=(), tgt=(), **flags) -> Event:
    return Event(type_, sp(text, trigger), sentence_of(text, trigger),
                 source=tuple(who(text, s, c) for s, c in src),
                 target=tuple(who(text, s, c) for s, c in tgt), **flags)


def events_of(gold, *events: Event, level: str = "full"):
    return match_events(list(events), gold.events, level)


# ---------------------------------------------------------------- loading

def test_load_reads_every_json_in_name_order_and_ignores_other_files(gold):
    assert list(gold) == ["demo-border", "demo-loan"]
    g = gold["demo-border"]
    assert len(g.events) == 5 and len(g.quotes) == 1 and len(g.proposals) == 1 and not g.problems
    accused = g.events[0]
    assert g.text[slice(*accused.trigger_at)] == "accused" and accused.source == {"POL"}


@pytest.mark.parametrize("broken, problem", [
    ({"text": "not in this article", "trigger": "article"}, "event snippet not in the text"),
    ({"text": "Moldova rejected the offer", "trigger": "refused"}, "not in its snippet"),
])
def test_gold_that_cannot_be_placed_is_left_out_and_named(broken, problem):
    data = {"id": "x", "text": "Moldova rejected the offer on Friday.",
            "events": [dict(broken, type="REJECT", mode=["asserted"])],
            "quotes": [{"speaker": "", "code": "", "content": "never said"}]}
    g = gold_article(data)
    assert g.events == () and g.quotes == ()
    assert any(problem in p for p in g.problems) and any("quote content" in p for p in g.problems)


def test_missing_or_empty_folders_and_bad_files_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such folder"):
        load_gold(tmp_path / "absent")
    with pytest.raises(UsageError, match="no \\*.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(UsageError, match="bad.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text('{"events": []}')
    with pytest.raises(UsageError, match="'id' and 'text'"):
        load_gold(tmp_path)


@pytest.mark.parametrize("code, compared", [("NATO", "NATO"), ("EU", "EU"), ("POLGOV", "POL"), ("", "")])
def test_codes_compare_on_three_letters_or_up_to_four_whole(code, compared):
    assert norm(code) == compared


# ---------------------------------------------------------------- events

def test_an_event_with_type_actors_and_mode_is_right(gold):
    g = gold["demo-border"]
    m = events_of(g, ev(g.text, "ACCUSE", "accused", [("Poland", "POL")], [("Belarus", "BLR")]))
    assert (m.right, m.wrong, m.aside, m.found, m.required) == (1, 0, 0, 1, 4)


@pytest.mark.parametrize("event, why", [
    (("REQUEST", "accused", [("Poland", "POL")], [("Belarus", "BLR")], {}), "wrong type"),
    (("ACCUSE", "accused", [("Poland", "POL")], [("Belarus", "BLR")], {"hypothetical": True}), "wrong mode"),
    (("ACCUSE", "accused", [("Belarus", "BLR")], [("Poland", "POL")], {}), "wrong source"),
    (("ACCUSE", "accused", [("Poland", "POL")], [], {}), "wrong target"),
    (("ASSAULT", "crossings", [], [], {}), "no such event"),
])
def test_a_wrong_event_is_wrong_for_the_first_test_it_fails(gold, event, why):
    g = gold["demo-border"]
    type_, trig, src, tgt, flags = event
    m = events_of(g, ev(g.text, type_, trig, src, tgt, **flags))
    assert (m.right, m.wrong) == (0, 1) and m.wrong_events[0][1] == why


def test_typed_level_ignores_actors_and_mode(gold):
    g = gold["demo-border"]
    e = ev(g.text, "ACCUSE", "accused", [("Belarus", "BLR")], [], negated=True)
    assert events_of(g, e, level="typed").right == 1
    assert events_of(g, e).right == 0


def test_a_trigger_inside_the_snippet_is_located_when_the_sentence_holds_the_gold_trigger(gold):
    g = gold["demo-border"]
    # "held" is not the gold trigger "talks", but lies in its snippet, whose trigger is in the sentence
    e = ev(g.text, "CONSULT", "held", [("Officials", "POL")], [("both countries", "BLR")])
    assert events_of(g, e).right == 1


def test_one_gold_event_takes_one_extracted_event(gold):
    g = gold["demo-border"]
    e = ev(g.text, "ACCUSE", "accused", [("Poland", "POL")], [("Belarus", "BLR")])
    m = events_of(g, e, e)
    assert (m.right, m.wrong, m.found) == (1, 1, 1) and m.wrong_events[0][1] == "no such event"


def test_optional_gold_sets_aside_an_event_in_an_acceptable_mode(gold):
    g = gold["demo-border"]  # "Poland could impose sanctions": optional, hypothetical
    hyp = ev(g.text, "SANCTION", "sanctions", [("Poland", "POL")], [("Belarus", "BLR")], hypothetical=True)
    assert events_of(g, hyp).right == 1
    no_target = ev(g.text, "SANCTION", "sanctions", [("Poland", "POL")], [], hypothetical=True)
    m = events_of(g, no_target)
    assert (m.right, m.aside, m.wrong, m.found) == (0, 1, 0, 0)
    asserted = ev(g.text, "SANCTION", "sanctions", [("Poland", "POL")], [("Belarus", "BLR")])
    m = events_of(g, asserted)
    assert (m.right, m.aside, m.wrong) == (0, 0, 1) and m.wrong_events[0][1] == "wrong mode"
    typed_wrong = ev(g.text, "AID", "sanctions", [], [], hypothetical=True)
    m = events_of(g, typed_wrong)
    assert (m.right, m.aside, m.wrong) == (0, 1, 0)
    assert events_of(g, typed_wrong, level="typed").aside == 1


def test_the_also_types_are_accepted(gold):
    g = gold["demo-border"]
    e = ev(g.text, "THREATEN", "sanctions", [("Poland", "POL")], [("Belarus", "BLR")], hypothetical=True)
    assert events_of(g, e).right == 1


def test_a_required_gold_event_is_preferred_to_an_optional_one(gold):
    g = gold["demo-loan"]  # "agreed" (required AGREE) and "lend" (optional AID) share words
    e = Event("AGREE", sp(g.text, "agreed to lend"), sentence_of(g.text, "agreed"),
              source=(who(g.text, "European Union", "EU"),), target=(who(g.text, "Moldova", "MDA"),))
    m = events_of(g, e)
    assert (m.right, m.found, m.required) == (1, 1, 2)


# ---------------------------------------------------------------- quotes, proposals, positions

def test_quotes_match_on_half_the_shorter_span_and_attribute_by_code_or_last_name(gold):
    g = gold["demo-loan"]
    t = g.text
    quotes = [Quote("indirect", sp(t, "keep the lights on"), sp(t, "saying"), who(t, "prime minister", "MDA")),
              Quote("indirect", sp(t, "the terms were too harsh"), sp(t, "said"), None),
              Quote("indirect", sp(t, "50 million euros"), None, None)]
    s = score_article(g, Extraction(g.id, quotes=tuple(quotes)))
    c = s.counts
    assert (c.quotes_right, c.quotes_extracted, c.quotes_found, c.quotes_gold) == (2, 3, 2, 2)
    assert c.quotes_attributed == 1   # "Critics" has no code, and no speaker was found


def test_a_quote_speaker_named_by_last_word_is_attributed(gold):
    g = gold["demo-border"]
    t = g.text
    q = Quote("direct", sp(t, "We will defend our frontier"), sp(t, "said"), who(t, "Jan Nowak", None))
    assert score_article(g, Extraction(g.id, quotes=(q,))).counts.quotes_attributed == 1
    q = Quote("direct", sp(t, "We will defend our frontier"), sp(t, "said"), who(t, "Interior Minister", None))
    assert score_article(g, Extraction(g.id, quotes=(q,))).counts.quotes_attributed == 0
    inside = Quote("direct", sp(t, "our frontier"), sp(t, "said"), who(t, "Jan Nowak", "POL"))
    assert score_article(g, Extraction(g.id, quotes=(inside,))).counts.quotes_found == 1  # all of the shorter
    across = Quote("direct", sp(t, 'frontier," said Interior Minister Jan Nowak'), None, None)
    assert score_article(g, Extraction(g.id, quotes=(across,))).counts.quotes_found == 0  # 9 of 28 characters


def test_proposals_pair_by_overlap_and_author_and_find_items_and_positions(gold):
    g = gold["demo-border"]
    t = g.text
    prop = Proposal(sp(t, "Belarus close the camps"), by=(who(t, "Poland", "POL", 2),),
                    items=(sp(t, "close the camps"),))
    pos = Position(who(t, "Belarus", "BLR", 2), "reject", sp(t, "rejected the plan"), 0)
    c = score_article(g, Extraction(g.id, proposals=(prop,), positions=(pos,))).counts
    assert (c.proposals_found, c.proposals_gold, c.proposals_right, c.proposals_extracted) == (1, 1, 1, 1)
    assert (c.items_found, c.items_gold, c.positions_found, c.positions_gold) == (1, 2, 1, 1)
    wrong_author = Proposal(prop.text, by=(who(t, "Belarus", "BLR"),), items=prop.items)
    c = score_article(g, Extraction(g.id, proposals=(wrong_author,))).counts
    assert (c.proposals_found, c.proposals_right, c.items_found) == (0, 0, 0)


@pytest.mark.parametrize("stance, holder, linked, with_proposal, found", [
    ("reject", "BLR", 0, True, 1),
    ("oppose", "BLR", 0, True, 1),      # the same polarity
    ("support", "BLR", 0, True, 0),
    ("reject", "POL", 0, True, 0),
    ("reject", "BLR", 0, False, 0),     # linked to a proposal that was not found
    ("reject", "BLR", None, True, 0),
    ("reject", "BLR", None, False, 1),  # neither is linked to a proposal found
])
def test_positions_need_holder_polarity_and_the_proposal_or_evidence(gold, stance, holder, linked,
                                                                     with_proposal, found):
    g = gold["demo-border"]
    t = g.text
    prop = Proposal(sp(t, "Belarus close the camps"), by=(who(t, "Poland", "POL", 1),))
    # evidence away from the gold snippet: only the proposal link can find it
    pos = Position(ActorSpan(sp(t, "Belarus", 2), Actor(holder)), stance, sp(t, "Belarus close"), linked)
    x = Extraction(g.id, proposals=(prop,) if with_proposal else (), positions=(pos,))
    assert score_article(g, x).counts.positions_found == found


def test_evidence_on_the_gold_snippet_finds_a_position_linked_elsewhere(gold):
    g = gold["demo-border"]
    t = g.text
    pos = Position(who(t, "Belarus", "BLR", 2), "reject", sp(t, "rejected the plan"), 3)
    assert score_article(g, Extraction(g.id, positions=(pos,))).counts.positions_found == 1


def test_nothing_extracted_scores_zero_precision_and_recall(gold):
    s = score_article(gold["demo-border"], None)
    f = ArticleFigures.of(s.counts)
    assert (f.events_p, f.events_r, f.quotes_r, f.positions_r, f.gold_events) == (0, 0, 0, 0, 4)


def test_totals_add_the_counts_then_divide(gold):
    a, b = gold["demo-border"], gold["demo-loan"]
    right = ev(a.text, "ACCUSE", "accused", [("Poland", "POL")], [("Belarus", "BLR")])
    wrong = ev(b.text, "SUPPORT", "welcomed", [("Moldova", "MDA")], [])
    total = Counts()
    for s in (score_article(a, Extraction(a.id, events=(right,))), score_article(b, Extraction(b.id, events=(wrong,)))):
        total.add(s.counts)
    f = ArticleFigures.of(total)
    assert (f.events_p, f.events_r) == (0.5, 1 / 6)
    assert f.events_f1 == pytest.approx(2 * 0.5 * (1 / 6) / (0.5 + 1 / 6))


# ---------------------------------------------------------------- in-process run and command

@pytest.fixture(scope="module")
def evaluation():
    return evaluate_articles(DATA)


def test_evaluation_extracts_as_the_extract_command_does(evaluation, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("extract")
    inp, out = tmp / "in.jsonl", tmp / "out.jsonl"
    with open(inp, "w") as f:
        for g in load_gold(DATA):
            f.write(json.dumps({"id": g.id, "title": g.title, "published": g.published, "text": g.text}) + "\n")
    assert CliRunner().invoke(cli, ["extract", "--input", str(inp), "--output", str(out)]).exit_code == 0
    by_id = {x["id"]: Extraction.from_dict(x) for x in map(json.loads, out.read_text().splitlines())}
    total = Counts()
    for g in load_gold(DATA):
        total.add(score_article(g, by_id[g.id]).counts)
    assert evaluation.counts == total
    assert evaluation.figures.extracted_events > 0 and evaluation.figures.quotes_r > 0


def test_eval_articles_json(evaluation):
    res = CliRunner().invoke(cli, ["eval", "articles", str(DATA), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["figures"] == evaluation.figures.to_dict() and data["articles"] == 2
    assert [a["id"] for a in data["per_article"]] == ["demo-border", "demo-loan"]


def test_eval_articles_table_ends_with_the_totals_line(evaluation):
    res = CliRunner().invoke(cli, ["eval", "articles", str(DATA), "--show", "3"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:3] == ["ARTICLE", "EVENTS_P", "EVENTS_R"]
    assert lines[-1].startswith(f"articles: events P={evaluation.figures.events_p:.3f}")
    assert any(line.startswith("wrong events (first 3") for line in lines)


def test_eval_articles_min_confidence_0_reports_every_event(evaluation):
    res = CliRunner().invoke(cli, ["eval", "articles", str(DATA), "--json", "--min-confidence", "0"])
    data = json.loads(res.output)
    assert data["min_confidence"] == 0
    assert data["figures"]["extracted_events"] >= evaluation.figures.extracted_events


def test_eval_articles_on_a_missing_folder_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(cli, ["eval", "articles", str(tmp_path / "nowhere")])
    assert res.exit_code == 2 and "no such folder" in res.output
