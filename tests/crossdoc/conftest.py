"""Fixtures for the cross-document tests: a SQLite store filled with hand-built records."""
from __future__ import annotations

import pytest

from samples_crossdoc import corpus
from sitroom.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "sitroom.db")
    s.write(corpus())
    yield s
    s.close()
