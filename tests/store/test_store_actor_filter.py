"""The actor filter of ``events()`` walks event_actors on (role, code, [type,] day, event_id):
the same events, in the same order, as filtering the events themselves."""
from __future__ import annotations

import sqlite3

import pytest

from sitroom.records import Article, Event, Extraction
from sitroom.store import open_store

from samples_store import NATO, RUS, USA, asp, corpus, sp

T4 = "Russia and Moscow warned NATO. Russia threatened the U.S. and NATO."


def pair_four() -> tuple[Article, Extraction]:
    """No date; an actor named twice in one role; two targets."""
    t = T4
    return Article("a4", t), Extraction("a4", entities=(), events=(
        Event("THREATEN", sp(t, "warned"), sp(t, "Russia and Moscow warned NATO."),
              source=(asp(t, "Russia", RUS), asp(t, "Moscow", RUS)), target=(asp(t, "NATO", NATO),)),
        Event("THREATEN", sp(t, "threatened"), sp(t, "Russia threatened the U.S. and NATO."),
              source=(asp(t, "Russia", RUS, 1),), target=(asp(t, "U.S.", USA), asp(t, "NATO", NATO, 1))),
    ))


@pytest.fixture
def store(target):
    s = open_store(target)
    s.write([*corpus(), pair_four()])
    yield s
    s.close()


def kinds(events):
    return [(e["article_id"], e["type"]) for e in events]


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "RUS"}, [("a1", "REQUEST"), ("a2", "MOBILIZE"), ("a4", "THREATEN"), ("a4", "THREATEN")]),
    ({"actor": "RUS", "type": "THREATEN"}, [("a4", "THREATEN"), ("a4", "THREATEN")]),
    ({"actor": "RUS", "type": "REQUEST"}, [("a1", "REQUEST")]),
    ({"actor": "RUS", "since": "2022-01-01"}, [("a2", "MOBILIZE")]),
    ({"actor": "RUS", "until": "2021-12-31"}, [("a1", "REQUEST")]),
    ({"actor": "RUS", "quad_class": 4}, [("a2", "MOBILIZE")]),
    ({"actor": "RUS", "target": "USA"}, [("a4", "THREATEN")]),
    ({"target": "NATO"}, [("a1", "REQUEST"), ("a4", "THREATEN"), ("a4", "THREATEN")]),
    ({"actor": "RUS", "article": "a4"}, [("a4", "THREATEN"), ("a4", "THREATEN")]),
])
def test_actor_filter_finds_each_event_once_undated_last(store, filters, expected):
    assert kinds(store.events(**filters)) == expected


def test_actor_filter_pages_past_the_last_match(store):
    assert [e["trigger"]["text"] for e in store.events(actor="RUS", limit=2, offset=2)] == \
        ["warned", "threatened"]
    assert store.events(actor="RUS", limit=2, offset=4) == []


def test_event_actors_bulk_inserted_get_the_event_day_and_type(tmp_path):
    path = tmp_path / "bulk.db"
    with open_store(str(path)) as s:
        s.write(corpus())
    con = sqlite3.connect(path)
    con.execute("INSERT INTO event_actors (event_id, role, idx, code, start_char, end_char, text) "
                "SELECT id, 'target', 9, 'UKR', 0, 1, 'x' FROM events WHERE type = 'MOBILIZE'")
    con.commit()
    assert con.execute("SELECT day, type FROM event_actors WHERE code = 'UKR'").fetchall() == \
        [("2022-01-09", "MOBILIZE")]
    con.close()
    with open_store(str(path)) as s:
        assert kinds(s.events(target="UKR")) == [("a2", "MOBILIZE")]
