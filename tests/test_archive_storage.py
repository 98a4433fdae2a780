"""How the raw archive stores bodies: text gzipped fast, compressed formats as they came,
and archives written before (every body gzipped at level 9) still replayed byte for byte."""

from __future__ import annotations

import gzip
import shutil

from flows.settings import SAMPLE_ARCHIVE
from scrapers.archive import ArchiveReplay, RawArchive
from tests.conftest import FIXTURES

LIST_89 = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_89.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GZIP_FASTEST = 4  # the gzip header's XFL byte when written at level 1 (RFC 1952)


def test_text_is_gzipped_at_the_fast_level(tmp_path) -> None:
    archive = RawArchive(tmp_path)
    body = b'{"objects": []}' * 1000
    entry = archive.put("https://datatracker.ietf.org/api/v1/x", 200, "application/json", body)
    path = archive.object_path(entry.sha256)
    assert path.name == f"{entry.sha256}.gz"
    data = path.read_bytes()
    assert data[8] == GZIP_FASTEST and gzip.decompress(data) == body
    assert archive.read_body(entry.sha256, size=len(body)) == body


def test_a_real_tdoc_list_is_stored_as_it_came(tmp_path) -> None:
    archive = RawArchive(tmp_path)
    body = LIST_89.read_bytes()
    entry = archive.put("file:///TDoc_List_TSGR1_89.xlsx", 200, XLSX, body)
    path = archive.object_path(entry.sha256)
    assert path.name == entry.sha256 and path.read_bytes() == body
    assert archive.read_body(entry.sha256, size=len(body)) == body


def test_a_gzip_body_is_kept_gzipped_not_inflated_on_reading(tmp_path) -> None:
    archive = RawArchive(tmp_path)
    body = gzip.compress(b"[]" * 500, mtime=0)
    entry = archive.put("https://example.invalid/ietf110.json.gz", 200, "application/gzip", body)
    assert archive.object_path(entry.sha256).read_bytes() == body
    assert archive.read_body(entry.sha256) == body


def test_an_archive_written_before_replays_and_is_not_written_twice(tmp_path) -> None:
    """samples/archive was written when every body, xlsx included, was gzipped at level 9."""
    old = tmp_path / "archive"
    shutil.copytree(SAMPLE_ARCHIVE, old)
    archive = RawArchive(old)
    entries = archive.entries()
    sheets = [e for e in entries if e.content_type == XLSX]
    assert len(entries) == 34 and len(sheets) == 3
    for entry in sheets:
        assert archive.object_path(entry.sha256).suffix == ".gz"  # the old layout
    replay = ArchiveReplay(archive)
    for entry in entries:
        fetched = replay.get(entry.url)
        assert len(fetched.body) == entry.bytes
    objects = sorted(p.relative_to(old) for p in (old / "objects").rglob("*"))
    for entry in entries:  # the same bodies archived again: found, not stored a second time
        archive.put(entry.url, 200, entry.content_type, archive.read_body(entry.sha256))
    assert sorted(p.relative_to(old) for p in (old / "objects").rglob("*")) == objects
