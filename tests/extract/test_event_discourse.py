"""Rules of the event coder that read beyond the clause: who a counted plural ("the two
countries") or a demonstrative ("this is a lie") refers to, acts wanted of someone else,
and acts one undergoes. Each is pinned on sentences written for it."""
from __future__ import annotations

import pytest

import sitroom

from test_events import codes, find  # tests/extract/test_events.py


def events_of(text: str, published: str | None = "2011-03-02"):
    return list(sitroom.extract(text, published=published, min_confidence=0).events)


def show(evs):
    return [(e.type, e.trigger.text, sorted(codes(e.source)), sorted(codes(e.target))) for e in evs]


# ---- "the two countries", "both governments": the two actors named last
@pytest.mark.parametrize("text,pair", [
    ("Chile and Peru settled their border dispute in 2009. The two countries agreed to open "
     "a new crossing.", {"CHL", "PER"}),
    ("Kenya hosted Uganda's president on Monday. Both governments agreed to build a railway.",
     {"KEN", "UGA"}),
])
def test_counted_plural_refers_to_the_pair_named_last(text, pair):
    evs = events_of(text)
    e = find(evs, "AGREE")
    assert e is not None and codes(e.source) == pair, show(evs)


def test_counted_plural_with_a_third_actor_in_play_is_left_unresolved():
    # three states in the sentence that completes the count: which two is not said
    evs = events_of("Iran, Iraq and Syria held talks in Baghdad. The two countries agreed to reopen the border.")
    assert not any(e.type == "AGREE" and e.source and codes(e.source) for e in evs), show(evs)


def test_uncounted_or_indefinite_plural_refers_to_no_pair():
    evs = events_of("Chile and Peru held talks in 2009. Two countries agreed to open a new crossing.")
    assert not any(e.type == "AGREE" and codes(e.source) == {"CHL", "PER"} for e in evs), show(evs)


# ---- wanting an act of someone else is asking it of them
@pytest.mark.parametrize("text,source,target", [
    ("France wants Russia to withdraw its troops from Georgia.", "FRA", "RUS"),
    ("Kenya needs Uganda to reopen the border, the Kenyan minister said.", "KEN", "UGA"),
    ("Poland would like Germany to pay reparations.", "POL", "DEU"),
])
def test_wanting_anothers_act_is_a_request(text, source, target):
    evs = events_of(text)
    assert find(evs, "REQUEST", source, target) is not None, show(evs)


@pytest.mark.parametrize("text", [
    "France wants to withdraw its troops from Mali.",             # one's own act: an intention
    "Canada wants Ukrainians to know that it stands with them.",  # knowing is asked of no one
    "We want us all to stay calm, the Kenyan president said.",    # an exhortation of one's own side
    "We want you to show the world what happened in Peru, the Chilean president told reporters.",
])
def test_wanting_ones_own_act_or_knowledge_is_no_request(text):
    evs = events_of(text)
    assert find(evs, "REQUEST") is None, show(evs)


# ---- an accusation its target faces; a claim called a lie
def test_facing_charges_is_being_accused():
    evs = events_of("Brazil's former minister faces corruption charges.")
    e = find(evs, "ACCUSE", target="BRA")
    assert e is not None and not e.source, show(evs)


def test_a_fee_is_no_charge_of_wrongdoing():
    evs = events_of("The Brazilian bank added a service charge for foreign transfers.")
    assert find(evs, "ACCUSE") is None, show(evs)


def test_this_is_a_lie_accuses_who_spoke_before():
    evs = events_of("Russia accused Ukraine of shelling the town. This is a lie, Zelensky said.")
    e = [x for x in evs if x.trigger.text == "lie"]
    assert e and e[0].type == "ACCUSE" and codes(e[0].target) == {"RUS"}, show(evs)


def test_an_owners_claims_called_lies_accuse_the_owner_not_by_the_owner():
    evs = events_of("Moscow's claims are lies, the Polish foreign minister said.")
    e = find(evs, "ACCUSE", "POL", "RUS")
    assert e is not None, show(evs)


# ---- advocating an act: "spoke in favour of holding talks"
@pytest.mark.parametrize("text,source", [
    ("The Chilean president spoke in favour of holding talks with Bolivia.", "CHL"),
    ("France argued in favour of lifting the embargo on Cuba.", "FRA"),
    ("Asked about the border, the Chilean president spoke in favour of discussing the problem "
     "in direct contacts with Bolivia.", "CHL"),  # "of ..." hung on the verb by the parser
])
def test_speaking_in_favour_of_an_act_is_an_appeal(text, source):
    evs = events_of(text)
    e = [x for x in evs if x.type == "REQUEST" and x.trigger.text in ("spoke", "argued")]
    assert e and source in codes(e[0].source), show(evs)
    assert not any(x.type == "CONSULT" and x.trigger.text == "spoke" for x in evs), show(evs)


def test_speaking_in_favour_of_a_thing_is_no_event():
    evs = events_of("The Chilean senator spoke in favour of the bill.")
    assert not any(e.trigger.text == "spoke" for e in evs), show(evs)


# ---- a light verb's place or venue is no target when the act says whom it is against
@pytest.mark.parametrize("text,typ,source,target", [
    ("The US filed a complaint against the EU at the WTO on Monday.", "ACCUSE", "USA", "EU"),
    ("Chile lodged a protest against Peru with the United Nations.", "PROTEST", "CHL", "PER"),
])
def test_what_an_act_is_against_is_its_target(text, typ, source, target):
    evs = events_of(text)
    e = find(evs, typ, source)
    assert e is not None and codes(e.target) == {target}, show(evs)


# ---- a judgement no one is said to make, in a text that speaks for a side, is that side's
def test_unattributed_judgement_in_an_address_is_the_speakers_side():
    text = ("Dear Ukrainians, our army is holding the line. We are defending our land and our "
            "children. Our cities stand. Russia says our army is shelling its own towns. This is a lie.")
    evs = list(sitroom.extract(text, title="Address by the President of Ukraine to the nation",
                               published="2022-03-01", min_confidence=0).events)
    e = [x for x in evs if x.trigger.text == "lie"]
    assert e and codes(e[0].source) == {"UKR"} and codes(e[0].target) == {"RUS"}, show(evs)


# ---- a participle adjunct with no subject of its own is a passive: its subject is the main one's
def test_asked_adjunct_is_no_request_by_the_one_asked():
    evs = events_of("Asked about the border dispute, the Chilean foreign minister said talks would resume.")
    assert not any(e.type == "REQUEST" and "CHL" in codes(e.source) for e in evs), show(evs)
    assert not any(e.trigger.text == "Asked" for e in evs), show(evs)  # a question: no event


def test_backed_by_adjunct_keeps_its_agent_as_source():
    evs = events_of("Backed by Russia, the Syrian army attacked rebel positions near Idlib.")
    e = find(evs, "SUPPORT", "RUS")
    assert e is not None and codes(e.target) == {"SYR"}, show(evs)


# ---- a scheduling participle hung on the last noun of an event noun's phrase
def test_meeting_scheduled_for_a_date_is_future_even_when_hung_on_a_later_noun():
    evs = events_of("Hope was expressed that the meeting of the leaders of Chile and Peru with Lula "
                    "scheduled for May 15 would be fruitful.")
    e = find(evs, "CONSULT")
    assert e is not None and e.future, [(x.type, x.trigger.text, x.future) for x in evs]


def test_needing_another_to_thrive_is_no_request():
    evs = events_of("Kenya needs Uganda to survive, the Kenyan minister said.")
    assert find(evs, "REQUEST", "KEN", "UGA") is None, show(evs)


# ---- what a withdrawal or an expulsion is "from" is left, it does not act
def test_withdrawal_from_a_body_is_the_members():
    evs = events_of("The Tories back British withdrawal from the EU.")
    e = find(evs, "RETREAT")
    assert e is not None and codes(e.source) == {"GBR"} and codes(e.target) == {"EU"}, show(evs)


# ---- a pronoun in a fronted adjunct looks ahead to the main clause's subject (cataphora)
@pytest.mark.parametrize("text,typ,source", [
    ("Chile complained at the WTO. Explaining why it has asked the WTO to set up a panel, "
     "the Kenyan trade representative said Uganda had failed to act.", "REQUEST", "KEN"),
    ("When it attacked the town, Russia said it was responding to shelling.", "ASSAULT", "RUS"),
])
def test_fronted_adjunct_pronoun_is_the_main_subject(text, typ, source):
    evs = events_of(text)
    e = [x for x in evs if x.type == typ]
    assert e and codes(e[0].source) == {source}, show(evs)


# ---- a contact noun whose own phrase names two known participants is a contact, reported
def test_meeting_naming_its_participants_is_reported_at_the_default_threshold():
    text = ("The two presidents spoke warmly of the trilateral meeting of the leaders of Chile, Peru "
            "and Bolivia in Lima on May 2.")
    evs = list(sitroom.extract(text, published="2011-06-01").events)  # default threshold
    e = find(evs, "CONSULT")
    assert e is not None and {"CHL", "PER", "BOL"} <= codes(e.source), show(evs)
