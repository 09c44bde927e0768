"""Article identity is (id, source): nothing is lost to another source's id, a changed
text is reported, and one article the database refuses fails alone (issue 19, 1 and 9)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.errors import UsageError
from sitroom.store import open_store

from samples_store import pair_one, pair_three, pair_two
from store_raw import raw_rows


def same_id(pair, *, source, text=None, id="a1"):
    article, extraction = pair
    article = replace(article, id=id, source=source, text=text or article.text,
                      content_hash=None if text else article.content_hash)
    return article, replace(extraction, article_id=id)


def test_the_same_id_from_two_sources_keeps_both(target):
    with open_store(target) as s:
        assert s.write([pair_one()]).stored == 1
        other = same_id(pair_three(), source="Feed B", id="a1")
        res = s.write([other])
        assert (res.stored, res.duplicates, res.failures) == (1, 0, ())
        (notice,) = res.versions
        assert notice.code == "other_source" and notice.id == "a1@Feed B"
        assert s.article("a1")["source"] == "Axios"
        assert s.article("a1@Feed B")["text"] == other[0].text
        assert raw_rows(target, "SELECT given_id FROM articles ORDER BY id") == [("a1",), ("a1",)]
        # a re-run of either is a duplicate, found before any parsing too
        again = s.write([pair_one(), other])
        assert (again.stored, again.duplicates, again.versions) == (0, 2, ())
        assert s.known_articles([pair_one()[0], other[0], pair_two()[0]]) == {0, 1}


def test_a_changed_text_under_the_same_id_and_source_is_kept_as_a_version_and_reported(target):
    with open_store(target) as s:
        s.write([pair_one()])
        changed = same_id(pair_one(), source="Axios", text=pair_one()[0].text + " Talks resume.")
        res = s.write([changed])
        assert res.stored == 1 and len(res.versions) == 1
        v = res.versions[0]
        assert v.code == "changed_text" and v.id.startswith("a1~") and "new version" in v.message
        assert s.article(v.id)["text"].endswith("Talks resume.")
        assert s.article("a1")["text"] == pair_one()[0].text  # the first one is untouched
        assert s.write([changed]).duplicates == 1


def test_changed_text_refuse_reports_and_stores_nothing(target):
    with open_store(target) as s:
        s.write([pair_one()])
        changed = same_id(pair_one(), source="Axios", text="Another text entirely, officials said.")
        res = s.write([changed], changed_text="refuse")
        assert res.stored == 0 and res.versions == ()
        (f,) = res.failures
        assert f.code == "changed_text" and "a1" in f.message and "refuse" in f.message
        assert s.counts()["articles"] == 1
        with pytest.raises(UsageError, match="valid: version, refuse"):
            s.write([changed], changed_text="overwrite")


def test_json_number_and_string_ids_do_not_collide_silently(target):
    # JSON 7 and "7" are both read as the id "7"; with another text the second is reported
    with open_store(target) as s:
        s.write([same_id(pair_two(), source="S", id="7")])
        res = s.write([same_id(pair_three(), source="S", id="7")])
        assert res.stored == 1 and [v.code for v in res.versions] == ["changed_text"]
        assert s.counts()["articles"] == 2


def test_an_article_the_database_refuses_fails_alone_and_the_batch_is_stored(target):
    # a lone surrogate cannot be encoded by either driver: that article alone is rolled back
    bad = same_id(pair_two(), source="S", id="bad\udc80")
    with open_store(target) as s:
        res = s.write([pair_one(), bad, pair_three()])
        assert res.stored == 2
        (f,) = res.failures
        assert f.code == "store" and "not stored" in f.message
        assert s.has_articles(["a1", "a3"]) == {"a1", "a3"}
        assert s.counts()["articles"] == 2
