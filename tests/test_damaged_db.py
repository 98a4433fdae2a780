"""A damaged database file (truncated, bit-flipped, not a database at all): every command
says so in one line with the way back, never a traceback. Runs the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SDO = Path(sys.executable).parent / "sdo"
BLOCK = 262144  # DuckDB's block size: every block carries a checksum


def _sound(path: Path) -> Path:
    from tests.conftest import one_meeting_warehouse

    one_meeting_warehouse(path, ["Huawei", "Cisco Systems"]).close()
    return path


def truncated(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def bit_flipped(path: Path) -> None:
    with path.open("r+b") as handle:
        for offset in range(3 * 4096 + 64, path.stat().st_size, BLOCK):
            handle.seek(offset)
            handle.write(b"\xff" * 32)


def not_a_database(path: Path) -> None:
    path.write_bytes(b"this was a spreadsheet once")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SDO), *args], env=dict(os.environ), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


@pytest.mark.parametrize("damage", [truncated, bit_flipped, not_a_database])
@pytest.mark.parametrize(
    "command",
    [["status"], ["sql", "SELECT * FROM delegation_by_group"], ["orgs", "unmatched"]],
)
def test_a_damaged_database_is_one_line_with_the_way_back(tmp_path, damage, command) -> None:
    db = _sound(tmp_path / "sdo.duckdb")
    damage(db)
    result = run(*command, "--db", str(db))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "╭" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {db}: the database file is damaged (")
    assert "sdo refresh --offline --archive" in lines[0]
