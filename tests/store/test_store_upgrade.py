"""A database made before migrations 0004 and 0101 opens, upgrades and links again."""
from __future__ import annotations

from samples_store import corpus
from sitroom.crossdoc import link
from sitroom.store import open_store
from sitroom.store.migrate import load_migrations
from store_raw import raw_exec, raw_rows

BEFORE = {"0001_init", "0002_event_actors_keys", "0003_article_identity", "0100_crossdoc"}


def _old_database(target: str) -> None:
    dialect = "postgresql" if target.startswith("postgresql://") else "sqlite"
    old = [m for m in load_migrations(dialect=dialect) if m.name in BEFORE]
    assert {m.name for m in old} == BEFORE
    statements = ["CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"]
    for m in old:
        statements += m.statements()
        statements.append(f"INSERT INTO migrations (name, applied_at) VALUES ('{m.name}', 'then')")
    # results saved by the old `link`: a merged event whose mentions lack their details
    statements += [
        "INSERT INTO merged_events VALUES ('ev1', 'REJECT', '2021-12-18', '[]', '[]', NULL, 3, -4.0, "
        "NULL, 1, 1, 1, '{}')",
        "INSERT INTO event_mentions VALUES ('ev1', 0, 'a1', 1, 'Axios', NULL, '2021-12-18', 0, 1, 'x', "
        "0, 1, 'x')",
        "INSERT INTO crossdoc_state VALUES ('articles', '1')",
    ]
    raw_exec(target, statements)


def test_an_old_database_upgrades_and_links_again(store_factory):
    target = store_factory(bare=True)
    _old_database(target)
    with open_store(target) as s:
        assert s.migrations() == [m.name for m in load_migrations()]
        assert s.linked_state() == {}          # results without mention details are dropped
        assert list(s.merged_events()) == []
        s.write(corpus())
        back = {a.id: x for a, x in s.iter_extractions()}
        assert [back[a.id] for a, _ in corpus()] == [x for _, x in corpus()]
        link(s)
        events = list(s.merged_events())
    assert events and all(e.mentions for e in events)
    if target.startswith("postgresql://"):
        types = dict(raw_rows(target, "SELECT table_name || '.' || column_name, data_type "
                                      "FROM information_schema.columns WHERE column_name IN "
                                      "('goldstein', 'similarity')"))
        assert types["merged_events.goldstein"] == types["article_groups.similarity"] == "double precision"
