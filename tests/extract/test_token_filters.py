"""The fast token filters the extractors use agree with the slow tests they stand for:
each keeps every token the extractor's loop could act on (and, for the cue and lemma
filters, exactly those)."""
from __future__ import annotations

import pytest

from sitroom.extract import quantities, times
from sitroom.extract.proposals import is_proposal_noun, proposal_lexicon
from sitroom.extract.speech import cue_candidates, is_cue, lemma_candidates
from sitroom.nlp import parse
from sitroom.records import Article

TEXTS = [
    "Russia said on Friday it had massed about 100,000 troops, according to U.S. officials. "
    "In a poll, NATO leaders warned that talks would begin in early March 2022.",
    "The demands include:\n• a ban on NATO expansion\n• no missiles in Ukraine\n"
    "Moscow rejected the proposals last week, two days ago, and $2bn (£1.5m) was pledged.",
    "Officials MAY meet in May. Sales rose 5% to 1,200 units; the Su-35 flew at 10 a.m. on 17 December 2021.",
    "No dates, numbers or speech here: just words about nothing at all.",
]


@pytest.fixture(scope="module", params=range(len(TEXTS)))
def doc(request):
    return parse(Article("t", TEXTS[request.param], published="2021-12-17"))


def test_cue_candidates_are_the_cues_and_the_words(doc):
    words = frozenset({"according", "in"})
    assert cue_candidates(doc, words) == [t.i for t in doc if t.lower_ in words or is_cue(t)]


def test_lemma_candidates_are_the_proposal_nouns(doc):
    from spacy.parts_of_speech import NOUN, PROPN

    lex = proposal_lexicon()
    nouns = lex["noun"] | lex["term"]
    assert lemma_candidates(doc, {NOUN: nouns, PROPN: nouns}) == [t.i for t in doc if is_proposal_noun(t)]


def test_number_start_tokens_hold_every_number(doc):
    lex = quantities.lexicon()
    starts, digits = quantities._start_tokens(doc, lex)
    assert {i for i in range(len(doc)) if quantities._number_at(doc, i, lex) is not None} <= starts
    assert digits == [t.i for t in doc if any(c.isdigit() for c in t.text)]


def test_time_patterns_skipped_for_a_missing_part_find_nothing(doc):
    text = doc.text
    for kind, pattern in times._PATTERNS:
        needed = times._NEEDS.get(kind)
        if needed is not None and needed.search(text) is None:
            assert list(pattern.finditer(text)) == []
    full = [(k, m.span()) for k, p in times._PATTERNS for m in p.finditer(text)]
    assert {(k, m.span()) for k, m in times._candidates(text)} <= set(full)


def test_the_cue_and_lemma_filters_take_an_empty_doc():
    from spacy.parts_of_speech import NOUN
    from spacy.tokens import Doc

    from sitroom.nlp import get_nlp

    empty = Doc(get_nlp().vocab, words=[])
    assert cue_candidates(empty, frozenset({"said"})) == []
    assert lemma_candidates(empty, {NOUN: frozenset({"plan"})}) == []
