"""The quantity extractor's lexicon: number, scale and vague words, currency symbols and names
(and the names several countries share), units, casualty verbs, approximators, fractions, verbs
of change; loaded once per process from ``data/units.tsv`` and ``data/approximators.tsv``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

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
    local: dict[str, dict[str, str]]  # shared currency name -> {country: code}
    suffixes: dict[str, str]  # unit letters glued to a number, case kept ("44C", "115F")
    fractions: dict[str, float]  # "third" -> 1/3
    changes: dict[str, str]  # verb lemma -> up/down ("rose 3% to ...")
    prefixes: dict[str, str]  # unit words written before the number ("magnitude 7.8")
    races: frozenset[str]  # words after "100m" that make it metres ("hurdles", "freestyle")
    uncounted: frozenset[str]
    weight_words: frozenset[str]
    animals: frozenset[str]  # counted nouns a casualty verb does not make "people killed"  # words that make "pounds" a weight ("weigh", "weight")  # nouns in "a two-way race" that count nothing
    amount: re.Pattern  # a number token with an optional currency symbol and suffix


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
        tables.setdefault(kind, {})[surface.lower() if kind not in ("symbol", "suffix") else surface] = value
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
        approx_before=tuple(before), approx_after=tuple(after),
        local={k: dict(pair.split(":") for pair in v.split("|")) for k, v in tables.get("local", {}).items()},
        suffixes=tables.get("suffix", {}),
        fractions={k: _ratio(v) for k, v in tables.get("fraction", {}).items()},
        changes=tables.get("change", {}), prefixes=tables.get("prefix", {}),
        races=frozenset(tables.get("race", {})), uncounted=frozenset(tables.get("uncounted", {})),
        weight_words=frozenset(tables.get("weight", {})), animals=frozenset(tables.get("animal", {})),
        amount=_amount_pattern(tables["symbol"]))


def _ratio(value: str) -> float:
    a, _, b = value.partition("/")
    return float(a) / float(b) if b else float(a)


def _amount_pattern(symbols: dict[str, str]) -> re.Pattern:
    """A number token: an optional currency symbol of the lexicon ("$", "A$", "₦", "Rs",
    "Sh"), an optional minus sign, digits with thousands separators, and a suffix ("bn", "%")."""
    syms = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True) if not s.isupper() or len(s) < 3
                    or "$" in s)
    return re.compile(
        rf"^(?P<sym>[A-Z]{{1,3}}\$|{syms})?(?P<neg>[-−])?"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?)"
        r"(?P<suf>[A-Za-z%°]+)?$")  # "1,200,000", "12,00,000" (lakh grouping), "5.5"


@lru_cache(maxsize=1)
def known_units() -> frozenset[str]:
    """Every normalised unit the lexicon can produce."""
    lex = lexicon()
    return frozenset({u for u, _ in lex.units.values()} | set(lex.casualty.values()) | set(lex.currencies.values()))
