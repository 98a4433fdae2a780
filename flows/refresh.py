"""Prefect flows that refresh each source: fetch task → load task (one transaction).

Thin by design: the steps are plain functions in flows/pipeline.py; parsing lives
in scrapers/, SQL in sql/, loading in warehouse/. Task arguments are plain
values: clients and connections are made inside the steps, because Prefect
cannot hash them for its cache.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.pipeline import (
    RefreshResult,
    fetch_ietf_source,
    fetch_threegpp_source,
    load_ietf_source,
    load_threegpp_source,
    refresh_ietf_source,
    refresh_threegpp_source,
)
from flows.settings import SOURCES, Settings

fetch_ietf_task = task(name="fetch-ietf", cache_policy=NO_CACHE)(fetch_ietf_source)
load_ietf_task = task(name="load-ietf", cache_policy=NO_CACHE)(load_ietf_source)
fetch_threegpp_task = task(name="fetch-3gpp", cache_policy=NO_CACHE)(fetch_threegpp_source)
load_threegpp_task = task(name="load-3gpp", cache_policy=NO_CACHE)(load_threegpp_source)


@flow(name="refresh-ietf")
def refresh_ietf(
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    meetings: list[str] | None = None,
    full: bool = False,
) -> RefreshResult:
    """Refresh the IETF source from its cursors (live, or replayed from an archive)."""
    return refresh_ietf_source(
        Settings.from_env(db),
        offline,
        Path(archive) if archive else None,
        meetings,
        get_run_logger(),
        fetch=fetch_ietf_task,
        load=load_ietf_task,
        full=full,
    )


@flow(name="refresh-3gpp")
def refresh_threegpp(
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    groups: list[str] | None = None,
    since: date | None = None,
) -> RefreshResult:
    """Refresh 3GPP calendars, TDoc lists and participant lists (incremental)."""
    return refresh_threegpp_source(
        Settings.from_env(db),
        offline,
        Path(archive) if archive else None,
        groups or [],
        since,
        get_run_logger(),
        fetch=fetch_threegpp_task,
        load=load_threegpp_task,
    )


@flow(name="refresh")
def refresh(
    sources: list[str] | None = None,
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    groups: list[str] | None = None,
    since: date | None = None,
    full: bool = False,
) -> list[RefreshResult]:
    """Refresh every source (or the ones named). A failed source does not stop the others."""
    results = []
    for source in sources or list(SOURCES):
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
        if source == "ietf":
            state = refresh_ietf(
                db=db, offline=offline, archive=archive, full=full, return_state=True
            )
        else:
            state = refresh_threegpp(
                db=db,
                offline=offline,
                archive=archive,
                groups=groups,
                since=since,
                return_state=True,
            )
        outcome = state.result(raise_on_failure=False)
        if isinstance(outcome, RefreshResult):
            results.append(outcome)
        else:
            message = f"{type(outcome).__name__}: {outcome}"
            results.append(RefreshResult(source, "", "failed", message=message))
    return results
