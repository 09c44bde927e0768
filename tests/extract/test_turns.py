"""Who speaks a stretch: interviews named in the title, answered in dash turns."""
from __future__ import annotations

import pytest

from sitroom.extract.turns import interview_answers, interview_speaker


@pytest.mark.parametrize("title, who", [
    ("Jacinda Ardern in an interview for a Sydney paper: trade comes first", "Jacinda Ardern"),
    ("The Prime Minister gave an interview to a public broadcaster", "The Prime Minister"),
    ("Interview of the Chancellor to a Berlin weekly", "the Chancellor"),
    ("Address by the President", None),
    (None, None),
])
def test_interview_titles_name_the_interviewee(title, who):
    assert interview_speaker(title) == who


def test_interview_answers_are_the_turns_that_do_not_ask():
    text = "Interview. - Will you go? - We will go. Soon. - When? - In May.\n- And then? - Home."
    assert [text[s:e] for s, e in interview_answers(text)] == ["We will go. Soon.", "In May.", "Home."]
    # dashes in running prose, with fewer than two questions, are no turns
    assert interview_answers("The talks - the first in years - ended. Why? Nobody knows.") == []
