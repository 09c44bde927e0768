"""Score quote attribution against PolNeAR-format gold (brat standoff).

Data layout (``PATH``): ``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann``.
An ``.ann`` file holds ``T`` lines (``Source``, ``Cue``, ``Content`` spans, possibly
discontinuous ``a b;c d``) and ``E`` lines tying one attribution's parts together.
When several annotators marked the same text, the first file in name order is used.

Matching (documented here, used by every figure):

* Spans are character ranges; a discontinuous gold span counts as its parts.
* A predicted content **matches** a gold content when their overlap is at least
  half of the shorter of the two (so a prediction without quote marks, or without
  a leading "that", still matches). Predictions and gold are paired one-to-one,
  greedily, largest overlap first.
* Predicted quotes are grouped into attributions first: a partial quote inside an
  indirect quote with the same cue is part of it (the quoted words of that reported
  clause); quoted pieces with the same speaker mention (a quote split
  around "he said", or continued in the next paragraphs) are one attribution, whose
  content is the union of the pieces.
* The **speaker is right** when the predicted speaker span overlaps the gold
  Source span, or the predicted actor's name (or person) shares its last word
  with the gold Source text (the same entity named elsewhere). A gold attribution
  without a source is right when the prediction has no speaker.
* content P/R/F: matched contents over predicted / gold attributions;
  attribution P/R/F: the same, counting a pair only when the speaker is right too;
  direct speaker accuracy: among matched predictions of kind ``direct``, the share
  whose speaker is right.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import UsageError
from ..records import Article, Quote

DEFAULT_PATH = Path("..") / "shared" / "gold" / "polnear-dev"
MIN_OVERLAP = 0.5

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    content: Ranges
    source: Ranges = ()
    source_text: str = ""
    cue: Ranges = ()


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _ranges(field_: str) -> Ranges:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (Content with its Source and Cue)."""
    spans: dict[str, tuple[str, Ranges, str]] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, rng = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _ranges(rng), parts[2] if len(parts) > 2 else "")
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            args: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                args.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(args)
    out = []
    for ev in events:
        contents = [spans[r] for r in ev.get("Content", []) if r in spans]
        if not contents:
            continue
        ranges = tuple(r for c in contents for r in c[1])
        source = next((spans[r] for r in ev.get("Source", []) if r in spans), None)
        cue = next((spans[r] for r in ev.get("Cue", []) if r in spans), None)
        out.append(GoldAttribution(ranges, source[1] if source else (), source[2] if source else "",
                                   cue[1] if cue else ()))
    return out


def load_gold(path: str | Path = DEFAULT_PATH) -> list[GoldDoc]:
    root = Path(path)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(f"{root}: not a PolNeAR folder (want text/ and attributions/)")
    anns = sorted(ann_dir.glob("*.ann"))
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        mine = [a for a in anns if a.name.startswith(txt.stem + "_")]
        if not mine:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(txt.stem, text, tuple(parse_ann(mine[0].read_text(encoding="utf-8")))))
    return docs


# ---------------------------------------------------------------- matching

def _overlap(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(a: Ranges) -> int:
    return sum(e - s for s, e in a)


def content_match(pred: Ranges, gold: Ranges) -> int:
    """The overlap of two contents when it is at least MIN_OVERLAP of the shorter, else 0."""
    ov = _overlap(pred, gold)
    shorter = min(_length(pred), _length(gold))
    return ov if shorter and ov >= MIN_OVERLAP * shorter else 0


def _last_word(s: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", s or "")
    return words[-1].lower() if words else ""


def speaker_right(q: Quote, g: GoldAttribution) -> bool:
    sp = q.speaker
    if not g.source:
        return sp is None
    if sp is None:
        return False
    if _overlap(((sp.span.start, sp.span.end),), g.source):
        return True
    gold_word = _last_word(g.source_text)
    if not gold_word:
        return False
    a = sp.actor
    names = [sp.span.text] + ([a.name or "", a.person or ""] if a else [])
    return any(_last_word(n) == gold_word for n in names if n)


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution: the quotes that make it up (one, or the pieces of a
    quote split around its attribution / continued over paragraphs)."""

    quotes: tuple[Quote, ...]

    @property
    def ranges(self) -> Ranges:
        return tuple((q.content.start, q.content.end) for q in self.quotes)

    @property
    def first(self) -> Quote:
        return self.quotes[0]


def group_predictions(quotes: Sequence[Quote]) -> list[Predicted]:
    """Quotes as attributions: a partial quote inside an indirect one with the same cue
    belongs to it; direct/partial pieces with the same speaker mention (a quote split
    around "he said", or its continuation that inherited that speaker) are one."""
    indirect = [q for q in quotes if q.kind == "indirect"]
    groups: dict[tuple, list[Quote]] = {}
    order: list[tuple] = []
    for i, q in enumerate(quotes):
        if q.kind == "partial" and any(
                o.content.contains(q.content) and o.cue == q.cue for o in indirect):
            continue
        key: tuple = ("one", i)
        if q.kind != "indirect" and q.speaker is not None:
            key = ("quoted", q.speaker.span)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(q)
    return [Predicted(tuple(groups[k])) for k in order]


def _merge_partials(quotes: Sequence[Quote]) -> list[Quote]:
    """The first quote of each predicted attribution (for error listings)."""
    return [p.first for p in group_predictions(quotes)]


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    content: int = 0
    attribution: int = 0
    direct: int = 0
    direct_right: int = 0

    def add(self, other: "Counts") -> None:
        for f in ("predicted", "gold", "content", "attribution", "direct", "direct_right"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def score_doc(quotes: Sequence[Quote], gold: Sequence[GoldAttribution]) -> Counts:
    groups = group_predictions(quotes)
    preds = [p.first for p in groups]
    pairs = []
    for i, p in enumerate(groups):
        pr = p.ranges
        for j, g in enumerate(gold):
            ov = content_match(pr, g.content)
            if ov:
                pairs.append((ov, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p, used_g = set(), set()
    c = Counts(predicted=len(preds), gold=len(gold))
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        c.content += 1
        right = speaker_right(preds[i], gold[j])
        c.attribution += right
        if preds[i].kind == "direct":
            c.direct += 1
            c.direct_right += right
    return c


def _prf(hit: int, pred: int, gold: int) -> dict[str, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class QuoteScores:
    documents: int
    counts: Counts
    seconds: float
    per_doc: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        c = self.counts
        return {
            "documents": self.documents, "gold": c.gold, "predicted": c.predicted,
            "content": _prf(c.content, c.predicted, c.gold),
            "attribution": _prf(c.attribution, c.predicted, c.gold),
            "direct_speaker_accuracy": round(c.direct_right / c.direct, 4) if c.direct else None,
            "direct_matched": c.direct, "seconds": round(self.seconds, 2),
        }


def _extract(doc_text: str, name: str, settings=None) -> list[Quote]:
    from ..extract import extract_doc
    from ..nlp import parse

    article = Article(name, doc_text)
    extraction = extract_doc(parse(article, settings), article, settings)
    return list(extraction.quotes or ())


def evaluate_quotes(path: str | Path = DEFAULT_PATH, *, settings=None, limit: int | None = None,
                    extract=None) -> QuoteScores:
    """Run the pipeline over the gold texts and score its quotes (see the module doc)."""
    docs = load_gold(path)[:limit] if limit else load_gold(path)
    extract = extract or (lambda text, name: _extract(text, name, settings))
    total = Counts()
    per_doc = []
    t0 = time.perf_counter()
    for d in docs:
        c = score_doc(extract(d.text, d.name), d.attributions)
        total.add(c)
        per_doc.append({"name": d.name, **c.__dict__})
    return QuoteScores(len(docs), total, time.perf_counter() - t0, per_doc)


def iter_errors(path: str | Path = DEFAULT_PATH, *, settings=None, limit: int | None = None
                ) -> Iterator[tuple[str, str, str]]:
    """(document, 'miss'/'false'/'speaker', detail) lines, for error analysis."""
    for d in load_gold(path)[:limit] if limit else load_gold(path):
        quotes = _merge_partials(_extract(d.text, d.name, settings))
        for g in d.attributions:
            hit = [q for q in quotes if content_match(((q.content.start, q.content.end),), g.content)]
            gtext = " ".join(d.text[s:e] for s, e in g.content)[:100]
            if not hit:
                yield d.name, "miss", f"{g.source_text!r} :: {gtext}"
            elif not any(speaker_right(q, g) for q in hit):
                yield d.name, "speaker", f"gold {g.source_text!r} got {hit[0].speaker and hit[0].speaker.span.text!r} :: {gtext}"
        for q in quotes:
            if not any(content_match(((q.content.start, q.content.end),), g.content) for g in d.attributions):
                yield d.name, "false", f"{q.kind} {q.speaker and q.speaker.span.text!r} :: {q.content.text[:100]}"


def format_scores(scores: QuoteScores) -> Iterable[str]:
    d = scores.to_dict()
    yield f"documents {d['documents']}  gold {d['gold']}  predicted {d['predicted']}  ({d['seconds']} s)"
    for key in ("content", "attribution"):
        m = d[key]
        yield f"{key:<12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
    acc = d["direct_speaker_accuracy"]
    yield f"direct quotes: speaker right {'-' if acc is None else f'{acc:.3f}'} of {d['direct_matched']} matched"
