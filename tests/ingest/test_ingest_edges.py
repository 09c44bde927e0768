"""The edges where text and files enter: one bad string or one odd file fails alone,
named, and nothing outside the folder is read (issue 19, findings 1-3)."""
from __future__ import annotations

import io
import json
import os
import threading

import pytest

from sitroom.ingest import read
from sitroom.ingest.build import printable
from sitroom.ingest.sources import read_stdin, walk
from sitroom.records import Article, Failure
from sitroom.settings import Settings

TEXT = "Officials in Paris said on Monday that talks number {} would resume soon."


def lines_with(bad_line: int, field: str, value: str, n: int = 10) -> list[str]:
    out = []
    for i in range(1, n + 1):
        rec = {"id": f"r{i}", "text": TEXT.format(i), "source": "wire", "title": "Talks"}
        line = json.dumps(rec)
        if i == bad_line:  # the JSON escape itself, as an attacker writes it
            line = line.replace(json.dumps(rec[field]), json.dumps(rec[field])[:-1] + value + '"')
        out.append(line)
    return out


def finish(fn, seconds: float = 10.0):
    """Run ``fn`` in a thread; fail (rather than hang the suite) if it takes too long."""
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("v", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s (hung)"
    return box["v"]


@pytest.mark.parametrize("field", ["title", "id", "source", "text"])
@pytest.mark.parametrize("escape", ["\\udc80", "\\ud800", "\\udfff"])
def test_a_lone_surrogate_fails_its_line_alone(tmp_path, field, escape):
    path = tmp_path / "file.jsonl"
    path.write_text("\n".join(lines_with(3, field, escape)) + "\n", encoding="utf-8")
    items = list(read([str(path)]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.item for f in failures] == [f"{path}:3"]
    assert f"field {field!r} holds a lone surrogate" in failures[0].message
    assert failures[0].code == "decode"
    assert [a.id for a in items if isinstance(a, Article)] == [f"r{i}" for i in range(1, 11) if i != 3]


def test_a_proper_surrogate_pair_escape_is_an_emoji_and_is_kept(tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text("\n".join(lines_with(2, "title", "\\ud83d\\ude00", n=2)) + "\n", encoding="utf-8")
    items = list(read([str(path)]))
    assert all(isinstance(i, Article) for i in items) and items[1].title == "Talks\U0001F600"


def test_a_lone_surrogate_on_stdin_fails_its_line_alone():
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(lines_with(2, "text", "\\udc80", n=4)).encode()))
    items = list(read_stdin(stdin, Settings(), {}))
    assert [i.item for i in items if isinstance(i, Failure)] == ["<stdin>:2"]
    assert sum(isinstance(i, Article) for i in items) == 3


def test_a_file_name_with_undecodable_bytes_is_read_and_named_printably(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9-\x1b[31mred.txt"
    with open(raw, "wb") as f:
        f.write(TEXT.format(1).encode())
    (item,) = list(read([str(tmp_path)]))
    assert isinstance(item, Article)
    assert item.origin.endswith("caf\\xe9-red.txt")  # no surrogate, no escape sequence
    item.origin.encode("utf-8")


def test_printable_drops_terminal_escapes_and_shows_surrogates():
    assert printable("a\x1b[2J\x1b]0;owned\x07b\x9bc\udc80") == "abc\\x80"
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"


def make_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(TEXT.format(name))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "status.txt").symlink_to("/proc/self/status")
    (folder / "etc").symlink_to("/etc")
    outside = tmp_path / "secret.txt"
    outside.write_text("The secret plan was discussed by officials on Monday.")
    (folder / "up.txt").symlink_to("../secret.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "inside.txt").symlink_to("../a.txt")  # a link inside the folder is read
    return folder


def test_folder_ingest_reads_only_regular_files_inside_the_folder(tmp_path):
    folder = make_folder(tmp_path)
    items = finish(lambda: list(read([str(folder)])))
    stored = sorted(os.path.relpath(a.origin, folder) for a in items if isinstance(a, Article))
    assert stored == ["a.txt", "b.txt", "c.txt", "sub/inside.txt"]
    reasons = {os.path.basename(f.item): f.message for f in items if isinstance(f, Failure)}
    assert set(reasons) == {"passwd.txt", "status.txt", "etc", "up.txt", "pipe.txt"}
    assert "symbolic link out of the folder" in reasons["passwd.txt"]
    assert "symbolic link out of the folder" in reasons["up.txt"]
    assert "named pipe (FIFO), not a regular file" in reasons["pipe.txt"]
    assert not any("root:" in a.text or "secret plan" in a.text for a in items if isinstance(a, Article))


def test_the_walker_itself_opens_nothing(tmp_path):
    folder = make_folder(tmp_path)
    found = finish(lambda: list(walk(folder)))
    assert sum(not isinstance(p, Failure) for p in found) == 4


@pytest.mark.parametrize("name", ["pipe.jsonl", "pipe.txt", "pipe.html", "pipe.csv", "pipe.unknown"])
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    (f,) = finish(lambda: list(read([str(fifo)])))
    assert isinstance(f, Failure) and "named pipe" in f.message


def test_a_device_is_refused(tmp_path):
    (f,) = finish(lambda: list(read(["/dev/zero"])))
    assert isinstance(f, Failure) and "character device" in f.message
