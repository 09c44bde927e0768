"""Code the events of an article in PLOVER (with CAMEO, QuadClass, Goldstein).

One pass over the tokens finds triggers (verbs, event nouns, adjectival predicates
and light-verb + noun pairs) from the lexicon data; the dependency grammar
(:mod:`.event_grammar`) finds each trigger's source and target, which the actor
resolver (``ctx.found["actors"]``) turns into actors. Control words ("threatened to",
"is prepared to", "refused to"), auxiliaries and conditions mark embedded events as
hypothetical, future or negated; an intended cooperative act is also an AGREE, an
intended hostile one a THREATEN, a refused or negated cooperative one a REJECT
(CAMEO's "express intent" and "decline" codes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from spacy.tokens import Token

from .. import kb
from ..records import Actor, ActorSpan, Event, Place, Span
from . import event_grammar as g
from .base import Context
from .event_lexicon import Entry, Lexicon, load_lexicon

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Confidence weights of an event's arguments (see ``_Coder._argument_confidence``),
# calibrated on whole annotated articles.
CONF_BASE, CONF_SOURCE, CONF_TARGET = 0.45, 0.2, 0.15
CONF_NO_SOURCE, CONF_NO_TARGET = 0.2, 0.2
# Prepositions whose object is an argument of the predicate, not a circumstance.
_ARG_PREPS = frozenset({"for", "of", "about", "over", "on", "to", "with", "against", "in", "from"})


@dataclass
class _Trigger:
    tok: Token
    entry: Entry
    kind: str                      # V, N, A, or L (a light verb + its event noun)
    anchor: Token | None = None    # the light verb of a light-verb event
    gov: "_Trigger | None" = None  # the trigger or control word this one is embedded in
    under: "_Trigger | None" = None  # the nearest event (not control word) it is embedded in
    negated: bool = False
    future: bool = False
    intent: bool = False
    hypothetical: bool = False
    conditional: bool = False
    refused: bool = False          # embedded under refuse/fail/decline
    historical_mod: bool = False   # "Russia's previous invasion"
    inferred: bool = False         # an actor was found by a fallback rule
    domestic: bool = False         # the target is the country where the act happens
    source: list[ActorSpan] = field(default_factory=list)
    target: list[ActorSpan] = field(default_factory=list)
    resolved: bool = False
    resolving: bool = False
    promised: bool = False         # carried by a verb of promising ("offered talks")


# Acts done to the people of a place, or protests in it: their target is the country the
# place is in, even when the doer is of that country ("imposed a curfew in Cizre").
_LIVES_IN = ("in", "of", "inside", "throughout", "across")
# Participles that say where their subject stands, not what was done to it.
_STATIVE = frozenset({"oppose", "commit", "determine", "dedicate", "resolve", "prepare", "opposed", "committed"})
# Prepositions whose object owns, or benefits from, the thing an act is done to ("demands
# by Russia", "a camp for Congolese refugees", "suspension of links").
_EFFORT_NOUNS = frozenset({"effort", "process", "program", "programme", "mission", "round", "plan", "initiative"})
_OWNER_PREPS = frozenset({"from", "by", "of", "for"})
_DOMESTIC_FORCES = frozenset({"police", "policeman", "authority", "government", "gendarmerie"})
_AGAINST_NOUNS = frozenset({"protest", "defiance", "opposition", "response"})
# Where a crowd, a mob or an armed group with no nationality acts says whose it is.
_LOCAL_ACTS = frozenset({"PROTEST", "ASSAULT", "COERCE"})
_AT = ("in", "at", "near", "outside", "inside", "across", "throughout")
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
_DOMESTIC = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "CONCEDE", "RETREAT", "SANCTION", "PROTEST"})


def _same_actor(a: ActorSpan, others: Iterable[ActorSpan]) -> bool:
    """``a`` stands for one of ``others``: the same code and the same part of that country.
    A state and its government, army or courts are one actor; its opposition, rebels,
    protesters or a people are others ("police dispersed demonstrators", "the Tories
    accused Blair")."""
    code = a.actor.code
    if not code:
        return False
    ra = _role(a.actor)
    for o in others:
        if o.actor.code != code:
            continue
        ro = _role(o.actor)
        if ra == ro or (ra is None and ro in _ORGANS) or (ro is None and ra in _ORGANS):
            return True
    return False


# A pronoun target of the source's code is the source itself ("they pressed their demands").
_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "we", "our", "us"})
_ORGANS = frozenset({None, "GOV", "MIL", "LEG", "JUD"})


def _role(actor) -> str | None:
    """The part of its country an actor stands for: its sector, "group" for a people,
    group or person of no sector ("the Albanians of Serbia"), None for the state itself."""
    if actor.sector:
        return actor.sector
    return None if actor.kind in (None, "state") else "group"


def extract_events(ctx: Context) -> Iterable[Event]:
    """The events of the article, in text order."""
    resolver = ctx.found.get("actors")
    if resolver is None:
        return []
    return _Coder(ctx, resolver, load_lexicon()).run()


class _Coder:
    def __init__(self, ctx: Context, resolver, lex: Lexicon) -> None:
        self.ctx, self.res, self.lex = ctx, resolver, lex
        self.doc = ctx.doc
        self.text = ctx.article.text
        self.triggers: dict[int, _Trigger] = {}
        self.light_of: dict[int, Token] = {}
        self.anchored: dict[int, _Trigger] = {}  # light verb -> its light-verb event
        self._actor_cache: dict[int, list[ActorSpan]] = {}
        self._ref_year: int | None = None

    # ------------------------------------------------------------ actors
    def actors(self, tok: Token | None) -> list[ActorSpan]:
        if tok is None:
            return []
        hit = self._actor_cache.get(tok.i)
        if hit is None and tok.pos_ in ("NOUN", "PROPN") and g.names_document(tok) and any(
                "doc" in e.flags for e in self.lex.lookup("N", tok.lemma_.lower())):
            hit = self._actor_cache[tok.i] = []  # "violated the Minsk agreements": a text, no actor
        if hit is None:
            found = list(self.res.phrase(tok) or [])
            if not found:
                a = self.res.at(tok.idx, tok.idx + len(tok.text))
                found = [a] if a is not None else []
            named = [a for a in found if a is not None and a.actor is not None]
            hit = [a for a in named if a.actor.code]
            if not hit and tok.pos_ in ("NOUN", "PROPN"):
                # "Russian aircraft", "Swiss doctors", "Lebanon's new President Elias Hrawi"
                for c in tok.children:
                    if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i \
                            and c.ent_type_ in ("GPE", "NORP", "ORG"):
                        a = self.res.at(c.idx, c.idx + len(c.text))
                        if a is not None and a.actor is not None and a.actor.code:
                            hit = [a]
                            break
            if not hit and tok.pos_ in ("NOUN", "PRON", "NUM") and tok.ent_type_ in ("", "CARDINAL"):
                # "thousands of Nigerians", "activists from the Fatah party"
                for p in g.prep_objects(tok, ("of", "from")):
                    hit = [a for a in self.actors(p) if a.actor.code]
                    if hit:
                        break
                # a group known by where it is: "students throughout Indonesia"
                for p in [] if hit else g.prep_objects(tok, ("in", "throughout", "across")):
                    if p.ent_type_ == "GPE":
                        hit = [self._group_of(tok, a) for a in self.actors(p) if a.actor.code]
                        if hit:
                            break
            if not hit and tok.pos_ in ("NOUN", "PROPN"):
                # "the main Hutu rebel group, Forces for Defence of Democracy (FDD)"
                for c in tok.children:
                    if c.dep_ == "appos":
                        hit = [a for a in self.actors(c) if a.actor.code]
                        if hit:
                            break
            if tok.lemma_.lower() == "counterpart":
                # "X briefed his counterpart": the other party of the contact, not X's own side
                own = {a.actor.code for p in [g.possessor(tok)] if p is not None for a in self.actors(p)}
                if own or not hit:
                    hit = [a for a in self._participants(tok) if a.actor.code not in own] or \
                        [a for a in hit if a.actor.code not in own]
            elif not hit and tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lemma_.lower() in self.lex.participants:
                hit = self._participants(tok)
            if not hit and tok.pos_ == "PRON" and tok.lower_ in g.PERSONAL:
                # "Palestinian leaders said they would boycott ...": the speaker
                speaker = g.reporting_subject(tok)
                if speaker is not None:
                    hit = self.actors(speaker)
            if not hit and tok.pos_ != "PRON":  # a person or group the resolver could not code
                hit = named
            if hit and tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS"):
                # "Algerians", "the Palestinians": a people, not its state
                hit = [ActorSpan(a.span, replace(a.actor, kind="group")) if a.actor.kind == "state" else a
                       for a in hit]
            minority = self._minority(tok) if hit and tok.pos_ in ("NOUN", "PROPN") else None
            if minority:
                hit = self._resident(tok, hit, minority == "ethnic")
            self._actor_cache[tok.i] = hit
        return hit

    def _participants(self, tok: Token) -> list[ActorSpan]:
        """"The parties", "the two sides", "the interlocutors": the participants of the
        latest contact (a CONSULT event) reported before, when it names two or more actors."""
        for i in range(tok.i - 1, -1, -1):
            t = self.triggers.get(i)
            if t is None or t.entry.type != "CONSULT" or t.resolving:
                continue
            self.resolve(t)
            found = [a for a in (*t.source, *t.target) if a.actor.code]
            if len({a.actor.code for a in found}) >= 2:
                return found
        return []

    def _group_of(self, tok: Token, place: ActorSpan) -> ActorSpan:
        """A group named with its place ("opposition groups in Zimbabwe") is a group of that
        country, not the country."""
        nouns = kb.sector_nouns()
        pair = next((f"{c.lemma_.lower()} {tok.lemma_.lower()}" for c in tok.children
                     if c.dep_ == "compound" and c.i == tok.i - 1), "")
        noun = nouns.get(pair) or nouns.get(tok.lemma_.lower())
        if place.actor.kind != "state" or tok.pos_ != "NOUN" or noun is None:
            return place
        left = min(x.idx for x in tok.subtree if x.i <= tok.i)
        return ActorSpan(Span.of(self.text, left, tok.idx + len(tok.text)),
                         replace(place.actor, kind="group", sector=noun.sector, role=tok.text))

    @staticmethod
    def _minority(tok: Token) -> str | None:
        """A people named by its ethnicity, not its state: "ethnic Albanians" ("ethnic"),
        "the Albanians of southern Serbia" ("demonym": a demonym as the head noun, no
        other nationality named: not "Iraqi Kurds")."""
        if any(c.lower_ == "ethnic" for c in tok.subtree if c.i < tok.i):
            return "ethnic"
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS") and not any(
                c.ent_type_ in ("NORP", "GPE") and c.i < tok.i for c in tok.children):
            return "demonym"
        return None

    def _resident(self, tok: Token, hit: list[ActorSpan], ethnic: bool) -> list[ActorSpan]:
        """A minority is coded by the country it lives in, when the text says where
        ("ethnic Albanians in south Serbia", "guerrillas operating in Macedonia")."""
        where = g.prep_objects(tok, _LIVES_IN)
        where += [p for c in tok.children if c.dep_ in ("acl", "relcl") for p in g.prep_objects(c, _LIVES_IN)]
        if ethnic and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):  # "ethnic Turks protested in Sweden"
            where += g.prep_objects(tok.head, _LIVES_IN)
        for p in where:
            if p.ent_type_ not in ("GPE", "LOC"):
                continue
            place = next((a for a in self.actors(p) if a.actor.code and a.actor.kind == "state"), None)
            if place is not None:
                return [ActorSpan(a.span, replace(a.actor, code=place.actor.code, name=place.actor.name,
                                                  kind="group"))
                        if a.actor.code and a.actor.code != place.actor.code else a for a in hit]
        return hit

    def actors_of(self, toks: Iterable[Token]) -> list[ActorSpan]:
        out: list[ActorSpan] = []
        for t in toks:
            for a in self.actors(t):
                if a not in out:
                    out.append(a)
        return out

    # ------------------------------------------------------------ triggers
    def _match(self, tok: Token, pos: str) -> Entry | None:
        if pos == "V" and self._idiom(tok):
            return None
        for e in self.lex.lookup(pos, tok.lemma_.lower()):
            if e.pattern is None or self._pattern_ok(tok, e):
                return e
        return None

    def _idiom(self, verb: Token) -> bool:
        """A verb whose object gives it a sense that is no event ("released a video",
        "spoke in favour of"), or a courtesy formula: "Thank you" with no subject."""
        lemma = verb.lemma_.lower()
        if any((lemma, o.lemma_.lower()) in self.lex.idioms for o in g.objects(verb) + g.prep_nouns(verb)):
            return True
        return lemma == "thank" and not any(c.dep_ in g.SUBJ for c in verb.children) \
            and all(o.lower_ == "you" for o in g.objects(verb))

    @staticmethod
    def _pattern_ok(tok: Token, e: Entry) -> bool:
        if e.pattern == "prep":  # also a for-to clause: "called for the embargo to be lifted"
            return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in e.values for c in tok.children) or any(
                c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ in e.values for m in c.children)
                for c in tok.children)
        if e.pattern == "prt":
            return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in e.values for c in tok.children)
        if e.pattern == "obj":  # "received observers", "received a mission of observers"
            objs = g.objects(tok) + g.prep_nouns(tok)
            objs += [p for o in objs for p in g.prep_objects(o, ("of",))]
            # "ended mediation efforts" (not "called the call center")
            objs += [c for o in objs if o.lemma_.lower() in _EFFORT_NOUNS for c in o.children if c.dep_ == "compound"]
            return any(o.lemma_.lower() in e.values for o in objs)
        if e.pattern == "mod":
            return any(c.lemma_.lower() in e.values and c.dep_ not in g.SUBJ for c in tok.children)
        if e.pattern == "comp":
            return g.has_complement(tok)
        if e.pattern == "wh":
            return g.has_question(tok)
        if e.pattern == "intr":
            return not any(c.dep_ == "dobj" for c in tok.children)
        if e.pattern == "threat":
            return g.states_consequence(tok)
        return False

    def _light_nouns(self, verb: Token) -> list[Token]:
        """Event nouns carried by a light verb: its objects, "$450 million in assistance"."""
        out = []
        for o in g.objects(verb) + g.prep_objects(verb, ("in", "to")) + ([verb.head] if verb.dep_ == "acl" else []):
            compounds = [c for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            inner = g.prep_objects(o, ("in", "of") if o.lemma_.lower() in self.lex.partitives else ("in",))
            for n in (o, *inner, *compounds):  # "a mediation mission", "a round of talks"
                if n.pos_ in ("NOUN", "PROPN") and self._match(n, "N"):
                    out.append(n)
        return out

    def find_triggers(self) -> None:
        lex = self.lex
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.is_space:
                continue
            e = self._match(tok, "V")
            light = self._light_nouns(tok) if tok.lemma_.lower() in lex.light_verbs else []
            for n in light:
                self.light_of.setdefault(n.i, tok)
            if e is not None and not (light and (e.weak or e.type is None or e.pattern == "obj")):
                self.triggers[tok.i] = _Trigger(tok, e, "V")
        for tok in self.doc:
            if tok.i in self.triggers or tok.is_space:
                continue
            if tok.dep_ == "aux" and tok.head.dep_ == "ccomp" \
                    and tok.head.head.lemma_.lower() in g.REPORTING:  # "said that Sudan must return"
                e = self._match(tok, "M")
                if e is not None:
                    self.triggers[tok.i] = _Trigger(tok, e, "M")
            elif tok.pos_ in ("NOUN", "PROPN"):
                e = self._match(tok, "N")
                if e is None or ("doc" in e.flags and g.names_document(tok)):
                    continue
                verb = self.light_of.get(tok.i)
                if verb is not None and e.type is not None:
                    self.triggers[tok.i] = _Trigger(tok, e, "L", anchor=verb)
                elif "light" not in e.flags or self._own_source(tok):
                    self.triggers[tok.i] = _Trigger(tok, e, "N")
            elif tok.pos_ in ("ADJ", "VERB"):
                e = self._match(tok, "A")
                if e is not None:
                    self.triggers[tok.i] = _Trigger(tok, e, "A")

    def _own_source(self, noun: Token) -> bool:
        """Whose the act is, said by a possessive or a nationality ("Russia's aid", "American aid")."""
        poss = g.possessor(noun)
        if poss is not None:
            return bool(self.actors(poss))
        return bool(self.actors_of(m for m in g.modifiers(noun) if m.dep_ == "amod"))

    # ------------------------------------------------------------ modality
    def embed(self, t: _Trigger) -> None:
        tok = t.anchor if t.kind == "L" else t.tok
        t.negated = g.is_negated(t.tok) or (t.anchor is not None and g.is_negated(t.anchor))
        t.future, t.intent, t.hypothetical = g.modality(tok)
        if t.kind == "L" and any("fut" in e.flags for e in self.lex.lookup("V", tok.lemma_.lower())):
            t.future = t.intent = t.promised = True  # "offered concessions", "pledged aid": not yet done
        if t.kind == "N" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i not in self.triggers:
            # "would tighten the blockade": the event noun takes the modality of its verb
            f, i, h = g.modality(tok.head)
            t.future, t.intent, t.hypothetical = t.future or f, t.intent or i, t.hypothetical or h
        if any(c.lower_ in g.HISTORICAL_MODS for c in t.tok.children if c.dep_ == "amod"):
            t.historical_mod = True
        if t.kind == "N" and any(c.lower_ in g.FUTURE_MODS for c in t.tok.children if c.dep_ in ("amod", "compound")):
            t.future = True  # "the next summit", "the planned talks"
        cur = tok
        for _ in range(10):
            dep, head = cur.dep_, cur.head
            if head == cur or dep in ("relcl", "parataxis"):
                break
            if dep == "conj" and cur.pos_ in ("VERB", "AUX"):
                break
            if dep == "pobj" and head.lower_ in g.CIRCUMSTANCE:
                break  # "lifted despite US objections": the objections are no content of the lifting
            if dep == "advcl":
                if any(c.dep_ == "mark" and c.lower_ in g.CONDITIONAL for c in cur.children):
                    t.hypothetical = t.conditional = True
                    break
                if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children):
                    break
                t.hypothetical = True  # a purpose: "sent troops to attack"
            gov = self.triggers.get(head.i) or self.anchored.get(head.i)
            if gov is not None and gov is not t:
                if t.gov is None:
                    t.gov = gov
                flags = gov.entry.flags
                if "hyp" in flags:
                    t.hypothetical = True
                if "fut" in flags:
                    t.future = t.intent = True
                if "sched" in flags:  # "is due to meet", "is scheduled to visit": no intent said
                    t.future = True
                if "neg" in flags:
                    t.refused = True
                if "not" in flags:  # "failed to act", "prevented an attack": it did not happen
                    t.negated = True
                if gov.entry.type is not None:
                    # an argument of another event: "lobbying for sanctions", "threat of invasion",
                    # "denied it was planning to attack" (through the control word)
                    t.under = gov
                    if gov.entry.type in ("REQUEST", "THREATEN", "REJECT", "ACCUSE", "PROTEST") or gov.hypothetical:
                        t.hypothetical = True
                    break
            cur = head

    # ------------------------------------------------------------ arguments
    def resolve(self, t: _Trigger) -> None:
        if t.resolved:
            return
        t.resolved = t.resolving = True
        typ = t.entry.type or ""
        if t.kind == "N":
            self._noun_args(t, typ)
        elif t.kind == "M":
            pred = t.tok.head
            speaker, addressee = g.subject(pred.head), g.subject(pred)
            t.source = self.actors_of(g.with_conjuncts(speaker)) if speaker is not None else []
            t.target = self.actors_of(g.with_conjuncts(addressee)) if addressee is not None else []
        else:
            self._verb_args(t, typ)
        if "judge" in t.entry.flags:
            self._judge(t)
        self._tidy(t)
        t.resolving = False

    def _judge(self, t: _Trigger) -> None:
        """A wrongdoing reported by someone else is that speaker's accusation of the doer
        ("the president said Kiev was violating the agreements", "the minister cited
        violations by the rebels"): the speaker is the source, the doer the target. With no
        speaker in the sentence, the doer is only the target (the accuser is unknown)."""
        if t.kind == "L":
            speaker = list(t.source)  # who presents the violations
            n = t.tok
            doer = self.actors_of(g.prep_objects(n, ("by", "of")))
            poss = g.possessor(n)
            doer = (self.actors(poss) if poss is not None else []) + doer
        else:
            doer = list(t.source)
            said = g.reporting_subject(t.tok)
            speaker = self.actors(said) if said is not None else []
        doer = [a for a in doer if a.actor.code]
        speaker = [a for a in speaker if a.actor.code and not _same_actor(a, doer)]
        t.source, t.target = speaker, doer

    @staticmethod
    def _tidy(t: _Trigger) -> None:
        """No actor twice, none both source and target (a target that is its own source is
        dropped; one of the same country but another sector stays: police -> opposition)."""
        keys, src = set(), []
        for a in t.source:
            if (a.span.start, a.span.end) not in keys:
                keys.add((a.span.start, a.span.end))
                src.append(a)
        t.source = src
        codes = {a.actor.code for a in src}
        t.target = list({(a.span.start, a.span.end): a for a in t.target}.values())
        t.target = [a for a in t.target if (a.span.start, a.span.end) not in keys
                    and (t.domestic or not _same_actor(a, src))
                    and not (a.span.text.lower() in _PRONOUNS and a.actor.code in codes)]

    def _verb_args(self, t: _Trigger, typ: str) -> None:
        v = t.anchor if t.kind == "L" else t.tok
        if t.kind == "A" and t.tok.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl") and t.tok.head.pos_ in ("VERB", "AUX"):
            v = t.tok.head  # "called some demands unacceptable"
        noun = t.tok if t.kind == "L" else None
        if t.kind == "A":  # what is judged: "called [Russia's demands] unacceptable"
            noun = next((c for c in t.tok.children if c.dep_ in g.SUBJ), None)
            if noun is None and v.lemma_ == "be":
                noun = g.subject(v)
            subj_actors = [a for a in self.actors(noun) if a.actor.code] if noun is not None and v.lemma_ == "be" else []
            if subj_actors:  # "Israel is opposed to French mediation", "Vietnam is committed to"
                t.source = subj_actors
                t.target, t.inferred = self._targets(t.tok, t.entry.type or "", None, t.source)
                return
            if v.lemma_ == "be":  # "the demands are unacceptable", said by whom?
                speaker = g.reporting_subject(v)
                t.source = self.actors(speaker) if speaker is not None else []
                t.target, t.inferred = self._targets(v, t.entry.type or "", noun, t.source)
                return
        if g.is_passive(v) and g.agent(v) is None and v.lemma_.lower() in _STATIVE:
            # a state, not a passive: "Israel is opposed to ...", "Vietnam is committed to ..."
            t.source = self.actors_of(x for c in v.children if c.dep_ == "nsubjpass" for x in g.with_conjuncts(c))
            t.target = []
        elif g.is_passive(v):
            t.source = self.actors(g.agent(v))
            targets = [c for c in v.children if c.dep_ == "nsubjpass"]
            t.target = self.actors_of(x for c in targets for x in g.with_conjuncts(c))
        else:
            subj = g.subject(v)
            t.source = self.actors_of(g.with_conjuncts(subj)) if subj is not None else []
            objs = [o for o in g.objects(v) if o.dep_ != "nsubjpass"]
            if t.entry.flags & {"objsrc", "theme"}:
                # the object is the force moved or the thing given ("massed 100,000 troops",
                # "provided advisers"), never the target; the owner of a force moved is the
                # source when the clause names none
                if not t.source and "objsrc" in t.entry.flags:
                    t.source = [a for a in self.actors_of(objs) if a.actor.code]
                objs = [o for o in objs if o.dep_ == "dative"]
            # not the noun that carries the event noun: "declared a state of siege"
            t.target = self.actors_of(o for o in objs if o != noun and not (noun is not None and o.is_ancestor(noun)))
        skip = t.source
        t.target = [a for a in t.target if not _same_actor(a, skip)]
        if not t.target:
            t.target, inferred = self._targets(v, typ, noun, skip, theme=bool(t.entry.flags & {"objsrc", "theme"}))
            t.inferred = t.inferred or inferred
        means = g.means_head(v)
        if not t.target and means is not None:
            # "supports Ukraine by providing arms": the means has the target of what it serves
            t.target = [a for a in self.actors_of(o for o in g.objects(means) if o.dep_ != "nsubjpass")
                        if not _same_actor(a, skip)]
        if not t.target:
            for c in v.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and c.i not in self.triggers:
                    t.target, _ = self._targets(c, typ, None, skip)
                    if t.target:
                        break
        if t.entry.flags & {"objsrc", "theme"}:  # the force moved is no target, however found
            moved = [o for o in g.objects(v) if o.dep_ == "dobj"]
            t.target = [a for a in t.target
                        if not any(a.span.start <= o.idx < a.span.end or o.idx <= a.span.start < o.idx + len(o.text)
                                   for o in moved)]
        if typ in _LOCAL_ACTS and not any(a.actor.code for a in t.source):
            self._local_source(t, v)
        if typ in _LOCAL_ACTS and t.target and not any(a.actor.code for a in t.target):
            place = self._where(v)  # "a journalist was killed in Beirut": a Lebanese journalist
            if place is None:  # "police dispersed demonstrators": police act at home
                place = next((a.actor for a in t.source if a.actor.code and a.actor.kind == "state"
                              and self._head_lemma(a) in _DOMESTIC_FORCES), None)
            if place is not None:
                t.target = [ActorSpan(a.span, replace(a.actor, code=place.code, name=place.name)) for a in t.target]
                t.inferred = True
        if not t.target:  # a domestic act: the country where it happens ("imposed a curfew in Cizre")
            preds = [v] + [c for c in v.children if c.dep_ == "xcomp" and c.i not in self.triggers]
            if noun is not None and t.kind == "L" and (typ in _DOMESTIC or typ == "CONSULT"):
                # "imposed a curfew in Cizre"; "held talks in Beijing": the host is the counterpart
                preds += [noun] + [o for o in g.objects(v) if o.is_ancestor(noun)]
            places = [p for x in preds for p in g.prep_objects(x, ("in", "into", "inside", "across", "throughout"))
                      if p.ent_type_ in ("GPE", "LOC", "FAC")]
            found = self.actors_of(places)
            if not found and typ in _DOMESTIC:  # "in the town of Cizre in southeastern Turkey"
                deep = self._where_span(*preds)
                found = [deep] if deep is not None else []
            t.domestic = typ in _DOMESTIC and bool(found)
            t.target = found if t.domestic else [a for a in found if not _same_actor(a, skip)]
            t.inferred = t.inferred or bool(t.target)

    def _local_source(self, t: _Trigger, v: Token) -> None:
        """Protesters, rioters or gunmen of no stated nationality are of the country where
        they act ("prisoners rioted at a jail in Dili", "people blocked streets in Hong Kong");
        an attack by a weapon is its owner's ("US Predator attacks killed"), else the place's
        ("a roadside bombing near Samarra killed")."""
        subj = g.agent(v) if g.is_passive(v) else g.subject(v)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN", "NUM") or subj.ent_type_ not in ("", "CARDINAL"):
            return
        if not t.source:
            owners = [a for a in self.actors_of(x for m in g.modifiers(subj) for x in m.subtree) if a.actor.code]
            if owners:
                t.source = owners
                return
        place = self._where(v, subj)
        if place is None:
            return
        if t.source:
            t.source = [ActorSpan(a.span, replace(a.actor, code=place.code, name=place.name)) for a in t.source]
        else:
            left = min(x.idx for x in subj.subtree if x.i <= subj.i)
            t.source = [ActorSpan(Span.of(self.text, left, subj.idx + len(subj.text)),
                                  Actor(place.code, place.name, None, kind="group", role=subj.text))]
        t.inferred = True

    def _head_lemma(self, a: ActorSpan) -> str:
        """The lemma of the head noun of an actor's phrase ("Egyptian police" -> "police")."""
        span = self.doc.char_span(a.span.start, a.span.end, alignment_mode="expand")
        return span.root.lemma_.lower() if span is not None else ""

    def _where(self, v: Token, *more: Token) -> Actor | None:
        """The country of the place where the predicate happens, if the text names one
        (on the predicate, its objects, or ``more``: "a bombing near Samarra killed")."""
        found = self._where_span(v, *more)
        return found.actor if found is not None else None

    def _where_span(self, v: Token, *more: Token) -> ActorSpan | None:
        heads = [v, *g.objects(v), *more]
        todo = [(p, 0) for h in heads for p in g.prep_objects(h, _AT)]
        # "outside of the city of Basra"
        todo += [(p, 0) for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in _AT
                 for p in g.prep_objects(c, ("of",))]
        while todo:
            x, depth = todo.pop(0)
            if x.ent_type_ in ("GPE", "LOC", "FAC") or (x.ent_type_ == "NORP" and x.pos_ == "PROPN"):
                for a in self.actors(x):
                    if a.actor.code and a.actor.kind in ("state", None):
                        return a
            elif depth < 2:  # "the town of Cizre", "an explosion in a sector of eastern Beirut"
                todo += [(p, depth + 1) for p in g.prep_objects(x, ("of", "in"))]
        return None

    def _targets(self, v: Token, typ: str, noun: Token | None,
                 skip: list[ActorSpan] = (), theme: bool = False) -> tuple[list[ActorSpan], bool]:
        """The target of predicate ``v``: its objects, target prepositions, the owner of
        what it acts on, the subject of its complement or condition (never one of the actors in ``skip``)."""
        found, inferred = self._targets_any(v, typ, noun, skip, theme=theme)
        return [a for a in found if not _same_actor(a, skip)], inferred

    def _targets_any(self, v: Token, typ: str, noun: Token | None, skip,
                     nested: bool = False, theme: bool = False) -> tuple[list[ActorSpan], bool]:
        preps = g.target_preps(typ)
        def keep(xs: list[ActorSpan]) -> list[ActorSpan]:
            return [a for a in xs if not _same_actor(a, skip)]

        found = keep(self.actors_of(o for o in g.objects(v) if o.dep_ != "nsubjpass" and o != noun
                                    and not (theme and o.dep_ == "dobj")))
        found = found or keep(self.actors_of(g.prep_objects(v, preps)))
        if not found and not g.is_passive(v) and g.objects(v):
            # "condemned demands by Russia" with "by" hung on the verb
            found = keep(self.actors_of(g.prep_objects(v, ("by",))))
        args = [o for o in g.objects(v) + g.prep_objects(v, _ARG_PREPS) if o.pos_ in ("NOUN", "PROPN", "NUM")]
        if noun is not None:
            args = [noun] + args
            found = found or keep(self.actors_of(g.prep_objects(noun, preps)))
        if found:
            return found, False
        for a in args:  # "discuss Russia's proposals", "demands by Russia", "assistance from the U.S."
            inner = self.triggers.get(a.i)
            if inner is not None and inner.tok != v and inner.kind == "N":
                self.resolve(inner)
                if keep(inner.source):
                    return keep(inner.source), True
            poss = g.possessor(a)
            found = keep(self.actors(poss)) if poss is not None else []
            owned = g.prep_objects(a, preps | (_OWNER_PREPS - {"for"} if typ == "CONSULT" else _OWNER_PREPS))
            found = found or keep(self.actors_of(owned))
            # "the return of property seized by Algerian forces", "links with Serbia"
            inner_args = [p for o in owned if o.pos_ == "NOUN" for p in g.prep_objects(o, preps | ({"for"} if typ != "CONSULT" else set()))]
            inner_args += [g.agent(c) for o in [a, *owned] for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            found = found or keep(self.actors_of(x for x in inner_args if x is not None))
            if found:
                return found, False
        for c in [*v.children, *(x for a in args for x in a.children)]:
            # "warned that Russia ...", "warned of consequences if Russia invades"
            if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                if c.dep_ == "advcl" and typ != "THREATEN":
                    continue
                subj = g.subject(c)
                found = keep(self.actors_of(g.with_conjuncts(subj))) if subj is not None else []
                if found:
                    return found, False
        if typ == "PROTEST" and not nested:
            # what the protest is against: "to protest X's failure", "to demand the return of
            # property seized by Y", "in protest of Y's refusal", "in defiance of Y"
            for c in v.children:
                if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(a.tag_ == "TO" for a in c.children):
                    found, _ = self._targets_any(c, typ, None, skip, nested=True)
                    if found:
                        return found, False
            for p in g.prep_objects(v, ("in",)):
                if p.lemma_.lower() in _AGAINST_NOUNS:
                    for x in g.prep_objects(p, ("of", "against", "at", "to")):
                        found = keep(self.actors(x)) or self._targets_any(p, typ, x, skip, nested=True)[0]
                        if found:
                            return found, False
        if typ == "THREATEN":
            for c in v.subtree:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in g.CONDITIONAL for m in c.children):
                    subj = g.subject(c)
                    found = keep(self.actors_of(g.with_conjuncts(subj))) if subj is not None else []
                    if found:
                        return found, False
        return [], False

    def _noun_args(self, t: _Trigger, typ: str) -> None:
        n = t.tok
        undergoes = n.dep_ == "dobj" and n.head.lemma_.lower() in self.lex.word_class("undergo")
        if undergoes or (n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.pos_ in ("AUX", "VERB")):
            # "the city is under attack", "Russia received sanctions": the subject suffers the act
            subj = g.subject(n.head if undergoes else n.head.head)
            if subj is not None:
                t.target = self.actors_of(g.with_conjuncts(subj))
        poss = g.possessor(n)
        t.source = self.actors(poss) if poss is not None else []
        # an adjective only when it names a known actor ("Western weapons", not "a general strike")
        mods = [a for m in g.modifiers(n) for a in self.actors(m) if m.pos_ != "ADJ" or a.actor.code]
        mods = list({(a.span.start, a.span.end): a for a in mods}.values())
        if not t.source:
            t.source = self.actors_of(g.prep_objects(n, g.source_preps(typ)))
        if not t.source and mods:
            t.source, mods = mods[:1], mods[1:]
        t.target = t.target + mods + self.actors_of(g.prep_objects(n, g.target_preps(typ)))
        if "objsrc" in t.entry.flags and not t.source:
            t.source = self.actors_of(g.prep_objects(n, ("of",)))
        if not t.source:  # "the sanctions imposed by the Western countries"
            for c in n.children:
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    t.source = self.actors(g.agent(c))
                    if t.source:
                        break
        if not t.source:
            # "released the draft of a treaty proposal": the noun is the object of a report verb
            cur = n
            for _ in range(3):
                if cur.dep_ == "pobj" and cur.head.lower_ == "of":
                    cur = cur.head.head
                    continue
                break
            if cur.dep_ == "dobj" and cur.head.lemma_.lower() in self.lex.light_verbs:
                s = g.subject(cur.head)
                t.source = self.actors_of(g.with_conjuncts(s)) if s is not None else []
                t.inferred = bool(t.source)
        if not t.source and typ == "CONSULT" and n.dep_ == "pobj" and n.head.lower_ in g.CIRCUMSTANCE \
                and n.head.head.pos_ in ("VERB", "AUX"):
            # "after talks with X, Y said ...": who said it took part
            verb = n.head.head
            doer = g.agent(verb) if g.is_passive(verb) else g.subject(verb)
            if doer is not None:
                t.source = [a for a in self.actors_of(g.with_conjuncts(doer)) if a.actor.code]
                t.inferred = bool(t.source)
        if not t.source:
            # the same kind of event said earlier: "Russia's proposal ... some demands"
            prev = self._antecedent(t)
            if prev is not None:
                t.source, t.inferred = list(prev.source), True
                if not t.target:
                    t.target = list(prev.target)

    def _antecedent(self, t: _Trigger) -> _Trigger | None:
        sent = t.tok.sent
        start = max(0, sent.start - 80)
        for i in range(t.tok.i - 1, start - 1, -1):
            other = self.triggers.get(i)
            if other is None or other.kind != "N" or other.entry.type != t.entry.type:
                continue
            self.resolve(other)
            if other.source:
                return other
        return None

    # ------------------------------------------------------------ records
    def run(self) -> list[Event]:
        self.find_triggers()
        self.anchored = {t.anchor.i: t for t in self.triggers.values() if t.anchor is not None}
        for t in self.triggers.values():
            self.embed(t)
        for t in list(self.triggers.values()):
            demanded = self.triggers.get(t.tok.head.i) if t.kind == "M" else None
            if demanded is not None:  # what one must do is demanded, not done
                demanded.hypothetical, demanded.gov = True, demanded.gov or t
        for t in self.triggers.values():
            self.resolve(t)
        # an act threatened, requested or offered names the target of its governor
        for t in self.triggers.values():
            gov = t.gov
            if gov is not None and gov.entry.type and not gov.target and t.target:
                gov.target = [a for a in t.target if a not in gov.source]
            if gov is not None and gov.entry.type is None and not t.source and gov.source:
                t.source = list(gov.source)
            if gov is not None and gov.kind == "N" and gov.entry.type == "THREATEN" and not gov.source:
                gov.source = list(t.source)  # "the threat of a Russian invasion
        events: dict[tuple, Event] = {}
        # a verb that is an event of the same type as the event noun it carries is one event
        # ("signed a deal", "agreed a ceasefire"): the light-verb reading covers both words
        same = {t.anchor.i for t in self.triggers.values() if t.kind == "L"
                and (v := self.triggers.get(t.anchor.i)) is not None and v.entry.type == t.entry.type}
        for t in sorted(self.triggers.values(), key=lambda x: x.tok.i):
            if t.kind == "V" and t.tok.i in same:
                continue
            for ev in self._events(t):
                key = (ev.type, ev.trigger.start, ev.trigger.end)
                if key not in events or events[key].confidence < ev.confidence:
                    events[key] = ev
        return sorted(events.values(), key=lambda e: (e.trigger.start, -e.confidence))

    def _events(self, t: _Trigger) -> list[Event]:
        if t.entry.type is None or not (t.source or t.target):
            return []
        if t.under is not None and t.under.entry.type == t.entry.type and self._purpose(t):
            return []  # "will meet X to discuss Y", "talks to negotiate": one act described twice
        if t.entry.weak and not any(a.actor.code for a in (*t.source, *t.target)):
            return []  # an ambiguous word about no known actor: most likely no event
        out = [self._event(t, t.entry, t.tok)]
        gov = t.gov
        # a control word, or a promise of a hostile act ("vowed to fight" is a threat)
        control = gov is not None and (gov.entry.type is None or (
            "fut" in gov.entry.flags and gov.entry.type == "AGREE" and t.entry.type in _HOSTILE))
        # intent is said by a control word ("plans to", "is ready to"), not by "will" alone,
        # and not where the intention is itself denied, demanded or reported as feared
        # An intention said by a control word ("plans to", "is ready to"), an offer or pledge
        # ("offered concessions"), or a hostile act announced ("will impose sanctions if ...",
        # "said they would boycott": a threat) is an event of its own. A cooperative act
        # announced with "will" alone is first of all that act, in the future; its reading as
        # an expression of intent (CAMEO 03) is kept as a secondary, low-confidence reading.
        promised = t.promised and gov is None
        if t.intent and not t.negated and not t.conditional and (t.under is None or t.under is gov) \
                and (gov is None or control):
            recode = self.lex.intent.get(t.entry.type)
            if recode is not None and recode.type != t.entry.type:
                secondary = not (control or promised) and recode.type != "THREATEN"
                out.append(self._event(t, recode, gov.tok if control else t.tok, derived=True,
                                       secondary=secondary))
        # a refusal ("refused to meet") is a rejection; an act that did not happen ("has
        # never ratified it") is that act, negated, and only secondarily a rejection
        if (t.negated or (t.refused and control)) and not t.conditional:
            recode = self.lex.refusal.get(t.entry.type)
            if recode is not None:
                # "will not accept", "would not meet their demands": a negative announcement
                # of one's own conduct is a refusal too
                refusal = (t.refused and control) or (t.negated and t.intent)
                out.append(self._event(t, recode, t.tok, derived=True, secondary=not refusal))
        return out

    @staticmethod
    def _purpose(t: _Trigger) -> bool:
        """The event is the purpose or content of its governor: an infinitive of purpose
        ("met to discuss") or a complement ("agreed to accept")."""
        tok = t.anchor or t.tok
        return tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(c.tag_ == "TO" for c in tok.children)

    @staticmethod
    def _salience(tok: Token) -> float:
        """+0.05 for the main predicate (or what its speaker reports), -0.05 for an act
        named in a subordinate clause or a prepositional phrase."""
        cur = tok
        for _ in range(8):
            dep, head = cur.dep_, cur.head
            if head == cur:
                return 0.05 if cur == tok or tok.pos_ in ("VERB", "AUX") else 0.0
            if dep in ("advcl", "relcl", "acl", "pobj", "pcomp", "npadvmod"):
                return -0.05
            if dep == "ccomp" and head.lemma_.lower() in g.REPORTING and head.dep_ == "ROOT":
                return 0.05 if cur == tok else 0.0
            if dep not in ("conj", "xcomp", "ccomp", "dobj", "nsubj", "nsubjpass", "attr", "oprd", "acomp"):
                return 0.0
            cur = head
        return 0.0

    @staticmethod
    def _sourceless_ok(t: _Trigger) -> bool:
        """An event without a source is kept only where the text leaves the doer out:
        an agentless passive ("were killed") or a violent act named by a noun."""
        if t.kind in ("V", "L"):
            return g.is_passive(t.anchor or t.tok)
        return t.kind == "N" and t.entry.type in ("ASSAULT", "COERCE")

    def _event(self, t: _Trigger, e: Entry, trig: Token, derived: bool = False,
               secondary: bool = False) -> Event:
        lex = self.lex
        row = lex.code(e.cameo)
        sent = t.tok.sent
        s_start = sent.start_char
        s_end = s_start + len(sent.text.rstrip())
        scope = list(t.tok.subtree) if t.kind == "N" else g.clause_tokens(t.anchor or t.tok)
        date, historical = self._date(scope)
        historical = historical or t.historical_mod
        own = derived is False
        negated = t.negated if own else False
        hyp = (t.hypothetical or t.refused) if own else t.conditional
        future = t.future if own else False
        conf = self._argument_confidence(t, e.type or "")
        conf -= 0.15 if e.weak else 0
        conf -= 0.1 if t.inferred else 0
        conf -= 0.1 if (own and (hyp or negated)) else 0
        conf -= 0.1 if (own and t.gov is not None) else 0
        conf += 0.05 if derived else 0
        if secondary:
            conf = min(conf - 0.35, 0.35)
        conf += self._salience(t.anchor or t.tok)
        return Event(
            type=e.type or "", trigger=self._trigger_span(t, trig), sentence=Span.of(self.text, s_start, s_end),
            source=tuple(t.source), target=tuple(t.target), mode=e.mode or (row.mode if row else None),
            context=self._contexts(t, scope, row), cameo=e.cameo, quad_class=row.quad_class if row else None,
            goldstein=row.goldstein if row else None, date=date, location=self._place(scope, t),
            negated=negated, hypothetical=hyp, future=future, historical=historical,
            confidence=max(0.05, min(0.95, conf)))

    @staticmethod
    def _argument_confidence(t: _Trigger, typ: str) -> float:
        """How far the event's actors can be trusted, the first part of its confidence.

        Measured on whole annotated articles, an event with a coded source and a coded target
        is right about three times in four; one with no coded source (who did it is unknown)
        or, for a directed act (a request, an accusation, an attack ...), no coded target, is
        right about one time in five. Joint and self-directed acts (talks, agreements,
        refusals, withdrawals, exercises, protests) often have no target in the text.
        """
        def coded(spans: list[ActorSpan]) -> bool:
            return any(a.actor.code for a in spans)

        conf = CONF_BASE
        if coded(t.source):
            conf += CONF_SOURCE
        elif t.source:
            conf += CONF_SOURCE / 3
        if not coded(t.source) and not _Coder._sourceless_ok(t):
            conf -= CONF_NO_SOURCE
        if coded(t.target):
            conf += CONF_TARGET
        elif typ not in g.UNDIRECTED:
            conf -= CONF_NO_TARGET
        return conf

    def _trigger_span(self, t: _Trigger, trig: Token) -> Span:
        a, b = trig, trig
        if trig == t.tok and t.anchor is not None and 0 < t.tok.i - t.anchor.i <= 4:
            a = t.anchor
        elif trig == t.tok and t.entry.pattern in ("prep", "prt"):
            for c in trig.children:
                if c.lower_ in t.entry.values and 0 < c.i - trig.i <= 2:
                    b = c
        return Span.of(self.text, a.idx, b.idx + len(b.text))

    def _contexts(self, t: _Trigger, scope: list[Token], row) -> tuple[str, ...]:
        out: list[str] = []
        for c in (row.context if row else ()):
            if c not in out:
                out.append(c)
        for tok in [t.tok, *scope]:
            c = self.lex.contexts.get(tok.lemma_.lower())
            if c and c not in out:
                out.append(c)
        return tuple(out[:3])

    def _date(self, scope: list[Token]) -> tuple[str | None, bool]:
        pub = self.ctx.published
        lo, hi = min(x.idx for x in scope), max(x.idx + len(x) for x in scope)
        ids = {x.i for x in scope}
        value = None
        times = self.ctx.found.get("times")
        if times:
            for tx in times:
                if lo <= tx.span.start and tx.span.end <= hi and any(
                        x.idx >= tx.span.start and x.idx < tx.span.end and x.i in ids for x in scope):
                    value = tx.value
                    break
        else:
            for ent in self.doc.ents:
                if ent.label_ == "DATE" and ent.start in ids:
                    m = _YEAR.search(ent.text)
                    if m:
                        value = m.group(1)
                        break
        ref = self._reference_year()
        historical = bool(value and ref and value[:4].isdigit() and int(value[:4]) < ref)
        if value is None and pub is not None:
            value = pub.isoformat()
        return value, historical

    def _reference_year(self) -> int | None:
        """The year before which an act is history: the publication year; for an undated
        article, the year before the latest year it names (its own time frame is at least
        that recent, and a year named just before may still be current news)."""
        if self._ref_year is None:
            pub = self.ctx.published
            if pub is not None:
                self._ref_year = pub.year
            else:
                years = [int(tx.value[:4]) for tx in self.ctx.found.get("times") or ()
                         if tx.value and tx.value[:4].isdigit()]
                self._ref_year = max(years) - 1 if years else 0
        return self._ref_year or None

    def _place(self, scope: list[Token], t: _Trigger) -> Place | None:
        places = self.ctx.found.get("places")
        if not places:
            return None
        ids = {x.idx for x in scope}
        taken = {(a.span.start, a.span.end) for a in (*t.source, *t.target)}
        for p in places:
            if p.span.start in ids and (p.span.start, p.span.end) not in taken:
                return p
        return None
