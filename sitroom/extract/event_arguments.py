"""Event arguments: each trigger's source and target, from the dependency grammar
(:mod:`.event_grammar`) through active and passive clauses, control, light verbs, nominal
events, means clauses, reported wrongdoing, and the place where a domestic act happens.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..records import Actor, ActorSpan, Span
from . import event_grammar as g
from .event_actors import PRONOUNS, region, same_actor
from .event_roles import RoleRules
from .event_triggers import Trigger

#: a state's missions abroad: a protest at one is against that state
_MISSIONS = frozenset({"embassy", "consulate", "mission", "legation", "high commission"})

# Prepositions whose object is an argument of the predicate, not a circumstance.
_ARG_PREPS = frozenset({"for", "of", "about", "over", "on", "to", "with", "against", "in", "from"})
# Participles that say where their subject stands, not what was done to it.
# ("Chile is engaged in fighting against ..." says what Chile does: its subject is the doer)
_STATIVE = frozenset({"oppose", "commit", "determine", "dedicate", "resolve", "prepare", "opposed", "committed",
                      "engage", "engaged", "involve", "involved"})
_OWNER_PREPS = frozenset({"from", "by", "of", "for"})
# Verbal evaluations: their target is whose the thing judged is.
_EVALUATIVE = frozenset({"SUPPORT", "ACCUSE", "REJECT"})
# What a candidate negotiates with the body it would join.
_ACCESSION = frozenset({"membership", "accession", "entry", "admission"})
_DOMESTIC_FORCES = frozenset({"police", "policeman", "authority", "government", "gendarmerie"})
_AGAINST_NOUNS = frozenset({"protest", "defiance", "opposition", "response"})
# Where a crowd, a mob or an armed group with no nationality acts says whose it is.
_LOCAL_ACTS = frozenset({"PROTEST", "ASSAULT", "COERCE"})
_AT = ("in", "at", "near", "outside", "inside", "across", "throughout")
_DOMESTIC = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "CONCEDE", "RETREAT", "SANCTION", "PROTEST"})


ANTECEDENT_WINDOW = 120


class ArgumentFinder(RoleRules):
    """Finds each trigger's source and target (``self.resolve(trigger)``)."""

    def resolve(self, t: Trigger) -> None:
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
        if typ in ("PROTEST", "COERCE") or (typ == "ASSAULT" and t.target and all(
                a.actor.role and a.actor.role.lower().split()[-1] in self.lex.word_class("dissent")
                for a in t.target if not a.actor.code)):
            self._at_home(t, typ)  # a state's force against protesters is against its own people
        if typ in ("ASSAULT", "COERCE") and not any(a.actor.code for a in t.target) and t.kind == "V":
            self._own_region(t)
        if typ in ("ASSAULT", "COERCE", "THREATEN", "MOBILIZE") and not any(a.actor.code for a in t.target):
            self._against_home(t)  # "our troops fought fierce battles": no party in the object
        if typ == "ASSAULT" and not t.source and t.target:
            self._by_home(t)
        self._tidy(t)
        if typ == "MOBILIZE":  # troops massed near a town of their own state: a location, no target
            own = {a.actor.code for a in t.source}
            t.target = [a for a in t.target if not (region(a) and a.actor.code in own)]
        t.resolving = False

    @staticmethod
    def _tidy(t: Trigger) -> None:
        """No actor twice, none both source and target (a target that is its own source is
        dropped; one of the same country but another sector stays: police -> opposition)."""
        # one word may stand for several actors (a joint statement's "we"): keyed by span and code
        keys, src = set(), []
        for a in t.source:
            if (a.span.start, a.span.end, a.actor.code) not in keys:
                keys.add((a.span.start, a.span.end, a.actor.code))
                src.append(a)
        t.source = src
        codes = {a.actor.code for a in src}
        spans = {(s, e) for s, e, _ in keys}
        t.target = list({(a.span.start, a.span.end, a.actor.code): a for a in t.target}.values())
        t.target = [a for a in t.target if (a.span.start, a.span.end) not in spans
                    and (t.domestic or not same_actor(a, src))
                    and not (a.span.text.lower().endswith("counterpart") and a.actor.code in codes)
                    and not (a.span.text.lower() in PRONOUNS and a.actor.code in codes)]

    def _verb_args(self, t: Trigger, typ: str) -> None:
        v = t.anchor if t.kind == "L" else t.tok
        if t.kind == "A" and t.tok.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl", "attr") and t.tok.head.pos_ in ("VERB", "AUX"):
            v = t.tok.head  # "called some demands unacceptable"
        noun = t.tok if t.kind == "L" else None
        if t.kind == "A":  # what is judged: "called [Russia's demands] unacceptable"
            noun = next((c for c in t.tok.children if c.dep_ in g.SUBJ), None)
            if noun is None and v.lemma_ == "be":
                noun = g.subject(v)
            # an act judged ("Peru's blockade is wrong") is no actor, whoever's act it is
            # (the subject itself, not its owner: "Moscow's claims are lies" brands Moscow)
            subj_actors = [a for a in self.actors(noun) if a.actor.code and a.span.start <= noun.idx < a.span.end] \
                if noun is not None and v.lemma_ == "be" and noun.i not in self.triggers else []
            if subj_actors:  # "Chile is opposed to Dutch mediation", "Laos is committed to"
                t.source = subj_actors
                t.target, t.inferred = self._targets(t.tok, t.entry.type or "", None, t.source)
                return
            if v.lemma_ == "be":  # "the demands are unacceptable", said by whom?
                speaker = g.reporting_subject(v)
                t.source = self.actors(speaker) if speaker is not None else []
                if not t.source:  # said by no one named: the quote's speaker, else the text's voice
                    t.source = self._quoted_speaker(t.tok)
                if not t.source and not self.res.quoted(t.tok.idx):
                    home = self.home()
                    t.source = [ActorSpan(Span.of(self.text, t.tok.idx, t.tok.idx + len(t.tok.text)), home.actor)] \
                        if home is not None else []
                t.target, t.inferred = self._targets(v, t.entry.type or "", noun, t.source)
                if not t.target and noun is not None and noun.lower_ in ("this", "that"):
                    t.target = self._previous_agent(t.tok, t.source)
                return
        if g.is_passive(v) and g.agent(v) is None and v.lemma_.lower() in _STATIVE:
            # a state, not a passive: "Chile is opposed to ...", "Laos is committed to ..."
            t.source = self.actors_of(x for c in v.children if c.dep_ == "nsubjpass" for x in g.with_conjuncts(c))
            t.target = []
        elif g.is_passive(v):
            t.source = self.actors(g.agent(v))
            targets = [c for c in v.children if c.dep_ == "nsubjpass"]
            if not targets and g.passive_adjunct(v) and (main := g.subject(v.head)) is not None:
                targets = [main]  # "Asked about the border, the minister said ...": she was asked
            if noun is not None and not t.source and noun in targets and typ in ("AGREE", "CONSULT", "COOPERATE"):
                # "the agreement between A and B was signed": its parties signed it
                t.source = self.actors_of(x for p in g.prep_objects(noun, ("between", "among"))
                                          for x in g.with_conjuncts(p))
                targets = [] if t.source else targets
            t.target = self.actors_of(x for c in targets for x in g.with_conjuncts(c))
        else:
            subj = g.subject(v)
            if v.dep_ == "acl" and v.tag_ == "VBG" and subj == v.head \
                    and v.head.lemma_.lower() in self.lex.word_class("document") and v.head.dep_ in ("dobj", "pobj"):
                # "issued a statement demanding ...", "in a letter urging ...": the issuer's act
                issuer = g.clause_predicate(v.head)
                if issuer is not None:
                    subj = g.agent(issuer) if g.is_passive(issuer) else g.subject(issuer)
                    # "must issue a statement promising ...": the text, and what it says, is to come
                    f, _, h = g.modality(issuer)
                    t.future, t.hypothetical = t.future or f, t.hypothetical or h
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
        t.target = [a for a in t.target if not same_actor(a, skip)]
        if not t.target:
            t.target, inferred = self._targets(v, typ, noun, skip, theme=bool(t.entry.flags & {"objsrc", "theme"}))
            t.inferred = t.inferred or inferred
        if typ == "ACCUSE" and t.target:
            t.target = self._complained_of(v, t.target, skip) or t.target
        means = g.means_head(v)
        if not t.target and means is not None:
            # "supports Ukraine by providing arms": the means has the target of what it serves
            t.target = [a for a in self.actors_of(o for o in g.objects(means) if o.dep_ != "nsubjpass")
                        if not same_actor(a, skip)]
        if not t.target:
            for c in v.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and c.i not in self.triggers:
                    t.target, _ = self._targets(c, typ, None, skip)
                    if t.target:
                        break
        if t.entry.flags & {"objsrc", "theme"}:  # the force moved is no target, however found
            moved = [x for o in g.objects(v) if o.dep_ == "dobj" for x in g.with_conjuncts(o)]
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
        if not t.target:  # a domestic act: the country where it happens ("imposed a curfew in Lyon")
            preds = [v] + [c for c in v.children if c.dep_ == "xcomp" and c.i not in self.triggers]
            if noun is not None and t.kind == "L" and (typ in _DOMESTIC or typ == "CONSULT"):
                # "imposed a curfew in Lyon"; "held talks in Beijing": the host is the counterpart
                preds += [noun] + [o for o in g.objects(v) if o.is_ancestor(noun)]
            places = [p for x in preds for p in g.prep_objects(x, ("in", "into", "inside", "across", "throughout"))
                      if p.ent_type_ in ("GPE", "LOC", "FAC")]
            found = self.actors_of(places)
            if not found and typ in _DOMESTIC:  # "in the town of Arles in southern France"
                deep = self._where_span(*preds)
                found = [deep] if deep is not None else []
            t.domestic = typ in _DOMESTIC and bool(found)
            t.target = found if t.domestic else [a for a in found if not same_actor(a, skip)]
            t.inferred = t.inferred or bool(t.target)

    def _previous_agent(self, tok: Token, skip: list[ActorSpan]) -> list[ActorSpan]:
        """"This is a lie", "that is unacceptable": a demonstrative subject points back to
        what the sentence before says, and the one judged is who said or did it (the
        subject of that sentence's main verb)."""
        k = self.sentence_at(tok.idx)
        if k == 0:
            return []
        starts = self._sentence_table()[0]
        prev = self.doc[starts[k - 1]:starts[k]]
        subj = g.subject(prev.root) if prev.root.pos_ in ("VERB", "AUX") else None
        if subj is None:
            return []
        return [a for a in self.actors_of(g.with_conjuncts(subj)) if a.actor.code and not same_actor(a, skip)]

    def _local_source(self, t: Trigger, v: Token) -> None:
        """Protesters, rioters or gunmen of no stated nationality are of the country where
        they act ("inmates rioted at a jail in Quito", "crowds blocked roads in Lima");
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
            elif depth < 2:  # "the town of Arles", "a blast in a district of northern Lagos"
                todo += [(p, depth + 1) for p in g.prep_objects(x, ("of", "in"))]
        return None

    def _targets(self, v: Token, typ: str, noun: Token | None,
                 skip: list[ActorSpan] = (), theme: bool = False) -> tuple[list[ActorSpan], bool]:
        """The target of predicate ``v``: its objects, target prepositions, the owner of
        what it acts on, the subject of its complement or condition (never one of the actors in ``skip``)."""
        found, inferred = self._targets_any(v, typ, noun, skip, theme=theme)
        return [a for a in found if not same_actor(a, skip)], inferred

    def _targets_any(self, v: Token, typ: str, noun: Token | None, skip,
                     nested: bool = False, theme: bool = False) -> tuple[list[ActorSpan], bool]:
        preps = g.target_preps(typ)
        def keep(xs: list[ActorSpan]) -> list[ActorSpan]:
            return [a for a in xs if not same_actor(a, skip)]

        asked = self._asked(noun, typ) if noun is not None else []
        if asked:  # "renewed its demand that Chile lift the ban": Chile is asked
            return keep(asked), False
        # the thing given is no target, nor what it is coordinated with ("provided photographs
        # and other intelligence to Skopje")
        given = {x.i for o in g.objects(v) if o.dep_ == "dobj" for x in g.with_conjuncts(o)} if theme else set()
        found = keep(self.actors_of(o for o in g.objects(v) if o.dep_ != "nsubjpass" and o != noun
                                    and o.i not in given))
        if noun is not None and "against" in preps:
            # "filed a complaint against the EU at the WTO": what the act is against is its
            # target, before any place or body the light verb names
            found = found or keep(self.actors_of(g.prep_objects(noun, ("against",))))
        found = found or keep(self.actors_of(g.prep_objects(v, preps)))
        if not found and not g.is_passive(v) and g.objects(v):
            # "condemned claims by Iran" with "by" hung on the verb
            found = keep(self.actors_of(g.prep_objects(v, ("by",))))
        args = [o for o in g.objects(v) + g.prep_objects(v, _ARG_PREPS) if o.pos_ in ("NOUN", "PROPN", "NUM")]
        if noun is not None:
            args = [noun] + args
            found = found or keep(self.actors_of(g.prep_objects(noun, preps)))
        found = found or keep(self._mediated(v, args))
        if found:
            return found, False
        for a in args:  # "debate Chile's plan", "claims by Iran", "loans from Japan"
            inner = self.triggers.get(a.i)
            if inner is not None and inner.tok != v and inner.kind == "N":
                self.resolve(inner)
                if keep(inner.source):
                    return keep(inner.source), True
            poss = g.possessor(a)
            found = keep(self.actors(poss)) if poss is not None else []
            owned = g.prep_objects(a, preps | (_OWNER_PREPS - {"for"} if typ == "CONSULT" else _OWNER_PREPS))
            if typ in _EVALUATIVE:
                # "praised the accord between Peru and Chile": a pact is its parties'
                owned += [x for p in g.prep_objects(a, ("between", "among")) for x in g.with_conjuncts(p)]
            found = found or keep(self.actors_of(owned))
            # "the return of land taken by Sudanese forces", "ties with Ghana"
            inner_args = [p for o in owned if o.pos_ == "NOUN" for p in g.prep_objects(o, preps | ({"for"} if typ != "CONSULT" else set()))]
            inner_args += [g.agent(c) for o in [a, *owned] for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            if typ in _EVALUATIVE:  # "hailed a deal bringing Turkey closer to the union": whom it concerns
                inner_args += [o for c in a.children if c.dep_ == "acl" and c.tag_ == "VBG" for o in g.objects(c)]
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
        if typ == "PROTEST":
            # "protested outside the Ugandan embassy": a protest at a mission is against its state
            for p in g.prep_objects(v, ("outside", "at", "near", "before", "in front of")):
                if p.lemma_.lower() in _MISSIONS:
                    owner = [a for m in [g.possessor(p), *g.modifiers(p), *g.prep_objects(p, ("of",))]
                             if m is not None for a in self.actors(m) if a.actor.code]
                    if keep(owner):
                        return keep(owner), False
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

    def _noun_args(self, t: Trigger, typ: str) -> None:
        n = t.tok
        undergoes = n.dep_ == "dobj" and n.head.lemma_.lower() in self.lex.word_class("undergo")
        if undergoes or (n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.pos_ in ("AUX", "VERB")):
            # "the city is under attack", "Russia received sanctions": the subject suffers the act
            verb = n.head if undergoes else n.head.head
            subj = g.subject(verb)
            if subj is None and g.is_passive(verb):  # "was put under investigation": who was put
                subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                t.target = self.actors_of(g.with_conjuncts(subj))
        poss = g.possessor(n)
        t.source = self.actors(poss) if poss is not None else []
        if not t.source and n.lemma_.lower() in self.lex.word_class("posture") and n.dep_ == "pobj" \
                and n.head.lower_ == "on" and n.head.head.pos_ in ("VERB", "AUX") and not g.objects(n.head.head):
            # "troops remained on high alert": the subject holds the posture
            subj = g.subject(n.head.head)
            t.source = self.actors_of(g.with_conjuncts(subj)) if subj is not None else []
        if not t.source and n.dep_ == "pobj" and n.head.lower_ in ("in", "at") and n.head.head.lemma_ == "be":
            # "Russia is in talks with Japan", "we are in constant contact with": the subject takes part
            subj = g.subject(n.head.head)
            t.source = self.actors_of(g.with_conjuncts(subj)) if subj is not None else []
        # an adjective only when it names a known actor ("Western weapons", not "a national strike")
        mods = [a for m in g.modifiers(n) for a in self.actors(m) if m.pos_ != "ADJ" or a.actor.code]
        mods = list({(a.span.start, a.span.end): a for a in mods}.values())
        if not t.source:
            t.source = self.actors_of(g.prep_objects(n, g.source_preps(typ)))
        if not t.source and mods and t.entry.mode != "visit":
            t.source, mods = mods[:1], mods[1:]  # a visit's modifier is where it goes: "an EU visit"
        t.target = t.target + mods + self.actors_of(g.prep_objects(n, g.target_preps(typ)))
        if typ == "REQUEST":
            # "a demand for Peru to apologise", "the demand that Peru apologise": Peru is asked,
            # and is no source of the demand
            asked = self._asked(n, typ)
            if asked:
                t.target = asked
                t.source = [a for a in t.source if not same_actor(a, asked)]
        if "objsrc" in t.entry.flags and not t.source:
            t.source = self.actors_of(g.prep_objects(n, ("of",)))
        if typ == "CONSULT" and not t.source:
            # "talks on Serbia's membership of the union": the candidate talks with the body
            for m in g.prep_objects(n, ("on", "about", "over")):
                if m.lemma_.lower() in _ACCESSION:
                    poss = g.possessor(m)
                    cand = self.actors(poss) if poss is not None else []
                    body = self.actors_of(g.prep_objects(m, ("of", "to", "into", "in")))
                    if cand:
                        t.source, t.target = cand, [a for a in body if a.actor.code] or t.target
                        break
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
            if cur.dep_ == "dobj" and self.lex.lemma(cur.head) in self.lex.light_verbs:
                s = g.subject(cur.head)
                t.source = self.actors_of(g.with_conjuncts(s)) if s is not None else []
                t.inferred = bool(t.source)
        if typ in ("REJECT", "ACCUSE", "PROTEST") and not t.target and n.dep_ == "pobj" \
                and n.head.lower_ in ("despite", "notwithstanding") and n.head.head.pos_ in ("VERB", "AUX"):
            # "the tariff will be cut despite Korean objections": the objection is to whoever acts
            t.target = [a for a in self._doer(n.head.head) if a.actor.code and not same_actor(a, t.source)]
            t.inferred = bool(t.target)
        if not t.source and typ == "CONSULT" and n.dep_ == "pobj" and n.head.lower_ == "for" \
                and n.head.head.pos_ == "VERB" and n.head.head.i not in self.triggers \
                and self.lex.lemma(n.head.head) not in self.lex.light_verbs:
            # "returned to Geneva for talks", "flew to Rome for a visit": who came takes part
            doer = g.subject(n.head.head)
            if doer is not None:
                t.source = [a for a in self.actors_of(g.with_conjuncts(doer)) if a.actor.code]
                t.inferred = bool(t.source)
        verb = g.clause_predicate(n.head) if n.dep_ in ("pobj", "dobj") and n.head.lower_ in g.CIRCUMSTANCE \
            else None  # "following the meeting" is parsed either way
        if not t.source and typ == "CONSULT" and verb is not None:
            # "after talks with X, Y said ...": who said it took part
            doer = g.agent(verb) if g.is_passive(verb) else g.subject(verb)
            if doer is not None:
                t.source = [a for a in self.actors_of(g.with_conjuncts(doer)) if a.actor.code]
                t.inferred = bool(t.source)
        if not t.source and typ == "CONSULT" and any(a.actor.code for a in t.target):
            # a readout's "during a videoconference with X": the side it speaks for took part
            home = self.home()
            if home is not None and not same_actor(home, t.target):
                t.source, t.inferred = [home], True
        if not t.source:
            # the same kind of event said earlier: "Russia's proposal ... some demands"
            prev = self._antecedent(t)
            if prev is not None:
                t.source, t.inferred = list(prev.source), True
                if not t.target:
                    t.target = list(prev.target)
        elif not any(a.actor.code for a in t.target):
            # "US objections to the plan ... Washington's objections were": the same act again
            prev = self._antecedent(t)
            if prev is not None and {a.actor.code for a in prev.source} == {a.actor.code for a in t.source}:
                t.target, t.inferred = [a for a in prev.target if a.actor.code], True

    def _doer(self, v: Token) -> list[ActorSpan]:
        """Who does what predicate ``v`` says: its subject or agent, else, for an agentless
        passive, the owner of what it acts on ("the EU embargo will be lifted": the EU)."""
        trig = self.triggers.get(v.i)
        if trig is not None and not trig.resolving:
            self.resolve(trig)
            if trig.source:
                return list(trig.source)
        if g.is_passive(v):
            by = g.agent(v)
            if by is not None:
                return self.actors(by)
            theme = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            h = v
            for _ in range(3):  # "is expected to be cut", "is likely to be lifted": the raised subject
                if theme is not None or h.dep_ not in ("xcomp", "acomp") or h.head == h:
                    break
                h = h.head
                theme = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if theme is None:
                return []
            poss = g.possessor(theme)
            owners = [poss] if poss is not None else g.modifiers(theme)  # "the Japanese ban"
            return [a for a in self.actors_of(owners) if a.actor.code]
        subj = g.subject(v)
        return self.actors_of(g.with_conjuncts(subj)) if subj is not None else []

    def _antecedent(self, t: Trigger) -> Trigger | None:
        # the same sentence or the one or two before it: at most ANTECEDENT_WINDOW tokens back
        start = max(0, t.tok.i - ANTECEDENT_WINDOW)
        for i in range(t.tok.i - 1, start - 1, -1):
            other = self.triggers.get(i)
            if other is None or other.kind != "N" or other.entry.type != t.entry.type:
                continue
            self.resolve(other)
            if other.source:
                return other
        return None

