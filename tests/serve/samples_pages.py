"""Articles of our own for the permalink, map, storyline and duplicate pages.

Two outlets report the same shelling (one merged event after ``link``), one article
reports a hypothetical, negated event, and two outlets carry the same wire text
word for word (a near-duplicate group). Places carry coordinates for the map.
"""
from __future__ import annotations

from dataclasses import replace

from samples_web import a, samples, sp
from sitroom.records import Actor, Article, Event, Extraction, Place, Quote

RUS = Actor("RUS", "Russia", "GOV", kind="state")
UKR = Actor("UKR", "Ukraine", "GOV", kind="state")
KHARKIV = (49.99, 36.23)
ODESA = (46.48, 30.73)


def _place(text: str, name: str, country: str, at: tuple[float, float], nth: int = 0) -> Place:
    return Place(sp(text, name, nth), name, country, at[0], at[1], None, "city")


def shelling(aid: str, outlet: str, text: str, published: str) -> tuple[Article, Extraction]:
    """An article whose first sentence reports Russian artillery hitting Kharkiv."""
    art = Article(aid, text, title=f"Artillery hits Kharkiv ({outlet})", published=published, source=outlet)
    first = text.split(". ")[0] + "."
    ev = Event("ASSAULT", sp(text, "struck"), sp(text, first),
               source=(a(text, "Russian artillery", RUS),), target=(a(text, "Kharkiv", UKR),),
               cameo="195", quad_class=4, goldstein=-10.0, date="2022-02-24", confidence=0.9,
               location=_place(text, "Kharkiv", "UKR", KHARKIV))
    quote = Quote("direct", sp(text, "The windows shook all night"), sp(text, "said"),
                  a(text, "a resident", Actor(None, None, "CVL", anonymous=True)))
    ext = Extraction(aid, art.title, published, events=(ev,), quotes=(quote,),
                     places=(_place(text, "Kharkiv", "UKR", KHARKIV),))
    return art, ext


def maybe() -> tuple[Article, Extraction]:
    """A ceasefire that might have been agreed, and was not."""
    text = ("Ceasefire talk in Odesa\n"
            "Officials in Odesa said Ukraine would not sign a truce with Russia if the shelling went on. "
            "The port stayed closed.")
    art = Article("pg-maybe", text, title="Ceasefire talk in Odesa", published="2022-02-26", source="Harbour Post")
    ev = Event("AGREE", sp(text, "sign"), sp(text, "Officials in Odesa said Ukraine would not sign a truce "
                                                 "with Russia if the shelling went on."),
               source=(a(text, "Ukraine", UKR),), target=(a(text, "Russia", RUS),), cameo="081",
               quad_class=1, goldstein=5.0, negated=True, hypothetical=True, confidence=0.55,
               location=_place(text, "Odesa", "UKR", ODESA, 1))
    ext = Extraction("pg-maybe", art.title, art.published, events=(ev,),
                     places=(_place(text, "Odesa", "UKR", ODESA, 0), _place(text, "Odesa", "UKR", ODESA, 1)))
    return art, ext


WIRE = ("Grain ships waited outside the harbour for a third day as insurers refused to cover the "
        "voyage. Shipping agents said more than forty vessels were anchored in the roads, their "
        "cargoes of wheat and maize unsold. Port officials said the channel would reopen once the "
        "mines had been cleared, but gave no date for it, and traders in the city said prices of "
        "bread had already started to climb in the markets near the docks.")


def wire(aid: str, outlet: str) -> tuple[Article, Extraction]:
    art = Article(aid, WIRE, title="Grain ships wait outside the harbour", published="2022-02-27",
                  source=outlet)
    return art, Extraction(aid, art.title, art.published)


def pages_samples() -> list[tuple[Article, Extraction]]:
    one = shelling("pg-shell-1", "Border Gazette",
                   "Russian artillery struck Kharkiv before dawn on Thursday. "
                   "\"The windows shook all night,\" said a resident.", "2022-02-24")
    two = shelling("pg-shell-2", "Eastern Courier",
                   "Russian artillery struck Kharkiv early on Thursday, officials said. "
                   "\"The windows shook all night,\" said a resident of the north of the city.", "2022-02-25")
    return [one, two, maybe(), wire("pg-wire-1", "Wire One"), wire("pg-wire-2", "Wire Two")]


def all_samples() -> list[tuple[Article, Extraction]]:
    return samples() + pages_samples()


def write_linked(target: str) -> None:
    """Store every sample and run the cross-document step."""
    from sitroom.crossdoc import link
    from sitroom.store import open_store

    with open_store(target) as s:
        s.write(all_samples())
        link(s)


def late_article() -> tuple[Article, Extraction]:
    """An article stored after ``link`` ran (so the cross-document results are stale)."""
    art, ext = wire("pg-late", "Late Wire")
    return replace(art, text=art.text + " Late."), replace(ext)
