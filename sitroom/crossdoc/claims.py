"""Claims over time: the numbers given for the same thing, as a series.

Two quantities are about the same thing when they have the same unit and their
``of`` phrases share the head noun and the proper-adjective qualifiers
("Russian troops near the border" and "100,000 Russian troops" both key to
``troops | russian troop``).  The head is the last word before the first
preposition, relative word or comma; qualifiers are its capitalised words.
A series lists every claim with its article, source and publication date, so
growth (first to last) and disagreement (different values on the same day)
show.  Quantities without an ``of`` phrase are left out: we do not know what
they count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..records import Article, Extraction, Quantity
from .text import normalise, source_of, stem

# words that end the noun phrase of an ``of`` text
_BREAK = frozenset("""near in on at along to from of for by with within into across around inside outside
that who which whose where when while as than after before during against between amid under over""".split())
_SKIP = frozenset("the a an and or some about around nearly almost over up to more than less fewer least most its their his her".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True, slots=True)
class ClaimPoint:
    article_id: str
    published: str | None
    source: str
    value: float
    high: float | None
    approx: str
    text: str
    of: str

    def to_dict(self) -> dict:
        v = self.value
        return {"article": self.article_id, "published": self.published, "source": self.source,
                "value": int(v) if float(v).is_integer() else v, "high": self.high,
                "approx": self.approx, "text": self.text, "of": self.of}


@dataclass(frozen=True, slots=True)
class ClaimSeries:
    key: str
    unit: str
    thing: str                 # a readable name: qualifiers + head as written
    points: tuple[ClaimPoint, ...]

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    def summary(self) -> dict:
        vals = self.values
        by_day: dict[str, set[float]] = {}
        for p in self.points:
            if p.published:
                by_day.setdefault(p.published[:10], set()).add(p.value)
        return {"key": self.key, "unit": self.unit, "thing": self.thing, "claims": len(vals),
                "articles": len({p.article_id for p in self.points}),
                "sources": len({p.source for p in self.points}),
                "first": vals[0], "last": vals[-1], "min": min(vals), "max": max(vals),
                "growth": vals[-1] - vals[0],
                "disagreeing_days": sorted(d for d, vs in by_day.items() if len(vs) > 1),
                "since": self.points[0].published, "until": self.points[-1].published}

    def to_dict(self) -> dict:
        return {**self.summary(), "points": [p.to_dict() for p in self.points]}


def claim_key(unit: str, of: str) -> tuple[str, str] | None:
    """(key, readable thing) for a quantity's unit and ``of`` text, or None if it has no head noun."""
    kept: list[tuple[str, str]] = []   # (as written, normalised)
    for raw in _WORD.findall(of):
        w = normalise(raw).replace("’", "'")
        if w.endswith("'s"):
            w, raw = w[:-2], raw[:-2]
        if w in _BREAK and kept:
            break
        if w in _SKIP or w in _BREAK:
            continue
        kept.append((raw, w))
    if not kept:
        return None
    head_raw, head = kept[-1]
    quals = [(raw, w) for raw, w in kept[:-1] if raw[:1].isupper()]
    head_key = stem(head.replace("'", ""))
    thing = " ".join([raw for raw, _ in quals] + [head_raw])
    quals_key = sorted({w for _, w in quals})
    return f"{unit} | {' '.join(quals_key + [head_key])}", thing


def claim_points(article: Article, extraction: Extraction, *, unit: str | None = None
                 ) -> Iterable[tuple[str, str, str, ClaimPoint]]:
    """(key, unit, thing, point) for every quantity of the article that says what it counts."""
    outlet = source_of(article.source, article.url, article.id)
    for q in extraction.quantities or ():
        if q.of is None or (unit and q.unit != unit):
            continue
        k = claim_key(q.unit, q.of.text)
        if k is None:
            continue
        yield k[0], q.unit, k[1], _point(article, extraction, outlet, q)


def _point(article: Article, extraction: Extraction, outlet: str, q: Quantity) -> ClaimPoint:
    return ClaimPoint(article.id, extraction.published or article.published, outlet, float(q.value),
                      q.high, q.approx, q.span.text, q.of.text if q.of else "")


def claim_series(pairs: Iterable[tuple[Article, Extraction]], *, unit: str | None = None,
                 min_points: int = 2) -> list[ClaimSeries]:
    """Series of claims about the same thing, each ordered by publication (then article id).

    Only quantities are kept in memory, never the articles.
    """
    groups: dict[str, list[tuple[ClaimPoint, str, str]]] = {}
    for article, extraction in pairs:
        for key, u, thing, point in claim_points(article, extraction, unit=unit):
            groups.setdefault(key, []).append((point, u, thing))
    out = []
    for key, items in groups.items():
        if len(items) < min_points:
            continue
        items.sort(key=lambda it: (it[0].published or "", it[0].article_id, it[0].text, it[0].value))
        _, u, thing = items[0]
        out.append(ClaimSeries(key, u, thing, tuple(it[0] for it in items)))
    # most sources first (where disagreement can show), then most claims
    return sorted(out, key=lambda s: (-len({p.source for p in s.points}), -len(s.points), s.key))
