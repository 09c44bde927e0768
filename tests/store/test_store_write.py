"""Writing batches: stored vs duplicates, round trips, rollback, streaming order."""
from __future__ import annotations

import pytest

from sitroom.errors import StoreError, UsageError
from sitroom.records import Article, Extraction
from sitroom.store import WriteResult, open_store

from samples_store import corpus, pair_one, pair_three, pair_two
from store_raw import raw_rows


def test_write_stores_every_new_article(target):
    with open_store(target) as s:
        assert s.write(corpus()) == WriteResult(stored=3, duplicates=0)
        assert s.has_articles(["a1", "a2", "a3", "zz"]) == {"a1", "a2", "a3"}


def test_duplicate_write_changes_nothing(store, target):
    before = store.counts()
    snapshot = store.article("a1")
    assert store.write(corpus()) == WriteResult(stored=0, duplicates=3)
    assert store.counts() == before
    assert store.article("a1") == snapshot


def test_duplicate_inside_one_batch_is_counted_once(target):
    with open_store(target) as s:
        assert s.write([pair_one(), pair_one(), pair_two()]) == WriteResult(2, 1)
        assert s.counts()["articles"] == 2


def test_counts(store):
    assert store.counts() == {
        "articles": 3, "sources": 2, "entities": 8, "actors": 3, "events": 5, "quotes": 3,
        "proposals": 1, "positions": 2, "quantities": 3, "times": 1, "places": 1,
    }


@pytest.mark.parametrize("make", [pair_one, pair_two, pair_three])
def test_article_returns_the_contract_dict(store, make):
    article, extraction = make()
    row = store.article(article.id)
    assert row["extraction"] == extraction.to_dict()
    assert row["text"] == article.text
    assert row["id"] == article.id and row["source"] == article.source


def test_article_keeps_article_fields(store):
    row = store.article("a1")
    assert row["published_from"] == "given" and row["byline"] == "Dave Lawler"
    assert row["boilerplate"] == [[0, 0]] and row["content_hash"] == "h1"
    assert row["ingested_at"]


def test_missing_article_is_none(store):
    assert store.article("nope") is None


def test_absent_extractor_keys_stay_absent(store):
    extraction = store.article("a3")["extraction"]
    assert "places" not in extraction and "times" not in extraction
    assert extraction["entities"] == []


def test_iter_extractions_streams_by_published_then_id(store):
    got = list(store.iter_extractions())
    # a3 has no date: first; then 2021-12-17, then 2022-01-10
    assert [a.id for a, _ in got] == ["a3", "a1", "a2"]
    originals = {a.id: (a, e) for a, e in corpus()}
    for article, extraction in got:
        assert isinstance(article, Article) and isinstance(extraction, Extraction)
        assert extraction.to_dict() == originals[article.id][1].to_dict()
        assert article.text == originals[article.id][0].text
    a1 = dict((a.id, a) for a, _ in got)["a1"]
    assert a1 == originals["a1"][0]


def test_iter_extractions_is_lazy_and_allows_writes(target):
    with open_store(target) as s:
        s.write([pair_one(), pair_two()])
        it = s.iter_extractions()
        first, _ = next(it)
        assert first.id == "a1"
        assert s.write([pair_three()]).stored == 1  # not blocked by the open reader
        it.close()


def test_failed_batch_rolls_back_and_keeps_earlier_data(target):
    with open_store(target) as s:
        s.write([pair_one()])
        before = s.counts()

        def batch():
            yield pair_two()
            raise RuntimeError("extractor blew up")

        with pytest.raises(RuntimeError):
            s.write(batch())
        assert s.counts() == before
        assert s.has_articles(["a1", "a2"]) == {"a1"}
        assert s.write([pair_two()]).stored == 1  # the store is still usable


@pytest.mark.parametrize("bad", [
    [("not", "records")],
    [(pair_one()[0], pair_two()[1])],  # mismatched ids
    [pair_one()[0]],
])
def test_bad_items_raise_usage_error_and_roll_back(target, bad):
    with open_store(target) as s:
        with pytest.raises(UsageError):
            s.write([pair_three(), *bad])
        assert s.counts()["articles"] == 0


def test_readonly_store_refuses_writes(store, target):
    ro = open_store(target, readonly=True)
    try:
        assert ro.counts()["articles"] == 3
        with pytest.raises(UsageError, match="read-only"):
            ro.write([pair_one()])
    finally:
        ro.close()


def test_data_is_on_disk_for_another_connection(store, target):
    assert raw_rows(target, "SELECT count(*) FROM articles") == [(3,)]
    with open_store(target) as other:
        assert other.counts() == store.counts()


def test_sqlite_file_is_in_wal_mode(tmp_path):
    path = str(tmp_path / "wal.db")
    open_store(path).close()
    assert raw_rows(path, "PRAGMA journal_mode") == [("wal",)]


def test_not_a_database_is_a_store_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(junk)


def test_memory_store_works_end_to_end():
    with open_store(":memory:") as s:
        assert s.write(corpus()).stored == 3
        assert [a.id for a, _ in s.iter_extractions()] == ["a3", "a1", "a2"]


def test_threads_share_one_store(store):
    from concurrent.futures import ThreadPoolExecutor

    def read(i: int) -> int:
        return len(store.events()) + len(store.quotes()) + store.counts()["articles"]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(read, range(40)))
    assert results == [5 + 3 + 3] * 40


def test_text_round_trips_exactly(target):
    """Every character comes back as it went in, and spans still point at it."""
    text = "Zürich — «Ελλάδα» 中文 \U0001F600 said: 'it's 100%' (a_b) \\ end."
    article = Article("u1", text, title="Ünïcode ? :name %s", published="2021-12-17")
    with open_store(target) as s:
        s.write([(article, Extraction("u1"))])
        row = s.article("u1")
        assert row["text"] == text and row["title"] == article.title
        assert [a.text for a, _ in s.iter_extractions()] == [text]


@pytest.mark.postgres
def test_postgres_store_reconnects_when_the_server_drops_it(pg_server):
    import psycopg

    url = pg_server.database("dropped")
    with open_store(url) as s:
        s.write(corpus())
        with psycopg.connect(pg_server.url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = 'dropped' AND pid <> pg_backend_pid()")
        assert s.counts()["articles"] == 3
        assert s.write([pair_one()]) == WriteResult(0, 1)


def _write_corpus(target: str) -> tuple[int, int]:
    with open_store(target) as s:
        r = s.write(corpus())
        return r.stored, r.duplicates


def test_processes_writing_the_same_articles_store_each_once(target):
    import multiprocessing

    open_store(target).close()  # migrated first: this test is about the writes
    with multiprocessing.get_context("fork").Pool(4) as pool:
        results = pool.map(_write_corpus, [target] * 4)
    assert sum(s for s, _ in results) == 3 and sum(d for _, d in results) == 9
    with open_store(target) as s:
        assert s.counts()["events"] == 5
