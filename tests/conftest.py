"""Cheap fixtures shared by every test."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "axios-2021-12-17-russia-nato.txt"
BUNDLED_SEED = ROOT / "examples" / "axios-2021-12-17-russia-nato.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the folder is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not available (../shared is absent)")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (bundled in examples/, so it never needs ../shared)."""
    return BUNDLED_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))
