"""Merged proposals, the stances toward them, and the positions board's outline.

Mixed into :class:`~.linked.LinkedTables` (migration 0102's tables). The board
(``crossdoc/board.py``) is one row per merged proposal someone resolved took a stance
on, one column per actor; at a million events it has thousands of rows, so the store
answers its outline (:meth:`ProposalBoard.board_index`: which rows, in which order, which
columns, what is left off) with ``GROUP BY``s, and the rows of one page are read by id
(:meth:`merged_proposals`, :meth:`proposal_stances` with ``ids``). The outline is kept,
like the other aggregates, until the data changes (``Lists._memo``). The SQL is the
shared subset of both backends; orders that compare text are made in Python.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..records import MergedProposal, ProposalMention, Span, Stance

CHUNK = 500
#: A stance toward a merged proposal: the stance joined to the proposal mention it is toward.
TOWARD = ("proposal_stances s JOIN proposal_mentions m ON m.article_id = s.article_id "
          "AND m.idx = s.proposal_idx")
RESOLVED = "s.holder IS NOT NULL AND s.holder <> ''"
#: (proposal, holder) pairs of resolved stances: a cell each.
CELLS = (f"SELECT m.proposal_id AS id, s.holder AS code FROM {TOWARD} "
         f"JOIN merged_proposals p ON p.id = m.proposal_id WHERE {RESOLVED} GROUP BY m.proposal_id, s.holder")
#: Per proposal with a cell: its first date, the articles discussing it (its mentions'
#: articles; a stance's article is always one of them, the join says so) and whether any
#: mention says what it is (a term or a name word; ``[]`` is an empty list's JSON).
HEADS = (f"SELECT pm.proposal_id AS id, min(p.first_date) AS first_date, "
         "count(DISTINCT pm.article_id) AS discussed, "
         "max(CASE WHEN pm.terms_json <> '[]' OR pm.names_json <> '[]' THEN 1 ELSE 0 END) AS said "
         "FROM proposal_mentions pm JOIN merged_proposals p ON p.id = pm.proposal_id "
         f"WHERE pm.proposal_id IN (SELECT m.proposal_id FROM {TOWARD} WHERE {RESOLVED}) "
         "GROUP BY pm.proposal_id")
UNRESOLVED = (f"SELECT count(*) AS n FROM {TOWARD} JOIN merged_proposals p ON p.id = m.proposal_id "
              f"WHERE NOT ({RESOLVED})")
#: The names resolved holders go by, with the date and place of their first use.
NAMES = (f"SELECT s.holder AS code, s.holder_name AS name, min(s.published) AS published, "
         f"min(CASE WHEN s.published IS NULL THEN 1 ELSE 0 END) AS undated FROM {TOWARD} "
         f"JOIN merged_proposals p ON p.id = m.proposal_id WHERE {RESOLVED} "
         "AND s.holder_name IS NOT NULL AND s.holder_name <> '' GROUP BY s.holder, s.holder_name")
STANCE_COLS = "s.*, m.proposal_id"


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One row of the board's outline: a merged proposal and where it sorts."""

    id: str
    discussed: int                 # articles mentioning it or taking a stance on it
    cells: int                     # actors with a stance on it
    first_date: str | None

    @property
    def key(self) -> tuple:
        """The board's order: most discussed, then most actors, then oldest, then id."""
        return (-self.discussed, -self.cells, self.first_date or "9999", self.id)


@dataclass(frozen=True, slots=True)
class BoardIndex:
    """The positions board's outline: its rows in board order, its columns (actor codes,
    the ones with cells in most rows first) and their names, the stances left off because
    their holder is no known actor (``unresolved``) and the proposals left off because
    nothing says what they are (``vague``)."""

    rows: tuple[BoardRow, ...]
    actors: tuple[str, ...]
    names: dict[str, str]
    unresolved: int
    vague: int


class ProposalBoard:
    """Merged proposals and the board's outline, of a :class:`~.sql.SQLStore` (mixed in)."""

    def merged_proposals(self, ids: Iterable[str] | None = None) -> list[MergedProposal]:
        """Every merged proposal (or those of ``ids``) with its mentions, by first date
        (undated last) then id."""
        order = " ORDER BY CASE WHEN first_date IS NULL THEN 1 ELSE 0 END, first_date, id"
        if ids is None:
            rows = self._rows("SELECT * FROM merged_proposals" + order)  # type: ignore[attr-defined]
            mention_rows = self._rows(f"SELECT {PROPOSAL_MENTION_COLS} FROM proposal_mentions")  # type: ignore[attr-defined]
        else:
            rows, mention_rows = [], []
            for part in _chunks(ids):
                rows += self._rows(f"SELECT * FROM merged_proposals WHERE id IN ({_marks(part)})", part)  # type: ignore[attr-defined]
                mention_rows += self._rows(f"SELECT {PROPOSAL_MENTION_COLS} FROM proposal_mentions "  # type: ignore[attr-defined]
                                           f"WHERE proposal_id IN ({_marks(part)})", part)
            rows.sort(key=lambda r: (r["first_date"] is None, r["first_date"] or "", r["id"]))
        members: dict[str, list[ProposalMention]] = {r["id"]: [] for r in rows}
        for r in mention_rows:
            if r["proposal_id"] in members:
                members[r["proposal_id"]].append(proposal_mention(r))
        return [MergedProposal(r["id"], r["name"], r["first_date"], r["last_date"],
                               tuple(json.loads(r["authors_json"])), tuple(json.loads(r["author_names_json"])),
                               tuple(json.loads(r["items_json"])), r["num_articles"],
                               tuple(sorted(members[r["id"]], key=lambda m: m.key))) for r in rows]

    def proposal_stances(self, ids: Iterable[str] | None = None) -> list[tuple[str, Stance]]:
        """(merged proposal id, stance) of every stance toward a linked proposal (or
        toward those of ``ids``), by publication (undated last), article and position index."""
        if ids is None:
            rows = self._rows(f"SELECT {STANCE_COLS} FROM {TOWARD}")  # type: ignore[attr-defined]
        else:
            rows = []
            for part in _chunks(ids):
                rows += self._rows(f"SELECT {STANCE_COLS} FROM {TOWARD} "  # type: ignore[attr-defined]
                                   f"WHERE m.proposal_id IN ({_marks(part)})", part)
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"], r["idx"]))
        return [(r["proposal_id"], Stance(r["article_id"], r["idx"], r["proposal_idx"], r["holder"],
                                          r["holder_name"], r["stance"],
                                          Span(r["evidence_start"], r["evidence_end"], r["evidence_text"]),
                                          r["published"]))
                for r in rows]

    def board_index(self, actor: str | None = None) -> BoardIndex:
        """The positions board's outline (only the proposals ``actor`` took a stance on,
        given a code), computed by the database and kept until the data changes. The same
        rows, order, columns and counts as ``crossdoc.board.board_of`` over every merged
        proposal and stance."""
        return self._memo("board_index", actor, lambda: self._board_index(actor))  # type: ignore[attr-defined]

    def _board_index(self, actor: str | None) -> BoardIndex:
        holders: dict[str, set[str]] = {}
        for r in self._rows(CELLS):  # type: ignore[attr-defined]
            holders.setdefault(r["id"], set()).add(r["code"])
        heads = self._rows(HEADS)  # type: ignore[attr-defined]
        vague = sum(1 for h in heads if not h["said"])
        rows = sorted((BoardRow(h["id"], int(h["discussed"]), len(holders[h["id"]]), h["first_date"])
                       for h in heads if h["said"] and (actor is None or actor in holders[h["id"]])),
                      key=lambda r: r.key)
        width: dict[str, int] = {}
        for r in rows:
            for c in holders[r.id]:
                width[c] = width.get(c, 0) + 1
        actors = tuple(sorted(width, key=lambda c: (-width[c], c)))
        first: dict[str, tuple] = {}  # code -> (when, name) of the first stance naming it
        tied: set[str] = set()
        for r in self._rows(NAMES):  # type: ignore[attr-defined]
            when = (r["published"] is None, r["published"] or "")
            kept = first.get(r["code"])
            if kept is None or when < kept[0]:
                first[r["code"]] = (when, r["name"])
                tied.discard(r["code"])
            elif when == kept[0] and r["name"] != kept[1]:
                tied.add(r["code"])
        for code in tied & set(actors):  # two names first used the same day: by article, index
            first[code] = (first[code][0], self._first_name(code))
        names = {c: first[c][1] if c in first else c for c in actors}
        unresolved = int(self._rows(UNRESOLVED)[0]["n"] or 0)  # type: ignore[attr-defined]
        return BoardIndex(tuple(rows), actors, names, unresolved, vague)

    def _first_name(self, code: str) -> str:
        rows = self._rows(f"SELECT s.holder_name, s.published, s.article_id, s.idx FROM {TOWARD} "  # type: ignore[attr-defined]
                          "JOIN merged_proposals p ON p.id = m.proposal_id WHERE s.holder = ? "
                          "AND s.holder_name IS NOT NULL AND s.holder_name <> ''", [code])
        best = min(rows, key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"], r["idx"]))
        return best["holder_name"]


PROPOSAL_MENTION_COLS = ("article_id, idx, proposal_id, day, published, authors_json, author_names_json, "
                         "text_start, text_end, text, items_json, terms_json, names_json")


def proposal_mention(r: dict) -> ProposalMention:
    return ProposalMention(r["article_id"], r["idx"], r["day"], r["published"],
                           tuple(json.loads(r["authors_json"])), tuple(json.loads(r["author_names_json"])),
                           Span(r["text_start"], r["text_end"], r["text"]),
                           tuple(json.loads(r["items_json"])), tuple(json.loads(r["terms_json"])),
                           tuple(json.loads(r["names_json"])))


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    values = sorted(set(values))
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)
