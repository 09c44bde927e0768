"""Opening stores: numbered migrations, applied once, safe under concurrency."""
from __future__ import annotations

import multiprocessing
import sys

import pytest

from sitroom.errors import StoreError, UsageError
from sitroom.store import open_store
from sitroom.store.migrate import Migration, load_migrations
from store_raw import raw_rows, tables


def applied(target) -> list[tuple[str, int]]:
    return sorted(raw_rows(target, "SELECT name, count(*) FROM migrations GROUP BY name"))


def dialect(target: str) -> str:
    return "postgresql" if target.startswith("postgresql://") else "sqlite"


def test_packaged_migrations_are_numbered_in_order():
    ms = load_migrations()
    assert ms[0].name == "0001_init"
    assert [m.number for m in ms] == sorted({m.number for m in ms})


def test_backends_record_the_same_migration_names():
    assert [m.name for m in load_migrations()] == [m.name for m in load_migrations(dialect="postgresql")]
    with pytest.raises(ValueError, match="postgresql"):
        load_migrations(dialect="mysql")


def test_open_twice_applies_each_migration_once(store_factory):
    target = store_factory(bare=True)
    open_store(target).close()
    open_store(target).close()
    names = [m.name for m in load_migrations()]
    assert applied(target) == [(n, 1) for n in names]


def test_two_open_connections_share_one_schema(target):
    a, b = open_store(target), open_store(target)
    try:
        assert a.migrations() == b.migrations() == [m.name for m in load_migrations()]
    finally:
        a.close()
        b.close()


def _open_and_count(path: str) -> int:
    with open_store(path) as s:
        return len(s.migrations())


def test_processes_racing_to_create_one_db(store_factory):
    n = len(load_migrations())
    ctx = multiprocessing.get_context("fork")
    for round_ in range(3):
        target = store_factory(f"race{round_}", bare=True)
        with ctx.Pool(4) as pool:
            assert pool.map(_open_and_count, [target] * 4) == [n] * 4
        assert [c for _, c in applied(target)] == [1] * n


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


def test_dialect_files_replace_their_namesakes(tmp_path):
    (tmp_path / "postgresql").mkdir()
    (tmp_path / "0001_init.sql").write_text("CREATE TABLE t (a);")
    (tmp_path / "0002_more.sql").write_text("CREATE TABLE u (a);")
    (tmp_path / "postgresql" / "0001_init.sql").write_text("CREATE TABLE t (a INTEGER);")
    assert [m.sql for m in load_migrations(tmp_path)] == ["CREATE TABLE t (a);", "CREATE TABLE u (a);"]
    assert [m.sql for m in load_migrations(tmp_path, dialect="postgresql")] == [
        "CREATE TABLE t (a INTEGER);", "CREATE TABLE u (a);"]
    (tmp_path / "postgresql" / "0002_other.sql").write_text("CREATE TABLE u (a INTEGER);")
    with pytest.raises(StoreError, match="named 0002_more"):
        load_migrations(tmp_path, dialect="postgresql")


def test_failed_migration_leaves_nothing_half_done(store_factory, tmp_path, monkeypatch):
    (tmp_path / "0001_ok.sql").write_text("CREATE TABLE ok (x INTEGER);")
    (tmp_path / "0002_bad.sql").write_text("CREATE TABLE bad (x INTEGER);\nINSERT INTO missing VALUES (1);")
    import sitroom.store.sql as mod
    monkeypatch.setattr(mod, "load_migrations", lambda dialect: load_migrations(tmp_path, dialect))
    target = store_factory("m", bare=True)
    with pytest.raises(StoreError, match="missing"):
        open_store(target)
    assert tables(target) & {"ok", "bad", "migrations"} == set()


@pytest.mark.parametrize("kwargs", [{"readonly": True}, {"create": False}])
def test_missing_database_is_not_created_for_reading(store_factory, kwargs):
    target = store_factory("absent", bare=True)
    with pytest.raises(StoreError, match="no (sitroom )?database at"):
        open_store(target, **kwargs)
    assert tables(target) == set()


@pytest.mark.parametrize("url", ["postgresql://u:secret@localhost/db", "postgres://localhost/db"])
def test_postgres_without_extra_names_the_extra(url, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    monkeypatch.delitem(sys.modules, "sitroom.store.postgres", raising=False)
    with pytest.raises(UsageError, match=r"sitroom\[postgres\]") as e:
        open_store(url)
    assert "secret" not in str(e.value)


@pytest.mark.postgres
def test_unreachable_postgres_is_a_store_error_without_the_password(pg_server):
    url = f"postgresql://u:secret@127.0.0.1:{pg_server.port}/no_such_database"
    with pytest.raises(StoreError, match="no_such_database") as e:
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
