"""Synthetic proposals and stances for the benchmark stores, at the demo corpus's rates.

Measured on the demo corpus (`make demo`: 591 presidential releases, Dec 2021 - Feb 2022,
`sitroom ingest` then `sitroom link`): 240 proposals (0.41 per article; 438 articles have
none, 109 one, 26 two, 8 three, 6 four, 2 five, one ten, one eleven), 189 positions, 148 of
them toward a proposal of their article (in 61 articles: 34 with one, 16 two, then 2, 3,
2, 1, 1, 1, 1 articles with 3, 4, 5, 6, 12, 13 and 23), 55% held by the proposal's own
author; stances support 74, accept 41, reject 18, consider 8, oppose 4, condemn 3; one
author per proposal, 80% with one item (15% two, 5% more); 7.5% named by a phrase before
a proposal noun ("security guarantees"). `sitroom link` merged the 240 mentions into 190
proposals (0.79 per mention; 177 of one article, the largest of 24), and the board had 68
rows and 22 actor columns.

:func:`extraction_of` draws each article's proposals and positions with those
frequencies and writes them as records (``Proposal``, ``Position``), with an article text
whose spans they are, so the store's own flattening (``store.rows.flatten``) gives the
table rows and the article's extraction JSON, and ``sitroom link``'s own proposal merge
(``crossdoc.proposals``) merges them. Authors and holders are drawn from the benchmark's
actor codes with the events' long tail (weights 1/rank) instead of the demo's two
presidencies. 21% of proposals re-mention an earlier one of the same author that is still
live (mentioned within the merge window, 60 days), picked in proportion to the square of
its mentions so far (the demo's 50 re-mentions of 240, and its long tail); the others are new, worded
with made-up words, so two new ones never share the two terms a merge needs. 2% of the
holders are left unresolved (the demo had none; the board counts them apart).
"""
from __future__ import annotations

import random
from typing import Sequence

from sitroom.records import Actor, ActorSpan, Article, Extraction, Position, Proposal, Span

PROPOSALS_PER_ARTICLE = ((0, 438), (1, 109), (2, 26), (3, 8), (4, 6), (5, 2), (10, 1), (11, 1))
#: stances toward a proposal in an article with proposals: 61 of 153 have any
STANCE_ARTICLE_SHARE = 61 / 153
STANCES_PER_ARTICLE = ((1, 34), (2, 16), (3, 2), (4, 3), (5, 2), (6, 1), (12, 1), (13, 1), (23, 1))
STANCES = (("support", 74), ("accept", 41), ("reject", 18), ("consider", 8), ("oppose", 4),
           ("condemn", 3))
ITEMS = ((1, 80), (2, 15), (3, 5))
OWN_HOLDER = 0.55
REMENTION = 0.21
NAMED = 0.075
UNRESOLVED = 0.02
OTHER_POSITIONS = 41 / 591     # positions toward no proposal, per article
WINDOW_DAYS = 60
VERBS = ("fund", "expand", "reduce", "open", "restore", "protect", "build", "lift", "extend", "review",
         "create", "support", "ban", "limit", "secure", "train", "modernise", "guarantee", "resume", "end")
SYLLABLES = ("ka", "lo", "mir", "ten", "vas", "dor", "pel", "san", "ri", "gu", "bel", "tor", "fen",
             "mar", "kol", "dun", "sa", "vin", "ros", "te")


def _pick(rng: random.Random, table: Sequence[tuple[object, int]]):
    values, weights = zip(*table)
    return rng.choices(values, weights)[0]


class ProposalShape:
    """Draws articles' proposals and positions in publication order (keeps the live
    proposals of each author, so re-mentions stay within the merge window)."""

    def __init__(self, codes: Sequence[str], weights: Sequence[float], seed: int = 11):
        self.rng = random.Random(seed)
        self.codes, self.weights = list(codes), list(weights)
        self.live: dict[str, list[list]] = {}   # author -> [last day, mentions, words, name]

    def _word(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.choice((2, 3))))

    def _proposal(self, author: str, day: int) -> tuple[list[str], str | None]:
        """(item texts, name word) of a new proposal or a re-mention of a live one."""
        rng = self.rng
        live = [t for t in self.live.get(author, ()) if day - t[0] <= WINDOW_DAYS]
        self.live[author] = live
        if live and rng.random() < REMENTION:
            t = rng.choices(live, [t[1] ** 2 for t in live])[0]
            t[0], t[1] = day, t[1] + 1
            return t[2], t[3]
        items = [f"{rng.choice(VERBS)} the {' '.join(self._word() for _ in range(3))}"
                 for _ in range(_pick(rng, ITEMS))]
        name = self._word() if rng.random() < NAMED else None
        live.append([day, 1, items, name])
        return items, name

    def extraction_of(self, article_id: str, day: int, published: str, lead: str
                      ) -> tuple[Article, Extraction]:
        """One article: ``lead`` then a sentence per proposal and per position (the spans)."""
        rng = self.rng
        text = lead
        proposals, positions = [], []

        def add(sentence: str) -> Span:
            nonlocal text
            text += " "
            span = Span(len(text), len(text) + len(sentence), sentence)
            text += sentence
            return span

        def actor_at(code: str | None, words: str) -> ActorSpan:
            at = len(text) + 1
            return ActorSpan(Span(at, at + len(words), words),
                             Actor(code, f"Actor {code}", "GOV", kind="state") if code else None)

        authors = []
        for _ in range(_pick(rng, PROPOSALS_PER_ARTICLE)):
            author = rng.choices(self.codes, self.weights)[0]
            items, name = self._proposal(author, day)
            by = actor_at(author, f"Actor {author}")
            named = f"the {name} plan" if name else "a plan"
            sentence = f"Actor {author} put forward {named} to {' and '.join(items)}."
            span = add(sentence)
            item_spans = []
            for it in items:
                at = span.start + sentence.index(it)
                item_spans.append(Span(at, at + len(it), it))
            proposals.append(Proposal(span, (by,), (), tuple(item_spans)))
            authors.append(author)
        if authors and rng.random() < STANCE_ARTICLE_SHARE:
            for _ in range(_pick(rng, STANCES_PER_ARTICLE)):
                k = rng.randrange(len(authors))
                code = authors[k] if rng.random() < OWN_HOLDER else rng.choices(self.codes, self.weights)[0]
                if rng.random() < UNRESOLVED:
                    code = None
                words = f"Actor {code}" if code else "Officials"
                stance = _pick(rng, STANCES)
                holder = actor_at(code, words)
                positions.append(Position(holder, stance, add(f"{words} said they {stance} plan {k + 1}."), k))
        if rng.random() < OTHER_POSITIONS:
            code = rng.choices(self.codes, self.weights)[0]
            holder = actor_at(code, f"Actor {code}")
            positions.append(Position(holder, "support", add(f"Actor {code} said it supports the talks."), None))
        article = Article(article_id, text, title=f"Synthetic article {article_id}", published=published,
                          source="Outlet", url=f"https://news.example/{article_id}")
        return article, Extraction(article_id, published=published, proposals=tuple(proposals),
                                   positions=tuple(positions))
