"""Killed mid-load: the warehouse shows the state before or after each working group's
load, never half of one, and the next run completes to exactly what a clean run gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import FIXTURES

LISTS = [
    FIXTURES / "threegpp" / "tdoc_lists" / f"TDoc_List_TSGR1_{m}.xlsx"
    for m in ("86b", "87", "122b")
] + [
    FIXTURES / "threegpp" / "tdoc_lists_other" / f"TDoc_List_Meeting_{m}.xlsx"
    for m in ("SA2#125", "RAN#90-e")
]
R1 = {"RAN1#86bis": 2514, "RAN1#87": 2741, "RAN1#122bis": 1563}
RP = {"RAN#90-e": 813}
S2 = {"SA2#125": 1416}
ROWS = R1 | RP | S2
# the groups commit one after another in code order: R1, RP, S2
STATES = ({}, R1, R1 | RP, ROWS)
SDO = Path(sys.executable).with_name("sdo")


def run_import(db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SDO_DB": str(db), "SDO_RAW": str(db.parent / "raw")}
    return subprocess.Popen(
        [str(SDO), "import", "tdoc-list", *map(str, LISTS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def loaded(db: Path) -> dict[str, int]:
    """Rows per meeting; empty when the kill landed before the schema was committed."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'threegpp_tdocs'"
        ).fetchone()
        if not tables or not tables[0]:
            return {}
        return dict(
            con.execute("SELECT meeting, count(*) FROM threegpp_tdocs GROUP BY 1").fetchall()
        )


def content(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return (
            con.execute(
                "SELECT meeting, count(*), sum(hash(tdoc || coalesce(source, '') || "
                "coalesce(status, ''))) FROM threegpp_tdocs GROUP BY 1 ORDER BY 1"
            ).fetchall()
            + con.execute(
                "SELECT count(*), sum(hash(meeting || tdoc || party || position)) "
                "FROM threegpp_cosigners"
            ).fetchall()
        )


def test_a_load_killed_at_any_moment_leaves_nothing_half_done(tmp_path):
    clean = tmp_path / "clean" / "sdo.duckdb"
    clean.parent.mkdir()
    assert run_import(clean).wait(timeout=120) == 0
    assert loaded(clean) == ROWS
    # time a warm run (the first pays for cold imports) to place the kills across one
    timed = tmp_path / "timed" / "sdo.duckdb"
    timed.parent.mkdir()
    started = time.monotonic()
    assert run_import(timed).wait(timeout=120) == 0
    took = time.monotonic() - started

    db = tmp_path / "killed" / "sdo.duckdb"
    db.parent.mkdir()
    outcomes = []
    # kills spread over the run: while migrating, while parsing, while loading, around the commit
    for fraction in (0.05, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9):
        delay = took * fraction
        process = run_import(db)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if db.exists():
            seen = loaded(db)
            # one transaction per working group: each group's lists all there or none
            assert seen in STATES, (delay, seen)
            outcomes.append(seen == ROWS)
    assert outcomes and not all(outcomes)  # some kills did land before the last commit
    assert run_import(db).wait(timeout=120) == 0
    assert content(db) == content(clean)
