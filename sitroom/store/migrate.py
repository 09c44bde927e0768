"""Numbered SQL migrations: ``migrations/NNNN_name.sql`` files applied in order.

Each file is applied once and recorded by name in the ``migrations`` table; a
backend applies the pending ones inside one write transaction, so re-running
(or two processes opening a new database at once) is safe. Other packages add
their own files to the same folder with higher numbers (crossdoc: 0100 and up).

A file is written for SQLite, or in SQL both backends accept. Where PostgreSQL
needs its own wording, a file of the same name in ``migrations/postgresql/``
replaces it for that backend, so both record the same migration names.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from ..errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str  # file name without .sql, e.g. "0001_init"
    sql: str

    def statements(self) -> list[str]:
        """The file's statements, one string each (trigger bodies kept whole)."""
        out: list[str] = []
        buf = ""
        for line in self.sql.splitlines(keepends=True):
            if not buf and (not line.strip() or line.lstrip().startswith("--")):
                continue
            buf += line
            if sqlite3.complete_statement(buf):
                out.append(buf.strip())
                buf = ""
        if buf.strip():
            raise StoreError(f"migration {self.name}: unterminated statement at the end: {buf.strip()[:80]!r}")
        return out


DIALECTS = ("sqlite", "postgresql")


def load_migrations(folder: Traversable | None = None, dialect: str = "sqlite") -> list[Migration]:
    """The migrations in ``folder`` (default: this package's ``migrations/``), in order,
    each replaced by its namesake in ``folder/<dialect>/`` where that exists."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialect={dialect!r}; valid: {', '.join(DIALECTS)}")
    folder = folder or resources.files(__package__).joinpath("migrations")
    found = _scan(folder)
    own = folder.joinpath(dialect)
    if dialect != "sqlite" and own.is_dir():
        for number, m in _scan(own).items():
            if number in found and found[number].name != m.name:
                raise StoreError(f"{dialect}/{m.name}.sql replaces migration {number:04d}, "
                                 f"which is named {found[number].name}")
            found[number] = m
    return [found[n] for n in sorted(found)]


def _scan(folder: Traversable) -> dict[int, Migration]:
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if not m or not entry.is_file():
            continue
        number = int(m[1])
        if number in found:
            raise StoreError(f"two migrations numbered {m[1]}: {found[number].name} and {entry.name}")
        found[number] = Migration(number, entry.name[:-4], entry.read_text(encoding="utf-8"))
    return found
