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


# ---------------------------------------------------------------- merging new mentions onto stored events
# A mention of day d can only join an event anchored (first mention) on d-1 or d, and the
# events anchored on d are made by the mentions of d. So the clustering of a day depends
# only on the events anchored the day before: re-running the greedy pass on the days that
# get new mentions, and on the following days while the set of events anchored there
# changes, gives exactly what a rebuild over every mention gives.

StoredMention = tuple[str, int, Mention]   # (event id, position in the event, mention)


def _ident(m: Mention) -> tuple[str, int]:
    return (m.article_id, m.index)


def _next_day(day: str, n: int = 1) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()


def remerge(new: Iterable[Mention], mentions_on, *, window: int = WINDOW_DAYS
            ) -> tuple[list[MergedEvent], set[str]]:
    """Merge new mentions onto stored events: ``mentions_on(type, day)`` gives the stored
    mentions of that type and day as (event id, position, mention). Returns the events to
    save (new or changed) and the ids of the stored events they replace."""
    if window != 1:
        raise ValueError("remerge follows the anchoring of a one-day window")
    by_type: dict[str, dict[str | None, list[Mention]]] = {}
    for m in new:
        by_type.setdefault(m.type, {}).setdefault(m.date, []).append(m)
    events: list[MergedEvent] = []
    replaced: set[str] = set()
    for type_, days in sorted(by_type.items()):
        events += [_merged([m]) for m in sorted(days.pop(None, ()), key=lambda m: m.key)]
        if days:
            ev, gone = _remerge_type(type_, days, mentions_on)
            events += ev
            replaced |= gone
    return events, replaced


def _remerge_type(type_: str, new_days: dict[str, list[Mention]], mentions_on
                  ) -> tuple[list[MergedEvent], set[str]]:
    cache: dict[str, list[StoredMention]] = {}

    def stored(day: str) -> list[StoredMention]:
        if day not in cache:
            cache[day] = mentions_on(type_, day)
        return cache[day]

    def stored_anchors(day: str) -> list[Mention]:
        return sorted((m for _e, pos, m in stored(day) if pos == 0), key=lambda m: m.key)

    redone: dict[str, list[tuple[Mention, Mention]]] = {}   # day -> (mention, its event's first)
    anchors: dict[str, list[Mention]] = {}                  # recomputed day -> its events' firsts
    pending = sorted(new_days)
    day = pending[0]
    prev = stored_anchors(_next_day(day, -1))
    while day is not None:
        ms = sorted([m for _e, _p, m in stored(day)] + new_days.get(day, []), key=lambda m: m.key)
        made: list[Mention] = []
        homes = []
        for m in ms:
            home = next((f for f in prev if compatible(f, m)), None) or \
                next((f for f in made if compatible(f, m)), None)
            if home is None:
                made.append(m)
                home = m
            homes.append((m, home))
        redone[day], anchors[day] = homes, made
        changed = [_ident(m) for m in made] != [_ident(m) for m in stored_anchors(day)]
        nxt = _next_day(day)
        if nxt in new_days or changed:
            day, prev = nxt, made
            continue
        later = [d for d in pending if d > day]
        day = later[0] if later else None
        if day is not None:
            prev = stored_anchors(_next_day(day, -1))
    # the events touched: those anchored on a recomputed day, or on the day before one
    members: dict[tuple[str, int], list[Mention]] = {}
    gone: set[str] = set()
    for day, homes in redone.items():
        before = _next_day(day, -1)
        if before not in redone:
            # the events anchored the day before keep their members of that day
            ids = {eid: _ident(m) for eid, pos, m in stored(before) if pos == 0}
            for eid, _pos, m in stored(before):
                if eid in ids:
                    gone.add(eid)
                    members.setdefault(ids[eid], []).append(m)
        for eid, _pos, _m in stored(day):
            gone.add(eid)
        for m, home in homes:
            members.setdefault(_ident(home), []).append(m)
        after = _next_day(day)
        if after not in redone:
            # the events anchored on this day keep their members of the next day
            ids = {event_id(f): _ident(f) for f in anchors[day]}
            for eid, _pos, m in stored(after):
                if eid in ids:
                    members[ids[eid]].append(m)
    events = [_merged(sorted(ms, key=lambda m: m.key)) for ms in members.values()]
    return events, gone
