from __future__ import annotations

import pytest

from samples_crossdoc import event, pair
from sitroom.crossdoc.merge import merge_events
from sitroom.crossdoc.timeline import parse_dyad, select, timeline
from sitroom.errors import UsageError

T = "Russia attacked Ukraine while the United States sent aid to Ukraine."


def _items():
    rows = [  # (day, type, src, tgt, quad, goldstein)
        ("2022-02-01", "ASSAULT", "RUS", "UKR", 4, -10.0),
        ("2022-02-01", "THREATEN", "RUS", "UKR", 3, -4.0),
        ("2022-02-01", "AID", "USA", "UKR", 2, 7.0),
        ("2022-02-03", "CONSULT", "RUS", "UKR", 1, 1.0),
        ("2022-02-05", "ASSAULT", "RUS", "UKR", 4, -10.0),
        ("2022-02-05", "COERCE", "UKR", "RUS", 4, -7.0),
    ]
    words = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States"}
    return [pair(f"t{i}", T, published=d, events=[event(T, "attacked", ty, {words[s]: s}, {words[t]: t},
                                                        quad=q, goldstein=g)])
            for i, (d, ty, s, t, q, g) in enumerate(rows)]


def test_dyad_timeline_counts_and_scores_by_day():
    tl = timeline(select(merge_events(_items()), dyad="RUS-UKR"), label="RUS-UKR")
    assert [d.date for d in tl.days] == ["2022-02-01", "2022-02-03", "2022-02-05"]
    d1 = tl.days[0]
    assert (d1.counts, d1.events, d1.goldstein_sum, d1.goldstein_mean) == ((0, 0, 0, 1, 1), 2, -14.0, -7.0)
    assert tl.days[1].counts == (0, 1, 0, 0, 0)
    # biggest day-over-day changes of the score sum (quiet days count 0)
    assert [(c.date, c.delta) for c in tl.changes] == [
        ("2022-02-01", -14.0), ("2022-02-02", 14.0), ("2022-02-05", -10.0), ("2022-02-03", 1.0),
        ("2022-02-04", -1.0)]


def test_actor_timeline_takes_either_side_and_undirected_dyads_both_ways():
    events = merge_events(_items())
    assert sum(d.events for d in timeline(select(events, actor="usa")).days) == 1
    assert sum(d.events for d in timeline(select(events, actor="UKR")).days) == 6
    assert sum(d.events for d in timeline(select(events, dyad="RUS-UKR", directed=False)).days) == 5


@pytest.mark.parametrize("bad", ["RUS", "RUS-", "-UKR", "A-B-C"])
def test_bad_dyad_is_a_usage_error(bad):
    with pytest.raises(UsageError, match="dyad"):
        parse_dyad(bad)
