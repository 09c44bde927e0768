"""Server under concurrent load: p50/p95/max latency and errors of real HTTP requests.

    .venv/bin/python bench/concurrency.py --db sitroom.db [--requests 400] [--clients 20]
        [--paths / /events]

Starts `sitroom serve` on a free local port (a separate process, as users run it), waits until
it answers, then sends ``--requests`` GET requests spread over ``--paths``, ``--clients`` at a
time from a thread pool, each on its own connection, and prints per-path and overall figures.
Prints figures; never asserted on.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:  # noqa: BLE001 - a refused or reset connection is an error to count
        status = 0
    return time.perf_counter() - start, status


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--paths", nargs="+", default=["/", "/events"])
    ap.add_argument("--warm", type=int, default=1, help="requests per path before timing")
    args = ap.parse_args(argv)

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "sitroom.cli", "serve", "--db", args.db,
                               "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                sys.exit(f"server exited: {server.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/api/health", timeout=2).read()
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.2)
        for path in args.paths:
            for _ in range(args.warm):
                fetch(base + path)
        urls = [base + args.paths[i % len(args.paths)] for i in range(args.requests)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(fetch, urls))
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.requests} requests, {args.clients} at a time, over {' '.join(args.paths)} "
          f"({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}); wall {wall:.1f} s")
    for path in args.paths + ["all"]:
        rows = [r for u, r in zip(urls, results) if path == "all" or u == base + path]
        times = [t for t, _ in rows]
        errors = sum(1 for _, s in rows if s != 200)
        print(f"  {path:10} n={len(rows):4}  p50 {statistics.median(times) * 1000:7.0f} ms  "
              f"p95 {pct(times, 0.95) * 1000:7.0f} ms  max {max(times) * 1000:7.0f} ms  errors {errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
