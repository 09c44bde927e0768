"""Server-rendered pages (Jinja2, autoescaped). Each page links to its JSON twin under /api."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import NotFound
from ..records import PLOVER_TYPES
from ..store.base import check_date
from . import data, render as draw
from .api import event_filters, find_events, get_store, page

router = APIRouter(include_in_schema=False)

NAV = (("/", "Overview"), ("/articles", "Articles"), ("/events", "Events"), ("/actors", "Actors"),
       ("/quotes", "Quotes"), ("/timeline", "Timeline"), ("/network", "Network"),
       ("/positions", "Positions"), ("/claims", "Claims"))

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["q"] = lambda s: quote(str(s if s is not None else ""), safe="")
_env.filters["http_url"] = lambda u: isinstance(u, str) and urlsplit(u.strip()).scheme.lower() in ("http", "https")
_env.filters["num"] = lambda v: f"{v:,}" if isinstance(v, int) else f"{v:,.6g}" if isinstance(v, float) else v
_env.filters["signed"] = lambda v: "" if v is None else f"{float(v):+.1f}"
_env.globals.update(nav=NAV, quad_classes=data.QUAD_CLASSES, plover_types=PLOVER_TYPES,
                    actor_labels=data.actor_labels, article_id=data.article_id,
                    event_day=data.event_day, span_text=data.span_text)


def render(name: str, request: Request | None = None, **context: Any) -> str:
    path = request.url.path if request is not None else ""
    return _env.get_template(name).render(path=path, **context)


def html(name: str, request: Request, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(name, request, **context))


def with_query(base: str, params: Mapping[str, Any], **changes: Any) -> str:
    """``base`` with ``params`` (minus empty values) updated by ``changes``."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return f"{base}?{urlencode(merged)}" if merged else base


_env.globals["with_query"] = with_query


# ---------------------------------------------------------------- pages

@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    events = list(data.scan_events(store))
    series, note = data.timeline(store, None)
    latest = sorted(events, key=lambda e: (data.event_day(e) or "", e.get("id") or 0), reverse=True)[:8]
    return html("overview.html", request, counts=store.counts(), latest=latest,
                chart=draw.escalation_chart(series), dyads=data.top_dyads(events, 8),
                facets=data.facets(events), articles=store.articles(limit=8), note=note,
                json_url="/api/health")


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, cursor: str | None = Query(None, max_length=200),
             store: Any = Depends(get_store)) -> HTMLResponse:
    offset = data.decode_cursor(cursor)
    rows, nxt = page(store.articles(limit=51, offset=offset), 50, offset)
    return html("articles.html", request, rows=rows, offset=offset,
                next=data.encode_cursor(nxt) if nxt is not None else None,
                json_url=with_query("/api/articles", {"cursor": cursor}))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str, store: Any = Depends(get_store)) -> HTMLResponse:
    row = store.article(article_id)
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    extraction = row.get("extraction") or {}
    panel = draw.marks_of(extraction)
    marks = [item["mark"] for group in panel.values() for item in group if "mark" in item]
    return html("article.html", request, a=row, panel=panel, body=draw.highlight(row.get("text") or "", marks),
                json_url=f"/api/articles/{quote(article_id, safe='')}")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, filters: dict = Depends(event_filters),
           cursor: str | None = Query(None, max_length=200),
           store: Any = Depends(get_store)) -> HTMLResponse:
    offset = data.decode_cursor(cursor)
    rows, nxt = page(find_events(store, filters, 51, offset), 50, offset)
    scanned = find_events(store, filters, data.MAX_SCAN, 0)
    default = request.app.state.settings.min_confidence  # not repeated in every link
    params = {k: v for k, v in filters.items()
              if v is not None and not (k == "min_confidence" and v == default)}
    return html("events.html", request, rows=rows, facets=data.facets(scanned), total=len(scanned),
                filters=filters, params=params, actors=store.actors(limit=200),
                next=with_query("/events", params, cursor=data.encode_cursor(nxt)) if nxt is not None else None,
                json_url=with_query("/api/events", params, cursor=cursor))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    return html("actors.html", request, rows=store.actors(limit=500), json_url="/api/actors")


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, code: str, store: Any = Depends(get_store)) -> HTMLResponse:
    c = data.parse_code(code, "code")
    row = store.actor(c)
    if row is None:
        raise NotFound(f"no actor with code {code!r}")
    as_source = store.events(actor=c, limit=100)
    as_target = store.events(target=c, limit=100)
    positions = [p for p in store.positions(limit=data.MAX_SCAN) if data.holder_code(p) == c]
    partners = Counter(t for e in as_source for t in data.codes(e.get("target")) if t != c)
    return html("actor.html", request, a=row, code=c, as_source=as_source, as_target=as_target,
                quotes=store.quotes(speaker=c, limit=100), positions=positions,
                partners=partners.most_common(10), json_url=f"/api/actors/{quote(c, safe='')}")


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: str | None = Query(None, max_length=200),
           cursor: str | None = Query(None, max_length=200), store: Any = Depends(get_store)) -> HTMLResponse:
    offset = data.decode_cursor(cursor)
    rows, nxt = page(store.quotes(speaker=speaker or None, limit=51, offset=offset), 50, offset)
    params = {"speaker": speaker}
    return html("quotes.html", request, rows=rows, speaker=speaker or "",
                next=with_query("/quotes", params, cursor=data.encode_cursor(nxt)) if nxt is not None else None,
                json_url=with_query("/api/quotes", params, cursor=cursor))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, dyad: str | None = Query(None, max_length=60),
             since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
             store: Any = Depends(get_store)) -> HTMLResponse:
    pair = data.parse_dyad(dyad)
    s, u = check_date("since", since), check_date("until", until, end=True)
    series, note = data.timeline(store, pair, s, u)
    params = {"dyad": "-".join(pair) if pair else None, "since": since, "until": until}
    return html("timeline.html", request, series=series, chart=draw.escalation_chart(series), note=note,
                dyad="-".join(pair) if pair else "", since=since or "", until=until or "",
                dyads=data.top_dyads(data.scan_events(store), 16),
                json_url=with_query("/api/timeline", params))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    net = data.network(data.scan_events(store))
    return html("network.html", request, net=net, chart=draw.network_chart(net), json_url="/api/network")


# /positions: the positions board, in positions.py


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, unit: str | None = Query(None, max_length=40),
           store: Any = Depends(get_store)) -> HTMLResponse:
    groups = data.claims_by_unit(store.quantities(unit=unit or None, limit=data.MAX_SCAN))
    for g in groups:
        g["chart"] = draw.claim_chart(g["rows"])
    return html("claims.html", request, groups=groups, unit=unit or "",
                json_url=with_query("/api/claims", {"unit": unit}))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = Query(None, max_length=500),
           store: Any = Depends(get_store)) -> HTMLResponse:
    rows = store.search(q, limit=50) if q and q.strip() else []
    return html("search.html", request, q=q or "", rows=rows,
                json_url=with_query("/api/search", {"q": q}) if q and q.strip() else "/api/search?q=")
