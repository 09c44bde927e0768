"""The SSRF guard and fetch limits, beyond tests/ingest/test_ingest_fetch.py: IPv6
private ranges, embedded IPv4, every numeric IP form, redirects and DNS answers into
private space, schemes, a body that trickles past the deadline, and a real gzip bomb
served over a socket (memory measured in a child process)."""
from __future__ import annotations

import gzip
import http.server
import json
import threading
import time

import httpx
import pytest

from security_helpers import python_snippet
from sitroom.errors import BlockedAddress, FetchError, TooLarge
from sitroom.ingest import fetch_url, read
from sitroom.records import Failure
from sitroom.settings import Settings

PUBLIC = "93.184.216.34"
PAGE = ("<html><body><article><p>Russian and American diplomats met in Geneva on Monday to discuss "
        "security guarantees, officials said after the meeting ended.</p></article></body></html>")
DNS = {
    "news.example": [PUBLIC],
    "loop6.example": ["::1"],
    "ula.example": ["fd12:3456:789a::1"],
    "fc.example": ["fc00::5"],
    "meta.example": ["169.254.169.254"],
    "meta6.example": ["fd00:ec2::254"],
    "linklocal6.example": ["fe80::1%eth0"],
    "mapped.example": ["::ffff:10.0.0.1"],
    "sixtofour.example": ["2002:c0a8:0101::1"],   # 6to4 of 192.168.1.1
    "nat64.example": ["64:ff9b::a9fe:a9fe"],      # NAT64 of 169.254.169.254
    "mixed6.example": ["2606:4700:4700::1111", "fc00::1"],
    "empty.example": [],
}


def resolve(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise OSError("name not known")
    return DNS[host]


def ok_transport():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, html=PAGE)
    return httpx.MockTransport(handler), seen


def fetch(url: str, transport=None, settings: Settings | None = None):
    transport = transport or ok_transport()[0]
    return fetch_url(url, settings or Settings(), transport=transport, resolve=resolve)


@pytest.mark.parametrize("url, why", [
    # IPv6 literals
    ("http://[::1]:8080/", "loopback"),
    ("http://[fc00::1]/", "private"),                     # fc00::/7, unique local
    ("http://[fd12:3456:789a::1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "metadata"),   # AWS IPv6 metadata
    ("http://[::ffff:169.254.169.254]/", "metadata"),     # IPv4-mapped
    ("http://[::ffff:7f00:1]/", "loopback"),              # IPv4-mapped, hex form
    ("http://[2002:7f00:1::]/", "loopback"),              # 6to4 of 127.0.0.1
    ("http://[64:ff9b::7f00:1]/", "reserved"),            # NAT64 of 127.0.0.1
    ("http://[::]/", "unspecified"),
    ("http://[ff02::1]/", "multicast"),
    # IPv4 link-local and metadata, in every numeric form
    ("http://169.254.1.1/", "link-local"),
    ("http://169.254.169.254/latest/meta-data/iam/", "metadata"),
    ("http://2852039166/", "metadata"),                   # decimal 169.254.169.254
    ("http://0xa9fea9fe/", "metadata"),                   # hex
    ("http://0xa9.0xfe.0xa9.0xfe/", "metadata"),          # dotted hex
    ("http://025177524776/", "metadata"),                 # octal, one number
    ("http://2130706433/", "loopback"),                   # decimal 127.0.0.1
    ("http://017700000001/", "loopback"),                 # octal 127.0.0.1
    ("http://0x7f000001/", "loopback"),                   # hex 127.0.0.1
    ("http://127.1/", "loopback"),                        # short form
    ("http://0/", "unspecified"),
    ("http://0177.0.0.1/", "invalid URL"),                # dotted octal: refused by httpx itself
    ("http://0251.0376.0251.0376/", "invalid URL"),
    ("http://10.1.2.3/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://100.64.0.1/", "public"),                     # carrier-grade NAT
    ("http://198.18.0.1/", "private"),                    # benchmarking
    # URL tricks: the host is what counts
    ("http://news.example@127.0.0.1/", "loopback"),
    ("http://127.0.0.1#@news.example/", "loopback"),
])
def test_private_special_and_disguised_addresses_are_refused(url, why):
    transport, seen = ok_transport()
    with pytest.raises(FetchError, match=why):
        fetch(url, transport)
    assert seen == []  # nothing was requested


def test_a_parser_differential_cannot_reach_another_host():
    """httpx reads ``127.0.0.1:80\\`` as user info: the host checked is the host connected to."""
    transport, seen = ok_transport()
    fetch("http://127.0.0.1:80\\@news.example/", transport)
    assert [r.url.host for r in seen] == [PUBLIC] and seen[0].headers["host"] == "news.example"


@pytest.mark.parametrize("host, why", [
    ("loop6.example", "loopback"), ("ula.example", "private"), ("fc.example", "private"),
    ("meta.example", "metadata"), ("meta6.example", "metadata"), ("linklocal6.example", "link-local"),
    ("mapped.example", "private"), ("sixtofour.example", "private"), ("nat64.example", "reserved"),
    ("mixed6.example", "private"), ("empty.example", "cannot resolve"), ("nowhere.example", "cannot resolve"),
])
def test_names_that_resolve_into_private_space_are_refused(host, why):
    transport, seen = ok_transport()
    with pytest.raises(FetchError, match=why):
        fetch(f"https://{host}/news", transport)
    assert seen == []


def test_localhost_by_the_system_resolver_is_refused():
    transport, seen = ok_transport()
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch_url("http://localhost/", Settings(), transport=transport)
    assert seen == []


@pytest.mark.parametrize("location, why", [
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://2852039166/", "metadata"),
    ("http://[::1]/", "loopback"),
    ("http://[fd00::1]/admin", "private"),
    ("http://meta.example/", "metadata"),
    ("//127.0.0.1/", "loopback"),                       # scheme-relative
    ("file:///etc/passwd", "only http and https"),
    ("ftp://news.example/file", "only http and https"),
    ("gopher://news.example:70/_", "only http and https"),
])
def test_redirects_into_private_space_or_other_schemes_are_refused(location, why):
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": location})
    with pytest.raises(FetchError, match=why):
        fetch("http://news.example/start", httpx.MockTransport(handler))
    assert len(seen) == 1  # only the first, public hop was requested


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/a", "gopher://news.example/",
                                 "data:text/html,<p>hi</p>", "javascript:alert(1)", "dict://127.0.0.1:11211/"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(FetchError):
        fetch(url)


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://news.example/a.txt", "gopher://x/",
                                    "FILE:///etc/shadow"])
def test_read_names_a_non_http_source_as_a_failure(source):
    [f] = read([source])
    assert isinstance(f, Failure) and f.item == source and "only http and https" in f.message


def test_allow_private_urls_still_refuses_other_schemes():
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd", settings=Settings(allow_private_urls=True))


# ---------------------------------------------------------------- a real socket

class _Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bomb = gzip.compress(b"<p>" + b"A" * 200_000_000 + b"</p>", compresslevel=9)

    def do_GET(self):  # noqa: N802 (http.server's name)
        try:
            if self.path == "/trickle":       # headers at once, then a byte every 0.1 s
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(100_000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path == "/bomb":        # 200 MB of HTML in ~200 KB of gzip
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(self.bomb)))
                self.end_headers()
                self.wfile.write(self.bomb)
            elif self.path == "/huge":        # no Content-Length, a stream without end
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                while True:
                    self.wfile.write(b"<p>" + b"B" * 65536 + b"</p>")
            elif self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LOCAL = Settings(allow_private_urls=True, fetch_timeout=1.0, max_bytes=2_000_000)


def test_a_trickling_body_stops_at_the_overall_deadline(hostile_server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(hostile_server + "/trickle", LOCAL)
    assert time.monotonic() - start < 3  # fetch_timeout 1 s, though every read is quick


def test_an_endless_body_stops_at_max_bytes(hostile_server):
    with pytest.raises(TooLarge, match="max_bytes"):
        fetch_url(hostile_server + "/huge", LOCAL.replace(fetch_timeout=10.0))


def test_a_redirect_loop_stops_at_the_cap(hostile_server):
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(hostile_server + "/loop", LOCAL)


def test_the_hostile_server_is_refused_by_default(hostile_server):
    [f] = read([hostile_server + "/bomb"])
    assert isinstance(f, Failure) and f.code == "blocked_address"


BOMB_CHILD = """
import json, sys, time
from sitroom.ingest import read
from sitroom.settings import Settings
start = time.perf_counter()
items = list(read([sys.argv[1]], Settings(allow_private_urls=True, max_bytes=5_000_000)))
print(json.dumps({"codes": [getattr(i, "code", "article") for i in items],
                  "message": getattr(items[0], "message", ""), "seconds": time.perf_counter() - start}))
"""


def test_a_gzip_bomb_over_a_socket_stops_at_max_bytes_in_bounded_memory(hostile_server):
    """200 MB of HTML in ~200 KB of gzip: decoding stops at max_bytes (5 MB here)."""
    assert len(_Hostile.bomb) < 500_000
    done = python_snippet(BOMB_CHILD, hostile_server + "/bomb", limit_s=60)
    assert done.returncode == 0 and not done.killed, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["codes"] == ["too_large"] and "max_bytes" in out["message"]
    assert out["seconds"] < 10
    assert 0 < done.peak_rss_mb < 150, f"peak RSS {done.peak_rss_mb:.0f} MB"


def test_fetch_limits_hold_through_read(hostile_server):
    [f] = read([hostile_server + "/trickle"], LOCAL)
    assert f.code == "fetch" and "timed out" in f.message and f.item == hostile_server + "/trickle"
