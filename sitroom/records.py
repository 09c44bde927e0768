"""Small typed records that flow between the stages.

Every record is a frozen dataclass that pickles cleanly (worker processes, Ray)
and turns into the JSON of the extraction contract with ``to_dict()``.
A spaCy ``Doc`` never appears here: extractors turn docs into these records.

Offsets are Python ``str`` indices into ``Article.text`` (end exclusive).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from operator import attrgetter
from typing import Any, Iterable, Mapping

CONTRACT = "sitroom.extract/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STANCES = ("accept", "reject", "consider", "condemn", "support", "oppose")
QUOTE_KINDS = ("direct", "partial", "indirect")
APPROX = ("exact", "more_than", "less_than", "about", "range")
GRANULARITIES = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping | None) -> "Span | None":
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), d["text"])

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


def _num(v: float) -> float | int:
    """A number as the contract writes it: whole numbers without ``.0``."""
    return int(v) if float(v).is_integer() else v


@dataclass(frozen=True, slots=True)
class Actor:
    """Who: a state, an organisation, a person or a group, resolved to a code.

    ``code`` is an ISO 3166-1 alpha-3 country code or an organisation code
    (``NATO``, ``EU``, ...); ``sector`` is one of GOV, MIL, LEG, JUD, OPP, REB,
    BUS, MED, CVL, IGO, ... ; ``kind`` is ``state``, ``igo``, ``person``,
    ``group`` or ``anonymous``; ``role`` is the person's role as known or said.
    """

    code: str | None
    name: str | None = None
    sector: str | None = None
    anonymous: bool = False
    kind: str | None = None
    role: str | None = None
    person: str | None = None  # canonical name of a person, when the actor is one

    def to_dict(self) -> dict:
        """Every field (the contract's ``code, name, sector, anonymous``, then ``kind``,
        ``role`` and ``person``): what goes in comes back equal from :meth:`from_dict`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    to_full_dict = to_dict  # the name it had when to_dict kept only the contract's first four

    @classmethod
    def from_dict(cls, d: Mapping | None) -> "Actor | None":
        if not d:
            return None
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


ACTOR_FIELDS = tuple(f.name for f in fields(Actor))


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """A mention of an actor: the span in the text and what it resolves to."""

    span: Span
    actor: Actor | None

    def to_dict(self) -> dict:
        d = self.span.to_dict()
        a = self.actor or Actor(None)
        d.update(a.to_dict())
        return d

    @classmethod
    def from_dict(cls, d: Mapping | None) -> "ActorSpan | None":
        if d is None:
            return None
        actor = None
        if any(d.get(k) for k in ACTOR_FIELDS):
            actor = Actor(d.get("code"), d.get("name"), d.get("sector"), bool(d.get("anonymous")),
                          d.get("kind"), d.get("role"), d.get("person"))
        return cls(Span.from_dict(d), actor)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention with the actor it resolves to (or none)."""

    span: Span
    label: str
    actor: Actor | None = None

    def to_dict(self) -> dict:
        d = self.span.to_dict()
        d["label"] = self.label
        d["actor"] = self.actor.to_dict() if self.actor else None
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "Entity":
        return cls(Span.from_dict(d), d["label"], Actor.from_dict(d.get("actor")))


@dataclass(frozen=True, slots=True)
class Place:
    span: Span
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # country, city, region, ...

    def to_dict(self) -> dict:
        d = self.span.to_dict()
        d.update(country=self.country, lat=self.lat, lon=self.lon, geonames_id=self.geonames_id,
                 name=self.name, feature=self.feature)
        return d

    @classmethod
    def from_dict(cls, d: Mapping | None) -> "Place | None":
        if d is None:
            return None
        return cls(Span.from_dict(d), d.get("name"), d.get("country"), d.get("lat"),
                   d.get("lon"), d.get("geonames_id"), d.get("feature"))


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    value: str
    granularity: str
    anchored: bool

    def to_dict(self) -> dict:
        d = self.span.to_dict()
        d.update(value=self.value, granularity=self.granularity, anchored=self.anchored)
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "TimeExpr":
        return cls(Span.from_dict(d), d["value"], d["granularity"], bool(d["anchored"]))


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    value: float
    unit: str
    approx: str = "exact"
    of: Span | None = None
    high: float | None = None  # upper bound of a range

    def to_dict(self) -> dict:
        d = self.span.to_dict()
        v = self.value
        d.update(value=_num(v), unit=self.unit, approx=self.approx,
                 of=self.of.to_dict() if self.of else None,
                 high=None if self.high is None else _num(self.high))
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "Quantity":
        return cls(Span.from_dict(d), d["value"], d["unit"], d.get("approx", "exact"),
                   Span.from_dict(d.get("of")), d.get("high"))


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: Span
    sentence: Span
    source: tuple[ActorSpan, ...] = ()
    target: tuple[ActorSpan, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    location: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    confidence: float = 0.5

    def __post_init__(self) -> None:
        # kept as reported (three decimals), so a stored event reads back equal
        object.__setattr__(self, "confidence", round(float(self.confidence), 3))

    def to_dict(self) -> dict:
        return {
            "type": self.type, "mode": self.mode, "context": list(self.context),
            "cameo": self.cameo, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "trigger": self.trigger.to_dict(), "sentence": self.sentence.to_dict(),
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date, "location": self.location.to_dict() if self.location else None,
            "negated": self.negated, "hypothetical": self.hypothetical, "future": self.future,
            "historical": self.historical, "confidence": round(float(self.confidence), 3),
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> "Event":
        return cls(
            type=d["type"], trigger=Span.from_dict(d["trigger"]), sentence=Span.from_dict(d["sentence"]),
            source=tuple(ActorSpan.from_dict(a) for a in d.get("source") or ()),
            target=tuple(ActorSpan.from_dict(a) for a in d.get("target") or ()),
            mode=d.get("mode"), context=tuple(d.get("context") or ()), cameo=d.get("cameo"),
            quad_class=d.get("quad_class"), goldstein=d.get("goldstein"), date=d.get("date"),
            location=Place.from_dict(d.get("location")), negated=bool(d.get("negated")),
            hypothetical=bool(d.get("hypothetical")), future=bool(d.get("future")),
            historical=bool(d.get("historical")), confidence=float(d.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    kind: str
    content: Span
    cue: Span | None = None
    speaker: ActorSpan | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "content": self.content.to_dict(),
                "cue": self.cue.to_dict() if self.cue else None,
                "speaker": self.speaker.to_dict() if self.speaker else None}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Quote":
        return cls(d["kind"], Span.from_dict(d["content"]), Span.from_dict(d.get("cue")),
                   ActorSpan.from_dict(d.get("speaker")))


@dataclass(frozen=True, slots=True)
class Proposal:
    text: Span
    by: tuple[ActorSpan, ...] = ()
    addressee: tuple[ActorSpan, ...] = ()
    items: tuple[Span, ...] = ()

    def to_dict(self) -> dict:
        return {"by": [a.to_dict() for a in self.by],
                "addressee": [a.to_dict() for a in self.addressee],
                "text": self.text.to_dict(), "items": [i.to_dict() for i in self.items]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Proposal":
        return cls(Span.from_dict(d["text"]), tuple(ActorSpan.from_dict(a) for a in d.get("by") or ()),
                   tuple(ActorSpan.from_dict(a) for a in d.get("addressee") or ()),
                   tuple(Span.from_dict(i) for i in d.get("items") or ()))


@dataclass(frozen=True, slots=True)
class Position:
    holder: ActorSpan
    stance: str
    evidence: Span
    proposal: int | None = None

    def to_dict(self) -> dict:
        return {"holder": self.holder.to_dict(), "stance": self.stance,
                "proposal": self.proposal, "evidence": self.evidence.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Position":
        return cls(ActorSpan.from_dict(d["holder"]), d["stance"], Span.from_dict(d["evidence"]),
                   d.get("proposal"))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read by ``ingest``.

    ``text`` is kept exactly as read; ``boilerplate`` lists the (start, end)
    regions that are layout, not news (datelines, photo credits, "Go deeper"
    links): the NLP stage blanks them so they produce no facts, while every
    offset still points into ``text``.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # given, metadata, dateline, first-line, url
    section: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    origin: str | None = None  # file path, URL or "<stdin>" the article came from
    boilerplate: tuple[tuple[int, int], ...] = ()
    content_hash: str | None = None

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["boilerplate"] = [list(r) for r in self.boilerplate]
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "Article":
        kw = {f.name: d.get(f.name) for f in fields(cls) if f.name in d}
        kw["boilerplate"] = tuple(tuple(r) for r in d.get("boilerplate") or ())
        return cls(**kw)

    def replace(self, **changes: Any) -> "Article":
        return replace(self, **changes)


#: The keys of the contract each extractor fills, in output order.
EXTRACTION_KEYS = ("entities", "events", "quotes", "proposals", "positions",
                   "quantities", "times", "places")


def confidence_floor(min_confidence: Any) -> float:
    """The lowest event confidence that counts as at least ``min_confidence`` (0..1).

    A confidence is judged as reported, to three decimals (``Event.to_dict``), so an
    event computed as 0.4999999 passes a minimum of 0.5, here and in the store's query.
    """
    try:
        m = float(min_confidence)
    except (TypeError, ValueError):
        m = float("nan")
    if not 0.0 <= m <= 1.0:
        from .errors import UsageError

        raise UsageError(f"min_confidence={min_confidence!r} is not valid; valid: a number from 0 to 1 "
                         "(0 = every event)")
    return m - 0.0005


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article.

    A field left ``None`` means its extractor did not run (the key is absent
    from the contract JSON); an empty tuple means "looked, found nothing".
    """

    article_id: str
    title: str | None = None
    published: str | None = None
    section: str | None = None
    entities: tuple[Entity, ...] | None = None
    events: tuple[Event, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    proposals: tuple[Proposal, ...] | None = None
    positions: tuple[Position, ...] | None = None
    quantities: tuple[Quantity, ...] | None = None
    times: tuple[TimeExpr, ...] | None = None
    places: tuple[Place, ...] | None = None

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.article_id, "contract": CONTRACT, "title": self.title,
                             "published": self.published, "section": self.section}
        for key in EXTRACTION_KEYS:
            value = getattr(self, key)
            if value is not None:
                d[key] = [r.to_dict() for r in value]
        return d

    def confident(self, min_confidence: float) -> "Extraction":
        """This extraction as reported: events below ``min_confidence`` left out (0 keeps
        all). Everything else is kept as it is (no record refers to an event by index)."""
        floor = confidence_floor(min_confidence)
        if self.events is None or all(e.confidence >= floor for e in self.events):
            return self
        return replace(self, events=tuple(e for e in self.events if e.confidence >= floor))

    @classmethod
    def from_dict(cls, d: Mapping) -> "Extraction":
        loaders = {"entities": Entity, "events": Event, "quotes": Quote, "proposals": Proposal,
                   "positions": Position, "quantities": Quantity, "times": TimeExpr, "places": Place}
        kw: dict[str, Any] = {}
        for key, rec in loaders.items():
            if key in d and d[key] is not None:
                kw[key] = tuple(rec.from_dict(x) for x in d[key])
        return cls(article_id=d["id"], title=d.get("title"), published=d.get("published"),
                   section=d.get("section"), **kw)


def actor_codes(spans: Iterable[ActorSpan]) -> set[str]:
    return {a.actor.code for a in spans if a.actor and a.actor.code}


@dataclass(frozen=True, slots=True)
class Failure:
    """A bad input item: where it came from, a stable code and the reason."""

    item: str
    code: str
    message: str
    id: str | None = None  # the article id, when the item had one

    def to_dict(self) -> dict:
        return {"item": self.item, "code": self.code, "message": self.message, "id": self.id}

    def __str__(self) -> str:
        named = self.message if self.item and self.message.startswith(self.item) else f"{self.item}: {self.message}"
        return f"{named} [{self.code}]"


# ---------------------------------------------------------------- cross-document results
# What ``sitroom.crossdoc`` computes and the store keeps (tables of migration 0100):
# near-duplicate groups, merged events with their mentions, storylines.


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles whose texts are near-identical (estimated Jaccard >= threshold)."""

    id: str                      # the smallest article id in the group
    articles: tuple[str, ...]    # sorted
    similarity: float            # the lowest verified pair similarity inside the group

    def to_dict(self) -> dict:
        return {"id": self.id, "articles": list(self.articles), "similarity": round(self.similarity, 3)}


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of an event: which article, where in it, and what it says."""

    article_id: str
    index: int                       # the event's index in the article's extraction
    type: str
    sources: tuple[str, ...]         # sorted actor codes
    targets: tuple[str, ...]
    date: str | None                 # the day the event happened, else the article's day
    published: str | None
    source: str                      # the outlet
    trigger: Span
    sentence: Span
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    source_sectors: tuple[str, ...] = ()
    target_sectors: tuple[str, ...] = ()
    url: str | None = None
    place: tuple | None = None       # (name, country, lat, lon, geonames_id, feature)

    @property
    def key(self) -> tuple:
        """The canonical sort key: by day, then kind, then where it was reported."""
        return (self.date or "9999", self.type, self.sources, self.targets,
                self.published or "", self.article_id, self.trigger.start, self.index)

    def to_dict(self) -> dict:
        return {"article": self.article_id, "index": self.index, "source": self.source,
                "published": self.published, "date": self.date,
                "trigger": self.trigger.to_dict(), "sentence": self.sentence.to_dict()}


@dataclass(frozen=True, slots=True)
class MergedEvent:
    id: str
    type: str
    date: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    first_seen: str | None
    num_mentions: int
    num_articles: int
    num_sources: int
    mentions: tuple[Mention, ...] = field(repr=False)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def to_dict(self, *, with_mentions: bool = True) -> dict:
        d = {"id": self.id, "type": self.type, "date": self.date, "source": list(self.sources),
             "target": list(self.targets), "cameo": self.cameo, "quad_class": self.quad_class,
             "goldstein": self.goldstein, "first_seen": self.first_seen,
             "num_mentions": self.num_mentions, "num_articles": self.num_articles,
             "num_sources": self.num_sources}
        if with_mentions:
            d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


@dataclass(frozen=True, slots=True)
class Storyline:
    id: str
    name: str
    first_date: str | None
    last_date: str | None
    actors: tuple[str, ...]
    terms: tuple[str, ...]
    articles: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "first_date": self.first_date,
                "last_date": self.last_date, "actors": list(self.actors), "terms": list(self.terms),
                "size": len(self.articles), "articles": list(self.articles)}


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """What the cross-document step says about one article: its near-duplicate group,
    its storylines and, for each of its events (by index), the merged event it is in."""

    duplicate_group: str | None = None
    storylines: tuple[str, ...] = ()
    merged_events: Mapping[int, str] = field(default_factory=dict)


# ---------------------------------------------------------------- merged proposals (crossdoc)
# One proposal across articles (``sitroom.crossdoc.proposals``): its mentions (a proposal of
# one article each) and the stances taken toward it; tables of migration 0102.


@dataclass(frozen=True, slots=True)
class ProposalMention:
    """One article's proposal, as the cross-document merge sees it."""

    article_id: str
    index: int                      # the proposal's index in the article's extraction
    day: str | None                 # the article's publication day
    published: str | None
    authors: tuple[str, ...]        # sorted actor codes of ``by``
    author_names: tuple[str, ...]   # their names, in the same order
    text: Span
    items: tuple[str, ...] = ()     # the items' texts
    terms: tuple[str, ...] = ()     # sorted content terms of the items (of the text if none)
    names: tuple[str, ...] = ()     # sorted words naming it ("security" of "security guarantees")

    @property
    def key(self) -> tuple:
        return (self.day or "9999", self.article_id, self.index)

    def to_dict(self) -> dict:
        return {"article": self.article_id, "index": self.index, "day": self.day,
                "published": self.published, "by": list(self.authors),
                "text": self.text.to_dict(), "items": list(self.items)}


@dataclass(frozen=True, slots=True)
class Stance:
    """One actor's stance toward an article's proposal (a stored position, with its date)."""

    article_id: str
    index: int                      # the position's index in the article's extraction
    proposal: int                   # the article's proposal index it is toward
    holder: str | None              # the holder's actor code (None: not resolved to an actor)
    holder_name: str | None         # the actor's name, else the holder's words
    stance: str
    evidence: Span
    published: str | None

    def to_dict(self) -> dict:
        return {"article": self.article_id, "index": self.index, "holder": self.holder,
                "holder_name": self.holder_name, "stance": self.stance,
                "evidence": self.evidence.to_dict(), "published": self.published}


@dataclass(frozen=True, slots=True)
class MergedProposal:
    """The mentions of one proposal across articles (same author, shared name or items,
    close in time)."""

    id: str
    name: str
    first_date: str | None
    last_date: str | None
    authors: tuple[str, ...]
    author_names: tuple[str, ...]
    items: tuple[str, ...]
    num_articles: int
    mentions: tuple[ProposalMention, ...] = field(repr=False)

    def to_dict(self, *, with_mentions: bool = True) -> dict:
        d = {"id": self.id, "name": self.name, "first_date": self.first_date,
             "last_date": self.last_date, "by": list(self.authors), "by_names": list(self.author_names),
             "items": list(self.items), "num_mentions": len(self.mentions),
             "num_articles": self.num_articles}
        if with_mentions:
            d["mentions"] = [m.to_dict() for m in self.mentions]
        return d


def _quick_state(cls: type) -> type:
    """Give a frozen slots dataclass a pickled state that is quick to save and restore.

    The dataclass's own ``__getstate__``/``__setstate__`` look up the class's fields for
    every object; an Extraction is some hundreds of records, pickled in a worker and
    restored in the parent for every article. This state is the same (the field values
    in order), kept in the slots through their own descriptors (as frozen as before)."""
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)
    setters = tuple(getattr(cls, n).__set__ for n in names)

    def __getstate__(self) -> tuple:
        return values(self) if len(names) > 1 else (values(self),)

    def __setstate__(self, state) -> None:
        for put, value in zip(setters, state):
            put(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


for _cls in [v for v in list(globals().values()) if isinstance(v, type) and is_dataclass(v)
             and v.__module__ == __name__ and "__slots__" in v.__dict__]:
    _quick_state(_cls)
del _cls
