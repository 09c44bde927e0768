"""Records -> table rows: one (Article, Extraction) pair flattened for storage.

Backend-neutral: every backend inserts these dicts (column -> value) into the
tables of ``migrations/0001_init.sql``. Booleans become 0/1, nested values JSON.
Event actors carry ``event_idx`` until the event's database id is known.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..records import Actor, ActorSpan, Article, Extraction, Span
from .base import day_of

#: Where each table keeps the fields of an :class:`Actor` (field -> column): the one
#: declaration that writing (:func:`flatten`) and reading (:mod:`.shape`) share.
#: ``kind``, ``role`` and ``person`` are the columns of migration 0004.
ACTOR_COLUMNS: dict[str, dict[str, str]] = {
    "entities": {"code": "actor_code", "name": "actor_name", "sector": "sector",
                 "anonymous": "anonymous", "kind": "actor_kind", "role": "actor_role",
                 "person": "actor_person"},
    "event_actors": {"code": "code", "name": "name", "sector": "sector", "anonymous": "anonymous",
                     "kind": "kind", "role": "actor_role", "person": "person"},
    **{table: {f: f"{prefix}_{f}" for f in ("code", "name", "sector", "anonymous", "kind", "role",
                                             "person")}
       for table, prefix in (("quotes", "speaker"), ("positions", "holder"))},
}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class ArticleRows:
    """Everything one article adds to the store, table by table."""

    article: dict[str, Any]
    source: str | None
    actors: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    event_actors: list[dict[str, Any]] = field(default_factory=list)


def flatten(article: Article, extraction: Extraction, ingested_at: str) -> ArticleRows:
    """The rows of one article. ``article`` fields win; the extraction fills the gaps
    (a title, date or section detected in the text)."""
    aid = article.id
    rows = ArticleRows(
        article={
            "id": aid,
            "title": article.title or extraction.title,
            "published": article.published or extraction.published,
            "published_from": article.published_from,
            "section": article.section or extraction.section,
            "url": article.url, "byline": article.byline, "origin": article.origin,
            "content_hash": article.content_hash, "text": article.text,
            "boilerplate": dumps([list(r) for r in article.boilerplate]),
            "extraction": dumps(extraction.to_dict()),
            "ingested_at": ingested_at,
        },
        source=article.source or None,
    )
    mentions: dict[tuple, dict[str, Any]] = {}
    people: set[tuple] = set()

    def seen(a: ActorSpan | None) -> None:
        if a is None or a.actor is None:
            return
        _mention(aid, a.span, a.actor, mentions, people)

    t = rows.tables
    t["entities"] = []
    for i, e in enumerate(extraction.entities or ()):
        t["entities"].append({"article_id": aid, "idx": i, **_span(e.span), "label": e.label,
                              **_actor(e.actor, "entities")})
        if e.actor is not None:
            _mention(aid, e.span, e.actor, mentions, people)

    t["events"] = []
    for i, ev in enumerate(extraction.events or ()):
        t["events"].append({
            "article_id": aid, "idx": i, "type": ev.type, "mode": ev.mode,
            "context_json": dumps(list(ev.context)), "cameo": ev.cameo, "quad_class": ev.quad_class,
            "goldstein": ev.goldstein, "date": ev.date,
            "day": day_of(ev.date) or day_of(rows.article["published"]),
            **_span(ev.trigger, "trigger_start", "trigger_end", "trigger_text"),
            **_span(ev.sentence, "sentence_start", "sentence_end", "sentence_text"),
            "negated": int(ev.negated), "hypothetical": int(ev.hypothetical),
            "future": int(ev.future), "historical": int(ev.historical),
            "confidence": ev.confidence,
            "location_json": dumps(ev.location.to_dict()) if ev.location else None,
        })
        for role, spans in (("source", ev.source), ("target", ev.target)):
            for j, a in enumerate(spans):
                rows.event_actors.append({"event_idx": i, "role": role, "idx": j,
                                          **_actor(a.actor, "event_actors"), **_span(a.span)})
                seen(a)

    t["quotes"] = []
    for i, q in enumerate(extraction.quotes or ()):
        sp = q.speaker
        t["quotes"].append({
            "article_id": aid, "idx": i, "kind": q.kind,
            **_span(q.content, "content_start", "content_end", "content_text"),
            **_span(q.cue, "cue_start", "cue_end", "cue_text"),
            **_span(sp.span if sp else None, "speaker_start", "speaker_end", "speaker_text"),
            **_actor(sp.actor if sp else None, "quotes"),
        })
        seen(sp)

    t["proposals"] = []
    for i, p in enumerate(extraction.proposals or ()):
        t["proposals"].append({
            "article_id": aid, "idx": i, **_span(p.text, "text_start", "text_end", "text"),
            "by_json": dumps([a.to_dict() for a in p.by]),
            "addressee_json": dumps([a.to_dict() for a in p.addressee]),
            "items_json": dumps([s.to_dict() for s in p.items]),
        })
        for a in (*p.by, *p.addressee):
            seen(a)

    t["positions"] = []
    for i, pos in enumerate(extraction.positions or ()):
        t["positions"].append({
            "article_id": aid, "idx": i, "proposal_idx": pos.proposal, "stance": pos.stance,
            **_span(pos.holder.span, "holder_start", "holder_end", "holder_text"),
            **_actor(pos.holder.actor, "positions"),
            **_span(pos.evidence, "evidence_start", "evidence_end", "evidence_text"),
        })
        seen(pos.holder)

    t["quantities"] = [{
        "article_id": aid, "idx": i, **_span(q.span), "value": float(q.value), "high": q.high,
        "unit": q.unit, "approx": q.approx, **_span(q.of, "of_start", "of_end", "of_text"),
    } for i, q in enumerate(extraction.quantities or ())]

    t["times"] = [{
        "article_id": aid, "idx": i, **_span(x.span), "value": x.value,
        "granularity": x.granularity, "anchored": int(x.anchored),
    } for i, x in enumerate(extraction.times or ())]

    t["places"] = [{
        "article_id": aid, "idx": i, **_span(p.span), "name": p.name, "country": p.country,
        "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id, "feature": p.feature,
    } for i, p in enumerate(extraction.places or ())]

    t["mentions"] = merge_mentions(mentions.values())
    t["people"] = [{"article_id": aid, "name": n, "code": c, "role": r} for n, c, r in sorted(
        people, key=lambda x: tuple(v or "" for v in x))]
    actors: dict[str, dict[str, Any]] = {}
    # states and organisations first: a person's actor only names a code nobody else did
    for m in sorted(t["mentions"], key=lambda m: m["kind"] == "person"):
        actors.setdefault(m["code"], {"code": m["code"], "name": m["name"], "sector": m["sector"],
                                      "kind": m["kind"]})
    rows.actors = list(actors.values())
    return rows


def merge_mentions(mentions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mention per stretch of text per actor: overlapping spans with the same code
    ("NATO" inside "NATO chief Jens Stoltenberg") count once, as the shortest span that
    names the actor itself rather than one of its people."""
    out: list[dict[str, Any]] = []
    ordered = sorted(mentions, key=lambda m: (m["code"], m["start_char"], -m["end_char"]))
    cluster: list[dict[str, Any]] = []
    for m in ordered:
        if cluster and m["code"] == cluster[0]["code"] and m["start_char"] < max(
                c["end_char"] for c in cluster):
            cluster.append(m)
            continue
        if cluster:
            out.append(_best(cluster))
        cluster = [m]
    if cluster:
        out.append(_best(cluster))
    return sorted(out, key=lambda m: (m["start_char"], m["end_char"], m["code"]))


def _best(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    return min(cluster, key=lambda m: (m["kind"] == "person", m["end_char"] - m["start_char"],
                                       m["start_char"]))


def _span(span: Span | None, start: str = "start_char", end: str = "end_char",
          text: str = "text") -> dict[str, Any]:
    if span is None:
        return {start: None, end: None, text: None}
    return {start: span.start, end: span.end, text: span.text}


def _actor(actor: Actor | None, table: str) -> dict[str, Any]:
    """The actor's columns in ``table`` (every field of :class:`Actor`, see ACTOR_COLUMNS)."""
    cols = ACTOR_COLUMNS[table]
    if actor is None:
        return {col: (0 if f == "anonymous" else None) for f, col in cols.items()}
    return {col: (int(actor.anonymous) if f == "anonymous" else getattr(actor, f))
            for f, col in cols.items()}


def _is_person(actor: Actor) -> bool:
    return actor.kind == "person" or bool(actor.person)


def _mention(aid: str, span: Span, actor: Actor, mentions: dict, people: set) -> None:
    if _is_person(actor):
        people.add((actor.person or span.text, actor.code, actor.role))
    if not actor.code:
        return
    key = (span.start, span.end, actor.code)
    if key in mentions:
        return
    mentions[key] = {"article_id": aid, **_span(span), "code": actor.code, "name": actor.name,
                     "sector": actor.sector, "anonymous": int(actor.anonymous),
                     "kind": actor.kind or ("person" if actor.person else None),
                     "role": actor.role, "person": actor.person}
