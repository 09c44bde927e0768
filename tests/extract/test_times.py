"""Time expressions: a phrase in a short sentence and a publication date → value, granularity, anchored."""
from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract.base import Context
from sitroom.extract.times import extract_times
from sitroom.nlp import parse
from sitroom.records import Article

FRIDAY = "2021-12-17"  # the seed's publication date, a Friday (ISO week 2021-W50)


def times(text: str, published: str | None = FRIDAY):
    article = Article("t", text, published=published)
    found = list(extract_times(Context.build(parse(article), article)))
    for t in found:
        assert t.span.text == text[t.span.start:t.span.end]
    return found


def one(text: str, published: str | None = FRIDAY):
    found = times(text, published)
    assert len(found) == 1, found
    t = found[0]
    return t.span.text, t.value, t.granularity, t.anchored


@pytest.mark.parametrize("text, published, expected", [
    # weekdays follow the tense of their verb
    ("A senior official told reporters on Friday that talks are possible.", FRIDAY,
     ("Friday", "2021-12-17", "day", True)),
    ("The ministers will meet on Thursday in Geneva.", FRIDAY, ("Thursday", "2021-12-23", "day", True)),
    ("The ministers will meet on Thursday in Geneva.", "2021-12-15", ("Thursday", "2021-12-16", "day", True)),
    ("The ministers met on Thursday in Geneva.", FRIDAY, ("Thursday", "2021-12-16", "day", True)),
    ("Biden will speak with Putin on Friday.", FRIDAY, ("Friday", "2021-12-17", "day", True)),
    ("They spoke last Friday.", FRIDAY, ("last Friday", "2021-12-10", "day", True)),
    ("They will speak again next Friday.", FRIDAY, ("next Friday", "2021-12-24", "day", True)),
    ("They spoke last Friday.", "2021-12-20", ("last Friday", "2021-12-17", "day", True)),
    ("They have been defending the state since February 24.", "2022-05-01",
     ("February 24", "2022-02-24", "day", True)),
    ("The summit is scheduled for December 15 this year.", "2021-03-10",
     ("December 15 this year", "2021-12-15", "day", True)),
    ("He welcomed Xi, following their talks in Beijing on February 4.", "2022-02-10",
     ("February 4", "2022-02-04", "day", True)),
    ("Firms will be able to defer payments through late September.", "2022-03-10",
     ("late September", "2022-09", "month", True)),
    # relative days, weeks, months, years
    ("The U.S. would return with a concrete proposal next week.", FRIDAY, ("next week", "2021-W51", "week", True)),
    ("Talks were held last week.", FRIDAY, ("last week", "2021-W49", "week", True)),
    ("He arrived this week.", FRIDAY, ("this week", "2021-W50", "week", True)),
    ("Fighting resumed yesterday.", FRIDAY, ("yesterday", "2021-12-16", "day", True)),
    ("The vote is due tomorrow.", FRIDAY, ("tomorrow", "2021-12-18", "day", True)),
    ("The summit opens today.", FRIDAY, ("today", "2021-12-17", "day", True)),
    ("Sanctions were imposed last month.", FRIDAY, ("last month", "2021-11", "month", True)),
    ("Sanctions will be imposed next month.", FRIDAY, ("next month", "2022-01", "month", True)),
    ("The U.S. has provided aid to Ukraine this year.", FRIDAY, ("this year", "2021", "year", True)),
    ("Trade fell last year.", FRIDAY, ("last year", "2020", "year", True)),
    ("The war began two years ago.", FRIDAY, ("two years ago", "2019", "year", True)),
    ("The request was submitted in early November.", FRIDAY, ("early November", "2021-11", "month", True)),
    ("Elections will be held in March.", FRIDAY, ("March", "2022-03", "month", True)),
    ("Elections were held in March.", FRIDAY, ("March", "2021-03", "month", True)),
    ("The deal was signed on Dec. 10.", FRIDAY, ("Dec. 10", "2021-12-10", "day", True)),
    ("The deal was signed on December 28.", "2022-01-03", ("December 28", "2021-12-28", "day", True)),
    ("The army will withdraw this spring.", "2022-01-10", ("this spring", "2022", "year", True)),
    # absolute expressions
    ("NATO occupied those positions in 1997.", FRIDAY, ("1997", "1997", "year", False)),
    ("Russia's previous invasion of Ukraine in 2014 changed that.", FRIDAY, ("2014", "2014", "year", False)),
    ("The treaty was signed on 17 December 2021 in Moscow.", FRIDAY, ("17 December 2021", "2021-12-17", "day", False)),
    ("The treaty was signed on December 17, 2021 in Moscow.", FRIDAY, ("December 17, 2021", "2021-12-17", "day", False)),
    ("The file is dated 2021-12-17.", FRIDAY, ("2021-12-17", "2021-12-17", "day", False)),
    ("The talks broke down in January 2022.", FRIDAY, ("January 2022", "2022-01", "month", False)),
    ("Troops left in late 2021.", FRIDAY, ("late 2021", "2021", "year", False)),
])
def test_time_values(text, published, expected):
    assert one(text, published) == expected


def test_next_week_is_the_iso_week_after_publication():
    pub = dt.date(2021, 12, 17)
    nxt = (pub + dt.timedelta(weeks=1)).isocalendar()
    assert one("They will meet next week.")[1] == f"{nxt.year}-W{nxt.week:02d}" == "2021-W51"
    assert dt.date(2021, 12, 20).isocalendar()[:2] == (2021, 51)


@pytest.mark.parametrize("text", [
    "Biden may travel to Europe soon.",          # "may" is a verb here
    "Protesters march through the capital.",       # so is "march"
    "The fall of Kabul shocked the allies.",       # not a season
    "It was the first meeting since the 1990s.",   # decades are left out
    "More than 2,500 troops and $2021 were counted.",
])
def test_not_time_expressions(text):
    assert times(text) == []


def test_relative_expressions_are_skipped_without_a_publication_date():
    found = times("He said on Friday that talks in 2014 failed and will resume next week.", published=None)
    assert [(t.span.text, t.value, t.anchored) for t in found] == [("2014", "2014", False)]
