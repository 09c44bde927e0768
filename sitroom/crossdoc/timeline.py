"""Timelines and escalation: daily counts of merged events by quad class and a
conflict–cooperation score, for an actor, a dyad or a storyline.

The score of a day is the Goldstein value of its events (mean and sum; events
without a Goldstein value are counted but not scored).  Escalation shows as the
days whose score sum changes most from the day before (days without events
score 0), largest absolute change first.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from ..errors import UsageError
from .merge import MergedEvent

QUAD_CLASSES = (0, 1, 2, 3, 4)
TOP_CHANGES = 5


@dataclass(frozen=True, slots=True)
class Day:
    date: str
    counts: tuple[int, int, int, int, int]   # events by quad class 0..4
    events: int
    goldstein_sum: float
    goldstein_mean: float | None

    def to_dict(self) -> dict:
        return {"date": self.date, "events": self.events,
                **{f"q{q}": n for q, n in zip(QUAD_CLASSES, self.counts)},
                "goldstein_sum": self.goldstein_sum, "goldstein_mean": self.goldstein_mean}


@dataclass(frozen=True, slots=True)
class Change:
    date: str
    previous: str
    delta: float          # goldstein_sum(date) - goldstein_sum(previous)

    def to_dict(self) -> dict:
        return {"date": self.date, "previous": self.previous, "delta": self.delta}


@dataclass(frozen=True, slots=True)
class Timeline:
    label: str
    days: tuple[Day, ...]
    changes: tuple[Change, ...]
    undated: int = 0

    def to_dict(self) -> dict:
        return {"label": self.label, "days": [d.to_dict() for d in self.days],
                "changes": [c.to_dict() for c in self.changes], "undated": self.undated}


def parse_dyad(dyad: str) -> tuple[str, str]:
    """'RUS-UKR' -> ('RUS', 'UKR'); a misused value raises UsageError (a ValueError)."""
    parts = [p.strip().upper() for p in dyad.split("-")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"a dyad is two actor codes joined by '-', e.g. RUS-UKR; got {dyad!r}")
    return parts[0], parts[1]


def select(events: Iterable[MergedEvent], *, actor: str | None = None, dyad: str | None = None,
           articles: set[str] | None = None, directed: bool = True) -> Iterable[MergedEvent]:
    """The events of an actor (either side), a dyad (source-target) and/or a set of articles."""
    pair = parse_dyad(dyad) if dyad else None
    actor = actor.upper() if actor else None
    for e in events:
        if actor and actor not in e.sources and actor not in e.targets:
            continue
        if pair:
            s, t = pair
            forward = s in e.sources and t in e.targets
            if not forward and (directed or not (t in e.sources and s in e.targets)):
                continue
        if articles is not None and not any(m.article_id in articles for m in e.mentions):
            continue
        yield e


def timeline(events: Iterable[MergedEvent], *, label: str = "all", top: int = TOP_CHANGES) -> Timeline:
    """Daily counts by quad class and Goldstein score of ``events``, with the biggest changes."""
    per_day: dict[str, list[MergedEvent]] = {}
    undated = 0
    for e in events:
        if e.date is None:
            undated += 1
            continue
        per_day.setdefault(e.date, []).append(e)
    days = tuple(_day(d, per_day[d]) for d in sorted(per_day))
    return Timeline(label, days, _changes(days, top), undated)


def _day(date: str, events: list[MergedEvent]) -> Day:
    counts = [0] * len(QUAD_CLASSES)
    for e in events:
        if e.quad_class in QUAD_CLASSES:
            counts[e.quad_class] += 1
    scores = [e.goldstein for e in events if e.goldstein is not None]
    total = round(sum(scores), 2)
    return Day(date, tuple(counts), len(events), total,
               round(total / len(scores), 2) if scores else None)


def _changes(days: tuple[Day, ...], top: int) -> tuple[Change, ...]:
    if not days:
        return ()
    score = {d.date: d.goldstein_sum for d in days}
    first, last = dt.date.fromisoformat(days[0].date), dt.date.fromisoformat(days[-1].date)
    out: list[Change] = []
    prev = first - dt.timedelta(days=1)
    day = first
    # every day from the first (compared with the quiet day before it) to the last
    while day <= last:
        a, b = score.get(prev.isoformat(), 0.0), score.get(day.isoformat(), 0.0)
        if a != b:
            out.append(Change(day.isoformat(), prev.isoformat(), round(b - a, 2)))
        prev, day = day, day + dt.timedelta(days=1)
    out.sort(key=lambda c: (-abs(c.delta), c.date))
    return tuple(out[:top])
