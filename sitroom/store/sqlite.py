"""The SQLite store (the default): one file, WAL mode, FTS5 search.

Writes go through one connection, one ``BEGIN IMMEDIATE`` transaction per batch;
readers never block it (WAL). Migrations are applied when the store opens.
Everything specific to SQLite lives here and in the migration files; the rows
come from :mod:`.rows` and the filter checks from :mod:`.base`.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import StoreError, UsageError
from ..records import Article, Extraction
from .base import (WriteResult, check_date, check_page, check_quad_class, check_type,
                   search_phrases)
from .migrate import load_migrations
from .rows import ArticleRows, flatten
from .shape import actor_span, event, meta, num, span

BUSY_TIMEOUT_S = 30.0
SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS = "«", "»", "…"
COUNTED = ("articles", "sources", "entities", "actors", "events", "quotes", "proposals",
           "positions", "quantities", "times", "places")
_CHUNK = 500  # ids per IN (...) list


class SQLiteStore:
    """A store in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True):
        self.path = str(path)
        self.location = self.path
        self.readonly = readonly
        self._memory = self.path == ":memory:"
        if not self._memory and not Path(self.path).exists() and (readonly or not create):
            raise StoreError(f"no database at {self.path} (ingest some articles first, or check --db)")
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = self._connect(readonly)
            self._migrate()
        except BaseException as e:
            if self._conn is not None:
                self._conn.close()
            if isinstance(e, sqlite3.Error):
                raise StoreError(f"cannot open database {self.path}: {e}") from e
            raise

    # ------------------------------------------------------------ connection

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        if readonly and not self._memory:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                   check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly and not self._memory:
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _applied(self) -> list[str]:
        has = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
        if not has:
            return []
        return [r[0] for r in self._conn.execute("SELECT name FROM migrations ORDER BY name")]

    def _migrate(self) -> None:
        wanted = load_migrations()
        if {m.name for m in wanted} <= set(self._applied()):
            return
        if self.readonly:
            missing = sorted({m.name for m in wanted} - set(self._applied()))
            raise StoreError(f"database {self.path} needs migrations {missing}; open it once for writing")
        c = self._conn
        c.execute("BEGIN IMMEDIATE")  # one migrator at a time; the others wait, then find it done
        with _rollback_on_error(c):
            c.execute("CREATE TABLE IF NOT EXISTS migrations ("
                      "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in c.execute("SELECT name FROM migrations")}
            for m in wanted:
                if m.name in done:
                    continue
                for stmt in m.statements():
                    c.execute(stmt)
                c.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, _now()))
            c.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        with self._lock:
            try:
                return [dict(r) for r in self._conn.execute(sql, params)]
            except sqlite3.Error as e:
                raise StoreError(f"query failed on {self.path}: {e}") from e

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    def migrations(self) -> list[str]:
        with self._lock:
            return self._applied()

    # ------------------------------------------------------------ writing

    def write(self, pairs: Iterable[tuple[Article, Extraction]]) -> WriteResult:
        """Store each (article, extraction) pair in one transaction; an id already
        stored (or repeated in the batch) is a duplicate and changes nothing. Any
        error rolls the whole batch back."""
        if self.readonly:
            raise UsageError(f"store {self.path} was opened read-only")
        stored = duplicates = 0
        now = _now()
        with self._lock:
            c = self._conn
            try:
                c.execute("BEGIN IMMEDIATE")
                with _rollback_on_error(c):
                    for n, pair in enumerate(pairs):
                        article, extraction = _check_pair(n, pair)
                        if c.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                            duplicates += 1
                            continue
                        self._insert(flatten(article, extraction, now))
                        stored += 1
                    c.execute("COMMIT")
            except sqlite3.Error as e:
                raise StoreError(f"write to {self.path} failed, batch rolled back: {e}") from e
        return WriteResult(stored, duplicates)

    def _insert(self, rows: ArticleRows) -> None:
        c = self._conn
        source_id = None
        if rows.source:
            c.execute("INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (rows.source,))
            source_id = c.execute("SELECT id FROM sources WHERE name = ?", (rows.source,)).fetchone()[0]
        _insert(c, "articles", [{**rows.article, "source_id": source_id}])
        event_ids: list[int] = []
        for table, items in rows.tables.items():
            if table == "events":
                for item in items:
                    event_ids.append(_insert(c, "events", [item]))
            else:
                _insert(c, table, items)
        _insert(c, "event_actors", [{**{k: v for k, v in ea.items() if k != "event_idx"},
                                     "event_id": event_ids[ea["event_idx"]]} for ea in rows.event_actors])
        c.executemany(
            "INSERT INTO actors (code, name, sector, kind) VALUES (:code, :name, :sector, :kind) "
            "ON CONFLICT (code) DO UPDATE SET "
            "name = CASE WHEN actors.kind = 'person' AND excluded.kind <> 'person' "
            "  THEN excluded.name ELSE COALESCE(actors.name, excluded.name) END, "
            "sector = CASE WHEN actors.kind = 'person' AND excluded.kind <> 'person' "
            "  THEN excluded.sector ELSE COALESCE(actors.sector, excluded.sector) END, "
            "kind = CASE WHEN actors.kind = 'person' AND excluded.kind <> 'person' "
            "  THEN excluded.kind ELSE COALESCE(actors.kind, excluded.kind) END",
            rows.actors)

    # ------------------------------------------------------------ articles

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(str(i) for i in ids))
        found: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            found.update(r["id"] for r in self._rows(
                f"SELECT id FROM articles WHERE id IN ({_marks(part)})", part))
        return found

    def counts(self) -> dict[str, int]:
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in COUNTED)
        return {r[0]: r[1] for r in (tuple(d.values()) for d in self._rows(sql))}

    def articles(self, limit: int | None = 50, offset: int = 0) -> list[dict]:
        return self._rows(
            "SELECT a.id, a.title, a.published, a.section, s.name AS source, a.url, a.ingested_at, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
            "ORDER BY a.published DESC NULLS LAST, a.id" + _page(limit, offset))

    def article(self, id: str) -> dict | None:
        row = self._one(f"SELECT {_ARTICLE_COLS} FROM articles a "
                        "LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?", (str(id),))
        if row is None:
            return None
        row["boilerplate"] = json.loads(row["boilerplate"])
        row["extraction"] = json.loads(row["extraction"])
        return row

    def iter_extractions(self) -> Iterator[tuple[Article, Extraction]]:
        """Every stored pair, ordered by publication date then id, read in chunks
        over a connection of its own (writes may go on meanwhile)."""
        sql = (f"SELECT {_ARTICLE_COLS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
               "ORDER BY a.published NULLS FIRST, a.id")
        conn = self._conn if self._memory else self._connect(readonly=True)
        try:
            cur = conn.execute(sql)
            while batch := cur.fetchmany(200):
                for r in batch:
                    d = dict(r)
                    d["boilerplate"] = json.loads(d["boilerplate"])
                    yield Article.from_dict(d), Extraction.from_dict(json.loads(d["extraction"]))
        finally:
            if conn is not self._conn:
                conn.close()

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Articles matching every word/phrase of ``q`` (any text is safe), best first."""
        phrases = search_phrases(q)
        if not phrases:
            return []
        match = " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)
        return self._rows(
            "SELECT a.id, a.title, a.published, s.name AS source, "
            f"snippet(articles_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '{SNIPPET_ELLIPSIS}', 16) "
            "AS snippet, bm25(articles_fts, 2.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE articles_fts MATCH ? ORDER BY score, a.id" + _page(limit, 0), (match,))

    # ------------------------------------------------------------ actors

    def actors(self, limit: int | None = 100) -> list[dict]:
        return self._rows(
            "SELECT ac.code, ac.name, ac.sector, ac.kind, count(m.id) AS mentions, "
            "count(DISTINCT m.article_id) AS articles FROM actors ac "
            "LEFT JOIN mentions m ON m.code = ac.code GROUP BY ac.code "
            "ORDER BY mentions DESC, ac.code" + _page(limit, 0))

    def actor(self, code: str, mentions: int = 50) -> dict | None:
        code = str(code).strip()
        row = self._one("SELECT code, name, sector, kind FROM actors WHERE code = ?", (code,))
        if row is None and code.upper() != code:
            code = code.upper()
            row = self._one("SELECT code, name, sector, kind FROM actors WHERE code = ?", (code,))
        if row is None:
            return None
        stats = self._one("SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles "
                          "FROM mentions WHERE code = ?", (code,)) or {}
        row.update(stats)
        row["aliases"] = self._rows(  # what the actor itself is called; its people are listed apart
            "SELECT text, count(*) AS count FROM mentions WHERE code = ? "
            "AND (kind IS NULL OR kind <> 'person') GROUP BY text ORDER BY count DESC, text", (code,))
        row["people"] = self._rows(
            "SELECT name, role, count(DISTINCT article_id) AS articles FROM people WHERE code = ? "
            "GROUP BY name, role ORDER BY articles DESC, name, role", (code,))
        row["events"] = self._one(
            "SELECT count(DISTINCT CASE WHEN role = 'source' THEN event_id END) AS source, "
            "count(DISTINCT CASE WHEN role = 'target' THEN event_id END) AS target "
            "FROM event_actors WHERE code = ?", (code,))
        row["quotes"] = self._one("SELECT count(*) AS n FROM quotes WHERE speaker_code = ?", (code,))["n"]
        row["mentions_recent"] = self._rows(
            "SELECT m.article_id, a.title, a.published, m.start_char AS start, m.end_char AS end, "
            "m.text FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.code = ? "
            "ORDER BY a.published DESC NULLS LAST, m.article_id, m.start_char" + _page(mentions, 0),
            (code,))
        return row

    # ------------------------------------------------------------ facts

    def events(self, actor: str | None = None, target: str | None = None, type: str | None = None,
               quad_class: int | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Events, by date (the event's, else the article's) then id."""
        where, params = [], []
        for role, code in (("source", actor), ("target", target)):
            if code:
                where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id "
                             "AND x.role = ? AND x.code = ?)")
                params += [role, str(code).strip().upper()]
        if (t := check_type(type)) is not None:
            where.append("e.type = ?")
            params.append(t)
        if (qc := check_quad_class(quad_class)) is not None:
            where.append("e.quad_class = ?")
            params.append(qc)
        if (lo := check_date("since", since)) is not None:
            where.append("e.day >= ?")
            params.append(lo)
        if (hi := check_date("until", until, end=True)) is not None:
            where.append("e.day <= ?")
            params.append(hi)
        if article:
            where.append("e.article_id = ?")
            params.append(str(article))
        rows = self._rows(
            f"SELECT e.*, a.title, a.published, s.name AS outlet FROM events e "
            "JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id "
            f"{_where(where)} ORDER BY e.day NULLS LAST, e.id" + _page(limit, offset), params)
        actors: dict[int, dict[str, list]] = {r["id"]: {"source": [], "target": []} for r in rows}
        ids = list(actors)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            for a in self._rows(f"SELECT * FROM event_actors WHERE event_id IN ({_marks(part)}) "
                                "ORDER BY event_id, role, idx", part):
                actors[a["event_id"]][a["role"]].append(actor_span(a))
        return [event(r, actors[r["id"]]) for r in rows]

    def quotes(self, speaker: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Quotes in article order; ``speaker`` matches the speaker's code exactly, or a
        whole word or words of its name or mention text, ignoring case."""
        where, params = [], []
        if speaker and str(speaker).strip():
            s = str(speaker).strip()
            like = "% " + _like_escape(s.lower()) + " %"
            where.append("(q.speaker_code = ? OR ' ' || lower(q.speaker_name) || ' ' LIKE ? ESCAPE '\\' "
                         "OR ' ' || lower(q.speaker_text) || ' ' LIKE ? ESCAPE '\\')")
            params += [s, like, like]
        rows = self._rows(
            "SELECT q.*, a.title, a.published, s.name AS outlet FROM quotes q "
            "JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id "
            f"{_where(where)} ORDER BY a.published NULLS LAST, q.article_id, q.idx"
            + _page(limit, offset), params)
        return [{**meta(r), "kind": r["kind"], "content": span(r, "content_"),
                 "cue": span(r, "cue_"),
                 "speaker": actor_span(r, "speaker_") if r["speaker_start"] is not None else None}
                for r in rows]

    def proposals(self, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Proposals with the stances taken toward each."""
        rows = self._rows(
            "SELECT p.*, a.title, a.published, s.name AS outlet FROM proposals p "
            "JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id "
            "ORDER BY a.published NULLS LAST, p.article_id, p.idx" + _page(limit, offset))
        stances: dict[tuple[str, int], list[dict]] = {}
        aids = sorted({r["article_id"] for r in rows})
        for i in range(0, len(aids), _CHUNK):
            part = aids[i:i + _CHUNK]
            for x in self._rows(f"SELECT * FROM positions WHERE article_id IN ({_marks(part)}) "
                                "AND proposal_idx IS NOT NULL ORDER BY article_id, idx", part):
                stances.setdefault((x["article_id"], x["proposal_idx"]), []).append(
                    {"holder": actor_span(x, "holder_"), "stance": x["stance"],
                     "evidence": span(x, "evidence_")})
        return [{**meta(r), "idx": r["idx"], "text": span(r, "text_", text="text"),
                 "by": json.loads(r["by_json"]), "addressee": json.loads(r["addressee_json"]),
                 "items": json.loads(r["items_json"]),
                 "positions": stances.get((r["article_id"], r["idx"]), [])} for r in rows]

    def positions(self, limit: int | None = 1000, offset: int = 0) -> list[dict]:
        """Each actor's stance, with the proposal it is toward (when known)."""
        rows = self._rows(
            "SELECT x.*, p.text AS proposal_text, a.title, a.published, s.name AS outlet "
            "FROM positions x JOIN articles a ON a.id = x.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "LEFT JOIN proposals p ON p.article_id = x.article_id AND p.idx = x.proposal_idx "
            "ORDER BY a.published NULLS LAST, x.article_id, x.idx" + _page(limit, offset))
        return [{**meta(r), "holder": actor_span(r, "holder_"), "stance": r["stance"],
                 "proposal": r["proposal_idx"], "proposal_text": r["proposal_text"],
                 "evidence": span(r, "evidence_")} for r in rows]

    def quantities(self, unit: str | None = None, limit: int | None = 1000, offset: int = 0) -> list[dict]:
        """Quantity claims over time (by publication date), optionally of one unit."""
        where, params = [], []
        if unit and str(unit).strip():
            where.append("q.unit = ?")
            params.append(str(unit).strip())
        rows = self._rows(
            "SELECT q.*, a.title, a.published, s.name AS outlet FROM quantities q "
            "JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id "
            f"{_where(where)} ORDER BY a.published NULLS LAST, q.article_id, q.idx"
            + _page(limit, offset), params)
        return [{**meta(r), "source": r["outlet"], "value": num(r["value"]), "high": num(r["high"]),
                 "unit": r["unit"],
                 "approx": r["approx"], **span(r), "of": span(r, "of_")} for r in rows]


# ---------------------------------------------------------------- helpers

_ARTICLE_COLS = ("a.id, a.title, a.published, a.published_from, a.section, s.name AS source, a.url, "
                 "a.byline, a.origin, a.content_hash, a.text, a.boilerplate, a.ingested_at, a.extraction")
_SQL_CACHE: dict[tuple, str] = {}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@contextmanager
def _rollback_on_error(conn: sqlite3.Connection) -> Iterator[None]:
    """Roll the open transaction back if the block raises (anything, even Ctrl-C)."""
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. The switch needs the file to itself and SQLite answers "locked"
    at once instead of waiting when another process is opening it too: retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _check_pair(n: int, pair: Any) -> tuple[Article, Extraction]:
    try:
        article, extraction = pair
    except (TypeError, ValueError):
        raise UsageError(f"write: item {n} is not an (Article, Extraction) pair") from None
    if not isinstance(article, Article) or not isinstance(extraction, Extraction):
        raise UsageError(f"write: item {n} is ({type(article).__name__}, {type(extraction).__name__}), "
                         "not (Article, Extraction)")
    if extraction.article_id != article.id:
        raise UsageError(f"write: item {n}: extraction of {extraction.article_id!r} "
                         f"paired with article {article.id!r}")
    return article, extraction


def _insert(c: sqlite3.Connection, table: str, items: list[dict]) -> int:
    """Insert rows (all with the keys of the first); the last rowid."""
    if not items:
        return 0
    key = (table, tuple(items[0]))
    sql = _SQL_CACHE.get(key)
    if sql is None:
        cols = ", ".join(items[0])
        sql = _SQL_CACHE[key] = (f"INSERT INTO {table} ({cols}) VALUES "
                                 f"({', '.join(':' + k for k in items[0])})")
    if len(items) == 1:
        return c.execute(sql, items[0]).lastrowid or 0
    c.executemany(sql, items)
    return 0


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _where(clauses: list[str]) -> str:
    return "WHERE " + " AND ".join(clauses) if clauses else ""


def _page(limit: int | None, offset: int) -> str:
    if limit is None:
        lim, off = -1, check_page(0, offset)[1]
    else:
        lim, off = check_page(limit, offset)
    return f" LIMIT {lim} OFFSET {off}"


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
