"""Extractors: pure functions of a parsed article that yield records.

``extract_doc(doc, article, settings)`` runs every extractor in dependency order
(actors first, then times, quantities and places, then events, quotes,
proposals and positions) and returns one :class:`~sitroom.records.Extraction`.
"""
from .base import Context, extract_doc

__all__ = ["Context", "extract_doc"]
