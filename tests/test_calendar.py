"""3GPP meeting calendars (dynareport Meetings-<CODE>.htm).

tests/fixtures/threegpp/calendar/Meetings-R1.htm is a constructed page in the published row
format with real RAN1 facts and mostly synthetic MtgIds; see the comment at its top.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from scrapers.threegpp.calendar import (
    CALENDAR_SCHEMA,
    CalendarError,
    calendar_url,
    parse_calendar,
)
from scrapers.threegpp.meeting_names import canonical_meeting, meeting_from_folder

FIXTURE = Path(__file__).parent / "fixtures" / "threegpp" / "calendar" / "Meetings-R1.htm"

HEADER = (
    "<tr><th>Meeting</th><th>Title</th><th>Town</th><th>Start</th><th>End</th>"
    "<th>First &amp; Last tdoc</th><th>Register</th><th>Participants</th><th>Files</th>"
    "<th>iCal</th><th>Feedback</th></tr>"
)


def page(*rows: str, header: str = HEADER) -> bytes:
    return f"<html><body><table>{header}{''.join(rows)}</table></body></html>".encode()


def row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "<td>-</td><td>-</td></tr>"


@pytest.fixture(scope="module")
def calendar() -> pl.DataFrame:
    return parse_calendar(FIXTURE.read_bytes(), FIXTURE.name)


def one(df: pl.DataFrame, meeting: str) -> dict[str, object]:
    rows = df.filter(pl.col("meeting") == meeting).to_dicts()
    assert len(rows) == 1, f"{meeting}: {len(rows)} rows"
    return rows[0]


def test_calendar_url() -> None:
    assert (
        calendar_url("https://www.3gpp.org", "R1")
        == "https://www.3gpp.org/dynareport?code=Meetings-R1.htm"
    )
    assert (
        calendar_url("http://mirror.test/", " sp ")
        == "http://mirror.test/dynareport?code=Meetings-SP.htm"
    )
    with pytest.raises(CalendarError, match="'R9' is not a 3GPP group code"):
        calendar_url("https://www.3gpp.org", "R9")


def test_fixture_rows_in_page_order(calendar: pl.DataFrame) -> None:
    assert calendar.schema == CALENDAR_SCHEMA
    assert calendar["meeting"].to_list() == [
        "RAN1#124",
        "RAN1#123",
        "RAN1#122bis",
        "RAN1#122",
        "RAN1#118",
        "RAN1#110bis-e",
        "RAN1#110",
        "RAN1#104bis-e",
        "RAN1#104-e",
        "RAN1#100bis-e",
        "RAN1#100-e",
        "RAN1#87",
        "RAN1#86bis",
        "RAN1#86",
        "RAN1#84bis",
        "RAN1#84",
    ]
    assert calendar["group_code"].unique().to_list() == ["R1"]
    starts = calendar["start_date"].to_list()
    assert starts == sorted(starts, reverse=True)  # newest first, as published


def test_full_row_ran1_122bis(calendar: pl.DataFrame) -> None:
    assert one(calendar, "RAN1#122bis") == {
        "meeting": "RAN1#122bis",
        "group_code": "R1",
        "mtg_id": 60603,
        "code": "R1-122-bis",
        "title": "3GPPRAN1#122-bis",
        "town": "Prague",
        "start_date": date(2025, 10, 13),
        "end_date": date(2025, 10, 17),
        "first_tdoc": "R1-2506700",
        "last_tdoc": "R1-2508262",
        "ftp_folder": "ftp/tsg_ran/WG1_RL1/TSGR1_122b",
        "folder": "TSGR1_122b",
        "tdoc_list_url": "https://portal.3gpp.org/ngppapp/TdocList.aspx?meetingId=60603",
        "participants_url": "https://webapp.etsi.org/3GPPRegistration/fViewPart.asp?mid=60603",
        "register_url": None,
        "files_url": "https://www.3gpp.org/ftp/tsg_ran/WG1_RL1/TSGR1_122b/",
        "status": "scheduled",
    }


# (meeting, folder, first TDoc, last TDoc) as the RAN1 chairs' reports and TDoc lists give
# them; the fixture must agree with these real facts.
REAL_FACTS = [
    ("RAN1#122bis", "TSGR1_122b", "R1-2506700", "R1-2508262"),
    ("RAN1#122", "TSGR1_122", "R1-2505100", "R1-2506692"),
    ("RAN1#118", "TSGR1_118", "R1-2405780", "R1-2407579"),
    ("RAN1#110bis-e", "TSGR1_110b-e", "R1-2208320", "R1-2210799"),
    ("RAN1#110", "TSGR1_110", "R1-2205700", "R1-2208317"),
    ("RAN1#104bis-e", "TSGR1_104b-e", "R1-2102280", "R1-2104148"),
    ("RAN1#104-e", "TSGR1_104-e", "R1-2100000", "R1-2102272"),
    ("RAN1#100bis-e", "TSGR1_100b_e", "R1-2001500", "R1-2003205"),
    ("RAN1#100-e", "TSGR1_100_e", "R1-2000147", "R1-2001486"),
    ("RAN1#87", "TSGR1_87", "R1-1611080", "R1-1613820"),
    ("RAN1#86bis", "TSGR1_86b", "R1-1608561", "R1-1611074"),
    ("RAN1#86", "TSGR1_86", "R1-166055", "R1-168560"),
]


@pytest.mark.parametrize(("meeting", "folder", "first", "last"), REAL_FACTS)
def test_fixture_matches_real_facts(
    calendar: pl.DataFrame, meeting: str, folder: str, first: str, last: str
) -> None:
    got = one(calendar, meeting)
    assert (got["folder"], got["first_tdoc"], got["last_tdoc"]) == (folder, first, last)


def test_folder_and_code_name_the_same_meeting(calendar: pl.DataFrame) -> None:
    for meeting, folder in calendar.select("meeting", "folder").drop_nulls().iter_rows():
        assert meeting_from_folder(folder) == meeting
    for meeting in calendar["meeting"]:
        assert canonical_meeting(meeting) == meeting


def test_irregular_folder_links_are_normalised(calendar: pl.DataFrame) -> None:
    # doubled backslashes throughout the row
    assert one(calendar, "RAN1#104-e")["ftp_folder"] == "ftp/tsg_ran/WG1_RL1/TSGR1_104-e"
    # case is kept as written (the FTP server does not care, comparisons should not either)
    assert one(calendar, "RAN1#87")["ftp_folder"] == "ftp/TSG_RAN/WG1_RL1/TSGR1_87"
    assert (
        one(calendar, "RAN1#87")["files_url"]
        == "https://www.3gpp.org/ftp/TSG_RAN/WG1_RL1/TSGR1_87/"
    )


def test_newest_meeting_has_register_not_participants(calendar: pl.DataFrame) -> None:
    newest = calendar.row(0, named=True)
    assert newest["meeting"] == "RAN1#124"
    assert newest["mtg_id"] == 60710
    assert newest["register_url"] == "https://webapp.etsi.org/3GPPRegistration/fMain.asp?mid=60710"
    assert newest["participants_url"] is None
    assert newest["ftp_folder"] is None and newest["files_url"] is None
    assert newest["first_tdoc"] is None and newest["tdoc_list_url"] is None


def test_rows_without_links(calendar: pl.DataFrame) -> None:
    dashes = one(calendar, "RAN1#84bis")
    assert dashes["mtg_id"] == 9000841  # the portal link on the code is all it has
    assert dashes["town"] == "Busan"
    assert dashes["start_date"] == date(2016, 4, 11)
    for column in (
        "first_tdoc",
        "ftp_folder",
        "folder",
        "tdoc_list_url",
        "participants_url",
        "register_url",
        "files_url",
    ):
        assert dashes[column] is None, column
    bare = one(calendar, "RAN1#84")
    assert bare["mtg_id"] is None
    assert bare["town"] == "St Julian\u2019s"
    assert (bare["first_tdoc"], bare["last_tdoc"]) == ("R1-160235", "R1-161567")
    assert bare["ftp_folder"] is None


def test_folder_found_without_files_link() -> None:
    link = r"/../../../\ftp\tsg_ran\WG1_RL1\TSGR1_99\Agenda/"
    html = page(
        row(
            '<a name="R1-99" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=123">R1-99</a>',
            '<a name="bmR1-99--2019-11-18">3GPPRAN1#99</a>',
            "Reno",
            f'<a href="{link}">2019&#8209;11&#8209;18</a>',
            "2019&#8209;11&#8209;22",
            "-",
            "-",
            "-",
            "-",
        )
    )
    got = parse_calendar(html, "snippet").row(0, named=True)
    assert got["ftp_folder"] == "ftp/tsg_ran/WG1_RL1/TSGR1_99"
    assert got["files_url"] is None  # only the Files cell gives the folder link itself


def test_links_outside_the_ftp_tree_are_no_folder() -> None:
    # old SA3 rows point the town at /Specification-Groups/
    html = page(
        row(
            '<a name="S3-104" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=38149">'
            "S3-104</a></span>",
            '<a name="bmS3-104--2021-08-23">3GPPSA3#104</a>',
            '<a href="/../../..//Specification-Groups/">Bath</a>',
            "2021&#8209;08&#8209;23",
            "2021&#8209;08&#8209;27",
            " - ",
            "-",
            "-",
            "-",
        )
    )
    got = parse_calendar(html, "snippet").row(0, named=True)
    assert (got["meeting"], got["group_code"], got["mtg_id"]) == ("SA3#104", "S3", 38149)
    assert got["town"] == "Bath" and got["ftp_folder"] is None


def test_sa3_li_meeting_is_not_merged_into_the_regular_one() -> None:
    folder = r"/../../../\ftp\TSG_SA\WG3_Security\TSGS3_LI\2027_104_Sophia" + "\\"
    html = page(
        row(
            '<a name="S3-104-LI" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=82260">'
            "S3-104-LI</a>",
            '<a name="bmS3-104-LI--2027-01-19">3GPPSA3#104-LI</a>',
            f'<a href="{folder}Invitation/">Sophia-Antipolis</a>',
            f'<a href="{folder}Agenda/">2027&#8209;01&#8209;19</a>',
            "2027&#8209;01&#8209;22",
            "-",
            '<a href="https://webapp.etsi.org/3GPPRegistration/fMain.asp?mid=82260">Register</a>',
            "-",
            f'<a href="{folder}">Files</a>',
        )
    )
    got = parse_calendar(html, "snippet").row(0, named=True)
    assert got["meeting"] is None  # "3GPPSA3#104-LI" is not SA3#104
    assert got["group_code"] == "S3"
    assert got["code"] == "S3-104-LI"
    assert got["ftp_folder"] == "ftp/TSG_SA/WG3_Security/TSGS3_LI/2027_104_Sophia"
    assert got["folder"] == "2027_104_Sophia"
    assert got["register_url"] == "https://webapp.etsi.org/3GPPRegistration/fMain.asp?mid=82260"


def test_doubled_backslash_after_ftp_and_lower_case_tree() -> None:
    folder = r"/../../../\ftp\\tsg_sa\WG3_Security\TSGS3_125AdHoc-e" + "\\"
    html = page(
        row(
            '<a name="S3-125-e" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=83976">'
            "S3-125-e</a>",
            '<a name="bmS3-125-e--2026-01-19">3GPPSA3#125-e</a>',
            f'<a href="{folder}Invitation/">Online</a>',
            "2026&#8209;01&#8209;19",
            "2026&#8209;01&#8209;23",
            f'<a href="{folder}\\docs\\">S3-260000 - S3-260031</a>&nbsp;&nbsp;'
            '<a href="https://portal.3gpp.org/ngppapp/TdocList.aspx?meetingId=83976">'
            "<br>full document list</a>",
            "-",
            "-",
            f'<a href="{folder}">Files</a>',
        )
    )
    got = parse_calendar(html, "snippet", base_url="http://mirror.test/").row(0, named=True)
    assert got["meeting"] == "SA3#125-e"
    assert got["ftp_folder"] == "ftp/tsg_sa/WG3_Security/TSGS3_125AdHoc-e"
    assert got["files_url"] == "http://mirror.test/ftp/tsg_sa/WG3_Security/TSGS3_125AdHoc-e/"
    assert (got["first_tdoc"], got["last_tdoc"]) == ("S3-260000", "S3-260031")
    assert got["mtg_id"] == 83976


def test_code_wins_over_disagreeing_title(caplog: pytest.LogCaptureFixture) -> None:
    html = page(
        row(
            '<a name="R1-98-bis" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=1">'
            "R1-98-bis</a>",
            '<a name="bmR1-98-bis--2019-10-14">3GPPRAN1#98</a>',
            "Chongqing",
            "2019&#8209;10&#8209;14",
            "2019&#8209;10&#8209;20",
            "-",
            "-",
            "-",
            "-",
        )
    )
    with caplog.at_level(logging.WARNING, logger="scrapers.threegpp.calendar"):
        got = parse_calendar(html, "snippet")
    assert got["meeting"].to_list() == ["RAN1#98bis"]
    assert "RAN1#98" in caplog.text and "keeping RAN1#98bis" in caplog.text


def test_title_fills_in_when_code_is_no_label() -> None:
    html = page(
        row(
            '<a name="R1-98bis-xyz">R1-98bis-xyz</a>',
            '<a name="bmR1-98bis-xyz--2019-10-14">3GPPRAN1#98bis</a>',
            "Chongqing",
            "2019&#8209;10&#8209;14",
            "2019&#8209;10&#8209;20",
            "-",
            "-",
            "-",
            "-",
        )
    )
    assert parse_calendar(html, "snippet")["meeting"].to_list() == ["RAN1#98bis"]


def test_start_date_falls_back_to_the_bookmark() -> None:
    html = page(
        row(
            '<a name="R1-87">R1-87</a>',
            '<a name="bmR1-87--2016-11-14">3GPPRAN1#87</a>',
            "Reno",
            "-",
            "2016&#8209;11&#8209;18",
            "-",
            "-",
            "-",
            "-",
        )
    )
    got = parse_calendar(html, "snippet").row(0, named=True)
    assert got["start_date"] == date(2016, 11, 14)


def test_header_in_td_cells_without_trailing_columns() -> None:
    header = (
        "<tr><td>Meeting</td><td>Title</td><td>Town</td><td>Start</td><td>End</td>"
        "<td>First &amp; Last tdoc</td><td>Register</td><td>Participants</td><td>Files</td></tr>"
    )
    html = page(
        "<tr><td>R1-87</td><td>3GPPRAN1#87</td><td>Reno</td><td>2016-11-14</td>"
        "<td>2016-11-18</td><td>-</td><td>-</td><td>-</td><td>-</td></tr>",
        header=header,
    )
    got = parse_calendar(html, "snippet")
    assert got["meeting"].to_list() == ["RAN1#87"]


def test_repeated_header_row_is_skipped() -> None:
    html = page(
        row("R1-87", "3GPPRAN1#87", "Reno", "2016-11-14", "2016-11-18", "-", "-", "-", "-"),
        HEADER,
        row("R1-86", "3GPPRAN1#86", "Gothenburg", "2016-08-22", "2016-08-26", "-", "-", "-", "-"),
    )
    assert parse_calendar(html, "snippet")["meeting"].to_list() == ["RAN1#87", "RAN1#86"]


def test_empty_table_gives_empty_frame() -> None:
    got = parse_calendar(page(), "Meetings-C6.htm")
    assert got.height == 0 and got.schema == CALENDAR_SCHEMA


def test_page_without_calendar_table_names_file_and_headers() -> None:
    html = b"<html><body><table><tr><th>Meeting</th><th>When</th></tr></table></body></html>"
    with pytest.raises(CalendarError) as err:
        parse_calendar(html, "https://www.3gpp.org/dynareport?code=Meetings-R1.htm")
    message = str(err.value)
    assert "https://www.3gpp.org/dynareport?code=Meetings-R1.htm" in message
    assert "Meeting | Title | Start | End | First & Last tdoc" in message  # what it needs
    assert "'Meeting | When'" in message  # and what it found


def test_bad_date_is_named() -> None:
    html = page(row("R1-87", "3GPPRAN1#87", "Reno", "14 Nov 2016", "-", "-", "-", "-", "-"))
    with pytest.raises(CalendarError, match=r"snippet: meeting R1-87: Start '14 Nov 2016'"):
        parse_calendar(html, "snippet")


def test_short_row_is_an_error() -> None:
    html = page("<tr><td>R1-87</td><td>3GPPRAN1#87</td></tr>")
    with pytest.raises(CalendarError, match="snippet: a calendar row has 2 cells"):
        parse_calendar(html, "snippet")


def test_disagreeing_mtg_ids_are_an_error() -> None:
    html = page(
        row(
            '<a name="R1-87" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=1">R1-87</a>',
            "3GPPRAN1#87",
            "Reno",
            "2016-11-14",
            "2016-11-18",
            '<a href="https://portal.3gpp.org/ngppapp/TdocList.aspx?meetingId=2">list</a>',
            "-",
            "-",
            "-",
        )
    )
    with pytest.raises(CalendarError, match="R1-87: its links disagree on the MtgId"):
        parse_calendar(html, "snippet")


# Header cells as the live page writes them: the name, a line break, an explanation
# (quoted in the issue that found the old parser failing on them).
LIVE_HEADER = (
    '<tr><th class="meeting">Meeting<br>click for details and to reserve a tdoc number</th>'
    "<th>Title</th><th><b>Town</b><br>click for meeting invitation directory</th>"
    "<th><b>Start</b><br>click for agenda directory</th>"
    "<th><b>End</b><br>click for report directory</th>"
    "<th>First &amp; Last tdoc<br>click for list of tdocs</th><th>Register</th>"
    "<th>Participants</th><th>Files</th><th>iCal</th><th>Feedback</th></tr>"
)


def test_header_cells_with_an_explanation_after_the_name() -> None:
    """The old parser compared whole cell texts ('Meeting click for details…') and found no
    calendar on the live page; the name is the cell's first line or bold text."""
    html = page(
        row(
            "R1-87",
            "3GPPRAN1#87",
            "Reno",
            "2016-11-14",
            "2016-11-18",
            "R1-1611080 - R1-1613820",
            "-",
            "-",
            "-",
        ),
        header=LIVE_HEADER,
    )
    got = parse_calendar(html, "Meetings-R1.htm").row(0, named=True)
    assert (got["meeting"], got["town"], got["first_tdoc"]) == ("RAN1#87", "Reno", "R1-1611080")


def test_column_names_match_by_synonym_in_any_case_and_order() -> None:
    header = (
        "<tr><th>FILES</th><th>Meeting:</th><th>title</th><th>Location</th><th>start date</th>"
        "<th>End-date</th><th>First/Last TDoc</th><th>Something new</th></tr>"
    )
    html = page(
        "<tr><td>-</td><td>R1-87</td><td>3GPPRAN1#87</td><td>Reno</td><td>2016-11-14</td>"
        "<td>2016-11-18</td><td>-</td><td>whatever</td></tr>",
        header=header,
    )
    got = parse_calendar(html, "snippet").row(0, named=True)
    assert (got["meeting"], got["town"], got["end_date"]) == ("RAN1#87", "Reno", date(2016, 11, 18))
    assert got["register_url"] is None and got["participants_url"] is None  # no such columns


def test_a_missing_required_column_names_the_page_and_the_columns_found() -> None:
    header = "<tr><th>Meeting<br>click</th><th>Title</th><th>Start</th><th>End</th></tr>"
    with pytest.raises(CalendarError) as err:
        parse_calendar(page(header=header), "https://www.3gpp.org/dynareport?code=Meetings-R1.htm")
    message = str(err.value)
    assert "Meetings-R1.htm" in message and "First & Last tdoc" in message
    assert "'Meeting click | Title | Start | End'" in message


def test_rows_seen_on_live_pages() -> None:
    """A future meeting with both links, a workshop with prefix-letter TDoc numbers, a
    cancelled meeting kept with its status, dates written with U+2011."""
    future = row(
        '<a name="R1-124" href="https://portal.3gpp.org/Home.aspx#/meeting?MtgId=60710">R1-124</a>',
        '<a name="bmR1-124--2026-02-09">3GPPRAN1#124</a>', "Gothenburg",
        "2026&#8209;02&#8209;09", "2026&#8209;02&#8209;13", "-",
        '<a href="https://webapp.etsi.org/3GPPRegistration/fMain.asp?mid=60710">Register</a>',
        '<a href="https://webapp.etsi.org/3GPPRegistration/fViewPart.asp?mid=60710">List</a>', "-",
    )  # fmt: skip
    workshop = row(
        "R5-w26", "3GPPRAN5 workshop", "online", "2026-01-20", "2026-01-20",
        "R5w260200 - R5w260201", "-", "-", "-",
    )  # fmt: skip
    cancelled = row(
        "R1-100", "3GPPRAN1#100 - CANCELLED", "Athens", "2020-02-24", "2020-02-28",
        "R1-2000001 - R1-2000146", "-", "-", "-",
    )  # fmt: skip
    got = parse_calendar(page(future, workshop, cancelled), "snippet").to_dicts()
    assert got[0]["start_date"] == date(2026, 2, 9) and got[0]["mtg_id"] == 60710
    assert got[0]["register_url"].endswith("fMain.asp?mid=60710")
    assert got[0]["participants_url"].endswith("fViewPart.asp?mid=60710")
    assert (got[1]["first_tdoc"], got[1]["last_tdoc"]) == ("R5w260200", "R5w260201")
    assert [r["status"] for r in got] == ["scheduled", "scheduled", "cancelled"]
    assert got[2]["meeting"] == "RAN1#100"


R5_EXCERPT = FIXTURE.parent / "Meetings-R5-excerpt.htm"


def test_rows_of_the_recorded_r5_page() -> None:
    """Rows copied from a recorded copy of the live page (see PROVENANCE.md)."""
    got = {
        r["mtg_id"]: r for r in parse_calendar(R5_EXCERPT.read_bytes(), R5_EXCERPT.name).to_dicts()
    }
    future = got[85637]  # two years ahead: Register and Participants, no folder, Town link empty
    assert (future["meeting"], future["start_date"], future["town"], future["folder"]) == (
        "RAN5#121",
        date(2028, 11, 13),
        None,
        None,
    )
    assert "fMain.asp?mid=85637" in future["register_url"]
    assert "fViewPart.asp?mid=85637" in future["participants_url"]
    past = got[60588]  # browser-saved absolute //ftp// links, U+2011 dates
    assert (past["folder"], past["first_tdoc"], past["last_tdoc"], past["end_date"]) == (
        "TSGR5__106_Athens",
        "R5-250001",
        "R5-251759",
        date(2025, 2, 21),
    )
    email = got[81267]  # an e-mail approval: no label, prefix-letter TDoc numbers
    assert email["meeting"] is None and (email["first_tdoc"], email["last_tdoc"]) == (
        "R5s250001",
        "R5s250519",
    )
    assert got[34840]["status"] == "cancelled" and got[34840]["meeting"] == "RAN5#89"
    assert got[25521]["meeting"] is None  # a workshop code cut to 20 characters


def test_only_labelled_meetings_go_to_the_meetings_table() -> None:
    from scrapers.threegpp.source import calendar_meetings

    calendar = parse_calendar(R5_EXCERPT.read_bytes(), R5_EXCERPT.name)
    twice = pl.concat([calendar, calendar.head(1)])  # the live page repeats rows
    meetings = calendar_meetings(twice, R5_EXCERPT.name)
    assert meetings["meeting"].to_list() == ["RAN5#121", "RAN5#106", "RAN5#89"]
    assert meetings.filter(meeting="RAN5#89")["status"].to_list() == ["cancelled"]
