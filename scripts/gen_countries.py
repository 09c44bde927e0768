"""Generate sitroom/kb/data/countries.tsv from pycountry and the curated extras.

    .venv/bin/python scripts/gen_countries.py

pycountry gives every ISO 3166-1 alpha-3 code with its names; the curated file
scripts/kb_sources/country_extras.tsv adds the short names newsrooms use ("U.S.",
"Britain"), adjectives and demonyms ("Russian", "Ukrainians") and capitals used
for the state ("Moscow"). The generated file is committed; pycountry is only
needed to regenerate it.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ROOT / "scripts" / "kb_sources" / "country_extras.tsv"
OUT = ROOT / "sitroom" / "kb" / "data" / "countries.tsv"


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def main() -> None:
    extras: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for line in EXTRAS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names, adjectives, capitals = (line.split("\t") + ["", "", ""])[:4]
        extras[code] = (_split(names), _split(adjectives), _split(capitals))

    rows = []
    seen = set()
    for c in pycountry.countries:
        code = c.alpha_3
        names, adjectives, capitals = extras.get(code, ([], [], []))
        iso = [getattr(c, a) for a in ("common_name", "name", "official_name") if getattr(c, a, None)]
        all_names = list(dict.fromkeys(names + iso))
        rows.append((code, all_names[0], all_names, adjectives, capitals))
        seen.add(code)
    for code, (names, adjectives, capitals) in extras.items():  # codes ISO lacks (Kosovo)
        if code not in seen:
            rows.append((code, names[0], names, adjectives, capitals))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "names", "adjectives", "capitals"])
        for code, name, names, adjectives, capitals in rows:
            w.writerow([code, name, "|".join(names), "|".join(adjectives), "|".join(capitals)])
    print(f"wrote {len(rows)} countries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
