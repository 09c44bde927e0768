"""Dependency-parse grammar for the event coder: where a predicate's actors are.

Functions here take spaCy tokens and answer grammatical questions (the subject of a
predicate through control, coordination and relative clauses; its objects; the
prepositional arguments that name a target; the clause it heads; its modality).
They know nothing about event types beyond the small table of role prepositions.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Token

SUBJ = ("nsubj", "csubj")
OBJ = ("dobj", "dative")
# Verbs whose object, not subject, controls an infinitive: "urged Russia to withdraw".
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "force", "order", "persuade", "invite", "allow", "help", "press",
    "pressure", "tell", "encourage", "compel", "request", "permit", "warn", "push"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PERSONAL = frozenset({"he", "she", "it", "they", "we", "i"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# Words that open a form of address ("Mr President", "Dear colleagues").
ADDRESS_WORDS = frozenset({"mr", "mrs", "ms", "madam", "madame", "dear", "excellency", "sir"})
# Verbs of saying: their subject is who a pronoun in the reported clause most likely means.
REPORTING = frozenset({
    "say", "tell", "announce", "declare", "state", "add", "insist", "claim", "argue", "stress",
    "reiterate", "confirm", "report", "warn", "conclude", "note", "write", "suggest", "indicate",
    "signal", "vow", "promise", "pledge", "threaten", "maintain", "explain", "assert", "affirm"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
INTENT_AUX = frozenset({"would"})
MAYBE_AUX = frozenset({"could", "might", "may", "can"})
# Modals of obligation: what one must or should do is required of them, not done.
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# What a warning can warn of: a consequence for the one warned ("warned of retaliation").
CONSEQUENCES = frozenset({
    "consequence", "retaliation", "response", "sanction", "action", "measure", "price", "cost",
    "reprisal", "punishment", "countermeasure", "force", "repercussion", "step"})
# Verbs of a warned consequence: "warned that they would face / pay / regret ...".
RESPONSES = frozenset({"face", "pay", "suffer", "regret", "respond", "retaliate", "react", "strike", "act"})
CONDITIONAL = frozenset({"if", "unless", "should", "whether"})
HISTORICAL_MODS = frozenset({"previous", "past", "earlier", "former", "prior"})
# Prepositions of circumstance: what they introduce is the setting of an event, not its
# content ("despite Korean objections", "after the meeting"), and keeps its own status.
CIRCUMSTANCE = frozenset({"despite", "after", "before", "amid", "following", "during", "since",
                          "notwithstanding", "ahead", "throughout"})
FUTURE_MODS = frozenset({"next", "upcoming", "forthcoming", "planned", "future", "proposed", "scheduled"})
# Participles that, after an event noun, put it in the future ("the talks scheduled for May").
SCHEDULING = frozenset({"schedule", "plan", "set", "due", "slate", "expect"})

# PLOVER types of joint or self-directed acts, whose target the text often leaves out
# ("both sides agreed", "Peru refused", "units withdrew", "farmers protested").
UNDIRECTED = frozenset({"CONSULT", "AGREE", "COOPERATE", "REJECT", "CONCEDE", "RETREAT", "MOBILIZE", "PROTEST"})

# Prepositions that introduce an event's target, per PLOVER type ("*": every type).
TARGET_PREPS: dict[str, frozenset[str]] = {
    "*": frozenset({"against", "on", "upon", "to", "toward", "towards", "with", "at", "into"}),
    "REQUEST": frozenset({"from", "of", "for"}),
    "AID": frozenset({"for"}),
    "ASSAULT": frozenset({"of", "in"}),
    "COERCE": frozenset({"of", "from"}),
    "MOBILIZE": frozenset({"near"}),
    "RETREAT": frozenset({"from"}),
    "SANCTION": frozenset({"of", "for"}),
    "CONSULT": frozenset(),
    "SUPPORT": frozenset({"for", "of"}),
    "ACCUSE": frozenset({"of"}),
    "REJECT": frozenset({"of"}),
}
# Prepositions that introduce a nominal event's source ("assistance from the U.S.").
SOURCE_PREPS: dict[str, frozenset[str]] = {
    "*": frozenset({"by", "from"}),
    "AID": frozenset({"from"}),
    "SUPPORT": frozenset({"from"}),
    "COOPERATE": frozenset({"from"}),
    "THREATEN": frozenset({"from"}),
    "MOBILIZE": frozenset({"of"}),
    # "a meeting of the leaders of A and B", "talks between A and B": the participants
    "CONSULT": frozenset({"of", "between", "among"}),
}


def target_preps(type_: str) -> frozenset[str]:
    return TARGET_PREPS["*"] | TARGET_PREPS.get(type_, frozenset())


#: acts whose "from" says what is left or taken from ("withdrawal from the EU", "expulsion
#: from Chile"), never who acts
_FROM_IS_PLACE = frozenset({"RETREAT", "COERCE"})


def source_preps(type_: str) -> frozenset[str]:
    preps = SOURCE_PREPS["*"] | SOURCE_PREPS.get(type_, frozenset())
    return preps - {"from"} if type_ in _FROM_IS_PLACE else preps


def with_conjuncts(tok: Token) -> Iterator[Token]:
    """``tok`` and the tokens coordinated with it ("Russia and China")."""
    yield tok
    for c in tok.children:
        if c.dep_ == "conj":
            yield from with_conjuncts(c)


def is_passive(tok: Token) -> bool:
    """A passive clause, or a passive participle modifying a noun ("sanctions imposed by ...")."""
    if tok.tag_ != "VBN":
        return False  # a passive's verb is its past participle (cheap: verbs of long lists have many children)
    if tok.dep_ == "acl":
        return True
    if passive_adjunct(tok):
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


_NOT_AGENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_TIME_NOUNS = frozenset({"year", "time", "day", "week", "month", "decade", "moment", "era", "century"})


def can_be_obliged(subj: Token | None) -> bool:
    """Whether the subject of "must"/"should" can be asked to act: an agent, not a time or a
    number ("2005 must be the year ...", "it must be said"), nor an expletive."""
    if subj is None:
        return True  # no subject found: the obligation stays the reporter's demand
    if subj.ent_type_ in _NOT_AGENTS or subj.lemma_.lower() in _TIME_NOUNS:
        return False
    return subj.lower_ not in ("it", "there", "this", "that")


_PHRASE_MAX = 40
_PHRASE_DEPS = frozenset({"prep", "pobj", "conj", "appos"})


def noun_phrase(noun: Token) -> list[Token]:
    """The children of ``noun`` and of the nouns its own phrase holds ("the meeting of the
    heads of state with X"), down through prepositions, conjuncts and modifiers, not into
    clauses."""
    out, todo = [], [noun]
    while todo:  # a phrase is short; a run-on list is cut
        cur = todo.pop()
        for c in cur.children:
            out.append(c)
            if len(out) >= _PHRASE_MAX:
                return out
            if c.dep_ in _PHRASE_DEPS:
                todo.append(c)
    return out


def passive_adjunct(tok: Token) -> bool:
    """A past participle heading an adjunct of its own, with no subject or auxiliary ("Asked
    about the border, she said ...", "Backed by Russia, the rebels ..."): a passive whose
    subject is the main clause's."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children)


def agent(tok: Token) -> Token | None:
    """The object of a passive's "by" ("was attacked by rebels")."""
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def subject(tok: Token, depth: int = 0) -> Token | None:
    """The subject of a predicate, through control, raising, coordination and relatives."""
    if depth > 6:
        return None
    for c in tok.children:
        if c.dep_ in SUBJ:
            if c.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            if c.pos_ == "VERB" and c.tag_ in ("VBG", "VBN") and not any(x.dep_ in ("dobj", "aux") for x in c.children):
                # a reduced relative parsed as the subject ("the Red Cross operating in Peru
                # said ..."): the noun it describes is the subject
                noun = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")
                             and x.pos_ in ("NOUN", "PROPN") and x.i < c.i), None)
                if noun is not None:
                    return noun
            return c
    if is_passive(tok):
        by = agent(tok)
        if by is not None or depth == 0:
            return by
        for c in tok.children:  # raising: "Norway is prepared to debate"
            if c.dep_ == "nsubjpass":
                return c
        return None
    dep, head = tok.dep_, tok.head
    if head == tok:
        return split_subject(tok)
    if dep == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ in OBJ:
                    return c
            for c in head.children:  # "called on Russia to ..."
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
        return subject(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX") and is_passive(head) and agent(tok) is None \
            and (tok.tag_ in ("VB", "VBZ", "VBP", "VBG") or any(c.dep_ == "aux" for c in tok.children)):
        # an active verb coordinated with a passive shares its subject, not its agent:
        # "the minister was criticised by the press and will resign" (the minister resigns);
        # a bare participle shares the passive ("was attacked and killed by gunmen")
        theme = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if theme is not None:
            return theme
    if dep in ("conj", "acomp", "oprd", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject(head, depth + 1)
    if dep == "pcomp":
        # "thanked Scholz for organizing the summit": the object of the praise or blame
        obj = next((c for c in head.head.children if c.dep_ in OBJ), None)
        if head.lower_ in ("for", "of") and obj is not None and head.head.pos_ == "VERB" \
                and (obj.pos_ in ("PROPN", "PRON") or obj.ent_type_):
            return obj
        return subject(head.head, depth + 1)
    if dep in ("acl", "relcl") and tok.tag_ == "VBG":
        return head
    if dep == "acl" and head.dep_ == "dobj" and any(c.tag_ == "TO" for c in tok.children):
        # "had a chance to meet", "took the opportunity to thank": the one who had it
        return subject(head.head, depth + 1)
    if dep in ("acl", "relcl") and head.dep_ == "pobj" and head.head.lower_ == "for" \
            and head.head.head.pos_ == "VERB" and infinitive(tok):
        # "gathered for a rally to protest the law", "came for a meeting to discuss": who came
        return subject(head.head.head, depth + 1)
    return None


def objects(tok: Token) -> list[Token]:
    """Direct objects (and datives) with their conjuncts; a passive's subject."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in OBJ or c.dep_ in ("nsubjpass", "attr") or (c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")):
            out.extend(with_conjuncts(c))
        elif c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "up":
            # "kidnapped up to 16 advisers": the parser hangs the counted object on "up to"
            for p in prep_objects(c, ("to",)):
                if any(n.dep_ == "nummod" for n in p.children):
                    out.append(p)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "units gathered at the frontier", "aid sent to"
        out.append(tok.head)
    return out


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of ``tok``'s prepositions named in ``preps`` (with conjuncts)."""
    preps = set(preps)
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(with_conjuncts(p))
    return out


def prep_nouns(tok: Token) -> list[Token]:
    """Objects of all of ``tok``'s prepositions ("lobbying for assistance")."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(with_conjuncts(p))
    return out


def possessor(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    return None


def modifiers(tok: Token) -> list[Token]:
    """Adjectival and compound modifiers ("Russian invasion", "NATO proposal"), with the
    partners a hyphen joins to one ("US-China talks": US, China)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            doc = c.doc
            out += [p for p in c.children if p.dep_ == "compound" and p.i + 2 == c.i
                    and doc[p.i + 1].text in ("-", "–")]
            out.append(c)
    return out


def has_complement(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return True
        if c.dep_ == "acl" and tok.pos_ == "NOUN" and any(a.tag_ == "TO" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ in ("to", "for") and any(p.dep_ == "pcomp" for p in c.children):
            return True
    return False


_COUNTS = {"two": 2, "both": 2, "three": 3}
_DEFINITE = frozenset({"the", "these", "those", "their", "our"})


def counted(noun: Token) -> int:
    """How many a definite plural counts: "the two sides" 2, "both countries" 2, "the three
    leaders" 3; 0 when it counts none or is not definite ("two countries have ...")."""
    kids = list(noun.children)
    n = next((_COUNTS[c.lower_] for c in kids if c.dep_ in ("nummod", "det", "predet", "preconj")
              and c.lower_ in _COUNTS), 0)
    definite = any(c.lower_ == "both" or (c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE) for c in kids)
    return n if definite else 0


#: complement verbs of knowing and perceiving: "I want you to know ..." asks nothing of "you"
_COGNITION = frozenset({"know", "understand", "see", "hear", "feel", "remember", "realise", "realize",
                        "imagine", "think", "believe", "notice", "recall"})


#: verbs of existing and thriving: "needs Europe to survive" is a need for one's own sake
_THRIVING = frozenset({"survive", "live", "exist", "prosper", "thrive", "succeed", "grow", "recover",
                       "function", "win", "compete", "flourish", "develop"})


def wanted_of_other(verb: Token) -> Token | None:
    """The subject of an infinitive a verb of wanting puts on someone else: "we need the
    Senate to act", "I would like you to speak" (object control; the parser gives the
    other a subject of the infinitive or the verb's object). Not one's own act ("we want
    to join"), nor knowing or seeing ("I want you to know")."""
    for c in verb.children:
        if c.dep_ not in ("ccomp", "xcomp") or c.pos_ not in ("VERB", "AUX") \
                or not any(a.tag_ == "TO" for a in c.children) or c.lemma_.lower() in _COGNITION \
                or c.lemma_.lower() in _THRIVING:
            continue
        other = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        if other is None and c.dep_ == "xcomp" and verb.lemma_.lower() != "need":
            # ("we need Europe to survive" is a purpose: what we need, for ourselves)
            other = next((o for o in verb.children if o.dep_ == "dobj" and o.i < c.i), None)
        # not oneself ("I want us not to be afraid"), nor "you" of an interview or a speech,
        # whose addressee is seldom the actor "you" resolves to
        if other is not None and other.pos_ in ("NOUN", "PROPN", "PRON") \
                and other.lower_ not in ("it", "there", "us", "we", "me", "you", "myself", "ourselves"):
            return other
    return None


def has_question(tok: Token) -> bool:
    """An indirect question as complement: "asked why ...", "asked whether ..."."""
    for c in tok.children:
        if c.dep_ == "ccomp":
            first = c.doc[c.left_edge.i]
            if first.tag_ in ("WRB", "WP", "WDT") or first.lower_ in ("whether", "if"):
                return True
    return False


def auxiliaries(tok: Token) -> list[Token]:
    """Auxiliaries of a verb, borrowed from the first conjunct when it has none of its own."""
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if not aux and tok.dep_ == "conj" and not any(c.dep_ in SUBJ for c in tok.children):
        aux = [c for c in tok.head.lefts if c.dep_ in ("aux", "auxpass")]  # auxiliaries precede their verb
    return aux


def is_negated(tok: Token) -> bool:
    """A predicate under "not", "never", "no", or with a "neither ... nor" subject."""
    for c in tok.children:
        if c.dep_ in SUBJ and (any(p.dep_ in ("preconj", "det") and p.lower_ == "neither" for p in c.children)
                               or any(p.dep_ == "cc" and p.lower_ == "nor" for p in c.children)):
            return True
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in (*SUBJ, "nsubjpass") and (c.lower_ in ("nobody", "none", "nothing")
                               or any(p.dep_ == "det" and p.lower_ == "no" for p in c.children)):
            return True  # "no soldiers were killed", "nobody was hurt"
        if c.dep_ == "advmod" and c.lower_ in ("never", "not"):
            return True
    if tok.dep_ == "conj" and not any(c.dep_ in SUBJ for c in tok.children):
        head = tok.head  # a negation precedes the first conjunct; "but" stands just before this one
        return any(c.dep_ == "neg" for c in head.lefts) and head.pos_ == tok.pos_ == "VERB" \
            and not any(w.lower_ == "but" for w in tok.doc[max(head.i, tok.i - 3):tok.i])
    return False


def modality(tok: Token) -> tuple[bool, bool, bool]:
    """(future, intent, hypothetical) from the predicate's own auxiliaries."""
    future = intent = hyp = False
    for a in auxiliaries(tok):
        w = a.lower_
        if w in FUTURE_AUX or a.lemma_ == "will":
            future = intent = True
        elif w in INTENT_AUX:
            intent = hyp = True
        elif w in MAYBE_AUX or w in OBLIGATION_AUX:
            hyp = True
        elif a.tag_ == "TO" and tok.dep_ == "ROOT":  # headline "U.S. to consider ..."
            future = intent = True
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
            hyp = True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            hyp = True  # "will impose sanctions if Russia attacks": only on a condition
    return future, intent, hyp


CLAUSE_WINDOW = 60  # no clause of news prose reaches further from its predicate


def noun_tokens(tok: Token) -> list[Token]:
    """The noun phrase an event noun heads (its subtree), within ``CLAUSE_WINDOW`` tokens."""
    doc = tok.doc
    lo, hi = max(tok.left_edge.i, tok.i - CLAUSE_WINDOW), min(tok.right_edge.i, tok.i + CLAUSE_WINDOW)
    return [doc[j] for j in range(lo, hi + 1) if j == tok.i or tok.is_ancestor(doc[j])]


def clause_tokens(tok: Token) -> list[Token]:
    """Tokens of the predicate's own clause (embedded clauses left out), within
    ``CLAUSE_WINDOW`` tokens of it (a degenerate parse can hang a whole text on one verb)."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        if len(out) > 2 * CLAUSE_WINDOW:
            break
        for c in t.children:
            if abs(c.i - tok.i) > CLAUSE_WINDOW:
                continue
            if c.dep_ in ("ccomp", "relcl", "advcl", "xcomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and t.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def split_subject(root: Token) -> Token | None:
    """A subject the parser cut off into a sentence of its own on the same line
    ("U.S." | "to consider Russia's proposal": an abbreviation's period taken as a stop)."""
    sent = root.sent
    if sent.start == 0:
        return None
    prev = root.doc[sent.start - 1]
    if "\n" in prev.text_with_ws or prev.is_space:
        return None
    frag = prev.sent
    if len(frag) > 4 or not any(t.pos_ == "PROPN" for t in frag) or any(t.pos_ == "VERB" for t in frag):
        return None
    return frag.root


def _report(tok: Token) -> tuple[Token | None, Token | None]:
    """(the verb of saying whose reported clause holds ``tok``, or the source an "according
    to X" names on the way up), walking at most eight heads."""
    cur = tok
    for _ in range(8):
        source = according_to(cur)
        if source is not None:
            return None, source  # "according to X, Y was violating ...": X says so
        head = cur.head
        if head == cur:
            return None, None
        if cur.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.lemma_.lower() in REPORTING:
            return head, None
        if cur.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in REPORTING \
                and cur.lemma_.lower() in CONTENT_NOUNS:
            return head, None  # "the fact that Kiev was violating ... was noted"
        cur = head
    return None, None


# Nouns whose "that" clause is the content of what is said of them ("the fact that ...").
CONTENT_NOUNS = frozenset({"fact", "claim", "allegation", "view", "assertion", "point"})


def reporting_head(tok: Token) -> Token | None:
    """The verb of saying whose reported clause holds ``tok``, with or without a subject
    ("it was noted that Kiev was violating ...")."""
    return _report(tok)[0]


def reporting_subject(tok: Token) -> Token | None:
    """Who says the reported clause that holds ``tok``: the subject of its verb of saying
    ("Chilean ministers said *they* would walk out ..."), or the source of an "according to"."""
    head, source = _report(tok)
    if source is not None:
        return source
    subj = subject(head) if head is not None else None
    if subj is None or subj.lower_ in PERSONAL or subj.lemma_.lower() in CONTENT_NOUNS:
        return None  # "the fact that ... was noted": noted by no one named
    return subj


def according_to(verb: Token) -> Token | None:
    """The source an "according to X" adjunct of ``verb`` names."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for to in c.children:
                if to.lower_ == "to":
                    return next((o for o in to.children if o.dep_ == "pobj"), None)
    return None


def states_consequence(tok: Token) -> bool:
    """A warning that states a consequence for the one warned, which makes it a threat:
    "warned of severe consequences", "warned them against any attack", "warned that it would
    respond" (a future or conditional complement); "warned that the talks were hard" is a
    plain statement."""
    for p in prep_objects(tok, ("of", "against")):
        if p.lemma_.lower() in CONSEQUENCES:
            return True
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            subj = next((x for x in c.children if x.dep_ in SUBJ), None)
            # "that it would respond", "that the army will stop any march": an agent's conduct
            acts = subj is not None and (subj.lower_ in PERSONAL | {"we", "us"} or (
                c.lemma_ not in ("be", "become", "remain", "seem") and (
                    subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.lemma_.lower() in _agent_nouns())))
            costs = c.lemma_.lower() in RESPONSES or any(
                o.lemma_.lower() in CONSEQUENCES for o in c.children if o.dep_ in OBJ)
            if (acts or costs) and any(a.lower_ in FUTURE_AUX | INTENT_AUX | {"'d"} or a.lemma_ == "will"
                                       for a in auxiliaries(c)):
                return True
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) or any(
                    x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in x.children)
                    for x in c.children):
                return True
        if c.dep_ in OBJ and c.lemma_.lower() in CONSEQUENCES:
            return True
    return False


def means_head(tok: Token) -> Token | None:
    """The verb whose means a gerund states ("supports Ukraine *by providing* arms"): the
    means shares its actors."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.dep_ == "prep" \
            and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    if tok.dep_ == "conj" and tok.head.tag_ == "VBG":  # "by providing arms, holding exercises"
        return means_head(tok.head)
    return None


_NAME_LABELS = frozenset({"ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "NORP", "GPE"})


def names_document(tok: Token) -> bool:
    """A pact or body noun used as (part of) a name, not for an act of agreeing: a proper
    noun inside a named entity ("the Northern Partnership"), capitalised inside a sentence
    ("the Water Charter Treaty"), or named after a place or person ("the Tartu accords",
    "the Warsaw Pact")."""
    if tok.ent_type_ in _NAME_LABELS:
        return True
    if tok.is_title and tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_punct:
        return True
    return any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "ORG", "PERSON"))
               for c in tok.children)


def _agent_nouns() -> frozenset[str]:
    """Nouns for the people and bodies that act for a state or group ("police", "troops")."""
    from .. import kb

    return frozenset(kb.sector_nouns())


def infinitive(tok: Token) -> bool:
    """A verb in the infinitive with "to" ("to withdraw")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def aged(tok: Token) -> bool:
    """A noun said to be of an age ("the 15-year-old ban", "a decades-old embargo"): what it
    names began long before."""
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in ("old", "long", "decades-old", "years-old", "long-standing",
                                              "longstanding", "age-old"):
            if c.lower_ != "old" or any(x.lemma_.lower() in ("year", "decade", "century") for x in c.subtree):
                return True
    return False


def clause_predicate(tok: Token) -> Token | None:
    """The predicate of the clause a word belongs to (through the noun phrases and
    participles it hangs on: "spoke to the press after the meeting" -> "spoke")."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head == cur:
            return None
        if head.pos_ in ("VERB", "AUX") and not (head.dep_ == "acl" and head.tag_ in ("VBG", "VBN")):
            return head
        cur = head
    return None
