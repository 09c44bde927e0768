"""Quantities benchmark: value F1 and value+unit F1 on ``bench/quantities.tsv``.

    PYTHONPATH=. .venv/bin/python bench/quantities.py [--verbose] [--table bench/quantities_check.tsv ...]

Each line of the table is a sentence written for this benchmark and the quantities it
holds (``value:unit``, a range ``low-high:unit``). A found quantity matches an expected
one when its value (and, for a range, its upper bound) is equal; value+unit also needs
the unit. Prints precision, recall and F1 for both; never asserted on.
"""
from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).with_name("quantities.tsv")
_ITEM = re.compile(r"^(?P<lo>-?[\d.]+)(?:-(?P<hi>[\d.]+))?:(?P<unit>.+)$")


def load(path: Path = TABLE) -> list[tuple[str, list[tuple[float, float | None, str]]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, items = line.partition("\t")
        expected = []
        for item in filter(None, (s.strip() for s in items.split("|"))):
            m = _ITEM.match(item)
            if not m:
                raise ValueError(f"bad item {item!r} in {sentence!r}")
            expected.append((float(m["lo"]), float(m["hi"]) if m["hi"] else None, m["unit"]))
        rows.append((sentence, expected))
    return rows


def _key(value: float, high: float | None) -> tuple:
    return (round(value, 6), round(high, 6) if high is not None else None)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(verbose: bool = False, table: Path = TABLE) -> dict[str, tuple[float, float, float]]:
    from sitroom.extract.base import Context
    from sitroom.extract.quantities import extract_quantities
    from sitroom.extract.times import extract_times
    from sitroom.nlp import parse
    from sitroom.records import Article

    counts = {"value": [0, 0, 0], "value+unit": [0, 0, 0]}
    for sentence, expected in load(table):
        article = Article("b", sentence, published="2022-03-01")
        ctx = Context.build(parse(article), article)
        ctx.found["times"] = tuple(extract_times(ctx))
        found = [(q.value, q.high, q.unit) for q in extract_quantities(ctx)]
        for name, key in (("value", lambda v, h, u: _key(v, h)), ("value+unit", lambda v, h, u: (*_key(v, h), u))):
            gold = Counter(key(*e) for e in expected)
            got = Counter(key(*f) for f in found)
            tp = sum((gold & got).values())
            c = counts[name]
            c[0] += tp
            c[1] += sum(got.values()) - tp
            c[2] += sum(gold.values()) - tp
        if verbose and Counter((*_key(v, h), u) for v, h, u in found) != \
                Counter((*_key(v, h), u) for v, h, u in expected):
            print(f"- {sentence}\n    expected {expected}\n    found    {found}")
    return {k: _prf(*v) for k, v in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every sentence that differs")
    ap.add_argument("--table", type=Path, action="append",
                    help="a table to score (repeatable; default quantities.tsv)")
    args = ap.parse_args()
    for table in args.table or [TABLE]:
        rows = load(table)
        scores = run(args.verbose, table)
        print(f"{table.name}: {len(rows)} sentences, {sum(len(e) for _, e in rows)} expected quantities")
        for name, (p, r, f) in scores.items():
            print(f"  {name:<11} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
