"""Web safety: hostile records render inert on every page, every response carries the
security headers, search syntax and hostile filters never break a request (400 or
200, never 500), and the one write endpoint needs its token and a JSON body (no
CSRF, no CORS). User text never becoming SQL is tested in test_store_sql_safety.py."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from security_web_samples import BAD_URLS, EVIL_CODE, EVIL_ID, IMG, JS_CODE, PERSON_CODE, SCRIPT, hostile_records
from sitroom.settings import Settings

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from sitroom.serve import create_app  # noqa: E402
from sitroom.store import open_store  # noqa: E402


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web-safety") / "hostile.db"
    with open_store(str(path)) as store:
        store.write(hostile_records())
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(str(db_path), Settings()), raise_server_exceptions=False) as c:
        yield c


def all_routes(app) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, through included routers."""
    found: list[tuple[str, set[str]]] = []

    def walk(routes) -> None:
        for r in routes:
            inner = getattr(r, "original_router", None) or getattr(r, "router", None)
            if inner is not None and hasattr(inner, "routes") and inner is not app.router:
                walk(inner.routes)
            elif getattr(r, "methods", None):
                found.append((r.path, set(r.methods)))
            elif hasattr(r, "routes") and not hasattr(r, "app"):
                walk(r.routes)
    walk(app.routes)
    assert len(found) >= 20, found
    return found


def fill(path: str) -> str:
    """A concrete URL for a route, with hostile values in its path parameters."""
    return (path.replace("{article_id:path}", quote(EVIL_ID, safe=""))
            .replace("{code}", quote(EVIL_CODE, safe=""))
            # permalinks: the first hostile event, quote and proposal; storylines: none is stored
            .replace("{event_id}", "1").replace("{quote_id}", "1")
            # a merged proposal of the positions board has a string id: a hostile one
            .replace("{proposal_id}", quote(EVIL_ID, safe="") if "/positions/" in path else "1")
            .replace("{storyline_id}", quote(SCRIPT, safe="")))


def page_urls(app) -> list[str]:
    return sorted({fill(p) for p, methods in all_routes(app)
                   if "GET" in methods and not p.startswith(("/api", "/openapi"))})


# ---------------------------------------------------------------- pages render inert

class Inspector(HTMLParser):
    """Collects what could run: tags, attributes, and the text shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


_DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcdoc")


def inspect_page(text: str) -> Inspector:
    parsed = Inspector()
    parsed.feed(text)
    for tag, attrs in parsed.tags:
        assert tag not in ("iframe", "object", "embed", "base", "frame"), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        if tag == "meta":
            assert "refresh" not in attrs.get("http-equiv", "").lower()
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in _URL_ATTRS:
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                assert not _DANGEROUS_SCHEME.match(cleaned), (tag, attrs)
            if name == "style":
                assert "expression(" not in value and "url(" not in value.lower(), (tag, attrs)
    return parsed


def test_the_route_list_covers_every_page(client):
    urls = page_urls(client.app)
    assert {"/", "/articles", "/events", "/actors", "/quotes", "/search"} <= set(urls)
    assert f"/articles/{quote(EVIL_ID, safe='')}" in urls and f"/actors/{quote(EVIL_CODE, safe='')}" in urls


def test_every_page_renders_hostile_records_inert(client):
    for url in page_urls(client.app) + [f"/actors/{PERSON_CODE}", "/actors/" + quote(JS_CODE, safe="")]:
        r = client.get(url, headers={"Accept": "text/html"})
        # a malformed actor code in the path is refused by name (400), on an inert page too
        expected = (400 if url.startswith("/actors/") and PERSON_CODE not in url
                    else 404 if url.startswith("/storylines/") else 200)  # an unknown storyline, named
        assert r.status_code == expected, (url, r.status_code, r.text[:300])
        inspect_page(r.text)
        assert SCRIPT not in r.text and "<img src=x" not in r.text, url


@pytest.mark.parametrize("n", range(len(BAD_URLS)))
def test_article_url_fields_are_never_live_links_unless_http(client, n):
    aid = EVIL_ID if n == 0 else f"{EVIL_ID}-{n}"
    r = client.get("/articles/" + quote(aid, safe=""), headers={"Accept": "text/html"})
    assert r.status_code == 200
    parsed = inspect_page(r.text)  # no on* attribute anywhere: the quote in the URL did not break out
    bad = BAD_URLS[n]
    hrefs = [attrs.get("href", "") for tag, attrs in parsed.tags if tag == "a"]
    if bad.startswith("https://"):
        assert bad in hrefs  # an http(s) URL stays a link, whole, inside its attribute
    else:
        assert bad not in hrefs and bad.strip() not in hrefs
        assert bad in "".join(parsed.text)  # shown as text


def test_hostile_names_and_quotes_show_as_text(client):
    text = client.get("/articles/" + quote(EVIL_ID, safe=""), headers={"Accept": "text/html"}).text
    shown = "".join(inspect_page(text).text)
    assert SCRIPT in shown and IMG in shown  # visible as text, not as markup
    actor = client.get(f"/actors/{PERSON_CODE}", headers={"Accept": "text/html"})
    shown = "".join(inspect_page(actor.text).text)
    assert actor.status_code == 200 and f"{IMG} Person" in shown and f"{SCRIPT} minister" in shown
    listing = "".join(inspect_page(client.get("/actors", headers={"Accept": "text/html"}).text).text)
    assert EVIL_CODE in listing and JS_CODE in listing and f"{SCRIPT} Evil {IMG}" in listing


def test_json_api_returns_hostile_text_as_data_with_a_json_type(client):
    r = client.get("/api/articles/" + quote(EVIL_ID, safe=""))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json()["title"].startswith(SCRIPT)
    assert r.headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------- headers everywhere

def _csp(r) -> dict[str, str]:
    directives = [d.strip() for d in r.headers.get("content-security-policy", "").split(";") if d.strip()]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives}


def check_headers(r, url: str) -> None:
    csp = _csp(r)
    assert csp, f"no Content-Security-Policy on {url} ({r.status_code})"
    assert csp.get("default-src") == "'self'", url
    for d in ("script-src", "style-src"):
        assert "unsafe-inline" not in csp.get(d, "'self'") and "unsafe-eval" not in csp.get(d, "'self'")
        assert "*" not in csp.get(d, "'self'")
    assert csp.get("object-src") == "'none'" and csp.get("frame-ancestors") == "'none'"
    assert csp.get("base-uri") in ("'none'", "'self'")
    assert r.headers.get("x-content-type-options") == "nosniff"


def test_every_route_sends_the_security_headers(client):
    urls = [fill(p) for p, methods in all_routes(client.app) if "GET" in methods]
    for url in urls + ["/static/app.js", "/static/style.css", "/nope", "/api/nope", "/static/nope.js",
                       "/api/events?type=NOPE", "/events?since=banana", "/api/search?q=%22"]:
        for accept in ("text/html", "application/json"):
            check_headers(client.get(url, headers={"Accept": accept}), url)
    check_headers(client.post("/api/events"), "POST /api/events (405)")
    check_headers(client.post("/api/ingest", json={}), "POST /api/ingest (403)")


def test_a_crash_answers_with_headers_and_no_details(db_path, monkeypatch):
    from sitroom.store.sqlite import SQLiteStore

    def boom(self, *args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")
    monkeypatch.setattr(SQLiteStore, "event_page", boom)
    with TestClient(create_app(str(db_path), Settings()), raise_server_exceptions=False) as c:
        for url, accept in (("/api/events", "application/json"), ("/events", "text/html")):
            r = c.get(url, headers={"Accept": accept})
            assert r.status_code == 500 and "secret internals" not in r.text and "Traceback" not in r.text
            check_headers(r, url)


# ---------------------------------------------------------------- search syntax and filters over HTTP

FTS_SYNTAX = ['"', '""', "NEAR(", "NEAR(a b, -1)", "*", "a*b*", "AND", "OR OR", "NOT", "(", ")", "{a b}", "title:x",
              "-x", "^x", "a : b", "\x00", "\u202e", "'", "\\", "a" * 5000, "😀" * 200, "%", "?", "x' OR 1=1 --"]


@pytest.mark.parametrize("q", FTS_SYNTAX)
def test_search_syntax_gives_200_or_400_never_500(client, q):
    for url in ("/api/search", "/search", "/api/search.csv"):
        r = client.get(url, params={"q": q})
        assert r.status_code in (200, 400), (url, q[:40], r.status_code, r.text[:200])
        if r.status_code == 400 and url.startswith("/api"):
            assert r.json() == {"ok": False, "error": r.json()["error"], "status": 400}


@pytest.mark.parametrize("param, value", [
    ("actor", "' OR 1=1 --"), ("target", '"; DROP TABLE events; --'), ("type", "THREATEN' --"),
    ("quad_class", "1 OR 1=1"), ("since", "2021-01-01' OR '1'='1"), ("until", "9999-99-99"),
    ("limit", "-1"), ("limit", "10; DROP TABLE x"), ("cursor", "' OR 1=1 --"), ("cursor", "A" * 150),
    ("storyline", "1 UNION SELECT 1"), ("speaker", "%' --"), ("unit", "' OR ''='"), ("dyad", "RUS-' OR 1=1"),
    ("format", "xml"), ("actor", "\x00"), ("since", "0000-01-01"), ("quad_class", "99999999999999999999"),
])
def test_hostile_filters_give_200_or_400_never_500(client, param, value):
    for route in ("/api/events", "/api/quotes", "/api/claims", "/api/timeline", "/api/positions", "/api/articles",
                  "/events", "/quotes", "/claims", "/timeline"):
        r = client.get(route, params={param: value})
        assert r.status_code in (200, 400), (route, param, value, r.status_code, r.text[:200])
    with open_store(str(client.app.state.stores._db)) as store:  # nothing was dropped or changed
        assert store.counts()["events"] == len(hostile_records())


# ---------------------------------------------------------------- the write endpoint

@pytest.fixture()
def token_client(tmp_path):
    with TestClient(create_app(str(tmp_path / "w.db"), Settings(api_token="s3cret")),
                    raise_server_exceptions=False) as c:
        yield c


ARTICLE = '{"id": "csrf-1", "text": "Russia warned Ukraine on Monday."}'


@pytest.mark.parametrize("content_type, body", [
    ("application/x-www-form-urlencoded", "id=csrf-1&text=Russia+warned+Ukraine"),
    ("application/x-www-form-urlencoded", ARTICLE),   # a JSON body sent as a form
    ("text/plain", ARTICLE),                           # <form enctype="text/plain"> can send this
    ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="id"\r\n\r\ncsrf-1\r\n--x--\r\n'),
])
def test_ingest_refuses_what_a_cross_site_form_can_send(token_client, content_type, body):
    """A browser form (the CSRF vector) cannot set Authorization; even with the token a
    form-encoded or text/plain body is refused, so only a deliberate JSON client gets in."""
    no_token = token_client.post("/api/ingest", content=body, headers={"Content-Type": content_type})
    assert no_token.status_code == 401
    with_token = token_client.post("/api/ingest", content=body,
                                   headers={"Content-Type": content_type, "Authorization": "Bearer s3cret"})
    assert with_token.status_code in (400, 415), with_token.text
    assert with_token.json()["ok"] is False
    assert token_client.get("/api/health").json()["counts"]["articles"] == 0


@pytest.mark.parametrize("how", ["cookie", "query", "basic", "lowercase-header-value"])
def test_the_token_is_accepted_only_as_a_bearer_header(token_client, how):
    headers = {"Content-Type": "application/json"}
    url = "/api/ingest"
    if how == "cookie":
        token_client.cookies.set("api_token", "s3cret")
        token_client.cookies.set("Authorization", "Bearer s3cret")
    elif how == "query":
        url += "?token=s3cret&api_token=s3cret&access_token=s3cret"
    elif how == "basic":
        headers["Authorization"] = "Basic czNjcmV0OnMzY3JldA=="
    else:
        headers["Authorization"] = "Bearer S3CRET"
    r = token_client.post(url, content=ARTICLE, headers=headers)
    token_client.cookies.clear()
    assert r.status_code == 401 and r.json()["status"] == 401


def test_no_cors_grant_for_another_origin(token_client):
    origin = {"Origin": "https://evil.example"}
    r = token_client.get("/api/health", headers=origin)
    assert "access-control-allow-origin" not in r.headers
    pre = token_client.options("/api/ingest", headers={**origin, "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "authorization"})
    assert pre.status_code >= 400 and "access-control-allow-origin" not in pre.headers


def test_reads_have_no_side_effects_and_other_write_methods_are_refused(client):
    before = client.get("/api/health").json()["counts"]
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for url in ("/api/events", "/api/articles/" + quote(EVIL_ID, safe=""), "/events", "/"):
            r = client.request(method, url)
            assert r.status_code in (404, 405), (method, url, r.status_code)
    assert client.get("/api/health").json()["counts"] == before
