"""Layout of plain text: datelines, headlines, bylines, credits, captions, link blocks."""
from __future__ import annotations

import json

import pytest

from sitroom.ingest.layout import analyse, parse_dateline


def texts(text: str, regions) -> list[str]:
    return [text[s:e] for s, e in regions]


@pytest.mark.parametrize("line, expected", [
    ("Mar 3, 2022 - Europe", ("2022-03-03", "Europe")),
    ("December 17, 2021", ("2021-12-17", None)),
    ("2021-12-17", ("2021-12-17", None)),
    ("17 Dec 2021", ("2021-12-17", None)),
    ("Dec. 17, 2021 — Politics", ("2021-12-17", "Politics")),
    ("Sept. 3, 2022 – Science & Health", ("2022-09-03", "Science & Health")),
    ("Friday, December 17, 2021 | Business", ("2021-12-17", "Business")),
    ("Updated Dec 17, 2021 - 10:30am ET", ("2021-12-17", None)),
    ("Dec 17, 2021, 5 p.m. - U.S. News", ("2021-12-17", "U.S. News")),
    ("3rd March 2022", ("2022-03-03", None)),
])
def test_datelines_give_date_and_section(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("line", [
    "Dec 32, 2021",                          # no such day
    "2021-13-01",
    "Dec 17, 2021 - The president said.",     # a sentence, not a section
    "Dec 17, 2021 - the world",
    "On Dec 17, 2021 the talks began",
    "May be later",
    "Talks resume on 17 Dec 2021 in Geneva",
])
def test_lines_that_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_seed_layout(seed_text):
    layout = analyse(seed_text)
    assert layout.published == "2021-12-17"
    assert layout.section == "World"
    assert "U.S. to consider Russia's NATO proposal" in layout.title
    blanked = texts(seed_text, layout.boilerplate)
    assert "Dec 17, 2021 - World" in blanked
    assert "Photo: Mikhail Svetlov/Getty Images" in blanked
    assert any(b.startswith("Go deeper") for b in blanked)
    assert blanked[-1] == "Go deeper"
    # the caption and the title stay content
    assert not any("Vladimir Putin" in b or "NATO proposal" in b for b in blanked)
    assert "Vladimir Putin" in texts(seed_text, layout.captions)
    # nothing else of the body is blanked
    assert sum(e - s for s, e in layout.boilerplate) < 200


@pytest.mark.parametrize("text, blanked, kept", [
    ("Troops massed on the border.\nSoldiers rest near Kyiv. (AP Photo/Efrem Lukatsky)\nTalks went on.\n",
     ["(AP Photo/Efrem Lukatsky)"], ["Soldiers rest near Kyiv."]),
    ("The leaders met in Geneva.\n(Photo by John Smith/AFP via Getty Images)\nThey talked for hours.\n",
     ["(Photo by John Smith/AFP via Getty Images)"], ["They talked for hours."]),
    ("The leaders met in Geneva.\nREUTERS/Denis Balibouse\nThey talked.\n",
     ["REUTERS/Denis Balibouse"], ["The leaders met in Geneva."]),
    ("Protesters in Minsk\nCredit: Jane Roe\nThe protest grew.\n", ["Credit: Jane Roe"], ["Protesters in Minsk"]),
    ("A map of the region. Image: Example News\nThe protest grew.\n", ["Image: Example News"],
     ["A map of the region."]),
    ("A tank near Donetsk\nSergei Supinsky/AFP via Getty Images\nShelling resumed.\n",
     ["Sergei Supinsky/AFP via Getty Images"], ["A tank near Donetsk"]),
])
def test_photo_credits_are_boilerplate_captions_are_not(text, blanked, kept):
    layout = analyse(text)
    found = texts(text, layout.boilerplate)
    for b in blanked:
        assert b in found
    for k in kept:
        assert not any(k in f for f in found)


@pytest.mark.parametrize("text", [
    "The photo: it was taken at dawn, he said, and it showed the column.\nMore text here.\n",
    "Officials said the image of the talks was misleading.\n",
    "He said the credit for the deal: Washington.\nIt was signed.\n",
])
def test_prose_mentioning_photos_is_kept(text):
    assert analyse(text).boilerplate == ()


def test_byline_is_read_and_blanked():
    text = "Russia masses troops\n\nBy Jane Doe and John Smith\n\nMoscow sent more troops, officials said.\n"
    layout = analyse(text)
    assert layout.byline == "Jane Doe and John Smith"
    assert layout.title == "Russia masses troops"
    assert texts(text, layout.boilerplate) == ["By Jane Doe and John Smith"]


def test_trailing_link_block_is_blanked():
    text = ("Moscow sent more troops, officials said.\n\nThe talks resume next week.\n\n"
            "Related:\nTalks in Geneva end without a deal\nNATO weighs its answer\n\n"
            "Sign up for our newsletter\n© 2022 Example News")
    found = texts(text, analyse(text).boilerplate)
    assert found[0] == "Related:"
    assert "NATO weighs its answer" in found and "© 2022 Example News" in found
    assert "The talks resume next week." not in found


@pytest.mark.parametrize("text, title", [
    ("Mar 3, 2022 - Europe\n\nU.S. weighs Russia's offer\n\nThe U.S. said on Friday it would reply.\n",
     "U.S. weighs Russia's offer"),
    ("Talks stall as troops mass\nThe talks stalled on Monday.\n", "Talks stall as troops mass"),
    ("# Talks stall\n\nThe talks stalled on Monday.\n", "Talks stall"),
    ("Kyiv asks for help from the U.S.\nUkraine asked for help.\n", "Kyiv asks for help from the U.S."),
    ("$1m payoff for former boss\nThe firm paid.\n", "$1m payoff for former boss"),
    ("iTunes now sells the song\nOwners can buy it.\n", "iTunes now sells the song"),
    ("'My memories of Marley...'\nTo mark the day, he wrote.\n", "'My memories of Marley...'"),
    ("The talks stalled on Monday.\nBoth sides left.\n", None),   # a sentence, not a headline
    ("officials met in Geneva\nThey talked.\n", None),
    ("Talks stall as troops mass", None),                          # nothing after it
    ("Go deeper: Inside the talks\nThe talks stalled.\n", None),
])
def test_headline_becomes_title(text, title):
    layout = analyse(text)
    assert layout.title == title
    if title:
        assert not any(title in b for b in texts(text, layout.boilerplate))


def test_offsets_point_into_the_original_text():
    text = "  Mar 3, 2022 - Europe  \r\n\r\nHeadline here\r\nBody text. Photo: A B/Getty Images\r\n"
    layout = analyse(text)
    assert texts(text, layout.boilerplate) == ["Mar 3, 2022 - Europe", "Photo: A B/Getty Images"]
    assert layout.title == "Headline here"


def test_no_false_layout_on_real_articles():
    from shared_data import shared_path
    path = shared_path("corpora", "bbc-news-2225.jsonl")
    same = total = blanked = 0
    with open(path, encoding="utf-8") as f:
        for line in list(f)[:400]:
            doc = json.loads(line)
            layout = analyse(doc["text"])
            total += 1
            same += layout.title == doc["title"].strip()
            blanked += bool(layout.boilerplate)
    assert same / total > 0.98      # the BBC texts open with their headline
    assert blanked / total < 0.02   # and hold no layout furniture


def test_article_from_text_applies_the_layout(seed_text):
    from sitroom.errors import EmptyInput
    from sitroom.ingest.layout import article_from_text

    a = article_from_text(seed_text, id="seed")
    assert (a.id, a.published, a.published_from, a.section) == ("seed", "2021-12-17", "dateline", "World")
    b = article_from_text(seed_text, published="2021-12-20", title="Given")
    assert (b.published, b.published_from, b.title) == ("2021-12-20", "given", "Given")
    assert b.id.startswith("a-") and b.boilerplate == a.boilerplate
    with pytest.raises(EmptyInput):
        article_from_text("  ")
