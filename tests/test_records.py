import pickle

import pytest

from sitroom.records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Place, Position,
                             Proposal, Quantity, Quote, Span, TimeExpr)

TEXT = "Russia massed more than 100,000 troops near Ukraine on Friday, U.S. officials said."


def s(a: str) -> Span:
    i = TEXT.index(a)
    return Span.of(TEXT, i, i + len(a))


def full_extraction() -> Extraction:
    rus = ActorSpan(s("Russia"), Actor("RUS", "Russia", "GOV", kind="state"))
    ukr = ActorSpan(s("Ukraine"), Actor("UKR", "Ukraine"))
    usa = ActorSpan(s("U.S. officials"), Actor("USA", "United States", "GOV", anonymous=True))
    return Extraction(
        article_id="a1", title="t", published="2021-12-17", section="World",
        entities=(Entity(s("Russia"), "GPE", rus.actor), Entity(s("Friday"), "DATE")),
        events=(Event("MOBILIZE", s("massed"), Span.of(TEXT, 0, len(TEXT)), (rus,), (ukr,),
                      cameo="154", quad_class=4, goldstein=-7.2, date="2021-12-17",
                      location=Place(s("Ukraine"), "Ukraine", "UKR", 49.0, 32.0, 690791)),),
        quotes=(Quote("indirect", s("Russia massed"), s("said"), usa),),
        proposals=(Proposal(s("Russia"), (rus,), (ukr,), (s("troops"),)),),
        positions=(Position(usa, "reject", s("said"), 0),),
        quantities=(Quantity(s("more than 100,000 troops"), 100000, "troops", "more_than", s("troops")),),
        times=(TimeExpr(s("Friday"), "2021-12-17", "day", True),),
        places=(Place(s("Ukraine"), "Ukraine", "UKR", 49.0, 32.0, 690791),),
    )


def test_extraction_round_trips_through_json_dict():
    x = full_extraction()
    d = x.to_dict()
    assert d["contract"] == "sitroom.extract/1"
    assert Extraction.from_dict(d).to_dict() == d


def test_every_span_in_contract_matches_text():
    def spans(o):
        if isinstance(o, dict):
            if {"start", "end", "text"} <= o.keys():
                yield o
            for v in o.values():
                yield from spans(v)
        elif isinstance(o, list):
            for v in o:
                yield from spans(v)

    found = list(spans(full_extraction().to_dict()))
    assert len(found) > 10
    assert all(TEXT[x["start"]:x["end"]] == x["text"] for x in found)


def test_missing_extractors_leave_keys_absent_but_empty_lists_stay():
    d = Extraction("a", entities=(), events=None).to_dict()
    assert d["entities"] == [] and "events" not in d and "quotes" not in d


def test_records_pickle():
    x = full_extraction()
    assert pickle.loads(pickle.dumps(x)) == x


@pytest.mark.parametrize("value,expected", [(100000.0, 100000), (1.5, 1.5)])
def test_quantity_values_print_as_numbers(value, expected):
    q = Quantity(s("troops"), value, "troops")
    assert q.to_dict()["value"] == expected and type(q.to_dict()["value"]) is type(expected)


def test_article_round_trip():
    a = Article("x", TEXT, title="T", boilerplate=((0, 6),))
    assert Article.from_dict(a.to_dict()) == a


def _record_classes():
    import dataclasses

    import sitroom.records as records

    return [v for v in vars(records).values() if isinstance(v, type) and dataclasses.is_dataclass(v)
            and v.__module__ == records.__name__]


def test_every_record_pickles_its_field_values_in_order_and_stays_frozen_after():
    import dataclasses

    x = full_extraction()
    assert len(_record_classes()) > 15
    for cls in _record_classes():
        assert "__getstate__" in vars(cls) and "__setstate__" in vars(cls), cls
    back = pickle.loads(pickle.dumps(x))
    assert back == x and back.events[0].__getstate__() == tuple(
        getattr(x.events[0], f.name) for f in dataclasses.fields(x.events[0]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.events[0].type = "AID"


def test_a_state_pickled_by_the_dataclass_itself_still_restores():
    # before the quick state, a record's pickled state was the list of its field values
    x = full_extraction()
    event = x.events[0]
    old = [getattr(event, f) for f in type(event).__slots__]
    restored = type(event).__new__(type(event))
    restored.__setstate__(old)
    assert restored == event
