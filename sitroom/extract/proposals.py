"""Proposals and lists of demands: who made them, to whom, and their items.

A proposal is put by an actor to others, and it has content. It is found from
* a proposal noun (``data/proposal_lexicon.tsv``: proposal, demands, treaty, plan, ...)
  with its author (possessor "Russia's demands", nationality "the Russian proposal",
  "demands by Russia", or the subject of a presenting verb: "The Turkish government
  published the draft of a fresh maritime proposal", "Poland joined the calls for ...") and
  addressee ("with NATO", "from the U.S. and NATO", "to Washington", "on the West");
  its content is a complement of the noun: an infinitive ("a plan to build X"), a
  "for X to ..." or "that ..." clause ("a demand for Japan to apologise", "the demand
  that the wall be scrapped"), a "for" object ("a call for an inquiry") or a relative
  clause ("a treaty that would bar X and Y");
* a demand verb with its content (:func:`_verb_content`): objects ("demanded X and Y"),
  a "that" clause ("proposed that both sides cut tariffs"), an infinitive ("offered to
  mediate", "urged Iran to halt ...", "called on Kenya to reopen ..."), a "for X to ..."
  clause ("called for the quota to be lifted");
* a noun modified by "proposed" with its author ("Turkey's proposed membership").

Commentary, questions and speculation are not proposals (:func:`_speculative`): a demand
verb under a hedging modal ("could demand"), a negation, an "if"/"whether" clause or an
opinion verb ("analysts think X wants ..."), in a question, or said by a commentator.

Items come from a bullet list after a lead sentence ending with a colon or saying
"the following" / "as follows", and from the content complements above.

A proposal has content: a mention with no content of its own ("Russian initiatives") is
no proposal; its author and addressees go to a mention with content in the same sentence.

One proposal, many mentions (:func:`_merge`): a later mention that is anaphoric (definite
or possessive: "the demands", "Moscow's proposals") is the earlier proposal of its author,
and its items (a bullet list after "Russia's demands also include:") are added to it; a
mention whose content shares a content word with an earlier proposal of the same author is
that proposal; otherwise two proposals by the same author stay two. Two rules finding the
same content in one sentence give one item.

Authors: the resolver's actor for the subject or possessor; for a pronoun subject first the
subject of a clause above it in the sentence; for "I"/"we" in a direct quote, its speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from spacy.parts_of_speech import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Span as SpacySpan, Token

from ..records import ActorSpan, Proposal, Quote, Span, actor_codes
from .base import Context
from .event_grammar import REPORTING
from .event_lexicon import load_lexicon
from .speech import cue_candidates, is_cue, lemma_candidates, load_table, noun_phrase, subject_of

_ADDRESSEE_PREPS = {"with", "to", "from", "on", "for"}
_BULLET_LINE = re.compile(r"^[^\S\n]*(?:[•·▪‣◦●■*–—-]|\(?\d{1,2}[.)])[^\S\n]+(\S[^\n]*?)\s*$", re.M)
# A lead-in to a list ("... include:"): the line ends with a colon, or with a lead word
# (looked for in its last _LEAD_TAIL characters only: longer than any lead word, so ``\b``
# sees the character before it), or says "the following"/"as follows" anywhere.
_LIST_LEAD_END = re.compile(r"\b(the following|as follows|include|includes|including|are|were)$", re.I)
_LIST_LEAD_ANY = re.compile(r"\bthe following\b|\bas follows\b", re.I)
_LEAD_TAIL = 20
_DEFINITE = frozenset({"the", "this", "these", "those", "that", "its", "their", "his", "her", "our"})
_NOT_ASKED = frozenset({"it", "this", "that", "there"})  # a thing, not an actor asked to act
_SELF_OR_ALL = frozenset({"i", "we", "everyone", "everybody", "nobody", "anyone", "one", "you"})
_WOULD = frozenset({"would", "will", "shall", "'d", "'ll"})
_NAME_ENTS = frozenset({"ORG", "FAC", "GPE", "NORP", "EVENT", "WORK_OF_ART", "LAW"})
_NOT_CONTENT_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "DATE", "TIME", "FAC"})

_KINDS = ("noun", "term", "demand", "ask", "want", "offer", "advocate", "for_goal", "proposed", "present", "topic",
          "hedge", "opinion", "deontic", "denial", "commentator", "quantifier", "ask_on", "hearsay",
          "stress", "need", "act_noun", "not_act", "terms_implied", "general", "inform", "joining")


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
    nouns that do so only in context ("commitments", "guarantees", "a call for")."""
    lex = proposal_lexicon()
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["noun"] or (terms and lemma in lex["term"]))


@dataclass
class _Draft:
    sent: SpacySpan
    head: Token
    by: list[ActorSpan] = field(default_factory=list)
    addressee: list[ActorSpan] = field(default_factory=list)
    items: list[tuple[int, int]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # content lemmas of the items
    bulleted: bool = False
    strong: bool = False  # a proposal noun or a demand verb, not only a term noun
    anaphoric: bool = False  # "the demands", "Russia's proposals": a later mention
    presented: bool = False  # "Moscow issued an ultimatum": put forward, its terms implied

    def add_by(self, spans: Iterable[ActorSpan]) -> None:
        _add(self.by, spans)

    def add_to(self, spans: Iterable[ActorSpan]) -> None:
        _add(self.addressee, spans)

    def add_items(self, doc, ranges: Iterable[tuple[int, int]]) -> None:
        for rng in ranges:
            if rng[1] > rng[0] and not any(_nested(rng, r) for r in self.items):
                self.items.append(rng)
                self.words |= _content_words(doc, rng)

    def absorb(self, other: "_Draft") -> None:
        self.add_by(other.by)
        self.add_to(other.addressee)
        self.items += [r for r in other.items if not any(_nested(r, m) for m in self.items)]
        self.words |= other.words
        self.bulleted = self.bulleted or other.bulleted
        self.strong = self.strong or other.strong


def _nested(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """One item range inside the other: the same content found by two rules."""
    return (b[0] <= a[0] and a[1] <= b[1]) or (a[0] <= b[0] and b[1] <= a[1])


def _content_words(doc, rng: tuple[int, int]) -> set[str]:
    span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN", "VERB") and not t.is_stop}


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

    def of(self, tok: Token | None) -> list[ActorSpan]:
        if self.resolver is None or tok is None:
            return []
        try:
            found = list(self.resolver.phrase(tok) or [])
            if not found:
                one = self.resolver.at(tok.idx, tok.idx + len(tok.text))
                found = [one] if one is not None else []
            return [a for a in found if a.actor is not None and a.actor.code]
        except Exception:  # a resolver bug must not lose the proposal
            return []


# --- authors and addressees -------------------------------------------------------------

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
    # the subject of the verb that presents it: "X published the outline of a proposal"
    head = noun
    for _ in range(3):
        if head.dep_ in ("dobj", "nsubjpass", "pobj") and head.head.i != head.i:
            head = head.head
            if head.pos_ == "VERB":
                if head.lemma_.lower() in proposal_lexicon()["present"]:
                    subj = subject_of(head)
                    return [] if _commentator(subj) else actors.of(subj)
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


def _commentator(tok: Token | None) -> bool:
    return tok is not None and tok.lemma_.lower() in proposal_lexicon()["commentator"]


# --- spans --------------------------------------------------------------------------------

def _np_range(tok: Token) -> tuple[int, int]:
    """A conjunct's own phrase: its subtree without its own conjuncts."""
    toks = [t for t in tok.subtree if not _under_conj(t, tok) and not t.is_space]
    return _edges(toks)


def _edges(toks: list[Token]) -> tuple[int, int]:
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if not toks:
        return 0, 0
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


def _vp_range(verb: Token) -> tuple[int, int]:
    """A verb phrase from its verb on (or from its negation), without its conjuncts (subject,
    auxiliaries and fronted clauses are not part of what is demanded)."""
    # a negation before the verb is part of what is asked ("asked Berlin not to export ...")
    start = min([verb.i] + [c.i for c in verb.children if c.dep_ == "neg" and c.i < verb.i])
    toks = [t for t in verb.subtree if t.i >= start and not _under_conj(t, verb) and not t.is_space]
    return _edges(toks)


def _clause_range(verb: Token) -> tuple[int, int]:
    """A content clause from its subject on, without its marker ("that", "for") and the
    clauses conjoined to it."""
    subj = _own_subject(verb)
    start = subj.left_edge.i if subj is not None else verb.i
    toks = [t for t in verb.subtree if t.i >= start and not t.is_space and not _under_conj(t, verb)
            and not (t.head.i == verb.i and t.dep_ == "mark")]
    return _edges(toks)


def _clause_items(verb: Token) -> list[tuple[int, int]]:
    """One item per conjoined verb phrase ("to freeze X, close Y and expel Z"), or the
    whole clause when it has one verb ("the quota to be lifted", "both sides cut tariffs")."""
    verbs = [v for v in _conjuncts(verb) if v.pos_ in ("VERB", "AUX")]
    if len(verbs) > 1 or _stranded_conjuncts(verb):
        return _vp_items(verb)
    return [_clause_range(verb)]


def _vp_items(verb: Token) -> list[tuple[int, int]]:
    verbs = [v for v in _conjuncts(verb) if v.pos_ in ("VERB", "AUX")]
    return [_vp_range(v) for v in verbs + _stranded_conjuncts(verbs[-1] if verbs else verb)]


def _stranded_conjuncts(last: Token) -> list[Token]:
    """Bare verb phrases that continue a list of infinitives ("to set up X, summon Y, get Z")
    but that the parser attached to a verb higher up: right after the list, base form, no
    subject of their own."""
    doc = last.doc
    i = last.right_edge.i + 1
    while i < len(doc) and (doc[i].is_punct or doc[i].dep_ == "cc") and doc[i].text not in ".;:!?\"":
        i += 1
    if i >= len(doc):
        return []
    first = doc[i]
    if not (first.dep_ in ("conj", "ccomp") and first.tag_ == "VB" and first.head in list(last.ancestors)
            and _own_subject(first) is None):
        return []
    return [v for v in _conjuncts(first) if v.tag_ in ("VB", "VBP") and _own_subject(v) is None]


def _np_items(obj: Token) -> list[tuple[int, int]]:
    return [_np_range(o) for o in _conjuncts(obj) if o.pos_ in ("NOUN", "PROPN")]


def _is_content_np(tok: Token) -> bool:
    """A noun that can be what is demanded: not an actor, place or date ("a plan for Gaza")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in _NOT_CONTENT_ENTS


def _marked(verb: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _mandative(verb: Token) -> bool:
    """A content clause that states what is to be done: a subjunctive ("that NATO withdraw",
    "that the wall be scrapped"), a deontic modal ("should be cut", "must renew") or an
    infinitive, rather than an indicative claim ("that it would not yield", "they are ...")."""
    lex = proposal_lexicon()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in lex["deontic"] or a.lower_ == "to" for a in auxes):
        return not any(a.lemma_.lower() == "have" for a in auxes)  # "should have been": hindsight
    if any(a.dep_ == "aux" for a in auxes):
        return False  # will, would, could, has, is ...
    first = auxes[0] if auxes else verb
    return first.tag_ == "VB" or (first.tag_ == "VBP" and first.lemma_.lower() != "be")


def _for_to(prep: Token) -> tuple[list[tuple[int, int]], list[Token]] | None:
    """'for X to VP' after a demand word ("called for the quota to be lifted", "a demand for
    Albania to free ..."), found on the surface because the parser attaches the infinitive
    anywhere: the "for" object, then "to" and the verb that "to" belongs to."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    doc = prep.doc
    nxt = obj.right_edge.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ != "to" or doc[nxt].pos_ != "PART":
        return None
    verb = doc[nxt].head
    if verb.pos_ not in ("VERB", "AUX") or verb.i <= nxt:
        return None
    if len([v for v in _conjuncts(verb) if v.pos_ in ("VERB", "AUX")]) > 1:
        return _vp_items(verb), [obj]
    toks = [t for t in doc[obj.left_edge.i:verb.right_edge.i + 1] if not t.is_space]
    return [_edges(toks)], [obj]


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


# --- content of demand verbs and proposal nouns -------------------------------------------

def _verb_content(verb: Token, kind: str) -> tuple[list[tuple[int, int]], list[Token]]:
    """(items, addressee tokens) of a demand verb, by its complement frame:

    * a "that" clause or a clause with its own subject: "proposed that both sides cut
      tariffs", "insisted that X withdraw" (addressee: the clause's subject);
    * "for X to ...": "called for the quota to be lifted" (addressee: X);
    * an object or "on"/"to" object and an infinitive: "urged Iran to halt ...", "called on
      Kenya to reopen ..." (addressee: the one asked; items: each verb phrase);
    * an infinitive alone (``offer`` verbs): "offered to mediate";
    * noun objects: "demanded X and Y" (``demand`` verbs), "called for X", "insisted on X".
    ``want`` verbs ("wants the council to act") state a demand only with an object and an
    infinitive."""
    kids = list(verb.children)
    on_only = verb.lemma_.lower() in proposal_lexicon()["ask_on"]  # "called me to say": a phone call
    asked = [] if on_only else [c for c in kids if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    asked += [o for c in kids if c.dep_ == "prep" and c.lower_ in (("on", "upon") if on_only else ("on", "to", "of"))
              for o in c.children if o.dep_ == "pobj"]
    for c in kids:
        if c.i < verb.i or c.pos_ not in ("VERB", "AUX"):
            continue
        if c.dep_ in ("ccomp", "advcl", "xcomp") and _marked(c, ("for",)) and _infinitive(c):
            subj = _own_subject(c)
            return _clause_items(c), [subj] if subj is not None else []
        if c.dep_ == "ccomp" and _own_subject(c) is not None and not _marked(c, ("if", "whether")):
            subj = _own_subject(c)
            if not (_infinitive(c) or (kind != "want" and _mandative(c))):
                continue  # "insisted the army would hold out": a claim, not a demand
            if _infinitive(c) and len(_conjuncts(c)) > 1:
                return _vp_items(c), [subj]
            return _clause_items(c), [subj]
        if c.dep_ == "xcomp" and _infinitive(c):
            if not asked and verb.lemma_.lower() not in proposal_lexicon()["offer"]:
                continue  # "sought to allay fears": trying, not asking
            return _vp_items(c), asked
    if kind == "want":
        return [], []
    objs = [] if kind == "ask" else [c for c in kids if c.dep_ == "dobj"]
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("for", "on"):
            objs += [o for o in c.children if o.dep_ == "pobj"]
            found = _for_to(c)
            if found is not None:
                return found
    objs = [o for o in objs if _is_content_np(o)]
    if not objs:
        return [], []
    # a verb takes one direct object: a second one is the parser's attachment of what the
    # first is exemplified or restated by ("demands guarantees, such as, for example, a ban ...")
    more = [r for o in objs[1:] if o.dep_ == "dobj" and objs[0].dep_ == "dobj" for r in _np_items(o)]
    return _np_items(objs[0]) + more, ([] if kind == "ask" else asked)


def _noun_content(noun: Token) -> tuple[list[tuple[int, int]], list[Token]]:
    """(items, addressee tokens) from the complements of a proposal noun: an infinitive
    ("a plan to build a pipeline"), a "for X to ..." or "that ..." clause ("a demand for
    Japan to apologise", "its demand that the wall be scrapped"), a relative clause
    ("a treaty that would bar X and Y"), or a "for" object ("a call for an inquiry")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            found = _for_to(c)
            if found is not None:
                return found
    for c in noun.children:
        if c.i < noun.i or c.pos_ not in ("VERB", "AUX"):
            continue
        if c.dep_ in ("acl", "advcl", "ccomp") and _marked(c, ("for",)):
            subj = _own_subject(c)
            return _clause_items(c), [subj] if subj is not None else []
        if c.dep_ in ("acl", "ccomp") and _marked(c, ("that",)):  # "guarantees that X will never ..."
            subj = _own_subject(c)
            return _clause_items(c), [subj] if subj is not None else []
        lex = proposal_lexicon()
        if c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in lex["ask"] | lex["demand"]:
            found = _verb_content(c, "ask" if c.lemma_.lower() in lex["ask"] else "demand")
            if found[0]:
                return found  # "a plan calling for a ceasefire", "a resolution demanding that ..."
        if c.dep_ == "acl" and _infinitive(c) and _own_subject(c) is None \
                and not any(a.dep_ == "auxpass" for a in c.children):
            return _vp_items(c), []
        if c.dep_ in ("relcl", "acl"):
            items = _relcl_items(c)
            if items:
                return items, []
    listed = _after_colon(noun)
    if listed:
        return listed, []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "for" and noun.lemma_.lower() in proposal_lexicon()["for_goal"]:
            objs = [o for o in c.children if o.dep_ == "pobj" and _is_content_np(o)]
            if objs:
                return _np_items(objs[0]), []
    return [], []


def _after_colon(noun: Token) -> list[tuple[int, int]]:
    """'set out its conditions for talks: X and Y': the phrase after a colon that closes the
    noun's clause lists its content, one item per conjunct."""
    sent = noun.sent
    colon = next((t for t in sent if t.i > noun.i and t.text == ":"), None)
    if colon is None or any(t.is_sent_start for t in sent.doc[noun.i + 1:colon.i + 1]) \
            or any(t.pos_ == "VERB" and t.dep_ != "acl" for t in sent.doc[noun.i + 1:colon.i]):
        return []
    after = [t for t in sent if t.i > colon.i and not t.is_punct]
    if not after or "\n" in sent.doc.text[colon.idx:after[0].idx]:
        return []  # a bullet list on the next lines is read as bullets
    top = next((t for t in after if t.head.i <= colon.i or t.head.i == t.i), None)
    if top is None:
        return []
    if top.pos_ in ("NOUN", "PROPN"):
        return _np_items(top)
    if top.pos_ == "VERB":
        return _vp_items(top)
    return []


def _relcl_items(clause: Token) -> list[tuple[int, int]]:
    """'a treaty that would bar X and Y' -> X, Y (or each conjoined verb phrase); a
    single verb phrase when the clause says what the proposal would do ("a plan that would
    cap prices"), not what became of it ("the plan, which was published on Monday")."""
    verbs = _conjuncts(clause)
    if len(verbs) > 1:
        return [_vp_range(v) for v in verbs]
    objs = [o for o in clause.children if o.dep_ in ("dobj", "attr")]
    if objs and len(_conjuncts(objs[0])) > 1:
        return [_np_range(o) for o in _conjuncts(objs[0])]
    if objs and any(c.dep_ == "aux" and c.lower_ in _WOULD for c in clause.children):
        return [_vp_range(clause)]
    return []


def _anaphoric(noun: Token) -> bool:
    """'the demands', 'these proposals', 'Moscow's plan': a mention of a known proposal."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)


# --- commentary, questions, speculation ---------------------------------------------------

def _question(sent: SpacySpan) -> bool:
    """The sentence ends with a question mark (closing quotes and brackets aside); read
    from its last tokens, not its whole text, so a long sentence costs no more."""
    for t in reversed(sent):
        if t.is_space or t.text in ("\"", "'", "”", "’", "»", ")"):
            continue
        return t.text.endswith("?")
    return False


_MAX_CLAUSE_DEPTH = 8
_QUESTIONS, _HEADS = "sitroom_question_tokens", "sitroom_heads"


def _heads(doc) -> list[int]:
    """Each token's head index, read once per doc."""
    found = doc.user_data.get(_HEADS)
    if found is None:
        found = doc.user_data[_HEADS] = [t.head.i for t in doc]
    return found


def _question_tokens(doc) -> frozenset[int]:
    """The token indices of the doc's questions, found once per doc (a token's ``sent``
    costs the length of its sentence)."""
    found = doc.user_data.get(_QUESTIONS)
    if found is None:
        found = frozenset(i for sent in doc.sents if _question(sent) for i in range(sent.start, sent.end))
        doc.user_data[_QUESTIONS] = found
    return found


def _speculative(tok: Token) -> bool:
    """A demand that is not stated as made: negated, hedged or hearsay ("did not demand",
    "could demand", "may seek to propose", "reportedly demanded"), inside an "if"/"whether" clause, under an opinion verb
    ("analysts think X wants ..."), said by a commentator, or asked in a question."""
    lex = proposal_lexicon()
    if tok.i in _question_tokens(tok.doc):
        return True
    chain = tok.pos_ in ("VERB", "AUX")  # the verb and the verbs it is an infinitive of
    t = tok
    for _ in range(_MAX_CLAUSE_DEPTH):  # a governing clause is a few heads up, never hundreds
        # the words that mark a clause (its negation, auxiliaries, complementiser, subject)
        # stand next to its verb: look there, not at every child of a head that may have
        # thousands in a degenerate parse
        doc = t.doc
        heads = _heads(doc)
        kids = [doc[j] for j in range(max(0, t.i - 8), min(len(doc), t.i + 3)) if heads[j] == t.i and j != t.i]
        if chain and any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ in ("det", "preconj") and d.lower_ in ("neither", "no") for d in c.children))
                for c in kids):
            return True  # "did not demand", "Neither X nor Y proposed ..."
        if chain and any(c.dep_ == "aux" and (c.lower_ in lex["hedge"] or c.tag_ == "MD") for c in kids):
            return True  # "could demand", "must seek", "will seek": not a demand made
        if chain and any(c.dep_ == "advmod" and c.lower_ in lex["hearsay"] for c in kids):
            return True  # "reportedly demanded": a rumour of a demand
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids):
            return True
        if t.i != tok.i and t.pos_ == "VERB" and t.lemma_.lower() in lex["opinion"]:
            return True
        if t.pos_ == "VERB" and (t.lemma_.lower() in lex["opinion"] or t.lemma_.lower() in REPORTING) \
                and _commentator(next((x for x in kids if x.dep_ in ("nsubj", "nsubjpass")), None)):
            return True  # "analysts say Moscow wants ...": commentary is what someone says
        if t.head.i == t.i:
            return False
        chain = chain and t.dep_ == "xcomp"
        t = t.head
    return False


# --- bullets -------------------------------------------------------------------------------

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


# --- the extractor -------------------------------------------------------------------------

def _mention(tok: Token, actors: _Actors, quotes: Sequence[Quote]) -> _Draft | None:
    """The proposal a token mentions, with what the token's own grammar gives."""
    lex = proposal_lexicon()
    lemma = tok.lemma_.lower()
    doc = tok.doc
    if tok.dep_ == "amod" and lemma in lex["proposed"] and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head  # "Turkey's proposed membership": the noun is what is proposed
        by = [a for c in noun.children if c.dep_ == "poss" for a in actors.of(c)]
        if not by or _speculative(noun):
            return None
        d = _Draft(tok.sent, noun, strong=True)
        d.add_by(by)
        d.add_items(doc, [noun_phrase(noun)])
        return d
    if is_proposal_noun(tok):
        if _speculative(tok) or tok.ent_type_ in _NAME_ENTS:
            return None  # "the Collective Security Treaty Organisation": a name, not a treaty
        d = _Draft(tok.sent, tok, strong=is_proposal_noun(tok, terms=False), anaphoric=_anaphoric(tok))
        d.presented = lemma in lex["terms_implied"] and not d.anaphoric and tok.dep_ == "dobj" \
            and tok.head.lemma_.lower() in lex["present"] and not _negated_verb(tok.head)
        d.add_by(_authors(tok, actors))
        d.add_to(_addressees(tok, actors))
        items, asked = _noun_content(tok)
        d.add_items(doc, items)
        d.add_to(a for t in asked for a in actors.of(t))
        return d
    if tok.pos_ == "VERB" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex["want"]:
        return None  # "we need to offer support", "wants to propose": an intention, no proposal yet
    if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "acl") and \
            lemma in lex["demand"] | lex["offer"] | lex["ask"] | lex["want"]:
        kind = ("demand" if lemma in lex["demand"] | lex["offer"] else "ask" if lemma in lex["ask"]
                else "want")
        items, asked = _verb_content(tok, kind)
        subj = subject_of(tok) or _own_subject(tok)  # subject_of leaves out "it"
        if (not items and (kind != "want" or _wanted_act(tok) is None)) or subj is None or _speculative(tok):
            return None
        to = [a for t in asked if t.lower_ not in _NOT_ASKED for a in actors.of(t)]
        wanted = _wanted_act(tok) if kind == "want" and not items else None
        if wanted is not None:
            items = _np_items(wanted)  # "they want the publication of the advice"
        elif kind == "want" and not to and not any(t.pos_ == "PROPN" for t in asked):
            return None  # "wanted the rain to stop": no one is asked
        # a pronoun's antecedent in the sentence's grammar comes before the resolver's guess
        by = _antecedent_in_sentence(subj, actors) or actors.of(subj) or _first_person_speaker(quotes, subj)
        if (kind == "want" or lemma in lex["offer"]) and _told_by_another(tok, by, actors):
            return None
        if wanted is not None and not any(a.actor and a.actor.code for a in by):
            return None  # an act wanted by no known actor is a wish, not a demand
        d = _Draft(tok.sent, tok, strong=True)
        d.add_by(by)
        d.add_items(doc, items)
        d.add_to(to)
        return d
    return None


_NOMINAL_ENDINGS = ("tion", "sion")  # deverbal: publication, suspension (not "-al", "-ment": capital, parliament)


def _wanted_act(verb: Token) -> Token | None:
    """The object of a verb of wanting that names an act with its theme, an action
    nominal ("want the publication of the advice", "need a probe into the deal", "want the
    withdrawal of the troops"): what is wanted is that someone does it."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if obj is None or not any(c.dep_ == "prep" and c.lower_ in ("of", "into", "on") for c in obj.children):
        return None
    lemma = obj.lemma_.lower()
    lex = proposal_lexicon()
    if lemma in lex["act_noun"] or load_lexicon().names_act(obj):
        return obj
    return obj if lemma.endswith(_NOMINAL_ENDINGS) and lemma not in lex["not_act"] else None


def _negated_verb(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _antecedent_in_sentence(pron: Token, actors: _Actors) -> list[ActorSpan]:
    """An unresolved "it"/"he"/"she"/"they" subject refers to the subject of a clause above
    it in the same sentence ("Explaining why it had asked X to ..., the ministry said";
    "Ukraine said it wants ..."), when that subject is an actor of a fitting kind: "it" an
    organisation or state, "he"/"she" a person."""
    if pron.pos_ != "PRON" or pron.lower_ not in ("it", "he", "she", "they"):
        return []
    for verb in pron.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != pron.i
                     and c.pos_ != "PRON"), None)
        if subj is None:
            continue
        found = actors.of(subj)
        person = pron.lower_ in ("he", "she")
        fit = [a for a in found if pron.lower_ == "they" or (a.actor.kind == "person") == person]
        if fit:
            return fit
    return []


def _told_by_another(verb: Token, by: list[ActorSpan], actors: _Actors) -> bool:
    """'Russia says Ukraine wants to join ...': an aim that one actor ascribes to another
    is that actor's claim, not the other's proposal."""
    codes = actor_codes(by)
    for t in verb.ancestors:
        if is_cue(t):
            teller = actor_codes(actors.of(subject_of(t)))
            return bool(teller) and not (teller & codes)
    return False


def _first_person_speaker(quotes: Sequence[Quote], subj: Token) -> list[ActorSpan]:
    """'"... we need the council to act," said X': inside a direct quote, "I" and "we" are
    the speaker (or the speaker's side)."""
    if subj.lower_ not in ("i", "we"):
        return []
    for q in quotes:
        if q.kind == "direct" and q.content.start <= subj.idx < q.content.end and q.speaker is not None \
                and q.speaker.actor is not None and q.speaker.actor.code:
            return [q.speaker]
    return []


def _quote_speaker(quotes: Sequence[Quote], cue: Token) -> list[ActorSpan]:
    """The speaker the quote extractor gave the speech verb (it follows "he" back)."""
    for q in quotes:
        if q.cue is not None and q.cue.start <= cue.idx < q.cue.end and q.speaker is not None \
                and q.speaker.actor is not None and q.speaker.actor.code:
            return [q.speaker]
    return []


def _deontic_report(cue: Token, actors: _Actors, quotes: Sequence[Quote]) -> _Draft | None:
    """A demand reported as what another actor must or should do: a speech verb whose
    content clause has a deontic modal ("said the government must renew ...", "say the
    stake should be cut"). Not when the clause is negated, in hindsight ("should have
    been"), about the speaker itself ("we must"), or a denial ("denied it should ...")."""
    lex = proposal_lexicon()
    if cue.lemma_.lower() in lex["denial"] | lex["opinion"] or _speculative(cue):
        return None
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i]
    # "said for Peru to grow the state must ...": the clause under a fronted
    # purpose clause
    clauses += [g for c in cue.children if c.dep_ == "advcl" and c.i > cue.i
                for g in c.children if g.dep_ == "ccomp"]
    for c in clauses:
        if c.pos_ not in ("VERB", "AUX"):
            continue
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if not any(a.lower_ in lex["deontic"] for a in auxes) or not _mandative(c):
            continue
        if any(k.dep_ == "neg" for k in c.children):
            continue
        subj = _own_subject(c)
        if subj is None or subj.lower_ in _SELF_OR_ALL:
            continue
        speaker = subject_of(cue)
        if _commentator(speaker):
            return None
        if speaker is not None and (is_proposal_noun(speaker) or speaker.lemma_.lower() in lex["topic"]):
            return None  # "the agreements state that X must ...": a document's terms, no one's demand
        by = actors.of(speaker) or _quote_speaker(quotes, cue)
        if not by:
            return None
        d = _Draft(cue.sent, cue, strong=True)
        d.add_by(by)
        d.add_items(cue.doc, [_clause_range(c)] if subj.dep_ == "nsubjpass" else _vp_items(c))
        d.add_to(actors.of(subj) if subj.lower_ not in _NOT_ASKED else [])
        return d
    return None


def _advocacy(verb: Token, actors: _Actors, quotes: Sequence[Quote]) -> _Draft | None:
    """'X spoke/came out/argued in favour of Y': Y is put forward by X (a noun phrase or a
    gerund phrase after "of", wherever the parser attaches the "of")."""
    favour = next((o for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                   for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in ("favour", "favor")), None)
    if favour is None or _speculative(verb):
        return None
    ofs = [c for c in favour.children if c.dep_ == "prep" and c.lower_ == "of"]
    ofs += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == favour.i + 1]
    if not ofs:
        return None
    obj = next((o for o in ofs[0].children if o.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    items = _vp_items(obj) if obj.pos_ == "VERB" else _np_items(obj) if _is_content_np(obj) else []
    subj = subject_of(verb) or _own_subject(verb)
    if not items or subj is None or _commentator(subj):
        return None
    by = _antecedent_in_sentence(subj, actors) or actors.of(subj) or _first_person_speaker(quotes, subj)
    d = _Draft(verb.sent, verb, strong=True)
    d.add_by(by)
    d.add_items(verb.doc, items)
    return d


#: predicates of readiness: what an actor is ready to do "if" others act is an offer on conditions
_READY = frozenset({"ready", "prepared", "willing", "open"})
#: modals of ability and possibility: a condition on them says what can be, not what is offered
_ABILITY = frozenset({"can", "could", "may", "might"})


def _condition(tok: Token) -> tuple[Token, Token, int] | None:
    """(main verb, condition clause verb, index of the condition's first word) when ``tok``
    marks a condition put on an act: "only if ...", "provided (that) ...", "on condition
    that ...", "as long as ...", or a plain "if" after a predicate of readiness ("is ready to
    talk if ...")."""
    lower = tok.lower_
    if lower == "if" and tok.dep_ == "mark":
        clause, main = tok.head, tok.head.head
        if clause.dep_ != "advcl" or main.i == clause.i:
            return None
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        only = before is not None and before.lower_ == "only"
        ready = main.lower_ in _READY or main.head.lower_ in _READY or \
            any(c.dep_ == "acomp" and c.lower_ in _READY for c in main.children)
        return (main, clause, tok.i - 1 if only else tok.i) if only or ready else None
    if lower in ("provided", "providing"):
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "auxpass") for c in tok.children):
            return None  # "the aid we provided": the verb, not the conjunction
        clause = next((c for c in tok.children if c.dep_ in ("ccomp", "advcl", "pcomp") and c.pos_ in ("VERB", "AUX")), None)
        main = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return (main, clause, tok.i) if clause is not None and main is not None else None
    if lower == "condition" and tok.dep_ == "pobj" and tok.head.lower_ == "on":
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
        main = tok.head.head
        return (main, clause, tok.head.i) if clause is not None and main.pos_ in ("VERB", "AUX") else None
    if lower == "long" and any(c.lower_ == "as" for c in tok.children if c.i < tok.i):
        clause = next((c for c in tok.children if c.dep_ == "advcl"), None)
        main = tok.head
        first = min(c.i for c in tok.children if c.lower_ == "as")
        return (main, clause, first) if clause is not None and main.pos_ in ("VERB", "AUX") else None
    return None


def _conditional_offer(tok: Token, actors: _Actors, quotes: Sequence[Quote]) -> _Draft | None:
    """An act promised on conditions put to others: "Israel will withdraw only if Hamas frees
    the hostages", "Moscow is ready to resume talks provided that NATO halts ...": a proposal
    by the one who would act, its items the act and the condition, put to the condition's
    doer. Not a negated act ("will not sign unless ..."), a question, or a commentator's."""
    found = _condition(tok)
    if found is None:
        return None
    main, clause, marker = found
    if tok.i in _question_tokens(tok.doc) or any(c.dep_ == "neg" for c in main.children):
        return None
    if main.dep_ == "ccomp" and main.head.i != main.i and _speculative(main.head):
        return None
    top = main  # "Serbia is prepared to sign ... if": the controller of the infinitive
    while top.dep_ in ("xcomp", "acomp") and top.head.i != top.i and (subject_of(top) or _own_subject(top)) is None:
        top = top.head
    subj = subject_of(top) or _own_subject(top)
    if subj is None or _commentator(subj) or any(c.dep_ == "neg" for c in top.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ in _ABILITY for c in (*main.children, *top.children)):
        return None  # "can do so only if ...": a condition of what is possible, not a promise
    by = _antecedent_in_sentence(subj, actors) or actors.of(subj) or _first_person_speaker(quotes, subj)
    if not any(a.actor and a.actor.code for a in by):
        return None  # "talks will begin only if ...": no one promises
    own = _own_subject(clause)
    if own is not None and (own.lower_ in _SELF_OR_ALL or set(actor_codes(actors.of(own))) & set(actor_codes(by))):
        return None  # "only if we bear it together": a condition on oneself is put to no one
    act = next((c for c in main.children if c.dep_ in ("acomp", "xcomp")), None)
    act = next((c for c in act.children if c.dep_ == "xcomp"), act) if act is not None else None
    act = act if act is not None and act.pos_ == "VERB" else main
    if act.lemma_.lower() in ("be", "have") or act.pos_ not in ("VERB", "AUX"):
        return None
    doc = main.doc
    lo, hi = _vp_range(act)
    cond = _clause_range(clause)
    stop = marker - 1  # the act stops where its condition starts
    while stop > act.i and (doc[stop].is_punct or doc[stop].is_space):
        stop -= 1
    if doc[marker].idx < hi and stop >= act.i:
        hi = doc[stop].idx + len(doc[stop].text)
    d = _Draft(main.sent, main, strong=True)
    d.add_by(by)
    d.add_items(doc, [(lo, hi), cond])
    if own is not None and own.lower_ not in _NOT_ASKED:
        d.add_to(a for a in actors.of(own) if not (a.actor and set(actor_codes(by)) & {a.actor.code}))
    return d


def _appeal(verb: Token, actors: _Actors, quotes: Sequence[Quote]) -> _Draft | None:
    """'X stressed the need to Y', 'X emphasised the importance of Y-ing', 'X underlined the
    need for Z to Y': Y is what X calls for, when Y is an act (a verb phrase naming an event:
    not "the need to ensure stable growth", a goal put to no one)."""
    lex = proposal_lexicon()
    need = next((o for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in lex["need"]), None)
    if need is None or _speculative(verb):
        return None
    items: list[tuple[int, int]] = []
    asked: list[Token] = []
    for c in need.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            framed = _for_to(c) if c.lower_ == "for" else None
            if framed is not None:
                items, asked = framed
            else:
                obj = next((o for o in c.children if o.dep_ in ("pcomp", "pobj") and o.pos_ == "VERB"), None)
                items = _vp_items(obj) if obj is not None else []
        elif c.dep_ in ("acl", "relcl", "advcl") and c.pos_ == "VERB" and _infinitive(c):
            own = _own_subject(c)  # "the need for Iran to halt ...": Iran is asked
            items = _clause_items(c) if own is not None else _vp_items(c)
            asked = [own] if own is not None else []
        if items:
            break
    doc = verb.doc
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in items]
    if not any(load_lexicon().names_act(t) for sp in spans if sp is not None for t in sp):
        return None
    subj = subject_of(verb) or _own_subject(verb)
    if subj is None or _commentator(subj):
        return None
    by = _antecedent_in_sentence(subj, actors) or actors.of(subj) or _first_person_speaker(quotes, subj)
    d = _Draft(verb.sent, verb, strong=True)
    d.add_by(by)
    d.add_items(doc, items)
    d.add_to(a for t in asked for a in actors.of(t))
    return d


def extract_proposals(ctx: Context) -> Iterable[Proposal]:
    doc, text = ctx.doc, ctx.article.text
    lex = proposal_lexicon()
    actors = _Actors(ctx)
    quotes: Sequence[Quote] = ctx.found.get("quotes") or ()
    nouns = lex["noun"] | lex["term"]
    verbs = lex["demand"] | lex["offer"] | lex["ask"] | lex["want"] | lex["proposed"]
    by_sent: dict[int, list[_Draft]] = {}
    for i in lemma_candidates(doc, {NOUN: nouns, PROPN: nouns, VERB: verbs, ADJ: lex["proposed"]}):
        d = _mention(doc[i], actors, quotes)
        if d is not None:
            by_sent.setdefault(d.sent.start, []).append(d)
    for i in lemma_candidates(doc, {VERB: lex["advocate"]}):
        d = _advocacy(doc[i], actors, quotes)
        if d is not None:
            by_sent.setdefault(d.sent.start, []).append(d)
    for i in lemma_candidates(doc, {VERB: lex["stress"]}):
        d = _appeal(doc[i], actors, quotes)
        if d is not None:
            by_sent.setdefault(d.sent.start, []).append(d)
    for tok in doc:
        if tok.lower_ in ("if", "provided", "providing", "condition", "long"):
            d = _conditional_offer(tok, actors, quotes)
            if d is not None:
                by_sent.setdefault(d.sent.start, []).append(d)
    for i in cue_candidates(doc, classes=frozenset({"speech"})):
        d = _deontic_report(doc[i], actors, quotes)
        if d is not None:
            by_sent.setdefault(d.sent.start, []).append(d)
    drafts: list[_Draft] = []
    for start in sorted(by_sent):
        drafts += _one_sentence(by_sent[start])
    for d in drafts:
        if _list_lead(text, d.sent) and d is _first_of(drafts, d.sent):
            last = max(t.i for t in d.sent if not t.is_space)
            bullets = bullet_items(text, d.sent.doc[last].idx)
            d.add_items(doc, bullets)
            d.bulleted = bool(bullets)
    out = []
    for d in _merge(drafts):
        start, end = _trim_sent(text, d.sent)
        out.append(Proposal(Span.of(text, start, end), tuple(d.by), tuple(d.addressee),
                            tuple(Span.of(text, s, e) for s, e in d.items)))
    return out


def _first_of(drafts: list[_Draft], sent: SpacySpan) -> _Draft | None:
    return next((d for d in drafts if d.sent.start == sent.start), None)


def _one_sentence(mentions: list[_Draft]) -> list[_Draft]:
    """Mentions in one sentence: each mention with content of its own is a proposal; the
    mentions without content ("the outline of a fresh trade plan") join the first one."""
    with_content = [m for m in mentions if m.items]
    bare = [m for m in mentions if not m.items]
    if not with_content:
        first, rest = bare[0], bare[1:]
        for m in rest:
            first.absorb(m)
        first.anaphoric = all(m.anaphoric for m in bare)
        return [first]
    kept: list[_Draft] = []
    for m in with_content:  # "insisted that X must ...": the demand verb and the report agree
        same = next((k for k in kept if any(_nested(a, b) for a in m.items for b in k.items)), None)
        if same is None:
            kept.append(m)
        else:
            same.absorb(m)
    with_content = kept
    for m in bare:
        target = with_content[0]
        target.add_by(m.by) if not target.by else None
        target.add_to(m.addressee)
        target.strong = target.strong or m.strong
    return with_content


def _same_author(a: _Draft, b: _Draft) -> bool:
    return bool(actor_codes(a.by) & actor_codes(b.by))


def _share_content(a: _Draft, b: _Draft) -> bool:
    """Two contents are one demand when they share two content words (one, when either
    has no more than one, or when both are put to the same addressee): "publish the advice
    of the attorney" and "summon the attorney" share a person, not a demand; "asked the WTO
    to investigate the customs tariffs ... asked the WTO to set up a panel on customs
    barriers" is one request."""
    shared = len(a.words & b.words)
    if actor_codes(a.addressee) & actor_codes(b.addressee):
        return shared >= 1
    return shared >= min(2, len(a.words), len(b.words))


def _asks_information(doc, rng: tuple[int, int]) -> bool:
    """The item asks for information: its head is a verb or noun of informing ("to explain
    why ...", "for details of ..."), also behind "make sure" or "ensure" ("to make sure that
    he clarifies his position")."""
    span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is None:
        return False
    inform = proposal_lexicon()["inform"]
    head = span.root
    for _ in range(4):
        if head.lemma_.lower() in inform:
            return True
        if head.lemma_.lower() not in ("make", "sure", "ensure"):
            return False
        head = next((c for c in head.children if c.dep_ in ("ccomp", "xcomp", "csubj", "acomp")
                     and span.start <= c.i < span.end), None)
        if head is None:
            return False
    return False


def _instruction(d: _Draft) -> bool:
    """A government official asking a body of the same government ("the President asked the
    government to plan ...", "asked the ministers to report"): a directive, not a proposal
    put by one actor to another. Other askers of the same country (an opposition party, a
    firm, a court) do put proposals to their government."""
    def government(spans) -> bool:
        return bool(spans) and all(a.actor is not None and a.actor.sector == "GOV" for a in spans)
    return (government(d.by) and government(d.addressee)
            and actor_codes(d.by) == actor_codes(d.addressee) != set())


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """One proposal, many mentions: a later mention by an author who made an earlier
    proposal is that proposal when it has no content of its own, when it is anaphoric
    ("the demands", "Russia's proposals"), when the earlier one had no content yet, or when
    their contents share content words; otherwise it is a new proposal."""
    merged: list[_Draft] = []
    for d in drafts:
        if not d.by and not d.bulleted:
            continue  # no author: only a bullet list makes it a proposal
        if not d.items and not (d.presented and d.by):
            continue  # "Russian initiatives", "its commitment": no content, no proposal
        if d.items and all(_asks_information(d.sent.doc, rng) for rng in d.items):
            continue  # "asked Paris to explain its position": a question, not a proposal
        if _instruction(d):
            continue  # "asked the government to plan exits": a directive inside a government
        earlier = [m for m in merged if m.by and _same_author(m, d)] if d.by else merged[-1:]
        same = next((m for m in reversed(earlier)
                     if not d.items or d.anaphoric or not m.items or _share_content(m, d)), None)
        if same is None:
            merged.append(d)
            continue
        if d.items and not same.items:
            same.sent = d.sent  # the proposal's text: its first mention with content
        same.absorb(d)
    return merged


def _trim_sent(text: str, sent: SpacySpan) -> tuple[int, int]:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
