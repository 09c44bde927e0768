"""Engines: `sitroom extract --engine local` against `--engine ray` on the same articles.

    .venv/bin/python bench/engines.py [--limit 200] [--processes 2]

Runs each engine as the CLI would (a fresh process: imports, model load, Ray
start-up all included), on the first N articles of the BBC corpus, with the same
number of CPUs; prints seconds, articles/s and whether both outputs are
identical. Never asserted on.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc-news-2225.jsonl"


def run(engine: str, inp: Path, out: Path, processes: int, batch_size: int) -> float:
    exe = ROOT / ".venv" / "bin" / "sitroom"
    cmd = [str(exe) if exe.exists() else "sitroom", "extract", "--input", str(inp), "--output", str(out),
           "--engine", engine, "--processes", str(processes), "--batch-size", str(batch_size)]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"sitroom extract --engine {engine} failed ({p.returncode}): {p.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        n = words = 0
        with open(args.corpus, encoding="utf-8") as src, open(inp, "w", encoding="utf-8") as f:
            for line in src:
                if n >= args.limit:
                    break
                if line.strip():
                    words += len(json.loads(line)["text"].split())
                    f.write(line)
                    n += 1
        print(f"corpus: {args.corpus.name}, {n} articles, {words} words; "
              f"--processes {args.processes} --batch-size {args.batch_size}")
        digests = {}
        for engine in ("local", "ray"):
            out = Path(tmp) / f"{engine}.jsonl"
            elapsed = run(engine, inp, out, args.processes, args.batch_size)
            digests[engine] = hashlib.sha256(out.read_bytes()).hexdigest()
            print(f"{engine:>5}: {elapsed:.1f} s (start-up included), {n / elapsed:.2f} articles/s, "
                  f"{words / elapsed:.0f} words/s")
    print(f"outputs identical: {digests['local'] == digests['ray']}")


if __name__ == "__main__":
    main()
