"""HTML pages: the main text and metadata with trafilatura, the date with htmldate.

``html_article`` turns one page (bytes or str) into an ``Article``: trafilatura
finds the main text, title, date, site name, author and categories; when it
finds no date, htmldate looks harder, and last a date in the URL path is used.
``html_to_text`` turns a small HTML fragment (a feed entry) into plain text.
"""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from typing import Iterator

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from ..errors import InputError, ParseError
from ..records import Article, Failure
from ..settings import Settings
from .build import decode, failure, make_article, read_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<\s*[a-zA-Z!/?][^>]*>")
#: Attributes kept per tag. libxml2 checks each attribute of a tag against the ones
#: before it (quadratic: 200,000 attributes on one tag took 185 s); no real page
#: needs more than a few dozen on one element.
MAX_ATTRIBUTES = 100
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/<>]*)(\s(?:[^<>"']|"[^"]*"|'[^']*')*)>""")  # quotes may hold ">"
LONG_TAG = 2000  # characters of attributes above which a tag's attributes are counted
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "table", "tr", "section", "article", "figure", "figcaption", "header", "footer", "hr")


def declared_charset(data: bytes) -> str | None:
    """The charset named in a page's ``<meta>`` (first 4 KB), if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def bound_attributes(page: str, limit: int = MAX_ATTRIBUTES) -> str:
    """``page`` with each start tag cut to its first ``limit`` attributes (one linear
    pass; only tags over 2,000 characters are looked at, so ordinary pages are
    returned unchanged)."""
    def cut(m: re.Match) -> str:
        if len(m.group(2)) < LONG_TAG:
            return m.group(0)
        attrs = []
        for a in _ATTRIBUTE.finditer(m.group(2)):
            attrs.append(a.group())
            if len(attrs) >= limit:
                break
        return f"<{m.group(1)} {' '.join(attrs)}>"
    return _START_TAG.sub(cut, page)


def html_article(page: str | bytes, origin: str, settings: Settings | None = None, *,
                 url: str | None = None, encoding: str | None = None) -> Article:
    """The ``Article`` of one HTML page; raises an ``InputError`` naming ``origin``.

    Bytes are decoded with ``encoding`` (an HTTP charset), else the page's
    ``<meta charset>``, else UTF-8 or the best guess.
    """
    settings = settings or Settings()
    if isinstance(page, bytes):
        page = decode(page, origin, encoding=encoding or declared_charset(page))
    if not _TAG.search(page[:100_000]):
        raise ParseError("not HTML (no tags found)", item=origin)
    page = bound_attributes(page)
    try:
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except (ValueError, TypeError, lxml.etree.LxmlError) as e:
        raise ParseError(f"malformed HTML: {e}", item=origin) from e
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise ParseError("malformed HTML or no main text found", item=origin)
    published, where = getattr(doc, "date", None), "metadata"
    if not published:
        published, where = _htmldate(page, url), "htmldate"
    categories = getattr(doc, "categories", None) or []
    article = make_article(
        text, origin=origin, settings=settings, title=getattr(doc, "title", None),
        published=published, published_from=where, section=categories[0] if categories else None,
        source=getattr(doc, "sitename", None), url=getattr(doc, "url", None) or url,
        byline=getattr(doc, "author", None))
    return article


def _htmldate(page: str, url: str | None) -> str | None:
    try:
        return htmldate.find_date(page, url=url, extensive_search=True, original_date=True)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None


def read_html(path: str | Path, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """The article of an HTML file (one page, one article)."""
    settings = settings or Settings()
    item = str(path)
    try:
        yield html_article(read_bytes(Path(path), settings), item, settings)
    except InputError as e:
        yield failure(e, item)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become line breaks."""
    if "<" not in fragment:
        return htmllib.unescape(fragment).strip()
    fragment = bound_attributes(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return htmllib.unescape(_TAG.sub(" ", fragment)).strip()
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        else:
            el.text = "\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
