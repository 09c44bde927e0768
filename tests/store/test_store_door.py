"""The store is the only door: no module outside sitroom/store/ talks to a database
driver, and both backends implement the whole Store protocol."""
from __future__ import annotations

import ast
from pathlib import Path

import sitroom
from sitroom.store import Store, open_store

PACKAGE = Path(sitroom.__file__).parent
DRIVERS = {"sqlite3", "psycopg", "psycopg2"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_outside_the_store_imports_a_database_driver():
    offenders = {str(p.relative_to(PACKAGE)): sorted(_imports(p) & DRIVERS)
                 for p in PACKAGE.rglob("*.py")
                 if "store" not in p.relative_to(PACKAGE).parts[:1] and _imports(p) & DRIVERS}
    assert offenders == {}


def test_every_backend_is_a_whole_store(target):
    with open_store(target) as s:
        assert isinstance(s, Store)
        assert s.linked_state() == {} and s.duplicate_groups() == [] and s.storylines() == []
        assert list(s.merged_events()) == []
