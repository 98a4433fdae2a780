"""`sdo shell`: statements split as SQL is written, run against the warehouse or snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.shell import (
    SnapshotSource,
    WarehouseSource,
    completions,
    lines_from,
    run_shell,
    split_statements,
)
from tests.conftest import one_meeting_warehouse
from warehouse.outputs.publish import publish
from warehouse.outputs.user_sql import UserSqlLimits
from warehouse.store.db import connect

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "sdo.duckdb"
    db.parent.mkdir()
    one_meeting_warehouse(db, ["Huawei", "Futurewei Technologies", "Cisco Systems"])
    return db


def test_statements_end_at_semicolons_outside_quotes_and_comments():
    assert split_statements("SELECT 1; SELECT 'a;b'") == (["SELECT 1"], " SELECT 'a;b'")
    assert split_statements("SELECT 'a;b';\n") == (["SELECT 'a;b'"], "\n")
    assert split_statements("SELECT 1 -- not here;\n, 2;") == (["SELECT 1 -- not here;\n, 2"], "")
    assert split_statements('SELECT "x;y" /* ; */ FROM t;;') == (
        ['SELECT "x;y" /* ; */ FROM t'],
        "",
    )
    assert split_statements("SELECT\n  1") == ([], "SELECT\n  1")


def test_completion_offers_views_columns_and_keywords():
    columns = {"delegation_by_group": ["org_group", "delegates"], "meetings": ["meeting"]}
    assert completions("deleg", columns) == ["delegates", "delegation_by_group"]
    assert completions("org", columns) == ["org_group"]
    assert completions("SEL", columns) == ["SELECT"]
    assert completions("sel", columns) == ["select"]


def run(source, text: str, fmt: str = "csv") -> tuple[int, list[str], list[str]]:
    out: list[str] = []
    err: list[str] = []
    failed = run_shell(source, lines_from(text.splitlines()), out.append, fmt, False, err.append)
    return failed, out, err


def test_the_warehouse_shell_runs_multi_line_statements_and_dot_commands(warehouse):
    source = WarehouseSource(warehouse, UserSqlLimits())
    failed, out, err = run(
        source,
        "SELECT org_group, delegates\nFROM delegation_by_group\nORDER BY org_group;\n"
        ".columns meetings\n.format json\nSELECT 1 AS one;\n.nonsense\nSELECT nope;\n"
        "SELECT 2",
    )
    assert out[0] == "org_group,delegates\nCisco,1.000000\nHuawei,2.000000\n"
    assert out[1].startswith("body, meeting, group_code")
    assert '"one": 1' in out[2]
    assert failed == 2 and "not a command" in err[0] and "nope" in err[1]
    assert "had no ';'" in err[2]


def test_the_warehouse_shell_reads_and_writes_nothing_else(warehouse, tmp_path):
    source = WarehouseSource(warehouse, UserSqlLimits())
    target = tmp_path / "out.csv"
    failed, _, _ = run(source, f"COPY (SELECT 1) TO '{target}';\nDROP VIEW meetings;\n")
    assert failed == 2 and not target.exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meetings").fetchall() == [(1,)]


def test_the_snapshot_shell_reads_the_published_files_only(warehouse, tmp_path):
    con = connect(warehouse, read_only=True)
    try:
        publish(con, warehouse.parent / "published", "run-9")
    finally:
        con.close()
    source = SnapshotSource(warehouse.parent / "published")
    assert "run-9" in source.describe()
    failed, out, err = run(
        source,
        "SELECT org_group, delegates FROM delegation_by_group ORDER BY 1;\n"
        "SELECT * FROM read_csv('/etc/hostname');\n",
    )
    assert out == ["org_group,delegates\nCisco,1.000000\nHuawei,2.000000\n"]
    assert failed == 1 and "disabled by configuration" in err[0]


def test_the_shell_command_from_a_pipe(warehouse):
    result = runner.invoke(
        app, ["shell", "--db", str(warehouse), "--format", "csv"],
        input="SELECT count(*) AS n FROM delegation_by_org;\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == "n\n3\n"
    missing = runner.invoke(app, ["shell", "--snapshot", "--db", str(warehouse)])
    assert missing.exit_code == 1 and "no published snapshot" in missing.output
