"""Fetched rows staged on disk (scrapers/staging.py) load exactly as rows held in memory.

The IETF refresh stages every collection it fetches as Parquet, page by page, so the full
history never sits in Python; these tests hold the staged path to the in-memory one on the
recorded sample (registrations of IETF 110 and 111) and the datatracker-format records.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.pipeline import STAGING_FOLDER, fetch_ietf_source, refresh_ietf_source
from flows.settings import SAMPLE_ARCHIVE, Settings
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.incremental import FAMILIES, RECORD_KEYS, IetfRecords, fetch_incremental
from scrapers.ietf.source import IetfBatch, fetch_ietf
from scrapers.staging import Stage, StagedFrame
from tests.conftest import FIXTURES, emulated_datatracker
from warehouse.loads.ietf import load_ietf
from warehouse.orgs.reference import load_reference
from warehouse.store.db import apply_views, connect, migrate
from warehouse.store.load import insert_new, upsert

BASE = "https://datatracker.test"
SAMPLE_BASE = "https://datatracker.ietf.org"
RECORDS = json.loads((FIXTURES / "ietf" / "api" / "datatracker_records.json").read_text())


def rows(frame: pl.DataFrame | StagedFrame, key: str) -> pl.DataFrame:
    held = frame.collect() if isinstance(frame, StagedFrame) else frame
    return held.sort(key)


def two_live_refreshes(make_client) -> None:
    """Two refreshes archived: everything, then a new attendance row and a new revision
    of draft-ietf-tls-esni that lost its fourth author (its authors are replaced)."""
    _, transport = emulated_datatracker(RECORDS)
    first = fetch_incremental(make_client(transport), BASE, {})
    cursors = {family: first.reports[family].cursor for family in FAMILIES}
    changed = json.loads(json.dumps(RECORDS))
    changed["meeting/attended"].append(
        {**changed["meeting/attended"][0], "id": 9, "resource_uri": "/api/v1/meeting/attended/9/"}
    )
    esni = next(d for d in changed["doc/document"] if d["name"] == "draft-ietf-tls-esni")
    esni["time"] = "2024-06-01T08:00:00Z"
    changed["doc/documentauthor"] = [a for a in changed["doc/documentauthor"] if a["id"] != 60019]
    _, transport = emulated_datatracker(changed)
    fetch_incremental(make_client(transport), BASE, cursors)


def test_a_staged_fetch_holds_the_rows_an_in_memory_fetch_holds(make_client, tmp_path):
    _, transport = emulated_datatracker(RECORDS)
    held = fetch_incremental(make_client(transport), BASE, {})
    stage = Stage(tmp_path / "stage")
    staged = fetch_incremental(make_client(transport), BASE, {}, stage=stage)
    for name, key in RECORD_KEYS.items():
        frame = getattr(staged, name)
        assert isinstance(frame, StagedFrame), name
        assert frame.height == getattr(held, name).height
        assert rows(frame, key).equals(rows(getattr(held, name), key)), name
    assert staged.author_documents == held.author_documents
    assert staged.role_groups == held.role_groups
    assert {f: r.cursor for f, r in staged.reports.items()} == {
        f: r.cursor for f, r in held.reports.items()
    }
    # one Parquet file a collection, in the stage's own folder
    assert {p.parent for name in RECORD_KEYS for p in getattr(staged, name).paths} == {
        stage.directory
    }
    stage.cleanup()
    assert not stage.directory.exists()


def test_replayed_increments_staged_keep_the_latest_row_of_each_key(make_client, tmp_path):
    two_live_refreshes(make_client)
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    held = fetch_incremental(replay, BASE, {}, replay=True)
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    staged = fetch_incremental(replay, BASE, {}, replay=True, stage=Stage(tmp_path / "stage"))
    assert staged.reports["attended"].increments == 2
    assert rows(staged.attended, "attended_id")["attended_id"].to_list() == list(range(1, 10))
    # the second revision's three authors replace the first's four
    esni = rows(staged.authors, "author_id").filter(document="draft-ietf-tls-esni")
    assert esni.height == 3
    for name, key in RECORD_KEYS.items():
        assert rows(getattr(staged, name), key).equals(rows(getattr(held, name), key)), name


def tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    names = [
        "ietf_registrations",
        "ietf_documents",
        "ietf_document_authors",
        "ietf_session_attendance",
        "ietf_roles",
        "affiliation_resolution",
    ]
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in names}


def loaded(path: Path, batch: IetfBatch, records: IetfRecords, entries: list) -> dict:
    con = connect(path)
    migrate(con)
    apply_views(con)
    load_ietf(con, batch, entries, "run-1", load_reference(FIXTURES / "reference"), records)
    found = tables(con)
    con.close()
    return found


def test_a_staged_load_writes_what_an_in_memory_load_writes(make_client, tmp_path):
    replay = ArchiveReplay(RawArchive(SAMPLE_ARCHIVE))
    batch = fetch_ietf(replay, SAMPLE_BASE, meetings_wanted={"110", "111"})
    stage = Stage(tmp_path / "stage")
    replay = ArchiveReplay(RawArchive(SAMPLE_ARCHIVE))
    staged_batch = fetch_ietf(replay, SAMPLE_BASE, meetings_wanted={"110", "111"}, stage=stage)
    assert isinstance(staged_batch.registrations, StagedFrame)
    assert len(staged_batch.registrations.paths) == 2  # one file a meeting
    _, transport = emulated_datatracker(RECORDS)
    records = fetch_incremental(make_client(transport), BASE, {})
    staged_records = fetch_incremental(make_client(transport), BASE, {}, stage=stage)
    held = loaded(tmp_path / "held.duckdb", batch, records, replay.entries)
    staged = loaded(tmp_path / "staged.duckdb", staged_batch, staged_records, replay.entries)
    assert staged == held
    assert len(held["ietf_registrations"]) == 1329 + 1411
    assert len(held["ietf_document_authors"]) == 19


def test_a_staged_batch_with_a_repeated_key_is_refused_or_read_once(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    migrate(con)
    stage = Stage(tmp_path / "stage")
    writer = stage.writer("organizations", pl.Schema({"org_id": pl.String, "name": pl.String}))
    writer.write(pl.DataFrame({"org_id": ["a"], "name": ["A"]}))
    writer.write(pl.DataFrame({"org_id": ["a"], "name": ["A2"]}))  # a second page repeats it
    repeated = writer.close()
    with pytest.raises(ValueError, match=r"organizations: the batch repeats natural keys"):
        upsert(con, "organizations", repeated, ["org_id"])
    # insert_new keeps the first of a repeated key, staged or not
    con.execute("CREATE TABLE t (org_id VARCHAR, name VARCHAR)")
    insert_new(con, "t", repeated, ["org_id"])
    assert con.execute("SELECT * FROM t").fetchall() == [("a", "A")]


def test_a_refresh_leaves_no_staged_rows_behind_loaded_failed_or_killed(tmp_path):
    settings = Settings(
        db=tmp_path / "data" / "sdo.duckdb",
        raw_dir=tmp_path / "raw",
        ietf_url=SAMPLE_BASE,
        http_pause=0.0,
    )
    import logging

    log = logging.getLogger("test")
    staging = settings.db.parent / STAGING_FOLDER
    killed = Stage(staging)  # what a refresh killed between its fetch and its load leaves
    (killed.directory / "00000-meeting_registration.parquet").write_bytes(b"PAR1")
    result = refresh_ietf_source(settings, True, SAMPLE_ARCHIVE, ["110"], log)
    assert result.status == "ok" and result.rows["ietf_registrations"] == 1329
    assert list(staging.iterdir()) == []
    seen: list[Path] = []

    def failing_load(settings: Settings, fetched, run_id: str):
        assert fetched.stage is not None
        seen.append(fetched.stage.directory)
        assert any(fetched.stage.directory.iterdir())  # the rows were staged
        raise RuntimeError("the load broke")

    with pytest.raises(RuntimeError, match="the load broke"):
        refresh_ietf_source(
            settings, True, SAMPLE_ARCHIVE, ["111"], log, fetch_ietf_source, failing_load
        )
    assert seen and not seen[0].exists()
    assert list(staging.iterdir()) == []
