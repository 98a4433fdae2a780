"""The `sdo` command line. Each command is a thin door onto the pipeline or a query.

`sdo refresh` calls the same step functions the flows call, directly, unless
PREFECT_API_URL names a Prefect server: then it runs the `refresh` flow, recorded there.
No user command starts a throwaway Prefect server; only `sdo serve` needs Prefect.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
import polars as pl
import typer

from flows.output import render
from flows.settings import SOURCES, Settings, prepare_prefect_environment
from warehouse.db import DatabaseBusy, DatabaseMissing, connect, db_path

app = typer.Typer(
    help="Reproducible participation figures for standards bodies (IETF, 3GPP).",
    no_args_is_help=True,
    add_completion=False,
    # plain help: rich markup took "[env SDO_DB, …]" for a tag and dropped it, and printed
    # <bool> beside every flag
    rich_markup_mode=None,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file [env SDO_DB, default ./data/sdo.duckdb]"),
]
WaitOption = Annotated[
    float, typer.Option("--wait", help="Seconds to wait for a refresh holding the database")
]


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "csv", "json"):
        raise _fail(f"--format {fmt!r}: expected table, csv or json", 2)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


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
        raise _fail(f"unknown source {', '.join(unknown)}; known: {', '.join(SOURCES)}", 2)
    if archive is not None and not offline:
        raise _fail("--archive goes with --offline", 2)

    from scrapers.threegpp.meeting_names import GROUPS

    groups = [g.upper() for g in group or []]
    bad = [g for g in groups if g not in GROUPS]
    if bad:
        raise _fail(f"unknown 3GPP group {', '.join(bad)}; known: {', '.join(GROUPS)}", 2)
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise _fail(f"--since {since!r}: expected YYYY-MM-DD", 2) from exc
    if dry_run:
        if sources and sources != ["3gpp"]:
            raise _fail("--dry-run plans the 3GPP source only: `sdo refresh 3gpp --dry-run`", 2)
        _check_format(fmt)
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
            raise _fail(f"the refresh flow failed: {type(exc).__name__}: {exc}") from exc
        mode = f"ran as a Prefect flow run, recorded at {server}"
    else:
        from flows.pipeline import refresh_sources

        try:
            results = refresh_sources(
                sources or list(SOURCES), db, offline, archive, groups, since_date, full,
                _console_log(),
            )  # fmt: skip
        except DatabaseBusy as exc:  # another refresh holds it: one line, no traceback
            raise _fail(str(exc)) from exc
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
    from warehouse.catalog import empty_public_views
    from warehouse.queries import first_value

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
    from warehouse.publish import PublishError

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


def _console_log() -> logging.Logger:
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
        raise _fail(str(exc)) from exc
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
        raise _fail(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}", 2)
    try:
        label = meeting_label(meeting) if meeting else None
        when = date.fromisoformat(as_of) if as_of else None
    except (MeetingNameError, ValueError) as exc:
        raise _fail(str(exc), 2) from exc
    settings = Settings.from_env(db)
    try:
        if kind == "participants":
            settings.participant_header_synonyms()  # a bad synonym file stops here, named
    except ValueError as exc:
        raise _fail(str(exc), 2) from exc
    try:
        outcome = import_files(settings, kind, files, label, when, _console_log())
    except DatabaseBusy as exc:
        raise _fail(str(exc)) from exc
    colour = typer.colors.GREEN if outcome.result.status == "ok" else typer.colors.RED
    typer.secho(outcome.result.message, fg=colour)
    published = _publish(db)
    if outcome.failures or not published:
        raise typer.Exit(1)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run against the views (read-only)")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
    memory_limit: Annotated[
        str | None,
        typer.Option("--memory-limit", help="e.g. 4GB (default: SDO_SQL_MEMORY_LIMIT or 2GB)"),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", help="seconds, 0 for none (default: SDO_SQL_TIMEOUT or 120)"),
    ] = None,
) -> None:
    """Run a read-only query, e.g. sdo sql "SELECT * FROM delegation_by_group LIMIT 5".

    The query reads the warehouse and nothing else: no other file, database or extension,
    within a memory limit and a time limit."""
    from warehouse.user_sql import UserQueryError, UserSqlLimits, open_for_user_sql, run_user_sql

    _check_format(fmt)
    try:
        settings = Settings.from_env(db)
        limits = UserSqlLimits(
            memory_limit or settings.sql_memory_limit,
            settings.sql_temp_limit,
            settings.sql_timeout if timeout is None else timeout,
        )
    except ValueError as exc:
        raise _fail(str(exc), 2) from exc
    try:
        con = open_for_user_sql(db, limits, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise _fail(str(exc)) from exc
    try:
        frame = run_user_sql(con, query, limits.timeout)
    except UserQueryError as exc:
        raise _fail(str(exc)) from exc
    finally:
        con.close()
    sys.stdout.write(render(frame, fmt))


@app.command()
def shell(
    db: DbOption = None,
    snapshot: Annotated[
        bool,
        typer.Option("--snapshot", help="Query the published Parquet snapshot, not the database"),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    wait: WaitOption = 30.0,
) -> None:
    """An interactive SQL prompt on the views: history, tab completion of view and column
    names, statements ending with ';'. Reads the database read-only (each statement opens it
    and lets go) or, with --snapshot, the published Parquet files. Piped input runs too:
    echo "FROM meetings LIMIT 3;" | sdo shell"""
    from flows.shell import (
        ShellError,
        SnapshotSource,
        Source,
        WarehouseSource,
        lines_from,
        run_shell,
        terminal_reader,
    )
    from warehouse.user_sql import UserSqlLimits

    _check_format(fmt)
    settings = Settings.from_env(db)
    source: Source
    try:
        if snapshot:
            source = SnapshotSource(settings.published)
        else:
            if not settings.db.exists():
                raise _fail(f"no database at {settings.db}: run `sdo refresh` first")
            limits = UserSqlLimits(settings.sql_memory_limit, settings.sql_temp_limit,
                                   settings.sql_timeout)  # fmt: skip
            source = WarehouseSource(db, limits, wait)
    except ShellError as exc:
        raise _fail(str(exc)) from exc
    interactive = sys.stdin.isatty()
    reader = terminal_reader(source.columns) if interactive else lines_from(sys.stdin)
    failed = run_shell(
        source, reader, sys.stdout.write, fmt, banner=interactive,
        warn=sys.stdout.write if interactive else sys.stderr.write,
    )  # fmt: skip
    if failed and not interactive:
        raise typer.Exit(1)


@app.command()
def views(
    name: Annotated[str | None, typer.Argument(help="One view: its whole description")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """The public views: what one row of each is, and its columns (from the database).

    The text is the header comment of each view's SQL, the same the docs quote."""
    from warehouse.catalog import PUBLIC_VIEWS, public_view_docs, view_columns

    _check_format(fmt)
    if name is not None and name not in PUBLIC_VIEWS:
        raise _fail(f"{name!r} is not a public view; `sdo views` lists them", 2)
    docs = [d for d in public_view_docs() if name in (None, d.name)]
    columns: dict[str, list[tuple[str, str]]] = {}
    try:
        con = connect(db, read_only=True, wait=wait)
    except DatabaseMissing:
        con = None  # the descriptions still stand; the columns need a database
    except DatabaseBusy as exc:
        raise _fail(str(exc)) from exc
    if con is not None:
        try:
            columns = {d.name: view_columns(con, d.name) for d in docs}
        finally:
            con.close()
    if name is not None and fmt == "table":
        typer.echo(f"{name}: {docs[0].text}\n(sql/views/{docs[0].file})\n")
        typer.echo(render_rows([{"column": c, "type": t} for c, t in columns.get(name, [])])
                   if name in columns else "columns: no database to read them from")  # fmt: skip
        return
    rows = [
        {
            "view": d.name,
            "meaning": d.text if name else d.meaning,
            "columns": ", ".join(c for c, _ in columns.get(d.name, [])),
        }
        for d in docs
    ]
    if fmt == "table":  # a listing to read: name, then its meaning and columns indented
        for row in rows:
            typer.echo(row["view"])
            typer.echo(_indented(row["meaning"]))
            if row["columns"]:
                listed = f"columns: {row['columns']}"
                typer.echo(_indented(listed, "    "))
        if con is None:
            typer.echo(f"(no database at {db_path(db)}: columns not shown)")
        return
    sys.stdout.write(render(pl.DataFrame(rows), fmt))


def _indented(text: str, then: str = "  ") -> str:
    return textwrap.fill(text, 96, initial_indent="  ", subsequent_indent=then)


@app.command()
def status(
    db: DbOption = None,
    wait: WaitOption = 30.0,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """What is loaded: meetings and rows per body, and the latest refresh runs."""
    from warehouse.status import warehouse_status

    try:
        con = connect(db, read_only=True, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise _fail(str(exc)) from exc
    try:
        report = warehouse_status(con)
    finally:
        con.close()
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    typer.echo(f"database: {db_path(db)} (schema version {report['schema_version']})")
    typer.echo("\nloaded:")
    typer.echo(render_rows(report["bodies"]))
    typer.echo("\nlatest refresh runs:")
    typer.echo(render_rows(report["runs"]) if report["runs"] else "  none yet")
    failure = report["last_failure"]
    if failure:
        message = " ".join(str(failure["message"] or "").split())
        message = message if len(message) <= 200 else message[:197] + "..."
        where = f" (Prefect flow run {failure['prefect_flow_run_id']})" if failure[
            "prefect_flow_run_id"] else ""  # fmt: skip
        typer.echo(
            f"last failure: {failure['source']} {failure['status']} at "
            f"{failure['started_utc']} UTC{where}: {message}"
        )
    _echo_participant_lists(report["participant_lists"])
    if report["ietf_cursors"]:
        typer.echo("\nIETF incremental cursors (where the next refresh resumes):")
        typer.echo(render_rows(report["ietf_cursors"]))
    res = report["resolution"]
    typer.echo("\naffiliations resolved to a curated organization:")
    for body in res["by_body"]:
        if body["typed_uses"]:
            typer.echo(
                f"  {body['body']}: {body['coverage']:.1%} of {body['typed_uses']} typed uses"
            )
    typer.echo(
        f"  ({res['strings']} distinct strings in both bodies together; "
        "`sdo orgs unmatched` lists the unmatched)"
    )


STATUS_PROBLEMS_SHOWN = 15  # meetings listed by name; the view holds them all


def _echo_participant_lists(lists: dict[str, list[dict[str, Any]]]) -> None:
    """Which 3GPP delegate counts rest on what list, and which meetings have none."""
    if not lists["by_state"]:
        return
    typer.echo("\n3GPP participant lists (what delegate counts rest on):")
    typer.echo(render_rows(lists["by_state"]))
    problems = lists["problems"]
    if not problems:
        return
    typer.echo(f"\n3GPP meetings whose participants are missing or unreadable ({len(problems)}):")
    for row in problems[:STATUS_PROBLEMS_SHOWN]:
        detail = " ".join(str(row["detail"] or "").split())
        detail = detail if len(detail) <= 200 else detail[:197] + "..."
        typer.echo(f"  {row['meeting']}: participants {row['state']}: {detail}")
    if len(problems) > STATUS_PROBLEMS_SHOWN:
        typer.echo(f"  ... and {len(problems) - STATUS_PROBLEMS_SHOWN} more")
    typer.echo(
        '  (all of them: sdo sql "SELECT * FROM threegpp_participant_list_state '
        "WHERE state <> 'loaded'\")"
    )


orgs_app = typer.Typer(help="Organization resolution: look strings up, find what is unmatched.")
app.add_typer(orgs_app, name="orgs")


@orgs_app.command("resolve")
def orgs_resolve(
    strings: Annotated[list[str], typer.Argument(help="Affiliation strings as people write them")],
    on: Annotated[
        str | None, typer.Option("--on", help="Date for corporate parents (default: today)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Show what strings resolve to: raw, org, org_group, hq_country, method.

    With a loaded database, its latest 3GPP member list is a layer of the resolver, as in a
    load. A string that starts with '-' goes after '--', e.g. sdo orgs resolve -- --None--"""
    from datetime import date

    from warehouse.org_lookup import resolve_strings
    from warehouse.reference import ReferenceError, load_reference
    from warehouse.resolve import latest_members

    _check_format(fmt)
    settings = Settings.from_env(db)
    try:
        day = date.fromisoformat(on) if on else date.today()
        reference = load_reference(overrides=settings.org_overrides)
    except ValueError as exc:  # ReferenceError is a ValueError too
        raise _fail(str(exc), 2 if not isinstance(exc, ReferenceError) else 1) from exc
    members = None
    if settings.db.exists():
        try:
            con = connect(settings.db, read_only=True, wait=wait)
        except DatabaseBusy as exc:
            raise _fail(str(exc)) from exc
        try:
            members = latest_members(con) or None
        finally:
            con.close()
    sys.stdout.write(render(resolve_strings(reference, strings, day, members), fmt))


@orgs_app.command("unmatched")
def orgs_unmatched(
    body: Annotated[str | None, typer.Option("--body", help="ietf or 3gpp")] = None,
    top: Annotated[int, typer.Option("--top", help="How many strings")] = 30,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """The most used strings no curated organization matches: where curation pays."""
    if body not in (None, "ietf", "3gpp"):
        raise _fail(f"--body {body!r}: expected ietf or 3gpp", 2)
    _check_format(fmt)
    try:
        con = connect(db, read_only=True, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise _fail(str(exc)) from exc
    try:
        frame = con.sql(
            "SELECT body, raw, counted_as, uses FROM unmatched_affiliations "
            "WHERE $body IS NULL OR body = $body ORDER BY uses DESC, raw LIMIT $top",
            params={"body": body, "top": top},
        ).pl()
    except duckdb.CatalogException as exc:
        raise _fail(f"{exc}. The database predates this view: run `sdo refresh` once.") from exc
    finally:
        con.close()
    sys.stdout.write(render(frame, fmt))


@app.command()
def blocs(
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="e.g. RAN1#87, or a NomCom year (2025); default: latest"),
    ] = None,
    agenda_item: Annotated[
        str | None, typer.Option("--agenda-item", help="e.g. 7.1.5.1; default: whole meeting")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="cosignature, corporate_group, country (3GPP); nomcom_group, nomcom_country",
        ),
    ] = "cosignature",
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute voting rights and blocs first")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="with --rebuild: the first Leiden seed")
    ] = None,
    resolution: Annotated[
        float | None, typer.Option("--resolution", help="with --rebuild: modularity resolution")
    ] = None,
    backbone_alpha: Annotated[
        float | None,
        typer.Option("--backbone-alpha", help="with --rebuild: disparity filter level"),
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", help="with --rebuild: attendance window (meetings)")
    ] = None,
    needed: Annotated[
        int | None, typer.Option("--needed", help="with --rebuild: meetings of the window needed")
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity", help="How the blocs change over a resolution and backbone grid"
        ),
    ] = False,
    elections: Annotated[
        bool,
        typer.Option("--elections", help="The bloc model's prediction beside each real ballot"),
    ] = False,
    election_window: Annotated[
        int, typer.Option("--election-window", help="with --elections: meetings before the vote")
    ] = 3,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Estimated voting blocs with their members and votes, and who can block a 71 % vote.

    Blocs are the consensus of many Leiden runs on each meeting's (or agenda item's)
    co-signature network; members that flip between blocs across runs are 'undecided'.
    """
    from flows.blocs import (
        BlocQuery,
        bloc_report,
        bloc_sensitivity,
        election_predictions,
        rebuild_blocs,
    )

    _check_format(fmt)
    tuning = {
        "seed": seed,
        "resolution": resolution,
        "backbone_alpha": backbone_alpha,
        "window": window,
        "needed": needed,
    }
    if not rebuild and any(v is not None for v in tuning.values()):
        raise _fail(
            "--seed, --resolution, --backbone-alpha, --window, --needed go with --rebuild", 2
        )
    if sensitivity and elections:
        raise _fail("--sensitivity and --elections are separate reports: pick one", 2)
    try:
        if rebuild:
            summary = rebuild_blocs(db, wait, **tuning)
            typer.echo(
                f"rebuilt: {summary.meetings} meetings, {summary.networks} networks "
                f"({summary.computed} recomputed on {summary.workers} process(es)), "
                f"{summary.rights} voting-right rows (run {summary.run_id})",
                err=True,
            )
        query = BlocQuery(meeting, agenda_item, kind)
        if sensitivity:
            frame, about = bloc_sensitivity(db, wait, query)
        elif elections:
            frame, about = election_predictions(db, wait, election_window)
        else:
            frame, about = bloc_report(db, wait, query)
    except (DatabaseMissing, DatabaseBusy, ValueError) as exc:
        raise _fail(str(exc)) from exc
    if fmt == "table":
        typer.echo(about, err=True)
    sys.stdout.write(render(frame, fmt))


@app.command()
def export(
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2026-W47 (default: this week)")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder the week's folder goes in")] = Path(
        "exports"
    ),
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or parquet")] = "csv",
    threshold: Annotated[
        float,
        typer.Option("--threshold", help="A share moving by more than this is a change"),
    ] = 0.02,
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Write the weekly summaries: exports/2026-W47/*.csv and a manifest (read-only)."""
    from datetime import date

    from flows.export import export_week
    from warehouse.exports import Week

    try:
        chosen = Week.parse(week) if week else Week.of(date.today())
        result = export_week(db, chosen, out, fmt, wait, threshold)
    except (DatabaseMissing, DatabaseBusy, ValueError) as exc:
        raise _fail(str(exc)) from exc
    since = f" (changes since {result.previous})" if result.previous else " (first export here)"
    typer.echo(f"{result.folder}{since}")
    for name, rows in result.files.items():
        typer.echo(f"  {name}: {rows} rows")


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
        raise _fail(str(exc), 2) from exc
    for p in plan:
        when = f"cron '{p.cron}' ({timezone})" if p.cron else "on demand"
        typer.echo(f"{p.flow}/{p.name}: {when}")
    if dry_run:
        return
    prepare_prefect_environment()
    try:
        serve_plan(plan, timezone)
    except NoPrefectServer as exc:
        raise _fail(str(exc)) from exc


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write")] = Path("report.html"),
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="bloc network of this 3GPP meeting (default: latest)"),
    ] = None,
    agenda_item: Annotated[
        str | None,
        typer.Option("--agenda-item", help="its agenda item (default: the busiest, or none)"),
    ] = None,
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Write a self-contained HTML report with charts (no network needed to view it)."""
    from flows.report import ReportRequest, write_report
    from scrapers.threegpp.meeting_names import MeetingNameError, meeting_label

    try:
        label = meeting_label(meeting) if meeting else None
        written = write_report(db, out, wait, ReportRequest(label, agenda_item))
    except (DatabaseMissing, DatabaseBusy, ValueError, MeetingNameError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"{written} ({written.stat().st_size // 1024} KiB)")


def render_rows(rows: list[dict]) -> str:
    return render(pl.DataFrame(rows), "table").rstrip("\n")


def main() -> None:
    """The console entry point: a damaged database file is one line and exit 1, wherever a
    command meets it (opening, or a query reading a bad block), never a traceback."""
    from warehouse.db import DatabaseDamaged, damaged, is_damage

    try:
        app()
    except DatabaseDamaged as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise SystemExit(1) from None
    except Exception as exc:
        if not is_damage(exc):
            raise
        typer.secho(f"error: {damaged(exc, _db_named())}", fg=typer.colors.RED, err=True)
        raise SystemExit(1) from None


def _db_named() -> Path:
    """The database this command line names (--db), else the configured one."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--db="):
            return Path(arg.split("=", 1)[1])
    return db_path(None)
