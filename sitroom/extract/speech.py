"""Speech verbs (data) and speakers: the subject of a speech verb as an actor span.

``speech_verbs()`` loads ``data/speech_verbs.tsv``; ``subject_of(verb)`` finds who
speaks (subject, passive agent, subject shared through coordination, the noun a
relative clause hangs on, the speaker after an inverted '"...," said X');
``Speakers`` turns that token into an ``ActorSpan`` through the article's actor
resolver, carrying an earlier speaker's actor to "he" or "the official" when the
resolver left them unresolved.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from ..records import Actor, ActorSpan, Span
from .base import Context, token_columns

#: Classes of speech_verbs.tsv that make a cue (``belief`` verbs included: "X believes
#: that ..." attributes a view the way "X said that ..." attributes words).
CUE_CLASSES = frozenset({"speech", "report", "belief"})

_INHERIT = {"conj", "advcl", "xcomp"}
_PERSONAL = {"he", "she", "they", "him", "her", "them"}


def load_table(name: str) -> list[list[str]]:
    """Rows (tab-separated fields) of a data file in ``sitroom/extract/data``;
    blank lines and ``#`` comments are skipped."""
    path = resources.files(__package__).joinpath("data", name)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([f.strip() for f in line.split("\t")])
    return rows


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    cls: str  # speech, report or belief
    frames: frozenset[str] = frozenset()  # extra complement frames, e.g. {"xcomp"}


_CLASSES = ("speech", "report", "belief")


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    """lemma -> SpeechVerb, from ``data/speech_verbs.tsv``."""
    out: dict[str, SpeechVerb] = {}
    for row in load_table("speech_verbs.tsv"):
        if len(row) < 2 or row[1] not in _CLASSES:
            raise ValueError(f"speech_verbs.tsv: bad row {row!r} (want lemma, class in {_CLASSES})")
        frames = frozenset(f for f in (row[2] if len(row) > 2 else "").split(",") if f and f != "-")
        out.setdefault(row[0].lower(), SpeechVerb(row[0].lower(), row[1], frames))
    return out


def is_cue(tok: Token, classes: frozenset[str] = CUE_CLASSES) -> bool:
    verb = speech_verbs().get(tok.lemma_.lower())
    return tok.pos_ in ("VERB", "AUX") and verb is not None and verb.cls in classes


def cue_candidates(doc: Doc, words: frozenset[str] = frozenset(),
                   classes: frozenset[str] = CUE_CLASSES) -> list[int]:
    """Indices of the tokens that are cues (:func:`is_cue`) or whose lowercase form is in
    ``words``, in order, comparing the tokens' integer attributes (no strings decoded per token)."""
    verbs = speech_verbs()
    strings = doc.vocab.strings
    lower_words = {strings[w] for w in words}
    cue_lemma: dict[int, bool] = {}
    out = []
    # integer attributes only, read as columns: no Token object, no string per token
    for i, (lower, pos, lemma) in enumerate(token_columns(doc, (LOWER, POS, LEMMA))):
        if lower in lower_words:
            out.append(i)
        elif pos in _CUE_POS:
            ok = cue_lemma.get(lemma)
            if ok is None:
                verb = verbs.get(strings[lemma].lower())
                ok = cue_lemma[lemma] = verb is not None and verb.cls in classes
            if ok:
                out.append(i)
    return out


_CUE_POS = frozenset({VERB, AUX})


def lemma_candidates(doc: Doc, wanted: Mapping[int, frozenset[str]]) -> list[int]:
    """Indices of the tokens whose coarse POS (a ``spacy.parts_of_speech`` id) is a key of
    ``wanted`` and whose lowercase lemma is in its set, in order (lemma strings decoded once each)."""
    strings = doc.vocab.strings
    known: dict[tuple[int, int], bool] = {}
    out = []
    for i, (pos, lemma) in enumerate(token_columns(doc, (POS, LEMMA))):
        lemmas = wanted.get(pos)
        if lemmas is None:
            continue
        key = (pos, lemma)
        ok = known.get(key)
        if ok is None:
            ok = known[key] = strings[lemma].lower() in lemmas
        if ok:
            out.append(i)
    return out


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker token of a speech verb: its subject, the agent of a passive,
    the subject inherited through conjunction/adverbial clauses, or the noun a
    relative clause hangs on."""
    if verb.lower_ == "according":
        for to in verb.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    # "it" of an active speech verb is referential ("the ministry ... it added"); an
    # expletive "it" goes with a passive ("it was said that"), which has no nsubj
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ != "there"
                and (c.lower_ != "it" or is_cue(verb))]
    if subjects:
        return subjects[-1]  # '"... it will," said X': the last subject is the speaker
    if any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        return None
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if is_cue(verb) and not any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        # '"...," said James Acton' parsed with the speaker as an object
        for c in verb.rights:
            if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and c.pos_ == "PROPN" \
                    and c.ent_type_ not in ("DATE", "TIME"):
                return c
    if verb.dep_ in _INHERIT and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ in ("advcl", "ccomp") and _has_aux(verb) \
                and not _has_aux(head) and any(c.dep_ == "mark" for c in head.children):
            # "X warned that ... if Iran goes ahead, but have hinted ...": the
            # conjunct with its own auxiliary belongs to the main clause
            head = head.head
        return subject_of(head, depth + 1)
    return None


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Character range of the noun phrase headed by ``tok``, without trailing
    relative clauses, appositions and commas."""
    left = tok.left_edge
    right = tok
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"):
            break
        right = c.right_edge
    while right.i > tok.i and right.is_punct:
        right = right.doc[right.i - 1]
    while left.i < tok.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    return left.idx, right.idx + len(right.text)


def _named_apposition(tok: Token) -> Token | None:
    """The name in apposition to a common-noun speaker: "the chairman of the panel, Judge Ann
    Lee, said" -> "Ann Lee". An apposition names the same referent, and the name is the fuller
    mention of the speaker."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
            return c
    # the same apposition parsed loosely: "<noun>, <Name> (of ...)," by its commas
    doc, after = tok.doc, tok.i + 1
    if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].ent_iob_ == "B" \
            and doc[after + 1].ent_type_ == "PERSON":
        end = after + 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        if end + 1 < len(doc) and doc[end + 1].text in (",", "of"):
            return doc[end]
    return None


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Nouns of statements and works that can stand for their author (``data/source_nouns.tsv``)."""
    return frozenset(row[0].lower() for row in load_table("source_nouns.tsv"))


def _author(tok: Token) -> Token | None:
    """The author a statement or a work speaks for: its possessor ("Mr Lee's book suggests"),
    or the object of "by"/"from"/"on behalf of" on it or on its participle ("a statement
    sent on behalf of the minister said")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in source_nouns():
        return None
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
    heads = [tok] + [c for c in tok.children if c.dep_ == "acl"]
    for h in heads:
        for p in h.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from", "on"):
                for o in p.children:
                    if o.dep_ != "pobj":
                        continue
                    if p.lower_ == "on" and o.lower_ == "behalf":
                        return next((x for q in o.children if q.lower_ == "of"
                                     for x in q.children if x.dep_ == "pobj"), None)
                    if p.lower_ != "on" and o.pos_ in ("PROPN", "NOUN") and o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                        return o
    return None


class Speakers:
    """Turns speaker tokens into actor spans, carrying the actor of an earlier
    speaker to a pronoun or bare nominal the resolver left unresolved."""

    def __init__(self, ctx: Context) -> None:
        self.text = ctx.article.text
        self.resolver = ctx.found.get("actors")
        self.history: list[ActorSpan] = []

    def _resolve(self, tok: Token) -> list[ActorSpan]:
        if self.resolver is None:
            return []
        try:
            return list(self.resolver.phrase(tok) or [])
        except Exception:  # a resolver bug must not lose the quote
            return []

    def of(self, tok: Token) -> ActorSpan:
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            # "the official, who said ...": the relative pronoun's span, its antecedent's actor
            antecedent = self.of(tok.head.head)
            return ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), antecedent.actor)
        named = _named_apposition(tok) or _author(tok)
        if named is not None:
            tok = named
        found = self._resolve(tok)
        start, end = noun_phrase(tok)
        if tok.pos_ == "PRON":
            start, end = tok.idx, tok.idx + len(tok.text)
        best = None
        for a in found:
            if a.span.start <= tok.idx < a.span.end:
                best = a
                break
        if best is None and found:
            best = ActorSpan(Span.of(self.text, start, end), found[0].actor)
        if best is None:
            best = ActorSpan(Span.of(self.text, start, end), None)
        if (best.actor is None or best.actor.code is None) and self._anaphoric(tok):
            prev = self._antecedent(tok)
            if prev is not None:
                best = ActorSpan(best.span, prev)
        if best.actor is not None:
            self.history.append(best)
        return best

    @staticmethod
    def _anaphoric(tok: Token) -> bool:
        if tok.pos_ == "PRON":
            return tok.lower_ in _PERSONAL
        det = [c for c in tok.children if c.dep_ == "det"]
        return tok.pos_ == "NOUN" and bool(det) and det[0].lower_ in ("the", "this", "that")

    def _antecedent(self, tok: Token) -> Actor | None:
        plural = tok.lower_ in ("they", "them") or tok.tag_ in ("NNS", "NNPS")
        for a in reversed(self.history):
            if a.actor is None or a.actor.code is None:
                continue
            if not plural and a.actor.kind in ("state", "igo", "group") and not a.actor.person:
                continue  # "he" or "she" is a person, not a state, a party or an outlet
            return a.actor
        return None
