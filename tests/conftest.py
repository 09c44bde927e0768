"""Cheap fixtures shared by every test."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared_data import ROOT, SHARED, shared_path

BUNDLED_SEED = ROOT / "examples" / "axios-2021-12-17-russia-nato.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (bundled in examples/, so it never needs ../shared)."""
    return BUNDLED_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))
