"""Flattening records into rows: actor mentions, people, actors."""
from __future__ import annotations

from samples_store import NATO, asp, pair_one, sp
from sitroom.records import Actor, Article, Entity, Extraction, Quote
from sitroom.store.rows import flatten

STOLTENBERG = Actor("NATO", "NATO", "IGO", kind="person", person="Jens Stoltenberg", role="Secretary-General")
TEXT = "NATO chief Jens Stoltenberg said no. NATO will meet."


def rows_of(extraction: Extraction):
    return flatten(Article("x", TEXT), extraction, "2021-12-17T00:00:00+00:00")


def test_overlapping_mentions_of_one_actor_count_once():
    ex = Extraction("x", entities=(Entity(sp(TEXT, "NATO"), "ORG", NATO),
                                   Entity(sp(TEXT, "Jens Stoltenberg"), "PERSON", STOLTENBERG),
                                   Entity(sp(TEXT, "NATO", 1), "ORG", NATO)),
                    quotes=(Quote("direct", sp(TEXT, "no"), sp(TEXT, "said"),
                                  asp(TEXT, "NATO chief Jens Stoltenberg", STOLTENBERG)),))
    r = rows_of(ex)
    assert [(m["text"], m["kind"]) for m in r.tables["mentions"]] == [("NATO", "igo"), ("NATO", "igo")]
    assert r.tables["people"] == [{"article_id": "x", "name": "Jens Stoltenberg", "code": "NATO",
                                   "role": "Secretary-General"}]
    assert r.actors == [{"code": "NATO", "name": "NATO", "sector": "IGO", "kind": "igo"}]


def test_a_person_alone_is_a_mention_of_their_actor():
    ex = Extraction("x", entities=(Entity(sp(TEXT, "Jens Stoltenberg"), "PERSON", STOLTENBERG),))
    r = rows_of(ex)
    assert [(m["text"], m["code"], m["person"]) for m in r.tables["mentions"]] == [
        ("Jens Stoltenberg", "NATO", "Jens Stoltenberg")]
    assert r.actors[0]["kind"] == "person"


def test_unresolved_and_unnamed_actors_are_not_mentions():
    ex = Extraction("x", entities=(Entity(sp(TEXT, "NATO"), "ORG", None),),
                    quotes=(Quote("direct", sp(TEXT, "no"), None,
                                  asp(TEXT, "NATO chief", Actor(None, None, "GOV", anonymous=True))),))
    assert rows_of(ex).tables["mentions"] == [] and rows_of(ex).actors == []


def test_event_day_falls_back_to_published():
    article, ex = pair_one()
    r = flatten(article, ex, "now")
    assert [e["day"] for e in r.tables["events"]] == ["2021-12-17", "2021-12-18"]
    assert [(a["event_idx"], a["role"], a["code"]) for a in r.event_actors] == [
        (0, "source", "RUS"), (0, "target", "NATO"), (1, "source", "USA"), (1, "target", "RUS")]
