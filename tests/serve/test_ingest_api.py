"""POST /api/ingest: off without a token, 401 without the right bearer, stores with it."""
from __future__ import annotations

import pytest

from sitroom.settings import Settings

ARTICLE = {"id": "posted-1", "published": "2021-12-20", "title": "Talks",
           "text": "Russia accused Ukraine of provoking the crisis on Monday. NATO rejected the demands."}


@pytest.fixture()
def make_client(tmp_path):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    def make(token: str = ""):
        return TestClient(create_app(str(tmp_path / "ingest.db"), Settings(api_token=token)),
                          raise_server_exceptions=False)
    return make


def test_ingest_is_refused_when_no_token_is_configured(make_client):
    with make_client() as c:
        r = c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and r.json()["ok"] is False and r.json()["status"] == 403


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic c2VjcmV0", "secret", "Bearer "])
def test_ingest_needs_the_right_bearer_token(make_client, header):
    headers = {"Authorization": header} if header is not None else {}
    with make_client("secret") as c:
        r = c.post("/api/ingest", json=[ARTICLE], headers=headers)
        assert r.status_code == 401 and r.json()["status"] == 401
        assert c.get("/api/health").json()["counts"]["articles"] == 0


def test_ingest_with_token_extracts_and_stores(make_client):
    auth = {"Authorization": "Bearer secret"}
    bad = {"id": "empty-1", "text": "   "}
    with make_client("secret") as c:
        r = c.post("/api/ingest", json={"articles": [ARTICLE, bad, "nonsense"]}, headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == 1 and body["received"] == 3
        assert {f["item"] for f in body["failed"]} == {"empty-1", "item 2"}
        stored = c.get("/api/articles/posted-1").json()
        assert stored["text"] == ARTICLE["text"] and "entities" in stored["extraction"]
        again = c.post("/api/ingest", json=ARTICLE, headers=auth).json()
        assert again["stored"] == 0 and again["duplicates"] == 1


@pytest.mark.parametrize("body", [b"{not json", b'"a string"', b"42"])
def test_ingest_rejects_a_body_that_is_not_articles(make_client, body):
    with make_client("secret") as c:
        r = c.post("/api/ingest", content=body, headers={"Authorization": "Bearer secret",
                                                          "Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["ok"] is False


def test_ingest_refuses_a_body_over_max_bytes(tmp_path):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    app = create_app(str(tmp_path / "small.db"), Settings(api_token="secret", max_bytes=100))
    with TestClient(app) as c:
        r = c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": "Bearer secret"})
        assert r.status_code == 413 and r.json() == {"ok": False, "error": r.json()["error"], "status": 413}
