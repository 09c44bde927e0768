"""Crash safety of ``sitroom ingest``: SIGKILL mid-run leaves a sound database, a
re-run stores every article exactly once, and readers keep working during writes."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from security_helpers import SITROOM, child_env, integrity, small_articles, write_jsonl
from sitroom.store import open_store

N = 600


def count(db: Path) -> tuple[int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()


def ingest(source: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*SITROOM, "ingest", str(source), "--db", str(db), "--batch-size", "20", "-q",
                           "--json"], env=child_env(), capture_output=True, text=True, timeout=120)


def rows_so_far(db: Path) -> int:
    try:
        return count(db)[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_each_article_exactly_once(tmp_path):
    source = write_jsonl(tmp_path / "articles.jsonl", small_articles(N))
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([*SITROOM, "ingest", str(source), "--db", str(db), "--batch-size", "20", "-q"],
                            env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while rows_so_far(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    _, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before the kill: {err.decode()[-2000:]}"
    before = rows_so_far(db)
    assert 0 < before < N, f"the kill came at {before} of {N} rows"
    assert integrity(db) == "ok"

    second = ingest(source, db)
    assert second.returncode == 0, second.stderr[-2000:]
    assert '"stored": %d' % (N - before) in second.stdout
    assert count(db) == (N, N)
    assert integrity(db) == "ok"
    with open_store(str(db), readonly=True) as store:
        counts = store.counts()
        assert counts["articles"] == N and counts["events"] > 0

    third = ingest(source, db)
    assert third.returncode == 0, third.stderr[-2000:]
    assert '"stored": 0' in third.stdout and f'"duplicates": {N}' in third.stdout
    assert count(db) == (N, N)


def test_readers_keep_working_while_another_process_writes(tmp_path):
    """WAL: a read-only store queried in a loop while ``sitroom ingest`` writes
    never fails and sees the count only grow, batch by batch."""
    records = small_articles(120)
    source = write_jsonl(tmp_path / "articles.jsonl", records)
    db = tmp_path / "wal.db"
    open_store(str(db)).close()  # created and migrated, so a reader can open it at once
    proc = subprocess.Popen([*SITROOM, "ingest", str(source), "--db", str(db), "--batch-size", "5", "-q"],
                            env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: list[int] = []
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            with open_store(str(db), readonly=True) as store:
                while proc.poll() is None:
                    seen.append(store.counts()["articles"])
                    store.search("Geneva")
                    store.events(limit=20)
                    time.sleep(0.02)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)
    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    out, err = proc.communicate(timeout=120)
    for t in threads:
        t.join(10)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert not errors, errors
    assert len(set(seen)) >= 2, "the readers never saw the database change"
    assert seen == sorted(seen)
    assert count(db) == (120, 120)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
