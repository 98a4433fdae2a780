"""`sdo import` on real 3GPP files: same tables as a refresh, idempotent, clear failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from scrapers.archive import RawArchive
from tests.conftest import FIXTURES

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"
LIST_87 = THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"


def sdo(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sdo.duckdb"


def snapshot(db: Path) -> dict[str, list[tuple]]:
    tables = [
        "threegpp_meetings",
        "threegpp_tdocs",
        "threegpp_cosigners",
        "threegpp_status_vocabulary",
        "affiliation_resolution",
    ]
    return {t: sorted(query(db, f"SELECT * FROM {t}"), key=repr) for t in tables}


def test_importing_the_same_list_twice_changes_nothing(db):
    code, out = sdo("import", "tdoc-list", LIST_87, "--db", db)
    assert code == 0, out
    assert "1 of 1 tdoc-list files loaded" in out
    first = snapshot(db)
    assert sdo("import", "tdoc-list", LIST_87, "--db", db)[0] == 0
    assert snapshot(db) == first
    assert query(db, "SELECT count(*) FROM threegpp_tdocs WHERE meeting = 'RAN1#87'") == [(2741,)]


def test_meeting_is_inferred_from_the_official_name_or_given(db, tmp_path):
    official = tmp_path / "TDoc_List_Meeting_RAN1#87.xlsx"
    shutil.copy(LIST_87, official)
    assert sdo("import", "tdoc-list", official, "--db", db)[0] == 0
    anonymous = tmp_path / "download.xlsx"
    shutil.copy(LIST_87, anonymous)
    code, out = sdo("import", "tdoc-list", anonymous, "--db", db)
    assert code == 1 and "--meeting" in out and "download.xlsx" in out
    assert sdo("import", "tdoc-list", anonymous, "--meeting", "RAN1#87", "--db", db)[0] == 0
    assert query(db, "SELECT DISTINCT meeting FROM threegpp_tdocs") == [("RAN1#87",)]


def test_a_bad_file_is_reported_kept_and_the_others_load(db, tmp_path):
    broken = tmp_path / "TDoc_List_Meeting_RAN1#88.xlsx"
    broken.write_bytes(b"this is not a spreadsheet")
    code, out = sdo("import", "tdoc-list", LIST_87, broken, "--db", db)
    assert code == 1
    assert "TDoc_List_Meeting_RAN1#88.xlsx" in out and "not loaded" in out
    assert query(db, "SELECT DISTINCT meeting FROM threegpp_tdocs") == [("RAN1#87",)]
    archived = RawArchive(tmp_path / "raw").entries()
    assert any(e.url.endswith("RAN1%2388.xlsx") for e in archived)  # raw bytes kept


def test_report_cosigners_and_delegate_count(db):
    reports = [THREEGPP / "reports" / f"Final_Report_RAN1-{m}.docx" for m in ("86b", "87")]
    code, out = sdo("import", "report", *reports, "--db", db)
    assert code == 0, out
    (cosigners,) = query(
        db,
        "SELECT count(*) FROM threegpp_cosigners WHERE tdoc = 'R1-1613211' AND origin = 'report'",
    )[0]
    assert cosigners == 55
    delegates = dict(query(db, "SELECT meeting, reported_attendees FROM meetings"))
    assert delegates == {"RAN1#86bis": 337, "RAN1#87": 491}


def test_list_and_report_together_give_contributions(db):
    assert sdo("import", "tdoc-list", LIST_87, "--db", db)[0] == 0
    assert (
        sdo("import", "report", THREEGPP / "reports" / "Final_Report_RAN1-87.docx", "--db", db)[0]
        == 0
    )
    rows = dict(
        query(
            db,
            "SELECT org_group, contributions FROM contributions_by_group WHERE meeting = 'RAN1#87'",
        )
    )
    # Source-based credit only: the report's longer co-signer lists do not inflate it
    # one Source says "Ericson"; Neul (Huawei's since 2014) co-signs one TDoc Huawei does not
    assert rows["Huawei"] == 471 and rows["Ericsson"] == 476
    # Alcatel-Lucent Shanghai Bell counts for Nokia in November 2016
    assert "Nokia Shanghai Bell" not in rows


def test_membership_snapshot(db):
    code, out = sdo(
        "import", "membership", THREEGPP / "membership" / "3GPPMembership_2025-01.csv", "--db", db
    )
    assert code == 0, out
    rows = dict(
        query(
            db,
            "SELECT country_code, count(*) FROM threegpp_members "
            "WHERE member_type = 'individual' GROUP BY 1",
        )
    )
    assert rows["CN"] == 184 and rows["US"] == 104
    assert (
        query(db, "SELECT DISTINCT as_of FROM threegpp_members")[0][0].isoformat() == "2025-01-01"
    )


def test_unknown_kind_and_bad_meeting_are_usage_errors(db):
    assert sdo("import", "minutes", LIST_87, "--db", db)[0] == 2
    assert sdo("import", "tdoc-list", LIST_87, "--meeting", "RANX", "--db", db)[0] == 2


def test_participant_list_gives_3gpp_delegations(db):
    code, out = sdo("import", "tdoc-list", LIST_87, "--db", db)
    partlist = THREEGPP / "participants" / "PartList_3GPPRAN1#87_Reno.xlsx"
    code, out = sdo("import", "participants", partlist, "--db", db)
    assert code == 0, out
    groups = dict(
        query(
            db,
            "SELECT org_group, delegates FROM delegation_by_group "
            "WHERE body = '3gpp' AND meeting = 'RAN1#87'",
        )
    )
    # 9 listed, one 'Not attended'; Huawei, HiSilicon and Huawei France are one group
    assert sum(groups.values()) == 8
    assert groups["Huawei"] == 4
    assert query(db, "SELECT delegates FROM meetings WHERE meeting = 'RAN1#87'") == [(8,)]
    # no names anywhere: the delegate is a one-way key
    assert query(
        db, "SELECT count(*) FROM threegpp_participants WHERE delegate_key ILIKE '% %'"
    ) == [(0,)]


def test_a_report_zip_is_opened_for_its_participant_list_and_report(db, tmp_path):
    import zipfile

    bundle = tmp_path / "Report_RAN1#87.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.write(
            THREEGPP / "participants" / "PartList_3GPPRAN1#87_Reno.xlsx",
            "Report/PartList_3GPPRAN1#87_Reno.xlsx",
        )
        archive.write(
            THREEGPP / "reports" / "Final_Report_RAN1-87.docx", "Report/Final_Report_RAN1-87.docx"
        )
        archive.writestr("Report/readme.txt", "minutes and participants")
    assert sdo("import", "participants", bundle, "--db", db)[0] == 0
    assert sdo("import", "report", bundle, "--db", db)[0] == 0
    assert query(db, "SELECT count(*) FROM threegpp_participants") == [(9,)]
    assert query(db, "SELECT delegates FROM threegpp_reports") == [(491,)]
    empty = tmp_path / "Report_RAN1#88.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("notes.txt", "nothing here")
    code, out = sdo("import", "participants", empty, "--db", db)
    assert code == 1 and "no participants file inside" in out


def test_the_member_list_gives_unknown_members_their_country(db):
    # SGS Wireless co-signs two way forwards in the RAN1#87 report; the reference lacks it
    report = THREEGPP / "reports" / "Final_Report_RAN1-87.docx"
    assert sdo("import", "report", report, "--db", db)[0] == 0
    before = dict(
        query(db, "SELECT method, hq_country FROM org_resolution WHERE raw = 'SGS Wireless'")
    )
    assert before == {"unresolved": None}
    member_list = THREEGPP / "membership" / "3GPPMembership_2025-01.csv"
    assert sdo("import", "membership", member_list, "--db", db)[0] == 0
    after = query(
        db, "SELECT org, method, hq_country FROM org_resolution WHERE raw = 'SGS Wireless'"
    )
    assert after == [("SGS Wireless", "member_list", "GB")]
