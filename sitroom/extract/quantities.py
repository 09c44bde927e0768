"""Quantities: numbers with what they count, normalised ("more than $450 million" → 450000000 USD).

A quantity is a number phrase (digits, number words, "a dozen", "tens of thousands",
scale words "million"/"bn"/"k") with a unit — an ISO currency code, ``percent``, a
measure (``km``), a duration (``days``) or the counted thing (``troops``, ``people killed``,
or, for things the lexicon does not know, the noun as written: ``countries``).
Numbers without any unit are left out, and so are years, dates, times of day, ordinals,
phone numbers and numbers inside names ("G7", "Covid-19", "Article 5", "Nord Stream 2").

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
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from ..records import Quantity, Span
from .base import Context, token_columns
from .times import MONTHS, WEEKDAYS

_DIGITS = re.compile(
    r"^(?P<sym>[A-Z]{1,3}\$|\$|£|€|₽|₴|¥|₹|₺|₩|₪)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suf>[A-Za-z%]+)?$")
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


@dataclass(frozen=True)
class Lexicon:
    numbers: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    symbols: dict[str, str]
    currencies: dict[str, str]
    units: dict[str, tuple[str, str]]  # lemma phrase -> (unit, kind)
    casualty: dict[str, str]
    tolls: dict[str, str]  # "death toll" -> "people killed"
    intransitive: frozenset[str]  # casualty verbs whose subject is the victim ("die", "drown")
    identifiers: frozenset[str]
    approx_before: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    approx_after: tuple[tuple[tuple[str, ...], str], ...]


def _data_lines(name: str) -> Iterator[list[str]]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The number/unit lexicons, loaded once per process."""
    tables: dict[str, dict[str, str]] = {}
    for surface, value, kind in _data_lines("units.tsv"):
        tables.setdefault(kind, {})[surface.lower() if kind != "symbol" else surface] = value
    units: dict[str, tuple[str, str]] = {}
    for kind in ("counted", "measure", "duration", "percent"):
        for k, v in tables.get(kind, {}).items():
            units[k] = (v, kind)
    before, after = [], []
    for phrase, approx, where in _data_lines("approximators.tsv"):
        (before if where == "before" else after).append((tuple(phrase.lower().split()), approx))
    before.sort(key=lambda p: -len(p[0]))
    after.sort(key=lambda p: -len(p[0]))
    return Lexicon(
        numbers={k: float(v) for k, v in tables["number"].items()},
        scales={k: float(v) for k, v in tables["scale"].items()},
        vague={k: float(v) for k, v in tables["vague"].items()},
        symbols=tables["symbol"], currencies=tables["currency"], units=units,
        casualty=tables["casualty"], tolls=tables.get("toll", {}),
        intransitive=frozenset(tables.get("intransitive", {})), identifiers=frozenset(tables["identifier"]),
        approx_before=tuple(before), approx_after=tuple(after))


@lru_cache(maxsize=1)
def _known_units() -> frozenset[str]:
    """Every normalised unit the lexicon can produce."""
    lex = lexicon()
    return frozenset({u for u, _ in lex.units.values()} | set(lex.casualty.values()) | set(lex.currencies.values()))


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


def extract_quantities(ctx: Context) -> Iterable[Quantity]:
    doc, text = ctx.doc, ctx.article.text
    lex = lexicon()
    starts, digits = _start_tokens(doc, lex)
    blocked = _blocked_tokens(ctx, digits)
    i, n = 0, len(doc)
    while i < n:
        num = None if i in blocked or i not in starts else _number_at(doc, i, lex)
        if num is None or _is_identifier(doc, num, lex):
            i += 1
            continue
        q = _quantity(doc, text, num, lex, blocked)
        if q is not None:
            yield q[0]
            i = max(q[1], i + 1)
        else:
            i = num.end


_ANY_DIGIT = re.compile(r"\d")


def _start_tokens(doc: Doc, lex: Lexicon) -> tuple[set[int], list[int]]:
    """The tokens a number phrase can start at (:func:`_number_at` is None elsewhere: a
    currency symbol, a token with a digit, a number or vague word, "a"/"an"/"half"), and
    those with a digit; from the tokens' integer attributes, each token's text decoded once."""
    strings = doc.vocab.strings
    words = {strings[w] for w in (*lex.numbers, *lex.vague, "a", "an", "one", "half")}
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


def _blocked_tokens(ctx: Context, digits: list[int]) -> set[int]:
    """Tokens no quantity may start at: time expressions, dates, times of day, ordinals."""
    doc = ctx.doc
    out: set[int] = set()
    for t in ctx.found.get("times") or ():
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ in ("TIME", "ORDINAL"):
            out.update(range(ent.start, ent.end))
        elif ent.label_ == "DATE" and _is_date(ent):
            out.update(range(ent.start, ent.end))
    for i in digits:  # every _PHONE match has a digit
        if _PHONE.match(doc[i].text):
            out.add(i)
    return out


def _is_date(ent) -> bool:
    """A DATE entity that names a point in time ("December 17", "two days ago", "a
    60-year-old"), not a length of time ("three days") or a mislabelled count."""
    words = {t.lower_ for t in ent}
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lower_ in ("ago", "old", "later", "earlier"):
        return True
    return bool(words & _DATE_WORDS) or any(t.text in MONTHS or t.text in WEEKDAYS for t in ent) \
        or any(len(t.text) == 4 and t.text.isdigit() for t in ent)


_DATE_WORDS = {"ago", "old", "later", "earlier", "next", "last", "this", "today", "yesterday",
               "tomorrow", "year-old", "mid", "early", "late"}


def _number_at(doc: Doc, i: int, lex: Lexicon) -> _Num | None:
    """The number phrase starting at token ``i``, or None."""
    tok = doc[i]
    currency = None
    j = i
    if tok.text in lex.symbols and j + 1 < len(doc):
        currency = lex.symbols[tok.text]
        j += 1
    num = _digits(doc, j, lex, currency) or _words(doc, j, lex)
    if num is None:
        return None
    num.start = i
    if currency:
        num.currency = num.currency or currency
    return num


def _digits(doc: Doc, j: int, lex: Lexicon, currency: str | None) -> _Num | None:
    tok = doc[j]
    m = _DIGITS.match(tok.text)
    if not m:
        return _range_token(doc, j, lex, currency)
    if j > 1 and doc[j - 1].text == "-" and not doc[j - 2].whitespace_ and doc[j - 2].is_alpha:
        return None  # "Covid-19", "Su-35"
    raw = m.group("num")
    value = float(raw.replace(",", ""))
    num = _Num(j, j + 1, value, lex.symbols.get(m.group("sym") or ""))
    suf = (m.group("suf") or "").lower()
    if suf:
        if suf in lex.scales and (suf != "m" or currency or num.currency or _noun_follows(doc, j + 1)
                                  or _currency_follows(doc, j + 1, lex)):
            num.value *= lex.scales[suf]
            num.scaled = True
        elif suf == "%":
            pass  # unit read by the caller from the token text
        elif suf not in lex.units:
            return None  # "5G", "1st", "3D"
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
    for part in (r["a"], r["b"]):
        m = _DIGITS.match(part)
        if not m:
            return None
        suf = (m.group("suf") or "").lower()
        if suf and suf not in lex.scales:
            return None
        ends.append((float(m.group("num").replace(",", "")), lex.scales.get(suf, 1.0),
                     lex.symbols.get(m.group("sym") or "")))
    (lo, lo_scale, lo_cur), (hi, hi_scale, hi_cur) = ends
    cur = currency or lo_cur or hi_cur
    if cur is None:
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
    return k < len(doc) and (doc[k].lemma_.lower() in lex.currencies or doc[k].lower_ in lex.currencies
                             or doc[k].text in lex.symbols and doc[k].text.isupper())


def _noun_follows(doc: Doc, k: int) -> bool:
    return k < len(doc) and doc[k].pos_ in ("NOUN", "ADJ")


def _scale_words(doc: Doc, num: _Num, lex: Lexicon, currency: str | None) -> None:
    while num.end < len(doc):
        t = doc[num.end]
        low = t.lower_
        if low in lex.scales and len(low) > 2 or low in ("bn", "mn", "mln", "tn", "trn"):
            num.value *= lex.scales[low]
        elif low == "m" and (currency or _currency_follows(doc, num.end + 1, lex)):  # "154 m naira"
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
    k, total, current, seen = j, 0.0, 0.0, False
    if low in ("a", "an", "one") and j + 1 < len(doc) and doc[j + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
        current, k, seen = 1.0, j + 1, True
    elif low == "half" and j + 2 < len(doc) and doc[j + 1].lower_ == "a" and doc[j + 2].lower_ in lex.scales:
        current, k, seen = 0.5, j + 2, True
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


def _quantity(doc: Doc, text: str, num: _Num, lex: Lexicon, blocked: set[int]) -> tuple[Quantity, int] | None:
    start, end = num.start, num.end
    value, high, currency = num.value, num.high, num.currency
    approx = "range" if high is not None else "more_than" if num.vague else "exact"
    # ranges: "90 to 100", "90-100", "between 90 and 100", "from 90 to 100"
    if high is None and end + 1 < len(doc) and doc[end].lower_ in ("-", "–", "to", "and") and (end + 1) not in blocked:
        other = _number_at(doc, end + 1, lex)
        before = doc[start - 1].lower_ if start > 0 else ""
        joiner = doc[end].lower_
        if other is not None and (joiner != "and" or before == "between") and not other.vague \
                and not (num.year_like or other.year_like):
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
    unit, of, span_end, last = _unit(doc, text, end, lex, currency, num)
    if unit is None:
        return None
    if num.year_like and unit not in ("percent",) and lex.units.get(unit.rstrip("s"), ("", ""))[1] not in ("counted",) \
            and unit not in _PERSON_UNITS and not currency:
        return None
    if num.words and num.value <= 1 and not num.scaled and (
            doc[num.end].lower_ == "of" or unit not in _known_units()):
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
    if tail.text.endswith(".") and tail.lower_.rstrip(".") in lex.scales:
        tail_end -= 1  # "$5m." at the end of a sentence: the full stop is not the scale's
    span = Span.of(text, doc[start].idx, tail_end)
    return Quantity(span, value, unit, approx, of, high), max(last, end)


def _base(doc: Doc, num: _Num, lex: Lexicon) -> float:
    """The value of ``num`` without its scale words (for "1-2 billion")."""
    m = _DIGITS.match(doc[num.start].text) or (_DIGITS.match(doc[num.start + 1].text) if num.start + 1 < num.end else None)
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


def _unit(doc: Doc, text: str, end: int, lex: Lexicon, currency: str | None,
          num: _Num) -> tuple[str | None, Span | None, int, int]:
    """(unit, of-span, end of the quantity's span, token to resume at) for the number
    phrase ending at token ``end``; the span takes in unit words (currency, percent,
    measure) but not the counted noun phrase, which is ``of``."""
    n = len(doc)
    nxt = doc[end] if end < n else None
    if currency is None and nxt is not None:
        for k in (3, 2, 1):  # "US dollars", "pounds sterling"
            phrase = " ".join(t.lemma_.lower() for t in doc[end:end + k])
            surface = " ".join(t.lower_ for t in doc[end:end + k])
            code = lex.currencies.get(phrase) or lex.currencies.get(surface)
            if code and end + k <= n:
                currency, end = code, end + k
                break
    if currency:
        return currency, _of_phrase(doc, text, end, ("in", "of", "for", "worth")), end, end
    if nxt is None:
        return _toll(doc, end, lex)
    prev_text = doc[end - 1].text
    if prev_text.endswith("%") or nxt.text == "%" or nxt.lower_ in ("percent", "pct") \
            or (nxt.lower_ == "per" and end + 1 < n and doc[end + 1].lower_ == "cent"):
        k = 0 if prev_text.endswith("%") else (2 if nxt.lower_ == "per" else 1)
        e = end + k
        return "percent", _of_phrase(doc, text, e, ("of",)), e, e
    # "100 dead", "12 killed"
    if nxt.lower_ in lex.casualty and nxt.lower_ in _CASUALTY_WORDS:
        return lex.casualty[nxt.lower_], None, end + 1, end + 1
    # a measure or duration right after the number ("20 km", "three days", "5,000 tonnes")
    m = _DIGITS.match(prev_text)
    if m and m.group("suf") and m.group("suf").lower() in lex.units:
        return lex.units[m.group("suf").lower()][0], None, end, end
    head, first = _counted_head(doc, end)
    if head is None:
        # "tens of thousands of troops", "100,000 of its troops"
        if nxt.lower_ == "of":
            head, first = _counted_head(doc, end, skip_det=True)
            if head is None or head.tag_ not in ("NNS", "NNPS") and _lookup_unit(doc, head, lex) is None:
                return _NO_UNIT
        else:
            return _toll(doc, end, lex)
    code = lex.currencies.get(head.lemma_.lower()) or lex.currencies.get(head.lower_)
    if code:  # "billions of dollars"
        return code, _of_phrase(doc, text, head.i + 1, ("in", "of", "for", "worth")), head.i + 1, head.i + 1
    unit = _lookup_unit(doc, head, lex)
    if unit is None:
        if head.pos_ != "NOUN" or head.tag_ not in ("NNS", "NN"):
            return _NO_UNIT
        if head.tag_ != "NNS" and not (num.value == 1 or num.vague or num.scaled):
            return _NO_UNIT  # "32 Druzhby Narodiv boulevard": a number with a singular noun is a name
        unit = (head.lower_, "counted")
    name, kind = unit
    if kind in ("measure", "duration", "percent"):
        if head.i + 1 < n and doc[head.i + 1].lower_ in ("ago", "old", "later", "earlier"):
            return _NO_UNIT
        first_unit = end + 1 if doc[end].text == "-" else end
        if head.i == first_unit or _is_unit_phrase(doc[first_unit:head.i + 1], lex):
            return name, None, head.i + 1, head.i + 1  # "20 km", "a 20-km", "5 cubic metres"
        return _NO_UNIT  # "5 long days": not a measure reading
    of = Span.of(text, first.idx, head.idx + len(head))
    name = _casualty(doc, head, lex, doc[end - 1]) or name
    return name, of, end, head.i + 1


def _is_unit_phrase(toks, lex: Lexicon) -> bool:
    """Are these tokens one multi-word unit of the lexicon ("cubic metres", "degrees Celsius")?"""
    if len(toks) > 3:
        return False
    return any(p in lex.units for p in (" ".join(t.lower_ for t in toks),
                                        " ".join([*(t.lower_ for t in toks[:-1]), toks[-1].lemma_.lower()]),
                                        " ".join(t.lemma_.lower() for t in toks)))


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
