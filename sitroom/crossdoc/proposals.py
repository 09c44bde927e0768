"""Merged proposals: the mentions of one proposal across articles become one proposal.

Within an article the extractor already merged a proposal's mentions (``extract/proposals``);
here each article's proposal is a :class:`ProposalMention`. Two mentions are the same
proposal when

* they have an author in common (actor codes of ``by``; a proposal with no resolved
  author is left on its own: nothing ties it to another),
* they share a word of their names (:func:`name_words`: "security" of "Russia's security
  guarantees") or an item: ``MIN_SHARED`` content terms of their items (of their text
  when they have none; one if either has just one), and at least ``MIN_OVERLAP`` of the
  terms of the one with fewer, words that any proposal is called by ("demands",
  "proposal", "plan", ...) left out; or they name the same specific proposal noun
  (guarantees, a treaty, an ultimatum, conditions: not "a plan") and share one term, and
* they are close in time: published within ``WINDOW_DAYS`` of each other.

A merged proposal is a connected component of such pairs: the same pairs, so the same
proposals, whether its mentions were linked in one run or many (:func:`extend_proposals`
joins new mentions onto stored proposals). Its id is a hash of its first mention (by
day, article, index); its name is the text its mentions use most.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from ..records import Article, Extraction, MergedProposal, ProposalMention, Stance
from .text import as_date, normalise, stem, stopwords, terms

WINDOW_DAYS = 60
MAX_ITEMS = 12
MIN_SHARED = 2     # content terms two mentions share (one, when either has just one) ...
MIN_OVERLAP = 0.4  # ... and at least this share of the terms of the one with fewer
_NAMED = re.compile(r"((?:[\w'’-]+\s+){1,3})(guarantees?|treaty|treaties|demands?|proposals?|"
                    r"initiatives?|plans?|ultimatum|conditions|offers?|package)\b", re.I)
#: words a proposal of any content is called by: sharing one says nothing
GENERIC = frozenset("""demand proposal proposed propose plan offer request call treaty draft agreement
deal initiative idea condition term guarantee package list point set step measure ultimatum
requirement wish need new own key main first latest further full any all other
certain various concrete specific clear written legal legally binding""".split())


def mentions_of(article: Article, extraction: Extraction) -> Iterator[ProposalMention]:
    """The proposals of one article, as mentions to merge."""
    day = as_date(extraction.published or article.published)
    for i, p in enumerate(extraction.proposals or ()):
        codes: dict[str, str] = {}
        for a in p.by:
            if a.actor and a.actor.code:
                codes.setdefault(a.actor.code, a.actor.name or a.span.text)
        authors = tuple(sorted(codes))
        items = tuple(dict.fromkeys(" ".join(i.text.split()) for i in p.items if i.text.strip()))
        words = {t for text in (items or (p.text.text,)) for t, _w in terms(text)} - GENERIC
        yield ProposalMention(article.id, i, day.isoformat() if day else None,
                              extraction.published or article.published, authors,
                              tuple(codes[c] for c in authors), p.text, items, tuple(sorted(words)),
                              name_words(p.text.text))


def name_words(text: str) -> tuple[str, ...]:
    """The words right before a proposal noun ("legally binding security guarantees" ->
    security), function, generic and capitalised words left out."""
    return tuple(sorted({w for phrase in _phrases(text) for w in phrase[1]}))


def _phrases(text: str) -> Iterator[tuple[str, set[str]]]:
    """(phrase as written, its name words) for each proposal noun with modifiers before it:
    "new treaty proposal", "security guarantees"."""
    stop = stopwords()
    for m in _NAMED.finditer(text):
        kept: list[str] = []
        names: set[str] = set()
        for raw in reversed(m[1].split()):
            w = stem(normalise(raw).strip("'\"“”(),.;:"))
            if w.endswith("'s") or not w.isalpha() or w in stop or raw[:1].isupper():
                break
            kept.insert(0, raw)
            if w not in GENERIC:
                names.add(w)
        if kept:
            yield " ".join([*kept, m[2]]), names


def stances_of(article: Article, extraction: Extraction) -> Iterator[Stance]:
    """The article's positions that are toward one of its proposals."""
    n = len(extraction.proposals or ())
    for i, pos in enumerate(extraction.positions or ()):
        if pos.proposal is None or not 0 <= pos.proposal < n:
            continue
        a = pos.holder.actor
        yield Stance(article.id, i, pos.proposal, a.code if a and a.code else None,
                     (a.name if a and a.name else None) or " ".join(pos.holder.span.text.split()),
                     pos.stance, pos.evidence, extraction.published or article.published)


def compatible(a: ProposalMention, b: ProposalMention, *, window: int = WINDOW_DAYS) -> bool:
    """A common author, a shared content term, published within ``window`` days."""
    if a.day is None or b.day is None or not set(a.authors) & set(b.authors):
        return False
    if abs((dt.date.fromisoformat(a.day) - dt.date.fromisoformat(b.day)).days) > window:
        return False
    if set(a.names) & set(b.names):
        return True
    shared = len(set(a.terms) & set(b.terms))
    if shared and head_nouns(a.text.text) & head_nouns(b.text.text) & _HEADS_NAMING:
        return True  # "demands written guarantees ... NATO" and "security guarantees ... NATO"
    fewer = min(len(a.terms), len(b.terms))
    return shared >= min(MIN_SHARED, fewer) > 0 and shared >= MIN_OVERLAP * fewer


#: proposal nouns specific enough that, with a content term in common, the same author's
#: two mentions close in time are one proposal ("a plan", "a proposal" are not)
_HEADS_NAMING = frozenset({"guarantee", "treaty", "ultimatum", "condition"})


@lru_cache(maxsize=1 << 16)
def head_nouns(text: str) -> frozenset[str]:
    """The proposal nouns a text names ("guarantees" of "demands written guarantees"), stemmed."""
    return frozenset(stem(normalise(m[2])) for m in _NAMED.finditer(text))


def proposal_id(first: ProposalMention) -> str:
    raw = f"{first.article_id}|{first.index}"
    return "pr-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def merged(ms: Iterable[ProposalMention]) -> MergedProposal:
    """One proposal from its mentions (in any order)."""
    ms = sorted(ms, key=lambda m: m.key)
    return _merged(ms, _name(ms))


def _name(ms: list[ProposalMention]) -> str:
    """The proposal noun phrase whose name words most of its mentions share ("security
    guarantees"), shorter first; else the first item (of two words or more) of the text its
    mentions use most, else that text. A mention shares
    a phrase when it has all of the phrase's name words: a longer phrase of one mention
    ("creating stable security conditions") does not outweigh the words all share."""
    named = [set(m.names) for m in ms]
    best: tuple | None = None
    for i, m in enumerate(ms):
        for phrase, names in _phrases(m.text.text):
            score = (-sum(1 for n in named if names <= n), len(phrase), i)
            if names and (best is None or score < best[0]):
                best = (score, phrase)
    if best is not None:
        return best[1]
    texts = Counter(normalise(" ".join(m.text.text.split())) for m in ms)
    top = max(texts.values())
    first = min((m for m in ms if texts[normalise(" ".join(m.text.text.split()))] == top),
                key=lambda m: (-len(m.terms), m.key))
    # no noun names it: what it asks for ("close the sky over Ukraine") says more than the
    # sentence that asks ("We call on NATO, Europe, the United States to close the sky ...")
    item = next((it for it in first.items if len(it.split()) >= 2
                 and it.split()[0].lower() not in _ANAPHORS), None)  # "their implementation": the sentence says whose
    return item if item is not None else " ".join(first.text.text.split())


#: words that open an item naming nothing by itself
_ANAPHORS = frozenset("it its their them they this that these those his her him he she such".split())


def _merged(ms: list[ProposalMention], name: str) -> MergedProposal:
    codes: dict[str, str] = {}
    for m in ms:
        for c, n in zip(m.authors, m.author_names):
            codes.setdefault(c, n)
    items: dict[str, str] = {}
    for m in ms:
        for it in m.items:
            items.setdefault(normalise(it), it)
    days = [m.day for m in ms if m.day]
    return MergedProposal(proposal_id(ms[0]), name,
                          min(days) if days else None, max(days) if days else None,
                          tuple(sorted(codes)), tuple(codes[c] for c in sorted(codes)),
                          tuple(list(items.values())[:MAX_ITEMS]),
                          len({m.article_id for m in ms}), tuple(ms))


def _ident(m: ProposalMention) -> tuple[str, int]:
    return (m.article_id, m.index)


def extend_proposals(new: Iterable[ProposalMention], *,
                     stored_between: Callable[[str, str], list[tuple[str, ProposalMention]]],
                     members: Callable[[list[str]], list[tuple[str, ProposalMention]]],
                     window: int = WINDOW_DAYS) -> tuple[list[MergedProposal], set[str]]:
    """Merge new mentions onto stored proposals. ``stored_between(lo, hi)`` gives the stored
    mentions published between two days (with their proposal id), ``members(ids)`` every
    mention of those proposals. Returns the proposals to save and the ids they replace."""
    new = sorted(new, key=lambda m: m.key)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for m in new:
        find(_ident(m))
    # the stored mentions that can pair with a new one: by day window, then author
    by_author: dict[str, list[tuple[str | None, ProposalMention]]] = {}
    for m in new:
        for c in m.authors:
            by_author.setdefault(c, []).append((None, m))
    dated = sorted({m.day for m in new if m.day and m.authors})
    for lo, hi in _ranges(dated, window):
        for pid, m in stored_between(lo, hi):
            for c in m.authors:
                if c in by_author:
                    by_author[c].append((pid, m))
    touched: set[str] = set()
    seen: set[tuple] = set()
    for c, group in by_author.items():
        group.sort(key=lambda pm: pm[1].key)
        for i, (pa, a) in enumerate(group):
            for pb, b in group[i + 1:]:
                if pa is not None and pb is not None:
                    continue  # two stored mentions: already merged or not
                if b.day and a.day and (dt.date.fromisoformat(b.day) - dt.date.fromisoformat(a.day)).days > window:
                    break
                pair = (_ident(a), _ident(b))
                if pair in seen or not compatible(a, b, window=window):
                    continue
                seen.add(pair)
                union(*pair)
                touched.update(p for p in (pa, pb) if p is not None)
    old = members(sorted(touched)) if touched else []
    by_pid: dict[str, list[ProposalMention]] = {}
    for pid, m in old:
        by_pid.setdefault(pid, []).append(m)
    for ms in by_pid.values():
        for m in ms[1:]:
            union(_ident(ms[0]), _ident(m))
    everything = {_ident(m): m for m in new} | {_ident(m): m for _p, m in old}
    comps: dict[tuple, list[ProposalMention]] = {}
    for k, m in everything.items():
        comps.setdefault(find(k), []).append(m)
    return [merged(ms) for ms in comps.values()], set(by_pid)


def _ranges(days: list[str], window: int) -> list[tuple[str, str]]:
    """The day ranges within ``window`` of the given days, overlapping ones joined."""
    out: list[list[dt.date]] = []
    for d in days:
        day = dt.date.fromisoformat(d)
        lo, hi = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo.isoformat(), hi.isoformat()) for lo, hi in out]


def merge_proposals(pairs: Iterable[tuple[Article, Extraction]], *, window: int = WINDOW_DAYS
                    ) -> list[MergedProposal]:
    """Merge the proposals of (Article, Extraction) pairs (in memory)."""
    ms = [m for a, x in pairs for m in mentions_of(a, x)]
    out, _ = extend_proposals(ms, stored_between=lambda lo, hi: [], members=lambda ids: [],
                              window=window)
    return sorted(out, key=lambda p: (p.first_date or "9999", p.id))
