from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import cli


@pytest.fixture
def run(store):
    path = store.location
    store.close()

    def invoke(*args: str):
        return CliRunner().invoke(cli, [*args, "--db", path], catch_exceptions=False)

    return invoke


def test_link_prints_a_summary(run):
    r = run("link", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["merged_events"] == 3


def test_timeline_for_a_dyad(run):
    r = run("timeline", "--dyad", "RUS-UKR", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["label"] == "dyad RUS-UKR"
    assert [(d["date"], d["q4"]) for d in data["days"]] == [("2022-02-20", 1), ("2022-02-28", 1)]
    table = run("timeline", "--actor", "UKR")
    assert "2022-02-21" in table.output and "GOLDSTEIN_SUM" in table.output


def test_bad_dyad_is_a_usage_error(run):
    r = run("timeline", "--dyad", "RUSSIA")
    assert r.exit_code == 2 and "dyad" in r.output


def test_unknown_storyline_is_an_error(run):
    r = run("timeline", "--storyline", "st-nope")
    assert r.exit_code == 1


def test_storylines_duplicates_and_claims(run):
    assert json.loads(run("duplicates", "--json").output)[0]["articles"] == ["d1", "d2"]
    lines = json.loads(run("storylines", "--json").output)
    assert all(s["id"].startswith("st-") and s["size"] >= 2 for s in lines)
    series = json.loads(run("claims-series", "--unit", "troops", "--json").output)
    assert [p["value"] for p in series[0]["points"]] == [100000, 130000, 150000]


def test_export_gdelt_to_a_file(run, tmp_path):
    out = tmp_path / "g.tsv"
    r = run("export", "--format", "gdelt", "--output", str(out))
    assert r.exit_code == 0, r.output
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())
