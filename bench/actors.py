"""Actor-resolution benchmark: phrase -> code (and sector) on ``bench/actors.tsv``.

    PYTHONPATH=. .venv/bin/python bench/actors.py [--verbose] [--table bench/actors.tsv]

Each line of the table is a phrase written for this benchmark (or a short text with the
phrase in [brackets]), the article's date, the expected country/organisation code and,
where scored, the expected sector. The phrase's actor is the one ``Resolver.at`` gives for
its characters. Prints the share of phrases whose code is right, and of those with a
sector whose code and sector are both right; never asserted on.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

TABLE = Path(__file__).with_name("actors.tsv")


def load(path: Path = TABLE) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        if r["text"].count("[") != 1 or r["text"].count("]") != 1:
            raise ValueError(f"{r['text']!r}: mark the phrase with one pair of [brackets]")
    return rows


def run(verbose: bool = False, table: Path = TABLE) -> dict[str, float]:
    from sitroom.extract.actors import resolve
    from sitroom.extract.base import Context
    from sitroom.nlp import parse
    from sitroom.records import Article

    rows = load(table)
    code_ok = both_ok = with_sector = 0
    t0 = time.perf_counter()
    for n, r in enumerate(rows):
        marked = r["text"]
        start = marked.index("[")
        end = marked.index("]") - 1
        text = marked.replace("[", "").replace("]", "")
        article = Article(f"b{n}", text, published=r["published"])
        res = resolve(Context.build(parse(article), article))
        hit = res.at(start, end)
        got = hit.actor if hit is not None else None
        code, sector = (got.code, got.sector) if got is not None else (None, None)
        ok = code == r["code"]
        code_ok += ok
        if r["sector"]:
            with_sector += 1
            both_ok += ok and sector == r["sector"]
        if verbose and (not ok or (r["sector"] and sector != r["sector"])):
            print(f"MISS {marked[start:end + 2]!r} {r['published']}: want {r['code']} {r['sector'] or '-'}, "
                  f"got {code} {sector}")
    out = {"phrases": len(rows), "code": code_ok / len(rows),
           "code+sector": both_ok / with_sector if with_sector else 0.0,
           "with_sector": with_sector, "seconds": time.perf_counter() - t0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print each miss")
    ap.add_argument("--table", type=Path, default=TABLE)
    args = ap.parse_args()
    r = run(args.verbose, args.table)
    print(f"actors: {r['phrases']} phrases  code {r['code']:.3f}  code+sector {r['code+sector']:.3f} "
          f"(of {r['with_sector']})  {r['seconds']:.1f}s")


if __name__ == "__main__":
    main()
