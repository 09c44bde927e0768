"""The positions board in a real browser, on the demo corpus's articles about security
guarantees and NATO (the bundled seed and the releases of ``examples/`` that name both,
parsed by the real pipeline): Russia's December 2021 security demands are one row, with
the stances of NATO, the United States and Ukraine on it; a cell opens its history and
links to the sentence that is its evidence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_browser import _shot, browser, running  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    from sitroom.crossdoc import link
    from sitroom.pipeline import ingest
    from sitroom.store import open_store

    folder = tmp_path_factory.mktemp("demo-subset")
    releases = folder / "releases.jsonl"
    with open(EXAMPLES / "presidential-releases-2021-12_2022-02.jsonl", encoding="utf-8") as f, \
            open(releases, "w", encoding="utf-8") as out:
        for line in f:
            text = json.loads(line).get("text") or ""
            if "NATO" in text and "guarantee" in text:
                out.write(line)
    db = str(folder / "demo.db")
    ingest([str(EXAMPLES / "axios-2021-12-17-russia-nato.txt"), str(releases)], db=db)
    with open_store(db) as s:
        link(s)
    return db


@pytest.fixture(scope="module")
def server(demo_db):
    with running(demo_db) as url:
        yield url


def test_russias_security_demands_are_one_row_with_nato_usa_and_ukraine(server, browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server + "/positions")
    rows = page.locator("#positions-board tbody tr")
    assert rows.count() > 1
    # one row by Russia named for its security guarantees, and only one
    russian = [rows.nth(i) for i in range(rows.count())
               if rows.nth(i).locator("td").nth(1).inner_text().split() == ["RUS"]
               and "guarantee" in rows.nth(i).locator("td").first.locator("a").first.inner_text().lower()]
    assert len(russian) == 1
    row = russian[0]
    for actor in ("NATO", "USA", "UKR"):
        cell = row.locator(f'td.cell[data-actor="{actor}"]')
        assert cell.locator(".stance").count() >= 1, actor
    # the history opens on demand; the evidence link leads to the marked sentence
    nato = row.locator('td.cell[data-actor="NATO"]')
    history = nato.locator("ol.history")
    assert not history.is_visible()
    nato.locator("summary").click()
    assert history.is_visible() and history.locator("li").count() >= 1
    _shot(page, "positions-board-demo")
    with page.expect_navigation():
        nato.locator("a.evidence").click()
    assert "/articles/" in page.url and "#pos-" in page.url
    ref = page.url.split("#", 1)[1]
    assert page.locator(f'[id="{ref}"]').count() == 1
    assert problems == []
    context.close()


def test_the_board_json_twin_has_the_same_row(server, browser):
    context = browser.new_context()
    page = context.new_page()
    body = json.loads(page.goto(server + "/api/positions").text())
    rows = [r for r in body["items"] if r["by"] == ["RUS"] and "guarantee" in r["name"].lower()]
    assert len(rows) == 1 and {"NATO", "USA"} <= set(rows[0]["cells"])
    assert all(c.isupper() for c in body["actors"])   # columns are actor codes, never words
    context.close()


def test_ukraines_stance_is_on_russias_security_demands_row(server, browser):
    context = browser.new_context()
    page = context.new_page()
    body = json.loads(page.goto(server + "/api/positions").text())
    rows = [r for r in body["items"] if r["by"] == ["RUS"] and "guarantee" in r["name"].lower()]
    context.close()
    assert len(rows) == 1 and rows[0]["cells"]["UKR"]["stance"] in ("reject", "oppose", "condemn")
