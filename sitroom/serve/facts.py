"""Permalinks: one event, quote or proposal on its own page, with its JSON twin.

    /events/{id}     the sentence highlighted in its context, every article that reported
                     the merged event, confidence, flags, actors, CAMEO/PLOVER/Goldstein
    /quotes/{id}     the quote in its context, its speaker and cue
    /proposals/{id}  the proposal in its context, its items and the stances toward it

Each page's JSON twin is the same path under ``/api``. Ids are the store's row ids (the
``id`` of every list row); an unknown id is a 404 that says where to find the right one.
"""
from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote as q

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from ..errors import NotFound
from . import data, render as draw
from .api import get_store
from .pages import html

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

CONTEXT = 420  # characters of the article shown on each side of the fact
FLAGS = ("negated", "hypothetical", "future", "historical")


# ---------------------------------------------------------------- links

def article_href(article_id: str, anchor: str | None = None) -> str:
    """The article page, at the fact's anchor (``event-3``, ``quote-0`` ...) when given."""
    return f"/articles/{q(str(article_id), safe='')}" + (f"#{anchor}" if anchor else "")


def fact_links(row: Mapping[str, Any], kind: str) -> dict[str, str | None]:
    """``{"permalink", "span"}`` of a list row of ``kind`` (event, quote, proposal, num):
    its own page and its span in its article."""
    aid, idx, rid = data.article_id(row), row.get("idx"), row.get("id")
    pages = {"event": "/events", "quote": "/quotes", "proposal": "/proposals"}
    return {"permalink": f"{pages[kind]}/{rid}" if kind in pages and rid is not None else None,
            "span": article_href(aid, f"{kind}-{idx}" if idx is not None else None) if aid else None}


# ---------------------------------------------------------------- context

def context(text: str, spans: list[tuple[Mapping | None, str, str]], around: int = CONTEXT) -> dict:
    """The stretch of ``text`` around ``spans`` (each ``(span, kind, label)``), cut at
    whitespace, as highlighted HTML: ``{"html", "start", "end", "before", "after"}``
    (``before``/``after``: whether the article goes on beyond the stretch), plus its ``text``."""
    good = [(s, k, lab) for s, k, lab in spans if isinstance(s, Mapping)
            and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
            and 0 <= s["start"] < s["end"] <= len(text)]
    if not good:
        return {"html": Markup(""), "text": "", "start": 0, "end": 0, "before": False, "after": False}
    lo = min(s["start"] for s, _, _ in good)
    hi = max(s["end"] for s, _, _ in good)
    start, end = max(0, lo - around), min(len(text), hi + around)
    if start > 0:  # begin and end on a word boundary
        cut = text.find(" ", start, lo)
        start = cut + 1 if cut != -1 else start
    if end < len(text):
        cut = text.rfind(" ", hi, end)
        end = cut if cut != -1 else end
    marks = [draw.Mark(s["start"] - start, s["end"] - start, k, lab, f"ctx-{k}-{n}")
             for n, (s, k, lab) in enumerate(good)]
    return {"html": draw.highlight(text[start:end], marks), "text": text[start:end], "start": start, "end": end,
            "before": start > 0, "after": end < len(text)}


def _article(store: Any, aid: str | None) -> dict:
    row = store.article(aid) if aid else None
    return row or {"id": aid, "text": ""}


def _head(row: Mapping[str, Any]) -> dict:
    return {k: row.get(k) for k in ("id", "title", "published", "source", "url")}


# ---------------------------------------------------------------- events

def event_view(store: Any, event_id: str) -> dict:
    """Everything the event permalink shows (the page and its JSON twin)."""
    ev = store.event(event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id!r}: event ids are the `id` of the rows of "
                       "/api/events; find the event on /events or by searching its words on /search")
    art = _article(store, ev["article_id"])
    ctx = context(art.get("text") or "", [(ev.get("sentence"), "sentence", "the event's sentence"),
                                          (ev.get("trigger"), "event", f"{ev['type']} trigger")])
    merged, mentions = None, []
    if ev.get("merged_event"):
        me = store.merged_event(ev["merged_event"])
        if me is not None:
            merged = me.to_dict(with_mentions=False)
            heads = store.article_heads(m.article_id for m in me.mentions)
            ids = store.event_ids((m.article_id, m.index) for m in me.mentions)
            for m in me.mentions:
                head = heads.get(m.article_id, {})
                rid = ids.get((m.article_id, m.index))
                mentions.append({**m.to_dict(), "title": head.get("title"), "url": m.url or head.get("url"),
                                 "this": rid == ev["id"], "event_id": rid,
                                 "permalink": f"/events/{rid}" if rid is not None else None,
                                 "span": article_href(m.article_id, f"event-{m.index}")})
    return {"event": ev, "article": _head({**art, "source": ev.get("outlet") or art.get("source")}),
            "context": ctx, "merged_event": merged, "mentions": mentions,
            "flags": [f for f in FLAGS if ev.get(f)],
            "linked": data.linked(store),
            "links": {"span": article_href(ev["article_id"], f"event-{ev['idx']}"),
                      "permalink": f"/events/{ev['id']}", "json": f"/api/events/{ev['id']}"}}


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    view = event_view(store, event_id)
    return html("event.html", request, **view, json_url=view["links"]["json"])


@api_router.get("/events/{event_id}")
def event_json(event_id: str, store: Any = Depends(get_store)) -> dict:
    """One event: its fields, its sentence in context, and every article that reported
    the merged event it belongs to (after `sitroom link`)."""
    return {"ok": True, **_jsonable(event_view(store, event_id))}


# ---------------------------------------------------------------- quotes

def quote_view(store: Any, quote_id: str) -> dict:
    qt = store.quote(quote_id)
    if qt is None:
        raise NotFound(f"no quote with id {quote_id!r}: quote ids are the `id` of the rows of "
                       "/api/quotes; find the quote on /quotes (filter by speaker) or on /search")
    art = _article(store, qt["article_id"])
    sp = qt.get("speaker") or {}
    ctx = context(art.get("text") or "", [(qt.get("content"), "quote", f"{qt['kind']} quote"),
                                          (qt.get("cue"), "cue", "speech verb"),
                                          (sp or None, "ent", "speaker")])
    return {"quote": qt, "speaker": sp, "article": _head({**art, "source": qt.get("outlet")}),
            "context": ctx,
            "links": {"span": article_href(qt["article_id"], f"quote-{qt['idx']}"),
                      "permalink": f"/quotes/{qt['id']}", "json": f"/api/quotes/{qt['id']}",
                      "speaker": f"/quotes?speaker={q(sp['code'], safe='')}" if sp.get("code") else None}}


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
def quote_page(request: Request, quote_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    view = quote_view(store, quote_id)
    return html("quote.html", request, **view, json_url=view["links"]["json"])


@api_router.get("/quotes/{quote_id}")
def quote_json(quote_id: str, store: Any = Depends(get_store)) -> dict:
    """One quote: content, cue and speaker, in the context of its article."""
    return {"ok": True, **_jsonable(quote_view(store, quote_id))}


# ---------------------------------------------------------------- proposals

def proposal_view(store: Any, proposal_id: str) -> dict:
    p = store.proposal(proposal_id)
    if p is None:
        raise NotFound(f"no proposal with id {proposal_id!r}: proposal ids are the `id` of the rows "
                       "of /api/proposals; find the proposal on the board at /positions")
    art = _article(store, p["article_id"])
    spans = [(p.get("text"), "proposal", "proposal")]
    spans += [(i, "item", "item") for i in p.get("items") or []]
    ctx = context(art.get("text") or "", spans)
    return {"proposal": p, "article": _head({**art, "source": p.get("outlet")}), "context": ctx,
            "links": {"span": article_href(p["article_id"], f"proposal-{p['idx']}"),
                      "permalink": f"/proposals/{p['id']}", "json": f"/api/proposals/{p['id']}"}}


@router.get("/proposals/{proposal_id}", response_class=HTMLResponse)
def proposal_page(request: Request, proposal_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    view = proposal_view(store, proposal_id)
    return html("proposal.html", request, **view, json_url=view["links"]["json"])


@api_router.get("/proposals/{proposal_id}")
def proposal_json(proposal_id: str, store: Any = Depends(get_store)) -> dict:
    """One proposal: its text, items, who made it and the stances actors took toward it."""
    return {"ok": True, **_jsonable(proposal_view(store, proposal_id))}


def _jsonable(view: dict) -> dict:
    """A view for the JSON twin: the highlighted context as plain offsets and text."""
    out = dict(view)
    if "context" in out:
        ctx = out["context"]
        out["context"] = {"start": ctx["start"], "end": ctx["end"], "text": ctx["text"]}
    return out
