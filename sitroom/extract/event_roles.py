"""Argument rules of particular constructions and of the side a text speaks for, used by
:mod:`.event_arguments`: a state's own region or people as the target of its force, the
side of an address or readout as the doer or target of a hostile act, the accuser of a
reported wrongdoing, the one a complaint is about, the one a demand is made of, and the
parties a mediation is between.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..records import Actor, ActorSpan, Span
from . import event_grammar as g
from .event_actors import region, same_actor
from .event_triggers import _EFFORT_NOUNS, Trigger


class RoleRules:
    """Mixed into :class:`.event_arguments.ArgumentFinder` (shares its document and actors)."""

    def _own_region(self, t: Trigger) -> None:
        """A region or town of the doer's own state attacked or coerced as the object
        ("Georgia attacked South Ossetia", "the army shelled Idlib") stands for its people:
        a domestic act with that region as the target."""
        codes = {a.actor.code for a in t.source if a.actor.code}
        for o in g.objects(t.tok) + g.prep_objects(t.tok, ("on", "against")):
            hit = [a for a in self.actors(o) if region(a) and a.actor.code in codes]
            if hit:
                t.target, t.domestic = hit, True
                return

    def _against_home(self, t: Trigger) -> None:
        """In a text that speaks for a side (an address, a readout), a hostile act of another
        state that names no target is against that side ("the enemy's attacks continue"),
        and one of that side's own forces is against the enemy ("our troops are fighting")."""
        home = self.home()
        if home is None or not t.source or any(not a.actor.code for a in t.source):
            return
        other = self.adversary() if all(a.actor.code == home.actor.code for a in t.source) else home
        if other is None or any(a.actor.code == other.actor.code for a in t.source):
            return
        at = t.tok
        t.target = [ActorSpan(Span.of(self.text, at.idx, at.idx + len(at.text)),
                              Actor(other.actor.code, other.actor.name, kind="state"))]
        t.inferred = True

    def _by_home(self, t: Trigger) -> None:
        """In a text that speaks for a side, a blow to the enemy with no doer named ("many
        enemy tanks were destroyed") is that side's."""
        home, foe = self.home(), self.adversary()
        if home is None or foe is None or not all(a.actor.code == foe.actor.code for a in t.target):
            return
        at = t.tok
        t.source = [ActorSpan(Span.of(self.text, at.idx, at.idx + len(at.text)),
                              Actor(home.actor.code, home.actor.name, kind="state"))]
        t.inferred = True

    def _at_home(self, t: Trigger, typ: str) -> None:
        """A protest with no target is against the protesters' own government; a state's
        coercion of people of no stated nationality (arrests, a crackdown on protesters)
        is of its own people."""
        home = next((a for a in t.source if a.actor.code and a.actor.kind in ("state", "group", "person", None)), None)
        if home is None:
            return
        code, name = home.actor.code, home.actor.name
        if typ == "PROTEST" and not t.target:
            at = t.tok  # no words name the government: the inferred target points at the act
            t.target = [ActorSpan(Span.of(self.text, at.idx, at.idx + len(at.text)), Actor(code, name, kind="state"))]
            t.domestic = t.inferred = True
        elif typ in ("COERCE", "ASSAULT") and home.actor.kind in ("state", None) and t.target \
                and not any(a.actor.code for a in t.target):
            t.target = [ActorSpan(a.span, replace(a.actor, code=code, name=name)) for a in t.target]
            t.domestic = t.inferred = True

    def _judge(self, t: Trigger) -> None:
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
            if not doer and t.anchor is not None and not g.is_passive(t.anchor):
                # "cited violations by Kiev" with "by" hung on the active verb: still the doer
                doer = self.actors_of(g.prep_objects(t.anchor, ("by",)))
        else:
            doer = list(t.source)
            said = g.reporting_subject(t.tok)
            speaker = self.actors(said) if said is not None else []
        doer = [a for a in doer if a.actor.code]
        speaker = [a for a in speaker if a.actor.code and not same_actor(a, doer)]
        said = g.reporting_head(t.tok) if t.kind != "L" else None
        if not speaker and said is not None and g.subject(said) is None:
            # "it was noted that Kiev was violating ...": said by no one named; in a text that
            # speaks for a side (a readout) that side says it, else the accuser is unknown
            home = self.home()
            speaker = [home] if home is not None and not same_actor(home, doer) else []
            if not speaker and doer:
                t.source, t.target = [], doer
                return
        if speaker or t.kind == "L":
            t.source, t.target = speaker, doer
        elif doer:
            # narrated with no one accusing: the doer defies a norm (CAMEO 128), no accusation
            t.entry = replace(t.entry, type="REJECT", cameo="128", flags=t.entry.flags - {"judge"})
            t.source, t.target = doer, []

    def _complained_of(self, v: Token, targets: list[ActorSpan], skip) -> list[ActorSpan]:
        """A complaint made to someone about someone else ("complained to the UN over
        Chilean raids", "protested to Peru about its fishing fleet"): the one it is about is
        the target, the one it is made to only hears it."""
        heard = {(a.span.start, a.span.end) for a in self.actors_of(g.prep_objects(v, ("to",)))}
        if not heard or not all((a.span.start, a.span.end) in heard for a in targets):
            return []
        out: list[ActorSpan] = []
        for p in g.prep_objects(v, ("over", "about", "at")):
            inner = self.triggers.get(p.i)
            if inner is not None and inner.kind == "N":
                self.resolve(inner)
                out += [a for a in inner.source if a.actor.code]
            poss = g.possessor(p)
            out += [a for a in (self.actors(poss) if poss is not None else []) if a.actor.code]
            out += [a for a in self.actors(p) if a.actor.code]
        return [a for a in out if not same_actor(a, skip)]

    def _asked(self, noun: Token, typ: str) -> list[ActorSpan]:
        """The one a demand or an appeal is made of, when the noun's content is a clause:
        its subject ("the demand that Chile lift the ban", "a call for Peru to apologise")."""
        if typ != "REQUEST":
            return []
        for c in noun.children:
            if c.dep_ in ("acl", "ccomp", "relcl", "advcl") and c.pos_ in ("VERB", "AUX") \
                    and any(m.dep_ == "mark" and m.lower_ in ("that", "for") for m in c.children):
                subj = next((x for x in c.children if x.dep_ in g.SUBJ), None)
                if subj is not None:
                    return [a for a in self.actors_of(g.with_conjuncts(subj)) if a.actor.code]
        return []

    def _mediated(self, v: Token, args: list[Token]) -> list[ActorSpan]:
        """The parties a mediation is between are its targets ("mediated between A and B",
        "launched a mediation mission between A and B", "ended its mediation efforts among
        the factions"); the mediator is the source."""
        def mediation(tok: Token, pos: str) -> bool:
            return any(e.cameo == "045" for e in self.lex.lookup(pos, self.lex.lemma(tok)))

        holders = [v] if mediation(v, "V") else []
        for a in args:
            inner = [c for c in a.children if c.dep_ == "compound"] if a.lemma_.lower() in _EFFORT_NOUNS else []
            if mediation(a, "N") or any(mediation(c, "N") for c in inner):
                holders.append(a)
            if a.dep_ == "compound" and mediation(a, "N") and a.head.lemma_.lower() in _EFFORT_NOUNS:
                holders.append(a.head)
        return self.actors_of(x for h in holders for x in g.prep_objects(h, ("between", "among")))
