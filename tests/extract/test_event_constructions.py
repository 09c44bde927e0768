"""Constructions and word classes of the event coder found by grouping the sentence-level
misses by cause; each rule is pinned on sentences written for it."""
from __future__ import annotations

import pytest

import sitroom
from sitroom.extract.event_lexicon import load_lexicon

from test_events import codes, find  # tests/extract/test_events.py


def events_of(text: str, published: str | None = "2005-06-14"):
    return list(sitroom.extract(text, published=published, min_confidence=0).events)


# ---- the lemmatizer's slips: "staged" is lemmatized "stag", so the light verb went unseen
@pytest.mark.parametrize("text", [
    "Chilean miners staged demonstrations against the government of Chile.",
    "Chilean miners are staging demonstrations against the government of Chile.",
])
def test_staged_protest_is_the_subjects_protest(text):
    e = find(events_of(text), "PROTEST", "CHL", "CHL")
    assert e is not None and e.trigger.text.startswith("stag"), [(x.type, x.trigger.text) for x in events_of(text)]


def test_slipped_forms_read_as_their_lemma_and_real_words_keep_theirs():
    lex = load_lexicon()

    class Tok:  # a token's two attributes the lexicon reads
        def __init__(self, lower, lemma):
            self.lower_, self.lemma_ = lower, lemma

    assert lex.lemma(Tok("staged", "stag")) == "stage"
    assert lex.lemma(Tok("raped", "rap")) == "rape"
    assert lex.lemma(Tok("rapped", "rap")) == "rap"  # "rapped the plan" is a criticism
    assert lex.lemma(Tok("hopped", "hop")) == "hop"
