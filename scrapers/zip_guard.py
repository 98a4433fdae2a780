"""Checks on zip-based files (xlsx, docx, Report/ zips) before anything parses them.

An Office file is a zip of XML parts. Before a parser sees one: it must be a zip; it must
not decompress to more than ``MAX_TOTAL_BYTES`` (nor any large part at a ratio only a
zip bomb reaches); and no XML part may declare a DOCTYPE, the door to entity expansion
("billion laughs") and external entities. Every refusal names the file and the reason.
"""

from __future__ import annotations

import io
import re
import zipfile

MAX_TOTAL_BYTES = 512 * 1024 * 1024  # the largest real TDoc list unpacks to a few MB
MAX_RATIO = 200  # real sheets compress 10-30 times; zeros compress a thousand times
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small parts may compress as well as they like
XML_SNIFF_BYTES = 4096


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
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise error(
                f"{source_name}: would decompress to {total:,} bytes, over the "
                f"{MAX_TOTAL_BYTES:,} byte limit; refusing what looks like a zip bomb"
            )
        for info in infos:
            if info.file_size >= RATIO_CHECK_FROM and info.compress_size:
                ratio = info.file_size / info.compress_size
                if ratio > MAX_RATIO:
                    raise error(
                        f"{source_name}: part {info.filename} expands {ratio:,.0f} times "
                        f"({info.file_size:,} bytes); refusing what looks like a zip bomb"
                    )
            if info.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(info) as part:
                        head = part.read(XML_SNIFF_BYTES)
                except (zipfile.BadZipFile, OSError, ValueError) as exc:
                    raise error(f"{source_name}: part {info.filename} is damaged ({exc})") from exc
                if b"<!DOCTYPE" in head.upper():
                    raise error(
                        f"{source_name}: part {info.filename} declares a DOCTYPE; refusing a "
                        "file that could expand or fetch entities"
                    )
