"""Readers for records that already come in fields: JSON Lines, JSON and CSV.

Each record has ``text`` and optionally ``id``, ``title``, ``published``,
``url``, ``source``, ``section`` and ``byline``. ``mapping`` renames fields:
``{"text": "body", "id": "doc_id"}`` reads the text from ``body``. A field that
is neither given nor mapped is also looked for under a few common names
(``body``, ``content``, ``date``, ``link``, ...). A record without text, a
broken line or a row that is not an object is a ``Failure`` naming
``path:line``; the other records still come through.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from ..errors import EmptyInput, InputError, ParseError, TooLarge, UsageError
from ..records import Article, Failure
from ..settings import Settings
from .build import decode, failure, make_article, printable, read_bytes

FIELDS = ("id", "text", "title", "published", "url", "source", "section", "byline")

#: Other names a field goes by, tried when the record lacks the field's own name.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("doc_id", "guid", "uuid", "_id"),
    "text": ("body", "content", "article", "full_text", "maintext"),
    "title": ("headline",),
    "published": ("date", "published_at", "pubdate", "date_publish", "datetime", "timestamp"),
    "url": ("link", "uri"),
    "source": ("publisher", "sitename", "site"),
    "section": ("category",),
    "byline": ("author", "authors"),
}

#: Keys of a JSON object that hold the list of articles: {"articles": [...]}.
LIST_KEYS = ("articles", "items", "documents", "docs", "data", "records")


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """The mapping, checked: a key that is not a field is a usage error."""
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise UsageError(f"mapping names unknown field(s) {unknown}; valid fields: {list(FIELDS)}")
    return mapping


def _scalar(value: Any) -> str | None:
    if isinstance(value, list):
        parts = [_scalar(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    if value is None or isinstance(value, bool):
        return None
    return str(value)


def record_article(obj: Mapping[str, Any], item: str, settings: Settings,
                   mapping: Mapping[str, str] | None = None) -> Article:
    """An ``Article`` from one record; raises an ``InputError`` naming ``item``."""
    mapping = mapping or {}
    values: dict[str, Any] = {}
    for name in FIELDS:
        keys = (mapping[name],) if name in mapping else (name, *ALIASES.get(name, ()))
        for key in keys:
            if obj.get(key) not in (None, ""):
                values[name] = obj[key]
                break
    text = values.pop("text", None)
    text_key = mapping.get("text", "text")
    if text is None:
        raise EmptyInput(f"no text (field {text_key!r} is missing or empty)", item=item)
    if not isinstance(text, str):
        raise ParseError(f"field {text_key!r} is a {type(text).__name__}, not a string", item=item)
    if not text.strip():
        raise EmptyInput(f"no text (field {text_key!r} is blank)", item=item)
    return make_article(text, origin=item, settings=settings, published_from="given",
                        **{k: _scalar(v) for k, v in values.items()})


def _one(obj: Any, item: str, settings: Settings, mapping: Mapping[str, str]) -> Article | Failure:
    if not isinstance(obj, dict):
        return failure(ParseError(f"expected a JSON object, got {type(obj).__name__}"), item)
    try:
        return record_article(obj, item, settings, mapping)
    except InputError as e:
        bad = failure(e, item)
        given = obj.get(mapping.get("id", "id"))
        return replace(bad, id=printable(given)) if isinstance(given, (str, int)) and given != "" else bad


def read_jsonl(stream: Iterable[str] | Iterable[bytes] | IO, origin: str, mapping: Mapping[str, str] | None = None,
               settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Articles from JSON Lines, one object a line; ``origin`` names the stream.

    The stream is read line by line, so a corpus of any size streams through;
    ``max_bytes`` limits each line (one record), never the whole corpus.
    """
    settings = settings or Settings()
    mapping = check_mapping(mapping)
    records = 0
    for number, line in enumerate(_bounded_lines(stream, settings.max_bytes), start=1):
        item = f"{origin}:{number}"
        if line is None:
            records += 1
            yield failure(TooLarge(f"line is over the limit of {settings.max_bytes} bytes (max_bytes)"), item)
            continue
        if not line.strip():
            continue
        records += 1
        if isinstance(line, bytes):
            try:
                line = decode(line, item)
            except InputError as e:
                yield failure(e, item)
                continue
        try:
            obj = json.loads(line.lstrip("\ufeff") if number == 1 else line)
        except (json.JSONDecodeError, RecursionError) as e:
            reason = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else "nested too deep"
            yield failure(ParseError(f"broken JSON line: {reason}"), item)
            continue
        yield _one(obj, item, settings, mapping)
    if not records:
        yield failure(EmptyInput("no records (empty input)"), origin)


def _bounded_lines(stream: Iterable[str] | Iterable[bytes] | IO, limit: int) -> Iterator[str | bytes | None]:
    """The lines of ``stream``; None in place of a line longer than ``limit``, whose
    rest is skipped without holding it in memory (file objects are read with a cap)."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        for line in stream:
            yield None if len(line) > limit else line
        return
    while line := readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(("\n", b"\n")[isinstance(line, bytes)]):
            line = readline(limit + 1)
        yield None
def read_json(path: str | Path, settings: Settings | None = None,
              mapping: Mapping[str, str] | None = None) -> Iterator[Article | Failure]:
    """Articles from a JSON file: one object, a list of objects, or ``{"articles": [...]}``."""
    settings = settings or Settings()
    mapping = check_mapping(mapping)
    path = Path(path)
    try:
        data = json.loads(decode(read_bytes(path, settings), str(path)))
    except InputError as e:
        yield failure(e, str(path))
        return
    except json.JSONDecodeError as e:
        yield failure(ParseError(f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}"), str(path))
        return
    except RecursionError:
        yield failure(ParseError("malformed JSON: nested too deep"), str(path))
        return
    if isinstance(data, dict):
        key = next((k for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is None:
            yield _one(data, str(path), settings, mapping)
            return
        data = data[key]
    if not isinstance(data, list):
        yield failure(ParseError(f"expected a JSON object or list, got {type(data).__name__}"), str(path))
        return
    if not data:
        yield failure(EmptyInput("empty list, no articles"), str(path))
    for i, obj in enumerate(data):
        yield _one(obj, f"{path}[{i}]", settings, mapping)


def read_csv(path: str | Path, mapping: Mapping[str, str] | None = None,
             settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Articles from a CSV file with a header row; each row is one article."""
    settings = settings or Settings()
    mapping = check_mapping(mapping)
    path = Path(path)
    try:
        text = decode(read_bytes(path, settings), str(path))
    except InputError as e:
        yield failure(e, str(path))
        return
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_chars + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as e:
        yield failure(ParseError(f"malformed CSV header: {e}"), str(path))
        return
    text_key = mapping.get("text")
    candidates = (text_key,) if text_key else ("text", *ALIASES["text"])
    if not any(c in header for c in candidates):
        yield failure(ParseError(f"no text column (looked for {', '.join(candidates)}; "
                                 f"columns: {', '.join(header) or 'none'})"), str(path))
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield failure(ParseError(f"malformed CSV row: {e}"), f"{path}:{line}")
            line = reader.line_num + 1
            continue
        item = f"{path}:{line}"
        line = reader.line_num + 1
        if None in row:
            row.pop(None)
        yield _one(row, item, settings, mapping)


__all__ = ["read_jsonl", "read_json", "read_csv", "record_article", "check_mapping", "FIELDS"]
