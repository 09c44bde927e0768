"""The Ray engine gives exactly what the local engine gives: same lines, same store.

Skipped where Ray is not installed, except in CI (``CI=true``), where
``make``/``.ci`` install the pinned ``sitroom[ray]`` extra and it must run.
"""
from __future__ import annotations

import builtins
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.batch import engine
from sitroom.cli import cli
from sitroom.errors import UsageError
from sitroom.settings import Settings
from sitroom.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "presidential-releases-2021-12_2022-02.jsonl"
N_ARTICLES = 20

# Ray Data itself warns about its own deprecated settings while copying its context.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_a_missing_ray_is_a_usage_error_that_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(UsageError, match=r"pip install 'sitroom\[ray\]'"):
        engine(Settings(engine="ray"))


def test_an_unknown_engine_is_a_usage_error_naming_the_valid_ones():
    with pytest.raises(UsageError, match="local, ray"):
        engine(Settings(engine="spark"))


@pytest.fixture(scope="module")
def ray_session():
    if os.environ.get("CI") != "true":
        pytest.importorskip("ray.data", reason="sitroom[ray] is not installed")
    from sitroom.batch import ray_engine

    ray_engine.init(Settings(n_process=2))  # two CPUs, no dashboard
    yield
    ray_engine.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """20 short real articles (cut at a paragraph), one duplicate id and one bad line."""
    rows = []
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            cut = d["text"].find("\n", 600)
            d["text"] = d["text"] if cut < 0 else d["text"][:cut]
            rows.append(d)
            if len(rows) == N_ARTICLES:
                break
    path = tmp_path_factory.mktemp("ray") / "articles.jsonl"
    lines = [json.dumps(r) for r in rows]
    lines.insert(7, "{not json")
    lines.append(json.dumps(rows[3]))  # the same id again
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code in (0, 1), res.output
    return res.output


def test_extract_lines_are_identical_with_both_engines(ray_session, corpus, tmp_path):
    outputs = {}
    for name in ("local", "ray"):  # local in-process: test_local shows 1 and 2 agree
        out = tmp_path / f"{name}.jsonl"
        run_cli("extract", "--input", str(corpus), "--output", str(out), "--engine", name,
                "--processes", "1" if name == "local" else "2", "--batch-size", "4")
        outputs[name] = out.read_text(encoding="utf-8").splitlines()
    assert len(outputs["local"]) == N_ARTICLES + 2
    assert '"error"' in outputs["local"][7]  # the bad line, in its place
    assert outputs["ray"] == outputs["local"]


def test_ingest_stores_identical_content_with_both_engines(ray_session, corpus, tmp_path):
    stores = {}
    for name in ("local", "ray"):
        db = tmp_path / f"{name}.db"
        run_cli("ingest", str(corpus), "--db", str(db), "--engine", name,
                "--processes", "1" if name == "local" else "2", "--batch-size", "4", "--quiet")
        with open_store(str(db)) as store:
            ids = [a["id"] for a in store.articles(limit=1000)]
            stores[name] = {
                "counts": store.counts(),
                "extractions": {i: store.article(i)["extraction"] for i in ids},
                "actors": store.actors(limit=1000),
                "events": store.events(limit=100_000),
                "quotes": store.quotes(limit=100_000),
            }
    local, ray = stores["local"], stores["ray"]
    assert local["counts"]["articles"] == N_ARTICLES
    assert local["counts"]["events"] > 0 and local["actors"]
    assert ray == local
