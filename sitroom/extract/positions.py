"""Each actor's stance toward a proposal or demand.

Evidence comes from two places:

* the stance lexicon (``data/stance_lexicon.tsv``: "unacceptable", "has no veto",
  "prepared to discuss", "open to", "welcomed", "condemned", "opposed to", "objections",
  ...) matched on lemmas, the longest phrase first. Its holder comes from the grammar:
  the subject of the clause ("Canada is willing to discuss"; a passive's agent, "was
  welcomed by Beijing"), the subject of a stative passive or the noun its relative clause
  hangs on ("Canada, which was opposed to ..."), the owner of a stance noun ("US
  objections"), the subject of the verb an adjective completes ("calls some demands
  unacceptable"), or the speaker of the quote the words stand in. A negated verb flips
  accept/support/consider to reject/oppose/reject; a hedged one ("must accept", "could
  back") is a stance asked for or imagined, not taken; an agentless passive names no holder;
  a quantified group ("all politicians", "some officials") holds none;
* events (REJECT, AGREE, ACCUSE, SUPPORT, PROTEST) that act on a proposal, with the event's
  source as the holder (a meeting about a proposal, CONSULT, is no stance on it).

A stance counts only when it is taken on a proposal: a proposal or topic noun
(``proposal_lexicon.tsv``), or words restating a proposal's items (``content_synonyms.tsv``:
"removing the ban" restates "the trade embargo to be dropped"), must be in its scope — its subtree
without the claims it reports ("denied that ...") — and not be the stance word itself (doing
what was asked is not a stance). Not a stance: the statement of a proposal by its own author,
and words inside a proposal's items (the content of a demand). ``proposal`` is the index of
the article proposal the evidence refers to (matching author, the latest proposal before an
anaphoric "the demands", or the proposal whose content it restates); a stance that names no
proposal of the article is kept only when its scope names a proposal ("welcomed the latest
proposal"), not a mere topic ("signed the deal").
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from spacy.parts_of_speech import NOUN, PROPN, VERB
from spacy.tokens import Span as SpacySpan, Token

from ..records import STANCES, ActorSpan, Event, Position, Proposal, Quote, Span, actor_codes
from .base import Context
from .event_grammar import reporting_subject
from .proposals import is_proposal_noun, proposal_lexicon
from .speech import Speakers, lemma_candidates, load_table, subject_of

_FLIP = {"accept": "reject", "support": "oppose", "consider": "reject"}
_SELF = {"i", "we", "me", "us"}
_JUDGED = {"it", "this", "that", "which", "these", "those"}
_RELATIVE = {"which", "who", "that"}
_NEGATIVE = {"neither", "no", "nobody", "none", "nothing"}  # a subject that negates its clause
_REPORTED_FUTURE = {"would"}  # "stated it would not yield to ...": a refusal reported, not imagined
_HOLDERS = ("subject", "speaker", "owner", "patient")
#: Sentences back (or ahead, for a stance stated before the proposal) within which a
#: description ("the demands", "the plan") or restated content finds its proposal.
_WINDOW = 10


@dataclass(frozen=True)
class StanceLexicon:
    phrases: dict[str, list[tuple[tuple[str, ...], str, str]]]  # first lemma -> [(lemmas, stance, holder)]
    events: dict[str, str]  # PLOVER type -> stance


@lru_cache(maxsize=1)
def stance_lexicon() -> StanceLexicon:
    phrases: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    events: dict[str, str] = {}
    for row in load_table("stance_lexicon.tsv"):
        if len(row) < 2 or row[1] not in STANCES:
            raise ValueError(f"stance_lexicon.tsv: bad row {row!r} (stances: {STANCES})")
        if row[0].startswith("PLOVER:"):
            events[row[0].split(":", 1)[1]] = row[1]
            continue
        holder = row[2] if len(row) > 2 and row[2] in _HOLDERS else "subject"
        lemmas = tuple(row[0].lower().split())
        phrases.setdefault(lemmas[0], []).append((lemmas, row[1], holder))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))  # longest first
    return StanceLexicon(phrases, events)


def _is_topic(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (
        is_proposal_noun(tok) or tok.lemma_.lower() in proposal_lexicon()["topic"])


def _keys(tok: Token) -> tuple[str, ...]:
    return (tok.lemma_.lower(), tok.lower_)


def _matches(sent: SpacySpan) -> Iterable[tuple[Token, Token, str, str]]:
    """(first, last, stance, holder mode) of each lexicon phrase in the sentence, the longest
    phrase first whether it is keyed by the lemma or the word ("opposed to" over "oppose")."""
    lex = stance_lexicon().phrases
    toks = list(sent)
    i = 0
    while i < len(toks):
        found = None
        for key in _keys(toks[i]):
            for lemmas, stance, mode in lex.get(key, ()):
                n = len(lemmas)
                if found is not None and n <= found[1].i - found[0].i + 1:
                    break
                if i + n <= len(toks) and all(lemmas[k] in _keys(toks[i + k]) for k in range(n)):
                    found = (toks[i], toks[i + n - 1], stance, mode)
                    break
        if found:
            yield found
            i = found[1].i - sent.start + 1
        else:
            i += 1


def _chain(tok: Token) -> list[Token]:
    """The stance word and the words it completes ("do not appear ready to consider": consider,
    ready, appear), up to three."""
    out = [tok]
    while out[-1].dep_ in ("xcomp", "acomp", "oprd") and out[-1].head.i != out[-1].i and len(out) < 4:
        out.append(out[-1].head)
    return out


def _negated(tok: Token) -> bool:
    """'did not accept', 'do not appear ready to consider', 'Neither X nor Y accepted', 'No
    country accepted': the verb, a verb it completes, or its subject, is negated."""
    if any(any(c.dep_ == "neg" for c in t.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and _negative_subject(c) for c in t.children) for t in _chain(tok)):
        return True
    head = tok.head
    return tok.dep_ in ("acomp", "xcomp", "oprd") and any(c.dep_ == "neg" for c in head.children)


def _asked_for(anchor: Token) -> bool:
    """'ask the assembly to support the decision': the stance is what someone is asked to take."""
    lex = proposal_lexicon()
    return any(t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in lex["ask"] | lex["demand"] | lex["want"]
               and t.head.i != t.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children) and any(c.dep_ in ("dobj", "nsubj") and c.i > t.head.i
                                           for c in (*t.head.children, *t.children))
               for t in _chain(anchor))


def _negative_subject(subj: Token) -> bool:
    return subj.lower_ in _NEGATIVE or any(
        c.dep_ in ("det", "preconj") and c.lower_ in _NEGATIVE for c in subj.children)


def _open_question(tok: Token) -> bool:
    """'declined to say whether the minister backed the plan': not a stance taken."""
    for t in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
            return True
    return False


def _voice(ctx: Context, anchor: Token) -> ActorSpan | None:
    """The one who judges in words no quote attributes: the speaker of the transcript turn,
    interview answer or first-person text they stand in (the span: the judging word)."""
    resolver = ctx.found.get("actors")
    actor = resolver.voice(anchor.idx) if resolver is not None else None
    if actor is None:
        return None
    return ActorSpan(Span.of(ctx.article.text, anchor.idx, anchor.idx + len(anchor.text)), actor)


def _interrogative(sent: SpacySpan) -> bool:
    """A sentence that ends in a question mark asks; it takes no stance."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _declines_to_speak(tok: Token) -> bool:
    """'refused to comment', 'declined to discuss it': no stance on the proposal."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in ("comment", "say", "speculate", "elaborate")
               for c in tok.children)


def _syntactic_holder(anchor: Token) -> tuple[Token | None, bool]:
    """(holder token, judged): ``judged`` when the clause's subject is the thing judged
    ("the demands are unacceptable"), so the holder must come from elsewhere."""
    tok = anchor
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "nsubjpass" for c in tok.children) and not any(
                    c.dep_ == "agent" for c in tok.children):
                return None, True
            subj = subject_of(tok)
            if subj is not None:
                # "the demands are unacceptable", "it is wrong": the subject is what is judged;
                # "it wanted the ban to end": a pronoun agent is the holder
                if _is_topic(subj) or (subj.lower_ in _JUDGED and (anchor.pos_ == "ADJ" or tok.lemma_ == "be")):
                    return None, True
                return subj, False
        if tok.head.i == tok.i or tok.dep_ not in ("acomp", "oprd", "xcomp", "amod", "dobj", "prep",
                                                  "pobj", "attr", "aux"):
            return None, False
        tok = tok.head
    return None, False


def _modal(anchor: Token) -> bool:
    """'can be accepted', 'will never be accepted': a modal makes a passive the speaker's own
    stance, where a plain past passive reports what others did."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for t in _chain(anchor) for c in t.children)


def _passive(anchor: Token) -> bool:
    return any(c.dep_ == "nsubjpass" for t in _chain(anchor) for c in t.children)


def _quote_at(quotes: Sequence[Quote], pos: int) -> Quote | None:
    best = None
    for q in quotes:
        if q.speaker is not None and q.content.start <= pos < q.content.end:
            if best is None or q.content.end - q.content.start < best.content.end - best.content.start:
                best = q
    return best


class _Salience:
    """Which proposals a sentence can refer to. A definite description finds its antecedent
    among the referents of the last few sentences, and each mention renews one; a proposal
    stated 200 sentences earlier in a long transcript is not what "the agreements" means.
    Mentions are the proposal's own sentence and each later sentence that refers to it."""

    def __init__(self, doc, proposals: Sequence[Proposal]):
        self.starts = [s.start_char for s in doc.sents]
        self.mentions = [[self.number(p.text.start)] for p in proposals]

    def number(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def salient(self, i: int, char: int) -> bool:
        k, seen = self.number(char), self.mentions[i]
        j = bisect_right(seen, k)
        return (k - seen[j - 1] if j else seen[0] - k) <= _WINDOW

    def mention(self, i: int, char: int) -> None:
        k = self.number(char)
        if k not in self.mentions[i]:
            insort(self.mentions[i], k)


def _link(sent: SpacySpan, proposals: Sequence[Proposal], ctx: Context, salience: _Salience) -> int | None:
    """The index of the proposal the sentence refers to, or None."""
    if not proposals:
        return None
    nouns = [t for t in sent if is_proposal_noun(t) or t.lemma_.lower() == "document"
             or (_is_topic(t) and _anaphoric(t))]  # "the US complaint": a topic noun with its author
    if not nouns:
        return None
    resolver = ctx.found.get("actors")
    owned_by_other: set[int] = set()  # "its commitments": the owner's own, no one else's proposal
    for n in nouns:
        if n.lemma_.lower() in proposal_lexicon()["joining"]:
            continue  # "Ukraine's accession": its owner is the one who joins, not an author
        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_):
                codes = set()
                if resolver is not None:
                    try:
                        codes = actor_codes(resolver.phrase(c))
                    except Exception:
                        codes = set()
                own = [i for i, p in enumerate(proposals) if codes and codes & actor_codes(p.by)]
                if own:  # the author's proposal: the latest it can mean here, else its latest so far, else its first
                    recent = [i for i in own if salience.salient(i, sent.start_char)]
                    earlier = [i for i in own if proposals[i].text.start <= sent.start_char]
                    return recent[-1] if recent else earlier[-1] if earlier else own[0]
                if codes:
                    owned_by_other.add(n.i)
    nouns = [n for n in nouns if n.i not in owned_by_other]
    if not nouns:
        return None
    before = [i for i, p in enumerate(proposals)
              if p.text.start <= sent.start_char and salience.salient(i, sent.start_char)]
    # the same proposal noun as an earlier proposal's ("issued an ultimatum ... does not accept
    # any ultimatums"): that proposal
    named = {n.lemma_.lower() for n in nouns if is_proposal_noun(n, terms=False)}
    for i in reversed(before):
        span = ctx.doc.char_span(proposals[i].text.start, proposals[i].text.end, alignment_mode="expand")
        if named and span is not None and any(t.lemma_.lower() in named and is_proposal_noun(t, terms=False)
                                              for t in span):
            return i
    if not any(_anaphoric(n) and not _is_topic_only(n) for n in nouns):
        return None  # "the talks" alone is no mention of a proposal
    if before:
        return before[-1]
    # a stance stated just before the only proposal ("rejected the demands. They include ...")
    return 0 if len(proposals) == 1 and salience.salient(0, sent.start_char) else None


def _is_topic_only(tok: Token) -> bool:
    return not is_proposal_noun(tok) and tok.lemma_.lower() != "document"


def _anaphoric(noun: Token) -> bool:
    """'the/these/its/Russia's demands', 'those documents': refers to a known proposal."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those", "that"))
               or (c.dep_ == "amod" and c.lower_ in ("similar", "such", "latest", "new"))
               for c in noun.children)


def _judge(anchor: Token) -> Token | None:
    """The actor judging in 'X calls the demands unacceptable' (the verb the phrase completes)."""
    if anchor.dep_ in ("oprd", "xcomp") and anchor.head.pos_ == "VERB":
        subj = subject_of(anchor.head)
        if subj is not None and not _is_topic(subj) and subj.lower_ not in _JUDGED:
            return subj
    return None


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


@lru_cache(maxsize=1)
def content_synonyms() -> dict[str, str]:
    """lemma -> the first lemma of its group, from ``data/content_synonyms.tsv``."""
    out: dict[str, str] = {}
    for row in load_table("content_synonyms.tsv"):
        for lemma in row:
            if lemma.lower() in out:
                raise ValueError(f"content_synonyms.tsv: {lemma!r} is in two groups")
            out[lemma.lower()] = row[0].lower()
    return out


def _word(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return content_synonyms().get(lemma, lemma)


def _content_words(doc, proposals: Sequence[Proposal]) -> dict[str, list[int]]:
    """word -> indices of the proposals whose items hold it as a common noun or verb, a
    synonym standing for its group ("removing the ban" restates "the trade embargo to be dropped");
    not a general noun ("people", "the issue"), which restates nothing by itself."""
    out: dict[str, list[int]] = {}
    general = proposal_lexicon()["general"]
    for i, p in enumerate(proposals):
        for item in p.items:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            for t in span or ():
                if t.pos_ in ("NOUN", "VERB") and not t.is_stop and len(t.text) > 2 and not t.ent_type_ \
                        and t.lemma_.lower() not in general:
                    found = out.setdefault(_word(t), [])
                    if i not in found:
                        found.append(i)
    return out


def _scope(anchor: Token) -> list[Token]:
    """What a stance word is taken on: its subtree, without the clauses it reports as claims
    ("denied that the money is aid") or adds as circumstance."""
    skip = {t.i for c in anchor.children if c.dep_ in ("ccomp", "advcl", "parataxis")
            and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)  # "wanted it to be scrapped"
            for t in c.subtree}
    return [t for t in anchor.subtree if t.i not in skip]


def _names_proposal(tok: Token) -> bool:
    """A proposal noun ("the latest proposal"), or a term noun with its content ("calls for
    an inquiry", "a commitment to withdraw"); not a term alone ("the terms of the decree")."""
    if is_proposal_noun(tok, terms=False):
        return True
    return is_proposal_noun(tok) and any(
        (c.dep_ == "prep" and c.lower_ == "for") or (c.dep_ == "acl" and c.pos_ == "VERB") for c in tok.children)


def _near(tok: Token, anchor: Token) -> bool:
    """The complement of a stance word: its child, or the object of its preposition or of
    its infinitive ("opposed to removing ...", "wanted the ban to end", "rejected demands for ...")."""
    t, steps = tok, 0
    while t.i != anchor.i and steps < 4:
        if t.dep_ not in ("dobj", "pobj", "pcomp", "prep", "xcomp", "ccomp", "acl", "nsubjpass", "attr", "acomp"):
            return False
        t, steps = t.head, steps + 1
    return t.i == anchor.i


def _hedged(anchor: Token) -> bool:
    lex = proposal_lexicon()
    modals = (lex["hedge"] | lex["deontic"]) - _REPORTED_FUTURE
    if any(c.dep_ == "aux" and c.lower_ in modals for h in _chain(anchor) for c in h.children):
        return True
    # "it would be advisable to accept": a stance recommended in a conditional, not taken
    return any(h.lemma_.lower() == "be" and c.dep_ == "aux" and c.lower_ in _REPORTED_FUTURE and any(
        k.dep_ == "nsubj" and k.lower_ == "it" for k in h.children) for h in _chain(anchor) for c in h.children)


def _first_person(tok: Token) -> bool:
    """'we', 'us' as pronouns ("US" the country is no pronoun)."""
    return tok.pos_ == "PRON" and tok.lower_ in _SELF


def _generic(tok: Token) -> bool:
    """'all politicians', 'some officials', 'many': a quantified group, not an actor."""
    quantifiers = proposal_lexicon()["quantifier"]
    return tok.lower_ in quantifiers or any(
        c.dep_ in ("det", "amod", "nummod", "predet") and c.lower_ in quantifiers for c in tok.children)


def _owner(noun: Token) -> Token | None:
    """The holder of a stance noun: 'US objections', 'Russia's rejection of the plan'."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG")):
            return c
    return None


def _patient(anchor: Token) -> Token | None:
    """The holder of a stative passive ('X is opposed to ...'): its passive subject, or the
    noun a relative clause hangs on ('Canada, which was opposed to ...')."""
    subj = next((c for c in anchor.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subj is None:
        return None
    if subj.lower_ in _RELATIVE and anchor.dep_ == "relcl":
        return anchor.head
    return subj


def extract_positions(ctx: Context) -> Iterable[Position]:
    """Positions from the stance lexicon and from events, on the article's proposals."""
    doc, text = ctx.doc, ctx.article.text
    quotes: Sequence[Quote] = ctx.found.get("quotes") or ()
    proposals: Sequence[Proposal] = ctx.found.get("proposals") or ()
    speakers = Speakers(ctx)
    content = _content_words(doc, proposals)
    salience = _Salience(doc, proposals)
    out: list[Position] = []
    seen: set[tuple] = set()
    items = [(i.start, i.end) for p in proposals for i in p.items]

    def _in_items(pos: int) -> bool:
        return any(s <= pos < e for s, e in items)

    def restates(t: Token) -> bool:
        return t.pos_ in ("NOUN", "VERB") and not t.ent_type_ and _word(t) in content

    def topical(t: Token) -> bool:
        return _is_topic(t) or restates(t)

    def restated_in(anchor: Token) -> list[Token]:
        """The words of the scope that restate a proposal's content, when they are enough to
        tell it is restated: two different words ("lifting the ban"), or one that is the
        stance's own complement ("wanted it to be scrapped"), not one word somewhere in the scope."""
        found = [t for t in _scope(anchor) if t.i != anchor.i and restates(t)]
        if len({_word(t) for t in found}) >= 2:
            return found
        return [t for t in found if _near(t, anchor)]

    def about(anchor: Token) -> bool:
        """The stance is taken on a proposal: a proposal or topic noun, or the content of a
        proposal, is in its scope; not the stance word itself ("apologised" is doing what
        was asked, not a stance), nor only inside a reported claim ("denied that ...")."""
        return any(_is_topic(t) for t in _scope(anchor) if t.i != anchor.i) or bool(restated_in(anchor))

    def restating(words: list[Token]) -> int | None:
        """The latest proposal whose items hold two of the words (lexical overlap that strong
        names its referent at any distance: a lead sentence restating a demand stated lower
        down), else the latest one the sentence can refer to whose items hold one of them."""
        for i in reversed(range(len(proposals))):
            if len({_word(t) for t in words if i in content.get(_word(t), ())}) >= 2:
                return i
        return next((i for t in words for i in reversed(content.get(_word(t), ()))
                     if salience.salient(i, t.idx)), None)

    refers: dict[int, int | None] = {}  # sentence start -> the proposal it refers to
    for sent in doc.sents:  # each sentence that refers to a proposal renews it
        found = refers[sent.start_char] = _link(sent, proposals, ctx, salience) if proposals else None
        if found is not None:
            salience.mention(found, sent.start_char)

    def link(sent: SpacySpan, scope: Token | None) -> int | None:
        found = refers[sent.start_char] if sent.start_char in refers else _link(sent, proposals, ctx, salience)
        if found is None and scope is not None:
            found = restating(restated_in(scope))
        return found

    def add(holder: ActorSpan | None, stance: str, sent: SpacySpan, scope: Token | None,
            holder_tok: Token | None = None) -> None:
        if holder is None or holder.actor is None or not holder.actor.code:
            return
        if holder_tok is not None and _generic(holder_tok):
            return
        evidence = _trim(text, sent.start_char, sent.end_char)
        if any(p.text.start <= evidence.start < p.text.end and holder.actor.code in actor_codes(p.by)
               for p in proposals):
            return  # stating a proposal is not a stance on it
        index = link(sent, scope)
        if index is None and not (scope is not None and any(_names_proposal(t) for t in _scope(scope))):
            return  # "signed the deal": a topic that is no proposal of the article
        if index is not None and stance == "consider" and holder.actor.code in actor_codes(proposals[index].by):
            return  # an author does not "consider" its own proposal: it considers the answer to it
        key = (holder.actor.code, stance, evidence.start)
        if key in seen:
            return
        seen.add(key)
        out.append(Position(holder, stance, evidence, index))

    lex = proposal_lexicon()
    topics = lex["noun"] | lex["term"] | lex["topic"]  # the tokens _is_topic accepts
    restated = frozenset(content) | {w for w, g in content_synonyms().items() if g in content}
    topic_at = lemma_candidates(doc, {NOUN: topics | restated, PROPN: topics, VERB: restated})
    for sent in doc.sents:
        k = bisect_left(topic_at, sent.start)
        if k == len(topic_at) or topic_at[k] >= sent.end:
            continue  # no topic in the sentence
        if _interrogative(sent):
            continue  # "Do they reject the plan?": a question asserts no stance
        for first, last, stance, mode in _matches(sent):
            anchor = first if first.pos_ in ("VERB", "ADJ", "NOUN", "AUX") else last
            if _in_items(anchor.idx) or _asked_for(anchor):
                continue  # "urged X to consider the plan": the content of a demand, not a stance
            if anchor.dep_ == "acl":
                continue  # "the assurances signed in 1997": a description, not a stance taken
            if first.i == last.i and mode == "subject" and first.pos_ not in ("VERB", "ADJ"):
                continue  # "a veto", "the review": a noun is not a stance taken
            if _open_question(anchor) or _declines_to_speak(anchor):
                continue
            if mode in ("subject", "patient") and not about(anchor):
                continue  # the stance must be taken on the proposal, not near it
            if _hedged(anchor):
                continue  # "must accept", "could back": a stance asked for or imagined, not taken
            if _negated(anchor) or _negated(first):
                if stance not in _FLIP:
                    continue
                stance = _FLIP[stance]
            quote = _quote_at(quotes, first.idx)
            if mode == "owner":
                if anchor.pos_ != "NOUN" or (any(c.dep_ == "prep" for c in anchor.children)
                                             and not any(topical(t) for t in anchor.subtree)):
                    continue
                owner = _owner(anchor)
                if owner is not None:  # "lifted despite US objections": its clause is its scope
                    clause = next((t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), sent.root)
                    add(speakers.of(owner), stance, sent, clause, owner)
                continue
            if mode == "patient":
                holder_tok = _patient(anchor)
                if holder_tok is not None and not _first_person(holder_tok):
                    add(speakers.of(holder_tok), stance, sent, anchor, holder_tok)
                continue
            if mode == "speaker":
                holder_tok = _judge(anchor)
                holder = speakers.of(holder_tok) if holder_tok is not None else (
                    quote.speaker if quote is not None else _voice(ctx, anchor))
                add(holder, stance, sent, sent.root, holder_tok)  # it judges what its sentence names
                continue
            holder_tok, judged = _syntactic_holder(anchor)
            if judged:
                # "the plan was rejected": the grammar names no holder; reported by someone
                # ("no ultimatum can be accepted, the president said"), it is the speaker's
                said = reporting_subject(anchor)
                holder = speakers.of(said) if said is not None else (
                    quote.speaker if quote is not None and quote.kind == "direct" else None)
                if holder is not None and _passive(anchor) and _modal(anchor):
                    add(holder, stance, sent, anchor, said)  # not "said the plan was rejected": a report
                continue
            holder, own = None, False
            if holder_tok is not None and not (quote and _first_person(holder_tok)):
                if quote is not None and quote.kind == "direct" and \
                        quote.content.start <= holder_tok.idx < quote.content.end:
                    holder = quote.speaker  # words inside a direct quote are the speaker's
                else:
                    holder, own = speakers.of(holder_tok), True
            elif quote is not None:
                holder = quote.speaker
            add(holder, stance, sent, anchor, holder_tok)
            if own:
                for other in holder_tok.conjuncts:  # "neither Chile nor Peru accepts ...": each one
                    add(speakers.of(other), stance, sent, anchor, other)

    events: Sequence[Event] = ctx.found.get("events") or ()
    mapping = stance_lexicon().events
    for ev in events:
        stance = mapping.get(ev.type)
        if stance is None or not ev.source:
            continue
        trigger = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if trigger is None or _in_items(trigger.start_char) or not about(trigger.root) or _hedged(trigger.root) \
                or _interrogative(trigger.root.sent) \
                or _asked_for(trigger.root) or trigger.root.dep_ == "acl" or _negated(trigger.root) != ev.negated:
            continue  # the event must act on the proposal, not merely share its sentence
        words_ = stance_lexicon().phrases.get(trigger.root.lemma_.lower(), ())
        stance = next((st for lemmas, st, _ in words_ if len(lemmas) == 1), stance)
        if ev.negated:
            if stance not in _FLIP:
                continue
            stance = _FLIP[stance]
        span = doc.char_span(ev.sentence.start, ev.sentence.end, alignment_mode="expand")
        if span is None or link(span, trigger.root) is None:
            continue
        if any(k[0] == ev.source[0].actor.code and k[2] == _trim(text, span.start_char, span.end_char).start
               for k in seen if ev.source[0].actor):
            continue  # the words already gave this actor's stance here
        add(ev.source[0], stance, span, trigger.root)
    out.sort(key=lambda p: (p.evidence.start, p.holder.span.start))
    return out
