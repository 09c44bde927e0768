"""Numbered SQL migrations: ``migrations/NNNN_name.sql`` files applied in order.

Each file is applied once and recorded by name in the ``migrations`` table; a
backend applies the pending ones inside one write transaction, so re-running
(or two processes opening a new database at once) is safe. Other packages add
their own files to the same folder with higher numbers (crossdoc: 0100 and up).
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


def load_migrations(folder: Traversable | None = None) -> list[Migration]:
    """The migrations in ``folder`` (default: this package's ``migrations/``), in order."""
    folder = folder or resources.files(__package__).joinpath("migrations")
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if not m:
            continue
        number = int(m[1])
        if number in found:
            raise StoreError(f"two migrations numbered {m[1]}: {found[number].name} and {entry.name}")
        found[number] = Migration(number, entry.name[:-4], entry.read_text(encoding="utf-8"))
    return [found[n] for n in sorted(found)]
