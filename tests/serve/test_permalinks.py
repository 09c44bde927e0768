"""Permalinks of events, quotes and proposals, their JSON twins, and the links to them
from every list (in-process ASGI client over our own sample articles)."""
from __future__ import annotations

import re

import pytest

from samples_pages import all_samples, write_linked
from sitroom.settings import Settings
from sitroom.store import open_store

HTML = {"Accept": "text/html"}


def _client(target: str, **settings):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    return TestClient(create_app(target, Settings(**settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("permalinks") / "web.db")
    write_linked(path)
    return path


@pytest.fixture(scope="module")
def c(target):
    with _client(target, min_confidence=0) as client:
        yield client


@pytest.fixture(scope="module")
def ids(target) -> dict:
    """Row ids by (article id, idx), per kind."""
    with open_store(target) as s:
        return {kind: {(r["article_id"], r["idx"]): r["id"] for r in getattr(s, kind)(limit=1000)}
                for kind in ("events", "quotes", "proposals")}


def test_event_permalink_shows_the_sentence_in_context_and_every_reporting_article(c, ids):
    eid, other = ids["events"][("pg-shell-1", 0)], ids["events"][("pg-shell-2", 0)]
    r = c.get(f"/events/{eid}", headers=HTML)
    assert r.status_code == 200
    page = r.text
    assert '<mark class="hl hl-event hl-sentence"' in page and ">struck</mark>" in page
    assert "Russian artillery struck Kharkiv before dawn on Thursday." in page
    assert 'href="/articles/pg-shell-1#event-0"' in page       # its own span
    assert 'href="/articles/pg-shell-2#event-0"' in page       # the other report's span
    assert f'href="/events/{other}"' in page                    # and its permalink
    assert "Border Gazette" in page and "Eastern Courier" in page
    for fact in ("ASSAULT", "195", "4 material conflict", "-10.0", "0.90", "Kharkiv"):
        assert fact in page, fact
    assert 'href="/api/events/%d"' % eid in page  # the JSON twin is linked


def test_event_json_twin_carries_the_same_facts(c, ids):
    eid = ids["events"][("pg-shell-2", 0)]
    body = c.get(f"/api/events/{eid}").json()
    assert body["ok"] is True and body["event"]["id"] == eid and body["event"]["cameo"] == "195"
    assert "struck Kharkiv early on Thursday" in body["context"]["text"]
    assert body["merged_event"]["num_articles"] == 2
    assert sorted(m["article"] for m in body["mentions"]) == ["pg-shell-1", "pg-shell-2"]
    assert [m["this"] for m in body["mentions"] if m["article"] == "pg-shell-2"] == [True]
    assert body["links"]["span"] == "/articles/pg-shell-2#event-0"


def test_flags_of_a_hypothetical_negated_event_are_shown(c, ids):
    eid = ids["events"][("pg-maybe", 0)]
    page = c.get(f"/events/{eid}", headers=HTML).text
    assert '<span class="flag">negated</span>' in page and '<span class="flag">hypothetical</span>' in page
    assert "No other article was found reporting this event" in page  # not merged: it did not happen
    assert c.get(f"/api/events/{eid}").json()["flags"] == ["negated", "hypothetical"]


def test_quote_and_proposal_permalinks(c, ids):
    qid = ids["quotes"][("pg-shell-1", 0)]
    page = c.get(f"/quotes/{qid}", headers=HTML).text
    assert "The windows shook all night" in page and 'href="/articles/pg-shell-1#quote-0"' in page
    assert '<mark class="hl hl-cue"' in page and "anonymous" in page
    body = c.get(f"/api/quotes/{qid}").json()
    assert body["quote"]["kind"] == "direct" and body["quote"]["cue"]["text"] == "said"
    pid = ids["proposals"][("art-1", 0)]
    page = c.get(f"/proposals/{pid}", headers=HTML).text
    assert "NATO stop expanding" in page and "withdraw forces from Eastern Europe" in page
    assert 'href="/articles/art-1#proposal-0"' in page and 's-reject' in page
    body = c.get(f"/api/proposals/{pid}").json()
    assert [p["stance"] for p in body["proposal"]["positions"]] == ["reject"]


@pytest.mark.parametrize("url", ["/events/999999", "/quotes/999999", "/proposals/999999"])
def test_unknown_ids_are_a_404_that_says_where_to_look(c, url):
    kind = url.split("/")[1][:-1]
    page = c.get(url, headers=HTML)
    assert page.status_code == 404
    assert f"no {kind} with id" in page.text and "How to fix it" in page.text
    api = c.get("/api" + url)
    assert api.status_code == 404
    assert api.json() == {"ok": False, "error": api.json()["error"], "status": 404}
    assert f"/api/{kind}s" in api.json()["error"]


@pytest.mark.parametrize("bad", ["abc", "0", "-4", "1e3"])
def test_malformed_ids_are_a_400_naming_the_kind(c, bad):
    r = c.get(f"/api/events/{bad}")
    assert r.status_code == 400 and "event id must be a whole number" in r.json()["error"]


def _anchors(c, article_id: str) -> set[str]:
    return set(re.findall(r'id="([a-z]+-\d+)"', c.get(f"/articles/{article_id}", headers=HTML).text))


def _span_links(html: str, kind: str) -> list[tuple[str, str]]:
    return re.findall(r'href="/articles/([^"#]+)#(%s-\d+)"' % kind, html)


@pytest.mark.parametrize("url, kind", [("/events", "event"), ("/", "event"), ("/actors/RUS", "event"),
                                       ("/quotes", "quote"), ("/actors/RUS", "quote"), ("/claims", "num"),
                                       ("/positions", "proposal")])
def test_every_list_row_links_to_an_anchor_that_exists(c, url, kind):
    page = c.get(url, headers=HTML).text
    links = _span_links(page, kind)
    assert links, f"{url} has no links to {kind} spans"
    for aid, anchor in set(links):
        assert anchor in _anchors(c, aid), (url, aid, anchor)


def test_every_events_row_links_its_span_and_its_permalink(c, ids):
    page = c.get("/events", headers=HTML).text
    rows = re.findall(r"<tr>\s*<td class=\"nowrap\">.*?</tr>", page, re.S)
    assert len(rows) == len(ids["events"])  # min_confidence=0: every stored event is listed
    for row in rows:
        assert re.search(r'href="/articles/[^"#]+#event-\d+"', row), row
        permalink = re.search(r'href="/events/(\d+)"', row)
        assert permalink and int(permalink[1]) in ids["events"].values()


def test_positions_board_links_each_mention_to_its_proposal_page(c, ids):
    # the board has one row per merged proposal (link's board), each mention of it linked
    # to its span and its permalink; the sample proposal has a single mention
    page = c.get("/positions", headers=HTML).text
    pid = ids["proposals"][("art-1", 0)]
    assert page.count(f'href="/proposals/{pid}"') == 1
    assert page.count('href="/articles/art-1#proposal-0"') == 1
    [row] = c.get("/api/positions").json()["items"]
    assert [m["links"] for m in row["mentions"]] == [{"span": "/articles/art-1#proposal-0",
                                                       "permalink": f"/proposals/{pid}"}]
    one = c.get(f"/positions/{row['id']}", headers=HTML).text
    assert f'href="/proposals/{pid}"' in one and 'href="/articles/art-1#proposal-0"' in one


def test_same_answers_on_postgres(request, target):
    """The permalink JSON is the same on both backends for the same articles."""
    pg = request.getfixturevalue("pg_server").database("permalinks")
    write_linked(pg)
    with open_store(target) as s:
        keys = [(r["article_id"], r["idx"]) for r in s.events(limit=1000)]
    with _client(target) as lite, _client(pg) as post:
        with open_store(pg) as s:
            pg_ids = {(r["article_id"], r["idx"]): r["id"] for r in s.events(limit=1000)}
        with open_store(target) as s:
            lite_ids = {(r["article_id"], r["idx"]): r["id"] for r in s.events(limit=1000)}
        for key in keys:
            a = lite.get(f"/api/events/{lite_ids[key]}").json()
            b = post.get(f"/api/events/{pg_ids[key]}").json()
            for body in (a, b):  # row ids may differ between the databases
                body["event"].pop("id")
                body.pop("links")
                body.pop("linked")
                for m in body["mentions"]:
                    m.pop("event_id"), m.pop("permalink")
            assert a == b, key


test_same_answers_on_postgres = pytest.mark.postgres(test_same_answers_on_postgres)
