"""Linking a store batch by batch gives what ``link --rebuild`` gives, on SQLite and
PostgreSQL: 200 articles linked, then 50 more (dated among the first ones, so old days
are merged again), against all 250 rebuilt: identical exports, timelines, storylines,
duplicates, positions and claim series."""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from samples_incremental import feed
from sitroom.cli import cli
from sitroom.crossdoc import link
from sitroom.store import open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
READS = (("export", "--format", "jsonl", "--output", "-"), ("export", "--format", "gdelt", "--output", "-"),
         ("timeline", "--dyad", "RUS-UKR", "--json"), ("timeline", "--actor", "USA", "--json"),
         ("storylines", "--json"), ("duplicates", "--json"), ("positions", "--json"),
         ("claims-series", "--json"))


def _db(request, tmp_path, name: str) -> str:
    if request.param == "sqlite":
        return str(tmp_path / f"{name}.db")
    return request.getfixturevalue("pg_server").database(f"incr_{name}")


@pytest.fixture(params=BACKENDS)
def two(request, tmp_path):
    return _db(request, tmp_path, "batches"), _db(request, tmp_path, "rebuilt")


def _answers(db: str) -> dict[str, str]:
    out = {}
    for args in READS:
        r = CliRunner().invoke(cli, [*args, "--db", db], catch_exceptions=False)
        assert r.exit_code == 0, (args, r.output)
        out[" ".join(args)] = r.output
    return out


def _url(store) -> str:
    return getattr(store, "url", store.location)


@pytest.mark.parametrize("order", ["interleaved", "latest"])
def test_200_then_50_linked_equal_250_rebuilt(two, order, monkeypatch):
    """``interleaved``: the 50 are dated among the 200 (old days are merged again, the
    storyline pass runs again); ``latest``: they are the newest (a daily feed: the
    storyline pass goes on from where it stopped, reading no old profile but its last day's)."""
    pairs = feed(250)
    if order == "latest":
        pairs.sort(key=lambda p: (p[0].published, p[0].id))
        late = set(range(200, 250))
    else:
        late = set(random.Random(3).sample(range(250), 50))
    first = [p for i, p in enumerate(pairs) if i not in late]
    batched, rebuilt = two
    with open_store(batched) as s:
        s.write(first)
        run1 = link(s)
        assert (run1.rebuild, run1.new) == (True, 200)
        s.write([pairs[i] for i in sorted(late)])
        if order == "latest":
            def whole(*a):
                raise AssertionError("a daily feed re-reads every profile")
            monkeypatch.setattr(type(s), "linked_profiles", whole)
        run2 = link(s)
        monkeypatch.undo()
        assert (run2.rebuild, run2.new) == (False, 50)
        batched = _url(s)
    with open_store(rebuilt) as s:
        s.write(pairs)
        link(s, rebuild=True)
        rebuilt = _url(s)
    a, b = _answers(batched), _answers(rebuilt)
    for key in a:
        assert a[key] == b[key], key
    # the answers are not empty: there is something to get wrong
    assert json.loads(a["duplicates --json"]) and json.loads(a["storylines --json"])
    assert json.loads(a["timeline --dyad RUS-UKR --json"])["days"]
    board = json.loads(a["positions --json"])
    assert board["items"] and any(r["num_articles"] > 1 for r in board["items"])


def test_linking_again_with_nothing_new_changes_nothing(target):
    with open_store(target) as s:
        s.write(feed(60, seed=11))
        link(s)
        before = [e.to_dict() for e in s.merged_events()], s.storylines(), s.merged_proposals()
        run = link(s)
        assert (run.new, run.rebuild) == (0, False)
        assert ([e.to_dict() for e in s.merged_events()], s.storylines(), s.merged_proposals()) == before


def test_one_article_at_a_time_equals_the_rebuild(target, tmp_path):
    pairs = feed(40, seed=5)
    with open_store(target) as s:
        for p in pairs:
            s.write([p])
            link(s)
        got = (list(s.merged_events()), s.duplicate_groups(), s.storylines(), s.merged_proposals(),
               s.proposal_stances())
    with open_store(str(tmp_path / "once.db")) as s:
        s.write(pairs)
        link(s, rebuild=True)
        want = (list(s.merged_events()), s.duplicate_groups(), s.storylines(), s.merged_proposals(),
                s.proposal_stances())
    assert got == want


@pytest.mark.postgres
def test_sqlite_and_postgresql_link_to_the_same_answers(tmp_path, pg_server):
    """The same feed linked in two batches on each backend: byte-identical answers."""
    pairs = feed(120, seed=2)
    out = []
    for db in (str(tmp_path / "same.db"), pg_server.database("incr_same")):
        with open_store(db) as s:
            s.write(pairs[:90])
            link(s)
            s.write(pairs[90:])
            link(s)
            url = _url(s)
        out.append(_answers(url))
    assert out[0] == out[1]
    assert json.loads(out[0]["positions --json"])["items"]
