"""Opening stores: numbered migrations, applied once, safe under concurrency."""
from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from sitroom.errors import StoreError, UsageError
from sitroom.store import SQLiteStore, open_store
from sitroom.store.migrate import Migration, load_migrations


def applied(path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, count(*) FROM migrations GROUP BY name ORDER BY name").fetchall()
    finally:
        conn.close()


def test_packaged_migrations_are_numbered_in_order():
    ms = load_migrations()
    assert ms[0].name == "0001_init"
    assert [m.number for m in ms] == sorted({m.number for m in ms})


def test_open_twice_applies_each_migration_once(db_path):
    open_store(db_path).close()
    open_store(db_path).close()
    names = [m.name for m in load_migrations()]
    assert applied(db_path) == [(n, 1) for n in names]


def test_two_open_connections_share_one_schema(db_path):
    a, b = open_store(db_path), open_store(db_path)
    try:
        assert a.migrations() == b.migrations() == [m.name for m in load_migrations()]
    finally:
        a.close()
        b.close()


def _open_and_count(path: str) -> int:
    with open_store(path) as s:
        return len(s.migrations())


def test_processes_racing_to_create_one_db(tmp_path):
    n = len(load_migrations())
    ctx = multiprocessing.get_context("fork")
    for round_ in range(3):
        path = str(tmp_path / f"race{round_}.db")
        with ctx.Pool(4) as pool:
            assert pool.map(_open_and_count, [path] * 4) == [n] * 4
        assert [c for _, c in applied(path)] == [1] * n


def test_statements_keep_trigger_bodies_whole():
    m = Migration(1, "0001_t", "-- note\nCREATE TABLE t (a);\n\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n"
                              "  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND;\n")
    stmts = m.statements()
    assert len(stmts) == 2 and stmts[1].startswith("CREATE TRIGGER") and stmts[1].endswith("END;")


def test_unterminated_migration_is_an_error():
    with pytest.raises(StoreError, match="unterminated"):
        Migration(2, "0002_bad", "CREATE TABLE t (a)").statements()


def test_duplicate_migration_numbers_are_an_error(tmp_path):
    (tmp_path / "0001_a.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "0001_b.sql").write_text("CREATE TABLE b (x);")
    with pytest.raises(StoreError, match="two migrations numbered 0001"):
        load_migrations(tmp_path)


def test_failed_migration_leaves_nothing_half_done(tmp_path, monkeypatch):
    (tmp_path / "0001_ok.sql").write_text("CREATE TABLE ok (x);")
    (tmp_path / "0002_bad.sql").write_text("CREATE TABLE bad (x);\nINSERT INTO missing VALUES (1);")
    import sitroom.store.sqlite as mod
    monkeypatch.setattr(mod, "load_migrations", lambda: load_migrations(tmp_path))
    path = tmp_path / "m.db"
    with pytest.raises(StoreError):
        SQLiteStore(path)
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "ok" not in tables and "bad" not in tables


@pytest.mark.parametrize("kwargs", [{"readonly": True}, {"create": False}])
def test_missing_file_is_not_created_for_reading(tmp_path, kwargs):
    path = tmp_path / "absent.db"
    with pytest.raises(StoreError, match="no database"):
        open_store(path, **kwargs)
    assert not path.exists()


@pytest.mark.parametrize("url", ["postgresql://u:secret@localhost/db", "postgres://localhost/db"])
def test_postgres_without_extra_names_the_extra(url):
    with pytest.raises(UsageError, match=r"sitroom\[postgres\]") as e:
        open_store(url)
    assert "secret" not in str(e.value)


def test_unknown_scheme_names_the_valid_targets():
    with pytest.raises(UsageError, match="postgresql://"):
        open_store("mysql://localhost/db")


def test_sqlite_urls_and_default_from_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as s:
        assert s.location == "rel.db"
    assert (tmp_path / "rel.db").exists()
    from sitroom.settings import Settings
    with open_store(None, Settings(db=str(tmp_path / "from-settings.db"))):
        pass
    assert (tmp_path / "from-settings.db").exists()
