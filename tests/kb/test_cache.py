"""The disk cache of slow-to-build knowledge structures (sitroom.kb.cache)."""
from __future__ import annotations

import pytest

from sitroom.kb.cache import cache_dir, cached


class Builder:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "table.tsv"
    src.write_text("a\t1\n", encoding="utf-8")
    return src


def test_a_second_call_reads_the_cache_without_building(data):
    first, second = Builder({"a": [1, 2]}), Builder(None)
    assert cached("thing", [data, "v1"], first) == {"a": [1, 2]}
    assert cached("thing", [data, "v1"], second) == {"a": [1, 2]}
    assert (first.calls, second.calls) == (1, 0)


@pytest.mark.parametrize("change", ["file", "version"])
def test_a_changed_source_builds_afresh_and_replaces_the_old_file(data, change):
    cached("thing", [data, "v1"], Builder("old"))
    if change == "file":
        data.write_text("a\t2\n", encoding="utf-8")
    new = Builder("new")
    assert cached("thing", [data, "v2" if change == "version" else "v1"], new) == "new"
    assert new.calls == 1
    assert len(list(cache_dir().glob("thing-*.pickle"))) == 1


def test_a_corrupt_cache_file_is_rebuilt(data):
    cached("thing", [data], Builder("value"))
    (path,) = cache_dir().glob("thing-*.pickle")
    path.write_bytes(b"not a pickle")
    again = Builder("value")
    assert cached("thing", [data], again) == "value" and again.calls == 1
    assert cached("thing", [data], Builder(None)) == "value"


def test_off_builds_every_time(data, monkeypatch):
    monkeypatch.setenv("SITROOM_CACHE_DIR", "off")
    b = Builder(3)
    cached("thing", [data], b)
    cached("thing", [data], b)
    assert b.calls == 2


def test_an_unwritable_cache_dir_still_builds(data, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot mkdir
    assert cached("thing", [data], Builder(5)) == 5


def test_the_place_gazetteer_from_the_cache_equals_a_fresh_build(tmp_path, monkeypatch):
    from sitroom.kb import places

    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path / "cache"))
    built = cached("places", places._sources(), places._build)
    loaded = cached("places", places._sources(), Builder(None))
    assert loaded._exact == built._exact and loaded.phrase_names == built.phrase_names
    assert loaded.lookup("Kiev")[0].geonames_id == 703448


def test_a_place_entry_pickles_every_field():
    import dataclasses
    import pickle

    from sitroom.kb.places import GazEntry

    entry = GazEntry("Port Vell", "city", "ESP", 41.37, 2.18, 12345, 20_000, capital=True, curated=True, town=True)
    assert pickle.loads(pickle.dumps(entry)) == entry
    # a field added to GazEntry must be added to its pickled form too
    assert entry.__reduce__()[1] == tuple(getattr(entry, f.name) for f in dataclasses.fields(entry))


def test_loading_from_the_cache_leaves_the_collector_as_it_was(data):
    import gc

    cached("thing", [data], Builder([{"x": i} for i in range(100)]))
    assert gc.isenabled()
    assert len(cached("thing", [data], Builder(None))) == 100
    assert gc.isenabled()
