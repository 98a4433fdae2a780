"""`sdo sql` reads the warehouse and nothing else: one test per escape that worked when the
connection was only opened read-only (COPY over the warehouse file, files written and read
anywhere, other databases attached for writing, settings changed, extensions installed,
unbounded queries)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from warehouse.outputs.user_sql import UserSqlLimits

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    from tests.conftest import one_meeting_warehouse

    db = tmp_path / "sdo.duckdb"
    one_meeting_warehouse(db, ["Huawei", "Cisco Systems"]).close()
    return db


def sdo_sql(db: Path, query: str, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["sql", query, "--db", str(db), *options])
    return result.exit_code, result.output


def test_views_still_answer(warehouse: Path) -> None:
    code, out = sdo_sql(warehouse, "SELECT org_group, delegates FROM delegation_by_group "
                        "ORDER BY org_group", "--format", "csv")  # fmt: skip
    assert code == 0, out
    assert out.splitlines() == ["org_group,delegates", "Cisco,1.000000", "Huawei,1.000000"]


def test_copy_cannot_overwrite_the_warehouse(warehouse: Path) -> None:
    size = warehouse.stat().st_size
    code, out = sdo_sql(warehouse, f"COPY (SELECT 'x' AS l) TO '{warehouse}' (FORMAT csv)")
    assert code == 1 and "refused: sdo sql reads the warehouse only" in out
    assert warehouse.stat().st_size == size
    assert sdo_sql(warehouse, "SELECT count(*) FROM meetings")[0] == 0  # still a database


def test_copy_cannot_write_any_other_file(warehouse: Path, tmp_path: Path) -> None:
    target = tmp_path / "bashrc"
    code, out = sdo_sql(warehouse, f"COPY (SELECT 'evil' AS l) TO '{target}' (FORMAT csv)")
    assert code == 1 and "refused" in out
    assert not target.exists()
    code, _ = sdo_sql(warehouse, f"EXPORT DATABASE '{tmp_path / 'dump'}'")
    assert code == 1 and not (tmp_path / "dump").exists()


def test_another_database_cannot_be_attached_and_changed(warehouse: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE precious AS SELECT 42 AS answer")
    code, out = sdo_sql(
        warehouse,
        f"ATTACH '{other}' AS o (READ_WRITE); DELETE FROM o.precious; DROP TABLE o.precious",
    )
    assert code == 1 and "refused" in out
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT answer FROM precious").fetchall() == [(42,)]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
    ],
)
def test_no_file_outside_the_warehouse_can_be_read(warehouse: Path, query: str) -> None:
    code, out = sdo_sql(warehouse, query)
    assert code == 1 and "refused" in out
    assert "root:" not in out


def test_a_path_in_place_of_a_table_is_no_table(warehouse: Path) -> None:
    code, out = sdo_sql(warehouse, "SELECT * FROM '/etc/passwd'")  # no replacement scan
    assert code == 1 and "does not exist" in out and "root:" not in out


@pytest.mark.parametrize(
    "query",
    [
        "SET memory_limit = '100GB'",
        "RESET lock_configuration",
        "SET enable_external_access = true",
        "PRAGMA memory_limit = '100GB'",
    ],
)
def test_settings_cannot_be_changed(warehouse: Path, query: str) -> None:
    code, out = sdo_sql(warehouse, query)
    assert code == 1 and "refused: sdo sql's settings are fixed" in out


@pytest.mark.parametrize(
    "query", ["INSTALL httpfs", "LOAD httpfs", "FROM 'https://example.org/x.csv'"]
)
def test_no_extension_is_installed_or_loaded(warehouse: Path, query: str) -> None:
    code, out = sdo_sql(warehouse, query)
    assert code == 1 and "refused" in out


def test_an_unbounded_query_is_stopped_at_the_time_limit(warehouse: Path) -> None:
    code, out = sdo_sql(
        warehouse, "SELECT count(*) FROM range(1000000000000) a, range(1000) b", "--timeout", "1"
    )
    assert code == 1 and "query stopped after 1 s" in out


def test_a_memory_hungry_query_is_refused_at_the_memory_limit(warehouse: Path) -> None:
    code, out = sdo_sql(
        warehouse,
        "SELECT list(range) FROM range(50000000)",  # one 400 MB list: cannot spill
        "--memory-limit", "64MB",
    )  # fmt: skip
    assert code == 1 and "more than the memory limit" in out


def test_limits_are_checked_and_come_from_the_environment(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sdo_sql(warehouse, "SELECT 1", "--memory-limit", "lots")[0] == 2
    monkeypatch.setenv("SDO_SQL_TIMEOUT", "soon")
    code, out = sdo_sql(warehouse, "SELECT 1")
    assert code == 2 and "SDO_SQL_TIMEOUT='soon'" in out
    monkeypatch.setenv("SDO_SQL_TIMEOUT", "1")
    code, out = sdo_sql(warehouse, "SELECT count(*) FROM range(1000000000000) a, range(9) b")
    assert code == 1 and "query stopped after 1 s" in out
    with pytest.raises(ValueError, match="expected a size"):
        UserSqlLimits(memory_limit="2 elephants")
