"""sitroom.ingest: read news from files, folders, URLs and stdin into ``Article`` records.

``read(sources)`` yields an ``Article`` for each good item and a ``Failure``
(item, code, one-line message) for each bad one; the batch always goes on.
The building blocks are the readers per format and ``fetch_url``.
"""
from __future__ import annotations

from .build import content_hash, make_article
from .feeds import feed_articles, read_feed
from .fetch import Fetched, fetch_url
from .html import html_article, read_html
from .layout import Layout, analyse, article_from_text
from .sources import read, read_file, read_url
from .structured import FIELDS, read_csv, read_json, read_jsonl
from .text import read_text, text_article

__all__ = [
    "read", "read_file", "read_url", "read_jsonl", "read_json", "read_csv", "read_text", "text_article",
    "article_from_text", "read_html", "html_article", "read_feed", "feed_articles", "fetch_url", "Fetched", "analyse", "Layout",
    "make_article", "content_hash", "FIELDS",
]
