"""Meeting names: every spelling of a 3GPP meeting maps to one canonical label.

Tables are literal on purpose: they are the reference, and must not be computed from the
code under test. The RAN1 table is the 59 (folder, label) pairs of the RAN1 chairs' reports
for RAN1#84 … RAN1#122-bis, labels as the reports write them.
"""

from __future__ import annotations

import pytest

from scrapers.threegpp.meeting_names import (
    GROUPS,
    MeetingNameError,
    canonical_meeting,
    folder_for_meeting,
    group_code,
    meeting_from_code,
    meeting_from_filename,
    meeting_from_folder,
    meeting_label,
)

LABELS = [
    ("RAN1#87", "RAN1#87"),
    ("RAN1#86bis", "RAN1#86bis"),
    ("RAN1#98BIS", "RAN1#98bis"),
    ("RAN1#96b", "RAN1#96bis"),
    ("RAN1#122-bis", "RAN1#122bis"),
    ("3GPPRAN1#122-bis", "RAN1#122bis"),
    ("RAN1#104bis-e", "RAN1#104bis-e"),
    ("RAN1#104-e", "RAN1#104-e"),
    ("RAN1#106b-e", "RAN1#106bis-e"),
    ("RAN1 #104-e", "RAN1#104-e"),
    ("SA2#138E", "SA2#138-e"),
    ("SA2#164", "SA2#164"),
    ("RAN1#100 (cancelled; all TDocs withdrawn)", "RAN1#100"),
    ("  ran1#87  ", "RAN1#87"),
    ("SA#105", "SA#105"),
    ("RAN#99", "RAN#99"),
    ("CT#100", "CT#100"),
    ("CT1#146", "CT1#146"),
    ("3GPPSA3#125-e", "SA3#125-e"),
]


@pytest.mark.parametrize(("text", "label"), LABELS)
def test_canonical_meeting(text: str, label: str) -> None:
    assert canonical_meeting(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "",
        "RAN1",
        "RAN1#",
        "#87",
        "87",
        "RAN7#1",
        "GERAN1#5",
        "IETF 110",
        "TSGR1_87",
        "R1-87",
        "RAN1#87x",
        "RAN1#8e7",
    ],
)
def test_canonical_meeting_rejects_non_labels(text: str) -> None:
    with pytest.raises(MeetingNameError, match="not a 3GPP meeting label"):
        canonical_meeting(text)


def test_li_meeting_is_not_the_regular_meeting() -> None:
    assert canonical_meeting("3GPPSA3#104-LI") == "SA3#104-LI"
    assert canonical_meeting("SA3#104") == "SA3#104"


@pytest.mark.parametrize(
    ("meeting", "code"),
    [
        ("RAN1#87", "R1"),
        ("3GPPRAN1#122-bis", "R1"),
        ("SA2#164", "S2"),
        ("SA#105", "SP"),
        ("RAN#99", "RP"),
        ("CT#100", "CP"),
        ("CT4#120", "C4"),
    ],
)
def test_group_code(meeting: str, code: str) -> None:
    assert group_code(meeting) == code


def test_group_code_rejects_non_labels() -> None:
    with pytest.raises(MeetingNameError):
        group_code("Reno")


def test_groups_table_covers_the_calendar_codes() -> None:
    calendar_codes = ["SP", "S1", "S2", "S3", "S4", "S5", "S6", "RP", "R1", "R2", "R3", "R4"]
    calendar_codes += ["R5", "CP", "C1", "C3", "C4", "C6"]
    assert sorted(GROUPS) == sorted(calendar_codes)


FOLDERS = [
    ("TSGR1_86b", "RAN1#86bis"),
    ("TSGR1_87", "RAN1#87"),
    ("TSGR1_104-e", "RAN1#104-e"),
    ("TSGR1_104b-e", "RAN1#104bis-e"),
    ("TSGR1_100b_e", "RAN1#100bis-e"),
    ("TSGR1_100_e", "RAN1#100-e"),
    ("TSGS2_164_Maastricht", "SA2#164"),
    ("tsgr1_86B", "RAN1#86bis"),
    ("TSGS_105", "SA#105"),
    ("/../../../\\ftp\\tsg_ran\\WG1_RL1\\TSGR1_122b\\", "RAN1#122bis"),
    ("/../../../\\ftp\\\\tsg_ran\\\\WG1_RL1\\\\TSGR1_122b\\\\", "RAN1#122bis"),
    ("ftp/tsg_ran/WG1_RL1/TSGR1_87/", "RAN1#87"),
]


@pytest.mark.parametrize(("folder", "label"), FOLDERS)
def test_meeting_from_folder(folder: str, label: str) -> None:
    assert meeting_from_folder(folder) == label


@pytest.mark.parametrize("folder", ["", "RAN1#87", "TSGX1_87", "TSGR1_", "Docs", "TSGR1_ 87"])
def test_meeting_from_folder_rejects_non_folders(folder: str) -> None:
    with pytest.raises(MeetingNameError, match="not a 3GPP meeting folder"):
        meeting_from_folder(folder)


@pytest.mark.parametrize(
    ("folder", "label"), [("TSGS2_138e_Electronic", "SA2#138-e"), ("TSGC1_122e", "CT1#122-e")]
)
def test_meeting_from_bare_e_folder(folder: str, label: str) -> None:
    assert meeting_from_folder(folder) == label


CODES = [
    ("R1-122-bis", "RAN1#122bis"),
    ("R1-104-e", "RAN1#104-e"),
    ("S2-164", "SA2#164"),
    ("R1-100b-e", "RAN1#100bis-e"),
    ("R1-104-bis-e", "RAN1#104bis-e"),
    ("R1-87", "RAN1#87"),
    ("r1-86-b", "RAN1#86bis"),
    ("SP-105", "SA#105"),
    ("C4-120", "CT4#120"),
]


@pytest.mark.parametrize(("code", "label"), CODES)
def test_meeting_from_code(code: str, label: str) -> None:
    assert meeting_from_code(code) == label


@pytest.mark.parametrize("code", ["", "RAN1#87", "R9-87", "R1_87", "R1-", "S3-104-LI", "TSGR1_87"])
def test_meeting_from_code_rejects_non_codes(code: str) -> None:
    with pytest.raises(MeetingNameError, match="not a 3GPP calendar code"):
        meeting_from_code(code)


FILENAMES = [
    ("TDoc_List_Meeting_RAN1#87.xlsx", "RAN1#87"),
    ("TDoc_List_Meeting_RAN1%2387.xlsx", "RAN1#87"),
    ("PartList_3GPPRAN1#87_Reno.xlsx", "RAN1#87"),
    ("TDoc_List_TSGR1_86b.xlsx", "RAN1#86bis"),
    ("Final_Report_RAN1-86b.docx", "RAN1#86bis"),
    ("TdocsByAgenda_SA2-164_2024-08-19.htm", "SA2#164"),
    ("TdocsByAgenda_SA2-138E_final.html", "SA2#138-e"),
    ("TDoc_List_TSGR1_100_e.xlsx", "RAN1#100-e"),
    ("TDoc_List_TSGR1_104b-e.xlsx", "RAN1#104bis-e"),
    # spellings found in RAN1 Report/ folders
    ("PartList_3GPPRAN1%23122-bis_17102025_R1_EOM.xlsx", "RAN1#122bis"),
    ("PartList_3GPPRAN1#106-bis-e(eom).xlsx", "RAN1#106bis-e"),
    ("TDoc_List_Meeting_RAN1#122-bis_171025_R4_EOM.xlsx", "RAN1#122bis"),
    ("Final_Minutes_report_RAN1#123_v100.zip", "RAN1#123"),
    (
        "https://www.3gpp.org/ftp/tsg_ran/WG1_RL1/TSGR1_87/Docs/TDoc_List_Meeting_RAN1%2387.xlsx",
        "RAN1#87",
    ),
    ("random.xlsx", None),
    ("TDoc_List.xlsx", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "label"), FILENAMES)
def test_meeting_from_filename(name: str, label: str | None) -> None:
    assert meeting_from_filename(name) == label


@pytest.mark.parametrize(
    ("label", "folder"),
    [
        ("RAN1#86bis", "TSGR1_86b"),
        ("RAN1#104-e", "TSGR1_104-e"),
        ("RAN1#104bis-e", "TSGR1_104b-e"),
        ("3GPPRAN1#122-bis", "TSGR1_122b"),
        ("SA#105", "TSGS_105"),
        ("CT1#146", "TSGC1_146"),
    ],
)
def test_folder_for_meeting(label: str, folder: str) -> None:
    assert folder_for_meeting(label) == folder


def test_folder_for_meeting_rejects_non_labels() -> None:
    with pytest.raises(MeetingNameError):
        folder_for_meeting("TSGR1_87")


# (FTP folder, label as the chair's report writes it, canonical label): RAN1#84 … #122-bis.
RAN1_MEETINGS = [
    ("TSGR1_84", "RAN1#84", "RAN1#84"),
    ("TSGR1_84b", "RAN1#84bis", "RAN1#84bis"),
    ("TSGR1_85", "RAN1#85", "RAN1#85"),
    ("TSGR1_86", "RAN1#86", "RAN1#86"),
    ("TSGR1_86b", "RAN1#86bis", "RAN1#86bis"),
    ("TSGR1_87", "RAN1#87", "RAN1#87"),
    ("TSGR1_88", "RAN1#88", "RAN1#88"),
    ("TSGR1_88b", "RAN1#88bis", "RAN1#88bis"),
    ("TSGR1_89", "RAN1#89", "RAN1#89"),
    ("TSGR1_90", "RAN1#90", "RAN1#90"),
    ("TSGR1_90b", "RAN1#90bis", "RAN1#90bis"),
    ("TSGR1_91", "RAN1#91", "RAN1#91"),
    ("TSGR1_92", "RAN1#92", "RAN1#92"),
    ("TSGR1_92b", "RAN1#92bis", "RAN1#92bis"),
    ("TSGR1_93", "RAN1#93", "RAN1#93"),
    ("TSGR1_94", "RAN1#94", "RAN1#94"),
    ("TSGR1_94b", "RAN1#94bis", "RAN1#94bis"),
    ("TSGR1_95", "RAN1#95", "RAN1#95"),
    ("TSGR1_96", "RAN1#96", "RAN1#96"),
    ("TSGR1_96b", "RAN1#96b", "RAN1#96bis"),
    ("TSGR1_97", "RAN1#97", "RAN1#97"),
    ("TSGR1_98", "RAN1#98", "RAN1#98"),
    ("TSGR1_98b", "RAN1#98BIS", "RAN1#98bis"),
    ("TSGR1_99", "RAN1#99", "RAN1#99"),
    ("TSGR1_100", "RAN1#100 (cancelled; all TDocs withdrawn)", "RAN1#100"),
    ("TSGR1_100_e", "RAN1#100-e", "RAN1#100-e"),
    ("TSGR1_100b_e", "RAN1#100bis-e", "RAN1#100bis-e"),
    ("TSGR1_101-e", "RAN1#101-e", "RAN1#101-e"),
    ("TSGR1_102-e", "RAN1#102-e", "RAN1#102-e"),
    ("TSGR1_103-e", "RAN1#103-e", "RAN1#103-e"),
    ("TSGR1_104-e", "RAN1#104-e", "RAN1#104-e"),
    ("TSGR1_104b-e", "RAN1#104bis-e", "RAN1#104bis-e"),
    ("TSGR1_105-e", "RAN1#105-e", "RAN1#105-e"),
    ("TSGR1_106-e", "RAN1#106-e", "RAN1#106-e"),
    ("TSGR1_106b-e", "RAN1#106b-e", "RAN1#106bis-e"),
    ("TSGR1_107-e", "RAN1#107-e", "RAN1#107-e"),
    ("TSGR1_107b-e", "RAN1#107bis-e", "RAN1#107bis-e"),
    ("TSGR1_108-e", "RAN1#108-e", "RAN1#108-e"),
    ("TSGR1_109-e", "RAN1#109-e", "RAN1#109-e"),
    ("TSGR1_110", "RAN1#110", "RAN1#110"),
    ("TSGR1_110b-e", "RAN1#110bis-e", "RAN1#110bis-e"),
    ("TSGR1_111", "RAN1#111", "RAN1#111"),
    ("TSGR1_112", "RAN1#112", "RAN1#112"),
    ("TSGR1_112b-e", "RAN1#112bis-e", "RAN1#112bis-e"),
    ("TSGR1_113", "RAN1#113", "RAN1#113"),
    ("TSGR1_114", "RAN1#114", "RAN1#114"),
    ("TSGR1_114b", "RAN1#114b", "RAN1#114bis"),
    ("TSGR1_115", "RAN1#115", "RAN1#115"),
    ("TSGR1_116", "RAN1#116", "RAN1#116"),
    ("TSGR1_116b", "RAN1#116b", "RAN1#116bis"),
    ("TSGR1_117", "RAN1#117", "RAN1#117"),
    ("TSGR1_118", "RAN1#118", "RAN1#118"),
    ("TSGR1_118b", "RAN1#118b", "RAN1#118bis"),
    ("TSGR1_119", "RAN1#119", "RAN1#119"),
    ("TSGR1_120", "RAN1#120", "RAN1#120"),
    ("TSGR1_120b", "RAN1#120b", "RAN1#120bis"),
    ("TSGR1_121", "RAN1#121", "RAN1#121"),
    ("TSGR1_122", "RAN1#122", "RAN1#122"),
    ("TSGR1_122b", "RAN1#122-bis", "RAN1#122bis"),
]
# Before RAN1#101-e e-meeting folders used '_e'; folder_for_meeting writes today's '-e'.


def test_ran1_table_is_complete() -> None:
    assert len(RAN1_MEETINGS) == 59
    assert len({folder for folder, _, _ in RAN1_MEETINGS}) == 59


@pytest.mark.parametrize(("folder", "written", "label"), RAN1_MEETINGS)
def test_ran1_folder_and_label_agree(folder: str, written: str, label: str) -> None:
    assert meeting_from_folder(folder) == label
    assert canonical_meeting(written) == label
    assert group_code(written) == "R1"


@pytest.mark.parametrize(
    ("folder", "label"),
    [(folder, label) for folder, _, label in RAN1_MEETINGS],
)
def test_ran1_folder_for_meeting_round_trip(folder: str, label: str) -> None:
    assert folder_for_meeting(label) == folder
    assert meeting_from_folder(folder_for_meeting(label)) == label


@pytest.mark.parametrize(
    ("typed", "label"),
    [("RAN1#87", "RAN1#87"), ("ran1#86bis", "RAN1#86bis"), ("R1-87", "RAN1#87"),
     ("R1-122-bis", "RAN1#122bis"), ("R1-104-e", "RAN1#104-e"), ("TSGR1_86b", "RAN1#86bis"),
     ("S2-164", "SA2#164")],
)  # fmt: skip
def test_any_spelling_a_user_types_names_the_meeting(typed, label):
    assert meeting_label(typed) == label


def test_a_spelling_of_no_meeting_says_what_is_expected():
    with pytest.raises(MeetingNameError, match="calendar code"):
        meeting_label("RAN9#1")
