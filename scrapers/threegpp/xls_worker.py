"""Reads an old binary .xls workbook in a process of its own, under a memory limit.

The xls reader (calamine, in Rust) believes the record sizes a file gives: 6 KB of hostile
bytes made it ask for 2 GB and abort the whole process, which no exception handler can
catch. So the parent hands the bytes to this worker on stdin, with an address-space limit
set before anything is read, and gets every sheet back as JSON on stdout; a worker that
dies costs that one file. Run as ``python -m scrapers.threegpp.xls_worker LIMIT_MB``.
"""

from __future__ import annotations

import json
import resource
import sys


def main() -> None:
    limit = int(sys.argv[1]) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import fastexcel  # after the limit: the reader's allocations count against it

    reader = fastexcel.read_excel(sys.stdin.buffer.read())
    sheets = {}
    for name in reader.sheet_names:
        sheet = reader.load_sheet_by_name(name, header_row=None, dtypes="string")
        sheets[name] = [list(row) for row in sheet.to_polars().iter_rows()]
    json.dump(sheets, sys.stdout)


if __name__ == "__main__":
    main()
