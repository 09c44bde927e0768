"""The map: events and places on a world map drawn as inline SVG, with no tiles and no network.

The boundaries are Natural Earth's 1:110m countries (public domain), shipped as
``serve/data/world.json`` (built by ``scripts/build_world_map.py``) in an
equirectangular projection. Events are placed at their geocoded location (an
event without one is counted, not drawn); points are sized by the number of events
there and coloured by their most frequent quad class. Each point is a plain link
(``/map?at=LAT,LON``) to the list of its events, so the map works with JavaScript off.

    /map        the page (filters: the events filter bar plus ``at``)
    /api/map    its JSON twin: points, places, the selected point's events
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Mapping

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..errors import UsageError
from . import data
from .api import event_filters, get_store
from .pages import EVENT_FIELDS, html, with_query

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

WORLD = Path(__file__).parent / "data" / "world.json"
NORTH, SOUTH = 84.0, -60.0   # the latitudes drawn (no news is placed nearer the poles)
LISTED = 200                 # events listed for one point at most (the total is given)
MAX_R, MIN_R = 16.0, 3.5     # point radii, in map pixels
PLACES = 500                 # places drawn at most (the most named; the page says when cut)


@lru_cache(maxsize=1)
def world() -> dict:
    """The packaged boundaries (read once)."""
    return json.loads(WORLD.read_text(encoding="utf-8"))


def project(lat: float, lon: float, scale: float | None = None) -> tuple[float, float]:
    """Equirectangular: x = (lon + 180) · scale, y = (90 − lat) · scale (map pixels)."""
    s = float(scale if scale is not None else world()["scale"])
    return round((lon + 180.0) * s, 1), round((90.0 - lat) * s, 1)


def parse_at(value: str | None) -> tuple[float, float] | None:
    """``"50.45,30.52"`` → (50.45, 30.52): the point whose events are listed."""
    if not value:
        return None
    try:
        lat_s, lon_s = value.split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise UsageError(f"at must be LAT,LON such as 50.45,30.52 (a point of the map), not {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise UsageError(f"at={value!r}: latitude must be within -90..90 and longitude within -180..180")
    return round(lat, 2), round(lon, 2)


def where(event: Mapping[str, Any]) -> tuple[float, float, str] | None:
    """(lat, lon, name) of an event's geocoded location, rounded to the map's grain."""
    loc = event.get("location")
    if not isinstance(loc, Mapping):
        return None
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(float(lat), 2), round(float(lon), 2), str(loc.get("name") or loc.get("text") or "")


def points(events: Iterable[Mapping[str, Any]]) -> tuple[list[dict], int, int]:
    """Events grouped by location: ``(points, located, unlocated)``; points biggest first,
    each with its count, its counts by quad class and the most frequent class."""
    groups: dict[tuple[float, float], dict] = {}
    quads: dict[tuple[float, float], Counter] = defaultdict(Counter)
    names: dict[tuple[float, float], Counter] = defaultdict(Counter)
    located = unlocated = 0
    for e in events:
        w = where(e)
        if w is None:
            unlocated += 1
            continue
        located += 1
        key = (w[0], w[1])
        g = groups.setdefault(key, {"lat": w[0], "lon": w[1], "events": 0})
        g["events"] += 1
        if w[2]:
            names[key][w[2]] += 1
        q = e.get("quad_class")
        if q is not None:
            quads[key][int(q)] += 1
    out = []
    top = max((g["events"] for g in groups.values()), default=1)
    s = world()["scale"]
    for key, g in groups.items():
        by_q = quads[key]
        dominant = max(by_q, key=lambda k: (by_q[k], k)) if by_q else None
        x, y = project(g["lat"], g["lon"], s)
        name = names[key].most_common(1)[0][0] if names[key] else f"{g['lat']}, {g['lon']}"
        out.append({**g, "name": name, "at": f"{g['lat']},{g['lon']}", "x": x, "y": y,
                    "r": round(MIN_R + (MAX_R - MIN_R) * math.sqrt(g["events"] / top), 1),
                    "quad_class": dominant,
                    "by_quad_class": {str(k): v for k, v in sorted(by_q.items())},
                    "colour": data.QUAD_CLASSES[dominant][1] if dominant in data.QUAD_CLASSES
                    else data.QUAD_CLASSES[0][1]})
    out.sort(key=lambda p: (-p["events"], p["name"]))
    return out, located, unlocated


def place_marks(rows: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Places named in the articles, as rings sized by mentions."""
    rows = [r for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    top = max((int(r["mentions"]) for r in rows), default=1)
    s = world()["scale"]
    out = []
    for r in rows:
        x, y = project(float(r["lat"]), float(r["lon"]), s)
        out.append({"name": r.get("name"), "country": r.get("country"), "lat": r["lat"], "lon": r["lon"],
                    "mentions": int(r["mentions"]), "articles": int(r["articles"]), "x": x, "y": y,
                    "r": round(2 + 8 * math.sqrt(int(r["mentions"]) / top), 1)})
    return out


def map_view(store: Any, f: data.EventFilter, at: tuple[float, float] | None) -> dict:
    """Everything the map shows (the page and its JSON twin): the newest ``MAX_SCAN``
    events of the filter at most (``capped`` says when there were more)."""
    events = list(islice(store.iter_events(f.query), data.MAX_SCAN + 1))
    capped = len(events) > data.MAX_SCAN
    events = events[:data.MAX_SCAN]
    pts, located, unlocated = points(events)
    selected = None
    if at is not None:
        here = [e for e in events if (w := where(e)) is not None and (w[0], w[1]) == at]
        here.sort(key=lambda e: (data.event_day(e) or "", e.get("id") or 0), reverse=True)
        point = next((p for p in pts if (p["lat"], p["lon"]) == at), None)
        selected = {"at": f"{at[0]},{at[1]}", "name": point["name"] if point else None,
                    "total": len(here), "events": here[:LISTED], "truncated": len(here) > LISTED}
    rows = store.place_counts(since=f.query.since, until=f.query.until, limit=PLACES + 1)
    places = place_marks(rows[:PLACES])
    w = world()
    top, bottom = (90 - NORTH) * w["scale"], (90 - SOUTH) * w["scale"]
    return {"points": pts, "places": places, "located": located, "unlocated": unlocated,
            "scanned": len(events), "capped": capped, "selected": selected,
            "places_truncated": len(rows) > PLACES,
            "svg": {"width": w["width"], "top": top, "height": bottom - top, "countries": w["countries"],
                    "source": w["source"]}}


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: data.EventFilter = Depends(event_filters),
             at: str | None = Query(None, max_length=60), store: Any = Depends(get_store)) -> HTMLResponse:
    view = map_view(store, f, parse_at(at))
    params = f.params
    v = {**f.params, "min_confidence": f.query.min_confidence or 0.0}
    return html("map.html", request, **view, f=f, v=v, params=params, fields=EVENT_FIELDS,
                actors=store.actors(limit=200), outlets=store.outlets(), at=at or "",
                json_url=with_query("/api/map", params, at=at))


@api_router.get("/map")
def map_json(request: Request, f: data.EventFilter = Depends(event_filters),
             at: str | None = Query(None, max_length=60, description="LAT,LON of a point: list its events"),
             store: Any = Depends(get_store)) -> dict:
    """Events by location (points sized by count, coloured by quad class) and the places
    named in the articles; with ``at``, the events of that point."""
    view = map_view(store, f, parse_at(at))
    view.pop("svg")
    return {"ok": True, **view, "filters": f.effective}
