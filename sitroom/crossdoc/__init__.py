"""Across articles: near-duplicates, merged events, storylines, timelines,
claims over time, and exports.

The algorithms are pure functions over records (testable with hand-built
``Article``/``Extraction`` pairs); :func:`link` runs them over a store and saves
the results through the store (``Store.apply_linked``, tables of migrations 0100
to 0102, on every backend); it is incremental (only articles stored since the last run
are read) and ``link(store, rebuild=True)`` recomputes from scratch, to the same tables. The timeline, storyline and export functions only
read them: they raise :class:`~sitroom.errors.NotLinked` on a store never linked.

    from sitroom.store import open_store
    from sitroom import crossdoc
    with open_store("sitroom.db") as store:
        crossdoc.link(store)
        crossdoc.timeline_for(store, dyad="RUS-UKR").to_dict()
        crossdoc.export(store, "gdelt", "events.tsv")
"""
from __future__ import annotations

from typing import Any

from .claims import ClaimSeries, claim_key, claim_series
from .dedup import DuplicateGroup, duplicate_groups
from .export import FORMATS, export
from .link import Linked, LinkRun, is_current, link, link_pairs, require_linked
from .proposals import merge_proposals
from .merge import MergedEvent, Mention, merge_events, merge_mentions
from .storylines import Storyline, storylines, storylines_of
from .timeline import Timeline, select, timeline

__all__ = [
    "ClaimSeries", "DuplicateGroup", "FORMATS", "Linked", "LinkRun", "merge_proposals", "MergedEvent", "Mention", "Storyline",
    "Timeline", "claim_key", "claim_series", "duplicate_groups", "duplicates_for", "export",
    "is_current", "link", "link_pairs", "require_linked", "merge_events", "merge_mentions", "select", "storylines",
    "storylines_for", "storylines_of", "timeline", "timeline_for",
]


def storylines_for(store: Any) -> list[Storyline]:
    """The store's storylines, as ``sitroom link`` saved them."""
    require_linked(store)
    return store.storylines()


def duplicates_for(store: Any) -> list[DuplicateGroup]:
    """The store's near-duplicate groups, as ``sitroom link`` saved them."""
    require_linked(store)
    return store.duplicate_groups()


def timeline_for(store: Any, *, dyad: str | None = None, actor: str | None = None,
                 storyline: str | None = None, directed: bool = True) -> Timeline:
    """The daily timeline of the store's merged events for an actor, dyad and/or storyline."""
    from ..errors import NotFound

    require_linked(store)
    articles = None
    if storyline:
        found = store.storylines(storyline)
        if not found:
            raise NotFound(f"no storyline {storyline!r} (see `sitroom storylines`)")
        articles = set(found[0].articles)
    label = " ".join(x for x in (dyad and f"dyad {dyad.upper()}", actor and f"actor {actor.upper()}",
                                 storyline and f"storyline {storyline}") if x) or "all events"
    events = select(store.merged_events(), actor=actor, dyad=dyad, articles=articles, directed=directed)
    return timeline(events, label=label)
