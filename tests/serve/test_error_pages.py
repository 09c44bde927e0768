"""Error pages say what was wrong and how to fix it: HTML for pages, the envelope for the API."""
from __future__ import annotations

import pytest

from samples_web import samples
from sitroom.settings import Settings

HTML = {"Accept": "text/html"}


class Broken:
    """A store whose reads fail (a crashed database)."""

    location = "broken://"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("disk on fire")
        return fail


def _client(db):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    return TestClient(create_app(db, Settings()), raise_server_exceptions=False)


@pytest.mark.parametrize("url, status, what, fix", [
    ("/events/424242", 404, "no event with id", "find the right one from a list"),
    ("/no/such/page", 404, "not found: /no/such/page", "Search the articles"),
    ("/events?type=FLY", 400, "is not a PLOVER event type; valid:", "this page without its parameters"),
    ("/events?quad_class=9", 400, "quad_class", "filter form"),
    ("/map?at=somewhere", 400, "at must be LAT,LON", "this page without its parameters"),
])
def test_error_pages_explain_the_problem_and_the_fix(client, url, status, what, fix):
    r = client.get(url, headers=HTML)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert what in r.text and "How to fix it" in r.text and fix in r.text
    assert f"<h1>{status}</h1>" in r.text
    api = client.get("/api" + url if not url.startswith("/no") else "/api/no/such")
    assert api.status_code == status
    assert api.json() == {"ok": False, "error": api.json()["error"], "status": status}


def test_a_crash_is_a_500_page_that_hides_the_cause_and_says_what_to_do():
    with _client(Broken()) as c:
        page = c.get("/events/1", headers=HTML)
        api = c.get("/api/events/1")
    assert page.status_code == 500 and "disk on fire" not in page.text
    assert "nothing stored was changed" in page.text and "the server's log names the cause" in page.text
    assert api.status_code == 500 and api.json() == {"ok": False, "error": "internal error", "status": 500}
