"""Score whole articles: precision and recall of events, quotes, proposals and positions.

Gold: a folder of JSON files, one article each (``id``, ``title``, ``published``,
``text`` and its ``events``, ``quotes``, ``proposals``, ``positions``); the format and
every matching rule are written up in ``docs/evaluation.md``. The texts are extracted in
this process, as ``sitroom extract`` would (same reader, same pipeline, events below
``settings.min_confidence`` left out), and matched as the team's shared scorer
(``../shared/tools/score_articles.py``) does, so the figures agree with it:

* an extracted event is **located** on a gold event when its trigger overlaps the gold
  trigger, or lies inside the gold snippet while the gold trigger lies inside the
  event's sentence; **typed** when also its type is the gold type or one of the
  ``also`` types; **full** when also its source and target codes meet the gold ones
  (where the gold names any) and its flags give one of the gold modes (no flag =
  asserted). Events are taken in order; each takes the first free gold event that it
  matches, required ones first. Unmatched, it is *set aside* when it is located on an
  optional gold event (at the full level: with an acceptable mode), else *wrong*.
  Precision = right / (right + wrong); recall = required gold events matched / required.
* a quote is right when its content overlaps a gold content (anywhere the content
  occurs) by at least half of the shorter of the two; a gold quote is found when some
  quote is right on it, attributed when one of those has the gold speaker's code, or
  the last word of the gold speaker inside its speaker's text.
* a gold proposal is paired with the first extracted proposal whose text or items
  overlap its text or items, by an actor of the gold ``by`` (when it names any); items
  are found among the paired proposal's items. A gold position is found by a position
  of the same holder and polarity (support/accept/... vs reject/oppose/...) that is
  linked to the paired proposal (also when neither is linked to one) or whose evidence
  overlaps the gold snippet.

Codes are compared on their first three letters; codes of up to four letters (NATO,
OSCE) whole. Totals add the counts of every article, then divide.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import InputError, UsageError
from ..records import ActorSpan, Article, Event, Extraction, Position, Proposal, Quote, Span

DEFAULT_PATH = Path("..") / "shared" / "gold" / "articles-dev"
MODES = ("asserted", "negated", "hypothetical", "future", "historical")
POSITIVE = frozenset({"support", "accept", "welcome", "endorse", "agree"})
NEGATIVE = frozenset({"reject", "oppose", "condemn", "refuse", "deny"})

Range = tuple[int, int]
NOWHERE: Range = (-1, -1)


# ---------------------------------------------------------------- gold records

@dataclass(frozen=True)
class GoldEvent:
    text: str
    trigger: str
    type: str
    snippet: Range                  # where ``text`` first occurs in the article
    trigger_at: Range               # the first ``trigger`` inside it
    also: tuple[str, ...] = ()
    source: frozenset[str] = frozenset()   # codes, normalised (see ``norm``)
    target: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset({"asserted"})
    required: bool = True

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.also))


@dataclass(frozen=True)
class GoldQuote:
    content: str
    places: tuple[Range, ...]       # every occurrence of ``content``
    speaker: str = ""
    code: str = ""
    kind: str = ""


@dataclass(frozen=True)
class GoldProposal:
    text: str
    places: tuple[Range, ...]       # occurrences of the text, then of each item
    items: tuple[tuple[str, tuple[Range, ...]], ...] = ()
    by: frozenset[str] = frozenset()
    to: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GoldPosition:
    holder: str
    stance: str
    text: str
    places: tuple[Range, ...]
    proposal: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    events: tuple[GoldEvent, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    proposals: tuple[GoldProposal, ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    problems: tuple[str, ...] = ()  # annotations that could not be placed (left out)


def norm(code: str | None) -> str:
    """A code as compared: up to four letters whole (NATO), else its first three."""
    code = code or ""
    return code if len(code) <= 4 else code[:3]


def places(text: str, snippet: str) -> tuple[Range, ...]:
    """Every (start, end) where ``snippet`` occurs in ``text`` (overlapping ones too)."""
    out, i = [], text.find(snippet) if snippet else -1
    while i >= 0:
        out.append((i, i + len(snippet)))
        i = text.find(snippet, i + 1)
    return tuple(out)


def _codes(values: Any) -> frozenset[str]:
    return frozenset(norm(str(c)) for c in values or () if c)


def _event(g: dict, text: str, problems: list[str]) -> GoldEvent | None:
    snippet, trigger = str(g.get("text") or ""), str(g.get("trigger") or "")
    where = places(text, snippet)
    if not where:
        problems.append(f"event snippet not in the text: {snippet[:60]!r}")
        return None
    at = snippet.find(trigger) if trigger else -1
    if at < 0:
        problems.append(f"event trigger {trigger!r} not in its snippet {snippet[:60]!r}")
        return None
    modes = g.get("mode") or ["asserted"]
    modes = [modes] if isinstance(modes, str) else modes
    bad = sorted(set(modes) - set(MODES))
    if bad:
        problems.append(f"event {trigger!r}: unknown mode(s) {bad}; valid: {', '.join(MODES)}")
    start = where[0][0] + at
    return GoldEvent(snippet, trigger, str(g.get("type") or ""), where[0], (start, start + len(trigger)),
                     tuple(g.get("also") or ()), _codes(g.get("source")), _codes(g.get("target")),
                     frozenset(modes), bool(g.get("required", True)))


def gold_article(data: dict, name: str = "") -> GoldArticle:
    """One gold file's content as records; annotations that cannot be placed in the text
    are left out and listed in ``problems`` (the shared scorer leaves them out too)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data.get("id"):
        raise UsageError(f"{name or 'gold'}: not a gold article (want an object with 'id' and 'text')")
    text = data["text"]
    problems: list[str] = []
    events = tuple(e for g in data.get("events") or () if (e := _event(g, text, problems)))
    quotes = []
    for q in data.get("quotes") or ():
        where = places(text, str(q.get("content") or ""))
        if not where:
            problems.append(f"quote content not in the text: {str(q.get('content'))[:60]!r}")
            continue
        quotes.append(GoldQuote(q["content"], where, q.get("speaker") or "", q.get("code") or "",
                                q.get("kind") or ""))
    proposals = []
    for p in data.get("proposals") or ():
        items = tuple((str(it), places(text, str(it))) for it in p.get("items") or ())
        own = places(text, str(p.get("text") or ""))
        if not own:
            problems.append(f"proposal text not in the text: {str(p.get('text'))[:60]!r}")
        problems += [f"proposal item not in the text: {it[:60]!r}" for it, at in items if not at]
        proposals.append(GoldProposal(str(p.get("text") or ""), own + tuple(r for _, at in items for r in at),
                                      items, _codes(p.get("by")), _codes(p.get("to"))))
    positions = []
    for p in data.get("positions") or ():
        where = places(text, str(p.get("text") or ""))
        if not where:
            problems.append(f"position evidence not in the text: {str(p.get('text'))[:60]!r}")
        positions.append(GoldPosition(str(p.get("holder") or ""), str(p.get("stance") or ""),
                                      str(p.get("text") or ""), where, p.get("proposal")))
    return GoldArticle(str(data["id"]), text, data.get("title"), data.get("published"), events,
                       tuple(quotes), tuple(proposals), tuple(positions), tuple(problems))


def load_gold(path: str | Path = DEFAULT_PATH) -> list[GoldArticle]:
    """The gold articles of a folder: every ``*.json`` file, in name order."""
    root = Path(path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder (want one JSON file of whole-article gold per article)")
    out = []
    for f in sorted(root.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise UsageError(f"{f}: cannot read it as JSON ({e})") from e
        out.append(gold_article(data, str(f)))
    if not out:
        raise UsageError(f"{root}: no *.json gold files in it")
    return out


# ---------------------------------------------------------------- matching

def _span(s: Span | None) -> Range:
    return (s.start, s.end) if s is not None else NOWHERE


def meets(a: Range, b: Range) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def inside(a: Range, b: Range) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def codes(spans: Iterable[ActorSpan | None]) -> set[str]:
    return {norm(a.actor.code) for a in spans if a is not None and a.actor and a.actor.code}


def modes(e: Event) -> set[str]:
    """An event's modes from its flags (none set: asserted)."""
    m = {k for k in ("negated", "hypothetical", "future", "historical") if getattr(e, k)}
    return m or {"asserted"}


def located(e: Event, g: GoldEvent) -> bool:
    t = _span(e.trigger)
    return meets(t, g.trigger_at) or (inside(t, g.snippet) and inside(g.trigger_at, _span(e.sentence)))


def typed(e: Event, g: GoldEvent) -> bool:
    return e.type in g.types


def full(e: Event, g: GoldEvent) -> bool:
    return (typed(e, g) and (not g.source or bool(codes(e.source) & g.source))
            and (not g.target or bool(codes(e.target) & g.target)) and bool(modes(e) & g.modes))


def why_wrong(e: Event, located_on: Sequence[GoldEvent]) -> str:
    """Why an event found no gold event: the first test every gold event it is on fails."""
    if not located_on:
        return "no such event"
    cands = [g for g in located_on if typed(e, g)]
    if not cands:
        return "wrong type"
    if not any(modes(e) & g.modes for g in cands):
        return "wrong mode"
    if not any(not g.source or codes(e.source) & g.source for g in cands):
        return "wrong source"
    return "wrong target"


@dataclass(frozen=True)
class EventMatch:
    right: int
    wrong: int
    aside: int
    found: int            # required gold events matched
    required: int
    wrong_events: tuple[tuple[Event, str], ...] = ()   # (event, why)
    missed: tuple[GoldEvent, ...] = ()


def match_events(events: Sequence[Event], gold: Sequence[GoldEvent], level: str = "full") -> EventMatch:
    """One extracted event to at most one gold event, at the ``full`` or ``typed`` level."""
    if level not in ("full", "typed"):
        raise ValueError(f"level={level!r}; valid: full, typed")
    ok = full if level == "full" else typed
    used: set[int] = set()
    right = wrong = aside = 0
    bad: list[tuple[Event, str]] = []
    for e in events:
        cands = [i for i, g in enumerate(gold) if i not in used and located(e, g)]
        hit = next((i for i in sorted(cands, key=lambda i: not gold[i].required) if ok(e, gold[i])), None)
        if hit is not None:
            used.add(hit)
            right += 1
        elif any(not gold[i].required and (level == "typed" or modes(e) & gold[i].modes) for i in cands):
            aside += 1
        else:
            wrong += 1
            bad.append((e, why_wrong(e, [gold[i] for i in cands])))
    req = [i for i, g in enumerate(gold) if g.required]
    return EventMatch(right, wrong, aside, sum(i in used for i in req), len(req), tuple(bad),
                      tuple(gold[i] for i in req if i not in used))


def same_content(c: Range, where: Sequence[Range]) -> bool:
    """Overlap of at least half the shorter range, with any of ``where``."""
    return any(min(c[1], p[1]) - max(c[0], p[0]) >= 0.5 * min(c[1] - c[0], p[1] - p[0]) for p in where)


def speaker_right(q: Quote, g: GoldQuote) -> bool:
    sp = q.speaker
    code = sp.actor.code if sp is not None and sp.actor else None
    if g.code and norm(code) == norm(g.code):
        return True
    last = (g.speaker.split() or [""])[-1].lower()
    return bool(last) and sp is not None and last in sp.span.text.lower()


@dataclass(frozen=True)
class QuoteMatch:
    right: int
    extracted: int
    found: int
    attributed: int
    gold: int
    missed: tuple[GoldQuote, ...] = ()


def match_quotes(quotes: Sequence[Quote], gold: Sequence[GoldQuote]) -> QuoteMatch:
    right = sum(any(same_content(_span(x.content), g.places) for g in gold) for x in quotes)
    found = attributed = 0
    missed = []
    for g in gold:
        hits = [x for x in quotes if same_content(_span(x.content), g.places)]
        found += bool(hits)
        attributed += any(speaker_right(x, g) for x in hits)
        if not hits:
            missed.append(g)
    return QuoteMatch(right, len(quotes), found, attributed, len(gold), tuple(missed))


def polarity(stance: str) -> int:
    s = (stance or "").lower()
    return 1 if s in POSITIVE else -1 if s in NEGATIVE else 0


@dataclass(frozen=True)
class ProposalMatch:
    found: int            # gold proposals paired
    gold: int
    right: int            # extracted proposals paired with some gold one
    extracted: int
    items_found: int
    items: int
    positions_found: int
    positions: int


def pair_proposals(proposals: Sequence[Proposal], gold: Sequence[GoldProposal]) -> dict[int, int]:
    """gold index -> the first extracted proposal that overlaps it, by a gold author."""
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for xi, x in enumerate(proposals):
            xl = [_span(x.text), *(_span(i) for i in x.items)]
            if any(meets(a, b) for a in xl for b in g.places) and (not g.by or codes(x.by) & g.by):
                pairs.setdefault(gi, xi)
                break
    return pairs


def match_proposals(proposals: Sequence[Proposal], positions: Sequence[Position],
                    gold: Sequence[GoldProposal], gold_positions: Sequence[GoldPosition]) -> ProposalMatch:
    pairs = pair_proposals(proposals, gold)
    items_found = 0
    for gi, xi in pairs.items():
        xl = [_span(i) for i in proposals[xi].items]
        items_found += sum(any(meets(a, b) for a in xl for b in at) for _, at in gold[gi].items)
    found_pos = 0
    for p in gold_positions:
        for x in positions:
            holder = x.holder.actor.code if x.holder is not None and x.holder.actor else None
            if (norm(holder) == norm(p.holder) and polarity(x.stance) == polarity(p.stance)
                    and (pairs.get(p.proposal) == x.proposal  # type: ignore[arg-type]
                         or any(meets(_span(x.evidence), r) for r in p.places))):
                found_pos += 1
                break
    return ProposalMatch(len(pairs), len(gold), len(set(pairs.values())), len(proposals), items_found,
                         sum(len(g.items) for g in gold), found_pos, len(gold_positions))


# ---------------------------------------------------------------- scores

@dataclass
class Counts:
    """What the figures are made of; adds up over articles."""

    events_right: int = 0
    events_wrong: int = 0
    events_aside: int = 0
    events_found: int = 0
    events_required: int = 0
    typed_right: int = 0
    typed_wrong: int = 0
    typed_aside: int = 0
    typed_found: int = 0
    typed_required: int = 0
    quotes_right: int = 0
    quotes_extracted: int = 0
    quotes_found: int = 0
    quotes_attributed: int = 0
    quotes_gold: int = 0
    proposals_found: int = 0
    proposals_gold: int = 0
    proposals_right: int = 0
    proposals_extracted: int = 0
    items_found: int = 0
    items_gold: int = 0
    positions_found: int = 0
    positions_gold: int = 0

    def add(self, other: "Counts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @classmethod
    def of(cls, ev: EventMatch, ty: EventMatch, q: QuoteMatch, p: ProposalMatch) -> "Counts":
        return cls(ev.right, ev.wrong, ev.aside, ev.found, ev.required,
                   ty.right, ty.wrong, ty.aside, ty.found, ty.required,
                   q.right, q.extracted, q.found, q.attributed, q.gold,
                   p.found, p.gold, p.right, p.extracted, p.items_found, p.items,
                   p.positions_found, p.positions)


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ArticleFigures:
    """The whole-article figures (the shared scorer's, by the same names)."""

    events_p: float
    events_r: float
    events_f1: float
    typed_p: float
    typed_r: float
    typed_f1: float
    quotes_p: float
    quotes_r: float
    quotes_attr: float
    proposals_p: float
    proposals_r: float
    items_r: float
    positions_r: float
    gold_events: int
    extracted_events: int

    @classmethod
    def of(cls, c: Counts) -> "ArticleFigures":
        ep, er = ratio(c.events_right, c.events_right + c.events_wrong), ratio(c.events_found, c.events_required)
        tp, tr = ratio(c.typed_right, c.typed_right + c.typed_wrong), ratio(c.typed_found, c.typed_required)
        return cls(ep, er, f1(ep, er), tp, tr, f1(tp, tr),
                   ratio(c.quotes_right, c.quotes_extracted), ratio(c.quotes_found, c.quotes_gold),
                   ratio(c.quotes_attributed, c.quotes_gold),
                   ratio(c.proposals_right, c.proposals_extracted), ratio(c.proposals_found, c.proposals_gold),
                   ratio(c.items_found, c.items_gold), ratio(c.positions_found, c.positions_gold),
                   c.events_required, c.events_right + c.events_wrong + c.events_aside)

    def to_dict(self) -> dict[str, float | int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ArticleScore:
    """One article: its counts and what went wrong."""

    id: str
    counts: Counts
    wrong_events: tuple[tuple[Event, str], ...] = ()
    missed_events: tuple[GoldEvent, ...] = ()
    missed_quotes: tuple[GoldQuote, ...] = ()
    problems: tuple[str, ...] = ()
    failure: str | None = None      # the extraction failed: scored as extracting nothing

    def to_dict(self) -> dict:
        return {"id": self.id, **ArticleFigures.of(self.counts).to_dict(), "counts": vars(self.counts),
                "problems": list(self.problems), "failure": self.failure}


def score_article(gold: GoldArticle, extraction: Extraction | None, failure: str | None = None) -> ArticleScore:
    """Score one article's extraction (None: nothing extracted) against its gold."""
    x = extraction or Extraction(gold.id)
    evs = list(x.events or ())
    ev, ty = match_events(evs, gold.events, "full"), match_events(evs, gold.events, "typed")
    q = match_quotes(list(x.quotes or ()), gold.quotes)
    p = match_proposals(list(x.proposals or ()), list(x.positions or ()), gold.proposals, gold.positions)
    return ArticleScore(gold.id, Counts.of(ev, ty, q, p), ev.wrong_events, ev.missed, q.missed,
                        gold.problems, failure)


@dataclass(frozen=True)
class ArticleEvaluation:
    """The scores of a gold folder: per article, and the totals as ``figures``."""

    path: str
    articles: tuple[ArticleScore, ...]
    counts: Counts
    min_confidence: float
    seconds: float = 0.0

    @property
    def figures(self) -> ArticleFigures:
        return ArticleFigures.of(self.counts)

    def wrong_by_cause(self) -> list[tuple[str, int]]:
        tally: dict[str, int] = {}
        for a in self.articles:
            for _, why in a.wrong_events:
                tally[why] = tally.get(why, 0) + 1
        return sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))

    def to_dict(self) -> dict:
        return {"path": self.path, "articles": len(self.articles), "min_confidence": self.min_confidence,
                "seconds": round(self.seconds, 2), "figures": self.figures.to_dict(),
                "counts": vars(self.counts), "wrong_events_by_cause": dict(self.wrong_by_cause()),
                "per_article": [a.to_dict() for a in self.articles]}


def extract_gold(gold: Sequence[GoldArticle], settings=None) -> Iterator[tuple[GoldArticle, Extraction | None, str | None]]:
    """Each gold article with its extraction (or None and the failure), extracted as
    ``sitroom extract`` does: the article built from id, title, published and text by the
    JSON Lines reader, then the pipeline, events below ``min_confidence`` left out."""
    from ..ingest.structured import record_article
    from ..pipeline import extract_articles
    from ..records import Failure
    from ..settings import load_settings

    settings = settings or load_settings()

    def articles() -> Iterator[Article | Failure]:
        for n, g in enumerate(gold, start=1):
            record = {"id": g.id, "title": g.title, "published": g.published, "text": g.text}
            try:
                yield record_article(record, f"gold:{n}", settings)
            except InputError as e:  # a blank text: scored as nothing extracted
                yield Failure(f"gold:{n}", e.code, str(e), id=g.id)

    for g, (_, result) in zip(gold, extract_articles(articles(), settings)):
        if isinstance(result, Failure):
            yield g, None, str(result)
        else:
            yield g, result, None


def evaluate_articles(path: str | Path = DEFAULT_PATH, *, settings=None,
                      min_confidence: float | None = None) -> ArticleEvaluation:
    """Extract every gold article of ``path`` in this process and score it (module doc)."""
    from ..settings import load_settings

    settings = (settings or load_settings()).replace(min_confidence=min_confidence)
    gold = load_gold(path)
    start = time.perf_counter()
    scores = [score_article(g, x, why) for g, x, why in extract_gold(gold, settings)]
    total = Counts()
    for s in scores:
        total.add(s.counts)
    return ArticleEvaluation(str(path), tuple(scores), total, settings.min_confidence,
                             time.perf_counter() - start)


def article_figures(path: str | Path = DEFAULT_PATH, *, settings=None) -> ArticleFigures:
    """The totals of :func:`evaluate_articles`, as a typed record (for floor tests)."""
    return evaluate_articles(path, settings=settings).figures


# ---------------------------------------------------------------- text output

def summary_line(f: ArticleFigures, name: str = "articles") -> str:
    """The totals in one line, as the shared scorer prints its last line."""
    return (f"{name}: events P={f.events_p:.3f} R={f.events_r:.3f} F1={f.events_f1:.3f} | "
            f"typed P={f.typed_p:.3f} R={f.typed_r:.3f} F1={f.typed_f1:.3f} | "
            f"quotes P={f.quotes_p:.3f} R={f.quotes_r:.3f} attributed={f.quotes_attr:.3f} | "
            f"proposals P={f.proposals_p:.3f} R={f.proposals_r:.3f} items={f.items_r:.3f} | "
            f"positions R={f.positions_r:.3f} (gold events {f.gold_events}, extracted {f.extracted_events})")


def table_rows(ev: ArticleEvaluation) -> list[dict[str, str]]:
    """One row per article for a table: P and R of each kind ('-' where there is nothing)."""
    def pr(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "-"
    rows = []
    for s in ev.articles:
        c = s.counts
        rows.append({"article": s.id, "events_p": pr(c.events_right, c.events_right + c.events_wrong),
                     "events_r": pr(c.events_found, c.events_required),
                     "typed_p": pr(c.typed_right, c.typed_right + c.typed_wrong),
                     "typed_r": pr(c.typed_found, c.typed_required),
                     "quotes_p": pr(c.quotes_right, c.quotes_extracted), "quotes_r": pr(c.quotes_found, c.quotes_gold),
                     "proposals": f"{c.proposals_found}/{c.proposals_gold}",
                     "positions": f"{c.positions_found}/{c.positions_gold}"})
    return rows


def error_lines(ev: ArticleEvaluation, show: int = 10) -> Iterator[str]:
    """Wrong events, missed required events and missed quotes (up to ``show`` of each)."""
    wrong = [(s.id, e, why) for s in ev.articles for e, why in s.wrong_events]
    missed = [(s.id, g) for s in ev.articles for g in s.missed_events]
    quotes = [(s.id, q) for s in ev.articles for q in s.missed_quotes]
    yield f"wrong events (first {show} of {len(wrong)}):"
    for aid, e, why in wrong[:show]:
        yield (f"  [{aid[:24]}] {why}: {e.type} {sorted(codes(e.source))}->{sorted(codes(e.target))} "
               f"{sorted(modes(e))} trigger={e.trigger.text!r} in {e.sentence.text[:100]!r}")
    yield f"missed required events (first {show} of {len(missed)}):"
    for aid, g in missed[:show]:
        yield (f"  [{aid[:24]}] {g.type} {sorted(g.source)}->{sorted(g.target)} {sorted(g.modes)} "
               f"trigger={g.trigger!r} in {g.text[:100]!r}")
    yield f"missed quotes (first {show} of {len(quotes)}):"
    for aid, q in quotes[:show]:
        yield f"  [{aid[:24]}] {q.speaker!r}: {q.content[:100]!r}"
