"""Where articles come from: files, folders, URLs and stdin, each to its reader."""
from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, TextIO

from ..errors import EmptyInput, InputError, ParseError, TooLarge
from ..records import Article, Failure
from ..settings import Settings
from .build import decode, failure, file_kind, guarded, open_regular, printable, read_bytes
from .structured import check_mapping, read_csv, read_json, read_jsonl
from .text import read_text, text_article

# The feed, HTML and web readers (feedparser, trafilatura, lxml, httpx: a fifth of a second
# to import) are imported where they are first needed, not by every reader of a JSON file.


def read_html(path: Path, settings: Settings) -> Iterator[Item]:
    from .html import read_html

    return read_html(path, settings)


def read_feed(path: Path, settings: Settings) -> Iterator[Item]:
    from .feeds import read_feed

    return read_feed(path, settings)


Item = Article | Failure
Reader = Callable[[Path, Settings, Mapping[str, str]], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": lambda p, s, m: read_text(p, s),
    ".text": lambda p, s, m: read_text(p, s),
    ".md": lambda p, s, m: read_text(p, s),
    ".html": lambda p, s, m: read_html(p, s),
    ".htm": lambda p, s, m: read_html(p, s),
    ".json": lambda p, s, m: read_json(p, s, m),
    ".jsonl": lambda p, s, m: read_jsonl_file(p, s, m),
    ".ndjson": lambda p, s, m: read_jsonl_file(p, s, m),
    ".csv": lambda p, s, m: read_csv(p, m, s),
    ".xml": lambda p, s, m: read_feed(p, s),
    ".rss": lambda p, s, m: read_feed(p, s),
    ".atom": lambda p, s, m: read_feed(p, s),
}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
STDIN = "<stdin>"


def read_jsonl_file(path: Path, settings: Settings, mapping: Mapping[str, str]) -> Iterator[Item]:
    item = printable(path)
    try:
        f = open_regular(path, item)
    except InputError as e:
        yield failure(e, item)
        return
    with f:
        if os.fstat(f.fileno()).st_size == 0:  # a corpus streams line by line: max_bytes limits each line
            yield failure(EmptyInput("empty input"), item)
            return
        wide = _wide_encoding(f.read(4))
        f.seek(0)
        if wide:  # UTF-16/32 lines cannot be split on the byte "\n": decode as a stream
            yield from read_jsonl(io.TextIOWrapper(f, encoding=wide, errors="replace"), item, mapping, settings)
        else:
            yield from read_jsonl(f, item, mapping, settings)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16 by the byte-order mark, or by the NUL bytes of ASCII ``{``."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 2 and head[1] == 0 and head[0] != 0:
        return "utf-16-le"
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "utf-16-be"
    return None


def _sniffed(path: Path, settings: Settings) -> Iterator[Item]:
    """A file with an unknown extension: a feed or an HTML page by its content, else a Failure."""
    item = str(path)
    try:
        data = read_bytes(path, settings)
        head = decode(data, item)[:4096]
    except InputError as e:
        yield failure(e, item)
        return
    from .feeds import feed_articles, looks_like_feed

    if looks_like_feed(head):
        yield from feed_articles(data, item, settings)
    elif _HTML_START.search(head):
        yield from read_html(path, settings)
    else:
        known = " ".join(sorted(READERS))
        yield failure(InputError(f"unsupported file type {path.suffix or '(no extension)'!r}; "
                                 f"known: {known}"), item)


def read_file(path: str | Path, settings: Settings | None = None,
              mapping: Mapping[str, str] | None = None) -> Iterator[Item]:
    """The articles of one file, read by the reader for its extension."""
    settings = settings or Settings()
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    items = reader(path, settings, mapping or {}) if reader else _sniffed(path, settings)
    yield from guarded(items, printable(path))


def walk(folder: Path) -> Iterator[Path | Failure]:
    """The regular files under a folder, recursively, sorted, hidden files and folders skipped.

    This is the one file-type check of folder ingest: only regular files are
    read. A symbolic link is followed only to a regular file inside the folder; a
    link out of it (``/etc/passwd``), a link to a folder, a named pipe, a socket or
    a device is a ``Failure`` naming it, never opened.
    """
    top = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder):  # never descends into linked folders
        names = sorted(n for n in (*dirs, *files) if not n.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
        walked = set(dirs)
        for name in names:
            if name in walked:
                continue
            path = Path(root) / name
            reason = _not_regular(path, top)
            if reason:
                yield failure(InputError(f"skipped: {reason}"), printable(path))
            else:
                yield path


def _not_regular(path: Path, top: str) -> str | None:
    """Why ``path`` (found in the folder ``top``) is not read; None for a regular file."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            target = os.path.realpath(path)
            if os.path.commonpath([top, target]) != top:
                return "symbolic link out of the folder, not followed"
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                return f"symbolic link to {file_kind(mode)}, not followed"
            return None
    except (OSError, ValueError) as e:
        return f"cannot read file: {getattr(e, 'strerror', None) or e}"
    return None if stat.S_ISREG(mode) else f"{file_kind(mode)}, not a regular file"


def read_url(url: str, settings: Settings | None = None, **fetch_options) -> Iterator[Item]:
    """The article of a web page, or the articles of a feed, at ``url``."""
    from .feeds import feed_articles, looks_like_feed
    from .fetch import fetch_url
    from .html import html_article

    settings = settings or Settings()
    try:
        fetched = fetch_url(url, settings, **fetch_options)
        head = fetched.content[:4096].decode("utf-8", "replace")
        if fetched.content_type in FEED_TYPES or looks_like_feed(head):
            yield from feed_articles(fetched.content, url, settings)
            return
        if fetched.content_type == "text/plain":
            text = decode(fetched.content, url, encoding=fetched.charset)
            yield text_article(text, url, settings, url=fetched.url)
            return
        if fetched.content_type and "html" not in fetched.content_type and not _HTML_START.search(head):
            raise ParseError(f"unsupported content type {fetched.content_type!r}", item=url)
        yield html_article(fetched.content, url, settings, url=fetched.url, encoding=fetched.charset)
    except InputError as e:
        yield failure(e, url)


def read_stdin(stream: TextIO, settings: Settings, mapping: Mapping[str, str]) -> Iterator[Item]:
    """JSON Lines when the first line is a JSON object, else one plain-text article."""
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read(settings.max_bytes + 1)
            if len(data) > settings.max_bytes:
                raise TooLarge(f"input is over the limit of {settings.max_bytes} bytes (max_bytes)", item=STDIN)
            text = decode(data, STDIN)
        else:
            text = stream.read(settings.max_chars + 1)
            if not text.strip():
                raise EmptyInput("empty input", item=STDIN)
    except InputError as e:
        yield failure(e, STDIN)
        return
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("{") and _is_object(first):
        yield from read_jsonl(text.splitlines(), STDIN, mapping, settings)
        return
    try:
        yield text_article(text, STDIN, settings)
    except InputError as e:
        yield failure(e, STDIN)


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return line.endswith("}")


def read(sources: Iterable[str] | str, settings: Settings | None = None, *,
         mapping: Mapping[str, str] | None = None, stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles (and Failures for bad items) from paths, folders, URLs and ``-`` (stdin).

    Folders are read recursively in sorted order, skipping hidden files; each
    file's reader is chosen by its extension. A bad item never stops the batch.
    """
    settings = settings or Settings()
    mapping = check_mapping(mapping)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        source = os.fspath(source)
        if source == "-":
            stream = stdin or sys.stdin
            if stream is None:  # started with stdin closed (`<&-`)
                yield failure(InputError("standard input is closed"), STDIN)
                continue
            yield from guarded(read_stdin(stream, settings, mapping), STDIN)
        elif re.match(r"(?i)https?://", source):
            yield from guarded(read_url(source, settings), source)
        elif re.match(r"(?i)[a-z][a-z0-9+.-]*://", source):
            yield failure(InputError("unsupported URL scheme; only http and https"), source)
        else:
            path = Path(source)
            if path.is_dir():
                for file in walk(path):
                    if isinstance(file, Failure):
                        yield file
                    else:
                        yield from read_file(file, settings, mapping)
            elif os.path.lexists(path):  # a FIFO or device given by name is refused when opened
                yield from read_file(path, settings, mapping)
            else:
                yield failure(InputError("no such file or folder"), source)
