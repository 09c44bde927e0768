"""The JSON API under ``/api``: read-only views of the store, plus an opt-in ingest.

Lists answer ``{"ok": true, "count": n, "items": [...], "next": cursor|null}``;
``?format=csv`` or a ``.csv`` suffix (``/api/events.csv``) gives the same rows
as CSV. Pages of events, articles and quotes are walked with the opaque
``next`` cursor (``?cursor=...``).
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
from ..store.base import check_date, check_quad_class, check_type
from . import data
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
    body = {"ok": True, "count": len(items), "items": items,
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
    """Liveness and the size of the store."""
    return {"ok": True, "status": "ok", "counts": store.counts()}


@router.get("/articles.csv", include_in_schema=False)
@router.get("/articles")
def articles(request: Request, limit: int = LimitQ, cursor: str | None = CursorQ,
             format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Articles, newest store order, a page at a time."""
    offset = data.decode_cursor(cursor)
    rows, nxt = page(store.articles(limit=limit + 1, offset=offset), limit, offset)
    return listing(request, rows, format, next_offset=nxt)


@router.get("/articles/{article_id:path}")
def article(article_id: str, store: Any = Depends(get_store)) -> dict:
    """One article: its fields, text and the extraction (every record with its spans)."""
    row = store.article(article_id)
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return {"ok": True, **row}


def event_filters(request: Request,
                  actor: str | None = Query(None, max_length=40, description="source actor code"),
                  target: str | None = Query(None, max_length=40, description="target actor code"),
                  type: str | None = Query(None, max_length=20, description="PLOVER type"),
                  quad_class: int | None = Query(None, ge=0, le=4, description="0..4"),
                  since: str | None = Query(None, max_length=40, description="ISO date"),
                  until: str | None = Query(None, max_length=40, description="ISO date"),
                  storyline: str | None = Query(None, max_length=200),
                  min_confidence: float | None = Query(
                      None, ge=0, le=1, description="leave out events below this confidence "
                      "(default: the min_confidence setting; 0 = all)")) -> dict[str, Any]:
    """The events filters, checked (a bad value is a 400 naming the valid ones)."""
    if min_confidence is None:
        min_confidence = request.app.state.settings.min_confidence
    return {"actor": data.parse_code(actor, "actor"), "target": data.parse_code(target, "target"),
            "type": check_type(type), "quad_class": check_quad_class(quad_class),
            "since": check_date("since", since), "until": check_date("until", until, end=True),
            "storyline": storyline or None, "min_confidence": min_confidence}


def find_events(store: Any, filters: Mapping[str, Any], limit: int, offset: int) -> list[dict]:
    """Up to ``limit`` events from ``offset`` (storyline: the events of its articles)."""
    f = dict(filters)
    storyline = f.pop("storyline", None)
    if not storyline:
        return store.events(**f, limit=limit, offset=offset)
    rows: list[dict] = []
    for aid in sorted(data.storyline_articles(store, storyline)):
        rows.extend(store.events(**f, article=aid, limit=data.MAX_SCAN))
    rows.sort(key=lambda e: (data.event_day(e) or "", e.get("id") or 0))
    return rows[offset: offset + limit]


@router.get("/events.csv", include_in_schema=False)
@router.get("/events")
def events(request: Request, filters: dict = Depends(event_filters), limit: int = LimitQ,
           cursor: str | None = CursorQ, format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Coded events, filtered; walk pages with the `next` cursor."""
    offset = data.decode_cursor(cursor)
    rows, nxt = page(find_events(store, filters, limit + 1, offset), limit, offset)
    return listing(request, rows, format, next_offset=nxt,
                   filters={k: v for k, v in filters.items() if v is not None})


@router.get("/quotes.csv", include_in_schema=False)
@router.get("/quotes")
def quotes(request: Request, speaker: str | None = Query(None, max_length=200,
                                                         description="speaker code or name"),
           limit: int = LimitQ, cursor: str | None = CursorQ, format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Quotes, optionally by one speaker (an actor code or a name)."""
    offset = data.decode_cursor(cursor)
    rows, nxt = page(store.quotes(speaker=speaker or None, limit=limit + 1, offset=offset), limit, offset)
    return listing(request, rows, format, next_offset=nxt)


@router.get("/actors.csv", include_in_schema=False)
@router.get("/actors")
def actors(request: Request, limit: int = Query(100, ge=1, le=500), format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Actors by number of mentions."""
    return listing(request, store.actors(limit=limit), format)


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
def proposals(request: Request, format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Proposals and demands with their items."""
    return listing(request, store.proposals(limit=data.MAX_SCAN), format)


# /positions: the positions board, in positions.py


@router.get("/claims.csv", include_in_schema=False)
@router.get("/claims")
def claims(request: Request, unit: str | None = Query(None, max_length=40),
           format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Quantities claimed in the news (troops, money, ...) with their sources."""
    return listing(request, store.quantities(unit=unit or None, limit=data.MAX_SCAN), format)


@router.get("/timeline.csv", include_in_schema=False)
@router.get("/timeline")
def timeline(request: Request, dyad: str | None = Query(None, max_length=60,
                                                        description="SOURCE-TARGET, e.g. RUS-UKR"),
             since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
             format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Per day: events by quad class and the mean Goldstein score (of a dyad, or all)."""
    pair = data.parse_dyad(dyad)
    series, note = data.timeline(store, pair, check_date("since", since), check_date("until", until, end=True))
    return listing(request, series, format, dyad="-".join(pair) if pair else None, note=note)


@router.get("/network.csv", include_in_schema=False)
@router.get("/network")
def network(request: Request, format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Who acts on whom: edges weighted by events, with their quad classes."""
    net = data.network(data.scan_events(store))
    return listing(request, net["edges"], format, nodes=net["nodes"])


@router.get("/storylines.csv", include_in_schema=False)
@router.get("/storylines")
def storylines(request: Request, format: Format = FormatQ, store: Any = Depends(get_store)) -> Response:
    """Storylines from the cross-document stage (empty, with a note, when it is absent)."""
    lines, note = data.storylines(store)
    return listing(request, lines, format, note=note)


@router.get("/search.csv", include_in_schema=False)
@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(20, ge=1, le=200), format: Format = FormatQ,
           store: Any = Depends(get_store)) -> Response:
    """Full-text search over titles and texts (any text is safe; operators are words)."""
    if not q.strip():
        raise UsageError("q must contain something to search for")
    return listing(request, store.search(q, limit=limit), format, q=q)


@router.post("/ingest", status_code=201)
async def ingest(request: Request) -> Response:
    """Extract and store articles posted as JSON (the contract's input lines).

    Needs ``api_token`` in the settings and ``Authorization: Bearer <token>``.
    """
    return await ingest_request(request)
