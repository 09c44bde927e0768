"""RSS and Atom feeds with feedparser, each entry one article.

A feed that declares entities or an internal DTD subset is refused before
parsing (billion laughs, external entities): defusedxml checks the XML, and a
plain scan for ``<!ENTITY`` catches what a broken document hides from it.
An entry's text is its content, else its summary (HTML turned into text).
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator
from xml.etree.ElementTree import ParseError as XMLParseError

import defusedxml
import defusedxml.ElementTree
import feedparser

from ..errors import EmptyInput, InputError, ParseError
from ..records import Article, Failure
from ..settings import Settings
from .build import decode, failure, make_article, read_bytes
from .html import html_to_text

_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def looks_like_feed(head: str) -> bool:
    """True when the start of a document opens an RSS, Atom or RDF feed."""
    return bool(_FEED_ROOT.search(head[:4096]))


def check_safe_xml(data: bytes, origin: str) -> None:
    """Refuse entity declarations and external references; raises ``ParseError``."""
    if _ENTITY.search(data):
        raise ParseError("refused: the feed declares XML entities (DTD entity expansion is not allowed)",
                         item=origin)
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as e:
        raise ParseError(f"refused: unsafe XML ({type(e).__name__})", item=origin) from e
    except (XMLParseError, ValueError):
        pass  # malformed XML: feedparser's lenient parser decides below


def _xml_char(code: int) -> bool:
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def fix_charrefs(data: bytes) -> bytes:
    """Numeric character references to what XML forbids (NUL, surrogates, past
    U+10FFFF) become U+FFFD: feedparser's lenient parser crashes on them."""
    def fix(m: re.Match[bytes]) -> bytes:
        code = int(m[1], 16) if m[1] else int(m[2])
        return m[0] if _xml_char(code) else b"&#xFFFD;"
    return _CHARREF.sub(fix, data)


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return datetime(*t[:6], tzinfo=timezone.utc).isoformat()
    return entry.get("published") or entry.get("updated")


def _entry_text(entry: Any) -> str:
    for part in entry.get("content") or ():
        value = (part.get("value") or "").strip()
        if value:
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def feed_articles(data: bytes, origin: str, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Articles from the bytes of a feed; bad entries are Failures naming ``origin[i]``."""
    settings = settings or Settings()
    try:
        if not data.strip():
            raise EmptyInput("empty feed", item=origin)
        check_safe_xml(data, origin)
        try:
            parsed = feedparser.parse(fix_charrefs(data), sanitize_html=True, resolve_relative_uris=False)
        except (ValueError, RecursionError) as e:  # feedparser's own crashes on odd input
            raise ParseError(f"malformed feed: {type(e).__name__}: {e}", item=origin) from e
    except InputError as e:
        yield failure(e, origin)
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        why = f"malformed feed: {reason}" if parsed.get("bozo") and reason else "no entries in the feed"
        yield failure(ParseError(why), origin)
        return
    items = list(_entries(entries, origin, settings, (parsed.get("feed") or {}).get("title")))
    if parsed.get("bozo") and not any(isinstance(i, Article) for i in items):
        yield failure(ParseError(f"malformed feed: {parsed.get('bozo_exception')}"), origin)
        return
    yield from items


def _entries(entries: list[Any], origin: str, settings: Settings, source: str | None) -> Iterator[Article | Failure]:
    for i, entry in enumerate(entries):
        item = f"{origin}[{i}]"
        try:
            text = _entry_text(entry)
            if not text:
                raise EmptyInput("feed entry has no content or summary", item=item)
            tags = entry.get("tags") or []
            yield make_article(
                text, origin=item, settings=settings, id=entry.get("id") or entry.get("link"),
                title=html_to_text(entry.get("title") or "") or None, published=_published(entry),
                published_from="metadata", section=tags[0].get("term") if tags else None,
                source=source, url=entry.get("link"), byline=entry.get("author"))
        except InputError as e:
            yield failure(e, item)


def read_feed(path: str | Path, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Articles from an RSS/Atom file."""
    settings = settings or Settings()
    try:
        data = read_bytes(Path(path), settings)
        decode(data, str(path))  # refuses binary, undecodable and empty files
    except InputError as e:
        yield failure(e, str(path))
        return
    yield from feed_articles(data, str(path), settings)
