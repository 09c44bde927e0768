"""Plain-text articles (.txt, .text, .md): the text as read, with its layout."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Article, Failure
from ..settings import Settings
from .build import decode, failure, make_article, read_bytes


def text_article(text: str, origin: str, settings: Settings | None = None, **meta: str | None) -> Article:
    """An ``Article`` of plain text; the dateline, headline and byline fill what ``meta`` lacks."""
    return make_article(text, origin=origin, settings=settings or Settings(), **meta)


def read_text(path: str | Path, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """The article of a plain-text file (one file, one article)."""
    settings = settings or Settings()
    item = str(path)
    try:
        yield text_article(decode(read_bytes(Path(path), settings), item), item, settings)
    except InputError as e:
        yield failure(e, item)
