"""Queries over a store filled with hand-built records (see samples_store.py)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import UsageError
from sitroom.store import Store, open_store
from sitroom.store.base import search_chunks, search_phrases

from samples_store import corpus


def ids(rows, key="id"):
    return [r[key] for r in rows]


def kinds(events):
    return [(e["article_id"], e["type"]) for e in events]


# ---------------------------------------------------------------- events

def test_events_are_ordered_by_day_then_id_undated_last(store):
    # a1 REQUEST (article date 2021-12-17), a1 REJECT (event date 2021-12-18),
    # a2 MOBILIZE (event 2022-01-09), a2 REJECT (article 2022-01-10), a3 (no date at all)
    assert kinds(store.events()) == [("a1", "REQUEST"), ("a1", "REJECT"), ("a2", "MOBILIZE"),
                                     ("a2", "REJECT"), ("a3", "CONSULT")]


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "RUS"}, [("a1", "REQUEST"), ("a2", "MOBILIZE")]),
    ({"actor": "rus"}, [("a1", "REQUEST"), ("a2", "MOBILIZE")]),
    ({"target": "RUS"}, [("a1", "REJECT"), ("a2", "REJECT")]),
    ({"actor": "NATO", "target": "RUS"}, [("a2", "REJECT")]),
    ({"actor": "XYZ"}, []),
    ({"type": "REJECT"}, [("a1", "REJECT"), ("a2", "REJECT")]),
    ({"type": "mobilize"}, [("a2", "MOBILIZE")]),
    ({"quad_class": 3}, [("a1", "REJECT"), ("a2", "REJECT")]),
    ({"quad_class": "4"}, [("a2", "MOBILIZE")]),
    ({"since": "2021-12-18"}, [("a1", "REJECT"), ("a2", "MOBILIZE"), ("a2", "REJECT")]),
    ({"until": "2021-12-17"}, [("a1", "REQUEST")]),
    ({"until": "2021-12"}, [("a1", "REQUEST"), ("a1", "REJECT")]),
    ({"since": "2022", "until": "2022-01-09"}, [("a2", "MOBILIZE")]),
    ({"since": "2022-01-10T00:00:00"}, [("a2", "REJECT")]),
    ({"article": "a3"}, [("a3", "CONSULT")]),
    ({"article": "nope"}, []),
])
def test_event_filters(store, filters, expected):
    assert kinds(store.events(**filters)) == expected


def test_events_limit_and_offset(store):
    assert kinds(store.events(limit=2, offset=1)) == [("a1", "REJECT"), ("a2", "MOBILIZE")]


def test_event_rows_carry_spans_actors_and_flags(store):
    ev = store.events(type="REJECT", article="a1")[0]
    assert ev["trigger"] == {"start": 49, "end": 57, "text": "rejected"}
    assert ev["sentence"]["text"] == "The U.S. rejected the demand on Friday."
    assert [a["code"] for a in ev["source"]] == ["USA"] and [a["code"] for a in ev["target"]] == ["RUS"]
    assert ev["source"][0]["text"] == "U.S." and ev["source"][0]["anonymous"] is False
    assert ev["context"] == ["military"] and ev["future"] is True and ev["negated"] is False
    assert ev["location"]["country"] == "UKR"
    assert ev["date"] == "2021-12-18" and ev["published"] == "2021-12-17" and ev["outlet"] == "Axios"


@pytest.mark.parametrize("filters, valid", [
    ({"quad_class": 9}, "0 neutral"),
    ({"quad_class": "x"}, "0 neutral"),
    ({"type": "HUG"}, "ASSAULT"),
    ({"since": "yesterday"}, "YYYY-MM-DD"),
    ({"until": "2021-13-01"}, "YYYY-MM-DD"),
    ({"limit": -1}, ">= 0"),
])
def test_bad_event_filters_name_the_valid_values(store, filters, valid):
    with pytest.raises(UsageError, match=valid):
        store.events(**filters)


# ---------------------------------------------------------------- quotes

@pytest.mark.parametrize("speaker, expected", [
    (None, ["a1", "a2", "a3"]),
    ("RUS", ["a1"]),
    ("putin", ["a1"]),          # mention text, any case
    ("russia", ["a1"]),         # actor name
    ("nato", ["a2"]),
    ("senior official", ["a3"]),
    ("us", []),                 # whole words only: not "Russia"
    ("%", []),                  # LIKE wildcards are literal
    ("", ["a1", "a2", "a3"]),
])
def test_quotes_by_speaker(store, speaker, expected):
    assert ids(store.quotes(speaker=speaker), "article_id") == expected


def test_quote_rows(store):
    q = store.quotes(speaker="RUS")[0]
    assert q["kind"] == "direct" and q["content"]["text"] == "We will respond."
    assert q["cue"]["text"] == "said"
    assert q["speaker"]["text"] == "Putin" and q["speaker"]["code"] == "RUS"
    anon = store.quotes(speaker="senior official")[0]["speaker"]
    assert anon["code"] is None and anon["anonymous"] is True


# ---------------------------------------------------------------- search

def test_search_finds_words_in_text_and_title_with_snippet(store):
    rows = store.search("rejected demand")
    assert ids(rows) == ["a1"]
    assert "«rejected»" in rows[0]["snippet"]
    assert ids(store.search("answers")) == ["a2"]  # title only


def test_search_stems_and_quoted_phrases(store):
    assert sorted(ids(store.search("troop"))) == ["a1", "a2"]  # "troops" in both
    assert ids(store.search('"will respond"')) == ["a1"]
    assert ids(store.search('"respond will"')) == []
    assert ids(store.search("U.S.")) == ["a1"] and ids(store.search('"the U.S. rejected"')) == ["a1"]


@pytest.mark.parametrize("q", ['"', 'NEAR(', "*", "a OR", "'; DROP TABLE articles; --", "(", ")",
                               "AND", "title:nato", '"unbalanced', "^", "nato - russia", "\x00", "", "   "])
def test_hostile_search_text_never_raises(store, q):
    assert isinstance(store.search(q), list)
    assert store.counts()["articles"] == 3


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_search_text_is_safe(store, q):
    assert isinstance(store.search(q), list)


@pytest.mark.parametrize("q, phrases", [
    ("russia troops", [["russia"], ["troops"]]),
    ('"will respond" putin', [["will", "respond"], ["putin"]]),
    ("U.S. NEAR(x, y)", [["U", "S"], ["NEAR", "x"], ["y"]]),
    ('"unbalanced quote', [["unbalanced"], ["quote"]]),
    ("* ( ) ; --", []),
])
def test_search_phrases(q, phrases):
    assert search_phrases(q) == phrases


@pytest.mark.parametrize("q, chunks", [
    ("U.S. troops", ["U.S.", "troops"]),
    ('"will respond" putin', ["will respond", "putin"]),
    ('* ( ) "" ; --', []),
])
def test_search_chunks_keep_each_phrase_as_written(q, chunks):
    assert search_chunks(q) == chunks
    assert search_phrases(q) == [c.replace(".", " ").split() for c in chunks]


def test_store_satisfies_the_protocol(store):
    assert isinstance(store, Store)


def test_empty_search_is_empty(store):
    assert store.search("") == [] and store.search("*") == []


# ---------------------------------------------------------------- actors

def test_actors_with_mention_counts(store):
    rows = {r["code"]: r for r in store.actors()}
    assert set(rows) == {"RUS", "USA", "NATO"}
    # RUS: a1 "Russia" x2 + "Putin", a2 "Moscow" + "Russian"
    assert (rows["RUS"]["mentions"], rows["RUS"]["articles"]) == (5, 2)
    assert rows["RUS"]["kind"] == "state"  # a person's actor does not rename the state
    assert store.actors()[0]["code"] == "RUS"


def test_actor_detail(store):
    a = store.actor("RUS")
    assert {x["text"] for x in a["aliases"]} == {"Russia", "Moscow", "Russian"}  # Putin: a person
    assert a["people"] == [{"name": "Vladimir Putin", "role": "President", "articles": 1}]
    assert a["events"] == {"source": 2, "target": 2} and a["quotes"] == 1
    assert a["mentions_recent"][0]["article_id"] == "a2"  # newest first
    m = a["mentions_recent"][-1]
    assert store.article(m["article_id"])["text"][m["start"]:m["end"]] == m["text"]


def test_actor_lookup_ignores_case_and_unknown_is_none(store):
    assert store.actor("nato")["code"] == "NATO"
    assert store.actor("XYZ") is None


# ---------------------------------------------------------------- proposals, positions, claims

def test_proposals_with_their_stances(store):
    (p,) = store.proposals()
    assert p["text"]["text"] == "NATO halt its expansion"
    assert [a["code"] for a in p["by"]] == ["RUS"] and [a["code"] for a in p["addressee"]] == ["NATO"]
    assert [i["text"] for i in p["items"]] == ["halt its expansion"]
    assert [(x["holder"]["code"], x["stance"]) for x in p["positions"]] == [("USA", "reject")]


def test_positions(store):
    rows = store.positions()
    assert [(r["holder"]["code"], r["stance"], r["proposal_text"]) for r in rows] == [
        ("USA", "reject", "NATO halt its expansion"), ("NATO", "reject", None)]


@pytest.mark.parametrize("unit, expected", [
    ("troops", [("a1", 100000, "exact"), ("a2", 10000, "about")]),
    ("USD", [("a2", 2000000000, "exact")]),
    ("tanks", []),
    (None, [("a1", 100000, "exact"), ("a2", 10000, "about"), ("a2", 2000000000, "exact")]),
])
def test_quantities_as_claims_over_time(store, unit, expected):
    rows = store.quantities(unit=unit)
    assert [(r["article_id"], r["value"], r["approx"]) for r in rows] == expected


def test_claim_rows(store):
    r = store.quantities(unit="troops")[0]
    assert r["published"] == "2021-12-17" and r["source"] == "Axios"
    assert r["text"] == "100,000 troops" and r["of"]["text"] == "troops"


# ---------------------------------------------------------------- listing

def test_articles_newest_first_undated_last(store):
    rows = store.articles()
    assert ids(rows) == ["a2", "a1", "a3"]
    assert rows[1]["source"] == "Axios" and rows[1]["events"] == 2
    assert ids(store.articles(limit=1, offset=1)) == ["a1"]


def test_empty_store_answers_every_query(store_factory):
    with open_store(store_factory("empty")) as s:
        assert s.events() == [] and s.quotes() == [] and s.actors() == [] and s.search("x") == []
        assert s.proposals() == [] and s.positions() == [] and s.quantities() == []
        assert list(s.iter_extractions()) == [] and s.actor("RUS") is None


# ---------------------------------------------------------------- both backends at once

SAME_ANSWERS = [("counts", {}), ("articles", {}), ("article", {"id": "a1"}), ("actors", {}),
                ("actor", {"code": "RUS"}), ("events", {}), ("events", {"actor": "RUS", "since": "2021-12"}),
                ("quotes", {}), ("quotes", {"speaker": "putin"}), ("proposals", {}), ("positions", {}),
                ("quantities", {}), ("has_articles", {"ids": ["a1", "a3", "zz"]}), ("migrations", {})]


def _no_clock(value):
    if isinstance(value, list):
        return [_no_clock(v) for v in value]
    if isinstance(value, dict):
        return {k: _no_clock(v) for k, v in value.items() if k != "ingested_at"}
    return value


@pytest.mark.postgres
def test_postgres_gives_the_same_answers_as_sqlite(pg_server, tmp_path):
    with open_store(tmp_path / "same.db") as lite, open_store(pg_server.database("same")) as pg:
        lite.write(corpus())
        pg.write(corpus())
        for method, kwargs in SAME_ANSWERS:
            assert _no_clock(getattr(pg, method)(**kwargs)) == _no_clock(getattr(lite, method)(**kwargs)), method
        assert [(a.to_dict(), e.to_dict()) for a, e in pg.iter_extractions()] == [
            (a.to_dict(), e.to_dict()) for a, e in lite.iter_extractions()]
        for q in ("troop", "answers", '"will respond"', "rejected demand", "nato russia"):
            assert ids(pg.search(q)) == ids(lite.search(q)), q


@pytest.mark.postgres
@pytest.mark.parametrize("q, snippet", [
    ("answers", "NATO «answers»"),  # in the title only: the title is the snippet
    ("expansion", "Russia demands NATO halt its «expansion». The U.S."),  # text before title
    ("troops", "«troops» and 2 billion dollars of equipment."),  # the text's end, its "." too
])
def test_postgres_snippets_mark_matches_and_cuts(pg_server, q, snippet):
    with open_store(pg_server.database("snippets")) as pg:
        pg.write(corpus())
        got = [r["snippet"] for r in pg.search(q)]
        assert any(snippet in s for s in got), got
        assert all(s.startswith(("…", "NATO", "Russia")) for s in got), got
