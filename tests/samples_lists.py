"""A seeded corpus of made-up wire reports for the list and aggregate tests, and a
Python oracle that says, from the records alone, which events a query should find.

Sentences are written for these tests ("Ruritania shelled Freedonia near the river.").
Dates, outlets, flags, confidences, sectors and people vary; some events have no day
(no date and an undated article), no target, no quad class or no Goldstein score.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from sitroom.records import Actor, ActorSpan, Article, Event, Extraction, Quantity, Quote, Span

ACTORS = [
    Actor("RUR", "Ruritania", "GOV", kind="state"),
    Actor("FRE", "Freedonia", "GOV", kind="state"),
    Actor("SYL", "Sylvania", "MIL", kind="state"),
    Actor("RUR", "Ruritania", "MIL", kind="group"),
    Actor("FRE", "Rufus Firefly", "GOV", kind="person", role="President", person="Rufus Firefly"),
    Actor("SYL", "Vera Trentino", "GOV", kind="person", role="Ambassador", person="Vera Trentino"),
    Actor("LEA", "The League", "IGO", kind="igo"),
]
VERBS = [("shelled", "ASSAULT", "190", 4, -10.0), ("threatened", "THREATEN", "138", 3, -7.0),
         ("praised", "SUPPORT", "051", 1, 3.4), ("met", "CONSULT", "040", 1, 1.0),
         ("accused", "ACCUSE", "112", 3, -2.0), ("aided", "AID", "070", 2, 7.4),
         ("blockaded", "COERCE", "191", 4, None)]
OUTLETS = ["Harbour Gazette", "Valley Times", "Northern Wire", None]
UNITS = ["troops", "tanks", "refugees"]


def _span(text: str, part: str, start: int = 0) -> Span:
    at = text.index(part, start)
    return Span.of(text, at, at + len(part))


def corpus(seed: int = 11, n_articles: int = 40) -> list[tuple[Article, Extraction]]:
    rng = random.Random(seed)
    out = []
    for i in range(n_articles):
        day = None if i % 13 == 5 else f"2022-{1 + i % 3:02d}-{1 + (i * 7) % 27:02d}"
        sentences, events, quotes, quantities = [], [], [], []
        text = f"Report {i}. "
        for k in range(rng.randint(1, 4)):
            src, tgt = rng.sample(ACTORS, 2)
            verb, kind, cameo, quad, gold = rng.choice(VERBS)
            sentence = f"{src.name} {verb} {tgt.name} near the river {k}."
            at = len(text)
            text += sentence + " "
            sent = Span.of(text, at, at + len(sentence))
            trig = _span(text, verb, at)
            s_span = ActorSpan(_span(text, src.name, at), src)
            t_span = ActorSpan(_span(text, tgt.name, at + len(src.name)), tgt)
            no_target = rng.random() < 0.15
            own_date = None if rng.random() < 0.6 else f"2022-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}"
            events.append(Event(
                kind, trig, sent, source=(s_span,), target=() if no_target else (t_span,),
                cameo=cameo if rng.random() < 0.9 else None, quad_class=quad if rng.random() < 0.9 else None,
                goldstein=gold, date=own_date, negated=rng.random() < 0.15,
                hypothetical=rng.random() < 0.1, future=rng.random() < 0.1, historical=rng.random() < 0.1,
                confidence=rng.choice([0.3, 0.45, 0.5, 0.6, 0.75, 0.9])))
            sentences.append(sentence)
        if rng.random() < 0.6:
            speaker = rng.choice(ACTORS)
            words = f"We will hold the river crossing {i}"
            line = f'"{words}," said {speaker.name}.'
            at = len(text)
            text += line + " "
            quotes.append(Quote("direct", _span(text, words, at), _span(text, "said", at),
                                ActorSpan(_span(text, speaker.name, at), speaker)))
        if rng.random() < 0.7:
            unit = rng.choice(UNITS)
            n = rng.randint(1, 90) * 100
            line = f"Officials counted {n:,} {unit} at the river."
            at = len(text)
            text += line
            quantities.append(Quantity(_span(text, f"{n:,} {unit}", at), n, unit, "exact", _span(text, unit, at)))
        aid = f"rep-{i:03d}"
        art = Article(aid, text.strip(), title=f"River report {i}", published=day,
                      source=OUTLETS[i % len(OUTLETS)], url=f"https://news.example/{aid}")
        ex = Extraction(aid, title=art.title, published=day, events=tuple(events), quotes=tuple(quotes),
                        quantities=tuple(quantities))
        out.append((art, ex))
    return out


@dataclass(frozen=True)
class Fact:
    """One event as the oracle sees it."""

    key: tuple[str, int]
    day: str | None
    event: Event
    outlet: str | None


def facts(pairs: list[tuple[Article, Extraction]]) -> list[Fact]:
    out = []
    for art, ex in pairs:
        for idx, e in enumerate(ex.events):
            day = (e.date or art.published or None)
            out.append(Fact((art.id, idx), day[:10] if day else None, e, art.source))
    return out


def matches(f: Fact, q: dict) -> bool:
    """Whether the oracle finds ``f`` for the query ``q`` (EventQuery.of keywords)."""
    e = f.event
    src = {a.actor.code for a in e.source if a.actor}
    tgt = {a.actor.code for a in e.target if a.actor}
    actors = [a.actor for a in e.source + e.target if a.actor]
    checks = {
        "source": lambda v: v in src, "target": lambda v: v in tgt, "involving": lambda v: v in src | tgt,
        "sector": lambda v: any(a.sector == v for a in actors),
        "person": lambda v: any(f" {v.lower()} " in f" {(a.person or '').lower()} " for a in actors),
        "type": lambda v: e.type == v, "cameo": lambda v: (e.cameo or "").startswith(v),
        "quad_class": lambda v: e.quad_class == v, "since": lambda v: f.day is not None and f.day >= v,
        "until": lambda v: f.day is not None and f.day <= v, "outlet": lambda v: f.outlet == v,
        "min_confidence": lambda v: e.confidence >= v,
        **{flag: (lambda v, flag=flag: getattr(e, flag) == v)
           for flag in ("negated", "hypothetical", "future", "historical")},
    }
    return all(checks[k](v) for k, v in q.items())
