"""Worker processes and sudden death (issue 19, finding 7): a killed worker ends the run
with a clear ``WorkerError`` (no traceback at the CLI, a summary of what was stored),
and workers whose parent was killed with SIGKILL exit instead of waiting forever."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitroom.batch import run
from sitroom.errors import WorkerError
from sitroom.records import Article
from sitroom.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Russia accused Ukraine of provoking the crisis on Monday, officials in Moscow said. Case {}."


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    env.update(PYTHONPATH=str(ROOT), SITROOM_CONFIG=str(ROOT / "sitroom" / "settings.toml"))
    return env


def children_of(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_worker_ends_the_run_with_a_worker_error():
    articles = (Article(f"a{i}", TEXT.format(i)) for i in range(400))
    results = run(articles, Settings(n_process=2, batch_size=2))
    next(results)
    victim = mp.active_children()[0]
    os.kill(victim.pid, signal.SIGKILL)
    with pytest.raises(WorkerError, match="a worker process died"):
        for _ in results:
            pass


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_exit_when_the_ingest_is_killed_with_sigkill(tmp_path):
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"k{i}", "text": TEXT.format(i)}) + "\n" for i in range(3000)))
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-c", "from sitroom.cli import main; main()", "ingest", str(src),
                             "--db", str(db), "--processes", "2", "--batch-size", "4", "-q"],
                            env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = children_of(proc.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the workers never started"
        time.sleep(3)  # let them load the model and take work
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        end = time.monotonic() + 15
        while time.monotonic() < end and any(alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(alive(w) for w in workers), "workers outlived their killed parent"
    finally:
        for pid in [proc.pid, *children_of(proc.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_cli_ingest_whose_worker_is_killed_prints_one_error_and_a_summary(tmp_path):
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"w{i}", "text": TEXT.format(i)}) + "\n" for i in range(3000)))
    db = tmp_path / "w.db"
    proc = subprocess.Popen([sys.executable, "-c", "from sitroom.cli import main; main()", "ingest", str(src),
                             "--db", str(db), "--processes", "2", "--batch-size", "4", "-q"],
                            env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:  # wait until a first batch is stored
            time.sleep(0.5)
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    if c.execute("SELECT count(*) FROM articles").fetchone()[0]:
                        break
            except sqlite3.Error:
                continue
        workers = children_of(proc.pid)
        assert workers
        os.kill(workers[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1
    assert "Traceback" not in err and "error: a worker process died" in err
    assert "stored" in err and "before it stopped" in err
