"""First- and second-level divisions: names without their generic words, points, lookups."""
from __future__ import annotations

import pickle

import pytest

from sitroom.kb.divisions import core_name, middle, split_phrase_word
from sitroom.kb.places import gazetteer
from sitroom.kb.towns import Towns


@pytest.mark.parametrize("name, core", [
    ("Muhafazat Kirkuk", "Kirkuk"),
    ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
    ("Jiangxi Sheng", "Jiangxi"),
    ("Basra Governorate", "Basra"),
    ("Mayorality of Baghdad", "Baghdad"),
    ("Cook County", "Cook"),
    ("Bavaria", "Bavaria"),
    ("Northern State", ""),  # only generic words: not a name
    ("Western Province", ""),
])
def test_a_division_name_loses_its_generic_words(name, core):
    assert core_name(name) == core


@pytest.mark.parametrize("text, split", [
    ("Idlib province", ("Idlib", "province")),
    ("Donetsk and Luhansk Oblasts", ("Donetsk and Luhansk", "oblast")),
    ("the Kherson region", ("the Kherson", "region")),
    ("Cook counties", ("Cook", "county")),
    ("Paris", None),
    ("province", None),
])
def test_a_division_word_is_split_off_a_name(text, split):
    assert split_phrase_word(text) == split


def test_a_division_point_is_the_middle_of_its_towns_less_an_outlier():
    lats = [10.0 + i / 10 for i in range(99)] + [40.0]  # one far island
    lons = [20.0 + i / 10 for i in range(99)] + [60.0]
    lat, lon = middle(lats, lons)
    assert abs(lat - 14.9) < 0.2 and abs(lon - 24.9) < 0.2


def test_a_division_across_the_180th_meridian_keeps_its_side():
    lat, lon = middle([64.0, 65.0, 66.0, 67.0], [177.0, 179.0, -179.0, -177.0])
    assert abs(abs(lon) - 180.0) < 2.5 and 64 < lat < 67


@pytest.mark.parametrize("name, feature, country", [
    ("Lower Saxony", "admin1", "DEU"),
    ("Zamfara state", "admin1", "NGA"),
    ("Kirkuk province", "admin1", "IRQ"),
    ("Hatay Province", "admin1", "TUR"),
    ("Kansas", "admin1", "USA"),
    ("Maricopa County", "admin2", "USA"),
])
def test_gazetteer_finds_divisions_by_their_news_forms(name, feature, country):
    top = gazetteer().lookup(name)[0]
    assert (top.feature, top.country) == (feature, country)
    assert top.lat is not None and top.lon is not None


def test_namesake_counties_come_biggest_first():
    counties = [e for e in gazetteer().lookup("Cook County") if e.feature == "admin2"]
    assert len(counties) >= 2
    assert 41 < counties[0].lat < 43 and -89 < counties[0].lon < -87  # the one around Chicago


def test_a_city_keeps_its_name_and_the_division_needs_its_word():
    found = gazetteer().lookup("Kandahar")
    assert found[0].feature == "city"
    assert gazetteer().lookup("Kandahar province")[0].feature == "admin1"


def test_us_states_have_points_and_geonames_ids():
    state = next(e for e in gazetteer().lookup("Oregon") if e.feature == "admin1")
    assert state.geonames_id and 42 < state.lat < 46.5 and -125 < state.lon < -116


def test_packed_second_level_divisions_survive_pickling():
    rows = [("wick", "Wick District", "GBR", 58.4, -3.1, 0, 9000), ("wick", "Wick County", "USA", 40.0, -80.0, 0, 90000)]
    packed = pickle.loads(pickle.dumps(Towns(rows, feature="admin2", town=False)))
    found = packed.lookup("wick")
    assert [(e.name, e.feature, e.town, e.geonames_id) for e in found] == [
        ("Wick County", "admin2", False, None), ("Wick District", "admin2", False, None)]
