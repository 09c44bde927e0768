"""What the pages and the API compute over the store's plain dicts.

Parameter parsing (cursors, dates, dyads, PLOVER types), per-day escalation
series, the who-acts-on-whom network, facet counts, the stance board and the
claims table. Nothing here touches HTTP; errors are ``UsageError`` (400) and
``NotFound`` (404).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import math
import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Iterator, Mapping

from ..errors import StoreError, UsageError

log = logging.getLogger(__name__)

#: QuadClass names and colours (neutral, verbal/material cooperation, verbal/material conflict).
QUAD_CLASSES = {
    0: ("neutral", "#8a94a6"),
    1: ("verbal cooperation", "#4f9d69"),
    2: ("material cooperation", "#1f6f43"),
    3: ("verbal conflict", "#d08c2f"),
    4: ("material conflict", "#b3403a"),
}
MAX_SCAN = 20_000          # events read at most to build a chart, facets or network
PAGE = 500                 # events per store call while scanning

_CODE = re.compile(r"^[A-Za-z0-9_.]{1,24}$")


# ---------------------------------------------------------------- parameters

def encode_cursor(offset: int) -> str:
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset an opaque ``next`` cursor stands for (0 when none)."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        raise UsageError("invalid cursor: pass the `next` value of a previous response") from e
    if not isinstance(offset, int) or offset < 0 or offset > 10_000_000:
        raise UsageError("invalid cursor: pass the `next` value of a previous response")
    return offset


def parse_code(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not _CODE.match(value):
        raise UsageError(f"{name} must be an actor code such as RUS or NATO, not {value!r}")
    return value.upper()


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``"RUS-UKR"`` → ``("RUS", "UKR")``: events with source RUS and target UKR."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) != 2 or not all(_CODE.match(p.strip()) for p in parts):
        raise UsageError(f"dyad must look like RUS-UKR (source-target), not {value!r}")
    return parts[0].strip().upper(), parts[1].strip().upper()


# ---------------------------------------------------------------- event fields

def codes(value: Any) -> list[str]:
    """Actor codes in an event's ``source``/``target`` (actor spans, dicts or plain codes)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [c for c in (p.strip() for p in value.replace(";", ",").split(",")) if c]
    if isinstance(value, Mapping):
        code = value.get("code")
        return [code] if code else []
    out: list[str] = []
    for item in value:
        for code in codes(item):
            if code not in out:
                out.append(code)
    return out


def actor_labels(value: Any) -> list[dict]:
    """``[{"code", "name", "text"}]`` for display of an event's source/target."""
    if value is None:
        return []
    if isinstance(value, str):
        return [{"code": c, "name": c, "text": c} for c in codes(value)]
    if isinstance(value, Mapping):
        value = [value]
    out = []
    for a in value:
        if isinstance(a, Mapping):
            out.append({"code": a.get("code"), "name": a.get("name") or a.get("text") or a.get("code"),
                        "text": a.get("text") or a.get("name") or a.get("code")})
        elif a:
            out.append({"code": str(a), "name": str(a), "text": str(a)})
    return out


def article_id(row: Mapping) -> str | None:
    for key in ("article_id", "article"):
        v = row.get(key)
        if isinstance(v, Mapping):
            v = v.get("id")
        if v:
            return str(v)
    return None


def event_day(event: Mapping) -> str | None:
    """The day an event is counted on: its own date when resolved to a day, else publication."""
    for key in ("day", "date", "published"):
        v = event.get(key)
        if isinstance(v, str) and len(v) >= 10:
            try:
                return dt.date.fromisoformat(v[:10]).isoformat()
            except ValueError:
                continue
    return None


def span_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


# ---------------------------------------------------------------- scanning

def scan_events(store: Any, *, cap: int = MAX_SCAN, **filters: Any) -> Iterator[dict]:
    """Every event matching ``filters``, read page by page (at most ``cap``)."""
    offset = 0
    while offset < cap:
        page = store.events(limit=min(PAGE, cap - offset), offset=offset, **filters)
        yield from page
        if len(page) < min(PAGE, cap - offset):
            return
        offset += len(page)


def facets(events: Iterable[Mapping]) -> dict[str, list[tuple[Any, int]]]:
    """Counts by type, quad class and source actor, biggest first."""
    by_type: Counter = Counter()
    by_quad: Counter = Counter()
    by_source: Counter = Counter()
    for e in events:
        if e.get("type"):
            by_type[e["type"]] += 1
        if e.get("quad_class") is not None:
            by_quad[int(e["quad_class"])] += 1
        for c in codes(e.get("source")):
            by_source[c] += 1
    return {"type": by_type.most_common(), "quad_class": sorted(by_quad.items()),
            "source": by_source.most_common(25)}


# ---------------------------------------------------------------- escalation series

def daily_series(events: Iterable[Mapping]) -> list[dict]:
    """Per day: event count by quad class (``q0``..``q4``) and the Goldstein sum and mean
    (the shape of ``sitroom.crossdoc`` timelines)."""
    days: dict[str, dict] = {}
    scores: dict[str, list[float]] = defaultdict(list)
    for e in events:
        day = event_day(e)
        if day is None:
            continue
        d = days.setdefault(day, {"date": day, "events": 0, **{f"q{q}": 0 for q in QUAD_CLASSES}})
        d["events"] += 1
        q = e.get("quad_class")
        if q is not None and int(q) in QUAD_CLASSES:
            d[f"q{int(q)}"] += 1
        g = e.get("goldstein")
        if isinstance(g, (int, float)) and not math.isnan(g):
            scores[day].append(float(g))
    out = []
    for day in sorted(days):
        g = scores.get(day, [])
        total = round(sum(g), 2)
        out.append({**days[day], "goldstein_sum": total,
                    "goldstein_mean": round(total / len(g), 2) if g else None})
    return out


NOT_LINKED = ("the cross-document step has not run over the articles now stored "
              "(run `sitroom link`): events are counted per article, without merging duplicates")


def linked(store: Any) -> bool:
    """Whether the cross-document results in the store cover every stored article."""
    try:
        from ..crossdoc.link import is_current
    except ImportError:
        return False
    try:
        return bool(is_current(store))
    except StoreError:  # e.g. a database without the cross-document tables
        return False


def timeline(store: Any, dyad: tuple[str, str] | None, since: str | None = None,
             until: str | None = None) -> tuple[list[dict], str | None]:
    """The per-day series of a dyad (all events when ``dyad`` is None), and a note.

    Uses the merged events of ``sitroom.crossdoc`` when its results are current,
    else counts the stored events per day.
    """
    if linked(store):
        from .. import crossdoc

        try:
            days = crossdoc.timeline_for(store, dyad="-".join(dyad) if dyad else None).to_dict()["days"]
        except StoreError as e:  # e.g. the database went away meanwhile
            log.warning("cross-document timeline unavailable, counting stored events: %s", e)
        else:
            return [d for d in days
                    if (not since or d["date"] >= since) and (not until or d["date"] <= until)], None
    filters: dict[str, Any] = {"since": since, "until": until}
    if dyad:
        filters.update(actor=dyad[0], target=dyad[1])
    return daily_series(scan_events(store, **filters)), NOT_LINKED


def top_dyads(events: Iterable[Mapping], n: int = 12) -> list[tuple[str, int]]:
    count: Counter = Counter()
    for e in events:
        for s in codes(e.get("source")):
            for t in codes(e.get("target")):
                if s != t:
                    count[f"{s}-{t}"] += 1
    return count.most_common(n)


# ---------------------------------------------------------------- network

def network(events: Iterable[Mapping], max_nodes: int = 30) -> dict:
    """Who acts on whom: nodes weighted by events, edges by count with their quad classes."""
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for e in events:
        src, tgt = actor_labels(e.get("source")), actor_labels(e.get("target"))
        q = e.get("quad_class")
        for a in src + tgt:
            if a["code"] and a["code"] not in names:
                names[a["code"]] = a["name"] or a["code"]
        for s in src:
            for t in tgt:
                if s["code"] and t["code"] and s["code"] != t["code"]:
                    edges[(s["code"], t["code"])][int(q) if q is not None else -1] += 1
    degree: Counter = Counter()
    for (s, t), c in edges.items():
        w = sum(c.values())
        degree[s] += w
        degree[t] += w
    keep = {code for code, _ in degree.most_common(max_nodes)}
    nodes = [{"code": c, "name": names.get(c, c), "weight": w}
             for c, w in degree.most_common(max_nodes)]
    out_edges = []
    for (s, t), c in sorted(edges.items(), key=lambda kv: -sum(kv[1].values())):
        if s in keep and t in keep:
            by_quad = {str(k): v for k, v in sorted(c.items()) if k >= 0}
            dominant = max((k for k in c if k >= 0), key=lambda k: (c[k], k), default=None)
            out_edges.append({"source": s, "target": t, "weight": sum(c.values()),
                              "quad_class": dominant, "by_quad_class": by_quad})
    return {"nodes": nodes, "edges": out_edges}


# ---------------------------------------------------------------- positions and claims

def holder_code(position: Mapping) -> str | None:
    h = position.get("holder")
    if isinstance(h, Mapping):
        return h.get("code") or h.get("name") or h.get("text")
    return str(h) if h else position.get("holder_code")


def stance_board(proposals: list[Mapping], positions: list[Mapping]) -> dict:
    """Rows: proposal items (or the proposal itself when it lists none); columns: actors;
    cells: the stances each actor took toward the item's proposal."""
    index: dict[tuple[str | None, int], Mapping] = {}
    per_article: Counter = Counter()
    for p in proposals:
        aid = article_id(p)
        i = p.get("idx", p.get("index"))
        if i is None:
            i = per_article[aid]
        per_article[aid] += 1
        index[(aid, int(i))] = p
    cells: dict[tuple[str | None, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    actors: Counter = Counter()
    loose = []
    for pos in positions:
        code = holder_code(pos)
        ref = pos.get("proposal")
        key = (article_id(pos), int(ref)) if ref is not None else None
        if code is None:
            continue
        if key is None or key not in index:
            loose.append(pos)
            continue
        if pos.get("stance") not in cells[key][code]:
            cells[key][code].append(pos.get("stance"))
        actors[code] += 1
    columns = [c for c, _ in actors.most_common()]
    rows = []
    for key, p in index.items():
        items = [span_text(i) for i in (p.get("items") or [])] or [span_text(p.get("text"))]
        by = ", ".join(a["code"] or a["text"] or "?" for a in actor_labels(p.get("by")))
        for item in items:
            rows.append({"article_id": key[0], "proposal": key[1], "id": p.get("id"), "item": item, "by": by,
                         "proposal_text": span_text(p.get("text")),
                         "stances": {c: cells[key].get(c, []) for c in columns}})
    return {"actors": columns, "rows": rows, "other": loose}


def claims_by_unit(quantities: Iterable[Mapping]) -> list[dict]:
    """Quantities grouped by unit, each group in publication order."""
    groups: dict[str, list[Mapping]] = defaultdict(list)
    for q in quantities:
        groups[str(q.get("unit") or "?")].append(q)
    out = []
    for unit, rows in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows.sort(key=lambda r: (str(r.get("published") or ""), article_id(r) or ""))
        out.append({"unit": unit, "rows": rows})
    return out


# ---------------------------------------------------------------- storylines

def storylines(store: Any) -> tuple[list[dict], str | None]:
    """The storylines of the cross-document stage, with a note when it has none to give."""
    if not linked(store):
        return [], "storylines are not available: " + NOT_LINKED.split(" (")[0] + " (run `sitroom link`)"
    from .. import crossdoc

    return [s.to_dict() for s in crossdoc.storylines_for(store)], None


def storyline_articles(store: Any, storyline: str) -> set[str]:
    """The article ids of one storyline (for the events filter)."""
    lines, note = storylines(store)
    if note:
        raise UsageError(note)
    for s in lines:
        if str(s.get("id")) == storyline:
            return {str(a) for a in s.get("articles") or ()}
    raise UsageError(f"unknown storyline {storyline!r}; see /api/storylines")
