"""The zip guard believes no declared size: parts are inflated for real, counted, and
stopped at the limit; a DOCTYPE anywhere in an XML part is found."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import pytest

import scrapers.zip_guard as guard
from scrapers.zip_guard import check_zip
from tests.test_hostile_input import zipped


def lying(data: bytes, part: str, declared: int) -> bytes:
    """``data`` with ``part``'s uncompressed size rewritten to ``declared`` in both its
    local and its central header, as a hostile file would."""
    out = bytearray(data)
    name = part.encode()
    local = out.find(b"PK\x03\x04")
    while local != -1:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, declared)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, declared)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def sheet_text(size: int) -> bytes:
    """Compressible like a real sheet (about 4:1), not like zeros."""
    rng = random.Random(86)
    rows, total = [], 0
    while total < size:
        row = f'<row r="{len(rows)}"><c t="s"><v>{rng.randrange(10**6)}</v></c></row>'.encode()
        rows.append(row)
        total += len(row)
    return b"<worksheet><sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"


def test_an_honest_office_file_passes() -> None:
    check_zip(zipped({"[Content_Types].xml": b"<Types/>", "xl/s.xml": sheet_text(3 << 20)}), "ok")


def test_a_part_that_inflates_to_more_than_it_declares_is_refused() -> None:
    body = sheet_text(2 << 20)
    data = lying(zipped({"[Content_Types].xml": b"<Types/>", "xl/s.xml": body}), "xl/s.xml", 4096)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/s.xml").file_size == 4096
    with pytest.raises(
        ValueError,
        match=rf"x\.xlsx: part xl/s\.xml declares 4,096 bytes but inflates to {len(body):,}",
    ):
        check_zip(data, "x.xlsx")


def test_inflation_stops_at_the_limit_whatever_the_parts_declare(monkeypatch) -> None:
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 1 << 20)
    body = sheet_text(8 << 20)
    data = lying(zipped({"xl/s.xml": body}), "xl/s.xml", 1000)  # declares 1 kB in all
    with pytest.raises(ValueError, match=r"inflates past the 1,048,576 byte limit"):
        check_zip(data, "x.xlsx")


def test_a_doctype_after_a_long_comment_is_found() -> None:
    hidden = (
        b'<?xml version="1.0"?><!--' + b"x" * 5000 + b"-->"
        b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    )
    with pytest.raises(ValueError, match=r"part word/document\.xml declares a DOCTYPE"):
        check_zip(
            zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": hidden}), "r.docx"
        )
    # ... and one split across two inflated chunks
    split = b"<a>" + b" " * (guard._CHUNK - 5) + b"<!DOCTYPE d>" + b"<d/></a>"
    with pytest.raises(ValueError, match="declares a DOCTYPE"):
        check_zip(zipped({"xl/s.xml": split}), "s.xlsx")


def test_a_part_cut_off_is_named() -> None:
    data = zipped({"xl/s.xml": sheet_text(1 << 20)})
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/s.xml")
    cut = bytearray(data)
    start = info.header_offset + 30 + len(b"xl/s.xml")
    cut[start + 100 : start + 400] = bytes(300)  # damage the deflate stream in place
    with pytest.raises(ValueError, match=r"s\.xlsx: part xl/s\.xml is damaged"):
        check_zip(bytes(cut), "s.xlsx")


WORST_CASE = """
import sys
from scrapers.threegpp.tdoc_list import HEADERS, parse_tdoc_list
from tests.peak_memory import own_peak_mb
from tests.test_participants import build_xlsx

values = {"Title": "A title long enough to look like a real one " * 2,
          "Source": "Huawei, HiSilicon, ZTE", "Contact": "Someone", "Type": "discussion",
          "For": "Decision", "Abstract": "abstract " * 5, "Agenda item": "8.1",
          "TDoc Status": "agreed", "Reservation date": "12/09/2025 07:45:19",
          "Uploaded": "12/09/2025 08:45:19"}
rows = [list(HEADERS)] + [
    [f"R1-{2000000 + i}" if h == "TDoc" else values.get(h) for h in HEADERS]
    for i in range(int(sys.argv[1]))
]
parsed = parse_tdoc_list(build_xlsx(rows, sheet="TDoc_List"), "TDoc_List_Meeting_RAN1#87.xlsx")
print(parsed.tdocs.height, own_peak_mb())
"""


def test_the_largest_list_the_limit_admits_parses_in_bounded_memory() -> None:
    """A generated worst case: a TDoc list inflating to just under the 64 MiB limit (60k
    rows, 3.5 times the largest real file) is read whole in a few hundred MB; one more
    slice of rows is refused before any reader sees it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-c", WORST_CASE, "60000"], cwd=root, capture_output=True, text=True,
        timeout=300, check=True,
    )  # fmt: skip
    rows, peak_mb = map(int, run.stdout.split())
    assert rows == 60000
    assert peak_mb < 1024, f"peak RSS {peak_mb} MB"
    over = subprocess.run(
        [sys.executable, "-c", WORST_CASE, "70000"], cwd=root, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert over.returncode != 0 and "over the 67,108,864 byte limit" in over.stderr


def test_a_sheet_spanning_the_whole_grid_is_refused_before_the_reader_allocates_it() -> None:
    """Two cells, at A1 and XFD1048576: the reader would allocate 17 billion cells and abort
    the process. Formatted empty cells (self-closing, as real lists have down to row
    1,048,550) do not count."""
    from tests.test_participants import build_xlsx

    def with_far_cell(cell: str) -> bytes:
        data = build_xlsx([["Name", "Company"], ["Alice Example", "Nokia"]])
        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    body = body.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
                target.writestr(info.filename, body)
        return buffer.getvalue()

    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    with pytest.raises(
        ValueError, match=r"spans rows 1-1048576 x columns 1-16384 \(17,179,869,184"
    ):
        check_zip(with_far_cell(far), "PartList_x.xlsx")
    formatted = '<row r="1048576"><c r="XFD1048576" s="5"/></row>'
    check_zip(with_far_cell(formatted), "PartList_x.xlsx")


def test_a_hostile_xls_costs_a_worker_not_the_process() -> None:
    """A fuzz finding (tests/fixtures/hostile/PROVENANCE.md): 6 KB that made the xls reader
    ask for 2 GB and abort the process it ran in."""
    from pathlib import Path

    from scrapers.threegpp.participants import ParticipantListError, parse_participant_list

    hostile = Path(__file__).parent / "fixtures" / "hostile" / "3gppRAN1_84_signed_asks_2GB.xls"
    with pytest.raises(ParticipantListError, match=r"3gppRAN1_84_signed\.xls: not a readable xls"):
        parse_participant_list(hostile.read_bytes(), "3gppRAN1_84_signed.xls")


def test_a_megabyte_long_cell_reference_is_refused() -> None:
    """A fuzz finding: one reference a megabyte long, running across the chunks the guard
    reads, made the reader ask for 494 GB."""
    from pathlib import Path

    hostile = (
        Path(__file__).parent / "fixtures" / "hostile"
        / "PartList_3GPPRAN1#87_megabyte_reference.xlsx"
    )  # fmt: skip
    with pytest.raises(ValueError, match=r"sheet1\.xml has a cell reference outside the grid"):
        check_zip(hostile.read_bytes(), hostile.name)


def test_a_sheet_past_the_quick_bound_is_measured_cell_by_cell() -> None:
    """A sheet whose references stay within ZZ9999 is settled by one search; a longer one
    (a real list could grow past 9,999 rows) is read again and measured exactly: 20,000
    rows of 3 columns pass, the same rows reaching column AAA (703 wide) do not."""

    def sheet(rows: int, last_column: str) -> bytes:
        cells = "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c>'
            f'<c r="{last_column}{r}" t="inlineStr"><is><t>y</t></is></c></row>'
            for r in range(1, rows + 1)
        )
        return f"<worksheet><sheetData>{cells}</sheetData></worksheet>".encode()

    long = zipped({"xl/worksheets/sheet1.xml": sheet(20_000, "C")})
    check_zip(long, "TDoc_List_long.xlsx")
    wide = zipped({"xl/worksheets/sheet1.xml": sheet(20_000, "AAA")})
    with pytest.raises(ValueError, match=r"spans rows 1-20000 x columns 1-703 \(14,060,000"):
        check_zip(wide, "TDoc_List_wide.xlsx")
    # row 0 is off the grid, however small the sheet
    zero = sheet(3, "C").replace(b'r="C2"', b'r="C0"')
    with pytest.raises(ValueError, match=r"outside the grid"):
        check_zip(zipped({"xl/worksheets/sheet1.xml": zero}), "TDoc_List_zero.xlsx")
