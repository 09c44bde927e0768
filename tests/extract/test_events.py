"""The PLOVER event coder: triggers, types, actors, flags; the lexicon data files.

The grammar is tested with a small stand-in resolver (``actor_double``) so that these
tests pin the event coder whatever the real actor resolver knows.
"""
from __future__ import annotations

import pytest

from sitroom.extract.base import Context
from sitroom.extract.event_lexicon import load_lexicon
from sitroom.extract.events import extract_events
from sitroom.nlp import parse
from sitroom.records import PLOVER_TYPES, Article

from actor_double import DoubleResolver  # tests/extract/actor_double.py (rootdir on sys.path)


def events_of(text: str, published: str = "2021-12-17"):
    art = Article("t", text, published=published)
    doc = parse(art)
    ctx = Context.build(doc, art)
    ctx.found["actors"] = DoubleResolver(doc)
    return list(extract_events(ctx))


def codes(spans) -> set[str]:
    return {a.actor.code for a in spans if a.actor and a.actor.code}


def find(events, type_, source=None, target=None):
    for e in events:
        if e.type == type_ and (source is None or source in codes(e.source)) \
                and (target is None or target in codes(e.target)):
            return e
    return None


# text, type, source, target
CASES = [
    ("Russia attacked Ukraine on Monday.", "ASSAULT", "RUS", "UKR"),
    ("Ukraine was attacked by Russia.", "ASSAULT", "RUS", "UKR"),
    ("Russia's demands of the U.S. include legal guarantees.", "REQUEST", "RUS", "USA"),
    ("NATO imposed sanctions on Russia.", "SANCTION", "NATO", "RUS"),
    ("Japan has provided $80 million in security assistance to Moldova.", "AID", "JPN", "MDA"),
    ("The U.S. held talks with Russia in Geneva.", "CONSULT", "USA", "RUS"),
    ("Ukraine is lobbying for military assistance from the U.S.", "REQUEST", "UKR", "USA"),
    ("Canada is prepared to discuss Chile's proposals.", "CONSULT", "CAN", "CHL"),
    ("Canada is prepared to discuss Chile's proposals.", "AGREE", "CAN", "CHL"),
    ("NATO condemned similar demands by Russia.", "ACCUSE", "NATO", "RUS"),
    ("Britain warned of severe consequences if Iran strikes.", "THREATEN", "GBR", "IRN"),
    ("Russia threatened to invade Ukraine.", "THREATEN", "RUS", "UKR"),
    ("Some 20,000 Turkish troops massed near the frontier.", "MOBILIZE", "TUR", None),
    ("The buildup of Russian troops worries Kyiv.", "MOBILIZE", "RUS", None),
    ("China rejected the proposal from the U.S.", "REJECT", "CHN", "USA"),
    ("Israel accused Iran of supporting terrorism.", "ACCUSE", "ISR", "IRN"),
    ("France called for new talks with Russia.", "REQUEST", "FRA", None),
    ("Palestinian protesters demonstrated against Israel.", "PROTEST", "PSE", "ISR"),
    ("Britain expelled two Russian diplomats.", "SANCTION", "GBR", "RUS"),
    ("Iraq agreed to cooperate with the United Nations.", "AGREE", "IRQ", None),
    ("Russia withdrew its troops from Ukraine.", "RETREAT", "RUS", "UKR"),
    ("Turkey will send humanitarian aid to Syria.", "AID", "TUR", "SYR"),
    ("Russia said that Ukraine must withdraw its troops.", "REQUEST", "RUS", "UKR"),
    ("The Bolivian ministers said they would boycott talks with Chile.", "THREATEN", "BOL", None),
    ("The U.S. will impose sanctions on Russia if it attacks Ukraine.", "THREATEN", "USA", "RUS"),
    # same-country targets of domestic acts, "up to N" objects, stative participles
    ("Kenyan authorities imposed a night curfew in the port of Mombasa in Kenya.", "COERCE", "KEN", "KEN"),
    ("Russian rebels kidnapped up to 16 Ukrainian advisers.", "COERCE", "RUS", "UKR"),
    ("Russia is opposed to French mediation.", "REJECT", "RUS", "FRA"),
    ("Italy is ready to contribute up to 900 soldiers.", "AGREE", "ITA", None),
    ("Iran offered concessions to the United States.", "AGREE", "IRN", "USA"),
    ("Russia vowed to fight Ukraine.", "THREATEN", "RUS", "UKR"),
    ("Palestinians blocked roads to protest Israel's policies.", "PROTEST", "PSE", "ISR"),
    ("Kenya announced a suspension of trade links with Somalia.", "SANCTION", "KEN", "SOM"),
    ("The Russian president resigned.", "RETREAT", "RUS", None),
]


@pytest.mark.parametrize("text,type_,source,target", CASES)
def test_event_is_coded_with_its_actors(text, type_, source, target):
    evs = events_of(text)
    assert find(evs, type_, source, target), [(e.type, codes(e.source), codes(e.target)) for e in evs]


def test_threatened_invasion_is_hypothetical():
    evs = events_of("Russia threatened to invade Ukraine.")
    inv = find(evs, "ASSAULT", "RUS", "UKR")
    assert inv is not None and inv.hypothetical
    threat = find(evs, "THREATEN", "RUS")
    assert threat is not None and not threat.hypothetical


def test_past_invasion_is_historical_with_its_year():
    evs = events_of("The alliance has expanded since Iraq's previous invasion of Kuwait in 1990.")
    e = find(evs, "ASSAULT", "IRQ", "KWT")
    assert e is not None and e.historical and e.date == "1990"


def test_future_and_negation_flags():
    fut = find(events_of("Russia will hold talks with Ukraine next week."), "CONSULT", "RUS", "UKR")
    assert fut is not None and fut.future
    neg = events_of("Russia did not attack Ukraine.")
    assert find(neg, "ASSAULT").negated


def test_refusal_is_a_rejection():
    evs = events_of("Iran refused to meet the United Nations inspectors.")
    assert find(evs, "REJECT", "IRN")


def test_speech_verb_alone_is_no_event():
    assert events_of("Russia said that the weather was cold.") == []


def test_object_complement_adjective_is_a_rejection():
    evs = events_of("The U.S. called Russia's demands unacceptable.")
    e = find(evs, "REJECT", "USA", "RUS")
    assert e is not None and e.trigger.text == "unacceptable"


def test_event_record_is_consistent():
    text = "NATO imposed sanctions on Russia."
    (e,) = [e for e in events_of(text) if e.type == "SANCTION"]
    assert text[e.trigger.start:e.trigger.end] == e.trigger.text == "imposed sanctions"
    assert e.sentence.text == text
    assert e.quad_class == 4 and e.goldstein == -8.0 and e.cameo == "163"
    assert "economic" in e.context
    assert 0 < e.confidence <= 1


def test_no_actor_no_event():
    assert events_of("The fighting continued for days.") == []


def test_without_resolver_nothing_is_coded():
    art = Article("t", "Russia attacked Ukraine.")
    ctx = Context.build(parse(art), art)
    assert list(extract_events(ctx)) == []


def test_lexicon_rows_are_valid():
    lex = load_lexicon()
    assert len(lex.cameo) > 250
    for entries in lex.entries.values():
        for e in entries:
            assert e.type is None or e.type in PLOVER_TYPES
            assert e.cameo is None or lex.code(e.cameo) is not None
    for code, row in lex.cameo.items():
        assert -10 <= row.goldstein <= 10
        assert row.quad_class == (0 if code.startswith("01") else 1 if code[:2] <= "05" else
                                  2 if code[:2] <= "08" else 3 if code[:2] <= "13" else 4)
    assert lex.code("0233").goldstein == 3.4 and lex.code("190").quad_class == 4
    assert {"hold", "impose", "make", "pay"} <= lex.light_verbs


def test_conditional_sanction_is_hypothetical_and_future():
    evs = events_of("The U.S. will impose sanctions on Russia if Russia attacks Ukraine.")
    sanction = find(evs, "SANCTION", "USA", "RUS")
    assert sanction is not None and sanction.hypothetical and sanction.future
    assert find(evs, "ASSAULT", "RUS", "UKR").hypothetical


def test_aid_noun_alone_is_no_event_but_given_aid_is():
    assert not find(events_of("Ukraine discussed assistance with France."), "AID")
    assert find(events_of("France gave assistance to Ukraine."), "AID", "FRA", "UKR")


def test_verb_event_in_a_past_year_is_historical():
    e = find(events_of("Russia invaded Ukraine in 2014."), "ASSAULT", "RUS", "UKR")
    assert e is not None and e.historical and e.date == "2014"
    e = find(events_of("Russia attacked Ukraine on Monday."), "ASSAULT")
    assert not e.historical and e.date == "2021-12-17"


def test_the_recent_past_is_not_history_but_an_earlier_year_is():
    # two months before the article: recent, still the story's time frame
    e = find(events_of("Russia attacked Ukraine in December 2021.", "2022-02-10"), "ASSAULT", "RUS", "UKR")
    assert e is not None and not e.historical
    e = find(events_of("Russia attacked Ukraine last year.", "2022-02-10"), "ASSAULT", "RUS", "UKR")
    assert e is not None and not e.historical
    e = find(events_of("Russia attacked Ukraine in May 2019.", "2022-02-10"), "ASSAULT", "RUS", "UKR")
    assert e is not None and e.historical


@pytest.fixture(scope="module")
def coded():
    """Events coded with the real actor resolver (people, groups, places from the KB)."""
    from sitroom.extract import extract_doc

    def run(text: str, published: str = "2005-06-01"):
        art = Article("t", text, published=published)
        return list(extract_doc(parse(art), art).events)
    return run


@pytest.mark.parametrize("text,type_,source,target", [
    # a minority is coded by where it lives; a people is not its state
    ("About 300 ethnic Hungarians protested on Monday in Romania.", "PROTEST", "ROU", None),
    ("The Hungarians of northern Romania are demanding autonomy from Romanian authorities.", "REQUEST", "ROU", "ROU"),
    # a government acting on its own opposition or protesters: two actors of one country
    ("The Rwandan president has banned Rwandan opposition candidates.", "COERCE", "RWA", "RWA"),
    ("Egyptian police arrested Egyptian protesters.", "COERCE", "EGY", "EGY"),
    # an attack by a weapon: its owner, else the place
    ("A roadside bombing near the town of Kandahar killed one British soldier.", "ASSAULT", "AFG", "GBR"),
    ("Recent US Predator attacks have killed eight militants.", "ASSAULT", "USA", None),
    # protesters of no nationality are of the place; what they protest against is the target
    ("Hundreds of people rioted at a prison in Port Moresby.", "PROTEST", "PNG", None),
    ("Young Tunisians blocked roads to demand the return of land taken by Tunisian forces.",
     "PROTEST", "TUN", "TUN"),
    # institutions and people placed by their owner or title
    ("Ghana's Supreme Court decided to allow Ghanaian opposition candidates to run.", "CONCEDE", "GHA", "GHA"),
    ("The Ghanaian deputy foreign minister summoned Togo's ambassador.", "ACCUSE", "GHA", "TGO"),
])
def test_real_resolver_codes_domestic_and_local_actors(coded, text, type_, source, target):
    e = find(coded(text), type_, source, target)
    assert e is not None, [(x.type, codes(x.source), codes(x.target)) for x in coded(text)]


def test_same_actor_is_never_its_own_target(coded):
    events = coded("President Putin warned that Russia would respond.", "2022-02-01")
    assert all("RUS" not in codes(e.target) for e in events)


@pytest.mark.parametrize("text, target", [
    ("The Liberal Democrats accused Labour of lying about the budget.", "Labour"),
    ("Green Party leader Mara Holt accused the Conservative Party of breaking its promise.", "Conservative"),
])
def test_two_parties_of_one_country_are_two_actors(coded, text, target):
    e = find(coded(text, "2005-02-01"), "ACCUSE")
    assert e is not None and any(target in a.span.text for a in e.target)


def test_one_party_under_two_names_is_not_its_own_target(coded):
    e = find(coded("The Conservative Party accused the Tories of lying.", "2005-02-01"), "ACCUSE")
    assert e is None or not e.target


def test_anti_names_a_stance_not_an_owner(coded):
    e = find(coded("A prominent anti-Syria journalist was killed in Beirut."), "ASSAULT")
    assert e is not None and "SYR" not in codes(e.target) and "LBN" in codes(e.target)


def test_demonstrate_with_an_object_is_no_protest(coded):
    assert find(coded("Russia demonstrated its resolve to Ukraine."), "PROTEST") is None
