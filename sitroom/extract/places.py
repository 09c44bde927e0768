"""Places: where things happen, resolved to a country, coordinates and a GeoNames id.

Candidates are spaCy GPE/LOC/FAC entities and matches of gazetteer names
(:mod:`sitroom.kb.places`; one PhraseMatcher per process) that NER missed or
mislabelled ("the South Caucasus" tagged ORG); a longer gazetteer name wins over the
shorter entity inside it ("Rio Grande do Sul"). A name with several readings takes the
curated one, else a country or region, else, among cities and divisions within a factor of
ten of the biggest of that name, the one in a country the article names (a document-level
prior over the countries with a tenth of its place names or more), then a city over a
division ("Donetsk" is the city), then the most populous; a country's name whose country the
rest of the article does not name is the division of its leading country ("Georgia" among
American places). "City, Country" ("Paris, Texas") narrows the readings to that country,
"City, State" to the namesake nearest the state; a division word after the name makes it the
division ("the Kharkiv region", "Idlib province", "the Donetsk and Luhansk regions"), as do
"the provinces of" before it ("the provinces of Cebu, Leyte and Samar"); a city's name after
"the" is the river of that name ("the Dnipro"). A dateline opening the text ("KYIV, Ukraine
(Reuters) -", "TULSA, Okla. —") gives places of its own, counts for the article's countries,
and is the reading of the city's later mentions; a state the dateline or the text names
picks the namesake nearest it ("Columbus" in a Georgia story); "neighbouring Niger" is the
country; a city's clipped alternate name that is another city's name ("Samar" of Samara)
needs its country named elsewhere in the article.

A place name used for its government is an actor, not a place, and is skipped
(cues in ``data/place_cues.tsv``):

- countries and continents count as places only in a location role: the object of a location
  preposition ("in Ukraine", "troops into Ukraine"; "to"/"from" only after a word of
  movement: "sent to Ukraine", "fled from Karabakh to Armenia", not "aid to Ukraine"), the
  object of a verb of being or going somewhere ("left Tunisia"), the owner/object of a location
  noun ("Ukraine's border", "the territory of Ukraine"), a country with a compass adjective
  ("southern Lebanon"), or a conjunct of one;
- a town of under 15,000 people counts only in a location role (as countries do), and only
  in a country the article names;
- any place is skipped as the subject of an actor's verb ("Moscow said", "Kyiv
  rejected"), as the owner of a non-location noun ("Moscow's demands"), as a noun
  modifier of a non-location noun ("Kremlin officials"), and capitals also as the object
  of "with"/"against"/"by"/"between" ("talks with Moscow"; "for" only away from a verb of
  motion: "left for Washington" is a place), as the subject of any verb ("Moscow has no
  veto") and as the object of a verb of address ("thanked Seoul"); conjuncts share the
  role of the first ("London and Paris pledged").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..kb.divisions import split_phrase_word
from ..kb.places import GazEntry, gazetteer
from ..nlp.phrases import phrase_matcher
from ..records import Place, Span
from .actor_home import opening_lines
from .base import Context

_ENT_LABELS = ("GPE", "LOC", "FAC")
#: a city at most this many times smaller than the biggest of its name can win on the country prior
_PRIOR_MAX_RATIO = 10
#: a city named with its state ("Springfield, Illinois") lies at most this far from the state's point
_DIVISION_RADIUS_KM = 500
#: a country named in less than this share of an article's place names does not steer readings
_PRIOR_MIN_SHARE = 0.1
#: prepositions whose object is a place, never an employer or a maker ("near", not "at")
_NEAR = frozenset({"near", "outside", "around", "toward", "towards", "nearby"})
#: readings that the article's countries and size decide between
_LOCAL = ("city", "admin1", "admin2")
_BLOCKING_LABELS = ("PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC")


@dataclass(frozen=True)
class Cues:
    agent_verbs: frozenset[str]
    location_preps: frozenset[str]
    location_nouns: frozenset[str]
    actor_preps: frozenset[str]
    motion_words: frozenset[str]
    address_verbs: frozenset[str]
    place_verbs: frozenset[str]
    compass_words: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    kinds: dict[str, set[str]] = {}
    text = resources.files(__package__).joinpath("data", "place_cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")[:2]
            kinds.setdefault(kind.strip(), set()).add(word.strip().lower())
    return Cues(*(frozenset(kinds.get(k, ())) for k in
                  ("agent_verb", "location_prep", "location_noun", "actor_prep", "motion_word", "address_verb",
                   "place_verb", "compass_word")))


@lru_cache(maxsize=4)
def _matcher(vocab_id: int, vocab) -> PhraseMatcher:
    """A PhraseMatcher over the gazetteer's phrase names, as English's default tokenizer
    splits them (built once per vocab, from cached token ids)."""
    def tokenizer():
        from spacy.lang.en import English

        return English(vocab=vocab).tokenizer

    names = sorted(gazetteer().phrase_names)
    return phrase_matcher(vocab, [("PLACE", n) for n in names], name="placephrases",
                          tokenizer=tokenizer, rules=["spacy.lang.en defaults"])


def extract_places(ctx: Context) -> Iterable[Place]:
    doc, text = ctx.doc, ctx.article.text
    gaz = gazetteer()
    cue = cues()
    cands = _candidates(doc)
    readings = {key: gaz.lookup(span.text) for key, span in cands.items()}
    line = _dateline(text, gaz, _country_prior(readings.values()))
    if line:  # the dateline's places, and nothing NER found across them
        cut = line[-1][1]
        cands = {k: s for k, s in cands.items() if s.start_char >= cut}
        readings = {k: readings[k] for k in cands}
    prior = _country_prior([*readings.values(), *([e] for _, _, e in line)])
    states = [e for _, _, e in line if e.feature == "admin1"]
    weak = _mislabelled_towns(doc, cands, cue)
    for key, span in weak.items():
        cands[key], readings[key] = span, gaz.lookup(span.text)
    for start, end, entry in line:
        yield Place(Span.of(text, start, end), entry.name, entry.country, entry.lat, entry.lon,
                    entry.geonames_id, entry.feature)
    # what the rest of the article says: less every mention of the same name
    votes = Counter((cands[k].text, _vote(f)) for k, f in readings.items() if f)
    named = {cands[k].text: e for k, e in _first_choices(cands, readings, prior, votes).items()
             if e.feature == "admin1"}
    states = [(e, _STATE_RATIO) for e in named.values()] + [(e, _DATELINE_RATIO) for e in states]
    local = {text[s:e].title(): entry for s, e, entry in line[:1]}
    for key in sorted(cands):
        span, found = cands[key], readings[key]
        if not found:
            continue
        entry = local.get(span.text.title())  # the dateline's "PARIS, Texas" is the Paris of later mentions
        if entry is None and _after_division_of(span):
            found = gaz.divisions_named(span.text) or found
        if entry is None:
            others = _others(prior, votes, span.text, found)
            # "Samar" is Samara's only in a story that names Russia; else the city called Samar
            found = [e for e in found if others.get(e.country, 0) or not gaz.near_homonym(span.text, e)] or found
            entry = _choose(_near_states(_narrowed(found, key, cands, readings), states, others), prior, others)
        if entry is None:
            continue
        if entry.feature != "country" and _neighbouring(span):
            entry = next((e for e in found if e.feature == "country"), entry)
        span, entry = _with_region_word(span, entry, gaz)
        entry = _river_after_the(span, entry, gaz)
        if not _is_location(span, entry, cue):
            continue
        if key in weak and not (entry.feature in ("city", "admin1", "admin2") and prior.get(entry.country, 0)):
            continue
        if entry.town and not _location_role(span.root, cue):
            continue  # a town's name is often also a word or a brand: only "near Soledar", "in Ludlow"
        yield Place(Span.of(text, span.start_char, span.end_char), entry.name, entry.country,
                    entry.lat, entry.lon, entry.geonames_id, entry.feature)


def _after_division_of(span: SpacySpan) -> bool:
    """Does the name follow "the province(s) of", itself or as a later conjunct ("the
    provinces of Cebu, Leyte and Samar"), so that it is a division's name?"""
    tok = span.root
    for _ in range(6):
        if tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        else:
            break
    gov = tok.head
    if tok.dep_ != "pobj" or gov.lower_ != "of" or gov.head.pos_ != "NOUN":
        return False
    split = split_phrase_word(f"x {gov.head.text}")
    return bool(split) and gov.head.is_lower


def _neighbouring(span: SpacySpan) -> bool:
    """"neighbouring Niger": only a country neighbours the article's country."""
    return any(c.dep_ == "amod" and c.lower_ in ("neighbouring", "neighboring") for c in span.root.children) \
        or (span.start > 0 and span.doc[span.start - 1].lower_ in ("neighbouring", "neighboring"))


def _others(prior: Counter, votes: Counter, name: str, found: list[GazEntry]) -> Counter:
    """The article's countries less the votes of every mention of ``name``."""
    own = _vote(found)
    return prior - Counter({own: votes[(name, own)]}) if own else prior


def _first_choices(cands: dict, readings: dict, prior: Counter, votes: Counter) -> dict:
    """Each candidate's reading before the article's states narrow them."""
    out = {}
    for key, found in readings.items():
        if found:
            entry = _choose(_narrowed(found, key, cands, readings), prior, _others(prior, votes, cands[key].text, found))
            if entry is not None:
                out[key] = entry
    return out


#: a reading near a state of the text beats a namesake this many times bigger that is not a capital
_STATE_RATIO = 10
#: ... and near the dateline's state ("DES MOINES, Iowa"), one up to a hundred times bigger
_DATELINE_RATIO = 100


def _near_states(found: list[GazEntry], states: list[tuple[GazEntry, int]], others: Counter) -> list[GazEntry]:
    """"Columbus" in a story that names Georgia is the Georgian Columbus: the reading
    nearest a state the article names (within ``_DIVISION_RADIUS_KM`` of its point) drops
    the namesakes less than ``ratio`` times its size that are not capitals, in its own
    country and in countries the rest of the article does not name (its countries decide the others)."""
    if len(found) < 2 or not states:
        return found
    near = [(_km(e, st), e, st, ratio) for e in found if e.lat is not None and e.feature in _LOCAL
            for st, ratio in states if st.lat is not None and st.country == e.country and st is not e]
    near = [x for x in near if x[0] <= _DIVISION_RADIUS_KM]
    if not near:
        return found
    _, best, _, _ = min(near, key=lambda x: x[0])
    ratio = max(r for _, e, _, r in near if e is best)  # the dateline's state, when it is also in the text
    return [e for e in found if e is best or e.capital or e.feature not in _LOCAL
            or (e.country != best.country and others.get(e.country, 0))
            or e.population >= ratio * max(best.population, 1)]


#: a dateline opening one of the first lines: a city (capitals or Title Case, up to four
#: words), an optional ", State" or ", Country", an optional date and "(Agency)", then a dash
_DATELINE = re.compile(
    r"(?P<city>[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*){0,3})"
    r"(?:\s*,\s*(?P<area>[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*){0,3}))?"
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^()\n]{1,30}\)\s*)?[-\u2013\u2014]{1,2}\s")
#: the style-book abbreviations of U.S. states that datelines use ("TULSA, Okla. —")
_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


def _dateline(text: str, gaz, prior: Counter) -> list[tuple[int, int, GazEntry]]:
    """The places of a dateline opening the text ("KYIV, Ukraine (Reuters) -", "TULSA,
    Okla. —", "PARIS (AFP) —") as (start, end, reading): the city, in the state or country
    after it when one follows ("PARIS, Texas" is the Texan Paris), else its reading by the
    article's countries and size; a town only with its state or country."""
    for start, _line in opening_lines(text):
        m = _DATELINE.match(text, start)
        if m is None or not all(w[0].isupper() for w in m["city"].split()):
            continue
        city = m["city"]
        found = gaz.lookup(city) or (gaz.lookup(city.title()) if city.isupper() else [])
        if not found:
            continue
        out = []
        area_name = m["area"]
        if area_name and all(w[0].isupper() for w in area_name.split()):
            areas = [e for e in gaz.lookup(_STATE_ABBREVIATIONS.get(area_name, area_name))
                     if e.feature in ("country", "admin1", "region") and e.country]
            for area in areas:
                within = _within(found, area)
                if within is not found:
                    found = within
                    out.append((m.start("area"), m.end("area"), area))
                    break
            if not out:
                return []
        else:
            found = [e for e in found if not e.town]
        entry = _choose(found, prior + Counter(e.country for _, _, e in out)) if found else None
        if entry is None or entry.feature not in _LOCAL:
            return []
        return [(m.start("city"), m.end("city"), entry), *out]
    return []


def _strip_the(span: SpacySpan) -> SpacySpan:
    while len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _candidates(doc: Doc) -> dict[tuple[int, int], SpacySpan]:
    """Candidate place spans keyed by (start, end) token indices, without overlaps."""
    out: dict[tuple[int, int], SpacySpan] = {}
    taken: set[int] = set()
    gaz = gazetteer()
    matches = _matcher(id(doc.vocab), doc.vocab)(doc, as_spans=True)
    covering: dict[int, list[SpacySpan]] = {}  # token -> the longer gazetteer matches over it
    for m in matches:
        if m.end - m.start > 1:
            for i in range(m.start, m.end):
                covering.setdefault(i, []).append(m)
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            span = _strip_the(ent)
            if any(m.start <= span.start and span.end < m.end and _name_like(m)
                   for m in covering.get(span.start, ())):
                continue  # NER's "Rio Grande" inside the gazetteer's "Rio Grande do Sul"
            if gaz.lookup(span.text):
                out[(span.start, span.end)] = span
                taken.update(range(span.start, span.end))
    for span in sorted(matches, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if not _name_like(span):
            continue
        if span.start > 0 and doc[span.start - 1].is_title and doc[span.start - 1].pos_ == "PROPN" \
                and not doc[span.start - 1].is_sent_start:
            continue  # part of a longer name: "New Mexico" is not "Mexico", "Port Said"
        if span.end < len(doc) and doc[span.end].is_title and doc[span.end].pos_ == "PROPN":
            continue  # "Washington Post"
        if _inside_other_entity(span):
            continue
        out[(span.start, span.end)] = span
        taken.update(range(span.start, span.end))
    return out


def _name_like(span: SpacySpan) -> bool:
    """A gazetteer match that reads as a name: it opens with a capital, and its other words
    are capitalised or are the small words names are spelt with ("Rio Grande do Sul",
    "Sagaing region"; matches are case-exact, so "the region" never matches "Region")."""
    first = span[0]
    return (first.is_title or first.is_upper or not first.is_alpha) and all(
        t.is_title or t.is_upper or not t.is_alpha or t.is_lower for t in span[1:])


def _mislabelled_towns(doc: Doc, cands: dict, cue: Cues) -> dict[tuple[int, int], SpacySpan]:
    """Names NER took for a person or an organisation that stand where only a place
    stands: the whole object of a preposition of nearness ("fighting near Soledar",
    "a checkpoint outside Ludlow"; not "in"/"at", which also take employers: "at
    Google"), or a name after "the provinces of" ("the provinces of Leyte and Samar").
    They are kept only when they name a town, city or division in a country the article
    names (checked by the caller)."""
    out: dict[tuple[int, int], SpacySpan] = {}
    taken = {i for s, e in cands for i in range(s, e)}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or any(i in taken for i in range(ent.start, ent.end)):
            continue
        span = _strip_the(ent)
        root = span.root
        if not all(t.is_title for t in span if t.is_alpha):
            continue
        if (root.dep_ == "pobj" and root.head.lower_ in _NEAR) or _after_division_of(span):
            out[(span.start, span.end)] = span
    return out


def _inside_other_entity(span: SpacySpan) -> bool:
    """Is this match part of a longer PERSON/ORG/... name ("Moscow State University")?
    An ORG entity that is just the place name ("the South Caucasus") does not count, nor
    does one inside a longer name of the gazetteer (NER's PERSON "Lachin" of "the Lachin
    corridor")."""
    for tok in span:
        if tok.ent_type_ in _BLOCKING_LABELS:
            ent = next((e for e in span.doc.ents if e.start <= tok.i < e.end), None)
            if ent is None or _strip_the(ent).text == span.text:
                continue
            if span.start <= ent.start and ent.end <= span.end and len(span) > len(ent):
                continue
            return True
    return False


def _country_prior(readings: Iterable[list[GazEntry]]) -> Counter:
    """How often each country is named (directly or by an unambiguous place) in the article,
    for the countries that have at least ``_PRIOR_MIN_SHARE`` of the article's mentions: a
    story about Iraq that names a "Washington-based" think-tank once is not about the U.S."""
    counts = Counter(c for c in map(_vote, readings) if c)
    total = sum(counts.values())
    return Counter({c: n for c, n in counts.items() if n >= _PRIOR_MIN_SHARE * total})


def _vote(found: list[GazEntry]) -> str | None:
    """The country a name points to, when it points to one: its only country, a country's
    or a curated place's, or that of a reading far bigger than any namesake abroad
    ("Delhi", whatever small Delhis there are)."""
    found = [e for e in found if not e.town]  # a town's name alone says little of the country
    if not found:
        return None
    countries = {e.country for e in found if e.country}
    top = found[0]
    if len(countries) == 1 or top.feature == "country" or top.curated:
        return top.country
    biggest = max(found, key=lambda e: e.population)
    abroad = max((e.population for e in found if e.country != biggest.country), default=0)
    return biggest.country if biggest.population >= _PRIOR_MAX_RATIO * max(abroad, 1) else None


#: division words after a city's name that make it a region even where no division is known
_REGION_WORDS = ("region", "oblast", "province", "krai", "governorate")


def _with_region_word(span: SpacySpan, entry: GazEntry, gaz) -> tuple[SpacySpan, GazEntry]:
    """A name followed by a division word is the division, not the city: "the Kharkiv
    region", "Idlib province", "Zamfara state", "the Donetsk and Luhansk regions" (each
    conjunct before a plural word); a region the gazetteer lacks keeps its city's point
    and country but no GeoNames id."""
    doc = span.doc
    if entry.feature not in _LOCAL:
        return span, entry
    word_at = _division_word_after(span)
    if word_at is None:
        return span, entry
    word = doc[word_at]
    singular = split_phrase_word(f"{span.text} {word.text}")
    known = [e for e in gaz.lookup(f"{span.text} {singular[1]}") if e.feature in ("region", "admin1", "admin2")]
    wider = doc[span.start:span.end + 1] if word_at == span.end else span
    if known:
        return wider, next((e for e in known if e.country == entry.country), known[0])
    if singular[1] not in _REGION_WORDS or entry.feature != "city":
        return span, entry
    from dataclasses import replace

    return wider, replace(entry, name=f"{entry.name} {word.text}", feature="region",
                          geonames_id=None, population=0, capital=False)


def _river_after_the(span: SpacySpan, entry: GazEntry, gaz) -> GazEntry:
    """"the Dnipro", "the Ob": a city's name after "the" is the river of that name, where
    there is one (cities do not take the article; rivers do)."""
    doc = span.doc
    if entry.feature != "city" or span.start == 0 or doc[span.start - 1].lower_ != "the":
        return entry
    rivers = [e for e in gaz.lookup(f"{span.text} River") if e.feature == "river"]
    return rivers[0] if rivers else entry


def _division_word_after(span: SpacySpan) -> int | None:
    """The index of the division word that follows the name ("Idlib province"), or that
    follows the last of its conjuncts when it is plural ("Donetsk and Luhansk regions")."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    nxt = doc[span.end]
    split = split_phrase_word(f"x {nxt.text}")
    if split and (nxt.lower_ == split[1] or (span.start > 0 and doc[span.start - 1].lower_ in ("and", ",", "or"))):
        return span.end  # a plural only after a conjunct: "Donetsk and Luhansk regions", not "Moscow territories"
    if nxt.lower_ not in ("and", ",", "or"):
        return None
    for i in range(span.end + 1, min(span.end + 6, len(doc))):
        tok = doc[i]
        if tok.lower_ in ("and", ",", "or") or tok.is_title:
            continue
        split = split_phrase_word(f"x {tok.text}")
        return i if split and tok.lower_ != split[1] else None  # the plural only
    return None


def _narrowed(found: list[GazEntry], key: tuple[int, int], cands: dict, readings: dict) -> list[GazEntry]:
    """"Paris, Texas" / "Lyon, France": a city followed by its country or state keeps
    only the readings in that country."""
    start, end = key
    doc = cands[key].doc
    if len(found) < 2 or end >= len(doc) or doc[end].text != ",":
        return found
    nxt = next((readings[k] for k in cands if k[0] == end + 1), None)
    if not nxt or nxt[0].feature not in ("country", "admin1", "region") or not nxt[0].country:
        return found
    return _within(found, nxt[0])


def _within(found: list[GazEntry], area: GazEntry) -> list[GazEntry]:
    """The readings of a city in the country or state named after it: those in the
    country, and of those the nearest the state's point, if it is near at all
    ("Springfield, Illinois"); all the readings when none is in the country."""
    within = [e for e in found if e.country == area.country]
    if not within:
        return found
    if area.feature == "country" or area.lat is None:
        return within
    near = sorted(((_km(e, area), e) for e in within if e.lat is not None), key=lambda x: x[0])
    return [near[0][1]] if near and near[0][0] <= _DIVISION_RADIUS_KM else within


def _km(a: GazEntry, b: GazEntry) -> float:
    """Great-circle distance between two readings' points."""
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(a.lat), radians(b.lat)
    h = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def _choose(found: list[GazEntry], prior: Counter, others: Counter | None = None) -> GazEntry | None:
    """The reading of a name: the curated one, else a country or region, else a city by
    the article's countries and size; a town (under 15,000 people) only in a country the
    article names, and then before a namesake abroad at most ten times its size that is
    not a capital ("Soledar" in a story about Ukraine), never on its size alone."""
    towns = [e for e in found if e.town and prior.get(e.country, 0)]
    rest = [e for e in found if not e.town]
    best = _choose_among(rest, prior) if rest else None
    if best is not None and best.feature == "country" and others and not others.get(best.country):
        # "Georgia" in a story whose other places are mostly American is the state
        lead = others.most_common(1)[0][0]
        best = next((e for e in rest if e.feature == "admin1" and e.country == lead), best)
    if not towns:
        return best
    town = max(towns, key=lambda e: (prior[e.country], e.population))
    if best is None or (best.feature == "city" and not best.capital and not prior.get(best.country, 0)
                        and town.population * _PRIOR_MAX_RATIO >= best.population):
        return town  # like cities, only against a namesake of a similar order of size
    return best


def _choose_among(found: list[GazEntry], prior: Counter) -> GazEntry:
    """Among a city's and a division's readings ("Donetsk", "Victoria", "Punjab"), the
    article's countries win between readings of a similar order of size, then a city
    over a division of its name, then size."""
    top = found[0]
    if top.curated or len(found) == 1 or top.feature not in _LOCAL:
        return top
    local = [e for e in found if e.feature in _LOCAL]
    biggest = max(local, key=lambda e: e.population)
    # the prior may overrule size only between places of a similar order of size:
    # "Moscow" in a story about the U.S. is still Russia's capital
    rivals = [e for e in local if e.population * _PRIOR_MAX_RATIO >= biggest.population]
    return max(rivals, key=lambda e: (prior.get(e.country, 0), e.feature == "city", e.population))


def _is_location(span: SpacySpan, entry: GazEntry, cue: Cues) -> bool:
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i and head.head.ent_type_ in _ENT_LABELS:
        head = head.head  # conjuncts share a role: "London and Paris pledged", "between Ankara and Athens"
    dep, gov = head.dep_, head.head
    # metonymy: the place acts or speaks
    if dep in ("nsubj", "csubj") and gov.lemma_.lower() in cue.agent_verbs:
        return False
    if dep == "dobj" and gov.lemma_.lower() in cue.address_verbs and (
            entry.capital or any(c.dep_ == "xcomp" for c in gov.children)):
        return False  # "urged Moscow to withdraw", "thanked Seoul for its support"
    if dep == "poss" or (dep == "compound" and gov.pos_ in ("NOUN", "PROPN")):
        if gov.lemma_.lower() not in cue.location_nouns:
            return False  # "Moscow's demands", "Kremlin officials"
    if dep == "pobj" and gov.lower_ == "by" and gov.head.tag_ == "VBN":
        return False  # "was rejected by Moscow"
    if entry.feature == "city" and entry.capital:
        if dep == "pobj" and gov.lower_ in cue.actor_preps \
                and not (gov.lower_ == "for" and gov.head.lemma_.lower() in cue.motion_words):
            return False  # "talks with Moscow", not "left for Washington"
        if dep == "nsubj":
            return False  # "Moscow has no veto": a capital as the subject stands for its government
    if dep == "pobj" and gov.lower_ == "of" and gov.head.pos_ == "PROPN" \
            and gov.head.lemma_.lower() not in cue.location_nouns:
        return False  # a title: "Patriarch of Moscow", "Mayor of Kyiv"
    if entry.feature in ("country", "continent"):
        return _location_role(head, cue)
    return True


def _location_role(tok: Token, cue: Cues) -> bool:
    """A country name in a location role: "in Ukraine", "Ukraine's border",
    "the territory of Ukraine", "in Poland and Ukraine"."""
    for _ in range(4):  # climb conjunctions and appositions to the first conjunct
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    if any(c.dep_ == "amod" and c.lower_ in cue.compass_words for c in tok.children):
        return True  # "southern Lebanon", "eastern Ukraine": only a land has a south
    dep, gov = tok.dep_, tok.head
    if dep == "dobj" and gov.lemma_.lower() in cue.place_verbs:
        return True  # "left Tunisia", "crossed Poland", "reached Syria"
    if dep == "pobj":
        prep = gov.lower_
        if prep in ("to", "from"):  # "sent troops to Ukraine", not "aid to Ukraine"
            return _moved(gov, cue)
        if prep in cue.location_preps:
            return True
        if prep == "of" and gov.head.lemma_.lower() in cue.location_nouns:
            part = gov.head
            # "on the part of the Russian Federation" names a party, not a place
            return not (part.lower_ == "part" and part.head.lower_ == "on")
        if prep == "with" and gov.head.lemma_.lower() in ("border", "frontier"):
            return True
        return False
    if dep in ("poss", "compound") and gov.lemma_.lower() in cue.location_nouns:
        return True
    return False


def _moved(prep: Token, cue: Cues) -> bool:
    """Is "to"/"from" governed by a word of movement, directly ("fled to Armenia") or
    through the place it follows ("fled from Karabakh to Armenia")?"""
    head = prep.head
    for _ in range(3):
        if head.lemma_.lower() in cue.motion_words:
            return True
        if head.dep_ == "prep" and head.lower_ in ("from", "to", "into", "out"):
            head = head.head  # "from Karabakh to Armenia", parsed as a PP on a PP
        elif head.dep_ == "pobj" and head.head.lower_ in ("from", "to", "into", "out"):
            head = head.head.head
        else:
            return False
    return False
