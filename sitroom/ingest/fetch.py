"""Fetch a URL safely: http(s) only, public addresses only, bounded in time and size.

Every hop (the first request and each redirect) is checked the same way:

* the scheme is ``http`` or ``https``;
* the host is resolved (an IP written in decimal, octal or hex, such as
  ``2130706433`` or ``0x7f.1``, counts as that IP) and every address must be
  public: loopback, private, link-local (cloud metadata ``169.254.169.254``),
  shared, reserved, multicast and unspecified addresses are refused unless
  ``settings.allow_private_urls``;
* the connection goes to the address that was checked (the URL is pinned to it,
  with the original ``Host`` header and TLS server name), so a second DNS answer
  cannot swap in a private address.

The body is streamed and decompressed here, chunk by chunk, so the
``settings.max_bytes`` cap holds for the decoded bytes (a gzip bomb stops at
the cap). ``settings.fetch_timeout`` is one deadline for the whole fetch of a URL,
redirects included: every connect, TLS handshake, write and read of the socket
is given only the time left (a server that drips its headers one byte at a time
is cut off at the deadline, not at a fresh timeout per byte or per hop).
"""
from __future__ import annotations

import ipaddress
import re
import socket
import time
import zlib
from dataclasses import dataclass
from typing import Callable, Iterator

import httpcore
import httpx

from ..errors import BlockedAddress, FetchError, TooLarge
from ..settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
REDIRECTS = (301, 302, 303, 307, 308)
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: the final URL (after redirects) and its decoded bytes."""

    url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def ip_literal(host: str) -> IPAddress | None:
    """The IP a host names by itself, in any form the C library accepts (``127.1``, ``0x7f000001``)."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address may not be fetched, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return blocked_reason(embedded)
    checks = (
        (ip in METADATA_ADDRESSES, "a cloud metadata address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((why for hit, why in checks if hit), None)


def check_url(url: httpx.URL, settings: Settings, *, item: str,
              resolve: Resolver = resolve_host) -> str | None:
    """Check one hop; returns the address to connect to (None: connect by name)."""
    if url.scheme not in ("http", "https"):
        raise FetchError(f"refused {url}: only http and https URLs can be fetched", item=item)
    host = url.host
    if not host:
        raise FetchError(f"refused {url}: no host", item=item)
    if settings.allow_private_urls:
        return None
    literal = ip_literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolve(host, url.port or (443 if url.scheme == "https" else 80))]
        except (OSError, UnicodeError, ValueError) as e:
            raise FetchError(f"cannot resolve host {host}: {e}", item=item) from e
        if not addresses:
            raise FetchError(f"cannot resolve host {host}", item=item)
    for address in addresses:
        reason = blocked_reason(address)
        if reason:
            raise BlockedAddress(f"refused {url}: {host} is {reason} ({address}); "
                                 f"set allow_private_urls to fetch it", item=item)
    return str(addresses[0])


def _pinned(client: httpx.Client, url: httpx.URL, address: str | None) -> httpx.Request:
    if address is None:
        return client.build_request("GET", url)
    host_header = url.netloc.decode("ascii")
    return client.build_request("GET", url.copy_with(host=address), headers={"Host": host_header},
                                extensions={"sni_hostname": url.host})


def _decoded(response: httpx.Response, item: str) -> Iterator[bytes]:
    """The body, decompressed here so that every chunk's size can be capped."""
    if response.is_stream_consumed:  # read already (httpx.MockTransport): decoded by httpx
        yield response.content
        return
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        yield from response.iter_raw()
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content-encoding {encoding!r}", item=item)
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
    try:
        for raw in response.iter_raw():
            data = raw
            while data:
                yield decoder.decompress(data, 65536)
                data = decoder.unconsumed_tail
        yield decoder.flush()
    except zlib.error as e:
        raise FetchError(f"bad {encoding} body: {e}", item=item) from e


def _body(response: httpx.Response, settings: Settings, item: str, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes and \
            response.headers.get("content-encoding", "identity") in ("", "identity"):
        raise TooLarge(f"response is {declared} bytes, over the limit of {settings.max_bytes} (max_bytes)",
                       item=item)
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded(response, item):
        size += len(chunk)
        if size > settings.max_bytes:
            raise TooLarge(f"response is over the limit of {settings.max_bytes} bytes (max_bytes)", item=item)
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {settings.fetch_timeout:g} s", item=item)
        chunks.append(chunk)
    return b"".join(chunks)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every step gets only the time left before ``deadline``."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float):
        self._stream, self._deadline = stream, deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline (fetch_timeout) has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync sockets, each stream bound to one deadline."""

    def __init__(self, deadline: float):
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline (fetch_timeout) has passed")
        stream = self._backend.connect_tcp(host, port, left if timeout is None else min(timeout, left),
                                           local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def deadline_transport(deadline: float) -> httpx.HTTPTransport:
    """The real network transport, every socket step bounded by ``deadline``."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool._network_backend = _DeadlineBackend(deadline)  # httpcore 1.x ConnectionPool
    return transport


def fetch_url(url: str, settings: Settings | None = None, *, transport: httpx.BaseTransport | None = None,
              resolve: Resolver | None = None) -> Fetched:
    """GET ``url`` with the SSRF guard and limits; raises ``FetchError`` / ``TooLarge``.

    ``transport`` and ``resolve`` replace the network and DNS (tests use
    ``httpx.MockTransport`` and a dict lookup).
    """
    settings = settings or Settings()
    resolve = resolve or resolve_host
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise FetchError(f"invalid URL: {e}", item=url) from e
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    try:
        with httpx.Client(transport=transport or deadline_transport(deadline),
                          timeout=httpx.Timeout(settings.fetch_timeout),
                          follow_redirects=False, trust_env=False, headers=headers) as client:
            for _ in range(settings.max_redirects + 1):
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {settings.fetch_timeout:g} s", item=url)
                address = check_url(current, settings, item=url, resolve=resolve)
                response = client.send(_pinned(client, current, address), stream=True)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECTS and location:
                        current = current.join(location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip(), item=url)
                    content = _body(response, settings, url, deadline)
                    content_type = response.headers.get("content-type", "")
                    return Fetched(url=str(current), status=response.status_code,
                                   content_type=content_type.split(";")[0].strip().lower(),
                                   charset=response.charset_encoding, content=content)
                finally:
                    response.close()
    except httpx.TimeoutException as e:
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s ({type(e).__name__})", item=url) from e
    except (httpx.HTTPError, httpx.InvalidURL) as e:
        raise FetchError(f"cannot fetch: {type(e).__name__}: {e}", item=url) from e
    raise FetchError(f"more than {settings.max_redirects} redirects (max_redirects)", item=url)
