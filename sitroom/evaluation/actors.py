"""Score actor resolution against the PLOVER gold standard records (CAMEO-coded actors).

For every gold record with a ``text`` and coded ``source``/``target`` actors, the record's
sentence is parsed (published = the record's ``date``) and resolved; a gold actor code
**is found** when it is among the codes of the sentence's resolved actors (entities and
actor noun phrases). CAMEO codes that differ from ISO 3166 are mapped through
``kb/data/cameo_codes.tsv``; CAMEO's generic classes count as found when a resolved
actor is of that kind: ``IGO`` an intergovernmental organisation (kind ``igo``);
``NGO``/``IMG``/``ISM`` any organisation or group named in the sentence (kind ``igo`` or
``group``). Recall is over the distinct gold codes of each record.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..records import Actor, Article
from ..settings import Settings

DEFAULT_PATH = Path("..") / "shared" / "gold" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"


@dataclass
class ActorScore:
    records: int = 0
    gold: int = 0
    found: int = 0
    seconds: float = 0.0
    by_event: dict[str, list[int]] = field(default_factory=dict)  # event -> [found, gold]
    by_class: dict[str, list[int]] = field(default_factory=dict)  # country|igo|org -> [found, gold]
    misses: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "gold_codes": self.gold, "found": self.found,
            "recall": round(self.recall, 4), "seconds": round(self.seconds, 2),
            "by_event": {k: {"found": f, "gold": g, "recall": round(f / g, 4) if g else 0.0}
                         for k, (f, g) in sorted(self.by_event.items())},
            "by_class": {k: {"found": f, "gold": g, "recall": round(f / g, 4) if g else 0.0}
                         for k, (f, g) in sorted(self.by_class.items())},
            "misses": self.misses,
        }


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, str]:
    text = resources.files("sitroom.kb").joinpath("data", "cameo_codes.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {a.strip(): b.strip() for a, b in rows[1:]}


def load_gold(path: str | Path) -> list[dict]:
    """Gold records that have a sentence and at least one coded actor."""
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}: no such gold file (expected PLOVER_GSR_CAMEO.json)")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise UsageError(f"{p}: not JSON: {e}") from e
    out = []
    for rec in data if isinstance(data, list) else []:
        if not isinstance(rec, dict) or not rec.get("text"):
            continue
        codes = gold_codes(rec)
        if codes:
            out.append(rec)
    return out


def gold_codes(rec: dict) -> dict[str, str]:
    """The record's distinct gold codes (mapped to sitroom codes) -> an actor text."""
    out: dict[str, str] = {}
    for key in ("source", "target"):
        actors = rec.get(key)
        if not isinstance(actors, list):
            continue
        for a in actors:
            if isinstance(a, dict) and a.get("code"):
                code = cameo_codes().get(a["code"], a["code"])
                out.setdefault(code, a.get("actorText") or "")
    return out


def _satisfied(code: str, actors: list[Actor]) -> bool:
    if code == "*igo":
        return any(a.kind == "igo" for a in actors)
    if code == "*org":
        return any(a.kind in ("igo", "group") for a in actors)
    return any(a.code == code for a in actors)


def _class(code: str) -> str:
    return {"*igo": "igo", "*org": "org"}.get(code, "country" if len(code) == 3 else "org")


def evaluate_actors(path: str | Path = DEFAULT_PATH, *, settings: Settings | None = None,
                    limit: int | None = None, max_misses: int = 50) -> ActorScore:
    """Resolve each gold sentence and count the gold actor codes found among its actors."""
    from ..extract import actors as actor_mod
    from ..extract.base import Context
    from ..nlp import parse_many

    settings = settings or Settings()
    records = load_gold(path)[:limit]
    articles = [Article(rec["id"], rec["text"], published=rec.get("date")) for rec in records]
    score = ActorScore()
    t0 = time.perf_counter()
    for rec, (article, doc) in zip(records, parse_many(articles, settings)):
        resolver = actor_mod.resolve(Context.build(doc, article, settings))
        found = [e.actor for e in resolver.entities if e.actor]
        found += [m.actor for m in resolver.mentions if m.actor]
        score.records += 1
        event = rec.get("event") or "?"
        for code, text in gold_codes(rec).items():
            hit = _satisfied(code, found)
            score.gold += 1
            score.found += hit
            for table, key in ((score.by_event, event), (score.by_class, _class(code))):
                cell = table.setdefault(key, [0, 0])
                cell[0] += hit
                cell[1] += 1
            if not hit and len(score.misses) < max_misses:
                score.misses.append({"id": rec["id"], "code": code, "actor_text": text,
                                     "resolved": sorted({a.code for a in found if a.code})})
    score.seconds = time.perf_counter() - t0
    return score


def miss_summary(score: ActorScore) -> list[tuple[str, int]]:
    """Missed gold codes, most frequent first."""
    return Counter(m["code"] for m in score.misses).most_common()
