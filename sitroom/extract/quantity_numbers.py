"""Reading number phrases for the quantity extractor: digits ("1,200", "$1bn-$2bn"), number
words ("two", "a dozen", "tens of thousands"), scale words ("million", "bn", "lakh", "crore"),
a percent sign after the number and the approximators around it ("about", "more than").
``_Num`` is the number phrase the extractor then gives a unit (``quantity_units``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .money_home import LocalCurrency
from .quantity_lexicon import Lexicon
from .quantity_units import _CASUALTY_WORDS, _unit_phrase


#: a range written as one token: "$1bn-$2bn", "10-15%"
_RANGE_TOKEN = re.compile(r"^(?P<a>[^-–]+)[-–](?P<b>[^-–]+)$")


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


def _percent_sign(doc: Doc, end: int) -> int:
    """How many tokens at ``end`` spell "percent" ("%", "percent", "per cent"), or 0."""
    if end >= len(doc):
        return 0
    low = doc[end].lower_
    if low in ("%", "percent", "pct"):
        return 1
    return 2 if low == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent" else 0


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
