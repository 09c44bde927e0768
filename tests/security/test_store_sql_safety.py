"""No SQL is built from user text: every user value reaches SQLite as a bound
parameter (traced at the connection), LIKE wildcards match literally, and a
tripwire lists every value interpolated into SQL text anywhere in the package."""
from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import pytest

from security_web_samples import hostile_records
from sitroom.errors import UsageError
from sitroom.store import open_store

PACKAGE = Path(__file__).resolve().parents[2] / "sitroom"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sql-safety") / "hostile.db"
    with open_store(str(path)) as store:
        store.write(hostile_records())
    return path



SENTINEL = "zq9x"
HOSTILE_VALUES = [f"{SENTINEL}' OR '1'='1", f'{SENTINEL}"; DROP TABLE articles; --', f"{SENTINEL}%",
                  f"{SENTINEL}_\\", f"{SENTINEL}) UNION SELECT * FROM sqlite_master --", f"{SENTINEL}\x00x"]


class _TracingCursor(sqlite3.Cursor):
    log: list[str] = []

    def execute(self, sql, *args):
        _TracingCursor.log.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        _TracingCursor.log.append(sql)
        return super().executemany(sql, *args)


class _TracingConnection(sqlite3.Connection):
    def cursor(self, factory=_TracingCursor):
        return super().cursor(factory)

    def execute(self, sql, *args):
        _TracingCursor.log.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        _TracingCursor.log.append(sql)
        return super().executemany(sql, *args)


@pytest.fixture()
def traced_store(db_path, monkeypatch):
    real = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", _TracingConnection)
        return real(*args, **kwargs)
    monkeypatch.setattr(sqlite3, "connect", connect)
    _TracingCursor.log = []
    store = open_store(str(db_path), readonly=True)
    yield store
    store.close()


def _calls(value: str):
    return [
        ("search", lambda s: s.search(value)), ("article", lambda s: s.article(value)),
        ("actor", lambda s: s.actor(value)), ("has_articles", lambda s: s.has_articles([value, "x"])),
        ("events.actor", lambda s: s.events(actor=value)), ("events.target", lambda s: s.events(target=value)),
        ("events.article", lambda s: s.events(article=value)), ("events.type", lambda s: s.events(type=value)),
        ("events.since", lambda s: s.events(since=value)), ("events.quad_class", lambda s: s.events(quad_class=value)),
        ("events.limit", lambda s: s.events(limit=value)), ("quotes.speaker", lambda s: s.quotes(speaker=value)),
        ("quantities.unit", lambda s: s.quantities(unit=value)), ("articles.offset", lambda s: s.articles(offset=value)),
    ]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_user_values_are_bound_parameters_never_sql_text(traced_store, value):
    for name, call in _calls(value):
        try:
            rows = call(traced_store)
        except UsageError:
            continue  # a bad filter value is refused by name, before any SQL
        assert not rows, f"{name}={value!r} matched {rows!r:.200}"
    assert _TracingCursor.log, "no SQL was traced"
    leaked = [sql for sql in _TracingCursor.log if SENTINEL in sql]
    assert not leaked, leaked
    assert traced_store.counts()["articles"] == len(hostile_records())


def test_like_wildcards_in_a_speaker_match_literally(traced_store):
    assert traced_store.quotes(speaker="%") == [] and traced_store.quotes(speaker="_") == []
    assert len(traced_store.quotes(speaker="Person")) == len(hostile_records())



# ---------------------------------------------------------------- tripwire: values in SQL text

_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|ORDER BY|LIMIT|OFFSET|JOIN|VALUES|MATCH|UNION|"
                        r"GROUP BY|PRAGMA|CREATE|DROP|ALTER)\b")
#: Calls whose result may go into SQL text: placeholders, checked integers, fixed clauses.
SAFE_CALLS = {"marks", "_marks", "where_of", "_where", "check_page", "_page", "self._page", "int"}
#: Names that hold no user text (reviewed): table names from fixed tuples, integers from
#: check_page, placeholder lists, column names of the package's own row dicts.
SAFE_EXPRESSIONS = {"t", "table", "lim", "off", "query", "self.no_limit", "', '.join(item)",
                    "', '.join((':' + k for k in item))", "', '.join(items[0])",
                    "', '.join((':' + k for k in items[0]))", "cols",
                    "columns", "joins",  # constant SELECT/JOIN text in store/sql.py events()
                    # store/query.py, lists.py, search.py: SQL text built only from fixed clauses
                    # and whitelisted sort columns (EVENT_SORTS); every user value is a bound
                    # parameter (reviewed: event_from, keyset, _dated, _search_where)
                    "select", "sql.frm", "sel.frm", "frm", "join", "sql.where_sql()", "sel.where_sql()",
                    "where", "group", "order", "tail", "sql.id", "sel.id", "sql.day", "quads", "col", "d",
                    "cols or sel.cols", "' AND ' + where if where else ''"}


def _is_safe(expr: ast.expr) -> bool:
    source = ast.unparse(expr)
    if source in SAFE_EXPRESSIONS:
        return True
    if isinstance(expr, ast.Name) and expr.id.isupper():
        return True  # a module constant
    if isinstance(expr, ast.Subscript):
        return _is_safe(expr.value)
    if isinstance(expr, ast.Call):
        return ast.unparse(expr.func) in SAFE_CALLS
    return False


def sql_interpolations(root: Path = PACKAGE) -> list[tuple[str, int, str]]:
    """(file, line, expression) of each unreviewed value put into SQL text under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if _SQL_WORDS.search(text):
                    found += [(str(path.relative_to(root)), node.lineno, v.value)
                              for v in node.values if isinstance(v, ast.FormattedValue)]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                if isinstance(node.func.value, ast.Constant) and _SQL_WORDS.search(str(node.func.value.value)):
                    found += [(str(path.relative_to(root)), node.lineno, a) for a in node.args]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                if isinstance(node.left, ast.Constant) and _SQL_WORDS.search(str(node.left.value)):
                    found.append((str(path.relative_to(root)), node.lineno, node.right))
    return [(f, line, ast.unparse(e)) for f, line, e in found if not _is_safe(e)]


def test_nothing_but_reviewed_values_is_interpolated_into_sql_text():
    """A tripwire: a new value in SQL text must be reviewed (can it carry user text?)
    and then added to SAFE_EXPRESSIONS, or passed as a bound parameter instead."""
    assert sql_interpolations() == []


def test_the_tripwire_catches_a_user_value_in_sql(tmp_path):
    (tmp_path / "probe.py").write_text(
        'def f(c, name, n):\n'
        '    c.execute(f"SELECT * FROM actors WHERE name = \'{name}\'")\n'
        '    c.execute("SELECT * FROM actors WHERE code = \'%s\'" % name)\n'
        '    c.execute("DELETE FROM actors WHERE code = \'{}\'".format(name))\n'
        '    c.execute(f"SELECT * FROM actors{_page(n, 0)} -- {TABLE}")\n')
    assert sql_interpolations(tmp_path) == [("probe.py", 2, "name"), ("probe.py", 3, "name"), ("probe.py", 4, "name")]
