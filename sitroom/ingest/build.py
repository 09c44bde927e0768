"""Shared steps of every reader: decode bytes, check limits, build an ``Article``.

Readers raise the ``InputError`` family for one bad item; ``failure`` turns
such an error into a ``Failure`` record so that the batch goes on.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Iterator, TypeVar

import charset_normalizer

from ..errors import DecodeError, EmptyInput, InputError, SitroomError, TooLarge, UsageError
from ..records import Article, Failure
from ..settings import Settings
from .layout import analyse, parse_date

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Share of control characters above which decoded bytes are not text.
MAX_CONTROL_SHARE = 0.01
#: Encodings preferred when charset-normalizer rates several guesses the same.
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Terminal control: C0 (but tab/newline, which ``one_line`` folds), DEL, C1 and ESC sequences.
_TERMINAL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """``value`` as text safe to print and to store: lone surrogates (undecodable
    bytes of a file name, ``"\\udc80"`` escapes) become backslash escapes, terminal
    control characters and escape sequences are dropped."""
    text = str(value)
    if _SURROGATE.search(text):
        try:  # a file name's undecodable bytes (surrogateescape) shown as \xff
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _TERMINAL.sub("", text)


def one_line(message: str) -> str:
    return " ".join(printable(message).split())


def check_unicode(value: str, field: str, item: str) -> str:
    """``value`` if it is valid Unicode; a lone surrogate (a ``"\\udc80"`` JSON escape)
    cannot be stored or encoded: the record is refused, naming the field and position."""
    m = _SURROGATE.search(value)
    if m:
        raise DecodeError(f"field {field!r} holds a lone surrogate {m.group().encode('unicode_escape').decode()} "
                          f"at character {m.start()}: not valid Unicode", item=item)
    return value


def failure(error: SitroomError, item: str | None = None) -> Failure:
    """The ``Failure`` record of a bad item: one line that names the item."""
    item = printable(item or error.item or "?")
    return Failure(item=item, code=error.code, message=one_line(f"{item}: {error.message}"))


def file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: Path, item: str | None = None):
    """``path`` opened for reading in binary, if it is a regular file.

    Opened with ``O_NONBLOCK`` and checked with ``fstat`` on the open descriptor, so a
    FIFO or device never blocks the open or the read, and a file swapped for one
    between a check and the open is still caught."""
    item = item or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}", item=item) from e
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not read: {file_kind(mode)}, not a regular file", item=item)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, settings: Settings, item: str | None = None) -> bytes:
    """The bytes of a regular file, refused over ``settings.max_bytes`` before reading."""
    item = item or str(path)
    with open_regular(path, item) as f:
        try:
            size = os.fstat(f.fileno()).st_size
            if size > settings.max_bytes:
                raise TooLarge(f"file is {size} bytes, over the limit of {settings.max_bytes} (max_bytes)",
                               item=item)
            data = f.read(settings.max_bytes + 1)
        except OSError as e:
            raise InputError(f"cannot read file: {e.strerror or e}", item=item) from e
    if len(data) > settings.max_bytes:
        raise TooLarge(f"file is over the limit of {settings.max_bytes} bytes (max_bytes)", item=item)
    return data


def decode(data: bytes, item: str, *, encoding: str | None = None) -> str:
    """Text from bytes: UTF-8 (or a BOM / declared encoding), else the best guess of
    charset-normalizer; binary content and undecodable bytes raise ``DecodeError``."""
    if not data.strip():
        raise EmptyInput("empty input", item=item)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(name), item)
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {name}: {e.reason} at byte {e.start}", item=item) from e
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes), not text", item=item)
    for name in filter(None, (encoding, "utf-8")):
        try:
            return _check_text(data.decode(name), item)
        except (UnicodeDecodeError, LookupError):
            continue
    best = _best_guess(data)
    if best is None:
        raise DecodeError("not valid UTF-8 and no text encoding fits the bytes", item=item)
    return _check_text(best, item)


def _best_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess; among equally good guesses, the common Western encodings."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    top = min((m.chaos, -m.coherence) for m in matches)
    tied = [m for m in matches if (m.chaos, -m.coherence) == top]
    tied.sort(key=lambda m: PREFERRED_ENCODINGS.index(m.encoding)
              if m.encoding in PREFERRED_ENCODINGS else len(PREFERRED_ENCODINGS))
    return str(tied[0])


def _check_text(text: str, item: str) -> str:
    if not text.strip():
        raise EmptyInput("empty input", item=item)
    if len(_CONTROL.findall(text[:100_000])) > MAX_CONTROL_SHARE * min(len(text), 100_000):
        raise DecodeError("binary content (control characters), not text", item=item)
    return text


def normalise(text: str) -> str:
    """The text as hashed: NFKC, whitespace runs collapsed, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


def normalise_date(value: str | None) -> str | None:
    """An ISO date or datetime for a given date; None for a form that is not a date."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value
    except ValueError:
        pass
    iso = parse_date(value)
    if iso:
        return iso
    try:
        from email.utils import parsedate_to_datetime  # RSS: "Fri, 17 Dec 2021 10:00:00 GMT"
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def url_date(url: str | None) -> str | None:
    """The date in a URL path such as ``/2021/12/17/``."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))).date().isoformat()
    except ValueError:
        return None


def make_article(text: str, *, origin: str, settings: Settings, id: str | None = None,
                 title: str | None = None, published: str | None = None,
                 published_from: str = "given", section: str | None = None,
                 source: str | None = None, url: str | None = None,
                 byline: str | None = None) -> Article:
    """An ``Article`` for ``text``; given metadata wins over what the layout shows.

    ``published`` is normalised to ISO; a given value that is not a date is
    dropped, and the dateline or a date in the URL is used instead.
    """
    origin = printable(origin)
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput("no text", item=origin)
    given = dict(id=id, text=text, title=title, published=published, section=section, source=source,
                 url=url, byline=byline)
    for field, value in given.items():
        if isinstance(value, str):
            check_unicode(value, field, origin)
    if len(text) > settings.max_chars:
        raise TooLarge(f"text has {len(text)} characters, over the limit of {settings.max_chars} (max_chars)",
                       item=origin)
    layout = analyse(text)
    published = normalise_date(published)
    if not published:
        published_from = None
        for found, where in ((layout.published, "dateline"), (url_date(url), "url")):
            if found:
                published, published_from = found, where
                break
    digest = content_hash(text)
    return Article(
        id=str(id) if id not in (None, "") else "a-" + digest[:16],
        text=text,
        title=_clean(title) or layout.title,
        published=published,
        published_from=published_from,
        section=_clean(section) or layout.section,
        source=_clean(source),
        url=_clean(url),
        byline=_clean(byline) or layout.byline,
        origin=origin,
        boilerplate=layout.boilerplate,
        content_hash=digest,
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = one_line(str(value))
    return text or None


def guarded(items: Iterator[T], item: str) -> Iterator[T | Failure]:
    """Yield from a reader; an input error or an unexpected crash becomes a Failure.

    A crash ends that source (the rest of its items are not read), never the batch.
    """
    try:
        yield from items
    except UsageError:
        raise
    except InputError as e:
        yield failure(e, e.item or item)
    except Exception as e:  # a parser's crash on one item must not end the batch
        log.debug("unexpected error reading %s", item, exc_info=True)  # the Failure says it once
        yield Failure(item, "bad_input", one_line(f"{item}: cannot read: {type(e).__name__}: {e}"))
