"""Assertion status of events: asserted, negated, hypothetical (possible, conditional,
feared, denied, demanded, the content of another event), future (announced, scheduled,
promised) or historical (with its own date), from the structure that embeds each trigger.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from . import event_grammar as g
from .event_triggers import Trigger

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class StatusMarker:
    """Sets each trigger's status from its auxiliaries, its governors and its dates."""

    def embed(self, t: Trigger) -> None:
        tok = t.anchor if t.kind == "L" else t.tok
        t.negated = g.is_negated(t.tok) or (t.anchor is not None and g.is_negated(t.anchor))
        if t.kind == "N" and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            cop = tok.head.head if tok.head.head.lower_ != "up" else tok.head.head.head
            if cop.lemma_ == "be" and g.is_negated(cop):
                t.negated = True  # "the rebate is not for negotiation", "not up for discussion"
        t.future, t.intent, t.hypothetical = g.modality(tok)
        if t.kind == "L" and any("fut" in e.flags for e in self.lex.lookup("V", tok.lemma_.lower())):
            t.future = t.intent = t.promised = True  # "offered concessions", "pledged aid": not yet done
        if t.kind == "N" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.lex.word_class("want"):
            t.hypothetical = True  # "we need this dialogue", "Japan seeks talks": wanted, not held
        if t.kind == "V" and tok.dep_ in ("xcomp", "advcl") and g.infinitive(tok) \
                and tok.head.pos_ in ("VERB", "AUX") and tok.head.i not in self.triggers:
            # "arms that could be used to attack": a purpose takes the modality of its verb
            f, i, h = g.modality(tok.head)
            t.future, t.hypothetical = t.future or f, t.hypothetical or h
        if t.kind == "N" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i not in self.triggers:
            # "would tighten the blockade": the event noun takes the modality of its verb
            f, i, h = g.modality(tok.head)
            t.future, t.intent, t.hypothetical = t.future or f, t.intent or i, t.hypothetical or h
        if any(c.lower_ in g.HISTORICAL_MODS for c in t.tok.children if c.dep_ == "amod") or g.aged(t.tok):
            t.historical_mod = True  # "Iraq's earlier incursion", "the 20-year-old embargo"
        if t.kind == "N" and any(c.lower_ in g.FUTURE_MODS for c in t.tok.children if c.dep_ in ("amod", "compound")):
            t.future = True  # "the next summit", "the planned talks"
        if t.kind == "N" and any(c.dep_ == "poss" and (c.lower_ == "tomorrow" or any(
                m.lower_ in ("next", "coming") for m in c.children if m.dep_ == "amod")) for c in t.tok.children):
            t.future = True  # "next week's summit", "tomorrow's talks"
        if t.kind == "N" and any(c.dep_ == "acl" and c.lemma_.lower() in g.SCHEDULING for c in g.noun_phrase(t.tok)):
            # "the meeting scheduled for May 3", "talks planned for next week", "the meeting of
            # the two leaders with Lula scheduled for May 3" (hung on the phrase's last noun)
            t.future = True
        cur = tok
        for _ in range(10):
            dep, head = cur.dep_, cur.head
            if head == cur or dep in ("relcl", "parataxis"):
                break
            if dep == "conj" and cur.pos_ in ("VERB", "AUX") and not g.infinitive(cur) \
                    and not (cur.tag_ == "VB" and g.infinitive(head) and not any(c.dep_ in g.SUBJ for c in cur.children)):
                # "X attacked and Y withdrew"; but "urged X to stop and to withdraw", "called for
                # Y to apologise and withdraw" (a bare verb sharing the infinitive) go on
                break
            if dep == "pobj" and head.lower_ in g.CIRCUMSTANCE:
                break  # "cut despite Korean objections": the objections are no content of the cut
            if dep in ("ccomp", "csubj") and any(c.dep_ == "mark" and c.lower_ in ("whether", "if")
                                                 for c in cur.children):
                # an indirect question: "asked whether Iran would attack" is no attack, and no
                # threat either (like a condition, it blocks the intent reading)
                t.hypothetical = t.conditional = True
            if dep == "advcl":
                if any(c.dep_ == "mark" and c.lower_ in g.CONDITIONAL for c in cur.children):
                    t.hypothetical = t.conditional = True
                    break
                if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children):
                    break
                if t.entry.type == "PROTEST" and head.lemma_.lower() in self.lex.word_class("assemble"):
                    break  # "came out to protest", "gathered to protest": the crowd does protest
                t.hypothetical = True  # a purpose: "sent troops to attack"
            if head.lemma_ == "be" and dep in ("xcomp", "ccomp", "attr", "acomp") and cur.pos_ in ("VERB", "AUX"):
                subj = g.subject(head)
                if subj is not None and subj.lemma_.lower() in self.lex.word_class("goal"):
                    t.hypothetical = True  # "the aim of the talks is to end the war": a goal
                    break
            gov = self.triggers.get(head.i) or self.anchored.get(head.i)
            if gov is None and head.lemma_ == "be" and dep == "xcomp":
                # "it will not be possible to ...": the adjective of the copula governs
                for c in head.children:
                    if c.dep_ == "acomp":
                        control = next((e for e in self.lex.lookup("A", c.lemma_.lower()) if e.type is None), None)
                        gov = self.triggers.get(c.i) or (Trigger(c, control, "A") if control else None)
                        break
            if gov is not None and gov is not t:
                if t.gov is None:
                    t.gov = gov
                flags = gov.entry.flags
                if "hyp" in flags and not self._performed(t, gov):
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

    def _performed(self, t: Trigger, gov: Trigger) -> bool:
        """"I wish to thank the mayor", "we would like to congratulate": a speech act that saying
        performs (first person, a verb of the performative class, under a verb of wishing)."""
        if t.kind != "V" or t.tok.lemma_.lower() not in self.lex.word_class("performative"):
            return False
        if gov.tok.lemma_.lower() not in self.lex.word_class("wish"):
            return False
        subj = g.subject(gov.tok)
        return subj is not None and subj.lower_ in ("i", "we")

    @staticmethod
    def _purpose(t: Trigger) -> bool:
        """The event is the purpose or content of its governor: an infinitive of purpose
        ("met to discuss") or a complement ("agreed to accept")."""
        tok = t.anchor or t.tok
        return tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(c.tag_ == "TO" for c in tok.children)

    def _date(self, scope: list[Token], trigger: Token | None = None) -> tuple[str | None, bool]:
        pub = self.ctx.published
        lo, hi = min(x.idx for x in scope), max(x.idx + len(x) for x in scope)
        ids = {x.i for x in scope}
        value = None
        times = self.ctx.found.get("times")
        if times:
            for tx in times:
                if lo <= tx.span.start and tx.span.end <= hi and any(
                        x.idx >= tx.span.start and x.idx < tx.span.end and x.i in ids for x in scope) \
                        and not self._names_a_thing(tx.span.start, tx.span.end, trigger):
                    value = tx.value
                    break
        else:
            for ent in self.doc.ents:
                if ent.label_ == "DATE" and ent.start in ids:
                    m = _YEAR.search(ent.text)
                    if m:
                        value = m.group(1)
                        break
        historical = self._history(value)
        if value is None and pub is not None:
            value = pub.isoformat()
        return value, historical

    def _names_a_thing(self, start: int, end: int, trigger: Token | None) -> bool:
        """A year before a noun other than the event's names that thing, it does not date
        the event: "the 1994 treaty", "a return to 1997 positions" ("the 2014 invasion"
        dates the invasion)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        head = tok.head
        return tok.dep_ in ("compound", "nummod", "amod", "nmod") and head.i > tok.i \
            and head.pos_ in ("NOUN", "PROPN") and (trigger is None or head.i != trigger.i)

    def _history(self, value: str | None) -> bool:
        """An act is history when it ended more than a year before the article: "in 2014" or
        "in May 2019" in a 2022 article, not "last year" or "in May" (the recent past is still
        the story's time frame). Without a publication date, a year before the article's own
        time frame (see ``_reference_year``)."""
        if not value or not value[:4].isdigit():
            return False
        pub = self.ctx.published
        if pub is None:
            ref = self._reference_year()
            return bool(ref and int(value[:4]) < ref)
        year = int(value[:4])
        month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else 12
        # months from the end of the value's period to the publication month
        return (pub.year - year) * 12 + pub.month - month > 12

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
