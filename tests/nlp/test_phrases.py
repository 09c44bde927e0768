"""PhraseMatchers built from cached token ids (sitroom.nlp.phrases): the same matches as
one built by tokenising every name, the tokenizer skipped once the ids are cached."""
from __future__ import annotations

import pytest
import spacy
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher

from sitroom.kb.cache import cached
from sitroom.nlp.phrases import phrase_matcher, tokenizer_rules

# names of our own: overlapping ("Port Vell", "Port Vell Bay"), punctuation split off
# ("St. Ives-on-Sea"), two keys, one name under two keys, one name that never occurs
PATTERNS = [("PLACE", "Port Vell"), ("PLACE", "Port Vell Bay"), ("PLACE", "Vell"),
            ("PLACE", "St. Ives-on-Sea"), ("BODY", "Harbour Board"), ("BODY", "Vell"),
            ("PLACE", "Nowhere Town")]
TEXT = ("The Harbour Board met in Port Vell Bay on Monday; boats from St. Ives-on-Sea "
        "and from Vell itself waited outside Port Vell.")


class Tokenizers:
    """A tokenizer factory that counts its calls."""

    def __init__(self, nlp):
        self.nlp, self.calls = nlp, 0

    def __call__(self):
        self.calls += 1
        return self.nlp.tokenizer


@pytest.fixture
def nlp(tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path / "cache"))
    return English()


def stock(nlp, patterns):
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, text in patterns:
        matcher.add(key, [nlp.tokenizer(text)])
    return matcher


def test_the_matches_and_their_order_are_those_of_a_matcher_built_from_the_tokenizer(nlp):
    doc = nlp(TEXT)
    ours = phrase_matcher(nlp.vocab, PATTERNS, name="testphrases", tokenizer=Tokenizers(nlp), rules=["t1"])
    expected = stock(nlp, PATTERNS)(doc)
    assert ours(doc) == expected
    found = {(nlp.vocab.strings[k], doc[s:e].text) for k, s, e in expected}
    assert ("PLACE", "Port Vell Bay") in found and ("PLACE", "St. Ives-on-Sea") in found
    assert ("BODY", "Vell") in found and ("PLACE", "Vell") in found


def test_a_second_build_reads_the_ids_from_the_cache_without_tokenising(nlp):
    first, second = Tokenizers(nlp), Tokenizers(nlp)
    phrase_matcher(nlp.vocab, PATTERNS, name="testphrases", tokenizer=first, rules=["t1"])
    again = phrase_matcher(English().vocab, PATTERNS, name="testphrases", tokenizer=second, rules=["t1"])
    assert (first.calls, second.calls) == (1, 0)
    fresh = English()  # another vocab: the ids are hashes of the token texts, the same in any
    doc = fresh(TEXT)
    assert again(doc) == stock(fresh, PATTERNS)(doc)


@pytest.mark.parametrize("change", ["names", "rules"])
def test_other_names_or_other_tokenizer_rules_tokenise_afresh(nlp, change):
    phrase_matcher(nlp.vocab, PATTERNS, name="testphrases", tokenizer=Tokenizers(nlp), rules=["t1"])
    patterns = PATTERNS + [("PLACE", "Outer Vell")] if change == "names" else PATTERNS
    rules = ["t2"] if change == "rules" else ["t1"]
    tokenizers = Tokenizers(nlp)
    matcher = phrase_matcher(nlp.vocab, patterns, name="testphrases", tokenizer=tokenizers, rules=rules)
    assert tokenizers.calls == 1
    doc = nlp("They sailed to Outer Vell.")
    assert matcher(doc) == stock(nlp, patterns)(doc)


def test_no_rules_means_no_cache(nlp, tmp_path):
    calls = Tokenizers(nlp)
    for _ in range(2):
        phrase_matcher(nlp.vocab, PATTERNS, name="testphrases", tokenizer=calls, rules=None)
    assert calls.calls == 2 and not (tmp_path / "cache").exists()


def test_a_cached_value_of_the_wrong_size_is_not_trusted(nlp):
    texts = "\n".join(t for _, t in PATTERNS)
    cached("testphrases", [f"spacy {spacy.__version__}", "t1", texts], lambda: [(1, 2)])  # planted
    calls = Tokenizers(nlp)
    matcher = phrase_matcher(nlp.vocab, PATTERNS, name="testphrases", tokenizer=calls, rules=["t1"])
    doc = nlp(TEXT)
    assert calls.calls == 1 and matcher(doc) == stock(nlp, PATTERNS)(doc)


def test_a_pipeline_from_disk_is_keyed_by_its_tokenizer_file_and_one_built_in_memory_is_not_cached(tmp_path):
    blank = English()
    assert tokenizer_rules(blank) is None
    blank.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    rules = tokenizer_rules(loaded)
    assert rules is not None and (tmp_path / "model" / "tokenizer") in rules
