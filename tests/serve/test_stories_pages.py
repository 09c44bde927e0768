"""/storylines, /storylines/{id} and /duplicates read the cross-document tables through
the Store, on SQLite and PostgreSQL, and say when those are out of date."""
from __future__ import annotations

import pytest

from samples_pages import late_article, write_linked
from sitroom.settings import Settings
from sitroom.store import open_store

HTML = {"Accept": "text/html"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request, tmp_path) -> str:
    t = (str(tmp_path / "web.db") if request.param == "sqlite"
         else request.getfixturevalue("pg_server").database("stories_pages"))
    write_linked(t)
    return t


def _client(target: str):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    return TestClient(create_app(target, Settings()), raise_server_exceptions=False)


def test_storylines_page_lists_what_its_json_twin_lists(target):
    with _client(target) as c:
        api = c.get("/api/storylines").json()
        page = c.get("/storylines", headers=HTML).text
    assert api["note"] is None and len(api["items"]) >= 2
    for s in api["items"]:
        assert f'href="/storylines/{s["id"]}"' in page and s["name"] in page
    assert 'href="/api/storylines"' in page and "sitroom link" not in page


def test_a_storyline_page_shows_its_articles_and_links_its_events(target):
    with open_store(target) as s:
        line = next(x for x in s.storylines() if "pg-shell-1" in x.articles)
    with _client(target) as c:
        page = c.get(f"/storylines/{line.id}", headers=HTML).text
        body = c.get(f"/api/storylines/{line.id}").json()
        events = c.get(f"/api/events?storyline={line.id}").json()["items"]
    assert 'href="/articles/pg-shell-1"' in page and 'href="/articles/pg-shell-2"' in page
    assert "Border Gazette" in page and "Eastern Courier" in page
    assert f'href="/events?storyline={line.id}"' in page
    assert [a["id"] for a in body["articles"]] == ["pg-shell-2", "pg-shell-1"]  # newest first
    assert body["storyline"]["size"] == 2 and body["note"] is None
    assert {e["article_id"] for e in events} == {"pg-shell-1", "pg-shell-2"}


def test_duplicates_page_shows_the_groups(target):
    with _client(target) as c:
        page = c.get("/duplicates", headers=HTML).text
        body = c.get("/api/duplicates").json()
    assert body["ok"] and body["count"] == 1 and body["articles"] == 2
    group = body["items"][0]
    assert group["articles"] == ["pg-wire-1", "pg-wire-2"] and group["similarity"] == 1.0
    assert [m["source"] for m in group["members"]] == ["Wire One", "Wire Two"]
    assert 'href="/articles/pg-wire-1"' in page and 'href="/articles/pg-wire-2"' in page
    assert "Wire Two" in page and "similarity ≥ 1.00" in page


def test_unknown_storyline_is_a_404_that_points_to_the_list(target):
    with _client(target) as c:
        page = c.get("/storylines/no-such-line", headers=HTML)
        api = c.get("/api/storylines/no-such-line")
    assert page.status_code == 404 and "no storyline with id" in page.text and 'href="/storylines"' in page.text
    assert api.status_code == 404 and api.json()["status"] == 404


def test_pages_say_when_the_results_are_out_of_date_and_never_write(target):
    with open_store(target) as s:
        s.write([late_article()])
        before = (s.linked_state(), s.duplicate_groups(), s.storylines())
        line = s.storylines()[0]
    with _client(target) as c:
        assert "sitroom link" in c.get("/duplicates", headers=HTML).text
        assert "sitroom link" in c.get("/api/duplicates").json()["note"]
        assert "sitroom link" in c.get("/storylines", headers=HTML).text
        assert "sitroom link" in c.get(f"/api/storylines/{line.id}").json()["note"]
    with open_store(target) as s:
        assert (s.linked_state(), s.duplicate_groups(), s.storylines()) == before


def test_before_any_link_the_pages_answer_and_say_why_they_are_empty(tmp_path):
    from samples_pages import all_samples

    path = str(tmp_path / "bare.db")
    with open_store(path) as s:
        s.write(all_samples())
    with _client(path) as c:
        for url in ("/storylines", "/duplicates"):
            r = c.get(url, headers=HTML)
            assert r.status_code == 200 and "sitroom link" in r.text, url
        assert c.get("/api/duplicates").json()["items"] == []
