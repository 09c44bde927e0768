"""The cross-document tables (migrations 0100, 0101), kept by every SQL store.

``sitroom link`` computes near-duplicate groups, merged events (with their
mentions) and storylines, and hands them to :meth:`LinkedTables.save_linked`, which
replaces the previous results in one write transaction. Everything else only reads,
and reads give back the typed records that were saved (``==`` the computed ones).

The SQL is written once for both backends (``?`` parameters, the shared subset);
lists of article ids are sorted in Python, so the order does not depend on the
database's collation.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from ..records import ArticleLinks, DuplicateGroup, Mention, MergedEvent, Span, Storyline
from .linked_delta import IncrementalTables, LinkDelta
from .rows import dumps

#: The tables of migration 0100 (0102 adds the incremental ones: ``linked_delta.ALL_LINKED``).
LINKED_TABLES = ("article_groups", "event_mentions", "merged_events", "storyline_articles",
                 "storylines", "crossdoc_state")
EVENTS_PAGE = 500  # merged events read per query while streaming
# the pages of merged_events(): dated events by (date, id), then undated ones by id
DATED_FIRST = f"SELECT * FROM merged_events WHERE date IS NOT NULL ORDER BY date, id LIMIT {EVENTS_PAGE}"
DATED_AFTER = ("SELECT * FROM merged_events WHERE date IS NOT NULL AND (date, id) > (?, ?) "
               f"ORDER BY date, id LIMIT {EVENTS_PAGE}")  # a row value: both use the (date, id) index
UNDATED_FIRST = f"SELECT * FROM merged_events WHERE date IS NULL ORDER BY id LIMIT {EVENTS_PAGE}"
UNDATED_AFTER = f"SELECT * FROM merged_events WHERE date IS NULL AND id > ? ORDER BY id LIMIT {EVENTS_PAGE}"
STORYLINE = "SELECT * FROM storylines"
STORYLINE_ORDER = " ORDER BY CASE WHEN first_date IS NULL THEN 1 ELSE 0 END, first_date, id"
STORYLINE_ARTICLES = "SELECT storyline_id, article_id FROM storyline_articles"

#: The fields of a mention kept as JSON in ``event_mentions.detail_json`` (the others have columns).
MENTION_DETAIL = ("sources", "targets", "cameo", "quad_class", "goldstein", "source_names",
                  "target_names", "source_sectors", "target_sectors", "url", "place")


def _sorted_dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class LinkedTables(IncrementalTables):
    """Cross-document results of a :class:`~.sql.SQLStore` (mixed into it)."""

    # ------------------------------------------------------------ writing

    def save_linked(self, *, groups: Iterable[DuplicateGroup], events: Iterable[MergedEvent],
                    storylines: Iterable[Storyline], state: dict[str, Any]) -> None:
        """Replace every cross-document table's rows with these results, in one transaction
        (a failure leaves the previous results as they were). No per-article state is
        kept, so the next ``sitroom link`` rebuilds."""
        self.apply_linked(LinkDelta(rebuild=True, groups=list(groups), events=list(events),  # type: ignore[attr-defined]
                                    storylines=list(storylines), state=state))

    # ------------------------------------------------------------ reading

    def linked_state(self) -> dict[str, Any]:
        """What the last ``save_linked`` recorded (``articles``, ``version``); {} if none."""
        return {r["key"]: json.loads(r["value"])
                for r in self._rows("SELECT key, value FROM crossdoc_state")}  # type: ignore[attr-defined]

    def duplicate_groups(self) -> list[DuplicateGroup]:
        """Every near-duplicate group, by id."""
        groups: dict[str, tuple[list[str], list[float]]] = {}
        for r in self._rows("SELECT article_id, group_id, similarity FROM article_groups"):  # type: ignore[attr-defined]
            ids, sims = groups.setdefault(r["group_id"], ([], []))
            ids.append(r["article_id"])
            sims.append(r["similarity"])
        return [DuplicateGroup(gid, tuple(sorted(ids)), min(sims))
                for gid, (ids, sims) in sorted(groups.items())]

    def merged_events(self) -> Iterator[MergedEvent]:
        """Every merged event with its mentions, by date (undated last) then id; read a
        page at a time (keyset on the sort key), so memory stays flat."""
        for first, after_sql, key in ((DATED_FIRST, DATED_AFTER, ("date", "id")),
                                      (UNDATED_FIRST, UNDATED_AFTER, ("id",))):
            rows = self._rows(first)  # type: ignore[attr-defined]
            while rows:
                yield from self._with_mentions(rows)
                rows = self._rows(after_sql, [rows[-1][k] for k in key])  # type: ignore[attr-defined]

    def _with_mentions(self, rows: list[dict]) -> Iterator[MergedEvent]:
        types = {r["id"]: r["type"] for r in rows}
        mentions: dict[str, list[Mention]] = {i: [] for i in types}
        for m in self._rows(  # type: ignore[attr-defined]
                f"SELECT * FROM event_mentions WHERE event_id IN ({_marks(types)}) "
                "ORDER BY event_id, pos", list(types)):
            mentions[m["event_id"]].append(_mention(m, types[m["event_id"]]))
        for r in rows:
            yield MergedEvent(r["id"], r["type"], r["date"], tuple(json.loads(r["sources_json"])),
                              tuple(json.loads(r["targets_json"])), r["cameo"], r["quad_class"],
                              r["goldstein"], r["first_seen"], r["num_mentions"], r["num_articles"],
                              r["num_sources"], tuple(mentions[r["id"]]))

    def storylines(self, storyline: str | None = None) -> list[Storyline]:
        """Every storyline (or the one with id ``storyline``), by first date (undated
        last) then id, each with its sorted article ids."""
        if storyline:
            rows = self._rows(STORYLINE + " WHERE id = ?", [storyline])  # type: ignore[attr-defined]
            members_rows = self._rows(STORYLINE_ARTICLES + " WHERE storyline_id = ?", [storyline])  # type: ignore[attr-defined]
        else:
            rows = self._rows(STORYLINE + STORYLINE_ORDER)  # type: ignore[attr-defined]
            members_rows = self._rows(STORYLINE_ARTICLES)  # type: ignore[attr-defined]
        members: dict[str, list[str]] = {r["id"]: [] for r in rows}
        for r in members_rows:
            if r["storyline_id"] in members:
                members[r["storyline_id"]].append(r["article_id"])
        return [Storyline(r["id"], r["name"], r["first_date"], r["last_date"],
                          tuple(json.loads(r["actors_json"])), tuple(json.loads(r["terms_json"])),
                          tuple(sorted(members[r["id"]]))) for r in rows]

    def article_links(self, article_id: str) -> ArticleLinks:
        """The group, storylines and merged events of one article (all empty if none)."""
        aid = str(article_id)
        group = self._rows("SELECT group_id FROM article_groups WHERE article_id = ?", (aid,))  # type: ignore[attr-defined]
        lines = self._rows("SELECT storyline_id FROM storyline_articles WHERE article_id = ?", (aid,))  # type: ignore[attr-defined]
        events = self._rows("SELECT idx, event_id FROM event_mentions WHERE article_id = ?", (aid,))  # type: ignore[attr-defined]
        return ArticleLinks(group[0]["group_id"] if group else None,
                            tuple(sorted(r["storyline_id"] for r in lines)),
                            {r["idx"]: r["event_id"] for r in sorted(events, key=lambda r: r["idx"])})


def insert_groups(c: Any, groups: Iterable[DuplicateGroup]) -> None:
    rows = [(a, g.id, g.similarity) for g in groups for a in g.articles]
    if rows:
        c.executemany("INSERT INTO article_groups (article_id, group_id, similarity) VALUES (?, ?, ?)", rows)


def insert_events(c: Any, events: Iterable[MergedEvent]) -> None:
    """Merged events and their mentions: one executemany per table (a round trip per row
    is slow on a server)."""
    events = list(events)
    if not events:
        return
    c.executemany(
        "INSERT INTO merged_events (id, type, date, sources_json, targets_json, cameo, "
        "quad_class, goldstein, first_seen, num_mentions, num_articles, num_sources, "
        "first_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e.id, e.type, e.date, dumps(list(e.sources)), dumps(list(e.targets)), e.cameo,
          e.quad_class, e.goldstein, e.first_seen, e.num_mentions, e.num_articles,
          e.num_sources, _sorted_dumps(_detail(e.first))) for e in events])
    c.executemany(
        "INSERT INTO event_mentions (event_id, pos, article_id, idx, source, published, "
        "date, trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, "
        "sentence_text, detail_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e.id, pos, m.article_id, m.index, m.source, m.published, m.date,
          m.trigger.start, m.trigger.end, m.trigger.text, m.sentence.start,
          m.sentence.end, m.sentence.text, _sorted_dumps(_detail(m)))
         for e in events for pos, m in enumerate(e.mentions)])


def insert_storylines(c: Any, storylines: Iterable[Storyline]) -> None:
    storylines = list(storylines)
    if not storylines:
        return
    c.executemany("INSERT INTO storylines (id, name, first_date, last_date, actors_json, terms_json, size) "
                  "VALUES (?,?,?,?,?,?,?)",
                  [(s.id, s.name, s.first_date, s.last_date, dumps(list(s.actors)), dumps(list(s.terms)),
                    len(s.articles)) for s in storylines])
    rows = [(s.id, a) for s in storylines for a in s.articles]
    if rows:
        c.executemany("INSERT INTO storyline_articles (storyline_id, article_id) VALUES (?, ?)", rows)


def insert_state(c: Any, state: dict[str, Any]) -> None:
    if state:
        c.executemany("INSERT INTO crossdoc_state (key, value) VALUES (?, ?)",
                      [(k, _sorted_dumps(v)) for k, v in sorted(state.items())])


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def _detail(m: Mention) -> dict:
    d = {f: getattr(m, f) for f in MENTION_DETAIL}
    for f in ("sources", "targets", "source_names", "target_names", "source_sectors", "target_sectors"):
        d[f] = list(d[f])
    d["place"] = list(m.place) if m.place is not None else None
    return d


def _mention(r: dict, type_: str) -> Mention:
    d = json.loads(r["detail_json"])
    for f in ("sources", "targets", "source_names", "target_names", "source_sectors", "target_sectors"):
        d[f] = tuple(d[f])
    d["place"] = tuple(d["place"]) if d["place"] is not None else None
    return Mention(article_id=r["article_id"], index=r["idx"], type=type_, date=r["date"],
                   published=r["published"], source=r["source"],
                   trigger=Span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
                   sentence=Span(r["sentence_start"], r["sentence_end"], r["sentence_text"]), **d)
