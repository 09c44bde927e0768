"""sitroom.ingest: read news from files, folders, URLs and stdin into ``Article`` records.

``read(sources)`` yields an ``Article`` for each good item and a ``Failure``
(item, code, one-line message) for each bad one; the batch always goes on.
The building blocks are the readers per format and ``fetch_url``.
"""
from __future__ import annotations

from .build import content_hash, make_article
from .layout import Layout, analyse, article_from_text
from .sources import read, read_file, read_url
from .structured import FIELDS, read_csv, read_json, read_jsonl
from .text import read_text, text_article

#: names of the feed, HTML and web readers, imported on first use (their libraries are slow
#: to import and a JSON Lines corpus needs none of them)
_LAZY = {"feed_articles": "feeds", "read_feed": "feeds", "Fetched": "fetch", "fetch_url": "fetch",
         "html_article": "html", "read_html": "html"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "read", "read_file", "read_url", "read_jsonl", "read_json", "read_csv", "read_text", "text_article",
    "article_from_text", "read_html", "html_article", "read_feed", "feed_articles", "fetch_url", "Fetched", "analyse", "Layout",
    "make_article", "content_hash", "FIELDS",
]
