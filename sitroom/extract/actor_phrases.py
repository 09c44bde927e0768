"""Actor noun phrases over the dependency parse, and coreference back to earlier actors.

Used by ``actors.resolve``; see that module for the interface. All lookups are dictionary
hits per token of the article (the knowledge base is indexed once per process).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right, insort
from dataclasses import replace
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token
from spacy.util import filter_spans

from .. import kb
from ..kb.gazetteer import Gazetteer
from ..records import Actor, ActorSpan, Entity, Span
from ..settings import Settings
from .quote_marks import quote_regions

# Dependents that belong to a noun phrase's left side ("a senior Trump administration official").
_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "predet",
                   "case", "punct"})
# Prepositions whose object says whose the head noun is ("adviser to X", "troops of Y").
_OF = frozenset({"of", "to", "from", "at", "for", "with"})
# Participles and adjectives that tie a group to its owner ("workers affiliated with X",
# "militants loyal to Y", "units attached to Z"): the owner is whose the group is.
_AFFILIATION = frozenset({"affiliate", "affiliated", "loyal", "belong", "belonging", "attach", "attached"})
_MALE_FEMALE = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_NEUTER = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_FIRST = frozenset({"i", "me", "my", "mine", "myself"})
_PERSONAL_SUBJECTS = frozenset({"he", "she"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: NER labels that can name an actor (a known name NER labelled otherwise is relabelled)
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})
#: body nouns that are not the home state's own without an owner ("pre-war intelligence",
#: "the embassy", "the regime": often another state's)
_NOT_HOME = frozenset({"intelligence", "agency", "embassy", "regime"})
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY"})  # a group's spokesman speaks for the group
_OFFICE_LOOKBACK = 4  # how many recent mentions may lend "the president" a country
#: words after "of" that belong to an office's name rather than to its state
_OFFICE_WORDS = frozenset({"state", "defence", "defense", "foreign", "interior", "finance", "treasury",
                           "justice", "staff", "exchequer", "commission", "council", "parliament"})
def _organisation_sector(actor: Actor) -> str | None:
    """The sector of an office held in ``actor``: an international organisation's is IGO
    unless a more specific one is known ("NATO's military committee" stays MIL)."""
    return "IGO" if actor.kind == "igo" and actor.sector in (None, "GOV") else actor.sector


#: kinship nouns: "the son of the prime minister" is not the prime minister
_KIN = frozenset({"wife", "husband", "spouse", "widow", "widower", "son", "daughter", "mother", "father",
                  "brother", "sister", "nephew", "niece", "cousin", "grandson", "granddaughter", "uncle",
                  "aunt", "fiancee", "fiancée", "fiance", "girlfriend", "boyfriend", "child", "parent",
                  "stepson", "stepdaughter", "son-in-law", "daughter-in-law", "brother-in-law", "sister-in-law"})
_ADDRESS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "madam", "madame", "mister"})


@lru_cache(maxsize=4)
def _matcher(model: str) -> PhraseMatcher:
    """A case-sensitive matcher of every knowledge-base surface form (built once per model)."""
    from ..nlp import get_nlp
    from ..nlp.phrases import phrase_matcher, tokenizer_rules

    nlp = get_nlp(Settings(model=model)) if model else get_nlp()
    return phrase_matcher(nlp.vocab, [(s, s) for s in kb.gazetteer().surfaces()], name="actorphrases",
                          tokenizer=lambda: nlp.tokenizer, rules=tokenizer_rules(nlp))


def gazetteer_matches(doc: Doc, settings: Settings, ents) -> tuple[list[SpacySpan], list[SpacySpan]]:
    """The entity spans to resolve, and every knowledge-base name in the text.

    The spans are NER's, plus knowledge-base names NER missed (labelled GPE, NORP, ORG...
    as the name is), and a knowledge-base name of two or more words replaces the NER
    mentions it straddles or extends ("Maria de la" + "Cruz" -> "Maria de la Cruz").
    """
    g = kb.gazetteer()
    found = []
    for match_id, start, end in _matcher(settings.model)(doc):
        entry = g.lookup(doc.vocab.strings[match_id], people=True)
        if entry is not None:
            found.append(SpacySpan(doc, start, end, label=entry.label))
    found = filter_spans(found)
    # token index -> the span covering it (spans never overlap), so each match looks
    # only at its own tokens: linear in the number of mentions
    owner: dict[int, SpacySpan] = {i: e for e in ents for i in range(e.start, e.end)}
    for m in found:
        hit = list(dict.fromkeys(owner[i] for i in range(m.start, m.end) if i in owner))
        if not hit or all(e.label_ not in _ACTOR_LABELS and e.end == m.end and (
                e.start == m.start or e.start == m.start - 1 and doc[e.start].lower_ == "the") for e in hit) \
                or len(m) > 1 and all(m.start <= e.start and e.end <= m.end and len(e) < len(m) for e in hit) \
                or len(m) > 1 and any(not (m.start <= e.start and e.end <= m.end) and not (
                    e.start <= m.start and m.end <= e.end) for e in hit):
            for e in hit:
                for i in range(e.start, e.end):
                    del owner[i]
            owner.update((i, m) for i in range(m.start, m.end))
    return sorted(dict.fromkeys(owner.values()), key=lambda s: s.start), found


class PhraseResolver:
    """Noun phrases -> actors for one article; ``mentions`` lists every actor mention."""

    def __init__(self, doc: Doc, text: str, g: Gazetteer, day: dt.date | None,
                 spans: list[SpacySpan], entities: list[Entity], credits: list[tuple[int, int]],
                 speech: list[tuple[int, int, Actor]] = (), *, home: str | None = None,
                 host: Actor | None = None, party: Actor | None = None):
        self.doc, self.text, self.g, self.day = doc, text, g, day
        self.home = home  # the article's own country, for "the government", "police"
        self.host = host  # a readout's own principal, whom its bare "the President" names
        self.party = party  # the other party its title names
        self.nouns = kb.sector_nouns()
        self.credits = credits
        self.spans = spans
        self.entities = entities
        self.tok2ent: dict[int, int] = {}
        for k, s in enumerate(spans):
            for i in range(s.start, s.end):
                self.tok2ent[i] = k
        self._enrich_people()
        self.mentions: list[ActorSpan] = sorted(
            (ActorSpan(e.span, e.actor) for e in entities if e.actor), key=lambda m: m.span.start)
        self._seen: set[tuple[int, int]] = {(m.span.start, m.span.end) for m in self.mentions}
        self._nested: set[tuple[int, int]] = set()
        self._plural: set[tuple[int, int]] = set()
        self._cache: dict[int, list[ActorSpan]] = {}
        #: (start, end, actor) of the stretches a known speaker says (turns, addresses)
        self.speech: list[tuple[int, int, Actor]] = list(speech)
        self._regions: list[tuple[int, int]] | None = None  # quote marks' stretches, when needed
        self._sent_starts: list[int] | None = None
        for tok in doc:  # actor noun phrases and personal pronouns in reading order (earlier
            # ones feed coreference: "He ... The president" chains through "He")
            if (tok.i not in self.tok2ent and tok.pos_ in ("NOUN", "PROPN")
                    and tok.dep_ not in ("compound", "amod", "nmod") and self._is_actor_noun(tok)):
                self.phrase(tok)
            elif tok.pos_ == "PRON" and tok.lower_ in _PERSONAL_SUBJECTS and tok.dep_ in ("nsubj", "nsubjpass"):
                self.phrase(tok)

    # ------------------------------------------------------------ public

    def phrase(self, token: Token) -> list[ActorSpan]:
        if token.i in self._cache:
            return self._cache[token.i]
        self._cache[token.i] = []  # guards cycles
        if self._in_credit(token.idx):
            return []
        lower = token.lower_
        if lower in _FIRST | _FIRST_PLURAL and token.pos_ in ("PRON", "DET"):
            out = self._first_person(token)
        elif lower in _SECOND and token.pos_ in ("PRON", "DET"):
            out = self._second_person(token)
        elif token.pos_ == "PRON" or lower in _MALE_FEMALE | _NEUTER | _PLURAL:
            if lower in _RELATIVE and token.head.dep_ == "relcl":
                out = self.phrase(token.head.head)
            else:
                out = self._pronoun(token)
        else:
            out = []
            for t in (token, *[c for c in token.conjuncts if c.i > token.i]):
                out.extend(self._single(t))
        self._cache[token.i] = out
        for m in out:
            self._add_mention(m)
        return out

    # ------------------------------------------------------------ one noun phrase

    def _single(self, t: Token) -> list[ActorSpan]:
        k = self.tok2ent.get(t.i)
        if k is not None:
            ent = self.entities[k]
            if ent.actor is None:
                return []
            root = self.spans[k].root
            left = self._left(root)
            start = min([self.spans[k].start_char] + [x.idx for x in left])
            actor = self._owned(ent.actor, root, left)
            if actor.kind == "state" and ent.label in ("GPE", "LOC") and self._named_by_title(root):
                # "Kenzo Oshima, the UN relief coordinator": a surname that is also a town's
                # name, with a given name before it and a title after it, is a person's
                name = self.doc[root.left_edge.i:root.i + 1].text
                actor = Actor(None, name, None, kind="person", person=name)
            if actor.kind == "person" and not actor.code:
                actor = self._placed_person(actor, root, left)
            return [ActorSpan(self._span(start, self.spans[k].end_char), actor)]
        noun = self._noun(t)
        if noun is None and not self._is_actor_noun(t):
            return []
        left = self._left(t)
        first_conj = min((c.i for c in t.rights if c.dep_ in ("cc", "conj")), default=len(self.doc))
        rights = [p for p in t.rights if p.dep_ == "prep" and p.lower_ in _OF and p.i < first_conj]
        rights += [p for c in t.rights if c.dep_ in ("acl", "amod") and c.lemma_.lower() in _AFFILIATION
                   and c.i < first_conj for p in c.children if p.dep_ == "prep" and p.lower_ in ("with", "to")]
        owners = self._breakaway(left, noun) or self._owners(t, left, rights)
        end_tok = max([t] + [x for p in rights for x in p.subtree], key=lambda x: x.i)
        start = min([t.idx] + [x.idx for x in left if x.dep_ not in ("punct", "case")])
        span = self._span(start, end_tok.idx + len(end_tok.text))
        sector = noun.sector if noun else None
        kind = noun.kind if noun else "group"
        anonymous = kind in ("person", "title")
        if t.tag_ in ("NNS", "NNPS"):
            self._plural.add((span.start, span.end))
        if not owners:
            ref = self._nominal(t, kind, start, left) or self._home_body(t, noun, left)
            if ref is not None:
                return [ActorSpan(span, ref)]
            if noun is None or noun.kind == "state":
                return []
            return [ActorSpan(span, Actor(None, None, sector, anonymous,
                                          "anonymous" if anonymous else "group", role=span.text))]
        if kind == "title" and len(owners) == 1 and t.tag_ not in ("NNS", "NNPS"):
            holder = self._office_holder(t, owners[0], left)
            if holder is not None:  # "the Kremlin spokesman" -> Dmitry Peskov
                return [ActorSpan(span, holder)]
        out = []
        for owner in owners:
            sec = sector
            if owner.kind == "igo" and sec in (None, "GOV"):
                sec = "IGO"
            elif owner.kind == "group" and owner.sector in _GROUP_SECTORS and sec in ("GOV", "OPP"):
                sec = owner.sector  # "a Taliban spokesman", "FARC dissidents": the group's own
            elif sec is None:
                sec = owner.sector if owner.kind != "person" else None
            name = owner.name
            if owner.kind == "person" and owner.code:
                country = self.g.countries.get(owner.code) or self.g.orgs.get(owner.code)
                name = country.name if country else owner.name
            out.append(ActorSpan(span, Actor(owner.code, name, sec, anonymous,
                                             "anonymous" if anonymous else owner.kind if owner.kind in ("igo", "state") else "group",
                                             role=span.text)))
        for x in left:
            if x.i in self.tok2ent:
                self._nested.add((self.spans[self.tok2ent[x.i]].start_char, self.spans[self.tok2ent[x.i]].end_char))
        return out

    def _breakaway(self, left: list[Token], noun) -> list[Actor]:
        """"Donetsk separatists", "Luhansk authorities": a place name that stands for a
        breakaway entity before a separatist, government or military noun."""
        if noun is None or noun.sector not in ("REB", "GOV", "MIL"):
            return []
        for x in left:
            code = self.g.modifiers.get(x.text)
            if code is not None:
                b = self.g.breakaway[code]
                return [Actor(b.parent, b.name, "REB", kind="group")]
        return []

    def _home_body(self, t: Token, noun, left: list[Token]) -> Actor | None:
        """A state's body or office named without its state ("the government", "police",
        "the prime minister") in an article with a home country: the home country's."""
        if self.home is None or noun is None or noun.sector not in _STATE_SECTORS \
                or noun.kind not in ("body", "title") or noun.lemma in _NOT_HOME:
            return None
        det = next((x for x in left if x.dep_ in ("det", "poss")), None)
        if det is not None and det.lower_ not in _DEFINITE:
            return None  # "a government", "its army", "another court"
        country = self.g.countries.get(self.home)
        if country is None:
            return None
        owner = Actor(country.code, country.name, None, kind="state")
        if noun.kind == "title":
            if t.tag_ in ("NNS", "NNPS"):
                return None
            return self._office_holder(t, owner, left)
        return Actor(country.code, country.name, noun.sector, kind="state", role=t.text)

    def _owned(self, actor: Actor, root: Token, left: list[Token]) -> Actor:
        """An institution known by a name many states use, owned by another state:
        "the Ivory Coast's Supreme Court" is the Ivorian judiciary, not the American one."""
        if actor.kind != "state" or actor.sector is None or not left:
            return actor
        inside = {i for i in range(root.left_edge.i, root.i + 1) if self.tok2ent.get(i) == self.tok2ent.get(root.i)}
        for c in reversed(list(root.lefts)):
            if c.dep_ not in _LEFT or c.i in inside:
                continue
            for owner in self._actors_in(c):
                if owner.kind == "state" and owner.code and owner.code != actor.code and owner.sector is None:
                    return replace(actor, code=owner.code, name=owner.name)
            break
        return actor

    def _named_by_title(self, root: Token) -> bool:
        """A name with a given name before it (a proper noun outside any entity) and an
        apposition whose head is a title ("X Y, the foreign minister")."""
        given = any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in self.tok2ent for c in root.lefts)
        return given and any(c.dep_ == "appos" and (n := self._noun(c)) is not None and n.kind == "title"
                             for c in root.children)

    def _placed_person(self, person: Actor, root: Token, left: list[Token]) -> Actor:
        """A person the knowledge base does not know, placed by the title before the name or
        an apposition: "Chilean trade minister Ana Ruiz", "EU envoy Piet Vermeer",
        "Lena Novak, Slovenia's health minister"."""
        owner, noun = None, None
        rights = [p for p in root.rights if p.dep_ == "prep" and p.lower_ == "of"]  # "King Harald of Norway"
        found = self._owners(root, left, rights) if left or rights else []
        if found:
            owner = found[0]
            noun = next((self._noun(x) for x in left if self._noun(x) is not None), None)
        else:
            for c in root.children:
                if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and (
                        c.i not in self.tok2ent or ((n := self._noun(c)) is not None and n.kind == "title")):
                    hit = [a.actor for a in self.phrase(c) if a.actor is not None and a.actor.code]
                    if hit:
                        owner, noun = hit[0], None
                        person = replace(person, sector=hit[0].sector)
                        break
        if owner is None or owner.kind not in ("state", "igo", "group") or owner.kind == "person":
            return person
        sector = noun.sector if noun is not None else person.sector
        if owner.kind == "igo" and sector in (None, "GOV"):
            sector = "IGO"
        return replace(person, code=owner.code, sector=sector)

    def _office_holder(self, t: Token, owner: Actor, left: list[Token]) -> Actor | None:
        """The one known person who held this office on the day ("Russia's foreign minister")."""
        det = next((x for x in left if x.dep_ == "det"), None)
        if det is not None and det.lower_ in ("a", "an", "another", "any", "some", "no"):
            return None
        if self.day is None or not owner.code:
            return None
        if owner.kind == "group" or owner.sector in ("REB", "OPP", "PTY", "BUS", "MED", "NGO"):
            return None  # "the head of the DPR", "the party's leader": not an office of the state
        words = {x.lower_ for x in left if x.pos_ in ("PROPN", "NOUN", "ADJ") and x.i not in self.tok2ent}
        # "Secretary of State", "Minister of Defence": the office's own words after "of"
        words |= {x.lower_ for p in t.rights if p.dep_ == "prep" and p.lower_ == "of" for x in p.subtree
                  if x.pos_ in ("PROPN", "NOUN") and x.lower_ in _OFFICE_WORDS and not self._coded(x)}
        words -= {"senior", "former", "top", "new", "current"}
        if words & {"former", "ex", "deputy", "vice", "acting"}:
            return None
        named = {x.lower_ for x in left if x.i in self.tok2ent}  # "Kremlin" in "Kremlin spokesman"
        head = t.lemma_.lower()
        scored: dict[str, tuple[int, kb.PersonRole]] = {}
        for r in self.g.roles_of(owner.code):
            role = set(r.role.lower().replace("-", " ").split())
            if r.active(self.day) and head in role and words <= role:
                scored[r.name] = (len(role & (words | named)) - len(role - words - named - {head}), r)
        if not scored:
            return None
        ranked = sorted(scored.values(), key=lambda x: -x[0])
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None
        r = ranked[0][1]
        return Actor(r.code, r.name, r.sector, kind="person", role=r.role, person=r.name)

    def _coded(self, x: Token) -> bool:
        """Whether a token is part of an entity mention resolved to a code."""
        k = self.tok2ent.get(x.i)
        return k is not None and self.entities[k].actor is not None and bool(self.entities[k].actor.code)

    def _left(self, t: Token) -> list[Token]:
        """The left dependents of ``t`` and their subtrees (the noun phrase's left side)."""
        out = []
        for c in t.lefts:
            if c.dep_ in _LEFT:
                out.extend(c.subtree)
        return out

    def _owners(self, t: Token, left: list[Token], rights: list[Token]) -> list[Actor]:
        """Whose the noun phrase is: actors among its modifiers, nearest first."""
        for group in ([c for c in reversed(list(t.lefts)) if c.dep_ in _LEFT], rights):
            for c in group:
                found = self._actors_in(c)
                if found:
                    return found
        return []

    def _actors_in(self, c: Token) -> list[Actor]:
        """Actors named in the subtree of a modifier (coordinated ones all together)."""
        if c.lower_ in ("its", "their", "his", "her", "our", "my") and c.dep_ == "poss":
            ref = self._pronoun(c) if c.lower_ not in ("our", "my") else self._first_person(c)
            return [ref[0].actor] if ref else []
        out: list[Actor] = []
        seen = set()
        own = self.tok2ent.get(c.i)  # the modifier's own name first: "the pro-Iranian Hizbollah group"
        for x in ([c] if own is not None else []) + list(c.subtree):
            k = self.tok2ent.get(x.i)
            if k is None or k in seen:
                continue
            seen.add(k)
            a = self.entities[k].actor
            if a is None or not a.code or any(o.code == a.code for o in out) or self._attitude(self.spans[k].start):
                continue
            # a second owner only when coordinated: "Czech and Slovak officials"
            if not out or self.spans[k].root.dep_ == "conj":
                out.append(a)
        return out

    def _attitude(self, start: int) -> bool:
        """A name after "anti-" ("anti-Syria journalist") is a stance, not an owner."""
        doc = self.doc
        return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti"

    def _noun(self, t: Token):
        lemma = t.lemma_.lower()
        prev = t.nbor(-1) if t.i > 0 else None
        if prev is not None and prev.dep_ in ("compound", "amod") and prev.head == t:
            hit = self.nouns.get(f"{prev.lemma_.lower()} {lemma}")
            if hit:
                return hit
        return self.nouns.get(lemma) or self.nouns.get(t.lower_)

    def _is_actor_noun(self, t: Token) -> bool:
        lemma = t.lemma_.lower()
        return lemma in self.nouns or lemma in self.g.igo_nouns or t.lower_ in self.nouns

    # ------------------------------------------------------------ coreference

    def _nominal(self, t: Token, kind: str, start: int, left: list[Token]) -> Actor | None:
        """"the official", "the alliance", "the president": the most recent compatible actor."""
        det = next((x for x in left if x.dep_ in ("det", "poss")
                    or x.lower_ in _ADDRESS), None)  # "the president", "Mr President"
        if det is None or det.lower_ not in _DEFINITE | _ADDRESS:
            return None
        lemma = t.lemma_.lower()
        igo_codes = self.g.igo_nouns.get(lemma)
        if kind == "title" and t.tag_ not in ("NNS", "NNPS") and self.host is not None and \
                lemma in (self.host.role or "").lower() and all(x is det for x in left) and \
                not any(c.dep_ in ("prep", "appos") for c in t.rights):
            # a readout names the other party and calls its own principal by the bare title
            return self.host
        if kind == "title" and t.tag_ not in ("NNS", "NNPS"):
            near = self._salient(start, lambda a: a.kind == "person" and lemma in (a.role or "").lower())
            if near is not None:
                return near.actor
        for m in self._before(start):
            a = m.actor
            if igo_codes and a.code in igo_codes:
                org = self.g.orgs[a.code]
                return Actor(org.code, org.name, "IGO", kind="igo")
            if igo_codes:
                continue
            if kind == "person" and a.anonymous and (m.span.text.lower().endswith(lemma) or lemma in (a.role or "").lower()):
                return a
            if kind == "title" and a.kind == "person" and lemma in (a.role or "").lower():
                return a
            if kind == "state" and a.kind == "state" and not a.sector and t.tag_ == "NN":
                return a
            if kind in ("group", "body") and a.code and a.kind != "person" \
                    and m.span.text.lower().endswith((t.lower_, lemma)):  # "the troops"
                return a
            if kind == "body" and a.code and a.sector == "BUS" and a.kind == "group" \
                    and (self._noun(t) or None) is not None and self._noun(t).sector == "BUS" \
                    and t.tag_ == "NN":
                return a  # "Norvik, the Russian oil giant, ... the firm": the business last named
        if kind == "title" and t.tag_ not in ("NNS", "NNPS"):  # "the president": holder for a recent country
            for n, m in enumerate(self._before(start)):
                if n >= _OFFICE_LOOKBACK:
                    break
                holder = self._office_holder(t, m.actor, left) if m.actor.code else None
                if holder is not None:
                    return holder
        return None

    def _second_person(self, token: Token) -> list[ActorSpan]:
        """"you" in the record of talks between two principals (a title "Talks with X"): the
        one the speaker talks to, the other principal. Elsewhere it stays unresolved."""
        if self.host is None or self.party is None:
            return []
        speaker = next((a for s, e, a in sorted(self.speech, key=lambda h: -h[0]) if s <= token.idx < e), None)
        if speaker is None or not speaker.code:
            return []
        other = self.party if speaker.code == self.host.code else self.host if speaker.code == self.party.code else None
        return [ActorSpan(self._span(token.idx, token.idx + len(token.text)), other)] if other is not None else []

    def _first_person(self, token: Token) -> list[ActorSpan]:
        """"I" and "we" inside a stretch a known speaker says (a transcript turn, an address):
        "I" is the speaker, "we" the speaker's side (a person's state or organisation).
        Outside such a stretch the first person stays unresolved."""
        hit = None
        for start, end, actor in self.speech:
            if start <= token.idx < end and (hit is None or start >= hit[0]):
                hit = (start, end, actor)  # the innermost stretch
        if hit is None:
            return []
        actor = hit[2]
        if token.lower_ in _FIRST_PLURAL and actor.kind == "person" and actor.code:
            side = self.g.countries.get(actor.code) or self.g.orgs.get(actor.code)
            if side is not None:
                kind = "state" if actor.code in self.g.countries else "igo"
                actor = Actor(actor.code, side.name, "IGO" if kind == "igo" else None, kind=kind)
        return [ActorSpan(self._span(token.idx, token.idx + len(token.text)), actor)]

    def _pronoun(self, token: Token) -> list[ActorSpan]:
        lower = token.lower_
        if lower in _MALE_FEMALE:
            ok = lambda a: a.kind == "person" or (a.anonymous and a.kind == "anonymous")  # noqa: E731
        elif lower in _NEUTER:
            ok = lambda a: a.kind in ("state", "igo", "group") and not a.anonymous  # noqa: E731
        elif lower in _PLURAL:
            ok = lambda a: a.kind in ("state", "igo", "group") and a.code is not None  # noqa: E731
        else:
            return []
        cata = self._cataphor(token)
        if cata is not None:  # "Explaining why it had acted, the US said ...": the main subject
            # (an office named by its title is an "it" too: "the US trade representative")
            found = [m for m in self.phrase(cata) if m.actor and (ok(m.actor) or (
                lower in _NEUTER and m.actor.code and cata.ent_type_ != "PERSON" and m.actor.kind in ("person", "anonymous")))]
            if found:
                return [ActorSpan(self._span(token.idx, token.idx + len(token.text)), found[0].actor)]
        for subj in self._subjects_above(token):  # "the U.S. ... when it is ready"
            plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
            if (lower in _PLURAL) != plural and subj.lemma_.lower() not in self.nouns:
                continue
            found = [m for m in self.phrase(subj) if m.actor and ok(m.actor)]
            if found:
                return [ActorSpan(self._span(token.idx, token.idx + len(token.text)), found[0].actor)]
        personal = lower in _MALE_FEMALE
        narrated = not self._quoted(token.idx)
        for m in self._before(token.idx):
            if personal and (m.span.start, m.span.end) in self._plural:
                continue
            if narrated and self._quoted(m.span.start):
                continue  # "'... Mr President ...,' he said": quoted names are not the narrator's referents
            if m.actor and ok(m.actor):
                if personal:
                    m = self._most_salient(m, ok, narrated)
                return [ActorSpan(self._span(token.idx, token.idx + len(token.text)), m.actor)]
        return []

    def _quoted(self, pos: int) -> bool:
        """Whether ``pos`` lies inside quote marks."""
        if self._regions is None:
            self._regions = [(r.start, r.end) for r in quote_regions(self.text)]
        return any(a <= pos < b for a, b in self._regions)

    def _most_salient(self, nearest: ActorSpan, ok, narrated: bool) -> ActorSpan:
        """Of the compatible people of the nearest candidate's sentence, the most salient: a
        subject or a passive's agent outranks a name inside a noun's prepositional phrase
        ("The plan was announced by X after talks with Y. Later he ..." -> X), as in salience-based
        anaphora resolution (Lappin & Leass 1994). The nearest stays when none outranks it."""
        tok = self.doc.char_span(nearest.span.start, nearest.span.end, alignment_mode="expand")
        if tok is None or self._rank(tok.root) < 2:
            return nearest
        sent = tok.root.sent
        best, best_rank = nearest, self._rank(tok.root)
        for m in self._before(nearest.span.start):
            if m.span.start < sent.start_char:
                break
            if not (m.actor and ok(m.actor)) or (narrated and self._quoted(m.span.start)) \
                    or (m.span.start, m.span.end) in self._plural:
                continue
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is not None and self._rank(span.root) < best_rank:
                best, best_rank = m, self._rank(span.root)
        return best

    def _salient(self, start: int, ok, sentences: int = 3) -> ActorSpan | None:
        """The most salient compatible mention of the last few sentences before ``start``:
        recency (halved each sentence back) plus emphasis for a subject or agent, an object,
        and a mention that heads its noun phrase rather than sitting in a noun's
        prepositional phrase; a simplified Lappin & Leass (1994) salience."""
        if self._sent_starts is None:
            self._sent_starts = [s.start_char for s in self.doc.sents]
        sents = self._sent_starts[:bisect_right(self._sent_starts, start)]
        first = sents[-sentences] if len(sents) >= sentences else 0
        best, best_score = None, -1.0
        for m in self._before(start):
            if m.span.start < first:
                break
            if not (m.actor and ok(m.actor)) or (not self._quoted(start) and self._quoted(m.span.start)):
                continue
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None:
                continue
            back = len(sents) - bisect_right(sents, m.span.start)
            rank = self._rank(span.root)
            score = 100 / 2 ** back + (80, 50, 0)[rank] + (80 if rank < 2 else 0)
            if score > best_score:
                best, best_score = m, score
        return best

    @staticmethod
    def _rank(tok: Token) -> int:
        """0 a subject or a passive's agent, 1 an object, 2 a noun's prepositional phrase."""
        while tok.dep_ in ("compound", "appos", "flat") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            return 0
        if tok.dep_ in ("dobj", "dative") or tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
            return 1
        return 2

    @staticmethod
    def _cataphor(token: Token) -> Token | None:
        """The subject of the main clause when ``token`` is a subject pronoun inside an adjunct
        clause fronted before it ("Explaining why it had asked, the US said", "When she
        arrived, the minister said"): a fronted adjunct's pronoun looks ahead to the subject
        it is an adjunct of (cataphora), which comes after it."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        cur = token.head
        for _ in range(4):
            if cur.dep_ == "advcl" and cur.head.pos_ in ("VERB", "AUX") and cur.i < cur.head.i:
                main = cur.head
                subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and token.i < subj.i and subj.pos_ != "PRON" \
                        and all(x.i < subj.i for x in cur.subtree):
                    return subj
                return None
            if cur.head == cur:
                return None
            cur = cur.head
        return None

    def _subjects_above(self, token: Token):
        """Subjects of the clauses above ``token`` that come before it, nearest first."""
        seen = 0
        for v in token.ancestors:
            if v.pos_ not in ("VERB", "AUX") or seen >= 5:
                continue
            seen += 1
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
            if not subj and v.dep_ == "conj":
                subj = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
            for c in subj:
                if c.i != token.i and c.pos_ != "PRON":
                    yield c

    def _before(self, pos: int):
        """Mentions ending before ``pos``, most recent first (modifiers of a larger one skipped)."""
        for m in sorted((m for m in self.mentions if m.span.end <= pos and m.actor),
                        key=lambda m: (m.span.end, m.span.end - m.span.start), reverse=True):
            if (m.span.start, m.span.end) not in self._nested:
                yield m

    def _add_mention(self, m: ActorSpan) -> None:
        key = (m.span.start, m.span.end)
        if m.actor is None or key in self._seen:
            return
        self._seen.add(key)
        insort(self.mentions, m, key=lambda x: x.span.start)

    # ------------------------------------------------------------ people named with a role

    def _enrich_people(self) -> None:
        """"Ukrainian lawmaker X", "X, the director at CNA": code and role from the parse."""
        learned: dict[str, Actor] = {}
        for k, s in enumerate(self.spans):
            e = self.entities[k]
            a = e.actor
            if a is not None and a.code is None and a.kind == "group" and self._titled(s):
                a = Actor(None, a.name, None, kind="person", person=a.name)  # NER said ORG
            if a is None or a.kind != "person":
                continue
            known = learned.get(a.person.split()[-1].lower()) if a.code is None and a.person else None
            if known is not None and (" " not in a.person or kb.normalize(known.person or "").lower()
                                      == kb.normalize(a.person).lower()):
                a = known  # "Mr Howard" after "Michael Howard"; not "Michael Howard" after John Howard
            else:
                role, owner, toks = self._role_context(s)
                if role and (a.code is None or a.role is None):
                    a = replace(a, role=role if a.role is None else a.role,
                                code=a.code or (owner.code if owner else None),
                                sector=a.sector or self._role_sector(toks, owner))
                if a.person:
                    learned[a.person.split()[-1].lower()] = a
            self.entities[k] = replace(e, actor=a)

    def _titled(self, s: SpacySpan) -> bool:
        """Whether a name is introduced with a human role noun ("lawmaker Oleksiy Goncharenko")."""
        for x in self._left(s.root):
            noun = self._noun(x) if x.i < s.start else None
            if noun is not None and noun.kind in ("person", "title"):
                return True
        return False

    def _title_window(self, s: SpacySpan) -> list[Token]:
        """The title words right before a name: "President of Argentina", "Ukrainian lawmaker"."""
        out: list[Token] = []
        i = s.start - 1
        while i >= max(s.sent.start, s.start - 8):
            t = self.doc[i]
            if t.lower_ in ("of", "the", "'s", "-") or t.i in self.tok2ent or self._noun(t) \
                    or (t.is_title and t.pos_ in ("PROPN", "ADJ", "NOUN")):
                out.insert(0, t)
                i -= 1
                continue
            break
        while out and out[0].lower_ in ("of", "the", "'s", "-"):
            out.pop(0)
        return out

    def _role_context(self, s: SpacySpan) -> tuple[str | None, Actor | None, list[Token]]:
        root = s.root
        candidates = [self._title_window(s)]
        left = [x for x in self._left(root) if x.i < s.start]
        if left and any(self._noun(x) for x in left):
            candidates.append(left)
        for c in root.rights:
            if c.dep_ == "appos":  # up to a coordination: "X, the first lady, and Y, ..."
                stop = min((x.i for x in c.rights if x.dep_ in ("cc", "conj")), default=len(self.doc))
                candidates.append([x for x in c.subtree if x.i < stop])
        if root.dep_ == "appos" and self._noun(root.head):
            h = root.head
            candidates.append(self._left(h) + [h] + [x for p in h.rights if p.dep_ == "prep" for x in p.subtree])
        for toks in candidates:
            toks = sorted({x.i: x for x in toks if x.i not in range(s.start, s.end)}.values(), key=lambda x: x.i)
            toks = [x for x in toks if not (x.dep_ == "det" and x.i == toks[0].i)]
            if not toks or not any((n := self._noun(x)) and n.kind in ("person", "title") for x in toks):
                continue
            role = self.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)].strip(" ,")
            title = next(x for x in toks if (n := self._noun(x)) and n.kind in ("person", "title"))
            if any(x.lemma_.lower() in _KIN for x in toks if x.i < title.i):
                return role, None, []  # "the wife of the President": a relative holds no office
            coded = [self.entities[k].actor for k in dict.fromkeys(self.tok2ent.get(x.i) for x in toks)
                     if k is not None and self.entities[k].actor and self.entities[k].actor.code]
            # a country named in the role owns the bodies it names ("head of a department of
            # the Office of the Prime Minister of Denmark": Denmark's), else the first owner
            owner = next((a for a in coded if a.kind == "state" and a.sector is None and not a.role),
                         coded[0] if coded else None)
            return role, owner, toks
        return None, None, []

    def _role_sector(self, toks: list[Token], owner: Actor | None) -> str | None:
        """The sector a person's role puts them in. A title is an office of whoever holds
        it: an organisation or body named with it gives its own sector ("a Hamas spokesman",
        "the NATO envoy", "secretary of the Dental Association"), an organisation the tables
        do not know gives none ("spokesman for the Aid Network"); else a body noun modifying
        the title says whose office it is ("union leader", "army spokesman", "rebel
        commander"), else the title's own sector."""
        if owner is not None and (owner.kind in ("group", "igo") or owner.sector):
            # ("the Gazprom chief": a state company's, BUS; "a Pentagon spokesman": MIL)
            return _organisation_sector(owner)
        cut = next((j for j, x in enumerate(toks) if x.pos_ == "ADP"), len(toks))
        for k in dict.fromkeys(self.tok2ent[x.i] for x in toks[cut:] if x.i in self.tok2ent):
            a = self.entities[k].actor
            if a is None or not a.code:
                return None  # the office of an organisation nobody could code: no sector known
            if a.kind in ("group", "igo"):  # "secretary of the Dental Union", "envoy of the UN"
                return _organisation_sector(a)
        head = None
        for j in range(cut - 1, -1, -1):
            x = toks[j]
            if head is None:
                head = self._noun(x)
                continue
            noun = self._noun(x)
            if noun is not None and noun.kind in ("body", "group") and noun.sector:
                return noun.sector
        if head is not None and head.sector:
            return head.sector
        # a head of no sector of its own ("head of the Department of ..."): the body it heads
        return next((n.sector for x in toks[cut:] if (n := self._noun(x)) is not None and n.sector
                     and n.kind in ("body", "title")), None)

    # ------------------------------------------------------------ helpers

    def _span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def _in_credit(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.credits)
