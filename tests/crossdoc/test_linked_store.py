"""Cross-document results go through the Store, on SQLite and PostgreSQL alike: saved
results read back as the records that were computed; reads never write; a store never
linked says "run `sitroom link`"; both backends give byte-identical answers."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from samples_crossdoc import corpus
from sitroom.cli import cli
from sitroom.crossdoc import export, link, link_pairs, storylines_for, timeline_for
from sitroom.errors import NotLinked
from sitroom.store import open_store


def test_saved_results_read_back_as_the_computed_records(store):
    computed = link_pairs(corpus())
    assert sorted(store.merged_events(), key=lambda e: e.id) == sorted(computed.events, key=lambda e: e.id)
    assert store.duplicate_groups() == sorted(computed.groups, key=lambda g: g.id)
    assert sorted(store.storylines(), key=lambda s: s.id) == sorted(computed.storylines, key=lambda s: s.id)
    one = computed.storylines[0]
    assert store.storylines(one.id) == [one]


def test_merged_events_come_by_date_then_id_with_undated_last(store):
    events = list(store.merged_events())
    dated = [(e.date, e.id) for e in events if e.date]
    assert dated == sorted(dated)
    assert all(e.date is None for e in events[len(dated):])


def test_article_links_name_group_storylines_and_merged_events(store):
    links = store.article_links("d1")
    assert links.duplicate_group == "d1"
    assert links.storylines and all(s.startswith("st-") for s in links.storylines)
    ids = {e.id for e in store.merged_events()}
    assert set(links.merged_events.values()) <= ids
    assert store.article_links("nope").merged_events == {}


@pytest.mark.parametrize("read", [
    lambda s: storylines_for(s),
    lambda s: timeline_for(s, dyad="RUS-UKR"),
    lambda s: export(s, "jsonl", "-"),
])
def test_reads_of_a_store_never_linked_say_run_link_and_write_nothing(unlinked, read):
    with pytest.raises(NotLinked, match="run `sitroom link`"):
        read(unlinked)
    assert unlinked.linked_state() == {}
    assert list(unlinked.merged_events()) == []


def test_reads_do_not_relink_when_articles_arrive(store, caplog):
    before = store.linked_state()
    events = sorted(e.id for e in store.merged_events())
    article, extraction = corpus()[0]
    store.write([(article.replace(id="late", source="Late News"), replace(extraction, article_id="late"))])
    with caplog.at_level("WARNING"):
        storylines_for(store)
        timeline_for(store, dyad="RUS-UKR")
    assert "run `sitroom link`" in caplog.text
    assert store.linked_state() == before
    assert sorted(e.id for e in store.merged_events()) == events
    link(store)  # the writer brings them up to date
    assert store.linked_state()["articles"] == before["articles"] + 1


def test_cli_read_commands_on_a_store_never_linked(unlinked):
    path = unlinked.location if not unlinked.location.startswith("postgresql") else unlinked.url
    unlinked.close()
    for args in (["duplicates"], ["storylines"], ["timeline", "--dyad", "RUS-UKR"],
                 ["export", "--format", "jsonl", "--output", "-"]):
        r = CliRunner().invoke(cli, [*args, "--db", path])
        assert r.exit_code == 1, (args, r.output)
        assert "run `sitroom link`" in r.output and "Usage:" not in r.output


def _answers(db: str, tmp_path) -> dict[str, bytes | str]:
    def run(*args: str) -> str:
        r = CliRunner().invoke(cli, [*args, "--db", db], catch_exceptions=False)
        assert r.exit_code == 0, (args, r.output)
        return r.output

    out: dict[str, bytes | str] = {"link": run("link", "--json")}
    for fmt in ("jsonl", "csv", "plover", "gdelt"):
        out[fmt] = run("export", "--format", fmt, "--output", "-")
    for args in (("timeline", "--dyad", "RUS-UKR", "--json"), ("timeline", "--actor", "UKR", "--json"),
                 ("storylines", "--json"), ("duplicates", "--json"), ("claims-series", "--json")):
        out[" ".join(args)] = run(*args)
    return out


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_answers(tmp_path, pg_server):
    sqlite_db = str(tmp_path / "s.db")
    pg_db = pg_server.database("crossdoc_same")
    for db in (sqlite_db, pg_db):
        with open_store(db) as s:
            s.write(corpus())
    a, b = _answers(sqlite_db, tmp_path), _answers(pg_db, tmp_path)
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key], key
    assert json.loads(a["duplicates --json"])[0]["articles"] == ["d1", "d2"]
    assert a["jsonl"].count("\n") == len(corpus())


def _synthetic_events(n: int) -> list:
    """``n`` merged events over a few days (many share a date; every seventh undated),
    each with two mentions: more than one page of ``merged_events``."""
    from sitroom.records import MergedEvent, Mention, Span

    out = []
    for i in range(n):
        date = None if i % 7 == 0 else f"2022-02-{1 + i % 5:02d}"
        ms = tuple(Mention(f"a{i}-{k}", k, "ASSAULT", ("RUS",), ("UKR",), date, "2022-02-01",
                           f"outlet{k}", Span(0, 4, "shot"), Span(0, 9, "shot here"), "190", 4, -10.0,
                           ("Russia",), ("Ukraine",), ("MIL",), ("GOV",), f"https://x/{i}",
                           ("Kyiv", "UKR", 50.45, 30.52, 703448, "city") if k else None)
                   for k in range(2))
        out.append(MergedEvent(f"ev{i:05d}", "ASSAULT", date, ("RUS",), ("UKR",), "190", 4, -10.0,
                               "2022-02-01", 2, 2, 2, ms))
    return out


def test_merged_events_stream_across_pages_in_order(target):
    from sitroom.store.linked import EVENTS_PAGE

    events = _synthetic_events(2 * EVENTS_PAGE + 101)
    with open_store(target) as s:
        s.save_linked(groups=[], events=events, storylines=[], state={"articles": 0, "version": 1})
        back = list(s.merged_events())
    expected = sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))
    assert back == expected
