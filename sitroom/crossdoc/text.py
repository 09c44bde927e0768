"""Small text helpers shared by the cross-document steps: normalised words,
shingles, salient terms and dates.  No spaCy model is needed here: the
cross-document stage sees only records.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def normalise(text: str) -> str:
    """Case-folded, accent-stripped text with typographic quotes unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").casefold()


def words(text: str) -> list[str]:
    """The word tokens of the normalised text (punctuation and spacing dropped)."""
    return _WORD.findall(normalise(text))


def shingles(text: str, k: int = 5) -> set[bytes]:
    """The set of k-word shingles of ``text`` (a short text gives one shingle)."""
    w = words(text)
    if not w:
        return set()
    if len(w) <= k:
        return {" ".join(w).encode("utf-8")}
    return {" ".join(w[i:i + k]).encode("utf-8") for i in range(len(w) - k + 1)}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words plus news boilerplate words, from the packaged list."""
    path = resources.files(__package__).joinpath("data/stopwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def stem(word: str) -> str:
    """A light plural folding so that 'troops' and 'troop' count as one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Iterable[tuple[str, str]]:
    """(term, surface word) for every content word of ``text``."""
    stop = stopwords()
    for w in words(text):
        w = w.replace("'s", "").replace("'", "")
        if len(w) < 3 or w in stop or not w.isalpha():
            continue
        yield stem(w), w


def as_date(value: str | None) -> dt.date | None:
    """The day of an ISO date/datetime string; None for a coarser or missing value."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def source_of(source: str | None, url: str | None, article_id: str) -> str:
    """The outlet an article came from: its source, else its URL's host, else its id."""
    if source:
        return source
    if url:
        m = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url, re.I)
        if m:
            return m.group(1).lower()
    return article_id
