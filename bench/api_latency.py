"""API latency: p50/p95 of the web views over a store of N synthetic event mentions.

    .venv/bin/python bench/api_latency.py [--events 1000000] [--repeat 30] [--db PATH|URL]

Builds the database once (the store's own migrations, then a bulk insert into its
tables: sources, articles, events, event_actors, actors, proposals, positions; ~20
events per article, days spread over two years, actor codes drawn with a long tail,
confidences, CAMEO codes and flags varied), then runs ``sitroom link`` over it
(``crossdoc.link.link``, ``--rebuild``: the real cross-document step through the Store),
then times GET requests through the ASGI app in-process
(`sitroom.serve.app.create_app` with Starlette's TestClient): `/api/events` (no filter,
actor, type, since, all three, a rare actor; first page and a later keyset page), the
overview `/`, an actor page `/actors/RUS`, the timeline `/timeline?dyad=RUS-UKR`, the
network `/network`, the positions board `/positions` and its JSON `/api/positions`.

Proposals and positions come at the demo corpus's rates (``linked_corpus.py`` has the
figures and how they are drawn): each article's are records, flattened by the store's
own ``store.rows.flatten`` (its ``proposals``/``positions`` rows and its extraction JSON,
which holds only those two: the events are bulk-inserted rows, so ``link`` merges no
events and the merged-event tables stay empty; no measured view reads them). At
1,000,000 events the linked store has 50,000 articles, 20,229 proposals (0.40 per
article; the demo: 0.41), 15,913 positions, 12,413 stances toward a proposal (0.25 per
article; the demo: 0.25), 14,977 merged proposals (0.74 per mention; the demo: 0.79),
1,353 of more than one article, the largest of 742; a board of 4,593 rows (the demo: 68
of 591 articles, here 4,593 of 50,000) and 50 actor columns, 249 unresolved stances;
linking takes 70-115 s.

Each view is timed twice: "cold" is its first request on a fresh app (nothing cached:
the first request after a write), "warm" the p50/p95 of the next --repeat requests (the
store keeps aggregates until the data changes, see store/lists.py). Prints figures, the
commit and the load average (per row: the 1-minute load after it); never asserted on.
--db keeps the database (a SQLite path, reused when it exists, or a postgresql:// URL of
an empty database, filled when it has no events).
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


SECTORS = ["GOV", "MIL", "GOV", "GOV", "MIL", "CVL", "BUS", "MED", "OPP", "REB"]
CAMEO = {"ASSAULT": "190", "THREATEN": "138", "ACCUSE": "112", "SUPPORT": "051", "CONSULT": "040",
         "AID": "070", "REJECT": "120", "REQUEST": "100", "COERCE": "170", "SANCTION": "163"}


def rows(n_events: int, seed: int = 7):
    """The synthetic rows, table by table (generators, so 1M events stay out of memory)."""
    from linked_corpus import ProposalShape
    from sitroom.records import PLOVER_TYPES
    from sitroom.store.rows import flatten

    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(CODES))]
    types = list(PLOVER_TYPES)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)

    def day(i: int) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(1609459200 + (i * 730 // n_articles) * 86400))

    yield "sources", ("id", "name"), [(i, f"Outlet {i}") for i in range(1, 21)]
    yield "actors", ("code", "name", "sector", "kind"), [(c, f"Actor {c}", "GOV", "state") for c in CODES]
    shape = ProposalShape(CODES, weights, seed + 2)
    linked_rows: dict[str, list[dict]] = {"proposals": [], "positions": []}

    def articles():
        for i in range(n_articles):
            d = day(i)
            art, x = shape.extraction_of(f"syn-{i:07d}", i * 730 // n_articles, d, f"Synthetic text {i}.")
            flat = flatten(art, x, "2026-01-01T00:00:00Z")
            for table, got in linked_rows.items():
                got.extend(flat.tables[table])
            yield (i + 1, art.id, art.id, art.title, d, 1 + i % 20, art.url, art.text,
                   flat.article["extraction"], "2026-01-01T00:00:00Z")

    yield "articles", ("seq", "id", "given_id", "title", "published", "source_id", "url", "text", "extraction",
                       "ingested_at"), articles()

    def events():
        for e in range(n_events):
            a = e // EVENTS_PER_ARTICLE
            t = rng.choice(types)
            yield (e + 1, f"syn-{a:07d}", e % EVENTS_PER_ARTICLE, t, CAMEO.get(t, "010"), rng.randint(0, 4),
                   round(rng.uniform(-10, 10), 1), day(a), 10, 18, "met", 0, 60, "Leaders met.",
                   int(rng.random() < 0.1), int(rng.random() < 0.05), int(rng.random() < 0.05),
                   int(rng.random() < 0.03), rng.choice([0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]))

    yield "events", ("id", "article_id", "idx", "type", "cameo", "quad_class", "goldstein", "day",
                     "trigger_start", "trigger_end", "trigger_text", "sentence_start", "sentence_end",
                     "sentence_text", "negated", "hypothetical", "future", "historical", "confidence"), events()
    rng2 = random.Random(seed + 1)
    types2 = random.Random(seed)  # the same type sequence as events(), for the event_actors copies

    def actors():
        n = 0
        for e in range(1, n_events + 1):
            a = (e - 1) // EVENTS_PER_ARTICLE
            t = types2.choice(types)
            for _ in range(8):  # keep in step with events()'s draws
                types2.random()
            src, tgt = rng2.choices(CODES, weights, k=2)
            for role, code, at in (("source", src, 0), ("target", tgt, 20)):
                n += 1
                yield (n, e, role, 0, code, f"Actor {code}", rng2.choice(SECTORS), at, at + 3, code, day(a), t)

    yield "event_actors", ("id", "event_id", "role", "idx", "code", "name", "sector", "start_char",
                           "end_char", "text", "day", "type"), actors()
    for table, got in linked_rows.items():  # filled while the articles were drawn
        cols = tuple(got[0]) if got else ("article_id",)
        yield table, cols, [tuple(r[c] for c in cols) for r in got]


def build(target: str, n_events: int) -> None:
    """Fill the store at ``target`` (SQLite path or postgresql:// URL) with ``n_events``."""
    from sitroom.store import open_store

    open_store(target).close()  # the schema, through the store's migrations
    if target.startswith("postgres"):
        import psycopg

        with psycopg.connect(target) as con:
            for table, cols, data in rows(n_events):
                with con.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                    for r in data:
                        cp.write_row(r)
            con.execute("SELECT setval(pg_get_serial_sequence('events', 'id'), (SELECT max(id) FROM events))")
            con.execute("ANALYZE")
        return link_store(target)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    for table, cols, data in rows(n_events):
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    link_store(target)


def link_store(target: str) -> None:
    """``sitroom link`` over the filled store: the cross-document tables as the command
    fills them (near-duplicates, merged events, storylines, merged proposals, stances)."""
    from sitroom.crossdoc.link import link
    from sitroom.store import open_store

    t = time.perf_counter()
    with open_store(target) as s:
        run = link(s, rebuild=True)
    print(f"linked in {time.perf_counter() - t:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in run.totals.items()))


EVENT_QUERIES = {
    "no filter": {},
    "actor=RUS": {"source": "RUS"},
    "type=THREATEN": {"type": "THREATEN"},
    "since=2022-06-01": {"since": "2022-06-01"},
    "actor+type+since": {"source": "USA", "type": "ACCUSE", "since": "2022-01-01"},
    "rare actor=NLD": {"source": "NLD"},
}
VIEWS = {"overview /": "/", "actor /actors/RUS": "/actors/RUS", "timeline RUS-UKR": "/timeline?dyad=RUS-UKR",
         "network /network": "/network", "positions /positions": "/positions",
         "positions /api/positions": "/api/positions"}


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def measure(target: str, repeat: int) -> list[tuple[str, float, float, float, str]]:
    warnings.filterwarnings("ignore", message=".*httpx.*")  # Starlette's note on its client
    from starlette.testclient import TestClient

    from sitroom.serve.app import create_app
    from sitroom.store import lists

    urls: list[tuple[str, str, dict]] = []
    for name, params in EVENT_QUERIES.items():
        urls.append((f"/api/events {name}", "/api/events", {**params, "limit": 50}))
    urls += [(name, url, {}) for name, url in VIEWS.items()]
    out = []
    for name, url, params in urls:
        lists._CACHE.clear()  # nothing kept from the previous view
        with TestClient(create_app(target)) as client:  # a fresh app: cold caches
            t = time.perf_counter()
            r = client.get(url, params=params, headers={"Accept": "text/html"})
            cold = (time.perf_counter() - t) * 1000
            assert r.status_code == 200, (url, r.text[:300])
            info = ""
            if url == "/api/events":
                body = r.json()
                info = f"total {body['total']:,}"
                if body["next"]:  # a later page: walk 100 pages of 50 along the keyset
                    cursor = body["next"]
                    for _ in range(99):
                        cursor = client.get(url, params={**params, "cursor": cursor}).json()["next"] or cursor
                    t = time.perf_counter()
                    client.get(url, params={**params, "cursor": cursor})
                    info += f", page 101: {(time.perf_counter() - t) * 1000:.1f} ms"
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                r = client.get(url, params=params, headers={"Accept": "text/html"})
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
            if url == "/api/positions":
                body = r.json()
                info = f"{body['count']} of {body['total']:,} rows, {len(body['actors'])} actors"
            out.append((name, cold, statistics.median(times), _p95(times), info + f" [load {os.getloadavg()[0]:.1f}]"))
    return out


def _commit() -> str:
    import subprocess

    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (done.stdout.strip() or "?") + ("+changes" if dirty else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=30, help="warm requests per view (default 30)")
    ap.add_argument("--db", help="keep the database here: a SQLite path or a postgresql:// URL")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}, commit {_commit()}")
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or str(Path(tmp) / "api.db")
        from sitroom.store import open_store

        fresh = not target.startswith("postgres") and not Path(target).exists()
        if not fresh:
            with open_store(target) as s:
                fresh = s.counts()["events"] == 0
        if fresh:
            t = time.perf_counter()
            build(target, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - t:.0f} s")
        with open_store(target) as s:
            counts = s.counts()
            linked = s.linked_summary()
        print(f"store: {counts['events']:,} events, {counts['articles']:,} articles, "
              f"{counts['proposals']:,} proposals, {counts['positions']:,} positions; linked: "
              f"{linked['merged_proposals']:,} merged proposals ({linked['multi_article_proposals']:,} of more "
              f"than one article), {linked['stances']:,} stances "
              f"({'PostgreSQL' if target.startswith('postgres') else 'SQLite'})")
        print("load average before: %.2f %.2f %.2f" % os.getloadavg())
        rows_ = measure(target, args.repeat)
        print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    print(f"{'view':<32} {'cold':>8} {'p50':>8} {'p95':>8}  (ms; warm: {args.repeat} requests)")
    for name, cold, p50, p95, info in rows_:
        print(f"{name:<32} {cold:8.1f} {p50:8.1f} {p95:8.1f}  {info}")
    print(f"worst warm p95: {max(r[3] for r in rows_):.1f} ms; worst cold: {max(r[1] for r in rows_):.1f} ms")


if __name__ == "__main__":
    main()
