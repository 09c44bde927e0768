"""Server-side rendering helpers: highlighted article text and chart geometry.

The article text is cut at every span boundary and each piece is escaped on
its own, so no byte of the article ever reaches the page unescaped. Charts are
plain numbers here; the templates draw them as inline SVG.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from markupsafe import Markup, escape

from .data import QUAD_CLASSES, actor_labels, span_text


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch: ``kind`` is ent, event, quote, num, time or place."""

    start: int
    end: int
    kind: str
    label: str
    ref: str  # the anchor id the side panel links to


def marks_of(extraction: Mapping[str, Any]) -> dict[str, list[dict]]:
    """The side panel: what was extracted, each item with its mark (span, kind, label)."""
    panel: dict[str, list[dict]] = {k: [] for k in ("events", "quotes", "entities", "quantities",
                                                     "times", "places", "proposals", "positions")}

    def add(group: str, span: Any, mark_kind: str, label: str, **extra: Any) -> None:
        item = {"label": label, "text": span_text(span), **extra}
        if isinstance(span, Mapping) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            item["mark"] = Mark(span["start"], span["end"], mark_kind, label,
                                f"{mark_kind}-{len(panel[group])}")
        panel[group].append(item)

    for e in extraction.get("events") or []:
        src = ", ".join(a["code"] or a["text"] for a in actor_labels(e.get("source")))
        tgt = ", ".join(a["code"] or a["text"] for a in actor_labels(e.get("target")))
        flags = [f for f in ("negated", "hypothetical", "future", "historical") if e.get(f)]
        add("events", e.get("trigger"), "event", f"{e.get('type')}", source=src, target=tgt,
            quad_class=e.get("quad_class"), goldstein=e.get("goldstein"), cameo=e.get("cameo"),
            date=e.get("date"), flags=flags, sentence=span_text(e.get("sentence")))
    for q in extraction.get("quotes") or []:
        sp = q.get("speaker") or {}
        who = sp.get("name") or sp.get("text") or sp.get("code") or "unattributed"
        add("quotes", q.get("content"), "quote", f"{q.get('kind')} quote: {who}", speaker=who,
            speaker_code=sp.get("code"), kind=q.get("kind"))
    for ent in extraction.get("entities") or []:
        actor = ent.get("actor") or {}
        label = ent.get("label") or "ENTITY"
        add("entities", ent, "ent", f"{label} {actor.get('code') or ''}".strip(), code=actor.get("code"),
            entity_label=label)
    for n in extraction.get("quantities") or []:
        add("quantities", n, "num", f"{n.get('value')} {n.get('unit')}".strip(), value=n.get("value"),
            unit=n.get("unit"), approx=n.get("approx"), of=span_text(n.get("of")))
    for t in extraction.get("times") or []:
        add("times", t, "time", f"{t.get('value')}", value=t.get("value"))
    for p in extraction.get("places") or []:
        add("places", p, "place", f"place {p.get('country') or ''}".strip(), country=p.get("country"))
    for p in extraction.get("proposals") or []:
        by = ", ".join(a["code"] or a["text"] for a in actor_labels(p.get("by")))
        add("proposals", p.get("text"), "proposal", f"proposal by {by or '?'}",
            items=[span_text(i) for i in p.get("items") or []])
    for p in extraction.get("positions") or []:  # marked: the positions board links to "pos-<index>"
        h = p.get("holder") or {}
        add("positions", p.get("evidence"), "pos", f"{p.get('stance')}", holder=h.get("code") or h.get("text"),
            proposal=p.get("proposal"))
    return panel


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with every mark wrapped in ``<mark>``; overlapping marks give
    pieces that carry all their kinds. Every piece of text is escaped."""
    n = len(text)
    good = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in good), *(m.end for m in good)})
    starts: dict[int, list[Mark]] = {}
    for m in good:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    active: list[Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        for m in starts.get(a, []):
            out.append(f'<span class="anchor" id="{escape(m.ref)}"></span>')
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        kinds = sorted({m.kind for m in active})
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        title = "; ".join(dict.fromkeys(m.label for m in active))
        out.append(f'<mark class="{classes}" data-start="{a}" data-end="{b}" '
                   f'title="{escape(title)}">{piece}</mark>')
    return Markup("".join(out))


# ---------------------------------------------------------------- charts

def escalation_chart(series: list[dict], width: int = 820, height: int = 260,
                     max_days: int = 120) -> dict:
    """Geometry of a per-day chart on a calendar axis: stacked bars by quad class and a
    mean-Goldstein line. Only the last ``max_days`` days up to the latest are drawn
    (``trimmed`` counts the earlier days left out, e.g. a historical date)."""
    left, right, top, bottom = 40, 40, 14, 34
    w, h = width - left - right, height - top - bottom
    chart: dict[str, Any] = {"width": width, "height": height, "left": left, "top": top,
                             "inner_w": w, "inner_h": h, "bars": [], "line": "", "points": [],
                             "ticks": [], "empty": True, "trimmed": 0, "legend": legend()}
    dated = [(dt.date.fromisoformat(d["date"]), d) for d in series if _is_day(d.get("date"))]
    if not dated:
        return chart
    last = max(day for day, _ in dated)
    shown = [(day, d) for day, d in dated if day > last - dt.timedelta(days=max_days)]
    first = min(day for day, _ in shown)
    chart.update(empty=False, trimmed=len(dated) - len(shown), first=first.isoformat(), last=last.isoformat())
    n_days = (last - first).days + 1
    band = w / n_days
    bar_w = max(1.0, min(28.0, band * 0.7))
    max_count = max(d["events"] for _, d in shown) or 1
    chart["max_count"] = max_count
    chart["zero_y"] = round(top + h / 2, 1)
    points = []
    for day, d in shown:
        i = (day - first).days
        x = left + i * band + (band - bar_w) / 2
        y = top + h
        for q in sorted(QUAD_CLASSES):
            c = d.get(f"q{q}", 0)
            if not c:
                continue
            bh = h * c / max_count
            y -= bh
            chart["bars"].append({"x": round(x, 1), "y": round(y, 1), "w": round(bar_w, 1),
                                  "h": round(bh, 1), "fill": QUAD_CLASSES[q][1],
                                  "title": f"{d['date']}: {c} {QUAD_CLASSES[q][0]}",
                                  "date": d["date"], "quad_class": q, "count": c})
        g = d.get("goldstein_mean")
        if g is not None:
            gy = top + h / 2 - (max(-10.0, min(10.0, g)) / 10.0) * (h / 2)
            points.append((round(left + (i + 0.5) * band, 1), round(gy, 1), d["date"], g))
    chart["points"] = [{"x": x, "y": y, "title": f"{day}: mean Goldstein {g:+.1f}"} for x, y, day, g in points]
    chart["line"] = " ".join(f"{x},{y}" for x, y, _, _ in points)
    step = max(1, math.ceil(n_days / 6))
    for i in range(0, n_days, step):
        chart["ticks"].append({"x": round(left + (i + 0.5) * band, 1),
                               "label": (first + dt.timedelta(days=i)).isoformat()})
    return chart


def _is_day(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def legend() -> list[dict]:
    return [{"quad_class": q, "name": name, "colour": colour} for q, (name, colour) in QUAD_CLASSES.items()]


def network_chart(net: dict, size: int = 640) -> dict:
    """A circular layout of the network: nodes on a ring, curved edges between them."""
    nodes = net["nodes"]
    cx = cy = size / 2
    radius = size / 2 - 70
    pos: dict[str, tuple[float, float]] = {}
    max_w = max((nd["weight"] for nd in nodes), default=1) or 1
    drawn_nodes = []
    for i, nd in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[nd["code"]] = (x, y)
        lx, ly = cx + (radius + 22) * math.cos(angle), cy + (radius + 22) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        drawn_nodes.append({**nd, "x": round(x, 1), "y": round(y, 1), "lx": round(lx, 1),
                            "ly": round(ly + 4, 1), "anchor": anchor,
                            "r": round(5 + 11 * math.sqrt(nd["weight"] / max_w), 1)})
    max_e = max((e["weight"] for e in net["edges"]), default=1) or 1
    radius_of = {nd["code"]: nd["r"] for nd in drawn_nodes}
    drawn_edges = []
    for e in net["edges"]:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        bend = 0.12 * length
        qx, qy = mx - dy / length * bend, my + dx / length * bend
        # start and end on the circles' edges, along the curve's tangents
        x1, y1 = _toward(x1, y1, qx, qy, radius_of[e["source"]] + 2)
        x2, y2 = _toward(x2, y2, qx, qy, radius_of[e["target"]] + 3)
        q = e.get("quad_class")
        colour = QUAD_CLASSES[q][1] if q in QUAD_CLASSES else QUAD_CLASSES[0][1]
        drawn_edges.append({**e, "d": f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}",
                            "colour": colour, "marker": f"arrow-{q if q in QUAD_CLASSES else 0}",
                            "stroke": round(1 + 5 * e["weight"] / max_e, 1),
                            "title": f"{e['source']} → {e['target']}: {e['weight']} event(s)"})
    return {"size": size, "nodes": drawn_nodes, "edges": drawn_edges, "legend": legend()}


def _toward(x: float, y: float, tx: float, ty: float, d: float) -> tuple[float, float]:
    """The point ``d`` from (x, y) in the direction of (tx, ty)."""
    length = math.hypot(tx - x, ty - y) or 1
    return x + (tx - x) / length * d, y + (ty - y) / length * d


def claim_chart(rows: list[Mapping], width: int = 560, height: int = 120) -> dict | None:
    """Dots of one unit's values over publication days (None when fewer than two dated values)."""
    pts = []
    for r in rows:
        day, value = str(r.get("published") or "")[:10], r.get("value")
        if len(day) == 10 and isinstance(value, (int, float)):
            pts.append((day, float(value)))
    if len(pts) < 2:
        return None
    days = sorted({d for d, _ in pts})
    lo, hi = min(v for _, v in pts), max(v for _, v in pts)
    use_log = lo > 0 and hi / lo > 1000
    f = (lambda v: math.log10(v)) if use_log else (lambda v: v)
    flo, fhi = f(lo), f(hi)
    span = (fhi - flo) or 1.0
    left, top, w, h = 10, 10, width - 20, height - 30
    band = w / len(days)
    dots = []
    for day, v in pts:
        x = left + (days.index(day) + 0.5) * band
        y = top + h - (f(v) - flo) / span * h
        dots.append({"x": round(x, 1), "y": round(y, 1), "title": f"{day}: {v:g}"})
    return {"width": width, "height": height, "dots": dots, "first": days[0], "last": days[-1],
            "log": use_log, "lo": lo, "hi": hi}
