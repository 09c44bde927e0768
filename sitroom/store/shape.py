"""Table rows -> the JSON-ready dicts every store method returns (backend-neutral).

Spans come back as ``{"start", "end", "text"}`` and actor spans as the contract's
actor span (span plus ``code``, ``name``, ``sector``, ``anonymous``), whatever the
column prefix they were stored under.
"""
from __future__ import annotations

import json

from .rows import ACTOR_COLUMNS


def num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def span(r: dict, prefix: str = "", text: str | None = None) -> dict | None:
    if prefix:
        start, end, txt = r[prefix + "start"], r[prefix + "end"], r[text or prefix + "text"]
    else:
        start, end, txt = r["start_char"], r["end_char"], r["text"]
    if start is None:
        return None if prefix else {"start": None, "end": None, "text": None}
    return {"start": start, "end": end, "text": txt}


def actor_span(r: dict, table: str, prefix: str = "") -> dict:
    """The actor span stored in row ``r`` of ``table`` (span columns under ``prefix``),
    as :meth:`ActorSpan.to_dict` gives it: span plus every actor field."""
    d = span(r, prefix) or {"start": None, "end": None, "text": None}
    for f, col in ACTOR_COLUMNS[table].items():
        d[f] = bool(r[col]) if f == "anonymous" else r[col]
    return d


def meta(r: dict) -> dict:
    return {"id": r["id"], "article_id": r["article_id"], "title": r["title"],
            "published": r["published"], "outlet": r["outlet"]}


def event(r: dict, actors: dict[str, list]) -> dict:
    return {
        **meta(r), "idx": r["idx"], "type": r["type"], "mode": r["mode"], "context": json.loads(r["context_json"]),
        "cameo": r["cameo"], "quad_class": r["quad_class"], "goldstein": r["goldstein"],
        "date": r["date"], "day": r["day"], "trigger": span(r, "trigger_"),
        "sentence": span(r, "sentence_"), "source": actors["source"], "target": actors["target"],
        "location": json.loads(r["location_json"]) if r["location_json"] else None,
        "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
        "future": bool(r["future"]), "historical": bool(r["historical"]),
        "confidence": r["confidence"],
    }


def quote(r: dict) -> dict:
    return {**meta(r), "idx": r["idx"], "kind": r["kind"], "content": span(r, "content_"), "cue": span(r, "cue_"),
            "speaker": actor_span(r, "quotes", "speaker_") if r["speaker_start"] is not None else None}


def quantity(r: dict) -> dict:
    return {**meta(r), "idx": r["idx"], "source": r["outlet"], "value": num(r["value"]), "high": num(r["high"]),
            "unit": r["unit"], "approx": r["approx"], **span(r), "of": span(r, "of_")}


def position(r: dict) -> dict:
    return {**meta(r), "idx": r["idx"], "holder": actor_span(r, "positions", "holder_"), "stance": r["stance"],
            "proposal": r["proposal_idx"], "proposal_text": r["proposal_text"],
            "evidence": span(r, "evidence_")}


def proposal(r: dict, stances: list[dict]) -> dict:
    return {**meta(r), "idx": r["idx"], "text": span(r, "text_", text="text"),
            "by": json.loads(r["by_json"]), "addressee": json.loads(r["addressee_json"]),
            "items": json.loads(r["items_json"]), "positions": stances}


def stance(x: dict) -> dict:
    return {"holder": actor_span(x, "positions", "holder_"), "stance": x["stance"],
            "evidence": span(x, "evidence_")}
