"""Latency of the permalink, map, storyline and duplicate pages over an ingested, linked store.

    .venv/bin/python bench/pages.py --db sitroom.db [--repeat 20]

Times each page and its JSON twin in-process (`create_app` with Starlette's TestClient)
on a store made by `make demo` (or `sitroom ingest` + `sitroom link`): the event
permalinks of the 20 newest events, the quote and proposal permalinks, `/map`
(without and with a point), `/storylines`, a storyline, `/duplicates`. Prints the
p50/p95 in milliseconds; never asserted on.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(client, url: str, repeat: int, html: bool) -> list[float]:
    headers = {"Accept": "text/html"} if html else {}
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url, headers=headers)
        out.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="an ingested and linked store")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app
    from sitroom.settings import Settings
    from sitroom.store import open_store

    with open_store(args.db, readonly=True) as s:
        counts = s.counts()
        events = [e["id"] for e in s.events(limit=None)][-20:]
        quote = s.quotes(limit=1)[0]["id"]
        proposal = s.proposals(limit=1)[0]["id"]
        line = s.storylines()[0].id
        place = next((e["location"] for e in s.events(limit=None) if e.get("location")), None)
    print(f"store {args.db}: {counts['articles']} articles, {counts['events']} events; "
          f"python {platform.python_version()}, {platform.machine()}; {args.repeat} requests per row")
    at = f"{round(place['lat'], 2)},{round(place['lon'], 2)}" if place else None
    urls = [("event permalinks (20 latest)", [f"/events/{i}" for i in events]),
            ("quote permalink", [f"/quotes/{quote}"]), ("proposal permalink", [f"/proposals/{proposal}"]),
            ("map", ["/map"]), ("map, one point listed", [f"/map?at={at}"] if at else []),
            ("storylines", ["/storylines"]), ("one storyline", [f"/storylines/{line}"]),
            ("duplicates", ["/duplicates"])]
    print(f"{'page':32} {'html p50':>9} {'p95':>7} {'json p50':>9} {'p95':>7}  (ms)")
    with TestClient(create_app(args.db, Settings())) as c:
        for label, paths in urls:
            if not paths:
                continue
            row = []
            for html in (True, False):
                per = max(1, args.repeat // len(paths))
                ms = [m for p in paths for m in timed(c, p if html else "/api" + p, per, html)]
                ms.sort()
                row += [statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.95))]]
            print(f"{label:32} {row[0]:9.1f} {row[1]:7.1f} {row[2]:9.1f} {row[3]:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
