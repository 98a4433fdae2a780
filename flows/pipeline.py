"""The refresh steps as plain functions; flows/refresh.py runs them as Prefect tasks.

Keeping the steps free of Prefect lets tests and benchmarks run the exact
pipeline a scheduled refresh runs, without an orchestration server.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from flows.fetchers import make_fetcher
from flows.progress import progress
from flows.settings import SAMPLE_IMPORTS, Settings
from scrapers.archive import ArchiveEntry, ArchiveReplay
from scrapers.http import is_transient
from scrapers.ietf.incremental import IetfRecords, fetch_incremental
from scrapers.ietf.source import IetfBatch, fetch_ietf
from scrapers.staging import Stage, remove_leftover_stages
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.calendar_groups import groups_in
from scrapers.threegpp.meeting_names import GROUPS
from scrapers.threegpp.source import ThreeGppHosts, fetch_threegpp, plan_threegpp
from warehouse.derived.steps import rebuild_derived
from warehouse.loads.ietf import IetfLoadSummary, IetfState, ietf_state, load_ietf
from warehouse.loads.threegpp import ThreeGppLoadSummary, load_threegpp, meetings_with_final_lists
from warehouse.orgs.reference import load_reference
from warehouse.outputs.publish import Snapshot, publish
from warehouse.store.db import (
    RefreshInProgress,
    apply_views,
    connect,
    migrate,
    refresh_lock,
    transaction,
    writer,
)
from warehouse.store.queries import first_value, table_exists
from warehouse.store.runs import close_abandoned_runs, finish_run, start_run

# Beside the database: a fetch's rows wait there for the load (a folder per fetch, removed
# after it). Not the system temp folder, which may be memory.
STAGING_FOLDER = "staging"


@dataclass
class RefreshResult:
    source: str
    run_id: str
    status: str  # running | ok | failed
    requests: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None
    message: str = ""


@dataclass(frozen=True)
class IetfFetch:
    batch: IetfBatch
    records: IetfRecords
    entries: list[ArchiveEntry]
    requests: int
    stage: Stage | None = None  # where the fetched rows wait on disk for the load

    def discard(self) -> None:
        """Remove the staged rows (after the load, or a failed one: the raw archive keeps
        every response, so nothing is lost)."""
        if self.stage is not None:
            self.stage.cleanup()


def read_ietf_state(settings: Settings) -> IetfState:
    """Where the warehouse's IETF data ends: nothing yet when there is no database."""
    if not settings.db.exists():
        return IetfState({}, {})
    con = connect(settings.db, read_only=True)
    try:
        return ietf_state(con) if table_exists(con, "ietf_cursors") else IetfState({}, {})
    finally:
        con.close()


def fetch_ietf_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    meetings: list[str] | None,
    log: logging.Logger | logging.LoggerAdapter,
    full: bool = False,
) -> IetfFetch:
    """Fetch what changed since the warehouse's last IETF refresh (everything with ``full``).

    New meetings and recently ended ones with their registrations and sessions, then every
    incremental family from its cursor. Offline, the archive's chain of increments is
    replayed and families it never recorded are skipped.
    """
    state = IetfState({}, {}) if full else read_ietf_state(settings)
    fetcher = make_fetcher(settings, offline, archive)
    # rows wait for the load in Parquet beside the database, not in memory; a refresh runs
    # under the refresh lock, so any stage already there is a killed run's
    staging = settings.db.parent / STAGING_FOLDER
    for leftover in remove_leftover_stages(staging):
        log.info("removed %s, staged by a refresh that did not finish", leftover)
    stage = Stage(staging)
    try:
        with progress("IETF meetings") as step:

            def fetched_meeting(number: str, rows: int) -> None:
                log.info("IETF %s: %d registrations", number, rows)
                step(f"IETF {number}")

            batch = fetch_ietf(
                fetcher,
                settings.ietf_url,
                meetings_wanted=set(meetings) if meetings else None,
                on_meeting=fetched_meeting,
                loaded=state.loaded,
                with_sessions=True,
                stage=stage,
            )
        log.info(
            "IETF: %d of %d meetings fetched (new or recently ended)",
            batch.meetings.height,
            batch.listed,
        )
        records = fetch_incremental(
            fetcher,
            settings.ietf_url,
            state.cursors,
            replay=isinstance(fetcher, ArchiveReplay),
            stage=stage,
        )
    except Exception as exc:
        stage.cleanup()
        exc.requests_made = fetcher.requests  # type: ignore[attr-defined]  # for the audit row
        raise
    finally:
        fetcher.close()
    absent = sorted(f for f, r in records.reports.items() if r.absent)
    if absent:
        log.info(
            "IETF: the archive holds no %s records; those are left as they are", ", ".join(absent)
        )
    for family, report in records.reports.items():
        if not report.absent:
            log.info(
                "IETF %s: %d rows in %d requests (cursor %s → %s)",
                family,
                report.rows,
                report.requests,
                report.started_from or "start",
                report.cursor,
            )
    return IetfFetch(batch, records, list(fetcher.entries), fetcher.requests, stage)


def load_ietf_source(settings: Settings, fetched: IetfFetch, run_id: str) -> IetfLoadSummary:
    reference = load_reference(overrides=settings.org_overrides)
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        summary = load_ietf(con, fetched.batch, fetched.entries, run_id, reference, fetched.records)
    return summary


def begin_run(settings: Settings, source: str, mode: str) -> str:
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        migrate(con)
        close_abandoned_runs(con)
        apply_views(con)
        return start_run(con, source, mode, current_flow_run_id())


def current_flow_run_id() -> str | None:
    """The Prefect flow run this step runs in, if any. Prefect is asked only when a flow
    already imported it: a direct run never loads it."""
    if "prefect" not in sys.modules:
        return None
    from prefect.runtime import flow_run

    run_id = flow_run.id
    return str(run_id) if run_id else None


def end_run(settings: Settings, result: RefreshResult) -> None:
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        finish_run(
            con,
            result.run_id,
            result.status,
            requests=result.requests,
            rows_loaded=sum(result.rows.values()),
            message=result.message,
        )


def unresolved_note(unresolved: list[tuple[str, int]]) -> str:
    """Co-signing names no organization matched: counted under their own spelling, and
    named here so curation goes where the numbers are (all of them: unresolved_parties)."""
    if not unresolved:
        return ""
    top = ", ".join(f"{party} ({uses})" for party, uses in unresolved[:3])
    return f"; unresolved co-signers, most used: {top} (see the unresolved_parties view)"


def catch_up_derived(settings: Settings) -> tuple[str, ...]:
    """Recompute, before fetching, the derived steps whose code, reference data or settings
    changed since they ran (an upgrade, an edited overrides file), so that a new table
    behind a view is filled even when the fetch that follows fails. No record table is
    read again: when nothing changed this is a comparison. Returns the steps that ran."""
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        # a new database (no response ever recorded) has nothing to catch up: its first
        # load computes every step
        ((responses,),) = con.execute("SELECT count(*) FROM raw_responses").fetchall()
        if not responses:
            return ()
        reference = load_reference(overrides=settings.org_overrides)
        with transaction(con):
            return rebuild_derived(con, reference, touched=()).recomputed


def derived_note(recomputed: tuple[str, ...]) -> str:
    """Which derived steps this load's changes made run (warehouse/derived/steps.py)."""
    if not recomputed:
        return "; derived tables already up to date"
    return "; recomputed " + ", ".join(recomputed)


def audited_refresh(
    settings: Settings,
    source: str,
    mode: str,
    log: logging.Logger | logging.LoggerAdapter,
    work: Callable[[RefreshResult], str],
) -> RefreshResult:
    """Run one source's refresh between a 'running' and a final row of refresh_runs.

    ``work`` fetches and loads, fills in the result's counts and returns its summary; it
    may set the status to 'failed' itself when part of the work was refused (an import
    with a bad file). On an exception the error is recorded and raised again; the
    warehouse keeps its state. Only one refresh of a database runs at a time: a second
    waits ``settings.refresh_wait`` seconds for the first, then fails saying so.
    """
    with refresh_lock(settings.db, settings.refresh_wait):
        result = RefreshResult(source, begin_run(settings, source, mode), "running")
        try:
            caught_up = catch_up_derived(settings)
            if caught_up:
                log.info("derived tables recomputed for this version: %s", ", ".join(caught_up))
            message = work(result)
        except Exception as exc:
            result.status = "failed"
            result.requests = getattr(exc, "requests_made", result.requests)
            result.message = f"{type(exc).__name__}: {exc}"
            loaded = getattr(exc, "loaded_groups", None)
            if loaded:  # a 3GPP load commits a working group at a time
                result.message += f" (loaded before the failure: {', '.join(loaded)})"
                state = "what was loaded before the failure stays, the rest is unchanged"
            else:
                state = "the warehouse is unchanged"
            log.error("%s refresh failed; %s. %s", source, state, result.message)
            end_run(settings, result)
            raise
        if result.status == "running":
            result.status = "ok"
        result.message = message
        log.info("%s refresh done: %s", source, message)
        end_run(settings, result)
        return result


def refresh_ietf_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    meetings: list[str] | None,
    log: logging.Logger | logging.LoggerAdapter,
    fetch: Callable[..., IetfFetch] = fetch_ietf_source,
    load: Callable[..., IetfLoadSummary] = load_ietf_source,
    full: bool = False,
) -> RefreshResult:
    """IETF refresh; ``fetch``/``load`` may be the same steps wrapped as Prefect tasks."""

    def work(result: RefreshResult) -> str:
        fetched = fetch(settings, offline, archive, meetings, log, full)
        result.requests = fetched.requests
        try:
            summary = load(settings, fetched, result.run_id)
        finally:
            fetched.discard()
        result.rows = summary.rows
        result.coverage = summary.resolution.coverage_of("ietf")
        records = fetched.records
        extra = ""
        if records.documents.height or records.groups.height or records.attended.height:
            extra = (
                f", {records.documents.height} documents, {records.authors.height} authors, "
                f"{records.groups.height} groups, {records.attended.height} attendance records"
            )
        held = (
            f" (of {fetched.batch.listed} listed)"
            if summary.meetings < fetched.batch.listed
            else ""
        )
        return (
            f"{summary.meetings} meetings{held}, {summary.registrations} registrations{extra}; "
            f"{result.coverage:.1%} of typed affiliations resolved; {fetched.requests} requests"
            + derived_note(summary.recomputed)
        )

    return audited_refresh(settings, "ietf", "offline" if offline else "live", log, work)


@dataclass(frozen=True)
class ThreeGppFetch:
    batch: ThreeGppBatch
    requests: int


def _final_lists(settings: Settings) -> set[str]:
    if not settings.db.exists():
        return set()
    con = connect(settings.db, read_only=True)
    try:
        return meetings_with_final_lists(con)
    finally:
        con.close()


def _threegpp_groups(fetcher: object, groups: list[str]) -> list[str]:
    """The groups asked for; else every group, or offline every group the archive holds."""
    if groups:
        return groups
    return groups_in(fetcher.urls()) if isinstance(fetcher, ArchiveReplay) else list(GROUPS)


def plan_threegpp_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    groups: list[str],
    since: date | None,
) -> tuple[pl.DataFrame, int]:
    """`sdo refresh 3gpp --dry-run`: the calendars only, and what a refresh would fetch."""
    done = _final_lists(settings)
    fetcher = make_fetcher(settings, offline, archive)
    hosts = ThreeGppHosts(settings.threegpp_url, settings.threegpp_portal_url, settings.etsi_url)
    try:
        plan = plan_threegpp(fetcher, hosts, _threegpp_groups(fetcher, groups), done, since)
    finally:
        fetcher.close()
    return plan, fetcher.requests


def fetch_threegpp_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    groups: list[str],
    since: date | None,
    log: logging.Logger | logging.LoggerAdapter,
) -> ThreeGppFetch:
    done = _final_lists(settings)
    fetcher = make_fetcher(settings, offline, archive)
    bundled = offline and archive is None
    groups = _threegpp_groups(fetcher, groups)
    hosts = ThreeGppHosts(settings.threegpp_url, settings.threegpp_portal_url, settings.etsi_url)
    try:
        with progress("3GPP meetings") as step:

            def fetched_meeting(meeting: str, rows: int) -> None:
                log.info("%s: %d TDocs", meeting, rows)
                step(meeting)

            batch = fetch_threegpp(
                fetcher, hosts, groups, done, since=since, on_meeting=fetched_meeting,
                headers=settings.participant_header_synonyms(),
            )  # fmt: skip
    except Exception as exc:
        exc.requests_made = fetcher.requests  # type: ignore[attr-defined]  # for the audit row
        raise
    finally:
        fetcher.close()
    # here, not at the top: the file parsers (docx, bs4) are ~0.2 s of imports that an
    # IETF refresh, the common scheduled run, never uses
    from flows.threegpp_files import parse_sample_imports, replay_imports

    if bundled:
        # the sample's reports and member list have no crawler: they come as files
        batch.extend(parse_sample_imports(settings, SAMPLE_IMPORTS, log))
    elif offline and archive is not None:
        # a rebuild from an archive: the files `sdo import` archived there are read again,
        # after the fetched lists, so a meeting's imported file wins as it did when imported
        batch.extend(replay_imports(settings, archive, log))
    return ThreeGppFetch(batch, fetcher.requests)


def load_threegpp_source(
    settings: Settings, fetched: ThreeGppFetch, run_id: str
) -> ThreeGppLoadSummary:
    reference = load_reference(overrides=settings.org_overrides)
    with writer(settings.db, memory_limit=settings.load_memory_limit) as con:
        summary = load_threegpp(con, fetched.batch, run_id, reference)
    return summary


def refresh_threegpp_source(
    settings: Settings,
    offline: bool,
    archive: Path | None,
    groups: list[str],
    since: date | None,
    log: logging.Logger | logging.LoggerAdapter,
    fetch: Callable[..., ThreeGppFetch] = fetch_threegpp_source,
    load: Callable[..., ThreeGppLoadSummary] = load_threegpp_source,
) -> RefreshResult:
    """3GPP refresh; ``fetch``/``load`` may be the same steps wrapped as Prefect tasks."""

    def work(result: RefreshResult) -> str:
        fetched = fetch(settings, offline, archive, groups, since, log)
        result.requests = fetched.requests
        summary = load(settings, fetched, result.run_id)
        result.rows = summary.rows
        result.coverage = summary.resolution.coverage_of("3gpp")
        meetings = summary.rows.get("threegpp_meetings", 0)
        tdocs = summary.rows.get("threegpp_tdocs", 0)
        coverage = f"{result.coverage:.1%} of typed affiliations resolved"
        message = f"{meetings} meetings, {tdocs} TDocs; {coverage}" + unresolved_note(
            summary.unresolved
        )
        message += derived_note(summary.recomputed)
        notes = fetched.batch.notes
        if notes:  # the rest loaded; what did not is named, and the run says it failed
            result.status = "failed"
            message += f"; {len(notes)} not loaded: " + " | ".join(notes)
        return message

    return audited_refresh(settings, "3gpp", "offline" if offline else "live", log, work)


def publish_snapshot(settings: Settings, force: bool = False) -> Snapshot:
    """Every public view to the published snapshot (warehouse/outputs/publish.py), under the
    refresh lock so no load changes the warehouse while it is read; nothing is written when
    the snapshot already shows this state."""
    with refresh_lock(settings.db, settings.refresh_wait):
        con = connect(settings.db, read_only=True)
        try:
            run_id = first_value(con, "queries", "latest_run_id")
            snapshot = publish(con, settings.published, str(run_id) if run_id else None, force)
        finally:
            con.close()
    return snapshot


LIVE_RETRIES, RETRY_DELAY = 2, 60  # a live source whose failure can pass, tried again


def refresh_sources(
    sources: list[str],
    db: Path | None,
    offline: bool,
    archive: Path | None,
    groups: list[str],
    since: date | None,
    full: bool,
    log: logging.Logger | logging.LoggerAdapter,
    sleep: Callable[[float], None] = time.sleep,
) -> list[RefreshResult]:
    """Every source named, in order, a failed one not stopping the others: what the
    `refresh` flow does, as plain function calls (`sdo refresh` without a Prefect server).
    A live fetch whose failure can pass (scrapers.http.is_transient) is tried again, as the
    flow's retry condition does; nothing else is."""
    results = []
    for source in sources:
        settings = Settings.from_env(db)
        for attempt in range(1 + (0 if offline else LIVE_RETRIES)):
            try:
                if source == "ietf":
                    result = refresh_ietf_source(settings, offline, archive, None, log, full=full)
                else:
                    result = refresh_threegpp_source(settings, offline, archive, groups, since, log)
                break
            except RefreshInProgress:
                raise  # another refresh holds the database: the same for every source
            except Exception as exc:  # recorded in refresh_runs by audited_refresh; go on
                message = f"{type(exc).__name__}: {exc}"
                result = RefreshResult(source, "", "failed", message=message)
                if offline or attempt == LIVE_RETRIES or not is_transient(exc):
                    break
                log.warning("%s: %s; trying again in %d s", source, message, RETRY_DELAY)
                sleep(RETRY_DELAY)
        results.append(result)
    return results
