"""``POST /api/ingest``: extract and store articles sent as JSON — off unless a token is set.

The body is one article, a list of them, or ``{"articles": [...]}``, each in the
input shape of the extraction contract (``id`` and ``text`` required; ``title``,
``published``, ``url``, ``source`` optional). A bad item is reported with its
reason and the rest are still stored.
"""
from __future__ import annotations

import hmac
import json
from typing import Any, Mapping

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import (Forbidden, InputError, ParseError, RequestTooLarge, SitroomError, Unauthorized,
                      UnsupportedMediaType, UsageError)
from ..ingest.build import check_unicode, content_hash, normalise_date, printable
from ..records import Article, Failure
from ..settings import Settings

MAX_ARTICLES = 200
_OPTIONAL = ("title", "published", "url", "source")



async def ingest_request(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    check_token(settings, request.headers.get("authorization"))
    check_json(request.headers.get("content-type"))
    body = await read_body(request, settings.max_bytes)
    try:
        payload = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as e:
        raise UsageError(f"request body is not JSON: {e}") from e
    except RecursionError as e:  # "[[[[...": the parser's depth limit, not a server error
        raise UsageError("request body is nested too deep") from e
    articles, failures = read_articles(payload, settings)
    result = {"stored": 0, "duplicates": 0, "versions": []}
    if articles:
        result = await run_in_threadpool(_extract_and_store, request, articles, settings, failures)
    status = 201 if result["stored"] else 200
    return JSONResponse({"ok": not failures, "received": len(articles) + len(failures), **result,
                         "failed": [f.to_dict() for f in failures]}, status_code=status)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it grows past ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestTooLarge(f"request body is larger than max_bytes={limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestTooLarge(f"request body is larger than max_bytes={limit}")
        chunks.append(chunk)
    return b"".join(chunks)


def check_token(settings: Settings, header: str | None) -> None:
    """403 when ingest is switched off, 401 when the bearer token is missing or wrong."""
    if not settings.api_token:
        raise Forbidden("ingest is disabled: set api_token in the settings to allow POST /api/ingest")
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                              settings.api_token.encode()):
        raise Unauthorized("POST /api/ingest needs the header Authorization: Bearer <api_token>")


def check_json(content_type: str | None) -> None:
    """415 unless the body is declared JSON. A cross-site ``<form>`` can send only
    form-encoded, multipart or text/plain bodies (defence in depth beside the token)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        raise UnsupportedMediaType(f"POST /api/ingest needs Content-Type: application/json, not {media or 'none'}")


def read_articles(payload: Any, settings: Settings) -> tuple[list[Article], list[Failure]]:
    """Articles from the posted JSON, and a failure for every bad item."""
    if isinstance(payload, Mapping) and "articles" in payload:
        payload = payload["articles"]
    elif isinstance(payload, Mapping):
        payload = [payload]
    if not isinstance(payload, list):
        raise UsageError("body must be an article object, a list of them, or {\"articles\": [...]}")
    if len(payload) > MAX_ARTICLES:
        raise UsageError(f"at most {MAX_ARTICLES} articles per request, got {len(payload)}")
    articles, failures, seen = [], [], set()
    for n, item in enumerate(payload):
        name = f"item {n}"
        if not isinstance(item, Mapping):
            failures.append(Failure(name, "bad_input", "not a JSON object"))
            continue
        aid, text = item.get("id"), item.get("text")
        if isinstance(aid, str) and aid:
            name = aid
        if not isinstance(aid, str) or not aid.strip():
            failures.append(Failure(name, "bad_input", "`id` must be a non-empty string"))
        elif not isinstance(text, str) or not text.strip():
            failures.append(Failure(name, "empty", "`text` must be a non-empty string"))
        elif len(text) > settings.max_chars:
            failures.append(Failure(name, "too_large", f"text is longer than max_chars={settings.max_chars}"))
        elif (aid, item.get("source")) in seen:
            failures.append(Failure(name, "bad_input", "the same id and source twice in one request"))
        elif any(item.get(k) is not None and not isinstance(item.get(k), str) for k in _OPTIONAL):
            failures.append(Failure(name, "bad_input", f"{', '.join(_OPTIONAL)} must be strings"))
        else:
            try:
                articles.append(_article(item, aid, name))
                seen.add((aid, item.get("source")))
            except InputError as e:
                failures.append(Failure(printable(name), e.code, e.message))
    return articles, failures


def _article(item: Mapping, aid: str, name: str) -> Article:
    """The Article of one checked item: every string valid Unicode, the date a real date."""
    for key in ("id", "text", *_OPTIONAL):
        if isinstance(item.get(key), str):
            check_unicode(item[key], key, name)
    published = item.get("published") or None
    if published is not None:
        iso = normalise_date(published)
        if iso is None:
            raise ParseError(f"published={published!r} is not a date (ISO 8601, e.g. 2021-12-17)", item=name)
        published = iso
    text = item["text"]
    return Article(aid, text, **{k: item.get(k) or None for k in ("title", "url", "source")},
                   published=published, published_from="given" if published else None, origin="api",
                   content_hash=content_hash(text))


def _extract_and_store(request: Request, articles: list[Article], settings: Settings,
                       failures: list[Failure]) -> dict:
    from ..extract import extract_doc
    from ..nlp import parse

    store = request.app.state.stores.get()
    known = store.known_articles(articles)
    pairs = []
    for n, article in enumerate(articles):
        if n in known:
            continue
        try:
            pairs.append((article, extract_doc(parse(article, settings), article, settings)))
        except SitroomError as e:
            failures.append(Failure(article.id, e.code, e.message))
    result = store.write(pairs, changed_text=settings.changed_text)
    failures.extend(result.failures)
    return {"stored": result.stored, "duplicates": result.duplicates + len(known),
            "versions": [v.to_dict() for v in result.versions]}
