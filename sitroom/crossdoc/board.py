"""The positions board: who stands where on each proposal, and how it changed.

One row per merged proposal (``proposals.py``), one column per actor, each cell the
actor's latest stance toward it with its date and evidence (the article and the span),
and the actor's earlier stances on it as its history. Only stances of resolved actors
make cells (the holder's words alone, "all politicians", make no column); a proposal
nobody took a stance on makes no row, nor does one whose mentions never say what it is
(no content word in a name or an item: "some guarantees", "the demands"), since nothing
tells which proposal it is (they are counted in ``vague``). Rows are ordered by how much the proposal is
discussed (articles mentioning it or taking a stance on it), columns by how many rows
an actor has a cell in.
"""
from __future__ import annotations

import base64
import binascii
import bisect
import json
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import StoreError, UsageError
from ..records import MergedProposal, Stance
from .link import require_linked

MAX_ROWS = 500  # rows per page at most


@dataclass(frozen=True, slots=True)
class Cell:
    latest: Stance
    history: tuple[Stance, ...]    # every stance of the actor on the proposal, oldest first

    def to_dict(self) -> dict:
        s = self.latest
        return {"stance": s.stance, "date": (s.published or "")[:10] or None, "article": s.article_id,
                "evidence": s.evidence.to_dict(), "anchor": anchor(s), "changes": len(self.history),
                "history": [{"stance": h.stance, "date": (h.published or "")[:10] or None,
                             "article": h.article_id, "evidence": h.evidence.to_dict(), "anchor": anchor(h)}
                            for h in self.history]}


@dataclass(frozen=True, slots=True)
class Row:
    proposal: MergedProposal
    discussed: int                 # articles mentioning the proposal or taking a stance on it
    cells: dict[str, Cell]

    def to_dict(self, *, with_history: bool = True, mentions: int | None = None) -> dict:
        """The row as JSON: every mention, or the first ``mentions`` of them (then
        ``mentions_cut`` says how many are left out; ``num_mentions`` counts them all)."""
        cells = {c: cell.to_dict() for c, cell in sorted(self.cells.items())}
        if not with_history:
            for c in cells.values():
                del c["history"]
        shown = self.proposal.mentions if mentions is None else self.proposal.mentions[:mentions]
        d = {**self.proposal.to_dict(with_mentions=False), "discussed": self.discussed,
             "mentions": [m.to_dict() for m in shown], "cells": cells}
        if mentions is not None:
            d["mentions_cut"] = len(self.proposal.mentions) - len(shown)
        return d


@dataclass(frozen=True, slots=True)
class Board:
    actors: tuple[str, ...]
    names: dict[str, str]
    rows: tuple[Row, ...]
    unresolved: int                # stances toward proposals whose holder is no known actor
    vague: int = 0                 # proposals with stances left off: nothing says what they are
    total: int | None = None       # rows of the whole board (None: these rows are all of it)
    next: str | None = None        # the cursor of the next page, if there is one

    def to_dict(self, *, with_history: bool = True, mentions: int | None = None) -> dict:
        total = len(self.rows) if self.total is None else self.total
        return {"actors": list(self.actors), "names": dict(sorted(self.names.items())),
                "count": len(self.rows), "total": total, "truncated": len(self.rows) < total,
                "next": self.next, "unresolved_stances": self.unresolved, "vague_proposals": self.vague,
                "items": [r.to_dict(with_history=with_history, mentions=mentions) for r in self.rows]}


def anchor(s: Stance) -> str:
    """The link to a stance's evidence: its article page, at the marked span."""
    from urllib.parse import quote

    return f"/articles/{quote(s.article_id, safe='')}#pos-{s.index}"


def board_of(proposals: list[MergedProposal], stances: list[tuple[str, Stance]], *,
             actor: str | None = None) -> Board:
    """The board from merged proposals and (proposal id, stance) pairs."""
    by_id = {p.id: p for p in proposals}
    per: dict[str, dict[str, list[Stance]]] = {}
    names: dict[str, str] = {}
    unresolved = 0
    for pid, s in stances:
        if pid not in by_id:
            continue
        if not s.holder:
            unresolved += 1
            continue
        per.setdefault(pid, {}).setdefault(s.holder, []).append(s)
        if s.holder_name:
            names.setdefault(s.holder, s.holder_name)
    rows = []
    vague = 0
    for pid, holders in per.items():
        p = by_id[pid]
        if not any(m.terms or m.names for m in p.mentions):
            vague += 1
            continue
        if actor and actor not in holders:
            continue
        cells = {}
        for code, ss in holders.items():
            ss = sorted(ss, key=_when)
            cells[code] = Cell(ss[-1], tuple(ss))
        arts = {m.article_id for m in p.mentions} | {s.article_id for ss in holders.values() for s in ss}
        rows.append(Row(p, len(arts), cells))
    rows.sort(key=lambda r: (-r.discussed, -len(r.cells), r.proposal.first_date or "9999", r.proposal.id))
    width: dict[str, int] = {}
    for r in rows:
        for c in r.cells:
            width[c] = width.get(c, 0) + 1
    actors = tuple(sorted(width, key=lambda c: (-width[c], c)))
    return Board(actors, {c: names.get(c, c) for c in actors}, tuple(rows), unresolved, vague)


def _when(s: Stance) -> tuple:
    return (s.published or "", s.article_id, s.index)


def positions_board(store: Any, *, actor: str | None = None, limit: int | None = None,
                    cursor: str | None = None) -> Board:
    """The store's positions board (``sitroom link`` must have run; reads never write):
    every row, or the ``limit`` rows after ``cursor`` (the ``next`` of the page before).
    The store answers the outline (rows in order, columns, what is left off:
    ``store.board_index``); only the page's proposals and stances are read and drawn."""
    require_linked(store)
    code = actor.upper() if actor else None
    if limit is not None and not 1 <= int(limit) <= MAX_ROWS:
        raise UsageError(f"limit={limit!r} must be a whole number from 1 to {MAX_ROWS}")

    def build() -> Board:
        index = store.board_index(code)
        start = _after(index.rows, cursor)
        part = index.rows[start:start + limit] if limit else index.rows[start:]
        ids = [r.id for r in part]
        rows = board_of(store.merged_proposals(ids), store.proposal_stances(ids), actor=code).rows if ids else ()
        if [r.proposal.id for r in rows] != ids:  # the outline and the rows disagree: a bug, say so
            raise StoreError(f"the positions board's outline in {store.location} does not match its rows")
        more = start + len(part) < len(index.rows)
        return Board(index.actors, dict(index.names), tuple(rows), index.unresolved, index.vague,
                     total=len(index.rows), next=_cursor(part[-1].key) if more and part else None)

    # the whole board is kept until the data changes, where the store can; a page is cheap
    # to read again (its rows by id; the outline is kept), and its callers keep what they draw
    cached = getattr(store, "cached", None)
    return cached("positions_board", (code, cursor), build) if cached is not None and limit is None else build()


def all_rows(store: Any, *, actor: str | None = None, page: int = 500) -> Iterator[Row]:
    """Every row of the board, read ``page`` rows at a time (downloads)."""
    cursor = None
    while True:
        board = positions_board(store, actor=actor, limit=page, cursor=cursor)
        yield from board.rows
        if board.next is None:
            return
        cursor = board.next


def _cursor(key: tuple) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after(rows: tuple, cursor: str | None) -> int:
    """The position of the first row after ``cursor`` (0 without one)."""
    if not cursor:
        return 0
    try:
        key = json.loads(base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4)))
        ok = (isinstance(key, list) and len(key) == 4 and all(type(k) is int for k in key[:2])
              and all(isinstance(k, str) for k in key[2:]))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise UsageError("invalid cursor: pass the `next` value of the previous page of the board")
    return bisect.bisect_right([r.key for r in rows], tuple(key))
