"""Across articles: near-duplicates, merged events, storylines, timelines,
claims over time, and exports.

The algorithms are pure functions over records (testable with hand-built
``Article``/``Extraction`` pairs); :func:`link` runs them over a store and saves
the results (tables of migration 0100), which the timeline, storyline and export
functions read.

    from sitroom.store import open_store
    from sitroom import crossdoc
    with open_store("sitroom.db") as store:
        crossdoc.link(store)
        crossdoc.timeline_for(store, dyad="RUS-UKR").to_dict()
        crossdoc.export(store, "gdelt", "events.tsv")
"""
from __future__ import annotations

from typing import Any

from . import db
from .claims import ClaimSeries, claim_key, claim_series
from .dedup import DuplicateGroup, duplicate_groups
from .export import FORMATS, export
from .link import Linked, ensure_linked, link, link_pairs
from .merge import MergedEvent, Mention, merge_events, merge_mentions
from .storylines import Storyline, storylines, storylines_of
from .timeline import Timeline, select, timeline

__all__ = [
    "ClaimSeries", "DuplicateGroup", "FORMATS", "Linked", "MergedEvent", "Mention", "Storyline",
    "Timeline", "claim_key", "claim_series", "duplicate_groups", "ensure_linked", "export",
    "link", "link_pairs", "merge_events", "merge_mentions", "select", "storylines",
    "storylines_for", "storylines_of", "timeline", "timeline_for",
]


def storylines_for(store: Any) -> list[Storyline]:
    """The store's storylines (running the cross-document step if out of date)."""
    ensure_linked(store)
    return db.load_storylines(store)


def timeline_for(store: Any, *, dyad: str | None = None, actor: str | None = None,
                 storyline: str | None = None, directed: bool = True) -> Timeline:
    """The daily timeline of the store's merged events for an actor, dyad and/or storyline."""
    from ..errors import NotFound

    ensure_linked(store)
    articles = None
    if storyline:
        found = db.load_storylines(store, storyline)
        if not found:
            raise NotFound(f"no storyline {storyline!r} (see `sitroom storylines`)")
        articles = set(found[0].articles)
    label = " ".join(x for x in (dyad and f"dyad {dyad.upper()}", actor and f"actor {actor.upper()}",
                                 storyline and f"storyline {storyline}") if x) or "all events"
    events = select(db.iter_events(store), actor=actor, dyad=dyad, articles=articles, directed=directed)
    return timeline(events, label=label)
