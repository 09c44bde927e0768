"""The PostgreSQL store (``pip install 'sitroom[postgres]'``): same methods, same answers.

    open_store("postgresql://user@host:5432/sitroom")

One connection (autocommit) serves the reads; each write batch is one transaction
that first takes a transaction-scoped advisory lock, so writers queue as they do
on SQLite and a batch's duplicate check cannot race another's insert. Full-text
search uses a stored ``tsvector`` (title weighted above text) with a GIN index.
The queries and the write path are :class:`.sql.SQLStore`'s, shared with SQLite;
what is here is the connection, the placeholder style and the search.
"""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import psycopg
from psycopg.rows import dict_row

from ..errors import StoreError
from ..records import Article, Extraction
from .base import redact_url, search_chunks
from .sql import ARTICLE_COLS, SNIPPET_CLOSE, SNIPPET_ELLIPSIS, SNIPPET_OPEN, SQLStore, pair_of

WRITE_LOCK = 0x5175_7200  # pg_advisory_xact_lock key every sitroom writer takes
CONNECT_TIMEOUT_S = 10
TS_CONFIG = "sitroom"  # the text search configuration of migrations/postgresql/0001_init.sql
HEADLINE = (f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=16, MinWords=6, "
            "MaxFragments=1")


class PostgresStore(SQLStore):
    """A store in one PostgreSQL database, given by a libpq URL."""

    dialect = "postgresql"
    errors = (psycopg.Error,)
    item_errors = (psycopg.DataError, psycopg.IntegrityError, UnicodeError, OverflowError)
    no_limit = "ALL"

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True):
        self.url = re.sub(r"^postgres(?:ql)?\+\w+://", "postgresql://", str(url))  # SQLAlchemy style
        self.location = redact_url(str(url))
        self.readonly = readonly
        self._lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        try:
            self._conn = self._connect()
            if (readonly or not create) and not self._applied():
                raise StoreError(f"no sitroom database at {self.location} "
                                 "(ingest some articles first, or check --db)")
            self._migrate()
        except BaseException as e:
            if self._conn is not None:
                self._conn.close()
            if isinstance(e, psycopg.Error):
                raise StoreError(f"cannot open database {self.location}: {e}") from e
            raise

    # ------------------------------------------------------------ connection

    def _connect(self) -> psycopg.Connection:
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        if self.readonly:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def _applied(self) -> list[str]:
        if not self._fetch("SELECT to_regclass('migrations') IS NOT NULL AS has", ())[0]["has"]:
            return []
        return [r["name"] for r in self._fetch('SELECT name FROM migrations ORDER BY name COLLATE "C"', ())]

    def _live(self) -> psycopg.Connection:
        """The connection, opened again if the server dropped it (a restart, a timeout)."""
        if self._conn.broken:
            self._conn.close()
            self._conn = self._connect()
        return self._conn

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[dict]:
        """Rows of a read; a read that finds the connection dropped is tried once more."""
        try:
            return self._query(sql, params)
        except psycopg.OperationalError:
            if not self._conn.broken:
                raise
        return self._query(sql, params)

    def _query(self, sql: str, params: Sequence[Any]) -> list[dict]:
        with self._live().cursor(row_factory=dict_row) as cur:
            cur.execute(_pg(sql), params)
            return cur.fetchall()

    @contextmanager
    def _write_txn(self) -> Iterator["_Writer"]:
        with self._lock:
            conn = self._live()
            with conn.transaction(), conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield _Writer(cur)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __repr__(self) -> str:
        return f"PostgresStore({self.location!r})"

    # ------------------------------------------------------------ reading

    def iter_extractions(self) -> Iterator[tuple[Article, Extraction]]:
        """Every stored pair, ordered by publication date then id, through a server-side
        cursor on a connection of its own (one snapshot; writes may go on meanwhile)."""
        sql = (f"SELECT {ARTICLE_COLS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
               "ORDER BY a.published NULLS FIRST, a.id")
        try:
            conn = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as e:
            raise StoreError(f"cannot open database {self.location}: {e}") from e
        try:
            with conn.cursor(name="sitroom_extractions", row_factory=dict_row) as cur:
                cur.itersize = 200
                cur.execute(sql)
                for r in cur:
                    yield pair_of(r)
        except psycopg.Error as e:
            raise StoreError(f"query failed on {self.location}: {e}") from e
        finally:
            conn.close()

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Articles matching every word/phrase of ``q`` (any text is safe), best first.

        Each phrase of :func:`.base.search_chunks`, parsed as the articles were, becomes
        a ``phraseto_tsquery`` (it takes any text and never raises), all of them joined
        with AND; the snippet marks the matches in the text, else in the title."""
        return self._search_rows(q, limit)

    @staticmethod
    def _tsquery(q: str | None) -> tuple[str, list[str]] | None:
        phrases = [p.replace("\x00", " ") for p in search_chunks(q)]
        if not phrases:
            return None
        return " && ".join([f"phraseto_tsquery('{TS_CONFIG}', ?)"] * len(phrases)), phrases

    def _article_match(self, q: str) -> tuple[str, list]:
        """The WHERE clause (on ``a``) of the articles matching ``q``."""
        ts = self._tsquery(q)
        if ts is None:
            return "1 = 0", []
        return f"a.search @@ ({ts[0]})", ts[1]

    def _search_rows(self, q: str, limit: int, offset: int = 0, where: str = "",
                     params: Sequence[Any] = ()) -> list[dict]:
        """The ranked page of :meth:`search`, with extra conditions on ``a`` and ``s``."""
        ts = self._tsquery(q)
        if ts is None:
            return []
        query, phrases = ts
        rows = self._rows(
            f"WITH q AS (SELECT {query} AS query), "
            "hits AS (SELECT a.seq, ts_rank(a.search, q.query, 1) AS rank FROM articles a "
            "LEFT JOIN sources s ON s.id = a.source_id, q "
            f"WHERE a.search @@ q.query{' AND ' + where if where else ''} ORDER BY rank DESC, a.id"
            + self._page(limit, offset) + ") "
            "SELECT a.id, a.title, a.published, s.name AS source, a.url, d.doc, "
            f"ts_headline('{TS_CONFIG}', d.doc, q.query, '{HEADLINE}') AS snippet, -h.rank AS score "
            "FROM hits h JOIN articles a ON a.seq = h.seq LEFT JOIN sources s ON s.id = a.source_id "
            "CROSS JOIN q CROSS JOIN LATERAL (SELECT CASE WHEN ts_filter(a.search, '{b}') @@ q.query "
            "THEN a.text ELSE coalesce(a.title, '') END AS doc) d "
            "ORDER BY h.rank DESC, a.id", [*phrases, *params])
        for r in rows:
            r["snippet"] = _ellipsis(r["snippet"], r.pop("doc"))
        return rows


class _Writer:
    """The write transaction's cursor, taking the shared SQL's ``?`` / ``:name`` style."""

    def __init__(self, cur: psycopg.Cursor):
        self._cur = cur

    def execute(self, sql: str, params: Any = None) -> psycopg.Cursor:
        if params is None:
            return self._cur.execute(sql)
        return self._cur.execute(_pg(sql), _clean(params))

    def executemany(self, sql: str, seq: Sequence[Any]) -> None:
        self._cur.executemany(_pg(sql), [_clean(p) for p in seq])


# ---------------------------------------------------------------- helpers

_WORDY = re.compile(r"\w")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_PG_SQL: dict[str, str] = {}


def _pg(sql: str) -> str:
    """``?`` and ``:name`` parameters as psycopg's ``%s`` and ``%(name)s``."""
    out = _PG_SQL.get(sql)
    if out is None:
        out = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%")).replace("?", "%s")
        if len(_PG_SQL) < 1000:
            _PG_SQL[sql] = out
    return out


def _clean(params: Any) -> Any:
    """PostgreSQL text cannot hold NUL: each becomes U+FFFD (one character, so every
    stored offset still points at the same text)."""
    if isinstance(params, dict):
        return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v
                for k, v in params.items()}
    return [v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for v in params]


def _ellipsis(snippet: str, doc: str) -> str:
    """Mark with … the ends where the headline cuts words off the document (as SQLite's
    snippet does); punctuation it dropped at either end comes back."""
    plain = snippet.replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "")
    at = doc.find(plain) if plain else -1
    if at < 0:
        return snippet
    before, after = doc[:at], doc[at + len(plain):]
    head = SNIPPET_ELLIPSIS if _WORDY.search(before) else before.lstrip()
    tail = SNIPPET_ELLIPSIS if _WORDY.search(after) else after.rstrip()
    return head + snippet + tail
