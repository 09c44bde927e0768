"""One deadline per URL fetch (issue 19, finding 5): a server that drips its headers,
or a chain of slow redirects, is cut off at ``fetch_timeout``, not at a fresh timeout
per byte or per hop. The servers listen on 127.0.0.1 only and stop by themselves."""
from __future__ import annotations

import socket
import sys
import threading
import time

import pytest

from sitroom.errors import FetchError
from sitroom.ingest import fetch_url, read
from sitroom.records import Failure
from sitroom.settings import Settings

LOCAL = Settings(allow_private_urls=True, fetch_timeout=3.0)
SERVER_LIFETIME_S = 20.0  # every server stops by itself after this long


def serve(respond) -> tuple[str, threading.Event]:
    """A one-thread-per-connection server on 127.0.0.1 that runs ``respond(conn, path)``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    end = time.monotonic() + SERVER_LIFETIME_S

    def handle(conn):
        with conn:
            conn.settimeout(SERVER_LIFETIME_S)
            try:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ")[1] if " " in request else "/"
                respond(conn, path, stop)
            except OSError:
                pass

    def loop():
        with listener:
            while not stop.is_set() and time.monotonic() < end:
                try:
                    conn, _ = listener.accept()
                except socket.timeout:
                    continue
                threading.Thread(target=handle, args=(conn,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", stop


def drip_headers(conn, path, stop):
    """Never-ending headers, one byte every 0.1 s: every read succeeds before any timeout."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Drip: " + b"a" * 10_000
    for byte in head:
        if stop.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.1)


def slow_redirects(conn, path, stop):
    """Each hop answers a redirect to the next after 1.5 s (under fetch_timeout each)."""
    n = int(path.strip("/") or 0)
    time.sleep(1.5)
    conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: /{n + 1}\r\nContent-Length: 0\r\n\r\n".encode())


@pytest.fixture()
def server(request):
    url, stop = serve(request.param)
    yield url
    stop.set()


@pytest.mark.parametrize("server", [drip_headers], indirect=True)
def test_a_header_dripping_server_is_cut_off_at_the_deadline(server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 3 s"):
        fetch_url(server + "/", LOCAL)
    assert time.monotonic() - start < 4.5


@pytest.mark.parametrize("server", [slow_redirects], indirect=True)
def test_redirects_share_one_deadline(server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server + "/0", LOCAL.replace(max_redirects=10))
    assert time.monotonic() - start < 4.5  # not 10 hops x 1.5 s


@pytest.mark.parametrize("server", [drip_headers], indirect=True)
def test_cli_ingest_of_a_dripping_url_ends_within_8_s_with_exit_1(server, tmp_path):
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    env.update(PYTHONPATH=str(root), SITROOM_CONFIG=str(root / "sitroom" / "settings.toml"),
               SITROOM_FETCH_TIMEOUT="3")
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-c", "from sitroom.cli import main; main()", "ingest",
                          server + "/", "--db", str(tmp_path / "d.db"), "--allow-private-urls", "-q"],
                         capture_output=True, text=True, timeout=30,
                         env=env)
    assert time.monotonic() - start < 8
    assert run.returncode == 1 and "timed out after 3 s" in run.stderr and "Traceback" not in run.stderr


def test_read_names_the_timeout_as_a_failure():
    url, stop = serve(drip_headers)
    try:
        (f,) = read([url + "/x"], LOCAL.replace(fetch_timeout=1.0))
    finally:
        stop.set()
    assert isinstance(f, Failure) and f.code == "fetch" and "timed out" in f.message


def hostile_reason(conn, path, stop):
    """An error status whose reason phrase holds terminal control (C1 CSI, allowed as obs-text)."""
    conn.sendall(b"HTTP/1.1 503 \x9b2J\x9b31mgone\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def test_an_http_reason_phrase_reaches_the_message_without_terminal_control():
    url, stop = serve(hostile_reason)
    try:
        (f,) = read([url + "/"], LOCAL)
    finally:
        stop.set()
    assert isinstance(f, Failure) and "HTTP 503" in f.message
    assert not any(0x80 <= ord(ch) <= 0x9F or ch == "\x1b" for ch in f.message + f.item)
