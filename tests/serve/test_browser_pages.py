"""Permalinks, the map, storylines and duplicates in a real browser (Playwright + the
Debian Chromium), and the readability of every page: no clipped tables from 1280 px
up, no sideways scrolling at 400 px, WCAG AA text contrast. Skips cleanly when
Playwright or /usr/bin/chromium is missing; screenshots go to test-artifacts/."""
from __future__ import annotations

import pytest

from samples_pages import write_linked
from sitroom.settings import Settings
from test_browser import _shot, browser, running, watch  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAGES = ["/", "/articles", "/articles/art-1", "/events", "/actors", "/actors/RUS", "/quotes", "/timeline",
         "/network", "/positions", "/claims", "/search?q=Russia", "/map", "/map?at=49.99,36.23",
         "/storylines", "/duplicates", "/events/1", "/quotes/1", "/proposals/1"]

CONTRAST = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (c, base) => ({r: c.r * c.a + base.r * (1 - c.a), g: c.g * c.a + base.g * (1 - c.a),
                              b: c.b * c.a + base.b * (1 - c.a), a: 1});
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let out = {r: 255, g: 255, b: 255, a: 1};
    for (const c of layers.reverse()) out = over(c, out);
    return out; };
  const bad = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg") || el.closest(".sr-only") || ["SCRIPT", "STYLE", "OPTION"].includes(el.tagName)) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden") continue;
    const bg = background(el), fg = over(parse(s.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < need) bad.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} < ${need} "${el.textContent.trim().slice(0, 30)}"`);
  }
  return bad;
}"""

OVERFLOW = """() => ({page: document.documentElement.scrollWidth - innerWidth,
  tables: [...document.querySelectorAll(".table-wrap")].filter(w => w.scrollWidth > w.clientWidth + 1)
            .map(w => `${w.querySelector("table")?.className}: ${w.scrollWidth} > ${w.clientWidth}`)})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("browser-pages") / "web.db")
    write_linked(path)
    with running(path, Settings(min_confidence=0)) as url:
        yield url


def _page(browser, width: int = 1280, js: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
    return context, watch(context.new_page(), responses=False)  # error pages answer 404 on purpose


@pytest.fixture()
def page(browser):
    context, pg = _page(browser)
    yield pg
    context.close()


def test_event_permalink_highlights_its_sentence_and_lists_the_reports(server, page):
    page.goto(server + "/events")
    row = page.locator("table.events tbody tr", has_text="struck Kharkiv before dawn")
    with page.expect_navigation():
        row.locator("a.permalink").click()
    assert page.locator("blockquote.context-text mark.hl-event").inner_text() == "struck"
    sentence = "".join(page.locator("mark.hl-sentence").all_inner_texts())  # cut where the trigger is
    assert sentence == "Russian artillery struck Kharkiv before dawn on Thursday."
    reports = page.locator("table.mentions tbody tr")
    assert reports.count() == 2 and "Eastern Courier" in reports.nth(1).inner_text() + reports.nth(0).inner_text()
    _shot(page, "pages-event-permalink")
    assert page.problems == []


def test_a_list_row_opens_its_fact_in_the_article(server, page):
    page.goto(server + "/events")
    link = page.locator("table.events tbody tr", has_text="struck Kharkiv before dawn").locator("a.span-link")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/articles/pg-shell-1#event-0")
    anchor = page.locator("#event-0")
    assert anchor.count() == 1
    mark = page.locator("#article-text mark.hl-event").first
    assert mark.inner_text() == "struck" and mark.is_visible()
    page.goto(server + "/quotes")
    with page.expect_navigation():
        page.locator("ul.quotes li", has_text="The windows shook all night").first.locator("a.span-link").click()
    assert "#quote-0" in page.url and page.locator("#quote-0").count() == 1
    assert page.problems == []


def test_the_map_is_svg_that_works_without_javascript(server, browser):
    context, pg = _page(browser, js=False)
    try:
        pg.goto(server + "/map")
        assert pg.locator("svg#world-map .land path").count() > 170
        points = pg.locator("svg#world-map a.point")
        assert points.count() == 2
        with pg.expect_navigation():
            pg.locator('svg#world-map a.point[data-at="49.99,36.23"] circle').click(force=True)
        assert "at=49.99%2C36.23" in pg.url
        listed = pg.locator("#point-events table.events tbody tr")
        assert listed.count() == 2 and "Kharkiv" in pg.locator("#point-events h2").inner_text()
        _shot(pg, "pages-map-no-js")
        assert pg.problems == []
    finally:
        context.close()


def test_the_map_filters_submit_with_javascript_on(server, page):
    page.goto(server + "/map")
    with page.expect_navigation():
        page.select_option("#map-filters select[name=type]", "AGREE")
    assert "type=AGREE" in page.url and page.locator("svg#world-map a.point").count() == 1
    assert page.problems == []


def test_storylines_and_duplicates_pages(server, page):
    page.goto(server + "/storylines")
    lines = page.locator("table.storylines tbody tr")
    assert lines.count() >= 2
    with page.expect_navigation():
        page.locator("table.storylines a", has_text="kharkiv").first.click()
    assert page.locator("table.articles tbody tr").count() == 2
    page.goto(server + "/duplicates")
    assert page.locator("section.group li").count() == 2
    _shot(page, "pages-duplicates")
    assert page.problems == []


def test_error_pages_in_the_browser_say_how_to_fix_it(server, page):
    r = page.goto(server + "/events/999999")
    assert r.status == 404
    assert "404" in page.locator("h1").inner_text() and page.get_by_text("How to fix it").is_visible()
    r = page.goto(server + "/events?type=FLY")
    assert r.status == 400 and "PLOVER" in page.locator("p.error").inner_text()


@pytest.mark.parametrize("width", [1280, 1600])
def test_no_table_is_clipped_on_a_desktop(server, browser, width):
    context, pg = _page(browser, width)
    try:
        clipped = {}
        for url in PAGES:
            pg.goto(server + url)
            got = pg.evaluate(OVERFLOW)
            if got["page"] > 0 or got["tables"]:
                clipped[url] = got
        assert clipped == {}
    finally:
        context.close()


def test_usable_at_400_px(server, browser):
    context, pg = _page(browser, 400)
    try:
        wide = {}
        for url in PAGES:
            pg.goto(server + url)
            got = pg.evaluate(OVERFLOW)
            nav = pg.evaluate("() => [...document.querySelectorAll('header nav a')]"
                              ".filter(a => a.getBoundingClientRect().right > innerWidth).length")
            if got["page"] > 0 or nav:
                wide[url] = (got["page"], nav)
        _shot(pg, "pages-400px-map")
        assert wide == {}
    finally:
        context.close()


def test_text_contrast_meets_wcag_aa(server, page):
    low = {}
    for url in PAGES:
        page.goto(server + url)
        bad = page.evaluate(CONTRAST)
        if bad:
            low[url] = bad[:5]
    assert low == {}
