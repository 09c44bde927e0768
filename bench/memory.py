"""Memory: peak RSS of `sitroom ingest` (parent + worker processes) for N articles.

    .venv/bin/python bench/memory.py [--articles 20000] [--processes N] [--engine local]

Writes N articles (the BBC corpus repeated with new ids: ``<id>~<round>``) to a
temporary JSON Lines file, runs `sitroom ingest` on it into a temporary SQLite
database, and samples the RSS of the whole process tree every 0.5 s (psutil when
installed, else /proc). Prints the peak of the sum (RSS, and PSS from
/proc/PID/smaps_rollup, which counts pages shared between processes once), the
RSS at each quarter of the run (flat = bounded), the ingest process's own peak
and its largest descendant's, and the throughput. Never asserted on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write as write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc-news-2225.jsonl"


def tree_rss(pid: int) -> dict[int, int]:
    """Bytes resident in ``pid`` and each of its descendants, by process id."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            p = psutil.Process(pid)
            procs = [p, *p.children(recursive=True)]
        except psutil.NoSuchProcess:
            return {}
        out = {}
        for q in procs:
            try:
                out[q.pid] = q.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return out
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    parents[int(d)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    out = {}
    for p in tree:
        try:
            with open(f"/proc/{p}/statm") as f:
                out[p] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return out


def tree_pss(pids) -> int:
    """Proportional set size of these processes together (shared pages counted once), or 0."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--processes", type=int, default=0, help="0 (default): sitroom's default")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--engine", default="local", choices=["local", "ray"])
    ap.add_argument("--input", type=Path, default=None,
                    help="a corpus already written (bench/corpus.py) instead of a new temporary one")
    ap.add_argument("--workdir", type=Path, default=None, help="where the temporary corpus and database go")
    ap.add_argument("--keep-db", type=Path, default=None,
                    help="move the database here when done (e.g. to time `sitroom link` on it)")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        inp, db = Path(tmp) / "in.jsonl", Path(tmp) / "bench.db"
        if args.input:
            inp = args.input
            args.articles = sum(1 for line in open(inp, encoding="utf-8") if line.strip())
            print(f"corpus: {inp}, {args.articles} articles")
        else:
            words = write_corpus(args.corpus, inp, args.articles)
            print(f"corpus: {args.articles} articles ({args.corpus.name} repeated, new ids), {words} words")
        # the sitroom of this tree, in this Python
        cmd = [sys.executable, "-m", "sitroom.cli", "ingest", str(inp), "--db", str(db), "--quiet",
               "--json", "--batch-size", str(args.batch_size), "--engine", args.engine]
        if args.processes:  # else the default: the CPUs this process may use
            cmd += ["--processes", str(args.processes)]
        samples: list[tuple[float, int, int]] = []  # time, sum of the tree, largest process
        parent_peak, child_peak, pss_peak = 0, 0, 0
        t0 = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        done = threading.Event()

        def sample() -> None:
            nonlocal parent_peak, child_peak, pss_peak
            while not done.is_set():
                rss = tree_rss(proc.pid)
                pss_peak = max(pss_peak, tree_pss(rss))
                samples.append((time.perf_counter() - t0, sum(rss.values()), max(rss.values(), default=0)))
                parent_peak = max(parent_peak, rss.get(proc.pid, 0))
                child_peak = max([child_peak, *(v for k, v in rss.items() if k != proc.pid)])
                done.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate()
        elapsed = time.perf_counter() - t0
        done.set()
        sampler.join()
        if proc.returncode not in (0, 1):
            sys.exit(f"sitroom ingest failed ({proc.returncode}): {err[-2000:]}")
        db_mib = db.stat().st_size / 2**20
        if args.keep_db:
            shutil.move(str(db), str(args.keep_db))
            print(f"database kept: {args.keep_db}")
    peak = max(r for _, r, _ in samples)
    largest = max(m for _, _, m in samples)
    child_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
    print(f"ingest ({args.engine}, --processes {args.processes or 'default'}): {elapsed:.0f} s, "
          f"{args.articles / elapsed:.1f} articles/s; report {out.strip()!r}")
    print(f"database: {db_mib:.0f} MiB")
    print(f"peak RSS, parent + workers: {peak / 2**20:.0f} MiB ({len(samples)} samples); peak PSS "
          f"(shared pages counted once): {pss_peak / 2**20:.0f} MiB")
    quarters = [samples[min(len(samples) - 1, int(q * len(samples)))] for q in (0.25, 0.5, 0.75, 0.99)]
    print("RSS at 25/50/75/99% of the run: "
          + ", ".join(f"{r / 2**20:.0f} MiB @ {t:.0f} s" for t, r, _ in quarters))
    print(f"largest single process: peak {largest / 2**20:.0f} MiB; at 25/50/75/99%: "
          + ", ".join(f"{m / 2**20:.0f}" for _, _, m in quarters) + " MiB")
    print(f"peak RSS of the ingest process itself: {parent_peak / 2**20:.0f} MiB; of its largest "
          f"descendant: {child_peak / 2**20:.0f} MiB; RUSAGE_CHILDREN maxrss: {child_max:.0f} MiB")


if __name__ == "__main__":
    main()
