"""The refresh steps as plain functions; flows/refresh.py runs them as Prefect tasks.

Keeping the steps free of Prefect lets tests and benchmarks run the exact
pipeline a scheduled refresh runs, without an orchestration server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flows.fetchers import make_fetcher
from flows.settings import Settings
from scrapers.archive import ArchiveEntry
from scrapers.ietf.source import IetfBatch, fetch_ietf
from warehouse.db import apply_views, connect, migrate
from warehouse.ietf import IetfLoadSummary, load_ietf
from warehouse.reference import load_reference
from warehouse.runs import close_abandoned_runs, finish_run, start_run


@dataclass
class RefreshResult:
    source: str
    run_id: str
    status: str  # ok | failed
    requests: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None
    message: str = ""


@dataclass(frozen=True)
class IetfFetch:
    batch: IetfBatch
    entries: list[ArchiveEntry]
    requests: int


def fetch_ietf_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    meetings: list[str] | None,
    log: logging.Logger | logging.LoggerAdapter,
) -> IetfFetch:
    fetcher = make_fetcher(settings, offline, archive)
    try:
        batch = fetch_ietf(
            fetcher,
            settings.ietf_url,
            meetings_wanted=set(meetings) if meetings else None,
            on_meeting=lambda number, rows: log.info("IETF %s: %d registrations", number, rows),
        )
    finally:
        fetcher.close()
    return IetfFetch(batch, list(fetcher.entries), fetcher.requests)


def load_ietf_source(settings: Settings, fetched: IetfFetch, run_id: str) -> IetfLoadSummary:
    reference = load_reference()
    con = connect(settings.db)
    try:
        batch = fetched.batch
        summary = load_ietf(
            con, batch.meetings, batch.registrations, fetched.entries, run_id, reference
        )
        apply_views(con)
    finally:
        con.close()
    return summary


def begin_run(settings: Settings, source: str, mode: str) -> str:
    con = connect(settings.db)
    try:
        migrate(con)
        close_abandoned_runs(con)
        apply_views(con)
        return start_run(con, source, mode)
    finally:
        con.close()


def end_run(settings: Settings, result: RefreshResult) -> None:
    con = connect(settings.db)
    try:
        finish_run(
            con,
            result.run_id,
            result.status,
            requests=result.requests,
            rows_loaded=sum(result.rows.values()),
            message=result.message,
        )
    finally:
        con.close()


def refresh_ietf_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    meetings: list[str] | None,
    log: logging.Logger | logging.LoggerAdapter,
    fetch: Callable[..., IetfFetch] = fetch_ietf_source,
    load: Callable[..., IetfLoadSummary] = load_ietf_source,
) -> RefreshResult:
    """Audit-wrapped IETF refresh. ``fetch``/``load`` may be the same steps as Prefect tasks.

    Raises on failure after recording it; the warehouse keeps its previous state.
    """
    result = RefreshResult(
        "ietf", begin_run(settings, "ietf", "offline" if offline else "live"), "failed"
    )
    try:
        fetched = fetch(settings, offline, archive, meetings, log)
        result.requests = fetched.requests
        summary = load(settings, fetched, result.run_id)
    except Exception as exc:
        result.message = f"{type(exc).__name__}: {exc}"
        log.error("IETF refresh failed; the warehouse is unchanged. %s", result.message)
        end_run(settings, result)
        raise
    result.status = "ok"
    result.rows = {"meetings": summary.meetings, "registrations": summary.registrations}
    result.coverage = summary.resolution.coverage
    result.message = (
        f"{summary.meetings} meetings, {summary.registrations} registrations; "
        f"{summary.resolution.coverage:.1%} of typed affiliations resolved"
    )
    log.info("IETF refresh done: %s", result.message)
    end_run(settings, result)
    return result
