"""Merged proposals across articles and the positions board built on them (hand-built
records: our own sentences)."""
from __future__ import annotations

import pytest

from sitroom.crossdoc.board import board_of
from sitroom.crossdoc.proposals import compatible, merge_proposals, merged, name_words
from sitroom.records import (Actor, ActorSpan, Article, Extraction, MergedProposal, Position, Proposal,
                             ProposalMention, Span, Stance)


def _span(text: str, word: str) -> Span:
    i = text.index(word)
    return Span(i, i + len(word), word)


def _pair(aid: str, day: str, text: str, name: str, author: str, items=(), stances=()):
    who = ActorSpan(_span(text, author), Actor(author.upper()[:3], author))
    props = (Proposal(_span(text, name), by=(who,), items=tuple(_span(text, i) for i in items)),)
    pos = tuple(Position(ActorSpan(_span(text, h), Actor(code, h) if code else None), st, _span(text, ev), 0)
                for h, code, st, ev in stances)
    return (Article(aid, text, published=day),
            Extraction(aid, published=day, proposals=props, positions=pos, events=(), entities=()))


@pytest.mark.parametrize("text, words", [
    ("Moscow wants legally binding security guarantees from the West.", ("security",)),
    ("The new ceasefire plan was tabled on Monday.", ("ceasefire",)),
    ("Kyiv's demands were read out.", ()),
    ("Officials discussed the American offer.", ()),      # a capitalised word is an author, not a name
])
def test_name_words_are_the_modifiers_of_a_proposal_noun(text, words):
    assert name_words(text) == words


def _m(aid, day, authors=("RUS",), terms=(), names=()):
    return ProposalMention(aid, 0, day, day, authors, authors, Span(0, 4, "plan"), terms, terms, names)


@pytest.mark.parametrize("a, b, same", [
    (_m("a", "2022-01-01", names=("security",)), _m("b", "2022-02-15", names=("security",)), True),
    (_m("a", "2022-01-01", names=("security",)), _m("b", "2022-04-15", names=("security",)), False),  # too far
    (_m("a", "2022-01-01", names=("security",)), _m("b", "2022-01-02", ("UKR",), names=("security",)), False),
    (_m("a", "2022-01-01", terms=("border", "troop")), _m("b", "2022-01-03", terms=("border", "troop", "x")), True),
    (_m("a", "2022-01-01", terms=("border", "grain", "troop", "visa", "gas")),
     _m("b", "2022-01-03", terms=("border", "pipeline")), False),   # one shared term of two is not enough
    (_m("a", None, names=("security",)), _m("b", "2022-01-01", names=("security",)), False),
    (_m("a", "2022-01-01", authors=()), _m("b", "2022-01-01", authors=()), False),
])
def test_two_mentions_are_one_proposal_when_author_name_or_items_and_time_agree(a, b, same):
    assert compatible(a, b) is same and compatible(b, a) is same


def _said(aid, day, text, terms):
    return ProposalMention(aid, 0, day, day, ("RUS",), ("Russia",), Span(0, len(text), text), terms, terms, ())


@pytest.mark.parametrize("a, b, same", [
    # the same specific proposal noun and one content term in common
    (_said("a", "2022-01-01", "Moscow demands written guarantees on the alliance.", ("alliance", "written")),
     _said("b", "2022-01-04", "Russia wants binding guarantees that keep the alliance away.",
           ("alliance", "away", "binding", "keep")), True),
    # the same noun and no content term in common
    (_said("a", "2022-01-01", "Moscow demands written guarantees on the alliance.", ("alliance", "written")),
     _said("b", "2022-01-04", "Russia wants guarantees for its gas transit.", ("gas", "transit")), False),
    # "a plan" says too little to join two plans on one shared term
    (_said("a", "2022-01-01", "Moscow has a plan for the grain ports.", ("grain", "port")),
     _said("b", "2022-01-04", "Russia tabled a plan for the ports of the north coast.",
           ("coast", "north", "port", "tabled")), False),
])
def test_one_specific_proposal_noun_and_one_shared_term_join_two_mentions(a, b, same):
    assert compatible(a, b) is same and compatible(b, a) is same


def _board_corpus():
    t1 = "Ruritania put forward its security guarantees. Osterland rejected them outright."
    t2 = "Ruritania repeated its call for security guarantees. Osterland said it would now consider them."
    t3 = "Ruritania proposed a fishing quota deal. All the politicians welcomed it. Osterland backed it."
    return [
        _pair("x1", "2022-01-10", t1, "security guarantees", "Ruritania",
              stances=[("Osterland", "OST", "reject", "Osterland rejected them outright.")]),
        _pair("x2", "2022-01-20", t2, "security guarantees", "Ruritania",
              stances=[("Osterland", "OST", "consider", "Osterland said it would now consider them.")]),
        _pair("x3", "2022-01-21", t3, "fishing quota deal", "Ruritania",
              stances=[("All the politicians", None, "support", "All the politicians welcomed it."),
                       ("Osterland", "OST", "support", "Osterland backed it.")]),
    ]


def test_board_rows_are_merged_proposals_with_the_latest_stance_and_its_history():
    from sitroom.crossdoc.proposals import stances_of

    pairs = _board_corpus()
    proposals = merge_proposals(pairs)
    assert sorted(len(p.mentions) for p in proposals) == [1, 2]
    where = {(m.article_id, m.index): p.id for p in proposals for m in p.mentions}
    stances = [(where[(s.article_id, s.proposal)], s) for a, x in pairs for s in stances_of(a, x)]
    board = board_of(proposals, stances)
    assert board.actors == ("OST",) and board.unresolved == 1   # "All the politicians" is no column
    first, second = board.rows
    assert first.proposal.name == "security guarantees" and first.discussed == 2   # most discussed first
    cell = first.cells["OST"]
    assert cell.latest.stance == "consider" and cell.latest.published == "2022-01-20"
    assert [s.stance for s in cell.history] == ["reject", "consider"]
    assert second.cells["OST"].latest.stance == "support"
    assert board_of(proposals, stances, actor="NOPE").rows == ()


def test_a_proposal_that_never_says_what_it_is_makes_no_row():
    vague = MergedProposal("pr-v", "some guarantees", "2022-01-01", "2022-01-01", ("RUS",), ("Russia",), (), 1,
                           (_m("v", "2022-01-01"),))
    s = Stance("v", 0, 0, "USA", "United States", "reject", Span(0, 4, "said"), "2022-01-01")
    board = board_of([vague], [("pr-v", s)])
    assert board.rows == () and board.vague == 1


def test_a_merged_proposal_is_named_by_the_phrase_most_mentions_share_not_the_longest():
    def mention(aid, text):
        return ProposalMention(aid, 0, "2022-01-10", "2022-01-10", ("RUR",), ("Ruritania",),
                               Span(0, len(text), text), (), (), name_words(text))
    ms = [mention("n1", "Ruritania wants firm security guarantees."),
          mention("n2", "Ruritania repeated its demand for security guarantees."),
          mention("n3", "Ruritania urged talks on building durable regional security conditions.")]
    # "building durable regional security conditions" has more name words, but only one
    # mention has them all; "security" is in every mention's name words
    assert merged(ms).name == "security guarantees"


def test_a_proposal_no_noun_names_is_named_by_what_it_asks_for():
    text = "Ruritania urged Osterland to reopen the northern border crossing."
    m = ProposalMention("a", 0, "2022-01-01", "2022-01-01", ("RUR",), ("Ruritania",), Span(0, len(text), text),
                        ("reopen the northern border crossing",), ("border", "crossing", "northern", "reopen"), ())
    assert merged([m]).name == "reopen the northern border crossing"
    bare = ProposalMention("b", 0, "2022-01-01", "2022-01-01", ("RUR",), ("Ruritania",), Span(0, len(text), text),
                           (), ("border",), ())
    assert merged([bare]).name == text
    # an item that opens with a pronoun names nothing by itself: the sentence says whose
    said = "Ruritania has insisted on their implementation for years."
    anaphoric = ProposalMention("c", 0, "2022-01-01", "2022-01-01", ("RUR",), ("Ruritania",),
                                Span(0, len(said), said), ("their implementation",), ("implementation",), ())
    assert merged([anaphoric]).name == said
