"""A spreadsheet file as rows of cleaned text cells, whatever its format: xlsx, xls or csv.

Old binary xls is read in a contained worker process (xls_worker), because its reader can
be made to abort the process it runs in.

3GPP's participant lists came as old binary xls (2016), xlsx and csv over the years. Parsers
above this one look for header rows by name, so they only need each sheet's cells as text.
Every refusal names the file and what was expected; an HTML page where a sheet should be
(a login or error page served with 200) is named as such.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import polars as pl

from scrapers.zip_guard import check_zip, html_page

Rows = list[list[str | None]]
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of binary .xls files
_CSV_DELIMITERS = ",;\t"


class SheetError(ValueError):
    pass


def sheet_format(data: bytes, name: str) -> str:
    """xlsx, xls or csv: from the bytes where they say, else from the name."""
    if data.startswith(b"PK"):
        return "xlsx"
    if data.startswith(OLE2_MAGIC):
        return "xls"
    page = html_page(data)
    if page is not None:
        raise SheetError(
            f"{name}: an HTML page ({page}) came back where a spreadsheet was expected: "
            "a login or error page?"
        )
    extension = name.lower().rpartition(".")[2]
    if extension in ("csv", "xlsx", "xls"):
        return extension  # an xlsx or xls that is not one is refused by its reader, named
    raise SheetError(f"{name}: not a spreadsheet (expected an xlsx, xls or csv file)")


def read_sheets(data: bytes, name: str) -> dict[str, Rows]:
    """Every sheet of the file → its rows, each cell stripped text or None.

    A csv file says nothing of its delimiter (Excel writes ';' where the decimal mark is a
    comma), so it comes back as one "sheet" per delimiter, the sniffed one first: a caller
    looking for a header row takes the first reading that has one."""
    fmt = sheet_format(data, name)
    if fmt == "csv":
        return _csv_readings(data, name)
    if fmt == "xls":
        return _xls_sheets(data, name)
    check_zip(data, name, SheetError, "xlsx workbook")
    try:
        sheets = pl.read_excel(
            io.BytesIO(data), engine="calamine", sheet_id=0, has_header=False,
            infer_schema_length=0,
        )  # fmt: skip
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise SheetError(f"{name}: not a readable {fmt} workbook ({exc})") from exc
    return {
        sheet: [[clean_cell(v) for v in row] for row in frame.iter_rows()]
        for sheet, frame in sheets.items()
    }


XLS_MEMORY_MB = 1024  # the xls worker's address space: a real list needs a few tens of MB
XLS_SECONDS = 120


def _xls_sheets(data: bytes, name: str) -> dict[str, Rows]:
    """An xls workbook read by the contained worker (xls_worker): a hostile file costs a
    child process, not this one."""
    command = [sys.executable, "-m", "scrapers.threegpp.xls_worker", str(XLS_MEMORY_MB)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=XLS_SECONDS, check=False,
            cwd=Path(__file__).resolve().parents[2],
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise SheetError(
            f"{name}: not a readable xls workbook (no answer in {XLS_SECONDS} s)"
        ) from exc
    if done.returncode != 0:
        text = done.stderr.decode("utf-8", "replace")
        lines = [line for line in text.strip().splitlines() if "Error" in line or "failed" in line]
        why = lines[-1].strip() if lines else f"exit {done.returncode}"
        if done.returncode < 0 or "memory allocation" in text:
            why = f"the reader gave up past {XLS_MEMORY_MB} MB or crashed: {why}"
        raise SheetError(f"{name}: not a readable xls workbook ({why})")
    sheets = json.loads(done.stdout)
    return {sheet: [[clean_cell(v) for v in row] for row in rows] for sheet, rows in sheets.items()}


def clean_cell(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).replace("\xa0", " ").split())
    return text or None


def _csv_readings(data: bytes, name: str) -> dict[str, Rows]:
    text = _decode(data)
    try:
        sniffed = csv.Sniffer().sniff(text[:65536], _CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","  # one column, or too little to tell
    order = [sniffed, *(d for d in _CSV_DELIMITERS if d != sniffed)]
    readings: dict[str, Rows] = {}
    for delimiter in order:
        try:
            reader = csv.reader(io.StringIO(text), delimiter=delimiter)
            readings[f"csv {delimiter!r}"] = [[clean_cell(v) for v in row] for row in reader]
        except csv.Error as exc:
            raise SheetError(f"{name}: not a readable csv file ({exc})") from exc
    return readings


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel's csv on
    Western Windows), which maps every byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
