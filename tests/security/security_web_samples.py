"""Hand-built hostile records for the web safety tests: markup, event handlers and
``javascript:`` in every text field, and in the ids, codes and URLs that end up in
links (no spaCy needed)."""
from __future__ import annotations

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Place, Position,
                             Proposal, Quantity, Quote, Span, TimeExpr)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS = "javascript:alert(1)"
ATTR = '" onmouseover="alert(1)" x="'

EVIL_ID = 'evil"><svg onload=alert(1)>'
EVIL_CODE = 'ZZ" onmouseover="alert(1)'
JS_CODE = "javascript:alert(1)"
PERSON_CODE = "EVL"  # a well-formed code (the pages refuse malformed ones with 400) with a hostile name
#: url fields that must never become live links
BAD_URLS = (JS, " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", f"https://example.org/{ATTR}")


def _span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.of(text, start, start + len(part))


def hostile_records() -> list[tuple[Article, Extraction]]:
    out = []
    evil = Actor(EVIL_CODE, f"{SCRIPT} Evil {IMG}", "GOV", kind="state")
    js_actor = Actor(JS_CODE, f"{JS} {ATTR}", "GOV", kind="igo")
    person = Actor(PERSON_CODE, f"{IMG} Person", "GOV", kind="person", role=f"{SCRIPT} minister",
                   person=f"{IMG} Person")
    for n, url in enumerate(BAD_URLS):
        text = (f"{SCRIPT} Evilland warned {IMG} Jsland on Monday. \"{SCRIPT} we {JS} refuse\", said {IMG} Person.\n"
                f"Evilland proposed that Jsland {ATTR} withdraw. Jsland rejected the proposal. "
                f"Officials counted 7 {SCRIPT} tanks in {IMG} City.")
        aid = EVIL_ID if n == 0 else f"{EVIL_ID}-{n}"
        art = Article(aid, text, title=f"{SCRIPT} {IMG} {JS} {n}", published=f"2021-12-{10 + n:02d}",
                      section=SCRIPT, source=f"{IMG} Wire", url=url, byline=f"By {SCRIPT}")
        src = ActorSpan(_span(text, "Evilland"), evil)
        tgt = ActorSpan(_span(text, "Jsland"), js_actor)
        event = Event("THREATEN", _span(text, "warned"), _span(text, f"{SCRIPT} Evilland warned {IMG} Jsland on Monday."),
                      source=(src,), target=(tgt,), cameo="130", quad_class=3, goldstein=-4.4,
                      date=f"2021-12-{10 + n:02d}", context=(SCRIPT,), mode=IMG)
        quote = Quote("direct", _span(text, f"{SCRIPT} we {JS} refuse"), _span(text, "said"),
                      ActorSpan(_span(text, f"{IMG} Person"), person))
        proposal = Proposal(_span(text, f"Jsland {ATTR} withdraw"), by=(ActorSpan(_span(text, "Evilland", 1), evil),),
                            addressee=(ActorSpan(_span(text, "Jsland", 1), js_actor),),
                            items=(_span(text, f"{ATTR} withdraw"),))
        position = Position(ActorSpan(_span(text, "Jsland", 2), js_actor), "reject",
                            _span(text, "Jsland rejected the proposal."), 0)
        quantity = Quantity(_span(text, f"7 {SCRIPT} tanks"), 7, f"{SCRIPT}tanks", "exact", _span(text, "tanks"))
        place = Place(_span(text, f"{IMG} City"), name=f"{IMG} City", country=EVIL_CODE)
        extraction = Extraction(
            aid, art.title, art.published, section=SCRIPT,
            entities=(Entity(_span(text, "Evilland"), "GPE", evil), Entity(_span(text, f"{IMG} Person"), "PERSON", person),
                      Entity(_span(text, "Jsland"), "GPE", js_actor)),
            events=(event,), quotes=(quote,), proposals=(proposal,), positions=(position,),
            quantities=(quantity,), times=(TimeExpr(_span(text, "Monday"), f"2021-12-{10 + n:02d}", "day", True),),
            places=(place,))
        out.append((art, extraction))
    return out
