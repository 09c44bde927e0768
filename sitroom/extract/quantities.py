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
from dataclasses import dataclass
from typing import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from ..records import Quantity, Span
from .base import Context, token_columns
from .money_home import LocalCurrency
from .quantity_lexicon import Lexicon, known_units, lexicon
from .times import MONTHS, WEEKDAYS

#: a range written as one token: "$1bn-$2bn", "10-15%"
_RANGE_TOKEN = re.compile(r"^(?P<a>[^-–]+)[-–](?P<b>[^-–]+)$")
_PHONE = re.compile(r"^\+\d|^\d+(?:-\d+){2,}$|^\(\d+\)$")
_TIME_OF_DAY = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs", "cet", "msk", "est", "edt", "bst"}
_PERSON_UNITS = {"people", "civilians", "troops", "personnel", "fighters", "children", "residents",
                 "workers", "refugees", "migrants", "prisoners", "hostages", "victims", "casualties"}
_NOUNISH = {"NOUN", "PROPN", "ADJ"}
#: words right after a number that say what happened to that many people ("14 dead")
_CASUALTY_WORDS = {"dead", "killed", "wounded", "injured", "detained", "arrested", "displaced"}
_FRACTIONS = {"half", "halve", "third", "quarter", "fourth", "fifth", "tenth"}
_DURING = {"for", "after", "in", "of", "within", "than"}  # "for over two months": "over" = more than


@dataclass
class _Num:
    """A number phrase: tokens [start, end), its value, currency and flags."""

    start: int
    end: int
    value: float
    currency: str | None = None
    scaled: bool = False
    vague: bool = False
    words: bool = False  # spelled out ("two"), not digits
    year_like: bool = False
    high: float | None = None  # upper bound of a range written as one token ("$1bn-$2bn")
    symbol: str | None = None  # the currency symbol as written ("Rs", "$")
    marked: bool = False  # a unit is written on the number itself ("5%", "340p", "44C")


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


#: an age written after the number: "34-year-old", "34 years old", "a five-year-old"
_AGE = re.compile(r"(?i)^[\s-]*years?[\s-]*old\b|\byears?[\s-]*old\b")
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


def _number_at(doc: Doc, i: int, lex: Lexicon, home: LocalCurrency | None = None) -> _Num | None:
    """The number phrase starting at token ``i``, or None. A currency symbol that is also a
    word or a letter ("R", "Sh", "Rs", "kr") makes an amount only when the number has a scale,
    a thousands separator or decimals, or the article is about a country that uses it."""
    tok = doc[i]
    currency = symbol = None
    j = i
    if tok.text in lex.symbols and j + 1 < len(doc):
        currency, symbol = lex.symbols[tok.text], tok.text
        j += 1
    num = _digits(doc, j, lex, currency) or (None if symbol else _words(doc, j, lex))
    if num is None:
        return None
    num.start = i
    if currency:
        num.currency = num.currency or currency
        num.symbol = num.symbol or symbol
    if num.symbol and home is not None:
        if num.symbol.rstrip(".").isalpha() and not (
                num.scaled or re.search(r"[,.]", doc[j].text) or home.uses(num.symbol)):
            return None  # "R2", "Sh5": a name or a grade, not an amount
        num.currency = home.code(num.symbol, num.currency)
    return num


def _digits(doc: Doc, j: int, lex: Lexicon, currency: str | None) -> _Num | None:
    tok = doc[j]
    m = lex.amount.match(tok.text)
    if not m:
        return _range_token(doc, j, lex, currency)
    if j > 1 and doc[j - 1].text == "-" and not doc[j - 2].whitespace_ and doc[j - 2].is_alpha:
        return None  # "Covid-19", "Su-35"
    raw = m.group("num")
    value = float(raw.replace(",", ""))
    if m.group("neg"):
        if m.group("sym") or (j > 0 and not doc[j - 1].whitespace_):
            return None  # "3-2", "$-5": a score or a typo, not a negative number
        value = -value
    num = _Num(j, j + 1, value, lex.symbols.get(m.group("sym") or ""), symbol=m.group("sym"))
    suf = (m.group("suf") or "").lower()
    if suf:
        if m.group("suf") in lex.suffixes:
            num.marked = True  # "44C": unit read by the caller
        elif suf in lex.scales and (suf != "m" or currency or num.currency or _noun_follows(doc, j + 1)
                                  or _currency_follows(doc, j + 1, lex)):
            num.value *= lex.scales[suf]
            num.scaled = True
        elif suf == "%":
            num.marked = True  # unit read by the caller from the token text
        elif suf not in lex.units:
            return None  # "5G", "1st", "3D"
        else:
            num.marked = True  # "3pp", "40kg"
    num.year_like = (not suf and "," not in raw and "." not in raw and len(raw) == 4
                     and 1800 <= value <= 2100)
    _scale_words(doc, num, lex, currency or num.currency)
    return num


def _range_token(doc: Doc, j: int, lex: Lexicon, currency: str | None) -> _Num | None:
    """A range written as one token, each end a number with its own symbol and scale
    ("$1bn-$2bn", "£3m-£5m"); a bare low end takes the high end's scale ("$1-2bn")."""
    r = _RANGE_TOKEN.match(doc[j].text)
    if not r:
        return None
    ends = []
    pct = _percent_sign(doc, j + 1) > 0
    for part in (r["a"], r["b"]):
        m = lex.amount.match(part)
        if not m:
            return None
        suf = (m.group("suf") or "").lower()
        if suf == "%":
            pct, suf = True, ""  # "10%-12%"
        if suf and suf not in lex.scales:
            return None
        ends.append((float(m.group("num").replace(",", "")), lex.scales.get(suf, 1.0),
                     lex.symbols.get(m.group("sym") or "")))
    (lo, lo_scale, lo_cur), (hi, hi_scale, hi_cur) = ends
    cur = currency or lo_cur or hi_cur
    if cur is None and not pct:
        return None  # "1990-1995", "3-2": a span of years or a score
    end = j + 1
    if hi_scale == 1.0 and end < len(doc) and doc[end].lower_.rstrip(".") in lex.scales:
        hi_scale = lex.scales[doc[end].lower_.rstrip(".")]  # "£3m-£5" "m": the tokenizer split the scale off
        end += 1
    lo *= lo_scale if lo_scale != 1.0 else hi_scale
    hi *= hi_scale
    if not lo < hi:
        return None
    return _Num(j, end, lo, cur, scaled=hi_scale != 1.0, high=hi)


def _currency_follows(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Is the word at ``k`` a currency's name or code ("154m naira", "5m AUD")?"""
    if k >= len(doc):
        return False
    lemma, low = doc[k].lemma_.lower(), doc[k].lower_
    return (any(w in lex.currencies or w in lex.local for w in (lemma, low, low[:-1] if low.endswith("s") else low))
            or doc[k].text in lex.symbols and doc[k].text.isupper())


def _noun_follows(doc: Doc, k: int) -> bool:
    return k < len(doc) and doc[k].pos_ in ("NOUN", "ADJ")


def _counted_follows(doc: Doc, num: _Num, lex: Lexicon) -> bool:
    """Does a plural noun follow the "m" after this number, so that "m" is "million" and
    not metres ("1.2m vehicles", "2m people", "1m barrels"), other than a race ("the 400m
    hurdles")?"""
    k = num.end + 1
    if k >= len(doc) or doc[k].tag_ not in ("NNS", "NNPS") or doc[k].lower_ in lex.races:
        return False
    return True


def _scale_words(doc: Doc, num: _Num, lex: Lexicon, currency: str | None) -> None:
    while num.end < len(doc):
        t = doc[num.end]
        low = t.lower_
        if low.endswith(".") and len(low) > 1 and (t.i + 1 == len(doc) or doc[t.i + 1].is_sent_start):
            low = low[:-1]  # "£85m." at the end of a sentence
        if low in lex.scales and len(low) > 2 or low in ("bn", "mn", "mln", "bln", "tn", "trn"):
            num.value *= lex.scales[low]
        elif low == "m" and (currency or _currency_follows(doc, num.end + 1, lex)  # "154 m naira"
                             or _counted_follows(doc, num, lex)):  # "1.2m vehicles", "3m refugees"
            num.value *= lex.scales["m"]
        else:
            break
        num.scaled = True
        num.year_like = False
        num.end += 1


def _words(doc: Doc, j: int, lex: Lexicon) -> _Num | None:
    """Spelled-out numbers: "two", "twenty-five", "a dozen", "half a million",
    "tens of thousands" (vague)."""
    tok = doc[j]
    low = tok.lower_
    # vague plurals: "thousands of", "tens of thousands of", "dozens of"
    if low in lex.vague and j + 1 < len(doc) and doc[j + 1].lower_ == "of":
        value, end = lex.vague[low], j + 1
        if j + 2 < len(doc) and doc[j + 2].lower_ in lex.vague and doc[j + 2].lower_ not in ("tens", "dozens"):
            value, end = value * lex.vague[doc[j + 2].lower_], j + 3
        return _Num(j, end, value, vague=True, words=True)
    if low in lex.vague and low not in ("tens",) and j + 1 < len(doc) and doc[j + 1].lower_ in _CASUALTY_WORDS:
        return _Num(j, j + 1, lex.vague[low], vague=True, words=True)  # "dozens wounded"
    share = _share_of_scale(doc, j, lex)
    if share is not None:
        return share
    k, total, current, seen = j, 0.0, 0.0, False
    if low in ("a", "an", "one") and j + 1 < len(doc) and doc[j + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
        current, k, seen = 1.0, j + 1, True
    elif low == "half" and j + 2 < len(doc) and doc[j + 1].lower_ == "a" and doc[j + 2].lower_ in lex.scales:
        current, k, seen = 0.5, j + 2, True
    elif low == "half" and j + 3 < len(doc) and doc[j + 1].lower_ == "a" \
            and _unit_phrase(doc[j + 2:j + 4], lex) is not None:
        return _Num(j, j + 2, 0.5, words=True)  # "half a percentage point"
    while k < len(doc):
        w = doc[k].lower_
        if w in lex.numbers and w not in ("half", "quarter") and (doc[k].pos_ == "NUM" or w == "dozen"):
            current += lex.numbers[w] if w != "dozen" else 0
            if w == "dozen":
                current = (current or 1) * 12
            seen = True
        elif w in lex.scales and len(w) > 2 and seen:
            if w == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * lex.scales[w]
                current = 0
        elif w in ("-", "and") and seen and k + 1 < len(doc) and doc[k + 1].lower_ in lex.numbers \
                and doc[k + 1].pos_ == "NUM" and (w == "-" or doc[k - 1].lower_ == "hundred"):
            pass
        else:
            break
        k += 1
    if not seen:
        return None
    value = total + current
    scaled = any(doc[x].lower_ in lex.scales and len(doc[x].lower_) > 2 for x in range(j, k))
    return _Num(j, k, value, scaled=scaled, words=True)


def _share_of_scale(doc: Doc, j: int, lex: Lexicon) -> _Num | None:
    """ "a quarter of a million", "three-quarters of a billion": a fraction of a scale word."""
    n = len(doc)
    low = doc[j].lower_
    top = 1.0 if low in ("a", "an", "one") else lex.numbers.get(low) if doc[j].pos_ == "NUM" else None
    if top is None:
        return None
    k = j + 1
    if k < n and doc[k].text in ("-", "–") and not doc[k].whitespace_:
        k += 1
    if k + 3 >= n or doc[k].lower_.rstrip("s") not in lex.fractions or doc[k + 1].lower_ != "of" \
            or doc[k + 2].lower_ not in ("a", "an") or doc[k + 3].lower_ not in lex.scales or len(doc[k + 3]) < 3:
        return None
    value = top * lex.fractions[doc[k].lower_.rstrip("s")] * lex.scales[doc[k + 3].lower_]
    return _Num(j, k + 4, value, scaled=True, words=True)


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


def _percent_sign(doc: Doc, end: int) -> int:
    """How many tokens at ``end`` spell "percent" ("%", "percent", "per cent"), or 0."""
    if end >= len(doc):
        return 0
    low = doc[end].lower_
    if low in ("%", "percent", "pct"):
        return 1
    return 2 if low == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent" else 0


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


def _base(doc: Doc, num: _Num, lex: Lexicon) -> float:
    """The value of ``num`` without its scale words (for "1-2 billion")."""
    m = lex.amount.match(doc[num.start].text) or (lex.amount.match(doc[num.start + 1].text) if num.start + 1 < num.end else None)
    if m:
        return float(m.group("num").replace(",", "")) or 1.0
    return num.value


def _approx_before(doc: Doc, start: int, lex: Lexicon) -> tuple[str, int] | None:
    longest = max((len(p) for p, _ in lex.approx_before), default=0)
    words = tuple(t.lower_ for t in doc[max(0, start - longest):start])
    for phrase, approx in lex.approx_before:
        k = len(phrase)
        if k <= len(words) and words[len(words) - k:] == phrase:
            return approx, start - k
    return None


def _approx_after(doc: Doc, end: int, lex: Lexicon) -> str | None:
    longest = max((len(p) for p, _ in lex.approx_after), default=0)
    words = tuple(t.lower_ for t in doc[end:end + longest])
    for phrase, approx in lex.approx_after:
        if words[:len(phrase)] == phrase and len(phrase) <= len(words):
            return approx
    return None


_NO_UNIT: tuple[None, None, int, int] = (None, None, 0, 0)


def _currency_name(doc: Doc, k: int, size: int, lex: Lexicon, home: LocalCurrency | None,
                   scaled: bool = True) -> str | None:
    """The currency code of the ``size`` words at ``k`` ("US dollars", "pesos", "kr"), the
    article's own country deciding a name several countries use; None if they name none.
    A word read as a verb names money only after a scale word ("3 trillion won")."""
    toks = doc[k:k + size]
    if len(toks) < size or size == 1 and toks[0].pos_ in ("VERB", "AUX") and not scaled:
        return None
    phrase = " ".join(t.lemma_.lower() for t in toks)
    surface = " ".join(t.lower_ for t in toks)
    if surface.endswith("s") and phrase == surface and surface[:-1] in lex.currencies:
        phrase = surface[:-1]  # "Euros" tagged as a name keeps its plural as its lemma
    code = lex.currencies.get(phrase) or lex.currencies.get(surface)
    if code is None and size == 1 and toks[0].is_upper and len(toks[0]) == 3 and toks.text in lex.symbols:
        code = lex.symbols[toks.text]  # an ISO code after the amount: "5 million USD"
    name = phrase if phrase in lex.local else surface if surface in lex.local else None
    if name is not None and home is not None:
        code = home.code(name, code or lex.symbols.get(toks.text))
    return code


def _weighed(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Does the sentence of token ``i`` speak of weight ("weighs", "weight", "heavier")?"""
    return any(t.lemma_.lower() in lex.weight_words for t in doc[i].sent)


def _unit(doc: Doc, text: str, end: int, lex: Lexicon, currency: str | None,
          num: _Num, home: LocalCurrency | None = None) -> tuple[str | None, Span | None, int, int]:
    """(unit, of-span, end of the quantity's span, token to resume at) for the number
    phrase ending at token ``end``; the span takes in unit words (currency, percent,
    measure) but not the counted noun phrase, which is ``of``."""
    n = len(doc)
    nxt = doc[end] if end < n else None
    if currency is None and nxt is not None:
        for k in (3, 2, 1):  # "US dollars", "pounds sterling"
            code = _currency_name(doc, end, k, lex, home, num.scaled)
            if code:
                currency, end = code, end + k
                break
    if currency == "GBP" and doc[end - 1].lemma_.lower() == "pound" and _weighed(doc, end - 1, lex):
        return "pounds", None, end, end  # "lost 20 pounds in weight": a weight, not sterling
    if currency:
        return currency, _of_phrase(doc, text, end, ("in", "of", "for", "worth")), end, end
    prev_text = doc[end - 1].text
    m = lex.amount.match(prev_text)
    if m and m.group("suf") in lex.suffixes:  # "44C", "115F"
        return lex.suffixes[m.group("suf")], None, end, end
    if nxt is not None:
        for k in (3, 2):  # "sq km", "km/h", "°C", "barrels per day", "miles per hour"
            toks = doc[end:end + k]
            if len(toks) == k and not any(t.is_sent_start for t in toks) and not toks[-1].is_punct:
                found = _unit_phrase(toks, lex)
                if found is not None and found[1] == "measure":
                    return found[0], None, end + k, end + k
    age = _age(doc, num, end)
    if age is not None:
        return age, None, end, end
    if nxt is not None and end + 1 < n and doc[end + 1].pos_ in ("NOUN", "PROPN") and doc[end + 1].tag_ != "NNS":
        found = _unit_phrase(doc[end:end + 1], lex)
        if found is not None and found[1] == "measure":
            return found[0], None, end + 1, end + 1  # "a 42.2 km course", "a 10 km race"
    if nxt is not None and nxt.lower_ == "m" and end + 1 < n and doc[end + 1].lower_ in lex.races:
        return "metres", None, end + 1, end + 1  # "the 400 m hurdles": "m" not read as million
    if num.start > 0 and doc[num.start - 1].lower_ in lex.prefixes:  # "magnitude 7.8"
        return lex.prefixes[doc[num.start - 1].lower_], None, end, end
    if nxt is None:
        return _toll(doc, end, lex)
    if prev_text.endswith("%") or nxt.text == "%" or nxt.lower_ in ("percent", "pct") \
            or (nxt.lower_ == "per" and end + 1 < n and doc[end + 1].lower_ == "cent"):
        k = 0 if prev_text.endswith("%") else (2 if nxt.lower_ == "per" else 1)
        e = end + k
        return "percent", _of_phrase(doc, text, e, ("of",)), e, e
    # "100 dead", "12 killed"
    if nxt.lower_ in lex.casualty and nxt.lower_ in _CASUALTY_WORDS:
        return lex.casualty[nxt.lower_], None, end + 1, end + 1
    # a measure or duration right after the number ("20 km", "three days", "5,000 tonnes")
    if m and m.group("suf") and m.group("suf").lower() in lex.units:
        return lex.units[m.group("suf").lower()][0], None, end, end
    compound = _hyphen_unit(doc, end, lex)
    if compound is not None:
        return compound[0], None, end + compound[1], end + compound[1]
    head, first = _counted_head(doc, end)
    if head is None:
        # "tens of thousands of troops", "100,000 of its troops"
        if nxt.lower_ == "of":
            whole = _part_of_whole(doc, end, lex)
            if whole is not None:
                return whole, None, end, end
            head, first = _counted_head(doc, end, skip_det=True)
            if head is None or head.tag_ not in ("NNS", "NNPS") and _lookup_unit(doc, head, lex) is None:
                return _NO_UNIT
        else:
            return _toll(doc, end, lex)
    code = _currency_name(doc, head.i, 1, lex, home)
    if code:  # "billions of dollars"
        return code, _of_phrase(doc, text, head.i + 1, ("in", "of", "for", "worth")), head.i + 1, head.i + 1
    unit = _lookup_unit(doc, head, lex)
    if unit is None:
        if head.tag_ == "NNPS" and head.ent_type_ == "NORP":
            unit = (head.lower_, "counted")  # "1.6m Muslims", "300 Americans"
        elif head.pos_ != "NOUN" or head.tag_ not in ("NNS", "NN") or len(head) < 2:
            return _NO_UNIT  # not "1m" split into "1" and a noun "m"
        elif head.tag_ != "NNS" and not (num.value == 1 or num.vague or num.scaled):
            return _NO_UNIT  # "32 Druzhby Narodiv boulevard": a number with a singular noun is a name
        else:
            unit = (head.lower_, "counted")
    name, kind = unit
    if kind in ("measure", "duration", "percent"):
        if head.i + 1 < n and doc[head.i + 1].lower_ in ("ago", "later", "earlier"):
            return _NO_UNIT  # a date ("two days ago"); "4.5 billion years old" is an age
        first_unit = end + 1 if doc[end].text == "-" else end
        if head.i == first_unit or _is_unit_phrase(doc[first_unit:head.i + 1], lex):
            return name, None, head.i + 1, head.i + 1  # "20 km", "a 20-km", "5 cubic metres"
        return _NO_UNIT  # "5 long days": not a measure reading
    of = Span.of(text, first.idx, head.idx + len(head))
    if head.lemma_.lower() not in lex.animals and head.lower_ not in lex.animals:
        name = _casualty(doc, head, lex, doc[end - 1]) or name  # "killed 200 cattle" counts cattle
    return name, of, end, head.i + 1


def _hyphen_unit(doc: Doc, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The unit of a number joined by a hyphen to a noun that, together, modify another
    noun: "a 10-day visit" → days, "a 20-km stretch" → km, "a 300-page report" → pages."""
    n = len(doc)
    if end + 2 >= n or doc[end].text not in ("-", "–") or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return None
    word, after = doc[end + 1], doc[end + 2]
    code = _currency_name(doc, end + 1, 1, lex, None)
    if code is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"):
        return code, 2  # "a 418bn-rand budget", "a billion-dollar deal"
    if after.text in ("-", "–") and not after.whitespace_ and end + 4 < n and doc[end + 4].pos_ in ("NOUN", "PROPN"):
        two = lex.units.get(f"{word.lower_} {doc[end + 3].lemma_.lower()}")
        if two is not None:
            return two[0], 4  # "a 25-basis-point rise", "a 10-percentage-point lead"
    if word.lower_ in lex.prefixes and after.pos_ in ("NOUN", "PROPN"):
        return lex.prefixes[word.lower_], 2  # "a 6.4-magnitude quake"
    if word.pos_ != "NOUN" or not word.is_alpha or after.pos_ not in ("NOUN", "PROPN", "ADJ") \
            or after.text in ("-", "–") or word.lower_ in lex.identifiers or word.lower_ in lex.uncounted:
        return None
    unit = _unit_phrase(doc[end + 1:end + 2], lex)
    if unit is not None:
        return unit[0], 2
    if not word.is_lower:
        return None  # "Four-Kings Intel": a name
    return _plural(word.lower_), 2


def _plural(w: str) -> str:
    """A regular English plural ("page" → "pages", "match" → "matches", "man" → "men")."""
    if w.endswith("man"):
        return w[:-3] + "men"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w if w.endswith("s") else w + "es"
    return w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s"


def _part_of_whole(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """The unit of the whole a number is part of: "12 of its last 15 matches", "230 of the
    460 seats" → the unit the whole's own counted noun gives ("matches", "seats")."""
    k, n = end + 1, len(doc)  # past the "of"
    while k < n and (doc[k].dep_ in ("det", "poss") or doc[k].pos_ == "ADJ" and not doc[k].like_num):
        k += 1
    if k >= n or not (doc[k].text.replace(",", "").isdigit() or doc[k].lower_ in lex.numbers and doc[k].pos_ == "NUM"):
        return None
    head, _ = _counted_head(doc, k + 1)
    if head is None or head.tag_ != "NNS":
        return None
    unit = _lookup_unit(doc, head, lex)
    return unit[0] if unit is not None and unit[1] == "counted" else head.lower_


def _age(doc: Doc, num: _Num, end: int) -> str | None:
    """ "years" when the number is someone's age: "a 34-year-old man", "34 years old",
    "aged 72", or a whole number set off by commas after a person ("the singer, 58,")."""
    v = num.value
    if num.currency or num.scaled or num.vague or num.high is not None or not (0 < v <= 125 and v == int(v)):
        return None
    n = len(doc)
    after = "".join(t.text_with_ws for t in doc[end:end + 4])
    if _AGE.match(after):
        return "years"
    before = doc[num.start - 1] if num.start > 0 else None
    if before is not None and (before.lower_ == "aged" or before.lower_ in ("between", "from", "over", "under")
                               and num.start > 1 and doc[num.start - 2].lower_ == "aged"):
        return "years"  # "aged 72", "aged between 18 and 24"
    if (before is not None and before.text in (",", "(") and num.start >= 2 and not num.words
            and end < n and doc[end].text in (",", ")") and num.end - num.start == 1):
        person = doc[num.start - 2]
        if person.ent_type_ == "PERSON" or person.tag_ == "NN" and person.pos_ == "NOUN":
            return "years"
    return None


def fraction_at(doc: Doc, text: str, i: int, lex: Lexicon) -> tuple[Quantity, int] | None:
    """A fraction of a whole at token ``i`` (unit ``fraction``, value a ratio): "a third of",
    "two-thirds of", "half of"/"half the", "one in five", "nine out of ten". A fraction word
    needs "a"/"one"/a number before it and "of" after ("the third of May" is a date); "half"
    needs "of" or a determiner after it ("half a million" is a number)."""
    n = len(doc)
    low = doc[i].lower_
    value, k = None, i
    before = doc[i - 1] if i > 0 else None
    if low in ("half",) and i + 1 < n and (doc[i + 1].lower_ == "of" or doc[i + 1].dep_ == "det"
                                           and doc[i + 1].lower_ not in ("a", "an")) \
            and not (before is not None and (before.dep_ in ("det", "poss") or before.ent_type_ == "ORDINAL"
                                             or before.lower_ in ("one", "first", "second"))):  # "the first half of"
        value, k = 0.5, i + 1
    elif low in ("a", "an", "one") or low in lex.numbers and doc[i].pos_ == "NUM":
        top = 1.0 if low in ("a", "an", "one") else lex.numbers[low]
        j = i + 1
        if j < n and doc[j].text in ("-", "–") and not doc[j].whitespace_:
            j += 1
        frac = doc[j].lower_.rstrip("s") if j < n else ""
        if frac in lex.fractions and frac != "half" and j + 1 < n and doc[j + 1].lower_ == "of" \
                and (top == 1 or doc[j].lower_.endswith("s")) and top * lex.fractions[frac] < 1:
            value, k = top * lex.fractions[frac], j + 1
    if value is None:
        ratio = _one_in(doc, i, lex)
        if ratio is None:
            return None
        value, k = ratio
    elif k + 2 < n and doc[k + 1].lower_ in ("a", "an") and doc[k + 2].lower_ in lex.scales:
        return None  # "a quarter of a million": a number, not a share
    start = i
    found = _approx_before(doc, start, lex)
    approx = "exact"
    if found:
        approx, start = found
    if doc[k].lower_ == "of":
        of, resume = _of_phrase(doc, text, k, ("of",)), k + 1
    else:
        head, first = _counted_head(doc, k)
        of = Span.of(text, first.idx, head.idx + len(head)) if head is not None else None
        resume = head.i + 1 if head is not None else k
    last = doc[k - 1]
    return Quantity(Span.of(text, doc[start].idx, last.idx + len(last)), value, "fraction", approx, of), resume


def _one_in(doc: Doc, i: int, lex: Lexicon) -> tuple[float, int] | None:
    """ "one in five", "1 in 10", "nine out of ten" at token ``i``: (ratio, token after)."""
    n = len(doc)
    a = _small_number(doc, i, lex)
    if a is None or i + 2 >= n:
        return None
    j = i + 1
    if doc[j].lower_ == "in":
        j += 1
    elif doc[j].lower_ == "out" and j + 2 < n and doc[j + 1].lower_ == "of":
        j += 2
    else:
        return None
    b = _small_number(doc, j, lex)
    if b is None or not 0 < a < b or doc[i].pos_ != "NUM" or doc[j].ent_type_ in ("DATE", "TIME") \
            or len(doc[j].text) == 4 and 1800 <= b <= 2100:
        return None  # "BBC One in 1978", "rose to 310 in 2004": a name or a year, not a ratio
    if j + 1 < n and (doc[j + 1].like_num or doc[j + 1].lower_ in lex.scales):
        return None  # "one in five million": leave it to the number reader
    return a / b, j + 1


def _small_number(doc: Doc, i: int, lex: Lexicon) -> float | None:
    t = doc[i]
    if t.text.isdigit():
        return float(t.text)
    if t.lower_ in lex.numbers and t.lower_ not in ("half", "quarter", "dozen") and t.pos_ == "NUM":
        return lex.numbers[t.lower_]
    return None


def _unit_phrase(toks, lex: Lexicon) -> tuple[str, str] | None:
    """The lexicon's (unit, kind) for these tokens as one unit: as written ("km/h", "°C"),
    or with the last word or every word as its lemma ("cubic metres", "degrees Celsius")."""
    if len(toks) > 3:
        return None
    for p in (toks.text.lower(), toks.text.lower().rstrip("."), " ".join(t.lower_ for t in toks),
              " ".join([*(t.lower_ for t in toks[:-1]), toks[-1].lemma_.lower()]),
              " ".join(t.lemma_.lower() for t in toks)):
        if p in lex.units:
            return lex.units[p]
    return None


def _is_unit_phrase(toks, lex: Lexicon) -> bool:
    """Are these tokens one multi-word unit of the lexicon ("cubic metres", "degrees Celsius")?"""
    return _unit_phrase(toks, lex) is not None


def _toll(doc: Doc, end: int, lex: Lexicon) -> tuple[str | None, Span | None, int, int]:
    """A bare number (no noun after it) counts people when a casualty verb governs it as
    its victim ("killing 12 and injuring 30", "at least 9 were wounded", "40 died"), and
    what a toll counts when a toll rises to it or stands at it ("the death toll rose to
    2,300", "the official toll stands at 45"); a toll with no word for what it counts
    (a road toll) counts nothing."""
    tok = doc[end - 1]
    verb = tok.head
    lemma = verb.lemma_.lower()
    if verb.pos_ == "VERB" and lemma in lex.casualty and (
            tok.dep_ in ("dobj", "nsubjpass") and lemma not in lex.intransitive
            or tok.dep_ == "nsubj" and lemma in lex.intransitive):
        return lex.casualty[lemma], None, end, end
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at", "past", "above"):
        verb = tok.head.head
    elif tok.dep_ in ("dobj", "attr"):
        verb = tok.head
    else:
        return _NO_UNIT
    if verb.pos_ not in ("VERB", "AUX"):
        return _NO_UNIT
    for subj in verb.children:
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.lemma_.lower() in lex.tolls:
            mods = [c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")]
            for m in mods:
                if f"{m} {subj.lemma_.lower()}" in lex.tolls:
                    return lex.tolls[f"{m} {subj.lemma_.lower()}"], None, end, end
            return _NO_UNIT if subj.lemma_.lower() == "toll" and not mods else (lex.tolls[subj.lemma_.lower()], None, end, end)
    return _NO_UNIT


def _counted_head(doc: Doc, k: int, skip_det: bool = False) -> tuple[Token | None, Token | None]:
    """The noun a number counts: the last noun of the run of modifiers after it
    ("Russian troops", "battalion tactical groups")."""
    n = len(doc)
    if skip_det:
        k += 1  # the "of"
        while k < n and doc[k].pos_ in ("DET", "PRON") and doc[k].dep_ in ("det", "poss"):
            k += 1
    first = doc[k] if k < n else None
    head = None
    j = k
    while j < n and j < k + 6:
        t = doc[j]
        if head is not None and head.head.i < head.i and t.pos_ in _NOUNISH and head.whitespace_:
            break  # the noun phrase ended at its head: "smartphones | last year" (not "e-mails")
        if t.pos_ in _NOUNISH or (t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound")):
            if t.pos_ in ("NOUN", "PROPN"):
                head = t
            j += 1
        elif t.text == "-" and not t.whitespace_ and head is None:
            j += 1
        else:
            break
    if head is None or (head.i + 1 < n and doc[head.i + 1].pos_ == "NOUN" and head.i + 1 < j):
        return None, None
    if first is not None and first.text == "-":
        first = doc[first.i + 1]
    return head, first


def _lookup_unit(doc: Doc, head: Token, lex: Lexicon) -> tuple[str, str] | None:
    for k in (3, 2, 1):
        if head.i - k + 1 < 0:
            continue
        toks = doc[head.i - k + 1:head.i + 1]
        for phrase in (" ".join([*(t.lower_ for t in toks[:-1]), head.lemma_.lower()]),
                       " ".join(t.lower_ for t in toks)):
            if phrase in lex.units:
                return lex.units[phrase]
    if head.text in ("BTG", "BTGs"):
        return lex.units["btg"] if "btg" in lex.units else None
    return None


def _casualty(doc: Doc, head: Token, lex: Lexicon, number: Token | None = None) -> str | None:
    """What happened to the people counted, from the verb or participle that governs the
    counted noun (or the number, in "15,000 of its soldiers were killed"): "12 people were
    killed", "killing 12 civilians", "20 soldiers wounded", "50 migrants drowned",
    "200 protesters were detained" → the casualty unit; None when nothing says so."""
    for child in head.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.lemma_.lower() in lex.casualty:
            return lex.casualty[child.lemma_.lower()]
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _CASUALTY_WORDS:
        return lex.casualty.get(nxt.lower_) or lex.casualty.get(nxt.lemma_.lower())
    governed = [head]
    if number is not None and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i == number.i:
        governed.append(number)  # "15,000 of its soldiers have been killed"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in ("total", "number"):
        governed.append(head.head.head)  # "a total of 27 people died"
    for tok in governed:
        verb = tok.head
        lemma = verb.lemma_.lower()
        if verb.pos_ in ("VERB", "AUX") and tok.dep_ in ("nsubjpass", "dobj", "nsubj") and lemma in lex.casualty:
            if tok.dep_ != "nsubj" or lemma in lex.intransitive:
                return lex.casualty[lemma]
    return None


def _of_phrase(doc: Doc, text: str, k: int, preps: tuple[str, ...]) -> Span | None:
    """The noun phrase after "in"/"of"/"for" ("$450 million in security assistance")."""
    if k >= len(doc) or doc[k].lower_ not in preps:
        return None
    if doc[k].lower_ == "worth" and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
        k += 1
    head, first = _counted_head(doc, k, skip_det=True)
    if head is None or head.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "NORP", "DATE"):
        return None  # "$35 million in the United States": where, not what
    return Span.of(text, first.idx, head.idx + len(head))
