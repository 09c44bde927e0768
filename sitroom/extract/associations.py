"""Associations of people named inside a body's name: whose body it is.

A legislature's noun followed by an association is that association's meeting, not a
state's organ ("the Congress of the Union of Journalists", "the Assembly of the League of
Farmers"); an association of business people is business's, not labour's ("the Union of
Industrialists and Entrepreneurs", "the Chamber of Commerce").
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

#: nouns of associations of people
ASSOCIATIONS = frozenset({"union", "association", "federation", "confederation", "chamber", "league",
                          "society", "party", "council", "guild", "syndicate", "alliance", "club"})
#: people in business, and business itself
BUSINESS_PEOPLE = frozenset({"industrialist", "entrepreneur", "employer", "manufacturer", "businessman",
                             "businessmen", "exporter", "importer", "producer", "merchant", "commerce",
                             "industry", "banker", "trader", "retailer", "businesswoman"})


def of_objects(tok: Token, s: SpacySpan) -> list[Token]:
    """The objects of "of" after ``tok`` inside the span ``s``, with their conjuncts."""
    out = []
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for o in p.children:
                if o.dep_ == "pobj" and o.i < s.end:
                    out += [o, *(c for c in o.children if c.dep_ == "conj" and c.i < s.end)]
    return out


def business_association(tok: Token, s: SpacySpan) -> bool:
    """An association of business people: "Union of Industrialists", "Chamber of Commerce"."""
    return tok.lemma_.lower() in ASSOCIATIONS and any(
        w in BUSINESS_PEOPLE or w.removesuffix("s") in BUSINESS_PEOPLE
        for o in of_objects(tok, s) for w in (o.lemma_.lower(), o.lower_))


def meeting_of(tok: Token, s: SpacySpan) -> Token | None:
    """The association whose meeting or organ a body's noun ``tok`` is: an association noun
    after "of" that has its own "of" ("the Congress of the Union of Journalists"; a bare
    "Congress of the Union" may be a legislature)."""
    return next((o for o in of_objects(tok, s) if o.lemma_.lower() in ASSOCIATIONS and of_objects(o, s)), None)
