"""/api/events and the events page leave out events below min_confidence (default: the setting)."""
from __future__ import annotations

import pytest

from samples_web import NATO, RUS, USA, a, sp
from sitroom.records import Article, Event, Extraction
from sitroom.settings import Settings

TEXT = "Moscow threatened Brussels. Russia praised the United States. The United States called NATO."
HTML = {"Accept": "text/html"}


def article() -> tuple[Article, Extraction]:
    t = TEXT
    events = (
        Event("THREATEN", sp(t, "threatened"), sp(t, "Moscow threatened Brussels."),
              source=(a(t, "Moscow", RUS),), target=(a(t, "Brussels", NATO),), confidence=0.2),
        Event("SUPPORT", sp(t, "praised"), sp(t, "Russia praised the United States."),
              source=(a(t, "Russia", RUS),), target=(a(t, "United States", USA),), confidence=0.55),
        Event("CONSULT", sp(t, "called"), sp(t, "The United States called NATO."),
              source=(a(t, "United States", USA, 1),), target=(a(t, "NATO", NATO),), confidence=0.9),
    )
    return (Article("conf-1", t, published="2022-01-10", title="Confidence"),
            Extraction("conf-1", "Confidence", "2022-01-10", events=events))


@pytest.fixture(scope="module")
def conf_db(tmp_path_factory):
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("confidence") / "web.db"
    with open_store(str(path)) as store:
        store.write([article()])
    return str(path)


def make_client(db, settings):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    return TestClient(create_app(db, settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def web(conf_db):
    with make_client(conf_db, Settings(min_confidence=0.5)) as c:
        yield c


def api_types(client, query=""):
    r = client.get("/api/events" + query)
    assert r.status_code == 200, r.text
    return [e["type"] for e in r.json()["items"]], r.json()


def test_api_uses_the_setting_by_default(web):
    types, body = api_types(web)
    assert types == ["CONSULT", "SUPPORT"]  # newest first
    assert body["filters"]["min_confidence"] == 0.5


def test_api_follows_a_different_setting(conf_db):
    with make_client(conf_db, Settings(min_confidence=0.6)) as c:
        assert api_types(c)[0] == ["CONSULT"]


@pytest.mark.parametrize("query, expected", [
    ("?min_confidence=0", ["CONSULT", "SUPPORT", "THREATEN"]),
    ("?min_confidence=0.6", ["CONSULT"]),
    ("?min_confidence=0.1&actor=RUS", ["SUPPORT", "THREATEN"]),
    ("?min_confidence=1", []),
])
def test_api_min_confidence_parameter(web, query, expected):
    assert api_types(web, query)[0] == expected


def test_api_csv_is_filtered_too(web):
    r = web.get("/api/events.csv?min_confidence=0.6")
    assert r.status_code == 200
    assert "called" in r.text and "praised" not in r.text


@pytest.mark.parametrize("bad", ["2", "-0.5", "much"])
def test_api_bad_min_confidence_gets_the_envelope(web, bad):
    r = web.get(f"/api/events?min_confidence={bad}")
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == 400 and "min_confidence" in body["error"]


def test_events_page_filters_and_shows_the_value(web):
    page = web.get("/events", headers=HTML).text
    assert "praised" in page and "called" in page and "threatened" not in page
    assert 'name="min_confidence"' in page and 'value="0.5"' in page
    assert 'class="reset"' not in page  # the default alone is no filter to clear
    page = web.get("/events?min_confidence=0", headers=HTML).text
    assert "threatened" in page and 'value="0.0"' in page
    assert "/api/events?min_confidence=0" in page  # its JSON twin keeps the filter


def test_events_page_count_follows_the_filter(web):
    page = web.get("/events?min_confidence=0.6", headers=HTML).text
    assert '<span class="count">1</span>' in page
    assert "called" in page and "praised" not in page
