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

from dataclasses import dataclass
from typing import Any

from ..records import MergedProposal, Stance
from .link import require_linked


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

    def to_dict(self, *, with_history: bool = True) -> dict:
        cells = {c: cell.to_dict() for c, cell in sorted(self.cells.items())}
        if not with_history:
            for c in cells.values():
                del c["history"]
        return {**self.proposal.to_dict(with_mentions=False), "discussed": self.discussed,
                "mentions": [m.to_dict() for m in self.proposal.mentions], "cells": cells}


@dataclass(frozen=True, slots=True)
class Board:
    actors: tuple[str, ...]
    names: dict[str, str]
    rows: tuple[Row, ...]
    unresolved: int                # stances toward proposals whose holder is no known actor
    vague: int = 0                 # proposals with stances left off: nothing says what they are

    def to_dict(self, *, with_history: bool = True) -> dict:
        return {"actors": list(self.actors), "names": dict(sorted(self.names.items())),
                "count": len(self.rows), "unresolved_stances": self.unresolved,
                "vague_proposals": self.vague,
                "items": [r.to_dict(with_history=with_history) for r in self.rows]}


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


def positions_board(store: Any, *, actor: str | None = None) -> Board:
    """The store's positions board (``sitroom link`` must have run; reads never write)."""
    require_linked(store)
    code = actor.upper() if actor else None

    def build() -> Board:
        return board_of(store.merged_proposals(), store.proposal_stances(), actor=code)

    cached = getattr(store, "cached", None)  # kept until the data changes, where the store can
    return cached("positions_board", code, build) if cached is not None else build()
