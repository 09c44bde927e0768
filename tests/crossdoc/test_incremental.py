"""Incremental linking gives what a rebuild gives: the algorithms joined onto stored
results (merged events, duplicate groups, merged proposals) against the same algorithm
run over everything, on many random splits of random inputs (in memory, no store)."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from sitroom.crossdoc.dedup import duplicate_groups, extend_groups, sign
from sitroom.crossdoc.merge import merge_mentions, remerge
from sitroom.crossdoc.proposals import extend_proposals
from sitroom.records import Mention, ProposalMention, Span

TYPES = ("ASSAULT", "CONSULT", "THREATEN")
CODES = ("RUS", "UKR", "USA", "BLR")


def _mentions(rng: random.Random, n: int) -> list[Mention]:
    out = []
    for i in range(n):
        day = None if rng.random() < 0.05 else (dt.date(2022, 2, 1) + dt.timedelta(days=rng.randrange(12))).isoformat()
        src = tuple(sorted(rng.sample(CODES, rng.choice((0, 1, 1, 2)))))
        tgt = tuple(sorted(rng.sample(CODES, rng.choice((0, 1, 1)))))
        out.append(Mention(f"a{i // 3:03d}", i % 3, rng.choice(TYPES), src, tgt, day, day, f"outlet{i % 4}",
                           Span(i, i + 4, "word"), Span(0, 20, "a sentence of words")))
    return out


class _EventStore:
    """Stored merged events, looked up by (type, day) as the store does."""

    def __init__(self, events):
        self.events = {e.id: e for e in events}

    def mentions_on(self, type_, day):
        return [(e.id, pos, m) for e in self.events.values() if e.type == type_
                for pos, m in enumerate(e.mentions) if m.date == day]

    def apply(self, events, replaced):
        for eid in replaced:
            del self.events[eid]
        for e in events:
            assert e.id not in self.events, "a new event collides with one kept"
            self.events[e.id] = e


@pytest.mark.parametrize("seed", range(40))
def test_events_merged_in_batches_equal_the_rebuild(seed):
    rng = random.Random(seed)
    ms = _mentions(rng, rng.randrange(20, 160))
    rng.shuffle(ms)
    cuts = sorted(rng.sample(range(1, len(ms)), rng.randrange(1, 4)))
    store = _EventStore([])
    for lo, hi in zip([0, *cuts], [*cuts, len(ms)]):
        store.apply(*remerge(ms[lo:hi], store.mentions_on))
    expected = merge_mentions(ms)
    assert sorted(store.events.values(), key=lambda e: e.id) == sorted(expected, key=lambda e: e.id)


def test_a_late_report_of_an_early_day_regroups_the_days_after_it():
    """A new mention on day 1 takes the place of first mention, so the events anchored on
    the following days change too: the pass goes on while they do."""
    def m(aid, day, src="RUS"):
        return Mention(aid, 0, "ASSAULT", (src,), ("UKR",), day, day, "o", Span(0, 1, "x"), Span(0, 1, "x"))

    old = [m("b", "2022-02-02"), m("c", "2022-02-03"), m("d", "2022-02-04"), m("e", "2022-02-05")]
    store = _EventStore(merge_mentions(old))
    store.apply(*remerge([m("a", "2022-02-01")], store.mentions_on))
    assert sorted(store.events.values(), key=lambda e: e.id) == sorted(merge_mentions([*old, m("a", "2022-02-01")]),
                                                                       key=lambda e: e.id)
    assert sorted(len(e.mentions) for e in store.events.values()) == [1, 2, 2]


def _texts(rng: random.Random, n: int) -> dict[str, str]:
    words = [f"w{i}" for i in range(400)]
    bases = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(8)]
    out = {}
    for i in range(n):
        base = rng.choice(bases).split()
        for _ in range(rng.choice((0, 1, 3, 30))):     # a few words changed, or many
            base[rng.randrange(len(base))] = rng.choice(words)
        out[f"t{i:03d}"] = " ".join(base)
    return out


class _GroupStore:
    def __init__(self):
        self.signed, self.groups = {}, {}

    def candidates(self, keys):
        out = {}
        for s in self.signed.values():
            for b in s.buckets:
                if b in keys:
                    out.setdefault(b, []).append(s.article_id)
        return out

    def groups_of(self, ids):
        return [g for g in self.groups.values() if set(ids) & set(g.articles)]

    def add(self, batch):
        groups, replaced = extend_groups(batch, candidates=self.candidates,
                                         signatures=lambda ids: {i: self.signed[i].values for i in ids},
                                         groups_of=self.groups_of)
        for gid in replaced:
            del self.groups[gid]
        self.groups.update({g.id: g for g in groups})
        self.signed.update({s.article_id: s for s in batch})


@pytest.mark.parametrize("seed", range(8))
def test_duplicate_groups_joined_in_batches_equal_the_rebuild(seed):
    rng = random.Random(seed)
    texts = _texts(rng, 60)
    ids = sorted(texts)
    rng.shuffle(ids)
    store = _GroupStore()
    for lo in range(0, len(ids), 17):
        store.add([sign(i, texts[i]) for i in ids[lo:lo + 17]])
    expected = duplicate_groups(texts.items())
    assert expected, "the random texts make some near-duplicates"
    assert sorted(store.groups.values(), key=lambda g: g.id) == expected


def _proposals(rng: random.Random, n: int) -> list[ProposalMention]:
    vocab = ["expansion", "missile", "troops", "border", "ceasefire", "grain", "corridor", "sanctions",
             "visa", "gas", "pipeline", "prisoners"]
    out = []
    for i in range(n):
        day = None if rng.random() < 0.05 else (dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(150))).isoformat()
        authors = tuple(sorted(rng.sample(CODES, rng.choice((0, 1, 1, 2)))))
        terms = tuple(sorted(rng.sample(vocab, rng.randrange(1, 4))))
        names = tuple(sorted(rng.sample(("security", "peace", "energy"), rng.choice((0, 0, 1)))))
        out.append(ProposalMention(f"p{i // 2:03d}", i % 2, day, day, authors, authors, Span(0, 4, "plan"),
                                   terms, terms, names))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_proposals_merged_in_batches_equal_the_rebuild(seed):
    rng = random.Random(seed)
    ms = _proposals(rng, rng.randrange(10, 120))
    rng.shuffle(ms)
    stored: dict[str, object] = {}

    def between(lo, hi):
        return [(p.id, m) for p in stored.values() for m in p.mentions if m.day and lo <= m.day <= hi]

    def members(ids):
        return [(pid, m) for pid in ids for m in stored[pid].mentions]

    for lo in range(0, len(ms), 25):
        new, replaced = extend_proposals(ms[lo:lo + 25], stored_between=between, members=members)
        for pid in replaced:
            del stored[pid]
        for p in new:
            assert p.id not in stored
            stored[p.id] = p
    expected, _ = extend_proposals(ms, stored_between=lambda lo, hi: [], members=lambda ids: [])
    assert sorted(stored.values(), key=lambda p: p.id) == sorted(expected, key=lambda p: p.id)
    assert any(len(p.mentions) > 1 for p in expected)
