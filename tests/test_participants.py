"""Participant lists: PartList_*.xlsx and the ETSI fViewPart.asp page.

No real participant list is available offline, so the fixtures are constructed (placeholder
names, real member and partner names) and the xlsx ones are written here with the standard
library: ``build_xlsx`` below makes the committed PartList fixture byte for byte
(``test_committed_xlsx_fixture_is_reproducible``); regenerate it with
``uv run python -m tests.test_participants``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl
import pytest

from scrapers.threegpp.files import participants_batch
from scrapers.threegpp.participants import (
    DEFAULT_HEADERS,
    PARTICIPANT_SCHEMA,
    ParticipantListError,
    delegate_key,
    header_synonyms_from_csv,
    parse_participant_list,
    parse_participant_page,
    read_participant_list,
)

FIXTURES = Path(__file__).parent / "fixtures" / "threegpp" / "participants"
PARTLIST = FIXTURES / "PartList_3GPPRAN1#87_Reno.xlsx"
PAGE = FIXTURES / "fViewPart_mid9000870.htm"
XLS = FIXTURES / "3gppRAN1_84_signed.xls"  # old binary xls, as RAN1 #84 to #85 shipped
CSV = FIXTURES / "PartList_3GPPRAN1#99_signed.csv"  # Windows-1252, ';' as Excel writes it

Cell = str | int | None

# The constructed RAN1#87 list: title lines, the header, nine delegates, a footer.
PARTLIST_ROWS: list[list[Cell]] = [
    ["3GPP TSG RAN WG1 Meeting #87, Reno, USA, 14th - 18th November 2016"],
    ["List of participants (constructed test data: names are placeholders)"],
    [],
    ["#", "Last Name", "First Name", "Represented company", "OP", "Status", "E-mail"],
    [
        1,
        "Example",
        "Alice",
        "Huawei Technologies Co., Ltd",
        "CCSA",
        "Attended",
        "alice@example.invalid",
    ],
    [
        2,
        "Example",
        "Bob",
        "HiSilicon Technologies Co. Ltd",
        "CCSA",
        "Attended",
        "bob@example.invalid",
    ],
    [3, "Sample", "Carol", "Ericsson LM", "ETSI", "Attended", "carol@example.invalid"],
    [4, "Sample", "Dan", "Nokia", "ETSI", "Attended", None],
    [5, "Placeholder", "Erin", "Qualcomm Incorporated", "ATIS", "Attended", None],
    [6, "Placeholder", "Frank", "NTT DOCOMO INC.", "ARIB", "Attended", None],
    [7, "Test", "Grace", "Samsung Electronics Co., Ltd", "TTA", "Not attended", None],
    [8, "Test", "Heidi", "Huawei Technologies France", "ETSI", "Attended", None],
    [9, "Test", "Ivan", "Huawei Technologies Co., Ltd", "CCSA", "Attended", None],
    [],
    ["Total: 9"],
]
PLACEHOLDER_NAMES = ["Example", "Sample", "Placeholder", "Test", "Alice", "Bob", "Ivan"]


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_xlsx(rows: Sequence[Sequence[Cell]], sheet: str = "Participants") -> bytes:
    """A minimal one-sheet SpreadsheetML workbook with inline strings, reproducible bytes."""
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}'
                    f"</t></is></c>"
                )
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    ns_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ns_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ns_pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": head
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": head + f'<Relationships xmlns="{ns_pkg}">'
        f'<Relationship Id="rId1" Type="{ns_rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": head + f'<workbook xmlns="{ns_main}" xmlns:r="{ns_rel}"><sheets>'
        f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": head + f'<Relationships xmlns="{ns_pkg}">'
        f'<Relationship Id="rId1" Type="{ns_rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": head
        + f'<worksheet xmlns="{ns_main}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def test_committed_xlsx_fixture_is_reproducible() -> None:
    assert PARTLIST.read_bytes() == build_xlsx(PARTLIST_ROWS)


def test_partlist_happy_path() -> None:
    df = parse_participant_list(PARTLIST, PARTLIST.name)
    assert df.schema == PARTICIPANT_SCHEMA
    assert df.height == 9  # title lines, the blank line and the footer are not delegates
    assert df["meeting"].unique().to_list() == ["RAN1#87"]
    assert df["delegate_key"].n_unique() == 9
    assert all(re.fullmatch(r"[0-9a-f]{16}", k) for k in df["delegate_key"])
    by_member = dict(df.group_by("individual_member").len().iter_rows())
    assert by_member["Huawei Technologies Co., Ltd"] == 2
    assert by_member["Ericsson LM"] == 1
    by_partner = dict(df.group_by("organizational_partner").len().iter_rows())
    assert by_partner == {"CCSA": 3, "ETSI": 3, "ATIS": 1, "ARIB": 1, "TTA": 1}
    assert df.filter(pl.col("status") == "Not attended")["individual_member"].to_list() == [
        "Samsung Electronics Co., Ltd"
    ]


def test_partlist_accepts_bytes_and_keys_match_the_documented_hash() -> None:
    df = parse_participant_list(PARTLIST.read_bytes(), "PartList_3GPPRAN1%2387_Reno.xlsx")
    assert df["delegate_key"][0] == delegate_key("Alice Example", "Huawei Technologies Co., Ltd")


def test_no_names_or_emails_in_output() -> None:
    df = parse_participant_list(PARTLIST, PARTLIST.name)
    text = df.write_csv()
    for name in PLACEHOLDER_NAMES:
        assert name not in text
    assert "@" not in text
    assert set(df.columns) == set(PARTICIPANT_SCHEMA)


def test_delegate_key_is_stable_and_distinct() -> None:
    key = delegate_key("Alice Example", "Nokia")
    assert key == delegate_key("  alice   EXAMPLE ", "NOKIA")
    assert key == delegate_key("Alice\u00a0Example", "Nokia")  # NBSP from HTML pages
    assert key != delegate_key("Alice Example", "Ericsson LM")  # same name, other member
    assert key != delegate_key("Alicia Example", "Nokia")
    # Pinned so a change of hashing (which would split every delegate's history) is seen.
    assert key == "04d3caf03974a5ae"  # sha256("alice example\x1fnokia")[:16]


def test_same_delegate_gets_same_key_in_xlsx_and_html() -> None:
    xlsx = parse_participant_list(PARTLIST, PARTLIST.name)
    html = parse_participant_page(PAGE.read_bytes(), PAGE.name, meeting="RAN1#87")
    assert set(html["delegate_key"]) <= set(xlsx["delegate_key"])


def test_single_name_column_and_synonyms(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [
        ["No.", "Name", "Organisation", "Organizational Partner"],
        [1, "Alice Example", "Nokia", "ETSI"],
        [2, "Bob Example", "Ericsson LM", "ETSI"],
    ]
    path = tmp_path / "PartList_3GPPRAN1#86bis_Lisbon.xlsx"
    path.write_bytes(build_xlsx(rows))
    df = parse_participant_list(path, str(path))
    assert df["meeting"].to_list() == ["RAN1#86bis", "RAN1#86bis"]
    assert df["status"].to_list() == [None, None]  # no status column: unknown, not guessed
    assert df["delegate_key"][0] == delegate_key("Alice Example", "Nokia")


@pytest.mark.parametrize(
    ("header", "member"),
    [
        ("COMPANY", "company"),
        ("  represented   Organization ", "spacing"),
        ("Individual_Member", "underscore"),
        ("Member:", "colon"),
    ],
)
def test_headers_match_case_and_space_insensitively(header: str, member: str) -> None:
    data = build_xlsx(
        [["Surname", "First name", header, "SDO"], ["Example", "Alice", member, "ETSI"]]
    )
    df = parse_participant_list(data, "x.xlsx", meeting="RAN1#87")
    assert df["individual_member"].to_list() == [member]


def test_meeting_from_argument_wins_over_file_name() -> None:
    df = parse_participant_list(PARTLIST, PARTLIST.name, meeting="RAN1#86b")
    assert df["meeting"].unique().to_list() == ["RAN1#86bis"]


def test_meeting_from_real_style_file_names() -> None:
    data = PARTLIST.read_bytes()
    # the spellings seen in RAN1 Report/ folders: %23 for '#', '-bis', a date and a suffix
    name = "PartList_3GPPRAN1%23122-bis_17102025_R1_EOM.xlsx"
    assert parse_participant_list(data, name)["meeting"][0] == "RAN1#122bis"
    name = "Report/PartList_3GPPRAN1#106-bis-e(eom).xlsx"
    assert parse_participant_list(data, name)["meeting"][0] == "RAN1#106bis-e"


def test_meeting_unknown_asks_for_it() -> None:
    with pytest.raises(ParticipantListError, match=r"participants\.xlsx.*--meeting"):
        parse_participant_list(PARTLIST.read_bytes(), "participants.xlsx")


def test_bad_meeting_argument_is_an_error() -> None:
    with pytest.raises(ParticipantListError, match="not a 3GPP meeting label"):
        parse_participant_list(PARTLIST, PARTLIST.name, meeting="Reno")


def test_missing_member_column_is_named() -> None:
    data = build_xlsx([["#", "Last Name", "First Name", "OP"], [1, "Example", "Alice", "ETSI"]])
    with pytest.raises(ParticipantListError, match=r"PartList_x\.xlsx.*missing.*member"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_missing_name_column_is_named() -> None:
    data = build_xlsx([["#", "Company", "OP"], [1, "Nokia", "ETSI"]])
    with pytest.raises(ParticipantListError, match=r"missing.*delegate name"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_first_name_without_last_name_is_an_error() -> None:
    data = build_xlsx([["First Name", "Company"], ["Alice", "Nokia"]])
    with pytest.raises(ParticipantListError, match="last-name"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_unexpected_header_is_named_with_the_header_row_and_the_setting_to_use() -> None:
    data = build_xlsx(
        [["Name", "Company", "Affiliation", "OP"], ["Alice Example", "Nokia", "Nokia", "ETSI"]]
    )
    with pytest.raises(
        ParticipantListError, match=r"PartList_x\.xlsx.*unexpected column 'Affiliation'"
    ) as caught:
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")
    assert "['Name', 'Company', 'Affiliation', 'OP']" in str(caught.value)
    assert "SDO_PARTICIPANT_HEADERS" in str(caught.value)


def test_two_columns_for_one_role_are_an_error() -> None:
    data = build_xlsx([["Name", "Company", "Organisation"], ["Alice Example", "Nokia", "Nokia"]])
    with pytest.raises(ParticipantListError, match="both read as member"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_full_name_and_split_name_together_are_an_error() -> None:
    data = build_xlsx([["Name", "Last Name", "Company"], ["Alice Example", "Example", "Nokia"]])
    with pytest.raises(ParticipantListError, match="full-name"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_sheet_without_header_is_an_error() -> None:
    data = build_xlsx([["just a title"], ["Alice Example", "Nokia"]])
    with pytest.raises(ParticipantListError, match=r"PartList_x\.xlsx: no participant header"):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")


def test_old_binary_xls_list_is_read() -> None:
    parsed = read_participant_list(XLS, XLS.name, list_kind="signed")
    df = parsed.frame
    assert df.schema == PARTICIPANT_SCHEMA
    assert df["meeting"].unique().to_list() == ["RAN1#84"]  # from "3gppRAN1_84_signed.xls"
    assert df["individual_member"].to_list() == [
        "Huawei Technologies Co., Ltd", "Telefónica S.A.", "Ericsson LM", "Qualcomm Incorporated"
    ]  # fmt: skip
    assert df["list_kind"].unique().to_list() == ["signed"]
    assert df["status"].to_list() == ["Signed", "Signed", "Signed", "Absent"]
    assert parsed.headers[:3] == ("#", "Last Name", "First Name")
    # the same person in the same member gets the same key in any format
    assert df["delegate_key"][0] == delegate_key("Alice Example", "Huawei Technologies Co., Ltd")


def test_csv_list_in_windows_1252_with_semicolons_is_read() -> None:
    df = parse_participant_list(CSV, CSV.name)
    assert df["meeting"].unique().to_list() == ["RAN1#99"]
    assert df["individual_member"].to_list() == [
        "Huawei Technologies Co., Ltd", "Telefónica S.A.", "Nokia; Nokia Shanghai Bell",
        "Qualcomm Incorporated", "NTT DOCOMO INC.",
    ]  # fmt: skip
    assert df["delegate_key"][1] == delegate_key("Bob Müller", "Telefónica S.A.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_csv_list_in_unicode_with_commas_is_read(encoding: str) -> None:
    text = (
        "List of participants, RAN1#111, Toulouse, France\n"
        "Name,Company,OP\n"
        'Alice Example,"Huawei Technologies Co., Ltd",CCSA\n'
        "Bob Müller,Telefónica S.A.,ETSI\n"
    )
    df = parse_participant_list(text.encode(encoding), "PartList_3GPPRAN1#111.csv")
    assert df["individual_member"].to_list() == ["Huawei Technologies Co., Ltd", "Telefónica S.A."]
    assert df["meeting"].unique().to_list() == ["RAN1#111"]


def test_an_html_page_under_a_list_name_is_named_as_such() -> None:
    page = b"<!DOCTYPE html><html><head><title>Access denied</title></head></html>"
    with pytest.raises(ParticipantListError, match=r"x\.csv: an HTML page \(title 'Access"):
        parse_participant_list(page, "x.csv", meeting="RAN1#99")


def test_a_user_synonym_makes_an_unknown_layout_readable() -> None:
    data = build_xlsx(
        [["Delegate surname", "Delegate first name", "Company", "Signature"],
         ["Example", "Alice", "Nokia", "signed"]]
    )  # fmt: skip
    with pytest.raises(
        ParticipantListError, match=r"no participant header row.*'Delegate surname'.*SDO_PARTI"
    ):
        parse_participant_list(data, "PartList_x.xlsx", meeting="RAN1#87")
    user = header_synonyms_from_csv(
        "header,column\nDelegate surname,last_name\nDELEGATE FIRST NAME,first_name\n"
        "Signature,ignore\n",
        "my_headers.csv",
    )
    headers = DEFAULT_HEADERS.with_user(user)
    parsed = read_participant_list(data, "PartList_x.xlsx", "RAN1#87", headers=headers)
    assert parsed.frame["delegate_key"].to_list() == [delegate_key("Alice Example", "Nokia")]
    assert DEFAULT_HEADERS.role("Delegate surname") is None  # the shipped table is untouched


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("name,role\nA,name\n", "expected a csv with the columns header,column"),
        ("header,column\nAttendee,person\n", r"line 2: \['Attendee', 'person'\]"),
        ("header,column\n,name\n", "line 2"),
    ],
)
def test_a_malformed_synonym_file_is_named(text: str, error: str) -> None:
    with pytest.raises(ParticipantListError, match=rf"my_headers\.csv.*{error}"):
        header_synonyms_from_csv(text, "my_headers.csv")


def _report_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_report_zip_yields_its_end_of_meeting_list_and_says_what_it_passed_over() -> None:
    top = "Final_Minutes_report_RAN1%23105-e_v100/"
    data = _report_zip(
        {
            top + "PartList_3GPPRAN1#105-e(210517_15-00UTC).xlsx": build_xlsx([["garbage"]]),
            top + "PartList_3GPPRAN1#105-e(eom).xlsx": PARTLIST.read_bytes(),
            top + "Readme-why-2-participants-lists.txt": b"two lists",
        }
    )
    batch = participants_batch(data, "Final_Minutes_report_RAN1#105-e_v100.zip", None, "s")
    (frame,) = batch.participants
    assert frame.height == 9 and frame["list_kind"].unique().to_list() == ["end_of_meeting"]
    assert frame["meeting"].unique().to_list() == ["RAN1#105-e"]
    (record,) = batch.participant_lists
    row = record.row(0, named=True)
    assert row["state"] == "loaded" and row["participants"] == 9
    assert row["file_name"].endswith("!" + top + "PartList_3GPPRAN1#105-e(eom).xlsx")
    assert "a snapshot taken during the meeting" in row["detail"]
    assert "a readme" in row["detail"]
    assert not batch.notes


def test_an_unreadable_list_in_a_zip_is_recorded_with_its_headers_not_raised() -> None:
    header = ["Nom", "Prénom", "Société"]
    data = _report_zip({"3GPPRAN1#87_signed.xlsx": build_xlsx([header, ["A", "B", "Nokia"]])})
    batch = participants_batch(data, "Final_Minutes_report_RAN1#87_v100.zip", None, "s")
    assert batch.participants == []
    row = batch.participant_lists[0].row(0, named=True)
    assert (row["meeting"], row["state"], row["list_kind"]) == ("RAN1#87", "unreadable", "signed")
    assert "3GPPRAN1#87_signed.xlsx" in row["file_name"]
    assert "'Nom'" in row["detail"] and "'Société'" in row["detail"]  # the headers it saw
    (note,) = batch.notes
    assert note.startswith("RAN1#87: participants unreadable: ")


def test_not_a_workbook_is_an_error() -> None:
    with pytest.raises(ParticipantListError, match=r"broken\.xlsx: not a readable xlsx"):
        parse_participant_list(b"not a zip", "broken.xlsx", meeting="RAN1#87")


def test_participant_page_happy_path() -> None:
    df = parse_participant_page(PAGE.read_bytes(), PAGE.name, meeting="RAN1#87")
    assert df.schema == PARTICIPANT_SCHEMA
    assert df.height == 5  # the nested layout table and the footer row are not delegates
    assert df["meeting"].unique().to_list() == ["RAN1#87"]
    assert df["individual_member"].to_list() == [
        "Huawei Technologies Co., Ltd",
        "HiSilicon Technologies Co. Ltd",
        "Ericsson LM",
        "Nokia",
        "Qualcomm Incorporated",
    ]
    assert df["organizational_partner"].to_list() == ["CCSA", "CCSA", "ETSI", "ETSI", "ATIS"]
    assert df["delegate_key"].n_unique() == 5
    text = df.write_csv()
    assert not any(name in text for name in PLACEHOLDER_NAMES)


def test_participant_page_needs_a_meeting() -> None:
    with pytest.raises(ParticipantListError, match=r"fViewPart\.asp\?mid=60603.*--meeting"):
        parse_participant_page(
            PAGE.read_bytes(), "https://webapp.etsi.org/3GPPRegistration/fViewPart.asp?mid=60603"
        )


def test_participant_page_without_table_is_an_error() -> None:
    html = b"<html><body><p>Registration is closed</p></body></html>"
    with pytest.raises(ParticipantListError, match=r"fViewPart\.asp: no participant table"):
        parse_participant_page(html, "fViewPart.asp", meeting="RAN1#87")


def test_participant_page_unexpected_header_is_named() -> None:
    html = (
        b"<table><tr><th>Name</th><th>Company</th><th>Country</th></tr>"
        b"<tr><td>Alice Example</td><td>Nokia</td><td>FI</td></tr></table>"
    )
    with pytest.raises(ParticipantListError, match="unexpected column 'Country'"):
        parse_participant_page(html, "fViewPart.asp", meeting="RAN1#87")


if __name__ == "__main__":
    PARTLIST.write_bytes(build_xlsx(PARTLIST_ROWS))
    print(f"wrote {PARTLIST}")
