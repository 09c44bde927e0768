"""Event merging: the reports of one happening across articles become one event.

The GDELT split: a :class:`MergedEvent` (what happened: type, actors, date,
counts) and its :class:`Mention` s (where it was reported: article, source,
trigger and sentence spans).

Two mentions report the same happening when they have the same PLOVER type,
compatible actors (their source code sets overlap, or both are empty; the same
for targets; a mention with no actor code on either side stays on its own, as
nothing ties it to another) and dates within ±1 day (the event's date, else the article's
publication day).  Clustering is greedy over a canonical order, each mention
joining the first compatible event anchored at most one day before it, and is
compared with the event's *first* mention, so one report cannot chain a week of
loosely similar reports together.  Because the input is sorted first, any order
of the same articles gives the same events, and an event's id is a hash of its
merge key and first mention, so re-running changes nothing.

Negated and hypothetical events did not happen; they are not merged.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Iterable, Iterator

from ..records import ActorSpan, Article, Event, Extraction, Mention, MergedEvent
from .text import as_date, source_of

WINDOW_DAYS = 1


def _codes(spans: Iterable[ActorSpan]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    by_code: dict[str, tuple[str, str]] = {}
    for a in spans:
        if a.actor and a.actor.code and a.actor.code not in by_code:
            by_code[a.actor.code] = (a.actor.name or a.span.text, a.actor.sector or "")
    codes = tuple(sorted(by_code))
    return codes, tuple(by_code[c][0] for c in codes), tuple(by_code[c][1] for c in codes)


def mentions_of(article: Article, extraction: Extraction) -> Iterator[Mention]:
    """The mergeable event mentions of one article (negated/hypothetical ones left out)."""
    published_day = as_date(extraction.published or article.published)
    outlet = source_of(article.source, article.url, article.id)
    for i, ev in enumerate(extraction.events or ()):
        if ev.negated or ev.hypothetical:
            continue
        day = as_date(ev.date) or published_day
        yield mention(article, outlet, i, ev, day)


def mention(article: Article, outlet: str, index: int, ev: Event, day: dt.date | None) -> Mention:
    src, src_names, src_sec = _codes(ev.source)
    tgt, tgt_names, tgt_sec = _codes(ev.target)
    loc = ev.location
    place = (loc.name or loc.span.text, loc.country, loc.lat, loc.lon, loc.geonames_id, loc.feature) if loc else None
    return Mention(
        article_id=article.id, index=index, type=ev.type, sources=src, targets=tgt,
        date=day.isoformat() if day else None, published=article.published, source=outlet,
        trigger=ev.trigger, sentence=ev.sentence, cameo=ev.cameo, quad_class=ev.quad_class,
        goldstein=ev.goldstein, source_names=src_names, target_names=tgt_names,
        source_sectors=src_sec, target_sectors=tgt_sec, url=article.url, place=place)


def compatible(a: Mention, b: Mention, *, window: int = WINDOW_DAYS) -> bool:
    """Same type, overlapping (or both empty) source and target codes, at least one code on
    each, dates within ``window`` days."""
    if a.type != b.type or a.date is None or b.date is None:
        return False
    if not (a.sources or a.targets) or not (b.sources or b.targets):
        return False  # no actor at all: nothing says two such reports are one happening
    if abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) > window:
        return False
    return _overlap(a.sources, b.sources) and _overlap(a.targets, b.targets)


def _overlap(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    return (not x and not y) or bool(set(x) & set(y))


def event_id(first: Mention) -> str:
    """A stable id: a hash of the merge key and the first mention."""
    raw = "|".join([first.type, ",".join(first.sources), ",".join(first.targets), first.date or "",
                    first.article_id, str(first.trigger.start), str(first.trigger.end)])
    return "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def merge_mentions(mentions: Iterable[Mention], *, window: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Cluster mentions into merged events (deterministic, order-independent)."""
    ordered = sorted(mentions, key=lambda m: m.key)
    clusters: list[list[Mention]] = []
    # (type, anchor day) -> indices into clusters, for the candidates of a mention
    by_anchor: dict[tuple[str, str], list[int]] = {}
    for m in ordered:
        home = None
        if m.date is not None:
            day = dt.date.fromisoformat(m.date)
            for delta in range(-window, 1):
                anchor = (day + dt.timedelta(days=delta)).isoformat()
                for ci in by_anchor.get((m.type, anchor), ()):
                    if compatible(clusters[ci][0], m, window=window):
                        home = ci
                        break
                if home is not None:
                    break
        if home is None:
            clusters.append([m])
            if m.date is not None:
                by_anchor.setdefault((m.type, m.date), []).append(len(clusters) - 1)
        else:
            clusters[home].append(m)
    return sorted((_merged(c) for c in clusters), key=lambda e: (e.date or "9999", e.id))


def _merged(ms: list[Mention]) -> MergedEvent:
    first = ms[0]
    cameo = _mode([m.cameo for m in ms])
    quad = _mode([m.quad_class for m in ms])
    gold = [m.goldstein for m in ms if m.goldstein is not None]
    seen = [m.published for m in ms if m.published]
    return MergedEvent(
        id=event_id(first), type=first.type, date=first.date,
        sources=tuple(sorted({c for m in ms for c in m.sources})),
        targets=tuple(sorted({c for m in ms for c in m.targets})),
        cameo=cameo, quad_class=quad,
        goldstein=round(sum(gold) / len(gold), 2) if gold else None,
        first_seen=min(seen) if seen else None, num_mentions=len(ms),
        num_articles=len({m.article_id for m in ms}), num_sources=len({m.source for m in ms}),
        mentions=tuple(ms))


def _mode(values: list) -> object:
    """The most frequent non-null value; ties go to the smallest."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


def merge_events(pairs: Iterable[tuple[Article, Extraction]], *, window: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Merge the events of (Article, Extraction) pairs."""
    return merge_mentions((m for a, x in pairs for m in mentions_of(a, x)), window=window)
