"""TDoc list parsing against three real RAN1 lists (two 31-column, one 36-column)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from scrapers.threegpp.schemas import TDOC_SCHEMA
from scrapers.threegpp.tdoc_list import (
    REQUIRED_HEADERS,
    TdocList,
    TdocListError,
    day_first,
    map_headers,
    parse_datetimes,
    parse_tdoc_list,
    tdoc_frame,
)

LISTS = Path(__file__).parent / "fixtures" / "threegpp" / "tdoc_lists"

# From data/3gpp/derived/ran1_meetings_84_122bis.csv (tdoc_rows, first_tdoc, last_tdoc),
# which was derived independently from the chair's reports.
EXPECTED = {
    "TDoc_List_TSGR1_86b.xlsx": ("RAN1#86bis", 2514, "R1-1608561", "R1-1611074"),
    "TDoc_List_TSGR1_87.xlsx": ("RAN1#87", 2741, "R1-1611080", "R1-1613820"),
    "TDoc_List_TSGR1_122b.xlsx": ("RAN1#122bis", 1563, "R1-2506700", "R1-2508262"),
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, TdocList]:
    return {name: parse_tdoc_list(LISTS / name, name) for name in EXPECTED}


def _row(tdocs: pl.DataFrame, tdoc: str) -> dict[str, object]:
    return tdocs.filter(pl.col("tdoc") == tdoc).row(0, named=True)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_meeting_and_schema(parsed: dict[str, TdocList], name: str) -> None:
    meeting, rows, first, last = EXPECTED[name]
    result = parsed[name]
    assert result.meeting == meeting
    assert result.tdocs.schema == TDOC_SCHEMA
    assert result.tdocs.height == rows
    assert result.tdocs["tdoc"][0] == first
    assert result.tdocs["tdoc"][-1] == last
    assert result.tdocs["tdoc"].null_count() == 0
    assert result.tdocs["tdoc"].n_unique() == rows
    # eq_missing: a null meeting must not pass as "not unequal"
    assert result.tdocs["meeting"].eq_missing(meeting).all()


def test_datetime_cells_of_older_lists(parsed: dict[str, TdocList]) -> None:
    row = _row(parsed["TDoc_List_TSGR1_86b.xlsx"].tdocs, "R1-1608561")
    assert row["reservation_date"] == datetime(2016, 9, 23, 16, 41, 26, 67000)
    assert row["uploaded"] == datetime(2016, 9, 23, 20, 15, 48, 350000)


def test_day_first_text_dates_of_newer_lists(parsed: dict[str, TdocList]) -> None:
    tdocs = parsed["TDoc_List_TSGR1_122b.xlsx"].tdocs
    # Cells read '12/09/2025 07:45:19' and '24/09/2025 00:00:58': day first.
    assert _row(tdocs, "R1-2506700")["reservation_date"] == datetime(2025, 9, 12, 7, 45, 19)
    assert _row(tdocs, "R1-2506738")["reservation_date"] == datetime(2025, 9, 24, 0, 0, 58)
    # Uploaded stays a real datetime cell in the same file.
    assert _row(tdocs, "R1-2506700")["uploaded"] == datetime(2025, 9, 29, 10, 58, 4, 453000)
    assert tdocs["reservation_date"].null_count() == 0


def test_month_first_twelve_hour_dates() -> None:
    # Values as written in TDoc_List_TSGR1_118.xlsx / _107b-e.xlsx (RAN1#118, #107bis-e).
    values = pl.Series(["7/4/2024 1:40:08 PM", "8/30/2024 1:11:09 PM", "1/3/2022 4:38:26 AM"])
    assert not day_first(values)
    parsed = parse_datetimes(values, "reservation_date", "TDoc_List_TSGR1_118.xlsx")
    assert parsed.to_list() == [
        datetime(2024, 7, 4, 13, 40, 8),
        datetime(2024, 8, 30, 13, 11, 9),
        datetime(2022, 1, 3, 4, 38, 26),
    ]


def test_ambiguous_slashed_dates_follow_the_clock() -> None:
    assert day_first(pl.Series(["06/09/2024 08:18:28"]))
    assert not day_first(pl.Series(["6/9/2024 8:18:28 AM"]))


def test_a_field_above_twelve_settles_the_order_against_the_clock() -> None:
    # the clock alone would say month first (AM/PM) or day first (24 h); a field that cannot
    # be a month says otherwise, and 12 is still a month
    assert day_first(pl.Series(["13/05/2024 08:00:00 PM"]))
    assert not day_first(pl.Series(["12/05/2024 08:00:00 PM"]))
    assert not day_first(pl.Series(["05/13/2024 20:00:00"]))
    assert day_first(pl.Series(["05/12/2024 20:00:00"]))
    # one unambiguous value settles the whole column
    assert not day_first(pl.Series(["01/02/2024 20:00:00", "01/31/2024 20:00:00"]))


def test_unparseable_date_names_file_and_column() -> None:
    values = pl.Series(["2016-09-23 16:41:26.067", "sometime"])
    with pytest.raises(TdocListError, match=r"odd\.xlsx.*'uploaded'.*'sometime'"):
        parse_datetimes(values, "uploaded", "odd.xlsx")


def test_statuses_vocabulary(parsed: dict[str, TdocList]) -> None:
    old = parsed["TDoc_List_TSGR1_87.xlsx"].statuses
    new = parsed["TDoc_List_TSGR1_122b.xlsx"].statuses
    assert len(old) == 20 and len(new) == 19
    assert old[:3] == ["reserved", "available", "agreed"]
    assert "rejected" in old and "rejected" not in new
    for result in parsed.values():
        used = set(result.tdocs["status"].drop_nulls().unique().to_list())
        assert used <= set(result.statuses)


def test_rows_keep_status_and_revision_links(parsed: dict[str, TdocList]) -> None:
    tdocs = parsed["TDoc_List_TSGR1_87.xlsx"].tdocs
    assert tdocs.filter(pl.col("status") == "withdrawn").height == 96
    row = _row(tdocs, "R1-1612108")
    assert (row["is_revision_of"], row["revised_to"]) == ("R1-1609574", "R1-1701934")
    agenda = _row(tdocs, "R1-1611080")
    assert (agenda["source"], agenda["status"], agenda["revised_to"]) == (
        "RAN1 Chair",
        "revised",
        "R1-1611453",
    )


def test_empty_cells_are_null_and_absent_columns_null(parsed: dict[str, TdocList]) -> None:
    old = parsed["TDoc_List_TSGR1_87.xlsx"].tdocs
    assert old["uicc"].null_count() == old.height  # column only exists from #107bis-e on
    assert (old["abstract"] == "").sum() == 0
    assert old["source"].null_count() == 0


def test_bytes_input_and_given_meeting() -> None:
    name = "TDoc_List_TSGR1_122b.xlsx"
    result = parse_tdoc_list((LISTS / name).read_bytes(), "export.xlsx", meeting="RAN1 #122-bis")
    assert result.meeting == "RAN1#122bis"
    assert result.tdocs.height == EXPECTED[name][1]


def test_meeting_inferred_from_official_name(tmp_path: Path) -> None:
    official = tmp_path / "TDoc_List_Meeting_RAN1#87.xlsx"
    shutil.copyfile(LISTS / "TDoc_List_TSGR1_87.xlsx", official)
    assert parse_tdoc_list(official, official.name).meeting == "RAN1#87"


def test_no_meeting_in_name_asks_for_meeting(tmp_path: Path) -> None:
    anonymous = tmp_path / "export.xlsx"
    shutil.copyfile(LISTS / "TDoc_List_TSGR1_87.xlsx", anonymous)
    with pytest.raises(TdocListError, match=r"export\.xlsx.*--meeting"):
        parse_tdoc_list(anonymous, anonymous.name)


def test_header_mapping_tolerates_order_case_and_extras() -> None:
    headers = ["Extra", "Source", "tdoc", "TDoc  Status", "Title", "Agenda item", "Type", "For"]
    mapping = map_headers(headers, "x.xlsx")
    assert mapping == {
        "Source": "source",
        "tdoc": "tdoc",
        "TDoc  Status": "status",
        "Title": "title",
        "Agenda item": "agenda_item",
        "Type": "type",
        "For": "purpose",
    }


@pytest.mark.parametrize("missing", REQUIRED_HEADERS)
def test_missing_required_header_names_it(missing: str) -> None:
    headers = [h for h in REQUIRED_HEADERS if h != missing] + ["Contact"]
    with pytest.raises(TdocListError, match=rf"list\.xlsx.*'{missing}'.*headers found"):
        map_headers(headers, "list.xlsx")


def test_reordered_columns_parse_the_same(parsed: dict[str, TdocList]) -> None:
    name = "TDoc_List_TSGR1_86b.xlsx"
    sheet = fastexcel.read_excel(str(LISTS / name)).load_sheet_by_name("TDoc_List", dtypes="string")
    raw = sheet.to_polars()
    assert isinstance(raw, pl.DataFrame)
    shuffled = raw.select(reversed(raw.columns)).with_columns(pl.lit("x").alias("New column"))
    assert tdoc_frame(shuffled, "RAN1#86bis", name).equals(parsed[name].tdocs)


def test_renamed_column_in_a_real_workbook(tmp_path: Path) -> None:
    """The Source header renamed inside the xlsx itself (its shared-strings table)."""
    original = LISTS / "TDoc_List_TSGR1_87.xlsx"
    broken = tmp_path / "TDoc_List_TSGR1_87.xlsx"
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                assert data.count(b"<t>Source</t>") == 1
                data = data.replace(b"<t>Source</t>", b"<t>Origin</t>")
            dst.writestr(item, data)
    with pytest.raises(TdocListError) as error:
        parse_tdoc_list(broken, broken.name)
    message = str(error.value)
    assert "TDoc_List_TSGR1_87.xlsx" in message
    assert "'Source'" in message and "'Origin'" in message


def test_not_a_workbook_names_the_file() -> None:
    with pytest.raises(TdocListError, match=r"RAN1#87\.xlsx.*xlsx"):
        parse_tdoc_list(b"not a zip", "TDoc_List_Meeting_RAN1#87.xlsx")


def _sheet(rows: list[tuple[str | None, ...]]) -> pl.DataFrame:
    """A TDoc_List sheet as calamine hands it over: every cell text, the required headers."""
    return pl.DataFrame(rows, schema=dict.fromkeys(REQUIRED_HEADERS, pl.String), orient="row")


def _cells(tdoc: str | None) -> tuple[str | None, ...]:
    values = {"TDoc": tdoc, "Title": "A title", "Source": "Nokia", "TDoc Status": "noted",
              "Agenda item": "7.1"}  # fmt: skip
    return tuple(values.get(h) for h in REQUIRED_HEADERS)


def test_rows_end_at_the_first_row_without_a_tdoc_number() -> None:
    rows = [_cells("R1-1600001"), _cells("R1-1600002"), _cells(None), _cells("R1-1600003")]
    frame = tdoc_frame(_sheet(rows), "RAN1#84", "list.xlsx")
    assert frame["tdoc"].to_list() == ["R1-1600001", "R1-1600002"]
    assert tdoc_frame(_sheet(rows[:2]), "RAN1#84", "list.xlsx").height == 2  # none empty


def test_repeated_tdoc_numbers_are_named_up_to_five() -> None:
    rows = [_cells(f"R1-160000{i}") for i in range(1, 8)] * 2
    with pytest.raises(TdocListError) as error:
        tdoc_frame(_sheet(rows), "RAN1#84", "list.xlsx")
    assert str(error.value).startswith(
        "list.xlsx: TDoc number(s) R1-1600001, R1-1600002, R1-1600003, R1-1600004, "
        "R1-1600005 … appear more than once"
    )
    with pytest.raises(TdocListError, match=r"R1-1600001, R1-1600002 appear more than once"):
        tdoc_frame(_sheet(rows[:2] * 2), "RAN1#84", "list.xlsx")
    for repeated, more in ((5, ""), (6, " …")):  # the ellipsis says a sixth was not shown
        with pytest.raises(TdocListError) as error:
            tdoc_frame(_sheet(rows[:repeated] * 2), "RAN1#84", "list.xlsx")
        assert f"R1-1600005{more} appear more than once" in str(error.value)


def test_a_column_without_dates_is_a_column_of_nulls() -> None:
    parsed = parse_datetimes(pl.Series([None, None], dtype=pl.String), "uploaded", "x.xlsx")
    assert parsed.name == "uploaded" and parsed.dtype == pl.Datetime("us")
    assert parsed.to_list() == [None, None]


def test_iso_and_slashed_dates_in_one_column_both_parse() -> None:
    values = pl.Series(["2016-09-23 16:41:26", "24/09/2016 08:00:00", None])
    assert parse_datetimes(values, "uploaded", "x.xlsx").to_list() == [
        datetime(2016, 9, 23, 16, 41, 26),
        datetime(2016, 9, 24, 8, 0, 0),
        None,
    ]
