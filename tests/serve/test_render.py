"""Highlighting, cursors, series and boards: the pure helpers behind the pages."""
from __future__ import annotations

import html
import re

import pytest

from sitroom.errors import UsageError
from sitroom.serve import data
from sitroom.serve.render import Mark, escalation_chart, highlight, marks_of, network_chart


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup)))


@pytest.mark.parametrize("text,marks,expected", [
    ("Russia warned Ukraine", [Mark(7, 13, "event", "THREATEN", "e0")],
     'Russia <span class="anchor" id="e0"></span><mark class="hl hl-event" data-start="7" data-end="13" '
     'title="THREATEN">warned</mark> Ukraine'),
    ("a<b>c", [Mark(1, 4, "ent", "ORG <x>", "n0")],
     'a<span class="anchor" id="n0"></span><mark class="hl hl-ent" data-start="1" data-end="4" '
     'title="ORG &lt;x&gt;">&lt;b&gt;</mark>c'),
    ("no marks & more", [], "no marks &amp; more"),
])
def test_highlight_wraps_and_escapes(text, marks, expected):
    assert str(highlight(text, marks)) == expected


def test_overlapping_marks_split_into_pieces_with_every_kind():
    text = "He said Russia massed troops"
    quote = Mark(8, 28, "quote", "quote", "q0")
    ent = Mark(8, 14, "ent", "GPE RUS", "n0")
    out = str(highlight(text, [quote, ent]))
    assert '<mark class="hl hl-ent hl-quote" data-start="8" data-end="14"' in out
    assert '<mark class="hl hl-quote" data-start="14" data-end="28"' in out
    assert plain(out) == text


@pytest.mark.parametrize("mark", [Mark(-1, 3, "ent", "x", "a"), Mark(5, 99, "ent", "x", "b"),
                                  Mark(4, 4, "ent", "x", "c"), Mark(6, 2, "ent", "x", "d")])
def test_marks_outside_the_text_are_ignored(mark):
    text = "<script>"
    out = str(highlight(text, [mark]))
    assert out == "&lt;script&gt;"


def test_marks_of_takes_every_kind_from_the_contract():
    extraction = {"events": [{"type": "ACCUSE", "trigger": {"start": 0, "end": 3, "text": "abc"},
                              "source": [{"code": "RUS", "text": "R"}], "target": [], "quad_class": 3}],
                  "quotes": [{"kind": "direct", "content": {"start": 4, "end": 6, "text": "de"},
                              "speaker": None}],
                  "quantities": [{"start": 7, "end": 8, "text": "5", "value": 5, "unit": "troops"}],
                  "entities": [{"start": 0, "end": 3, "text": "abc", "label": "ORG", "actor": None}]}
    panel = marks_of(extraction)
    kinds = {item["mark"].kind for group in panel.values() for item in group if "mark" in item}
    assert kinds == {"event", "quote", "num", "ent"}
    assert panel["events"][0]["source"] == "RUS" and panel["quotes"][0]["speaker"] == "unattributed"


@pytest.mark.parametrize("offset", [0, 1, 50, 123456])
def test_cursor_round_trip(offset):
    assert data.decode_cursor(data.encode_cursor(offset)) == offset


@pytest.mark.parametrize("cursor", ["x", "eyJvIjogLTF9", "eyJhIjoxfQ", "%%%", "bnVsbA"])
def test_bad_cursor_is_a_usage_error(cursor):
    with pytest.raises(UsageError):
        data.decode_cursor(cursor)


@pytest.mark.parametrize("value,expected", [("RUS-UKR", ("RUS", "UKR")), ("rus-nato", ("RUS", "NATO")),
                                            (None, None), ("", None)])
def test_parse_dyad(value, expected):
    assert data.parse_dyad(value) == expected


@pytest.mark.parametrize("value", ["RUS", "RUS-", "-UKR", "A-B-C", "R S-UKR", "<x>-UKR"])
def test_bad_dyad_is_a_usage_error(value):
    with pytest.raises(UsageError):
        data.parse_dyad(value)




def test_escalation_chart_bars_name_the_day_and_quad_class_they_count():
    """The series itself is asked of the store (tests/store/test_store_lists.py); the chart
    draws one bar per (day, quad class) with a count, so a page can link each bar."""
    series = [{"date": "2021-12-16", "events": 2, "q0": 0, "q1": 0, "q2": 0, "q3": 1, "q4": 1,
               "goldstein_mean": -6.0},
              {"date": "2021-12-17", "events": 1, "q0": 0, "q1": 1, "q2": 0, "q3": 0, "q4": 0,
               "goldstein_mean": None}]
    chart = escalation_chart(series)
    assert [(b["date"], b["quad_class"], b["count"]) for b in chart["bars"]] == [
        ("2021-12-16", 3, 1), ("2021-12-16", 4, 1), ("2021-12-17", 1, 1)]
    assert len(chart["points"]) == 1 and not chart["empty"]
    assert escalation_chart([])["empty"]


def test_network_chart_draws_the_edges_among_its_nodes():
    net = {"nodes": [{"code": "RUS", "name": "Russia", "weight": 3}, {"code": "UKR", "name": "Ukraine", "weight": 3},
                     {"code": "USA", "name": "United States", "weight": 2}],
           "edges": [{"source": "RUS", "target": "UKR", "weight": 2, "quad_class": 4, "by_quad_class": {"4": 2}},
                     {"source": "UKR", "target": "USA", "weight": 1, "quad_class": 1, "by_quad_class": {"1": 1}}]}
    chart = network_chart(net)
    assert len(chart["edges"]) == 2 and {n["code"] for n in chart["nodes"]} == {"RUS", "UKR", "USA"}


def test_stance_board_rows_are_items_and_columns_actors():
    proposals = [{"article_id": "a", "idx": 0, "text": {"text": "stop and go"}, "by": [{"code": "RUS"}],
                  "items": [{"text": "stop"}, {"text": "go"}]}]
    positions = [{"article_id": "a", "proposal": 0, "stance": "reject", "holder": {"code": "USA"}},
                 {"article_id": "a", "proposal": 0, "stance": "support", "holder": {"code": "BLR"}},
                 {"article_id": "a", "proposal": None, "stance": "condemn", "holder": {"code": "UKR"}}]
    board = data.stance_board(proposals, positions)
    assert [r["item"] for r in board["rows"]] == ["stop", "go"]
    assert set(board["actors"]) == {"USA", "BLR"}
    assert board["rows"][0]["stances"]["USA"] == ["reject"] and len(board["other"]) == 1


def test_escalation_chart_uses_a_calendar_axis_and_leaves_out_far_history():
    day = {"events": 1, "q0": 0, "q1": 0, "q2": 0, "q3": 1, "q4": 0, "goldstein_mean": -2.0}
    series = [{**day, "date": "1941-06-22"}, {**day, "date": "2022-02-20"}, {**day, "date": "2022-02-24"}]
    chart = escalation_chart(series)
    assert chart["trimmed"] == 1 and chart["first"] == "2022-02-20" and chart["last"] == "2022-02-24"
    xs = [b["x"] for b in chart["bars"]]
    gap = xs[1] - xs[0]
    assert gap == pytest.approx(4 * chart["inner_w"] / 5, abs=0.2)  # four days apart on a five-day axis
