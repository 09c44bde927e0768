"""Quotes and reported speech, with their speakers and cues.

Three kinds (the contract's ``quotes``):

* ``direct``   a stretch inside quote marks that stands as the speaker's words
               (``"We will not back down," he said.`` / ``She said: "..."``);
* ``partial``  a quoted fragment inside a clause (``insisting that Moscow "has no
               veto"``), attributed to the subject of the governing speech verb;
* ``indirect`` the complement clause of a speech verb (``told reporters that ...``)
               or the clause around ``according to X``.

Quote marks are found on the characters (straight and typographic, unbalanced
marks tolerated, a quote left open at a paragraph end continues into the next
paragraph that opens with a mark); the parse supplies the speech verb, its
subject and its complement. Speech verbs are data (``data/speech_verbs.tsv``).
Content spans never include the quote marks. Nothing here raises on odd text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from typing import Iterable

from spacy.parts_of_speech import AUX
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import ActorSpan, Quote, Span
from .base import Context
from .quote_marks import (
    MARK_CHARS, Region, line_start, mark_start, trim, quote_regions, transcript_turns)
from .turns import labelled_turns
from .speech import Speakers, cue_candidates, source_nouns, is_cue, load_table, speech_verbs, subject_of

__all__ = ["extract_quotes", "quote_regions", "transcript_turns", "speech_verbs", "subject_of",
           "Speakers", "load_table", "is_cue"]

#: A quoted stretch of at most this many words with no speech verb governing it
#: is a scare quote ("eastern flank"), not a quote.
SCARE_MAX_WORDS = 3


# ---------------------------------------------------------------- extraction

@dataclass
class _Found:
    kind: str
    content: tuple[int, int]
    cue: Token | None
    speaker_tok: Token | None
    order: int  # character position the speaker is resolved at (document order)
    follow: int | None = None  # index of the quote whose speaker this one continues


def _cue_span(text: str, verb: Token) -> Span:
    if verb.lower_ == "according":
        end = verb.idx + len(verb.text)
        for c in verb.children:
            if c.lower_ == "to":
                end = c.idx + len(c.text)
        return Span.of(text, verb.idx, end)
    end = verb.idx + len(verb.text)
    for c in verb.rights:
        if c.dep_ == "prt":
            end = c.idx + len(c.text)
    return Span.of(text, verb.idx, end)


def _tokens_in(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _region_root(span: SpacySpan) -> Token:
    roots = [t for t in span if not t.is_punct and not t.is_space and
             (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i)]
    return roots[0] if roots else span.root


class _Regions(list):
    """Quote regions sorted by start, with the running maximum of their ends, so
    ``_inside`` is a binary search instead of a scan (long transcripts have thousands)."""

    def __init__(self, regions: list[Region]):
        super().__init__(sorted(regions, key=lambda r: (r.start, r.end)))
        self.starts = [r.start for r in self]
        self.max_end = list(accumulate((r.end for r in self), max))


def _inside(regions: list[Region], i: int) -> bool:
    if not isinstance(regions, _Regions):
        return any(r.start <= i < r.end for r in regions)
    k = bisect_right(regions.starts, i)
    return k > 0 and regions.max_end[k - 1] > i


def _according_heads(doc: Doc) -> dict[int, Token]:
    """Token index -> its "according" (to X) child, found in one pass over the doc."""
    return {t.head.i: t for t in doc if t.lower_ == "according" and t.dep_ == "prep"}


def _governing_cue(root: Token, span: SpacySpan, regions: list[Region],
                   according: dict[int, Token] | None = None) -> Token | None:
    if according is None:
        according = _according_heads(root.doc)
    tok = root
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if not (span.start <= tok.i < span.end) and not _inside(regions, tok.idx) and is_cue(tok) \
                and subject_of(tok) is not None:
            return tok
        if tok.lower_ == "according":
            return tok
        if tok.i in according:  # "..., according to X" hanging on the quote's verb
            return according[tok.i]
    return None


def _nearby_cue(doc: Doc, span: SpacySpan, regions: list[Region]) -> Token | None:
    """A speech verb outside any quote in the quote's sentence, the short
    sentence right after it ('he said.'), or a lead-in ending with a colon."""
    sents = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    cands: list[tuple[int, Token]] = []
    for sent in sents.values():
        for t in sent:
            if not _inside(regions, t.idx) and is_cue(t) and subject_of(t) is not None:
                cands.append((min(abs(t.i - span.start), abs(t.i - span.end)), t))
    if not cands:
        nxt = span[-1].sent.end
        if nxt < len(doc) and "\n" not in doc[span.end - 1: nxt].text_with_ws[-2:] and \
                not doc[nxt - 1].is_space:
            sent = doc[nxt].sent
            cands += [(t.i - span.end, t) for t in sent
                      if is_cue(t) and subject_of(t) is not None and t.i - sent.start <= 25
                      and not any(_inside(regions, u.idx) for u in sent[: t.i - sent.start])]
    if not cands:
        first = span[0].sent
        if first.start > 0:
            prev = doc[first.start - 1].sent
            last = [t for t in prev if not t.is_space]
            if last and last[-1].text == ":":
                cands += [(span.start - t.i, t) for t in prev
                          if not _inside(regions, t.idx) and is_cue(t) and subject_of(t) is not None]
    return min(cands, key=lambda c: c[0])[1] if cands else None


def _lead(text: str, sent_start: int, region: Region) -> str:
    """The sentence text before the quote's opening mark."""
    return text[sent_start:region.start].rstrip().rstrip(MARK_CHARS).strip()


def _is_direct(text: str, span: SpacySpan, region: Region, cue: Token | None) -> bool:
    if region.continued:
        return True
    lead = _lead(text, span[0].sent.start_char, region)
    if not lead or lead.endswith((":", ",")) or line_start(text, mark_start(text, region.start)):
        return True
    if cue is not None and lead.endswith(cue.text) and text[region.start:region.start + 1].isupper():
        return True
    return False


_SMALL = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "with", "or", "by", "&"}


def _is_title(text: str, region: Region, words: list[Token]) -> bool:
    """A quoted title or name ("Fox News Sunday", "The Apprentice"), not words said."""
    body = text[region.start:region.end].rstrip()
    if len(words) > 6 or body.endswith((".", "?", "!")):
        return False
    return all(w.text[:1].isupper() or w.lower_ in _SMALL or not w.text[:1].isalpha()
               for w in words) and words[0].text[:1].isupper()


_DASH_NAME = re.compile(r"[^\S\n]*[―—–-][^\S\n]*([^\n]{2,60}?)[.\s]*$", re.M)


def _dash_speaker(doc: Doc, text: str, region: Region) -> Token | None:
    """'"..." ― Sonya Herridge': a name after a dash that ends the line."""
    end = region.end
    while end < len(text) and text[end] in MARK_CHARS + ",.":
        end += 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    m = _DASH_NAME.match(text, end, line_end)
    if m is None or len(m.group(1).split()) > 6:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if name is None or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in name):
        return None
    return name.root


_CLAIM_LINE = re.compile(r"^[^\S\n]*([^\n:]{2,40}):[^\S\n]+(\S[^\n]*)$", re.M)


def headline_claims(doc: Doc, text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(name, claim) ranges of headline-style lines 'Pence: Flowers Won't Be at Debate',
    where the part before the colon is exactly a named person or organisation."""
    out = []
    for m in _CLAIM_LINE.finditer(text):
        name = doc.char_span(m.start(1), m.end(1))
        if name is None or len(name) > 4:
            continue
        if not any(e.start == name.start and e.end == name.end and e.label_ in ("PERSON", "ORG")
                   for e in doc.ents):
            continue
        start, end = trim(text, m.start(2), m.end(2))
        while end > start and text[end - 1] in MARK_CHARS:
            end -= 1
        if end - start > 10:
            out.append(((m.start(1), m.end(1)), (start, end)))
    return out


def _label_speaker(ctx: Context, name: SpacySpan) -> Token:
    """The token of a turn label's name that the resolver knows as a person (a label may
    repeat the name: "Olaf Scholz Scholz Olaf"), else the name's head."""
    resolver = ctx.found.get("actors")
    for tok in reversed(list(name)):
        found = resolver.phrase(tok) if resolver is not None else []
        if any(m.actor is not None and m.actor.code and m.actor.kind == "person" for m in found):
            return tok
    return name.root


def _quoted(ctx: Context, regions: list[Region]) -> list[_Found]:
    doc, text = ctx.doc, ctx.article.text
    out: list[_Found] = []
    turns = transcript_turns(text)
    for (ls, le), (cs, ce) in turns:
        label = doc.char_span(ls, le, alignment_mode="expand")
        if label is not None:
            out.append(_Found("direct", (cs, ce), None, label.root, ls))
    for turn in labelled_turns(doc, text):
        (ls, le), (cs, ce) = turn.label, turn.content
        if ce > cs and not any(s <= ls < e for (s, _), (_, e) in turns):
            out.append(_Found("direct", (cs, ce), None, _label_speaker(ctx, turn.name), ls))
            turns.append(((ls, le), (cs, ce)))
    for (ls, le), (cs, ce) in headline_claims(doc, text):
        label = doc.char_span(ls, le, alignment_mode="expand")
        if label is not None and not any(s <= ls < e for (s, _), (_, e) in turns):
            out.append(_Found("indirect", (cs, ce), None, label.root, ls))
            turns.append(((ls, le), (cs, ce)))
    taken = [(ls, ce) for (ls, _), (_, ce) in turns]
    last_para_quote: int | None = None
    last_end = -1
    according = _according_heads(doc)
    for region in regions:
        if any(s <= region.start < e or region.start <= s < region.end for s, e in taken):
            continue
        span = _tokens_in(doc, region.start, region.end)
        if span is None or len(span) == 0:
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not words or _is_title(text, region, words):
            continue
        root = _region_root(span)
        cue = _governing_cue(root, span, regions, according)
        goes_on = region.continued and last_para_quote is not None and \
            not text[last_end:region.start].strip(MARK_CHARS + " \n")
        if cue is None and len(words) > SCARE_MAX_WORDS and not goes_on:
            cue = _nearby_cue(doc, span, regions)
        if cue is None and not goes_on:
            cue = _report_continuation(span[0].sent, regions)
        speaker = subject_of(cue) if cue is not None else _dash_speaker(doc, text, region)
        if cue is None and speaker is None and len(words) <= SCARE_MAX_WORDS:
            continue  # a scare quote
        direct = _is_direct(text, span, region, cue)
        follow = None
        if speaker is None and last_para_quote is not None and \
                text.count("\n\n", last_end, region.start) <= 1 and \
                ("\n" not in text[last_end:region.start] or direct):
            follow = last_para_quote
        if speaker is None and follow is None and not direct:
            continue
        out.append(_Found("direct" if direct else "partial", (region.start, region.end), cue,
                          speaker, cue.idx if cue is not None else region.start, follow))
        last_para_quote, last_end = len(out) - 1, region.end
    return out


_INDIRECT_WORDS = frozenset({"according", "in"})


#: Sentence-initial coordinators that join a sentence to the one before it.
_JOINING = frozenset({"and", "but"})


def _embedded_report(verb: Token) -> bool:
    """Reported speech quoted in turn: '"Germany has said that the dam is safe," he said.'
    A verb of saying inside quote marks reports a third party's words when its subject is a
    name (not "I", "we" or "you", whose words are the quote's own) and the saying is told as a
    fact (not "will say", "would not say": a forecast or a refusal reports no words)."""
    verb_class = speech_verbs().get(verb.lemma_.lower())
    if verb_class is None or verb_class.cls != "speech" or not is_cue(verb):
        return False
    subj = subject_of(verb)
    return subj is not None and subj.pos_ == "PROPN" and subj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") \
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) \
        and not any(c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children)


def _copular_report(verb: Token) -> tuple[tuple[int, int], Token] | None:
    """A statement noun equated with a that-clause reports it, its author speaking: "The
    ministry's argument was that the tax was owed" (content, the ministry)."""
    if verb.lemma_ != "be" or verb.pos_ != "AUX":
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
            and c.lemma_.lower() in source_nouns()]
    comp = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not subj or not comp:
        return None
    author = [c for c in subj[0].children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    rng = _clause_range(comp[0])
    return (rng, author[0]) if author and rng is not None else None


def _report_continuation(sent: SpacySpan, regions: list[Region]) -> Token | None:
    """The speech verb a sentence goes on reporting: a sentence that opens with "And"/"But",
    has no speech verb of its own outside quotes and quotes words itself ('He said A. And
    "B" were under way.') is a conjunct of the report before it, whose verb it returns."""
    doc = sent.doc
    first = next((t for t in sent if not t.is_space), None)
    if first is None or first.lower_ not in _JOINING or sent.start == 0:
        return None
    if not any(_inside(regions, t.idx) for t in sent) or \
            any(is_cue(t) and not _inside(regions, t.idx) for t in sent):
        return None
    prev = doc[sent.start - 1].sent
    cues = [t for t in prev if is_cue(t) and not _inside(regions, t.idx) and subject_of(t) is not None
            and any(c.dep_ == "ccomp" for c in t.children)]
    return cues[-1] if cues else None


def _indirect(ctx: Context, regions: list[Region]) -> list[_Found]:
    doc, text = ctx.doc, ctx.article.text
    out: list[_Found] = []
    for tok in doc:  # "The ministry's argument was that ...": a copular report
        rng_speaker = _copular_report(tok) if tok.pos == AUX else None
        if rng_speaker is not None and not _inside(regions, tok.idx) and not _covered(regions, rng_speaker[0]):
            out.append(_Found("indirect", rng_speaker[0], tok, rng_speaker[1], tok.idx))
    for sent in doc.sents:  # 'He said A. And "B" were under way.': the second report too
        cue = _report_continuation(sent, regions)
        if cue is not None:
            toks = [t for t in sent if not t.is_space][1:]
            while toks and toks[-1].is_punct and toks[-1].text not in MARK_CHARS:
                toks = toks[:-1]
            if len(toks) >= 3:
                out.append(_Found("indirect", (toks[0].idx, toks[-1].idx + len(toks[-1].text)), cue,
                                  subject_of(cue), cue.idx))
    for i in cue_candidates(doc, _INDIRECT_WORDS):  # the only tokens the loop acts on
        tok = doc[i]
        if _inside(regions, tok.idx) and not _embedded_report(tok):
            continue
        if tok.lower_ == "according" and tok.dep_ == "prep":
            speaker = subject_of(tok)
            rng = _according_content(tok)
            if speaker is not None and rng is not None:
                out.append(_Found("indirect", rng, tok, speaker, tok.idx))
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep" and _source_in(tok) is not None:
            rng = _according_content(tok)  # "In the latest poll, Trump rose 1 point"
            if rng is not None and not is_cue(tok.head):
                out.append(_Found("indirect", rng, tok, _source_in(tok), tok.idx))
            continue
        if not is_cue(tok):
            continue
        speaker = subject_of(tok)
        if speaker is None or _inside(regions, speaker.idx) and not _embedded_report(tok):
            continue
        frames = speech_verbs()[tok.lemma_.lower()].frames
        earlier = _deictic_content(tok)
        if earlier is not None:  # "... . That was said by the minister."
            if not _covered(regions, earlier):
                out.append(_Found("indirect", earlier, tok, speaker, tok.idx))
            continue
        if tok.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in tok.children):
            rng = _parenthetical_content(tok)  # "Lenox was a juggernaut, Mr. Clarke said, until ..."
            if rng is not None and not _covered(regions, rng):
                out.append(_Found("indirect", rng, tok, speaker, tok.idx))
            continue
        for comp in tok.children:
            if comp.dep_ == "xcomp" and "xcomp" in frames and comp.i > tok.i:
                rng = _infinitive_range(tok, comp)
            elif comp.dep_ == "ccomp" and (comp.i > tok.i or _fronted(tok, comp)):
                rng = _clause_range(comp)
            elif comp.dep_ == "dobj" and "dobj" in frames and comp.i > tok.i and _contentful(comp) \
                    and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
                rng = _object_range(tok, comp)
            elif comp.dep_ == "prep" and comp.i > tok.i and any(
                    f"{comp.lower_}:{o.lemma_.lower()}" in frames for o in comp.children if o.dep_ == "pobj"):
                rng = _phrase_range(comp)  # "spoke strongly in favour of direct talks"
            elif comp.dep_ == "prep" and comp.lower_ in frames and (comp.i == tok.i + 1 or _after_object(tok, comp)):
                rng = _frame_object(comp)
            elif comp.dep_ == "dobj" and comp.i > tok.i and (preps := [
                    p for p in comp.rights if p.dep_ == "prep" and p.lower_ in frames and p.i == p.head.i + 1]):
                rng = _frame_object(preps[0])  # "accused the bank of ...", the "of" parsed on the object
            else:
                continue
            if rng is not None and _covered(regions, rng) and not _inside(regions, tok.idx):
                rng = _unquoted_head(doc, regions, rng)
            if rng is None:
                continue
            out.append(_Found("indirect", rng, tok, speaker, tok.idx))
    return out


def _deictic_content(verb: Token) -> tuple[int, int] | None:
    """Discourse deixis: a passive speech verb whose subject is "this" or "that" and which
    names its speaker by "by" reports the sentence before ("Talks must resume. That was
    said by the minister.")."""
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if len(subj) != 1 or subj[0].lower_ not in ("this", "that") or subj[0].i != verb.sent.start \
            or not any(c.dep_ == "agent" for c in verb.children) or verb.sent.start == 0:
        return None
    prev = verb.doc[verb.sent.start - 1].sent
    toks = [t for t in prev if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in (")", "%"):
        toks = toks[:-1]
    if len(toks) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _frame_object(prep: Token) -> tuple[int, int] | None:
    """The content a frame's preposition brings: its noun object or its gerund clause."""
    objs = [o for o in prep.children if o.dep_ == "pobj" and _contentful(o)
            or o.dep_ == "pcomp" and o.pos_ == "VERB"]  # "of hiding its losses"
    return _phrase_range(objs[0]) if objs else None


def _after_object(verb: Token, prep: Token) -> bool:
    """A frame's preposition right after the verb's object: "accused the bank of lying"."""
    return any(c.dep_ == "dobj" and c.right_edge.i + 1 == prep.i for c in verb.children)


def _parenthetical_content(verb: Token) -> tuple[int, int] | None:
    """The clause around a parenthetical 'X said': the part before it, or after it
    when the part before is too short to be a statement."""
    head = verb.head
    skip = {t.i for t in verb.subtree}
    toks = [t for t in head.subtree if t.i not in skip and not t.is_space]
    left = [t for t in toks if t.i < verb.left_edge.i]
    right = [t for t in toks if t.i > verb.right_edge.i]
    side = left if len([t for t in left if not t.is_punct]) >= 3 else right
    while side and side[0].is_punct:
        side = side[1:]
    while side and side[-1].is_punct:
        side = side[:-1]
    if len(side) < 2:
        return None
    return side[0].idx, side[-1].idx + len(side[-1].text)


def _contentful(tok: Token) -> bool:
    """An object that carries content: not a pronoun, not a bare speech noun."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() not in ("question", "statement", "thing")


def _object_range(verb: Token, obj: Token) -> tuple[int, int] | None:
    """'polls show Clinton with a lead': from the object to the end of the verb's phrase."""
    end = obj.right_edge
    for c in verb.rights:
        if c.i > obj.i and c.dep_ in ("prep", "advcl", "oprd", "npadvmod") and c.right_edge.i > end.i:
            end = c.right_edge
    while end.i > obj.i and (end.is_punct or end.is_space):
        end = end.doc[end.i - 1]
    start = obj.left_edge
    return start.idx, end.idx + len(end.text)


def _phrase_range(tok: Token) -> tuple[int, int] | None:
    toks = list(tok.subtree)
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _fronted(verb: Token, comp: Token) -> bool:
    """'The U.S. is ready, he said.': a complement before the verb, set off by a comma."""
    between = verb.doc[comp.right_edge.i: verb.i]
    return any(t.text in (",", "—", "--") for t in between)


def _infinitive_range(verb: Token, comp: Token) -> tuple[int, int] | None:
    """'urged Moscow to withdraw': the object (when there is one) and the infinitive."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
        return None
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < comp.i]
    start = objs[0].left_edge if objs else comp.left_edge
    end = comp.right_edge
    while end.i > comp.i and (end.is_punct or end.is_space):
        end = end.doc[end.i - 1]
    if end.i - start.i < 1:
        return None
    return start.idx, end.idx + len(end.text)


def _clause_range(comp: Token) -> tuple[int, int] | None:
    toks = [t for t in comp.subtree]
    while toks and (toks[0].is_punct or toks[0].is_space or
                    (toks[0].dep_ == "mark" and toks[0].lower_ == "that")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in (")", "%"):
        toks = toks[:-1]
    if len([t for t in toks if not t.is_punct]) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


#: Nouns that name a source in a fronted "In <source>, ..." (``data/source_nouns.tsv``).
SOURCE_NOUNS = source_nouns()


def _source_in(prep: Token) -> Token | None:
    """The source of a sentence-initial 'In a statement/poll/interview, ...'."""
    if prep.i != prep.sent.start and not prep.doc[prep.i - 1].is_space:
        return None
    objs = [o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in SOURCE_NOUNS]
    if not objs or not any(t.text == "," for t in prep.doc[prep.right_edge.i + 1: prep.right_edge.i + 2]):
        return None
    owner = [c for c in objs[0].children if c.dep_ == "poss"]
    return owner[0] if owner else objs[0]  # "In his opinion, ...": the possessor speaks


def _according_content(acc: Token) -> tuple[int, int] | None:
    head = acc.head
    if head.i == acc.i:
        return None
    sent = acc.sent
    skip = {t.i for t in acc.subtree}
    toks = [t for t in head.subtree if t.i not in skip and t.sent == sent]
    # keep the longer side of the "according to X" phrase
    left = [t for t in toks if t.i < acc.i]
    right = [t for t in toks if t.i > acc.i]
    side = right if len(right) >= len(left) else left
    while side and (side[0].is_punct or side[0].is_space):
        side = side[1:]
    while side and (side[-1].is_punct or side[-1].is_space):
        side = side[:-1]
    if len(side) < 2:
        return None
    return side[0].idx, side[-1].idx + len(side[-1].text)


def _unquoted_head(doc: Doc, regions: list[Region], rng: tuple[int, int]) -> tuple[int, int] | None:
    """A reported clause that ends in a quoted fragment ("said it wants to act "early in the
    process"") is the speaker's paraphrase with a partial quote in it, not a direct quote: it
    stays a report when the words before the marks are a clause of their own (three words or
    more, a subject and its verb, the verb's complement complete)."""
    start, end = rng
    first = min((r.start for r in regions if start < r.start < end), default=None)
    if first is None:
        return None
    head = doc.char_span(start, mark_start(doc.text, first), alignment_mode="contract")
    if head is None:
        return None
    toks = [t for t in head if not t.is_space]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len([t for t in toks if not t.is_punct]) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    if toks[-1].pos_ in ("AUX", "VERB", "ADP", "DET", "SCONJ", "PART", "CCONJ", "ADJ", "ADV"):
        return None  # "said the session was "...": the quote is the predicate, no clause before it
    if not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and t.head in toks
               and t.head.head not in toks for t in toks):
        return None  # a clause of its own has its subject and verb before the marks
    return rng  # the whole reported clause, its quoted fragment kept inside as a partial quote


def _covered(regions: list[Region], rng: tuple[int, int]) -> bool:
    start, end = rng
    inside = sum(max(0, min(end, r.end) - max(start, r.start)) for r in regions)
    return inside >= 0.6 * (end - start)


def extract_quotes(ctx: Context) -> Iterable[Quote]:
    """Direct, partial and indirect quotes of the article, in text order."""
    text = ctx.article.text
    regions = _Regions(quote_regions(text))
    quoted = _quoted(ctx, regions)
    found = quoted + _indirect(ctx, regions)
    speakers = Speakers(ctx)
    resolved: dict[int, ActorSpan | None] = {}
    for idx in sorted(range(len(found)), key=lambda k: (found[k].order, k)):
        f = found[idx]
        if f.speaker_tok is not None:
            resolved[idx] = speakers.of(f.speaker_tok)
    for idx, f in enumerate(quoted):  # quotes that continue an earlier speaker's words
        if idx not in resolved and f.follow is not None:
            resolved[idx] = resolved.get(f.follow)
    quotes = []
    for idx, f in enumerate(found):
        start, end = f.content
        quotes.append(Quote(f.kind, Span.of(text, start, end),
                            _cue_span(text, f.cue) if f.cue is not None else None,
                            resolved.get(idx)))
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    return quotes
