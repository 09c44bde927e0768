"""Lists and aggregates asked of the database (store/lists.py, query.py, search.py), on
SQLite and PostgreSQL: every list's total is its true length, pages walk every row once
in the asked order, and counts, facets, the daily series and dyads agree with the list."""
from __future__ import annotations

import pytest

from samples_lists import corpus, facts, matches
from sitroom.errors import UsageError
from sitroom.store import open_store
from sitroom.store.query import EVENT_SORTS, EventQuery

QUERIES = [
    {}, {"source": "RUR"}, {"target": "FRE"}, {"involving": "SYL"}, {"source": "RUR", "target": "FRE"},
    {"sector": "MIL"}, {"person": "firefly"}, {"person": "Vera Trentino"}, {"type": "ASSAULT"},
    {"cameo": "19"}, {"quad_class": 3}, {"since": "2022-02-01"}, {"until": "2022-01-31"},
    {"since": "2022-02-10", "until": "2022-02-10"}, {"outlet": "Valley Times"}, {"negated": False},
    {"hypothetical": True}, {"min_confidence": 0.5}, {"source": "FRE", "type": "CONSULT", "negated": False},
    {"involving": "LEA", "min_confidence": 0.6, "since": "2022-01-15"}, {"source": "NOBODY"},
]


@pytest.fixture
def lists(target):
    s = open_store(target)
    s.write(corpus())
    yield s
    s.close()


def walk(store, q, sort=None, limit=7):
    rows, cursor, pages = [], None, 0
    while True:
        page = store.event_page(q, sort=sort, cursor=cursor, limit=limit)
        rows += page.items
        pages += 1
        assert page.total == store.count_events(q)
        assert page.truncated == (len(page.items) < page.total)
        if page.next is None:
            return rows, pages
        cursor = page.next


@pytest.mark.parametrize("raw", QUERIES, ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()) or "all")
def test_every_filter_finds_what_the_records_say(lists, raw):
    expected = {f.key for f in facts(corpus()) if matches(f, raw)}
    q = EventQuery.of(**raw)
    rows, _ = walk(lists, q)
    got = [(e["article_id"], e["idx"]) for e in rows]
    assert len(got) == len(set(got)) and set(got) == expected
    assert lists.count_events(q) == len(expected)
    assert [(e["article_id"], e["idx"]) for e in lists.iter_events(q, batch=5)] == got


def _key(e, key):
    return e["day"] if key == "day" else e[key]


@pytest.mark.parametrize("key", list(EVENT_SORTS))
@pytest.mark.parametrize("desc", [True, False])
def test_pages_come_in_the_asked_order_with_empty_values_last(lists, key, desc):
    sort = ("-" if desc else "") + key
    rows, pages = walk(lists, EventQuery(), sort=sort)
    assert pages > 1 and len(rows) == lists.count_events()
    values = [_key(e, key) for e in rows]
    present = [v for v in values if v is not None]
    assert values[:len(present)] == present  # None (no day, no score) at the end either way
    assert present == sorted(present, reverse=desc)
    # ties are broken by id in the same direction, so no row repeats or goes missing
    pairs = [(_key(e, key), e["id"]) for e in rows if _key(e, key) is not None]
    assert pairs == sorted(pairs, reverse=desc)


def test_events_are_newest_first_by_default(lists):
    page = lists.event_page(limit=5)
    assert page.sort == "-day"
    days = [e["day"] for e in page.items]
    assert days == sorted(days, reverse=True) and days[0] == max(f.day for f in facts(corpus()) if f.day)
    assert page.items[0]["url"].startswith("https://news.example/")


@pytest.mark.parametrize("bad", [{"sort": "id; DROP TABLE events"}, {"sort": "title"},
                                 {"cursor": "not-a-cursor"}, {"limit": 0}, {"limit": 5000}])
def test_bad_sort_cursor_or_limit_is_a_usage_error_naming_it(lists, bad):
    with pytest.raises(UsageError) as e:
        lists.event_page(**bad)
    assert next(iter(bad)) in str(e.value)


def test_a_cursor_of_another_sort_is_refused(lists):
    nxt = lists.event_page(limit=3).next
    with pytest.raises(UsageError, match="same sort"):
        lists.event_page(sort="confidence", cursor=nxt)


@pytest.mark.parametrize("raw", [{"cameo": "1x"}, {"source": "R U R"}, {"negated": "maybe"},
                                 {"min_confidence": 2}, {"since": "yesterday"}, {"colour": "red"}])
def test_bad_filter_values_name_the_parameter(raw):
    with pytest.raises(UsageError) as e:
        EventQuery.of(**raw)
    assert next(iter(raw)) in str(e.value)


@pytest.mark.parametrize("raw", QUERIES[:12], ids=str)
def test_each_day_of_the_series_is_the_count_of_that_days_list(lists, raw):
    q = EventQuery.of(**raw)
    series = lists.event_series(q)
    assert series["total"] == lists.count_events(q)
    assert sum(d["events"] for d in series["days"]) + series["undated"] == series["total"]
    for d in series["days"]:
        day_q = EventQuery.of(**{**raw, "since": max(raw.get("since", d["date"]), d["date"]),
                                 "until": min(raw.get("until", d["date"]), d["date"])})
        assert lists.count_events(day_q) == d["events"], d["date"]
        assert sum(d[f"q{c}"] for c in range(5)) <= d["events"]
        for c in range(5) if "quad_class" not in raw else ():
            assert lists.count_events(day_q.but(quad_class=c)) == d[f"q{c}"]


def test_the_series_scores_goldstein_per_day(lists):
    by_day: dict[str, list] = {}
    for f in facts(corpus()):
        if f.day:
            by_day.setdefault(f.day, []).append(f.event.goldstein)
    for d in lists.event_series()["days"]:
        scores = [g for g in by_day[d["date"]] if g is not None]
        assert d["goldstein_sum"] == round(sum(scores), 2)
        assert d["goldstein_mean"] == (round(round(sum(scores), 2) / len(scores), 2) if scores else None)


@pytest.mark.parametrize("raw", [{}, {"min_confidence": 0.5}, {"type": "THREATEN"}], ids=str)
def test_facet_counts_are_the_totals_of_their_lists(lists, raw):
    q = EventQuery.of(**raw)
    facets = lists.event_facets(q, n=3)
    field = {"type": "type", "quad_class": "quad_class", "source": "source", "target": "target",
             "outlet": "outlet"}
    for name, facet in facets.items():
        for value, n in facet["items"]:
            assert lists.count_events(q.but(**{field[name]: value})) == n, (name, value)
    assert facets["source"]["truncated"] == (len({f.event.source[0].actor.code for f in facts(corpus())
                                                   if matches(f, raw)}) > 3)


def test_dyads_count_the_events_of_each_pair(lists):
    page = lists.event_dyads(EventQuery.of(min_confidence=0.5))
    assert page.total == len(page.items) > 3
    for d in page.items:
        assert d["source"] != d["target"]
        q = EventQuery.of(source=d["source"], target=d["target"], min_confidence=0.5)
        assert lists.count_events(q) == d["weight"]
        assert sum(d["by_quad_class"].values()) <= d["weight"]
    cut = lists.event_dyads(n=2)
    assert len(cut.items) == 2 and cut.truncated and cut.total == lists.event_dyads().total


def test_the_network_keeps_the_busiest_actors_and_says_when_it_is_cut(lists):
    whole = lists.event_network()
    assert not whole["truncated"] and {n["code"] for n in whole["nodes"]} == {"RUR", "FRE", "SYL", "LEA"}
    small = lists.event_network(max_nodes=2)
    assert len(small["nodes"]) == 2 and small["truncated"] and small["total_nodes"] == 4
    assert all(e["source"] in {n["code"] for n in small["nodes"]} for e in small["edges"])


def _walk_dated(method, **kw):
    rows, cursor = [], None
    while True:
        page = method(**kw, cursor=cursor, limit=4)
        rows += page.items
        assert page.truncated == (len(page.items) < page.total)
        if page.next is None:
            return rows, page.total
        cursor = page.next


@pytest.mark.parametrize("method,filters,count", [
    ("quote_page", {}, lambda a, e: len(e.quotes)),
    ("quote_page", {"outlet": "Harbour Gazette"}, lambda a, e: len(e.quotes) * (a.source == "Harbour Gazette")),
    ("claim_page", {"unit": "tanks"}, lambda a, e: sum(q.unit == "tanks" for q in e.quantities)),
    ("claim_page", {"since": "2022-02-01", "until": "2022-02-28"},
     lambda a, e: len(e.quantities) * bool(a.published and "2022-02-01" <= a.published <= "2022-02-28")),
    ("article_page", {}, lambda a, e: 1),
    ("article_page", {"outlet": "Northern Wire"}, lambda a, e: a.source == "Northern Wire"),
])
def test_dated_lists_are_newest_first_with_true_totals(lists, method, filters, count):
    rows, total = _walk_dated(getattr(lists, method), **filters)
    assert total == len(rows) == sum(count(a, e) for a, e in corpus())
    assert len({(r.get("article_id"), r.get("id")) for r in rows}) == len(rows)
    days = [r["published"] for r in rows if r["published"]]
    assert days == sorted(days, reverse=True)
    assert all(r["published"] is None for r in rows[len(days):])


def test_articles_sort_by_title_both_ways(lists):
    up, _ = _walk_dated(lists.article_page, sort="title")
    down, _ = _walk_dated(lists.article_page, sort="-title")
    assert [r["title"] for r in up] == sorted(r["title"] for r in up) == [r["title"] for r in down][::-1]


@pytest.mark.parametrize("kind,q,expected", [
    ("events", "shelled", lambda f: "shelled" in f.event.sentence.text),
    ("events", '"praised the league"', lambda f: "praised the league" in f.event.sentence.text.lower()),
])
def test_search_events_has_totals_pages_hits_and_facets(lists, kind, q, expected):
    want = {f.key for f in facts(corpus()) if expected(f)}
    seen, cursor = [], 0
    while cursor is not None:
        page = lists.search_page(q, kind=kind, offset=cursor, limit=6)
        assert page.total == len(want)
        seen += [(r["article_id"], r["idx"]) for r in page.items]
        assert all("«" in r["snippet"] and "»" in r["snippet"] for r in page.items)
        cursor = int(page.next) if page.next else None
    assert set(seen) == want and len(seen) == len(want)
    outlets = page.extra["facets"]["outlet"]["items"]
    for outlet, n in outlets:
        assert lists.search_page(q, kind=kind, outlet=outlet).total == n


@pytest.mark.parametrize("kind", ["articles", "quotes", "claims"])
def test_search_other_kinds_count_and_narrow(lists, kind):
    q = {"articles": "river", "quotes": "crossing", "claims": "tanks"}[kind]
    page = lists.search_page(q, kind=kind, limit=3)
    truth = {"articles": len(corpus()),
             "quotes": sum(len(e.quotes) for _, e in corpus()),
             "claims": sum(q_.unit == "tanks" for _, e in corpus() for q_ in e.quantities)}[kind]
    assert page.total == truth and len(page.items) == min(3, truth)
    for name in ("outlet", "month", "actor"):
        for value, n in page.extra["facets"][name]["items"][:2]:
            narrow = {"outlet": {"outlet": value}, "month": {"since": value, "until": value},
                      "actor": {"actor": value}}[name]
            assert lists.search_page(q, kind=kind, **narrow).total == n, (name, value)


def test_search_refuses_unknown_kinds(lists):
    with pytest.raises(UsageError, match="kind"):
        lists.search_page("river", kind="tweets")


def test_kept_aggregates_follow_new_writes_and_callers_cannot_spoil_them(target):
    pairs = corpus()
    with open_store(target) as s:
        s.write(pairs[:20])
        before = s.event_series()
        before["days"].clear()  # a caller adding to (or emptying) its answer
        assert s.event_series()["days"], "the kept answer was changed by a caller"
        first = (s.count_events(), s.event_dyads().total, s.counts()["events"])
        with open_store(target) as other:  # another connection writes: the answers follow
            other.write(pairs[20:])
        after = (s.count_events(), s.event_dyads().total, s.counts()["events"])
        assert after[0] == len(facts(pairs)) > first[0] and after[2] > first[2]
        assert s.event_series()["total"] == after[0]


def test_kept_answers_are_bounded_in_bytes(store, monkeypatch):
    """store.cached keeps answers until the data changes, the oldest dropped first when
    their pickled bytes pass CACHE_BYTES (a board page's answer is half a megabyte)."""
    from sitroom.store import lists

    monkeypatch.setattr(lists, "CACHE_BYTES", 50_000)
    lists._CACHE.clear()
    calls = []

    def big(i):
        calls.append(i)
        return "x" * 20_000 + str(i)

    for i in range(5):
        assert store.cached("bytes-test", i, lambda i=i: big(i)).endswith(str(i))
    assert sum(map(len, lists._CACHE.values())) <= 50_000
    store.cached("bytes-test", 4, lambda: big(99))   # the newest is kept ...
    store.cached("bytes-test", 0, lambda: big(0))    # ... the oldest was dropped
    assert calls == [0, 1, 2, 3, 4, 0]
