from __future__ import annotations

import random

import pytest

from sitroom.crossdoc.dedup import Deduplicator, duplicate_groups, signature

BASE = ("Russian forces shelled Ukrainian positions near Kharkiv on Sunday, officials said, as "
        "talks between Moscow and Kyiv stalled for a third week and diplomats in Geneva warned of "
        "a wider war in eastern Europe unless both sides returned to the table within days. ") * 2
OTHER = ("Quarterly profits at the media giant jumped 76% to $1.13bn for the three months to "
         "December, helped by sales of high-speed internet connections and higher advert sales.")


def texts() -> list[tuple[str, str]]:
    return [
        ("b-copy", BASE.replace("Sunday", "Sunday,")),          # punctuation only
        ("a-orig", BASE),
        ("c-case", BASE.upper()),                                # case only
        ("d-other", OTHER),
        ("e-edit", BASE.replace("third week", "fourth week", 1)),   # one small edit
        ("f-empty", ""),
    ]


def test_near_duplicates_form_one_group_named_by_smallest_id():
    groups = duplicate_groups(texts())
    assert [g.id for g in groups] == ["a-orig"]
    assert groups[0].articles == ("a-orig", "b-copy", "c-case", "e-edit")
    assert 0.8 <= groups[0].similarity <= 1.0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_groups_do_not_depend_on_input_order(seed):
    items = texts()
    random.Random(seed).shuffle(items)
    assert duplicate_groups(items) == duplicate_groups(texts())


def test_different_texts_are_not_grouped():
    assert duplicate_groups([("x", BASE), ("y", OTHER)]) == []


def test_signature_is_deterministic():
    assert (signature(BASE).hashvalues == signature(BASE).hashvalues).all()


def test_threshold_is_checked():
    with pytest.raises(ValueError, match="threshold"):
        Deduplicator(threshold=0)
