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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Actor, ActorSpan, Quote, Span
from .base import Context

#: Classes of speech_verbs.tsv used for quotes (``belief`` verbs are left out).
CUE_CLASSES = frozenset({"speech", "report", "belief"})
#: A quoted stretch of at most this many words with no speech verb governing it
#: is a scare quote ("eastern flank"), not a quote.
SCARE_MAX_WORDS = 3

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT = {"conj", "advcl", "xcomp"}
_PERSONAL = {"he", "she", "they", "him", "her", "them"}


# ---------------------------------------------------------------- data

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


# ---------------------------------------------------------------- quote marks

_OPEN = {"“": "”", "„": "”", "«": "»", "‘": "’", '"': '"', "”": "”"}
_CLOSE = {"”", "»", "’", '"', "“"}


@dataclass
class Region:
    """A quoted stretch: ``start``/``end`` exclude the marks; ``closed`` is False
    when the paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool
    continued: bool = False  # continues a quote left open in an earlier paragraph


def _is_word_start(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _is_word_end(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


_MARK = re.compile(r"''|``|[\"“”„«»‘’]")


def _scan_paragraph(text: str, lo: int, hi: int) -> Iterator[Region]:
    """Quoted stretches of one paragraph. ``''`` and ````` count as double marks."""
    opened: int | None = None  # index just after the opening mark
    mark = ""
    for m in _MARK.finditer(text, lo, hi):
        c, i = m.group(), m.start()
        if c == "''":
            c = '"'
        if opened is None:
            if c in ("‘", "”") and not _is_word_start(text, i):
                continue
            if c == "``" or c in _OPEN:
                opened, mark = m.end(), c
        elif mark == "‘":
            if c == "’" and _is_word_end(text, m.end() - 1):
                yield Region(opened, i, True)
                opened = None
        elif c in _CLOSE and c not in "‘’":
            if c == "“" and _is_word_start(text, i):
                opened, mark = m.end(), c  # a second opener: the first was never closed
            else:
                yield Region(opened, i, True)
                opened = None
    if opened is not None and mark != "‘":
        yield Region(opened, hi, False)


def quote_regions(text: str) -> list[Region]:
    """Quoted stretches of ``text`` (marks excluded), paragraph by paragraph."""
    regions: list[Region] = []
    pos = 0
    pending: Region | None = None  # an unclosed quote at the end of the last paragraph
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        found = list(_scan_paragraph(text, lo, hi))
        first = line.lstrip()
        starts_quoted = bool(first) and (first[0] in _OPEN or first.startswith(("''", "``")))
        if pending is not None and starts_quoted and found:
            pending.continued = False
            regions.append(pending)
            found[0].continued = True
        elif pending is not None and _open_paragraph(text, pending):
            regions.append(pending)  # a whole quoted paragraph missing its closing mark
        pending = None
        for r in found:
            if r.closed:
                regions.append(r)
            else:
                pending = r
    if pending is not None and _open_paragraph(text, pending):
        regions.append(pending)
    out = []
    for r in regions:
        start, end = _trim(text, r.start, r.end)
        if end > start:
            out.append(Region(start, end, r.closed, r.continued))
    return out


def _open_paragraph(text: str, r: Region) -> bool:
    """An unclosed quote kept as a quote: it opens its paragraph and is long."""
    return len(text[r.start:r.end].split()) >= 6 and _line_start(text, _mark_start(text, r.start))


def _mark_start(text: str, start: int) -> int:
    """Where the opening mark before ``start`` begins (marks are 1 or 2 characters)."""
    return start - 2 if text[max(0, start - 2):start] in ("''", "``") else start - 1


def _line_start(text: str, i: int) -> bool:
    j = text.rfind("\n", 0, i) + 1
    return not text[j:i].strip(" \t•·*-–—")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


# ---------------------------------------------------------------- speakers

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
    passive = False
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.dep_ == "csubj" or c.lower_ in ("it", "there"):
                return None
            if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "the official, who said ..."
            return c
        if c.dep_ == "nsubjpass":
            passive = True
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
            if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and c.pos_ == "PROPN":
                return c
    if verb.dep_ in _INHERIT and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ in ("advcl", "ccomp") and _has_aux(verb) \
                and not _has_aux(head) and any(c.dep_ == "mark" for c in head.children):
            # "X warned that ... if Russia proceeds, but have signaled ...": the
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
            if not plural and a.actor.kind in ("state", "igo") and not a.actor.person:
                continue
            return a.actor
        return None


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


def _inside(regions: list[Region], i: int) -> bool:
    return any(r.start <= i < r.end for r in regions)


def _governing_cue(root: Token, span: SpacySpan, regions: list[Region]) -> Token | None:
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
        for c in tok.children:  # "..., according to X" hanging on the quote's verb
            if c.lower_ == "according" and c.dep_ == "prep":
                return c
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
            if len(sent) <= 10 and not any(_inside(regions, t.idx) for t in sent):
                cands += [(t.i - span.end, t) for t in sent if is_cue(t) and subject_of(t) is not None]
    if not cands:
        first = span[0].sent
        if first.start > 0:
            prev = doc[first.start - 1].sent
            last = [t for t in prev if not t.is_space]
            if last and last[-1].text == ":":
                cands += [(span.start - t.i, t) for t in prev
                          if not _inside(regions, t.idx) and is_cue(t) and subject_of(t) is not None]
    return min(cands, key=lambda c: c[0])[1] if cands else None


_MARK_CHARS = "\"“”„«»‘’'`"


def _lead(text: str, sent_start: int, region: Region) -> str:
    """The sentence text before the quote's opening mark."""
    return text[sent_start:region.start].rstrip().rstrip(_MARK_CHARS).strip()


def _is_direct(text: str, span: SpacySpan, region: Region, cue: Token | None) -> bool:
    if region.continued:
        return True
    lead = _lead(text, span[0].sent.start_char, region)
    if not lead or lead.endswith((":", ",")) or _line_start(text, _mark_start(text, region.start)):
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
    while end < len(text) and text[end] in _MARK_CHARS + ",.":
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


_LABEL = re.compile(r"^[^\S\n]*[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[^\S\n]+(?=\S)", re.M)


def transcript_turns(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(label, content) ranges of interview transcript lines ('PENCE: Well, ...')."""
    out = []
    for m in _LABEL.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        start, end = _trim(text, m.end(), line_end)
        while end > start and text[end - 1] in _MARK_CHARS:
            end -= 1
        if end - start > 1:
            out.append(((m.start(1), m.end(1)), (start, end)))
    return out


def _quoted(ctx: Context, regions: list[Region]) -> list[_Found]:
    doc, text = ctx.doc, ctx.article.text
    out: list[_Found] = []
    turns = transcript_turns(text)
    for (ls, le), (cs, ce) in turns:
        label = doc.char_span(ls, le, alignment_mode="expand")
        if label is not None:
            out.append(_Found("direct", (cs, ce), None, label.root, ls))
    taken = [(ls, ce) for (ls, _), (_, ce) in turns]
    last_para_quote: int | None = None
    last_end = -1
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
        cue = _governing_cue(root, span, regions)
        if cue is None and len(words) > SCARE_MAX_WORDS:
            cue = _nearby_cue(doc, span, regions)
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


def _indirect(ctx: Context, regions: list[Region]) -> list[_Found]:
    doc, text = ctx.doc, ctx.article.text
    out: list[_Found] = []
    for tok in doc:
        if _inside(regions, tok.idx):
            continue
        if tok.lower_ == "according" and tok.dep_ == "prep":
            speaker = subject_of(tok)
            rng = _according_content(tok)
            if speaker is not None and rng is not None:
                out.append(_Found("indirect", rng, tok, speaker, tok.idx))
            continue
        if not is_cue(tok):
            continue
        speaker = subject_of(tok)
        if speaker is None or _inside(regions, speaker.idx):
            continue
        frames = speech_verbs()[tok.lemma_.lower()].frames
        for comp in tok.children:
            if comp.dep_ == "xcomp" and "xcomp" in frames and comp.i > tok.i:
                rng = _infinitive_range(tok, comp)
            elif comp.dep_ == "ccomp" and (comp.i > tok.i or _fronted(tok, comp)):
                rng = _clause_range(comp)
            elif comp.dep_ == "dobj" and "dobj" in frames and comp.i > tok.i and _contentful(comp) \
                    and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
                rng = _phrase_range(comp)
            elif comp.dep_ == "prep" and comp.lower_ in frames and comp.i == tok.i + 1:
                objs = [o for o in comp.children if o.dep_ == "pobj" and _contentful(o)]
                rng = _phrase_range(objs[0]) if objs else None
            else:
                continue
            if rng is None or _covered(regions, rng):
                continue
            out.append(_Found("indirect", rng, tok, speaker, tok.idx))
    return out


def _contentful(tok: Token) -> bool:
    """An object that carries content: not a pronoun, not a bare speech noun."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() not in ("question", "statement", "thing")


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
    between = verb.doc[comp.right_edge.i + 1: verb.i]
    return any(t.text == "," for t in between)


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


def _covered(regions: list[Region], rng: tuple[int, int]) -> bool:
    start, end = rng
    inside = sum(max(0, min(end, r.end) - max(start, r.start)) for r in regions)
    return inside >= 0.6 * (end - start)


def extract_quotes(ctx: Context) -> Iterable[Quote]:
    """Direct, partial and indirect quotes of the article, in text order."""
    text = ctx.article.text
    regions = quote_regions(text)
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
