"""Cross-document step timings: dedup, storylines and event merging at two sizes.

    .venv/bin/python bench/crossdoc.py [--corpus ../shared/corpora/bbc-news-2225.jsonl]
                                       [--sizes 1000,2225] [--extract N]

Dedup and storylines run on the texts alone (titles as extracted, no parsing), so
the figures are the cross-document cost, not the NLP.  Event merging needs
extracted events: ``--extract N`` runs the real pipeline once on the first N
articles and caches the extractions in bench/out/ (gitignored); later runs reuse
the cache.  Figures are printed, never asserted on.
"""
from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from sitroom.crossdoc.dedup import Deduplicator
from sitroom.crossdoc.link import link_pairs
from sitroom.crossdoc.merge import merge_mentions, mentions_of
from sitroom.crossdoc.storylines import profile, storylines
from sitroom.records import Article, Extraction

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc-news-2225.jsonl"
OUT = ROOT / "bench" / "out"


def load(path: Path) -> list[Article]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out.append(Article(str(d["id"]), d["text"], title=d.get("title"),
                                   published=d.get("published"), source=d.get("source"), url=d.get("url")))
    return out


def extract_cached(articles: list[Article], n: int, cache: Path) -> list[tuple[Article, Extraction]]:
    """The pipeline's extractions of the first ``n`` articles, cached as JSON Lines."""
    pairs: list[tuple[Article, Extraction]] = []
    if cache.exists():
        for line in open(cache, encoding="utf-8"):
            d = json.loads(line)
            pairs.append((Article.from_dict(d["article"]), Extraction.from_dict(d["extraction"])))
    if len(pairs) >= n:
        return pairs[:n]
    from sitroom.extract import extract_doc
    from sitroom.nlp import parse

    cache.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with open(cache, "a", encoding="utf-8") as f:
        for a in articles[len(pairs):n]:
            x = extract_doc(parse(a), a)
            pairs.append((a, x))
            f.write(json.dumps({"article": a.to_dict(), "extraction": x.to_dict()}, ensure_ascii=False) + "\n")
    print(f"extracted {n} articles in {time.perf_counter() - t:.1f}s (cached in {cache})")
    return pairs


def _day(i: int) -> str:
    import datetime as dt

    return (dt.date(2005, 1, 1) + dt.timedelta(days=i % 60)).isoformat()


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def dedup(articles: list[Article]):
    d = Deduplicator()
    for a in articles:
        d.add(a.id, a.text)
    return d.groups()


def stories(articles: list[Article]):
    return storylines([profile(a, Extraction(a.id, title=a.title)) for a in articles])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT)
    p.add_argument("--sizes", default="1000,2225")
    p.add_argument("--extract", type=int, default=0, help="articles to run the real pipeline on (cached)")
    args = p.parse_args()
    articles = load(args.corpus)
    print(f"python {platform.python_version()} on {platform.machine()}; corpus {args.corpus.name}: "
          f"{len(articles)} articles")
    print(f"{'articles':>8}  {'dedup s':>8}  {'groups':>6}  {'in groups':>9}  {'stories s':>9}  {'storylines':>10}")
    for n in (int(s) for s in args.sizes.split(",")):
        part = articles[:n]
        groups, t_dedup = timed(dedup, part)
        lines, t_story = timed(stories, part)
        print(f"{len(part):>8}  {t_dedup:>8.2f}  {len(groups):>6}  {sum(len(g.articles) for g in groups):>9}  "
              f"{t_story:>9.2f}  {len(lines):>10}")
    if args.extract:
        pairs = extract_cached(articles, args.extract, OUT / f"{args.corpus.stem}-extractions.jsonl")
        if not any(a.published for a, _ in pairs):
            # an undated corpus (BBC): spread it over 60 days so merging has dates to compare
            pairs = [(a.replace(published=_day(i)), x) for i, (a, x) in enumerate(pairs)]
            print("corpus is undated: articles given synthetic days (index mod 60) for the merge timing")
        mentions = [m for a, x in pairs for m in mentions_of(a, x)]
        events, t_merge = timed(merge_mentions, mentions)
        linked, t_link = timed(link_pairs, pairs)
        print(f"merge: {len(mentions)} mentions from {len(pairs)} articles -> {len(events)} events "
              f"({sum(1 for e in events if e.num_articles > 1)} in 2+ articles) in {t_merge:.3f}s; "
              f"whole step (dedup + merge + storylines) {t_link:.2f}s: {linked.summary()}")


if __name__ == "__main__":
    main()
