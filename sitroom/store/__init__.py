"""Where articles and their extractions are kept, and how they are queried.

    from sitroom.store import open_store
    with open_store("sitroom.db") as store:
        store.write([(article, extraction)])
        store.events(actor="RUS", type="THREATEN", since="2021-12")
        page = store.event_page(EventQuery.of(source="RUS", since="2022-02"))  # newest first
        page.total, page.next, store.event_series(EventQuery.of(source="RUS"))

A target is a file path (SQLite, the default; ``sqlite:///relative.db`` and ``sqlite:////abs.db`` also work) or a
``postgresql://`` URL (needs the ``sitroom[postgres]`` extra). See :class:`Store`
for the methods every backend has.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from ..settings import Settings, load_settings
from .base import Store, WriteResult, redact_url
from .query import EventQuery, Page
from .sqlite import SQLiteStore

__all__ = ["EventQuery", "Page", "Store", "WriteResult", "SQLiteStore", "open_store"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(target: str | Path | None = None, settings: Settings | None = None, *,
               readonly: bool = False, create: bool = True) -> Store:
    """Open (and migrate) the store at ``target``, default ``settings.db``.

    ``readonly`` opens without write access (the file must exist and be migrated);
    ``create=False`` refuses to create a missing SQLite file (read commands use it).
    """
    if target is None or str(target) == "":
        target = (settings or load_settings()).db
    text = str(target)
    m = _SCHEME.match(text)
    if m is None:
        return SQLiteStore(text, readonly=readonly, create=create)
    scheme = m[1].lower()
    if scheme == "sqlite":
        path = text[len("sqlite:///"):] if text.startswith("sqlite:///") else ""  # as SQLAlchemy
        return SQLiteStore(path or ":memory:", readonly=readonly, create=create)
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        try:
            from .postgres import PostgresStore  # type: ignore[import-not-found]
        except ImportError as e:
            raise UsageError(f"{redact_url(text)}: PostgreSQL needs the optional extra; install it with "
                             f"pip install 'sitroom[postgres]' ({e})") from e
        return PostgresStore(text, readonly=readonly, create=create)
    raise UsageError(f"unknown database {redact_url(text)!r}; valid: a file path (SQLite), "
                     "sqlite:///path or postgresql://user@host/db")
