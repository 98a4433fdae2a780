"""`sdo import`: load 3GPP files a user already downloaded, through the same parsers and
tables as a live refresh. Every file is archived first, so the raw bytes stay traceable."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flows.pipeline import (
    RefreshResult,
    ThreeGppFetch,
    audited_refresh,
    derived_note,
    load_threegpp_source,
    unresolved_note,
)
from flows.settings import Settings
from flows.threegpp_files import parse_files
from warehouse.loads.threegpp import ThreeGppLoadSummary


@dataclass
class ImportOutcome:
    result: RefreshResult
    failures: dict[str, str] = field(default_factory=dict)  # file → why it was not loaded


def import_files(
    settings: Settings,
    kind: str,
    paths: list[Path],
    meeting: str | None = None,
    as_of: date | None = None,
    log: logging.Logger | None = None,
) -> ImportOutcome:
    """Archive, parse and load the files; a file that fails is named, the others load."""
    log = log or logging.getLogger(__name__)
    failures: dict[str, str] = {}

    def work(result: RefreshResult) -> str:
        batch, refused = parse_files(settings, kind, paths, meeting, as_of, log)
        failures.update(refused)
        if not batch.rows():  # nothing parsed: the warehouse stays as it was, derived tables too
            result.status = "failed"
            return f"0 of {len(paths)} {kind} files loaded; not loaded: {', '.join(failures)}"
        summary = load_threegpp_source(settings, ThreeGppFetch(batch, 0), result.run_id)
        result.rows = summary.rows
        result.coverage = summary.resolution.coverage_of("3gpp")
        loaded = len(paths) - len(failures)
        message = f"{loaded} of {len(paths)} {kind} files loaded ({_what(summary)})"
        message += unresolved_note(summary.unresolved) + derived_note(summary.recomputed)
        if failures:  # each was named, with why, as it failed
            result.status = "failed"
            message += f"; {len(failures)} not loaded (above)"
        return message

    result = audited_refresh(settings, "3gpp", f"import {kind}", log, work)
    return ImportOutcome(result, failures)


_COUNTED = (  # what a user counts in the files, in the words they would use
    ("threegpp_tdocs", "TDocs"),
    ("threegpp_participants", "participants"),
    ("threegpp_elections", "election rows"),
    ("threegpp_chairs", "chair seats"),
    ("threegpp_members", "member entries"),
)


def _what(summary: ThreeGppLoadSummary) -> str:
    """'RAN1#88: 2,741 TDocs; 7,449 rows in all' for an import's message."""
    counted = [f"{summary.rows[t]:,} {w}" for t, w in _COUNTED if summary.rows.get(t)]
    meetings = ", ".join(summary.meetings[:5]) + (", …" if len(summary.meetings) > 5 else "")
    head = f"{meetings}: " if meetings else ""
    return f"{head}{', '.join(counted) or 'no records'}; {sum(summary.rows.values()):,} rows in all"
