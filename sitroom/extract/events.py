"""Code the events of an article in PLOVER (with CAMEO, QuadClass, Goldstein).

The coder runs in stages, one module each:
- :mod:`.event_triggers`: the words that can report an event, kept only in their sense;
- :mod:`.event_status`: whether each is asserted, negated, hypothetical, future or history;
- :mod:`.event_arguments`: each trigger's source and target, from the dependency grammar;
- :mod:`.event_actors`: the actors those arguments stand for;
- :mod:`.event_records`: the event records, with a calibrated confidence.
Control words ("threatened to", "is ready to", "declined to"), auxiliaries and conditions
mark embedded events as hypothetical, future or negated; an intention said by a control
word is also an AGREE (or a THREATEN, for a hostile act), a refusal a REJECT (CAMEO's
"express intent" and "decline" codes).
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Token

from ..records import ActorSpan, Event
from .base import Context
from .event_actors import ActorPlacer
from .event_arguments import ArgumentFinder
from .event_lexicon import Lexicon, load_lexicon
from .event_records import EventWriter
from .event_status import StatusMarker
from .event_triggers import Trigger, TriggerFinder


def extract_events(ctx: Context) -> Iterable[Event]:
    """The events of the article, in text order."""
    resolver = ctx.found.get("actors")
    if resolver is None:
        return []
    return _Coder(ctx, resolver, load_lexicon()).run()


class _Coder(TriggerFinder, StatusMarker, ArgumentFinder, ActorPlacer, EventWriter):
    """One article's event coder: the stages share the document, the lexicon and the
    triggers found."""

    def __init__(self, ctx: Context, resolver, lex: Lexicon) -> None:
        self.ctx, self.res, self.lex = ctx, resolver, lex
        self.doc = ctx.doc
        self.text = ctx.article.text
        self.triggers: dict[int, Trigger] = {}
        self.light_of: dict[int, Token] = {}
        self.anchored: dict[int, Trigger] = {}  # light verb -> its light-verb event
        self._actor_cache: dict[int, list[ActorSpan]] = {}
        self._ref_year: int | None = None
        self._home: ActorSpan | bool | None = None  # the side the text speaks for (False: none)
        self._signatories: list[ActorSpan] | None = None  # who a joint statement's "we" are
        self._nation: ActorSpan | bool | None = None  # the nation an address speaks to and for
        self._adversary: ActorSpan | bool | None = None  # who "the enemy" is (False: none)
        self._home_busy = False  # the side is being found (its answers are not final yet)
        self._title_party = None  # the other party a readout's title names (False: none)
        # each sentence's first token, first character and span (EventWriter._sentence_table)
        self._sentences: tuple[list[int], list[int], list[tuple[int, int]]] | None = None

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
            under = t.under
            if under is not None and under.kind == "N" and under.entry.type == t.entry.type \
                    and not under.source and t.source and self._purpose(t):
                # "came for a demonstration to protest the rules": one act, told twice; the
                # noun that is kept takes the doer its purpose clause names
                under.source = list(t.source)
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
