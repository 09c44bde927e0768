"""The fast attribute ruler and lemmatizer give spaCy's own annotations, token for token."""
from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from sitroom.nlp import fast
from sitroom.nlp.pipeline import _load
from sitroom.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

# Our own sentences, with what the ruler's longer and rarer rules look for: contractions
# ("ain't", "gonna", "gotta", "let's", "I'd", "'s"), pronouns, a bare "'", spaces.
TEXTS = [
    "I'd say we're gonna need a bigger budget, the mayor told reporters on Tuesday.",
    "Let's be clear: it ain't over, and you gotta keep going, she said.\n\nThey'd left by noon.",
    "The ministers' talks in Oslo were 'productive', a spokesman said; he'd seen the draft.",
    "Prices rose 4.5% in March.   Analysts had expected 3%.\n\n• Exports fell\n• Imports rose",
    "Its shares, which it's been buying back, closed higher; theirs didn't.",
    "\n\nWhy won't he go? We can't tell, said Dr. Ann Lee of the Institute.",
]


def stock_nlp():
    nlp = _load.__wrapped__(Settings().model)  # a pipeline of its own, not the process's
    return fast.stock(nlp)


def annotations(nlp, texts):
    return [doc.to_array(ATTRS) for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def pipelines():
    return stock_nlp(), fast.speed_up(stock_nlp())


def test_the_fast_components_replace_the_stock_ones(pipelines):
    stock, quick = pipelines
    kinds = {name: type(proc) for name, proc in quick.pipeline}
    assert kinds["attribute_ruler"] is fast.FastAttributeRuler
    assert kinds["lemmatizer"] is fast.FastLemmatizer
    assert type(stock.get_pipe("attribute_ruler")) is not fast.FastAttributeRuler


def test_our_sentences_get_identical_annotations(pipelines):
    stock, quick = pipelines
    twice = TEXTS + TEXTS  # the second round is answered from the remembered tables
    for a, b in zip(annotations(stock, twice), annotations(quick, twice)):
        assert numpy.array_equal(a, b)


def test_the_demo_corpus_gets_identical_annotations(pipelines):
    stock, quick = pipelines
    path = ROOT / "examples" / "presidential-releases-2021-12_2022-02.jsonl"
    texts = [json.loads(line)["text"] for line, _ in zip(open(path, encoding="utf-8"), range(12))]
    a, b = annotations(stock, texts), annotations(quick, texts)
    assert len(a) == 12
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if not numpy.array_equal(x, y)]
    assert diffs == []


def test_full_tables_start_afresh_with_the_same_answers(pipelines, monkeypatch):
    stock, quick = pipelines
    monkeypatch.setattr(fast, "LEMMA_CACHE_MAX", 5)
    monkeypatch.setattr(fast, "RULER_CACHE_MAX", 5)
    for a, b in zip(annotations(stock, TEXTS), annotations(quick, TEXTS)):
        assert numpy.array_equal(a, b)
    assert len(quick.get_pipe("lemmatizer")._sitroom_lemmas) < 100


def test_a_rule_added_later_is_used(pipelines):
    stock, quick = pipelines
    text = ["The Zorblat spoke."]
    for nlp in (stock, quick):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "zorblat"}]], {"LEMMA": "zorb", "POS": "PROPN"})
    a, b = annotations(stock, text), annotations(quick, text)
    assert numpy.array_equal(a[0], b[0])
    assert [t.lemma_ for t in quick(text[0])][1] == "zorb"


def test_stock_spacy_can_be_asked_for(monkeypatch):
    monkeypatch.setenv("SITROOM_STOCK_SPACY", "1")
    nlp = _load.__wrapped__(Settings().model)
    assert not any(isinstance(p, (fast.FastAttributeRuler, fast.FastLemmatizer)) for _, p in nlp.pipeline)


def _layer_ops(nlp):
    return {type(node.ops).__name__ + (" blis" if getattr(node.ops, "use_blis", False) else "")
            for _, proc in nlp.pipeline if hasattr(getattr(proc, "model", None), "walk")
            for node in proc.model.walk()}


def test_the_networks_multiply_with_numpy_on_one_blas_thread(pipelines):
    from threadpoolctl import threadpool_info

    stock, quick = pipelines
    assert _layer_ops(quick) == {"NumpyOps"}
    assert _layer_ops(stock) == {"NumpyOps blis"}  # the stock pipeline keeps thinc's BLIS
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
