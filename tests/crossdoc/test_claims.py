from __future__ import annotations

import pytest

from samples_crossdoc import corpus
from sitroom.crossdoc.claims import claim_key, claim_series


@pytest.mark.parametrize("of,key", [
    ("Russian troops near the border", "troops | russian troop"),
    ("the Russian troops", "troops | russian troop"),
    ("troops", "troops | troop"),
    ("Russian and Belarusian soldiers in Belarus", "troops | belarusian russian soldier"),
    ("the", None),
])
def test_claim_key_uses_head_noun_and_proper_qualifiers(of, key):
    got = claim_key("troops", of)
    assert (got[0] if got else None) == key


def test_claims_about_the_same_thing_form_a_series_in_time_order():
    (series,) = claim_series(corpus(), unit="troops")
    s = series.summary()
    assert series.thing == "Russian troops"
    assert series.values == [100000, 130000, 150000]
    assert (s["claims"], s["sources"], s["growth"]) == (3, 3, 50000)
    assert s["disagreeing_days"] == ["2022-02-01"]
    assert [p.source for p in series.points] == ["wire", "post", "daily"]


def test_unit_filter_and_minimum_points():
    assert claim_series(corpus(), unit="usd") == []
    assert claim_series(corpus()[:5], unit="troops") == []
