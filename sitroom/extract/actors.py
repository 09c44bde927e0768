"""Actor resolution: every entity mention and actor noun phrase of an article -> an ``Actor``.

Interface used by the other extractors:

    resolver = resolve(ctx)                 # once per article
    resolver.entities                       # tuple[Entity]: every NER mention (actor or None)
    resolver.phrase(token) -> list[ActorSpan]
        the actor(s) of the noun phrase headed by ``token`` (coordination expanded:
        "Canada and its NATO partners" -> [CAN, ...]); pronouns ("he", "it") and
        definite descriptions ("the official", "the alliance") resolve to the most recent
        compatible actor of the article; [] when none.
    resolver.at(start, end) -> ActorSpan | None
        the actor mention covering the character range, if any.
    resolver.home -> Home | None
        the article's own country (``actor_home``: dateline, first-person speaker, or
        predominant country of its mentions) and which signal gave it; bodies many states
        have ("the Senate", "the interior ministry", "police", "the prime minister") that
        their own phrase does not place ("the Polish Senate") are the home country's.

How: NER mentions (plus gazetteer matches NER missed) are looked up in the knowledge
base (``sitroom.kb``) in document order, remembering people by surname so that a surname
alone resolves after a full mention; people's roles follow the publication date.
Role nouns ("troops", "official") take their code from modifiers in the dependency
parse ("Russian", "Biden administration", "Russia's", "adviser to President X") and their
sector from ``kb/data/sectors.tsv``. The phrase logic lives in ``actor_phrases``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import kb
from ..kb.gazetteer import Entry, Gazetteer
from ..records import Actor, ActorSpan, Entity, Span
from . import actor_home, associations
from .actor_descriptions import describe
from .actor_home import Home
from .actor_phrases import PhraseResolver, gazetteer_matches
from .base import Context
from .quote_marks import transcript_turns
from .turns import interview_answers, interview_speaker, labelled_turns, title_speaker

#: NER labels that can name an actor.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_UNKNOWN_OK = frozenset({"PERSON", "ORG"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # organs of a state
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "MED"})  # groups of people, not organs
_CREDIT_MAX = 200  # a credit is a short sentence of its own
_CREDIT_WINDOW = 60  # else: this many characters either side of the marker  # unknown names still count as (uncoded) actors


#: words before a family name that make it a person's ("Mrs May", "Gen. Milley")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "gen", "general",
                         "sen", "senator", "rep", "president", "premier", "chancellor", "minister",
                         "secretary", "king", "queen", "prince", "sheikh", "madam", "mister", "comrade"})


#: "anti-Syria" (a stance against it), "post-Soviet", "pre-war" (a time after or before it): no actor
_ATTITUDE = re.compile(r"(?i)(?:the\s+)?(?:anti|post|pre)\s*-")


def actor_of(entry: Entry, g: Gazetteer) -> Actor:
    """The actor a knowledge-base entry names (no person role: see ``person_actor``)."""
    if entry.kind in ("igo", "ngo"):
        return Actor(entry.code, entry.name, entry.sector, kind="igo" if entry.kind == "igo" else "group")
    if entry.kind == "institution":
        if entry.generic and not entry.code:  # "the Interior Ministry" of no known state
            return Actor(None, entry.name, entry.sector, kind="group", role=entry.name)
        country = g.countries.get(entry.code)
        return Actor(entry.code, country.name if country else entry.name, entry.sector,
                     kind="group" if entry.sector in _GROUP_SECTORS else "state", role=entry.name)
    if entry.kind == "group":
        return Actor(entry.code, entry.name, entry.sector, kind="group")
    if entry.kind == "region":
        return Actor(entry.code, entry.name, None, kind="region")
    return Actor(entry.code, entry.name, None, kind="state")


def person_actor(role: kb.PersonRole) -> Actor:
    return Actor(role.code, role.name, role.sector, kind="person", role=role.role, person=role.name)


@dataclass
class Resolver:
    """The actors of one article; built by ``resolve``."""

    doc: Doc
    text: str
    published: dt.date | None
    entities: tuple[Entity, ...] = ()
    mentions: list[ActorSpan] = field(default_factory=list)
    #: the article's own country ("the Senate" is its senate), when the article establishes one
    home: Home | None = None
    _phrases: PhraseResolver | None = None

    def phrase(self, token: Token) -> list[ActorSpan]:
        """The actor(s) of the noun phrase headed by ``token``; [] when none."""
        if self._phrases is None or token.doc is not self.doc:
            return []
        return self._phrases.phrase(token)

    def voice(self, pos: int) -> Actor | None:
        """Who speaks at character ``pos`` when no quote says it: the speaker of the innermost
        transcript turn, interview answer or first-person text holding it; None elsewhere."""
        if self._phrases is None:
            return None
        hits = [(start, actor) for start, end, actor in self._phrases.speech if start <= pos < end]
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def quoted(self, pos: int) -> bool:
        """Whether character ``pos`` lies inside quote marks."""
        return self._phrases is not None and self._phrases._quoted(pos)

    def at(self, start: int, end: int) -> ActorSpan | None:
        """The actor mention covering ``[start, end)`` (or the best one inside it)."""
        inside = None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        head: list[ActorSpan] = []
        if span is not None and len(span) > 1:  # "the Polish Senate": the phrase of its head
            head = [m for m in self.phrase(span.root) if m.actor and start <= m.span.start and m.span.end <= end]
            if head and head[0].actor.code:
                return head[0]
        for m in self.mentions:
            if m.span.start <= start and end <= m.span.end and m.actor:
                return m
            if start <= m.span.start and m.span.end <= end and m.actor and (
                    inside is None or m.span.end - m.span.start > inside.span.end - inside.span.start):
                inside = m
        if inside:
            return inside
        if head:
            return head[0]
        if span is None or not len(span):
            return None
        found = self.phrase(span.root)
        return found[0] if found else None


def resolve(ctx: Context) -> Resolver:
    """Resolve every entity mention and actor noun phrase of ``ctx.doc``."""
    doc, text = ctx.doc, ctx.article.text
    g = kb.gazetteer()
    resolver = Resolver(doc, text, ctx.published)
    credits = _credit_lines(text, doc)
    spans, matches = gazetteer_matches(doc, ctx.settings, doc.ents)
    spans = actor_home.cut_at_dateline(doc, spans, text, g)
    memory = _Memory(g, ctx.published, matches)
    entities: list[Entity] = []
    for s in spans:
        label = s.label_ or "ORG"
        actor = None
        if label in ACTOR_LABELS and not _in_credit(s, credits):
            actor = memory.entity(s, label)
        entities.append(Entity(Span.of(text, s.start_char, s.end_char), label, actor))
    entities = _namesakes(entities, memory)
    entities = describe(spans, entities, lambda word: _state_named(memory, word))
    spans, entities = _headline_surnames(doc, text, spans, entities)
    speech = _speech_stretches(ctx, spans, entities, g)
    speaker = next((a for start, end, a in speech if start == 0 and end == len(text)), None)
    resolver.home = actor_home.home(text, entities, g, speaker)
    actor_home.place_bodies(spans, entities, g, resolver.home)
    party = readout_party(ctx.article.title, g, ctx.published)
    host = readout_host(party, entities)
    phrases = PhraseResolver(doc, text, g, ctx.published, spans, entities, credits, speech,
                             home=resolver.home.code if resolver.home else None,
                             host=host.actor if host is not None else None, party=party)
    resolver.entities = tuple(entities)
    resolver._phrases = phrases
    resolver.mentions = phrases.mentions
    return resolver


def _namesakes(entities: list[Entity], memory: "_Memory") -> list[Entity]:
    """A bare surname is the person the article names in full with it, wherever the full
    name comes ("Howard denies split" over "Michael Howard has denied ..."), not someone else
    the tables know by that surname: when exactly one person the tables do not know is named
    in full with that surname, and their given name is no part of the known person's name."""
    unknown: dict[str, set[str]] = {}
    for e in entities:
        a = e.actor
        if a is not None and a.kind == "person" and a.person and " " in a.person \
                and memory.g.person(a.person, memory.day) is None:
            unknown.setdefault(kb.normalize(a.person).split()[-1].lower(), set()).add(a.person)
    if not unknown:
        return entities
    out = []
    for e in entities:
        a = e.actor
        if a is not None and a.kind == "person" and a.person and " " not in e.span.text.strip() \
                and len(names := unknown.get(kb.normalize(e.span.text).removesuffix("'s").lower(), ())) == 1:
            full = next(iter(names))
            if full != a.person and memory._given_name(full.split()[0], full.split()[-1]):
                e = replace(e, actor=Actor(None, full, None, kind="person", person=full))
        out.append(e)
    return out


#: the longest first line taken for a headline, in words
_HEADLINE_WORDS = 16


def _headline_surnames(doc: Doc, text: str, spans: list[SpacySpan], entities: list[Entity]
                       ) -> tuple[list[SpacySpan], list[Entity]]:
    """A headline calls a person by the surname the article gives in full below ("Blair
    rejects calls" over "Tony Blair has rejected calls"): a capitalised word of the first
    line, in no mention, that is the last word of exactly one known person named in the
    article is that person (the tagger often misses names in headline case)."""
    end = text.find("\n")
    if end <= 0 or len(text[:end].split()) > _HEADLINE_WORDS:
        return spans, entities
    people: dict[str, set] = {}
    for span, e in zip(spans, entities):
        a = e.actor
        if a is not None and a.kind == "person" and a.code and span.start_char > end and len(span) > 1:
            people.setdefault(span[-1].text, set()).add(a)
    taken = {i for s in spans for i in range(s.start, s.end)}
    extra: list[tuple[SpacySpan, Entity]] = []
    for tok in doc:
        if tok.idx >= end:
            break
        found = people.get(tok.text)
        if tok.i in taken or not tok.text[:1].isupper() or found is None or len(found) != 1:
            continue
        span = doc[tok.i:tok.i + 1]
        extra.append((span, Entity(Span.of(text, span.start_char, span.end_char), "PERSON", next(iter(found)))))
    if not extra:
        return spans, entities
    pairs = sorted([*zip(spans, entities), *extra], key=lambda p: p[0].start)
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _state_named(memory: "_Memory", word: str) -> Actor | None:
    """The state a nationality, country or city word names ("Dutch", "Peru", "Lyon")."""
    actor = memory.named(kb.normalize(word)) or memory.place(kb.normalize(word))
    return actor if actor is not None and actor.kind == "state" else None


# ---------------------------------------------------------------- who speaks a stretch

def _speech_stretches(ctx: Context, spans: list[SpacySpan], entities: list[Entity],
                      g: Gazetteer) -> list[tuple[int, int, Actor]]:
    """(start, end, speaker) of each transcript turn whose label names a known speaker, of
    the whole text when its title names a first-person genre and its speaker, and of each
    answer of an interview whose title names the interviewee (``turns``)."""
    doc, text = ctx.doc, ctx.article.text
    out: list[tuple[int, int, Actor]] = []
    who = title_speaker(ctx.article.title)
    if who is not None:
        actor = title_actor(who, g, ctx.published)
        if actor is not None:
            out.append((0, len(text), actor))
    interviewee = interview_speaker(ctx.article.title)
    if interviewee is not None:
        actor = title_actor(interviewee, g, ctx.published)
        if actor is not None and actor.kind == "person":  # "Interview with <a broadcaster>" names the asker
            out += [(start, end, actor) for start, end in interview_answers(text)]
    labels = [(t.name, t.content) for t in labelled_turns(doc, text)]
    for (ls, le), content in transcript_turns(text):
        name = doc.char_span(ls, le, alignment_mode="expand")
        if name is not None:
            labels.append((name, content))
    people = {i: e.actor for s, e in zip(spans, entities) for i in range(s.start, s.end)
              if e.actor is not None and e.actor.code and e.actor.kind == "person"}
    for name, (start, end) in labels:
        # the last person the label names (a label may repeat a name)
        actor = next((people[t.i] for t in reversed(list(name)) if t.i in people), None)
        if actor is None:  # the tagger ran the name into a longer mention: the name itself
            role = g.person(name.text, ctx.published)
            actor = person_actor(role) if role is not None else None
        if actor is not None:
            out.append((start, end, actor))
    return out


_READOUT_TITLE = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,6}?([\w-]+)\s+with\s+(.+?)\s*$")


def readout_party(title: str | None, g: Gazetteer, day: dt.date | None) -> Actor | None:
    """The other party of the contact a readout's title names: "Telephone conversation with
    X", "Talks with X", "Meeting with X" (a contact noun of the event lexicon, then "with")."""
    m = _READOUT_TITLE.match(title or "")
    if m is None:
        return None
    from .event_lexicon import load_lexicon

    noun = m.group(1).lower()
    singular = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    if not any(e.type == "CONSULT" for e in load_lexicon().lookup("N", singular)):
        return None
    found = title_actor(m.group(2), g, day)
    return found if found is not None and found.code else None


def readout_host(party: Actor | None, entities: Sequence[Entity]) -> Entity | None:
    """The principal of the side a readout speaks for: the person it names most, of another
    side than the party its title names (a strict majority over the next); its first mention."""
    if party is None:
        return None
    counts: dict[str, list[Entity]] = {}
    for ent in entities:
        a = ent.actor
        if a is not None and a.kind == "person" and a.code and a.code != party.code:
            counts.setdefault(a.person or a.name or a.code, []).append(ent)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if ranked and (len(ranked) == 1 or len(ranked[0]) > len(ranked[1])):
        return ranked[0][0]
    return None


def title_actor(who: str, g: Gazetteer, day: dt.date | None) -> Actor | None:
    """The actor of a title's speaker phrase: a known person by name ("Olaf Scholz"), or the
    one holder on ``day`` of an office of a named state ("the President of Ukraine",
    "Ukraine's President"); None when the phrase names no state or no single holder."""
    words = [w for w in re.split(r"[\s,]+", who) if w]
    for i in range(len(words)):
        role = g.person(" ".join(words[i:]), day)
        if role is not None and day is not None and role.active(day):
            return person_actor(role)
    if day is None:
        return None
    state = None
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            e = g.lookup(" ".join(words[i:i + n]).removesuffix("'s").removesuffix("’s"))
            if e is not None and e.kind == "state":
                state = state or e.code
    if state is None:
        return None
    nouns = kb.sector_nouns()
    office = {w.lower() for w in words if (n := nouns.get(w.lower())) is not None and n.kind == "title"}
    if not office:
        return None
    said = {w.lower() for w in words}
    holders = {}
    for r in g.roles_of(state):  # the office's every word is in the phrase
        role = set(r.role.lower().replace("-", " ").split()) - {"of", "the", "to", "for"}
        if r.active(day) and office <= role <= said:
            holders[r.name] = r
    return person_actor(next(iter(holders.values()))) if len(holders) == 1 else None


# ---------------------------------------------------------------- entity resolution

class _Memory:
    """Who the article has named so far (people by surname, recent organisations)."""

    def __init__(self, g: Gazetteer, day: dt.date | None, matches: list[SpacySpan]):
        self.g = g
        self.day = day
        self.matches = matches
        self.people: dict[str, Actor] = {}
        self.recent: list[str] = []  # codes in mention order
        self._given_names: frozenset[str] | None = None


    def entity(self, s: SpacySpan, label: str) -> Actor | None:
        text = kb.normalize(s.text)
        if not text or not any(c.isalpha() for c in text) or _ATTITUDE.match(text):
            return None  # "anti-Syria": a stance against an actor, not the actor
        actor = None
        if label == "PERSON" and any(c.isdigit() for c in text):
            # no one's name has digits: "COVID-19", "F-16", "Sputnik V2" tagged PERSON
            entry = self.g.lookup(text)
            return actor_of(entry, self.g) if entry else None
        if label == "PERSON":
            actor = self.person(s, text)
            if actor is None:
                entry = self.g.lookup(text)
                actor = actor_of(entry, self.g) if entry else None
            if actor is None and s[0].ent_type_ and self._demonym(s[0].text):
                actor = self.composite(s)  # "Bosnian Serbs" tagged PERSON: a people
            if actor is None and len(s) > 1 and self._plural_role(s[-1]):
                actor = self.composite(s)  # "Labour MPs" tagged PERSON: a group, no one's name
            if actor is None and len(s) == 1 and not self._after_title(s):  # NER calls some cities people
                actor = self.place(text, min_population=100_000)
            if actor is None and len(s) == 1 and kb.sector_nouns().get(s[0].lower_) is not None:
                return None  # a role noun alone ("Speaker", "Adviser") is nobody's name
        elif label in ("GPE", "LOC") and self._after_honorific(s):
            # "Mr Houston", "Mrs Lincoln": an honorific makes the name a person's, never a place's
            actor = self.person(s, text) or Actor(None, text, None, kind="person", person=text)
            self._remember(text, actor)
        else:
            actor = self.named(text)
            words = text.split()
            if actor is None and label in ("ORG", "GPE", "NORP") and len(words) >= 3 and any(
                    self.g.person(" ".join(words[-n:]), self.day) is not None for n in (2, 3)):
                # "Ukraine Volodymyr Zelenskyy" (NER took the title's country in): the person
                actor = self.person(s, text, known_only=True)
            actor = actor or self.composite(s)
            if actor is None:  # a firm's name may be a small town's ("Sterling"): cities only
                actor = self.place(text, min_population=100_000 if label == "ORG" else 0)
            if actor is None and (label in ("ORG", "GPE", "NORP") and len(s) <= 3
                                  or self.g.person(text, self.day) is not None):
                # "Biden" tagged ORG; a known person's full name under any label (FAC, LOC...)
                actor = self.person(s, text, known_only=True)
        if actor is None and label == "GPE" and len(s) == 1:
            entry = self.g.near_country(text)  # a country's name misspelt: "Afganistan"
            actor = actor_of(entry, self.g) if entry else None
        if actor is None and label in _UNKNOWN_OK and text[:1].isupper():
            if label == "PERSON":
                actor = Actor(None, text, None, kind="person", person=text)
                self._remember(text, actor)
            else:
                actor = Actor(None, text, None, kind="group")
        if actor is not None and actor.code:
            self.recent.append(actor.code)
        return actor

    @staticmethod
    def _plural_role(tok: Token) -> bool:
        """A plural noun naming people by role ("MPs", "senators", "rebels")."""
        nouns = kb.sector_nouns()
        lower = tok.lower_
        noun = nouns.get(tok.lemma_.lower()) or nouns.get(lower.removesuffix("s"))
        if noun is None or noun.kind not in ("person", "group", "title"):
            return False
        return tok.tag_ in ("NNS", "NNPS") or (lower.endswith("s") and lower not in nouns)

    def _demonym(self, word: str) -> bool:
        e = self.g.lookup(word)
        return e is not None and e.kind == "state" and e.form == "adjective"

    @staticmethod
    def _after_title(s: SpacySpan) -> bool:
        """A name after a title is a person's, not a city's ("King Harald")."""
        if s.start == 0:
            return False
        prev = s.doc[s.start - 1]
        noun = kb.sector_nouns().get(prev.lemma_.lower())
        return noun is not None and noun.kind in ("title", "person")

    @staticmethod
    def _after_honorific(s: SpacySpan) -> bool:
        """A name right after "Mr", "Mrs", "Dr" ... (not a title of office: "President Chile"
        does not occur, but "General Motors" and "Lord Howe Island" are no people)."""
        if s.start == 0:
            return False
        return s.doc[s.start - 1].lower_.rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "mx")

    def named(self, text: str) -> Actor | None:
        """A country, organisation or institution by name; ambiguous names by context."""
        options = self.g.candidates(text)
        if options:
            recent = next((c for c in reversed(self.recent) if c in options), options[0])
            org = self.g.orgs.get(recent)
            if org:
                return Actor(org.code, org.name, "IGO", kind="igo")
        entry = self.g.lookup(text)
        if entry is None and "-" in text and " " not in text:  # "Russian-backed", "U.S.-Russia"
            # one word (not "Guinea-Bissau Umaro Embalo"), its first part a name in its own
            # case: "Pan-European" is no "PAN"
            entry = next((e for e in self.g.exact.get(text.split("-")[0], ()) if e.kind != "person"), None)
        return actor_of(entry, self.g) if entry else None

    def place(self, text: str, *, min_population: int = 0) -> Actor | None:
        """A city or province stands for its country ("Samarra" -> IRQ), as in CAMEO coding."""
        from ..kb.places import gazetteer as places

        if not text[:1].isupper():
            return None
        hits = places().lookup(text)[:4]
        # the best-ranked place's country; of its entries under this name the first that
        # fits (the gazetteer may rank a small namesake or an unpopulated duplicate first)
        for p in [p for p in hits if p.country == hits[0].country]:
            country = self.g.countries.get(p.country or "")
            if (country is not None and p.feature in ("city", "admin1", "region")
                    and (p.population >= min_population or p.feature != "city")):
                return Actor(country.code, country.name, None, kind="state", role=p.name)
        return None

    def composite(self, s: SpacySpan) -> Actor | None:
        """An unknown multi-word name holding a known one: "Ukraine's Defense Ministry"."""
        if len(s) < 2:
            return None
        nouns = kb.sector_nouns()
        root = s.root
        pair = f"{root.nbor(-1).lemma_.lower()} {root.lemma_.lower()}" if root.i > s.start else ""
        noun = nouns.get(pair) or nouns.get(root.lemma_.lower())
        meeting = False
        if associations.business_association(root, s):  # "the Union of Industrialists": not labour
            noun = kb.SectorNoun(root.lemma_.lower(), "BUS", "body")
        elif noun is not None and noun.sector == "LEG":
            owner = associations.meeting_of(root, s)
            if owner is not None:  # "the Congress of the Union of Journalists": the union's
                own = nouns.get(owner.lemma_.lower())
                sector = "BUS" if associations.business_association(owner, s) else own.sector if own else None
                noun, meeting = kb.SectorNoun(owner.lemma_.lower(), sector, "body"), True
        code_actor = None
        found = []
        for m in self.matches:
            if s.start < m.end and m.start < s.end:
                e = self.g.lookup(m.text)
                if e is not None and e.kind != "person" and (e.form != "capital" or noun is not None) \
                        and not (meeting and e.generic):  # not "Congress" of the U.S.
                    found.append(e)
        # a direction is no actor: "Western Cambodia" is Cambodia, "West Darfur State" a
        # province, not the West
        if s.root.pos_ == "PROPN" and s.root.ent_type_ in ("GPE", "LOC", "FAC"):
            found = [e for e in found if e.kind != "region"]
        found.sort(key=lambda e: (e.kind == "region", e.generic))  # "the Senate of Poland": Poland
        inst = next((e for e in found if e.kind in ("institution", "group")), None)
        if noun is None and inst is not None:  # "German Bundestag", "Polish Senate"
            states = [e for e in found if e.kind == "state" and e.form in ("name", "adjective")]
            if not inst.generic or not states:
                return replace(actor_of(inst, self.g), role=s.text)
            country = self.g.countries.get(states[0].code) or self.g.breakaway.get(states[0].code)
            return Actor(states[0].code, country.name if country else states[0].name, inst.sector,
                         kind="group" if inst.sector in _GROUP_SECTORS else "state", role=s.text)
        if found:
            code_actor = actor_of(found[0], self.g)
        if code_actor is None:
            return None
        if noun is None:  # "Russian Orthodox Church": a group of that country
            return replace(code_actor, sector=None, kind="group", role=s.text)
        kind = "state" if noun.sector in _STATE_SECTORS and code_actor.kind == "state" else code_actor.kind
        if kind == "state" and noun.sector not in _STATE_SECTORS:
            kind = "group"
        return replace(code_actor, sector=noun.sector or code_actor.sector, kind=kind, role=s.text)

    def person(self, s: SpacySpan, text: str, *, known_only: bool = False) -> Actor | None:
        """A person by full name, alias, surname after a full mention, or a known surname."""
        words = [w for w in re.split(r"\s+", text) if w]
        # drop leading words that are not part of the name ("Inside Biden's")
        for i in range(len(words)):
            name = " ".join(words[i:])
            # "Peter Kim" is not Kim Jong Un, though "Kim" alone may be his alias
            other = 0 < i == len(words) - 1 and self._given_name(words[i - 1], name)
            role = None if other else self.g.person(name, self.day)
            if role is not None:
                actor = person_actor(role)
                self._remember(name, actor)
                self._remember(kb.surname(role.name, role.code), actor)
                return actor
            if name.lower() in self.people and not (other and self._known_given_name(words[i - 1])):
                # the surname's person named before, unless a given name says someone else
                # ("Michael Howard" after "Howard" taken for John Howard; "Later Brown" is Brown)
                return self.people[name.lower()]
            if len(words) - i == 1 and (not known_only or name[:1].isupper()):
                before = words[i - 1] if i > 0 else self._propn_before(s)
                if before and self._given_name(before, name):
                    # "President Francois Mitterand": a misspelt surname with its own given name
                    near = self._misspelt(name, self._title_words(s, words[:i])) \
                        if self._titled(s, words[:i]) else None
                    if near is not None and kb.normalize(before).lower() in kb.normalize(near.name).lower().split():
                        actor = person_actor(near)
                        self._remember(name, actor)
                        return actor
                    break  # "Sadiq Khan" is not Karim Khan: someone the tables do not know
                if kb.normalize(name).lower() in self.g.common_surnames and not self._titled(s, words[:i]):
                    continue  # "Brown", "May": the person only after a title ("Mrs May")
                titled = self._titled(s, words[:i])
                title = self._title_words(s, words[:i]) if titled else frozenset()
                role = self.g.by_surname(name, self.day, titled=titled, title=title) \
                    or self._nearest_by_surname(name, titled, title)
                if role is not None and not self._fits(role, title if titled else self._title_words(s, words[:i])):
                    role = None
                if role is None and titled:
                    role = self._misspelt(name, title)
                if role is not None:
                    actor = person_actor(role)
                    self._remember(name, actor)
                    return actor
        if len(words) == 1 and not known_only:  # a first name alone, after the full name ("Boris")
            known = {a for a in self.people.values() if a.person and " " in a.person
                     and a.person.split()[0].lower() == words[0].lower()}
            if len(known) == 1:
                return known.pop()
        return None

    def _known_given_name(self, word: str) -> bool:
        """A word that is some known person's given name ("Michael", "Daniel"), not a
        capitalised headline word ("Inside", "Later")."""
        if self._given_names is None:
            self._given_names = frozenset(n.split()[0] for n in self.g.roles if " " in n)
        return kb.normalize(word).lower() in self._given_names

    def _given_name(self, word: str, family: str) -> bool:
        """Whether ``word`` before a known family name is another person's given name: a
        capitalised word that is no title, honorific or actor name, and no part of the name
        of anyone the tables know by that family name."""
        w = word.strip(".,").lower()
        if not word[:1].isupper() or not w.isalpha() or w in _HONORIFICS or w in kb.sector_nouns() \
                or self.g.lookup(word) is not None:
            return False
        for n in self.g.surnames.get(kb.normalize(family).lower(), ()):
            if any(w in (x.lower() for x in alias.split()) for r in self.g.roles.get(n.lower(), ())[:1]
                   for alias in (r.name, *r.aliases)):
                return False
        return True

    @staticmethod
    def _propn_before(s: SpacySpan) -> str | None:
        """The proper noun right before a span NER cut short ("Sadiq" of "Sadiq Khan")."""
        if s.start == 0:
            return None
        prev = s.doc[s.start - 1]
        return prev.text if prev.pos_ == "PROPN" and prev.dep_ in ("compound", "flat") else None

    def _titled(self, s: SpacySpan, dropped: list[str]) -> bool:
        """A title or honorific right before the name, or inside its span ("Mrs May")."""
        words = [w.strip(".,").lower() for w in dropped]
        if s.start > 0:
            words.append(s.doc[s.start - 1].lower_.strip("."))
        nouns = kb.sector_nouns()
        if s.end < len(s.doc):  # "the May government", "the Brown administration"
            after = nouns.get(s.doc[s.end].lemma_.lower())
            if after is not None and after.kind == "body" and after.sector == "GOV":
                return True
        return any(w in _HONORIFICS or (w in nouns and nouns[w].kind == "title") for w in words)

    def _title_words(self, s: SpacySpan, dropped: list[str]) -> frozenset[str]:
        """The office titles right before the name or inside its span: "President Ivanov"
        (president), "Foreign Minister Wang" (foreign minister), without the words any head
        of anything bears ("leader")."""
        words = [w.strip(".,").lower() for w in dropped]
        before = [t.lower_.strip(".") for t in s.doc[max(s.start - 2, 0):s.start]]
        seq = [*before, *words]
        first = len(before) - 1  # the word two before the span only starts a two-word title
        nouns = kb.sector_nouns()

        def title(w: str) -> bool:
            return w in nouns and nouns[w].kind == "title"

        out = set()
        for j in range(max(first, 0), len(seq)):
            pair = f"{seq[j - 1]} {seq[j]}" if j > 0 else ""
            if pair and title(pair):
                out.add(pair)
            elif title(seq[j]) and seq[j] not in ("leader", "head", "chief"):
                out.add(seq[j])
        return frozenset(out)

    def _fits(self, role: kb.PersonRole, titles: frozenset[str]) -> bool:
        """Whether a person known only by family name fits a mention with these title words
        before it: a title is the person's own ("King Hassan" is no president Hassan); without
        a title, the article's date is near the person's years in office (4 years before the
        first, 8 after the last)."""
        if titles:  # "President Obama": the title says who, whatever the date
            return bool(self.g.titled_roles(role.name, titles))
        return self._fits_date(role)

    def _misspelt(self, name: str, titles: frozenset[str]) -> kb.PersonRole | None:
        """A titled surname the tables do not know, one letter away from the surname of
        exactly one known person whose title and years fit ("President Mitterand")."""
        fits = []
        for near in self.g.near_surnames(name):
            role = self.g.by_surname(near, self.day, titled=True) or self._nearest_by_surname(near, True)
            if role is not None and self._fits(role, titles) and self._fits_date(role):
                fits.append(role)
        return fits[0] if len({r.name for r in fits}) == 1 else None

    def _fits_date(self, role: kb.PersonRole) -> bool:
        """The article's date near the person's years in office (as for a bare surname)."""
        if self.day is None:
            return True
        roles = self.g.roles.get(role.name.lower(), [role])
        first = min((r.start for r in roles if r.start), default=None)
        last = max((r.end or self.day for r in roles), default=None)
        return not ((first and (first - self.day).days > 4 * 365) or (last and (self.day - last).days > 8 * 365))

    def _nearest_by_surname(self, name: str, titled: bool, title: frozenset[str] = frozenset()) -> kb.PersonRole | None:
        """Of several people with this surname, none in office on the day: the one whose
        term is nearest to it ("President Bush" in 2000 is the one about to take office);
        after a title, of those who held a role so named."""
        if self.day is None:
            return None
        held = {n: self.g.titled_roles(n, title) for n in self.g.surname_names(name, titled=titled, title=title)}
        ranked = sorted((min(r.distance(self.day) for r in roles), n) for n, roles in held.items() if roles)
        if len(ranked) < 2 or ranked[0][0] == ranked[1][0]:
            return None
        return self.g.person(ranked[0][1], self.day)

    def _remember(self, name: str, actor: Actor) -> None:
        self.people[name.lower()] = actor
        if actor.person and " " in name:
            self.people.setdefault(kb.surname(name).lower(), actor)


# ---------------------------------------------------------------- photo credits and bylines

def _credit_lines(text: str, doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) of each photo credit or byline: the short sentence holding a marker
    ("Photo: Tomas Berglund/Getty Images"), else a window around it on its line."""
    out = []
    for marker in kb.credit_markers():
        i = text.find(marker)
        while i >= 0:
            line_start = text.rfind("\n", 0, i) + 1
            line_end = text.find("\n", i)
            line_end = len(text) if line_end < 0 else line_end
            span = doc.char_span(i, i + len(marker), alignment_mode="expand")
            sent = span.sent if span is not None and len(span) else None
            if sent is not None and len(sent.text) <= _CREDIT_MAX:
                out.append((max(sent.start_char, line_start), min(sent.end_char, line_end)))
            else:
                out.append((max(i - _CREDIT_WINDOW, line_start), min(i + len(marker) + _CREDIT_WINDOW, line_end)))
            i = text.find(marker, i + len(marker))
    return sorted(set(out))


def _in_credit(s: SpacySpan, credits: list[tuple[int, int]]) -> bool:
    return any(a <= s.start_char < b for a, b in credits)
