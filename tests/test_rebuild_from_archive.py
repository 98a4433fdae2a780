"""The archive is the source of truth: a database lost after imports is rebuilt from the
raw archive alone (`sdo refresh 3gpp --offline --archive DIR`), identically, each file read
again as it was imported and checked against its sha256."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import FIXTURES
from tests.test_same_output import contents

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"


def sdo(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_lost_database_is_rebuilt_identically_from_the_archive(tmp_path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    monkeypatch.setenv("SDO_RAW", str(raw))
    db = tmp_path / "sdo.duckdb"
    steps = [
        ("tdoc-list", THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx", "--meeting", "RAN1#87"),
        ("report", THREEGPP / "reports" / "Final_Report_RAN1-87.docx"),
        ("membership", THREEGPP / "membership" / "3GPPMembership_2025-01.csv", "--as-of",
         "2025-01-14"),
        ("participants", THREEGPP / "participants" / "PartList_3GPPRAN1#99_signed.csv"),
        ("tdoc-list", THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_86b.xlsx"),
    ]  # fmt: skip
    for kind, path, *options in steps:
        code, out = sdo("import", kind, path, *options, "--db", db)
        assert code == 0, out
    # a file that failed at import is archived too, and fails the same way on replay
    broken = tmp_path / "TDoc_List_Meeting_RAN1#90.xlsx"
    broken.write_bytes(b"not a workbook")
    assert sdo("import", "tdoc-list", broken, "--db", db)[0] == 1
    before = contents(db)
    assert before["threegpp_tdocs"] and before["threegpp_members"]
    records = [json.loads(line) for line in (raw / "index.jsonl").read_text().splitlines()]
    assert records[0]["options"] == {"kind": "tdoc-list", "meeting": "RAN1#87",
                                     "name": "TDoc_List_TSGR1_87.xlsx"}  # fmt: skip
    assert records[2]["options"]["as_of"] == "2025-01-14"

    db.unlink()
    code, out = sdo("refresh", "3gpp", "--offline", "--archive", raw, "--db", db)
    assert code == 0, out
    after = contents(db)
    assert [t for t in before if before[t] != after.get(t)] == []


def test_a_substituted_import_stops_the_rebuild_naming_it(tmp_path, monkeypatch) -> None:
    from scrapers.archive import RawArchive

    raw = tmp_path / "raw"
    monkeypatch.setenv("SDO_RAW", str(raw))
    db = tmp_path / "sdo.duckdb"
    listed = THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"
    assert sdo("import", "tdoc-list", listed, "--db", db)[0] == 0
    archive = RawArchive(raw)
    (entry,) = archive.entries()
    other = (THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_86b.xlsx").read_bytes()
    import gzip

    archive.object_path(entry.sha256).write_bytes(gzip.compress(other, mtime=0))
    db.unlink()
    result = runner.invoke(app, ["refresh", "3gpp", "--offline", "--archive", str(raw), "--db",
                                 str(db)])  # fmt: skip
    assert result.exit_code != 0
    assert "TDoc_List_TSGR1_87.xlsx" in result.output or isinstance(result.exception, Exception)


def test_one_meeting_twice_in_one_import_loads_as_the_later_file(tmp_path) -> None:
    """Two files for one meeting in one batch used to collide on the table's key."""
    db = tmp_path / "sdo.duckdb"
    listed = THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_86b.xlsx"
    code, out = sdo("import", "tdoc-list", listed, listed, "--db", db)
    assert code == 0, out
    assert len(contents(db)["threegpp_tdocs"]) == 2514
