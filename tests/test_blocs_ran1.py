"""Blocs on the real record of the 2016 channel-coding debate: RAN1#86bis and #87.

The TDoc lists and chair's reports of both meetings are imported as a user would; the
co-signature camps on channel coding (RAN1#86bis 8.1.3.1, RAN1#87 7.1.5.1) must come out as
the public record tells them: polar (Huawei, ZTE…) apart from LDPC (Qualcomm, Samsung,
Nokia, Intel…), and the turbo-code proposers (Orange, IMT, AccelerComm) with neither.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ran1") / "sdo.duckdb"
    lists = [THREEGPP / "tdoc_lists" / f"TDoc_List_TSGR1_{m}.xlsx" for m in ("86b", "87")]
    reports = [THREEGPP / "reports" / f"Final_Report_RAN1-{m}.docx" for m in ("86b", "87")]
    for kind, files in (("tdoc-list", lists), ("report", reports)):
        result = runner.invoke(app, ["import", kind, *map(str, files), "--db", str(path)])
        assert result.exit_code == 0, result.output
    return path


def camps(db: Path, meeting: str, item: str) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(
            con.execute(
                "SELECT org_group, bloc FROM bloc_membership WHERE meeting = ? AND agenda_item = ?",
                [meeting, item],
            ).fetchall()
        )


@pytest.mark.parametrize(("meeting", "item"), [("RAN1#86bis", "8.1.3.1"), ("RAN1#87", "7.1.5.1")])
def test_the_channel_coding_camps(db, meeting, item):
    bloc = camps(db, meeting, item)
    polar, ldpc = bloc["Huawei"], bloc["Qualcomm"]
    assert polar != ldpc
    assert bloc["ZTE"] == polar
    assert bloc["Samsung Electronics"] == bloc["Nokia"] == bloc["Intel"] == ldpc
    assert bloc["Orange"] not in (polar, ldpc)  # the turbo-code proposers
    assert bloc["AccelerComm"] == bloc["Orange"]


def test_the_blocs_command_prints_members_and_votes(db):
    result = runner.invoke(
        app,
        ["blocs", "--meeting", "RAN1#87", "--agenda-item", "7.1.5.1", "--format", "json",
         "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    huawei = next(r for r in rows if "Huawei" in (r["member_groups"] or ""))
    assert "ZTE" in huawei["member_groups"] and "Qualcomm" not in huawei["member_groups"]
    assert all(r["votes"] is not None for r in rows)


def test_the_blocs_command_explains_what_it_cannot_show(db):
    result = runner.invoke(app, ["blocs", "--meeting", "RAN1#87", "--agenda-item", "99.9",
                                 "--db", str(db)])  # fmt: skip
    assert result.exit_code == 1
    assert "no cosignature blocs for RAN1#87 agenda item 99.9" in result.output
    assert "7.1.5.1" not in result.output or "agenda items with blocs" in result.output
    tuned = runner.invoke(app, ["blocs", "--seed", "3", "--db", str(db)])
    assert tuned.exit_code == 2 and "--rebuild" in tuned.output


def test_a_rebuild_with_other_parameters_is_recorded(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    result = runner.invoke(
        app, ["blocs", "--rebuild", "--seed", "7", "--window", "4", "--needed", "3",
              "--db", str(copy)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(copy), read_only=True) as con:
        run = con.execute(
            "SELECT seed, attendance_window, attendance_needed, backbone_alpha FROM bloc_runs"
        ).fetchall()
    assert run == [(7, 4, 3, None)]


def test_voting_power_falls_back_to_the_labelled_proxy(db, tmp_path):
    """No participant lists here: a group with uploaders at the meeting is present with every
    member entity it has on the member list, labelled as the upper bound it is."""
    copy = tmp_path / "proxy.duckdb"
    copy.write_bytes(db.read_bytes())
    members = THREEGPP / "membership" / "3GPPMembership_2025-01.csv"
    result = runner.invoke(app, ["import", "membership", str(members), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(copy), read_only=True) as con:
        bases = con.execute("SELECT DISTINCT basis FROM voting_rights").fetchall()
        (votes,) = con.execute(
            "SELECT votes FROM votes_by_group WHERE meeting = 'RAN1#87' AND org_group = 'Huawei'"
        ).fetchall()[0]
        (entities,) = con.execute(
            "SELECT count(DISTINCT m.long_name) FROM threegpp_members AS m "
            "JOIN org_resolution AS r ON r.raw = m.long_name "
            "WHERE m.member_type = 'individual' AND r.org_group = 'Huawei'"
        ).fetchall()[0]
    assert [b for (b,) in bases] == [
        "proxy: uploaders present, entities of the 2025-01-01 member list (upper bound); "
        "window incomplete"
    ]
    assert votes == entities >= 12  # Huawei's own entities, HiSilicon, Futurewei…
