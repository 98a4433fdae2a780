"""Archiving and parsing 3GPP files from disk: for `sdo import` and the bundled sample."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from flows.progress import progress
from flows.settings import Settings
from scrapers.archive import RawArchive
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.files import membership_as_of, membership_batch, parse_file
from scrapers.threegpp.participants import DEFAULT_HEADERS, ParticipantHeaders


def parse_files(
    settings: Settings,
    kind: str,
    paths: list[Path],
    meeting: str | None,
    as_of: date | None,
    log: logging.Logger | logging.LoggerAdapter,
) -> tuple[ThreeGppBatch, dict[str, str]]:
    """Archive and parse each file; a file that fails is reported, the others go on."""
    archive = RawArchive(settings.raw_dir)
    batch = ThreeGppBatch()
    failures: dict[str, str] = {}
    headers = settings.participant_header_synonyms() if kind == "participants" else None
    with progress(f"{kind} files", total=len(paths)) as step:
        for path in paths:
            _parse_one(archive, batch, failures, kind, path, meeting, as_of, log, headers)
            step(path.name)
    return batch, failures


def _parse_one(
    archive: RawArchive,
    batch: ThreeGppBatch,
    failures: dict[str, str],
    kind: str,
    path: Path,
    meeting: str | None,
    as_of: date | None,
    log: logging.Logger | logging.LoggerAdapter,
    headers: ParticipantHeaders | None = None,
) -> None:
    """Archive and parse one file into ``batch``; a failure is named in ``failures``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        failures[str(path)] = f"cannot read: {exc}"
        return
    entry = archive.put(path.resolve().as_uri(), 200, f"application/x-3gpp-{kind}", data)
    try:
        if kind == "membership":
            when = as_of or membership_as_of(path.name) or date.today()
            part = membership_batch(data, path.name, when, entry.sha256)
        else:
            part = parse_file(
                kind, data, path.name, meeting, entry.sha256, headers or DEFAULT_HEADERS
            )
    except Exception as exc:  # a parser's own error, or a reader library's on a bad file
        why = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
        why = " ".join(why.split()) or type(exc).__name__
        failures[str(path)] = why
        log.error("%s: not loaded: %s (raw bytes kept as %s)", path, why, entry.sha256)
        return
    part.entries.append(entry)
    batch.extend(part)  # a participant list that was missing or unreadable is recorded so
    log.info("%s: %d rows parsed", path.name, part.rows())
    for note in part.notes:
        log.warning("%s (raw bytes kept as %s)", note, entry.sha256)
    if kind == "participants" and not part.participants:
        failures[str(path)] = "; ".join(part.notes)  # recorded, but nobody was counted


def parse_sample_imports(
    settings: Settings, folder: Path, log: logging.Logger | logging.LoggerAdapter
) -> ThreeGppBatch:
    """The bundled sample's files for the import path: imports/<kind>/*. Any failure raises."""
    batch = ThreeGppBatch()
    for kind_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        kind = kind_dir.name
        part, failures = parse_files(settings, kind, sorted(kind_dir.iterdir()), None, None, log)
        if failures:
            raise ValueError(f"bundled sample files failed to parse: {failures}")
        batch.extend(part)
    return batch
