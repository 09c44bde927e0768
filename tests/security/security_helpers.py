"""Helpers of the security tests: run a child process with a wall-clock limit and
read its own peak memory, build a hostile corpus, and generate small articles."""
from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Run first in every child: at exit, write the process's peak RSS (kB) to $SECURITY_HWM_FILE.
#: VmHWM belongs to the process's own memory map; ``ru_maxrss`` is no good here, as
#: Linux carries the parent's peak over ``vfork`` + ``exec`` into the child's figure.
BOOTSTRAP = """
import atexit, os, resource
def _report_peak():
    path = os.environ.get("SECURITY_HWM_FILE")
    if not path:
        return
    try:
        with open("/proc/self/status") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(path, "w") as f:
        f.write(str(kb))
atexit.register(_report_peak)
"""
SITROOM = [sys.executable, "-c", BOOTSTRAP + "from sitroom.cli import main; main()"]

GOOD = ("Russian and American diplomats met in Geneva on Monday to discuss security guarantees, "
        "officials from both sides said after the meeting.")


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    peak_rss_mb: float
    killed: bool


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: no user config, sitroom importable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["SITROOM_CONFIG"] = str(ROOT / "sitroom" / "settings.toml")
    env.update(extra)
    return env


def run_measured(args: list[str], *, limit_s: float, cwd: Path | None = None,
                 env: dict[str, str] | None = None, stdin: bytes | None = None) -> Finished:
    """Run ``args`` (a Python child started with BOOTSTRAP) to the end, killed after
    ``limit_s``; its wall time and its own peak RSS."""
    out_r, err_r = _Sink(), _Sink()
    env = dict(env or child_env())
    fd, hwm_file = tempfile.mkstemp(prefix="hwm-")
    os.close(fd)
    env["SECURITY_HWM_FILE"] = hwm_file
    start = time.monotonic()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_r.drain(proc.stdout)
    err_r.drain(proc.stderr)
    if stdin:
        try:
            proc.stdin.write(stdin)
        except BrokenPipeError:
            pass
    proc.stdin.close()
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        proc.send_signal(signal.SIGKILL)
    timer = threading.Timer(limit_s, kill)
    timer.start()
    try:
        proc.wait()
    finally:
        timer.cancel()
    wall = time.monotonic() - start
    try:
        peak_mb = int(Path(hwm_file).read_text() or 0) / 1024
    finally:
        os.unlink(hwm_file)
    return Finished(proc.returncode, out_r.join(), err_r.join(), wall, peak_mb, killed.is_set())


class _Sink:
    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.thread: threading.Thread | None = None

    def drain(self, stream) -> None:
        def pump() -> None:
            for chunk in iter(lambda: stream.read(65536), b""):
                self.parts.append(chunk)
        self.thread = threading.Thread(target=pump, daemon=True)
        self.thread.start()

    def join(self) -> str:
        if self.thread:
            self.thread.join(10)
        return b"".join(self.parts).decode("utf-8", "replace")


def python_snippet(code: str, *args: str, limit_s: float = 60, env: dict[str, str] | None = None) -> Finished:
    """Run a short Python program in a child (for memory measured apart from pytest)."""
    return run_measured([sys.executable, "-c", BOOTSTRAP + code, *args], limit_s=limit_s, env=env)


# ---------------------------------------------------------------- corpora

LAUGHS = ('<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)))
BILLION_LAUGHS = (f'<?xml version="1.0"?><!DOCTYPE rss [{LAUGHS}]><rss version="2.0"><channel>'
                  "<title>&lol9;</title><item><title>x</title><description>&lol9;</description></item>"
                  "</channel></rss>")
XXE = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
       "<description>Leak: &xxe; and some more words here.</description></item></channel></rss>")
GOOD_FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><guid>feed-1</guid>'
             "<title>Talks</title><description>Kyiv asked Washington for more air defence on Tuesday, "
             "the foreign ministry said.</description></item></channel></rss>")


def hostile_files(folder: Path) -> tuple[dict[str, str], set[str]]:
    """Write the hostile corpus into ``folder``.

    Returns ({failing item, relative to folder: expected error code}, {ids of the good
    articles the same batch must store}).
    """
    line = lambda obj: json.dumps(obj) + "\n"  # noqa: E731
    nested = b"<html><body>" + b"<div>" * 200_000 + GOOD.encode() + b"</div>" * 200_000 + b"</body></html>"
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "nul.txt": b"Troops massed\x00 near the border\x00 on Monday." * 20,
        "invalid-utf8.txt": b"\xc3\x28\xa0\xa1" + bytes(range(0x80, 0x100)) * 8 + b"\xff\xfe\xfd\xfc" * 10,
        "mixed-encodings.txt": ("Officials in Kyiv said the café near " .encode("utf-8")
                                + "Киев".encode("cp1251") + " was closed after the grève.".encode("cp1252")),
        "huge.txt": (GOOD + "\n").encode() * (40_000_000 // (len(GOOD) + 1) + 1),
        "nested.html": nested,
        "laughs.xml": BILLION_LAUGHS.encode(),
        "laughs-utf16.rss": BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1).encode("utf-16"),
        "xxe.rss": XXE.encode(),
        "bomb.gz": gzip.compress(b"\0" * 50_000_000),
        "bomb.txt.gz": gzip.compress(b"Troops massed. " * 3_000_000),
        "broken.jsonl": (line({"id": "jsonl-good", "text": GOOD}) + '{"id": "jsonl-broken", "text": \n'
                         + "[1, 2, 3]\n" + '{"id": "jsonl-no-text"}\n').encode() + b"\x80\x81\xfe\n"
                        + line({"id": "jsonl-good-2", "text": "NATO allies met in Brussels on Friday."}).encode(),
        "huge-field.csv": ("id,text\ncsv-huge," + "x" * 3_000_000 + "\ncsv-good,\"Turkey offered to host "
                           "talks in Istanbul, the president said.\"\n").encode(),
        "affix-runs.txt": ('"' * 60_000 + " " + "\U0001F600" * 30_000 + " " + "$" * 30_000 + "\n"
                           + "Poland closed its border with Belarus on Tuesday, the interior minister said.").encode(),
        "feed.rss": GOOD_FEED.encode(),
        "good.txt": GOOD.encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    failing = {
        "empty.txt": "empty", "binary.txt": "decode", "nul.txt": "decode", "invalid-utf8.txt": "decode",
        "huge.txt": "too_large", "nested.html": "parse", "laughs.xml": "parse", "laughs-utf16.rss": "parse",
        "xxe.rss": "parse", "bomb.gz": "decode", "bomb.txt.gz": "decode",
        "broken.jsonl:2": "parse", "broken.jsonl:3": "parse", "broken.jsonl:4": "empty", "broken.jsonl:5": "parse",
        "huge-field.csv:2": "parse",
    }
    good = {"jsonl-good", "jsonl-good-2", "csv-good", "feed-1"}
    return failing, good


def integrity(db: Path) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# ---------------------------------------------------------------- small articles

ACTORS = ("Russia", "Ukraine", "NATO", "France", "Germany", "Turkey", "China", "Poland")
VERBS = ("accused", "met", "warned", "praised", "threatened", "criticised", "called on")
PLACES = ("Geneva", "Brussels", "Kyiv", "Moscow", "Ankara", "Paris")


def small_articles(n: int) -> list[dict]:
    """``n`` short, distinct articles (two sentences each) with ids art-0000…"""
    out = []
    for i in range(n):
        a, b = ACTORS[i % len(ACTORS)], ACTORS[(i * 3 + 1) % len(ACTORS)]
        if a == b:
            b = ACTORS[(i + 1) % len(ACTORS)]
        text = (f"{a} {VERBS[i % len(VERBS)]} {b} in {PLACES[i % len(PLACES)]} on Monday. "
                f"Officials said {i + 2} advisers attended.")
        out.append({"id": f"art-{i:04d}", "text": text, "published": "2021-12-17"})
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
