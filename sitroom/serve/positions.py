"""The positions board, page and JSON twin: ``/positions`` and ``/api/positions`` (one row
per merged proposal, one column per actor, each cell the latest stance with its date and
a link to its evidence), ``/positions/{id}`` and ``/api/positions/{id}`` (one proposal:
its mentions and every actor's stances over time). The board comes a page of rows at a
time (``limit``, ``cursor``; ``total`` rows in all), its outline asked of the store
(``store.board_index``), so a page costs its own rows whatever the board's size; the CSV
has every cell. Read-only: a store never linked gets an empty board and a note to run
``sitroom link``."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from ..crossdoc.board import Board, all_rows, board_of, positions_board
from ..crossdoc.link import require_linked
from ..errors import NotFound, NotLinked
from . import data
from .api import CursorQ, FormatQ, Format, LimitQ, csv_response, get_store

router = APIRouter()
ActorQ = Query(None, max_length=40, description="only proposals this actor took a stance on")
NOT_LINKED = "the positions board needs the cross-document step: run `sitroom link`"
PAGE_ROWS = 50       # rows of the board page
MENTIONS_SHOWN = 3   # mentions of a row on the board (all of them: /api/positions/{id})


def _board(store: Any, actor: str | None, limit: int, cursor: str | None) -> tuple[dict | None, str | None]:
    """A page of the board as JSON (each mention with its links); None and the note when
    the store was never linked. Callers keep what they make of it (``store.cached``)."""
    code = data.parse_code(actor, "actor")
    try:
        return _board_dict(store, positions_board(store, actor=code, limit=limit, cursor=cursor)), None
    except NotLinked:
        return None, NOT_LINKED


def _linked(store: Any) -> bool:
    try:
        require_linked(store)
        return True
    except NotLinked:
        return False


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
    """The board as JSON, each row with its first mentions (``mentions_cut`` says how many
    more, ``/api/positions/{id}`` has them all); ``columns`` are the board's actors with a
    cell in this page's rows (the page draws those; ``actors`` are every column)."""
    body = board.to_dict(mentions=MENTIONS_SHOWN)
    _linked_rows(store, body["items"])
    used = {c for r in board.rows for c in r.cells}
    body["columns"] = [c for c in board.actors if c in used]
    return body


def _cells(store: Any, actor: str | None) -> list[dict]:
    """One CSV row per filled cell of the whole board (read a page of rows at a time)."""
    code = data.parse_code(actor, "actor")
    out: list[dict] = []
    try:
        rows = list(all_rows(store, actor=code))
    except NotLinked:
        return out
    for r in rows:
        p = r.proposal
        for code, cell in sorted(r.cells.items()):
            s = cell.latest
            out.append({"proposal": p.id, "name": p.name, "by": " ".join(p.authors), "discussed": r.discussed,
                        "actor": code, "stance": s.stance, "date": (s.published or "")[:10],
                        "article": s.article_id, "evidence": s.evidence.text, "changes": len(cell.history)})
    return out


EMPTY = {"actors": [], "columns": [], "names": {}, "count": 0, "total": 0, "truncated": False, "next": None,
         "unresolved_stances": 0, "vague_proposals": 0, "items": []}


@router.get("/api/positions.csv", include_in_schema=False)
@router.get("/api/positions", tags=["api"])
def api_positions(request: Request, actor: str | None = ActorQ, limit: int = LimitQ,
                  cursor: str | None = CursorQ, format: Format = FormatQ,
                  store: Any = Depends(get_store)) -> Response:
    """The positions board: merged proposals (most discussed first) × actors, a page of
    ``limit`` rows (``next``: the cursor of the next page; ``total``: the board's rows).
    The CSV has every cell of the whole board."""
    if request.url.path.endswith(".csv") or format == "csv":
        return csv_response(_cells(store, actor), "positions")
    code = data.parse_code(actor, "actor")
    if not _linked(store):
        return JSONResponse({"ok": True, **EMPTY, "sort": "-discussed", "note": NOT_LINKED})

    def answer() -> bytes:
        board, note = _board(store, code, limit, cursor)
        return JSONResponse({"ok": True, **(board or EMPTY), "sort": "-discussed", "note": note}).body

    # the answer's bytes are kept until the data changes: a page's JSON is half a megabyte
    # of cells and their history at a million events, ~20 ms to serialise again
    return Response(store.cached("positions_json", (code, cursor, limit), answer), media_type="application/json")


def _one(store: Any, proposal_id: str) -> dict:
    """One merged proposal's row: its cells in the board's column order (a proposal not on
    the board, vague or without a resolved stance, has its mentions and no cells)."""
    try:
        require_linked(store)
    except NotLinked:
        raise NotLinked(NOT_LINKED) from None
    index = store.board_index()
    found = store.merged_proposals([proposal_id])
    if not found:
        raise NotFound(f"no proposal {proposal_id!r} (see /positions)")
    if any(r.id == proposal_id for r in index.rows):
        [r] = board_of(found, store.proposal_stances([proposal_id])).rows
        [row] = _linked_rows(store, [r.to_dict()])
        return {**row, "actors": sorted(r.cells, key=index.actors.index), "names": dict(index.names)}
    [p] = found
    [row] = _linked_rows(store, [p.to_dict()])
    return {**row, "discussed": p.num_articles, "cells": {}, "actors": [], "names": {}}


@router.get("/api/positions/{proposal_id}", tags=["api"])
def api_position(proposal_id: str, store: Any = Depends(get_store)) -> JSONResponse:
    """One merged proposal: its mentions and each actor's stances on it, oldest first."""
    return JSONResponse({"ok": True, **_one(store, proposal_id)})


@router.get("/positions", response_class=HTMLResponse, include_in_schema=False)
def positions_page(request: Request, actor: str | None = ActorQ, cursor: str | None = CursorQ,
                   store: Any = Depends(get_store)) -> HTMLResponse:
    from .pages import html, render, with_query

    params = {"actor": actor}
    code = data.parse_code(actor, "actor")
    head, table, note = None, None, NOT_LINKED
    if _linked(store):
        def page() -> tuple[dict, str]:
            board, _ = _board(store, code, PAGE_ROWS, cursor)
            drawn = render("_positions_table.html", None, board=board) if board and board["items"] else ""
            return {k: v for k, v in board.items() if k != "items"}, str(drawn)

        # the page's head and drawn table are kept until the data changes (drawing 50 rows of
        # cells with their history costs ~50 ms at a million events)
        head, table = store.cached("positions_html", (code, cursor), page)
        note = None
    return html("positions.html", request, board=head, note=note, table=Markup(table or ""),
                actor=actor or "", cursor=cursor, link=lambda **c: with_query("/positions", params, **c),
                next=with_query("/positions", params, cursor=head["next"]) if head and head["next"] else None,
                csv_url=with_query("/api/positions.csv", params),
                json_url=with_query("/api/positions", params, cursor=cursor))


@router.get("/positions/{proposal_id}", response_class=HTMLResponse, include_in_schema=False)
def position_page(request: Request, proposal_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    from .pages import html

    json_url = f"/api/positions/{quote(proposal_id, safe='')}"
    try:
        row = _one(store, proposal_id)
    except NotLinked:
        return html("positions.html", request, board=None, note=NOT_LINKED, actor="", cursor=None,
                    link=lambda **c: "/positions", next=None, json_url=json_url)
    return html("position.html", request, row=row, json_url=json_url)
