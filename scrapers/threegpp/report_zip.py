"""The files a meeting's Report/ zip holds that sdo can load: participant lists and reports.

A meeting's Report/ folder publishes zips holding the minutes (docx) and the participant
list (xls, xlsx or csv; which member that is, participant_files decides). xlsx and docx are
zips themselves, so a zip counts as a Report archive only when it is not an Office document
([Content_Types].xml at its root).
"""

from __future__ import annotations

import io
import re
import zipfile

from scrapers.threegpp.participant_files import ListChoice, choose_participant_list
from scrapers.zip_guard import check_zip

MAX_MEMBER_BYTES = 200 * 1024 * 1024  # a decompressed member larger than this is refused

_WANTED = {
    "report": re.compile(r"(^|/)[^/]*report[^/]*\.docx$", re.IGNORECASE),
}


class ReportZipError(ValueError):
    pass


def is_report_zip(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except zipfile.BadZipFile:
        return False


def members_for(kind: str, data: bytes, source_name: str) -> list[tuple[str, bytes]]:
    """(member name, bytes) of the files of ``kind`` inside a Report/ zip."""
    pattern = _WANTED.get(kind)
    if pattern is None:
        raise ReportZipError(f"{source_name}: a zip can hold {', '.join(_WANTED)}, not {kind}")
    check_zip(data, source_name, ReportZipError, "zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        found = []
        for info in archive.infolist():
            if info.is_dir() or not pattern.search(info.filename):
                continue
            found.append((info.filename.rsplit("/", 1)[-1], _read(archive, info, source_name)))
    if not found:
        raise ReportZipError(
            f"{source_name}: a zip with no {kind} file inside "
            f"(expected a name matching {pattern.pattern})"
        )
    return found


def participant_list_in(data: bytes, source_name: str) -> tuple[ListChoice, bytes | None]:
    """The participant list a Report/ zip holds (see choose_participant_list), and its bytes;
    None when the zip holds none."""
    check_zip(data, source_name, ReportZipError, "zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = {i.filename: i for i in archive.infolist() if not i.is_dir()}
        choice = choose_participant_list(sorted(infos))
        if choice.chosen is None:
            return choice, None
        return choice, _read(archive, infos[choice.chosen.path], source_name)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source_name: str) -> bytes:
    if info.file_size > MAX_MEMBER_BYTES:
        raise ReportZipError(
            f"{source_name}: {info.filename} would decompress to {info.file_size} "
            f"bytes, over the {MAX_MEMBER_BYTES} byte limit"
        )
    return archive.read(info)
