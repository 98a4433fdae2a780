"""SA2's TdocsByAgenda pages: a mid-meeting snapshot (SA2#164) and a final one (SA2#138-e)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from scrapers.threegpp.schemas import TDOC_SCHEMA
from scrapers.threegpp.tdocs_by_agenda import TdocsByAgendaError, parse_tdocs_by_agenda

PAGES = Path(__file__).parent / "fixtures" / "threegpp" / "tdocs_by_agenda"
SA2_164 = PAGES / "TdocsByAgenda_SA2-164_2024-08-19.htm"
SA2_138E = PAGES / "TdocsByAgenda_SA2-138E_final.html"


@pytest.fixture(scope="module")
def mid_meeting() -> pl.DataFrame:
    return parse_tdocs_by_agenda(SA2_164.read_bytes(), SA2_164.name)


@pytest.fixture(scope="module")
def final() -> pl.DataFrame:
    return parse_tdocs_by_agenda(SA2_138E.read_bytes(), SA2_138E.name)


def test_schema_and_rows(mid_meeting: pl.DataFrame, final: pl.DataFrame) -> None:
    for frame, rows, meeting in ((mid_meeting, 1374, "SA2#164"), (final, 824, "SA2#138-e")):
        assert frame.schema == TDOC_SCHEMA
        assert frame.height == rows
        assert frame["tdoc"].is_unique().all()
        assert frame["meeting"].unique().to_list() == [meeting]
        # Columns the page does not have stay null.
        assert frame["contact"].null_count() == rows
        assert frame["uploaded"].null_count() == rows


def test_final_results(final: pl.DataFrame) -> None:
    assert dict(final.group_by("status").len().iter_rows()) == {
        "approved": 280,
        "revised": 227,
        "noted": 199,
        "merged": 40,
        "postponed": 36,
        "withdrawn": 29,
        "replied to": 13,
    }
    cr = final.filter(pl.col("tdoc") == "S2-2003113").row(0, named=True)
    assert cr["source"] == "Huawei, HiSilicon"
    assert cr["agenda_item"] == "5.1"
    assert cr["type"] == "CR" and cr["purpose"] == "Approval" and cr["release"] == "Rel-16"
    assert cr["secretary_remarks"].startswith("Confirm Specification Number")
    assert cr["related_wis"] is None  # this page has no Work Item column


def test_mid_meeting(mid_meeting: pl.DataFrame) -> None:
    assert mid_meeting["status"].null_count() == 1081
    ls = mid_meeting.filter(pl.col("tdoc") == "S2-2407397").row(0, named=True)
    assert ls["source"] == "SA WG6 (S6-241644)"
    assert ls["type"] == "LS In"
    assert ls["related_wis"] == "FS_eMMTelAPP"
    assert ls["status"] == "reply open"
    assert (
        ls["title"] == "LS from SA WG6: LS on data channel application related capability exposure"
    )


def test_meeting_inference() -> None:
    data = SA2_138E.read_bytes()
    # Without a telling file name, the meeting's own agenda row names it.
    assert parse_tdocs_by_agenda(data, "page.html")["meeting"][0] == "SA2#138-e"
    assert parse_tdocs_by_agenda(data, "page.html", meeting="SA2#139E")["meeting"][0] == (
        "SA2#139-e"
    )
    bare = (
        b"<html><head><title>Document List</title></head><body><table>"
        b"<tr><td>AI</td><td>TD#</td><td>Type</td><td>Doc For</td><td>Subject</td>"
        b"<td>Source</td><td>Rel</td><td>Comments</td><td>Result</td></tr>"
        b"<tr><td>5.1</td><td>S2-2000001</td><td>CR</td><td>Approval</td><td>A CR</td>"
        b"<td>Nokia</td><td>Rel-16</td><td></td><td>Agreed</td></tr></table></body></html>"
    )
    with pytest.raises(TdocsByAgendaError, match=r"page\.html.*--meeting"):
        parse_tdocs_by_agenda(bare, "page.html")
    frame = parse_tdocs_by_agenda(bare, "TdocsByAgenda_SA2-137E.htm")
    assert frame.select("meeting", "tdoc", "status").rows() == [
        ("SA2#137-e", "S2-2000001", "agreed")
    ]


def test_page_without_the_table() -> None:
    page = b"<html><body><table><tr><td>Doc</td><td>Title</td></tr></table></body></html>"
    with pytest.raises(TdocsByAgendaError, match=r"notes\.htm.*AI \| TD# \| Type"):
        parse_tdocs_by_agenda(page, "notes.htm")


def test_control_characters_in_a_page_are_dropped_not_fatal():
    """A fuzz finding: NUL and other control bytes in the page made lxml refuse it half way
    through, with an error that named no file."""
    page = (PAGES / "TdocsByAgenda_SA2-138E_final.html").read_bytes()
    clean = parse_tdocs_by_agenda(page, "TdocsByAgenda_SA2-138E_final.html")
    dirty = page.replace(b"<td", b"\x00\x01\x1f<td", 50)
    assert parse_tdocs_by_agenda(dirty, "TdocsByAgenda_SA2-138E_final.html").equals(clean)
