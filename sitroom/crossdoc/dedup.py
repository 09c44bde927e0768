"""Near-duplicate articles: MinHash over word 5-shingles, LSH for candidates.

LSH finds candidates at a looser threshold; each candidate pair is then kept
when its estimated Jaccard similarity is at least ``threshold`` (0.8).
Duplicates are grouped, never deleted.  A group's id is the smallest article id
in it; an article with no near-duplicate is in no group.  The result does not
depend on the order articles come in: candidate pairs are verified against the
estimated Jaccard similarity and groups are the connected components.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..records import DuplicateGroup
from .text import shingles

NUM_PERM = 128
SEED = 1
SHINGLE = 5
THRESHOLD = 0.8
LSH_MARGIN = 0.2


def signature(text: str, *, num_perm: int = NUM_PERM, k: int = SHINGLE) -> MinHash:
    """The MinHash of the text's word k-shingles (fixed seed: the same text, the same signature)."""
    m = MinHash(num_perm=num_perm, seed=SEED)
    sh = shingles(text, k)
    if sh:
        m.update_batch(sorted(sh))
    return m


class _Sets:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


class Deduplicator:
    """Feed (id, text) one at a time; ``groups()`` gives the duplicate groups so far.

    Memory is one signature (``num_perm`` 64-bit ints) per article.
    """

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, k: int = SHINGLE):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        self.threshold, self.num_perm, self.k = threshold, num_perm, k
        # candidates at a lower threshold, so pairs just above it are not lost to banding
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - LSH_MARGIN), num_perm=num_perm)
        self._sigs: dict[str, np.ndarray] = {}
        self._sets = _Sets()
        self._pairs: dict[tuple[str, str], float] = {}

    def add(self, article_id: str, text: str) -> None:
        if article_id in self._sigs:
            return
        sig = signature(text, num_perm=self.num_perm, k=self.k)
        if sig.is_empty():
            return  # an empty text is nobody's duplicate
        for other in self._lsh.query(sig):
            sim = float(np.mean(self._sigs[other] == sig.hashvalues))
            if sim >= self.threshold:
                self._sets.union(article_id, other)
                self._pairs[tuple(sorted((article_id, other)))] = sim
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig.hashvalues.copy()

    def groups(self) -> list[DuplicateGroup]:
        members: dict[str, list[str]] = {}
        for a in self._sets.parent:
            members.setdefault(self._sets.find(a), []).append(a)
        low: dict[str, float] = {}
        for (a, _b), sim in self._pairs.items():
            root = self._sets.find(a)
            low[root] = min(low.get(root, 1.0), sim)
        out = [DuplicateGroup(root, tuple(sorted(ids)), low.get(root, 1.0))
               for root, ids in members.items() if len(ids) > 1]
        return sorted(out, key=lambda g: g.id)


def duplicate_groups(items: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD) -> list[DuplicateGroup]:
    """Group near-duplicate texts: ``items`` are (article id, text) pairs."""
    d = Deduplicator(threshold=threshold)
    for article_id, text in items:
        d.add(article_id, text)
    return d.groups()


def group_of(groups: Iterable[DuplicateGroup]) -> Iterator[tuple[str, str]]:
    """(article id, group id) for every grouped article."""
    for g in groups:
        for a in g.articles:
            yield a, g.id
