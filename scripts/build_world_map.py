"""Build sitroom/serve/data/world.json, the world map the /map page draws, from Natural Earth.

Input: ``countries-110m.json`` of the npm package ``world-atlas`` (2.0.2: Natural Earth
1:110m Admin 0 countries, version 4.1.0, public domain, as TopoJSON). Get it with
``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`` and run

    python scripts/build_world_map.py package/countries-110m.json

Output: one SVG path per country in an equirectangular projection (see
``sitroom.serve.geo.project``: x = lon + 180, y = 90 - lat, times SCALE), integer
coordinates, relative moves; a ring across the antimeridian is drawn on both edges;
Antarctica is left out (no news is placed there and it
would take a third of the height).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sitroom" / "serve" / "data" / "world.json"
SCALE = 4          # pixels per degree: the map is 1440 wide
DROP = {"010"}     # Antarctica
SOURCE = "Natural Earth 1:110m Admin 0 countries v4.1.0 (public domain), via world-atlas 2.0.2"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (lon, lat): undo the quantisation and delta coding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One closed ring from its arcs (``~i`` is arc ``i`` reversed); shared ends once."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(arc if not out else arc[1:])
    return out


def unwrap(r: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (a jump of over 180 degrees of longitude
    between two points) made continuous, plus its copy one world-width over, so that
    both halves are drawn and the map's edges clip the rest; other rings as they are."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(r, r[1:])):
        return [r]
    out, shift = [r[0]], 0.0
    for (lon0, _), (lon1, lat1) in zip(r, r[1:]):
        if lon1 - lon0 > 180:
            shift -= 360
        elif lon0 - lon1 > 180:
            shift += 360
        out.append((lon1 + shift, lat1))
    lons = [lon for lon, _ in out]
    copy = -360 if max(lons) > 180 else 360
    return [out, [(lon + copy, lat) for lon, lat in out]]


def path(rings: list[list[tuple[float, float]]]) -> str:
    """An SVG path of integer, mostly relative coordinates; rings of under 3 points are dropped."""
    parts = []
    for r in rings:
        pts = []
        for lon, lat in r:
            p = (round((lon + 180) * SCALE), round((90 - lat) * SCALE))
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) < 3:
            continue
        x0, y0 = pts[0]
        rel = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(pts, pts[1:])]
        parts.append(f"M{x0} {y0}l" + " ".join(rel) + "z")
    return "".join(parts)


def build(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") in DROP or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        d = path([part for poly in polygons for r in poly for part in unwrap(ring(arcs, r))])
        if d:
            countries.append({"id": g.get("id"), "name": (g.get("properties") or {}).get("name"), "d": d})
    countries.sort(key=lambda c: (c["name"] or "", c["id"] or ""))
    return {"source": SOURCE, "licence": "public domain", "projection": "equirectangular",
            "scale": SCALE, "width": 360 * SCALE, "height": 180 * SCALE, "countries": countries}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    world = build(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(world, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(world['countries'])} countries, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
