"""The article's own country: whose "the Senate", "the government" or "police" are.

Many states have a senate, a parliament, an interior ministry, an army and police; news
names them without the country when the article has already established it. ``home``
reads that country from, in order of trust:

1. a **dateline** opening the body ("WARSAW (Reuters) -", "Canberra, 3 March -"): the city's
   country (a capital from the actor tables, else a city of the place gazetteer);
2. the **speaker** a first-person text's title names ("Address by the President of Ukraine");
3. the **predominant country** of the article's mentions: states, their institutions and
   people with a country (organisations and names of the generic bodies themselves left
   out), when one country holds at least two thirds of them and more than any other.

The result is a ``Home`` (code and which signal gave it) or None. ``owner_of`` finds the
state an institution's own noun phrase names ("the Polish Senate", "Poland's Senate",
"the Senate of Poland"), which beats the home country; ``place_bodies`` applies both to the
article's entity mentions, and ``cut_at_dateline`` cuts a name NER ran across the dateline.
Role nouns without an owner ("the government", "police") take the home country in
``actor_phrases``.
"""
from __future__ import annotations

import re
from typing import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span as SpacySpan

from .. import kb
from ..kb.gazetteer import Gazetteer
from ..records import Actor, Entity
from . import associations

#: a dateline: a city (capitals or Title Case, up to four words) at the very start of a
#: line, then an optional ", date", an optional "(Agency)" and a dash or colon
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z.'\u2019-]+(?: [A-Z][A-Za-z.'\u2019-]+){0,3})"
    r"(?:\s*,\s*[A-Za-z0-9 .]{1,25}?)?\s*(?:\([A-Za-z .&/-]{1,30}\)\s*)?[-\u2013\u2014]{1,2}\s")
_DATELINE_LINES = 3  # the dateline opens one of the first lines of the text
_SHARE = 2 / 3  # the predominant country holds at least this share of country mentions
_MIN_CITY = 50_000  # a dateline city of the place gazetteer must be at least this big
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # organs of a state
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "MED"})  # groups of people, not organs


@dataclass(frozen=True, slots=True)
class Home:
    """The country an article is about or written from, and the signal that said so."""

    code: str
    source: str  # dateline | speaker | mentions


def home(text: str, entities: list[Entity], g: Gazetteer,
         speaker: Actor | None = None) -> Home | None:
    """The article's home country (see the module's docstring), or None."""
    code = dateline_country(text, g)
    if code:
        return Home(code, "dateline")
    if speaker is not None and speaker.code in g.countries:
        return Home(speaker.code, "speaker")
    code = predominant_country(entities, g)
    return Home(code, "mentions") if code else None


def dateline_country(text: str, g: Gazetteer) -> str | None:
    """The country of the city a dateline names, or None when the text opens with none."""
    found = dateline(text, g)
    return found[0] if found else None


def opening_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, stripped line) of the first non-empty lines of the text, where a dateline
    may stand (a title or a byline may come first)."""
    offset, seen = 0, 0
    for raw in text.splitlines(keepends=True):
        start = offset + len(raw) - len(raw.lstrip())
        offset += len(raw)
        if not raw.strip():
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            return
        yield start, raw.strip()


def dateline(text: str, g: Gazetteer) -> tuple[str, int] | None:
    """(country, offset where the dateline ends) of the dateline opening the text, or None."""
    for start, line in opening_lines(text):
        m = _DATELINE.match(line)
        if m is None:
            continue
        city = m["city"]
        if city.isupper():
            city = city.title()
        code = _city_country(city, g)
        if code:
            return code, start + m.end()
    return None


def _city_country(city: str, g: Gazetteer) -> str | None:
    entry = g.lookup(city)
    if entry is not None:
        return entry.code if entry.kind == "state" and entry.form == "capital" else None
    from ..kb.places import gazetteer as places

    for p in places().lookup(city)[:1]:
        if p.feature == "city" and p.population >= _MIN_CITY and p.country in g.countries:
            return p.country
    return None


def predominant_country(entities: list[Entity], g: Gazetteer) -> str | None:
    """The country most of the article's country mentions name, when it clearly leads."""
    counts: dict[str, int] = {}
    for e in entities:
        a = e.actor
        if a is None or not a.code or a.code not in g.countries or generic(a):
            continue
        counts[a.code] = counts.get(a.code, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    total = sum(counts.values())
    top, n = ranked[0]
    if n >= total * _SHARE and (len(ranked) == 1 or n > ranked[1][1]):
        return top
    return None


def generic(actor: Actor) -> bool:
    """Whether an actor is a body named by a name many states use ("the Senate")."""
    return actor.role is not None and actor.role in kb.gazetteer().generic_names


def owner_of(span: SpacySpan, resolved: dict[int, Actor]) -> Actor | None:
    """The state an institution's noun phrase names: an adjective or possessive before it
    ("the Polish Senate", "Poland's Senate") or an "of" after it ("the Senate of Poland"), or
    after the noun it governs ("the Office of the Prime Minister of Denmark").
    ``resolved`` maps token indices to the actors of the entities covering them."""
    root = span.root
    candidates = [c for c in root.lefts if c.i < span.start and c.dep_ in ("amod", "compound", "poss", "nmod")]
    if span.start > 0:
        candidates.append(span.doc[span.start - 1])
    heads = [root]
    for _ in range(3):  # down a chain of "of": "the Office of the Prime Minister of Denmark"
        objects = [x for h in heads for c in h.rights if c.dep_ == "prep" and c.lower_ == "of"
                   for x in c.children if x.dep_ == "pobj"]
        candidates.extend(objects)
        heads = objects
    g = kb.gazetteer()
    for c in candidates:
        a = resolved.get(c.i)
        if a is None and c.text[:1].isupper():  # a name the mentions lost to a longer match
            e = g.lookup(c.text.removesuffix("'s").removesuffix("’s"))
            if e is not None and e.kind == "state" and e.form in ("name", "adjective"):
                a = Actor(e.code, e.name, None, kind="state")
        if a is not None and a.kind == "state" and a.code and not a.sector and not generic(a):
            return a
    return None


def cut_at_dateline(doc: Doc, spans: list[SpacySpan], text: str, g: Gazetteer) -> list[SpacySpan]:
    """A name NER ran across a dateline ("LIMA - The Congress") is the name after it."""
    found = dateline(text, g)
    if found is None:
        return spans
    cut = found[1]
    out = []
    for s in spans:
        if s.start_char < cut < s.end_char:
            rest = [t for t in s if t.idx >= cut and not (t.i == s.start)]
            rest = [t for t in rest if t.pos_ not in ("DET", "PUNCT")] if rest else []
            if rest:
                out.append(SpacySpan(doc, rest[0].i, s.end, label=s.label_))
            continue
        out.append(s)
    return out


def place_bodies(spans: list[SpacySpan], entities: list[Entity], g: Gazetteer, home: Home | None) -> None:
    """Give a body named by a name many states use ("the Senate", "the Interior Ministry",
    an unknown "Supreme Federal Court") the state its own phrase names ("the Polish Senate",
    "Brazil's Supreme Federal Court"), else the article's home country, else its default."""
    resolved = {i: e.actor for s, e in zip(spans, entities) if e.actor for i in range(s.start, s.end)}
    nouns = kb.sector_nouns()
    for k, (s, e) in enumerate(zip(spans, entities)):
        a = e.actor
        if a is None or a.kind == "person":
            continue
        if not generic(a):
            noun = nouns.get(s.root.lemma_.lower())
            if a.code or s.label_ != "ORG" or noun is None or noun.kind != "body" \
                    or noun.sector not in _STATE_SECTORS or associations.meeting_of(s.root, s) is not None:
                continue  # (not "the Congress of the Union of Journalists": the union's)
            a = replace(a, sector=noun.sector)  # an unknown body of some state: "Anti-Graft Court"
        owner = owner_of(s, resolved)
        code = owner.code if owner is not None else home.code if home is not None else a.code
        if code and code != a.code:
            country = g.countries.get(code) or g.breakaway.get(code)
            a = Actor(code, country.name if country else code, a.sector,
                      kind="group" if a.sector in _GROUP_SECTORS else "state", role=a.role or s.text)
        if a is not e.actor:
            entities[k] = replace(e, actor=a)
