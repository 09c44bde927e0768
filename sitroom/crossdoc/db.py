"""Persisting cross-document results in the store (tables of migration 0100).

The results are derived data: :func:`save` replaces all of them in one
transaction, so a re-run leaves the same rows.  Reads stream with cursors.
Works on the SQLite store (it uses the store's connection and lock).
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from ..errors import StoreError, UsageError
from ..records import Span
from .dedup import DuplicateGroup
from .merge import Mention, MergedEvent
from .storylines import Storyline

TABLES = ("article_groups", "event_mentions", "merged_events", "storyline_articles", "storylines",
          "crossdoc_state")


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@contextmanager
def _connection(store: Any) -> Iterator[sqlite3.Connection]:
    conn = getattr(store, "_conn", None)
    if not isinstance(conn, sqlite3.Connection):
        raise UsageError(f"cross-document results need a SQLite store; {store!r} is not one")
    lock = getattr(store, "_lock", None)
    if lock is None:
        yield conn
        return
    with lock:
        yield conn


def _rows(store: Any, sql: str, params: tuple = ()) -> Iterator[sqlite3.Row]:
    """Rows of a read, streamed (the store's lock is held only per fetch)."""
    with _connection(store) as conn:
        cur = conn.execute(sql, params)
    while True:
        with _connection(store):
            batch = cur.fetchmany(500)
        if not batch:
            return
        yield from batch


def save(store: Any, *, groups: Iterable[DuplicateGroup], events: Iterable[MergedEvent],
         storylines: Iterable[Storyline], state: dict[str, Any]) -> None:
    """Replace every cross-document table's rows with these results, in one transaction."""
    with _connection(store) as c:
        try:
            c.execute("BEGIN IMMEDIATE")
            for t in TABLES:
                c.execute(f"DELETE FROM {t}")
            c.executemany("INSERT INTO article_groups (article_id, group_id, similarity) VALUES (?, ?, ?)",
                          [(a, g.id, round(g.similarity, 4)) for g in groups for a in g.articles])
            for e in events:
                c.execute("INSERT INTO merged_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                    e.id, e.type, e.date, _dumps(list(e.sources)), _dumps(list(e.targets)), e.cameo,
                    e.quad_class, e.goldstein, e.first_seen, e.num_mentions, e.num_articles,
                    e.num_sources, _dumps(_first(e.first))))
                c.executemany("INSERT INTO event_mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                    (e.id, pos, m.article_id, m.index, m.source, m.published, m.date, m.trigger.start,
                     m.trigger.end, m.trigger.text, m.sentence.start, m.sentence.end, m.sentence.text)
                    for pos, m in enumerate(e.mentions)])
            for s in storylines:
                c.execute("INSERT INTO storylines VALUES (?,?,?,?,?,?,?)", (
                    s.id, s.name, s.first_date, s.last_date, _dumps(list(s.actors)),
                    _dumps(list(s.terms)), len(s.articles)))
                c.executemany("INSERT INTO storyline_articles VALUES (?, ?)",
                              [(s.id, a) for a in s.articles])
            c.executemany("INSERT INTO crossdoc_state (key, value) VALUES (?, ?)",
                          [(k, _dumps(v)) for k, v in sorted(state.items())])
            c.execute("COMMIT")
        except BaseException as e:
            c.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise StoreError(f"saving cross-document results failed: {e}") from e
            raise


def _first(m: Mention) -> dict:
    """What the first mention adds to the event: names, sectors, place, url."""
    return {"source_names": list(m.source_names), "target_names": list(m.target_names),
            "source_sectors": list(m.source_sectors), "target_sectors": list(m.target_sectors),
            "place": list(m.place) if m.place else None, "url": m.url,
            "sources": list(m.sources), "targets": list(m.targets)}


def load_state(store: Any) -> dict[str, Any]:
    return {r["key"]: json.loads(r["value"]) for r in _rows(store, "SELECT key, value FROM crossdoc_state")}


def load_groups(store: Any) -> list[DuplicateGroup]:
    groups: dict[str, list] = {}
    for r in _rows(store, "SELECT article_id, group_id, similarity FROM article_groups ORDER BY group_id, article_id"):
        g = groups.setdefault(r["group_id"], [[], 1.0])
        g[0].append(r["article_id"])
        g[1] = min(g[1], r["similarity"])
    return [DuplicateGroup(gid, tuple(ids), sim) for gid, (ids, sim) in sorted(groups.items())]


def iter_events(store: Any) -> Iterator[MergedEvent]:
    """Every merged event with its mentions, by date then id (streamed)."""
    for r in _rows(store, "SELECT * FROM merged_events ORDER BY date IS NULL, date, id"):
        first = json.loads(r["first_json"])
        sources, targets = tuple(json.loads(r["sources_json"])), tuple(json.loads(r["targets_json"]))
        with _connection(store) as c:
            ms = c.execute("SELECT * FROM event_mentions WHERE event_id = ? "
                           "ORDER BY pos",
                           (r["id"],)).fetchall()
        mentions = []
        for i, m in enumerate(ms):
            extra = {} if i else {
                "source_names": tuple(first["source_names"]), "target_names": tuple(first["target_names"]),
                "source_sectors": tuple(first["source_sectors"]),
                "target_sectors": tuple(first["target_sectors"]),
                "url": first["url"], "place": tuple(first["place"]) if first["place"] else None}
            mentions.append(Mention(
                article_id=m["article_id"], index=m["idx"], type=r["type"],
                sources=tuple(first["sources"]) if not i else sources,
                targets=tuple(first["targets"]) if not i else targets,
                date=m["date"], published=m["published"], source=m["source"],
                trigger=Span(m["trigger_start"], m["trigger_end"], m["trigger_text"]),
                sentence=Span(m["sentence_start"], m["sentence_end"], m["sentence_text"]),
                cameo=r["cameo"], quad_class=r["quad_class"], goldstein=r["goldstein"], **extra))
        yield MergedEvent(r["id"], r["type"], r["date"], sources, targets, r["cameo"], r["quad_class"],
                          r["goldstein"], r["first_seen"], r["num_mentions"], r["num_articles"],
                          r["num_sources"], tuple(mentions))


def event_ids(store: Any, article_id: str) -> dict[int, str]:
    """{event index in the article: merged event id} for one article."""
    return {r["idx"]: r["event_id"] for r in _rows(
        store, "SELECT idx, event_id FROM event_mentions WHERE article_id = ?", (article_id,))}


def group_id(store: Any, article_id: str) -> str | None:
    rows = list(_rows(store, "SELECT group_id FROM article_groups WHERE article_id = ?", (article_id,)))
    return rows[0]["group_id"] if rows else None


def storyline_ids(store: Any, article_id: str) -> list[str]:
    return [r["storyline_id"] for r in _rows(
        store, "SELECT storyline_id FROM storyline_articles WHERE article_id = ? ORDER BY storyline_id",
        (article_id,))]


def load_storylines(store: Any, storyline: str | None = None) -> list[Storyline]:
    sql, params = "SELECT * FROM storylines", ()
    if storyline:
        sql, params = sql + " WHERE id = ?", (storyline,)
    out = []
    for r in list(_rows(store, sql + " ORDER BY first_date IS NULL, first_date, id", params)):
        arts = tuple(a["article_id"] for a in _rows(
            store, "SELECT article_id FROM storyline_articles WHERE storyline_id = ? ORDER BY article_id",
            (r["id"],)))
        out.append(Storyline(r["id"], r["name"], r["first_date"], r["last_date"],
                             tuple(json.loads(r["actors_json"])), tuple(json.loads(r["terms_json"])), arts))
    return out
