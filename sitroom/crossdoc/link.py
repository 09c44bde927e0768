"""The cross-document step over a store: one streamed pass over the articles,
then duplicate groups, merged events and storylines, saved in one transaction.

Only compact per-article data is kept in memory (a MinHash signature, the event
mentions, a feature profile), never the articles themselves.

:func:`link` is the only writer of the cross-document tables (``sitroom link``);
readers call :func:`require_linked`, which never writes: it refuses a store that
was never linked and warns when new articles arrived since.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import NotLinked
from ..records import Article, Extraction
from .dedup import Deduplicator, DuplicateGroup
from .merge import MergedEvent, merge_mentions, mentions_of
from .storylines import Profile, Storyline, profile, storylines

log = logging.getLogger(__name__)

VERSION = 1  # bump when a change to the algorithms changes their results


@dataclass(frozen=True, slots=True)
class Linked:
    """The results of the cross-document step."""

    articles: int
    groups: list[DuplicateGroup]
    events: list[MergedEvent]
    storylines: list[Storyline]

    def summary(self) -> dict:
        return {"articles": self.articles, "duplicate_groups": len(self.groups),
                "duplicate_articles": sum(len(g.articles) for g in self.groups),
                "merged_events": len(self.events),
                "event_mentions": sum(e.num_mentions for e in self.events),
                "multi_article_events": sum(1 for e in self.events if e.num_articles > 1),
                "storylines": len(self.storylines),
                "storyline_articles": sum(len(s.articles) for s in self.storylines)}


def link_pairs(pairs: Iterable[tuple[Article, Extraction]]) -> Linked:
    """Run dedup, event merging and storylines over (Article, Extraction) pairs."""
    dedup = Deduplicator()
    mentions = []
    profiles: list[Profile] = []
    n = 0
    for article, extraction in pairs:
        n += 1
        dedup.add(article.id, article.text)
        mentions.extend(mentions_of(article, extraction))
        profiles.append(profile(article, extraction))
    return Linked(n, dedup.groups(), merge_mentions(mentions), storylines(profiles))


def link(store: Any) -> Linked:
    """Run the cross-document step over every stored article and save the results."""
    result = link_pairs(store.iter_extractions())
    store.save_linked(groups=result.groups, events=result.events, storylines=result.storylines,
                      state={"articles": result.articles, "version": VERSION})
    return result


def is_current(store: Any) -> bool:
    """Whether the saved results cover the articles now stored."""
    state = store.linked_state()
    return state.get("version") == VERSION and state.get("articles") == store.counts().get("articles")


def require_linked(store: Any) -> dict[str, Any]:
    """The saved results' state; :class:`NotLinked` ("run `sitroom link`") when there are
    none. Results that are out of date (articles stored since, or an older version of
    the step) are still read, with a warning: reads never write."""
    state = store.linked_state()
    if not state:
        raise NotLinked(f"no cross-document results in {store.location}: run `sitroom link` first")
    stored = store.counts().get("articles")
    if state.get("version") != VERSION:
        log.warning("the cross-document results in %s were made by an older version; "
                    "run `sitroom link` to update them", store.location)
    elif state.get("articles") != stored:
        log.warning("the cross-document results in %s cover %s of the %s articles stored; "
                    "run `sitroom link` to update them", store.location, state.get("articles"), stored)
    return state
