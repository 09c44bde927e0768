from __future__ import annotations

import itertools
import random

import pytest

from samples_crossdoc import corpus, event, pair
from sitroom.crossdoc.merge import compatible, merge_events, mentions_of


def _assaults(events):
    return [e for e in events if e.type == "ASSAULT"]


def test_reports_of_one_happening_merge_across_articles_and_sources():
    events = merge_events(corpus())
    first, later = _assaults(events)
    assert (first.date, first.num_mentions, first.num_articles, first.num_sources) == ("2022-02-20", 3, 3, 2)
    assert [m.article_id for m in first.mentions] == ["a1", "a3", "a2"]
    assert first.first_seen == "2022-02-20"
    assert first.sources == ("RUS",) and first.targets == ("UKR",)
    assert (first.quad_class, first.goldstein, first.cameo) == (4, -10.0, "190")
    assert (later.date, later.num_mentions) == ("2022-02-28", 1)
    # the spans that report it point into each article
    texts = {a.id: a.text for a, _ in corpus()}
    for m in first.mentions:
        assert texts[m.article_id][m.trigger.start:m.trigger.end] == m.trigger.text


def test_negated_events_are_not_merged():
    assert [e.type for e in merge_events(corpus())].count("THREATEN") == 0


@pytest.mark.parametrize("seed", range(4))
def test_merging_does_not_depend_on_input_order(seed):
    items = corpus()
    random.Random(seed).shuffle(items)
    assert merge_events(items) == merge_events(corpus())


def test_merging_is_idempotent_and_ids_are_stable():
    a, b = merge_events(corpus()), merge_events(corpus())
    assert [e.id for e in a] == [e.id for e in b]
    assert len({e.id for e in a}) == len(a)
    assert all(e.id.startswith("ev-") for e in a)


T = "Russia warned Ukraine and NATO."


@pytest.mark.parametrize("src2,tgt2,date2,same", [
    ({"Russia": "RUS"}, {"Ukraine": "UKR"}, "2022-01-02", True),     # target sets overlap, next day
    ({"Russia": "RUS"}, {"Ukraine": "UKR"}, "2022-01-03", False),    # two days apart
    ({"Ukraine": "UKR"}, {"Russia": "RUS"}, "2022-01-01", False),    # roles swapped
    ({}, {"Ukraine": "UKR"}, "2022-01-01", False),                    # one source empty
])
def test_compatibility_rules(src2, tgt2, date2, same):
    a = pair("x", T, events=[event(T, "warned", "THREATEN", {"Russia": "RUS"},
                                   {"Ukraine": "UKR", "NATO": "NATO"}, date="2022-01-01")])
    b = pair("y", T, events=[event(T, "warned", "THREATEN", src2, tgt2, date=date2)])
    ma, mb = next(mentions_of(*a)), next(mentions_of(*b))
    assert compatible(ma, mb) is same
    assert (len(merge_events([a, b])) == 1) is same


def test_events_without_any_actor_code_stay_apart():
    a = pair("x", T, events=[event(T, "warned", "THREATEN", date="2022-01-01")])
    b = pair("y", T, events=[event(T, "warned", "THREATEN", date="2022-01-01")])
    assert [e.num_mentions for e in merge_events([a, b])] == [1, 1]


def test_one_report_does_not_chain_a_week_together():
    days = [f"2022-01-0{d}" for d in range(1, 8)]
    items = [pair(f"p{i}", T, published=d, events=[event(T, "warned", "THREATEN", {"Russia": "RUS"},
                                                         {"Ukraine": "UKR"})]) for i, d in enumerate(days)]
    merged = merge_events(items)
    assert all(e.num_mentions <= 2 for e in merged)
    assert sum(e.num_mentions for e in merged) == 7
    for perm in itertools.islice(itertools.permutations(items), 0, 50, 7):
        assert merge_events(list(perm)) == merged


def test_same_source_and_no_target_on_either_side_merge():
    a = pair("x", T, events=[event(T, "warned", "THREATEN", {"Russia": "RUS"}, date="2022-01-01")])
    b = pair("y", T, published="2022-01-02", events=[event(T, "warned", "THREATEN", {"Russia": "RUS"})])
    (merged,) = merge_events([a, b])
    assert (merged.num_articles, merged.date, merged.targets) == (2, "2022-01-01", ())
