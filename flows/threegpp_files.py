"""Archiving and parsing 3GPP files from disk: for `sdo import` and the bundled sample."""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flows.progress import progress
from flows.settings import Settings
from scrapers.archive import ArchiveEntry, RawArchive
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.files import membership_as_of, membership_batch, parse_file
from scrapers.threegpp.participants import DEFAULT_HEADERS, ParticipantHeaders

# Files parsed at once: the readers (zlib, calamine, polars) release the GIL, so a second
# thread overlaps one file's reading with another's Python work (59 RAN1 lists: 5.2 s ->
# 3.7 s on two cores); a third gained nothing there.
PARSE_THREADS = 2


@dataclass
class _Pending:
    """One file on its way: archived (``entry``) and parsing, or already failed."""

    path: Path
    entry: ArchiveEntry | None = None
    parsed: Future[ThreeGppBatch] | None = None
    failure: str | None = None


def parse_files(
    settings: Settings,
    kind: str,
    paths: list[Path],
    meeting: str | None,
    as_of: date | None,
    log: logging.Logger | logging.LoggerAdapter,
) -> tuple[ThreeGppBatch, dict[str, str]]:
    """Archive and parse each file; a file that fails is reported, the others go on.

    Files are archived one after another (one archive index) and parsed ``PARSE_THREADS``
    at a time; their frames, log lines and failures come out in the order of ``paths``.
    """
    archive = RawArchive(settings.raw_dir)
    batch = ThreeGppBatch()
    failures: dict[str, str] = {}
    headers = settings.participant_header_synonyms() if kind == "participants" else None
    pending: deque[_Pending] = deque()
    with (
        progress(f"{kind} files", total=len(paths)) as step,
        ThreadPoolExecutor(max_workers=PARSE_THREADS) as pool,
    ):

        def finish_oldest() -> None:
            done = pending.popleft()
            _take(done, batch, failures, kind, log)
            step(done.path.name)

        for path in paths:
            pending.append(_start(archive, pool, kind, path, meeting, as_of, headers))
            if len(pending) > 2 * PARSE_THREADS:  # bounded: a file's bytes wait in memory
                finish_oldest()
        while pending:
            finish_oldest()
    return batch, failures


def _start(
    archive: RawArchive,
    pool: ThreadPoolExecutor,
    kind: str,
    path: Path,
    meeting: str | None,
    as_of: date | None,
    headers: ParticipantHeaders | None,
) -> _Pending:
    """Archive one file and hand its parse to ``pool``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _Pending(path, failure=f"cannot read: {exc}")
    options = {"kind": kind, "name": path.name, "meeting": meeting or ""}
    if kind == "membership":
        options["as_of"] = (as_of or membership_as_of(path.name) or date.today()).isoformat()
    entry = archive.put(path.resolve().as_uri(), 200, f"{IMPORT_TYPE}{kind}", data, options=options)
    parsed = pool.submit(parse_import, data, options, entry.sha256, headers or DEFAULT_HEADERS)
    return _Pending(path, entry, parsed)


def _take(
    done: _Pending,
    batch: ThreeGppBatch,
    failures: dict[str, str],
    kind: str,
    log: logging.Logger | logging.LoggerAdapter,
) -> None:
    """One file's outcome into ``batch``, or named in ``failures``."""
    path, entry = done.path, done.entry
    if done.failure is not None or done.parsed is None or entry is None:
        failures[str(path)] = done.failure or "not parsed"
        return
    try:
        part = done.parsed.result()
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


IMPORT_TYPE = "application/x-3gpp-"  # the content type an imported file is archived under


def parse_import(
    data: bytes, options: dict[str, str], sha: str, headers: ParticipantHeaders
) -> ThreeGppBatch:
    """An imported file's frames, read as its archived options say (`sdo import` and the
    offline rebuild both come here, so a rebuild reads each file exactly as it was read)."""
    kind, name = options["kind"], options["name"]
    if kind == "membership":
        return membership_batch(data, name, date.fromisoformat(options["as_of"]), sha)
    return parse_file(kind, data, name, options.get("meeting") or None, sha, headers)


def replay_imports(
    settings: Settings, root: Path, log: logging.Logger | logging.LoggerAdapter
) -> ThreeGppBatch:
    """Every file `sdo import` archived in ``root``, read again in the order it was
    imported, each checked against its sha256. A file that cannot be read (it was not
    loaded when imported either) is named in the log and left out, as the import did."""
    archive = RawArchive(root)
    batch = ThreeGppBatch()
    headers = settings.participant_header_synonyms()
    imports = [e for e in archive.entries() if e.content_type.startswith(IMPORT_TYPE)]
    for entry in imports:
        options = entry.options or _options_of_older_entry(entry)
        data = archive.read_body(entry.sha256, entry.url, entry.bytes)
        try:
            part = parse_import(data, options, entry.sha256, headers)
        except Exception as exc:  # as at import: the file's own fault, this file only
            log.warning("%s: imported file not replayed: %s", entry.url, " ".join(str(exc).split()))
            continue
        part.entries.append(entry)
        batch.extend(part)
    if imports:
        log.info("%d imported files replayed from %s", len(imports), root)
    return batch


def _options_of_older_entry(entry: ArchiveEntry) -> dict[str, str]:
    """What an import archived before options were recorded must have been read with: its
    kind from the content type, the meeting from the file name, a member list dated by its
    name or else by the day it was imported."""
    kind = entry.content_type.removeprefix(IMPORT_TYPE)
    name = unquote(urlsplit(entry.url).path).rsplit("/", 1)[-1]
    options = {"kind": kind, "name": name, "meeting": ""}
    if kind == "membership":
        when = membership_as_of(name) or date.fromisoformat(entry.fetched_at[:10])
        options["as_of"] = when.isoformat()
    return options


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
