"""One fact by id (store/single.py), on SQLite and PostgreSQL alike."""
from __future__ import annotations

import pytest

from sitroom.errors import UsageError
from sitroom.records import DuplicateGroup, Mention, MergedEvent, Span, Storyline


def _ids(store, kind: str) -> dict[tuple[str, int], int]:
    rows = getattr(store, kind)(limit=100)
    return {(r["article_id"], r["idx"]): r["id"] for r in rows}


def _merged() -> MergedEvent:
    m1 = Mention("a1", 1, "REJECT", ("USA",), ("RUS",), "2021-12-18", "2021-12-17", "Axios",
                 Span(44, 52, "rejected"), Span(40, 79, "The U.S. rejected the demand on Friday."))
    m2 = Mention("a2", 0, "REJECT", ("NATO",), ("RUS",), "2022-01-10", "2022-01-10", "BBC",
                 Span(17, 27, "not accept"), Span(0, 45, "NATO said it will not accept Russian demands."))
    return MergedEvent("m-1", "REJECT", "2021-12-18", ("USA",), ("RUS",), "12", 3, -4.0, "2021-12-17",
                       2, 2, 2, (m1, m2))


def test_event_by_id_is_the_list_row_plus_its_place_in_the_article(store):
    listed = {e["id"]: e for e in store.events(limit=100)}
    eid = _ids(store, "events")[("a1", 1)]
    one = store.event(eid)
    assert {k: v for k, v in one.items() if k not in ("url", "merged_event")} == listed[eid]
    assert one["idx"] == 1 and one["trigger"]["text"] == "rejected"
    assert one["future"] is True and one["url"] == "https://example.org/a1"
    assert one["merged_event"] is None  # nothing linked yet
    assert store.event(str(eid)) == one


def test_unknown_ids_are_none_and_bad_ids_name_the_kind(store):
    assert store.event(10**9) is None and store.quote(10**9) is None and store.proposal(10**9) is None
    assert store.merged_event("no-such-event") is None
    for bad in ("abc", "-3", 0, "1.5"):
        with pytest.raises(UsageError, match="event id must be a whole number"):
            store.event(bad)
    with pytest.raises(UsageError, match="quote id"):
        store.quote("x")


def test_quote_and_proposal_by_id(store):
    qid = _ids(store, "quotes")[("a1", 0)]
    q = store.quote(qid)
    assert q["content"]["text"] == "We will respond." and q["speaker"]["person"] == "Vladimir Putin"
    assert q["idx"] == 0 and q["article_id"] == "a1"
    listed = {r["id"]: r for r in store.quotes(limit=100)}
    assert {k: v for k, v in q.items() if k != "url"} == listed[qid]
    pid = store.proposals(limit=10)[0]["id"]
    p = store.proposal(pid)
    assert p["text"]["text"] == "NATO halt its expansion"
    assert [x["stance"] for x in p["positions"]] == ["reject"]
    assert p["positions"][0]["holder"]["code"] == "USA"


def test_event_ids_maps_article_and_index_to_row_ids(store):
    ids = _ids(store, "events")
    got = store.event_ids([("a1", 0), ("a1", 1), ("a2", 1), ("a9", 0), ("a1", 7)])
    assert got == {k: ids[k] for k in [("a1", 0), ("a1", 1), ("a2", 1)]}
    assert store.event_ids([]) == {}


def test_proposal_ids_maps_article_and_index_to_row_ids(store):
    ids = _ids(store, "proposals")
    assert ids  # the sample articles have proposals
    wanted = sorted(ids)
    got = store.proposal_ids(wanted + [("a9", 0), (wanted[0][0], 99)])
    assert got == ids and len(set(got.values())) == len(got)
    assert store.proposal_ids([]) == {}


def test_merged_event_and_the_mention_link_of_an_event(store):
    merged = _merged()
    store.save_linked(groups=[DuplicateGroup("a1", ("a1", "a2"), 0.9)], events=[merged],
                      storylines=[Storyline("s-1", "NATO demands", "2021-12-17", "2022-01-10",
                                            ("RUS", "NATO"), ("nato",), ("a1", "a2"))],
                      state={"articles": 3})
    assert store.merged_event("m-1") == merged
    eid = _ids(store, "events")[("a1", 1)]
    assert store.event(eid)["merged_event"] == "m-1"
    other = _ids(store, "events")[("a1", 0)]
    assert store.event(other)["merged_event"] is None


def test_article_heads_give_titles_without_texts(store):
    heads = store.article_heads(["a2", "a1", "missing", "a1"])
    assert set(heads) == {"a1", "a2"}
    assert heads["a1"] == {"id": "a1", "title": "Russia demands NATO halt expansion",
                           "published": "2021-12-17", "url": "https://example.org/a1", "source": "Axios"}
    assert "text" not in heads["a2"] and heads["a2"]["source"] == "BBC"
    assert store.article_heads([]) == {}


def test_place_counts_are_counted_and_date_bounded(store):
    rows = store.place_counts()
    assert [(r["name"], r["country"], r["lat"], r["lon"], r["mentions"], r["articles"]) for r in rows] \
        == [("Ukraine", "UKR", 49.0, 32.0, 1, 1)]
    assert store.place_counts(since="2021-12-18") == []
    assert len(store.place_counts(since="2021-12", until="2021-12")) == 1
    with pytest.raises(UsageError, match="since"):
        store.place_counts(since="last week")
