"""`sitroom eval articles` gives the shared scorer's figures (../shared/tools/score_articles.py).

The scorer runs `sitroom extract` of this checkout in a subprocess and matches its JSON;
the evaluation extracts in this process and matches records. Skipped where ../shared is absent.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared_data import ROOT, shared_path
from sitroom.evaluation.articles import evaluate_articles

DATA = Path(__file__).parent / "data" / "articles"
FIGURES = ("events_p", "events_r", "events_f1", "typed_p", "typed_r", "typed_f1", "quotes_p", "quotes_r",
           "quotes_attr", "proposals_p", "proposals_r", "items_r", "positions_r", "gold_events",
           "extracted_events")


def shared_scorer(gold_dir: Path) -> dict:
    scorer = shared_path("tools", "score_articles.py")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               SITROOM_CMD=f"{sys.executable} -m sitroom.cli")
    p = subprocess.run([sys.executable, str(scorer), str(gold_dir), str(ROOT), "--json"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


def assert_agree(gold_dir: Path) -> None:
    theirs = shared_scorer(gold_dir)
    ours = evaluate_articles(gold_dir).figures.to_dict()
    assert {k: ours[k] for k in FIGURES} == pytest.approx({k: theirs[k] for k in FIGURES}, abs=1e-9)


def test_agrees_with_the_shared_scorer_on_the_test_articles():
    assert_agree(DATA)


@pytest.mark.slow
def test_agrees_with_the_shared_scorer_on_the_dev_set():
    assert_agree(shared_path("gold", "articles-dev"))
