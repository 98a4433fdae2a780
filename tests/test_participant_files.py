"""Finding the participant list in a Report zip, on the real file names of every RAN1 Report
folder #84 to #122bis (tests/fixtures/threegpp/report_zip_inventory, see its PROVENANCE)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from scrapers.threegpp.meeting_names import meeting_from_filename, meeting_from_folder
from scrapers.threegpp.participant_files import (
    choose_participant_list,
    is_readme,
    participant_file,
)

INVENTORY = (
    Path(__file__).parent
    / "fixtures"
    / "threegpp"
    / "report_zip_inventory"
    / "ran1_report_zip_files.csv"
)


def _inventory() -> list[dict[str, str]]:
    with INVENTORY.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _zips() -> dict[tuple[str, str], list[str]]:
    """(meeting folder, zip) → the paths inside that one zip, as a refresh would see them."""
    zips: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _inventory():
        top = row["path_in_Report"].split("/", 1)[0]
        zips[(row["meeting_folder"], top)].append(row["path_in_Report"])
    return zips


def test_every_real_list_name_is_recognised_and_nothing_else_is() -> None:
    for row in _inventory():
        found = participant_file(row["path_in_Report"])
        if row["kind"] == "participants" and not is_readme(row["path_in_Report"]):
            assert found is not None, row
            # the meeting is read from the name, and agrees with the folder it sits in
            assert found.meeting == meeting_from_folder(row["meeting_folder"]), row
        else:
            assert found is None, row  # reports, TDoc lists (even "…_R4_EOM.xlsx"), the readme


def test_the_chosen_list_of_every_meeting() -> None:
    """One list per meeting (from the meeting's Report zips, drafts included), of the kind
    its name says."""
    by_meeting: dict[str, list[str]] = defaultdict(list)
    for (folder, top), paths in _zips().items():
        if top != "Archive":
            by_meeting[meeting_from_folder(folder)] += paths
    chosen = {}
    for meeting, paths in by_meeting.items():
        choice = choose_participant_list(paths)
        if choice.chosen is not None:
            chosen[meeting] = choice.chosen.kind
    assert set(by_meeting) - set(chosen) == {"RAN1#117"}  # its folder holds no list
    kinds = Counter(chosen.values())
    # #84 … #99 signed (paper sheets); #101-e, #102-e registered; #104bis-e checked in;
    # from #103-e mostly end of meeting; five names say nothing
    assert kinds == {"signed": 24, "registered": 2, "checked_in": 1, "end_of_meeting": 25,
                     "unstated": 5}  # fmt: skip
    assert {m for m, k in chosen.items() if k == "unstated"} == {
        "RAN1#100-e", "RAN1#100bis-e", "RAN1#108-e", "RAN1#110", "RAN1#111",
    }  # fmt: skip
    assert chosen["RAN1#103-e"] == "end_of_meeting"  # "(registered_eom)": eom is the state
    assert chosen["RAN1#84"] == chosen["RAN1#98"] == chosen["RAN1#98bis"] == "signed"


def test_a_snapshot_and_a_readme_beside_the_end_of_meeting_list_are_passed_over() -> None:
    paths = [
        "Final_Minutes_report_RAN1%23105-e_v100/PartList_3GPPRAN1#105-e(210517_15-00UTC).xlsx",
        "Final_Minutes_report_RAN1%23105-e_v100/PartList_3GPPRAN1#105-e(eom).xlsx",
        "Final_Minutes_report_RAN1%23105-e_v100/Readme-why-2-participants-lists.txt",
        "Final_Minutes_report_RAN1%23105-e_v100/Final_Minutes_report_RAN1#105-e_v100.docx",
    ]
    for order in (paths, paths[::-1]):  # the zip's own order does not matter
        choice = choose_participant_list(order)
        assert choice.chosen is not None and choice.chosen.name.endswith("(eom).xlsx")
        assert dict(choice.passed_over) == {
            paths[0]: "a snapshot taken during the meeting",
            paths[2]: "a readme",
        }


def test_dated_drafts_are_snapshots_but_the_dated_end_of_meeting_list_is_not() -> None:
    names = [
        "Archive/PartList_3GPPRAN1%23122-bis_06102025_R1.xlsx",
        "Archive/PartList_3GPPRAN1%23122-bis_09102025_R1.xlsx",
        "PartList_3GPPRAN1%23122-bis_17102025_R1_EOM.xlsx",
    ]
    choice = choose_participant_list(names)
    assert choice.chosen is not None and choice.chosen.path == names[2]
    assert choice.chosen.meeting == "RAN1#122bis"
    assert [why for _, why in choice.passed_over] == ["a snapshot taken during the meeting"] * 2


def test_a_copy_outside_draft_folders_wins_over_the_drafts() -> None:
    paths = [
        "Draft_Minutes_report_RAN1%2387_v010/3GPPRAN1#87_signed.xlsx",
        "Final_Minutes_report_RAN1%2387_v100/3GPPRAN1#87_signed.xlsx",
        "Archive/Draft_Minutes_report_RAN1%2387_v011/3GPPRAN1#87_signed.xlsx",
    ]
    choice = choose_participant_list(paths)
    assert choice.chosen is not None and choice.chosen.path == paths[1]
    assert len(choice.passed_over) == 2


def test_a_zip_without_a_list_chooses_nothing() -> None:  # RAN1#117's folder holds none
    paths = [p for (folder, _), ps in _zips().items() if folder == "TSGR1_117" for p in ps]
    assert paths and choose_participant_list(paths).chosen is None


@pytest.mark.parametrize(
    ("name", "meeting"),
    [
        ("3gppRAN1_84_signed.xls", "RAN1#84"),
        ("3gppran1_84BIS_signed.xls", "RAN1#84bis"),
        ("3gppran1_85_signed.xls", "RAN1#85"),
        ("PartListsigned_3GPPRAN1#96-Bis.xlsx", "RAN1#96bis"),
        ("PartList_3GPPRAN1#98(signed).csv", "RAN1#98"),
        ("3GPPRAN1#101-e_registered(final).xlsx", "RAN1#101-e"),
        ("PartList_3GPPRAN1#109-e(220520eom).xlsx", "RAN1#109-e"),
    ],
)
def test_the_meeting_is_read_from_every_era_of_names(name: str, meeting: str) -> None:
    assert meeting_from_filename(name) == meeting
