"""Event triggers: the words of an article that can report an event, and the working
record of each (:class:`Trigger`) that the later stages fill in.

A trigger is a verb, an event noun, an adjectival predicate, a modal of obligation in
reported speech, or a light verb with its event noun ("held talks"), looked up in the
lexicon (:mod:`.event_lexicon`) and kept only where its arguments fit its sense (a
pattern of the lexicon row, an idiom of ``data/event_idioms.tsv``, a name of a document).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .. import kb
from ..records import ActorSpan
from . import event_grammar as g
from .event_lexicon import Entry

@dataclass
class Trigger:
    tok: Token
    entry: Entry
    kind: str                      # V, N, A, or L (a light verb + its event noun)
    anchor: Token | None = None    # the light verb of a light-verb event
    gov: "Trigger | None" = None  # the trigger or control word this one is embedded in
    under: "Trigger | None" = None  # the nearest event (not control word) it is embedded in
    negated: bool = False
    future: bool = False
    intent: bool = False
    hypothetical: bool = False
    conditional: bool = False
    refused: bool = False          # embedded under refuse/fail/decline
    historical_mod: bool = False   # "Iraq's earlier incursion"
    inferred: bool = False         # an actor was found by a fallback rule
    domestic: bool = False         # the target is the country where the act happens
    source: list[ActorSpan] = field(default_factory=list)
    target: list[ActorSpan] = field(default_factory=list)
    resolved: bool = False
    resolving: bool = False
    promised: bool = False         # carried by a verb of promising ("offered talks")


# Prepositions whose object owns, or benefits from, the thing an act is done to ("demands
# by Russia", "a camp for Congolese refugees", "suspension of links").
_EFFORT_NOUNS = frozenset({"effort", "process", "program", "programme", "mission", "round", "plan", "initiative"})


class TriggerFinder:
    """Finds the triggers of a document (``self.triggers``, ``self.light_of``)."""

    def _match(self, tok: Token, pos: str) -> Entry | None:
        entries = self.lex.lookup(pos, self.lex.lemma(tok))
        if pos == "V" and self._idiom(tok):
            # an idiom's sense is no event, unless it appeals for an act ("spoke in favour of
            # holding talks" is advocacy; "spoke in favour of the bill" is none)
            return next((e for e in entries if e.pattern == "appeal" and self._pattern_ok(tok, e)), None)
        for e in entries:
            if e.pattern is None or self._pattern_ok(tok, e):
                subj = g.subject(tok) if pos == "V" and e.type == "REQUEST" and e.pattern == "prep" \
                    and "for" in e.values else None
                if subj is not None and subj.lower_ != "it" and not g.can_be_obliged(subj):
                    return None  # "that calls for an alliance": what a situation needs, no appeal
                return e
        return None

    def _idiom(self, verb: Token) -> bool:
        """A verb whose object gives it a sense that is no event ("released a video",
        "talked in favour of"), or a courtesy formula: "Thank you" with no subject."""
        lemma = self.lex.lemma(verb)
        complements = [c for c in verb.children if c.dep_ in ("acomp", "oprd")]  # "pleaded guilty"
        if any((lemma, o.lemma_.lower()) in self.lex.idioms for o in g.objects(verb) + g.prep_nouns(verb) + complements):
            return True
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        return verb.lower_ == "thank" and nxt is not None and nxt.lower_ == "you" \
            and not any(c.dep_ in g.SUBJ and c.lower_ in ("i", "we") for c in verb.children) \
            and not any(c.dep_ == "aux" for c in verb.children)

    def _pattern_ok(self, tok: Token, e: Entry) -> bool:
        if e.pattern == "prep":  # also a for-to clause: "called for the embargo to be lifted"
            return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in e.values for c in tok.children) or any(
                c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ in e.values
                                                               and m.lower_ != "as" for m in c.children)
                for c in tok.children)
        if e.pattern == "prt":
            return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in e.values for c in tok.children)
        if e.pattern == "obj":  # "hosted monitors", "hosted a team of monitors"
            objs = g.objects(tok) + g.prep_nouns(tok)
            objs += [p for o in objs for p in g.prep_objects(o, ("of",))]
            # "halted peace efforts" (not "called the call center")
            objs += [c for o in objs if o.lemma_.lower() in _EFFORT_NOUNS for c in o.children if c.dep_ == "compound"]
            return any(o.lemma_.lower() in e.values for o in objs)
        if e.pattern == "bare":  # '"Why?" he asked.': a speech tag, no object of any kind
            return not any(c.dep_ in ("dobj", "dative", "xcomp", "ccomp", "prep", "agent", "nsubjpass", "oprd")
                           for c in tok.children)
        if e.pattern == "subj":  # "posters attacking the minister": a text attacks in words
            subj = g.subject(tok)
            return subj is not None and subj.lemma_.lower() in e.values
        if e.pattern == "mod":
            return any(c.lemma_.lower() in e.values and c.dep_ not in g.SUBJ for c in tok.children)
        if e.pattern == "comp":
            return g.has_complement(tok)
        if e.pattern == "clause":  # a finite clause said: "protested that ...", not "protested to demand"
            return any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in tok.children)
        if e.pattern == "wh":
            return g.has_question(tok)
        if e.pattern == "other":  # "we need the Senate to act": an act wanted of another actor
            other = g.wanted_of_other(tok)  # (not "wants the rebate to end": a wish, asked of no one)
            return other is not None and (other.pos_ == "PRON" or bool(self.actors(other)))
        if e.pattern == "intr":  # no object, and no passive ("the robot was demonstrated" was shown)
            return not any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in tok.children)
        if e.pattern == "threat":
            return g.states_consequence(tok)
        if e.pattern == "appeal":
            # "stressed the need to end the blockade": a need whose content names an act is an
            # appeal for it; "stressed the need for stable growth" names none and is no event
            # ("spoke in favour of holding talks": the need or favour may be a prepositional object)
            held = [o for o in g.objects(tok) + g.prep_nouns(tok) if o.lemma_.lower() in e.values]
            content = [x for o in held for x in o.subtree if x.i != o.i]
            # "in favour of X" with "of X" hung on the verb by the parser
            content += [x for o in held for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        and c.i == o.i + 1 for x in c.subtree if x.i != c.i]
            return any(self.lex.names_act(x) for x in content)
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
            light = self._light_nouns(tok) if lex.lemma(tok) in lex.light_verbs else []
            for n in light:
                self.light_of.setdefault(n.i, tok)
            if e is not None and e.type == "CONSULT" and self._travellers(tok):
                continue  # "tourists who visit Cuba": a trip of one's own, no contact between actors
            if e is not None and not (light and (e.weak or e.type is None or e.pattern == "obj")):
                self.triggers[tok.i] = Trigger(tok, e, "V")
        for tok in self.doc:
            if tok.i in self.triggers or tok.is_space:
                continue
            if tok.dep_ == "aux" and tok.head.dep_ == "ccomp" \
                    and tok.head.head.lemma_.lower() in g.REPORTING \
                    and g.can_be_obliged(g.subject(tok.head)):  # "said that Sudan must return"
                e = self._match(tok, "M")
                if e is not None:
                    self.triggers[tok.i] = Trigger(tok, e, "M")
            elif tok.pos_ == "NOUN" and tok.dep_ == "attr" and tok.head.lemma_ == "be" \
                    and (a := self._match(tok, "A")) is not None:
                # a predicate noun of judgement: "Iran says Turkey is a security risk"
                self.triggers[tok.i] = Trigger(tok, a, "A")
            elif tok.pos_ in ("NOUN", "PROPN"):
                e = self._match(tok, "N")
                if e is None or ("doc" in e.flags and g.names_document(tok)) \
                        or ("market" in e.flags and self._market_sense(tok)) \
                        or ("plural" in e.flags and tok.tag_ not in ("NNS", "NNPS")) \
                        or ("repress" in e.flags and self._of_a_practice(tok)):
                    continue
                verb = self.light_of.get(tok.i)
                if verb is not None and e.type not in ("CONSULT", "AGREE") \
                        and self.lex.lemma(verb) in self.lex.word_class("possess"):
                    verb = None  # "have weapons" is owning them; "had talks", "have a deal" are events
                if verb is not None and e.type is not None:
                    self.triggers[tok.i] = Trigger(tok, e, "L", anchor=verb)
                elif "light" not in e.flags or self._own_source(tok) or self._undergone(tok):
                    self.triggers[tok.i] = Trigger(tok, e, "N")
            elif tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and tok.tag_ == "VBN"):
                # a predicate adjective or participle ("opposed to", "committed to"), not a verb
                # that shares a noun's spelling ("lie beyond")
                e = self._match(tok, "A")
                if e is not None:
                    self.triggers[tok.i] = Trigger(tok, e, "A")

    def _market_sense(self, noun: Token) -> bool:
        """"Car demand surged", "demand for oil", "to meet demand": the economic sense of the
        noun, said by a market word modifying it or after "for", or a verb of market change."""
        market = self.lex.word_class("market")
        if any(c.lemma_.lower() in market for c in noun.children if c.dep_ in ("amod", "compound", "nmod")):
            return True
        # a price on it: "a 530p-a-share offer", "a $2bn offer for the firm"
        if any(c.ent_type_ == "MONEY" or c.lemma_.lower() in ("share", "cash", "takeover", "buyout")
               for c in noun.subtree if c.i < noun.i):
            return True
        objs = g.prep_objects(noun, ("for", "in"))  # "demand for oil", "a rally in the dollar"
        objs += [x for o in objs for x in g.prep_objects(o, ("of",))]  # "a rally in the value of the dollar"
        if any(p.lemma_.lower() in market for p in objs):
            return True
        return noun.dep_ in ("nsubj", "dobj") and noun.head.lemma_.lower() in self.lex.word_class("market_verb")

    def _of_a_practice(self, noun: Token) -> bool:
        """"A crackdown on truancy", "on tax evasion": what it is on is a practice, not people
        who dissent nor any actor."""
        on = g.prep_objects(noun, ("on", "against"))
        dissent = self.lex.word_class("dissent")
        nouns = kb.sector_nouns()
        return bool(on) and not any(
            p.lemma_.lower() in dissent or p.lower_ in dissent or p.ent_type_ in ("NORP", "ORG", "GPE", "PERSON")
            or p.tag_ in ("NNP", "NNPS")
            or p.lemma_.lower() in nouns for x in on for p in g.with_conjuncts(x))

    def _travellers(self, verb: Token) -> bool:
        subj = g.subject(verb)
        return subj is not None and subj.lemma_.lower() in self.lex.word_class("traveller")

    def _undergone(self, noun: Token) -> bool:
        """An act its target is said to suffer: "faces charges", "received a warning"."""
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.word_class("undergo")

    def _own_source(self, noun: Token) -> bool:
        """Whose the act is, said by a possessive or a nationality ("Russia's aid", "American aid")."""
        poss = g.possessor(noun)
        if poss is not None:
            return bool(self.actors(poss))
        return bool(self.actors_of(m for m in g.modifiers(noun) if m.dep_ == "amod"))
