"""Time expressions, resolved against the publication date.

Values are ISO strings at one of four granularities: ``2021-12-17`` (day),
``2021-W51`` (ISO week), ``2021-11`` (month), ``2021`` (year). ``anchored`` is True
when the value was worked out from the publication date ("on Friday", "next week",
"December 17", "early November") and False when the text states it in full
("17 December 2021", "in 2014"). Without a publication date, relative expressions
are left out rather than guessed.

How relative expressions resolve (``published`` = P):

- weekdays: "last Friday" is the last Friday strictly before P, "next Friday" the first
  strictly after P; a bare or "this" weekday follows the tense of the verb that governs
  it: past (or no verb) → the latest such day on or before P ("told reporters on Friday"
  in a Friday story is P itself), future/present ("will meet on Thursday", "talks
  begin on Monday") → the first such day on or after P;
- months without a year ("early November", "in March") and month-days without a year
  ("Dec. 17") follow the same tense rule; with no verb, the reading nearest to P;
- today/yesterday/tomorrow/tonight; this/last/next week (ISO week), month, year;
  "N days/weeks/months/years ago";
- seasons are given at **year** granularity (the year the season starts in: "this
  winter" in December 2021 is ``2021``), never as a month they may not fit;
- decades ("the 1990s") are left out: no granularity of the contract fits them.

Candidates come from patterns over the text (compiled once); spaCy DATE entities
vouch for bare years and ambiguous month names ("May", "March").
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator

from spacy.tokens import Doc, Token

from ..nlp.pipeline import doc_text
from ..records import Span, TimeExpr
from .base import Context

MONTHS = {name: i for i, names in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), 1) for name in names}
WEEKDAYS = {name: i for i, names in enumerate((
    ("Monday", "Mon"), ("Tuesday", "Tue", "Tues"), ("Wednesday", "Wed"), ("Thursday", "Thu", "Thurs"),
    ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"))) for name in names}
_FULL_WEEKDAYS = "|".join(n for n in WEEKDAYS if len(n) > 4)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}
_MOD = r"(?P<mod>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end|mid-))"
_MONTH_RE = rf"(?P<month>{_MONTH})\b(?:\.(?=\s*\d))?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_WORDS = r"(?:,?\s+(?P<yrel>(?i:last|this|next))\s+year\b)?"  # "December 15 this year"

# (kind, pattern): tried in order; overlapping matches keep the longest.
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p)) for k, p in (
    ("iso", r"\b(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dmy", rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+(?P<year>\d{{4}})\b"),
    ("mdy", rf"\b{_MONTH_RE}\s+{_DAY_RE},?\s+(?P<year>\d{{4}})\b"),
    ("md", rf"\b{_MONTH_RE}\s+{_DAY_RE}\b(?![:.]?\d){_YEAR_WORDS}"),
    ("dm", rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}{_YEAR_WORDS}"),
    ("my", rf"(?:\b{_MOD}[\s-]*)?\b{_MONTH_RE}\s+(?:of\s+)?(?P<year>\d{{4}})\b"),
    ("m", rf"(?:\b(?P<rel>(?i:last|next|this|past|coming))\s+|\b{_MOD}[\s-]*)?\b{_MONTH_RE}"),
    ("y", rf"(?:\b{_MOD}[\s-]*)?(?<![\d$£€.,])\b(?P<year>1[89]\d\d|20\d\d)\b(?![,.]?\d|%|\s*(?:percent|per\s+cent))"),
    ("wd", rf"(?:\b(?P<rel>(?i:last|next|this|coming|past))\s+)?\b(?P<wd>{_FULL_WEEKDAYS})\b"),
    ("day", r"\b(?i:(?P<word>today|tonight|yesterday|tomorrow)|this\s+(?P<part>morning|afternoon|evening))\b"),
    ("rel", r"\b(?P<rel>(?i:last|next|this|coming))\s+(?P<unit>(?i:week|weekend|month|year))\b"),
    ("ago", r"\b(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
            r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
    ("season", r"\b(?:(?P<rel>(?i:last|next|this|the))\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
               r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b"),
))

# What every match of a pattern contains (the same sub-patterns): a text without it skips
# the pattern, whose optional lead-in makes it slow to search for ("early", "last").
_NEEDS: dict[str, re.Pattern] = {
    **dict.fromkeys(("dmy", "mdy", "md", "dm", "my", "m"), re.compile(_MONTH)),
    "y": re.compile(r"1[89]\d\d|20\d\d"),
    "wd": re.compile(_FULL_WEEKDAYS),
    "ago": re.compile(r"(?i:ago)"),
    "season": re.compile(r"(?i:spring|summer|autumn|fall|winter)"),
}
_NEEDED = tuple(dict.fromkeys(_NEEDS.values()))

# words before a bare four-digit number that make it a year
_YEAR_CUES = {"in", "since", "until", "till", "by", "from", "to", "of", "before", "after", "during",
              "early", "late", "mid", "the", "year", "and", "between", "through", "or", "-", "–",
              "summer", "spring", "autumn", "fall", "winter", "end", "start", "beginning", "as", "than"}
# words before "May"/"March"/... that make them months rather than verbs
_MONTH_CUES = {"in", "since", "until", "till", "by", "from", "to", "of", "before", "after", "during",
               "early", "late", "mid", "last", "next", "this", "through", "between", "and", "end",
               "-", "on", "past", "coming", "or"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "going", "gon"}
_FUTURE_HEADS = {"plan", "expect", "intend", "schedule", "set", "due", "hope", "aim", "prepare",
                 "agree", "want", "seek", "propose", "suggest", "able", "go"}


def extract_times(ctx: Context) -> Iterable[TimeExpr]:
    doc, text, pub = ctx.doc, ctx.article.text, ctx.published
    for kind, m in _candidates(doc_text(doc)):
        resolved = _resolve(kind, m, doc, pub)
        if resolved is None:
            continue
        (start, end), value, granularity, anchored = resolved
        yield TimeExpr(Span.of(text, start, end), value, granularity, anchored)


def _candidates(text: str) -> Iterator[tuple[str, re.Match]]:
    """Pattern matches, longest first where they overlap, in text order."""
    present = {needed: needed.search(text) is not None for needed in _NEEDED}
    found = [(kind, m) for kind, pat in _PATTERNS if present.get(_NEEDS.get(kind), True)
             for m in pat.finditer(text)]
    found.sort(key=lambda km: (km[1].start(), -(km[1].end() - km[1].start())))
    last_end = -1
    for kind, m in found:
        if m.start() >= last_end:
            last_end = m.end()
            yield kind, m


def _resolve(kind: str, m: re.Match, doc: Doc, pub: dt.date | None):
    g = m.groupdict()
    span = (m.start(), m.end())
    if kind == "iso":
        d = _date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return d and (span, d.isoformat(), "day", False)
    if kind in ("dmy", "mdy"):
        d = _date(int(g["year"]), MONTHS[g["month"]], int(g["day"]))
        return d and (span, d.isoformat(), "day", False)
    if kind in ("md", "dm"):
        if pub is None or not _month_ok(doc, m.start("month"), g["month"], strict=kind == "dm"):
            return None
        month, day = MONTHS[g["month"]], int(g["day"])
        years = (pub.year - 1, pub.year, pub.year + 1)
        if g["yrel"]:  # "on December 15 this year"
            years = (pub.year + {"last": -1, "this": 0, "next": 1}[g["yrel"].lower()],)
        options = [d for y in years if (d := _date(y, month, day))]
        if not options:
            return None
        return span, _pick(options, pub, _tense(doc, m.start(), m.end())).isoformat(), "day", True
    if kind == "my":
        if not _month_ok(doc, m.start("month"), g["month"], strict=False):
            return None
        return span, f"{int(g['year']):04d}-{MONTHS[g['month']]:02d}", "month", False
    if kind == "m":
        if pub is None or not _month_ok(doc, m.start("month"), g["month"], strict=not (g["rel"] or g["mod"])):
            return None
        return span, _month_value(MONTHS[g["month"]], (g["rel"] or "").lower(), doc, m, pub), "month", True
    if kind == "y":
        if not _year_ok(doc, m):
            return None
        return span, g["year"], "year", False
    if pub is None:
        return None  # everything below is relative
    if kind == "wd":
        return span, _weekday(WEEKDAYS[g["wd"]], (g["rel"] or "").lower(), doc, m, pub).isoformat(), "day", True
    if kind == "day":
        word = (g["word"] or "today").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return span, (pub + dt.timedelta(days=shift)).isoformat(), "day", True
    if kind == "rel":
        return _relative(span, g["rel"].lower(), g["unit"].lower(), pub)
    if kind == "ago":
        return _ago(span, g["n"].lower(), g["unit"].lower(), pub)
    if kind == "season":
        return _season(span, g, doc, m, pub)
    return None


def _date(y: int, mo: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _month_ok(doc: Doc, char: int, name: str, *, strict: bool) -> bool:
    """Is this capitalised word a month here? "May" and "March" need a cue
    (a DATE entity, a preposition or modifier before them); others need to be proper nouns."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    if tok.ent_type_ == "DATE":
        return True
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if name in ("May", "March", "Jan", "Mar", "Sat", "Sun", "Dec", "Sept") or strict:
        return prev in _MONTH_CUES or (tok.i + 1 < len(doc) and doc[tok.i + 1].like_num)
    return tok.pos_ == "PROPN" or prev in _MONTH_CUES


def _year_ok(doc: Doc, m: re.Match) -> bool:
    """A bare four-digit number is a year in a DATE entity or after a cue word."""
    if m.group("mod"):
        return True
    tok = _token_at(doc, m.start("year"))
    if tok is None or tok.text != m.group("year") and not tok.text.startswith(m.group("year")):
        return False
    if tok.ent_type_ == "DATE":
        return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is None:
        return False
    return prev.lower_ in _YEAR_CUES or prev.text in MONTHS or prev.tag_ == "POS"


def _tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "future" or None for the verb governing the characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    first = span[0]
    if first.i > 0 and doc[first.i - 1].lower_ == "since":
        return "past"  # "since February 24"
    tok = _governing_verb(span.root)
    for _ in range(3):
        if tok is None:
            return None
        tense = _verb_tense(tok)
        if tense != "infinitive":
            return tense
        # "will be able to do this through late September": ask the verb above
        if tok.head.lemma_.lower() in _FUTURE_HEADS or tok.head.lower_ == "going":
            return "future"
        tok = _governing_verb(tok.head) if tok.head.i != tok.i else None
    return None


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _verb_tense(tok: Token) -> str | None:
    """"past", "future", "infinitive" (decided by the verb above) or None."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if {c.lower_ for c in auxes} & _FUTURE_AUX:
        return "future"
    if any(c.lower_ == "to" for c in auxes):
        return "infinitive"  # "plans to meet on Friday"
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"  # simple past, or perfect: "has been defending since ..."
    if tok.tag_ == "VBN":
        # "scheduled for December 15", "planned for May": arranged, so ahead
        return "future" if tok.lemma_.lower() in _FUTURE_HEADS and not auxes else "past"
    if tok.tag_ in ("VBZ", "VBP") or (tok.tag_ == "VBG" and auxes):
        return "future"  # present or progressive: "talks begin on Monday", "is meeting on Friday"
    return None


def _pick(options: list[dt.date], pub: dt.date, tense: str | None) -> dt.date:
    if tense == "past":
        before = [d for d in options if d <= pub]
        if before:
            return max(before)
    elif tense == "future":
        after = [d for d in options if d >= pub]
        if after:
            return min(after)
    return min(options, key=lambda d: (abs((d - pub).days), d > pub))


def _weekday(target: int, rel: str, doc: Doc, m: re.Match, pub: dt.date) -> dt.date:
    today = pub.weekday()
    if rel in ("last", "past"):
        return pub - dt.timedelta(days=(today - target - 1) % 7 + 1)
    if rel in ("next", "coming"):
        return pub + dt.timedelta(days=(target - today - 1) % 7 + 1)
    if _tense(doc, m.start("wd"), m.end("wd")) == "future":
        return pub + dt.timedelta(days=(target - today) % 7)
    return pub - dt.timedelta(days=(today - target) % 7)


def _month_value(month: int, rel: str, doc: Doc, m: re.Match, pub: dt.date) -> str:
    y = pub.year
    if rel in ("last", "past"):
        year = y if month < pub.month else y - 1
    elif rel in ("next", "coming"):
        year = y if month > pub.month else y + 1
    elif rel == "this":
        year = y
    else:
        options = [dt.date(yy, month, 1) for yy in (y - 1, y, y + 1)]
        this_month = pub.replace(day=1)
        tense = _tense(doc, m.start("month"), m.end("month"))
        year = _pick(options, this_month, tense).year
    return f"{year:04d}-{month:02d}"


def _iso_week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _relative(span, rel: str, unit: str, pub: dt.date):
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "week":
        return span, _iso_week(pub + dt.timedelta(weeks=step)), "week", True
    if unit == "weekend":
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)  # coming (or this) Saturday
        if pub.weekday() == 6:
            saturday = pub - dt.timedelta(days=1)
        return span, _iso_week(saturday + dt.timedelta(weeks=step)), "week", True
    if unit == "month":
        idx = pub.year * 12 + pub.month - 1 + step
        return span, f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", True
    return span, f"{pub.year + step:04d}", "year", True


def _ago(span, n_text: str, unit: str, pub: dt.date):
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    if unit == "day":
        return span, (pub - dt.timedelta(days=n)).isoformat(), "day", True
    if unit == "week":
        return span, _iso_week(pub - dt.timedelta(weeks=n)), "week", True
    if unit == "month":
        idx = pub.year * 12 + pub.month - 1 - n
        return span, f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", True
    return span, f"{pub.year - n:04d}", "year", True


def _season(span, g: dict, doc: Doc, m: re.Match, pub: dt.date):
    season = g["season"].lower()
    rel = (g["rel"] or "").lower()
    if g["year"]:
        return span, g["year"], "year", False
    if season == "fall" and rel not in ("last", "next", "this"):
        return None  # "the fall of Kabul"
    if not rel:
        return None  # a bare "spring" is too often not a season
    start_month = _SEASON_START[season]
    # the start of the latest such season on or before publication
    latest = pub.year if pub.month >= start_month else pub.year - 1
    current = (pub.year * 12 + pub.month) - (latest * 12 + start_month) < 3
    upcoming = latest if current else latest + 1
    if rel == "last":
        year = latest - 1 if current else latest
    elif rel == "next":
        year = latest + 1
    else:  # "this", "the"
        tense = _tense(doc, m.start("season"), m.end("season"))
        if rel == "the" and tense is None:
            return None
        year = latest if (current or tense == "past") else upcoming
    return span, f"{year:04d}", "year", True
