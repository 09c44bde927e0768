"""The positions board on the web: /positions and its JSON twin /api/positions (and
.csv), one proposal's page and JSON, the article anchor its evidence links to; reads
of a store never linked answer an empty board with a note, and never write."""
from __future__ import annotations

import csv
import io

from sitroom.store import open_store


def test_api_board_rows_cells_and_columns(linked_client):
    body = linked_client.get("/api/positions").json()
    assert body["ok"] is True and body["count"] == len(body["items"]) == 1
    [row] = body["items"]
    assert row["by"] == ["RUS"] and row["items"] == ["NATO stop expanding", "withdraw forces from Eastern Europe"]
    assert body["actors"] == ["USA"] and body["names"] == {"USA": "United States"}
    cell = row["cells"]["USA"]
    assert (cell["stance"], cell["date"], cell["article"]) == ("reject", "2021-12-17", "art-1")
    assert cell["evidence"]["text"] == "The United States rejected the proposal."
    assert cell["anchor"] == "/articles/art-1#pos-0" and len(cell["history"]) == 1


def test_the_evidence_anchor_is_on_the_article_page(linked_client):
    html = linked_client.get("/articles/art-1").text
    assert 'id="pos-0"' in html and 'data-jump="pos-0"' in html


def test_board_page_shows_the_row_the_cell_and_the_history(linked_client):
    r = linked_client.get("/positions")
    assert r.status_code == 200
    html = r.text
    assert 'id="positions-board"' in html and "NATO stop expanding" in html
    assert html.count('class="stance s-reject"') == 2       # the cell and its history entry
    assert 'href="/articles/art-1#pos-0"' in html and 'href="/api/positions"' in html


def test_one_proposal_page_and_json(linked_client):
    [row] = linked_client.get("/api/positions").json()["items"]
    one = linked_client.get(f"/api/positions/{row['id']}").json()
    assert one["ok"] and one["id"] == row["id"] and one["actors"] == ["USA"]
    assert one["mentions"][0]["article"] == "art-1"
    html = linked_client.get(f"/positions/{row['id']}").text
    assert 'id="proposal-history"' in html and f'href="/api/positions/{row["id"]}"' in html
    missing = linked_client.get("/api/positions/pr-nope")
    assert missing.status_code == 404 and missing.json()["ok"] is False


def test_actor_filter_and_bad_actor(linked_client):
    assert linked_client.get("/api/positions?actor=usa").json()["count"] == 1
    assert linked_client.get("/api/positions?actor=NATO").json()["count"] == 0
    bad = linked_client.get("/api/positions", params={"actor": "' OR 1=1"})
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_board_downloads_as_csv_one_row_per_cell(linked_client):
    r = linked_client.get("/api/positions.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["actor"], x["stance"], x["article"]) for x in rows] == [("USA", "reject", "art-1")]


def test_a_store_never_linked_answers_an_empty_board_and_writes_nothing(client, db_path):
    body = client.get("/api/positions").json()
    assert body["ok"] is True and body["items"] == [] and "sitroom link" in body["note"]
    with open_store(str(db_path)) as s:
        assert s.linked_state() == {} and s.merged_proposals() == []


def test_the_board_is_kept_until_the_data_changes(linked_db_path, tmp_path):
    import shutil

    import sitroom
    from sitroom.crossdoc import link
    from sitroom.crossdoc.board import positions_board
    from sitroom.records import Article

    path = tmp_path / "board.db"
    shutil.copy(linked_db_path, path)
    with open_store(str(path)) as store:
        first, again = positions_board(store), positions_board(store)
        assert first == again and first is not again  # a fresh copy of the kept answer
        assert "FRA" not in first.actors
        text = "France rejected Russia's proposal that NATO stop expanding on Monday."
        art = Article("art-new", text, title="France and the proposal", published="2021-12-20",
                      source="Example Wire", url="https://example.org/new")
        store.write([(art, sitroom.extract(art))])
        link(store)
        after = positions_board(store)
    assert after != first  # the kept board followed the write and the link


def test_the_kept_page_json_and_table_follow_a_write_and_a_link(linked_db_path, tmp_path):
    """The page's drawn table and the JSON bytes are kept per data version: a new article
    and a link show on the next request."""
    import shutil

    from fastapi.testclient import TestClient

    import sitroom
    from sitroom.crossdoc import link
    from sitroom.records import Article
    from sitroom.serve import create_app
    from sitroom.settings import Settings

    path = tmp_path / "board.db"
    shutil.copy(linked_db_path, path)
    with TestClient(create_app(str(path), Settings())) as c:
        before_json, before_html = c.get("/api/positions").json(), c.get("/positions").text
        assert "FRA" not in before_json["actors"] and 'data-actor="FRA"' not in before_html
        text = "France rejected Russia's proposal that NATO stop expanding on Monday."
        art = Article("art-new", text, title="France and the proposal", published="2021-12-20",
                      source="Example Wire", url="https://example.org/new")
        with open_store(str(path)) as store:
            store.write([(art, sitroom.extract(art))])
            link(store)
        after_json, after_html = c.get("/api/positions").json(), c.get("/positions").text
    assert "FRA" in after_json["actors"] and 'data-actor="FRA"' in after_html


def test_the_board_comes_a_page_at_a_time(linked_client):
    body = linked_client.get("/api/positions", params={"limit": 1}).json()
    assert (body["count"], body["total"], body["truncated"], body["next"]) == (1, 1, False, None)
    assert body["columns"] == ["USA"] and body["items"][0]["mentions_cut"] == 0
    bad = linked_client.get("/api/positions", params={"cursor": "garbage"})
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]
    assert linked_client.get("/api/positions", params={"limit": 0}).status_code in (400, 422)
