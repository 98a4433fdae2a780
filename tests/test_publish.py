"""The published snapshot: every public view as Parquet, written whole or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import one_meeting_warehouse
from warehouse.outputs.catalog import PUBLIC_VIEWS
from warehouse.outputs.publish import KEEP, PublishError, publish, views_sql
from warehouse.store.db import connect

runner = CliRunner()
CHECK_WITH_DUCKDB_1 = Path(__file__).parent.parent / "scripts" / "check_published.py"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "sdo.duckdb"
    db.parent.mkdir()
    one_meeting_warehouse(db, ["Huawei", "Futurewei Technologies", "Huawei / Cisco", ""])
    return db


def _publish(db: Path, force: bool = False):
    con = connect(db, read_only=True)
    try:
        return publish(con, db.parent / "published", "run-1", force)
    finally:
        con.close()


def test_every_public_view_is_published_with_its_rows(warehouse):
    snapshot = _publish(warehouse)
    link = warehouse.parent / "published"
    assert snapshot.written and link.is_symlink() and link.resolve() == snapshot.folder
    manifest = json.loads((link / "manifest.json").read_text())
    assert [v["name"] for v in manifest["views"]] == list(PUBLIC_VIEWS)
    assert manifest["run_id"] == "run-1" and manifest["state"] == snapshot.state
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for view in manifest["views"]:
            path = link / view["file"]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == view["sha256"]
            published = con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
            assert sorted(published, key=repr) == sorted(
                con.execute(f"SELECT * FROM {view['name']}").fetchall(), key=repr
            ), view["name"]
            assert view["rows"] == len(published)
        # the figures a reader quotes: Huawei's 2.5 of 4 delegates (a joint affiliation
        # counts half a person), Cisco 0.5
        rows = con.execute(
            f"SELECT org_group, delegates FROM read_parquet('{link}/delegation_by_group.parquet')"
            " ORDER BY org_group"
        ).fetchall()
    assert rows == [("Cisco", 0.5), ("Huawei", 2.5), ("Unspecified", 1.0)]


def test_the_same_state_is_not_written_again_and_the_files_are_byte_identical(warehouse):
    first = _publish(warehouse)
    again = _publish(warehouse)
    assert not again.written and again.folder == first.folder
    forced = _publish(warehouse, force=True)
    assert forced.written and forced.folder != first.folder
    for view in PUBLIC_VIEWS:
        a = (first.folder / f"{view}.parquet").read_bytes()
        assert a == (forced.folder / f"{view}.parquet").read_bytes(), view


def test_a_changed_warehouse_is_published_anew_and_old_snapshots_are_pruned(warehouse):
    folders = [_publish(warehouse, force=True).folder for _ in range(KEEP + 2)]
    kept = sorted(p.name for p in (warehouse.parent / "snapshots").iterdir())
    assert kept == sorted(f.name for f in folders[-KEEP:])
    con = connect(warehouse)
    try:
        con.execute("UPDATE derived_steps SET fingerprint = 'moved' WHERE step = 'resolution'")
    finally:
        con.close()
    assert _publish(warehouse).written


def test_a_failed_publish_leaves_the_published_snapshot_as_it_was(warehouse, monkeypatch):
    before = _publish(warehouse)
    import warehouse.outputs.publish as module

    real = module._write_view

    def failing(con, folder, name, meaning):
        if name == "bloc_summary":
            raise duckdb.IOException("disk full")
        return real(con, folder, name, meaning)

    monkeypatch.setattr(module, "_write_view", failing)
    with pytest.raises(PublishError, match=r"disk full.*unchanged"):
        _publish(warehouse, force=True)
    link = warehouse.parent / "published"
    assert link.resolve() == before.folder
    assert [p.name for p in (warehouse.parent / "snapshots").iterdir()] == [before.folder.name]


def test_a_folder_in_the_links_place_is_not_overwritten(warehouse):
    (warehouse.parent / "published").mkdir()
    with pytest.raises(PublishError, match="not the link"):
        _publish(warehouse)


def test_views_sql_recreates_the_views_over_the_files(warehouse, tmp_path):
    snapshot = _publish(warehouse)
    script = (snapshot.folder / "views.sql").read_text()
    manifest = json.loads((snapshot.folder / "manifest.json").read_text())
    when = datetime.fromisoformat(manifest["published_at"])
    assert script == views_sql(manifest["views"], "run-1", when)
    with duckdb.connect() as con:
        con.execute(f"SET file_search_path = '{warehouse.parent / 'published'}'")
        con.execute(script)
        rows = con.execute(
            "SELECT org_group, delegates FROM delegation_by_group ORDER BY delegates DESC"
        ).fetchall()
    assert rows[0] == ("Huawei", 2.5)


def test_the_publish_command_says_where_and_skips_an_unchanged_state(warehouse):
    result = runner.invoke(app, ["publish", "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert f"published: {warehouse.parent / 'published'} ({len(PUBLIC_VIEWS)} views" in (
        result.output
    )
    again = runner.invoke(app, ["publish", "--db", str(warehouse)])
    assert "already this state" in again.output


@pytest.mark.compat
def test_duckdb_1_reads_the_snapshot(warehouse):
    """The point of the snapshot: a DuckDB 1.x client (the newest CLI on PyPI is 1.5)
    reads every file and the views script."""
    _publish(warehouse)
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    isolated = [uv, "run", "--isolated", "--no-project", "--with", "duckdb==1.5.6",
                "--with", "pytz", "python"]  # fmt: skip
    env = {**os.environ, "VIRTUAL_ENV": ""}
    installed = subprocess.run(
        [*isolated, "-c", "import duckdb; print(duckdb.__version__)"],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )  # fmt: skip
    if installed.returncode != 0:  # no package index here: nothing to test against
        pytest.skip(f"DuckDB 1.5.6 could not be installed: {installed.stderr[-300:]}")
    result = subprocess.run(
        [*isolated, str(CHECK_WITH_DUCKDB_1), str(warehouse.parent / "published")],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["duckdb"].startswith("1.")
    assert report["views"] == {v: report["views"][v] for v in PUBLIC_VIEWS}
    assert report["delegation_by_group"][0] == ["Huawei", "2.500000"]
