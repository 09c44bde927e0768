"""API latency: p50/p95 of `/api/events` over a SQLite store of N synthetic events.

    .venv/bin/python bench/api_latency.py [--events 1000000] [--repeat 30] [--db PATH]

Builds the database once (the store's own migrations, then a direct bulk insert
into its tables: articles, sources, events, event_actors; ~20 events per article,
days spread over two years, actor codes drawn with a long tail), then times
`GET /api/events` through the ASGI app in-process (`sitroom.serve.app.create_app`
with Starlette's TestClient): no filter, actor, type, since, all three, a rare
actor, each as the first page and as a later cursor page. Prints figures; never
asserted on. Keep the database with --db PATH to rerun the queries without
rebuilding it.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVENTS_PER_ARTICLE = 20
#: Common codes first: drawn with weights 1/rank (a long tail, like real news).
CODES = ["USA", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "NATO", "EU", "IRN", "ISR", "IND", "TUR",
         "JPN", "PRK", "KOR", "POL", "BLR", "SYR", "IRQ", "AFG", "PAK", "SAU", "EGY", "UN", "ITA",
         "ESP", "CAN", "AUS", "BRA", "MEX", "ZAF", "NGA", "KEN", "ETH", "VEN", "CUB", "KAZ", "GEO",
         "ARM", "AZE", "MDA", "LTU", "LVA", "EST", "FIN", "SWE", "NOR", "DNK", "NLD"]


def build(path: Path, n_events: int, seed: int = 7) -> None:
    from sitroom.store import open_store
    from sitroom.store.base import PLOVER_TYPES

    open_store(str(path)).close()  # the schema, through the store's migrations
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(CODES))]
    types = list(PLOVER_TYPES)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.executemany("INSERT INTO sources (id, name) VALUES (?, ?)",
                    [(i, f"Outlet {i}") for i in range(1, 21)])

    def day(i: int) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(1609459200 + (i * 730 // n_articles) * 86400))

    con.executemany(
        "INSERT INTO articles (id, title, published, source_id, text, extraction, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, '{}', '2026-01-01T00:00:00Z')",
        ((f"syn-{i:07d}", f"Synthetic article {i}", day(i), 1 + i % 20, f"Synthetic text {i}.")
         for i in range(n_articles)))

    def events():
        for e in range(n_events):
            a = e // EVENTS_PER_ARTICLE
            t = rng.choice(types)
            yield (e + 1, f"syn-{a:07d}", e % EVENTS_PER_ARTICLE, t, rng.randint(0, 4),
                   round(rng.uniform(-10, 10), 1), day(a), 10, 18, "met", 0, 60, "Leaders met.")

    con.executemany(
        "INSERT INTO events (id, article_id, idx, type, quad_class, goldstein, day, trigger_start, "
        "trigger_end, trigger_text, sentence_start, sentence_end, sentence_text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events())

    def actors():
        for e in range(1, n_events + 1):
            src, tgt = rng.choices(CODES, weights, k=2)
            yield (e, "source", 0, src, 0, 3, src)
            yield (e, "target", 0, tgt, 20, 23, tgt)

    con.executemany("INSERT INTO event_actors (event_id, role, idx, code, start_char, end_char, text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", actors())
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


QUERIES = {
    "no filter": {},
    "actor=RUS": {"actor": "RUS"},
    "type=THREATEN": {"type": "THREATEN"},
    "since=2022-06-01": {"since": "2022-06-01"},
    "actor+type+since": {"actor": "USA", "type": "ACCUSE", "since": "2022-01-01"},
    "rare actor=NLD": {"actor": "NLD"},
}


def measure(path: Path, repeat: int, later_offset: int) -> list[tuple[str, str, float, float, int]]:
    warnings.filterwarnings("ignore", message=".*httpx.*")  # Starlette's note on its client
    from starlette.testclient import TestClient

    from sitroom.serve.app import create_app
    from sitroom.serve.data import encode_cursor

    out = []
    with TestClient(create_app(str(path))) as client:
        for name, params in QUERIES.items():
            for page, extra in (("first", {}), (f"offset {later_offset}",
                                                {"cursor": encode_cursor(later_offset)})):
                client.get("/api/events", params={**params, **extra, "limit": 50})  # warm
                times, count = [], 0
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = client.get("/api/events", params={**params, **extra, "limit": 50})
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200, r.text[:300]
                    count = r.json()["count"]
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
                out.append((name, page, statistics.median(times), p95, count))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=30, help="requests per query (default 30)")
    ap.add_argument("--later-offset", type=int, default=5_000, help="offset of the later page")
    ap.add_argument("--db", type=Path, help="keep the database here (reused when it exists)")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "api.db"
        if not path.exists():
            t = time.perf_counter()
            build(path, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - t:.0f} s "
                  f"({path.stat().st_size / 2**20:.0f} MiB)")
        rows = measure(path, args.repeat, args.later_offset)
    print(f"GET /api/events?limit=50, {args.repeat} requests each (ms):")
    print(f"{'query':<20} {'page':<14} {'p50':>8} {'p95':>8} {'rows':>5}")
    for name, page, p50, p95, count in rows:
        print(f"{name:<20} {page:<14} {p50:8.1f} {p95:8.1f} {count:5d}")
    print(f"worst p95: {max(r[3] for r in rows):.1f} ms")


if __name__ == "__main__":
    main()
