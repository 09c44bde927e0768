"""fetch_url and URL sources: the SSRF guard, redirects, size and time limits."""
from __future__ import annotations

import gzip
import http.server
import threading
import time

import httpx
import pytest

from sitroom.errors import BlockedAddress, FetchError, TooLarge
from sitroom.ingest import fetch_url, read, read_url
from sitroom.ingest.fetch import blocked_reason, ip_literal
from sitroom.records import Article, Failure
from sitroom.settings import Settings

PUBLIC = "93.184.216.34"
DNS = {"news.example": [PUBLIC], "evil.example": ["127.0.0.1"], "mixed.example": [PUBLIC, "10.1.2.3"],
       "v6.example": ["2606:4700:4700::1111"]}
PAGE = ("<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
        "<p>Russian and American diplomats met in Geneva on Monday to discuss security guarantees, "
        "officials from both sides said after the meeting ended.</p><p>The talks will continue next week "
        "in Brussels, where NATO allies are expected to give their answer on the Russian draft treaty.</p>"
        "</article></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><item><title>One</title>"
        "<guid>g1</guid><description>Kyiv asked Washington for more help.</description></item></channel></rss>")


def resolve(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise OSError("name not known")
    return DNS[host]


def routes(handler_map):
    """A MockTransport serving {host header + path: (status, response options)}; it records requests."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status, options = handler_map.get(request.headers["host"] + request.url.path, (404, {}))
        return httpx.Response(status, **options)
    return httpx.MockTransport(handler), seen


class Streaming(httpx.BaseTransport):
    """Like MockTransport, but the body stays a stream (MockTransport reads it at once)."""

    def __init__(self, handler):
        self.handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.handler(request)


def fetch(url, transport=None, settings=None):
    transport = transport or httpx.MockTransport(lambda r: httpx.Response(200, html=PAGE))
    return fetch_url(url, settings or Settings(), transport=transport, resolve=resolve)


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://localhost.localdomain.invalid/", "cannot resolve"),
    ("http://10.0.0.5/admin", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://2130706433/", "loopback"),             # 127.0.0.1 in decimal
    ("http://0x7f.1/", "loopback"),                 # hex, short form
    ("http://0177.0.0.1/", "invalid URL"),          # octal: httpx refuses the form itself
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),     # IPv4-mapped IPv6
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://100.64.0.1/", "public"),               # shared address space
    ("http://evil.example/", "loopback"),           # a name that resolves to 127.0.0.1
    ("http://mixed.example/", "private"),           # any private answer is refused
])
def test_private_and_special_addresses_are_refused(url, why):
    with pytest.raises(FetchError, match=why):
        fetch(url)


def test_blocked_addresses_raise_blocked_address():
    with pytest.raises(BlockedAddress) as info:
        fetch("http://169.254.169.254/")
    assert info.value.code == "blocked_address" and info.value.item == "http://169.254.169.254/"


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "gopher://news.example/"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_ip_forms():
    assert str(ip_literal("2130706433")) == "127.0.0.1"
    assert str(ip_literal("0x7f000001")) == "127.0.0.1"
    assert ip_literal("news.example") is None and ip_literal("cafe.be") is None
    assert blocked_reason(ip_literal(PUBLIC)) is None


def test_connection_is_pinned_to_the_checked_address():
    transport, seen = routes({"news.example/a": (200, {"html": PAGE})})
    got = fetch("http://news.example/a", transport)
    assert got.status == 200 and got.url == "http://news.example/a" and got.content_type == "text/html"
    assert seen[0].url.host == PUBLIC and seen[0].headers["host"] == "news.example"
    assert seen[0].extensions["sni_hostname"] == "news.example"


def test_ipv6_addresses_are_pinned_too():
    transport, seen = routes({"v6.example/": (200, {"html": PAGE})})
    assert fetch("https://v6.example/", transport).status == 200
    assert seen[0].url.host == "2606:4700:4700::1111" and seen[0].headers["host"] == "v6.example"


def test_every_redirect_hop_is_checked():
    transport, seen = routes({
        "news.example/a": (302, {"headers": {"location": "/b"}}),
        "news.example/b": (301, {"headers": {"location": "http://127.0.0.1/secret"}}),
    })
    with pytest.raises(BlockedAddress, match="127.0.0.1"):
        fetch("http://news.example/a", transport)
    assert [r.url.path for r in seen] == ["/a", "/b"]     # the private hop was never requested
    transport, _ = routes({"news.example/a": (302, {"headers": {"location": "http://evil.example/"}})})
    with pytest.raises(BlockedAddress):
        fetch("http://news.example/a", transport)


def test_redirects_are_followed_up_to_the_limit():
    hops = {f"news.example/{i}": (302, {"headers": {"location": f"/{i + 1}"}}) for i in range(10)}
    hops["news.example/3"] = (200, {"html": PAGE})
    transport, _ = routes(hops)
    assert fetch("http://news.example/0", transport, Settings(max_redirects=3)).url == "http://news.example/3"
    with pytest.raises(FetchError, match="redirects"):
        fetch("http://news.example/0", transport, Settings(max_redirects=2))


def test_size_cap_on_declared_and_streamed_bytes():
    big = httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 5000))
    with pytest.raises(TooLarge, match="max_bytes"):
        fetch("http://news.example/", big, Settings(max_bytes=1000))

    def streamed(request):
        return httpx.Response(200, content=iter([b"y" * 600] * 5))   # no content-length
    with pytest.raises(TooLarge):
        fetch("http://news.example/", Streaming(streamed), Settings(max_bytes=1000))


def test_gzip_bomb_stops_at_the_cap_on_decoded_bytes():
    bomb = gzip.compress(b"\0" * 20_000_000)
    assert len(bomb) < 100_000
    transport = Streaming(lambda r: httpx.Response(200, content=bomb, headers={"content-encoding": "gzip"}))
    with pytest.raises(TooLarge):
        fetch("http://news.example/", transport, Settings(max_bytes=1_000_000))
    small = Streaming(lambda r: httpx.Response(
        200, content=gzip.compress(PAGE.encode()), headers={"content-encoding": "gzip", "content-type": "text/html"}))
    assert fetch("http://news.example/", small).content == PAGE.encode()


def test_http_errors_are_fetch_errors():
    transport, _ = routes({})
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("http://news.example/missing", transport)


def test_read_url_pages_and_feeds():
    transport, _ = routes({
        "news.example/2021/12/17/talks": (200, {"html": PAGE}),
        "news.example/feed": (200, {"text": FEED, "headers": {"content-type": "application/rss+xml"}}),
        "news.example/broken": (200, {"html": "<html><body></body></html>"}),
    })
    [a] = read_url("http://news.example/2021/12/17/talks", transport=transport, resolve=resolve)
    assert a.title == "Talks resume" and a.url == "http://news.example/2021/12/17/talks"
    assert a.published == "2021-12-17" and a.origin == "http://news.example/2021/12/17/talks"
    [f] = read_url("http://news.example/feed", transport=transport, resolve=resolve)
    assert f.id == "g1" and f.text == "Kyiv asked Washington for more help."
    [bad] = read_url("http://news.example/broken", transport=transport, resolve=resolve)
    assert isinstance(bad, Failure) and bad.code == "parse"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(1.5)
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_real_local_server_is_refused_by_default_and_allowed_by_setting(local_server):
    [refused] = read([local_server + "/page"])
    assert isinstance(refused, Failure) and refused.code == "blocked_address"
    assert local_server in refused.message
    [page] = read([local_server + "/page"], Settings(allow_private_urls=True))
    assert isinstance(page, Article) and page.title == "Talks resume"
    assert "diplomats met in Geneva" in page.text


def test_slow_server_times_out(local_server):
    [f] = read([local_server + "/slow"], Settings(allow_private_urls=True, fetch_timeout=0.3))
    assert f.code == "fetch" and "timed out" in f.message


def test_read_refuses_a_name_that_resolves_to_loopback(monkeypatch):
    from sitroom.ingest import fetch as fetch_module
    asked = []

    def fake_resolve(host, port):
        asked.append((host, port))
        return ["127.0.0.1"]
    monkeypatch.setattr(fetch_module, "resolve_host", fake_resolve)
    [f] = read(["https://intranet.example/status"])
    assert asked == [("intranet.example", 443)]
    assert f.code == "blocked_address" and "loopback" in f.message
    assert f.message.startswith("https://intranet.example/status: ")
