"""The web layer reads the cross-document results through the Store, on SQLite and on
PostgreSQL alike, and a GET never writes them (``sitroom link`` is the writer)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from samples_web import samples
from sitroom.crossdoc import link
from sitroom.settings import Settings
from sitroom.store import open_store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def linked_target(request, tmp_path) -> str:
    target = (str(tmp_path / "web.db") if request.param == "sqlite"
              else request.getfixturevalue("pg_server").database("serve_linked"))
    with open_store(target) as s:
        s.write(samples())
        link(s)
    return target


def _client(target: str):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    return TestClient(create_app(target, Settings()), raise_server_exceptions=False)


def _saved(target: str) -> tuple:
    with open_store(target) as s:
        return s.linked_state(), list(s.merged_events()), s.storylines(), s.duplicate_groups()


def test_storylines_and_timeline_come_from_the_linked_store(linked_target):
    with _client(linked_target) as c:
        lines = c.get("/api/storylines").json()
        series = c.get("/api/timeline?dyad=RUS-UKR").json()
    assert lines["note"] is None and lines["items"]
    assert series["note"] is None and sum(d["events"] for d in series["items"]) == 4


def test_gets_never_write_the_cross_document_tables(linked_target):
    before = _saved(linked_target)
    article, extraction = samples()[0]
    with open_store(linked_target) as s:  # an article arrives after `sitroom link`
        s.write([(replace(article, id="late", source="Late"), replace(extraction, article_id="late"))])
    with _client(linked_target) as c:
        for url in ("/", "/api/storylines", "/api/timeline?dyad=RUS-UKR", "/timeline", "/api/events"):
            assert c.get(url).status_code == 200, url
        note = c.get("/api/storylines").json()["note"]
    assert note and "sitroom link" in note
    assert _saved(linked_target) == before


def test_linked_timeline_days_equal_the_totals_of_their_event_lists(linked_target):
    """On both backends, linked or not, the timeline counts what /api/events lists."""
    with _client(linked_target) as c:
        series = c.get("/api/timeline?dyad=RUS-UKR").json()
        assert series["unit"] == "mentions" and series["items"]
        for d in series["items"]:
            url = f"/api/events?source=RUS&target=UKR&since={d['date']}&until={d['date']}"
            assert c.get(url).json()["total"] == d["events"], d["date"]
