"""One fact by its id, and the small reads the permalink, map and storyline pages need.

Mixed into :class:`~.sql.SQLStore`, so SQLite and PostgreSQL run the same SQL (``?``
parameters, the shared subset). Every method reads; none writes. Ids are the store's
own: the integer row ids that ``events``/``quotes``/``proposals`` give back as ``id``,
and the string ids of the cross-document tables.

    store.event(119)            # the event, its article's title, idx, its merged event id
    store.merged_event("e-12")  # the MergedEvent with every mention, or None
    store.article_heads(ids)    # id, title, published, source, url of each stored id
    store.place_counts(since=..., until=...)  # places named in articles, counted by the database
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..errors import UsageError
from ..records import MergedEvent
from .base import check_date
from .shape import actor_span, event, meta, span

CHUNK = 500  # ids per IN (...) list
EVENT = ("SELECT e.*, a.title, a.published, a.url, s.name AS outlet FROM events e "
         "JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id WHERE e.id = ?")
QUOTE = ("SELECT q.*, a.title, a.published, a.url, s.name AS outlet FROM quotes q "
         "JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id WHERE q.id = ?")
PROPOSAL = ("SELECT p.*, a.title, a.published, a.url, s.name AS outlet FROM proposals p "
            "JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id WHERE p.id = ?")
HEADS = ("SELECT a.id, a.title, a.published, a.url, s.name AS source FROM articles a "
         "LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({})")


def row_id(value: Any, kind: str) -> int:
    """``value`` as a store row id (a whole number >= 1), else a UsageError naming ``kind``."""
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise UsageError(f"{kind} id must be a whole number such as 12, not {value!r}") from None
    if n < 1 or n > 2**62:
        raise UsageError(f"{kind} id must be a whole number from 1 to {2**62}, not {value!r}")
    return n


class SingleReads:
    """One event, quote, proposal or merged event by id (mixed into the SQL store)."""

    # ------------------------------------------------------------ facts

    def event(self, id: Any) -> dict | None:
        """The event with row id ``id`` as :meth:`events` gives it, plus its ``idx`` in its
        article, the article's ``url`` and ``merged_event``: the id of the merged event it
        is a mention of (None before ``sitroom link`` or when it was not merged)."""
        row = self._one(EVENT, (row_id(id, "event"),))  # type: ignore[attr-defined]
        if row is None:
            return None
        actors: dict[str, list] = {"source": [], "target": []}
        for a in self._rows("SELECT * FROM event_actors WHERE event_id = ? ORDER BY role, idx",  # type: ignore[attr-defined]
                            (row["id"],)):
            actors[a["role"]].append(actor_span(a, "event_actors"))
        merged = self._one("SELECT event_id FROM event_mentions WHERE article_id = ? AND idx = ?",  # type: ignore[attr-defined]
                           (row["article_id"], row["idx"]))
        return {**event(row, actors), "idx": row["idx"], "url": row["url"],
                "merged_event": merged["event_id"] if merged else None}

    def event_ids(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """The row id of each (article id, idx) event that is stored (others are left out)."""
        return self._row_ids("events", keys)

    def proposal_ids(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """The row id of each (article id, idx) proposal that is stored (others are left out):
        the permalinks of a merged proposal's mentions."""
        return self._row_ids("proposals", keys)

    def _row_ids(self, table: str, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        assert table in ("events", "proposals")  # a fixed name, never user input
        keys = list(dict.fromkeys((str(a), int(i)) for a, i in keys))
        found: dict[tuple[str, int], int] = {}
        articles = sorted({a for a, _ in keys})
        wanted = set(keys)
        for n in range(0, len(articles), CHUNK):
            part = articles[n:n + CHUNK]
            for r in self._rows(f"SELECT id, article_id, idx FROM {table} WHERE article_id IN ({_marks(part)})",  # type: ignore[attr-defined]
                                part):
                if (r["article_id"], r["idx"]) in wanted:
                    found[(r["article_id"], r["idx"])] = r["id"]
        return found

    def quote(self, id: Any) -> dict | None:
        """The quote with row id ``id`` as :meth:`quotes` gives it, plus ``idx`` and ``url``."""
        r = self._one(QUOTE, (row_id(id, "quote"),))  # type: ignore[attr-defined]
        if r is None:
            return None
        return {**meta(r), "idx": r["idx"], "url": r["url"], "kind": r["kind"],
                "content": span(r, "content_"), "cue": span(r, "cue_"),
                "speaker": actor_span(r, "quotes", "speaker_") if r["speaker_start"] is not None else None}

    def proposal(self, id: Any) -> dict | None:
        """The proposal with row id ``id`` as :meth:`proposals` gives it (with the stances
        taken toward it), plus ``idx`` and ``url``."""
        r = self._one(PROPOSAL, (row_id(id, "proposal"),))  # type: ignore[attr-defined]
        if r is None:
            return None
        stances = [{"holder": actor_span(x, "positions", "holder_"), "stance": x["stance"],
                    "evidence": span(x, "evidence_"), "idx": x["idx"]}
                   for x in self._rows("SELECT * FROM positions WHERE article_id = ? AND proposal_idx = ? "  # type: ignore[attr-defined]
                                       "ORDER BY idx", (r["article_id"], r["idx"]))]
        return {**meta(r), "idx": r["idx"], "url": r["url"], "text": span(r, "text_", text="text"),
                "by": json.loads(r["by_json"]), "addressee": json.loads(r["addressee_json"]),
                "items": json.loads(r["items_json"]), "positions": stances}

    def merged_event(self, id: str) -> MergedEvent | None:
        """One merged event of the cross-document tables, with every mention, or None."""
        rows = self._rows("SELECT * FROM merged_events WHERE id = ?", (str(id),))  # type: ignore[attr-defined]
        return next(iter(self._with_mentions(rows)), None) if rows else None  # type: ignore[attr-defined]

    # ------------------------------------------------------------ articles and places

    def article_heads(self, ids: Iterable[str]) -> dict[str, dict]:
        """``{id: {"id", "title", "published", "url", "source"}}`` for the stored ids among ``ids``
        (without the text and extraction, so a storyline of 500 articles is one cheap read)."""
        ids = list(dict.fromkeys(str(i) for i in ids))
        out: dict[str, dict] = {}
        for n in range(0, len(ids), CHUNK):
            part = ids[n:n + CHUNK]
            for r in self._rows(HEADS.format(_marks(part)), part):  # type: ignore[attr-defined]
                out[r["id"]] = r
        return out

    def place_counts(self, since: str | None = None, until: str | None = None,
                     limit: int = 500) -> list[dict]:
        """Geocoded places named in articles published from ``since`` to ``until``, counted
        by the database: ``name``, ``country``, ``lat``, ``lon``, ``mentions``, ``articles``,
        most mentioned first (ties by name)."""
        where, params = ["p.lat IS NOT NULL", "p.lon IS NOT NULL"], []
        if (lo := check_date("since", since)) is not None:
            where.append("substr(a.published, 1, 10) >= ?")
            params.append(lo)
        if (hi := check_date("until", until, end=True)) is not None:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(hi)
        lim = int(limit)
        if lim < 1:
            raise UsageError(f"limit={limit!r} must be a whole number >= 1")
        return self._rows(  # type: ignore[attr-defined]
            "SELECT p.name, p.country, p.lat, p.lon, count(*) AS mentions, "
            "count(DISTINCT p.article_id) AS articles FROM places p "
            "JOIN articles a ON a.id = p.article_id WHERE " + " AND ".join(where) +
            " GROUP BY p.name, p.country, p.lat, p.lon "
            f"ORDER BY mentions DESC, p.name, p.country LIMIT {lim}", params)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)
