"""Cross-document step timings: dedup, storylines and event merging at two sizes.

    .venv/bin/python bench/crossdoc.py [--corpus ../shared/corpora/bbc-news-2225.jsonl]
                                       [--sizes 1000,2225] [--extract N]

Dedup and storylines run on the texts alone (titles as extracted, no parsing), so
the figures are the cross-document cost, not the NLP.  Event merging needs
extracted events: ``--extract N`` runs the real pipeline once on the first N
articles and caches the extractions in bench/out/ (gitignored); later runs reuse
the cache.  Figures are printed, never asserted on.

``--incremental BASE+NEW`` times ``sitroom link`` on a store: BASE articles linked, then
NEW more linked incrementally, against ``link --rebuild`` over all of them. The articles
are the extracted articles of ``--from-db`` (a store ``make demo`` filled, say) copied
with new ids as a feed: copy k is dated k x (the source's span + 1 day) later, and a
copy's text has a third of its word types replaced by same-length made-up words (its
offsets still hold), so copies are not near-duplicates of each other. The NEW articles
are the latest of the feed (a daily feed), or spread over its whole time (``--spread``,
the worst case: every day gets new mentions).
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


def _shift(value: str | None, days: int) -> str | None:
    import datetime as dt

    if not value or len(value) < 10:
        return value
    try:
        day = dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)
    except ValueError:
        return value
    return day.isoformat() + value[10:]


def _scramble(text: str, k: int) -> str:
    """A third of the word types replaced by made-up words of the same length (copy k)."""
    import hashlib
    import re

    def sub(m):
        w = m.group(0)
        h = hashlib.blake2b(f"{k}:{w}".encode(), digest_size=16).digest()
        if h[0] % 3:
            return w
        return "".join("abcdefghijklmnopqrstuvwxyz"[b % 26] for b in (h * 8)[:len(w)])
    return re.sub(r"[A-Za-z]{4,}", sub, text)


def feed(source: list[tuple[Article, Extraction]], n: int) -> list[tuple[Article, Extraction]]:
    """``n`` articles: copies of ``source``, each copy dated after the previous one."""
    from dataclasses import replace

    days = sorted(a.published[:10] for a, _ in source if a.published)
    import datetime as dt

    span = (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days + 1
    out = []
    k = 0
    while len(out) < n:
        for a, x in source:
            if len(out) >= n:
                break
            aid = f"{a.id}-c{k}" if k else a.id
            shift = k * span
            art = a.replace(id=aid, text=_scramble(a.text, k) if k else a.text,
                            published=_shift(a.published, shift), content_hash=None)
            events = tuple(replace(e, date=_shift(e.date, shift)) for e in (x.events or ()))
            out.append((art, replace(x, article_id=aid, published=_shift(x.published, shift), events=events)))
        k += 1
    return out


def incremental(spec: str, from_db: str, db: str | None, spread: bool) -> None:
    import random
    import tempfile

    from sitroom.crossdoc import link
    from sitroom.store import open_store

    base, new = (int(x) for x in spec.split("+"))
    with open_store(from_db, readonly=True) as s:
        source = list(s.iter_extractions())
    pairs = feed(source, base + new)
    pairs.sort(key=lambda p: (p[0].published or "", p[0].id))
    if spread:
        rng = random.Random(1)
        late = set(rng.sample(range(len(pairs)), new))
        first = [p for i, p in enumerate(pairs) if i not in late]
        last = [p for i, p in enumerate(pairs) if i in late]
    else:
        first, last = pairs[:base], pairs[base:]
    target = db or str(Path(tempfile.mkdtemp(prefix="sitroom-bench-")) / "bench.db")
    print(f"incremental link: {base} articles linked, then {new} more ({'spread over the feed' if spread else 'the latest'}); "
          f"source {len(source)} extracted articles of {from_db}; store {target}")
    with open_store(target) as s:
        _, t = timed(s.write, first)
        print(f"  wrote {len(first)} articles in {t:.1f}s")
        run, t_base = timed(lambda: link(s, rebuild=True))
        print(f"  link --rebuild of the {base}: {t_base:.2f}s  {run.summary()}")
        s.write(last)
        run, t_inc = timed(lambda: link(s))
        print(f"  link of the {run.new} new onto them: {t_inc:.2f}s")
        inc = (list(s.merged_events()), s.duplicate_groups(), s.storylines(), s.merged_proposals())
        run, t_all = timed(lambda: link(s, rebuild=True))
        print(f"  link --rebuild of all {base + new}: {t_all:.2f}s  {run.summary()}")
        same = inc == (list(s.merged_events()), s.duplicate_groups(), s.storylines(), s.merged_proposals())
    print(f"  incremental / rebuild = {t_inc / t_all:.1%}; results identical: {same}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT)
    p.add_argument("--sizes", default="1000,2225")
    p.add_argument("--extract", type=int, default=0, help="articles to run the real pipeline on (cached)")
    p.add_argument("--incremental", metavar="BASE+NEW", help="time incremental linking (see above)")
    p.add_argument("--from-db", help="a store of extracted articles to copy (--incremental)")
    p.add_argument("--db", help="the store to link in (default: a temporary SQLite file)")
    p.add_argument("--spread", action="store_true", help="new articles spread over the feed's time")
    args = p.parse_args()
    if args.incremental:
        if not args.from_db:
            p.error("--incremental needs --from-db (a store `make demo` filled, say)")
        return incremental(args.incremental, args.from_db, args.db, args.spread)
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
