"""The Prefect flows: the units a schedule runs.

- refresh-ietf, refresh-3gpp: fetch task → load task (one transaction); the HTTP client
  retries network errors, 429 and 5xx itself, and Prefect tries the fetch again only when a
  collection changed while it was paged (scrapers.http.is_transient);
- refresh: every source (or those named), a failed one not stopping the others;
- rebuild: views and everything derived (resolution, NomCom pool, voting rights, blocs);
- export-weekly: the week's summaries (`sdo export`), the previous week by default;
- refresh-and-export: refresh, then export.

Each flow leaves a Markdown artifact summarising its run. Thin by design: the steps are
plain functions (flows/pipeline.py, flows/export.py); parsing lives in scrapers/, SQL in
sql/, loading in warehouse/. Task arguments are plain values: clients and connections are
made inside the steps, because Prefect cannot hash them for its cache.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

from prefect import Task, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from flows.export import ExportResult, export_week
from flows.pipeline import (
    LIVE_RETRIES,
    RETRY_DELAY,
    RefreshResult,
    fetch_ietf_source,
    fetch_threegpp_source,
    load_ietf_source,
    load_threegpp_source,
    publish_snapshot,
    refresh_ietf_source,
    refresh_threegpp_source,
)
from flows.settings import SOURCES, Settings
from scrapers.http import is_transient
from warehouse.derived.steps import Derived, rebuild_derived
from warehouse.orgs.reference import load_reference
from warehouse.outputs.exports import Week

fetch_ietf_task = task(name="fetch-ietf", cache_policy=NO_CACHE)(fetch_ietf_source)
load_ietf_task = task(name="load-ietf", cache_policy=NO_CACHE)(load_ietf_source)
fetch_threegpp_task = task(name="fetch-3gpp", cache_policy=NO_CACHE)(fetch_threegpp_source)
load_threegpp_task = task(name="load-3gpp", cache_policy=NO_CACHE)(load_threegpp_source)


def retry_if_transient(task: object, task_run: object, state: State) -> bool:
    """Prefect's retry condition: try the fetch again only if the data changed under it."""
    return is_transient(state.data) if isinstance(state.data, BaseException) else True


def _summary(title: str, results: list[RefreshResult]) -> str:
    lines = [f"# {title}", "", "| source | status | requests | message |", "|---|---|---:|---|"]
    lines += [
        f"| {r.source} | {r.status} | {r.requests} | {r.message.replace('|', '/')} |"
        for r in results
    ]
    return "\n".join(lines)


def _artifact(key: str, markdown: str, description: str) -> None:
    create_markdown_artifact(markdown=markdown, key=key, description=description)


R = TypeVar("R")


def _retried_when_live(fetch: Task[..., R], offline: bool) -> Task[..., R]:
    """A live fetch is tried again when, and only when, the data changed under it."""
    if offline:
        return fetch
    return fetch.with_options(
        retries=LIVE_RETRIES, retry_delay_seconds=RETRY_DELAY,
        retry_condition_fn=retry_if_transient,
    )  # fmt: skip


def results_of(outcome: object) -> list[RefreshResult]:
    """Every source's outcome from what a refresh flow's state holds: its results, or the
    SourcesFailed that carries them. Anything else broke the refresh itself and is raised."""
    if isinstance(outcome, SourcesFailed):
        return outcome.results
    if isinstance(outcome, BaseException):
        raise outcome
    assert isinstance(outcome, list)
    return outcome


class SourcesFailed(RuntimeError):
    """A refresh in which some source failed: the flow ends Failed, and still carries every
    source's outcome for whoever reads its state."""

    def __init__(self, results: list[RefreshResult]) -> None:
        failed = [r.source for r in results if r.status != "ok"]
        super().__init__(f"refresh failed for {', '.join(failed)}")
        self.results = results


def _failed(source: str, exc: Exception) -> RefreshResult:
    """The outcome of a source whose refresh raised, with the requests it made."""
    requests = getattr(exc, "requests_made", 0)
    return RefreshResult(source, "", "failed", requests, message=f"{type(exc).__name__}: {exc}")


@flow(name="refresh-ietf")
def refresh_ietf(
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    meetings: list[str] | None = None,
    full: bool = False,
) -> RefreshResult:
    """Refresh the IETF source from its cursors (live, or replayed from an archive)."""
    fetch = _retried_when_live(fetch_ietf_task, offline)
    try:
        result = refresh_ietf_source(
            Settings.from_env(db),
            offline,
            Path(archive) if archive else None,
            meetings,
            get_run_logger(),
            fetch=fetch,
            load=load_ietf_task,
            full=full,
        )
    except Exception as exc:  # the artifact says so too, with the requests made
        _artifact("refresh-ietf", _summary("IETF refresh", [_failed("ietf", exc)]), "failed")
        raise
    _artifact("refresh-ietf", _summary("IETF refresh", [result]), "IETF refresh outcome")
    return result


@flow(name="refresh-3gpp")
def refresh_threegpp(
    db: str | None = None,
    offline: bool = False,
    archive: str | None = None,
    groups: list[str] | None = None,
    since: date | None = None,
) -> RefreshResult:
    """Refresh 3GPP calendars, TDoc lists and participant lists (incremental)."""
    fetch = _retried_when_live(fetch_threegpp_task, offline)
    try:
        result = refresh_threegpp_source(
            Settings.from_env(db),
            offline,
            Path(archive) if archive else None,
            groups or [],
            since,
            get_run_logger(),
            fetch=fetch,
            load=load_threegpp_task,
        )
    except Exception as exc:  # the artifact says so too, with the requests made
        _artifact("refresh-3gpp", _summary("3GPP refresh", [_failed("3gpp", exc)]), "failed")
        raise
    if result.status != "ok":  # a refresh that loaded but refused part of its input
        _artifact("refresh-3gpp", _summary("3GPP refresh", [result]), "3GPP refresh outcome")
        raise SourcesFailed([result])
    _artifact("refresh-3gpp", _summary("3GPP refresh", [result]), "3GPP refresh outcome")
    return result


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
    """Refresh every source (or the ones named). A failed source does not stop the others,
    and the flow ends Failed (SourcesFailed, carrying every outcome) when any failed."""
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
        elif isinstance(outcome, SourcesFailed):
            results.extend(outcome.results)
        else:
            results.append(_failed(source, outcome))
    _artifact("refresh", _summary("Refresh", results), "every source's refresh outcome")
    snapshot = publish_snapshot(Settings.from_env(db))  # what was committed, failures or not
    if snapshot.written:
        get_run_logger().info("published %d views to %s", snapshot.views, snapshot.folder)
    if any(r.status != "ok" for r in results):
        raise SourcesFailed(results)
    return results


@flow(name="rebuild")
def rebuild(db: str | None = None) -> Derived:
    """Re-create the views and recompute what is derived, from the records already loaded."""
    from warehouse.store.db import apply_views, migrate, transaction, writer

    settings = Settings.from_env(db)
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        migrate(con)
        apply_views(con, force=True)
        with transaction(con):
            derived = rebuild_derived(
                con, load_reference(overrides=settings.org_overrides), force=True
            )
    blocs = derived.blocs
    _artifact(
        "rebuild",
        f"# Rebuild\n\n{derived.nomcom_years} NomCom years, {blocs.networks} bloc networks over "
        f"{blocs.meetings} meetings, {blocs.computed} of them recomputed (run {blocs.run_id}), "
        f"{derived.resolution.coverage:.1%} of typed affiliations resolved.",
        "what the rebuild recomputed",
    )
    return derived


@flow(name="export-weekly")
def export_weekly(
    db: str | None = None, week: str | None = None, out: str = "exports", fmt: str = "csv"
) -> ExportResult:
    """Write the weekly summaries: the week named, else the last complete week."""
    chosen = Week.parse(week) if week else Week.of(date.today()).previous()
    result = export_week(Settings.from_env(db).db, chosen, Path(out), fmt)
    rows = "\n".join(f"| {name} | {n} |" for name, n in result.files.items())
    _artifact(
        "export-weekly",
        f"# Weekly export {chosen.label}\n\n{result.folder}"
        f" (previous: {result.previous or 'none'})\n\n| file | rows |\n|---|---:|\n{rows}",
        "the week's summary files",
    )
    get_run_logger().info("exported %s to %s", chosen.label, result.folder)
    return result


@flow(name="refresh-and-export")
def refresh_and_export(
    db: str | None = None, out: str = "exports", offline: bool = False
) -> list[RefreshResult]:
    """The weekly routine in one run: refresh every source, then export the last week.

    A failed source does not stop the export: the week is written from what is loaded (its
    manifest names each source's latest successful refresh), the artifact says which source
    failed, and the flow ends Failed."""
    state = refresh(db=db, offline=offline, return_state=True)
    # a refresh that broke itself (an unknown source, a lock) raises here: no export
    results = results_of(state.result(raise_on_failure=False))
    exported = export_weekly(db=db, out=out)
    failed = [r for r in results if r.status != "ok"]
    if failed:
        _artifact(
            "refresh-and-export",
            _summary("Refresh and export: exported with stale sources", results)
            + f"\n\nExported to {exported.folder} from what was loaded; "
            f"{', '.join(r.source for r in failed)} did not refresh (see the manifest's "
            "latest successful refresh of each source).",
            "a refresh that failed in part, and the export written anyway",
        )
        raise SourcesFailed(results)
    return results
