"""Actor resolution (placeholder until the actors issue lands: NER mentions, no codes).

Interface used by the other extractors:

    resolver = resolve(ctx)                 # once per article
    resolver.entities                       # tuple[Entity]: every NER mention (actor or None)
    resolver.phrase(token) -> list[ActorSpan]
        the actor(s) of the noun phrase headed by ``token`` (coordination expanded:
        "the U.S. and its European allies" -> [USA, ...]); [] when none.
    resolver.at(start, end) -> ActorSpan | None
        the actor mention covering the character range, if any.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import ActorSpan, Entity, Span
from .base import Context


@dataclass
class Resolver:
    entities: tuple[Entity, ...]

    def phrase(self, token) -> list[ActorSpan]:
        return []

    def at(self, start: int, end: int) -> ActorSpan | None:
        return None


def resolve(ctx: Context) -> Resolver:
    text = ctx.article.text
    ents = tuple(Entity(Span.of(text, e.start_char, e.end_char), e.label_) for e in ctx.doc.ents)
    return Resolver(ents)
