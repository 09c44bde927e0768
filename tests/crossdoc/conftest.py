"""Fixtures for the cross-document tests: a store filled with hand-built records, on
SQLite and on PostgreSQL (a throwaway server, marked ``postgres``; see tests/conftest.py)."""
from __future__ import annotations

import pytest

from samples_crossdoc import corpus
from sitroom.crossdoc import link
from sitroom.store import open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path) -> str:
    """An empty database of this test's backend: a file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "sitroom.db")
    return request.getfixturevalue("pg_server").database("crossdoc")


@pytest.fixture
def unlinked(target):
    """The corpus stored, `sitroom link` not run."""
    s = open_store(target)
    s.write(corpus())
    yield s
    s.close()


@pytest.fixture
def store(unlinked):
    """The corpus stored and linked."""
    link(unlinked)
    return unlinked
