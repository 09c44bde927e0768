"""A small store of hand-built records for the web tests, and clients over it."""
from __future__ import annotations

from pathlib import Path

import pytest

from samples_web import samples
from sitroom.settings import Settings


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("serve") / "web.db"
    store = open_store(str(path))
    store.write(samples())
    store.close()
    return path


@pytest.fixture(scope="module")
def linked_db_path(tmp_path_factory) -> Path:
    """The same articles after the cross-document step (merged events, storylines)."""
    from sitroom.store import open_store

    crossdoc = pytest.importorskip("sitroom.crossdoc")
    if not hasattr(crossdoc, "link"):
        pytest.skip("sitroom.crossdoc has no link() yet")
    path = tmp_path_factory.mktemp("serve-linked") / "web.db"
    store = open_store(str(path))
    store.write(samples())
    crossdoc.link(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def linked_client(linked_db_path):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    with TestClient(create_app(str(linked_db_path), Settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def client(db_path):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    with TestClient(create_app(str(db_path), Settings()), raise_server_exceptions=False) as c:
        yield c
