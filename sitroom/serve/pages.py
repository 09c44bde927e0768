"""Server-rendered pages (Jinja2, autoescaped). Each page links to its JSON twin under /api."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..errors import NotFound
from ..records import PLOVER_TYPES
from . import data, render as draw
from ..store.query import UNIT_NOTE
from .api import _offset, dyad_of, event_filters, get_store, with_dyad

router = APIRouter(include_in_schema=False)

NAV = (("/", "Overview"), ("/articles", "Articles"), ("/events", "Events"), ("/actors", "Actors"),
       ("/quotes", "Quotes"), ("/timeline", "Timeline"), ("/network", "Network"),
       ("/positions", "Positions"), ("/claims", "Claims"), ("/map", "Map"), ("/storylines", "Storylines"))

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["q"] = lambda s: quote(str(s if s is not None else ""), safe="")
_env.filters["http_url"] = lambda u: isinstance(u, str) and urlsplit(u.strip()).scheme.lower() in ("http", "https")
_env.filters["num"] = lambda v: f"{v:,}" if isinstance(v, int) else f"{v:,.6g}" if isinstance(v, float) else v
_env.filters["signed"] = lambda v: "" if v is None else f"{float(v):+.1f}"
_env.filters["hits"] = lambda s: Markup(str(escape(s or "")).replace("«", "<mark>").replace("»", "</mark>"))
_env.globals.update(nav=NAV, quad_classes=data.QUAD_CLASSES, plover_types=PLOVER_TYPES,
                    actor_labels=data.actor_labels, article_id=data.article_id,
                    event_day=data.event_day, span_text=data.span_text)


def render(name: str, request: Request | None = None, **context: Any) -> str:
    path = request.url.path if request is not None else ""
    return _env.get_template(name).render(path=path, **context)


def html(name: str, request: Request, **context: Any) -> HTMLResponse:
    context.setdefault("default_confidence", request.app.state.settings.min_confidence)
    return HTMLResponse(render(name, request, **context))


def with_query(base: str, params: Mapping[str, Any], **changes: Any) -> str:
    """``base`` with ``params`` (minus empty values) updated by ``changes``."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return f"{base}?{urlencode(merged)}" if merged else base


_env.globals["with_query"] = with_query


# ---------------------------------------------------------------- pages

@router.get("/", response_class=HTMLResponse)
def overview(request: Request, f: data.EventFilter = Depends(event_filters),
             store: Any = Depends(get_store)) -> HTMLResponse:
    series = store.event_series(f.query)
    chart = draw.escalation_chart(series["days"])
    for bar in chart["bars"]:
        bar["href"] = f.link("/events", since=bar["date"], until=bar["date"], quad_class=bar["quad_class"])
    return html("overview.html", request, counts=store.counts(), total=series["total"], series=series,
                latest=store.event_page(f.query, limit=8).items, chart=chart,
                dyads=store.event_dyads(f.query, n=8), facets=store.event_facets(f.query, n=10),
                articles=store.article_page(limit=8).items, f=f, unit_note=UNIT_NOTE,
                json_url="/api/health")


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, outlet: str | None = Query(None, max_length=200),
             since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
             sort: str | None = Query(None, max_length=20), cursor: str | None = Query(None, max_length=200),
             store: Any = Depends(get_store)) -> HTMLResponse:
    params = {"outlet": outlet, "since": since, "until": until, "sort": sort}
    rows = store.article_page(outlet=outlet or None, since=since or None, until=until or None,
                              sort=sort, cursor=cursor, limit=50)
    return html("articles.html", request, rows=rows.items, page=rows, v=params, cursor=cursor,
                outlets=store.outlets(), link=lambda **c: with_query("/articles", params, **c),
                next=with_query("/articles", params, cursor=rows.next) if rows.next else None,
                downloads=_downloads("/api/articles", params),
                json_url=with_query("/api/articles", params, cursor=cursor))


def _downloads(base: str, params: Mapping[str, Any]) -> list[tuple[str, str]]:
    whole = {k: v for k, v in params.items() if k not in ("cursor",)}
    return [("CSV of all rows", with_query(base + ".csv", whole)),
            ("JSON of all rows", with_query(base + ".json", whole))]


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


EVENT_FIELDS = ("since", "until", "source", "target", "involving", "sector", "person", "type", "cameo",
                "quad_class", "outlet", "negated", "hypothetical", "future", "historical", "min_confidence")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, f: data.EventFilter = Depends(event_filters),
           sort: str | None = Query(None, max_length=20), cursor: str | None = Query(None, max_length=200),
           store: Any = Depends(get_store)) -> HTMLResponse:
    rows = store.event_page(f.query, sort=sort, cursor=cursor, limit=50)
    params = {**f.params, "sort": sort}
    v = {**f.params, "min_confidence": f.query.min_confidence or 0.0}
    return html("events.html", request, rows=rows.items, page=rows, facets=store.event_facets(f.query),
                total=rows.total, filters=f.query, f=f, v=v, params=params, sort=rows.sort,
                fields=EVENT_FIELDS, actors=store.actors(limit=200), outlets=store.outlets(),
                cursor=cursor, unit_note=UNIT_NOTE, link=lambda **c: with_query("/events", params, **c),
                next=with_query("/events", params, cursor=rows.next) if rows.next else None,
                downloads=_downloads("/api/events", params),
                json_url=with_query("/api/events", params, cursor=cursor))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: Any = Depends(get_store)) -> HTMLResponse:
    rows = store.actors(limit=501)
    return html("actors.html", request, rows=rows[:500], total=store.counts()["actors"],
                json_url="/api/actors")


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, code: str, store: Any = Depends(get_store)) -> HTMLResponse:
    c = data.parse_code(code, "code")
    row = store.actor(c)
    if row is None:
        raise NotFound(f"no actor with code {code!r}")
    f = data.event_filter({}, store, request.app.state.settings.min_confidence)
    as_source = store.event_page(f.query.but(source=c), limit=20)
    as_target = store.event_page(f.query.but(target=c), limit=20)
    partners = store.event_dyads(f.query.but(source=c), n=10)
    quotes = store.quote_page(speaker=c, limit=20)
    positions = store.position_page(actor=c, limit=50)
    return html("actor.html", request, a=row, code=c, as_source=as_source, as_target=as_target,
                quotes=quotes, positions=positions, partners=partners, f=f, unit_note=UNIT_NOTE,
                json_url=f"/api/actors/{quote(c, safe='')}")


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: str | None = Query(None, max_length=200),
           outlet: str | None = Query(None, max_length=200),
           since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
           sort: str | None = Query(None, max_length=20),
           cursor: str | None = Query(None, max_length=200), store: Any = Depends(get_store)) -> HTMLResponse:
    params = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "sort": sort}
    rows = store.quote_page(speaker=speaker or None, outlet=outlet or None, since=since or None,
                            until=until or None, sort=sort, cursor=cursor, limit=50)
    return html("quotes.html", request, rows=rows.items, page=rows, speaker=speaker or "", v=params,
                outlets=store.outlets(), actors=store.actors(limit=200), cursor=cursor,
                link=lambda **c: with_query("/quotes", params, **c),
                next=with_query("/quotes", params, cursor=rows.next) if rows.next else None,
                downloads=_downloads("/api/quotes", params),
                json_url=with_query("/api/quotes", params, cursor=cursor))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, dyad: str | None = Query(None, max_length=60),
             f: data.EventFilter = Depends(event_filters), store: Any = Depends(get_store)) -> HTMLResponse:
    f = with_dyad(f, dyad, store, request)
    series = store.event_series(f.query)
    chart = draw.escalation_chart(series["days"])
    for bar in chart["bars"]:
        bar["href"] = f.link("/events", since=bar["date"], until=bar["date"], quad_class=bar["quad_class"])
    pair = dyad_of(f)
    others = {k: v for k, v in f.params.items() if k not in ("source", "target")}
    v = {**f.params, "min_confidence": f.query.min_confidence or 0.0}
    return html("timeline.html", request, series=series["days"], undated=series["undated"], table_days=120,
                total=series["total"], chart=chart, f=f, v=v, fields=EVENT_FIELDS,
                dyad=pair or "", dyads=store.event_dyads(f.query.but(source=None, target=None), n=16),
                others=others, actors=store.actors(limit=200), outlets=store.outlets(),
                unit_note=UNIT_NOTE, json_url=with_query("/api/timeline", others, dyad=pair))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, f: data.EventFilter = Depends(event_filters),
            store: Any = Depends(get_store)) -> HTMLResponse:
    net = store.event_network(f.query)
    v = {**f.params, "min_confidence": f.query.min_confidence or 0.0}
    return html("network.html", request, net=net, chart=draw.network_chart(net), f=f, v=v,
                fields=EVENT_FIELDS, actors=store.actors(limit=200), outlets=store.outlets(),
                unit_note=UNIT_NOTE, json_url=with_query("/api/network", f.params))


# /positions: the positions board, in positions.py


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, unit: str | None = Query(None, max_length=40),
           outlet: str | None = Query(None, max_length=200),
           since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
           sort: str | None = Query(None, max_length=20), cursor: str | None = Query(None, max_length=200),
           store: Any = Depends(get_store)) -> HTMLResponse:
    params = {"unit": unit, "outlet": outlet, "since": since, "until": until, "sort": sort}
    rows = store.claim_page(unit=unit or None, outlet=outlet or None, since=since or None,
                            until=until or None, sort=sort, cursor=cursor, limit=100)
    chart = draw.claim_chart(sorted(rows.items, key=lambda r: str(r.get("published") or ""))) if unit else None
    return html("claims.html", request, rows=rows.items, page=rows, unit=unit or "", v=params, chart=chart,
                units=store.claim_units(), outlets=store.outlets(), cursor=cursor,
                link=lambda **c: with_query("/claims", params, **c),
                next=with_query("/claims", params, cursor=rows.next) if rows.next else None,
                downloads=_downloads("/api/claims", params),
                json_url=with_query("/api/claims", params, cursor=cursor))


SEARCH_KINDS = (("articles", "Articles"), ("events", "Events"), ("quotes", "Quotes"), ("claims", "Claims"))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = Query(None, max_length=500),
           kind: str = Query("articles", max_length=20), outlet: str | None = Query(None, max_length=200),
           since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
           actor: str | None = Query(None, max_length=40), cursor: str | None = Query(None, max_length=20),
           store: Any = Depends(get_store)) -> HTMLResponse:
    params = {"q": q, "kind": kind if kind != "articles" else None, "outlet": outlet, "since": since,
              "until": until, "actor": actor}
    found = None
    if q and q.strip():
        found = store.search_page(q, kind=kind, outlet=outlet or None, since=since or None,
                                  until=until or None, actor=data.parse_code(actor, "actor"),
                                  offset=_offset(cursor), limit=20)
    return html("search.html", request, q=q or "", kind=kind, kinds=SEARCH_KINDS, found=found, v=params,
                rows=found.items if found else [], outlets=store.outlets(),
                link=lambda **c: with_query("/search", params, **c),
                next=with_query("/search", params, cursor=found.next) if found and found.next else None,
                json_url=with_query("/api/search", params, cursor=cursor) if q and q.strip() else "/api/search?q=")
