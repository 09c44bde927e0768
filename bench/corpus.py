"""A corpus of any size for the benchmarks: real articles repeated with new ids.

    python bench/corpus.py 100000 /tmp/corpus-100k.jsonl [--corpus ../shared/corpora/bbc-news-2225.jsonl]

Article ``i`` is article ``i mod n`` of the source corpus (n articles) with the id
``<id>~<i // n>``: every text is real, every id is new, so ingest parses and stores each
one (its duplicate check is on id and source). Written line by line: the size of the
output does not touch memory. ``bench/memory.py`` builds its input with :func:`write`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc-news-2225.jsonl"


def write(src: Path, dest: Path, n: int) -> int:
    """Write ``n`` articles from ``src`` repeated with new ids to ``dest``; return the words."""
    base = [line for line in open(src, encoding="utf-8") if line.strip()]
    if not base:
        raise ValueError(f"{src} holds no articles")
    words = 0
    with open(dest, "w", encoding="utf-8") as f:
        for i in range(n):
            d = json.loads(base[i % len(base)])
            d["id"] = f"{d['id']}~{i // len(base)}"
            words += len(d["text"].split())
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=int)
    ap.add_argument("output", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    words = write(args.corpus, args.output, args.articles)
    print(f"{args.output}: {args.articles} articles ({args.corpus.name} repeated, new ids), {words} words")


if __name__ == "__main__":
    main()
