"""The bloc model held against the only recorded votes: the RAN1#90 chair election."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"
REPORTS = THREEGPP / "reports"


@pytest.fixture(scope="module")
def electing(tmp_path_factory) -> Path:
    """RAN1#89 and #90 (the record before and at the 2017 chair election), the #90 report,
    and the member list for the labelled proxy of votes."""
    path = tmp_path_factory.mktemp("elections") / "sdo.duckdb"
    lists = [THREEGPP / "tdoc_lists" / f"TDoc_List_TSGR1_{m}.xlsx" for m in ("89", "90")]
    for kind, files in (
        ("tdoc-list", lists),
        ("report", [REPORTS / "Final_Report_RAN1-90.docx"]),
        ("membership", [THREEGPP / "membership" / "3GPPMembership_2025-01.csv"]),
    ):
        result = runner.invoke(app, ["import", kind, *map(str, files), "--db", str(path)])
        assert result.exit_code == 0, result.output
    return path


def test_the_model_is_held_against_the_real_ballot(electing):
    result = runner.invoke(
        app, ["blocs", "--elections", "--election-window", "1", "--format", "json",
              "--db", str(electing)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = {(r["position"], r["candidate"]): r for r in json.loads(result.stdout)}
    chen, classon = found[("chair", "Dr. Wanshi Chen")], found[("chair", "Mr. Brian Classon")]
    assert (chen["votes"], classon["votes"]) == (158, 139)
    assert chen["actual_share"] == pytest.approx(158 / 297)
    assert chen["window"] == "RAN1#89" and chen["basis"].startswith("proxy")
    assert chen["camp"] != classon["camp"] or "shared" in chen["camp"]
    if chen["predicted_share"] is not None:
        assert chen["predicted_share"] + classon["predicted_share"] == pytest.approx(1.0)


def test_no_contested_election_says_what_to_import(tmp_path):
    empty = tmp_path / "e.duckdb"
    result = runner.invoke(app, ["import", "report", str(REPORTS / "Final_Report_RAN1-113.docx"),
                                 "--db", str(empty)])  # fmt: skip
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["blocs", "--elections", "--db", str(empty)])
    assert result.exit_code == 1 and "no contested election loaded" in result.output
