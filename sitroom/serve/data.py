"""What the pages and the API share: parameter parsing and display helpers.

The one parser of event filters (:func:`event_filter`, for every list view, API and
pages alike), dyads and codes, display helpers, the stance board and the claims
table. Counts, facets, series and networks are asked of the store (``store/lists.py``),
never computed here from scanned rows. Nothing here touches HTTP; errors are
``UsageError`` (400) and ``NotFound`` (404).
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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping
from urllib.parse import quote_plus, urlencode

from ..errors import StoreError, UsageError
from ..store.query import EventQuery

log = logging.getLogger(__name__)

#: QuadClass names and colours (neutral, verbal/material cooperation, verbal/material conflict).
QUAD_CLASSES = {
    0: ("neutral", "#8a94a6"),
    1: ("verbal cooperation", "#4f9d69"),
    2: ("material cooperation", "#1f6f43"),
    3: ("verbal conflict", "#d08c2f"),
    4: ("material conflict", "#b3403a"),
}
MAX_SCAN = 20_000          # events read at most by the map (it says when it stopped there)

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


# ---------------------------------------------------------------- filters

#: The event filters of every list view (API and pages), in the order of the filter bar.
EVENT_PARAMS = ("since", "until", "source", "target", "involving", "sector", "person", "type",
                "cameo", "quad_class", "outlet", "negated", "hypothetical", "future", "historical",
                "min_confidence", "storyline")


@dataclass(frozen=True)
class EventFilter:
    """The checked event filters of a request: the store query, and the parameters to
    put back in links (``params``: set values, the default confidence floor left out)."""

    query: EventQuery
    params: dict[str, Any]
    storyline: str | None = None

    @property
    def effective(self) -> dict[str, Any]:
        """Every condition in force, the default confidence floor included."""
        out = self.query.params()
        if self.storyline:
            out["storyline"] = self.storyline
        return out

    def link(self, base: str, **changes: Any) -> str:
        """``base`` with the filters, ``changes`` applied: what ``urlencode`` writes, each
        ``key=value`` pair encoded once per process (a timeline page writes ~600 links,
        most of them of the same days and filters)."""
        merged = {k: v for k, v in {**self.params, **changes}.items() if v not in (None, "")}
        if not merged:
            return base
        if any(isinstance(v, (bytes, list, tuple)) for v in merged.values()):
            return f"{base}?{urlencode(merged)}"
        return base + "?" + "&".join(_pair(str(k), str(v)) for k, v in merged.items())


@lru_cache(maxsize=16384)
def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"


def event_filter(raw: Mapping[str, Any], store: Any, default_confidence: float | None) -> EventFilter:
    """The one parser of event filters (API and pages). ``actor`` is the older name of
    ``source``; an empty value means no condition; ``min_confidence`` defaults to the
    setting; ``storyline`` limits to that storyline's articles. A bad value is a
    UsageError (400) naming the parameter and what is valid."""
    values = {k: raw.get(k) for k in EVENT_PARAMS if raw.get(k) not in (None, "")}
    if raw.get("actor") not in (None, "") and "source" not in values:
        values["source"] = raw.get("actor")
    storyline = values.pop("storyline", None)
    articles = None
    if storyline:
        found = store.storylines(str(storyline))
        if not found:
            raise UsageError(f"storyline={storyline!r}: no such storyline (run `sitroom link`, then see /api/storylines)")
        articles = found[0].articles
    if "min_confidence" not in values and default_confidence:
        values["min_confidence"] = default_confidence
    query = EventQuery.of(**values, articles=articles)
    params = query.params()
    if default_confidence and params.get("min_confidence") == default_confidence:
        params.pop("min_confidence")
    elif "min_confidence" not in params and default_confidence:
        params["min_confidence"] = 0
    if storyline:
        params["storyline"] = storyline
    return EventFilter(query, params, storyline)


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
