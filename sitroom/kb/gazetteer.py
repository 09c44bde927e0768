"""One index over all knowledge tables: surface form -> what it names (built once per process).

    from sitroom.kb import gazetteer
    g = gazetteer()
    g.lookup("U.S.")            # Entry(code="USA", kind="state", form="name", ...)
    g.lookup("the Kremlin")     # Entry(code="RUS", sector="GOV", form="institution")
    g.person("Jens Stoltenberg", day)   # PersonRole active on ``day`` (or the nearest)
    g.by_surname("Biden", day)          # the one person with that surname, if unambiguous
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from . import tables

# Entity labels a gazetteer match gets when NER missed it.
_LABELS = {"name": "GPE", "capital": "GPE", "adjective": "NORP", "igo": "ORG", "ngo": "ORG",
           "institution": "ORG", "person": "PERSON", "region": "LOC"}
#: sectors of institutions that are groups of people rather than organs of a state
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "MED"})
#: generational suffixes and regnal numbers that are no family name
_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV", "V", "VI"})
#: countries whose people's names are written family name first in English-language news
_FAMILY_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN"})
_PARTICLES = {"von", "van", "der", "de", "da", "del", "di", "le", "la", "al", "bin", "ibn"}


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form names."""

    code: str
    name: str
    kind: str  # state | region | igo | ngo | institution | group | person
    form: str  # name | adjective | capital | region | igo | ngo | institution | person
    sector: str | None = None
    generic: bool = False  # a name many states' institutions share ("Senate"); code: the default

    @property
    def label(self) -> str:
        return _LABELS.get(self.form, "ORG")


def normalize(text: str) -> str:
    """A surface form as looked up: no leading "the", no possessive, single spaces."""
    s = " ".join(text.replace("\u2019", "'").split())
    s = re.sub(r"(?i)^the\s+", "", s)
    s = re.sub(r"(?:'s|')$", "", s).strip(" ,;:\"()[]")
    return s


def surname(name: str, code: str | None = None) -> str:
    """The family name of a canonical name ("Ursula von der Leyen" -> "von der Leyen",
    "Charles Q. Brown Jr." -> "Brown"); for a Chinese or Korean name (``code``), the first
    word ("Xi Jinping" -> "Xi", "Yoon Suk Yeol" -> "Yoon")."""
    parts = name.split()
    while len(parts) > 1 and parts[-1].strip(".,").upper() in _SUFFIXES:
        parts.pop()
    if code in _FAMILY_FIRST and 1 < len(parts) <= 3:
        return parts[0]
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(parts[i:])


class Gazetteer:
    def __init__(self) -> None:
        self.exact: dict[str, list[Entry]] = defaultdict(list)
        self.lower: dict[str, list[Entry]] = defaultdict(list)
        self.roles: dict[str, list[tables.PersonRole]] = defaultdict(list)
        #: surname -> the canonical names of everyone the tables know by it
        self.surnames: dict[str, set[str]] = defaultdict(set)
        #: the names of those known by surname alone, without a title ("Putin said")
        self.famous: set[str] = set()
        self.igo_nouns: dict[str, set[str]] = defaultdict(set)
        self.orgs = {o.code: o for o in tables.organizations()}
        self.countries = {c.code: c for c in tables.countries()}
        self.ambiguous = tables.ambiguous()
        #: breakaway entities by code, and the words that name one before a separatist noun
        self.breakaway = {b.code: b for b in tables.breakaway_entities()}
        self.modifiers = {m: b.code for b in tables.breakaway_entities() for m in b.modifiers}
        #: family names that alone need a title nearby ("Mrs May"), lower case
        self.common_surnames = tables.common_surnames()
        #: canonical names of the generic bodies ("Senate", "Interior Ministry")
        self.generic_names = frozenset(b.name for b in tables.generic_bodies())
        for c in tables.countries():
            for s in c.names:
                self._add(s, Entry(c.code, c.name, "state", "name"))
            for s in c.adjectives:
                self._add(s, Entry(c.code, c.name, "state", "adjective"))
            for s in c.capitals:
                self._add(s, Entry(c.code, c.name, "state", "capital"))
        for r in tables.regions():
            for s in r.names:
                self._add(s, Entry(r.code, r.name, "region", "region"))
            for s in r.adjectives:
                self._add(s, Entry(r.code, r.name, "region", "adjective"))
        for o in tables.organizations():
            # the code is a name only where the aliases list it: "NATO" is, but Greenpeace's
            # "GRP" is a gross regional product and the World Bank's "WB" the West Bank
            for s in (o.name, *o.aliases):
                self._add(s, Entry(o.code, o.name, o.kind, o.kind, o.kind.upper()))
            for n in o.nouns:
                self.igo_nouns[n].add(o.code)
        for b in tables.breakaway_entities():
            # coded, as separatists are in CAMEO and the extraction contract, by the state they
            # broke from, with the rebel sector: an actor of its own, never that state itself
            for s in (*b.aliases, *b.adjectives):
                self._add(s, Entry(b.parent, b.name, "group", "institution", "REB"))
        for i in tables.institutions():
            kind = "group" if i.sector in _GROUP_SECTORS else "institution"
            self._add(i.alias, Entry(i.code, i.name, kind, "institution", i.sector))
        for gb in tables.generic_bodies():
            self._add(gb.alias, Entry(gb.default or "", gb.name, "institution", "institution", gb.sector, True))
        self.by_code: dict[str, list[tables.PersonRole]] = defaultdict(list)
        for p in tables.people():
            self.by_code[p.code].append(p)
            for s in (p.name, *p.aliases):
                self.roles[s.lower()].append(p)
                if s.lower() not in self.lower:  # names of places win over names of people
                    self._add(s, Entry(p.code, p.name, "person", "person", p.sector))
            if p.by_surname:
                self.famous.add(p.name)
            family = surname(p.name, p.code)
            self.surnames[family.lower()].add(p.name)
            if " " in family:  # "von der Leyen" is also called "Leyen" by NER
                self.surnames[family.split()[-1].lower()].add(p.name)
            for a in p.aliases:
                if len(a.split()) > 1:
                    self.surnames[surname(a).lower()].add(p.name)
                else:
                    self.surnames[a.lower()].add(p.name)
        self._spellings(tables.people())

    def _spellings(self, people) -> None:
        """A known person under another romanisation of the given name ("Sergey Sobyanin"
        for Sergei Sobyanin), unless that spelling names someone else the tables know or
        would stand for two people."""
        spellings = tables.given_name_spellings()
        made: dict[str, dict[str, list[tables.PersonRole]]] = defaultdict(dict)  # key -> name -> roles
        surfaces: dict[str, str] = {}
        for p in people:
            for s in (p.name, *p.aliases):
                first, _, rest = s.partition(" ")
                for other in spellings.get(first.lower(), ()) if rest else ():
                    alt = f"{other.capitalize()} {rest}"
                    if alt.lower() not in self.roles:
                        made[alt.lower()].setdefault(p.name, []).append(p)
                        surfaces.setdefault(alt.lower(), alt)
        for key, by_name in made.items():
            if len(by_name) != 1:
                continue
            roles = next(iter(by_name.values()))
            self.roles[key] = list(dict.fromkeys(roles))
            if key not in self.lower:
                p = roles[0]
                self._add(surfaces[key], Entry(p.code, p.name, "person", "person", p.sector))

    def _add(self, surface: str, entry: Entry) -> None:
        if entry not in self.exact[surface]:
            self.exact[surface].append(entry)
            self.lower[surface.lower()].append(entry)

    # ------------------------------------------------------------ lookups

    def lookup(self, text: str, *, people: bool = False) -> Entry | None:
        """The entry for a surface form (exact case first), or None."""
        for key in (text, normalize(text)):
            for index, k in ((self.exact, key), (self.lower, key.lower())):
                found = [e for e in index.get(k, ()) if people or e.kind != "person"]
                if found:
                    return found[0]
        return None

    def candidates(self, text: str) -> tuple[str, ...]:
        """Codes an ambiguous name may stand for, default first; () when unambiguous."""
        return self.ambiguous.get(normalize(text), ())

    def person(self, name: str, day: dt.date | None) -> tables.PersonRole | None:
        """The role a person (canonical name or alias) held on ``day``, else the nearest."""
        roles = self.roles.get(normalize(name).lower())
        return _pick(roles, day) if roles else None

    def near_surnames(self, name: str) -> list[str]:
        """Known surnames one letter away from ``name`` (one added, dropped, changed or two
        swapped: "Mitterand", "Bouteflicka"), for names of six letters or more that share the
        first letter; wire copy often misspells foreign names."""
        key = normalize(name).lower()
        if len(key) < 6 or key in self.surnames:
            return []
        return sorted(k for k in self.surnames
                      if k[:1] == key[:1] and abs(len(k) - len(key)) <= 1 and " " not in k and _one_edit(k, key))

    def near_country(self, text: str) -> Entry | None:
        """The one country whose name is one letter away from ``text`` ("Afganistan",
        "Ethopia"), for names of seven letters or more that share the first letter."""
        key = normalize(text).lower()
        if len(key) < 7 or key in self.lower:
            return None
        hits = {e.code: e for k, entries in self.lower.items() if k[:1] == key[:1] and abs(len(k) - len(key)) <= 1
                for e in entries if e.kind == "state" and e.form == "name" and len(k) >= 7 and _one_edit(k, key)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def by_surname(self, name: str, day: dt.date | None, *, titled: bool = False,
                   title: frozenset[str] = frozenset()) -> tables.PersonRole | None:
        """The one known person with this surname; when several, the one in office on ``day``.
        Without a title before the surname, only people known by surname alone count; with
        the words of one (``title``: "premier"), only people who held a role so named, and
        of those the one in such a role on ``day`` ("Premier Li" is the premier of the day)."""
        names = self.surname_names(name, titled=titled, title=title)
        if not names:
            return None
        if len(names) == 1:
            return self.person(next(iter(names)), day)
        if day is None:
            return None
        active = {n for n in names if any(r.active(day) for r in self.titled_roles(n, title))}
        return self.person(active.pop(), day) if len(active) == 1 else None

    def surname_names(self, name: str, *, titled: bool = False, title: frozenset[str] = frozenset()) -> set[str]:
        """The canonical names of the people known by this surname: all of them after a
        title (those who held a role named by its words, when given), else those known by
        surname alone."""
        names = self.surnames.get(normalize(name).lower(), set())
        if not titled:
            return {n for n in names if n in self.famous}
        return {n for n in names if self.titled_roles(n, title)} if title else names

    def titled_roles(self, name: str, title: frozenset[str] = frozenset()) -> list[tables.PersonRole]:
        """The roles of a person (canonical name) named by one of the titles in ``title``, each
        a title's words ("premier" names "Premier", "minister" and "foreign minister" name
        "Foreign Minister"); every role when no title is given."""
        roles = self.roles.get(name.lower(), [])
        return [r for r in roles if any(role_words(t) <= role_words(r.role) for t in title)] if title else roles

    def parent(self, code: str) -> str | None:
        """The state a breakaway entity broke from ("DPR" -> "UKR"); None for others."""
        b = self.breakaway.get(code)
        return b.parent if b else None

    def roles_of(self, code: str) -> list[tables.PersonRole]:
        """Every dated role held for ``code`` (a country or an organisation)."""
        return self.by_code.get(code, [])

    def surfaces(self) -> list[str]:
        """Every surface form worth matching in running text."""
        out = []
        for s, entries in self.exact.items():
            if any(e.kind == "person" for e in entries) and len(s.split()) < 2:
                continue
            out.append(s)
        return out


@lru_cache(maxsize=8192)
def role_words(role: str) -> frozenset[str]:
    """The lower-case words of a role's name or title ("Secretary-General" -> secretary,
    general), in one spelling ("defense" is "defence"), with the words of the common name
    of an office a country names otherwise: "External Affairs Minister" is also a foreign
    minister, the "Governor of the Reserve Bank" a central bank's."""
    words = frozenset(_SPELLING.get(w, w) for w in role.lower().replace("-", " ").split())
    return words.union(*(more for having, more in _ALSO if having <= words))


_SPELLING = {"defense": "defence"}
#: words a role's name implies: the common name of an office some countries name otherwise
_ALSO = ((frozenset({"external", "affairs"}), {"foreign"}), (frozenset({"bank", "governor"}), {"central"}))


def _pick(roles: list[tables.PersonRole], day: dt.date | None) -> tables.PersonRole:
    if day is None:
        return max(roles, key=lambda r: (r.end is None, r.start or dt.date.min))
    return min(roles, key=lambda r: (r.distance(day), -(r.start or dt.date.min).toordinal()))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, dropped or changed, or two
    neighbours swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]
