"""Quote marks on the characters: straight and typographic, paired per paragraph.

``quote_regions(text)`` gives the quoted stretches (marks excluded). Unbalanced marks
never raise: a quote left open at a paragraph end continues into the next paragraph
when that one opens with a mark, is kept when it is a long quoted paragraph missing
its closing mark, and is dropped otherwise. ``''`` and ```` ` ` ```` count as double
marks (older news styles); ``‘…’`` counts only when the closing ``’`` ends a word.
``transcript_turns`` finds interview lines ("PENCE: Well, ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_OPEN = {"“": "”", "„": "”", "«": "»", "‘": "’", '"': '"', "”": "”"}
_CLOSE = {"”", "»", "’", '"', "“"}


@dataclass
class Region:
    """A quoted stretch: ``start``/``end`` exclude the marks; ``closed`` is False
    when the paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool
    continued: bool = False  # continues a quote left open (earlier paragraph, or before a reopening mark)


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
    reopened = False  # the open quote continues one that was never closed
    for m in _MARK.finditer(text, lo, hi):
        c, i = m.group(), m.start()
        if c == "''":
            c = '"'
        if opened is None:
            if c in ("‘", "”") and not _is_word_start(text, i):
                continue
            if c == '"' and _stray_closer(text, m.end()):
                continue  # '... businesses", An official said': its opener was lost
            if c == "``" or c in _OPEN:
                opened, mark, reopened = m.end(), c, False
        elif mark == "‘":
            if c == "’" and _is_word_end(text, m.end() - 1):
                yield Region(opened, i, True, reopened)
                opened = None
        elif c in _CLOSE and c not in "‘’":
            if c == "“" and _is_word_start(text, i) or c == '"' and _reopens(text, i):
                # a second opener: the first quote was never closed (a multi-paragraph
                # quote run into one paragraph); it ends where the next one opens, and
                # the next one goes on with the same speaker's words
                yield Region(opened, i, True, reopened)
                opened, mark, reopened = m.end(), c, True
            else:
                yield Region(opened, i, True, reopened)
                opened = None
    if opened is not None and mark != "‘":
        yield Region(opened, hi, False, reopened)


def _stray_closer(text: str, j: int) -> bool:
    """A straight mark followed by a space or by punctuation closes; it cannot open a quote
    (its words would start with the space or the comma)."""
    after = text[j] if j < len(text) else " "
    return after.isspace() or after in ",.;:!?)"


def _reopens(text: str, i: int) -> bool:
    """A straight mark at ``i`` that opens a new quote while one is open: it starts a word
    right after a sentence's end ('... published. "And ...'), where a closing mark would
    follow the full stop with no space."""
    before = text[:i].rstrip(" \t")
    after = text[i + 1] if i + 1 < len(text) else " "
    return len(before) < i and before[-1:] in (".", "?", "!", "…") and not after.isspace() \
        and after not in MARK_CHARS


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
        start, end = trim(text, r.start, r.end)
        if end > start:
            out.append(Region(start, end, r.closed, r.continued))
    return out


def _open_paragraph(text: str, r: Region) -> bool:
    """An unclosed quote kept as a quote: it opens its paragraph and is long."""
    return len(text[r.start:r.end].split()) >= 6 and line_start(text, mark_start(text, r.start))


def mark_start(text: str, start: int) -> int:
    """Where the opening mark before ``start`` begins (marks are 1 or 2 characters)."""
    return start - 2 if text[max(0, start - 2):start] in ("''", "``") else start - 1


def line_start(text: str, i: int) -> bool:
    j = text.rfind("\n", 0, i) + 1
    return not text[j:i].strip(" \t•·*-–—")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


MARK_CHARS = "\"“”„«»‘’'`"


_LABEL = re.compile(r"^[^\S\n]*[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[^\S\n]+(?=\S)", re.M)


def transcript_turns(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(label, content) ranges of interview transcript lines ('PENCE: Well, ...')."""
    out = []
    for m in _LABEL.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        start, end = trim(text, m.end(), line_end)
        while end > start and text[end - 1] in MARK_CHARS:
            end -= 1
        if end - start > 1:
            out.append(((m.start(1), m.end(1)), (start, end)))
    return out
