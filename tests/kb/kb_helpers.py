"""Helpers shared by the knowledge-table tests: resolve a phrase of a short text, read a table."""
from __future__ import annotations

from pathlib import Path

from sitroom.extract.actors import resolve
from sitroom.extract.base import Context
from sitroom.nlp import parse
from sitroom.records import Article


def actor_of(text: str, phrase: str, published: str | None):
    """The actor the resolver gives for the first ``phrase`` of ``text`` (None if none)."""
    article = Article("t", text, published=published)
    start = text.index(phrase)
    hit = resolve(Context.build(parse(article), article)).at(start, start + len(phrase))
    return hit.actor if hit is not None else None


def table_rows(path: Path) -> list[list[str]]:
    """The data rows of a TSV table (comments and the header left out)."""
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]
