"""Prefect flows that refresh each source: fetch → load (one transaction) → views.

Thin by design: parsing lives in scrapers/, SQL in sql/, loading in warehouse/.
Task arguments are plain values; clients and connections are made inside the
tasks, because Prefect cannot hash them for its cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.fetchers import make_fetcher
from flows.settings import Settings
from scrapers.archive import ArchiveEntry
from scrapers.ietf.source import IetfBatch, fetch_ietf
from warehouse.db import apply_views, connect, migrate
from warehouse.ietf import IetfLoadSummary, load_ietf
from warehouse.reference import load_reference
from warehouse.runs import close_abandoned_runs, finish_run, start_run

SOURCES = ("ietf",)


@dataclass
class RefreshResult:
    source: str
    run_id: str
    status: str  # ok | failed
    requests: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None
    message: str = ""


@task(cache_policy=NO_CACHE, name="fetch-ietf")
def fetch_ietf_task(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    meetings: list[str] | None,
) -> tuple[IetfBatch, list[ArchiveEntry], int]:
    logger = get_run_logger()
    fetcher = make_fetcher(settings, offline, archive)
    try:
        batch = fetch_ietf(
            fetcher,
            settings.ietf_url,
            meetings_wanted=set(meetings) if meetings else None,
            on_meeting=lambda number, rows: logger.info("IETF %s: %d registrations", number, rows),
        )
    finally:
        fetcher.close()
    return batch, list(fetcher.entries), fetcher.requests


@task(cache_policy=NO_CACHE, name="load-ietf")
def load_ietf_task(
    settings: Settings, batch: IetfBatch, entries: list[ArchiveEntry], run_id: str
) -> IetfLoadSummary:
    reference = load_reference()
    con = connect(settings.db)
    try:
        summary = load_ietf(con, batch.meetings, batch.registrations, entries, run_id, reference)
        apply_views(con)
    finally:
        con.close()
    return summary


def _begin(settings: Settings, source: str, mode: str) -> str:
    con = connect(settings.db)
    try:
        migrate(con)
        close_abandoned_runs(con)
        apply_views(con)
        return start_run(con, source, mode)
    finally:
        con.close()


def _end(settings: Settings, result: RefreshResult) -> None:
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


@flow(name="refresh-ietf", log_prints=True)
def refresh_ietf(
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    meetings: list[str] | None = None,
) -> RefreshResult:
    """Refresh IETF meetings and registrations (live, or replayed from an archive)."""
    logger = get_run_logger()
    settings = Settings.from_env(db)
    run_id = _begin(settings, "ietf", "offline" if offline else "live")
    result = RefreshResult("ietf", run_id, "failed")
    try:
        batch, entries, result.requests = fetch_ietf_task(
            settings, offline, Path(archive) if archive else None, meetings
        )
        summary = load_ietf_task(settings, batch, entries, run_id)
    except Exception as exc:
        result.message = f"{type(exc).__name__}: {exc}"
        logger.error("IETF refresh failed; the warehouse is unchanged. %s", result.message)
        _end(settings, result)
        raise
    result.status = "ok"
    result.rows = {"meetings": summary.meetings, "registrations": summary.registrations}
    result.coverage = summary.resolution.coverage
    result.message = (
        f"{summary.meetings} meetings, {summary.registrations} registrations; "
        f"{summary.resolution.coverage:.1%} of affiliation uses resolved"
    )
    logger.info("IETF refresh done: %s", result.message)
    _end(settings, result)
    return result


@flow(name="refresh")
def refresh(
    sources: list[str] | None = None,
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
) -> list[RefreshResult]:
    """Refresh every source (or the ones named). A failed source does not stop the others."""
    results = []
    for source in sources or list(SOURCES):
        if source == "ietf":
            state = refresh_ietf(db=db, offline=offline, archive=archive, return_state=True)
            outcome = state.result(raise_on_failure=False)
            if isinstance(outcome, RefreshResult):
                results.append(outcome)
            else:
                message = f"{type(outcome).__name__}: {outcome}"
                results.append(RefreshResult("ietf", "", "failed", message=message))
        else:
            raise ValueError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    return results
