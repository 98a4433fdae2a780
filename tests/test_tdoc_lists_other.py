"""TDoc lists beyond RAN1: the RAN plenary in both shapes (31 columns with datetime
reservations, 36 with US-style strings) and SA2, final and as a pre-meeting snapshot.
Files and provenance: tests/fixtures/PROVENANCE.md."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from scrapers.threegpp.tdoc_list import parse_tdoc_list
from tests.conftest import FIXTURES

runner = CliRunner()
OTHER = FIXTURES / "threegpp" / "tdoc_lists_other"


@pytest.mark.parametrize(
    ("name", "meeting", "rows", "first", "reserved"),
    [
        # 31 columns; Reservation date a datetime cell
        ("TDoc_List_Meeting_RAN#90-e.xlsx", "RAN#90-e", 813, "RP-202123", None),
        # 36 columns (UICC, ME, RAN, CN, Clauses Affected); '8/23/2022 11:15:21 AM' strings
        (
            "TDoc_List_Meeting_RAN#97-e.xlsx",
            "RAN#97-e",
            803,
            None,
            datetime(2022, 8, 23, 11, 15, 21),
        ),
        ("TDoc_List_Meeting_SA2#125.xlsx", "SA2#125", 1416, "S2-180001", None),
        ("TDoc_List_Meeting_SA2#127.xlsx", "SA2#127", 306, None, None),
    ],
)
def test_lists_of_other_groups_read_by_header_name(name, meeting, rows, first, reserved):
    parsed = parse_tdoc_list(OTHER / name, name)
    tdocs = parsed.tdocs
    assert tdocs.height == rows and set(tdocs["meeting"]) == {meeting}
    if first:
        assert tdocs["tdoc"].sort()[0] == first
    if reserved:
        assert tdocs["reservation_date"].min() == reserved
    assert tdocs["reservation_date"].null_count() == 0  # every date read, in either shape
    prefix = {"RAN": "RP-", "SA2": "S2-"}[meeting.split("#")[0]]
    assert tdocs["tdoc"].str.starts_with(prefix).all()


@pytest.fixture(scope="module")
def sa2(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sa2") / "sdo.duckdb"
    files = [OTHER / "TDoc_List_Meeting_SA2#125.xlsx", OTHER / "TDoc_List_Meeting_SA2#127.xlsx"]
    result = runner.invoke(app, ["import", "tdoc-list", *map(str, files), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_a_pre_meeting_snapshot_counts_no_reserved_or_available_tdoc(sa2):
    with duckdb.connect(str(sa2), read_only=True) as con:
        state = dict(con.execute(
            "SELECT meeting, pre_meeting FROM threegpp_list_state").fetchall())  # fmt: skip
        counted = dict(con.execute(
            "SELECT meeting, count(DISTINCT tdoc) FROM contributions GROUP BY meeting"
        ).fetchall())  # fmt: skip
        statuses = dict(con.execute(
            "SELECT lower(status), count(DISTINCT tdoc) FROM contributions "
            "WHERE meeting = 'SA2#127' GROUP BY 1").fetchall())  # fmt: skip
        final_statuses = {s for (s,) in con.execute(
            "SELECT DISTINCT lower(status) FROM contributions WHERE meeting = 'SA2#125'"
        ).fetchall()}  # fmt: skip
    assert state == {"SA2#125": False, "SA2#127": True}
    assert set(statuses) <= {"withdrawn"}  # of 250 reserved, 54 available, 2 withdrawn
    assert counted["SA2#125"] > 1000 and counted["SA2#127"] <= 2
    assert {"approved", "revised", "noted"} <= final_statuses
