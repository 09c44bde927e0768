"""The SQLite store (the default): one file, WAL mode, FTS5 search.

Writes go through one connection, one ``BEGIN IMMEDIATE`` transaction per batch;
readers never block it (WAL). Migrations are applied when the store opens.
Everything specific to SQLite lives here and in the migration files; the queries
and the write path are :class:`.sql.SQLStore`'s, shared with PostgreSQL.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import StoreError
from ..records import Article, Extraction
from .base import search_phrases
from .sql import (ARTICLE_COLS, SNIPPET_CLOSE, SNIPPET_ELLIPSIS, SNIPPET_OPEN, SQLStore, pair_of)

BUSY_TIMEOUT_S = 30.0


class SQLiteStore(SQLStore):
    """A store in one SQLite file (``":memory:"`` for a throwaway one)."""

    dialect = "sqlite"
    errors = (sqlite3.Error,)
    item_errors = (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError, sqlite3.ProgrammingError,
                   UnicodeError, OverflowError)
    no_limit = "-1"

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

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[dict]:
        return [dict(r) for r in self._conn.execute(sql, params)]

    @contextmanager
    def _write_txn(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE``: one writer at a time (others wait up to the busy timeout)."""
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            with _rollback_on_error(c):
                yield c
                c.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # ------------------------------------------------------------ reading

    def iter_extractions(self) -> Iterator[tuple[Article, Extraction]]:
        """Every stored pair, ordered by publication date then id, read in chunks
        over a connection of its own (writes may go on meanwhile)."""
        sql = (f"SELECT {ARTICLE_COLS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
               "ORDER BY a.published NULLS FIRST, a.id")
        conn = self._conn if self._memory else self._connect(readonly=True)
        try:
            cur = conn.execute(sql)
            while batch := cur.fetchmany(200):
                for r in batch:
                    yield pair_of(r)
        finally:
            if conn is not self._conn:
                conn.close()

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Articles matching every word/phrase of ``q`` (any text is safe), best first."""
        return self._search_rows(q, limit)

    def _fts_match(self, q: str | None) -> str | None:
        phrases = search_phrases(q)
        if not phrases:
            return None
        return " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)

    def _article_match(self, q: str) -> tuple[str, list]:
        """The WHERE clause (on ``a``) of the articles matching ``q``."""
        match = self._fts_match(q)
        if match is None:
            return "1 = 0", []
        return "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [match]

    def _search_rows(self, q: str, limit: int, offset: int = 0, where: str = "",
                     params: Sequence[Any] = ()) -> list[dict]:
        """The ranked page of :meth:`search`, with extra conditions on ``a`` and ``s``."""
        match = self._fts_match(q)
        if match is None:
            return []
        return self._rows(
            "SELECT a.id, a.title, a.published, s.name AS source, a.url, "
            f"snippet(articles_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '{SNIPPET_ELLIPSIS}', 16) "
            "AS snippet, bm25(articles_fts, 2.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "LEFT JOIN sources s ON s.id = a.source_id "
            f"WHERE articles_fts MATCH ?{' AND ' + where if where else ''} ORDER BY score, a.id"
            + self._page(limit, offset), (match, *params))


# ---------------------------------------------------------------- helpers

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
