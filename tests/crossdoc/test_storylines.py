from __future__ import annotations

import random

from samples_crossdoc import event, pair
from sitroom.crossdoc.storylines import storylines_of


def _items():
    out = []
    for i, day in enumerate(["2022-02-10", "2022-02-12", "2022-02-15", "2022-02-18"]):
        t = f"Russian troops mass near Ukraine border as Kremlin denies invasion plans, report {i}."
        out.append(pair(f"u{i}", t, published=day, title="Russian troops mass near Ukraine border",
                        events=[event(t, "mass", "MOBILIZE", {"Russian": "RUS"}, {"Ukraine": "UKR"})]))
    for i, day in enumerate(["2022-02-11", "2022-02-14", "2022-02-16"]):
        t = f"Football club wins league title after dramatic penalty shootout at stadium, match {i}."
        out.append(pair(f"f{i}", t, published=day, title="Club wins league title on penalties", events=[]))
    t = "Russian troops mass near Ukraine border as Kremlin denies invasion plans, months later."
    out.append(pair("late", t, published="2022-06-30", title="Russian troops mass near Ukraine border",
                    events=[event(t, "mass", "MOBILIZE", {"Russian": "RUS"}, {"Ukraine": "UKR"})]))
    t = "Farmers report record harvest of wheat in the region."
    out.append(pair("lone", t, published="2022-02-12", title="Record wheat harvest"))
    return out


def test_articles_on_one_story_form_a_storyline_within_the_window():
    lines = storylines_of(_items())
    by_articles = {s.articles: s for s in lines}
    assert set(by_articles) == {("u0", "u1", "u2", "u3"), ("f0", "f1", "f2")}
    war = by_articles[("u0", "u1", "u2", "u3")]
    assert (war.first_date, war.last_date) == ("2022-02-10", "2022-02-18")
    assert war.actors[:2] == ("RUS", "UKR")
    assert "Russia" in war.name and war.terms
    assert war.id.startswith("st-")


def test_storylines_are_deterministic_under_permutation():
    items = _items()
    random.Random(7).shuffle(items)
    assert storylines_of(items) == storylines_of(_items())
