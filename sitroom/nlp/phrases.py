"""PhraseMatchers over thousands of names, built from cached token ids instead of the tokenizer.

A PhraseMatcher on ``ORTH`` keeps, per name, only the tuple of its tokens' ORTH ids
(hashes of the token texts): building one from ``tokenizer.pipe(names)`` tokenises every
name and creates a lexeme for every new word — a third of a second for the 8,800 place
names, on each start. Those ids depend only on the names and the tokenizer's rules, so
they are kept in the disk cache (:func:`sitroom.kb.cache.cached`), keyed by both, and
the matcher is built by adding them as spaCy's own unpickling does: the same trie, the
same matches in the same order::

    matcher = phrase_matcher(vocab, [("PLACE", "Kyiv"), ("PLACE", "New York")],
                             name="placephrases", tokenizer=lambda: English(vocab=vocab).tokenizer,
                             rules=["english-defaults"])

``rules`` names what the tokenizer's behaviour comes from (a model's tokenizer file, a
language's defaults); spaCy's version is always part of the key.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

import spacy
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from ..kb.cache import cached


def token_ids(tokenizer: Tokenizer, texts: Iterable[str]) -> list[tuple[int, ...]]:
    """The ORTH id of every token of each text, as the tokenizer splits it."""
    return [tuple(t.orth for t in doc) for doc in tokenizer.pipe(texts)]


def phrase_matcher(vocab: Vocab, patterns: Sequence[tuple[str, str]], *, name: str,
                   tokenizer: Callable[[], Tokenizer], rules: Iterable[Path | str] | None) -> PhraseMatcher:
    """A PhraseMatcher on ORTH with ``(key, text)`` patterns, added in the given order.

    ``tokenizer`` is called only when the token ids are not cached; ``name`` is the cache
    file's name (no "-" in it); ``rules`` None: a tokenizer nothing identifies, not cached."""
    texts = [text for _, text in patterns]
    if rules is None:
        ids = token_ids(tokenizer(), texts)
    else:
        sources = [f"spacy {spacy.__version__}", *rules, "\n".join(texts)]
        ids = cached(name, sources, lambda: token_ids(tokenizer(), texts))
        if not isinstance(ids, list) or len(ids) != len(texts):  # never trust a file of another build
            ids = token_ids(tokenizer(), texts)
    groups: dict[str, list[tuple[int, ...]]] = {}
    for (key, _), keyword in zip(patterns, ids):
        groups.setdefault(key, []).append(keyword)
    matcher = PhraseMatcher(vocab, attr=ORTH)
    for key, keywords in groups.items():
        matcher.add(key, keywords)
    return matcher


def tokenizer_rules(nlp) -> list[Path | str] | None:
    """What a pipeline's tokenizer splits by: its file in the model's folder (by content);
    None for a pipeline built in memory (nothing on disk says what its tokenizer does)."""
    path = Path(nlp.path, "tokenizer") if getattr(nlp, "path", None) else None
    if path is not None and path.is_file():
        config = path.with_name("config.cfg")
        return [f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}", path,
                *([config] if config.is_file() else [])]
    return None
