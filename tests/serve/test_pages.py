"""Server-rendered pages: they answer, link to their JSON twin, and never echo markup."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from samples_web import HOSTILE_ID

HTML = {"Accept": "text/html"}
PAGES = {
    "/": "/api/health",
    "/articles": "/api/articles",
    "/articles/art-1": "/api/articles/art-1",
    f"/articles/{HOSTILE_ID}": f"/api/articles/{HOSTILE_ID}",
    "/events": "/api/events",
    "/events?type=ACCUSE&actor=RUS": "/api/events?",
    "/actors": "/api/actors",
    "/actors/RUS": "/api/actors/RUS",
    "/quotes": "/api/quotes",
    "/quotes?speaker=Lavrov": "/api/quotes?speaker=Lavrov",
    "/timeline": "/api/timeline",
    "/timeline?dyad=RUS-UKR": "/api/timeline?dyad=RUS-UKR",
    "/network": "/api/network",
    "/positions": "/api/positions",
    "/claims": "/api/claims",
    "/search?q=Russia": "/api/search?q=Russia",
    "/search": "/api/search",
}


def page(client, url: str, status: int = 200) -> str:
    r = client.get(url, headers=HTML)
    assert r.status_code == status, (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.mark.parametrize("url,twin", PAGES.items())
def test_every_page_answers_and_links_its_json_twin(client, url, twin):
    text = page(client, url)
    assert f'href="{html.escape(twin)}' in text


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would parse them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_style_or_handlers(client, url):
    text = page(client, url)
    tags = Tags(text).tags
    assert all(attrs.get("src", "").startswith("/static/") for tag, attrs in tags if tag == "script")
    assert not [tag for tag, _ in tags if tag in ("style", "iframe", "object", "embed", "img")]
    assert not [(tag, a) for tag, attrs in tags for a in attrs if a.startswith("on") or a == "style"]
    assert not [v for _, attrs in tags for k, v in attrs.items()
                if k in ("href", "src", "action") and v and v.strip().lower().startswith("javascript:")]
    assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text.replace(
        "https://example.org/a1", "")  # nothing from another host


@pytest.mark.parametrize("url", list(PAGES) + ["/static/style.css", "/static/app.js", "/nope"])
def test_security_headers_on_every_response(client, url):
    h = client.get(url, headers=HTML).headers
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("url", ["/", f"/articles/{HOSTILE_ID}", "/articles", "/events", "/events?type=THREATEN",
                                 "/actors", "/actors/RUS", "/quotes", "/claims", "/network", "/timeline",
                                 "/search?q=script", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
                                 "/quotes?speaker=%3Cimg%20src=x%20onerror=alert(1)%3E",
                                 "/claims?unit=%3Cscript%3E", "/search?q=%22", "/search?q=NEAR(",
                                 "/search?q=*", "/search?q=)"])
def test_hostile_text_is_shown_escaped(client, url):
    text = page(client, url)
    for raw in ("<script>alert(1)</script>", "<img src=x", "<img src="):
        assert raw not in text
    assert not re.search(r"href=\"\s*javascript:", text, re.I)


def test_hostile_article_shows_every_piece_as_text(client):
    text = page(client, f"/articles/{HOSTILE_ID}")
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # title, body, quote, panel
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "javascript:alert(1)" in text  # shown, never linked


def test_article_page_highlights_extracted_spans(client):
    text = page(client, "/articles/art-1")
    body = client.get("/api/articles/art-1").json()
    art = body["text"]
    for ev in body["extraction"]["events"]:
        s, e = ev["trigger"]["start"], ev["trigger"]["end"]
        assert re.search(rf'<mark class="hl[^"]*hl-event[^"]*" data-start="{s}" data-end="{e}"', text)
    q = body["extraction"]["quotes"][0]["content"]
    assert re.search(rf'<mark class="hl[^"]*hl-quote[^"]*" data-start="{q["start"]}"', text)
    assert 'class="hl hl-num"' in text and "hl-ent" in text
    main = re.search(r'<div class="article-text" id="article-text">(.*?)</div>', text, re.S)[1]
    plain = html.unescape(re.sub(r"<[^>]+>", "", main))
    assert plain == art  # highlighting never changes the text


def test_events_filter_changes_the_table(client):
    all_rows = page(client, "/events").count('<td class="nowrap">')
    only = page(client, "/events?type=ASSAULT")
    assert all_rows == 6 and only.count('<td class="nowrap">') == 1
    assert '<option value="ASSAULT" selected>' in only


def test_events_facets_count_the_filtered_events(client):
    text = page(client, "/events?actor=RUS")
    facet = re.search(r"<h2>Type</h2>(.*?)</ul>", text, re.S)[1]
    counts = {t: int(n) for t, n in re.findall(r">([A-Z]+)</a> <span class=\"count\">(\d+)<", facet)}
    assert counts == {"ACCUSE": 1, "MOBILIZE": 1, "THREATEN": 1, "ASSAULT": 1}


def test_actor_page_shows_roles_events_and_quotes(client):
    text = page(client, "/actors/RUS")
    assert "Sergei Lavrov" in text and "Foreign Minister" in text
    assert "Events as source <span class=\"count\">4</span>" in text
    assert "Events as target <span class=\"count\">1</span>" in text


def test_positions_board_of_a_store_never_linked_says_run_link(client):
    text = page(client, "/positions")
    assert "run `sitroom link`" in text and 'id="positions-board"' not in text


def test_overview_draws_the_escalation_chart(client):
    text = page(client, "/")
    assert '<svg class="escalation"' in text and "<polyline" in text
    assert text.count("<rect ") >= 4


def test_network_is_an_svg_of_actors(client):
    text = page(client, "/network")
    for code in ("RUS", "UKR", "USA"):
        assert f'href="/actors/{code}"' in text
    assert 'marker-end="url(#arrow-' in text


@pytest.mark.parametrize("url,status", [("/articles/nope", 404), ("/actors/ZZZ", 404), ("/nope", 404),
                                        ("/events?type=FOO", 400), ("/timeline?dyad=bad", 400),
                                        ("/events?cursor=%%%", 400)])
def test_page_errors_are_pages_for_browsers(client, url, status):
    text = page(client, url, status)
    assert f"<h1>{status}</h1>" in text


def test_static_files_are_served(client):
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript",
                                                                          "application/javascript"))
    assert "--accent" in client.get("/static/style.css").text
