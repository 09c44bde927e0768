"""A small store for the security tests, written without parsing (records by hand)."""
from __future__ import annotations

from pathlib import Path

from sitroom.records import Article, Extraction
from sitroom.store import open_store


def stored_db(folder: Path) -> str:
    """A SQLite store of two articles; one title and source hold terminal escapes."""
    path = str(folder / "small.db")
    text = "Officials met in Geneva on Monday."
    pairs = [(Article("e1", text, title="Evil \x1b[2J\x1b]0;owned\x07title", source="wire\x1b[31m",
                      published="2021-12-20"), Extraction("e1")),
             (Article("e2", text + " Again.", title="Plain", published="2021-12-21"), Extraction("e2"))]
    with open_store(path) as s:
        s.write(pairs)
    return path
