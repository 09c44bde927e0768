"""Positions: stances toward proposals from the stance lexicon, quotes and events."""
from __future__ import annotations

import pytest

from sitroom.extract import actors
from sitroom.extract.base import Context
from sitroom.extract.positions import content_synonyms, extract_positions, stance_lexicon
from sitroom.extract.proposals import extract_proposals
from sitroom.extract.quotes import extract_quotes
from sitroom.nlp import parse
from sitroom.records import Article, Event, Span, actor_codes


def run(text: str, events=(), title: str | None = None):
    art = Article("t", text, title=title, published="2021-12-17")
    ctx = Context.build(parse(art), art)
    ctx.found["actors"] = actors.resolve(ctx)
    ctx.found["events"] = tuple(events)
    ctx.found["quotes"] = tuple(extract_quotes(ctx))
    ctx.found["proposals"] = tuple(extract_proposals(ctx))
    return ctx, list(extract_positions(ctx))


def stances(positions) -> set[tuple[str, str]]:
    return {(p.holder.actor.code, p.stance) for p in positions}


def test_content_synonyms_are_data():
    syn = content_synonyms()
    assert syn["embargo"] == syn["ban"] and syn["end"] == syn["lift"]
    assert syn["ban"] != syn["lift"]


def test_lexicon_is_data():
    lex = stance_lexicon()
    assert lex.events["REJECT"] == "reject"
    assert any(lemmas == ("have", "no", "veto") for lemmas, _, _ in lex.phrases["have"])


@pytest.mark.parametrize("text, expected", [
    ("Russia released a draft treaty that would ban new members and limit exercises. "
     "The United States rejected the proposal on Monday.", ("USA", "reject")),
    ("Russia released a draft treaty. Germany welcomed the proposal.", ("DEU", "support")),
    ("Russia released a draft treaty. France will consider the proposal.", ("FRA", "consider")),
    ("Russia released a draft treaty. Britain condemned the demands.", ("GBR", "condemn")),
    ("Russia released a draft treaty. Poland did not accept the proposal.", ("POL", "reject")),
    ("Russia released a draft treaty. Canada is willing to discuss the plan.", ("CAN", "consider")),
])
def test_stance_words(text, expected):
    _, positions = run(text)
    assert expected in stances(positions)


def test_judging_words_belong_to_the_speaker_not_the_subject():
    text = ("Russia's demands include a ban on new members. NATO chief Jens Stoltenberg "
            "denounced the demands, stressing that Moscow \"has no veto\" on enlargement.")
    _, positions = run(text)
    got = stances(positions)
    assert ("NATO", "reject") in got and ("NATO", "condemn") in got
    assert ("RUS", "reject") not in got


def test_position_links_to_the_proposal():
    text = ("Russia released a draft treaty that would ban new members and limit exercises. "
            "Washington rejected Russia's demands.")
    ctx, positions = run(text)
    [p] = [p for p in positions if p.holder.actor.code == "USA"]
    assert p.proposal == 0 and len(ctx.found["proposals"]) == 1
    assert text[p.evidence.start:p.evidence.end] == p.evidence.text


def test_no_topic_no_position():
    _, positions = run("The United States rejected the claim that its troops fired first.")
    assert positions == []


def test_event_gives_a_stance_when_about_a_proposal():
    text = "Russia released a draft treaty that would ban new members. Kyiv spurned the treaty."
    start = text.index("Kyiv")
    sent = Span.of(text, start, len(text))
    ctx, _ = run(text)
    kyiv = ctx.found["actors"].at(start, start + 4)
    ev = Event("REJECT", Span.of(text, start + 5, start + 12), sent, source=(kyiv,))
    _, positions = run(text, events=[ev])
    assert ("UKR", "reject") in stances(positions)


def test_seed_positions(seed_text):
    _, positions = run(seed_text)
    got = stances(positions)
    assert got & {("USA", "reject"), ("USA", "consider")}
    assert got & {("NATO", "reject"), ("NATO", "condemn"), ("NATO", "oppose")}


@pytest.mark.parametrize("text, expected", [
    # a stance on the content of a proposal is a stance on the proposal
    ("Spain called for the sanctions on Cuba to be eased. Portugal promised to work towards easing "
     "the sanctions.", ("PRT", "support")),
    # a stative passive: its subject, or the noun its relative clause hangs on, holds the stance
    ("Spain called for the sanctions on Cuba to be eased. The plan stalled because of Canada, "
     "which was opposed to easing the sanctions.", ("CAN", "oppose")),
    # a stance noun: its nationality adjective or possessor holds it
    ("Spain called for the sanctions on Cuba to be eased, despite US objections to the plan.", ("USA", "oppose")),
    # the agent of a passive holds the stance
    ("Spain called for the sanctions on Cuba to be eased. The demand was welcomed by Mexico.", ("MEX", "support")),
    # "US" the country is not the pronoun "us"
    ("Serbia's proposed entry into the union was discussed. The US backed Serbian entry.", ("USA", "support")),
    # a negated "bow to" is a rejection
    ("Japan demanded that China withdraw its ships. China insisted it will not bow to the demands.", ("CHN", "reject")),
])
def test_stance_constructions(text, expected):
    _, positions = run(text)
    assert expected in stances(positions)


def test_stating_a_proposal_is_not_a_stance_on_it():
    _, positions = run("Brazil offers to mediate between the two governments.")
    assert positions == []


def test_the_content_of_a_demand_is_not_a_stance():
    _, positions = run("Russia released a draft treaty. Russia urged France to consider the treaty.")
    assert ("FRA", "consider") not in stances(positions)


def test_a_passive_without_agent_names_no_holder():
    text = ("Russia released a draft treaty. In an interview the Polish minister said the treaty "
            "was rejected.")
    _, positions = run(text)
    assert not any(s == "reject" for _, s in stances(positions))


def test_a_quantified_group_holds_no_stance():
    text = "Russia released a draft treaty. Some Germans rejected the treaty."
    _, positions = run(text)
    assert ("DEU", "reject") not in stances(positions)


def test_rejecting_gives_no_other_stance_to_anyone():
    text = ("Russia released a draft treaty with Washington and NATO. "
            "Washington rejected the demands.")
    _, positions = run(text)
    assert stances(positions) == {("USA", "reject")}


def test_a_restated_content_links_the_stance_through_synonyms():
    text = ("Spain called for the trade embargo on Cuba to be dropped. Canada, which was opposed to removing "
            "the ban, voted against.")
    ctx, positions = run(text)
    [p] = [p for p in positions if p.holder.actor.code == "CAN"]
    assert p.stance == "oppose" and p.proposal == 0


def test_wanting_the_content_is_support():
    text = "Spain called for the trade embargo on Cuba to be dropped. Italy said it also wanted the ban to end."
    _, positions = run(text)
    assert ("ITA", "support") in stances(positions)


@pytest.mark.parametrize("text", [
    # a stance asked for or imagined is not taken
    "Spain called for the trade embargo on Cuba to be dropped. Critics say Canada must accept the plan.",
    # denying a claim is no stance on the proposal
    "Spain called for the trade embargo on Cuba to be dropped. Canada denied that the plan was discussed.",
    # signing an agreement that is no proposal of the article
    "Argentina and Chile signed a trade agreement on Monday.",
    # doing what was asked is not a stance word
    "Spain called for Cuba to apologise. Cuba apologised on Friday.",
])
def test_no_stance_taken(text):
    _, positions = run(text)
    assert not [p for p in positions if p.holder.actor.code in ("CAN", "ARG", "CHL", "CUB")]


def test_one_shared_word_deep_in_the_sentence_is_no_link():
    text = ("Chile asked for more investment to supply water. "
            "Peru signed a deal to renegotiate its water-concession contract.")
    _, positions = run(text)
    assert not [p for p in positions if p.holder.actor.code == "PER"]


def test_signing_a_decree_with_terms_is_no_stance():
    _, positions = run("Ukraine's president signed a decree which sets the terms of the call-ups.")
    assert positions == []


@pytest.mark.parametrize("text", [
    "Russia released a draft treaty. Neither Britain nor France accepted the proposal.",
    "Russia released a draft treaty. No member of the alliance accepted the proposal.",
])
def test_a_negative_subject_negates_the_stance(text):
    _, positions = run(text)
    assert not any(s in ("accept", "support") for _, s in stances(positions))


@pytest.mark.parametrize("text, absent", [
    ("Russia released a draft treaty. Moscow asked the Belgian parliament to support the treaty.", ("BEL", "support")),
    ("Russia released a draft treaty. Spain does not appear ready to consider the treaty.", ("ESP", "consider")),
    ("Russia released a draft treaty. The Dutch minister noted it would be advisable to accept the treaty.",
     ("NLD", "accept")),
])
def test_stances_asked_for_negated_above_or_advised_are_not_taken(text, absent):
    _, positions = run(text)
    assert absent not in stances(positions)


def test_an_ultimatum_put_forward_is_a_proposal_and_later_ultimatums_refer_to_it():
    ctx, positions = run("Bolivia issued an ultimatum to Chile. Peru does not accept any ultimatums.")
    props = ctx.found["proposals"]
    assert len(props) == 1 and actor_codes(props[0].by) == {"BOL"}
    assert [(p.holder.actor.code, p.stance, p.proposal) for p in positions] == [("PER", "reject", 0)]


def test_each_of_coordinated_holders_takes_the_stance():
    _, positions = run("Bolivia demanded access to the sea from Chile. "
                       "Neither Peru nor Ecuador can accept all of Bolivia's demands, the Spanish minister said.")
    assert {("PER", "reject"), ("ECU", "reject")} <= stances(positions)


def test_a_modal_passive_said_by_a_speaker_is_the_speakers_stance():
    _, positions = run("Bolivia issued an ultimatum to Chile. "
                       "No ultimatums of other countries can be accepted, the Peruvian president said.")
    assert ("PER", "reject") in stances(positions)


def test_a_proposal_noun_owned_by_another_actor_is_not_the_proposal():
    # "its commitments" are Peru's own, not Bolivia's demands
    _, positions = run("Bolivia demanded security guarantees from Chile. "
                       "Peru still refuses to honour its commitments under the Lima accords, La Paz said.")
    assert not any(p.proposal == 0 and p.holder.actor.code == "PER" for p in positions)


_FILLER = " ".join(f"The delegates toured the harbour of town number {i} on foot." for i in range(14))


def test_a_description_finds_only_a_recently_mentioned_proposal():
    # "the agreements" far from the only proposal, with no mention between: another referent
    text = ("Spain called for the trade embargo on Cuba to be dropped. " + _FILLER +
            " Canada rejected the plan for a new harbour.")
    _, positions = run(text)
    assert not [p for p in positions if p.holder.actor.code == "CAN" and p.proposal is not None]
    # near it, the same description is the proposal
    _, positions = run("Spain called for the trade embargo on Cuba to be dropped. Canada rejected the proposal.")
    assert [(p.stance, p.proposal) for p in positions if p.holder.actor.code == "CAN"] == [("reject", 0)]


def test_each_mention_renews_a_proposal():
    half = " ".join(_FILLER.split(". ")[:8]) + "."
    text = ("Spain called for the trade embargo on Cuba to be dropped. " + half +
            " Italy welcomed the proposal. " + half + " Canada rejected the proposal.")
    _, positions = run(text)
    assert ("CAN", "reject", 0) in {(p.holder.actor.code, p.stance, p.proposal) for p in positions}


def test_two_restated_content_words_link_at_any_distance():
    text = ("Canada rejected calls for the ban on the export of timber to be dropped. " + _FILLER +
            " Spain has demanded that Canada drop the ban on the export of timber.")
    _, positions = run(text)
    assert [(p.stance, p.proposal) for p in positions if p.holder.actor.code == "CAN"] == [("reject", 0)]


def test_a_general_noun_restates_no_proposal():
    text = "Spain called for a vote for the people of the islands. Canada backed the people."
    _, positions = run(text)
    assert not [p for p in positions if p.holder.actor.code == "CAN"]


def test_the_owner_of_an_accession_is_the_one_who_joins_not_an_author():
    _, positions = run("Ukraine proposed a new grain corridor. Poland said Ukraine's accession was unrealistic.")
    assert not [p for p in positions if p.holder.actor.code == "POL"]


def test_a_question_takes_no_stance():
    _, positions = run("Russia released a draft treaty. Will Washington reject the treaty?")
    assert not [p for p in positions if p.holder.actor.code == "USA"]


_INTERVIEW = ("Interview of the President to a French daily. - Mr President, Moscow demands a treaty "
              "that bars new members from the alliance. Will you accept it? - It is absurd to demand "
              "such a treaty from a sovereign state. - And the sanctions? - They must stay.")


def test_an_interview_answer_is_the_interviewees_judgement():
    _, positions = run(_INTERVIEW, title="Volodymyr Zelenskyy in an interview for a French daily")
    assert [(p.holder.actor.code, p.stance, p.proposal) for p in positions] == [("UKR", "reject", 0)]


def test_a_question_turn_or_an_untitled_text_gives_no_voice():
    # the same words with no interview named: no one is known to judge
    _, positions = run(_INTERVIEW, title="A French daily's questions")
    assert positions == []
