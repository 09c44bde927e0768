"""What a list or an aggregate asks the store: the filters, the sort, the page.

    q = EventQuery.of(source="RUS", target="UKR", since="2022-02")
    page = store.event_page(q, sort="-day", limit=50)      # newest first, keyset paged
    page.total, page.truncated, page.next                   # the true count, more?, cursor
    store.event_series(q)                                   # per day, the same events

One :class:`EventQuery` is turned into SQL in one place (:func:`event_from`), so a
list, its total, its facets, its daily series and its network all count the same
rows: event *mentions* (one per article that reported an event; the cross-document
step merges them into events, see ``store/linked.py``). Sorting takes only the keys
of :data:`EVENT_SORTS` (never SQL from the user); pages are walked with an opaque
keyset cursor (the last row's sort key), so page 1,000 costs what page 1 costs.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from ..errors import UsageError
from ..records import confidence_floor
from .base import check_date, check_quad_class, check_type

#: The flags an event can carry; a query keeps (True), leaves out (False) or ignores (None) each.
FLAGS = ("negated", "hypothetical", "future", "historical")
#: Sort keys of event lists -> (column, nullable). ``-key`` is descending.
EVENT_SORTS = {"day": ("{day}", True), "confidence": ("e.confidence", True),
               "goldstein": ("e.goldstein", True), "type": ("{type}", False),
               "quad_class": ("e.quad_class", True)}
DEFAULT_EVENT_SORT = "-day"
MAX_LIMIT = 1000
UNIT = "mentions"  # what every event count of the store counts
UNIT_NOTE = ("event mentions: each article reporting an event counts once "
             "(merged events, across articles, are on the cross-document pages)")
_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _code(name: str, value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    code = str(value).strip().upper()
    if len(code) > 24 or not set(code) <= _CODE_CHARS:
        raise UsageError(f"{name}={value!r} is not an actor code (letters, digits, '_' or '.', "
                         "e.g. RUS or NATO)")
    return code


def _text(name: str, value: Any, longest: int = 200) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    s = " ".join(str(value).split())
    if len(s) > longest or "\x00" in s:
        raise UsageError(f"{name}={str(value)[:40]!r}: at most {longest} characters, no NUL")
    return s


def _flag(name: str, value: Any) -> bool | None:
    if value is None or value == "" or value == "any":
        return None
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in ("1", "true", "yes", "only"):
        return True
    if s in ("0", "false", "no", "exclude"):
        return False
    raise UsageError(f"{name}={value!r}; valid: only (yes), exclude (no) or any")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which event mentions: every field None means no condition on it.

    ``source``/``target`` are actor codes in that role; ``involving`` is a code in either
    role; ``sector`` an actor sector (GOV, MIL, ...) and ``person`` a person's name
    (whole words, any case) in either role. ``cameo`` matches a code and its
    sub-codes (``19`` matches ``190``..``196``); ``since``/``until`` bound the event's
    day (its own date, else its article's publication date); ``outlet`` is the source
    name of the article; each flag keeps (True) or leaves out (False) the flagged
    events; ``articles`` limits to those articles (a storyline's)."""

    source: str | None = None
    target: str | None = None
    involving: str | None = None
    sector: str | None = None
    person: str | None = None
    type: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    article: str | None = None
    articles: tuple[str, ...] | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    future: bool | None = None
    historical: bool | None = None
    min_confidence: float | None = None

    @classmethod
    def of(cls, **raw: Any) -> "EventQuery":
        """A query from user values (strings from a URL, or typed ones), each checked:
        a bad one raises :class:`UsageError` naming the parameter and what is valid."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - names)
        if unknown:
            raise UsageError(f"unknown event filter(s) {unknown}; valid: {', '.join(sorted(names))}")
        mc = raw.get("min_confidence")
        if mc is not None and mc != "":
            try:
                mc = float(mc)
            except (TypeError, ValueError):
                raise UsageError(f"min_confidence={mc!r} must be a number from 0 to 1") from None
            if not 0 <= mc <= 1:
                raise UsageError(f"min_confidence={mc!r} must be a number from 0 to 1")
        else:
            mc = None
        cameo = _text("cameo", raw.get("cameo"), 8)
        if cameo is not None and not cameo.isdigit():
            raise UsageError(f"cameo={cameo!r} must be a CAMEO code of digits, e.g. 19 or 190")
        since = check_date("since", raw.get("since"))
        until = check_date("until", raw.get("until"), end=True)
        articles = raw.get("articles")
        return cls(
            source=_code("source", raw.get("source")), target=_code("target", raw.get("target")),
            involving=_code("involving", raw.get("involving")), sector=_code("sector", raw.get("sector")),
            person=_text("person", raw.get("person")), type=check_type(raw.get("type")), cameo=cameo,
            quad_class=check_quad_class(raw.get("quad_class")), since=since, until=until,
            outlet=_text("outlet", raw.get("outlet")), article=_text("article", raw.get("article"), 1000),
            articles=tuple(sorted({str(a) for a in articles})) if articles is not None else None,
            min_confidence=mc or None, **{f: _flag(f, raw.get(f)) for f in FLAGS})

    def params(self) -> dict[str, Any]:
        """The query as URL parameters (set fields only; flags as yes/no)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None or f.name == "articles":
                continue
            out[f.name] = ("yes" if v else "no") if isinstance(v, bool) else v
        return out

    def but(self, **changes: Any) -> "EventQuery":
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its rows, how many rows the whole list has (``total``),
    whether rows were left out of this answer (``truncated``: more pages, or a cap),
    and the cursor of the next page (None on the last)."""

    items: list[dict]
    total: int
    next: str | None = None
    sort: str | None = None
    unit: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return len(self.items) < self.total

    def to_dict(self) -> dict:
        body = {"count": len(self.items), "total": self.total, "truncated": self.truncated,
                "next": self.next, "items": self.items}
        if self.sort:
            body["sort"] = self.sort
        if self.unit:
            body["unit"] = self.unit
        return {**body, **self.extra}


# ---------------------------------------------------------------- sorting and cursors

def check_sort(sort: str | None, sorts: Mapping[str, Any], default: str) -> tuple[str, bool]:
    """``"-day"`` -> ``("day", True)`` (descending); an unknown key is a UsageError."""
    s = (sort or default).strip()
    desc = s.startswith("-")
    key = s.lstrip("-+")
    if key not in sorts:
        valid = ", ".join(f"{k}, -{k}" for k in sorts)
        raise UsageError(f"sort={sort!r} is not a sort key; valid: {valid}")
    return key, desc


def encode_cursor(sort: str, key: list) -> str:
    raw = json.dumps({"s": sort, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, sort: str) -> list | None:
    """The sort key after which the next page starts; a cursor of another sort (or
    anything that is not one) is a UsageError."""
    if not cursor:
        return None
    bad = UsageError("invalid cursor: pass the `next` value of the previous page, with the same sort")
    try:
        d = json.loads(base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4)))
        key = d["k"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise bad from None
    if d.get("s") != sort or not isinstance(key, list) or len(key) != 3 or key[0] not in (0, 1) \
            or not isinstance(key[2], (int, str)) or isinstance(key[2], bool) \
            or not (key[1] is None or isinstance(key[1], (int, float, str))) or isinstance(key[1], bool):
        raise bad
    return key


# ---------------------------------------------------------------- SQL

@dataclass(slots=True)
class EventSQL:
    """The FROM and WHERE of an event query; ``day``/``type``/``id`` name the columns
    to use for them (copies in the driving ``event_actors`` row when an actor drives)."""

    frm: str
    where: list[str]
    params: list[Any]
    day: str = "e.day"
    type: str = "e.type"
    id: str = "e.id"
    cols: str = ""  # the columns a list selects (dated lists)

    def where_sql(self, extra: list[str] = ()) -> str:  # type: ignore[assignment]
        clauses = self.where + list(extra)
        return " WHERE " + " AND ".join(clauses) if clauses else ""


def _like_words(s: str) -> str:
    return "% " + s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"


def event_from(q: EventQuery, *, articles: bool = False, ordered_by: str | None = None) -> EventSQL:
    """The one translation of ``q`` into SQL. With a source or target code, the rows of
    ``event_actors`` in that role drive (index (role, code, day, event_id)), one per event;
    ``articles=True`` joins the article and its source (``a``, ``s``) for columns.

    ``ordered_by`` names the sort key of a page: the confidence floor is then written
    ``+e.confidence`` (the same test) unless the page is sorted by confidence, so
    SQLite walks the sort key's index in order instead of taking the confidence index
    and sorting every match (2 s instead of 10 ms at a million events)."""
    where: list[str] = []
    params: list[Any] = []
    drive = next(((role, code) for role, code in (("source", q.source), ("target", q.target)) if code), None)
    if drive:
        frm = "event_actors x JOIN events e ON e.id = x.event_id"
        where += ["x.role = ? AND x.code = ?",
                  "NOT EXISTS (SELECT 1 FROM event_actors d WHERE d.event_id = x.event_id "
                  "AND d.role = x.role AND d.code = x.code AND d.id < x.id)"]
        params += list(drive)
        sql = EventSQL(frm, where, params, day="x.day", type="x.type", id="x.event_id")
    else:
        sql = EventSQL("events e", where, params)
    for role, code in (("source", q.source), ("target", q.target)):
        if code and (role, code) != drive:
            where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id "
                         "AND y.role = ? AND y.code = ?)")
            params += [role, code]
    if q.involving:
        where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND y.code = ?)")
        params.append(q.involving)
    if q.sector:
        where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND y.sector = ?)")
        params.append(q.sector)
    if q.person:
        where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND "
                     "(' ' || lower(y.person) || ' ' LIKE ? ESCAPE '\\' "
                     "OR (y.kind = 'person' AND ' ' || lower(y.name) || ' ' LIKE ? ESCAPE '\\')))")
        params += [_like_words(q.person)] * 2
    if q.type:
        where.append(f"{sql.type} = ?")
        params.append(q.type)
    if q.cameo:
        where.append("e.cameo LIKE ?")
        params.append(q.cameo + "%")
    if q.quad_class is not None:
        where.append("e.quad_class = ?")
        params.append(q.quad_class)
    if q.since:
        where.append(f"{sql.day} >= ?")
        params.append(q.since)
    if q.until:
        where.append(f"{sql.day} <= ?")
        params.append(q.until)
    if q.article:
        where.append("e.article_id = ?")
        params.append(q.article)
    if q.articles is not None:
        if not q.articles:
            where.append("1 = 0")
        else:
            where.append(f"e.article_id IN ({', '.join('?' * len(q.articles))})")
            params += list(q.articles)
    for f in FLAGS:
        v = getattr(q, f)
        if v is not None:
            where.append(f"e.{f} = {1 if v else 0}")
    if q.min_confidence:
        where.append("+e.confidence >= ?" if ordered_by not in (None, "confidence") else "e.confidence >= ?")
        params.append(confidence_floor(q.min_confidence))
    if q.outlet:
        where.append("EXISTS (SELECT 1 FROM articles oa JOIN sources os ON os.id = oa.source_id "
                     "WHERE oa.id = e.article_id AND os.name = ?)")
        params.append(q.outlet)
    if articles:
        sql.frm += " JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id"
    return sql


def keyset(sql: EventSQL, col: str, nullable: bool, desc: bool, after: list | None, limit: int
           ) -> list[tuple[str, list[Any], int]]:
    """The WHERE / ORDER BY / LIMIT of each phase of a keyset walk on ``col`` then the id:
    rows with a value of ``col`` (phase 0), then, when it is ``nullable``, rows without
    one (phase 1, by id); each ``(sql tail, params, phase)``. The cursor ``after`` is the
    last row's ``[phase, value, id]``."""
    d = " DESC" if desc else ""
    op = "<" if desc else ">"
    phases: list[tuple[str, list[Any], int]] = []
    start = after[0] if after else 0
    if start == 0:
        cond = [f"{col} IS NOT NULL"] if nullable else []
        params: list[Any] = []
        if after:
            cond.append(f"({col}, {sql.id}) {op} (?, ?)")
            params += [after[1], after[2]]
        phases.append((sql.where_sql(cond) + f" ORDER BY {col}{d}, {sql.id}{d} LIMIT {int(limit)}", params, 0))
    if nullable:
        cond, params = [f"{col} IS NULL"], []
        if after and start == 1:
            cond.append(f"{sql.id} {op} ?")
            params.append(after[2])
        phases.append((sql.where_sql(cond) + f" ORDER BY {sql.id}{d} LIMIT {int(limit)}", params, 1))
    return phases


def sort_column(sql: EventSQL, key: str) -> tuple[str, bool]:
    """The column (and whether it may be NULL) of an event sort key."""
    col, nullable = EVENT_SORTS[key]
    return col.format(day=sql.day, type=sql.type), nullable
