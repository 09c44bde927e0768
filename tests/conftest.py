"""Cheap fixtures shared by every test."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pg_server import PostgresServer, unavailable

from shared_data import ROOT, SHARED, shared_path

BUNDLED_SEED = ROOT / "examples" / "axios-2021-12-17-russia-nato.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (bundled in examples/, so it never needs ../shared)."""
    return BUNDLED_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the session (needs initdb/pg_ctl and psycopg),
    started only when a test asks for it; skipped where it cannot run, an error in CI."""
    why = unavailable()
    if why:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI must test the PostgreSQL store, but {why}")
        pytest.skip(why)
    server = PostgresServer()
    try:
        yield server.start()
    finally:
        server.stop()
