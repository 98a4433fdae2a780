"""Getting data in: `sdo refresh`, `sdo import`, `sdo publish` and `sdo serve`.

`sdo refresh` calls the same step functions the flows call, directly, unless
PREFECT_API_URL names a Prefect server: then it runs the `refresh` flow, recorded there.
No user command starts a throwaway Prefect server; only `sdo serve` needs Prefect.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import DbOption, app, check_format, fail
from flows.output import render
from flows.settings import SOURCES, Settings, prepare_prefect_environment
from warehouse.store.db import DatabaseBusy, DatabaseMissing, connect, db_path


@app.command()
def refresh(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Sources to refresh: ietf, 3gpp. Default: all.")
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline", help="Replay an archive instead of the network (default: bundled sample)"
        ),
    ] = False,
    archive: Annotated[
        Path | None,
        typer.Option("--archive", help="Archive folder to replay with --offline, e.g. data/raw"),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", help="3GPP groups to refresh (R1, S2…; repeatable). Default: all"),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="3GPP: only meetings starting on or after DATE")
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="IETF: ignore the cursors and read every meeting and record again"
        ),
    ] = False,
    wait: Annotated[
        float | None,
        typer.Option("--wait", help="Seconds to wait for a refresh already running (default 0)"),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="3GPP: read the calendars and list what would be fetched, and why; load nothing",
        ),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="with --dry-run: table, csv, json")] = (
        "table"
    ),
    db: DbOption = None,
) -> None:
    """Fetch, load and rebuild views. Each source loads all or nothing.

    Refreshes are incremental: the IETF source reads new and recently ended meetings and
    every other record from where the last refresh stopped; 3GPP skips meetings whose
    final TDoc list is loaded.
    """
    unknown = [s for s in sources or [] if s not in SOURCES]
    if unknown:
        raise fail(f"unknown source {', '.join(unknown)}; known: {', '.join(SOURCES)}", 2)
    if archive is not None and not offline:
        raise fail("--archive goes with --offline", 2)

    from scrapers.threegpp.meeting_names import GROUPS

    groups = [g.upper() for g in group or []]
    bad = [g for g in groups if g not in GROUPS]
    if bad:
        raise fail(f"unknown 3GPP group {', '.join(bad)}; known: {', '.join(GROUPS)}", 2)
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise fail(f"--since {since!r}: expected YYYY-MM-DD", 2) from exc
    if dry_run:
        if sources and sources != ["3gpp"]:
            raise fail("--dry-run plans the 3GPP source only: `sdo refresh 3gpp --dry-run`", 2)
        check_format(fmt)
        _plan_threegpp(db, offline, archive, groups, since_date, fmt)
        return
    if wait is not None:
        os.environ["SDO_REFRESH_WAIT"] = str(wait)
    server = os.environ.get("PREFECT_API_URL")
    if server:
        prepare_prefect_environment()
        from flows.refresh import refresh as refresh_flow
        from flows.refresh import results_of

        state = refresh_flow(
            sources=sources or None,
            db=str(db) if db else None,
            offline=offline,
            archive=str(archive) if archive else None,
            groups=groups or None,
            since=since_date,
            full=full,
            return_state=True,
        )
        try:
            results = results_of(state.result(raise_on_failure=False))
        except Exception as exc:  # the refresh itself broke, not a source
            raise fail(f"the refresh flow failed: {type(exc).__name__}: {exc}") from exc
        mode = f"ran as a Prefect flow run, recorded at {server}"
    else:
        from flows.pipeline import refresh_sources

        try:
            results = refresh_sources(
                sources or list(SOURCES), db, offline, archive, groups, since_date, full,
                console_log(),
            )  # fmt: skip
        except DatabaseBusy as exc:  # another refresh holds it: one line, no traceback
            raise fail(str(exc)) from exc
        mode = "ran directly (PREFECT_API_URL is not set: no Prefect server records this run)"
    failed = False
    for result in results:
        colour = typer.colors.GREEN if result.status == "ok" else typer.colors.RED
        typer.secho(f"{result.source}: {result.status} — {result.message}", fg=colour)
        failed |= result.status != "ok"
    typer.echo(mode)
    published = _publish(db)  # what was committed, failed source or not
    if failed or not published:
        raise typer.Exit(1)
    typer.echo(f"database: {db_path(db)}")
    if offline and archive is None:
        _say_what_the_sample_leaves_empty(db)


# Why a view is empty on the bundled sample: what it is computed from, which the sample
# does not carry (a live `sdo refresh` fetches it)
SAMPLE_GAPS = {
    "authorship_by_group": "IETF documents and their authors",
    "authorship_by_country": "IETF documents and their authors",
    "session_attendance_by_group": "IETF session attendance (meeting/attended)",
    "nomcom_pool": "registrations that name the person (the sample's registration records "
    "carry no person ids, so no one can be followed across the five meetings of a window)",
    "elections": "a chair's report with an election (the sample's two RAN1 reports hold none)",
}


def _say_what_the_sample_leaves_empty(db: Path | None) -> None:
    """A reader trying the docs' examples on the sample learns why some print no rows."""
    from warehouse.outputs.catalog import empty_public_views
    from warehouse.store.queries import first_value

    try:
        con = connect(db, read_only=True)
    except (DatabaseMissing, DatabaseBusy):
        return
    try:
        empty = empty_public_views(con)
        ietf_roles = first_value(con, "queries", "ietf_leadership_rows")
    finally:
        con.close()
    lines = [f"  {v}: needs {SAMPLE_GAPS.get(v, 'records the sample does not hold')}"
             for v in empty]  # fmt: skip
    if not ietf_roles:
        lines.append("  leadership_by_group (IETF rows): needs the datatracker's group roles")
    if lines:
        typer.echo("the bundled sample leaves these empty (a live refresh fills them):")
        typer.echo("\n".join(lines))


def _publish(db: Path | None, force: bool = False) -> bool:
    """Write the published snapshot and say where; False (said in red) when it failed."""
    from flows.pipeline import publish_snapshot
    from warehouse.outputs.publish import PublishError

    settings = Settings.from_env(db)
    try:
        snapshot = publish_snapshot(settings, force)
    except (PublishError, DatabaseBusy, DatabaseMissing) as exc:
        typer.secho(f"publish failed: {exc}", fg=typer.colors.RED, err=True)
        return False
    if snapshot.written:
        typer.echo(f"published: {snapshot.link} ({snapshot.views} views, {snapshot.rows} rows)")
    else:
        typer.echo(f"published: {snapshot.link} (already this state)")
    return True


@app.command()
def publish(
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write a new snapshot even if nothing changed")
    ] = False,
) -> None:
    """Write every public view as Parquet to the published snapshot (data/published/).

    Any client reads it, DuckDB 1.x, polars, pandas, R or a spreadsheet, even while a
    refresh holds the database. Refresh and import run this after every load."""
    if not _publish(db, force):
        raise typer.Exit(1)


def console_log() -> logging.Logger:
    """Progress and warnings of a direct run on stderr, as a flow run would log them."""
    log = logging.getLogger("sdo.refresh")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s | %(levelname)-7s | %(message)s",
                                               "%H:%M:%S"))  # fmt: skip
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def _plan_threegpp(
    db: Path | None,
    offline: bool,
    archive: Path | None,
    groups: list[str],
    since: date | None,
    fmt: str,
) -> None:
    from flows.pipeline import plan_threegpp_source
    from scrapers.http import FetchError
    from scrapers.threegpp.calendar import CalendarError

    try:
        plan, requests = plan_threegpp_source(
            Settings.from_env(db), offline, archive, groups, since
        )
    except (CalendarError, FetchError, DatabaseBusy) as exc:
        raise fail(str(exc)) from exc
    due = plan.filter(action="fetch")
    lists = due.height + due["participants_url"].drop_nulls().len()
    if fmt == "table":
        typer.echo(
            f"{due.height} meetings to fetch ({lists} lists) of {plan.height} on "
            f"{plan['group'].n_unique()} calendars; {requests} requests made (calendars only)",
            err=True,
        )
    sys.stdout.write(render(plan, fmt))


@app.command("import")
def import_(
    kind: Annotated[
        str, typer.Argument(help="tdoc-list, tdocs-by-agenda, participants, report or membership")
    ],
    files: Annotated[list[Path], typer.Argument(help="Files to load", exists=True, dir_okay=False)],
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="e.g. RAN1#87; default: read from the file name or title"),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="membership lists: the date they are as of")
    ] = None,
    db: DbOption = None,
) -> None:
    """Load 3GPP files you downloaded (same parsers and tables as a refresh). Idempotent."""
    from datetime import date

    from flows.threegpp_import import import_files
    from scrapers.threegpp.files import KINDS
    from scrapers.threegpp.meeting_names import MeetingNameError, meeting_label

    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}", 2)
    try:
        label = meeting_label(meeting) if meeting else None
        when = date.fromisoformat(as_of) if as_of else None
    except (MeetingNameError, ValueError) as exc:
        raise fail(str(exc), 2) from exc
    settings = Settings.from_env(db)
    try:
        if kind == "participants":
            settings.participant_header_synonyms()  # a bad synonym file stops here, named
    except ValueError as exc:
        raise fail(str(exc), 2) from exc
    try:
        outcome = import_files(settings, kind, files, label, when, console_log())
    except DatabaseBusy as exc:
        raise fail(str(exc)) from exc
    colour = typer.colors.GREEN if outcome.result.status == "ok" else typer.colors.RED
    typer.secho(outcome.result.message, fg=colour)
    published = _publish(db)
    if outcome.failures or not published:
        raise typer.Exit(1)


@app.command()
def serve(
    ietf_cron: Annotated[
        str | None, typer.Option("--ietf-cron", help="IETF refresh (default: Sun 02:00)")
    ] = None,
    threegpp_cron: Annotated[
        str | None, typer.Option("--3gpp-cron", help="3GPP refresh (default: Sun 03:00)")
    ] = None,
    export_cron: Annotated[
        str | None, typer.Option("--export-cron", help="weekly export (default: Mon 06:00)")
    ] = None,
    timezone: Annotated[str, typer.Option("--timezone", help="of the cron times")] = "UTC",
    out: Annotated[Path, typer.Option("--out", help="where exports go")] = Path("exports"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the schedules and stop")] = False,
    db: DbOption = None,
) -> None:
    """Run the flows on cron schedules as Prefect deployments (needs `prefect server start`)."""
    from flows.schedule import NoPrefectServer, schedule_plan, serve_plan

    crons = {"refresh-ietf": ietf_cron, "refresh-3gpp": threegpp_cron, "export-weekly": export_cron}
    try:
        plan = schedule_plan(
            {k: v for k, v in crons.items() if v}, str(db) if db else None, str(out), timezone
        )
    except ValueError as exc:
        raise fail(str(exc), 2) from exc
    for p in plan:
        when = f"cron '{p.cron}' ({timezone})" if p.cron else "on demand"
        typer.echo(f"{p.flow}/{p.name}: {when}")
    if dry_run:
        return
    prepare_prefect_environment()
    try:
        serve_plan(plan, timezone)
    except NoPrefectServer as exc:
        raise fail(str(exc)) from exc
