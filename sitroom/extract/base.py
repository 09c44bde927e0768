"""The per-article context shared by the extractors, and the order they run in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..records import Article, Extraction
from ..settings import Settings


def token_columns(doc: Doc, attrs: tuple[int, ...]) -> list[list[int]]:
    """Each token's ``attrs`` (spaCy attribute ids, e.g. ``POS, LEMMA``) as a row of ints,
    in token order: one ``Doc.to_array`` for a scan that needs only integer attributes,
    instead of a ``Token`` object per token."""
    return doc.to_array(list(attrs)).tolist() if len(doc) else []


def parse_published(value: str | None) -> dt.date | None:
    """The publication date of an ISO date/datetime string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class Context:
    """What one article's extractors share: the doc, the article, and what earlier
    extractors found (the actor resolver, time expressions, ...)."""

    doc: Doc
    article: Article
    settings: Settings
    published: dt.date | None = None
    found: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, article: Article, settings: Settings | None = None) -> "Context":
        return cls(doc, article, settings or Settings(), parse_published(article.published))


def extract_doc(doc: Doc, article: Article, settings: Settings | None = None) -> Extraction:
    """Run every extractor over one parsed article.

    Each step stores its records in ``ctx.found[key]`` for the later steps; a step
    whose extractor is not available leaves its key out of the result.
    """
    from . import actors

    ctx = Context.build(doc, article, settings)
    resolver = actors.resolve(ctx)
    ctx.found["actors"] = resolver
    ctx.found["entities"] = tuple(resolver.entities)
    for key, module, func in _STEPS:
        fn = getattr(_module(module), func, None)
        if fn is not None:
            ctx.found[key] = tuple(fn(ctx))
    f = ctx.found
    return Extraction(
        article_id=article.id, title=article.title, published=article.published,
        section=article.section, **{k: f.get(k) for k in (
            "entities", "events", "quotes", "proposals", "positions", "quantities", "times", "places")},
    )


# (key in ctx.found / the contract, module in sitroom.extract, function) in run order.
_STEPS = (
    ("times", "times", "extract_times"),
    ("quantities", "quantities", "extract_quantities"),
    ("places", "places", "extract_places"),
    ("quotes", "quotes", "extract_quotes"),  # before events: "I" in a quote is its speaker
    ("events", "events", "extract_events"),
    ("proposals", "proposals", "extract_proposals"),
    ("positions", "positions", "extract_positions"),
)


def _module(name: str):
    import importlib

    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.{name}":
            raise
        return None
