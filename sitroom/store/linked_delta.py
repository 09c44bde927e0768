"""Incremental linking's side of the store (migration 0102): what ``sitroom link`` keeps
of each linked article, the lookups it makes to join new articles onto stored results,
merged proposals with their mentions and stances, and :meth:`apply_linked`, which writes a
run's changes (or a rebuild) in one transaction.

Mixed into :class:`~.linked.LinkedTables`; the SQL is the shared subset of both backends.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..errors import UsageError
from ..records import (Article, DuplicateGroup, Extraction, MergedEvent, MergedProposal,
                       ProposalMention, Stance, Storyline)
from .linked_board import PROPOSAL_MENTION_COLS, ProposalBoard, proposal_mention
from .rows import dumps

CHUNK = 500
PROFILES_PAGE = 2000  # profiles read per query while streaming
#: Every cross-document table, cleared by a rebuild.
ALL_LINKED = ("article_groups", "event_mentions", "merged_events", "storyline_articles", "storylines",
              "linked_articles", "minhash_buckets", "storyline_resume", "merged_proposals", "proposal_mentions",
              "proposal_stances", "crossdoc_state")


@dataclass
class LinkDelta:
    """What one ``sitroom link`` run changes: rows to add, and the ids of stored results
    that new ones replace (``rebuild`` clears every cross-document table first)."""

    rebuild: bool = False
    articles: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)
    buckets: list[tuple[str, str]] = field(default_factory=list)      # (bucket, article id)
    groups: list[DuplicateGroup] = field(default_factory=list)
    groups_replaced: set[str] = field(default_factory=set)
    events: list[MergedEvent] = field(default_factory=list)
    events_replaced: set[str] = field(default_factory=set)
    storylines: list[Storyline] = field(default_factory=list)
    storylines_replaced: set[str] = field(default_factory=set)
    proposals: list[MergedProposal] = field(default_factory=list)
    proposals_replaced: set[str] = field(default_factory=set)
    stances: list[Stance] = field(default_factory=list)
    resume: str | None = None        # the storyline pass's state (JSON), replacing the saved one
    state: dict[str, Any] = field(default_factory=dict)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    values = sorted(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


class IncrementalTables(ProposalBoard):
    """The incremental-linking tables of a :class:`~.sql.SQLStore` (mixed in)."""

    # ------------------------------------------------------------ what is new

    def unlinked_extractions(self) -> Iterator[tuple[Article, Extraction]]:
        """The stored pairs ``sitroom link`` has not linked yet, by publication then id."""
        from .sql import ARTICLE_COLS, pair_of

        ids = [r["id"] for r in self._rows(  # type: ignore[attr-defined]
            "SELECT a.id FROM articles a LEFT JOIN linked_articles l ON l.article_id = a.id "
            "WHERE l.article_id IS NULL ORDER BY a.published NULLS FIRST, a.id")]
        for i in range(0, len(ids), 200):
            part = ids[i:i + 200]
            rows = {r["id"]: r for r in self._rows(  # type: ignore[attr-defined]
                f"SELECT {ARTICLE_COLS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
                f"WHERE a.id IN ({_marks(part)})", part)}
            for aid in part:
                yield pair_of(rows[aid])

    def linked_count(self) -> int:
        return int(self._rows("SELECT count(*) AS n FROM linked_articles")[0]["n"])  # type: ignore[attr-defined]

    # ------------------------------------------------------------ lookups for dedup

    def bucket_members(self, buckets: Iterable[str]) -> dict[str, list[str]]:
        """The linked articles in each of these LSH buckets."""
        out: dict[str, list[str]] = {}
        for part in _chunks(set(buckets)):
            for r in self._rows(f"SELECT bucket, article_id FROM minhash_buckets "  # type: ignore[attr-defined]
                                f"WHERE bucket IN ({_marks(part)})", part):
                out.setdefault(r["bucket"], []).append(r["article_id"])
        return {b: sorted(ids) for b, ids in out.items()}

    def signatures(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored MinHash signatures (hex) of these linked articles."""
        out: dict[str, str] = {}
        for part in _chunks(set(ids)):
            for r in self._rows(f"SELECT article_id, signature FROM linked_articles "  # type: ignore[attr-defined]
                                f"WHERE article_id IN ({_marks(part)}) AND signature IS NOT NULL", part):
                out[r["article_id"]] = r["signature"]
        return out

    def groups_with(self, ids: Iterable[str]) -> list[DuplicateGroup]:
        """The stored duplicate groups holding any of these articles, whole."""
        gids: set[str] = set()
        for part in _chunks(set(ids)):
            gids.update(r["group_id"] for r in self._rows(  # type: ignore[attr-defined]
                f"SELECT group_id FROM article_groups WHERE article_id IN ({_marks(part)})", part))
        members: dict[str, tuple[list[str], list[float]]] = {}
        for part in _chunks(gids):
            for r in self._rows(f"SELECT article_id, group_id, similarity FROM article_groups "  # type: ignore[attr-defined]
                                f"WHERE group_id IN ({_marks(part)})", part):
                a, s = members.setdefault(r["group_id"], ([], []))
                a.append(r["article_id"])
                s.append(r["similarity"])
        return [DuplicateGroup(g, tuple(sorted(a)), min(s)) for g, (a, s) in sorted(members.items())]

    # ------------------------------------------------------------ lookups for events, storylines

    def mentions_on(self, type_: str, day: str) -> list[tuple[str, int, Any]]:
        """(event id, position, mention) of the stored mentions of that day whose event is
        of that type."""
        from .linked import _mention

        return [(r["event_id"], r["pos"], _mention(r, type_)) for r in self._rows(  # type: ignore[attr-defined]
            "SELECT m.* FROM event_mentions m JOIN merged_events e ON e.id = m.event_id "
            "WHERE m.date = ? AND e.type = ? ORDER BY m.event_id, m.pos", (day, type_))]

    def linked_profiles(self) -> Iterator[tuple[str, str]]:
        """(article id, storyline profile JSON) of every linked article, by id."""
        after = ""
        while True:
            rows = self._rows("SELECT article_id, profile_json FROM linked_articles "  # type: ignore[attr-defined]
                              f"WHERE article_id > ? ORDER BY article_id LIMIT {PROFILES_PAGE}", (after,))
            if not rows:
                return
            for r in rows:
                yield r["article_id"], r["profile_json"]
            after = rows[-1]["article_id"]

    def linked_profiles_on(self, day: str) -> list[tuple[str, str]]:
        """(article id, profile JSON) of the linked articles of one day."""
        return [(r["article_id"], r["profile_json"]) for r in self._rows(  # type: ignore[attr-defined]
            "SELECT article_id, profile_json FROM linked_articles WHERE day = ? ORDER BY article_id", (day,))]

    def profiles_of(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        """(article id, profile JSON) of these linked articles."""
        out = []
        for part in _chunks(set(ids)):
            out += [(r["article_id"], r["profile_json"]) for r in self._rows(  # type: ignore[attr-defined]
                f"SELECT article_id, profile_json FROM linked_articles WHERE article_id IN ({_marks(part)})",
                part)]
        return out

    def storyline_resume(self) -> str | None:
        """The saved state of the storyline pass (JSON), if any."""
        rows = self._rows("SELECT state_json FROM storyline_resume WHERE id = 1")  # type: ignore[attr-defined]
        return rows[0]["state_json"] if rows else None

    # ------------------------------------------------------------ merged proposals

    def proposal_mentions_between(self, lo: str, hi: str) -> list[tuple[str, ProposalMention]]:
        """(proposal id, mention) of the stored proposal mentions published from ``lo`` to ``hi``."""
        return [(r["proposal_id"], proposal_mention(r)) for r in self._rows(  # type: ignore[attr-defined]
            f"SELECT {PROPOSAL_MENTION_COLS} FROM proposal_mentions WHERE day >= ? AND day <= ? "
            "ORDER BY day, article_id, idx", (lo, hi))]

    def proposal_members(self, ids: Iterable[str]) -> list[tuple[str, ProposalMention]]:
        """(proposal id, mention) of every mention of these merged proposals."""
        out = []
        for part in _chunks(set(ids)):
            out += [(r["proposal_id"], proposal_mention(r)) for r in self._rows(  # type: ignore[attr-defined]
                f"SELECT {PROPOSAL_MENTION_COLS} FROM proposal_mentions "
                f"WHERE proposal_id IN ({_marks(part)}) ORDER BY proposal_id, day, article_id, idx", part)]
        return out

    def linked_summary(self) -> dict[str, int]:
        return linked_summary(self)

    # ------------------------------------------------------------ writing

    def apply_linked(self, delta: LinkDelta) -> None:
        """Write one run's changes in one transaction (a failure keeps the previous results)."""
        if self.readonly:  # type: ignore[attr-defined]
            raise UsageError(f"store {self.location} was opened read-only")  # type: ignore[attr-defined]
        try:
            with self._write_txn() as c:  # type: ignore[attr-defined]
                if delta.rebuild:
                    for t in ALL_LINKED:
                        c.execute(f"DELETE FROM {t}")
                else:
                    _delete(c, "article_groups", "group_id", delta.groups_replaced)
                    _delete(c, "event_mentions", "event_id", delta.events_replaced)
                    _delete(c, "merged_events", "id", delta.events_replaced)
                    _delete(c, "storyline_articles", "storyline_id", delta.storylines_replaced)
                    _delete(c, "storylines", "id", delta.storylines_replaced)
                    _delete(c, "proposal_mentions", "proposal_id", delta.proposals_replaced)
                    _delete(c, "merged_proposals", "id", delta.proposals_replaced)
                    c.execute("DELETE FROM crossdoc_state")
                _insert_all(c, delta)
        except self.errors as e:  # type: ignore[attr-defined]
            from ..errors import StoreError

            raise StoreError(f"saving cross-document results to {self.location} failed, "  # type: ignore[attr-defined]
                             f"the previous ones are kept: {e}") from e


#: The deletions of replaced results: table -> the statement, less its list of ids.
DELETE_BY = {
    ("article_groups", "group_id"): "DELETE FROM article_groups WHERE group_id IN ",
    ("event_mentions", "event_id"): "DELETE FROM event_mentions WHERE event_id IN ",
    ("merged_events", "id"): "DELETE FROM merged_events WHERE id IN ",
    ("storyline_articles", "storyline_id"): "DELETE FROM storyline_articles WHERE storyline_id IN ",
    ("storylines", "id"): "DELETE FROM storylines WHERE id IN ",
    ("proposal_mentions", "proposal_id"): "DELETE FROM proposal_mentions WHERE proposal_id IN ",
    ("merged_proposals", "id"): "DELETE FROM merged_proposals WHERE id IN ",
}


def _delete(c: Any, table: str, column: str, ids: Iterable[str]) -> None:
    for part in _chunks(set(ids)):
        c.execute(f"{DELETE_BY[table, column]}({_marks(part)})", part)


def _insert_all(c: Any, d: LinkDelta) -> None:
    from .linked import insert_events, insert_groups, insert_state, insert_storylines

    if d.articles:
        c.executemany("INSERT INTO linked_articles (article_id, day, signature, profile_json) "
                      "VALUES (?, ?, ?, ?)", d.articles)
    if d.buckets:
        c.executemany("INSERT INTO minhash_buckets (bucket, article_id) VALUES (?, ?)", d.buckets)
    if d.resume is not None:
        c.execute("DELETE FROM storyline_resume")
        c.execute("INSERT INTO storyline_resume (id, state_json) VALUES (1, ?)", (d.resume,))
    insert_groups(c, d.groups)
    insert_events(c, d.events)
    insert_storylines(c, d.storylines)
    if d.proposals:
        c.executemany("INSERT INTO merged_proposals (id, name, first_date, last_date, authors_json, "
                      "author_names_json, items_json, num_mentions, num_articles) "
                      "VALUES (?,?,?,?,?,?,?,?,?)",
                      [(p.id, p.name, p.first_date, p.last_date, dumps(list(p.authors)),
                        dumps(list(p.author_names)), dumps(list(p.items)), len(p.mentions),
                        p.num_articles) for p in d.proposals])
        c.executemany(f"INSERT INTO proposal_mentions ({PROPOSAL_MENTION_COLS}) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [(m.article_id, m.index, p.id, m.day, m.published, dumps(list(m.authors)),
                        dumps(list(m.author_names)), m.text.start, m.text.end, m.text.text,
                        dumps(list(m.items)), dumps(list(m.terms)), dumps(list(m.names)))
                       for p in d.proposals for m in p.mentions])
    if d.stances:
        c.executemany("INSERT INTO proposal_stances (article_id, idx, proposal_idx, holder, holder_name, "
                      "stance, evidence_start, evidence_end, evidence_text, published) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?)",
                      [(s.article_id, s.index, s.proposal, s.holder, s.holder_name, s.stance,
                        s.evidence.start, s.evidence.end, s.evidence.text, s.published)
                       for s in d.stances])
    insert_state(c, d.state)


def linked_summary(store: Any) -> dict[str, int]:
    """Counts of the saved cross-document results (what ``sitroom link`` reports)."""
    one = lambda sql: int(store._rows(sql)[0]["n"] or 0)  # noqa: E731
    return {"articles": one("SELECT count(*) AS n FROM linked_articles"),
            "duplicate_groups": one("SELECT count(DISTINCT group_id) AS n FROM article_groups"),
            "duplicate_articles": one("SELECT count(*) AS n FROM article_groups"),
            "merged_events": one("SELECT count(*) AS n FROM merged_events"),
            "event_mentions": one("SELECT count(*) AS n FROM event_mentions"),
            "multi_article_events": one("SELECT count(*) AS n FROM merged_events WHERE num_articles > 1"),
            "storylines": one("SELECT count(*) AS n FROM storylines"),
            "storyline_articles": one("SELECT count(*) AS n FROM storyline_articles"),
            "merged_proposals": one("SELECT count(*) AS n FROM merged_proposals"),
            "proposal_mentions": one("SELECT count(*) AS n FROM proposal_mentions"),
            "multi_article_proposals": one("SELECT count(*) AS n FROM merged_proposals WHERE num_articles > 1"),
            "stances": one("SELECT count(*) AS n FROM proposal_stances")}
