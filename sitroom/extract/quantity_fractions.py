"""Fractions of a whole for the quantity extractor (unit ``fraction``, value a ratio):
"a third of", "two-thirds of", "half of", "one in five", "nine out of ten".
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import Quantity, Span
from .quantity_lexicon import Lexicon
from .quantity_numbers import _approx_before
from .quantity_units import _counted_head, _of_phrase


_FRACTIONS = {"half", "halve", "third", "quarter", "fourth", "fifth", "tenth"}


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
