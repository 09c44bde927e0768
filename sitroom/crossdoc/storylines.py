"""Storylines: articles about one developing story, grouped over time.

Each article becomes a sparse profile of features: the actor codes it mentions
(``a:RUS``), the PLOVER types of its events (``e:MOBILIZE``) and its salient
terms (``t:troop``, TF-IDF over the title, counted twice, and the lead of the
text).  Articles are taken in (published, id) order; each joins the most similar
open storyline (cosine with the storyline's summed profile >= ``threshold``,
last article at most ``window_days`` before), else starts one.  A single pass
over a fixed order, with a centroid rather than single links, so one article
cannot chain two stories together.  Undated articles all fall in one window.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from ..records import Article, Extraction, Storyline
from .text import as_date, terms

THRESHOLD = 0.3
WINDOW_DAYS = 14
TOP_TERMS = 12
LEAD_CHARS = 1500
CENTROID_FEATURES = 60
WEIGHTS = {"a": 1.0, "e": 0.5, "t": 1.0}


@dataclass(frozen=True, slots=True)
class Profile:
    """What the clustering needs to know about one article."""

    article_id: str
    day: str | None
    actors: tuple[tuple[str, str, int], ...]   # (code, name, mentions)
    event_types: tuple[str, ...]
    term_counts: tuple[tuple[str, int], ...]   # (stemmed term, count)
    surface: tuple[tuple[str, str], ...] = ()  # (stemmed term, a surface word)


def profile(article: Article, extraction: Extraction | None) -> Profile:
    """The features of one article (title terms count twice)."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    title = (extraction.title if extraction else None) or article.title or ""
    for text, weight in ((title, 2), (article.text[:LEAD_CHARS], 1)):
        for t, w in terms(text):
            counts[t] += weight
            surface.setdefault(t, w)
    actors: dict[str, list] = {}
    types: set[str] = set()
    if extraction is not None:
        for e in extraction.entities or ():
            if e.actor and e.actor.code:
                rec = actors.setdefault(e.actor.code, [e.actor.name or e.span.text, 0])
                rec[1] += 1
        for ev in extraction.events or ():
            types.add(ev.type)
            for a in (*ev.source, *ev.target):
                if a.actor and a.actor.code:
                    rec = actors.setdefault(a.actor.code, [a.actor.name or a.span.text, 0])
                    rec[1] += 1
    day = as_date((extraction.published if extraction else None) or article.published)
    return Profile(
        article_id=article.id, day=day.isoformat() if day else None,
        actors=tuple(sorted((c, n, k) for c, (n, k) in actors.items())),
        event_types=tuple(sorted(types)),
        term_counts=tuple(sorted(counts.items())),
        surface=tuple(sorted(surface.items())))


def _vector(p: Profile, idf: dict[str, float]) -> dict[str, float]:
    v: dict[str, float] = {}
    for code, _name, n in p.actors:
        v["a:" + code] = WEIGHTS["a"] * (1.0 + math.log(n))
    for t in p.event_types:
        v["e:" + t] = WEIGHTS["e"]
    scored = sorted(((c * idf.get(t, 0.0), t) for t, c in p.term_counts), key=lambda x: (-x[0], x[1]))
    for s, t in scored[:TOP_TERMS]:
        if s > 0:
            v["t:" + t] = WEIGHTS["t"] * s
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _idf(profiles: list[Profile]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(t for t, _ in p.term_counts)
    n = len(profiles)
    # terms in a single article cannot link two articles; terms in most are noise
    return {t: math.log((n + 1) / (k + 1)) for t, k in df.items() if k > 1}


class _Cluster:
    def __init__(self, first: Profile) -> None:
        self.members: list[Profile] = [first]
        self.centroid: dict[str, float] = {}
        self.norm = 0.0
        self.last: str | None = first.day

    def add(self, p: Profile, vec: dict[str, float]) -> None:
        if p is not self.members[0]:
            self.members.append(p)
        for k, x in vec.items():
            self.centroid[k] = self.centroid.get(k, 0.0) + x
        if len(self.centroid) > CENTROID_FEATURES * 2:
            keep = sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_FEATURES]
            self.centroid = dict(keep)
        self.norm = math.sqrt(sum(x * x for x in self.centroid.values())) or 1.0
        if p.day and (self.last is None or p.day > self.last):
            self.last = p.day

    def similarity(self, vec: dict[str, float]) -> float:
        return sum(x * self.centroid.get(k, 0.0) for k, x in vec.items()) / self.norm


def storylines(profiles: Iterable[Profile], *, threshold: float = THRESHOLD,
               window_days: int = WINDOW_DAYS, min_size: int = 2) -> list[Storyline]:
    """Cluster article profiles into storylines of at least ``min_size`` articles."""
    ps = sorted(profiles, key=lambda p: (p.day or "", p.article_id))
    idf = _idf(ps)
    clusters: list[_Cluster] = []
    index: dict[str, set[int]] = defaultdict(set)   # feature -> clusters having it
    for p in ps:
        vec = _vector(p, idf)
        candidates: set[int] = set()
        for k in vec:
            candidates |= index.get(k, set())
        best, best_sim = None, threshold
        for ci in sorted(candidates):
            c = clusters[ci]
            if not _within(c.last, p.day, window_days):
                continue
            sim = c.similarity(vec)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = ci, sim
        if best is None:
            clusters.append(_Cluster(p))
            best = len(clusters) - 1
        clusters[best].add(p, vec)
        for k in clusters[best].centroid:
            index[k].add(best)
    out = [_storyline(c) for c in clusters if len(c.members) >= min_size]
    return sorted(out, key=lambda s: (s.first_date or "", s.id))


def _within(last: str | None, day: str | None, window: int) -> bool:
    if last is None or day is None:
        return True  # no date to compare: undated articles share one window
    return (dt.date.fromisoformat(day) - dt.date.fromisoformat(last)).days <= window


def _storyline(c: _Cluster) -> Storyline:
    ids = sorted(p.article_id for p in c.members)
    days = sorted(p.day for p in c.members if p.day)
    actor_n: Counter[str] = Counter()
    names: dict[str, str] = {}
    for p in c.members:
        for code, name, n in p.actors:
            actor_n[code] += n
            names.setdefault(code, name)
    actors = tuple(code for code, _ in sorted(actor_n.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for p in c.members:
        for t, w in p.surface:
            surface[t][w] += 1
    top_terms = [k[2:] for k, _ in sorted(((k, x) for k, x in c.centroid.items() if k.startswith("t:")),
                                          key=lambda kv: (-kv[1], kv[0]))[:5]]
    words = tuple(surface[t].most_common(1)[0][0] if surface.get(t) else t for t in top_terms)
    name = ", ".join([names[a] for a in actors[:2]] + list(words[:3])) or ids[0]
    # named for the article that started it: the id holds while the story grows
    sid = "st-" + hashlib.sha1(c.members[0].article_id.encode("utf-8")).hexdigest()[:12]
    return Storyline(sid, name, days[0] if days else None, days[-1] if days else None,
                     actors, words, tuple(ids))


def storylines_of(pairs: Iterable[tuple[Article, Extraction]], **kw) -> list[Storyline]:
    """Storylines over (Article, Extraction) pairs."""
    return storylines((profile(a, x) for a, x in pairs), **kw)


def profile_json(p: Profile) -> str:
    """A profile as the JSON the store keeps (``linked_articles.profile_json``)."""
    return json.dumps({"day": p.day, "actors": [list(a) for a in p.actors], "types": list(p.event_types),
                       "terms": [list(t) for t in p.term_counts], "surface": [list(s) for s in p.surface]},
                      ensure_ascii=False, separators=(",", ":"))


def profile_from_json(article_id: str, text: str) -> Profile:
    d = json.loads(text)
    return Profile(article_id, d["day"], tuple(tuple(a) for a in d["actors"]), tuple(d["types"]),
                   tuple(tuple(t) for t in d["terms"]), tuple(tuple(s) for s in d["surface"]))
