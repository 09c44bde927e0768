"""Proposals: authors, addressees and items from bullets, coordination and relative clauses."""
from __future__ import annotations

import pytest

from sitroom.extract import actors
from sitroom.extract.base import Context
from sitroom.extract.quotes import extract_quotes
from sitroom.extract.proposals import bullet_items, extract_proposals, proposal_lexicon
from sitroom.nlp import parse
from sitroom.records import Article, actor_codes


def proposals_of(text: str):
    art = Article("t", text, published="2021-12-17")
    ctx = Context.build(parse(art), art)
    ctx.found["actors"] = actors.resolve(ctx)
    ctx.found["quotes"] = tuple(extract_quotes(ctx))
    return list(extract_proposals(ctx))


def test_lexicon_is_data():
    lex = proposal_lexicon()
    assert "demand" in lex["noun"] and "demand" in lex["demand"] and "release" in lex["present"]
    assert "urge" in lex["ask"] and "offer" in lex["offer"] and "could" in lex["hedge"]
    assert "analyst" in lex["commentator"] and "must" in lex["deontic"] and "all" in lex["quantifier"]


def test_bullet_items_span_the_line_after_the_bullet():
    text = "Lead:\n\n  • First item.\n  - Second item  \n\nAfter."
    items = [text[s:e] for s, e in bullet_items(text, 4)]
    assert items == ["First item.", "Second item"]


def test_bullets_after_a_colon_lead_are_the_items():
    text = ("China's demands include the following commitments from Japan and the EU:\n\n"
            "  • No new naval patrols near the islands.\n"
            "  • No export controls on Chinese chips.\n\n"
            "The talks begin in January.")
    [p] = proposals_of(text)
    assert "CHN" in actor_codes(p.by)
    assert {"JPN", "EU"} <= actor_codes(p.addressee)
    assert [i.text for i in p.items] == ["No new naval patrols near the islands.",
                                         "No export controls on Chinese chips."]
    for i in p.items:
        assert text[i.start:i.end] == i.text


def test_relative_clause_items_and_presenting_subject():
    text = ("The Turkish government published the draft of a fresh maritime proposal with Greece that would "
            "bar oil exploration and all naval exercises in disputed Aegean waters.")
    [p] = proposals_of(text)
    assert actor_codes(p.by) == {"TUR"} and "GRC" in actor_codes(p.addressee)
    assert [i.text for i in p.items] == ["oil exploration",
                                         "all naval exercises in disputed Aegean waters"]


@pytest.mark.parametrize("text, by, items", [
    ("Russia demanded security guarantees and a halt to NATO expansion.", "RUS",
     ["security guarantees", "a halt to NATO expansion"]),
    ("Ukraine calls for more weapons and tougher sanctions.", "UKR",
     ["more weapons", "tougher sanctions"]),
])
def test_demand_verbs_with_coordinated_objects(text, by, items):
    [p] = proposals_of(text)
    assert by in actor_codes(p.by)
    assert [i.text for i in p.items] == items


def test_mentions_by_the_same_author_merge():
    text = ("Russia released a draft treaty that would ban new members and limit exercises.\n\n"
            "Russia's demands also include the following:\n\n"
            "  • No new bases in Eastern Europe.\n")
    props = proposals_of(text)
    assert len(props) == 1
    assert len(props[0].items) == 3


def test_no_author_no_items_no_proposal():
    assert proposals_of("The plan was discussed at length on Tuesday.") == []


def test_seed_proposal(seed_text):
    props = proposals_of(seed_text)
    rus = [p for p in props if "RUS" in actor_codes(p.by)]
    assert rus
    items = [i.text for i in rus[0].items]
    assert len(items) >= 4
    for want in ("eastward expansion", "former Soviet states", "1997", "intermediate-range"):
        assert any(want in i for i in items), want


@pytest.mark.parametrize("text, by, items", [
    # a "for X to ..." clause after a demand verb: the clause is the item
    ("Spain called for the sanctions on Cuba to be eased.", "ESP", ["the sanctions on Cuba to be eased"]),
    # the one asked and an infinitive: each verb phrase is an item
    ("Canada has asked the IMF to audit the loans and to suspend payments.", "CAN",
     ["audit the loans", "suspend payments"]),
    ("Kenya called on Uganda to reopen the border.", "KEN", ["reopen the border"]),
    # a subjunctive "that" clause
    ("Japan demanded that China withdraw its ships from the islands.", "JPN",
     ["China withdraw its ships from the islands"]),
    # an infinitive alone after an offer
    ("Brazil offers to mediate between the two governments.", "BRA", ["mediate between the two governments"]),
    # a proposal noun with a "for X to ..." complement
    ("The vote came despite a Greek demand for Albania to free the prisoners.", "GRC",
     ["Albania to free the prisoners"]),
    # a proposal noun with an infinitive complement
    ("Norway unveiled a plan to build a pipeline to Poland.", "NOR", ["build a pipeline to Poland"]),
    # a volition verb with the one asked and an infinitive
    ("Germany wants Serbia to freeze the accounts, close the ports and expel the envoys.", "DEU",
     ["freeze the accounts", "close the ports", "expel the envoys"]),
    # a noun made the content of a proposal by "proposed"
    ("Talks on Serbia's proposed entry into the union resumed.", "SRB", ["Serbia's proposed entry into the union"]),
    # a deontic modal in a reported clause: a demand on the clause's subject
    ("The French foreign minister said Iran must halt enrichment at once.", "FRA", ["halt enrichment at once"]),
    # stressing the need for an act calls for it
    ("Norway stressed the importance of launching talks with Chile.", "NOR", ["launching talks with Chile"]),
    ("Peru underlined the need for Bolivia to reopen the border talks.", "PER",
     ["Bolivia to reopen the border talks"]),
    # wanting an act named by an action nominal with its theme
    ("Chile wants a probe into the arms deal.", "CHL", ["a probe into the arms deal"]),
    ("The Peruvian government wants the publication of the mining contracts.", "PER",
     ["the publication of the mining contracts"]),
])
def test_demand_constructions_give_items(text, by, items):
    props = proposals_of(text)
    assert len(props) == 1, [p.text.text for p in props]
    assert by in actor_codes(props[0].by)
    assert [i.text for i in props[0].items] == items


@pytest.mark.parametrize("text", [
    "Egypt could demand compensation from the shipping line.",  # hedged
    "Egypt did not demand compensation from the shipping line.",  # negated
    "Will Egypt demand compensation from the shipping line?",  # a question
    "Analysts think Egypt wants the canal authority to raise its fees.",  # an opinion about aims
    "Egypt reportedly demanded compensation from the shipping line.",  # hearsay
    "Analysts say Egypt should demand compensation from the shipping line.",  # commentary
    "If Egypt demands compensation, the talks will stall.",  # a condition
    "Turkey insisted that it would not recognise the new government.",  # a claim, not a demand
    "Ms Lund said she wanted the rain to stop soon.",  # nobody is asked
    "The minister said the report should have been published.",  # hindsight
    "Sweden said we must all be patient.",  # about the speakers themselves
    "Norway stressed the need for stable growth.",  # a need that names no act
    "Norway stressed the need to ensure the steady development of its economy.",  # a goal, no act
    "Chile wants the capital of Peru.",  # not an action nominal
    "Chile wants the position of Peru on the deal.",  # a "-tion" noun that names no act
    "Farmers want a probe into the milk prices.",  # wanted by no known actor
])
def test_speculation_commentary_and_claims_are_not_proposals(text):
    assert proposals_of(text) == []


def test_two_different_demands_of_one_author_stay_two():
    text = ("Japan demanded that China withdraw its ships from the islands. "
            "Separately, Japan called for the tariffs on steel to be cut.")
    props = proposals_of(text)
    assert len(props) == 2


def test_demands_sharing_only_a_person_stay_two_but_one_request_to_one_body_is_one():
    text = ("Chilean senators say they want the publication of the report of the prosecutor. "
            "The Chilean senators also urged the Peruvian courts to summon the prosecutor.")
    assert len(proposals_of(text)) == 2
    text = ("Chile asked the WTO to review the copper tariffs of Peru. "
            "Chile has also asked the WTO to set up a panel on the tariffs.")
    assert len(proposals_of(text)) == 1


def test_a_later_definite_mention_is_the_same_proposal():
    text = ("Japan demanded that China withdraw its ships from the islands. "
            "China rejected the demand on Tuesday. "
            "Japan's demands also include the following:\n\n  • An apology to the fishermen.\n")
    props = proposals_of(text)
    assert len(props) == 1
    assert [i.text for i in props[0].items] == ["China withdraw its ships from the islands",
                                                "An apology to the fishermen."]


def test_a_later_demand_sharing_content_is_the_same_proposal():
    text = ("Japan demanded that China withdraw its ships from the islands. "
            "On Friday Japan again demanded a pullback of the ships.")
    assert len(proposals_of(text)) == 1


@pytest.mark.parametrize("text", [
    "The EU sought to calm the airlines' fears.",  # "sought to" is trying, not asking
    "Lisbon made an offer for the bondholders.",  # a recipient, not what is sought
    "Portugal presented Portuguese initiatives at the summit.",  # no content, no proposal
    "Kazakhstan hosted the Collective Security Treaty Organisation summit.",  # a name
    "Moldova will seek closer ties with Romania.",  # a modal: not a demand made yet
    "Russia says Ukraine wants NATO to admit it.",  # an aim ascribed by another actor
])
def test_no_proposal_from_kinds_of_false_hits(text):
    assert proposals_of(text) == []


def test_a_relative_clause_with_would_is_the_content():
    [p] = proposals_of("Russia released a draft treaty that would ban new members.")
    assert [i.text for i in p.items] == ["ban new members"]


def test_first_person_in_a_direct_quote_is_the_speaker():
    text = '"We need Serbia to free the prisoners," said the Croatian foreign minister.'
    [p] = proposals_of(text)
    assert "HRV" in actor_codes(p.by)
    assert [i.text for i in p.items] == ["Serbia to free the prisoners"]


@pytest.mark.parametrize("text, by, items", [
    ("Austria came out in favour of a ceasefire and new elections.", "AUT", ["a ceasefire", "new elections"]),
    ("The Polish minister spoke strongly in favour of holding direct talks with Minsk.", "POL",
     ["holding direct talks with Minsk"]),
])
def test_in_favour_of_puts_forward(text, by, items):
    [p] = proposals_of(text)
    assert by in actor_codes(p.by)
    assert [i.text for i in p.items] == items


def test_a_list_of_verb_phrases_the_parser_split_is_one_list():
    text = ('"My sense is we need Serbia to set up an inquiry, arrest the commanders, '
            'get the archives open," the Croatian foreign minister said.')
    [p] = proposals_of(text)
    assert [i.text for i in p.items] == ["set up an inquiry", "arrest the commanders", "get the archives open"]


def test_a_pronoun_subject_takes_the_subject_of_the_clause_above():
    text = ("Explaining why it had asked the IMF to audit the loans, the Kenyan finance ministry "
            "said the debts were hidden.")
    [p] = proposals_of(text)
    assert "KEN" in actor_codes(p.by) and "IMF" in actor_codes(p.addressee)


@pytest.mark.parametrize("text, by, items", [
    # a proposal noun with a demand participle
    ("Brazil put forward a peace plan calling for a ceasefire and the release of hostages.", "BRA",
     ["a ceasefire", "the release of hostages"]),
    # a colon list after the proposal noun
    ("Kyiv set out its conditions for talks: a full withdrawal of foreign troops and an exchange of all prisoners.",
     "UKR", ["a full withdrawal of foreign troops", "an exchange of all prisoners"]),
    # a noun's content clause in any mood; the subject of "wants" is its author
    ("Moscow wants guarantees that Georgia will never join the alliance.", "RUS",
     ["Georgia will never join the alliance"]),
])
def test_noun_content_constructions(text, by, items):
    [p] = proposals_of(text)
    assert by in actor_codes(p.by)
    assert [i.text for i in p.items] == items


def test_one_demand_found_by_two_rules_is_one_item():
    [p] = proposals_of("Zelensky insisted that Belarus must close its border.")
    assert [i.text for i in p.items] == ["Belarus must close its border"]


@pytest.mark.parametrize("text", [
    "Neither Spain nor France proposed an alternative to the treaty.",
    "The Spanish minister called me to say he had read the document.",
    "The Spanish and French presidents agreed that the talks should continue.",
])
def test_negative_subjects_phone_calls_and_agreements_are_not_proposals(text):
    assert proposals_of(text) == []


@pytest.mark.parametrize("text", [
    # a request for information is a question
    "The Polish foreign minister asked Hungary to explain why the pipeline deal was signed.",
    "Chile asked Peru to make sure that its navy clarifies the incident.",
    "Japan asked South Korea for details of the fishing quotas.",
    # wanting or needing to propose or offer is an intention, no proposal yet
    "Spain's prime minister said Spain needs to offer more loans to Portugal.",
    # a directive inside one government
    "The Indian prime minister asked the Indian government to plan new railway lines.",
])
def test_questions_intentions_and_directives_are_not_proposals(text):
    assert proposals_of(text) == []


@pytest.mark.parametrize("text, by, to", [
    ("The Polish foreign minister asked Hungary to cancel the pipeline deal.", {"POL"}, {"HUN"}),
    ("Chile asked Peru to make sure that its navy withdraws from the bay.", {"CHL"}, {"PER"}),
    ("Spain's prime minister offered more loans to Portugal.", {"ESP"}, set()),
])
def test_the_same_frames_with_an_act_asked_for_are_proposals(text, by, to):
    [p] = proposals_of(text)
    assert actor_codes(p.by) == by and actor_codes(p.addressee) >= to


def test_what_a_document_states_is_no_ones_demand():
    assert proposals_of("Putin said the peace accords state that Kyiv must amend its constitution.") == []
    [p] = proposals_of("Putin said that Kyiv must amend its constitution.")
    assert actor_codes(p.by) == {"RUS"}


def test_a_second_object_the_parser_attached_is_an_item():
    [p] = proposals_of("Now Japan demands written guarantees, such as, for example, Seoul's formal refusal "
                       "to build the dam.")
    assert any("refusal to build the dam" in i.text for i in p.items)


@pytest.mark.parametrize("text, by, to, items", [
    ("Israel will withdraw its troops only if Hamas releases the hostages.", {"ISR"}, {"PSE"},
     {"withdraw its troops", "Hamas releases the hostages"}),
    ("Moscow is ready to resume talks provided that NATO halts its expansion.", {"RUS"}, {"NATO"},
     {"resume talks", "NATO halts its expansion"}),
    ("Kenya will reopen the border on condition that Somalia disarms the militia.", {"KEN"}, {"SOM"},
     {"reopen the border", "Somalia disarms the militia"}),
    ("The EU will start talks with Croatia as long as Zagreb cooperates with the tribunal.", {"EU"}, {"HRV"},
     {"start talks with Croatia", "Zagreb cooperates with the tribunal"}),
    ("Serbia is prepared to sign the accord if Kosovo drops its claims.", {"SRB"}, {"XKX"},
     {"sign the accord", "Kosovo drops its claims"}),
])
def test_an_act_promised_on_conditions_is_a_proposal_put_to_the_conditions_doer(text, by, to, items):
    [p] = proposals_of(text)
    assert actor_codes(p.by) == by and actor_codes(p.addressee) == to and {i.text for i in p.items} == items


@pytest.mark.parametrize("text", [
    "Iran will retaliate if it is attacked.",                                  # a plain "if": no offer
    "Serbia will not sign the accord if Kosovo keeps its claims.",              # a refusal
    "Serbia is not prepared to sign the accord if Kosovo keeps its claims.",
    "Analysts said Serbia would sign only if Kosovo drops its claims.",         # commentary
    "Is Serbia ready to sign if Kosovo drops its claims?",                      # a question
    "Chile can cut its tariffs only if Chile bears the cost alone.",            # ability, and on itself
    "Norway welcomed the aid Sweden provided to the flood victims.",            # "provided" the verb
])
def test_conditions_that_are_no_offer(text):
    assert proposals_of(text) == []


def test_a_demand_not_to_act_keeps_its_negation():
    [p] = proposals_of("Poland asked Germany not to export the turbines.")
    assert [i.text for i in p.items] == ["not to export the turbines"]
