from __future__ import annotations

import pytest

from sitroom.crossdoc.gdelt import actor_fields, cameo_codes
from sitroom.crossdoc.text import as_date, shingles, source_of, stopwords, terms


def test_packaged_stopwords_load():
    stop = stopwords()
    assert {"the", "said", "monday"} <= stop and "troops" not in stop


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Troops massed, near the BORDER today.") == shingles("troops massed near the border today")
    assert len(shingles("one two three four five six", k=5)) == 2


def test_terms_fold_plurals_and_drop_stopwords():
    assert [t for t, _ in terms("The troops said: troop movements continue")] == \
        ["troop", "troop", "movement", "continue"]


@pytest.mark.parametrize("value,day", [("2022-02-20T10:00:00Z", "2022-02-20"), ("2022-02", None),
                                       (None, None), ("garbage!!!", None)])
def test_as_date(value, day):
    got = as_date(value)
    assert (got.isoformat() if got else None) == day


def test_source_falls_back_to_url_host_then_id():
    assert source_of("BBC", "https://x.org/a", "id") == "BBC"
    assert source_of(None, "https://www.Reuters.com/world/x", "id") == "reuters.com"
    assert source_of(None, None, "id") == "id"


@pytest.mark.parametrize("code,sector,expected", [
    ("RUS", "GOV", ["RUSGOV", "RUSSIA", "RUS", "", "", "", "", "GOV", "", ""]),
    ("ROU", "MIL", ["ROMMIL", "ROMANIA", "ROM", "", "", "", "", "MIL", "", ""]),
    ("NATO", "IGO", ["NAT", "NATO", "", "NAT", "", "", "", "IGO", "", ""]),
    (None, None, [""] * 10),
])
def test_gdelt_actor_fields_use_cameo_codes(code, sector, expected):
    names = {"RUS": "Russia", "ROU": "Romania", "NATO": "NATO"}
    assert actor_fields(code, names.get(code), sector) == expected
    assert cameo_codes()["TLS"] == ("TMP", "country")
