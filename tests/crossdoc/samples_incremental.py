"""A random but seeded feed of hand-built articles for the incremental-linking tests:
events on overlapping days (some dated before their article), near-duplicate copies,
proposals with stances toward them, troop claims, storylines. Sentences are our own."""
from __future__ import annotations

import datetime as dt
import random

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Position, Proposal,
                             Quantity, Span)

NAMES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "NATO": "NATO", "BLR": "Belarus",
         "POL": "Poland"}
VERBS = {"ASSAULT": ("shelled", 4, -10.0, "190"), "CONSULT": ("met", 1, 1.0, "040"),
         "THREATEN": ("warned", 3, -4.0, "130"), "MOBILIZE": ("massed troops against", 4, -7.2, "150"),
         "SUPPORT": ("backed", 1, 3.0, "050")}
TOPICS = [("grain", "a grain corridor across the sea", "the grain corridor"),
          ("gas", "gas flows through the pipeline", "the pipeline deal"),
          ("border", "troop withdrawals from the border", "border guarantees"),
          ("prisoners", "an exchange of prisoners of war", "the prisoner exchange")]
STANCES = ("reject", "accept", "consider", "support", "oppose", "condemn")


class _Text:
    """Builds a text sentence by sentence, giving spans into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, sentence: str) -> Span:
        start = self.n
        self.parts.append(sentence + " ")
        self.n += len(sentence) + 1
        return Span(start, start + len(sentence), sentence)

    @staticmethod
    def sub(sentence: Span, word: str) -> Span:
        i = sentence.text.index(word)
        return Span(sentence.start + i, sentence.start + i + len(word), word)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _actor(t: _Text, s: Span, code: str) -> ActorSpan:
    return ActorSpan(t.sub(s, NAMES[code]), Actor(code, NAMES[code], "GOV", kind="state"))


def feed(n: int = 250, *, seed: int = 7) -> list[tuple[Article, Extraction]]:
    """``n`` dated articles over about seven weeks, in random publication order."""
    rng = random.Random(seed)
    codes = sorted(NAMES)
    out: list[tuple[Article, Extraction]] = []
    for i in range(n):
        day = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randrange(48))
        if out and rng.random() < 0.08:   # a near copy of an earlier article, another outlet
            a, x = rng.choice(out)
            text = a.text + "Updated with more detail."
            art = Article(f"n{i:03d}", text, title=a.title, published=a.published, source=f"outlet{i % 5}",
                          url=f"https://outlet{i % 5}.example/n{i:03d}")
            out.append((art, Extraction(art.id, title=a.title, published=a.published, entities=x.entities,
                                        events=x.events, quotes=(), proposals=x.proposals,
                                        positions=x.positions, quantities=x.quantities, times=(), places=())))
            continue
        t = _Text()
        topic, content, name = rng.choice(TOPICS)
        title = f"{topic.capitalize()} talks: day {day.isoformat()}"
        events, entities = [], []
        for _ in range(rng.randrange(1, 4)):
            type_ = rng.choice(sorted(VERBS))
            verb, quad, gold, cameo = VERBS[type_]
            src, tgt = rng.sample(codes, 2)
            s = t.add(f"{NAMES[src]} {verb} {NAMES[tgt]} over {topic} on the {rng.randrange(1, 28)}th.")
            ev_day = day - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 6)))
            events.append(Event(type_, t.sub(s, verb), s, source=(_actor(t, s, src),),
                                target=(_actor(t, s, tgt),), cameo=cameo, quad_class=quad,
                                goldstein=gold, date=ev_day.isoformat() if rng.random() < 0.7 else None))
            entities += [Entity(a.span, "GPE", a.actor) for a in (*events[-1].source, *events[-1].target)]
        proposals, positions = [], []
        if rng.random() < 0.6:
            author = rng.choice(("RUS", "UKR", "USA"))
            s = t.add(f"{NAMES[author]} put forward {name}, calling for {content}.")
            proposals.append(Proposal(t.sub(s, name), by=(_actor(t, s, author),), items=(t.sub(s, content),)))
            for holder in rng.sample([c for c in codes if c != author], rng.randrange(0, 3)):
                stance = rng.choice(STANCES)
                e = t.add(f"{NAMES[holder]} said it would {stance} the plan.")
                positions.append(Position(_actor(t, e, holder), stance, e, proposal=0))
        quantities = []
        if rng.random() < 0.4:
            number = rng.choice((40000, 60000, 90000))
            s = t.add(f"Some {number:,} Russian troops near the border are on alert.")
            quantities.append(Quantity(t.sub(s, f"{number:,}"), float(number), "troops", "exact",
                                       t.sub(s, "Russian troops near the border")))
        text = t.text
        art = Article(f"a{i:03d}", text, title=title, published=day.isoformat(), source=f"outlet{i % 5}",
                      url=f"https://outlet{i % 5}.example/a{i:03d}")
        out.append((art, Extraction(art.id, title=title, published=art.published, entities=tuple(entities),
                                    events=tuple(events), quotes=(), proposals=tuple(proposals),
                                    positions=tuple(positions), quantities=tuple(quantities), times=(),
                                    places=())))
    return out
