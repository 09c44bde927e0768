"""Search over articles, events, quotes and claims, with totals, pages and facets.

Mixed into :class:`~.sql.SQLStore`. Articles are matched by the backend's full-text
index (``_article_match`` / ``_search_rows``: FTS5 on SQLite, ``tsvector`` on
PostgreSQL) and ranked; events (their sentence), quotes (their words) and claims (the
quantity and what it counts) match when their text holds every word or phrase of the
query, ignoring case, newest first. Each answer is a :class:`~.query.Page` whose
``extra["facets"]`` counts the matches by outlet, month and actor, and whose rows carry
a ``snippet`` with the hits between ``«`` and ``»``.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..errors import UsageError
from . import shape
from .base import check_date, search_chunks, search_phrases
from .query import MAX_LIMIT, Page

KINDS = ("articles", "events", "quotes", "claims")
MAX_OFFSET = 10_000  # search pages by offset; deeper than this, narrow the query
FACET_SIZE = 10
OPEN, CLOSE = "«", "»"
#: kind -> (FROM, text column, columns, actor column or None)
_TEXTS = {
    "events": ("events t", "t.sentence_text", None, "t.id"),
    "quotes": ("quotes t", "t.content_text", "t.speaker_code", "t.id"),
    "claims": ("quantities t", "t.text || ' ' || coalesce(t.of_text, '')", None, "t.id"),
}


def _like(s: str) -> str:
    return "%" + s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def mark_hits(text: str, q: str, width: int = 240) -> str:
    """``text`` (cut to about ``width`` characters around the first hit) with every
    word or phrase of ``q`` between « and »."""
    terms = sorted({" ".join(p) for p in search_phrases(q) if p}, key=len, reverse=True)
    if not text or not terms:
        return text or ""
    pattern = re.compile("|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms), re.I)
    first = pattern.search(text)
    lo = max(0, (first.start() if first else 0) - width // 3)
    hi = min(len(text), lo + width)
    piece = ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
    return pattern.sub(lambda m: OPEN + m.group(0) + CLOSE, piece)


class Search:
    """``search_page``: one kind of thing matched by text, with its facets."""

    # given by SQLStore, which this is mixed into
    _rows: Callable[..., list[dict]]

    def search_page(self, q: str, *, kind: str = "articles", outlet: str | None = None,
                    since: str | None = None, until: str | None = None, actor: str | None = None,
                    offset: int = 0, limit: int = 20) -> Page:
        """The ``kind`` (articles, events, quotes or claims) matching every word or phrase
        of ``q``, narrowed by outlet, publication days and actor (a code mentioned in
        the article, the event's source or target, the quote's speaker)."""
        if kind not in KINDS:
            raise UsageError(f"kind={kind!r}; valid: {', '.join(KINDS)}")
        try:
            offset, limit = int(offset), int(limit)
        except (TypeError, ValueError):
            raise UsageError("offset and limit must be whole numbers") from None
        if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"offset must be 0..{MAX_OFFSET} and limit 1..{MAX_LIMIT}")
        if not search_chunks(q):
            empty = {k: {"items": [], "truncated": False} for k in ("outlet", "month", "actor")}
            return Page([], 0, extra={"q": q, "kind": kind, "offset": 0, "facets": empty})
        where, params = self._search_where(q, kind, outlet, since, until, actor)
        frm = self._search_from(kind)
        total = int(self._rows(f"SELECT count(*) AS n FROM {frm} WHERE {where}", params)[0]["n"])
        if kind == "articles":
            rows = self._search_rows(q, limit, offset, where, params)  # type: ignore[attr-defined]
        else:
            rows = self._text_rows(q, kind, frm, where, params, limit, offset)
        nxt = offset + limit if offset + limit < total else None
        facets = self._search_facets(kind, frm, where, params)
        return Page(rows, total, str(nxt) if nxt is not None else None,
                    extra={"q": q, "kind": kind, "offset": offset, "facets": facets})

    def _search_from(self, kind: str) -> str:
        if kind == "articles":
            return "articles a LEFT JOIN sources s ON s.id = a.source_id"
        return f"{_TEXTS[kind][0]} JOIN articles a ON a.id = t.article_id LEFT JOIN sources s ON s.id = a.source_id"

    def _search_where(self, q: str, kind: str, outlet: str | None, since: str | None,
                      until: str | None, actor: str | None) -> tuple[str, list[Any]]:
        if kind == "articles":
            clause, params = self._article_match(q)  # type: ignore[attr-defined]
            where, params = [clause], list(params)
        else:
            col = _TEXTS[kind][1]
            where, params = [], []
            for chunk in search_phrases(q):
                where.append(f"lower({col}) LIKE ? ESCAPE '\\'")
                params.append(_like(" ".join(chunk)))
        lo, hi = check_date("since", since), check_date("until", until, end=True)
        if lo:
            where.append("a.published >= ?")
            params.append(lo)
        if hi:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(hi)
        if outlet:
            where.append("s.name = ?")
            params.append(str(outlet))
        if actor:
            code = str(actor).strip().upper()
            if kind == "events":
                where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = t.id AND y.code = ?)")
            elif kind == "quotes":
                where.append("t.speaker_code = ?")
            else:
                where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.code = ?)")
            params.append(code)
        return " AND ".join(where), params

    def _text_rows(self, q: str, kind: str, frm: str, where: str, params: list, limit: int,
                   offset: int) -> list[dict]:
        rows = self._rows(f"SELECT t.*, a.title, a.published, a.url, s.name AS outlet FROM {frm} "
                          f"WHERE {where} ORDER BY a.published DESC NULLS LAST, t.id DESC "
                          f"LIMIT {int(limit)} OFFSET {int(offset)}", params)
        if kind == "events":
            out = self._events_of(rows)  # type: ignore[attr-defined]
            for e, r in zip(out, rows):
                e["snippet"] = mark_hits(r["sentence_text"], q)
            return out
        convert = shape.quote if kind == "quotes" else shape.quantity
        out = []
        for r in rows:
            d = {**convert(r), "url": r["url"]}
            text = r["content_text"] if kind == "quotes" else " ".join(
                x for x in (r["text"], r.get("of_text")) if x)
            d["snippet"] = mark_hits(text, q)
            out.append(d)
        return out

    def _search_facets(self, kind: str, frm: str, where: str, params: list) -> dict[str, dict]:
        def facet(select: str, group: str, order: str, join: str = "") -> dict:
            rows = self._rows(f"SELECT {select} FROM {frm}{join} WHERE {where} GROUP BY {group} "
                              f"ORDER BY {order} LIMIT {int(FACET_SIZE + 1)}", params)
            items = [[r["v"], int(r["n"])] for r in rows if r["v"] is not None]
            return {"items": items[:FACET_SIZE], "truncated": len(rows) > FACET_SIZE}

        counted = "count(*)" if kind == "articles" else "count(DISTINCT t.id)"
        out = {"outlet": facet(f"s.name AS v, {counted} AS n", "s.name", "n DESC, v"),
               "month": facet(f"substr(a.published, 1, 7) AS v, {counted} AS n",
                              "substr(a.published, 1, 7)", "v DESC")}
        if kind == "events":
            out["actor"] = facet("y.code AS v, count(DISTINCT t.id) AS n", "y.code", "n DESC, v",
                                 " JOIN event_actors y ON y.event_id = t.id")
        elif kind == "quotes":
            out["actor"] = facet("t.speaker_code AS v, count(*) AS n", "t.speaker_code", "n DESC, v")
        else:
            key = "a.seq" if kind == "articles" else "t.id"
            out["actor"] = facet(f"m.code AS v, count(DISTINCT {key}) AS n", "m.code", "n DESC, v",
                                 " JOIN mentions m ON m.article_id = a.id")
        return out
