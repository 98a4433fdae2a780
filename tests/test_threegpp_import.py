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
    assert code == 1 and "RAN1#88: participants missing: no participant list in" in out
    # the absence is recorded for the meeting, and the delegation views say so
    assert query(
        db,
        "SELECT state, detail LIKE 'no participant list in %' "
        "FROM threegpp_participant_list_state WHERE meeting = 'RAN1#88'",
    ) == [("missing", True)]
    assert query(
        db, "SELECT org_group, delegates, basis FROM delegation_by_group WHERE meeting = 'RAN1#88'"
    ) == [(None, None, "no count: no participant list")]


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


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_an_unknown_list_layout_is_stated_per_meeting_until_a_user_synonym_reads_it(
    db, tmp_path, monkeypatch
):
    """A list whose headers nobody foresaw: the import names the file and its headers and
    exits 1, `sdo status` and the delegation views say the meeting has no count, the raw zip
    stays archived; a synonym file in SDO_PARTICIPANT_HEADERS then loads it, no fork."""
    from tests.test_participants import build_xlsx

    monkeypatch.setenv("SDO_RAW", str(tmp_path / "raw"))
    rows: list[list[str | int | None]] = [
        ["Delegate", "Firm", "OP"],
        ["Alice Example", "Huawei Technologies Co., Ltd", "CCSA"],
        ["Bob Example", "Nokia", "ETSI"],
    ]
    bundle = _zip_with(
        tmp_path / "Final_Minutes_report_RAN1#87_v100.zip",
        {"Final_Minutes_report_RAN1%2387_v100/3GPPRAN1#87_signed.xlsx": build_xlsx(rows)},
    )
    code, out = sdo("import", "participants", bundle, "--db", db)
    assert code == 1
    assert "RAN1#87: participants unreadable" in out and "'Firm'" in out
    assert query(db, "SELECT count(*) FROM raw_responses") == [(1,)]  # the zip is kept
    code, out = sdo("status", "--db", db)
    assert code == 0
    assert "RAN1#87: participants unreadable:" in out and "3GPPRAN1#87_signed.xlsx" in out
    assert query(
        db, "SELECT delegates, basis FROM delegation_by_group WHERE meeting = 'RAN1#87'"
    ) == [(None, "no count: participant list unreadable")]

    synonyms = tmp_path / "headers.csv"
    synonyms.write_text("header,column\nFirm,member\n", encoding="utf-8")
    monkeypatch.setenv("SDO_PARTICIPANT_HEADERS", str(synonyms))
    code, out = sdo("import", "participants", bundle, "--db", db)
    assert code == 0, out
    assert query(
        db, "SELECT state, list_kind, participants FROM threegpp_participant_list_state"
    ) == [("loaded", "signed", 2)]
    assert query(
        db,
        "SELECT org_group, delegates, basis FROM delegation_by_group "
        "WHERE meeting = 'RAN1#87' ORDER BY org_group",
    ) == [("Huawei", 1.0, "participant list: signed"), ("Nokia", 1.0, "participant list: signed")]
    assert "participants unreadable" not in sdo("status", "--db", db)[1]

    # a later zip without any list does not unsay the list loaded before
    empty = _zip_with(tmp_path / "Final_Minutes_report_RAN1#87_v200.zip", {"x.docx": b"x"})
    assert sdo("import", "participants", empty, "--db", db)[0] == 1
    assert query(db, "SELECT state FROM threegpp_participant_lists") == [("loaded",)]


def test_a_malformed_synonym_file_stops_the_import_naming_it(db, tmp_path, monkeypatch):
    synonyms = tmp_path / "headers.csv"
    synonyms.write_text("header,column\nFirm,company\n", encoding="utf-8")
    monkeypatch.setenv("SDO_PARTICIPANT_HEADERS", str(synonyms))
    monkeypatch.setenv("SDO_RAW", str(tmp_path / "raw"))
    code, out = sdo("import", "participants", THREEGPP / "participants" / "3gppRAN1_84_signed.xls",
                    "--db", db)  # fmt: skip
    assert code == 2
    assert "headers.csv, line 2: ['Firm', 'company']" in out
    assert not db.exists()  # stopped before anything was opened


def test_report_zips_of_every_format_load_with_what_their_list_records(db, tmp_path, monkeypatch):
    """The old binary xls (RAN1#84) in a Report zip, and a csv list on its own (RAN1#99)."""
    monkeypatch.setenv("SDO_RAW", str(tmp_path / "raw"))
    people = THREEGPP / "participants"
    bundle = _zip_with(
        tmp_path / "Final_Minutes_report_RAN1#84_v200.zip",
        {
            "Final_Minutes_report_RAN1%2384_v200/3gppRAN1_84_signed.xls": (
                people / "3gppRAN1_84_signed.xls"
            ).read_bytes(),
            "Final_Minutes_report_RAN1%2384_v200/Final_Minutes_report_RAN1#84_v200.docx": b"x",
        },
    )
    code, out = sdo(
        "import", "participants", bundle, people / "PartList_3GPPRAN1#99_signed.csv", "--db", db
    )
    assert code == 0, out
    assert query(
        db,
        "SELECT meeting, state, list_kind, participants FROM threegpp_participant_list_state "
        "ORDER BY meeting",
    ) == [("RAN1#84", "loaded", "signed", 4), ("RAN1#99", "loaded", "signed", 5)]
    # the delegate marked absent (RAN1#84) and not attended (RAN1#99) are not counted
    assert query(
        db, "SELECT meeting, delegates FROM meetings WHERE body = '3gpp' ORDER BY meeting"
    ) == [("RAN1#84", 3), ("RAN1#99", 4)]
    assert query(db, "SELECT DISTINCT basis FROM delegation_by_group") == [
        ("participant list: signed",)
    ]


def test_a_damaged_sheet_costs_its_file_only_and_a_failed_import_changes_nothing(
    db, tmp_path, monkeypatch
):
    """A workbook whose zip is sound but whose sheet XML is cut off raised the reader
    library's own error, which stopped the whole import; a failed import rebuilt every
    derived table although nothing was loaded."""
    from tests.test_hostile_sheets import rewritten

    monkeypatch.setenv("SDO_RAW", str(tmp_path / "raw"))
    damaged = tmp_path / "TDoc_List_Meeting_RAN1#122bis.xlsx"
    damaged.write_bytes(rewritten(lambda xml: xml[: len(xml) // 2]))
    code, out = sdo("import", "tdoc-list", damaged, LIST_87, "--db", db)
    assert code == 1
    assert "sheet 'TDoc_List' is damaged (calamine error" in out
    assert query(db, "SELECT meeting, count(*) FROM threegpp_tdocs GROUP BY 1") == [
        ("RAN1#87", 2741)
    ]
    before = {
        t: sorted(query(db, f"SELECT * FROM {t}"), key=repr)
        for t in (
            "bloc_runs",
            "bloc_networks",
            "threegpp_voting_rights",
            "affiliation_resolution",
            "raw_responses",
        )
    }
    code, out = sdo("import", "tdoc-list", damaged, "--db", db)
    assert code == 1 and "0 of 1 tdoc-list files loaded" in out
    after = {t: sorted(query(db, f"SELECT * FROM {t}"), key=repr) for t in before}
    assert after == before
    (status,) = query(db, "SELECT status FROM refresh_runs ORDER BY started_at DESC LIMIT 1")
    assert status == ("failed",)
