"""The warehouse: migrations, idempotent all-or-nothing loads, groups at a date, the lock."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

import warehouse.derived.steps
from flows.settings import SAMPLE_ARCHIVE
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.source import IetfBatch, fetch_ietf
from tests.conftest import FIXTURES, held_elsewhere
from warehouse.loads.ietf import load_ietf
from warehouse.orgs.reference import Reference, ReferenceError, load_reference
from warehouse.store.db import DatabaseBusy, apply_views, connect, migrate, migrations
from warehouse.store.load import upsert

SAMPLE_BASE = "https://datatracker.ietf.org"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(FIXTURES / "reference")


@pytest.fixture(scope="module")
def sample() -> tuple[IetfBatch, list]:
    replay = ArchiveReplay(RawArchive(SAMPLE_ARCHIVE))
    batch = fetch_ietf(replay, SAMPLE_BASE, meetings_wanted={"110", "111"})
    return batch, replay.entries


@pytest.fixture
def con(tmp_path: Path):
    connection = connect(tmp_path / "w.duckdb")
    migrate(connection)
    apply_views(connection)
    yield connection
    connection.close()


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    tables = ["ietf_meetings", "ietf_registrations", "affiliation_resolution", "raw_responses"]
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_migrations_apply_once_and_are_recorded(tmp_path):
    c = connect(tmp_path / "m.duckdb")
    names = migrate(c)
    assert names == [name for _, name, _ in migrations()]
    assert migrate(c) == []
    recorded = c.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [n for _, n in recorded] == names


def test_same_load_twice_leaves_identical_tables(con, sample, reference):
    batch, entries = sample
    load_ietf(con, batch, entries, "run-1", reference)
    first = snapshot(con)
    load_ietf(con, batch, entries, "run-2", reference)
    assert snapshot(con) == first
    assert len(first["ietf_registrations"]) == 1329 + 1411


def test_reload_drops_registrations_the_source_dropped(con, sample, reference):
    batch, entries = sample
    load_ietf(con, batch, entries, "run-1", reference)
    fewer = batch.registrations.filter(pl.col("source_id") % 2 == 0)
    load_ietf(con, IetfBatch(batch.meetings, fewer), entries, "run-2", reference)
    (count,) = con.execute("SELECT count(*) FROM ietf_registrations").fetchall()[0]
    assert count == fewer.height


def test_failed_load_leaves_the_warehouse_as_it_was(con, sample, reference, monkeypatch):
    batch, entries = sample
    first = batch.meetings["meeting"][0]
    load_ietf(
        con,
        IetfBatch(batch.meetings.head(1), batch.registrations.filter(pl.col("meeting") == first)),
        entries,
        "run-1",
        reference,
    )
    before = snapshot(con)

    def explode(*args, **kwargs):
        raise RuntimeError("resolution failed half way")

    monkeypatch.setattr(warehouse.derived.steps, "resolve_affiliations", explode)
    with pytest.raises(RuntimeError, match="half way"):
        load_ietf(con, batch, entries, "run-2", reference)
    assert snapshot(con) == before


def test_upsert_refuses_a_batch_with_repeated_keys(con):
    frame = pl.DataFrame({"org_id": ["a", "a"], "name": ["A", "A2"]})
    with pytest.raises(ValueError, match=r"organizations: the batch repeats natural keys"):
        upsert(con, "organizations", frame, ["org_id"])


@pytest.mark.parametrize(
    ("day", "group"),
    [
        (date(2011, 1, 1), "motorola-mobility"),
        (date(2013, 7, 1), "google"),
        (date(2014, 10, 30), "lenovo"),
        (date(2020, 1, 1), "lenovo"),
    ],
)
def test_ultimate_parent_depends_on_the_date(con, reference, sample, day, group):
    batch, _ = sample
    nothing = IetfBatch(batch.meetings.head(0), batch.registrations.head(0))
    load_ietf(con, nothing, [], "r", reference)
    (found,) = con.execute("SELECT org_group_on('motorola-mobility', ?)", [day]).fetchall()[0]
    assert found == group


def test_futurewei_and_hisilicon_count_for_huawei(con, sample, reference):
    batch, entries = sample
    load_ietf(con, batch, entries, "run-1", reference)
    by_org = dict(
        con.execute(
            "SELECT org, delegates FROM delegation_by_org WHERE meeting = '110' "
            "AND org_group = 'Huawei'"
        ).fetchall()
    )
    (group,) = con.execute(
        "SELECT delegates FROM delegation_by_group WHERE meeting = '110' AND org_group = 'Huawei'"
    ).fetchall()[0]
    assert {"Huawei", "Futurewei"} <= set(by_org)
    assert group == sum(by_org.values())
    (hq,) = con.execute(
        "SELECT hq_country FROM delegation_by_group WHERE meeting='110' AND org_group='Huawei'"
    ).fetchall()[0]
    assert hq == "CN"


def test_shares_add_up_and_nobody_is_dropped(con, sample, reference):
    batch, entries = sample
    load_ietf(con, batch, entries, "run-1", reference)
    for view, extra in [
        ("delegation_by_org", ""),
        ("delegation_by_group", ""),
        ("delegation_by_country", "basis, "),
    ]:
        rows = con.execute(
            f"SELECT meeting, {extra} sum(delegates), round(sum(share), 9) FROM {view} "
            f"GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        for row in rows:
            assert row[-1] == 1.0
            assert row[-2] == {"110": 1329, "111": 1411}[row[0]]


def test_reference_errors_name_file_and_line(tmp_path):
    for name in ("organizations.csv", "org_parents.csv", "aliases.csv"):
        (tmp_path / name).write_text((FIXTURES / "reference" / name).read_text())
    with (tmp_path / "org_parents.csv").open("a") as f:
        f.write("hisilicon,no-such-org,,,typo\n")
    with pytest.raises(ReferenceError, match=r"org_parents\.csv: .*names no organization .*\[6\]"):
        load_reference(tmp_path)


def test_second_writer_gets_a_clear_busy_error(tmp_path):
    path = tmp_path / "busy.duckdb"
    connect(path).close()
    with held_elsewhere(f"import duckdb\ncon = duckdb.connect({str(path)!r})"):
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match=r"busy\.duckdb is held by another process"):
            connect(path, read_only=True, wait=0.5)
        assert time.monotonic() - started < 5


def test_a_joint_affiliation_counts_half_for_each_group(con, sample, reference):
    batch, entries = sample
    first = batch.registrations.filter(pl.col("meeting") == "110").head(1)["source_id"][0]
    joint = batch.registrations.with_columns(
        pl.when(pl.col("source_id") == first)
        .then(pl.lit("Cisco Systems / HiSilicon"))
        .otherwise(pl.col("affiliation"))
        .alias("affiliation")
    )
    load_ietf(con, IetfBatch(batch.meetings, joint), entries, "run-1", reference)
    parts = con.execute(
        "SELECT org, weight FROM org_resolution WHERE raw = 'Cisco Systems / HiSilicon' "
        "ORDER BY part"
    ).fetchall()
    assert parts == [("Cisco", 0.5), ("HiSilicon", 0.5)]
    total, fractions = con.execute(
        "SELECT sum(delegates), count(*) FILTER (WHERE delegates % 1 <> 0) "
        "FROM delegation_by_group WHERE meeting = '110'"
    ).fetchall()[0]
    assert total == 1329 and fractions == 2  # Cisco and Huawei each hold x.5


def test_a_load_connection_caps_duckdb_memory(tmp_path, monkeypatch):
    """Loads run with SDO_LOAD_MEMORY_LIMIT (default 1GB), not DuckDB's 80 % of RAM."""
    from flows.settings import Settings

    monkeypatch.setenv("SDO_LOAD_MEMORY_LIMIT", "300MB")
    settings = Settings.from_env(tmp_path / "sdo.duckdb")
    assert settings.load_memory_limit == "300MB"
    monkeypatch.delenv("SDO_LOAD_MEMORY_LIMIT")
    assert Settings.from_env(tmp_path / "sdo.duckdb").load_memory_limit == "1GB"

    def limit(con: duckdb.DuckDBPyConnection) -> str:
        ((value,),) = con.execute("SELECT current_setting('memory_limit')").fetchall()
        return str(value)

    with connect(tmp_path / "sdo.duckdb", memory_limit=settings.load_memory_limit) as con:
        assert limit(con) == "286.1 MiB"  # 300 MB as DuckDB reports it
    with connect(tmp_path / "sdo.duckdb") as con:
        assert limit(con) != "286.1 MiB"


def test_views_are_recreated_only_when_their_sql_changed(tmp_path):
    import shutil

    from warehouse.store.db import sql_dir

    sql = tmp_path / "sql"
    shutil.copytree(sql_dir() / "views", sql / "views")
    con = connect(tmp_path / "sdo.duckdb")
    migrate(con)
    apply_views(con, sql)
    con.execute("DROP VIEW load_status")  # stands in for "not re-created"
    apply_views(con, sql)  # the same files: nothing done
    assert not con.execute(
        "SELECT 1 FROM duckdb_views() WHERE view_name = 'load_status'"
    ).fetchall()
    apply_views(con, sql, force=True)
    assert con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'load_status'").fetchall()

    meetings = sql / "views" / "060_meetings.sql"
    meetings.write_text(meetings.read_text() + "\n-- a changed comment is a change\n")
    con.execute("DROP VIEW load_status")
    apply_views(con, sql)
    assert con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'load_status'").fetchall()
