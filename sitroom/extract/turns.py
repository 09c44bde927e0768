"""Who speaks a stretch of the text: labelled turns of a transcript, and first-person texts.

Two discourse facts decide who "I" and "we" are when no quote marks say it:

* a **turn label** — a speaker's name, with or without a title, then a colon — opens a
  turn that runs to the next label ("Chancellor of Germany Olaf Scholz: Good morning. ...
  Emmanuel Macron: Merci, ..."). Records of talks and press conferences run their turns
  into one paragraph, so a label is found inside a paragraph as well as at a line start: it
  begins a sentence, holds a personal name, has no verb, its words are capitalised (a
  title's "of", "the" aside), and the turn after the colon starts with a capital;
* a **first-person genre** named in the title ("Address by the President of Ukraine",
  "Statement by the Prime Minister") makes the whole text that speaker's words;
* an **interview** named in the title ("X in an interview for Y", "Interview with X") whose
  turns are opened by dashes ("- Why now? - Because ..."): the turns that ask (they end in
  a question mark) are the interviewer's, the others the interviewee's.

``speech_stretches`` gives both as (start, end, who) where ``who`` is a token (the label's
name) or a phrase of the title; the actor resolver turns them into actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from .. import kb
from .speech import load_table

#: Words a title may hold uncapitalised ("Minister for the Affairs of the Union").
_TITLE_SMALL = frozenset({"of", "the", "and", "for", "de", "von", "der", "van", "al", "bin", "da"})
#: Longest label, in words.
LABEL_MAX_WORDS = 14
_BOUNDARY = re.compile(r"(?:[.!?…]\s+|\n\s*|\*\s+|^\s*)(?=[A-Z])")
_ELISION = re.compile(r"\s*(?:<…>|<\.\.\.>|\[…\]|\[\.\.\.\])\s*$")


@dataclass(frozen=True)
class Turn:
    """One labelled turn: the label's range, the speaker's name inside it, the content."""

    label: tuple[int, int]
    name: SpacySpan
    content: tuple[int, int]


def _label_ok(doc: Doc, start: int, colon: int) -> SpacySpan | None:
    """The personal name of a turn label ``text[start:colon]``, or None when it is no label."""
    label = doc.char_span(start, colon, alignment_mode="contract")
    if label is None or not len(label):
        return None
    depth = 0
    words = []
    for t in label:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and not t.is_punct and not t.is_space:
            words.append(t)
    if not words or len(words) > LABEL_MAX_WORDS:
        return None
    for t in words:
        if t.pos_ in ("VERB", "AUX") or t.lower_ in ("i", "we", "you", "he", "she", "they"):
            return None
        if t.text[:1].isalpha() and not t.text[:1].isupper() and t.lower_ not in _TITLE_SMALL:
            return None
    people = [e for e in doc.ents if e.label_ == "PERSON" and label.start <= e.start and e.end <= label.end]
    if people:
        return people[-1]
    g = kb.gazetteer()  # a name the tagger missed: the label's last words, if a known person
    for n in (4, 3, 2):
        if len(words) >= n and g.person(" ".join(t.text for t in words[-n:]), None) is not None:
            return doc[words[-n].i: words[-1].i + 1]
    return None


def labelled_turns(doc: Doc, text: str) -> list[Turn]:
    """Turns opened by a label inside or at the start of a paragraph (see the module doc)."""
    heads: list[tuple[int, int, SpacySpan]] = []  # label start, content start, name
    for m in re.finditer(":", text):
        colon = m.start()
        after = colon + 1
        while after < len(text) and text[after] in " \t":
            after += 1
        if after >= len(text) or not (text[after].isupper() or text[after] in "\"“«'‘"):
            continue
        line = text.rfind("\n", 0, colon) + 1
        lo = max(line, colon - 160)
        starts = [m.end() for m in _BOUNDARY.finditer(text, lo, colon)]
        if not starts:
            continue
        start = starts[-1]
        if heads and start < heads[-1][1]:
            start = max(start, heads[-1][1])
        name = _label_ok(doc, start, colon)
        if name is not None:
            heads.append((start, after, name))
    out = []
    for k, (start, after, name) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        body = text[after:end]
        body = _ELISION.sub("", body.rstrip())
        out.append(Turn((start, after), name, (after, after + len(body.rstrip()))))
    return out


@lru_cache(maxsize=1)
def first_person_genres() -> frozenset[str]:
    """Nouns of titles that make the text its speaker's own words (``data/speech_genres.tsv``)."""
    return frozenset(row[0].lower() for row in load_table("speech_genres.tsv"))


_GENRE_TITLE = re.compile(r"^\s*(?P<noun>[A-Za-z -]+?)\s+by\s+(?P<who>.+?)\s*$")
_WHO_END = re.compile(r"\s+(?:on|at|in|to|during|before|after|for|about|ahead)\s+")


def title_speaker(title: str | None) -> str | None:
    """The speaker a first-person title names: "Address by the President of Ukraine" ->
    "the President of Ukraine" (up to a following "on/at/to ..." phrase); None otherwise."""
    if not title:
        return None
    m = _GENRE_TITLE.match(title)
    if m is None or m.group("noun").lower() not in first_person_genres():
        return None
    who = _WHO_END.split(m.group("who"), maxsplit=1)[0].strip(" .,:")
    return who or None


_INTERVIEW_TITLE = (
    re.compile(r"^\s*(?P<who>[^:]+?)\s+(?:in|gave)\s+an\s+interview\b", re.I),
    re.compile(r"^\s*interview\s+(?:of|with)\s+(?P<who>.+?)(?:\s+(?:to|for|with|by|on)\s+|\s*[:.]|\s*$)", re.I),
)
#: A turn of a printed interview: a dash at a line start or after a sentence end.
_DASH_TURN = re.compile(r"(?:^|\n|(?<=[.!?…\"”])\s)\s*[-–—]\s+(?=\S)")


def interview_speaker(title: str | None) -> str | None:
    """The interviewee a title names: "Volodymyr Zelenskyy in an interview for La Repubblica"
    -> "Volodymyr Zelenskyy"; "Interview with the Prime Minister" -> "the Prime Minister"."""
    if not title:
        return None
    head = title.split(":", 1)[0] if not title.lower().startswith("interview") else title
    for rx in _INTERVIEW_TITLE:
        m = rx.match(head)
        if m is not None and m.group("who").strip(" .,:"):
            return m.group("who").strip(" .,:")
    return None


def interview_answers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each answer of an interview printed with dash turns; [] when the text
    has fewer than two question turns (then its dashes are no turns)."""
    starts = [m.end() for m in _DASH_TURN.finditer(text)]
    turns = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        end = text.rfind("-", start, end) if k + 1 < len(starts) else end
        end = max(start, end)
        while end > start and text[end - 1] in " \t\n-–—":
            end -= 1
        turns.append((start, end))
    asks = [t for t in turns if text[t[0]:t[1]].rstrip().endswith("?")]
    if len(asks) < 2:
        return []
    return [t for t in turns if t not in asks and t[1] > t[0]]
