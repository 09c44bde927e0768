"""The layout of a plain-text news article: what is news and what is furniture.

``analyse(text)`` looks at the lines of an article and finds

* a dateline on one of the first lines (``Mar 3, 2022 - Europe``): the
  publication date and the section;
* the headline (the next short line without a final full stop);
* bylines (``By Jane Doe``);
* photo credits (``Photo: NAME/Getty Images``, ``(Photo by NAME)``,
  ``AP Photo/NAME``) and the image captions next to them;
* link lines (``Go deeper: ...``, ``Read more``, ``Related:``) and the trailing
  block of sign-up / share / copyright lines.

It never changes the text: everything it reports is an offset into ``text``.
Datelines, bylines, credits and link lines become ``boilerplate`` regions,
which the NLP stage blanks; the headline and captions stay content.
The cue words live in ``data/layout.toml``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Iterator

Region = tuple[int, int]

#: How many non-blank lines at the top may hold the dateline, headline and byline.
HEAD_LINES = 4
#: A headline or caption is at most this many words.
MAX_HEADLINE_WORDS = 30
MAX_CAPTION_WORDS = 25


@dataclass(frozen=True, slots=True)
class Layout:
    """What ``analyse`` found; every region is a (start, end) offset pair into the text."""

    published: str | None = None
    section: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: Region | None = None
    headline: Region | None = None
    captions: tuple[Region, ...] = ()
    boilerplate: tuple[Region, ...] = ()


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offsets of the stripped line
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class _Cues:
    months: dict[str, int]
    dateline: re.Pattern[str]
    byline: re.Pattern[str]
    credits: tuple[re.Pattern[str], ...]
    link_anywhere: re.Pattern[str]
    link_header: re.Pattern[str]
    link_trailing: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = tomllib.loads(resources.files("sitroom.ingest").joinpath("data/layout.toml").read_text("utf-8"))
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    mon = _alternation(list(months))
    weekday = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    prefix = rf"(?:(?:{_alternation(data['dateline']['prefixes'])})\s*:?\s+)?"
    mdy = rf"(?P<mon>{mon})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    dmy = rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{mon})\.?,?\s+(?P<year2>\d{{4}})"
    iso = r"(?P<iso>\d{4}-\d{2}-\d{2})"
    sep = r"[-–—|·•:,]"
    clock = (rf"(?:\s*(?:{sep}|at)?\s*\d{{1,2}}(?::\d{{2}}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)"
             rf"(?:\s+(?-i:[A-Z]{{2,4}}))?)?")
    word = r"[A-Z&](?:[\w&'’]|\.(?=[A-Z]))*\.?"
    section = rf"(?P<section>(?-i:{word}(?:[ \t/&-]+{word}){{0,3}}))"
    dateline = re.compile(
        rf"{prefix}{weekday}(?:{mdy}|{dmy}|{iso}){clock}(?:\s*{sep}\s*{section})?",
        re.IGNORECASE)
    name = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|al|bin|da|del|la|le|di)){0,4}"
    byline = re.compile(
        rf"(?:By|BY|by)\s+(?P<name>{name}(?:\s*(?:,|and|&)\s*{name})*)"
        rf"(?:\s*[,|–—-]\s*[A-Z][\w .&'’]*)?")
    c = data["credits"]
    labels, verbs, agencies = _alternation(c["labels"]), _alternation(c["verbs"]), _alternation(c["agencies"])
    after_stop = r"(?:(?<=^)|(?<=[.!?”\"’)]\s)|(?<=[.!?”\"’)]\s\s)|(?<=[-–—|]\s))"
    person = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    credits = (
        # (Photo by NAME) / (Image courtesy of NAME) / (AP Photo/NAME)
        re.compile(rf"\(\s*(?:(?i:{labels})\s+(?i:{verbs})\b|(?:{agencies})\s+(?i:photos?)\s*/)[^()\n]{{0,120}}\)"),
        # Photo: NAME/Getty Images  (to the end of the line)
        re.compile(rf"{after_stop}(?:{labels})\s*:\s*\S[^\n]{{0,120}}$", re.IGNORECASE | re.MULTILINE),
        # AP Photo/NAME,  REUTERS/NAME
        re.compile(rf"{after_stop}(?:{agencies})(?:\s+(?i:photos?))?\s*/\s*{person}[^\n]{{0,60}}$", re.MULTILINE),
        # NAME/Getty Images, NAME/AFP via Getty Images
        re.compile(rf"{after_stop}{person}\s*/\s*(?:{agencies})(?:\s+via\s+(?:{agencies}))?\s*$", re.MULTILINE),
    )
    links = _alternation(data["links"]["anywhere"])
    link_anywhere = re.compile(rf"(?:{links})\s*(?::.*)?", re.IGNORECASE)
    link_header = re.compile(rf"(?:{links})\s*:?", re.IGNORECASE)
    link_trailing = re.compile(rf"(?:{_alternation(data['links']['trailing'])}).*", re.IGNORECASE)
    return _Cues(months, dateline, byline, credits, link_anywhere, link_header, link_trailing)


def _lines(text: str) -> Iterator[_Line]:
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        yield _Line(start, start + len(stripped), stripped)


def parse_dateline(line: str) -> tuple[str, str | None] | None:
    """``(iso_date, section)`` when the whole line is a dateline, else None.

    >>> parse_dateline("Dec. 17, 2021 — Politics")
    ('2021-12-17', 'Politics')
    """
    cues = _cues()
    m = cues.dateline.fullmatch(line.strip())
    if not m:
        return None
    try:
        if m.group("iso"):
            day = date.fromisoformat(m.group("iso"))
        elif m.group("mon"):
            day = date(int(m.group("year")), cues.months[m.group("mon").lower()], int(m.group("day")))
        else:
            day = date(int(m.group("year2")), cues.months[m.group("mon2").lower()], int(m.group("day2")))
    except ValueError:
        return None
    section = m.group("section")
    if section and (section.lower().rstrip(".") in cues.months
                    or section.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$", section)):
        return None
    return day.isoformat(), section


def parse_date(value: str) -> str | None:
    """An ISO date for a written date such as ``17 Dec 2021`` or ``December 17, 2021``."""
    found = parse_dateline(value)
    return found[0] if found and not found[1] else None


def _headline_text(line: _Line) -> str:
    return re.sub(r"^#{1,3}\s+", "", line.text)  # a Markdown heading


def _is_headline(line: _Line) -> bool:
    words = _headline_text(line)
    text = words.rstrip("\"'”’»)")
    if not text or line.words > MAX_HEADLINE_WORDS or len(line.text) > 250:
        return False
    first = words.split()[0]
    if not (first[0].isupper() or first[0].isdigit() or first[0] in "\"'“‘«$£€¥&"
            or re.match(r"[a-z]+[A-Z]", first)):  # iPhone, eBay
        return False
    if text.endswith((":", ";", ",")):
        return False
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$|\.\.\.$", text):
        return False
    return True


def _credit_regions(line: _Line) -> list[Region]:
    found = []
    for pattern in _cues().credits:
        for m in pattern.finditer(line.text):
            if m.end() > m.start():
                found.append((line.start + m.start(), line.start + m.end()))
    return found


def _trailing_links(lines: list[_Line]) -> list[Region]:
    """Link, sign-up and share lines at the end of the text, and a list under a bare header."""
    cues = _cues()
    found: list[Region] = []
    i = len(lines) - 1
    while i >= 0:
        line = lines[i]
        if cues.link_anywhere.fullmatch(line.text) or cues.link_trailing.match(line.text):
            found.append((line.start, line.end))
            i -= 1
            continue
        break
    # "Related:" / "Read more" on its own, followed by a few short link titles.
    for j in range(max(i - 8, 0), i + 1):
        head = lines[j]
        if cues.link_header.fullmatch(head.text):
            rest = lines[j + 1: i + 1]
            if all(r.words <= MAX_HEADLINE_WORDS for r in rest):
                found.extend((r.start, r.end) for r in [head, *rest])
            break
    return found


def merge(regions: list[Region]) -> tuple[Region, ...]:
    """Sorted, non-overlapping regions."""
    out: list[list[int]] = []
    for start, end in sorted(r for r in regions if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def analyse(text: str) -> Layout:
    """Find the dateline, headline, byline, captions and boilerplate of ``text``."""
    cues = _cues()
    lines = list(_lines(text))
    credits = {i: found for i, line in enumerate(lines) if (found := _credit_regions(line))}
    links = {i for i, line in enumerate(lines) if cues.link_anywhere.fullmatch(line.text)}
    boilerplate: list[Region] = [(lines[i].start, lines[i].end) for i in links]
    boilerplate.extend(r for found in credits.values() for r in found)
    published = section = title = byline = None
    dateline = headline = None

    used = set(credits) | links
    for i, line in enumerate(lines[:HEAD_LINES]):
        found = parse_dateline(line.text) if i not in used else None
        if found:
            published, section = found
            dateline = (line.start, line.end)
            boilerplate.append(dateline)
            used.add(i)
            break
    for i, line in enumerate(lines[:HEAD_LINES + 4]):
        m = cues.byline.fullmatch(line.text) if i not in used and len(line.text) <= 100 else None
        if m:
            byline = byline or m.group("name")
            boilerplate.append((line.start, line.end))
            used.add(i)
    for i, line in enumerate(lines[:HEAD_LINES]):
        if i in used and i not in credits and i not in links:
            continue  # the dateline or a byline
        if i not in used and _is_headline(line) and i + 1 < len(lines):
            headline = (line.start, line.end)
            title = _headline_text(line)
        break

    captions: list[Region] = []
    for i, found in credits.items():
        line = lines[i]
        first = min(s for s, _ in found)
        if first > line.start:  # "The mayor at the dam. Photo: ..." - the caption before the credit
            captions.append((line.start, first))
        above = i - 1
        if above >= 0 and above not in used and (lines[above].start, lines[above].end) != headline \
                and lines[above].words <= MAX_CAPTION_WORDS and not lines[above].text.endswith("."):
            captions.append((lines[above].start, lines[above].end))  # a caption or alt text above
    boilerplate.extend(_trailing_links(lines))
    captions = [(s, e - (len(text[s:e]) - len(text[s:e].rstrip()))) for s, e in captions]
    return Layout(published=published, section=section, title=title, byline=byline,
                  dateline=dateline, headline=headline, captions=merge(captions),
                  boilerplate=merge(boilerplate))


def article_from_text(text: str, *, id: str | None = None, title: str | None = None,
                      published: str | None = None, origin: str = "<text>", settings=None,
                      **meta: str | None):
    """An ``Article`` of plain text with its layout applied (given metadata wins).

    Raises ``EmptyInput`` / ``TooLarge`` for a text that cannot be an article.
    """
    from ..settings import Settings
    from .build import make_article  # build uses this module: imported here, not at the top

    return make_article(text, origin=origin, settings=settings or Settings(), id=id, title=title,
                        published=published, **meta)
