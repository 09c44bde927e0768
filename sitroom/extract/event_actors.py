"""Actor placement: the actors a token of an event's argument stands for, from the
article's actor resolver plus what the event grammar knows (a nationality modifier, "of"
and "from" groups, a minority placed in a country, the participants of the last contact,
the other party of a "counterpart").
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from spacy.tokens import Token

from .. import kb
from ..records import ActorSpan, Span
from . import event_grammar as g
from .actors import readout_host, readout_party

# Acts done to the people of a place, or protests in it: their target is the country the
# place is in, even when the doer is of that country ("imposed a curfew in Lyon").
_LIVES_IN = ("in", "of", "inside", "throughout", "across")
# A pronoun target of the source's code is the source itself ("they pressed their demands").
PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "we", "our", "us"})
_ORGANS = frozenset({None, "GOV", "MIL", "LEG", "JUD"})


def same_actor(a: ActorSpan, others: Iterable[ActorSpan]) -> bool:
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
        if ra == ro and ra in _OWN_NAMES:
            if _identity(a.actor) == _identity(o.actor):
                return True
        elif ra == ro or (ra is None and ro in _ORGANS) or (ro is None and ra in _ORGANS):
            return True
    return False


# Sectors whose actors are many in one country, each its own: two parties, two firms or a
# party's politician and another party are not one actor because they share code and sector.
_OWN_NAMES = frozenset({"PTY", "OPP", "REB", "BUS", "MED", "NGO"})


def _identity(actor) -> str:
    """Which group of its sector an actor is: a person by name, a group by its own name."""
    if actor.kind in ("person", "anonymous"):
        return f"person:{actor.person or actor.name or actor.role}"
    name = (actor.role or actor.name or "").lower()
    return "group:" + (name[4:] if name.startswith("the ") else name)


def region(a: ActorSpan) -> bool:
    """A region or town named for itself, standing for its people: not its state, even in
    that state's own acts ("Georgia attacked South Ossetia", "the army shelled Idlib")."""
    return a.actor.kind == "state" and bool(a.actor.role) and a.actor.role != a.actor.name \
        and a.span.text == a.actor.role


def _role(actor) -> str | None:
    """The part of its country an actor stands for: its sector, "group" for a people,
    group or person of no sector ("the Albanians of Serbia"), None for the state itself."""
    if actor.sector:
        return actor.sector
    return None if actor.kind in (None, "state") else "group"


class ActorPlacer:
    """Turns argument tokens into actors (``self.actors(tok)``), with a cache per token."""

    def actors(self, tok: Token | None) -> list[ActorSpan]:
        if tok is None:
            return []
        hit = self._actor_cache.get(tok.i)
        if hit is None and tok.pos_ in ("NOUN", "PROPN") and g.names_document(tok) and any(
                "doc" in e.flags for e in self.lex.lookup("N", tok.lemma_.lower())):
            hit = self._actor_cache[tok.i] = []  # "broke the Tartu accords": a text, no actor
        if hit is None:
            found = list(self.res.phrase(tok) or [])
            if not found:
                a = self.res.at(tok.idx, tok.idx + len(tok.text))
                found = [a] if a is not None else []
            named = [a for a in found if a is not None and a.actor is not None]
            hit = [a for a in named if a.actor.code]
            if not hit and tok.pos_ in ("NOUN", "PROPN"):
                # "Russian aircraft", "Swiss doctors", "Peru's new president"
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
                # a group known by where it is: "farmers across Kenya"
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
                    # a readout's counterpart is the party its title names, else the other
                    # participants of the last contact
                    party = self.title_party()
                    mine = [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), party)] \
                        if party is not None and party.code not in own else []
                    hit = mine or [a for a in self._participants(tok) if a.actor.code not in own] or \
                        [a for a in hit if a.actor.code not in own]
            elif not hit and tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lemma_.lower() in self.lex.participants:
                hit = self._participants(tok)
                counted = g.counted(tok)
                if not hit and counted and tok.lemma_.lower() in self.lex.word_class("counted"):
                    hit = self._named_last(tok, counted)
            elif not hit and tok.pos_ == "NOUN" and tok.tag_ == "NNS" and (counted := g.counted(tok)) \
                    and tok.lemma_.lower() in self.lex.word_class("counted"):
                hit = self._named_last(tok, counted)
            elif not any(a.actor.code for a in hit) and tok.pos_ == "NOUN" \
                    and tok.lemma_.lower() in self.lex.word_class("adversary"):
                foe = self.adversary()
                hit = [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), foe.actor)] if foe else hit
            if not any(a.actor.code for a in hit) and tok.pos_ == "NOUN" and tok.dep_ in g.SUBJ:
                # "our soldiers" where the text says who "we" are: their side, the phrase's sector
                own = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "our"), None)
                side = [a for a in self.actors(own) if a.actor.code] if own is not None else []
                if side:
                    sector = next((a.actor.sector for a in hit if a.actor.sector), None)
                    left = min(x.idx for x in tok.subtree if x.i <= tok.i)
                    hit = [ActorSpan(Span.of(self.text, left, tok.idx + len(tok.text)),
                                     replace(a.actor, sector=sector or a.actor.sector)) for a in side]
            if not hit and tok.pos_ == "PRON" and tok.lower_ in g.FIRST_PERSON:
                hit = self._quoted_speaker(tok) or self._authors(tok) or self._speaking_nation(tok)
            if not hit and tok.pos_ == "PRON" and tok.lower_ in ("you", "your"):
                hit = self._addressee(tok)
            if not hit and tok.pos_ == "PRON" and tok.lower_ in g.PERSONAL:
                # "Chilean ministers said they would walk out ...": the speaker
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

    def home(self) -> ActorSpan | None:
        """The side an address, interview or readout speaks for: the state that the article's
        "we" and "our" stand for, when at least three of them agree (two in three or more);
        else a readout's host, else the nation an address speaks to."""
        if self._home is None:
            self._home = self._nation = False  # no side while the side is being found
            self._home_busy = True
            counts: dict[str, list[ActorSpan]] = {}
            for tok in self.doc:
                if tok.lower_ in ("we", "our", "us") and tok.pos_ == "PRON":
                    for a in self.res.phrase(tok) or []:
                        if a.actor is not None and a.actor.code and a.actor.kind in ("state", "person", None):
                            counts.setdefault(a.actor.code, []).append(a)
            total = sum(len(v) for v in counts.values())
            best = max(counts.values(), key=len, default=[])
            self._home = best[0] if len(best) >= 3 and len(best) * 3 >= total * 2 else False
            home = best[0] if len(best) >= 3 and len(best) * 3 >= total * 2 else None
            home = home or self._readout_host()
            nation = None if home else self._addressed_nation(counts)
            self._home, self._nation = home or nation or False, nation or False
            self._home_busy = False
        return self._home or None

    def _speaking_nation(self, tok: Token) -> list[ActorSpan]:
        """A narrated "we" or "our" of an address to a nation is that nation."""
        if tok.lower_ not in ("we", "our", "us") or self.res.quoted(tok.idx):
            return []
        self.home()
        if not self._nation:
            return []
        return [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), self._nation.actor)]

    def _addressed_nation(self, resolved: dict) -> ActorSpan | None:
        """The side of an address whose speaker is not named: a text in the first person
        that addresses a nation ("Citizens of Peru!", "you, the people of Peru") speaks for
        that nation."""
        plural = [t for t in self.doc if t.lower_ in ("we", "our", "us") and t.pos_ == "PRON"
                  and not self.res.quoted(t.idx)]
        if resolved or len(plural) < 3:
            return None
        for tok in self.doc:
            if tok.lower_ not in ("citizens", "people", "peoples"):
                continue  # (a capitalised "Citizens" may be tagged a proper noun)
            vocative = tok.dep_ == "appos" and tok.head.lower_ == "you" or tok.dep_ == "ROOT" \
                and all(w.dep_ in ("prep", "pobj", "det", "amod", "punct", "ROOT", "compound") for w in tok.sent)
            if not vocative:
                continue
            for p in g.prep_objects(tok, ("of",)):
                nation = [a for a in self.actors(p) if a.actor.code and len(a.actor.code) == 3]
                if nation:  # "citizens of Peru" is a people of Peru: the side is the state
                    a = nation[0]
                    return ActorSpan(a.span, replace(a.actor, kind="state", sector=None, role=None, anonymous=False))
        return None

    def _readout_host(self) -> ActorSpan | None:
        """The side a readout speaks for: its title names the other party of a contact
        ("Telephone conversation with X"), its first sentence has the host as subject
        ("Y had a telephone conversation with X")."""
        party = self.title_party()
        first = next(iter(self.doc.sents), None)
        if party is None or first is None:
            return None
        subj = next((w for w in first if w.dep_ == "nsubj" and w.head == first.root), None)
        host = [a for a in self.actors(subj) if a.actor.code] if subj is not None else []
        if len(host) == 1 and host[0].actor.code != party.code and host[0].actor.kind in ("state", "person", None):
            return host[0]
        # else the person the readout names most, of another side than the party's
        found = readout_host(party, self.res.entities)
        return ActorSpan(found.span, found.actor) if found is not None else None

    def adversary(self) -> ActorSpan | None:
        """Who "the enemy", "the aggressor", "the invaders" are in a text that speaks for a
        side: the state other than that side the article names most (found once per article)."""
        if self._adversary is not None:
            return self._adversary or None
        found = self._find_adversary()
        if not self._home_busy:  # asked while the side itself is being found: not final yet
            self._adversary = found or False
        return found

    def _find_adversary(self) -> ActorSpan | None:
        home = self.home()
        if home is None:
            return None
        foes = self.lex.word_class("adversary")
        if not any(t.lemma_.lower() in foes and t.pos_ == "NOUN" for t in self.doc):
            return None  # a text that speaks of no enemy has none ("talks with France")
        counts: dict[str, list[ActorSpan]] = {}
        for ent in self.res.entities:
            a = ent.actor
            if a is not None and a.code and a.code != home.actor.code and a.kind in ("state", None) \
                    and len(a.code) == 3:
                counts.setdefault(a.code, []).append(ActorSpan(ent.span, a))
        best = max(counts.values(), key=len, default=[])
        return best[0] if len(best) >= 2 else None

    def _authors(self, tok: Token) -> list[ActorSpan]:
        """A narrated "we" or "our" of a text whose authors name themselves in its first
        sentence: a joint statement or communique opens with its signatories as the subject
        and speaks for them in the first person ("France and Italy consider this our common
        duty. We call on ..."). Only a plural first person, outside quote marks."""
        if tok.lower_ not in ("we", "our", "us") or self.res.quoted(tok.idx):
            return []
        if self._signatories is None:
            self._signatories = []
            first = next(iter(self.doc.sents), None)
            if first is not None and any(w.lower_ in ("we", "our", "us") and w.pos_ == "PRON"
                                          and not self.res.quoted(w.idx) for w in first):
                subj = next((w for w in first if w.dep_ == "nsubj" and w.head == first.root), None)
                if subj is not None:
                    self._signatories = [a for a in self.actors_of(g.with_conjuncts(subj))
                                         if a.actor.code and a.actor.kind in ("state", "igo", None)]
        return [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), a.actor)
                for a in self._signatories]

    def _addressee(self, tok: Token) -> list[ActorSpan]:
        """"You" is whom the sentence addresses by name or title ("I thank you, Mr President
        of Chile", "Dear friends from Japan, you ..."): a vocative after an address word."""
        for w in tok.sent:
            if w.lower_.rstrip(".") in g.ADDRESS_WORDS and w.i != tok.i:
                head = w.head if w.dep_ in ("compound", "amod", "det") else w
                found = [a for a in self.actors(head) if a.actor.code]
                if found:
                    return found
        return []

    def _quoted_speaker(self, tok: Token) -> list[ActorSpan]:
        """"I", "we", "our" inside a direct quote are its speaker (or the speaker's side),
        when the quote's speaker is a known actor."""
        for q in self.ctx.found.get("quotes") or ():
            if q.kind == "direct" and q.content.start <= tok.idx < q.content.end:
                sp = q.speaker
                if sp is not None and sp.actor is not None and sp.actor.code:
                    return [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), sp.actor)]
                return []
        return []

    def _participants(self, tok: Token) -> list[ActorSpan]:
        """"The parties", "both sides", "the interlocutors": the participants of the
        latest contact (a CONSULT event) reported before, when it names two or more actors;
        else the party a readout's title names ("Telephone conversation with X")."""
        for i in range(tok.i - 1, -1, -1):
            t = self.triggers.get(i)
            if t is None or t.entry.type != "CONSULT" or t.resolving:
                continue
            self.resolve(t)
            found = [a for a in (*t.source, *t.target) if a.actor.code]
            if len({a.actor.code for a in found}) >= 2:
                return found
        party = self.title_party()
        if party is None:
            return []
        return [ActorSpan(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), party)]

    def _named_last(self, tok: Token, n: int) -> list[ActorSpan]:
        """"The two countries", "both governments": a counted definite plural refers to the
        ``n`` distinct actors named last before it, within its sentence and the three before;
        none when the sentence that completes the count names yet another actor (which ``n``
        would be a guess) or too few are named."""
        first = max(0, self.sentence_at(tok.idx) - 3)
        ents = sorted((e for e in self.res.entities if e.actor is not None and e.actor.code
                       and self.sentence_at(e.span.start) >= first and e.span.end <= tok.idx
                       and not region(ActorSpan(e.span, e.actor))), key=lambda e: -e.span.start)
        chosen: list = []
        for e in ents:
            if all(e.actor.code != c.actor.code for c in chosen):
                if len(chosen) == n:
                    last = chosen[-1].span.start
                    if self.sentence_at(e.span.start) == self.sentence_at(last):
                        return []  # the same sentence names one more: which n is unsaid
                    break
                chosen.append(e)
        if len(chosen) < n:
            return []
        at = Span.of(self.text, tok.idx, tok.idx + len(tok.text))
        return [ActorSpan(at, e.actor) for e in reversed(chosen)]

    def title_party(self):
        """The other party of the contact a readout's title names (``actors.readout_party``)."""
        if self._title_party is None:
            self._title_party = readout_party(self.ctx.article.title, kb.gazetteer(), self.ctx.published) or False
        return self._title_party or None

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
        ("ethnic Albanians in south Serbia", "militias active in Chad")."""
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
