"""Storylines: articles about one developing story, grouped over time.

Each article becomes a sparse profile of features: the actor codes it mentions
(``a:RUS``), the PLOVER types of its events (``e:MOBILIZE``) and its salient
terms (``t:troop``, TF-IDF over the title, counted twice, and the lead of the
text).  Articles are taken in (published, id) order; each joins the most similar
open storyline (cosine with the storyline's summed profile >= ``threshold``,
last article at most ``window_days`` before), else starts one.  A single pass
over a fixed order, with a centroid rather than single links, so one article
cannot chain two stories together.  Undated articles all fall in one window.

The IDF of an article's terms counts the articles published up to its day (itself and
its day included), never later ones: what was known that day (a term no other article
has yet counts only in the seed of a new storyline). So articles of a later
day change nothing before it, and the pass can stop before the last day and go on
later: :class:`Resume` is its state there (document frequencies, the storylines still
open), which ``sitroom link`` keeps to cluster a new day's articles without the old ones.
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


def _vector(p: Profile, df: dict[str, int], n: int, *, seed: bool = False) -> dict[str, float]:
    """The article's weighted features. Terms no other article has yet cannot link it to
    anything, so they count only in the ``seed`` of a new storyline, where later articles
    sharing them can find it."""
    least = 0 if seed else 1
    v: dict[str, float] = {}
    for code, _name, k in p.actors:
        v["a:" + code] = WEIGHTS["a"] * (1.0 + math.log(k))
    for t in p.event_types:
        v["e:" + t] = WEIGHTS["e"]
    # terms in a single article cannot link two articles; terms in most are noise
    scored = sorted(((c * math.log((n + 1) / (df[t] + 1)) if df.get(t, 0) > least else 0.0, t)
                     for t, c in p.term_counts), key=lambda x: (-x[0], x[1]))
    for sc, t in scored[:TOP_TERMS]:
        if sc > 0:
            v["t:" + t] = WEIGHTS["t"] * sc
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


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


@dataclass
class Resume:
    """The clustering state before ``day``: document frequencies over the ``n`` articles of
    the days before, and the storylines still open then (members in the order they joined,
    centroid, last day), in the order they were started."""

    day: str
    n: int
    df: dict[str, int]
    clusters: list[dict]

    def to_json(self) -> str:
        return json.dumps({"day": self.day, "n": self.n, "df": self.df, "clusters": self.clusters},
                          ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Resume":
        d = json.loads(text)
        return cls(d["day"], d["n"], d["df"], d["clusters"])

    def member_ids(self) -> set[str]:
        return {a for c in self.clusters for a in c["members"]}


class _Pass:
    """One pass of the clustering, from scratch or from a :class:`Resume`."""

    def __init__(self, threshold: float, window_days: int, resume: Resume | None = None,
                 members: dict[str, Profile] | None = None) -> None:
        self.threshold, self.window = threshold, window_days
        self.clusters: list[_Cluster] = []
        self.index: dict[str, set[int]] = defaultdict(set)   # feature -> open clusters having it
        self.keys: dict[int, set[str]] = defaultdict(set)    # cluster -> features it is indexed under
        self.open_dated: set[int] = set()
        self.df: dict[str, int] = dict(resume.df) if resume else {}
        self.n = resume.n if resume else 0
        for c in (resume.clusters if resume else ()):
            ms = [members[a] for a in c["members"]]
            cl = _Cluster(ms[0])
            cl.members, cl.centroid, cl.last = ms, dict(c["centroid"]), c["last"]
            cl.norm = math.sqrt(sum(x * x for x in cl.centroid.values())) or 1.0
            self._index(len(self.clusters), cl)
            self.clusters.append(cl)

    def _index(self, ci: int, c: _Cluster) -> None:
        if c.last is not None:
            self.open_dated.add(ci)
        for k in c.centroid:
            self.index[k].add(ci)
            self.keys[ci].add(k)

    def day(self, day: str | None, ps: list[Profile]) -> None:
        """Cluster one day's profiles (sorted by id); ``None`` is the undated ones."""
        if day is not None:   # days only grow: a cluster closed to this day is closed for good
            for ci in [ci for ci in self.open_dated if not _within(self.clusters[ci].last, day, self.window)]:
                self.open_dated.discard(ci)
                for k in self.keys.pop(ci, ()):
                    self.index[k].discard(ci)
        for p in ps:
            self.n += 1
            for t, _c in p.term_counts:
                self.df[t] = self.df.get(t, 0) + 1
        for p in ps:
            self._one(p)

    def _one(self, p: Profile) -> None:
        vec = _vector(p, self.df, self.n)
        candidates: set[int] = set()
        for k in vec:
            candidates |= self.index.get(k, set())
        best, best_sim = None, self.threshold
        for ci in sorted(candidates):
            c = self.clusters[ci]
            if not _within(c.last, p.day, self.window):
                continue
            sim = c.similarity(vec)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = ci, sim
        if best is None:
            self.clusters.append(_Cluster(p))
            best = len(self.clusters) - 1
            vec = _vector(p, self.df, self.n, seed=True)
        self.clusters[best].add(p, vec)
        self._index(best, self.clusters[best])

    def resume(self, day: str) -> Resume:
        """The state now, to go on from ``day`` (call before that day's articles)."""
        open_ = [c for ci, c in enumerate(self.clusters)
                 if c.last is None or (ci in self.open_dated and _within(c.last, day, self.window))]
        return Resume(day, self.n, dict(self.df),
                      [{"members": [m.article_id for m in c.members], "centroid": c.centroid, "last": c.last}
                       for c in open_])


def _days(ps: Iterable[Profile]) -> list[tuple[str | None, list[Profile]]]:
    by: dict[str | None, list[Profile]] = defaultdict(list)
    for p in ps:
        by[p.day].append(p)
    return [(d, sorted(by[d], key=lambda p: p.article_id)) for d in sorted(by, key=lambda d: d or "")]


def cluster(profiles: Iterable[Profile], *, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS,
            min_size: int = 2, resume: Resume | None = None, members: dict[str, Profile] | None = None
            ) -> tuple[list[Storyline], Resume | None]:
    """Storylines of the profiles (from ``resume``, whose open storylines' ``members`` are
    given, when set: then only those and the new ones are returned), and the state before
    the last day. ``profiles`` must all be dated on or after ``resume.day``."""
    run = _Pass(threshold, window_days, resume, members)
    days = _days(profiles)
    state = None
    for i, (day, ps) in enumerate(days):
        if i == len(days) - 1 and day is not None:
            state = run.resume(day)
        run.day(day, ps)
    if state is None and resume is not None and not days:
        state = resume
    out = [_storyline(c) for c in run.clusters if len(c.members) >= min_size]
    return sorted(out, key=lambda s: (s.first_date or "", s.id)), state


def storylines(profiles: Iterable[Profile], *, threshold: float = THRESHOLD,
               window_days: int = WINDOW_DAYS, min_size: int = 2) -> list[Storyline]:
    """Cluster article profiles into storylines of at least ``min_size`` articles."""
    return cluster(profiles, threshold=threshold, window_days=window_days, min_size=min_size)[0]


def storyline_id(first_article: str) -> str:
    return "st-" + hashlib.sha1(first_article.encode("utf-8")).hexdigest()[:12]


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
    sid = storyline_id(c.members[0].article_id)
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
