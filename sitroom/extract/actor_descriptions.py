"""Names the knowledge base does not know, coded from how the article describes them.

A news article introduces an unfamiliar firm or group once with a description that says
where it is from, then uses the bare name: "Norvik, the Russian oil giant, ... Norvik said",
"Dutch bank Velder", "Brantis, a Gibraltar-based holding company". The description is an
apposition or a noun-noun compound next to the name, and its country is a nationality
adjective, a country's possessive ("Turkey's largest operator") or a place + "-based".
Every mention of the same name in the article then takes that country (one sense per
discourse); a name the knowledge base knows is never recoded.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from spacy.tokens import Span as SpacySpan, Token

from .. import kb
from ..records import Actor, Entity

# Head nouns of a description that makes the name a business ("the Russian oil giant").
_BUSINESS = frozenset({
    "firm", "company", "giant", "operator", "group", "bank", "corporation", "conglomerate",
    "producer", "maker", "manufacturer", "carrier", "airline", "insurer", "lender", "retailer",
    "exporter", "importer", "supplier", "provider", "consortium", "concern", "business",
    "subsidiary", "unit", "arm", "holding", "major", "monopoly", "utility", "developer",
    "broadcaster", "network", "fund", "investor", "partner", "contractor", "shipper",
})
# Other head nouns of a description that makes the name an organisation.
_ORGANISATION = frozenset({
    "organisation", "organization", "agency", "association", "union", "movement", "federation",
    "institute", "foundation", "charity", "lobby", "watchdog", "regulator", "broadcaster",
    "newspaper", "channel", "outlet", "militia", "faction", "alliance", "coalition",
})
# Head nouns that describe something else than an actor ("the Russian city of ...").
_NOT_ACTOR = frozenset({"city", "town", "village", "region", "province", "capital", "port",
                        "river", "island", "area", "district", "state", "country"})


def describe(spans: list[SpacySpan], entities: list[Entity],
             country_of: Callable[[str], Actor | None]) -> list[Entity]:
    """``entities`` with each uncoded organisation name coded from its description.

    ``country_of(text)`` gives the state a word names ("Russian", "Turkey", "London"), or
    None. Returns a new list; entities that are known or undescribed are kept as they are.
    """
    found: dict[str, Actor] = {}
    for s, ent in zip(spans, entities):
        if not _uncoded(ent):
            continue
        key = _key(ent.span.text)
        if key in found:
            continue
        described = _country(s, country_of)
        if described is None:
            continue
        state, noun = described
        if noun in _BUSINESS or noun in _ORGANISATION:
            # the tagger's label is not trusted for an unfamiliar name: the description says
            # what it is (a person's role, "Ukrainian lawmaker X", is the actor resolver's)
            found[key] = Actor(state.code, ent.span.text, "BUS" if noun in _BUSINESS else None, kind="group")
    lead = _lead_business(spans, entities, country_of, found)
    if lead is not None:
        found.setdefault(*lead)
    if not found:
        return entities
    # a later mention may shorten the name to its last word ("Group Norvik" ... "Norvik")
    for key, actor in list(found.items()):
        last = key.split()[-1]
        if last != key and len(last) >= 4 and last[:1].isupper():
            found.setdefault(last, actor)
    return [replace(ent, actor=found[_key(ent.span.text)])
            if _uncoded(ent) and _key(ent.span.text) in found else ent for ent in entities]


def _uncoded(ent: Entity) -> bool:
    """A name the knowledge base could not code: no actor, or one with no code."""
    a = ent.actor
    return ent.label in _NAME_LABELS and (a is None or (not a.code and a.kind in ("group", "person")))


_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "PRODUCT", "FAC", "NORP"})


def _key(text: str) -> str:
    text = kb.normalize(text)
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _country(s: SpacySpan, country_of) -> tuple[Actor, str] | None:
    """The state and the head noun of the description next to the name ``s``."""
    root = s.root
    for noun in _descriptions(s, root):
        if noun.lemma_.lower() in _NOT_ACTOR:
            return None
        for m in noun.children:
            if m.i in range(s.start, s.end) or m.i > noun.i:
                continue
            state = None
            if m.dep_ in ("amod", "compound", "nmod", "poss") and m.ent_type_ in ("NORP", "GPE"):
                state = country_of(m.text)
            elif m.dep_ in ("amod", "compound") and m.lower_ == "based":
                # "a Gibraltar-based company", "the London-based group"
                place = next((c for c in m.children if c.ent_type_ in ("GPE", "LOC") or c.pos_ == "PROPN"), None)
                state = country_of(place.text) if place is not None else None
            if state is not None and state.code:
                return state, noun.lemma_.lower()
    return None


def _descriptions(s: SpacySpan, root: Token) -> list[Token]:
    """Common nouns that describe the name: its apposition either way, or the noun it is
    a compound with ("Dutch bank Velder", "Velder, a Dutch bank", "the Dutch bank, Velder")."""
    out = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.append(root.head)
    out += [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < s.start]
    return out


def _lead_business(spans: list[SpacySpan], entities: list[Entity], country_of,
                   found: dict[str, Actor]) -> tuple[str, Actor] | None:
    """A lead that introduces an unnamed business by its country ("Turkey's biggest mobile
    firm could pull out ...") and then names one, again and again ("Turkcell's stake ...
    Turkcell said"): the first uncoded organisation named after it, when the article names
    it at least twice, is that firm."""
    if not spans:
        return None
    doc = spans[0].doc
    sents = list(doc.sents)[:3]
    described = None
    for sent in sents:
        for tok in sent:
            if tok.lemma_.lower() not in _BUSINESS or tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in tok.children):
                continue  # named on the spot: the apposition rule's case
            for m in tok.children:
                if m.dep_ in ("poss", "amod", "compound") and m.ent_type_ in ("GPE", "NORP"):
                    state = country_of(m.text)
                    if state is not None and state.code:
                        described = (tok, state)
                        break
            if described:
                break
        if described:
            break
    if described is None:
        return None
    tok, state = described
    counts: dict[str, int] = {}
    for ent in entities:
        if _uncoded(ent) and ent.label == "ORG":
            counts[_key(ent.span.text)] = counts.get(_key(ent.span.text), 0) + 1
    for s, ent in zip(spans, entities):
        if s.start <= tok.i or not (_uncoded(ent) and ent.label == "ORG"):
            continue
        key = _key(ent.span.text)
        if key in found or counts.get(key, 0) < 2:
            return None  # the first organisation named after the lead is not this firm
        return key, Actor(state.code, ent.span.text, "BUS", kind="group")
    return None
