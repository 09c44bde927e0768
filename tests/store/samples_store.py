"""Hand-built records for the store tests (no parsing, no extractors)."""
from __future__ import annotations

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Place,
                             Position, Proposal, Quantity, Quote, Span, TimeExpr)

RUS = Actor("RUS", "Russia", "GOV", kind="state")
USA = Actor("USA", "United States", "GOV", kind="state")
NATO = Actor("NATO", "NATO", "IGO", kind="igo")
PUTIN = Actor("RUS", "Russia", "GOV", kind="person", person="Vladimir Putin", role="President")
OFFICIAL = Actor(None, None, "GOV", anonymous=True, kind="anonymous")


def sp(text: str, sub: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``sub`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(sub, at + 1)
    return Span.of(text, at, at + len(sub))


def asp(text: str, sub: str, actor: Actor | None, nth: int = 0) -> ActorSpan:
    return ActorSpan(sp(text, sub, nth), actor)


T1 = ("Russia demands NATO halt its expansion. The U.S. rejected the demand on Friday. "
      'Putin said: "We will respond." Russia has 100,000 troops near Ukraine.')
T2 = ("NATO said it will not accept Russian demands. Moscow moved about 10,000 troops "
      "and 2 billion dollars of equipment.")
T3 = "A senior official said talks would continue."


def pair_one() -> tuple[Article, Extraction]:
    t = T1
    art = Article("a1", t, title="Russia demands NATO halt expansion", published="2021-12-17",
                  published_from="given", section="World", source="Axios", url="https://example.org/a1",
                  byline="Dave Lawler", origin="a1.txt", boilerplate=((0, 0),), content_hash="h1")
    proposal = Proposal(sp(t, "NATO halt its expansion"), by=(asp(t, "Russia", RUS),),
                        addressee=(asp(t, "NATO", NATO),), items=(sp(t, "halt its expansion"),))
    ex = Extraction(
        "a1", title=art.title, published=art.published, section=art.section,
        entities=(Entity(sp(t, "Russia"), "GPE", RUS), Entity(sp(t, "NATO"), "ORG", NATO),
                  Entity(sp(t, "U.S."), "GPE", USA), Entity(sp(t, "Putin"), "PERSON", PUTIN),
                  Entity(sp(t, "Russia", 1), "GPE", RUS), Entity(sp(t, "Ukraine"), "GPE", None)),
        events=(
            Event("REQUEST", sp(t, "demands"), sp(t, "Russia demands NATO halt its expansion."),
                  source=(asp(t, "Russia", RUS),), target=(asp(t, "NATO", NATO),),
                  cameo="10", quad_class=1, goldstein=-0.1, confidence=0.9),
            Event("REJECT", sp(t, "rejected"), sp(t, "The U.S. rejected the demand on Friday."),
                  source=(asp(t, "U.S.", USA),), target=(asp(t, "Russia", RUS),), mode="demand",
                  context=("military",), cameo="12", quad_class=3, goldstein=-4.0,
                  date="2021-12-18", location=Place(sp(t, "Ukraine"), "Ukraine", "UKR", 49.0, 32.0, 690791),
                  negated=False, future=True, confidence=0.8),
        ),
        quotes=(Quote("direct", sp(t, "We will respond."), sp(t, "said"), asp(t, "Putin", PUTIN)),),
        proposals=(proposal,),
        positions=(Position(asp(t, "U.S.", USA), "reject", sp(t, "rejected the demand"), 0),),
        quantities=(Quantity(sp(t, "100,000 troops"), 100000, "troops", "exact", sp(t, "troops")),),
        times=(TimeExpr(sp(t, "Friday"), "2021-12-17", "day", True),),
        places=(Place(sp(t, "Ukraine"), "Ukraine", "UKR", 49.0, 32.0, 690791, "country"),),
    )
    return art, ex


def pair_two() -> tuple[Article, Extraction]:
    t = T2
    art = Article("a2", t, title="NATO answers", published="2022-01-10T08:00:00Z", source="BBC")
    moscow = Actor("RUS", "Russia", "GOV", kind="state")
    ex = Extraction(
        "a2", title=art.title, published=art.published,
        entities=(Entity(sp(t, "NATO"), "ORG", NATO), Entity(sp(t, "Moscow"), "GPE", moscow)),
        events=(
            Event("REJECT", sp(t, "not accept"), sp(t, "NATO said it will not accept Russian demands."),
                  source=(asp(t, "NATO", NATO),), target=(asp(t, "Russian", RUS),), quad_class=3),
            Event("MOBILIZE", sp(t, "moved"), sp(t, "Moscow moved about 10,000 troops"),
                  source=(asp(t, "Moscow", moscow),), quad_class=4, date="2022-01-09"),
        ),
        quotes=(Quote("indirect", sp(t, "it will not accept Russian demands"), sp(t, "said"),
                      asp(t, "NATO", NATO)),),
        proposals=(),
        positions=(Position(asp(t, "NATO", NATO), "reject", sp(t, "will not accept"), None),),
        quantities=(Quantity(sp(t, "about 10,000 troops"), 10000, "troops", "about"),
                    Quantity(sp(t, "2 billion dollars"), 2e9, "USD", "exact")),
        times=(), places=(),
    )
    return art, ex


def pair_three() -> tuple[Article, Extraction]:
    """No date, no source, an anonymous speaker; extractors for events/quotes only."""
    t = T3
    art = Article("a3", t)
    ex = Extraction(
        "a3", entities=(),
        events=(Event("CONSULT", sp(t, "talks"), sp(t, t), source=(asp(t, "A senior official", OFFICIAL),)),),
        quotes=(Quote("indirect", sp(t, "talks would continue"), sp(t, "said"),
                      asp(t, "A senior official", OFFICIAL)),),
    )
    return art, ex


def corpus() -> list[tuple[Article, Extraction]]:
    return [pair_one(), pair_two(), pair_three()]
