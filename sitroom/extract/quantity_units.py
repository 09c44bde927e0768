"""Units for the quantity extractor: what follows a number phrase (a currency name or code,
a measure, a duration, a counted noun or a casualty: "14 dead", "killed 8 civilians"), a
number-hyphen-noun compound ("a 10-day visit"), ages and a part of a counted whole.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..records import Span
from .money_home import LocalCurrency
from .quantity_lexicon import Lexicon

if TYPE_CHECKING:
    from .quantity_numbers import _Num


_TIME_OF_DAY = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs", "cet", "msk", "est", "edt", "bst"}
_PERSON_UNITS = {"people", "civilians", "troops", "personnel", "fighters", "children", "residents",
                 "workers", "refugees", "migrants", "prisoners", "hostages", "victims", "casualties"}
_NOUNISH = {"NOUN", "PROPN", "ADJ"}
#: words right after a number that say what happened to that many people ("14 dead")
_CASUALTY_WORDS = {"dead", "killed", "wounded", "injured", "detained", "arrested", "displaced"}


#: an age written after the number: "34-year-old", "34 years old", "a five-year-old"
_AGE = re.compile(r"(?i)^[\s-]*years?[\s-]*old\b|\byears?[\s-]*old\b")


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
    "aged 72", "at the age of 76", or a whole number set off by commas after a person
    ("the singer, 58,")."""
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
    if before is not None and before.lower_ == "of" and num.start > 1 and doc[num.start - 2].lower_ == "age":
        return "years"  # "at the age of 76"
    if (before is not None and before.text in (",", "(") and num.start >= 2 and not num.words
            and end < n and doc[end].text in (",", ")") and num.end - num.start == 1):
        person = doc[num.start - 2]
        if person.ent_type_ == "PERSON" or person.tag_ == "NN" and person.pos_ == "NOUN":
            return "years"
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
    unit = _verb_casualty(verb, lex) if verb.pos_ == "VERB" else None
    if unit is not None and (tok.dep_ in ("dobj", "nsubjpass") and lemma not in lex.intransitive
                             or tok.dep_ == "nsubj" and lemma in lex.intransitive):
        return unit, None, end, end
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


def _verb_casualty(verb: Token, lex: Lexicon) -> str | None:
    """The casualty a verb says: its own ("killed", "wounded"), or death as its result
    ("shot dead", "beaten to death", "stabbed to death": the victims were killed)."""
    lemma = verb.lemma_.lower()
    if lemma in lex.casualty:
        return lex.casualty[lemma]
    result = any(c.lower_ == "dead" and c.dep_ in ("advmod", "acomp", "oprd", "xcomp", "amod", "dobj", "npadvmod")
                 for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children) for c in verb.children)
    return lex.casualty.get("kill") if result else None


def _casualty(doc: Doc, head: Token, lex: Lexicon, number: Token | None = None) -> str | None:
    """What happened to the people counted, from the verb or participle that governs the
    counted noun (or the number, in "15,000 of its soldiers were killed"): "12 people were
    killed", "killing 12 civilians", "20 soldiers wounded", "50 migrants drowned",
    "200 protesters were detained" → the casualty unit; None when nothing says so."""
    for child in head.children:
        if child.dep_ in ("acl", "amod", "relcl") and (unit := _verb_casualty(child, lex)) is not None:
            return unit
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
        unit = _verb_casualty(verb, lex) if verb.pos_ in ("VERB", "AUX") else None
        if unit is not None and tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
            if tok.dep_ != "nsubj" or lemma in lex.intransitive:
                return unit
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
