"""Score the event coder against the PLOVER gold standard records (PLOVER_GSR_CAMEO.json).

Each gold record is one sentence (``text``) with one coded event (``event``, ``source``,
``target``); ``DOCUMENT`` records are notes and are skipped. The pipeline runs on each
record's text, published on the record's ``date``. Figures:

* **type recall**: the gold type is among the types of the events found;
* **top-1 accuracy**: the most confident event found has the gold type;
* **source / target accuracy**: on the most confident event of the gold type (records
  whose gold names such actors and where that type was found), some gold code is among
  the event's source / target codes.

Older PLOVER names in the gold are read as the current ones (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). Old CAMEO country codes are
read as ISO ones (JAP -> JPN, VTN -> VNM, ... from ``kb/data/cameo_codes.tsv``); the generic codes IGO and NGO match any actor of
that sector (or a known inter-governmental organisation code).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import UsageError
from ..records import Article, Event

DEFAULT_PATH = Path("..") / "shared" / "gold" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "SRB": "SRB", "ROM": "ROU", "GMY": "DEU"}
IGO_CODES = frozenset({"UN", "NATO", "EU", "OSCE", "IGO", "AU", "ASEAN", "OPEC", "IAEA", "WHO",
                       "IMF", "WB", "WTO", "ICRC", "UNHCR", "APEC", "ARL", "OAS", "ECOWAS", "G7",
                       "G20", "CIS", "CSTO", "SCO", "GCC", "OIC", "EC", "UNSC"})


@dataclass(frozen=True)
class GoldEvent:
    id: str
    text: str
    date: str | None
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]


@dataclass
class PloverScore:
    records: int = 0
    type_found: int = 0
    top1: int = 0
    source_n: int = 0
    source_ok: int = 0
    target_n: int = 0
    target_ok: int = 0
    source_all: int = 0  # records with a gold source, whether their type was found or not
    target_all: int = 0
    seconds: float = 0.0
    by_type: dict[str, Counter] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    @property
    def type_recall(self) -> float:
        return self._ratio(self.type_found, self.records)

    @property
    def top1_accuracy(self) -> float:
        return self._ratio(self.top1, self.records)

    @property
    def source_accuracy(self) -> float:
        return self._ratio(self.source_ok, self.source_n)

    @property
    def target_accuracy(self) -> float:
        return self._ratio(self.target_ok, self.target_n)

    @property
    def source_end_to_end(self) -> float:
        """Source code right, over every record with a gold source (a missed type is a miss)."""
        return self._ratio(self.source_ok, self.source_all)

    @property
    def target_end_to_end(self) -> float:
        return self._ratio(self.target_ok, self.target_all)

    def to_dict(self) -> dict:
        return {
            "records": self.records, "type_recall": self.type_recall,
            "top1_accuracy": self.top1_accuracy, "source_accuracy": self.source_accuracy,
            "source_scored": self.source_n, "target_accuracy": self.target_accuracy,
            "target_scored": self.target_n, "source_end_to_end": self.source_end_to_end,
            "target_end_to_end": self.target_end_to_end, "seconds": round(self.seconds, 2),
            "by_type": {t: dict(c) for t, c in sorted(self.by_type.items())},
        }


def _old_codes() -> dict[str, str]:
    """Old CAMEO country codes read as ISO ones (the knowledge base's table, then ours)."""
    from .actors import cameo_codes

    table = {k: v for k, v in cameo_codes().items() if not v.startswith("*")}
    return {**table, **OLD_CODES}


def _codes(value) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    old = _old_codes()
    out = []
    for a in value:
        if isinstance(a, dict) and a.get("code"):
            out.append(old.get(a["code"], a["code"]))
    return tuple(out)


def load_gold(path: str | Path = DEFAULT_PATH) -> list[GoldEvent]:
    """The gold events of a PLOVER GSR JSON file (DOCUMENT records skipped)."""
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}: no such file (the PLOVER gold JSON)")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except ValueError as e:
        raise UsageError(f"{p}: not JSON ({e})") from e
    out = []
    for n, rec in enumerate(data if isinstance(data, list) else []):
        if not isinstance(rec, dict) or rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        typ = OLD_TYPES.get(rec["event"], rec["event"])
        out.append(GoldEvent(str(rec.get("id") or n), rec["text"], rec.get("date"), typ,
                             _codes(rec.get("source")), _codes(rec.get("target"))))
    return out


def _match(gold: Sequence[str], spans) -> bool:
    for a in spans:
        actor = a.actor
        if actor is None:
            continue
        code = actor.code
        for g in gold:
            if code == g:
                return True
            if g == "IGO" and (actor.sector == "IGO" or actor.kind == "igo" or code in IGO_CODES):
                return True
            if g == "NGO" and (actor.sector == "NGO" or actor.kind == "ngo"):
                return True
    return False


def score(gold: Iterable[GoldEvent], found: Iterable[Sequence[Event]], *, keep_misses: bool = False) -> PloverScore:
    """Score events found per gold record (in the same order)."""
    s = PloverScore()
    for g, events in zip(gold, found):
        s.records += 1
        s.source_all += bool(g.source)
        s.target_all += bool(g.target)
        c = s.by_type.setdefault(g.type, Counter())
        c["n"] += 1
        best = max(events, key=lambda e: e.confidence, default=None)
        same = [e for e in events if e.type == g.type]
        if best is not None and best.type == g.type:
            s.top1 += 1
            c["top1"] += 1
        if not same:
            if keep_misses:
                s.misses.append({"id": g.id, "gold": g.type, "found": [e.type for e in events], "text": g.text})
            continue
        s.type_found += 1
        c["found"] += 1
        e = max(same, key=lambda e: e.confidence)
        if g.source:
            s.source_n += 1
            s.source_ok += _match(g.source, e.source)
        if g.target:
            s.target_n += 1
            s.target_ok += _match(g.target, e.target)
    return s


def evaluate(path: str | Path = DEFAULT_PATH, settings=None, *, keep_misses: bool = False) -> PloverScore:
    """Run the pipeline on every gold record's text and score the events found."""
    from ..extract import extract_doc
    from ..nlp import parse_many

    gold = load_gold(path)
    start = time.perf_counter()
    arts = [Article(g.id, g.text, published=g.date) for g in gold]
    found = []
    for art, doc in parse_many(arts, settings):
        ex = extract_doc(doc, art, settings)
        found.append(ex.events or ())
    s = score(gold, found, keep_misses=keep_misses)
    s.seconds = time.perf_counter() - start
    return s
