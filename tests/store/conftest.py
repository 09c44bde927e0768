"""Fixtures for the store tests: a fresh SQLite file, filled with hand-built records."""
from __future__ import annotations

import pytest

from samples_store import corpus
from sitroom.store import open_store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "sitroom.db"


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    s.write(corpus())
    yield s
    s.close()
