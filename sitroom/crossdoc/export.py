"""Exports of a store: streamed, deterministic, one format per function.

- ``jsonl``: one line per article (published, id order), the extraction
  contract's object plus ``duplicate_group``, ``storylines``, ``merged_events``
  (sorted ids) and ``merged_event`` on each event (null for negated or
  hypothetical ones).  Byte-identical across runs.
- ``csv``: one row per event as reported (article, spans, codes) with its
  merged event id and that event's counts.
- ``parquet``: PATH is a directory with ``events.parquet``, ``quotes.parquet``
  and ``quantities.parquet`` (the rows of ``csv`` and their quote/quantity twins).
- ``plover``: JSON Lines, one POLECAT/PLOVER-style record per event as reported.
- ``gdelt``: the GDELT 2.0 event table, one row per merged event (see
  :mod:`sitroom.crossdoc.gdelt`), no header.

Every format reads the results ``sitroom link`` saved (a store never linked is
refused with "run `sitroom link`"); exporting writes nothing to the store.
Articles are read one at a time; only the gdelt format reads merged events.
"""
from __future__ import annotations

import csv
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from ..errors import SitroomError, UsageError
from ..records import Article, ArticleLinks, Extraction
from . import gdelt
from .link import require_linked
from .text import source_of

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")


def _dumps(d: Any) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _articles(store: Any) -> Iterator[tuple[Article, Extraction, ArticleLinks]]:
    for article, extraction in store.iter_extractions():
        yield article, extraction, store.article_links(article.id)


# ---------------------------------------------------------------- jsonl

def jsonl_lines(store: Any) -> Iterator[str]:
    for article, extraction, links in _articles(store):
        ids = links.merged_events
        d = extraction.to_dict()
        for i, ev in enumerate(d.get("events") or ()):
            ev["merged_event"] = ids.get(i)
        d["merged_events"] = sorted(set(ids.values()))
        d["duplicate_group"] = links.duplicate_group
        d["storylines"] = list(links.storylines)
        yield _dumps(d) + "\n"


# ---------------------------------------------------------------- event rows (csv, parquet, plover)

EVENT_COLUMNS = (
    "article", "index", "merged_event", "published", "source", "url", "date", "type", "mode",
    "context", "cameo", "quad_class", "goldstein", "source_codes", "source_names", "target_codes",
    "target_names", "trigger_start", "trigger_end", "trigger", "sentence_start", "sentence_end",
    "sentence", "negated", "hypothetical", "future", "historical", "confidence",
)
QUOTE_COLUMNS = ("article", "index", "published", "source", "kind", "speaker_code", "speaker_name",
                 "speaker_text", "cue", "content_start", "content_end", "content")
QUANTITY_COLUMNS = ("article", "index", "published", "source", "value", "high", "unit", "approx",
                    "start", "end", "text", "of")


def _codes(spans) -> tuple[str, str]:
    codes = [a.actor.code if a.actor and a.actor.code else "" for a in spans]
    names = [(a.actor.name if a.actor and a.actor.name else a.span.text) for a in spans]
    return ";".join(codes), ";".join(names)


def event_rows(store: Any) -> Iterator[dict]:
    for article, x, links in _articles(store):
        ids = links.merged_events
        outlet = source_of(article.source, article.url, article.id)
        for i, ev in enumerate(x.events or ()):
            sc, sn = _codes(ev.source)
            tc, tn = _codes(ev.target)
            yield {"article": article.id, "index": i, "merged_event": ids.get(i),
                   "published": x.published or article.published, "source": outlet, "url": article.url,
                   "date": ev.date, "type": ev.type, "mode": ev.mode, "context": ";".join(ev.context),
                   "cameo": ev.cameo, "quad_class": ev.quad_class, "goldstein": ev.goldstein,
                   "source_codes": sc, "source_names": sn, "target_codes": tc, "target_names": tn,
                   "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
                   "trigger": ev.trigger.text, "sentence_start": ev.sentence.start,
                   "sentence_end": ev.sentence.end, "sentence": ev.sentence.text,
                   "negated": ev.negated, "hypothetical": ev.hypothetical, "future": ev.future,
                   "historical": ev.historical, "confidence": round(float(ev.confidence), 3)}


def quote_rows(store: Any) -> Iterator[dict]:
    for article, x in store.iter_extractions():
        outlet = source_of(article.source, article.url, article.id)
        for i, q in enumerate(x.quotes or ()):
            sp = q.speaker
            yield {"article": article.id, "index": i, "published": x.published or article.published,
                   "source": outlet, "kind": q.kind,
                   "speaker_code": sp.actor.code if sp and sp.actor else None,
                   "speaker_name": sp.actor.name if sp and sp.actor else None,
                   "speaker_text": sp.span.text if sp else None, "cue": q.cue.text if q.cue else None,
                   "content_start": q.content.start, "content_end": q.content.end,
                   "content": q.content.text}


def quantity_rows(store: Any) -> Iterator[dict]:
    for article, x in store.iter_extractions():
        outlet = source_of(article.source, article.url, article.id)
        for i, q in enumerate(x.quantities or ()):
            yield {"article": article.id, "index": i, "published": x.published or article.published,
                   "source": outlet, "value": float(q.value), "high": q.high, "unit": q.unit,
                   "approx": q.approx, "start": q.span.start, "end": q.span.end, "text": q.span.text,
                   "of": q.of.text if q.of else None}


def plover_records(store: Any) -> Iterator[dict]:
    """POLECAT/PLOVER-style records (the PLOVER gold standard's keys, plus provenance)."""
    for article, x, links in _articles(store):
        ids = links.merged_events
        outlet = source_of(article.source, article.url, article.id)
        for i, ev in enumerate(x.events or ()):
            loc = ev.location
            yield {
                "id": f"{article.id}-{i}", "mergedEventId": ids.get(i),
                "date": ev.date or ((x.published or article.published or "")[:10] or None),
                "source": [_plover_actor(a) for a in ev.source],
                "target": [_plover_actor(a) for a in ev.target],
                "event": ev.type, "mode": ev.mode, "context": list(ev.context),
                "eventText": ev.trigger.text, "text": ev.sentence.text,
                "sentence": ev.sentence.to_dict(), "trigger": ev.trigger.to_dict(),
                "cameo": ev.cameo, "quadClass": ev.quad_class, "goldstein": ev.goldstein,
                "negated": ev.negated, "hypothetical": ev.hypothetical,
                "location": loc.to_dict() if loc else None,
                "articleId": article.id, "title": x.title or article.title, "publication": outlet,
                "url": article.url, "publicationDate": x.published or article.published,
                "language": "en", "coder": "sitroom",
            }


def _plover_actor(a) -> dict:
    act = a.actor
    return {"actorText": a.span.text, "code": act.code if act else None,
            "name": act.name if act else None, "sector": act.sector if act else None,
            "anonymous": bool(act.anonymous) if act else False}


#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(v: Any) -> Any:
    """A value as a CSV cell that a spreadsheet shows as text and never runs: text
    starting with ``= + - @``, a tab or a line break (or their full-width forms) gets
    a leading ``'``; numbers, and text that is a plain number (``-2.5``), stay as
    they are. The one escape of every CSV sitroom writes (CLI export and API)."""
    if isinstance(v, bool):
        return int(v)
    if v is None:
        return ""
    if isinstance(v, str) and v.lstrip(" ").startswith(FORMULA_START) and not _is_number(v):
        return "'" + v
    return v


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower().lstrip("+-") not in ("inf", "infinity", "nan")


def write_csv(rows: Iterator[dict], columns: tuple[str, ...], out: TextIO) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for r in rows:
        w.writerow([csv_cell(r[c]) for c in columns])
        n += 1
    return n


# ---------------------------------------------------------------- parquet

def _parquet_schema(name: str):
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    types = {
        "events": dict(zip(EVENT_COLUMNS, (s, i, s, s, s, s, s, s, s, s, s, i, f, s, s, s, s, i, i, s,
                                           i, i, s, b, b, b, b, f))),
        "quotes": dict(zip(QUOTE_COLUMNS, (s, i, s, s, s, s, s, s, s, i, i, s))),
        "quantities": dict(zip(QUANTITY_COLUMNS, (s, i, s, s, f, f, s, s, i, i, s, s))),
    }[name]
    return pa.schema(list(types.items()))


def write_parquet(rows: Iterator[dict], name: str, path: Path, *, batch: int = 2000) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency
        raise UsageError(f"the parquet export needs pyarrow: pip install pyarrow ({e})") from e
    schema = _parquet_schema(name)
    n = 0
    with pq.ParquetWriter(str(path), schema) as w:
        buf: list[dict] = []
        for r in rows:
            buf.append(r)
            if len(buf) >= batch:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        w.write_table(pa.Table.from_pylist(buf, schema=schema))
        n += len(buf)
    return n


# ---------------------------------------------------------------- entry point

def export(store: Any, fmt: str, output: str | Path) -> dict:
    """Write the store in ``fmt`` to ``output`` (a file; a directory for parquet).

    Returns what was written: {"format", "output", "rows"} (for parquet, rows per file).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    require_linked(store)
    out = Path(output)
    if fmt == "parquet":
        try:
            out.mkdir(parents=True, exist_ok=True)
            rows = {name: write_parquet(gen(store), name, out / f"{name}.parquet")
                    for name, gen in (("events", event_rows), ("quotes", quote_rows),
                                      ("quantities", quantity_rows))}
        except OSError as e:
            raise SitroomError(f"cannot write the export to {output}: {e.strerror or e}") from e
        return {"format": fmt, "output": str(out), "rows": rows}
    writers: dict[str, Callable[[TextIO], int]] = {
        "jsonl": lambda f: _write_lines(jsonl_lines(store), f),
        "plover": lambda f: _write_lines((_dumps(r) + "\n" for r in plover_records(store)), f),
        "csv": lambda f: write_csv(event_rows(store), EVENT_COLUMNS, f),
        "gdelt": lambda f: _write_lines(gdelt.lines(store.merged_events()), f),
    }
    try:
        with ExitStack() as stack:
            if str(output) == "-":
                import sys
                f = sys.stdout
            else:
                f = stack.enter_context(open(out, "w", encoding="utf-8", newline=""))
            n = writers[fmt](f)
    except BrokenPipeError:
        raise
    except OSError as e:  # a full disk, a folder that is not writable: one line, no traceback
        raise SitroomError(f"cannot write the export to {output}: {e.strerror or e}") from e
    return {"format": fmt, "output": str(output), "rows": n}


def _write_lines(lines: Iterator[str], f: TextIO) -> int:
    n = 0
    for line in lines:
        f.write(line)
        n += 1
    return n
