"""The Store protocol every backend implements, and the checks they share.

A store takes records in (``write``) and gives plain JSON-ready dicts out; the
cross-document results (``save_linked``) come back as the records that were saved. The
backend-neutral parts live here: the result of a write, validation of query
filters (bad values raise :class:`~sitroom.errors.UsageError` naming the valid
ones) and the turning of user search text into safe terms.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol, runtime_checkable

from ..errors import UsageError
from ..records import (PLOVER_TYPES, Article, ArticleLinks, DuplicateGroup, Extraction, Failure,
                       MergedEvent, MergedProposal, ProposalMention, Stance, Storyline)

if TYPE_CHECKING:
    from .linked_board import BoardIndex
    from .query import EventQuery, Page

QUAD_CLASSES = (0, 1, 2, 3, 4)
MAX_PAGE = 2**62  # above every row count; a bigger LIMIT overflows the databases' 64-bit integers


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one ``write`` batch did: articles stored, exact duplicates skipped, articles
    the database refused (each named, the rest stored), and articles stored under
    another key than their id (same id from another source, or a changed text)."""

    stored: int = 0
    duplicates: int = 0
    failures: tuple[Failure, ...] = ()
    versions: tuple[Failure, ...] = ()

    def to_dict(self) -> dict:
        return {"stored": self.stored, "duplicates": self.duplicates,
                "failed": [f.to_dict() for f in self.failures],
                "versions": [f.to_dict() for f in self.versions]}


@runtime_checkable
class Store(Protocol):
    """Where articles and their extractions live (SQLite by default)."""

    location: str

    def write(self, pairs: Iterable[tuple[Article, Extraction]], *, changed_text: str = "version"
              ) -> WriteResult: ...
    def known_articles(self, articles: Iterable[Article]) -> set[int]: ...
    def has_articles(self, ids: Iterable[str]) -> set[str]: ...
    def counts(self) -> dict[str, int]: ...
    def migrations(self) -> list[str]: ...
    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]: ...
    def article(self, id: str) -> dict | None: ...
    def iter_extractions(self) -> Iterator[tuple[Article, Extraction]]: ...
    def search(self, q: str, limit: int = 20) -> list[dict]: ...
    def actors(self, limit: int = 100) -> list[dict]: ...
    def actor(self, code: str) -> dict | None: ...
    def events(self, actor: str | None = None, target: str | None = None, type: str | None = None,
               quad_class: int | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, min_confidence: float | None = None,
               limit: int = 100, offset: int = 0) -> list[dict]: ...
    def quotes(self, speaker: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]: ...
    def proposals(self, limit: int = 100, offset: int = 0) -> list[dict]: ...
    def positions(self, limit: int = 1000, offset: int = 0) -> list[dict]: ...
    def quantities(self, unit: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]: ...
    # lists and aggregates asked of the database (store/lists.py, query.py, search.py): each
    # list a Page with its true total; counts, facets, series and dyads of one EventQuery
    def event_page(self, q: "EventQuery | None" = None, *, sort: str | None = None,
                   cursor: str | None = None, limit: int = 50) -> "Page": ...
    def iter_events(self, q: "EventQuery | None" = None, *, sort: str | None = None,
                    batch: int = 500) -> Iterator[dict]: ...
    def count_events(self, q: "EventQuery | None" = None) -> int: ...
    def event_facets(self, q: "EventQuery | None" = None, *, n: int = 25) -> dict[str, dict]: ...
    def event_series(self, q: "EventQuery | None" = None) -> dict: ...
    def event_dyads(self, q: "EventQuery | None" = None, *, n: int | None = None) -> "Page": ...
    def event_network(self, q: "EventQuery | None" = None, *, max_nodes: int = 30) -> dict: ...
    def quote_page(self, **filters: Any) -> "Page": ...
    def claim_page(self, **filters: Any) -> "Page": ...
    def position_page(self, **filters: Any) -> "Page": ...
    def proposal_page(self, **filters: Any) -> "Page": ...
    def article_page(self, **filters: Any) -> "Page": ...
    def iter_quotes(self, **filters: Any) -> Iterator[dict]: ...
    def iter_claims(self, **filters: Any) -> Iterator[dict]: ...
    def iter_articles(self, **filters: Any) -> Iterator[dict]: ...
    def outlets(self) -> list[list]: ...
    def claim_units(self, *, n: int = 50) -> list[list]: ...
    def search_page(self, q: str, *, kind: str = "articles", outlet: str | None = None,
                    since: str | None = None, until: str | None = None, actor: str | None = None,
                    offset: int = 0, limit: int = 20) -> "Page": ...
    # cross-document results (store/linked.py): `sitroom link` saves, everything else reads
    def save_linked(self, *, groups: Iterable[DuplicateGroup], events: Iterable[MergedEvent],
                    storylines: Iterable[Storyline], state: dict[str, Any]) -> None: ...
    def linked_state(self) -> dict[str, Any]: ...
    def duplicate_groups(self) -> list[DuplicateGroup]: ...
    def merged_events(self) -> Iterator[MergedEvent]: ...
    def storylines(self, storyline: str | None = None) -> list[Storyline]: ...
    def article_links(self, article_id: str) -> ArticleLinks: ...
    # one fact by id, for permalinks, the map and the storyline pages (store/single.py)
    def event(self, id: Any) -> dict | None: ...
    def event_ids(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]: ...
    def proposal_ids(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]: ...
    def quote(self, id: Any) -> dict | None: ...
    def proposal(self, id: Any) -> dict | None: ...
    def merged_event(self, id: str) -> MergedEvent | None: ...
    def article_heads(self, ids: Iterable[str]) -> dict[str, dict]: ...
    def place_counts(self, since: str | None = None, until: str | None = None,
                     limit: int = 500) -> list[dict]: ...
    # --- incremental linking and merged proposals (store/linked_delta.py, migration 0102)
    def apply_linked(self, delta: Any) -> None: ...
    def unlinked_extractions(self) -> Iterator[tuple[Article, Extraction]]: ...
    def linked_count(self) -> int: ...
    def linked_summary(self) -> dict[str, int]: ...
    def bucket_members(self, buckets: Iterable[str]) -> dict[str, list[str]]: ...
    def signatures(self, ids: Iterable[str]) -> dict[str, str]: ...
    def groups_with(self, ids: Iterable[str]) -> list[DuplicateGroup]: ...
    def mentions_on(self, type_: str, day: str) -> list[tuple[str, int, Any]]: ...
    def linked_profiles(self) -> Iterator[tuple[str, str]]: ...
    def linked_profiles_on(self, day: str) -> list[tuple[str, str]]: ...
    def profiles_of(self, ids: Iterable[str]) -> list[tuple[str, str]]: ...
    def storyline_resume(self) -> str | None: ...
    def proposal_mentions_between(self, lo: str, hi: str) -> list[tuple[str, ProposalMention]]: ...
    def proposal_members(self, ids: Iterable[str]) -> list[tuple[str, ProposalMention]]: ...
    # --- merged proposals and the positions board's outline (store/linked_board.py)
    def merged_proposals(self, ids: Iterable[str] | None = None) -> list[MergedProposal]: ...
    def proposal_stances(self, ids: Iterable[str] | None = None) -> list[tuple[str, Stance]]: ...
    def board_index(self, actor: str | None = None) -> "BoardIndex": ...
    # --- end incremental linking
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: Any) -> None: ...


# ---------------------------------------------------------------- filter checks

def check_page(limit: Any, offset: Any = 0) -> tuple[int, int]:
    """``limit`` and ``offset`` as non-negative ints, else a UsageError."""
    try:
        lim, off = int(limit), int(offset)
    except (TypeError, ValueError) as e:
        raise UsageError(f"limit={limit!r} / offset={offset!r}: both must be whole numbers >= 0") from e
    if lim < 0 or off < 0 or lim > MAX_PAGE or off > MAX_PAGE:
        raise UsageError(f"limit={limit!r} / offset={offset!r}: both must be whole numbers >= 0 "
                         f"and <= {MAX_PAGE}")
    return lim, off


def check_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    t = str(value).strip().upper()
    if t not in PLOVER_TYPES:
        raise UsageError(f"type={value!r} is not a PLOVER event type; valid: {', '.join(PLOVER_TYPES)}")
    return t


def check_quad_class(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        q = int(value)
    except (TypeError, ValueError):
        q = None
    if q not in QUAD_CLASSES or isinstance(value, float) and not float(value).is_integer():
        raise UsageError(f"quad_class={value!r} is not valid; valid: 0 neutral, 1 verbal cooperation, "
                         "2 material cooperation, 3 verbal conflict, 4 material conflict")
    return q


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(name: str, value: str | None, *, end: bool = False) -> str | None:
    """An ISO date bound (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a datetime) as
    ``YYYY-MM-DD``; a partial date becomes the first day of its period, or the last
    when ``end`` is true (so ``until="2021-12"`` includes all of December)."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = _DATE.match(s[:10] if len(s) > 10 and s[10] in "T " else s)
    try:
        if not m:
            raise ValueError(s)
        year, month, day = int(m[1]), m[2], m[3]
        if day:
            return dt.date(year, int(month), int(day)).isoformat()
        if month:
            first = dt.date(year, int(month), 1)
            if not end:
                return first.isoformat()
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return (nxt - dt.timedelta(days=1)).isoformat()
        return dt.date(year, 12, 31).isoformat() if end else dt.date(year, 1, 1).isoformat()
    except ValueError:
        raise UsageError(f"{name}={value!r} is not an ISO date; valid: YYYY, YYYY-MM or YYYY-MM-DD") from None


def day_of(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO date/datetime, or None when it has none."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def redact_url(url: str) -> str:
    """A database URL without its password (for messages and ``Store.location``): the
    password of the user part (which may itself hold ``@``, ``/`` or ``:``) and a
    ``password=`` query parameter become ``***``."""
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)(.*)$", str(url), re.S)
    if not m:
        return str(url)
    scheme, rest = m.groups()
    head, sep, query = rest.partition("?")
    if "@" in head:
        userinfo, _, host = head.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        head = f"{userinfo}@{host}"
    query = re.sub(r"(?i)((?:^|&)password=)[^&#]*", r"\1***", query)
    return scheme + head + sep + query


# ---------------------------------------------------------------- search text

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)


def search_phrases(q: str | None) -> list[list[str]]:
    """The user's search text as a list of phrases, each a list of word tokens.

    Text inside balanced double quotes is one phrase; every other whitespace-separated
    chunk is a phrase of its word characters (``U.S.`` -> ``["U", "S"]``). Operators and
    punctuation (``NEAR(``, ``*``, ``OR``, ``;``) are only words or nothing, so any text is
    safe to hand to a full-text engine once each phrase is quoted.
    """
    return [_WORD.findall(chunk) for chunk in search_chunks(q)]


def search_chunks(q: str | None) -> list[str]:
    """The raw text of each phrase of :func:`search_phrases` (same split, same order,
    punctuation kept: ``U.S.``), for an engine that parses phrases as it parses text."""
    if not q:
        return []
    out: list[str] = []
    pos = 0
    text = str(q)
    for m in _PHRASE.finditer(text):
        out += text[pos:m.start()].split()
        out.append(m[1])
        pos = m.end()
    out += text[pos:].split()
    return [chunk for chunk in out if _WORD.search(chunk)]
