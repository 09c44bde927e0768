"""The JSON API: every route answers on data, bad input gets the one error envelope."""
from __future__ import annotations

import csv
import io

import pytest

from sitroom.settings import Settings

LIST_ROUTES = ["/api/articles", "/api/events", "/api/quotes", "/api/actors",
               "/api/proposals", "/api/claims", "/api/timeline?dyad=RUS-UKR", "/api/timeline",
               "/api/network", "/api/storylines", "/api/search?q=Russia"]


def envelope(r, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str)
    return body


@pytest.mark.parametrize("url", LIST_ROUTES)
def test_list_routes_answer_with_items(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and isinstance(body["items"], list) and body["count"] == len(body["items"])
    if "storylines" not in url:
        assert body["items"], url


def test_health_counts_the_store(client):
    body = client.get("/api/health").json()
    assert body["ok"] and body["counts"]["articles"] == 3 and body["counts"]["events"] == 6


def test_openapi_schema_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/articles/{article_id}", "/api/search", "/api/ingest"):
        assert p in paths


def test_article_has_extraction_with_spans_into_its_text(client):
    body = client.get("/api/articles/art-1").json()
    text = body["text"]
    ev = body["extraction"]["events"][0]
    assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"] == "accused"
    q = body["extraction"]["quotes"][0]
    assert text[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]


@pytest.mark.parametrize("query,expected", [
    ("actor=RUS", {"ACCUSE", "MOBILIZE", "THREATEN", "ASSAULT"}),
    ("actor=rus&target=USA", set()),
    ("target=RUS", {"REJECT"}),
    ("type=assault", {"ASSAULT"}),
    ("quad_class=4", {"MOBILIZE", "ASSAULT"}),
    ("since=2021-12-18&until=2021-12-18", {"THREATEN"}),
    ("since=2021-12", {"ACCUSE", "MOBILIZE", "REJECT", "THREATEN", "ASSAULT", "REQUEST"}),
])
def test_event_filters(client, query, expected):
    body = client.get(f"/api/events?{query}").json()
    assert {e["type"] for e in body["items"]} == expected


def test_event_cursor_walks_every_event_once(client):
    seen, url, pages = [], "/api/events?limit=2", 0
    while url:
        body = client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        pages += 1
        url = f"/api/events?limit=2&cursor={body['next']}" if body["next"] else None
    assert pages == 3 and len(seen) == 6 == len(set(seen))


def test_quotes_by_speaker_code_or_name(client):
    by_name = client.get("/api/quotes?speaker=Lavrov").json()["items"]
    assert [q["content"]["text"] for q in by_name] == ["We will not accept this,"]
    assert client.get("/api/quotes?speaker=RUS").json()["count"] == 2


def test_actor_profile_and_claims(client):
    rus = client.get("/api/actors/RUS").json()
    assert rus["code"] == "RUS" and any(p["name"] == "Sergei Lavrov" for p in rus["people"])
    claims = client.get("/api/claims?unit=troops").json()["items"]
    assert sorted(c["value"] for c in claims) == [3000, 100000]


def test_timeline_counts_the_dyad_per_day(client):
    body = client.get("/api/timeline?dyad=RUS-UKR").json()
    assert body["dyad"] == "RUS-UKR"
    assert sum(d["events"] for d in body["items"]) == 4
    assert all(d["q3"] + d["q4"] == d["events"] for d in body["items"])
    assert [d["date"] for d in body["items"]] == sorted(d["date"] for d in body["items"])


def test_network_edges_weighted_by_events(client):
    edges = {(e["source"], e["target"]): e for e in client.get("/api/network").json()["items"]}
    assert edges[("RUS", "UKR")]["weight"] == 4 and edges[("RUS", "UKR")]["quad_class"] in (3, 4)


@pytest.mark.parametrize("url", ["/api/events.csv", "/api/events?format=csv", "/api/claims.csv",
                                 "/api/actors?format=csv", "/api/timeline.csv?dyad=RUS-UKR",
                                 "/api/articles.csv", "/api/quotes.csv"])
def test_lists_download_as_csv(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(rows[0].keys())


def test_csv_cells_cannot_start_a_formula(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?type=ACCUSE").text)))
    assert rows[0]["goldstein"] == "-2.0"  # numbers stay numbers
    assert rows[0]["source"] == "RUS"      # actor lists become their codes


@pytest.mark.parametrize("url", [
    "/api/events?limit=0", "/api/events?limit=501", "/api/events?limit=abc", "/api/events?type=FOO",
    "/api/events?quad_class=9", "/api/events?since=yesterday", "/api/events?until=2021-13-40",
    "/api/events?cursor=not-a-cursor", "/api/events?actor=R%20U%20S", "/api/events?format=xml",
    "/api/timeline?dyad=RUSUKR", "/api/timeline?dyad=A-B-C", "/api/search", "/api/search?q=",
    "/api/search?q=%20%20", "/api/actors?limit=-1", "/api/events?storyline=nope",
])
def test_bad_parameters_get_the_envelope_with_400(client, url):
    envelope(client.get(url), 400)


@pytest.mark.parametrize("url", ["/api/articles/no-such-article", "/api/actors/ZZZ", "/api/nope",
                                 "/nope/at/all"])
def test_unknown_ids_and_routes_get_404(client, url):
    envelope(client.get(url), 404)


def test_wrong_method_gets_405(client):
    envelope(client.post("/api/events"), 405)
    envelope(client.delete("/api/articles/art-1"), 405)


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", ")", "Russia OR", '"unbalanced phrase', "^x", "a:b",
                               "'; DROP TABLE articles; --", "NEAR(Russia Ukraine, 2)", "-", "(((", "\u0000",
                               "<script>alert(1)</script>", "AND AND", "🙂"])
def test_hostile_search_text_never_crashes(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        envelope(r, 400)


def test_a_crash_gets_the_500_envelope_without_details():
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    class Broken:
        def counts(self):
            raise RuntimeError("secret internals")

    with TestClient(create_app(Broken(), Settings()), raise_server_exceptions=False) as c:
        body = envelope(c.get("/api/health"), 500)
        assert "secret" not in body["error"]


def test_security_headers_on_api_and_errors(client):
    for url in ("/api/events", "/api/nope", "/api/events?limit=0"):
        h = client.get(url).headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"]


def test_without_crossdoc_results_storylines_are_empty_with_a_note(client):
    body = client.get("/api/storylines").json()
    assert body["items"] == [] and "sitroom link" in body["note"]
    assert "note" in client.get("/api/timeline?dyad=RUS-UKR").json()


def test_storylines_and_timeline_from_the_crossdoc_step(linked_client):
    lines = linked_client.get("/api/storylines").json()
    assert lines["note"] is None and lines["items"]
    line = lines["items"][0]
    events = linked_client.get(f"/api/events?storyline={line['id']}").json()["items"]
    assert events and {e["article_id"] for e in events} <= set(line["articles"])
    series = linked_client.get("/api/timeline?dyad=RUS-UKR").json()
    assert series["note"] is None and sum(d["events"] for d in series["items"]) == 4
