"""What the SQL backends share: migrating, writing a batch, and every query.

:class:`SQLStore` holds the logic once; a backend (:mod:`.sqlite`, :mod:`.postgres`)
supplies the connection: ``_fetch`` (rows of a read, as dicts), ``_write_txn``
(one exclusive write transaction, yielding something with ``execute`` and
``executemany``), ``_applied`` (the migration names recorded), ``search`` and
``iter_extractions``. SQL here is written once, with ``?`` and ``:name``
parameters, in the subset SQLite and PostgreSQL both accept.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import datetime as dt
import json
import threading
from dataclasses import replace
from contextlib import AbstractContextManager
from typing import Any, ClassVar, Iterable, Sequence

from ..errors import StoreError, UsageError
from ..records import Article, Extraction, Failure, confidence_floor
from .base import WriteResult, check_date, check_page, check_quad_class, check_type
from .linked import LinkedTables
from .migrate import load_migrations
from .rows import ArticleRows, flatten
from . import shape
from .lists import Lists
from .search import Search
from .shape import actor_span, event
from .single import SingleReads

COUNTED = ("articles", "sources", "entities", "actors", "events", "quotes", "proposals",
           "positions", "quantities", "times", "places")
CHUNK = 500  # ids per IN (...) list
ARTICLE_COLS = ("a.id, a.title, a.published, a.published_from, a.section, s.name AS source, a.url, "
                "a.byline, a.origin, a.content_hash, a.text, a.boilerplate, a.ingested_at, a.extraction")
SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS = "«", "»", "…"


class SQLStore(Lists, Search, SingleReads, LinkedTables, ABC):
    """The backend-neutral half of a SQL store (see the module docstring)."""

    dialect: ClassVar[str]             # which migrations/<dialect>/ files replace the shared ones
    errors: ClassVar[tuple[type[BaseException], ...]]  # the driver's exceptions
    item_errors: ClassVar[tuple[type[BaseException], ...]]  # those that one article's values cause
    no_limit: ClassVar[str]            # LIMIT value meaning "all rows"
    location: str
    readonly: bool
    _lock: threading.RLock

    # ------------------------------------------------------------ backend hooks

    @abstractmethod
    def _fetch(self, sql: str, params: Sequence[Any]) -> list[dict]:
        """Run one read query; rows as dicts."""

    @abstractmethod
    def _write_txn(self) -> AbstractContextManager[Any]:
        """One write transaction (commit on success, roll back on error)."""

    @abstractmethod
    def _applied(self) -> list[str]:
        """Names of the migrations already applied."""

    # ------------------------------------------------------------ plumbing

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        with self._lock:
            try:
                return self._fetch(sql, params)
            except self.errors as e:
                raise StoreError(f"query failed on {self.location}: {e}") from e

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _page(self, limit: int | None, offset: int) -> str:
        if limit is None:
            return f" LIMIT {self.no_limit} OFFSET {check_page(0, offset)[1]}"
        lim, off = check_page(limit, offset)
        return f" LIMIT {lim} OFFSET {off}"

    def __enter__(self) -> "SQLStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()  # type: ignore[attr-defined]

    def migrations(self) -> list[str]:
        with self._lock:
            return self._applied()

    def _migrate(self) -> None:
        """Apply the pending migrations in one write transaction (writers queue on it,
        so a second process opening a new database waits, then finds them done)."""
        wanted = load_migrations(dialect=self.dialect)
        if {m.name for m in wanted} <= set(self._applied()):
            return
        if self.readonly:
            missing = sorted({m.name for m in wanted} - set(self._applied()))
            raise StoreError(f"database {self.location} needs migrations {missing}; "
                             "open it once for writing")
        with self._write_txn() as c:
            c.execute("CREATE TABLE IF NOT EXISTS migrations ("
                      "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in c.execute("SELECT name FROM migrations").fetchall()}
            for m in wanted:
                if m.name in done:
                    continue
                for stmt in m.statements():
                    c.execute(stmt)
                c.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (m.name, now()))

    # ------------------------------------------------------------ writing

    def write(self, pairs: Iterable[tuple[Article, Extraction]], *, changed_text: str = "version"
              ) -> WriteResult:
        """Store each (article, extraction) pair in one transaction.

        An article's identity is its id *and* its source (see :meth:`_key_for`): the
        same id, source and text stored before is a duplicate and changes nothing; the
        same id from another source is stored too; the same id and source with another
        text is kept as a new version (``changed_text="version"``) or refused
        (``"refuse"``), and reported either way. One article the database will not take
        (a value it cannot encode, a broken constraint) fails alone: it is rolled back
        to its own savepoint and named in ``failures``; the rest of the batch is stored.
        An error of the database itself (disk full, lost connection) rolls the whole
        batch back and raises ``StoreError``."""
        if self.readonly:
            raise UsageError(f"store {self.location} was opened read-only")
        if changed_text not in CHANGED_TEXT:
            raise UsageError(f"changed_text={changed_text!r}; valid: {', '.join(CHANGED_TEXT)}")
        stored = duplicates = 0
        failures: list[Failure] = []
        versions: list[Failure] = []
        at = now()
        try:
            with self._write_txn() as c:
                for n, pair in enumerate(pairs):
                    article, extraction = check_pair(n, pair)
                    item = article.origin or article.id
                    c.execute("SAVEPOINT article")
                    try:
                        done, notice = _write_one(c, article, extraction, at, changed_text)
                    except self.item_errors as e:
                        c.execute("ROLLBACK TO SAVEPOINT article")
                        done, notice = "failed", Failure(item, "store", one_line(
                            f"{item}: not stored: {type(e).__name__}: {e}"), id=article.id)
                    c.execute("RELEASE SAVEPOINT article")
                    stored += done in ("stored", "version")
                    duplicates += done == "duplicate"
                    if notice is not None:
                        (versions if done == "version" else failures).append(notice)
        except self.errors as e:
            raise StoreError(f"write to {self.location} failed, batch rolled back: {e}") from e
        return WriteResult(stored, duplicates, tuple(failures), tuple(versions))

    # ------------------------------------------------------------ articles

    def known_articles(self, articles: Iterable[Article]) -> set[int]:
        """Positions in ``articles`` of those already stored with the same id, source
        and text (exact duplicates: a write would change nothing)."""
        articles = list(articles)
        ids = list(dict.fromkeys(a.id for a in articles))
        stored: set[tuple] = set()
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            stored.update((r["given_id"], r["source"], r["content_hash"]) for r in self._rows(
                "SELECT a.given_id, s.name AS source, a.content_hash FROM articles a "
                f"LEFT JOIN sources s ON s.id = a.source_id WHERE a.given_id IN ({marks(part)})", part))
        return {n for n, a in enumerate(articles)
                if (a.id, a.source or None, a.content_hash or text_hash(a.text)) in stored}

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(str(i) for i in ids))
        found: set[str] = set()
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            found.update(r["id"] for r in self._rows(
                f"SELECT id FROM articles WHERE id IN ({marks(part)})", part))
        return found

    def counts(self) -> dict[str, int]:
        sql = " UNION ALL ".join(f"SELECT '{t}' AS name, count(*) AS n FROM {t}" for t in COUNTED)
        return self._memo("counts", None, lambda: {r["name"]: int(r["n"]) for r in self._rows(sql)})

    def articles(self, limit: int | None = 50, offset: int = 0) -> list[dict]:
        return self._rows(
            "SELECT a.id, a.title, a.published, a.section, s.name AS source, a.url, a.ingested_at, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
            "ORDER BY a.published DESC NULLS LAST, a.id" + self._page(limit, offset))

    def article(self, id: str) -> dict | None:
        row = self._one(f"SELECT {ARTICLE_COLS} FROM articles a "
                        "LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?", (str(id),))
        if row is None:
            return None
        row["boilerplate"] = json.loads(row["boilerplate"])
        row["extraction"] = json.loads(row["extraction"])
        return row

    # ------------------------------------------------------------ actors

    def actors(self, limit: int | None = 100) -> list[dict]:
        return self._memo("actors", limit, lambda: self._rows(
            "SELECT ac.code, ac.name, ac.sector, ac.kind, count(m.id) AS mentions, "
            "count(DISTINCT m.article_id) AS articles FROM actors ac "
            "LEFT JOIN mentions m ON m.code = ac.code GROUP BY ac.code "
            "ORDER BY mentions DESC, ac.code" + self._page(limit, 0)))

    def actor(self, code: str, mentions: int = 50) -> dict | None:
        """One actor: names, people, event and quote counts, recent mentions (kept until
        the data changes, as the aggregates are: the counts scan the actor's rows)."""
        return self._memo("actor", (str(code), mentions), lambda: self._actor(str(code), mentions))

    def _actor(self, code: str, mentions: int) -> dict | None:
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
            "GROUP BY name, role ORDER BY articles DESC, name, role NULLS FIRST", (code,))
        row["events"] = self._one(
            "SELECT count(DISTINCT CASE WHEN role = 'source' THEN event_id END) AS source, "
            "count(DISTINCT CASE WHEN role = 'target' THEN event_id END) AS target "
            "FROM event_actors WHERE code = ?", (code,))
        row["quotes"] = self._one("SELECT count(*) AS n FROM quotes WHERE speaker_code = ?", (code,))["n"]
        row["mentions_recent"] = self._rows(
            "SELECT m.article_id, a.title, a.published, m.start_char AS start, m.end_char AS end, "
            "m.text FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.code = ? "
            "ORDER BY a.published DESC NULLS LAST, m.article_id, m.start_char" + self._page(mentions, 0),
            (code,))
        return row

    # ------------------------------------------------------------ facts

    def events(self, actor: str | None = None, target: str | None = None, type: str | None = None,
               quad_class: int | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, min_confidence: float | None = None,
               limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Events, by date (the event's, else the article's) then id; with
        ``min_confidence``, only those at least that confident (None or 0 = all).

        With an actor (or target) filter the query walks that actor's rows of
        ``event_actors`` in page order, on the index (role, code, [type,] day, event_id):
        ``event_actors.day`` and ``.type`` are copies of the event's (migration 0002), so
        a page costs about the same for a rare actor paged past its end as for a common one.
        """
        where, params = [], []
        drive: tuple[str, str] | None = None  # (role, code) of the event_actors rows walked
        for role, code in (("source", actor), ("target", target)):
            if not code:
                continue
            code = str(code).strip().upper()
            if drive is None:
                drive = (role, code)
            else:
                where.append("EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id "
                             "AND y.role = ? AND y.code = ?)")
                params += [role, code]
        tab = "x" if drive else "e"  # x.day, x.type: copies of e.day, e.type in the driving index
        if (t := check_type(type)) is not None:
            where.append(f"{tab}.type = ?")
            params.append(t)
        if (qc := check_quad_class(quad_class)) is not None:
            where.append("e.quad_class = ?")
            params.append(qc)
        if (lo := check_date("since", since)) is not None:
            where.append(f"{tab}.day >= ?")
            params.append(lo)
        if (hi := check_date("until", until, end=True)) is not None:
            where.append(f"{tab}.day <= ?")
            params.append(hi)
        if article:
            where.append("e.article_id = ?")
            params.append(str(article))
        if min_confidence:
            where.append("e.confidence >= ?")
            params.append(confidence_floor(min_confidence))
        columns = "SELECT e.*, a.title, a.published, s.name AS outlet FROM "
        joins = "JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id "
        if drive is None:
            sql = (f"{columns}events e {joins}{where_of(where)} ORDER BY e.day NULLS LAST, e.id")
        else:
            # one row per event: an actor named twice in one role counts at its first row
            where[:0] = ["x.role = ? AND x.code = ?",
                         "NOT EXISTS (SELECT 1 FROM event_actors d WHERE d.event_id = x.event_id "
                         "AND d.role = x.role AND d.code = x.code AND d.id < x.id)"]
            params[:0] = list(drive)
            sql = (f"{columns}event_actors x JOIN events e ON e.id = x.event_id {joins}"
                   f"{where_of(where)} ORDER BY x.day NULLS LAST, x.event_id")
        rows = self._rows(sql + self._page(limit, offset), params)
        actors: dict[int, dict[str, list]] = {r["id"]: {"source": [], "target": []} for r in rows}
        ids = list(actors)
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            for a in self._rows(f"SELECT * FROM event_actors WHERE event_id IN ({marks(part)}) "
                                "ORDER BY event_id, role, idx", part):
                actors[a["event_id"]][a["role"]].append(actor_span(a, "event_actors"))
        return [event(r, actors[r["id"]]) for r in rows]

    def quotes(self, speaker: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Quotes in article order; ``speaker`` matches the speaker's code exactly, or a
        whole word or words of its name or mention text, ignoring case."""
        where, params = [], []
        if speaker and str(speaker).strip():
            s = str(speaker).strip()
            like = "% " + like_escape(s.lower()) + " %"
            where.append("(q.speaker_code = ? OR ' ' || lower(q.speaker_name) || ' ' LIKE ? ESCAPE '\\' "
                         "OR ' ' || lower(q.speaker_text) || ' ' LIKE ? ESCAPE '\\')")
            params += [s, like, like]
        rows = self._rows(
            "SELECT q.*, a.title, a.published, s.name AS outlet FROM quotes q "
            "JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id "
            f"{where_of(where)} ORDER BY a.published NULLS LAST, q.article_id, q.idx"
            + self._page(limit, offset), params)
        return [shape.quote(r) for r in rows]

    def proposals(self, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Proposals with the stances taken toward each."""
        rows = self._rows(
            "SELECT p.*, a.title, a.published, s.name AS outlet FROM proposals p "
            "JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id "
            "ORDER BY a.published NULLS LAST, p.article_id, p.idx" + self._page(limit, offset))
        stances: dict[tuple[str, int], list[dict]] = {}
        aids = sorted({r["article_id"] for r in rows})
        for i in range(0, len(aids), CHUNK):
            part = aids[i:i + CHUNK]
            for x in self._rows(f"SELECT * FROM positions WHERE article_id IN ({marks(part)}) "
                                "AND proposal_idx IS NOT NULL ORDER BY article_id, idx", part):
                stances.setdefault((x["article_id"], x["proposal_idx"]), []).append(shape.stance(x))
        return [shape.proposal(r, stances.get((r["article_id"], r["idx"]), [])) for r in rows]

    def positions(self, limit: int | None = 1000, offset: int = 0) -> list[dict]:
        """Each actor's stance, with the proposal it is toward (when known)."""
        rows = self._rows(
            "SELECT x.*, p.text AS proposal_text, a.title, a.published, s.name AS outlet "
            "FROM positions x JOIN articles a ON a.id = x.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "LEFT JOIN proposals p ON p.article_id = x.article_id AND p.idx = x.proposal_idx "
            "ORDER BY a.published NULLS LAST, x.article_id, x.idx" + self._page(limit, offset))
        return [shape.position(r) for r in rows]

    def quantities(self, unit: str | None = None, limit: int | None = 1000, offset: int = 0) -> list[dict]:
        """Quantity claims over time (by publication date), optionally of one unit."""
        where, params = [], []
        if unit and str(unit).strip():
            where.append("q.unit = ?")
            params.append(str(unit).strip())
        rows = self._rows(
            "SELECT q.*, a.title, a.published, s.name AS outlet FROM quantities q "
            "JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id "
            f"{where_of(where)} ORDER BY a.published NULLS LAST, q.article_id, q.idx"
            + self._page(limit, offset), params)
        return [shape.quantity(r) for r in rows]


# ---------------------------------------------------------------- helpers

_SQL_CACHE: dict[tuple, str] = {}


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def pair_of(row: dict) -> tuple[Article, Extraction]:
    """A stored article row (``ARTICLE_COLS``) back as its records."""
    d = dict(row)
    d["boilerplate"] = json.loads(d["boilerplate"])
    return Article.from_dict(d), Extraction.from_dict(json.loads(d["extraction"]))


def check_pair(n: int, pair: Any) -> tuple[Article, Extraction]:
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


#: What the store does with an id stored from the same source with another text.
CHANGED_TEXT = ("version", "refuse")


def text_hash(text: str) -> str:
    """The content hash of a text (as the readers compute it), for articles built without one."""
    from ..ingest.build import content_hash

    return content_hash(text)


def _write_one(c: Any, article: Article, extraction: Extraction, at: str, changed_text: str
               ) -> tuple[str, Failure | None]:
    """Store one article unless it is a duplicate: ("stored" | "version" | "duplicate" |
    "failed", the notice naming what happened when it is not plain)."""
    item = article.origin or article.id
    if not article.content_hash:
        article = replace(article, content_hash=text_hash(article.text))
    given = article.id
    key, why = _key_for(c, article)
    if key is None:
        return "duplicate", None
    where = f"id {given!r} from source {article.source or '(none)'}"
    if why == "changed_text" and changed_text == "refuse":
        return "failed", Failure(item, "changed_text", one_line(
            f"{item}: {where} is stored with another text; not stored (changed_text = \"refuse\")"), id=given)
    notice = None
    if key != given:
        article = replace(article, id=key)
        extraction = replace(extraction, article_id=key)
        notice = Failure(item, why, one_line(f"{item}: {where} " + (
            f"is stored from another source; stored as {key!r}" if why == "other_source" else
            f"is stored with another text; kept as a new version {key!r}")), id=key)
    rows = flatten(article, extraction, at)
    rows.article["given_id"] = given
    _insert_article(c, rows)
    return ("version" if notice else "stored"), notice


def one_line(message: str) -> str:
    return " ".join(str(message).split())


def _key_for(c: Any, article: Article) -> tuple[str | None, str]:
    """The store key for ``article`` and why it differs from its id, or (None, "duplicate").

    Rows with the same ``given_id`` are the candidates: one with the same source and
    text makes a duplicate. Otherwise the key is the id itself if free, else
    ``id@source`` for another source, or ``id~hash`` for a changed text (a counter
    is appended in the rare case that key is taken too)."""
    source = article.source or None
    digest = article.content_hash
    same_source = taken = False
    for key, given, src, h in c.execute(  # one query: the rows of this given id, and the key itself
            "SELECT a.id, a.given_id, s.name, a.content_hash FROM articles a LEFT JOIN sources s "
            "ON s.id = a.source_id WHERE a.given_id = ? OR a.id = ?", (article.id, article.id)).fetchall():
        taken = taken or key == article.id
        if given == article.id and src == source:
            if h == digest:
                return None, "duplicate"
            same_source = True
    if not taken:
        return article.id, "new"
    base = f"{article.id}~{digest[:12]}" if same_source else f"{article.id}@{source or '-'}"
    key, n = base, 1
    while c.execute("SELECT 1 FROM articles WHERE id = ?", (key,)).fetchall():
        n += 1
        key = f"{base}.{n}"
    return key, "changed_text" if same_source else "other_source"


def _insert_article(c: Any, rows: ArticleRows) -> None:
    source_id = None
    if rows.source:
        c.execute("INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (rows.source,))
        source_id = c.execute("SELECT id FROM sources WHERE name = ?", (rows.source,)).fetchall()[0][0]
    _insert(c, "articles", [{**rows.article, "source_id": source_id}])
    event_ids: list[int] = []
    for table, items in rows.tables.items():
        if table == "events":
            event_ids += [c.execute(_insert_sql("events", item) + " RETURNING id", item).fetchall()[0][0]
                          for item in items]
        else:
            _insert(c, table, items)
    events = rows.tables.get("events", [])
    _insert(c, "event_actors", [{**{k: v for k, v in ea.items() if k != "event_idx"},
                                 "event_id": event_ids[ea["event_idx"]],
                                 "day": events[ea["event_idx"]]["day"],
                                 "type": events[ea["event_idx"]]["type"]} for ea in rows.event_actors])
    if rows.actors:
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


def _insert_sql(table: str, item: dict) -> str:
    key = (table, tuple(item))
    sql = _SQL_CACHE.get(key)
    if sql is None:
        sql = _SQL_CACHE[key] = (f"INSERT INTO {table} ({', '.join(item)}) VALUES "
                                 f"({', '.join(':' + k for k in item)})")
    return sql


def _insert(c: Any, table: str, items: list[dict]) -> None:
    """Insert rows (all with the keys of the first)."""
    if len(items) == 1:
        c.execute(_insert_sql(table, items[0]), items[0])
    elif items:
        c.executemany(_insert_sql(table, items[0]), items)


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def where_of(clauses: list[str]) -> str:
    return "WHERE " + " AND ".join(clauses) if clauses else ""


def like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
