"""POST /api/ingest against hostile bodies (issue 19): a bad item fails alone with its
reason and the good ones are stored; deep nesting is a 400 in the error envelope."""
from __future__ import annotations

import json

import pytest

from sitroom.settings import Settings

AUTH = {"Authorization": "Bearer secret", "Content-Type": "application/json"}
TEXT = "Russia accused Ukraine of provoking the crisis on Monday, officials said. Item {}."


@pytest.fixture()
def client(tmp_path):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app

    with TestClient(create_app(str(tmp_path / "api.db"), Settings(api_token="secret")),
                    raise_server_exceptions=False) as c:
        yield c


def post(client, raw: str):
    return client.post("/api/ingest", content=raw.encode(), headers=AUTH)


@pytest.mark.parametrize("field", ["id", "title", "source", "text"])
def test_a_lone_surrogate_fails_its_item_and_the_good_items_are_stored(client, field):
    items = [{"id": f"g{i}", "text": TEXT.format(i), "title": "T", "source": "S"} for i in range(3)]
    raw = json.dumps(items)
    raw = raw.replace(f'"{field}": "{items[1][field]}"', f'"{field}": "{items[1][field]}\\udc80"', 1)
    r = post(client, raw)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == 2 and body["ok"] is False
    (f,) = body["failed"]
    assert f["code"] == "decode" and "lone surrogate" in f["message"] and field in f["message"]
    assert client.get("/api/health").json()["counts"]["articles"] == 2


@pytest.mark.parametrize("raw", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_a_deeply_nested_body_is_a_400_in_the_envelope(client, raw):
    r = post(client, raw)
    assert r.status_code == 400
    assert r.json()["ok"] is False and r.json()["status"] == 400 and "nested too deep" in r.text


@pytest.mark.parametrize("date", ["9999-99-99", "2021-13-01", "2021-02-30", "yesterday-ish"])
def test_an_invalid_date_fails_its_item(client, date):
    good = {"id": "ok", "text": TEXT.format(1), "published": "2021-12-20"}
    r = post(client, json.dumps([good, {"id": "bad", "text": TEXT.format(2), "published": date}]))
    body = r.json()
    assert body["stored"] == 1 and [f["item"] for f in body["failed"]] == ["bad"]
    assert "is not a date" in body["failed"][0]["message"]
    assert client.get("/api/articles/ok").json()["published"] == "2021-12-20"


def test_the_same_id_from_another_source_is_stored_not_skipped(client):
    a = {"id": "x", "text": TEXT.format("a"), "source": "A"}
    b = {"id": "x", "text": TEXT.format("b"), "source": "B"}
    assert post(client, json.dumps(a)).json()["stored"] == 1
    r = post(client, json.dumps(b)).json()
    assert r["stored"] == 1 and r["versions"][0]["id"] == "x@B"
    assert post(client, json.dumps([a, b][1])).json()["duplicates"] == 1
