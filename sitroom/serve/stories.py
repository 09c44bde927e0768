"""Storylines and near-duplicate pages, read from the store's cross-document tables.

    /storylines        every storyline (JSON twin: /api/storylines)
    /storylines/{id}   one storyline: its dates, actors, terms and articles (/api/storylines/{id})
    /duplicates        groups of near-identical articles (/api/duplicates)

Everything comes through the Store protocol (``storylines``, ``duplicate_groups``,
``article_heads``); a GET never runs the cross-document step. When its results do not
cover every stored article the pages say so (run ``sitroom link``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..errors import NotFound
from . import data
from .api import get_store
from .pages import html

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

STALE = ("the cross-document results do not cover every stored article: run `sitroom link` "
         "to bring storylines and duplicate groups up to date")


def _sorted_heads(store: Any, ids: list[str]) -> list[dict]:
    """The articles' heads, newest first (unknown ids kept, marked ``missing``)."""
    heads = store.article_heads(ids)
    rows = [heads.get(i) or {"id": i, "title": None, "published": None, "source": None,
                             "url": None, "missing": True} for i in ids]
    return sorted(rows, key=lambda r: (r.get("published") or "", r["id"]), reverse=True)


def storyline_view(store: Any, storyline_id: str) -> dict:
    found = store.storylines(storyline_id)
    if not found:
        raise NotFound(f"no storyline with id {storyline_id!r}: the storylines are listed on "
                       "/storylines (and /api/storylines); run `sitroom link` if it is empty")
    line = found[0]
    articles = _sorted_heads(store, list(line.articles))
    outlets: dict[str, int] = {}
    for a in articles:
        if a.get("source"):
            outlets[a["source"]] = outlets.get(a["source"], 0) + 1
    sid = quote(line.id, safe="")
    return {"storyline": line.to_dict(), "articles": articles,
            "outlets": sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])),
            "note": None if data.linked(store) else STALE,
            "links": {"events": f"/events?storyline={sid}", "json": f"/api/storylines/{sid}",
                      "permalink": f"/storylines/{sid}"}}


def duplicates_view(store: Any) -> dict:
    groups = store.duplicate_groups()
    heads = store.article_heads(a for g in groups for a in g.articles)
    out = []
    for g in groups:
        members = [heads.get(a) or {"id": a, "missing": True} for a in g.articles]
        out.append({**g.to_dict(), "members": members, "size": len(g.articles)})
    out.sort(key=lambda g: (-g["size"], g["id"]))
    return {"groups": out, "articles": sum(g["size"] for g in out),
            "note": None if data.linked(store) else STALE}


@router.get("/storylines", response_class=HTMLResponse)
def storylines_page(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    lines, note = data.storylines(store)  # the same answer as its JSON twin, /api/storylines
    lines.sort(key=lambda s: (-(s.get("size") or 0), s.get("first_date") or "", str(s.get("id"))))
    return html("storylines.html", request, lines=lines, note=note, json_url="/api/storylines")


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, storyline_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    view = storyline_view(store, storyline_id)
    return html("storyline.html", request, **view, json_url=view["links"]["json"])


@api_router.get("/storylines/{storyline_id}")
def storyline_json(storyline_id: str, store: Any = Depends(get_store)) -> dict:
    """One storyline: name, dates, actors, terms and its articles (newest first)."""
    return {"ok": True, **storyline_view(store, storyline_id)}


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    return html("duplicates.html", request, **duplicates_view(store), json_url="/api/duplicates")


@api_router.get("/duplicates")
def duplicates_json(store: Any = Depends(get_store)) -> dict:
    """Groups of near-identical articles (the cross-document step's dedup), biggest first."""
    view = duplicates_view(store)
    return {"ok": True, "count": len(view["groups"]), "items": view["groups"],
            "articles": view["articles"], "note": view["note"]}
