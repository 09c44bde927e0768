"""Near-duplicate articles: MinHash over word 5-shingles, LSH buckets for candidates.

Each signature is cut into ``BANDS`` bands of ``ROWS`` values; two articles sharing a
band's values (a *bucket*) are candidates, the banding of a 0.6 threshold, looser than the
0.8 kept, so pairs just above it are not lost. A candidate pair is kept when its
estimated Jaccard similarity is at least ``threshold``. Duplicates are grouped, never
deleted: a group is a connected component of kept pairs, its id the smallest article id
in it, its similarity the lowest kept pair inside it; an article with no near-duplicate
is in no group.

The kept pairs are all candidate pairs that pass, whatever the order articles come in,
so a group grows the same way whether its articles were linked in one run or many:
:func:`extend_groups` joins new articles onto stored groups (``sitroom link``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import numpy as np
from datasketch import MinHash

from ..records import DuplicateGroup
from .text import shingles

NUM_PERM = 128
SEED = 1
SHINGLE = 5
THRESHOLD = 0.8
BANDS, ROWS = 18, 7   # the LSH banding of a 0.6 threshold for 128 permutations


def signature(text: str, *, num_perm: int = NUM_PERM, k: int = SHINGLE) -> MinHash:
    """The MinHash of the text's word k-shingles (fixed seed: the same text, the same signature)."""
    m = MinHash(num_perm=num_perm, seed=SEED)
    sh = shingles(text, k)
    if sh:
        m.update_batch(sorted(sh))
    return m


def hashes(text: str) -> np.ndarray | None:
    """The signature's values, or None for a text with no words (nobody's duplicate)."""
    sig = signature(text)
    return None if sig.is_empty() else sig.hashvalues.astype(np.uint64)


def buckets(values: np.ndarray) -> list[str]:
    """The LSH buckets of a signature: band number and a hash of the band's values."""
    out = []
    for b in range(BANDS):
        band = values[b * ROWS:(b + 1) * ROWS].astype("<u8").tobytes()
        out.append(f"{b}:{hashlib.blake2b(band, digest_size=10).hexdigest()}")
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_hex(values: np.ndarray) -> str:
    return values.astype("<u8").tobytes().hex()


def from_hex(text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(text), dtype="<u8").astype(np.uint64)


class _Sets:
    """Union-find over ids; a root is the smallest id of its set."""

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

    def components(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out


@dataclass(frozen=True, slots=True)
class Signed:
    """A new article's signature and buckets, as :func:`extend_groups` takes them."""

    article_id: str
    values: np.ndarray
    buckets: tuple[str, ...]


def sign(article_id: str, text: str) -> Signed | None:
    values = hashes(text)
    return None if values is None else Signed(article_id, values, tuple(buckets(values)))


def extend_groups(new: Iterable[Signed], *, candidates: Callable[[list[str]], dict[str, list[str]]],
                  signatures: Callable[[list[str]], dict[str, np.ndarray]],
                  groups_of: Callable[[list[str]], list[DuplicateGroup]],
                  threshold: float = THRESHOLD) -> tuple[list[DuplicateGroup], set[str]]:
    """Join new articles onto the stored groups.

    ``candidates(buckets)`` gives the stored articles in each bucket, ``signatures(ids)``
    their signatures, ``groups_of(ids)`` the stored groups holding any of them. Returns the
    groups that are new or changed, and the ids of the stored groups they replace."""
    new = list(new)
    sets = _Sets()
    low: dict[str, float] = {}          # component root -> lowest kept pair
    pairs: list[tuple[str, str, float]] = []
    by_bucket: dict[str, list[Signed]] = {}
    for s in new:
        for b in s.buckets:
            by_bucket.setdefault(b, []).append(s)
    stored = candidates(sorted(by_bucket)) if by_bucket else {}
    old_ids = sorted({a for ids in stored.values() for a in ids} - {s.article_id for s in new})
    old_sigs = signatures(old_ids) if old_ids else {}
    new_ids = {s.article_id for s in new}
    for s in new:
        seen: set[str] = set()
        for b in s.buckets:
            for other in stored.get(b, ()):
                if other not in new_ids and other not in seen and other in old_sigs:
                    seen.add(other)
                    sim = similarity(s.values, old_sigs[other])
                    if sim >= threshold:
                        pairs.append((s.article_id, other, sim))
            for o in by_bucket[b]:
                if o.article_id < s.article_id and o.article_id not in seen:
                    seen.add(o.article_id)
                    sim = similarity(s.values, o.values)
                    if sim >= threshold:
                        pairs.append((s.article_id, o.article_id, sim))
    if not pairs:
        return [], set()
    touched = sorted({x for a, b, _ in pairs for x in (a, b)} - new_ids)
    replaced = groups_of(touched) if touched else []
    for g in replaced:
        for a in g.articles:
            sets.union(g.id, a)
    for a, b, _ in pairs:
        sets.union(a, b)
    for g in replaced:
        root = sets.find(g.id)
        low[root] = min(low.get(root, 1.0), g.similarity)
    for a, _b, sim in pairs:
        root = sets.find(a)
        low[root] = min(low.get(root, 1.0), sim)
    out = [DuplicateGroup(root, tuple(sorted(ids)), low[root])
           for root, ids in sets.components().items() if len(ids) > 1]
    return sorted(out, key=lambda g: g.id), {g.id for g in replaced}


class Deduplicator:
    """Feed (id, text) one at a time; ``groups()`` gives the duplicate groups so far (in
    memory; :func:`extend_groups` does the same against a store)."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, k: int = SHINGLE):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        if num_perm != NUM_PERM or k != SHINGLE:
            raise ValueError(f"num_perm={num_perm!r}, k={k!r}: the buckets are cut for "
                             f"num_perm={NUM_PERM}, k={SHINGLE}")
        self.threshold = threshold
        self._signed: dict[str, Signed] = {}
        self._index: dict[str, list[str]] = {}    # bucket -> article ids
        self._groups: dict[str, DuplicateGroup] = {}

    def add(self, article_id: str, text: str) -> None:
        if article_id in self._signed:
            return
        s = sign(article_id, text)
        if s is None:
            return
        groups, replaced = extend_groups(
            [s], candidates=self._candidates, signatures=lambda ids: {i: self._signed[i].values for i in ids},
            groups_of=self._groups_of, threshold=self.threshold)
        self._signed[article_id] = s
        for b in s.buckets:
            self._index.setdefault(b, []).append(article_id)
        for gid in replaced:
            del self._groups[gid]
        for g in groups:
            self._groups[g.id] = g

    def _candidates(self, keys: list[str]) -> dict[str, list[str]]:
        return {b: self._index[b] for b in keys if b in self._index}

    def _groups_of(self, ids: list[str]) -> list[DuplicateGroup]:
        want = set(ids)
        return [g for g in self._groups.values() if want & set(g.articles)]

    def groups(self) -> list[DuplicateGroup]:
        return sorted(self._groups.values(), key=lambda g: g.id)


def duplicate_groups(items: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD) -> list[DuplicateGroup]:
    """Group near-duplicate texts: ``items`` are (article id, text) pairs."""
    texts: dict[str, str] = {}
    for article_id, text in items:
        texts.setdefault(article_id, text)
    signed = [s for a, t in texts.items() if (s := sign(a, t)) is not None]
    groups, _ = extend_groups(signed, candidates=lambda keys: {}, signatures=lambda ids: {},
                              groups_of=lambda ids: [], threshold=threshold)
    return groups


def group_of(groups: Iterable[DuplicateGroup]) -> Iterator[tuple[str, str]]:
    """(article id, group id) for every grouped article."""
    for g in groups:
        for a in g.articles:
            yield a, g.id
