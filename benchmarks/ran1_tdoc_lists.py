"""Time the TDoc-list parser and co-signer split against polars' bare calamine read.

    uv run python benchmarks/ran1_tdoc_lists.py DIR [--runs 3]
    uv run --with openpyxl python benchmarks/ran1_tdoc_lists.py DIR   # adds openpyxl

The floor is ``pl.read_excel(path, engine="calamine", sheet_name="TDoc_List")`` over the
same files: what any reader of these workbooks pays before doing anything useful.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from scrapers.threegpp.sources import cosigner_frame
from scrapers.threegpp.tdoc_list import parse_tdoc_list
from warehouse.store.db import connect


def _bare_calamine(path: Path) -> int:
    return pl.read_excel(path, engine="calamine", sheet_name="TDoc_List").height


def _parse(path: Path) -> int:
    return parse_tdoc_list(path, path.name).tdocs.height


def _parse_and_split(path: Path) -> int:
    tdocs = parse_tdoc_list(path, path.name).tdocs
    cosigner_frame(tdocs)
    return tdocs.height


def _full_load(files: list[Path]) -> int:
    """`sdo import tdoc-list DIR/*.xlsx` into a fresh warehouse, as the command runs it:
    archive, parse (two files at a time), split Sources, resolve every party, load."""
    from flows.settings import Settings
    from flows.threegpp_import import import_files

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        settings = Settings(
            db=folder / "bench.duckdb", raw_dir=folder / "raw", ietf_url="", http_pause=0.0
        )
        outcome = import_files(settings, "tdoc-list", files, log=logging.getLogger("bench"))
        if outcome.result.status != "ok":
            raise SystemExit(f"import failed: {outcome.result.message}")
        con = connect(settings.db, read_only=True)
        (rows,) = con.execute("SELECT count(*) FROM threegpp_tdocs").fetchall()[0]
        con.close()
    return int(rows)


def _openpyxl_read_only(path: Path) -> int:
    import openpyxl  # optional: not a project dependency

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for row in book["TDoc_List"].iter_rows(min_row=2, values_only=True):
        if not row or row[0] is None:  # the used range runs far past the data
            break
        rows += 1
    book.close()
    return rows


def _time(files: list[Path], read: Callable[[Path], int], runs: int) -> tuple[int, float]:
    seconds: list[float] = []
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = sum(read(path) for path in files)
        seconds.append(time.perf_counter() - start)
    return rows, statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding TDoc_List*.xlsx files")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per reader (median)")
    args = parser.parse_args()
    # fastexcel warns on every column whose type it cannot infer; the floor read triggers it.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)

    files = sorted(args.folder.glob("TDoc_List*.xlsx"))
    if not files:
        raise SystemExit(f"no TDoc_List*.xlsx in {args.folder}")
    readers: list[tuple[str, Callable[[Path], int], int]] = [
        ("polars calamine (floor)", _bare_calamine, args.runs),
        ("parse_tdoc_list", _parse, args.runs),
        ("parse_tdoc_list + cosigner_frame", _parse_and_split, args.runs),
    ]
    if importlib.util.find_spec("openpyxl") is not None:
        readers.append(("openpyxl read-only", _openpyxl_read_only, 1))

    _bare_calamine(files[0])  # warm imports and the file cache before timing
    print(f"{len(files)} files in {args.folder}; {platform.machine()} {platform.python_version()}")
    print(f"{'reader':36} {'runs':>4} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'vs floor':>8}")
    floor = 0.0
    for name, read, runs in readers:
        rows, seconds = _time(files, read, runs)
        floor = floor or seconds
        print(
            f"{name:36} {runs:>4} {rows:>8} {seconds:>8.2f} {rows / seconds:>9,.0f} "
            f"{seconds / floor:>8.2f}"
        )
    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        rows = _full_load(files)
        runs.append(time.perf_counter() - start)
    seconds = statistics.median(runs)
    name = "parse + split + resolve + load"
    print(
        f"{name:36} {args.runs:>4} {rows:>8} {seconds:>8.2f} {rows / seconds:>9,.0f} "
        f"{seconds / floor:>8.2f}"
    )


if __name__ == "__main__":
    main()
