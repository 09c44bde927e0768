"""Loaders for the knowledge tables in ``sitroom/kb/data`` (each read once per process).

The tables are plain TSV files with a header row; lines starting with ``#`` are comments
and list cells are separated by ``|``:

- ``countries.tsv``      ISO 3166-1 alpha-3 code, names, adjectives/demonyms, capitals
- ``regions.tsv``        world regions treated as actors ("the West"), CAMEO region codes
- ``organizations.tsv``  international organisations: code, kind, generic nouns, aliases
- ``institutions.tsv``   a state's institutions and seats ("the Kremlin"), parties, armed
                         groups and outlets, with a sector; ``institutions_*.tsv`` more of
                         them, by region
- ``generic_bodies.tsv`` names of institutions many states have ("the Senate"), a sector
                         and the default state (the article's own country comes first)
- ``entities.tsv``       breakaway and unrecognised entities with their own code and the
                         state they broke from
- ``people.tsv``         people with dated roles, known by surname alone ("Putin said")
- ``officials_*.tsv``    more office holders (same columns), by region: known by full name,
                         and by surname only after a title or the full name
- ``sectors.tsv``        role nouns ("troops", "official") and their sector
- ``ambiguous.tsv``      names that stand for one of several actors ("Brussels")
- ``common_surnames.txt`` family names that are also common words ("May", "Brown")
- ``given_names.txt`` spellings of one given name ("Sergei", "Sergey", "Serhiy")
- ``credits.txt``        markers of photo credits and bylines
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from ..errors import SitroomError

SECTORS = ("GOV", "MIL", "LEG", "JUD", "OPP", "REB", "PTY", "BUS", "MED", "CVL", "IGO", "NGO", "REF", "LAB", "EDU",
           "REL")


class KnowledgeError(SitroomError):
    """A knowledge table is malformed (a packaging bug, not bad user input)."""


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    code: str
    name: str
    kind: str  # igo | ngo
    nouns: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Institution:
    alias: str
    code: str
    sector: str | None
    name: str


@dataclass(frozen=True, slots=True)
class GenericBody:
    alias: str
    sector: str
    default: str | None  # the state it names when nothing else says whose it is
    name: str


@dataclass(frozen=True, slots=True)
class BreakawayEntity:
    code: str
    name: str
    parent: str  # the state it broke from (ISO 3166-1 alpha-3)
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    modifiers: tuple[str, ...]  # name it only before a separatist/government noun


@dataclass(frozen=True, slots=True)
class PersonRole:
    name: str
    aliases: tuple[str, ...]
    code: str
    sector: str | None
    role: str
    start: dt.date | None
    end: dt.date | None
    #: known by surname alone ("Putin said"); else only by full name, or by surname after a
    #: title ("Foreign Minister Araujo") or after the full name earlier in the article
    by_surname: bool = True

    def active(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def distance(self, day: dt.date) -> int:
        """Days between ``day`` and this role's term (0 inside it)."""
        if self.active(day):
            return 0
        if self.start and day < self.start:
            return (self.start - day).days
        return (day - self.end).days if self.end else 0


@dataclass(frozen=True, slots=True)
class SectorNoun:
    lemma: str
    sector: str | None
    kind: str  # person | title | group | body | state


def _rows(filename: str) -> Iterator[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise KnowledgeError(f"{filename}: row {i} has the wrong number of cells: {row}")
        yield {k: v.strip() for k, v in row.items()}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _date(value: str, filename: str) -> dt.date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        y, m, d = (int(p) for p in (parts + ["1", "1"])[:3])
        return dt.date(y, m, d)
    except ValueError as e:
        raise KnowledgeError(f"{filename}: bad date {value!r}") from e


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    return tuple(Country(r["code"], r["name"], _split(r["names"]), _split(r["adjectives"]),
                         _split(r["capitals"])) for r in _rows("countries.tsv"))


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    return tuple(Region(r["code"], r["name"], _split(r["names"]), _split(r["adjectives"]))
                 for r in _rows("regions.tsv"))


@lru_cache(maxsize=1)
def organizations() -> tuple[Organization, ...]:
    out = []
    for r in _rows("organizations.tsv"):
        if r["kind"] not in ("igo", "ngo"):
            raise KnowledgeError(f"organizations.tsv: {r['code']}: kind must be igo or ngo")
        out.append(Organization(r["code"], r["name"], r["kind"], _split(r["nouns"]),
                                _split(r["aliases"])))
    return tuple(out)


@lru_cache(maxsize=1)
def institutions() -> tuple[Institution, ...]:
    """The rows of ``institutions.tsv``, then of ``institutions_*.tsv`` (same columns, by region)."""
    out = []
    for filename in ("institutions.tsv", *_data_files("institutions_")):
        for r in _rows(filename):
            if r["sector"] not in SECTORS:
                raise KnowledgeError(f"{filename}: {r['alias']}: unknown sector {r['sector']!r}")
            out.append(Institution(r["alias"], r["code"], r["sector"], r["name"]))
    return tuple(out)


@lru_cache(maxsize=1)
def generic_bodies() -> tuple[GenericBody, ...]:
    out = []
    for r in _rows("generic_bodies.tsv"):
        if r["sector"] not in SECTORS:
            raise KnowledgeError(f"generic_bodies.tsv: {r['alias']}: unknown sector {r['sector']!r}")
        out.append(GenericBody(r["alias"], r["sector"], r["default"] or None, r["name"]))
    return tuple(out)


@lru_cache(maxsize=1)
def breakaway_entities() -> tuple[BreakawayEntity, ...]:
    return tuple(BreakawayEntity(r["code"], r["name"], r["parent"], _split(r["aliases"]), _split(r["adjectives"]),
                                 _split(r["modifiers"])) for r in _rows("entities.tsv"))


def _data_files(prefix: str) -> list[str]:
    """The TSV files of the data folder whose names start with ``prefix``, sorted."""
    return sorted(f.name for f in resources.files(__package__).joinpath("data").iterdir()
                  if f.name.startswith(prefix) and f.name.endswith(".tsv"))


@lru_cache(maxsize=1)
def people() -> tuple[PersonRole, ...]:
    """The roles of ``people.tsv`` (known by surname alone), then of ``officials_*.tsv``."""
    out = []
    for filename in ("people.tsv", *_data_files("officials_")):
        famous = filename == "people.tsv"
        for r in _rows(filename):
            if r["sector"] not in SECTORS:
                raise KnowledgeError(f"{filename}: {r['name']}: unknown sector {r['sector']!r}")
            out.append(PersonRole(r["name"], _split(r["aliases"]), r["code"], r["sector"], r["role"],
                                  _date(r["start"], filename), _date(r["end"], filename), famous))
    return tuple(out)


@lru_cache(maxsize=1)
def sector_nouns() -> dict[str, SectorNoun]:
    out = {}
    for r in _rows("sectors.tsv"):
        if (r["sector"] and r["sector"] not in SECTORS) or r["kind"] not in ("person", "title", "group", "body", "state"):
            raise KnowledgeError(f"sectors.tsv: {r['lemma']}: bad sector or kind")
        out[r["lemma"]] = SectorNoun(r["lemma"], r["sector"] or None, r["kind"])
    return out


@lru_cache(maxsize=1)
def ambiguous() -> dict[str, tuple[str, ...]]:
    return {r["alias"]: _split(r["codes"]) for r in _rows("ambiguous.tsv")}


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """Family names that are also common words or given names (lower case)."""
    text = resources.files(__package__).joinpath("data", "common_surnames.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def given_name_spellings() -> dict[str, tuple[str, ...]]:
    """Each spelling of a given name (lower case) -> the other spellings of that name."""
    text = resources.files(__package__).joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for ln in text.splitlines():
        if ln.strip() and not ln.startswith("#"):
            names = [n.strip().lower() for n in ln.split("|") if n.strip()]
            for n in names:
                if n in out:
                    raise KnowledgeError(f"given_names.txt: {n!r} is on two lines")
                out[n] = tuple(m for m in names if m != n)
    return out


@lru_cache(maxsize=1)
def credit_markers() -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("data", "credits.txt").read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
