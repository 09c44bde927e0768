"""The cross-document step over a store, incremental: ``sitroom link`` reads only the
articles it has not linked yet and joins them onto the saved results; ``--rebuild``
recomputes everything from scratch. Both give the same tables.

What each algorithm needs to stay exact when run on a new batch:

* duplicates: new articles' LSH buckets find their stored candidates; groups are connected
  components of the kept pairs, so stored groups only grow or join (``dedup.extend_groups``);
* merged events: a mention joins an event anchored on its day or the day before, so the
  days with new mentions are merged again, and the following days while the events
  anchored there change (``merge.remerge``);
* merged proposals: components of compatible pairs, joined like duplicate groups
  (``proposals.extend_proposals``); stances are per article;
* storylines: the pass weighs terms by the IDF of the articles up to each day, so it can
  stop before its last day and go on from there (``storylines.Resume``, saved): new
  articles of that day or later (a daily feed) are clustered onto the storylines still
  open; an article dated earlier makes the pass run again over every stored profile
  (compact per-article features, not the articles), and only the storylines that changed
  are written.

The per-article state (signature, buckets, profile) is saved with the results in one
transaction. :func:`link` is the only writer of the cross-document tables; readers call
:func:`require_linked`, which never writes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import NotLinked
from ..records import Article, Extraction
from ..store.linked_delta import LinkDelta
from . import proposals as props
from .dedup import Deduplicator, DuplicateGroup, extend_groups, from_hex, sign, to_hex
from .merge import MergedEvent, merge_mentions, mentions_of, remerge
from .storylines import (Profile, Resume, Storyline, cluster, profile, profile_from_json, profile_json,
                         storyline_id, storylines)

log = logging.getLogger(__name__)

VERSION = 3  # bump when a change to the algorithms changes their results


@dataclass(frozen=True, slots=True)
class Linked:
    """The results of the cross-document step over pairs in memory (:func:`link_pairs`)."""

    articles: int
    groups: list[DuplicateGroup]
    events: list[MergedEvent]
    storylines: list[Storyline]
    proposals: list = field(default_factory=list)

    def summary(self) -> dict:
        return {"articles": self.articles, "duplicate_groups": len(self.groups),
                "duplicate_articles": sum(len(g.articles) for g in self.groups),
                "merged_events": len(self.events),
                "event_mentions": sum(e.num_mentions for e in self.events),
                "multi_article_events": sum(1 for e in self.events if e.num_articles > 1),
                "storylines": len(self.storylines),
                "storyline_articles": sum(len(s.articles) for s in self.storylines)}


@dataclass(frozen=True, slots=True)
class LinkRun:
    """What one :func:`link` run did: ``new`` articles linked (all of them on a rebuild),
    and the totals saved."""

    new: int
    rebuild: bool
    totals: dict[str, int]

    def summary(self) -> dict:
        return dict(self.totals)

    def to_dict(self) -> dict:
        return {**self.totals, "new_articles": self.new, "rebuild": self.rebuild}


def link_pairs(pairs: Iterable[tuple[Article, Extraction]]) -> Linked:
    """Run dedup, event merging, storylines and proposal merging over (Article, Extraction)
    pairs, in memory."""
    dedup = Deduplicator()
    mentions, pmentions, profiles = [], [], []
    n = 0
    for article, extraction in pairs:
        n += 1
        dedup.add(article.id, article.text)
        mentions.extend(mentions_of(article, extraction))
        pmentions.extend(props.mentions_of(article, extraction))
        profiles.append(profile(article, extraction))
    merged, _ = props.extend_proposals(pmentions, stored_between=lambda lo, hi: [], members=lambda ids: [])
    return Linked(n, dedup.groups(), merge_mentions(mentions), storylines(profiles),
                  sorted(merged, key=lambda p: (p.first_date or "9999", p.id)))


@dataclass
class _Batch:
    """What a run collects from the new articles (compact: no article is kept)."""

    delta: LinkDelta
    signed: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)

    def add(self, article: Article, extraction: Extraction) -> None:
        s = sign(article.id, article.text)
        p = profile(article, extraction)
        self.delta.articles.append((article.id, p.day, to_hex(s.values) if s else None, profile_json(p)))
        if s is not None:
            self.signed.append(s)
            self.delta.buckets.extend((b, article.id) for b in sorted(set(s.buckets)))
        self.mentions.extend(mentions_of(article, extraction))
        self.proposals.extend(props.mentions_of(article, extraction))
        self.delta.stances.extend(props.stances_of(article, extraction))
        self.profiles.append(p)


def link(store: Any, *, rebuild: bool = False) -> LinkRun:
    """Link the articles stored since the last run onto the saved results (every article,
    from scratch, with ``rebuild`` or when nothing usable is saved) and save them."""
    state = store.linked_state()
    rebuild = rebuild or state.get("version") != VERSION or store.linked_count() == 0
    batch = _Batch(LinkDelta(rebuild=rebuild))
    for article, extraction in (store.iter_extractions() if rebuild else store.unlinked_extractions()):
        batch.add(article, extraction)
    d = batch.delta
    total = (0 if rebuild else store.linked_count()) + len(d.articles)
    if not d.articles and not rebuild:
        return LinkRun(0, False, store.linked_summary())
    if rebuild:
        d.groups, _ = extend_groups(batch.signed, candidates=lambda b: {}, signatures=lambda i: {},
                                    groups_of=lambda i: [])
        d.events = merge_mentions(batch.mentions)
        d.storylines, resume = cluster(batch.profiles)
        d.resume = resume.to_json() if resume else ""
        d.proposals, _ = props.extend_proposals(batch.proposals, stored_between=lambda lo, hi: [],
                                                members=lambda ids: [])
    else:
        d.groups, d.groups_replaced = extend_groups(
            batch.signed, candidates=store.bucket_members,
            signatures=lambda ids: {k: from_hex(v) for k, v in store.signatures(ids).items()},
            groups_of=store.groups_with)
        d.events, d.events_replaced = remerge(batch.mentions, store.mentions_on)
        _link_storylines(store, batch, d)
        d.proposals, d.proposals_replaced = props.extend_proposals(
            batch.proposals, stored_between=store.proposal_mentions_between, members=store.proposal_members)
    d.state = {"articles": total, "version": VERSION}
    store.apply_linked(d)
    return LinkRun(len(d.articles), rebuild, store.linked_summary())


def _link_storylines(store: Any, batch: _Batch, d: LinkDelta) -> None:
    """Storylines after new articles: the saved pass goes on from its last day when every
    new article is of that day or later (a daily feed); otherwise the pass runs again over
    every stored profile, and only the storylines that changed are written."""
    saved = store.storyline_resume()
    resume = Resume.from_json(saved) if saved else None
    if resume is not None and all(p.day is not None and p.day >= resume.day for p in batch.profiles):
        new_ids = {p.article_id for p in batch.profiles}
        old_day = [profile_from_json(a, j) for a, j in store.linked_profiles_on(resume.day) if a not in new_ids]
        members = {a: profile_from_json(a, j) for a, j in store.profiles_of(resume.member_ids())}
        lines, state = cluster(old_day + batch.profiles, resume=resume, members=members)
        d.storylines = lines
        d.storylines_replaced = ({storyline_id(c["members"][0]) for c in resume.clusters}
                                 | {storyline_id(p.article_id) for p in old_day})
        d.resume = state.to_json() if state else saved
        return
    new_ids = {a[0] for a in d.articles}
    everyone = [profile_from_json(a, j) for a, j in store.linked_profiles() if a not in new_ids]
    lines, state = cluster(everyone + batch.profiles)
    now = {s.id: s for s in lines}
    before = {s.id: s for s in store.storylines()}
    d.storylines = [s for sid, s in sorted(now.items()) if before.get(sid) != s]
    d.storylines_replaced = {sid for sid, s in before.items() if now.get(sid) != s}
    d.resume = state.to_json() if state else ""


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
