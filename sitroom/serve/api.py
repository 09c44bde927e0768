"""The JSON API under ``/api``: read-only views of the store, plus an opt-in ingest.

Lists answer ``{"ok": true, "count": n, "total": N, "truncated": bool, "next":
cursor|null, "items": [...]}``: ``total`` is the true number of rows of the whole
list, ``truncated`` says this answer holds fewer, and ``next`` walks the pages
(keyset: ``?cursor=...``). Lists are newest first; ``sort`` takes a whitelisted key.
Event counts everywhere count event mentions (``unit``). The lists of events,
articles, quotes and claims download whole, streamed: ``/api/events.csv`` and
``/api/events.json`` (same filters) hold every row of the view, with source URLs.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Literal, Mapping

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ..crossdoc.export import csv_cell
from ..errors import NotFound, UsageError
from ..store.query import UNIT, UNIT_NOTE
from . import data
from .downloads import download
from .ingest import ingest_request

router = APIRouter(prefix="/api", tags=["api"])

Format = Literal["json", "csv"]
LimitQ = Query(50, ge=1, le=500, description="rows per page (1..500)")
CursorQ = Query(None, max_length=200, description="the `next` value of the previous page")
FormatQ = Query("json", description="json (default) or csv")


def get_store(request: Request) -> Any:
    return request.app.state.stores.get()


# ---------------------------------------------------------------- responses

def _fmt(request: Request, fmt: str) -> str:
    return "csv" if request.url.path.endswith(".csv") else fmt


def listing(request: Request, items: list, fmt: str, *, next_offset: int | None = None,
            **extra: Any) -> Response:
    if _fmt(request, fmt) == "csv":
        return csv_response(items, request.url.path.rsplit("/", 1)[-1].removesuffix(".csv"))
    body = {"ok": True, "count": len(items), "total": len(items), "truncated": False, "items": items,
            "next": data.encode_cursor(next_offset) if next_offset is not None else None, **extra}
    return JSONResponse(body)


def page(rows: list, limit: int, offset: int) -> tuple[list, int | None]:
    """Rows fetched with ``limit + 1``: the page, and the next offset when there is more."""
    if len(rows) > limit:
        return rows[:limit], offset + limit
    return rows, None


def flat(row: Mapping, prefix: str = "") -> dict[str, Any]:
    """One CSV row: nested dicts become dotted columns, lists of actors their codes,
    other lists JSON text."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat(value, name + "."))
        elif isinstance(value, (list, tuple)):
            if value and all(isinstance(v, Mapping) and "code" in v for v in value):
                out[name] = ";".join(str(v.get("code") or v.get("text") or "") for v in value)
            elif all(isinstance(v, (str, int, float)) for v in value):
                out[name] = ";".join(str(v) for v in value)
            else:
                out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


_cell = csv_cell  # spreadsheet formula injection: one escape for every CSV (crossdoc/export.py)


def csv_response(items: Iterable[Mapping], name: str) -> Response:
    rows = [flat(r) for r in items]
    columns: list[str] = []
    for r in rows:
        for key in r:
            if key not in columns:
                columns.append(key)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(r.get(k)) for k in columns})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name or "rows"}.csv"'})


# ---------------------------------------------------------------- routes

@router.get("/health")
def health(store: Any = Depends(get_store)) -> dict:
    """Liveness and the size of the store (rows stored, before any filter)."""
    return {"ok": True, "status": "ok", "counts": store.counts()}


def page_body(page: Any, **extra: Any) -> JSONResponse:
    """A list answer: ``ok``, ``count``, ``total``, ``truncated``, ``next`` (cursor of the
    next page, null on the last), ``sort``, ``unit`` and ``items``."""
    return JSONResponse({"ok": True, **page.to_dict(), **extra})


def _download_fmt(request: Request, fmt: str) -> str | None:
    path = request.url.path
    if path.endswith(".csv") or fmt == "csv":
        return "csv"
    if path.endswith(".json"):
        return "json"
    return None


def event_filters(request: Request, store: Any = Depends(get_store),
                  since: str | None = Query(None, max_length=40, description="first day (ISO date)"),
                  until: str | None = Query(None, max_length=40, description="last day (ISO date)"),
                  source: str | None = Query(None, max_length=40, description="source actor code"),
                  actor: str | None = Query(None, max_length=40, description="older name of `source`"),
                  target: str | None = Query(None, max_length=40, description="target actor code"),
                  involving: str | None = Query(None, max_length=40, description="actor code, either role"),
                  sector: str | None = Query(None, max_length=24, description="actor sector (GOV, MIL, ...)"),
                  person: str | None = Query(None, max_length=200, description="a person's name, either role"),
                  type: str | None = Query(None, max_length=20, description="PLOVER type"),
                  cameo: str | None = Query(None, max_length=8, description="CAMEO code or its prefix"),
                  quad_class: str | None = Query(None, max_length=2, description="0..4"),
                  outlet: str | None = Query(None, max_length=200, description="the article's source"),
                  negated: str | None = Query(None, max_length=8, description="yes (only), no (leave out)"),
                  hypothetical: str | None = Query(None, max_length=8, description="yes, no"),
                  future: str | None = Query(None, max_length=8, description="yes, no"),
                  historical: str | None = Query(None, max_length=8, description="yes, no"),
                  storyline: str | None = Query(None, max_length=200),
                  min_confidence: str | None = Query(
                      None, max_length=20, description="leave out events below this confidence, 0..1 "
                      "(default: the min_confidence setting; 0 = all)")) -> data.EventFilter:
    """The events filters, checked (a bad value is a 400 naming the valid ones; an
    empty one, as a plain form sends it, is no condition)."""
    raw = {k: v for k, v in locals().items() if k not in ("request", "store")}
    return data.event_filter(raw, store, request.app.state.settings.min_confidence)


SortQ = Query(None, max_length=20, description="a sort key, - for descending (default -day)")


@router.get("/events.csv", include_in_schema=False)
@router.get("/events.json", include_in_schema=False)
@router.get("/events")
def events(request: Request, f: data.EventFilter = Depends(event_filters), limit: int = LimitQ,
           cursor: str | None = CursorQ, sort: str | None = SortQ, format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Event mentions, filtered, newest first (``sort``); walk pages with the `next` cursor.
    ``.csv`` / ``.json`` download every row of the view, streamed."""
    fmt = _download_fmt(request, format)
    if fmt:
        rows = store.iter_events(f.query, sort=sort)
        return download("events", fmt, rows, {"filters": f.effective, "sort": sort or "-day", "unit": UNIT})
    return page_body(store.event_page(f.query, sort=sort, cursor=cursor, limit=limit), filters=f.effective)


@router.get("/events/facets")
def event_facets(f: data.EventFilter = Depends(event_filters), store: Any = Depends(get_store)) -> dict:
    """Counts of the filtered event mentions by type, quad class, source, target and outlet."""
    return {"ok": True, "unit": UNIT, "total": store.count_events(f.query),
            "facets": store.event_facets(f.query), "filters": f.effective}


@router.get("/articles.csv", include_in_schema=False)
@router.get("/articles.json", include_in_schema=False)
@router.get("/articles")
def articles(request: Request, outlet: str | None = Query(None, max_length=200),
             since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
             limit: int = LimitQ, cursor: str | None = CursorQ, sort: str | None = SortQ,
             format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Articles, newest first (``sort``: published, title, with - for descending)."""
    filters = {"outlet": outlet or None, "since": since or None, "until": until or None}
    fmt = _download_fmt(request, format)
    if fmt:
        return download("articles", fmt, store.iter_articles(**filters, sort=sort), {"filters": _set(filters)})
    return page_body(store.article_page(**filters, sort=sort, cursor=cursor, limit=limit), filters=_set(filters))


@router.get("/articles/{article_id:path}")
def article(article_id: str, store: Any = Depends(get_store)) -> dict:
    """One article: its fields, text and the extraction (every record with its spans)."""
    row = store.article(article_id)
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return {"ok": True, **row}


def _set(filters: Mapping[str, Any]) -> dict:
    return {k: v for k, v in filters.items() if v not in (None, "")}


@router.get("/quotes.csv", include_in_schema=False)
@router.get("/quotes.json", include_in_schema=False)
@router.get("/quotes")
def quotes(request: Request, speaker: str | None = Query(None, max_length=200,
                                                         description="speaker code or name"),
           outlet: str | None = Query(None, max_length=200),
           since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
           kind: str | None = Query(None, max_length=20, description="direct, partial, indirect"),
           limit: int = LimitQ, cursor: str | None = CursorQ, sort: str | None = SortQ,
           format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Quotes, newest first, optionally by one speaker (an actor code or a name)."""
    filters = {"speaker": speaker or None, "outlet": outlet or None, "since": since or None,
               "until": until or None, "kind": kind or None}
    fmt = _download_fmt(request, format)
    if fmt:
        return download("quotes", fmt, store.iter_quotes(**filters, sort=sort), {"filters": _set(filters)})
    return page_body(store.quote_page(**filters, sort=sort, cursor=cursor, limit=limit), filters=_set(filters))


@router.get("/actors.csv", include_in_schema=False)
@router.get("/actors")
def actors(request: Request, limit: int = Query(100, ge=1, le=500), format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Actors by number of mentions."""
    rows = store.actors(limit=limit + 1)
    return listing(request, rows[:limit], format, total=store.counts()["actors"],
                   truncated=len(rows) > limit)


@router.get("/actors/{code}")
def actor(code: str, store: Any = Depends(get_store)) -> dict:
    """One actor: aliases, people and roles, mentions."""
    c = data.parse_code(code, "code")
    row = store.actor(c)
    if row is None:
        raise NotFound(f"no actor with code {code!r}")
    return {"ok": True, **row}


@router.get("/proposals.csv", include_in_schema=False)
@router.get("/proposals")
def proposals(request: Request, limit: int = LimitQ, cursor: str | None = CursorQ,
              format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Proposals and demands with their items and stances, newest first."""
    if _fmt(request, format) == "csv":
        return listing(request, _all(store.proposal_page), format)
    return page_body(store.proposal_page(cursor=cursor, limit=limit))


# /positions: the positions board, in positions.py


def _all(method: Any, **filters: Any) -> list[dict]:
    out, cursor = [], None
    while True:
        page = method(**filters, cursor=cursor, limit=1000)
        out += page.items
        if page.next is None:
            return out
        cursor = page.next


@router.get("/claims.csv", include_in_schema=False)
@router.get("/claims.json", include_in_schema=False)
@router.get("/claims")
def claims(request: Request, unit: str | None = Query(None, max_length=40),
           outlet: str | None = Query(None, max_length=200),
           since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
           limit: int = LimitQ, cursor: str | None = CursorQ, sort: str | None = SortQ,
           format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Quantities claimed in the news (troops, money, ...) with their sources, newest first."""
    filters = {"unit": unit or None, "outlet": outlet or None, "since": since or None, "until": until or None}
    fmt = _download_fmt(request, format)
    if fmt:
        return download("claims", fmt, store.iter_claims(**filters, sort=sort), {"filters": _set(filters)})
    return page_body(store.claim_page(**filters, sort=sort, cursor=cursor, limit=limit), filters=_set(filters))


@router.get("/timeline.csv", include_in_schema=False)
@router.get("/timeline")
def timeline(request: Request, dyad: str | None = Query(None, max_length=60,
                                                        description="SOURCE-TARGET, e.g. RUS-UKR"),
             f: data.EventFilter = Depends(event_filters), format: Format = FormatQ,
             store: Any = Depends(get_store)) -> Response:
    """Per day: event mentions by quad class and the mean Goldstein score, of the
    filtered events (``dyad`` sets source and target). Each day's ``events`` is the
    ``total`` of its ``list`` (``/api/events`` with the same filters, that day)."""
    f = with_dyad(f, dyad, store, request)
    series = store.event_series(f.query)
    for d in series["days"]:
        d["list"] = f.link("/api/events", since=d["date"], until=d["date"])
    return listing(request, series["days"], format, dyad=dyad_of(f), unit=UNIT, unit_note=UNIT_NOTE,
                   undated=series["undated"], total=series["total"], truncated=False,
                   filters=f.effective, note=None)


def with_dyad(f: data.EventFilter, dyad: str | None, store: Any, request: Request) -> data.EventFilter:
    """``f`` with the source and target of ``dyad`` (``RUS-UKR``)."""
    pair = data.parse_dyad(dyad)
    if not pair:
        return f
    raw = {**f.params, "source": pair[0], "target": pair[1]}
    return data.event_filter(raw, store, request.app.state.settings.min_confidence)


def dyad_of(f: data.EventFilter) -> str | None:
    q = f.query
    return f"{q.source}-{q.target}" if q.source and q.target else None


@router.get("/network.csv", include_in_schema=False)
@router.get("/network")
def network(request: Request, f: data.EventFilter = Depends(event_filters),
            nodes: int = Query(30, ge=1, le=200, description="actors drawn at most"),
            format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Who acts on whom: edges weighted by event mentions, with their quad classes."""
    net = store.event_network(f.query, max_nodes=nodes)
    for e in net["edges"]:
        e["list"] = f.link("/api/events", source=e["source"], target=e["target"])
    return listing(request, net["edges"], format, nodes=net["nodes"], total=net["total_edges"],
                   truncated=net["truncated"], total_nodes=net["total_nodes"], unit=UNIT, filters=f.effective)


@router.get("/storylines.csv", include_in_schema=False)
@router.get("/storylines")
def storylines(request: Request, format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Storylines from the cross-document stage (empty, with a note, when it is absent)."""
    lines, note = data.storylines(store)
    return listing(request, lines, format, note=note)


@router.get("/search.csv", include_in_schema=False)
@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           kind: str = Query("articles", max_length=20, description="articles, events, quotes or claims"),
           outlet: str | None = Query(None, max_length=200), since: str | None = Query(None, max_length=40),
           until: str | None = Query(None, max_length=40), actor: str | None = Query(None, max_length=40),
           limit: int = Query(20, ge=1, le=200), cursor: str | None = CursorQ, format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Search articles (full text), events, quotes or claims (their text holds every word
    or phrase), with the true total, pages (``next``), hits marked « » in ``snippet``,
    and facets by outlet, month and actor. Any text is safe; operators are words."""
    if not q.strip():
        raise UsageError("q must contain something to search for")
    offset = _offset(cursor)
    page = store.search_page(q, kind=kind, outlet=outlet or None, since=since or None,
                             until=until or None, actor=data.parse_code(actor, "actor"),
                             offset=offset, limit=limit)
    if _fmt(request, format) == "csv":
        return listing(request, page.items, format)
    return page_body(page)


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit() or len(cursor) > 6:
        raise UsageError("invalid cursor: pass the `next` value of the previous page")
    return int(cursor)


@router.post("/ingest", status_code=201)
async def ingest(request: Request) -> Response:
    """Extract and store articles posted as JSON (the contract's input lines).

    Needs ``api_token`` in the settings and ``Authorization: Bearer <token>``.
    """
    return await ingest_request(request)
