"""Whole-view downloads: every row a list view shows under its filters, as CSV or JSON,
streamed from the store's keyset walk (one batch in memory, whatever the size).

Each CSV has fixed columns (so it can be written before the last row is read), holds
the source URL of every row's article (``url``) and the sitroom link to the fact in
its article (``link``); cells that a spreadsheet would run as a formula are escaped
(:func:`sitroom.crossdoc.export.csv_cell`). The JSON download is one document:
``{"ok": true, "kind", "filters", "unit", "items": [...], "count"}`` with ``count``
written last, once every row has gone out.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from ..crossdoc.export import csv_cell
from .data import span_text

ROWS_PER_CHUNK = 200


def _codes(actors: Any) -> str:
    return ";".join(str(a.get("code") or a.get("text") or "") for a in actors or [] if isinstance(a, Mapping))


def _names(actors: Any) -> str:
    return ";".join(str(a.get("name") or a.get("text") or "") for a in actors or [] if isinstance(a, Mapping))


def fact_link(row: Mapping, kind: str) -> str:
    """The sitroom page of the row's article, at the fact's mark (``#event-3``)."""
    aid = row.get("article_id")
    if not aid:
        return ""
    anchor = f"#{kind}-{row['idx']}" if row.get("idx") is not None else ""
    return f"/articles/{quote(str(aid), safe='')}{anchor}"


def _event(e: Mapping) -> dict:
    return {"id": e.get("id"), "day": e.get("day"), "date": e.get("date"), "type": e.get("type"),
            "cameo": e.get("cameo"), "quad_class": e.get("quad_class"), "goldstein": e.get("goldstein"),
            "confidence": e.get("confidence"), "source": _codes(e.get("source")),
            "source_names": _names(e.get("source")), "target": _codes(e.get("target")),
            "target_names": _names(e.get("target")), "trigger": span_text(e.get("trigger")),
            "sentence": span_text(e.get("sentence")),
            **{f: int(bool(e.get(f))) for f in ("negated", "hypothetical", "future", "historical")},
            "article_id": e.get("article_id"), "title": e.get("title"), "published": e.get("published"),
            "outlet": e.get("outlet"), "url": e.get("url"), "link": fact_link(e, "event")}


def _quote(r: Mapping) -> dict:
    sp = r.get("speaker") or {}
    return {"id": r.get("id"), "kind": r.get("kind"), "content": span_text(r.get("content")),
            "speaker": sp.get("text"), "speaker_code": sp.get("code"), "speaker_name": sp.get("name"),
            "cue": span_text(r.get("cue")), "article_id": r.get("article_id"), "title": r.get("title"),
            "published": r.get("published"), "outlet": r.get("outlet"), "url": r.get("url"),
            "link": fact_link(r, "quote")}


def _claim(r: Mapping) -> dict:
    return {"id": r.get("id"), "value": r.get("value"), "high": r.get("high"), "unit": r.get("unit"),
            "approx": r.get("approx"), "text": r.get("text"), "of": span_text(r.get("of")),
            "article_id": r.get("article_id"), "title": r.get("title"), "published": r.get("published"),
            "outlet": r.get("outlet"), "url": r.get("url"), "link": fact_link(r, "num")}


def _article(r: Mapping) -> dict:
    return {"id": r.get("id"), "title": r.get("title"), "published": r.get("published"),
            "section": r.get("section"), "outlet": r.get("source"), "events": r.get("events"),
            "quotes": r.get("quotes"), "url": r.get("url"),
            "link": f"/articles/{quote(str(r.get('id')), safe='')}"}


#: kind -> the flat row of one item (its keys are the CSV columns, in order).
FLATTEN: dict[str, Callable[[Mapping], dict]] = {
    "events": _event, "quotes": _quote, "claims": _claim, "articles": _article}


def columns(kind: str) -> list[str]:
    return list(FLATTEN[kind]({}).keys())


def _csv_lines(kind: str, items: Iterable[Mapping]) -> Iterator[str]:
    flatten, cols = FLATTEN[kind], columns(kind)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(cols)
    n = 0
    for item in items:
        row = flatten(item)
        writer.writerow([csv_cell(row.get(c)) for c in cols])
        n += 1
        if n % ROWS_PER_CHUNK == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _json_parts(kind: str, items: Iterable[Mapping], head: Mapping[str, Any]) -> Iterator[str]:
    yield json.dumps({"ok": True, "kind": kind, **head}, ensure_ascii=False)[:-1] + ', "items": ['
    n = 0
    for item in items:
        yield ("," if n else "") + json.dumps({**item, "link": fact_link(item, _ANCHOR[kind])}
                                              if kind != "articles" else item, ensure_ascii=False)
        n += 1
    yield f'], "count": {n}}}'


def _primed(it: Iterator[Mapping]) -> Iterator[Mapping]:
    first = next(it, None)

    def rest() -> Iterator[Mapping]:
        if first is not None:
            yield first
            yield from it
    return rest()


_ANCHOR = {"events": "event", "quotes": "quote", "claims": "num", "articles": ""}


def download(kind: str, fmt: str, items: Iterable[Mapping], head: Mapping[str, Any] | None = None
             ) -> StreamingResponse:
    """The streamed download of ``items`` (a generator over the store) as ``fmt``. The
    first row is read before the answer starts, so a bad filter is still a 400."""
    items = _primed(iter(items))
    name = f"{kind}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "csv":
        return StreamingResponse(_csv_lines(kind, items), media_type="text/csv; charset=utf-8",
                                 headers=disposition)
    return StreamingResponse(_json_parts(kind, items, head or {}), media_type="application/json",
                             headers=disposition)
