"""Lists an analyst can work with, over HTTP: true totals, newest first, sorting, keyset
pages, one filter parser for API and pages, whole-view downloads, one meaning per
number (each day, bar and facet links to exactly the list it counts), search."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from samples_lists import corpus, facts
from sitroom.settings import Settings

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    from fastapi.testclient import TestClient

    from sitroom.serve import create_app
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("lists") / "lists.db"
    with open_store(str(path)) as s:
        s.write(corpus())
    with TestClient(create_app(str(path), Settings(min_confidence=0.5)), raise_server_exceptions=False) as c:
        yield c


def total(client, url: str) -> int:
    body = client.get(url).json()
    assert body["ok"] is True, body
    return body["total"]


def hrefs(text: str, css_class: str | None = None, tag: str = "a") -> list[str]:
    pattern = rf'<{tag}[^>]*?href="([^"]+)"' if css_class is None else \
        rf'<{tag}[^>]*?class="{css_class}"[^>]*?href="([^"]+)"|<{tag}[^>]*?href="([^"]+)"[^>]*?class="{css_class}"'
    out = []
    for m in re.finditer(pattern, text):
        out.append(html.unescape(next(g for g in m.groups() if g)))
    return out


def test_events_come_newest_first_with_their_true_total(web):
    body = web.get("/api/events?limit=10").json()
    expected = sum(1 for f in facts(corpus()) if f.event.confidence >= 0.5)
    assert body["total"] == expected and body["count"] == 10 and body["truncated"] is True
    assert body["sort"] == "-day" and body["unit"] == "mentions"
    days = [e["day"] for e in body["items"]]
    assert days == sorted(days, reverse=True)
    assert all(e["url"].startswith("https://news.example/") for e in body["items"])


def test_the_cursor_walks_every_event_once_in_any_sort(web):
    for sort in ("-day", "confidence", "-goldstein", "type"):
        seen, url = [], f"/api/events?limit=9&sort={sort}"
        while url:
            body = web.get(url).json()
            seen += [e["id"] for e in body["items"]]
            url = f"/api/events?limit=9&sort={sort}&cursor={body['next']}" if body["next"] else None
        assert len(seen) == len(set(seen)) == body["total"], sort


@pytest.mark.parametrize("dyad", ["RUR-FRE", "FRE-SYL", "SYL-RUR"])
def test_each_timeline_day_is_the_total_of_its_events_list(web, dyad):
    """One meaning per number: the day count of the dyad's timeline equals the total of
    /api/events?source=..&target=..&since=DAY&until=DAY, and the day links to that list."""
    source, target = dyad.split("-")
    body = web.get(f"/api/timeline?dyad={dyad}").json()
    assert body["unit"] == "mentions" and body["items"]
    for d in body["items"]:
        url = f"/api/events?source={source}&target={target}&since={d['date']}&until={d['date']}"
        assert total(web, url) == d["events"], d["date"]
        assert total(web, d["list"]) == d["events"]
    assert sum(d["events"] for d in body["items"]) + body["undated"] == \
        total(web, f"/api/events?source={source}&target={target}")


def test_every_chart_bar_and_day_row_links_to_the_list_it_counts(web):
    for page in ("/timeline?dyad=RUR-FRE", "/", "/timeline?type=ASSAULT"):
        text = web.get(page, headers=HTML).text
        bars = re.findall(r'<a href="([^"]+)" class="bar" data-count="(\d+)">', text)
        assert bars, page
        for href, count in bars:
            query = urlsplit(html.unescape(href)).query
            assert total(web, "/api/events?" + query) == int(count), (page, href)
    text = web.get("/timeline?dyad=RUR-FRE", headers=HTML).text
    rows = re.findall(r'<a class="day" href="([^"]+)">[^<]+</a></td><td class="num" data-events="(\d+)">', text)
    assert rows
    for href, n in rows:
        assert total(web, "/api/events?" + urlsplit(html.unescape(href)).query) == int(n)


def test_facets_and_overview_counts_agree_with_the_lists(web):
    body = web.get("/api/events/facets?min_confidence=0").json()
    for name, facet in body["facets"].items():
        for value, n in facet["items"]:
            assert total(web, f"/api/events?min_confidence=0&{name}={value}") == n
    text = web.get("/", headers=HTML).text
    everything = total(web, "/api/events")
    assert f'<span class="n">{everything:,}</span> event mentions' in text
    events_page = web.get("/events", headers=HTML).text
    assert f'<span class="count">{everything:,}</span>' in events_page


def test_the_network_edges_are_the_totals_of_their_lists(web):
    body = web.get("/api/network").json()
    assert body["unit"] == "mentions" and body["items"]
    for e in body["items"]:
        assert total(web, e["list"]) == e["weight"]


@pytest.mark.parametrize("query", ["type=ASSAULT", "source=RUR&negated=no", "sector=MIL&min_confidence=0",
                                   "outlet=Valley+Times&since=2022-02", "person=firefly"])
def test_csv_and_json_downloads_hold_every_row_of_the_view(web, query):
    n = total(web, f"/api/events?{query}")
    r = web.get(f"/api/events.csv?{query}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == n
    assert all(row["url"].startswith("https://news.example/") and row["link"].startswith("/articles/")
               for row in rows)
    body = json.loads(web.get(f"/api/events.json?{query}").text)
    assert body["count"] == len(body["items"]) == n
    assert [str(e["id"]) for e in body["items"]] == [row["id"] for row in rows]


def test_the_whole_csv_outgrows_one_page(web):
    n = total(web, "/api/events?min_confidence=0")
    assert n > 50  # more than the default page (the old CSV stopped there)
    assert len(list(csv.DictReader(io.StringIO(web.get("/api/events.csv?min_confidence=0&limit=5").text)))) == n


@pytest.mark.parametrize("url", ["/api/events.csv?since=yesterday", "/api/events.json?sort=nonsense",
                                 "/api/quotes.csv?since=13-13", "/api/claims.json?sort=-colour"])
def test_a_bad_download_filter_is_a_400_before_anything_streams(web, url):
    r = web.get(url)
    assert r.status_code == 400 and r.json()["ok"] is False


@pytest.mark.parametrize("kind,url", [("quotes", "/api/quotes"), ("claims", "/api/claims"),
                                      ("articles", "/api/articles")])
def test_other_lists_download_whole_too(web, kind, url):
    n = total(web, url)
    rows = list(csv.DictReader(io.StringIO(web.get(url + ".csv").text)))
    assert len(rows) == n and all(r["url"] for r in rows if kind != "articles" or r["url"])
    assert json.loads(web.get(url + ".json").text)["count"] == n


def test_list_pages_link_their_downloads_with_their_filters(web):
    for page, api in (("/events?type=ASSAULT&source=RUR", "/api/events"), ("/quotes?outlet=Valley+Times", "/api/quotes"),
                      ("/claims?unit=tanks", "/api/claims"), ("/articles?outlet=Northern+Wire", "/api/articles")):
        text = web.get(page, headers=HTML).text
        links = hrefs(text, "download")
        assert {urlsplit(h).path for h in links} == {api + ".csv", api + ".json"}, page
        wanted = dict(parse_qsl(urlsplit(page).query))
        for h in links:
            assert dict(parse_qsl(urlsplit(h).query)) == wanted, h
        shown = re.search(r'<strong class="n">([\d,]+)</strong>', text)[1].replace(",", "")
        assert int(shown) == total(web, api + "?" + urlsplit(page).query)


def test_the_events_page_sorts_by_its_column_headers(web):
    text = web.get("/events?type=THREATEN", headers=HTML).text
    sorts = {dict(parse_qsl(urlsplit(h).query)).get("sort") for h in hrefs(text, "sort")}
    assert {"-day", "-type", "-quad_class", "-goldstein", "-confidence"} <= sorts | {"-day"}
    text = web.get("/events?sort=confidence", headers=HTML).text
    assert 'aria-sort="ascending"' in text
    api = web.get("/api/events?sort=confidence&limit=50").json()["items"]
    values = [e["confidence"] for e in api]
    assert values == sorted(values)


def test_the_filter_bar_is_the_same_on_every_event_view_and_keeps_the_url(web):
    query = "source=RUR&type=ASSAULT&negated=no&since=2022-02-01"
    for page in ("/events", "/timeline", "/network"):
        text = web.get(f"{page}?{query}", headers=HTML).text
        assert 'data-filter-bar' in text, page
        for name, value in parse_qsl(query):
            assert re.search(rf'name="{name}"[^>]*value="{value}"|<option value="{value}" selected', text) \
                or re.search(rf'<select name="{name}"[^>]*>.*?<option value="{value}" selected', text, re.S), \
                (page, name)
    twin = hrefs(web.get(f"/events?{query}", headers=HTML).text, "json")[0]
    assert dict(parse_qsl(urlsplit(twin).query)) == dict(parse_qsl(query))


def test_the_actor_page_shows_true_totals_and_links_the_whole_lists(web):
    text = web.get("/actors/RUR", headers=HTML).text
    as_source = total(web, "/api/events?source=RUR")
    assert f'Events as source <span class="count">{as_source}</span>' in text
    if as_source > 20:
        assert any("/events?source=RUR" in h for h in hrefs(text, "all"))


def test_search_has_totals_pages_highlights_and_facets(web):
    body = web.get("/api/search?q=shelled&kind=events&limit=5").json()
    want = sum(1 for f in facts(corpus()) if "shelled" in f.event.sentence.text)
    assert body["total"] == want > 5 and body["count"] == 5 and body["next"] == "5"
    assert all("«shelled»" in r["snippet"] for r in body["items"])
    second = web.get("/api/search?q=shelled&kind=events&limit=5&cursor=5").json()
    assert not {r["id"] for r in second["items"]} & {r["id"] for r in body["items"]}
    assert set(body["facets"]) == {"outlet", "month", "actor"}
    text = web.get("/search?q=shelled&kind=events", headers=HTML).text
    assert "<mark>shelled</mark>" in text and f"<strong class=\"n\">{want}</strong>" in text
    assert ('class="next"' in text) == (want > 20)


def test_a_plain_form_submit_with_empty_fields_is_no_condition(web):
    empty = "&".join(f"{k}=" for k in ("since", "until", "source", "target", "involving", "sector", "person",
                                        "type", "cameo", "quad_class", "outlet", "negated", "min_confidence"))
    r = web.get(f"/events?{empty}", headers=HTML)
    assert r.status_code == 200
    assert total(web, f"/api/events?{empty}") == total(web, "/api/events")


def test_filter_links_are_what_urlencode_writes():
    """EventFilter.link keeps each encoded pair; the links stay urlencode's, in its order."""
    from urllib.parse import urlencode

    from sitroom.serve.data import EventFilter
    from sitroom.store import EventQuery

    f = EventFilter(EventQuery(), {"source": "RUS", "outlet": "Le Monde & Co/é", "min_confidence": 0.3})
    cases = [{}, {"since": "2022-01-01", "until": "2022-01-01", "quad_class": 4}, {"source": None},
             {"outlet": "", "type": "ASSAULT"}, {"person": "Jean Dupont+ #1"}]
    for changes in cases:
        merged = {k: v for k, v in {**f.params, **changes}.items() if v not in (None, "")}
        assert f.link("/events", **changes) == f"/events?{urlencode(merged)}", changes
        assert f.link("/events", **changes) == f.link("/events", **changes)  # kept pairs, same answer
    assert EventFilter(EventQuery(), {}).link("/events") == "/events"
