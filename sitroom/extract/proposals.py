"""Proposals and lists of demands: who made them, to whom, and their items.

A proposal is found from
* a proposal noun (``data/proposal_lexicon.tsv``: proposal, demands, treaty, plan, ...)
  with its author (possessor "Russia's demands", nationality "the Russian proposal",
  "demands by Russia", or the subject of a presenting verb: "The Russian government
  released the draft of a new treaty proposal") and addressee ("with NATO",
  "from the U.S. and NATO", "to Washington", "on the West");
* a demand verb with its objects ("demanded X and Y", "calls for X and Y").

Items come from a bullet list after a lead sentence ending with a colon or saying
"the following" / "as follows", from coordinated objects of a demand verb, and from
a relative clause on the proposal noun ("a treaty that would rule out X and Y").
Mentions in one sentence are one proposal; proposals by the same author(s) in one
article are merged (a later "Russia's demands" lists the items of the earlier
"treaty proposal").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from spacy.parts_of_speech import NOUN, PROPN, VERB
from spacy.tokens import Span as SpacySpan, Token

from ..records import ActorSpan, Proposal, Span, actor_codes
from .base import Context
from .speech import lemma_candidates, load_table, subject_of

_ADDRESSEE_PREPS = {"with", "to", "from", "on", "for"}
_BULLET_LINE = re.compile(r"^[^\S\n]*(?:[•·▪‣◦●■*–—-]|\(?\d{1,2}[.)])[^\S\n]+(\S[^\n]*?)\s*$", re.M)
# A lead-in to a list ("... include:"): the line ends with a colon, or with a lead word
# (looked for in its last _LEAD_TAIL characters only: longer than any lead word, so ``\b``
# sees the character before it), or says "the following"/"as follows" anywhere.
_LIST_LEAD_END = re.compile(r"\b(the following|as follows|include|includes|including|are|were)$", re.I)
_LIST_LEAD_ANY = re.compile(r"\bthe following\b|\bas follows\b", re.I)
_LEAD_TAIL = 20

_KINDS = ("noun", "term", "demand", "present", "topic")


@lru_cache(maxsize=1)
def proposal_lexicon() -> dict[str, frozenset[str]]:
    """kind -> lemmas, from ``data/proposal_lexicon.tsv``."""
    out: dict[str, set[str]] = {k: set() for k in _KINDS}
    for row in load_table("proposal_lexicon.tsv"):
        if len(row) < 2 or row[1] not in _KINDS:
            raise ValueError(f"proposal_lexicon.tsv: bad row {row!r} (kinds: {_KINDS})")
        out[row[1]].add(row[0].lower())
    return {k: frozenset(v) for k, v in out.items()}


def is_proposal_noun(tok: Token, *, terms: bool = True) -> bool:
    """A noun naming a proposal ("demands", "treaty"); with ``terms`` also the weaker
    nouns that do so only in context ("commitments", "guarantees")."""
    lex = proposal_lexicon()
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["noun"] or (terms and lemma in lex["term"]))


@dataclass
class _Draft:
    sent: SpacySpan
    by: list[ActorSpan] = field(default_factory=list)
    addressee: list[ActorSpan] = field(default_factory=list)
    items: list[tuple[int, int]] = field(default_factory=list)
    bulleted: bool = False
    strong: bool = False  # a proposal noun, not only a term noun ("commitment")

    def add_by(self, spans: Iterable[ActorSpan]) -> None:
        _add(self.by, spans)

    def add_to(self, spans: Iterable[ActorSpan]) -> None:
        _add(self.addressee, spans)


def _add(into: list[ActorSpan], spans: Iterable[ActorSpan]) -> None:
    for a in spans:
        if a.actor is None or not a.actor.code:
            continue
        if any(b.span == a.span or (b.actor and b.actor.code == a.actor.code) for b in into):
            continue
        into.append(a)


class _Actors:
    def __init__(self, ctx: Context) -> None:
        self.resolver = ctx.found.get("actors")

    def of(self, tok: Token) -> list[ActorSpan]:
        if self.resolver is None:
            return []
        try:
            found = list(self.resolver.phrase(tok) or [])
            if not found:
                one = self.resolver.at(tok.idx, tok.idx + len(tok.text))
                found = [one] if one is not None else []
            return found
        except Exception:  # a resolver bug must not lose the proposal
            return []


def _authors(noun: Token, actors: _Actors) -> list[ActorSpan]:
    out: list[ActorSpan] = []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    for c in poss or noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")):
            out += actors.of(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            out += [a for o in c.children if o.dep_ == "pobj" for a in actors.of(o)]
    if out:
        return out
    # the subject of the verb that presents it: "X released the draft of a proposal"
    head = noun
    for _ in range(3):
        if head.dep_ in ("dobj", "nsubjpass", "pobj") and head.head.i != head.i:
            head = head.head
            if head.pos_ == "VERB":
                if head.lemma_.lower() in proposal_lexicon()["present"]:
                    subj = subject_of(head)
                    return actors.of(subj) if subj is not None else []
                return []
        else:
            break
    return []


def _addressees(noun: Token, actors: _Actors) -> list[ActorSpan]:
    out: list[ActorSpan] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _ADDRESSEE_PREPS:
            out += [a for o in c.children if o.dep_ == "pobj" for a in actors.of(o)]
    return out


def _np_range(tok: Token) -> tuple[int, int]:
    """A conjunct's own phrase: its subtree without its own conjuncts."""
    toks = [t for t in tok.subtree if not _under_conj(t, tok) and not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _under_conj(t: Token, top: Token) -> bool:
    while t.i != top.i:
        if t.dep_ in ("conj", "cc") and t.head.i == top.i:
            return True
        if t.dep_ == "punct" and t.head.i == top.i and t.i > top.i:
            return True
        t = t.head
    return False


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _relcl_items(noun: Token) -> list[tuple[int, int]]:
    """'a treaty that would rule out X and Y' -> X, Y (or each conjoined verb phrase)."""
    for c in noun.children:
        if c.dep_ not in ("relcl", "acl"):
            continue
        verbs = _conjuncts(c)
        if len(verbs) > 1:
            return [_vp_range(v) for v in verbs]
        objs = [o for o in c.children if o.dep_ in ("dobj", "attr")]
        if objs and len(_conjuncts(objs[0])) > 1:
            return [_np_range(o) for o in _conjuncts(objs[0])]
    return []


def _vp_range(verb: Token) -> tuple[int, int]:
    toks = [t for t in verb.subtree if not _under_conj(t, verb)
            and not (t.dep_ in ("nsubj", "aux", "mark") and t.head.i == verb.i)]
    toks = [t for t in toks if not (t.head.i == verb.i and t.dep_ == "nsubj") and
            not any(a.dep_ == "nsubj" and a.head.i == verb.i for a in t.ancestors)]
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def bullet_items(text: str, after: int) -> list[tuple[int, int]]:
    """The bullet lines that follow position ``after`` (blank lines allowed between),
    each from after the bullet to the line end, stripped."""
    items = []
    pos = text.find("\n", after)
    while 0 <= pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos + 1:line_end]
        if line.strip():
            m = _BULLET_LINE.match(text, pos + 1, line_end)
            if m is None:
                break
            items.append((m.start(1), m.end(1)))
        pos = line_end if line_end < len(text) else -1
    return items


def _list_lead(text: str, sent: SpacySpan) -> bool:
    line_end = text.find("\n", sent.end_char)
    line = text[sent.start_char:len(text) if line_end < 0 else line_end].rstrip()
    if line.endswith(":") or _LIST_LEAD_END.search(line[-_LEAD_TAIL:]):
        return True
    return "follow" in line.lower() and bool(_LIST_LEAD_ANY.search(line))


_PREP_ONLY = frozenset({"call", "ask", "press", "push", "insist"})


def _demand_verb_items(verb: Token) -> list[tuple[int, int]]:
    objs = [] if verb.lemma_.lower() in _PREP_ONLY else [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on"):
            objs += [o for o in c.children if o.dep_ == "pobj"]
    objs = [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
    if not objs:
        return []
    return [_np_range(o) for o in _conjuncts(objs[0]) if o.pos_ in ("NOUN", "PROPN")]


def extract_proposals(ctx: Context) -> Iterable[Proposal]:
    doc, text = ctx.doc, ctx.article.text
    lex = proposal_lexicon()
    actors = _Actors(ctx)
    drafts: dict[int, _Draft] = {}  # by sentence start
    nouns = lex["noun"] | lex["term"]
    for i in lemma_candidates(doc, {NOUN: nouns, PROPN: nouns, VERB: lex["demand"]}):
        tok = doc[i]  # the only tokens the branches below can act on
        lemma = tok.lemma_.lower()
        if is_proposal_noun(tok):
            d = drafts.setdefault(tok.sent.start, _Draft(tok.sent))
            d.strong = d.strong or is_proposal_noun(tok, terms=False)
            d.add_by(_authors(tok, actors))
            d.add_to(_addressees(tok, actors))
            for rng in _relcl_items(tok):
                if rng not in d.items:
                    d.items.append(rng)
        elif tok.pos_ == "VERB" and lemma in lex["demand"] and tok.dep_ not in ("amod", "acl"):
            items = _demand_verb_items(tok)
            subj = subject_of(tok)
            if not items or subj is None:
                continue
            d = drafts.setdefault(tok.sent.start, _Draft(tok.sent))
            d.add_by(actors.of(subj))
            d.items += [r for r in items if r not in d.items]
            for c in tok.children:
                if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("from", "of", "to")):
                    objs = [c] if c.dep_ == "dative" else [o for o in c.children if o.dep_ == "pobj"]
                    d.add_to([a for o in objs for a in actors.of(o)])
    for d in drafts.values():
        if _list_lead(text, d.sent):
            last = max(t.i for t in d.sent if not t.is_space)
            bullets = bullet_items(text, d.sent.doc[last].idx)
            d.items += [r for r in bullets if r not in d.items]
            d.bulleted = bool(bullets)
    merged: list[_Draft] = []
    for d in sorted(drafts.values(), key=lambda d: d.sent.start):
        if not d.by and not d.bulleted:
            continue  # no author: only a bullet list makes it a proposal
        if not d.strong and not d.items:
            continue  # "its commitment to ...": a term noun with nothing listed
        same = next((m for m in merged if m.by and actor_codes(m.by) == actor_codes(d.by)), None)
        if same is None:
            merged.append(d)
            continue
        if d.items and not same.items:
            same.sent = d.sent  # the proposal's text: its first mention with content
        same.add_to(d.addressee)
        same.items += [r for r in d.items if r not in same.items]
    out = []
    for d in merged:
        start, end = _trim_sent(text, d.sent)
        out.append(Proposal(Span.of(text, start, end), tuple(d.by), tuple(d.addressee),
                            tuple(Span.of(text, s, e) for s, e in d.items)))
    return out


def _trim_sent(text: str, sent: SpacySpan) -> tuple[int, int]:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
