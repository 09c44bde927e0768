"""The spaCy stage: one pipeline per process, built from settings.

Only ``nlp/`` and ``extract/`` ever see a ``Doc``.
"""
from .pipeline import get_nlp, parse, parse_many, prepare_text

__all__ = ["get_nlp", "parse", "parse_many", "prepare_text"]
