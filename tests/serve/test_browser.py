"""The pages in a real browser (headless Debian Chromium driven by Playwright).

Skips cleanly when Playwright or /usr/bin/chromium is missing. Screenshots go to
test-artifacts/.
"""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from samples_web import HOSTILE_ID, samples
from sitroom.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = ["/", "/articles", "/articles/art-1", f"/articles/{HOSTILE_ID}", "/events", "/events?type=ACCUSE",
         "/actors", "/actors/RUS", "/quotes", "/timeline?dyad=RUS-UKR", "/network", "/positions",
         "/claims", "/search?q=Russia"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(path: str, settings: Settings | None = None) -> Iterator[str]:
    """A uvicorn server over the store at ``path`` in a background thread: its base URL."""
    import uvicorn

    from sitroom.serve import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(path, settings or Settings()), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server over a store of the sample articles."""
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("browser") / "web.db"
    with open_store(str(path)) as store:
        store.write(samples())
    with running(str(path)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def watch(pg, *, responses: bool = True):
    """Record on ``pg.problems`` console errors and warnings, page errors, failed requests
    and (with ``responses``) answers of 400 and above. A request the browser itself
    abandons when the page moves on (net::ERR_ABORTED) is no fault of the page."""
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}")
          if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
          else pg.problems.append(f"request failed: {r.url} ({r.failure})"))
    if responses:
        pg.on("response", lambda r: pg.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return pg


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors, page errors, failed requests and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = watch(context.new_page())
    pg.dialogs = []

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def _shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_without_console_errors(server, page, url):
    response = page.goto(server + url, wait_until="load")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    _shot(page, "page" + url.replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_"))
    assert page.problems == []
    assert page.dialogs == []


def test_changing_a_filter_changes_the_events_table(server, page):
    page.goto(server + "/events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 6
    with page.expect_navigation():
        page.select_option("select[name=type]", "ASSAULT")
    assert "type=ASSAULT" in page.url
    assert rows.count() == 1
    assert page.locator("table.events tbody tr .type").inner_text() == "ASSAULT"
    with page.expect_navigation():
        page.select_option("select[name=quad_class]", "3")
    assert rows.count() == 1 and "No events" in rows.inner_text()
    _shot(page, "events-filtered")
    assert page.problems == []


def test_article_page_highlights_spans(server, page):
    page.goto(server + "/articles/art-1")
    text = page.locator("#article-text").inner_text()
    trigger = page.locator('mark.hl-event[data-start]').first
    start, end = int(trigger.get_attribute("data-start")), int(trigger.get_attribute("data-end"))
    assert trigger.inner_text() == "accused"
    assert page.locator("mark.hl-quote").count() >= 1 and page.locator("mark.hl-num").count() >= 1
    assert end - start == len("accused") and "Russia accused Ukraine" in text
    # the side panel's link flashes its span; the toggles hide a kind of highlight
    page.click('a[data-jump="event-0"]')
    assert "flash" in (page.locator("mark.hl-event").first.get_attribute("class") or "")
    page.uncheck('input[data-toggle="event"]')
    assert "hide-event" in (page.locator("#article-text").get_attribute("class") or "")
    _shot(page, "article-highlights")
    assert page.problems == []


def test_hostile_article_shows_the_script_as_text(server, page):
    page.goto(server + f"/articles/{HOSTILE_ID}")
    page.wait_for_load_state("networkidle")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert "<img src=x onerror=alert(1)>" in page.locator("#article-text").inner_text()
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("document.scripts.length") == 1  # only /static/app.js
    page.goto(server + "/events?type=THREATEN")
    page.goto(server + "/actors/RUS")
    assert page.dialogs == []
    _shot(page, "hostile")
