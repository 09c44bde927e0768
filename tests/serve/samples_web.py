"""Hand-built records for the web tests (no spaCy needed), one of them hostile."""
from __future__ import annotations

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Position,
                             Proposal, Quantity, Quote, Span, TimeExpr)

HOSTILE = ('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)')
HOSTILE_ID = "evil-1"

RUS = Actor("RUS", "Russia", "GOV", kind="state")
UKR = Actor("UKR", "Ukraine", "GOV", kind="state")
USA = Actor("USA", "United States", "GOV", kind="state")
NATO = Actor("NATO", "NATO", "IGO", kind="igo")


def sp(text: str, part: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.of(text, start, start + len(part))


def a(text: str, part: str, actor: Actor | None, nth: int = 0) -> ActorSpan:
    return ActorSpan(sp(text, part, nth), actor)


def article_one() -> tuple[Article, Extraction]:
    text = ("Russia demands NATO halt expansion\n"
            "Russia accused Ukraine of shelling villages on Thursday. "
            "Moscow massed 100,000 troops near the border. "
            "\"We will not accept this,\" said Foreign Minister Sergei Lavrov. "
            "Russia proposed that NATO stop expanding and withdraw forces from Eastern Europe. "
            "The United States rejected the proposal.")
    art = Article("art-1", text, title="Russia demands NATO halt expansion", published="2021-12-17",
                  source="Example Wire", url="https://example.org/a1")
    ev1 = Event("ACCUSE", sp(text, "accused"), sp(text, "Russia accused Ukraine of shelling villages on Thursday."),
                source=(a(text, "Russia", RUS, 1),), target=(a(text, "Ukraine", UKR),),
                cameo="112", quad_class=3, goldstein=-2.0, date="2021-12-16", confidence=0.8)
    ev2 = Event("MOBILIZE", sp(text, "massed"), sp(text, "Moscow massed 100,000 troops near the border."),
                source=(a(text, "Moscow", RUS),), target=(a(text, "Ukraine", UKR),),
                cameo="154", quad_class=4, goldstein=-7.2, confidence=0.7)
    ev3 = Event("REJECT", sp(text, "rejected"), sp(text, "The United States rejected the proposal."),
                source=(a(text, "United States", USA),), target=(a(text, "Russia", RUS, 2),),
                cameo="120", quad_class=3, goldstein=-4.0)
    lavrov = Actor("RUS", "Sergei Lavrov", "GOV", kind="person", role="Foreign Minister", person="Sergei Lavrov")
    quote = Quote("direct", sp(text, "We will not accept this,"), sp(text, "said"),
                  a(text, "Sergei Lavrov", lavrov))
    prop = Proposal(sp(text, "NATO stop expanding and withdraw forces from Eastern Europe"),
                    by=(a(text, "Russia", RUS, 2),), addressee=(a(text, "NATO", NATO, 1),),
                    items=(sp(text, "NATO stop expanding"), sp(text, "withdraw forces from Eastern Europe")))
    pos = Position(a(text, "United States", USA), "reject", sp(text, "The United States rejected the proposal."), 0)
    qty = Quantity(sp(text, "100,000 troops"), 100000, "troops", "exact", sp(text, "troops"))
    ents = (Entity(sp(text, "Russia"), "GPE", RUS), Entity(sp(text, "NATO"), "ORG", NATO),
            Entity(sp(text, "Ukraine"), "GPE", UKR), Entity(sp(text, "Sergei Lavrov"), "PERSON", lavrov),
            Entity(sp(text, "United States"), "GPE", USA))
    times = (TimeExpr(sp(text, "Thursday"), "2021-12-16", "day", True),)
    ext = Extraction("art-1", art.title, art.published, entities=ents, events=(ev1, ev2, ev3),
                     quotes=(quote,), proposals=(prop,), positions=(pos,), quantities=(qty,),
                     times=times, places=())
    return art, ext


def article_two() -> tuple[Article, Extraction]:
    text = ("Russian forces shelled Ukrainian positions near Donetsk. "
            "Kyiv asked the United States for military aid. "
            "Officials said 3,000 soldiers had moved.")
    art = Article("art-2", text, title="Shelling near Donetsk", published="2021-12-19", source="Other News")
    ev1 = Event("ASSAULT", sp(text, "shelled"), sp(text, "Russian forces shelled Ukrainian positions near Donetsk."),
                source=(a(text, "Russian forces", Actor("RUS", "Russia", "MIL")),),
                target=(a(text, "Ukrainian positions", Actor("UKR", "Ukraine", "MIL")),),
                cameo="195", quad_class=4, goldstein=-10.0)
    ev2 = Event("REQUEST", sp(text, "asked"), sp(text, "Kyiv asked the United States for military aid."),
                source=(a(text, "Kyiv", UKR),), target=(a(text, "United States", USA),),
                cameo="103", quad_class=1, goldstein=3.4)
    qty = Quantity(sp(text, "3,000 soldiers"), 3000, "troops", "exact", sp(text, "soldiers"))
    ext = Extraction("art-2", art.title, art.published,
                     entities=(Entity(sp(text, "Donetsk"), "GPE", None), Entity(sp(text, "Kyiv"), "GPE", UKR)),
                     events=(ev1, ev2), quotes=(), proposals=(), positions=(), quantities=(qty,),
                     times=(), places=())
    return art, ext


def article_hostile() -> tuple[Article, Extraction]:
    s, img, js = HOSTILE
    text = (f"{s} Russia warned {img} Ukraine. \"{s} is what {js} said\", said {img}.\n"
            f"Officials reported {js} 5 tanks.")
    art = Article(HOSTILE_ID, text, title=f"{s} {img} {js}", published="2021-12-18",
                  source=f"{s} Wire", url=js)
    evil = Actor("RUS", f"{s} Evil {img}", "GOV")
    ev = Event("THREATEN", sp(text, "warned"), sp(text, f"{s} Russia warned {img} Ukraine."),
               source=(a(text, "Russia", evil),), target=(a(text, "Ukraine", UKR),),
               cameo="130", quad_class=3, goldstein=-4.4)
    quote = Quote("direct", sp(text, f"{s} is what {js} said"), sp(text, "said", 1), a(text, img, evil, 1))
    qty = Quantity(sp(text, "5 tanks"), 5, f"{s}tanks", "exact", None)
    ext = Extraction(HOSTILE_ID, art.title, art.published,
                     entities=(Entity(sp(text, s), "ORG", evil), Entity(sp(text, img), "PERSON", None)),
                     events=(ev,), quotes=(quote,), proposals=(), positions=(), quantities=(qty,),
                     times=(), places=())
    return art, ext


def samples() -> list[tuple[Article, Extraction]]:
    return [article_one(), article_two(), article_hostile()]


