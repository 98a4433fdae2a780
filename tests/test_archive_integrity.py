"""The raw archive proves what it holds: replay checks every object against the sha256 it is
named by and the size the index recorded, and names object and URL when it does not match."""

from __future__ import annotations

import gzip
import logging
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import refresh_threegpp_source
from flows.settings import SAMPLE_ARCHIVE, Settings
from scrapers.archive import ArchiveCorrupt, ArchiveReplay, RawArchive

URL = "https://example.invalid/list.xlsx"
LIST_87 = "https://portal.3gpp.org/ngppapp/GenerateDocumentList.aspx?meetingId=9000870"
LIST_86B = "134eddbdee6d1a9bc5d0bb066b587af2fa718cfd95c80fd1aca3b6f83ea967bb"


def _archive_with(tmp_path: Path, body: bytes) -> tuple[RawArchive, Path]:
    archive = RawArchive(tmp_path / "raw")
    entry = archive.put(URL, 200, "text/plain", body)
    return archive, archive.object_path(entry.sha256)


def test_a_valid_gzip_with_other_content_is_refused_naming_object_and_url(tmp_path) -> None:
    archive, path = _archive_with(tmp_path, b"2741 TDocs")
    path.write_bytes(gzip.compress(b"6 TDocs!!!", mtime=0))  # same length, other bytes
    with pytest.raises(ArchiveCorrupt) as caught:
        ArchiveReplay(archive).get(URL)
    message = str(caught.value)
    assert str(path) in message and URL in message
    assert "holds other bytes than were archived" in message


def test_a_damaged_gzip_is_named(tmp_path) -> None:
    archive, path = _archive_with(tmp_path, b"a body" * 100)
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(ArchiveCorrupt, match=r"the response to https://example\.invalid.*not a"):
        ArchiveReplay(archive).get(URL)
    path.write_bytes(b"not gzip at all")
    with pytest.raises(ArchiveCorrupt, match="not a readable gzip file"):
        ArchiveReplay(archive).get(URL)


def test_a_missing_object_is_named(tmp_path) -> None:
    archive, path = _archive_with(tmp_path, b"body")
    path.unlink()
    with pytest.raises(ArchiveCorrupt, match="is missing from the archive"):
        ArchiveReplay(archive).get(URL)


def test_a_planted_object_is_not_inflated_past_its_recorded_size(tmp_path) -> None:
    archive, path = _archive_with(tmp_path, b"small")
    path.write_bytes(gzip.compress(b"\0" * 50_000_000, mtime=0))  # 50 MB in ~50 kB
    with pytest.raises(ArchiveCorrupt, match=r"holds more than 6 bytes where the index recorded 5"):
        ArchiveReplay(archive).get(URL)


def test_a_refresh_from_a_tampered_archive_fails_and_changes_nothing(tmp_path) -> None:
    """RAN1#87's TDoc list swapped for RAN1#86bis's (a valid gzip of a valid list, so it
    would have loaded silently under the wrong meeting's name)."""
    tampered = tmp_path / "archive"
    shutil.copytree(SAMPLE_ARCHIVE, tampered)
    archive = RawArchive(tampered)
    entry = next(e for e in archive.entries() if e.url == LIST_87)
    shutil.copy(archive.object_path(LIST_86B), archive.object_path(entry.sha256))
    settings = Settings.from_env(tmp_path / "sdo.duckdb")
    log = logging.getLogger("test")
    with pytest.raises(ArchiveCorrupt, match=r"meetingId=9000870\) holds 571,400 bytes"):
        refresh_threegpp_source(settings, True, tampered, [], None, log)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM threegpp_tdocs").fetchall() == [(0,)]
        status, message = con.execute("SELECT status, message FROM refresh_runs").fetchall()[0]
    assert status == "failed" and "ArchiveCorrupt" in message and str(tampered) in message
