"""`sdo export`: weekly folders of stable summaries, their manifest, and what changed."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.export import export_week
from tests.conftest import held_elsewhere
from tests.test_threegpp_import import THREEGPP
from warehouse.outputs.exports import SUMMARIES, Week
from warehouse.store.db import DatabaseBusy

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """RAN1#86bis and #87 (lists, reports, the member list) loaded by import."""
    path = tmp_path_factory.mktemp("export") / "sdo.duckdb"
    meetings = ("86b", "87")
    steps = [
        ("tdoc-list", [THREEGPP / "tdoc_lists" / f"TDoc_List_TSGR1_{m}.xlsx" for m in meetings]),
        ("report", [THREEGPP / "reports" / f"Final_Report_RAN1-{m}.docx" for m in meetings]),
        ("membership", [THREEGPP / "membership" / "3GPPMembership_2025-01.csv"]),
    ]
    for kind, files in steps:
        result = runner.invoke(app, ["import", kind, *map(str, files), "--db", str(path)])
        assert result.exit_code == 0, result.output
    return path


OCTOBER = Week.parse("2016-W41")  # after RAN1#86bis (dated 2016-09-29 from its TDocs)
NOVEMBER = Week.parse("2016-W46")  # after RAN1#87 (dated 2016-11-03)


def test_weeks_are_iso_weeks_and_nothing_else():
    assert (OCTOBER.start.isoformat(), OCTOBER.end.isoformat()) == ("2016-10-10", "2016-10-16")
    for bad in ("2016-41", "../../etc", "2016-W54", "2016-W41/../x"):
        with pytest.raises(ValueError, match="--week"):
            Week.parse(bad)


def test_a_week_folder_holds_every_summary_and_a_manifest(db, tmp_path):
    result = export_week(db, NOVEMBER, tmp_path)
    names = sorted(p.name for p in result.folder.iterdir())
    assert names == sorted([*(f"{n}.csv" for n in SUMMARIES), "changes.csv", "manifest.json"])
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["week"] == "2016-W46" and manifest["window"] == ["2016-11-14", "2016-11-20"]
    for entry in manifest["files"]:
        body = (result.folder / entry["name"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == entry["sha256"]
        assert body.decode("utf-8").count("\n") == entry["rows"] + 1  # header + rows
    contributions = next(f for f in manifest["files"] if f["name"] == "contributions_by_group.csv")
    assert contributions["refresh_runs"] == [manifest["refresh_runs"]["3gpp"]["run_id"]]
    frame = pl.read_csv(result.folder / "contributions_by_group.csv", infer_schema=False)
    assert frame.columns[:6] == ["body", "meeting", "group_code", "start_date", "org_group",
                                 "hq_country"]  # fmt: skip
    # no calendar loaded: RAN1#87 is dated by its TDocs' median reservation
    assert set(frame["meeting"]) == {"RAN1#87"} and set(frame["start_date"]) == {"2016-11-03"}


def test_exports_are_byte_stable(db, tmp_path):
    first = export_week(db, NOVEMBER, tmp_path / "a").folder
    again = export_week(db, NOVEMBER, tmp_path / "b").folder
    for name in (*SUMMARIES, "changes"):
        assert (first / f"{name}.csv").read_bytes() == (again / f"{name}.csv").read_bytes(), name


def test_changes_since_the_previous_export(db, tmp_path):
    export_week(db, OCTOBER, tmp_path)
    later = export_week(db, NOVEMBER, tmp_path, share_threshold=0.01)
    assert later.previous == "2016-W41"
    changes = pl.read_csv(later.folder / "changes.csv", infer_schema=False)
    assert changes.filter(change="new_meeting")["meeting"].to_list() == ["RAN1#87"]
    # bloc switches are news at the export that first covers the meeting
    assert set(changes.filter(change="bloc_switch")["meeting"]) <= {"RAN1#87"}
    switches = changes.filter(change="bloc_switch")
    assert switches.height > 0
    for row in switches.iter_rows(named=True):  # a fall in co-membership, said as one
        previous, current, delta = (float(row[k]) for k in ("previous", "current", "delta"))
        assert current < 0.5 <= previous and delta == pytest.approx(current - previous)
        assert row["measure"] == "share of runs with the previous bloc-mates"
    assert set(changes.filter(change="new_meeting")["measure"].to_list()) == {None}
    again = export_week(db, Week.parse("2016-W47"), tmp_path)
    repeat = pl.read_csv(again.folder / "changes.csv", infer_schema=False)
    assert repeat.filter(pl.col("change") != "share_moved").is_empty()


def test_parquet_for_those_who_load_it_elsewhere(db, tmp_path):
    result = export_week(db, NOVEMBER, tmp_path, fmt="parquet")
    frame = pl.read_parquet(result.folder / "bloc_summary.parquet")
    assert {"cosignature", "corporate_group", "country"} <= set(frame["kind"])


def test_exporting_again_replaces_the_week_whole(db, tmp_path):
    export_week(db, NOVEMBER, tmp_path, fmt="parquet")
    result = export_week(db, NOVEMBER, tmp_path)
    assert not list(result.folder.glob("*.parquet"))
    assert [p.name for p in tmp_path.iterdir()] == ["2016-W46"]  # no staging left behind


def test_an_export_waits_a_bounded_time_for_a_refresh(db, tmp_path):
    with held_elsewhere(f"import duckdb\ncon = duckdb.connect({str(db)!r})"):
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="held by another process"):
            export_week(db, NOVEMBER, tmp_path, wait=0.5)
        assert time.monotonic() - started < 5
        assert not list(tmp_path.iterdir())  # nothing half-written


def test_the_export_command(db, tmp_path):
    result = runner.invoke(
        app, ["export", "--week", "2016-W46", "--out", str(tmp_path), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "2016-W46" in result.output and "bloc_summary.csv" in result.output
    bad = runner.invoke(app, ["export", "--week", "46", "--out", str(tmp_path), "--db", str(db)])
    assert bad.exit_code == 1 and "expected an ISO week" in bad.output


def test_column_types_are_the_same_every_week(db, tmp_path):
    """A week with no 3GPP meeting or no switch must not turn a column into another type:
    the manifest's types are the queries' declared ones, week after week."""
    types = {}
    for week in ("2016-W41", "2016-W47", "2021-W10", "2030-W01"):
        result = export_week(db, Week.parse(week), tmp_path / week)
        manifest = json.loads((result.folder / "manifest.json").read_text())
        types[week] = {f["name"]: f["types"] for f in manifest["files"]}
        for f in manifest["files"]:
            assert "Null" not in f["types"] and "Object" not in f["types"], f["name"]
    first = types["2016-W41"]
    assert all(t == first for t in types.values())
    assert first["delegation_by_group.csv"][6] == "Decimal(precision=38, scale=6)"
