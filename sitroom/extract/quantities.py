"""Quantities: numbers with what they count, normalised ("more than $450 million" → 450000000 USD).

A quantity is a number phrase (digits, number words, "a dozen", "tens of thousands",
scale words "million"/"bn"/"k") with a unit — an ISO currency code, ``percent``, a
measure (``km``), a duration (``days``) or the counted thing (``troops``, ``people killed``,
or, for things the lexicon does not know, the noun as written: ``countries``).
Numbers without any unit are left out, and so are years, dates, times of day, ordinals,
phone numbers and numbers inside names ("G7", "Covid-19", "Article 5", "Nord Stream 2").

Currencies come by symbol ("A$", "₦", "Rs", "R", "Sh"; a symbol that is a letter or word
needs a scale, separators or the country's context), by code and by name; a name several
countries share ("dollars", "pesos", "Rs") takes the article's own country
(``money_home.LocalCurrency``). Scale words include "lakh" and "crore". Ages ("a 34-year-old",
"aged 72", "the singer, 58,") are ``years``; fractions of a whole ("a third of", "two-thirds
of", "one in five") are ``fraction`` with the ratio as value; lengths of time NER calls TIME
("72 hours") are read. "rose $2.10 to $84.50" is a change and a level, not a range; a bare
number set against a counted one ("312 votes to 248") or part of a counted whole ("12 of its
last 15 matches") takes that unit; a number-hyphen-noun compound ("a 10-day visit") counts the
noun.

``approx`` comes from the words around the number (``data/approximators.tsv``); a vague
plural ("thousands of", "tens of thousands of") is its smallest reading with
``more_than``; a range ("90 to 100", "between 90 and 100") is ``range`` with
``Quantity.high``. ``of`` is the span of what is counted ("Russian troops") or, for money
and percentages, the noun phrase after in/of/for ("security assistance").

The lexicons are ``data/units.tsv`` and ``data/approximators.tsv``.
"""
from __future__ import annotations

import re
from typing import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from ..records import Quantity, Span
from .base import Context, token_columns
from .money_home import LocalCurrency
from .quantity_fractions import _FRACTIONS, fraction_at
from .quantity_lexicon import Lexicon, known_units, lexicon
from .quantity_numbers import _approx_after, _approx_before, _base, _Num, _number_at, _percent_sign
from .quantity_units import _AGE, _PERSON_UNITS, _TIME_OF_DAY, _unit
from .times import MONTHS, WEEKDAYS

_PHONE = re.compile(r"^\+\d|^\d+(?:-\d+){2,}$|^\(\d+\)$")
_DURING = {"for", "after", "in", "of", "within", "than"}  # "for over two months": "over" = more than


#: words that set a bare number against a counted one ("312 votes to 248", "3 goals against 1")
_VERSUS = {"to", "against", "versus", "vs", "vs."}


def extract_quantities(ctx: Context) -> Iterable[Quantity]:
    doc, text = ctx.doc, ctx.article.text
    lex = lexicon()
    home = LocalCurrency(doc, lex.local)
    starts, digits = _start_tokens(doc, lex)
    blocked = _blocked_tokens(ctx, digits, lex)
    i, n = 0, len(doc)
    last: tuple[int, str] | None = None  # (token after the last counted quantity, its unit)
    while i < n:
        if i in starts and i not in blocked:
            frac = fraction_at(doc, text, i, lex)
            if frac is not None:
                yield frac[0]
                i = frac[1]
                continue
        num = None if i in blocked or i not in starts else _number_at(doc, i, lex, home)
        if num is None or _is_identifier(doc, num, lex):
            i += 1
            continue
        carry = last[1] if last and last[0] == num.start - 1 and doc[num.start - 1].lower_ in _VERSUS else None
        q = _quantity(doc, text, num, lex, blocked, home, carry)
        if q is not None:
            yield q[0]
            i = max(q[1], i + 1)
            counted = q[0].of is not None or q[0].unit == carry
            last = (q[1], q[0].unit) if counted else None
        else:
            i = num.end


_ANY_DIGIT = re.compile(r"\d")


def _start_tokens(doc: Doc, lex: Lexicon) -> tuple[set[int], list[int]]:
    """The tokens a number phrase can start at (:func:`_number_at` is None elsewhere: a
    currency symbol, a token with a digit, a number or vague word, "a"/"an"/"half"), and
    those with a digit; from the tokens' integer attributes, each token's text decoded once."""
    strings = doc.vocab.strings
    words = {strings[w] for w in (*lex.numbers, *lex.vague, *lex.fractions, "a", "an", "one", "half")}
    symbols = {strings[w] for w in lex.symbols}
    starts: set[int] = set()
    digits: list[int] = []
    has_digit: dict[int, bool] = {}
    for i, (orth, lower) in enumerate(token_columns(doc, (ORTH, LOWER))):
        digit = has_digit.get(orth)
        if digit is None:
            digit = has_digit[orth] = _ANY_DIGIT.search(strings[orth]) is not None
        if digit:
            digits.append(i)
            starts.add(i)
        elif lower in words or orth in symbols:
            starts.add(i)
    return starts, digits


def _blocked_tokens(ctx: Context, digits: list[int], lex: Lexicon) -> set[int]:
    """Tokens no quantity may start at: time expressions, dates, times of day, ordinals."""
    doc = ctx.doc
    out: set[int] = set()
    for t in ctx.found.get("times") or ():
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ == "ORDINAL":  # "third"; a token with digits ("90bn" mislabelled) is read, "2nd" is not a number
            out.update(t.i for t in ent if not _ANY_DIGIT.search(t.text))
        elif ent.label_ == "TIME" and not _is_length_of_time(ent):
            out.update(range(ent.start, ent.end))
        elif ent.label_ == "DATE" and _is_date(ent) and not _AGE.search(ent.text):
            m = lex.amount.match(ent[0].text)
            first = ent.start + 1 if m and m.group("suf") in lex.suffixes else ent.start  # "128F last summer"
            out.update(range(first, ent.end))
    for i in digits:  # every _PHONE match has a digit
        if _PHONE.match(doc[i].text):
            out.add(i)
    return out


_CLOCK = {"a.m.", "p.m.", "am", "pm", "noon", "midnight", "morning", "evening", "afternoon", "night",
          "tonight", "dawn", "dusk", "o'clock"}


def _is_length_of_time(ent) -> bool:
    """A TIME entity that measures time ("72 hours", "9.83 seconds", "2 hours 5 minutes"),
    not a clock time ("10:30", "8 am", "Tuesday night")."""
    words = [t.lower_ for t in ent]
    return (ent[-1].lemma_.lower() in ("second", "minute", "hour") and any(t.like_num for t in ent)
            and not any(w in _CLOCK or ":" in w for w in words))


def _is_date(ent) -> bool:
    """A DATE entity that names a point in time ("December 17", "two days ago", "a
    60-year-old"), not a length of time ("three days") or a mislabelled count."""
    words = {t.lower_ for t in ent if t.pos_ != "VERB"}  # "will last four days": a verb, not "last"
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lower_ in ("ago", "old", "later", "earlier"):
        return True
    return bool(words & _DATE_WORDS) or any(t.text in MONTHS or t.text in WEEKDAYS for t in ent) \
        or any(len(t.text) == 4 and t.text.isdigit() for t in ent)


_DATE_WORDS = {"ago", "old", "later", "earlier", "next", "last", "this", "today", "yesterday",
               "tomorrow", "year-old", "mid", "early", "late"}


def _is_identifier(doc: Doc, num: _Num, lex: Lexicon) -> bool:
    """Numbers that are part of a name or reference: "Article 5", "Nord Stream 2", "G 7"."""
    if num.currency or num.start == 0 or num.scaled:
        return False  # "cost Warsaw 12 billion zlotys": a scale word makes it an amount
    prev = doc[num.start - 1]
    if prev.lower_ in lex.identifiers or prev.lower_.rstrip(".") in lex.identifiers:
        return True
    if prev.pos_ == "PROPN" and (prev.is_title or prev.is_upper) and not prev.is_sent_start \
            and prev.ent_type_ not in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return True
    return False


def _change_then_level(doc: Doc, num: _Num, other: _Num, lex: Lexicon) -> bool:
    """ "rose $2.10 to $84.50", "fell 40p to 310p": a verb of change, the change, then "to"
    and the level reached — two amounts, not a range. Only when each amount writes its own
    currency symbol or unit ("rose 12p to 340p"); "rose 10 to 12 percent", "rose by 10 to 12
    percent" and "grew 10%-12%" stay ranges."""
    def unit_written(x: _Num) -> bool:
        return bool(x.symbol or x.marked or _percent_sign(doc, x.end))

    if num.start == 0 or doc[num.end].lower_ != "to" or not (unit_written(num) and unit_written(other)):
        return False
    verb = doc[num.start - 1]
    return verb.lemma_.lower() in lex.changes and verb.pos_ == "VERB"


def _quantity(doc: Doc, text: str, num: _Num, lex: Lexicon, blocked: set[int],
              home: LocalCurrency | None = None, carry: str | None = None) -> tuple[Quantity, int] | None:
    start, end = num.start, num.end
    value, high, currency = num.value, num.high, num.currency
    approx = "range" if high is not None else "more_than" if num.vague else "exact"
    # ranges: "90 to 100", "90-100", "between 90 and 100", "from 90 to 100", "40% to 50%"
    skip = _percent_sign(doc, end)
    if skip and high is None and end + skip + 1 < len(doc) and doc[end + skip].lower_ in ("-", "–", "to", "and"):
        other = _number_at(doc, end + skip + 1, lex, home)
        if other is not None and _percent_sign(doc, other.end) and other.value > value \
                and (doc[end + skip].lower_ != "and" or start > 0 and doc[start - 1].lower_ == "between") \
                and not (start > 0 and doc[start - 1].lemma_.lower() in lex.changes and doc[end + skip].lower_ == "to"):
            high, approx, end = other.value, "range", other.end
            if start > 0 and doc[start - 1].lower_ in ("between", "from"):
                start -= 1
    if high is None and end + 1 < len(doc) and doc[end].lower_ in ("-", "–", "to", "and") and (end + 1) not in blocked:
        other = _number_at(doc, end + 1, lex, home)
        before = doc[start - 1].lower_ if start > 0 else ""
        joiner = doc[end].lower_
        if other is not None and (joiner != "and" or before == "between") and not other.vague \
                and not (num.year_like or other.year_like) and not _change_then_level(doc, num, other, lex):
            lo = value
            if not num.scaled and other.scaled:
                scale = other.value / _base(doc, other, lex)
                lo = value * scale
            if lo < other.value:
                value, high, approx, end = lo, other.value, "range", other.end
                currency = currency or other.currency
                if before in ("between", "from"):
                    start -= 1
    if end < len(doc) and (doc[end].lower_ in _TIME_OF_DAY
                           or (doc[end].text in ("-", "/") and end + 1 < len(doc)
                               and doc[end + 1].lower_.rstrip("s") in _FRACTIONS)):
        return None  # "8 am", "two-thirds"
    # approximators before the number
    if approx == "exact":  # not after vague plurals: "talking about tens of thousands"
        found = _approx_before(doc, start, lex)
        if found:
            approx, start = found
    # the unit: currency word, percent, measure, duration, counted noun
    unit, of, span_end, last = _unit(doc, text, end, lex, currency, num, home)
    if unit is None and carry is not None:
        unit, span_end, last = carry, end, end  # "312 votes to 248": the bare number counts the same
    if unit is None and high is None and end + 1 < len(doc) and doc[end].lower_ in ("to", "against"):
        other = _number_at(doc, end + 1, lex, home)
        if other is not None and _percent_sign(doc, other.end):
            unit, span_end, last = "percent", end, end  # "won 52 to 48 percent": the bare end shares the unit
    if unit is None:
        return None
    if num.year_like and unit not in ("percent",) and lex.units.get(unit.rstrip("s"), ("", ""))[1] not in ("counted",) \
            and unit not in _PERSON_UNITS and not currency:
        return None
    if num.words and num.value <= 1 and not num.scaled and (
            doc[num.end].lower_ == "of" or unit not in known_units()):
        return None  # "one" as a pronoun or determiner: "one of the issues", "one side"
    if lex.units.get(unit.rstrip("s"), ("", ""))[1] == "duration" and doc[start].lower_ in ("over", "under") \
            and (start == 0 or doc[start - 1].lower_ not in _DURING):
        approx, start = "exact", start + 1  # "transferred ... over nine months": during, not more than
    if start > 0 and doc[start - 1].lower_ == "minus" and lex.units.get(unit.rstrip("s"), ("", ""))[1] == "measure":
        value, start = -value, start - 1  # "minus 20 degrees"
    after = _approx_after(doc, span_end, lex) or _approx_after(doc, last, lex)
    if after and approx == "exact":
        approx = after
    tail = doc[span_end - 1]
    tail_end = tail.idx + len(tail)
    if tail.text.endswith(".") and len(tail) > 1 and (tail.lower_.rstrip(".") in lex.scales or (
            tail.text[:-1].replace("/", "").isalnum() and (tail.i + 1 == len(doc) or doc[tail.i + 1].is_sent_start))):
        tail_end -= 1  # "$5m.", "274.5 pence." at the end of a sentence: the full stop is not the unit's
    span = Span.of(text, doc[start].idx, tail_end)
    return Quantity(span, value, unit, approx, of, high), max(last, end)


