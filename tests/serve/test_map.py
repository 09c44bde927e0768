"""The map (/map, /api/map): Natural Earth boundaries drawn as SVG, events at their places."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from samples_pages import KHARKIV, ODESA, write_linked
from sitroom.errors import UsageError
from sitroom.serve import geo
from sitroom.settings import Settings

HTML = {"Accept": "text/html"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def c(tmp_path_factory):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    path = str(tmp_path_factory.mktemp("map") / "web.db")
    write_linked(path)
    with TestClient(create_app(path, Settings(min_confidence=0)), raise_server_exceptions=False) as client:
        yield client


def test_the_packaged_world_has_the_countries_and_says_where_it_comes_from():
    w = geo.world()
    names = {c["name"] for c in w["countries"]}
    assert len(w["countries"]) > 170 and {"Ukraine", "Russia", "Brazil", "Australia"} <= names
    assert "Antarctica" not in names
    assert "Natural Earth" in w["source"] and w["licence"] == "public domain"
    assert all(re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", c["d"]) for c in w["countries"])


def test_projection_is_equirectangular():
    s = geo.world()["scale"]
    assert geo.project(0, 0) == (180 * s, 90 * s)
    assert geo.project(90, -180) == (0, 0) and geo.project(-90, 180) == (360 * s, 180 * s)


@pytest.mark.parametrize("value, expected", [("50.45,30.52", (50.45, 30.52)), (" -33.9, 18.4 ", (-33.9, 18.4)),
                                             ("10.123456,-20", (10.12, -20.0)), (None, None), ("", None)])
def test_parse_at(value, expected):
    assert geo.parse_at(value) == expected


@pytest.mark.parametrize("value", ["abc", "1,2,3", "91,0", "0,181", "nan,0"])
def test_parse_at_refuses_what_is_not_a_point(value):
    with pytest.raises(UsageError, match="at"):
        geo.parse_at(value)


def test_points_group_by_place_size_by_count_and_colour_by_the_most_frequent_class():
    def ev(lat, lon, q, name="X"):
        return {"location": {"lat": lat, "lon": lon, "name": name}, "quad_class": q}
    events = [ev(1, 2, 4), ev(1, 2, 4), ev(1, 2, 1), ev(5, 5, 1, "Y"), {"location": None, "quad_class": 3},
              {"location": {"lat": None, "lon": 3}}]
    pts, located, unlocated = geo.points(events)
    assert (located, unlocated) == (4, 2)
    big, small = pts
    assert (big["name"], big["events"], big["quad_class"], big["by_quad_class"]) == ("X", 3, 4, {"1": 1, "4": 2})
    assert big["r"] == geo.MAX_R and small["r"] < big["r"] and big["colour"] != small["colour"]


def test_map_page_draws_the_world_and_the_events_as_svg(c):
    page = c.get("/map", headers=HTML).text
    svg = page[page.index('<svg class="world"'):page.index("</svg>")]
    assert svg.count("<path ") > 170
    x, y = geo.project(*KHARKIV)
    assert f'cx="{x}" cy="{y}"' in svg  # the Kharkiv events
    assert "Kharkiv: 2 event(s)" in svg and "Odesa: 1 event(s)" in svg
    assert 'href="/map?at=49.99%2C36.23#point-events"' in svg  # a plain link: works with JS off
    assert "Natural Earth" in page and 'href="/api/map"' in page


def test_clicking_a_point_lists_its_events(c):
    page = c.get("/map?at=49.99,36.23", headers=HTML).text
    listed = page[page.index('id="point-events"'):]
    assert "Kharkiv" in listed and listed.count('href="/articles/pg-shell-') >= 2
    body = c.get("/api/map?at=49.99,36.23").json()
    assert body["selected"]["total"] == 2
    assert {e["article_id"] for e in body["selected"]["events"]} == {"pg-shell-1", "pg-shell-2"}


def test_filters_and_date_range_apply_to_points_and_places(c):
    every = c.get("/api/map").json()
    assert every["located"] == 3 and {p["name"] for p in every["points"]} == {"Kharkiv", "Odesa"}
    assert {p["name"]: p["mentions"] for p in every["places"]} == {"Kharkiv": 2, "Odesa": 2}
    assert every["unlocated"] == every["scanned"] - 3
    late = c.get("/api/map?since=2022-02-25").json()
    # events by the day they happened (both shellings: the 24th), places by publication
    assert {p["name"]: p["events"] for p in late["points"]} == {"Odesa": 1}
    assert {p["name"]: p["mentions"] for p in late["places"]} == {"Kharkiv": 1, "Odesa": 2}
    assert c.get("/api/map?since=2022-02-26").json()["places"][0]["name"] == "Odesa"
    only = c.get("/api/map?type=AGREE").json()
    assert [(p["lat"], p["lon"]) for p in only["points"]] == [ODESA]
    assert c.get("/api/map?type=AGREE", headers=HTML).status_code == 200


def test_bad_map_parameters_are_400_with_the_reason(c):
    r = c.get("/api/map?at=north")
    assert r.status_code == 400 and "LAT,LON" in r.json()["error"]
    page = c.get("/map?since=yesterday", headers=HTML)
    assert page.status_code == 400 and "since" in page.text and "How to fix it" in page.text


def test_the_build_script_cuts_nothing_and_draws_rings_across_the_antimeridian():
    spec = importlib.util.spec_from_file_location("build_world_map", ROOT / "scripts" / "build_world_map.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    ring = [(170.0, 60.0), (-170.0, 60.0), (-170.0, 50.0), (170.0, 50.0), (170.0, 60.0)]
    east, west = build.unwrap(ring)
    assert [lon for lon, _ in east] == [170, 190, 190, 170, 170]
    assert [lon for lon, _ in west] == [-190, -170, -170, -190, -190]
    assert build.unwrap([(0, 0), (10, 0), (10, 10), (0, 0)]) == [[(0, 0), (10, 0), (10, 10), (0, 0)]]
    topo = {"transform": {"scale": [1, 1], "translate": [0, 0]},
            "arcs": [[[0, 0], [10, 0], [0, 10], [-10, -10]]],
            "objects": {"countries": {"geometries": [
                {"type": "Polygon", "id": "999", "properties": {"name": "Squareland"}, "arcs": [[0]]},
                {"type": "Polygon", "id": "010", "properties": {"name": "Antarctica"}, "arcs": [[0]]}]}}}
    world = build.build(topo)
    assert [c["name"] for c in world["countries"]] == ["Squareland"]
    assert world["countries"][0]["d"] == "M720 360l40 0 0 -40 -40 40z"
    shipped = json.loads((ROOT / "sitroom" / "serve" / "data" / "world.json").read_text())
    assert shipped["scale"] == build.SCALE and shipped["source"] == build.SOURCE


def test_a_cut_places_layer_says_so(c, monkeypatch):
    assert c.get("/api/map").json()["places_truncated"] is False
    monkeypatch.setattr(geo, "PLACES", 1)
    body = c.get("/api/map").json()
    assert body["places_truncated"] is True and [p["name"] for p in body["places"]] == ["Kharkiv"]
    assert "Only the 1 most named places are drawn" in c.get("/map", headers=HTML).text
