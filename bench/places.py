"""Places benchmark: literal toponyms found, precision, and resolved within 161 km.

    PYTHONPATH=. .venv/bin/python bench/places.py [--verbose] [--table bench/places_check.tsv]
    PYTHONPATH=. .venv/bin/python bench/places.py --table bench/places_articles.txt

Each line of a ``.tsv`` table is a sentence written for this benchmark and the literal
toponyms it holds (``surface@lat,lon``); a ``.txt`` file holds whole articles separated by
a line ``---``, each toponym marked inline as ``[[surface|lat,lon]]``, and each article is
read as one document. A name standing for a government or a people is not listed, so
extracting it costs precision. A found place matches an expected toponym when
their character spans overlap. Prints recall (found), precision, and the share of the
matched toponyms whose point lies within 161 km (100 miles) of the expected one; never
asserted on.
"""
from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

TABLE = Path(__file__).with_name("places.tsv")
_ITEM = re.compile(r"^(?P<surface>.+)@(?P<lat>-?[\d.]+),(?P<lon>-?[\d.]+)$")
#: the usual radius for a geocoding hit (100 miles)
RADIUS_KM = 161.0


def load(path: Path = TABLE) -> list[tuple[str, list[tuple[int, int, float, float]]]]:
    """(sentence, [(start, end, lat, lon)]) rows; an expected surface must occur in its sentence."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, items = line.partition("\t")
        expected, at = [], 0
        for item in filter(None, (s.strip() for s in items.split("|"))):
            m = _ITEM.match(item)
            if not m:
                raise ValueError(f"bad item {item!r} in {sentence!r}")
            start = sentence.find(m["surface"], at)
            if start < 0:
                start = sentence.find(m["surface"])
            if start < 0:
                raise ValueError(f"{m['surface']!r} is not in {sentence!r}")
            at = start + len(m["surface"])
            expected.append((start, at, float(m["lat"]), float(m["lon"])))
        rows.append((sentence, expected))
    return rows


_MARK = re.compile(r"\[\[(?P<surface>[^|\]]+)\|(?P<lat>-?[\d.]+),\s*(?P<lon>-?[\d.]+)\]\]")


def load_articles(path: Path) -> list[tuple[str, list[tuple[int, int, float, float]]]]:
    """(article text, [(start, end, lat, lon)]) from a ``.txt`` file of marked-up articles."""
    rows = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for block in "\n".join(lines).split("\n---\n"):
        block = block.strip()
        if not block:
            continue
        text, expected, at = [], [], 0
        for m in _MARK.finditer(block):
            text.append(block[at:m.start()])
            start = sum(map(len, text))
            text.append(m["surface"])
            expected.append((start, start + len(m["surface"]), float(m["lat"]), float(m["lon"])))
            at = m.end()
        text.append(block[at:])
        plain = "".join(text)
        if "[[" in plain or "]]" in plain:
            raise ValueError(f"bad mark-up in {plain[:80]!r}")
        rows.append((plain, expected))
    return rows


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def run(verbose: bool = False, table: Path = TABLE) -> dict[str, float]:
    from sitroom.extract.base import Context
    from sitroom.extract.places import extract_places
    from sitroom.nlp import parse
    from sitroom.records import Article

    n_expected = n_found = n_matched = n_near = n_correct_found = 0
    for sentence, expected in (load_articles(table) if table.suffix == ".txt" else load(table)):
        article = Article("b", sentence, published="2023-06-01")
        found = list(extract_places(Context.build(parse(article), article)))
        n_expected += len(expected)
        n_found += len(found)
        used: set[int] = set()
        notes = []
        for p in found:
            hit = next((i for i, (s, e, _, _) in enumerate(expected)
                        if i not in used and p.span.start < e and s < p.span.end), None)
            if hit is None:
                notes.append(f"extra {p.span.text!r} ({p.name}, {p.feature})")
                continue
            used.add(hit)
            n_correct_found += 1
            _, _, lat, lon = expected[hit]
            d = km(lat, lon, p.lat, p.lon) if p.lat is not None else math.inf
            if d <= RADIUS_KM:
                n_near += 1
            else:
                notes.append(f"far {p.span.text!r} → {p.name} ({p.country}) {d:.0f} km")
        n_matched += len(used)
        notes += [f"missed {sentence[s:e]!r}" for i, (s, e, _, _) in enumerate(expected) if i not in used]
        if verbose and notes:
            print(f"- {sentence[:200]}\n    " + "\n    ".join(notes))
    return {
        "expected": n_expected, "found": n_found,
        "recall": n_matched / n_expected if n_expected else 1.0,
        "precision": n_correct_found / n_found if n_found else 1.0,
        "resolved@161km": n_near / n_matched if n_matched else 0.0,
        "resolved@161km of expected": n_near / n_expected if n_expected else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every miss, extra and far resolution")
    ap.add_argument("--table", type=Path, default=TABLE, help="the table to score (default places.tsv)")
    args = ap.parse_args()
    r = run(args.verbose, args.table)
    print(f"{args.table.name}: {r['expected']} toponyms expected, {r['found']} places found")
    print(f"found (recall) {r['recall']:.3f}  precision {r['precision']:.3f}  "
          f"resolved within {RADIUS_KM:.0f} km {r['resolved@161km']:.3f} of found "
          f"({r['resolved@161km of expected']:.3f} of expected)")


if __name__ == "__main__":
    main()
