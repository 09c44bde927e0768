"""A small stand-in actor resolver for the event tests (a test double, not the real one).

It resolves named-entity mentions through a tiny name -> code table, so the event
grammar is tested on its own, whatever the real resolver knows.
"""
from __future__ import annotations

from sitroom.records import Actor, ActorSpan, Span

CODES = {
    "russia": "RUS", "russian": "RUS", "russians": "RUS", "moscow": "RUS", "kremlin": "RUS",
    "u.s.": "USA", "us": "USA", "united states": "USA", "washington": "USA", "american": "USA",
    "the u.s.": "USA", "u.s": "USA", "biden administration": "USA",
    "ukraine": "UKR", "ukrainian": "UKR", "kyiv": "UKR", "kiev": "UKR",
    "nato": "NATO", "china": "CHN", "chinese": "CHN", "beijing": "CHN", "israel": "ISR",
    "israeli": "ISR", "palestinian": "PSE", "palestinians": "PSE", "iraq": "IRQ", "iraqi": "IRQ",
    "france": "FRA", "french": "FRA", "germany": "DEU", "britain": "GBR", "british": "GBR",
    "european union": "EU", "eu": "EU", "un": "UN", "united nations": "UN", "iran": "IRN",
    "jens stoltenberg": "NATO", "stoltenberg": "NATO", "syria": "SYR", "turkey": "TUR",
    "turkish": "TUR", "japan": "JPN", "moldova": "MDA", "canada": "CAN", "chile": "CHL",
    "bolivian": "BOL", "kenya": "KEN", "kenyan": "KEN", "italy": "ITA", "somalia": "SOM", "kuwait": "KWT",
}
PEOPLE_WORDS = {"official", "officials", "government", "troops", "forces", "army", "minister",
                "president", "leader", "police", "soldiers"}


class DoubleResolver:
    def __init__(self, doc):
        self.doc = doc
        self.mentions = []
        text = doc.text
        for e in doc.ents:
            name = e.text.lower().removeprefix("the ").strip()
            code = CODES.get(name) or CODES.get(e.text.lower())
            if e.label_ in ("GPE", "NORP", "ORG", "PERSON") and code:
                self.mentions.append(ActorSpan(Span.of(text, e.start_char, e.end_char), Actor(code, e.text)))
        self.entities = ()

    def quoted(self, pos):
        from sitroom.extract.quote_marks import quote_regions

        return any(r.start <= pos < r.end for r in quote_regions(self.doc.text))

    def at(self, start, end):
        for m in self.mentions:
            if m.span.start <= start and end <= m.span.end:
                return m
        return None

    def phrase(self, token):
        out = []
        for t in self._np(token):
            m = self.at(t.idx, t.idx + len(t.text))
            if m is not None and m not in out:
                out.append(m)
                break
        if not out:
            return []
        for c in token.children:
            if c.dep_ == "conj":
                out += [m for m in self.phrase(c) if m not in out]
        return out

    @staticmethod
    def _np(token):
        yield token
        for c in token.lefts:
            if c.dep_ in ("amod", "compound", "nmod", "poss"):
                yield from c.subtree
