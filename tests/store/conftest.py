"""Fixtures for the store tests: every test that takes ``target`` (or ``store``) runs
once on SQLite (a fresh file) and once on PostgreSQL (a throwaway server, marked
``postgres``; skipped where the server binaries are missing, an error in CI)."""
from __future__ import annotations

from typing import Callable

import pytest

from samples_store import corpus
from sitroom.store import open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_factory(backend, tmp_path, request) -> Callable[..., str]:
    """``store_factory(name)``: the target (file path or URL) of an empty database of
    this test's backend, the same one for the same name. Empty means no rows; on
    PostgreSQL it may hold migrated tables already unless ``bare=True``."""
    if backend == "sqlite":
        return lambda name="sitroom", bare=False: str(tmp_path / f"{name}.db")
    server = request.getfixturevalue("pg_server")
    made: dict[str, str] = {}

    def make(name: str = "sitroom", bare: bool = False) -> str:
        if name not in made:
            made[name] = server.database(name, bare=bare)
        return made[name]
    return make


@pytest.fixture
def target(store_factory) -> str:
    return store_factory()


@pytest.fixture
def store(target):
    s = open_store(target)
    s.write(corpus())
    yield s
    s.close()

