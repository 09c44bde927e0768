"""Quotes: quote marks, direct/partial/indirect kinds, speakers, cues, offsets."""
from __future__ import annotations

import pytest

from sitroom.extract import actors
from sitroom.extract.base import Context
from sitroom.extract.quotes import extract_quotes, quote_regions, speech_verbs, transcript_turns
from sitroom.nlp import parse
from sitroom.records import Article


def quotes_of(text: str):
    art = Article("t", text, published="2021-12-17")
    ctx = Context.build(parse(art), art)
    ctx.found["actors"] = actors.resolve(ctx)
    return list(extract_quotes(ctx))


def find(quotes, content: str):
    """The tightest quote containing ``content`` (a partial quote inside an indirect one)."""
    hits = [q for q in quotes if content in q.content.text]
    return min(hits, key=lambda q: len(q.content.text)) if hits else None


# ---------------------------------------------------------------- quote marks

@pytest.mark.parametrize("text, contents", [
    ('He said "we will go" today.', ["we will go"]),
    ("He said “we will go” today.", ["we will go"]),
    ("He said ''we will go'' today.", ["we will go"]),
    ("She called it ‘a disaster’ and left.", ["a disaster"]),
    ("Don’t panic, it’s fine.", []),  # apostrophes are not quotes
    ('"First part," he said. "Second part."', ["First part", "Second part."]),
    ('"Unclosed quote runs on to the end of the paragraph here\nNext line.', [
        "Unclosed quote runs on to the end of the paragraph here"]),
    ('He said "oops\nand went on.', []),  # a short unclosed mark mid-line is dropped
])
def test_quote_regions_exclude_marks(text, contents):
    assert [text[r.start:r.end] for r in quote_regions(text)] == contents


def test_quote_running_over_paragraphs_is_one_quote_per_paragraph():
    text = '“We will not back down. Never.\n\n“We will defend every inch,” he said.'
    regions = quote_regions(text)
    assert [text[r.start:r.end] for r in regions] == [
        "We will not back down. Never.", "We will defend every inch"]
    assert regions[1].continued


def test_a_mark_after_a_full_stop_reopens_a_quote_never_closed():
    # a quote of two sentences run into one paragraph, the first never closed
    text = 'The mayor said: "The bridge will open in May. "Nobody should doubt it." Then she left.'
    regions = quote_regions(text)
    assert [text[r.start:r.end] for r in regions] == [
        "The bridge will open in May.", "Nobody should doubt it."]
    assert regions[1].continued


def test_a_mark_before_a_comma_never_opens_a_quote():
    text = 'Prices will rise", a trader said. "We are worried," said another.'
    assert [text[r.start:r.end] for r in quote_regions(text)] == ["We are worried"]


def test_a_reopened_quote_keeps_the_first_speaker():
    text = ('The mayor said: "The bridge will open in May. "Nobody should doubt it." '
            "The council issued a statement promising to pay.")
    q = find(quotes_of(text), "Nobody should doubt it.")
    assert q is not None and q.speaker is not None and q.speaker.span.text == "The mayor"


def test_transcript_turns():
    text = "WALLACE: Will she be there?\nPENCE: Well, no.\nDetails: not a turn."
    turns = [(text[a:b], text[c:d]) for (a, b), (c, d) in transcript_turns(text)]
    assert turns == [("WALLACE", "Will she be there?"), ("PENCE", "Well, no.")]


def test_labelled_turns_run_inside_a_paragraph_to_the_next_label():
    text = ("The press conference opened late. Chancellor of Germany Olaf Scholz: Good morning, "
            "colleagues. We are pleased to host you. Emmanuel Macron: Merci. <…>")
    quotes = quotes_of(text)
    first = find(quotes, "We are pleased to host you.")
    assert first.kind == "direct" and first.content.text == "Good morning, colleagues. We are pleased to host you."
    assert first.speaker.actor.code == "DEU"
    last = [q for q in quotes if q.content.text == "Merci."]
    assert last and last[0].speaker.actor.code == "FRA"


def test_speech_verbs_are_data():
    verbs = speech_verbs()
    assert verbs["say"].cls == "speech" and verbs["believe"].cls == "belief"
    assert "xcomp" in verbs["urge"].frames


# ---------------------------------------------------------------- extraction

# text, content contained, kind, speaker text contained (None: no speaker)
CASES = [
    ('"We will not accept this," Lavrov said on Monday.', "We will not accept this", "direct", "Lavrov"),
    ('Lavrov said: "We will not accept this."', "We will not accept this", "direct", "Lavrov"),
    ('"The talks failed," said Jens Stoltenberg, the head of NATO.', "The talks failed", "direct",
     "Stoltenberg"),
    ("Stoltenberg condemned the demands, insisting that Moscow \"has no veto\" over the alliance.",
     "has no veto", "partial", "Stoltenberg"),
    ("The official said Washington would come back with a \"firmer offer\" next month.",
     "firmer offer", "partial", "The official"),
    ("A senior official told reporters that Canada is willing to review the plan.",
     "Canada is willing to review the plan", "indirect", "A senior official"),
    ("An adviser to President Macron told Le Monde that Germany has not answered the letter.",
     "Germany has not answered the letter", "indirect", "An adviser to President Macron"),
    ("According to the Kremlin, the meeting will take place in Geneva.",
     "the meeting will take place in Geneva", "indirect", "the Kremlin"),
    ("The minister urged Warsaw to recall its ambassador.", "Warsaw to recall its ambassador", "indirect",
     "The minister"),
    ("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt.", "Lenox was a juggernaut",
     "indirect", "Mr. Clarke"),
    ('"I am so ashamed of this campaign and its message." ― Sonya Herridge',
     "I am so ashamed", "direct", "Sonya Herridge"),
    ("The minister stressed an urgent need to repair the old bridges.",
     "an urgent need to repair the old bridges", "indirect", "The minister"),
    ("The court ruled that the election had been fair.", "the election had been fair", "indirect",
     "The court"),
    ("The ministry accused the company of hiding its losses.", "hiding its losses", "indirect",
     "The ministry"),
    ("The minister spoke strongly in favour of direct talks with the rebels.",
     "favour of direct talks with the rebels", "indirect", "The minister"),
    ("The ministry's argument was that the tax had never been paid.",
     "the tax had never been paid", "indirect", "ministry"),
    ("PENCE: Well, the question really should be why they invited him.",
     "the question really should be", "direct", "PENCE"),
]


@pytest.mark.parametrize("text, content, kind, speaker", CASES)
def test_quotes(text, content, kind, speaker):
    q = find(quotes_of(text), content)
    assert q is not None, f"no quote containing {content!r}"
    assert q.kind == kind
    assert q.speaker is not None and speaker in q.speaker.span.text
    assert text[q.content.start:q.content.end] == q.content.text


def test_scare_quotes_are_not_quotes():
    text = "NATO has increased its presence on the alliance's \"eastern flank\" since 2014."
    assert quotes_of(text) == []


def test_quoted_titles_are_not_quotes():
    text = 'Sanders said on MSNBC\'s "Morning Joe" that he would vote for Clinton.'
    assert all("Morning Joe" not in q.content.text for q in quotes_of(text))


def test_split_quote_and_following_paragraph_keep_the_speaker():
    text = ('"We are ready," the minister said. "But not at any price."\n\n'
            '"Our view has not changed since last spring."')
    quotes = quotes_of(text)
    speakers = {q.content.text: q.speaker.span.text if q.speaker else None for q in quotes}
    assert speakers["We are ready"] == "the minister"
    assert speakers["But not at any price."] == "the minister"
    assert speakers["Our view has not changed since last spring."] == "the minister"


@pytest.mark.parametrize("text", [
    'The head of the inquiry, Judge Margaret Holloway, said that "more time is needed".',
    "According to the firm's lawyer, Daniel Okafor of Brandt and Rowe, the claim is sound.",
])
def test_a_named_apposition_is_the_speaker(text):
    quotes = quotes_of(text)
    assert quotes and all(q.speaker is not None for q in quotes)
    assert any(("Holloway" in q.speaker.span.text) or ("Okafor" in q.speaker.span.text) for q in quotes)


def test_it_of_an_active_speech_verb_is_its_speaker():
    text = "The European Commission issued new rules on Monday. Small farms will be exempt, it added."
    q = find(quotes_of(text), "Small farms will be exempt")
    assert q is not None and q.speaker.span.text == "it" and q.speaker.actor.code == "EU"


def test_that_was_said_by_reports_the_sentence_before():
    text = "Chancellor Olaf Scholz visited Kyiv. Talks must resume soon. That was said by Olaf Scholz."
    q = find(quotes_of(text), "Talks must resume soon")
    assert q is not None and q.content.text == "Talks must resume soon"
    assert "Scholz" in q.speaker.span.text


def test_in_his_opinion_is_attributed_to_the_possessor():
    text = "Chancellor Olaf Scholz met the press. In his opinion, sanctions are doing their job."
    q = find(quotes_of(text), "sanctions are doing their job")
    assert q is not None and q.speaker.span.text == "his" and q.speaker.actor.code == "DEU"


@pytest.mark.parametrize("text, author", [
    ('"The border stays open," a letter sent on behalf of Chancellor Olaf Scholz said.', "Scholz"),
    ("Dr Ruth Okafor's report suggests that the dam was badly built.", "Okafor"),
])
def test_a_statement_or_work_speaks_for_its_author(text, author):
    quotes = quotes_of(text)
    assert quotes and author in quotes[0].speaker.span.text


def test_a_clause_ending_in_a_long_partial_quote_stays_a_report():
    text = ('The agency said that it plans to review the rules "before the end of the decade, once '
            'the new members have joined the market".')
    quotes = quotes_of(text)
    assert find(quotes, "before the end of the decade").kind == "partial"
    whole = [q for q in quotes if q.kind == "indirect" and q.content.text.startswith("it plans to review the rules")]
    assert whole and whole[0].speaker.span.text == "The agency"


def test_a_quoted_predicate_leaves_no_clause_before_it():
    text = 'The agency said the session was "much better than planned".'
    assert all(q.content.text != "the session was" for q in quotes_of(text))


def test_a_sentence_joined_by_and_goes_on_with_the_report():
    text = ('The mayor said that the river defences were ready. And "round-the-clock patrols" '
            "were being organised along the banks.")
    quotes = quotes_of(text)
    part = find(quotes, "round-the-clock patrols")
    assert part is not None and part.speaker.span.text == "The mayor"
    whole = [q for q in quotes if q.content.text.startswith('"round-the-clock')]
    assert whole and whole[0].speaker.span.text == "The mayor"


def test_a_joined_sentence_without_quoted_words_is_not_reported():
    text = "The mayor said that the river defences were ready. And then the rain stopped."
    assert all("rain" not in q.content.text for q in quotes_of(text))


def test_reported_speech_inside_a_quote_is_its_own_report():
    text = ('"Germany has said that the dam is safe, but nobody believes it," the engineer said.')
    quotes = quotes_of(text)
    inner = [q for q in quotes if q.content.text == "the dam is safe"]
    assert inner and inner[0].speaker.span.text == "Germany" and inner[0].speaker.actor.code == "DEU"
    assert find(quotes, "nobody believes it").speaker.span.text == "the engineer"


@pytest.mark.parametrize("text", [
    '"I have said that the dam is safe," the engineer said.',
    '"Germany will never say that the dam is safe," the engineer said.',
])
def test_first_person_or_unasserted_reports_inside_a_quote_are_the_quote_itself(text):
    assert len(quotes_of(text)) == 1


def test_speaking_in_a_place_reports_nothing():
    assert quotes_of("The minister spoke in Brussels on Monday.") == []


def test_cue_is_the_speech_verb():
    q = find(quotes_of("The spokesman stressed that no deal was near."), "no deal was near")
    assert q.cue is not None and q.cue.text == "stressed"


def test_pronoun_speaker_resolves_to_earlier_actor():
    text = ("NATO chief Jens Stoltenberg spoke in Brussels on Friday. "
            "He said that Russia must withdraw its forces.")
    q = find(quotes_of(text), "Russia must withdraw its forces")
    assert q.speaker.span.text == "He"
    assert q.speaker.actor is not None and q.speaker.actor.code == "NATO"


@pytest.mark.parametrize("text", [
    '"', '“”', '" " "', "‘", 'He said "', '"\n"\n"', "''''", "said that", '"a" "b" "c" "d"',
    "“Unclosed\n\n“Again\n\n“And again",
])
def test_odd_quote_marks_never_raise(text):
    for q in quotes_of(text):
        assert text[q.content.start:q.content.end] == q.content.text


def test_seed_quotes(seed_text):
    quotes = quotes_of(seed_text)
    veto = find(quotes, "has no veto")
    assert veto.kind == "partial" and "Stoltenberg" in veto.speaker.span.text
    assert veto.speaker.actor.code == "NATO"
    docs = find(quotes, "there are some things in those documents")
    assert docs.speaker.actor.code == "USA" and docs.speaker.actor.anonymous
    assert find(quotes, "without Europeans in the room").speaker.actor.code == "USA"
    assert find(quotes, "has still not fulfilled a request").speaker.actor.code == "UKR"
    assert all(not q.content.text.startswith(('"', "“")) for q in quotes)
    assert find(quotes, "eastern flank") is None


def test_a_singular_pronoun_speaker_is_a_person_not_a_party_or_outlet():
    from sitroom.extract import actors
    from sitroom.extract.base import Context
    from sitroom.extract.speech import Speakers
    from sitroom.nlp import parse
    from sitroom.records import Article

    art = Article("t", "The Tories said the tax was wrong. He said the plan would fail.", published="2021-12-17")
    doc = parse(art)
    ctx = Context.build(doc, art)
    ctx.found["actors"] = actors.resolve(ctx)
    speakers = Speakers(ctx)
    party, he = [t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "say"]
    assert speakers.of(party).actor.kind == "group"  # the party speaks first ...
    found = speakers.of(he)
    assert found is None or found.actor is None or found.actor.kind != "group"  # ... "he" is not it
