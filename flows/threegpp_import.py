"""`sdo import`: load 3GPP files a user already downloaded, through the same parsers and
tables as a live refresh. Every file is archived first, so the raw bytes stay traceable."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flows.pipeline import RefreshResult, begin_run, end_run, unresolved_note
from flows.settings import Settings
from flows.threegpp_files import parse_files
from warehouse.db import apply_views, connect
from warehouse.reference import load_reference
from warehouse.threegpp import load_threegpp


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
    log = log or logging.getLogger(__name__)
    result = RefreshResult("3gpp", begin_run(settings, "3gpp", f"import {kind}"), "failed")
    batch, failures = parse_files(settings, kind, paths, meeting, as_of, log)
    try:
        con = connect(settings.db)
        try:
            summary = load_threegpp(
                con, batch, result.run_id, load_reference(overrides=settings.org_overrides)
            )
            apply_views(con)
        finally:
            con.close()
    except Exception as exc:
        result.message = f"{type(exc).__name__}: {exc}"
        end_run(settings, result)
        raise
    loaded = len(paths) - len(failures)
    result.status = "ok" if not failures else "failed"
    result.rows = summary.rows
    result.coverage = summary.resolution.coverage_of("3gpp")
    result.message = (
        f"{loaded} of {len(paths)} {kind} files loaded, {sum(summary.rows.values())} rows"
    )
    result.message += unresolved_note(summary.unresolved)
    if failures:
        result.message += f"; not loaded: {', '.join(failures)}"
    end_run(settings, result)
    return ImportOutcome(result, failures)
