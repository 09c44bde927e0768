from __future__ import annotations

import csv
import json

import pytest

from samples_crossdoc import corpus
from sitroom.crossdoc import export, link
from sitroom.crossdoc.gdelt import COLUMNS
from sitroom.errors import UsageError
from sitroom.store import open_store


def test_gdelt_columns_follow_the_codebook():
    assert len(COLUMNS) == 61
    assert COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert COLUMNS[15] == "Actor2Code" and COLUMNS[25] == "IsRootEvent"
    assert COLUMNS[29:35] == ("QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
                              "AvgTone")
    assert COLUMNS[35] == "Actor1Geo_Type" and COLUMNS[43] == "Actor2Geo_Type"
    assert COLUMNS[51] == "ActionGeo_Type" and COLUMNS[58] == "ActionGeo_FeatureID"
    assert COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(set(COLUMNS)) == 61


def test_gdelt_rows_have_61_fields_and_read_with_the_codebook_header(store, tmp_path):
    out = tmp_path / "events.tsv"
    done = export(store, "gdelt", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert done["rows"] == len(lines) == 3   # two shellings and one meeting; the negated threat is not
    assert all(len(line.split("\t")) == 61 for line in lines)
    rows = list(csv.DictReader(open(out, encoding="utf-8", newline=""), fieldnames=COLUMNS,
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    shelling = next(r for r in rows if r["SQLDATE"] == "20220220")
    assert (shelling["Actor1Code"], shelling["Actor1CountryCode"], shelling["Actor1Type1Code"]) == \
        ("RUSGOV", "RUS", "GOV")
    assert shelling["Actor2CountryCode"] == "UKR"
    assert (shelling["EventCode"], shelling["EventBaseCode"], shelling["EventRootCode"]) == ("190", "190", "19")
    assert (shelling["QuadClass"], shelling["GoldsteinScale"]) == ("4", "-10.0")
    assert (shelling["NumMentions"], shelling["NumSources"], shelling["NumArticles"]) == ("3", "2", "3")
    assert (shelling["MonthYear"], shelling["Year"]) == ("202202", "2022")
    assert 2022.13 < float(shelling["FractionDate"]) < 2022.14
    assert (shelling["ActionGeo_Type"], shelling["ActionGeo_FullName"], shelling["ActionGeo_FeatureID"]) == \
        ("4", "Kharkiv", "706483")
    assert shelling["ActionGeo_CountryCode"] == "UP"              # FIPS 10-4, as GDELT
    assert shelling["DATEADDED"] == "20220220000000"
    assert shelling["SOURCEURL"] == "https://wire.example/a1"
    meeting = next(r for r in rows if r["EventCode"] == "040")
    assert meeting["QuadClass"] == "1" and meeting["IsRootEvent"] == "1"
    assert all(r["GLOBALEVENTID"].isdigit() for r in rows)


def test_jsonl_is_byte_identical_across_runs_and_carries_merged_ids(store, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export(store, "jsonl", a)
    link(store)                       # re-running the step changes nothing
    export(store, "jsonl", b)
    assert a.read_bytes() == b.read_bytes()
    lines = [json.loads(x) for x in a.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines][:3] == ["c0", "c1", "c2"]     # by published, then id
    by_id = {d["id"]: d for d in lines}
    assert by_id["a1"]["contract"] == "sitroom.extract/1"
    shared = by_id["a1"]["events"][0]["merged_event"]
    assert shared == by_id["a2"]["events"][0]["merged_event"] == by_id["a3"]["merged_events"][0]
    assert by_id["b1"]["events"][1]["merged_event"] is None           # negated
    assert by_id["d2"]["duplicate_group"] == by_id["d1"]["duplicate_group"] == "d1"
    assert by_id["a1"]["duplicate_group"] is None


def test_same_articles_in_another_order_give_the_same_export(tmp_path):
    outs = []
    for name, pairs in (("x", corpus()), ("y", corpus()[::-1])):
        with open_store(tmp_path / f"{name}.db") as s:
            s.write(pairs)
            link(s)
            export(s, "jsonl", tmp_path / f"{name}.jsonl")
            export(s, "gdelt", tmp_path / f"{name}.tsv")
        outs.append(((tmp_path / f"{name}.jsonl").read_bytes(), (tmp_path / f"{name}.tsv").read_bytes()))
    assert outs[0] == outs[1]


def test_csv_has_one_row_per_reported_event(store, tmp_path):
    out = tmp_path / "events.csv"
    export(store, "csv", out)
    rows = list(csv.DictReader(open(out, encoding="utf-8", newline="")))
    assert len(rows) == 6
    assert {r["merged_event"] for r in rows if r["article"] in ("a1", "a2", "a3")} != {""}
    negated = next(r for r in rows if r["type"] == "THREATEN")
    assert (negated["negated"], negated["merged_event"]) == ("1", "")


def test_plover_records_are_polecat_style(store, tmp_path):
    out = tmp_path / "plover.jsonl"
    export(store, "plover", out)
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    r = next(r for r in recs if r["id"] == "a1-0")
    assert r["event"] == "ASSAULT" and r["date"] == "2022-02-20"
    assert r["source"] == [{"actorText": "Russian", "code": "RUS", "name": "Russia", "sector": "GOV",
                            "anonymous": False}]
    assert r["target"][0]["code"] == "UKR"
    assert r["eventText"] == "shelled" and r["text"].startswith("Russian forces shelled")
    assert r["sentence"]["start"] == 0 and r["mergedEventId"].startswith("ev-")


def test_parquet_writes_three_tables(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    done = export(store, "parquet", tmp_path / "pq")
    assert done["rows"] == {"events": 6, "quotes": 1, "quantities": 3}
    t = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert t.num_rows == 6 and "merged_event" in t.column_names
    q = pq.read_table(tmp_path / "pq" / "quantities.parquet").to_pylist()
    assert sorted(r["value"] for r in q) == [100000.0, 130000.0, 150000.0]
    (quote,) = pq.read_table(tmp_path / "pq" / "quotes.parquet").to_pylist()
    assert (quote["speaker_code"], quote["content"]) == ("RUS", "Russia did not threaten Ukraine")


def test_unknown_format_names_the_valid_ones(store, tmp_path):
    with pytest.raises(UsageError, match="jsonl, csv, parquet, plover, gdelt"):
        export(store, "xml", tmp_path / "x")


def test_link_saves_groups_events_and_storylines_and_is_idempotent(store):
    first = link(store).summary()
    events = list(store.merged_events())
    again = link(store).summary()
    assert first == again
    assert [e.to_dict() for e in store.merged_events()] == [e.to_dict() for e in events]
    assert [g.articles for g in store.duplicate_groups()] == [("d1", "d2")]
    assert first["merged_events"] == 3 and first["event_mentions"] == 5


def test_a_range_keeps_its_upper_bound_in_parquet_and_claims(target, tmp_path):
    """"between 100,000 and 130,000 troops": stored, linked and exported, the range
    still ends at 130,000 (the parquet ``high`` column, the claim series' points)."""
    pq = pytest.importorskip("pyarrow.parquet")
    from sitroom.crossdoc import claim_series
    from sitroom.records import Article, Extraction, Quantity, Span

    text = "Between 100,000 and 130,000 Russian troops massed near the border."
    pairs = []
    for i, day in enumerate(("2022-01-10", "2022-01-20")):
        whole = Span(0, text.index(" massed"), text[:text.index(" massed")])
        of = Span(text.index("Russian"), text.index(" massed"), "Russian troops")
        pairs.append((Article(f"r{i}", text, published=day, source=f"outlet{i}"),
                      Extraction(f"r{i}", published=day,
                                 quantities=(Quantity(whole, 100000, "troops", "range", of, high=130000),))))
    with open_store(target) as s:
        s.write(pairs)
        link(s)
        export(s, "parquet", tmp_path / "pq")
        (series,) = claim_series(s.iter_extractions(), unit="troops")
    rows = pq.read_table(tmp_path / "pq" / "quantities.parquet").to_pylist()
    assert [(r["value"], r["high"]) for r in rows] == [(100000.0, 130000.0)] * 2
    assert [p.high for p in series.points] == [130000, 130000]
