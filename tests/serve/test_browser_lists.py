"""The list views in a real browser: sorting by a column, paging with the cursor, the
filter bar kept in the URL, the download links and the chart bars leading to the list
they count (headless Chromium driven by Playwright, as tests/serve/test_browser.py)."""
from __future__ import annotations

import csv
import io
import json
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from samples_lists import corpus
from test_browser import _shot, browser, page, running  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("browser-lists") / "lists.db"
    with open_store(str(path)) as store:
        store.write(corpus())
    with running(str(path)) as url:
        yield url


def api(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + path) as r:
        return json.loads(r.read())


def column(pg, n: int) -> list[str]:
    return [c.strip() for c in pg.locator(f"table.events tbody tr td:nth-child({n})").all_inner_texts()]


def test_clicking_a_column_header_sorts_the_events(server, page):
    page.goto(server + "/events")
    days = column(page, 1)
    assert days == sorted(days, reverse=True)  # newest first
    with page.expect_navigation():
        page.click("th a.sort:text('Confidence')")
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["-confidence"]
    values = [float(v) for v in column(page, 7)]
    assert values == sorted(values, reverse=True)
    with page.expect_navigation():
        page.click("th a.sort:text('Confidence')")  # again: the other way
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["confidence"]
    values = [float(v) for v in column(page, 7)]
    assert values == sorted(values)
    assert page.locator('th[aria-sort="ascending"]').count() == 1
    _shot(page, "events-sorted")
    assert page.problems == []


def test_next_page_shows_the_following_rows_and_first_goes_back(server, page):
    page.goto(server + "/events?min_confidence=0")
    total = api(server, "/api/events?min_confidence=0")["total"]
    assert page.locator(".list-head .n").inner_text().replace(",", "") == str(total)
    first = page.locator("table.events tbody tr").all_inner_texts()
    seen = list(first)
    while page.locator("a.next").count():
        with page.expect_navigation():
            page.click("a.next")
        rows = page.locator("table.events tbody tr").all_inner_texts()
        assert rows and not set(rows) & set(first)
        seen += rows
    assert len(seen) == total
    with page.expect_navigation():
        page.click("a.first")
    assert page.locator("table.events tbody tr").all_inner_texts() == first
    assert page.problems == []


def test_the_filter_bar_narrows_the_list_and_keeps_the_url(server, page):
    page.goto(server + "/events")
    page.fill("input[name=source]", "RUR")
    with page.expect_navigation():
        page.click("form[data-filter-bar] button[type=submit]")
    query = parse_qs(urlsplit(page.url).query)
    assert query["source"] == ["RUR"] and "target" not in query  # empty fields stay out
    with page.expect_navigation():
        page.select_option("select[name=negated]", "no")  # a select submits at once
    query = parse_qs(urlsplit(page.url).query)
    assert query["source"] == ["RUR"] and query["negated"] == ["no"]
    want = api(server, "/api/events?source=RUR&negated=no")["total"]
    assert page.locator(".list-head .n").inner_text().replace(",", "") == str(want)
    assert page.locator("input[name=source]").input_value() == "RUR"
    for link in page.locator("a.download").all():
        assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"source": ["RUR"], "negated": ["no"]}
    _shot(page, "events-filter-bar")
    assert page.problems == []


def test_the_download_links_give_every_row_of_the_view(server, page):
    page.goto(server + "/events?type=ASSAULT&min_confidence=0")
    want = api(server, "/api/events?type=ASSAULT&min_confidence=0")["total"]
    hrefs = {a.inner_text(): a.get_attribute("href") for a in page.locator("a.download").all()}
    assert set(hrefs) == {"CSV of all rows", "JSON of all rows"}
    with page.expect_download() as dl:
        page.click("a.download:text('CSV of all rows')")
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert len(rows) == want and {r["type"] for r in rows} == {"ASSAULT"}
    assert all(r["url"].startswith("https://news.example/") for r in rows)
    with urllib.request.urlopen(server + hrefs["JSON of all rows"]) as r:
        assert json.loads(r.read())["count"] == want
    assert page.problems == []


def test_a_chart_bar_opens_the_list_it_counts(server, page):
    page.goto(server + "/timeline?dyad=RUR-FRE")
    bar = page.locator("svg.escalation a.bar").first
    count = int(bar.get_attribute("data-count"))
    with page.expect_navigation():
        bar.click()
    assert urlsplit(page.url).path == "/events"
    assert page.locator(".list-head .n").inner_text().replace(",", "") == str(count)
    assert page.problems == []


def test_search_shows_its_total_highlights_its_hits_and_narrows_by_a_facet(server, page):
    want = api(server, "/api/search?q=shelled&kind=events&limit=1")["total"]
    assert want > 0
    page.goto(server + "/search?q=shelled&kind=events")
    assert page.locator("strong.n").first.inner_text().replace(",", "") == str(want)
    marks = page.locator("mark").all_inner_texts()
    assert marks and all(m.lower() == "shelled" for m in marks)
    # a facet link narrows the search to fewer or as many hits, and says so
    facets = page.locator("a[href*='/search?'][href*='outlet=']")
    assert facets.count() >= 2  # the sample corpus has several outlets
    facets.first.click()
    page.wait_for_load_state()
    assert "outlet=" in page.url
    narrowed = int(page.locator("strong.n").first.inner_text().replace(",", ""))
    assert 0 < narrowed < want
