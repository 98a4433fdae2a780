"""Parse an MCC TDoc list (``TDoc_List_Meeting_RAN1#87.xlsx``) into TDOC_SCHEMA.

The workbook has a ``TDoc_List`` sheet (header in row 1), ``CR_Packs_List`` and a
``Parameters`` sheet whose "Possible statuses of Tdocs" column is the official status
vocabulary. Columns are matched by header name because MCC inserted five columns in the
middle of the sheet at RAN1#107bis-e and may do so again.

Cell typing is not stable across years: ``Reservation date`` is a real datetime until
RAN1#107-e, then text written by the portal in the server's locale at export time
('7/4/2024 1:40:08 PM' is US month/day with AM/PM; '12/09/2025 07:45:19' is day/month,
24 h). Every cell is therefore read as text and typed here, and the day/month order is
decided per file from the values themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)
from scrapers.threegpp.schemas import TDOC_SCHEMA
from scrapers.zip_guard import check_zip

DATA_SHEET = "TDoc_List"
PARAMETERS_SHEET = "Parameters"
STATUS_HEADER = "Possible statuses of Tdocs"

# Header as MCC writes it → schema column. Matching ignores case and spacing.
HEADERS: dict[str, str] = {
    "TDoc": "tdoc",
    "Title": "title",
    "Source": "source",
    "Contact": "contact",
    "Contact ID": "contact_id",
    "Type": "type",
    "For": "purpose",
    "Abstract": "abstract",
    "Secretary Remarks": "secretary_remarks",
    "Agenda item": "agenda_item",
    "Agenda item description": "agenda_item_description",
    "TDoc Status": "status",
    "Reservation date": "reservation_date",
    "Uploaded": "uploaded",
    "Is revision of": "is_revision_of",
    "Revised to": "revised_to",
    "Release": "release",
    "Spec": "spec",
    "Version": "version",
    "Related WIs": "related_wis",
    "CR": "cr",
    "CR revision": "cr_revision",
    "CR category": "cr_category",
    "TSG CR Pack": "tsg_cr_pack",
    "Reply to": "reply_to",
    "To": "to",
    "Cc": "cc",
    "Original LS": "original_ls",
    "Reply in": "reply_in",
    "UICC": "uicc",
    "ME": "me",
    "RAN": "ran",
    "CN": "cn",
    "Clauses Affected": "clauses_affected",
}
# Without these a list cannot be counted or attributed, so their absence is an error
# rather than a column of nulls.
REQUIRED_HEADERS: tuple[str, ...] = (
    "TDoc",
    "Title",
    "Source",
    "Type",
    "TDoc Status",
    "Agenda item",
)
DATE_COLUMNS: tuple[str, ...] = ("reservation_date", "uploaded")

# Text forms of a datetime cell. fastexcel renders true datetime cells as ISO text.
_ISO = "%Y-%m-%d %H:%M:%S%.f"
_SLASHED_PATTERN = r"^(\d{1,2})/(\d{1,2})/\d{4} \d{1,2}:\d{2}(:\d{2})?( [AaPp][Mm])?$"
_TWELVE_HOUR_PATTERN = r" [AaPp][Mm]$"


class TdocListError(ValueError):
    """A TDoc list that cannot be read as one; the message names the file and the expectation."""


@dataclass(frozen=True)
class TdocList:
    meeting: str  # canonical, e.g. "RAN1#87"
    tdocs: pl.DataFrame  # exactly TDOC_SCHEMA
    statuses: list[str]  # the official status vocabulary from the Parameters sheet ([] if absent)


def _header_key(header: str) -> str:
    return " ".join(header.split()).casefold()


_BY_KEY: dict[str, str] = {_header_key(header): header for header in HEADERS}


def map_headers(headers: list[str], source_name: str) -> dict[str, str]:
    """Sheet header → schema column for the headers we know; unknown ones are ignored.

    Raises TdocListError naming the file, the missing required headers and the headers found.
    """
    mapping: dict[str, str] = {}
    for header in headers:
        known = _BY_KEY.get(_header_key(header))
        # The first occurrence wins: a duplicated header is an export glitch, not a new field.
        if known is not None and HEADERS[known] not in mapping.values():
            mapping[header] = HEADERS[known]
    found = set(mapping.values())
    missing = [header for header in REQUIRED_HEADERS if HEADERS[header] not in found]
    if missing:
        raise TdocListError(
            f"{source_name}: sheet {DATA_SHEET!r} lacks required column(s) "
            f"{', '.join(repr(m) for m in missing)}; headers found: {headers}"
        )
    return mapping


def resolve_meeting(source_name: str, meeting: str | None) -> str:
    """The canonical meeting label, from the caller or else from the file name."""
    if meeting is not None:
        try:
            return canonical_meeting(meeting)
        except MeetingNameError as err:
            raise TdocListError(f"{source_name}: {err}") from err
    inferred = meeting_from_filename(source_name)
    if inferred is None:
        raise TdocListError(
            f"{source_name}: cannot tell the meeting from the file name "
            "(expected e.g. TDoc_List_Meeting_RAN1#87.xlsx or TDoc_List_TSGR1_86b.xlsx); "
            "pass it with --meeting RAN1#87"
        )
    return inferred


def _open(data: bytes | Path, source_name: str) -> fastexcel.ExcelReader:
    raw = data if isinstance(data, bytes) else data.read_bytes()
    check_zip(raw, source_name, TdocListError, "xlsx workbook")
    try:
        return fastexcel.read_excel(raw)
    except Exception as err:  # fastexcel raises its own error types per failure
        raise TdocListError(f"{source_name}: not a readable xlsx workbook ({err})") from err


def _read_sheet(reader: fastexcel.ExcelReader, sheet: str, source_name: str) -> pl.DataFrame:
    if sheet not in reader.sheet_names:
        raise TdocListError(
            f"{source_name}: no sheet {sheet!r} (expected an MCC TDoc list); "
            f"sheets found: {reader.sheet_names}"
        )
    # Everything as text: cell types differ between files and we type columns ourselves.
    try:
        frame = reader.load_sheet_by_name(sheet, dtypes="string").to_polars()
    except fastexcel.FastExcelError as exc:  # the zip is sound, the sheet's XML is not
        raise TdocListError(f"{source_name}: sheet {sheet!r} is damaged ({_first(exc)})") from exc
    assert isinstance(frame, pl.DataFrame)
    return frame


def _first(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def read_statuses(reader: fastexcel.ExcelReader, source_name: str) -> list[str]:
    """The Parameters sheet's status vocabulary, in the file's order ([] if absent)."""
    if PARAMETERS_SHEET not in reader.sheet_names:
        return []
    try:
        params = reader.load_sheet_by_name(PARAMETERS_SHEET, dtypes="string").to_polars()
    except fastexcel.FastExcelError as exc:
        raise TdocListError(
            f"{source_name}: sheet {PARAMETERS_SHEET!r} is damaged ({_first(exc)})"
        ) from exc
    assert isinstance(params, pl.DataFrame)
    column = next((c for c in params.columns if _header_key(c) == _header_key(STATUS_HEADER)), None)
    if column is None:
        return []
    values = params.get_column(column).str.strip_chars().drop_nulls()
    return [value for value in values.to_list() if value]


def _clean_text(column: str) -> pl.Expr:
    # strip_chars() trims Unicode whitespace, so the portal's pasted U+00A0 goes too.
    return pl.col(column).str.strip_chars().replace("", None).alias(column)


def day_first(values: pl.Series) -> bool:
    """Whether slashed dates in this column are day/month (True) or month/day (False).

    A field above 12 settles it. When every value is ambiguous, the clock decides: the
    portal writes AM/PM only in its US locale (month first) and a 24 h clock in its
    European one (day first), which is what every real list shows.
    """
    parts = values.str.extract_groups(_SLASHED_PATTERN).struct.unnest()
    first = parts.get_column("1").cast(pl.Int32, strict=False).max()
    second = parts.get_column("2").cast(pl.Int32, strict=False).max()
    if isinstance(first, int) and first > 12:
        return True
    if isinstance(second, int) and second > 12:
        return False
    return not bool(values.str.contains(_TWELVE_HOUR_PATTERN).any())


def _slashed_format(values: pl.Series) -> str:
    date = "%d/%m/%Y" if day_first(values) else "%m/%d/%Y"
    if bool(values.str.contains(_TWELVE_HOUR_PATTERN).any()):
        return f"{date} %I:%M:%S %p"
    return f"{date} %H:%M:%S"


def parse_datetimes(values: pl.Series, column: str, source_name: str) -> pl.Series:
    """Text cells of one date column (ISO, or slashed in either order) → Datetime("us")."""
    text = values.drop_nulls()
    parsed = pl.Series(column, [None] * len(values), dtype=pl.Datetime("us"))
    if text.is_empty():
        return parsed
    slashed = text.filter(text.str.contains(_SLASHED_PATTERN))
    candidates = [values.str.strptime(pl.Datetime("us"), _ISO, strict=False)]
    if not slashed.is_empty():
        candidates.append(
            values.str.strptime(pl.Datetime("us"), _slashed_format(slashed), strict=False)
        )
    parsed = pl.select(pl.coalesce(candidates)).to_series().alias(column)
    failed = values.filter(values.is_not_null() & parsed.is_null())
    if not failed.is_empty():
        raise TdocListError(
            f"{source_name}: column {column!r} has {len(failed)} value(s) that are not dates "
            f"(expected a datetime cell, 'M/D/YYYY h:mm:ss AM' or 'DD/MM/YYYY HH:MM:SS'), "
            f"e.g. {failed[0]!r}"
        )
    return parsed


def _until_first_empty_tdoc(frame: pl.DataFrame) -> pl.DataFrame:
    # The sheet's used range runs to ~1,048,550 rows in some readers; the data ends at
    # the first row without a TDoc number.
    empty = frame.get_column("tdoc").is_null()
    if not bool(empty.any()):
        return frame
    first = empty.arg_max()
    return frame.head(first if first is not None else frame.height)


def tdoc_frame(sheet: pl.DataFrame, meeting: str, source_name: str) -> pl.DataFrame:
    """The TDoc_List sheet (all text) → TDOC_SCHEMA, rows up to the first empty TDoc."""
    mapping = map_headers(sheet.columns, source_name)
    renamed = sheet.select([pl.col(header).alias(column) for header, column in mapping.items()])
    cleaned = renamed.with_columns(_clean_text(c) for c in renamed.columns)
    cleaned = _until_first_empty_tdoc(cleaned)
    repeated = cleaned.filter(pl.col("tdoc").is_duplicated())["tdoc"].unique().sort()
    if repeated.len():
        shown = ", ".join(repeated.head(5).to_list())
        raise TdocListError(
            f"{source_name}: TDoc number(s) {shown}{' …' if repeated.len() > 5 else ''} appear "
            f"more than once; an MCC list names each TDoc once (a damaged or hand-edited file?)"
        )
    dates = [
        parse_datetimes(cleaned.get_column(c), c, source_name)
        for c in DATE_COLUMNS
        if c in cleaned.columns
    ]
    cleaned = cleaned.with_columns(dates)
    return cleaned.select(
        pl.col(name).cast(dtype) if name in cleaned.columns else pl.lit(None, dtype).alias(name)
        for name, dtype in TDOC_SCHEMA.items()
        if name != "meeting"
    ).select(pl.lit(meeting, pl.String).alias("meeting"), pl.all())


def parse_tdoc_list(data: bytes | Path, source_name: str, meeting: str | None = None) -> TdocList:
    """Read one TDoc list workbook; every row is kept, withdrawn ones included.

    ``source_name`` is the file name as published (it names the meeting and is quoted
    in every error); ``meeting`` overrides what the name says.
    """
    label = resolve_meeting(source_name, meeting)
    reader = _open(data, source_name)
    sheet = _read_sheet(reader, DATA_SHEET, source_name)
    tdocs = tdoc_frame(sheet, label, source_name)
    return TdocList(meeting=label, tdocs=tdocs, statuses=read_statuses(reader, source_name))


__all__ = [
    "HEADERS",
    "REQUIRED_HEADERS",
    "TdocList",
    "TdocListError",
    "day_first",
    "map_headers",
    "parse_datetimes",
    "parse_tdoc_list",
    "read_statuses",
    "resolve_meeting",
    "tdoc_frame",
]
