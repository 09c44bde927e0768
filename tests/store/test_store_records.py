"""Records are lossless: what goes into a store comes back as equal records, on
SQLite and on PostgreSQL; the query results carry every field of an actor too."""
from __future__ import annotations

from samples_store import corpus, sp
from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Place, Position,
                             Proposal, Quantity, Quote)
from sitroom.store import open_store

TEXT = ("Between 100,000 and 130,000 Russian troops massed in the Donbas region, "
        "Defence Minister Oleksii Reznikov said, urging NATO to send help.")
REZNIKOV = Actor("UKR", "Ukraine", "GOV", kind="person", role="Defence Minister",
                 person="Oleksii Reznikov")
RUS = Actor("RUS", "Russia", "MIL", kind="state")
NATO = Actor("NATO", "NATO", "IGO", kind="igo")
DONBAS = Place(sp(TEXT, "Donbas region"), "Donbas", "UKR", 48.0, 38.0, 7729771, "region")


def every_field() -> tuple[Article, Extraction]:
    """One article whose records set every field the old ``to_dict`` dropped, in every
    place an actor or a place can sit."""
    t = TEXT
    speaker = ActorSpan(sp(t, "Defence Minister Oleksii Reznikov"), REZNIKOV)
    art = Article("r1", t, title="Troops massed", published="2022-02-01", source="Kyiv Post")
    ex = Extraction(
        "r1", title=art.title, published=art.published,
        entities=(Entity(sp(t, "Oleksii Reznikov"), "PERSON", REZNIKOV),),
        events=(Event("MOBILIZE", sp(t, "massed"), sp(t, t), source=(ActorSpan(sp(t, "Russian"), RUS),),
                      location=DONBAS, quad_class=4, goldstein=-2.8, confidence=0.6666667),
                Event("REQUEST", sp(t, "urging"), sp(t, t), source=(speaker,),
                      target=(ActorSpan(sp(t, "NATO"), NATO),), confidence=0.5)),
        quotes=(Quote("indirect", sp(t, "Between 100,000"), sp(t, "said"), speaker),),
        proposals=(Proposal(sp(t, "send help"), by=(speaker,), addressee=(ActorSpan(sp(t, "NATO"), NATO),)),),
        positions=(Position(speaker, "support", sp(t, "urging NATO to send help"), 0),),
        quantities=(Quantity(sp(t, "Between 100,000 and 130,000 Russian troops"), 100000, "troops",
                             "range", sp(t, "Russian troops"), high=130000),
                    Quantity(sp(t, "100,000"), 100000.5, "troops", "about", high=130000.25)),
        times=(),
        places=(DONBAS,),
    )
    return art, ex


def pairs() -> list[tuple[Article, Extraction]]:
    return [*corpus(), every_field()]


def test_contract_dict_round_trips_to_equal_records():
    for _, ex in pairs():
        assert Extraction.from_dict(ex.to_dict()) == ex


def test_contract_carries_the_fields_records_hold():
    d = every_field()[1].to_dict()
    assert d["quantities"][0]["high"] == 130000
    assert d["places"][0]["name"] == "Donbas" and d["places"][0]["feature"] == "region"
    assert d["events"][0]["location"]["feature"] == "region"
    speaker = d["quotes"][0]["speaker"]
    assert (speaker["kind"], speaker["role"], speaker["person"]) == (
        "person", "Defence Minister", "Oleksii Reznikov")
    assert d["entities"][0]["actor"]["person"] == "Oleksii Reznikov"


def test_stored_pairs_read_back_as_equal_records(target):
    written = pairs()
    with open_store(target) as store:
        assert store.write(written).stored == len(written)
    with open_store(target, readonly=True) as store:
        back = {a.id: (a, x) for a, x in store.iter_extractions()}
    for article, extraction in written:
        got_article, got_extraction = back[article.id]
        assert got_extraction == extraction
        # the store fills in the content hash it keys on; everything else is as written
        assert got_article.replace(content_hash=article.content_hash) == article


def test_real_extraction_reads_back_equal(target, seed_text):
    from sitroom.pipeline import extract

    art = Article("seed", seed_text, title="Seed", published="2021-12-17", source="Axios")
    ex = extract(art, min_confidence=0)
    assert ex.events, "the seed article has events"
    with open_store(target) as store:
        store.write([(art, ex)])
        ((_, back),) = list(store.iter_extractions())
    assert back == ex


def test_query_results_carry_every_actor_field(target):
    with open_store(target) as store:
        store.write([every_field()])
        (quote,) = store.quotes()
        request = [e for e in store.events() if e["type"] == "REQUEST"][0]
        (position,) = store.positions()
        (q_range, _) = store.quantities()
    speaker = ActorSpan(sp(TEXT, "Defence Minister Oleksii Reznikov"), REZNIKOV).to_dict()
    assert quote["speaker"] == speaker
    assert request["source"] == [speaker]
    assert position["holder"] == speaker
    assert (q_range["value"], q_range["high"]) == (100000, 130000)


def test_event_location_keeps_name_and_feature(target):
    with open_store(target) as store:
        store.write([every_field()])
        (ev,) = [e for e in store.events() if e["type"] == "MOBILIZE"]
    assert ev["location"] == DONBAS.to_dict()
    assert ev["confidence"] == 0.667
