"""Lists and aggregates asked of the database, the same way on every SQL backend.

Mixed into :class:`~.sql.SQLStore`. Every list answers a :class:`~.query.Page` (its
rows, the true ``total``, ``truncated``, a keyset ``next`` cursor); every aggregate
(facets, the daily series, dyads, the network) is a ``GROUP BY`` over the rows of the
same :func:`~.query.event_from` query as the list, so a chart's bar, a facet's count
and the list they link to agree. Only grouped results (a few rows per day, type or
pair of actors) reach Python.
"""
from __future__ import annotations

import datetime as dt
import pickle
import threading
from collections import OrderedDict
from typing import Any, Callable, Iterator, Sequence

from ..errors import UsageError
from . import shape
from .query import (DEFAULT_EVENT_SORT, EVENT_SORTS, MAX_LIMIT, UNIT, EventQuery, EventSQL, Page,
                    check_sort, decode_cursor, encode_cursor, event_from, keyset, sort_column)

CHUNK = 500
CACHE_SIZE = 512  # aggregate answers kept per process (all stores of one database share them)
CACHE_BYTES = 128 * 1024 * 1024  # ... and their pickled bytes at most (a board page's answer is ~0.6 MB)
_CACHE: "OrderedDict[tuple, Any]" = OrderedDict()
_CACHE_LOCK = threading.Lock()
#: What changes whenever the store's rows do: the writer only adds articles and events
#: (ids only grow) and `sitroom link` rewrites crossdoc_state, whose ``articles`` counts
#: the articles linked (its largest value alone did not do: linking 50 articles onto 200
#: wrote "250" where "200" was, both sorting before the version "3", so the answers kept
#: from before the link stayed).
VERSION_SQL = ("SELECT (SELECT max(seq) FROM articles) AS a, (SELECT max(id) FROM events) AS e, "
               "(SELECT count(*) FROM crossdoc_state) AS c, "
               "(SELECT max(value) FROM crossdoc_state WHERE key = 'articles') AS n, "
               "(SELECT max(value) FROM crossdoc_state WHERE key = 'version') AS v")
EVENT_COLUMNS = "e.*, a.title, a.published, a.url, s.name AS outlet"
QUADS = (0, 1, 2, 3, 4)


def _limit(limit: Any) -> int:
    try:
        n = int(limit)
    except (TypeError, ValueError):
        raise UsageError(f"limit={limit!r} must be a whole number from 1 to {MAX_LIMIT}") from None
    if not 1 <= n <= MAX_LIMIT:
        raise UsageError(f"limit={limit!r} must be a whole number from 1 to {MAX_LIMIT}")
    return n


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


class Lists:
    """Event lists and aggregates, and the other dated lists (quotes, claims, articles,
    positions, proposals), of a SQL store."""

    # given by SQLStore, which this is mixed into
    _rows: Callable[..., list[dict]]
    location: str

    def cached(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` kept, like the store's own aggregates, until the data changes: for
        views built from the store's reads (the positions board)."""
        return self._memo(name, key, compute)

    def _memo(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, or its answer kept from an earlier call while the data has not
        changed. Answers are kept pickled: each call gets fresh objects (callers may add
        to them), and the kept ones are bytes the garbage collector need not walk (kept
        as objects, thousands of dyads made every full collection pause a request for
        ~250 ms). Counts and aggregates scan their rows; a page of a list walks an index
        and is not kept."""
        version = tuple(self._rows(VERSION_SQL)[0].values())
        k = (self.location, version, name, repr(key))
        with _CACHE_LOCK:
            kept = _CACHE.get(k)
            if kept is not None:
                _CACHE.move_to_end(k)
        if kept is None:
            kept = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
            with _CACHE_LOCK:
                _CACHE[k] = kept
                while _CACHE and (len(_CACHE) > CACHE_SIZE or sum(map(len, _CACHE.values())) > CACHE_BYTES):
                    _CACHE.popitem(last=False)
        return pickle.loads(kept)

    # ------------------------------------------------------------ events

    def event_page(self, q: EventQuery | None = None, *, sort: str | None = None,
                   cursor: str | None = None, limit: int = 50) -> Page:
        """One page of the event mentions of ``q``, newest first unless ``sort`` says
        otherwise (a key of :data:`~.query.EVENT_SORTS`, ``-`` for descending)."""
        q = q or EventQuery()
        key, desc = check_sort(sort, EVENT_SORTS, DEFAULT_EVENT_SORT)
        name = ("-" if desc else "") + key
        n = _limit(limit)
        rows, last = self._walk(q, key, desc, decode_cursor(cursor, name), n + 1)
        nxt = encode_cursor(name, last[n - 1]) if len(rows) > n else None
        return Page(self._events_of(rows[:n]), self.count_events(q), nxt, name, UNIT)

    def iter_events(self, q: EventQuery | None = None, *, sort: str | None = None,
                    batch: int = CHUNK) -> Iterator[dict]:
        """Every event mention of ``q`` in ``sort`` order, read ``batch`` rows per query
        (keyset), so a download of a million rows holds one batch in memory."""
        q = q or EventQuery()
        key, desc = check_sort(sort, EVENT_SORTS, DEFAULT_EVENT_SORT)
        after = None
        while True:
            rows, keys = self._walk(q, key, desc, after, batch)
            yield from self._events_of(rows)
            if len(rows) < batch:
                return
            after = keys[-1]

    def _walk(self, q: EventQuery, key: str, desc: bool, after: list | None, limit: int
              ) -> tuple[list[dict], list[list]]:
        sql = event_from(q, articles=True, ordered_by=key)
        col, nullable = sort_column(sql, key)
        rows: list[dict] = []
        keys: list[list] = []
        for tail, params, phase in keyset(sql, col, nullable, desc, after, limit):
            got = self._rows(f"SELECT {EVENT_COLUMNS}, {col} AS sort_key FROM {sql.frm}{tail}",
                             sql.params + params)
            rows += got
            keys += [[phase, r["sort_key"], r["id"]] for r in got]
            if len(rows) >= limit:
                break
            limit -= len(got)
        return rows, keys

    def _events_of(self, rows: list[dict]) -> list[dict]:
        """Event rows as the store's event dicts (with their actors and source URL)."""
        actors: dict[int, dict[str, list]] = {r["id"]: {"source": [], "target": []} for r in rows}
        ids = list(actors)
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            for a in self._rows(f"SELECT * FROM event_actors WHERE event_id IN ({_marks(part)}) "
                                "ORDER BY event_id, role, idx", part):
                actors[a["event_id"]][a["role"]].append(shape.actor_span(a, "event_actors"))
        return [{**shape.event(r, actors[r["id"]]), "idx": r["idx"], "url": r.get("url")} for r in rows]

    def count_events(self, q: EventQuery | None = None) -> int:
        """How many event mentions match ``q`` (what ``event_page(q).total`` says)."""
        sql = event_from(q or EventQuery())
        return self._count(sql.frm, sql.where_sql(), sql.params)

    def _count(self, frm: str, where: str, params: list[Any]) -> int:
        return self._memo("count", (frm, where, params), lambda: int(
            self._rows(f"SELECT count(*) AS n FROM {frm}{where}", params)[0]["n"]))

    def _grouped(self, q: EventQuery, select: str, group: str, order: str, limit: int | None = None,
                 join: str = "") -> list[dict]:
        sql = event_from(q)
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        return self._rows(f"SELECT {select} FROM {sql.frm}{join}{sql.where_sql()} "
                          f"GROUP BY {group} ORDER BY {order}{tail}", sql.params)

    def _in_query(self, q: EventQuery) -> tuple[str, list[Any]]:
        """``WITH f AS (the ids of q's events)`` for aggregates over their actors."""
        sql = event_from(q)
        return f"WITH f AS (SELECT {sql.id} AS id FROM {sql.frm}{sql.where_sql()}) ", sql.params

    def event_facets(self, q: EventQuery | None = None, *, n: int = 25) -> dict[str, dict]:
        """Counts by type, quad class, source, target and outlet (see ``_event_facets``)."""
        return self._memo("facets", (q, n), lambda: self._event_facets(q, n))

    def _event_facets(self, q: EventQuery | None, n: int) -> dict[str, dict]:
        """Counts of the event mentions of ``q`` by type, quad class, source actor,
        target actor and outlet, biggest first: each facet ``{"items": [[value, count]],
        "truncated": more values than shown}``."""
        q = q or EventQuery()
        out: dict[str, dict] = {}
        sql = event_from(q)
        t = sql.type
        out["type"] = self._facet(self._grouped(q, f"{t} AS v, count(*) AS n", t, f"n DESC, {t}"), None)
        out["quad_class"] = self._facet(self._grouped(
            q, "e.quad_class AS v, count(*) AS n", "e.quad_class", "e.quad_class",
        ), None, drop_null=True)
        with_f, params = self._in_query(q)
        for role in ("source", "target"):
            rows = self._rows(
                with_f + "SELECT y.code AS v, count(DISTINCT y.event_id) AS n FROM f "
                "JOIN event_actors y ON y.event_id = f.id WHERE y.role = ? AND y.code IS NOT NULL "
                f"GROUP BY y.code ORDER BY n DESC, y.code LIMIT {int(n + 1)}", params + [role])
            out[role] = self._facet(rows, n)
        rows = self._rows(
            with_f + "SELECT s.name AS v, count(*) AS n FROM f JOIN events e ON e.id = f.id "
            "JOIN articles a ON a.id = e.article_id JOIN sources s ON s.id = a.source_id "
            f"GROUP BY s.name ORDER BY n DESC, s.name LIMIT {int(n + 1)}", params)
        out["outlet"] = self._facet(rows, n)
        return out

    @staticmethod
    def _facet(rows: list[dict], n: int | None, drop_null: bool = False) -> dict:
        items = [[r["v"], int(r["n"])] for r in rows if not (drop_null and r["v"] is None)]
        cut = n is not None and len(items) > n
        return {"items": items[:n] if cut else items, "truncated": cut}

    def event_series(self, q: EventQuery | None = None) -> dict:
        """The event mentions of ``q`` per day (see ``_event_series``)."""
        return self._memo("series", q, lambda: self._event_series(q))

    def _event_series(self, q: EventQuery | None) -> dict:
        """Per day of the event mentions of ``q``: the count by quad class (``q0``..``q4``)
        and the Goldstein sum and mean; ``undated`` counts those without a day, so the
        days' ``events`` plus ``undated`` is ``count_events(q)``."""
        q = q or EventQuery()
        sql = event_from(q)
        quads = ", ".join(f"sum(CASE WHEN e.quad_class = {c} THEN 1 ELSE 0 END) AS q{c}" for c in QUADS)
        rows = self._rows(
            f"SELECT {sql.day} AS day, count(*) AS n, {quads}, sum(e.goldstein) AS gsum, "
            f"count(e.goldstein) AS gn FROM {sql.frm}{sql.where_sql()} GROUP BY {sql.day} "
            f"ORDER BY {sql.day} NULLS FIRST", sql.params)
        days, undated = [], 0
        for r in rows:
            if r["day"] is None:
                undated = int(r["n"])
                continue
            total = round(float(r["gsum"]), 2) if r["gsum"] is not None else 0.0
            days.append({"date": r["day"], "events": int(r["n"]), **{f"q{c}": int(r[f"q{c}"]) for c in QUADS},
                         "goldstein_sum": total,
                         "goldstein_mean": round(total / int(r["gn"]), 2) if r["gn"] else None})
        return {"days": days, "undated": undated, "total": sum(d["events"] for d in days) + undated}

    def event_dyads(self, q: EventQuery | None = None, *, n: int | None = None) -> Page:
        """The (source, target) pairs of ``q``'s events, biggest first, ``n`` at most; the
        page's ``total`` is the number of pairs (see ``_event_dyads``)."""
        items = self._memo("dyads", q, lambda: self._event_dyads(q))
        return Page(items[:n] if n is not None else items, len(items), unit=UNIT)

    def _event_dyads(self, q: EventQuery | None) -> list[dict]:
        """Who acts on whom among the event mentions of ``q``: per (source, target) pair of
        different actors, the events (each counted once per pair) by quad class, the
        biggest first; ``total`` is the number of pairs."""
        with_f, params = self._in_query(q or EventQuery())
        quads = ", ".join(f"count(DISTINCT CASE WHEN e.quad_class = {c} THEN e.id END) AS q{c}" for c in QUADS)
        rows = self._rows(
            with_f + f"SELECT x.code AS source, y.code AS target, count(DISTINCT e.id) AS n, {quads} "
            "FROM f JOIN events e ON e.id = f.id "
            "JOIN event_actors x ON x.event_id = e.id AND x.role = 'source' "
            "JOIN event_actors y ON y.event_id = e.id AND y.role = 'target' "
            "WHERE x.code IS NOT NULL AND y.code IS NOT NULL AND x.code <> y.code "
            "GROUP BY x.code, y.code ORDER BY n DESC, x.code, y.code", params)
        items = []
        for r in rows:
            by = {str(c): int(r[f"q{c}"]) for c in QUADS if r[f"q{c}"]}
            dominant = max((int(c) for c in by), key=lambda c: (by[str(c)], c), default=None)
            items.append({"source": r["source"], "target": r["target"], "weight": int(r["n"]),
                          "quad_class": dominant, "by_quad_class": by})
        return items

    def event_network(self, q: EventQuery | None = None, *, max_nodes: int = 30) -> dict:
        """The dyads of ``q`` as a graph: the ``max_nodes`` actors with the most events
        (as source or target of a dyad) and the edges among them."""
        dyads = self._memo("dyads", q, lambda: self._event_dyads(q))
        degree: dict[str, int] = {}
        for d in dyads:
            for c in (d["source"], d["target"]):
                degree[c] = degree.get(c, 0) + d["weight"]
        ranked = sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))
        keep = dict(ranked[:max_nodes])
        names = self._actor_names(list(keep))
        edges = [d for d in dyads if d["source"] in keep and d["target"] in keep]
        return {"nodes": [{"code": c, "name": names.get(c) or c, "weight": w} for c, w in keep.items()],
                "edges": edges, "total_nodes": len(degree), "total_edges": len(dyads),
                "truncated": len(edges) < len(dyads), "unit": UNIT}

    def _actor_names(self, codes: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(codes), CHUNK):
            part = codes[i:i + CHUNK]
            out.update({r["code"]: r["name"] for r in self._rows(
                f"SELECT code, name FROM actors WHERE code IN ({_marks(part)})", part)})
        return out

    # ------------------------------------------------------------ other dated lists

    def quote_page(self, *, speaker: str | None = None, outlet: str | None = None,
                   since: str | None = None, until: str | None = None, kind: str | None = None,
                   sort: str | None = None, cursor: str | None = None, limit: int = 50) -> Page:
        """Quotes, newest article first (``sort``: published, -published)."""
        sel = self._dated("quotes t", since, until, outlet)
        if speaker and str(speaker).strip():
            s = str(speaker).strip()
            like = "% " + _like(s.lower()) + " %"
            sel.where.append("(t.speaker_code = ? OR ' ' || lower(t.speaker_name) || ' ' LIKE ? ESCAPE '\\' "
                             "OR ' ' || lower(t.speaker_text) || ' ' LIKE ? ESCAPE '\\')")
            sel.params += [s, like, like]
        if kind:
            sel.where.append("t.kind = ?")
            sel.params.append(str(kind))
        return self._dated_page(sel, sort, cursor, limit, shape.quote)

    def iter_quotes(self, **filters: Any) -> Iterator[dict]:
        return self._iter_pages(self.quote_page, filters)

    def claim_page(self, *, unit: str | None = None, outlet: str | None = None,
                   since: str | None = None, until: str | None = None,
                   sort: str | None = None, cursor: str | None = None, limit: int = 50) -> Page:
        """Quantities claimed, newest article first (``sort``: published, -published)."""
        sel = self._dated("quantities t", since, until, outlet)
        if unit and str(unit).strip():
            sel.where.append("t.unit = ?")
            sel.params.append(str(unit).strip())
        return self._dated_page(sel, sort, cursor, limit, shape.quantity)

    def iter_claims(self, **filters: Any) -> Iterator[dict]:
        return self._iter_pages(self.claim_page, filters)

    def claim_units(self, *, n: int = 50) -> list[list]:
        """``[[unit, count]]``, the most claimed units first."""
        return [[r["unit"], int(r["n"])] for r in self._rows(
            f"SELECT unit, count(*) AS n FROM quantities GROUP BY unit ORDER BY n DESC, unit LIMIT {int(n)}")]

    def position_page(self, *, actor: str | None = None, outlet: str | None = None,
                      since: str | None = None, until: str | None = None,
                      sort: str | None = None, cursor: str | None = None, limit: int = 50) -> Page:
        """Stances, newest article first; ``actor`` is the holder's code."""
        sel = self._dated("positions t", since, until, outlet,
                          join=" LEFT JOIN proposals p ON p.article_id = t.article_id AND p.idx = t.proposal_idx",
                          cols="p.text AS proposal_text")
        if actor:
            sel.where.append("t.holder_code = ?")
            sel.params.append(str(actor).strip().upper())
        return self._dated_page(sel, sort, cursor, limit, shape.position)

    def proposal_page(self, *, outlet: str | None = None, since: str | None = None,
                      until: str | None = None, sort: str | None = None, cursor: str | None = None,
                      limit: int = 50) -> Page:
        """Proposals with the stances toward each, newest article first."""
        sel = self._dated("proposals t", since, until, outlet)
        page = self._dated_page(sel, sort, cursor, limit, lambda r: r)
        stances: dict[tuple[str, int], list[dict]] = {}
        aids = sorted({r["article_id"] for r in page.items})
        for i in range(0, len(aids), CHUNK):
            part = aids[i:i + CHUNK]
            for x in self._rows(f"SELECT * FROM positions WHERE article_id IN ({_marks(part)}) "
                                "AND proposal_idx IS NOT NULL ORDER BY article_id, idx", part):
                stances.setdefault((x["article_id"], x["proposal_idx"]), []).append(shape.stance(x))
        items = [shape.proposal(r, stances.get((r["article_id"], r["idx"]), [])) for r in page.items]
        return Page(items, page.total, page.next, page.sort)

    def article_page(self, *, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, sort: str | None = None, cursor: str | None = None,
                     limit: int = 50) -> Page:
        """Articles, newest first (``sort``: published, -published, title, -title)."""
        sel = self._dated("", since, until, outlet)
        sorts = {"published": ("a.published", True), "title": ("a.title", True)}
        return self._dated_page(sel, sort, cursor, limit, dict, sorts=sorts, cols=(
            "a.id, a.title, a.published, a.section, s.name AS source, a.url, a.ingested_at, a.seq, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes"))

    def iter_articles(self, **filters: Any) -> Iterator[dict]:
        return self._iter_pages(self.article_page, filters)

    def outlets(self) -> list[list]:
        """``[[outlet, articles]]``, by name."""
        return self._memo("outlets", None, lambda: [[r["name"], int(r["n"])] for r in self._rows(
            "SELECT s.name, count(a.seq) AS n FROM sources s LEFT JOIN articles a ON a.source_id = s.id "
            "GROUP BY s.name ORDER BY s.name")])

    def _dated(self, table: str, since: str | None, until: str | None, outlet: str | None,
               join: str = "", cols: str = "") -> EventSQL:
        """The FROM / WHERE of a list of rows of ``table`` (alias t; '' = articles) dated
        by their article's publication (``since``/``until`` are whole days)."""
        from .base import check_date

        if table:
            frm = f"{table} JOIN articles a ON a.id = t.article_id LEFT JOIN sources s ON s.id = a.source_id{join}"
            sel = EventSQL(frm, [], [], id="t.id")
            sel.cols = f"t.*, a.title, a.published, a.url, s.name AS outlet{', ' + cols if cols else ''}"
        else:
            sel = EventSQL("articles a LEFT JOIN sources s ON s.id = a.source_id", [], [], id="a.seq")
        lo, hi = check_date("since", since), check_date("until", until, end=True)
        if lo:
            sel.where.append("a.published >= ?")
            sel.params.append(lo)
        if hi:
            sel.where.append("a.published < ?")
            sel.params.append(_next_day(hi))
        if outlet and str(outlet).strip():
            sel.where.append("s.name = ?")
            sel.params.append(str(outlet).strip())
        return sel

    def _dated_page(self, sel: EventSQL, sort: str | None, cursor: str | None, limit: int, convert: Any,
                    sorts: dict | None = None, cols: str | None = None) -> Page:
        sorts = sorts or {"published": ("a.published", True)}
        key, desc = check_sort(sort, sorts, "-published")
        name = ("-" if desc else "") + key
        n = _limit(limit)
        col, nullable = sorts[key]
        rows: list[dict] = []
        keys: list[list] = []
        want = n + 1
        for tail, params, phase in keyset(sel, col, nullable, desc, decode_cursor(cursor, name), want):
            got = self._rows(f"SELECT {cols or sel.cols}, {col} AS sort_key, {sel.id} AS sort_id "
                             f"FROM {sel.frm}{tail}", sel.params + params)
            rows += got
            keys += [[phase, r["sort_key"], r["sort_id"]] for r in got]
            if len(rows) >= want:
                break
            want -= len(got)
        total = self._count(sel.frm, sel.where_sql(), sel.params)
        nxt = encode_cursor(name, keys[n - 1]) if len(rows) > n else None
        items = []
        for r in rows[:n]:
            r.pop("sort_key", None)
            r.pop("sort_id", None)
            r.pop("seq", None)
            item = convert(r)
            if "url" in r:
                item.setdefault("url", r["url"])  # the source URL of the row's article
            items.append(item)
        return Page(items, total, nxt, name)

    @staticmethod
    def _iter_pages(method: Any, filters: dict) -> Iterator[dict]:
        cursor = None
        while True:
            page = method(**filters, cursor=cursor, limit=MAX_LIMIT)
            yield from page.items
            if page.next is None:
                return
            cursor = page.next


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
