"""Hand-built records for the cross-document tests (no parsing needed)."""
from __future__ import annotations

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Place, Quantity,
                             Quote, Span)

NAMES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "NATO": "NATO", "BLR": "Belarus",
         "ROU": "Romania", "GBR": "United Kingdom", "FRA": "France"}


def span(text: str, word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), word)


def actor(text: str, word: str, code: str, sector: str | None = "GOV") -> ActorSpan:
    return ActorSpan(span(text, word), Actor(code, NAMES.get(code, code), sector))


def event(text: str, trigger: str, type_: str, src: dict[str, str] | None = None,
          tgt: dict[str, str] | None = None, *, date: str | None = None, quad: int | None = None,
          goldstein: float | None = None, cameo: str | None = None, negated: bool = False,
          location: Place | None = None) -> Event:
    """An event whose sentence is the whole text; ``src``/``tgt`` map words to codes."""
    return Event(type=type_, trigger=span(text, trigger), sentence=Span(0, len(text), text),
                 source=tuple(actor(text, w, c) for w, c in (src or {}).items()),
                 target=tuple(actor(text, w, c) for w, c in (tgt or {}).items()),
                 cameo=cameo, quad_class=quad, goldstein=goldstein, date=date, negated=negated,
                 location=location)


def pair(id_: str, text: str, *, published: str | None = "2022-02-20", source: str | None = "wire",
         title: str | None = None, events=(), quantities=(), quotes=(), entities=None,
         url: str | None = None) -> tuple[Article, Extraction]:
    a = Article(id_, text, title=title, published=published, source=source,
                url=url or f"https://{source or 'x'}.example/{id_}")
    if entities is None:
        entities = tuple(Entity(a_.span, "GPE", a_.actor) for ev in events for a_ in (*ev.source, *ev.target))
    x = Extraction(id_, title=title, published=published, entities=tuple(entities), events=tuple(events),
                   quotes=tuple(quotes), proposals=(), positions=(), quantities=tuple(quantities),
                   times=(), places=())
    return a, x


def quantity(text: str, number: str, value: float, unit: str, of: str | None) -> Quantity:
    return Quantity(span(text, number), value, unit, "exact", span(text, of) if of else None)


def quote(text: str, content: str, speaker: str, code: str) -> Quote:
    return Quote("direct", span(text, content), None, actor(text, speaker, code))


# ---------------------------------------------------------------- a small corpus

def _assault(id_, published, source, word="shelled", date=None):
    t = f"Russian forces {word} Ukrainian positions near Kharkiv, officials in Kyiv said on {published}."
    return pair(id_, t, published=published, source=source, events=[
        event(t, word, "ASSAULT", {"Russian": "RUS"}, {"Ukrainian": "UKR"}, date=date, quad=4,
              goldstein=-10.0, cameo="190",
              location=Place(span(t, "Kharkiv"), "Kharkiv", "UKR", 49.99, 36.23, 706483, "city"))])


def corpus() -> list[tuple[Article, Extraction]]:
    """Three reports of one shelling (two outlets, two days), one of another a week later,
    a meeting, a negated threat and troop claims."""
    out = [
        _assault("a1", "2022-02-20", "wire"),
        _assault("a2", "2022-02-21", "daily", word="bombarded"),
        _assault("a3", "2022-02-20", "wire", word="attacked"),
        _assault("a4", "2022-02-28", "daily"),
    ]
    t = "Ukraine and the United States met in Geneva; Russia did not threaten Ukraine, Moscow said."
    out.append(pair("b1", t, published="2022-02-21", source="post", events=[
        event(t, "met", "CONSULT", {"Ukraine": "UKR"}, {"United States": "USA"}, quad=1, goldstein=1.0,
              cameo="040"),
        event(t, "threaten", "THREATEN", {"Russia": "RUS"}, {"Ukraine": "UKR", }, quad=3, goldstein=-5.0,
              negated=True)], quotes=[quote(t, "Russia did not threaten Ukraine", "Moscow", "RUS")]))
    for i, (pub, number, value, src) in enumerate([("2022-01-10", "100,000", 100000, "wire"),
                                                   ("2022-02-01", "130,000", 130000, "post"),
                                                   ("2022-02-01", "150,000", 150000, "daily")]):
        t = f"About {number} Russian troops near the border with Ukraine are ready, analysts said."
        out.append(pair(f"c{i}", t, published=pub, source=src,
                        quantities=[quantity(t, number, value, "troops", "Russian troops near the border")]))
    story = ("The central bank raised interest rates by half a point on Thursday, its largest rise in "
             "two decades, saying inflation would stay high for most of next year as energy prices climb "
             "and wages rise faster than expected across the economy. ")
    out.append(pair("d2", story, published="2022-02-03", source="wire"))
    out.append(pair("d1", story.replace("Thursday", "Thursday,") + "More follows.", published="2022-02-03",
                    source="post"))
    return out
