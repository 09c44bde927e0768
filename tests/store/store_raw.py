"""Reading a database straight, past the store (SQLite file or PostgreSQL URL)."""
from __future__ import annotations

import os
import sqlite3


def raw_rows(target: str, sql: str) -> list[tuple]:
    """Rows of ``sql`` read straight from the database, past the store."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return [tuple(r) for r in conn.execute(sql)]
    conn = sqlite3.connect(target)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def tables(target: str) -> set[str]:
    if target.startswith("postgresql://"):
        return {r[0] for r in raw_rows(target, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    if not os.path.exists(target):
        return set()
    return {r[0] for r in raw_rows(target, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def raw_exec(target: str, statements: list[str]) -> None:
    """Run ``statements`` straight on the database, past the store, in one transaction."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            for s in statements:
                conn.execute(s)
        return
    conn = sqlite3.connect(target)
    try:
        with conn:
            for s in statements:
                conn.execute(s)
    finally:
        conn.close()
