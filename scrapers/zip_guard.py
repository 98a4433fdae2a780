"""Checks on zip-based files (xlsx, docx, Report/ zips) before anything parses them.

An Office file is a zip of XML parts. Before a parser sees one, every part is inflated here
for real, counting the bytes that come out (a zip's declared sizes are the attacker's to
write: one declaring 5 MB inflated to 609 MB in the reader): the whole must stay under
``MAX_TOTAL_BYTES`` (the largest real 3GPP file, a chair's report, inflates to 17 MB), no
large part may expand at a ratio only a zip bomb reaches, each part must inflate to the
size it declares, and no XML part may declare a DOCTYPE anywhere in it, the door to entity
expansion ("billion laughs") and external entities. Inflation stops the moment a limit is
passed, so memory stays at one chunk. Every refusal names the file and the reason.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from operator import itemgetter

MAX_TOTAL_BYTES = 64 * 1024 * 1024  # 3.7 times the largest real file's 17 MB
MAX_RATIO = 200  # real sheets compress 10-30 times; zeros compress a thousand times
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small parts may compress as well as they like
_CHUNK = 1 << 20
_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
# A worksheet cell's reference, for cells whose tag does not close itself (a self-closing
# cell is formatted but empty: the reader skips it, so it does not count)
_CELL = re.compile(rb'r="([A-Z]+)([0-9]+)"[^>]*[^/]>')
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # the grid of an xlsx sheet: A1:XFD1048576
# The start of a reference too long to be on the grid, found even when the reference itself
# runs on past the chunk being read (a megabyte of column letters did)
_OFF_GRID = re.compile(rb'r="(?:[A-Z]{4}|[A-Z]{1,3}[0-9]{8})')
# A reference off the grid, or a cell with content past column ZZ or row 9999 (or at a row
# with a leading zero): without one, a sheet's counted cells span at most 702 x 9,999, under
# MAX_SHEET_CELLS, and one search of each chunk settles it (every real 3GPP list: the RAN1
# lists hold 4.4 million cells, whose formatted empty cells run to row 1,048,550 and do not
# count). With one, the part is read again and every reference counted.
_PAST_QUICK_BOUND = re.compile(
    rb'r="(?:[A-Z]{4}|[A-Z]{1,3}[0-9]{8}'
    rb'|(?:[A-Z]{3}[0-9]+|[A-Z]{1,2}(?:0[0-9]*|[0-9]{5,}))"[^>]*[^/]>)'
)
_SHEET = re.compile(r"(^|/)worksheets/[^/]+\.xml$")
# The reader allocates a sheet's whole rectangle of used cells: two cells at A1 and
# XFD1048576 asked for 17 billion and aborted the process. The largest real list spans
# 3,309 x 36 cells; this is 80 times that.
MAX_SHEET_CELLS = 10_000_000
_LOCAL_HEADER = 30  # bytes of a zip local file header before its name and extra field


def html_page(data: bytes) -> str | None:
    """ "title '…'" (or "no title") when ``data`` is an HTML page, else None."""
    head = data[:4096].lstrip().lower()
    if not (head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]):
        return None
    found = re.search(rb"<title[^>]*>(.*?)</title>", data[:65536], re.IGNORECASE | re.DOTALL)
    title = " ".join(found.group(1).decode("utf-8", "replace").split()) if found else ""
    return f"title {title!r}" if title else "no title"


def check_zip(
    data: bytes, source_name: str, error: type[ValueError] = ValueError, what: str = "Office file"
) -> None:
    """Raise ``error`` naming ``source_name`` if ``data`` is not a safe zip to open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        page = html_page(data)
        if page is not None:  # a login or error page served where the file should be
            raise error(
                f"{source_name}: an HTML page ({page}) came back where the {what} was expected: "
                "a login or error page?"
            ) from exc
        raise error(f"{source_name}: not a readable {what} (not a zip archive: {exc})") from exc
    with archive:
        infos = archive.infolist()
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            raise error(
                f"{source_name}: would decompress to {declared:,} bytes, over the "
                f"{MAX_TOTAL_BYTES:,} byte limit; refusing what looks like a zip bomb"
            )
        budget = MAX_TOTAL_BYTES
        for info in infos:
            try:
                try:
                    size = _inflate_part(data, info, budget, exact=False)
                except _PastQuickBound:
                    size = _inflate_part(data, info, budget, exact=True)
                budget -= size
            except _Refused as refused:
                raise error(f"{source_name}: {refused}") from None
            except (zlib.error, ValueError, IndexError) as exc:
                raise error(f"{source_name}: part {info.filename} is damaged ({exc})") from exc


class _Refused(Exception):
    pass


class _PastQuickBound(Exception):
    """A worksheet references a cell past ZZ9999: its extent must be measured exactly."""


def _inflate_part(data: bytes, info: zipfile.ZipInfo, budget: int, exact: bool) -> int:
    """Inflate one part from its raw bytes, as a reader would; its real size.

    Raises _Refused past the budget, at a bomb's ratio, on a size other than declared, or
    on a DOCTYPE in an XML part. A worksheet's cells are bounded by one search for a
    reference past ZZ9999 (raising _PastQuickBound when there is one); with ``exact`` every
    reference is read and the sheet's rectangle measured."""
    raw = _raw_member(data, info)
    xml = info.filename.endswith((".xml", ".rels", ".vml"))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused(f"part {info.filename} uses compression {info.compress_type}, not deflate")
    size, tail = 0, b""
    sheet = bool(_SHEET.search(info.filename))
    extent = _Extent(info.filename) if sheet and exact else None
    for piece in _pieces(raw, info.compress_type == zipfile.ZIP_DEFLATED):
        size += len(piece)
        if size > budget:
            raise _Refused(
                f"inflates past the {MAX_TOTAL_BYTES:,} byte limit (part {info.filename} "
                f"alone reached {size:,} bytes); refusing what looks like a zip bomb"
            )
        if size >= RATIO_CHECK_FROM and len(raw) and size / len(raw) > MAX_RATIO:
            raise _Refused(
                f"part {info.filename} expands {size / len(raw):,.0f} times "
                f"({size:,} bytes so far); refusing what looks like a zip bomb"
            )
        if xml:
            window = tail + piece
            # b"<!" first: a plain byte search, where the case-blind pattern scans slowly
            if b"<!" in window and _DOCTYPE.search(window):
                raise _Refused(
                    f"part {info.filename} declares a DOCTYPE; refusing a file that could "
                    "expand or fetch entities"
                )
            if extent is not None:
                extent.add(window)
            elif sheet and _PAST_QUICK_BOUND.search(window):
                raise _PastQuickBound
            tail = window[-128:]
    if extent is not None and extent.cells() > MAX_SHEET_CELLS:
        raise _Refused(
            f"sheet {info.filename} spans {extent.describe()} ({extent.cells():,} cells), over "
            f"the {MAX_SHEET_CELLS:,} cell limit; a reader would allocate every one of them"
        )
    if size != info.file_size:
        raise _Refused(
            f"part {info.filename} declares {info.file_size:,} bytes but inflates to "
            f"{size:,}; refusing a file whose sizes lie"
        )
    return size


class _Extent:
    """The rectangle of a worksheet's cells with content, from their references."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: tuple[int, int] | None = None
        self.cols: tuple[int, int] | None = None

    def add(self, xml: bytes) -> None:
        if _OFF_GRID.search(xml):
            raise _Refused(
                f"sheet {self.name} has a cell reference outside the grid (A1:XFD1048576)"
            )
        found = _CELL.findall(xml)
        if not found:
            return
        # a row's number repeats in each of its cells, a column's letters in each row: the
        # distinct ones are ~36 times fewer to convert (4.4 million cells in the RAN1 lists)
        letters = set(map(itemgetter(0), found))
        numbers = set(map(itemgetter(1), found))
        if max(map(len, letters)) > 3 or max(map(len, numbers)) > 7:
            raise _Refused(
                f"sheet {self.name} has a cell reference outside the grid (A1:XFD1048576)"
            )
        rows = list(map(int, numbers))
        cols = [_column_number(c) for c in letters]
        low, high = min(rows), max(rows)
        left, right = min(cols), max(cols)
        if high > MAX_ROW or right > MAX_COLUMN or low < 1:
            raise _Refused(
                f"sheet {self.name} has a cell reference outside the grid (A1:XFD1048576)"
            )
        if self.rows is not None and self.cols is not None:
            low, high = min(low, self.rows[0]), max(high, self.rows[1])
            left, right = min(left, self.cols[0]), max(right, self.cols[1])
        self.rows, self.cols = (low, high), (left, right)

    def _off_grid(self) -> _Refused:
        return _Refused(f"sheet {self.name} has a cell reference outside the grid (A1:XFD1048576)")

    def cells(self) -> int:
        if self.rows is None or self.cols is None:
            return 0
        return (self.rows[1] - self.rows[0] + 1) * (self.cols[1] - self.cols[0] + 1)

    def describe(self) -> str:
        assert self.rows is not None and self.cols is not None
        return f"rows {self.rows[0]}-{self.rows[1]} x columns {self.cols[0]}-{self.cols[1]}"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of one part, located through its local header."""
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER]
    if len(header) < _LOCAL_HEADER or header[:4] != b"PK\x03\x04":
        raise ValueError(f"no local header at offset {start}")
    name_len = int.from_bytes(header[26:28], "little")
    extra_len = int.from_bytes(header[28:30], "little")
    begin = start + _LOCAL_HEADER + name_len + extra_len
    raw = memoryview(data)[begin : begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise ValueError("cut off")
    return raw


def _pieces(raw: memoryview, deflated: bool) -> Iterator[bytes]:
    """The part's inflated bytes, a chunk at a time."""
    if not deflated:
        for i in range(0, len(raw), _CHUNK):
            yield bytes(raw[i : i + _CHUNK])
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending: bytes = bytes(raw)
    while not inflater.eof:
        piece = inflater.decompress(pending, _CHUNK)
        pending = inflater.unconsumed_tail
        if not piece and not pending:
            raise ValueError("the compressed data ends before the part does")
        if piece:
            yield piece
