"""The positions board, page and JSON twin: ``/positions`` and ``/api/positions`` (one row
per merged proposal, one column per actor, each cell the latest stance with its date and
a link to its evidence), ``/positions/{id}`` and ``/api/positions/{id}`` (one proposal:
its mentions and every actor's stances over time). Read-only: a store never linked
gets an empty board and a note to run ``sitroom link``."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..crossdoc.board import Board, positions_board
from ..errors import NotFound, NotLinked
from . import data
from .api import FormatQ, Format, csv_response, get_store

router = APIRouter()
ActorQ = Query(None, max_length=40, description="only proposals this actor took a stance on")
NOT_LINKED = "the positions board needs the cross-document step: run `sitroom link`"


def _board(store: Any, actor: str | None) -> tuple[Board | None, str | None]:
    code = data.parse_code(actor, "actor")
    try:
        return positions_board(store, actor=code), None
    except NotLinked:
        return None, NOT_LINKED


def _linked_rows(store: Any, rows: list[dict]) -> list[dict]:
    """Each mention of each row with its links: its span in its article
    (``#proposal-N``) and the permalink of that article's proposal (``/proposals/{id}``)."""
    ids = store.proposal_ids((m["article"], m["index"]) for r in rows for m in r["mentions"])
    for r in rows:
        for m in r["mentions"]:
            pid = ids.get((m["article"], m["index"]))
            m["links"] = {"span": f"/articles/{quote(m['article'], safe='')}#proposal-{m['index']}",
                          "permalink": f"/proposals/{pid}" if pid is not None else None}
    return rows


def _board_dict(store: Any, board: Board) -> dict:
    body = board.to_dict()
    _linked_rows(store, body["items"])
    return body


def _cells(board: Board) -> list[dict]:
    """One CSV row per filled cell."""
    out = []
    for r in board.rows:
        p = r.proposal
        for code, cell in sorted(r.cells.items()):
            s = cell.latest
            out.append({"proposal": p.id, "name": p.name, "by": " ".join(p.authors), "discussed": r.discussed,
                        "actor": code, "stance": s.stance, "date": (s.published or "")[:10],
                        "article": s.article_id, "evidence": s.evidence.text, "changes": len(cell.history)})
    return out


@router.get("/api/positions.csv", include_in_schema=False)
@router.get("/api/positions", tags=["api"])
def api_positions(request: Request, actor: str | None = ActorQ, format: Format = FormatQ,
                  store: Any = Depends(get_store)) -> Response:
    """The positions board: merged proposals (most discussed first) × actors."""
    board, note = _board(store, actor)
    if request.url.path.endswith(".csv") or format == "csv":
        return csv_response(_cells(board) if board else [], "positions")
    body = _board_dict(store, board) if board else {"actors": [], "names": {}, "count": 0, "unresolved_stances": 0,
                                          "vague_proposals": 0, "items": []}
    # api's list convention: the board is never cut (every merged proposal with a stance is
    # a row), so ``total`` is its row count, ``truncated`` false and there is no next page
    return JSONResponse({"ok": True, **body, "total": body["count"], "truncated": False, "next": None,
                         "sort": "-discussed", "note": note})


def _one(store: Any, proposal_id: str) -> dict:
    board, note = _board(store, None)
    if board is None:
        raise NotLinked(note)
    for r in board.rows:
        if r.proposal.id == proposal_id:
            [row] = _linked_rows(store, [r.to_dict()])
            return {**row, "actors": sorted(r.cells, key=lambda c: board.actors.index(c)),
                    "names": board.names}
    for p in store.merged_proposals():
        if p.id == proposal_id:
            [row] = _linked_rows(store, [p.to_dict()])
            return {**row, "discussed": p.num_articles, "cells": {}, "actors": [], "names": {}}
    raise NotFound(f"no proposal {proposal_id!r} (see /positions)")


@router.get("/api/positions/{proposal_id}", tags=["api"])
def api_position(proposal_id: str, store: Any = Depends(get_store)) -> JSONResponse:
    """One merged proposal: its mentions and each actor's stances on it, oldest first."""
    return JSONResponse({"ok": True, **_one(store, proposal_id)})


@router.get("/positions", response_class=HTMLResponse, include_in_schema=False)
def positions_page(request: Request, actor: str | None = ActorQ, store: Any = Depends(get_store)) -> HTMLResponse:
    from .pages import html, with_query

    board, note = _board(store, actor)
    return html("positions.html", request, board=_board_dict(store, board) if board else None, note=note,
                actor=actor or "", json_url=with_query("/api/positions", {"actor": actor}))


@router.get("/positions/{proposal_id}", response_class=HTMLResponse, include_in_schema=False)
def position_page(request: Request, proposal_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    from .pages import html

    json_url = f"/api/positions/{quote(proposal_id, safe='')}"
    try:
        row = _one(store, proposal_id)
    except NotLinked:
        return html("positions.html", request, board=None, note=NOT_LINKED, actor="", json_url=json_url)
    return html("position.html", request, row=row, json_url=json_url)
