"""Event records: the events a resolved trigger reports (its own, and the intent or
refusal reading CAMEO gives it), with their span, date, place, contexts and a calibrated
confidence.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Token

from ..records import ActorSpan, Event, Place, Span
from . import event_grammar as g
from .event_lexicon import Entry
from .event_triggers import Trigger

# Confidence weights of an event's arguments (see ``EventWriter._argument_confidence``),
# calibrated on whole annotated articles.
CONF_BASE, CONF_SOURCE, CONF_TARGET = 0.45, 0.2, 0.15
CONF_NO_SOURCE, CONF_NO_TARGET, CONF_UNPLACED = 0.1, 0.15, 0.1
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# CAMEO's threat to withdraw international involvement (peacekeepers, monitors, a mission).
_WITHDRAWAL_THREAT = "136"


class EventWriter:
    """Writes the event records of resolved triggers."""

    def _events(self, t: Trigger) -> list[Event]:
        if t.entry.type is None or not (t.source or t.target):
            return []
        if t.under is not None and t.under.entry.type == t.entry.type and self._purpose(t):
            return []  # "will meet X to discuss Y", "talks to negotiate": one act described twice
        if t.kind == "A" and t.tok.pos_ == "NOUN" and not any(a.actor.code for a in t.target):
            return []  # "the virus is a threat": a predicate noun brands no actor
        if t.entry.weak and not any(a.actor.code for a in (*t.source, *t.target)):
            return []  # an ambiguous word about no known actor: most likely no event
        if t.entry.mode == "visit" and not t.target and self._trip_at_home(t):
            return []  # "began a working trip to the Kharkiv region": a visit at home meets no one
        out = [self._event(t, self._verbal(t) or t.entry, t.tok)]
        gov = t.gov
        # a control word, or a promise of a hostile act ("vowed to fight" is a threat)
        control = gov is not None and (gov.entry.type is None or (
            "fut" in gov.entry.flags and gov.entry.type == "AGREE" and t.entry.type in _HOSTILE))
        # intent is said by a control word ("plans to", "is ready to"), not by "will" alone,
        # and not where the intention is itself denied, demanded or reported as feared
        # An intention said by a control word ("plans to", "is ready to"), an offer or pledge
        # ("offered concessions"), or a hostile act announced ("will impose sanctions if ...",
        # "said they would walk out": a threat) is an event of its own. A cooperative act
        # announced with "will" alone is first of all that act, in the future; its reading as
        # an expression of intent (CAMEO 03) is kept as a secondary, low-confidence reading.
        promised = t.promised and gov is None
        # "casinos will be banned": an agentless passive that no one is reported to announce
        # says what will happen, not whose intention it is
        nobody = t.kind == "V" and gov is None and g.is_passive(t.tok) and g.agent(t.tok) is None \
            and g.reporting_subject(t.tok) is None
        if t.intent and not t.negated and not t.conditional and (t.under is None or t.under is gov) \
                and (gov is None or control) and not nobody:
            recode = self.lex.intent.get(t.entry.type)
            if recode is not None and recode.type != t.entry.type:
                secondary = not (control or promised) and recode.type != "THREATEN"
                out.append(self._event(t, recode, gov.tok if control else t.tok, derived=True,
                                       secondary=secondary))
        if not any(ev.type == "THREATEN" for ev in out) and self._ultimatum(t):
            recode = self.lex.intent.get(t.entry.type) if t.entry.type in _HOSTILE else None
            if recode is None and t.entry.type == "RETREAT" and t.entry.mode == "withdraw":
                recode = replace(t.entry, type="THREATEN", mode="expel", cameo=_WITHDRAWAL_THREAT)
            if recode is not None and recode.type == "THREATEN":
                out.append(self._event(t, recode, t.tok, derived=True))
        # a refusal ("declined to attend") is a rejection; an act that did not happen ("has
        # never ratified it") is that act, negated, and only secondarily a rejection
        if (t.negated or (t.refused and control)) and not t.conditional:
            recode = self.lex.refusal.get(t.entry.type)
            if recode is not None:
                # "will not admit them", "would never sign it": a negative announcement
                # of one's own conduct is a refusal too
                refusal = (t.refused and control) or (t.negated and t.intent)
                out.append(self._event(t, recode, t.tok, derived=True, secondary=not refusal))
        return out

    def _trip_at_home(self, t: Trigger) -> bool:
        """A visit whose destination is in the visitor's own country."""
        own = {a.actor.code for a in t.source if a.actor.code}
        where = [p for x in (t.tok, t.anchor) if x is not None for p in g.prep_objects(x, ("to", "in"))]
        where += [o for o in g.objects(t.tok)] if t.kind == "V" else []
        places = [a.actor.code for p in where for a in self.actors_of(g.with_conjuncts(p)) if a.actor.code]
        return bool(own) and bool(places) and set(places) <= own

    def _verbal(self, t: Trigger) -> Entry | None:
        """An attack between politicians is in words: a politician or party attacking a
        party or a person ("the Tory leader attacked Labour", "Kerry attacked Bush") is the
        verb's criticism reading (its ACCUSE row), not an assault."""
        if t.entry.type != "ASSAULT" or t.kind != "V":
            return None
        src = [a.actor for a in t.source if a.actor is not None]
        tgt = [a.actor for a in t.target if a.actor is not None]
        politician = bool(src) and all((a.kind == "person" or a.sector in ("PTY", "OPP"))
                                       and a.sector not in ("MIL", "REB", "INS") for a in src)
        if not politician or not tgt or not all(a.kind == "person" or a.sector in ("PTY", "OPP") for a in tgt):
            return None
        return next((e for e in self.lex.lookup("V", t.tok.lemma_.lower()) if e.type == "ACCUSE"), None)

    @staticmethod
    def _ultimatum(t: Trigger) -> bool:
        """A hostile act or a withdrawal announced on a condition ("will withdraw its
        monitors unless the fighting stops", "may halt its mediation if the talks fail") is
        a threat (CAMEO 13), whether or not the act comes."""
        v = t.anchor if t.kind == "L" else t.tok
        if t.kind not in ("V", "L") or t.negated or t.conditional or t.refused:
            return False
        announced = any(a.lower_ in g.FUTURE_AUX | g.INTENT_AUX | g.MAYBE_AUX or a.lemma_ == "will"
                        for a in g.auxiliaries(v))
        return announced and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                            for m in c.children) for c in v.children)

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

    def _before_history(self, t: Trigger) -> bool:
        """An act named as what a historical event came after is history too ("the ban was
        imposed in 1990 in the aftermath of the crackdown", "after the war of 1967")."""
        n = t.tok
        if t.kind != "N" or n.dep_ != "pobj":
            return False
        p = n.head
        if p.lower_ == "of" and p.head.lemma_.lower() in ("aftermath", "wake") and p.head.dep_ == "pobj":
            anchor = p.head.head.head
        elif p.lower_ in ("after", "following"):
            anchor = p.head
        else:
            return False
        gov = self.triggers.get(anchor.i) or self.anchored.get(anchor.i)
        if gov is None or gov is t:
            return False
        scope = g.noun_tokens(gov.tok) if gov.kind == "N" else g.clause_tokens(gov.anchor or gov.tok)
        return gov.historical_mod or self._date(scope, gov.tok)[1]

    @staticmethod
    def _unplaced_subject(t: Trigger) -> bool:
        """The clause names its doer with a proper name that no actor was found for
        ("Norvex signed a contract")."""
        v = t.anchor if t.kind == "L" else t.tok
        if t.kind not in ("V", "L") or g.is_passive(v):
            return False
        subj = g.subject(v)
        return subj is not None and subj.pos_ == "PROPN"

    @staticmethod
    def _sourceless_ok(t: Trigger) -> bool:
        """An event without a source is kept only where the text leaves the doer out:
        an agentless passive ("were killed") or a violent act named by a noun."""
        if t.kind in ("V", "L"):
            return g.is_passive(t.anchor or t.tok)
        return t.kind == "N" and t.entry.type in ("ASSAULT", "COERCE")

    def _event(self, t: Trigger, e: Entry, trig: Token, derived: bool = False,
               secondary: bool = False) -> Event:
        lex = self.lex
        row = lex.code(e.cameo)
        s_start, s_end = self._sentence_span(t.tok.i)
        scope = g.noun_tokens(t.tok) if t.kind == "N" else g.clause_tokens(t.anchor or t.tok)
        date, historical = self._date(scope, t.tok)
        historical = historical or t.historical_mod or self._before_history(t)
        own = derived is False
        negated = t.negated if own else False
        hyp = (t.hypothetical or t.refused) if own else t.conditional
        future = t.future if own else False
        conf = self._argument_confidence(t, e.type or "")
        # an ambiguous contact noun whose own phrase names two known participants is in its
        # event sense ("a meeting between the French and Russian ministers")
        met = t.kind == "N" and e.type == "CONSULT" and len({a.actor.code for a in t.source if a.actor.code}) >= 2
        conf -= 0.15 if e.weak and not met else 0
        conf -= 0.1 if t.inferred else 0
        # an act only possible, feared or demanded is rarely one an analyst must count
        conf -= 0.2 if (own and hyp) else 0.1 if (own and negated) else 0
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

    def _sentence_table(self) -> tuple[list[int], list[int], list[tuple[int, int]]]:
        """Each sentence's first token, first character and (start, end) characters, trailing
        space left out; measured once per article (a token's ``sent`` costs its sentence)."""
        if self._sentences is None:
            starts, chars, spans = [], [], []
            for sent in self.doc.sents:
                starts.append(sent.start)
                chars.append(sent.start_char)
                spans.append((sent.start_char, sent.start_char + len(sent.text.rstrip())))
            self._sentences = (starts, chars, spans)
        return self._sentences

    def _sentence_span(self, i: int) -> tuple[int, int]:
        """(start, end) characters of token ``i``'s sentence."""
        starts, _, spans = self._sentence_table()
        return spans[bisect_right(starts, i) - 1]

    def sentence_at(self, char: int) -> int:
        """The index of the sentence holding character ``char``."""
        return max(0, bisect_right(self._sentence_table()[1], char) - 1)

    @staticmethod
    def _argument_confidence(t: Trigger, typ: str) -> float:
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
        elif t.source or EventWriter._unplaced_subject(t):
            conf -= CONF_UNPLACED  # a doer named but not placed: the event says little to an analyst
        if not coded(t.source) and not EventWriter._sourceless_ok(t):
            conf -= CONF_NO_SOURCE
        if coded(t.target):
            conf += CONF_TARGET
        elif typ not in g.UNDIRECTED:
            conf -= CONF_NO_TARGET
        return conf

    def _trigger_span(self, t: Trigger, trig: Token) -> Span:
        a, b = trig, trig
        if trig == t.tok and t.anchor is not None and 0 < t.tok.i - t.anchor.i <= 4:
            a = t.anchor
        elif trig == t.tok and t.entry.pattern in ("prep", "prt"):
            for c in trig.children:
                if c.lower_ in t.entry.values and 0 < c.i - trig.i <= 2:
                    b = c
        return Span.of(self.text, a.idx, b.idx + len(b.text))

    def _contexts(self, t: Trigger, scope: list[Token], row) -> tuple[str, ...]:
        out: list[str] = []
        for c in (row.context if row else ()):
            if c not in out:
                out.append(c)
        for tok in [t.tok, *scope]:
            c = self.lex.contexts.get(tok.lemma_.lower())
            if c and c not in out:
                out.append(c)
        return tuple(out[:3])

    def _place(self, scope: list[Token], t: Trigger) -> Place | None:
        places = self.ctx.found.get("places")
        if not places:
            return None
        ids = {x.idx for x in scope}
        taken = {(a.span.start, a.span.end) for a in (*t.source, *t.target)}
        for p in places:
            if p.span.start in ids and (p.span.start, p.span.end) not in taken:
                return p
        return None
