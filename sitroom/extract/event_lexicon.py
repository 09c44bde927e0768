"""The event lexicon and the CAMEO table, loaded once from the package data files.

- ``data/event_lexicon.tsv``: trigger words -> PLOVER type, mode, CAMEO code, with
  optional patterns (a preposition, particle, object or modifier the word needs) and
  flags (what a control word does to the events it embeds);
- ``data/cameo.tsv``: CAMEO code -> description, PLOVER type/mode/context, QuadClass,
  Goldstein value;
- ``data/event_context.tsv``: argument noun -> PLOVER context;
- ``data/event_idioms.tsv``: verb + object pairs whose sense is no event ("released a
  video", "seized the initiative", "share concerns");
- ``data/event_classes.tsv``: word classes of the grammar (partitive nouns, nouns for the
  participants of a contact, verbs of undergoing);
- ``data/lemma_slips.tsv``: word forms the lemmatizer gets wrong ("staged" -> "stag"),
  read as the lexicon's lemma.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

POS_KINDS = ("V", "N", "A", "M", "L", "I", "X")
PATTERN_KINDS = ("prep", "prt", "obj", "mod", "comp", "clause", "wh", "intr", "threat", "appeal", "other", "subj", "bare")
FLAGS = ("hyp", "fut", "sched", "neg", "not", "light", "objsrc", "theme", "weak", "doc", "judge", "market", "plural", "repress")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: ``lemma`` (with ``pattern``) triggers ``type`` (``None``: a control word)."""

    pos: str
    lemma: str
    pattern: str | None  # prep, prt, obj, mod, comp or None
    values: frozenset[str]
    type: str | None
    mode: str | None
    cameo: str | None
    flags: frozenset[str]

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    description: str
    plover_type: str | None
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[Entry, ...]]  # (pos, lemma) -> patterned rows first
    light_verbs: frozenset[str]
    intent: dict[str, Entry]   # embedded type -> the intent event it becomes
    refusal: dict[str, Entry]  # negated type -> the rejection it becomes
    cameo: dict[str, CameoCode]
    contexts: dict[str, str]
    idioms: frozenset[tuple[str, str]] = frozenset()  # (verb, object) pairs that are no event
    classes: dict[str, frozenset[str]] | None = None  # word class -> lemmas (event_classes.tsv)
    slips: dict[str, str] | None = None  # word form -> its lemma, where the lemmatizer slips

    def lemma(self, tok) -> str:
        """The lemma of ``tok`` (a spaCy token) for the lexicon: the lemmatizer's, except for
        a form it is known to get wrong ("staged" -> "stage", not "stag")."""
        return (self.slips or {}).get(tok.lower_) or tok.lemma_.lower()

    def word_class(self, name: str) -> frozenset[str]:
        return (self.classes or {}).get(name, frozenset())

    @property
    def partitives(self) -> frozenset[str]:  # "a round of talks": the event is the "of" noun
        return self.word_class("partitive")

    @property
    def participants(self) -> frozenset[str]:  # "the parties": who took part in the last contact
        return self.word_class("participant")

    def lookup(self, pos: str, lemma: str) -> tuple[Entry, ...]:
        return self.entries.get((pos, lemma), ())

    def names_act(self, tok) -> bool:
        """Whether ``tok`` (a spaCy token) is a verb or noun of some event type here."""
        pos = "V" if tok.pos_ == "VERB" else "N" if tok.pos_ in ("NOUN", "PROPN") else None
        return pos is not None and any(e.type for e in self.lookup(pos, self.lemma(tok)))

    def code(self, code: str | None) -> CameoCode | None:
        """The CAMEO row of ``code``, or of its nearest parent code."""
        while code:
            row = self.cameo.get(code)
            if row:
                return row
            code = code[:-1] if len(code) > 2 else None
        return None


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k}


def _entry(row: dict[str, str], where: str) -> Entry:
    pos, lemma = row["pos"], row["lemma"].lower()
    if pos not in POS_KINDS:
        raise ValueError(f"{where}: pos {pos!r} is not one of {POS_KINDS}")
    pattern, values = None, frozenset()
    if row.get("pattern"):
        kind, _, vals = row["pattern"].partition("=")
        if kind not in PATTERN_KINDS:
            raise ValueError(f"{where}: pattern {row['pattern']!r} is not one of {PATTERN_KINDS}")
        pattern, values = kind, frozenset(v.strip().lower() for v in vals.split(",") if v.strip())
    flags = frozenset(f for f in (row.get("flags") or "").split(",") if f)
    if flags - set(FLAGS):
        raise ValueError(f"{where}: unknown flags {sorted(flags - set(FLAGS))}")
    typ = row.get("type") or None
    return Entry(pos, lemma, pattern, values, None if typ in (None, "-") else typ,
                 row.get("mode") or None, row.get("cameo") or None, flags)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (built once per process)."""
    from ..records import PLOVER_TYPES

    cameo: dict[str, CameoCode] = {}
    for row in _rows("cameo.tsv"):
        cameo[row["code"]] = CameoCode(
            row["code"], row["description"], row["plover_type"] or None, row["mode"] or None,
            tuple(c for c in row["context"].split(";") if c), int(row["quad_class"]),
            float(row["goldstein"]))
    entries: dict[tuple[str, str], list[Entry]] = {}
    light: set[str] = set()
    intent: dict[str, Entry] = {}
    refusal: dict[str, Entry] = {}
    for n, row in enumerate(_rows("event_lexicon.tsv"), 1):
        e = _entry(row, f"event_lexicon.tsv row {n}")
        if e.type and e.type not in PLOVER_TYPES:
            raise ValueError(f"event_lexicon.tsv row {n}: type {e.type!r} is not a PLOVER type")
        if e.cameo and e.cameo not in cameo:
            raise ValueError(f"event_lexicon.tsv row {n}: CAMEO code {e.cameo!r} is not in cameo.tsv")
        if e.pos == "L":
            light.add(e.lemma)
        elif e.pos == "I":
            intent[e.lemma.upper()] = e
        elif e.pos == "X":
            refusal[e.lemma.upper()] = e
        else:
            entries.setdefault((e.pos, e.lemma), []).append(e)
    ordered = {k: tuple(sorted(v, key=lambda e: e.pattern is None)) for k, v in entries.items()}
    contexts = {row["lemma"].lower(): row["context"] for row in _rows("event_context.tsv")}
    idioms = frozenset((row["verb"].lower(), row["object"].lower()) for row in _rows("event_idioms.tsv"))
    classes: dict[str, set[str]] = {}
    for row in _rows("event_classes.tsv"):
        classes.setdefault(row["class"], set()).add(row["lemma"].lower())
    slips = {row["form"].lower(): row["lemma"].lower() for row in _rows("lemma_slips.tsv")}
    return Lexicon(ordered, frozenset(light), intent, refusal, cameo, contexts, idioms,
                   {k: frozenset(v) for k, v in classes.items()}, slips)
