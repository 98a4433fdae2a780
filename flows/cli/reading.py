"""Reading the warehouse: `sdo sql`, `sdo shell`, `sdo views` and `sdo status`."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Annotated, Any

import polars as pl
import typer

from flows.cli.app import DbOption, WaitOption, app, check_format, fail, render_rows
from flows.output import render
from flows.settings import Settings
from warehouse.store.db import DatabaseBusy, DatabaseMissing, connect, db_path


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
    from warehouse.outputs.user_sql import (
        UserQueryError,
        UserSqlLimits,
        open_for_user_sql,
        run_user_sql,
    )

    check_format(fmt)
    try:
        settings = Settings.from_env(db)
        limits = UserSqlLimits(
            memory_limit or settings.sql_memory_limit,
            settings.sql_temp_limit,
            settings.sql_timeout if timeout is None else timeout,
        )
    except ValueError as exc:
        raise fail(str(exc), 2) from exc
    try:
        con = open_for_user_sql(db, limits, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise fail(str(exc)) from exc
    try:
        frame = run_user_sql(con, query, limits.timeout)
    except UserQueryError as exc:
        raise fail(str(exc)) from exc
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
    from warehouse.outputs.user_sql import UserSqlLimits

    check_format(fmt)
    settings = Settings.from_env(db)
    source: Source
    try:
        if snapshot:
            source = SnapshotSource(settings.published)
        else:
            if not settings.db.exists():
                raise fail(f"no database at {settings.db}: run `sdo refresh` first")
            limits = UserSqlLimits(settings.sql_memory_limit, settings.sql_temp_limit,
                                   settings.sql_timeout)  # fmt: skip
            source = WarehouseSource(db, limits, wait)
    except ShellError as exc:
        raise fail(str(exc)) from exc
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
    from warehouse.outputs.catalog import PUBLIC_VIEWS, public_view_docs, view_columns

    check_format(fmt)
    if name is not None and name not in PUBLIC_VIEWS:
        raise fail(f"{name!r} is not a public view; `sdo views` lists them", 2)
    docs = [d for d in public_view_docs() if name in (None, d.name)]
    columns: dict[str, list[tuple[str, str]]] = {}
    try:
        con = connect(db, read_only=True, wait=wait)
    except DatabaseMissing:
        con = None  # the descriptions still stand; the columns need a database
    except DatabaseBusy as exc:
        raise fail(str(exc)) from exc
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
    from warehouse.outputs.status import warehouse_status

    try:
        con = connect(db, read_only=True, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise fail(str(exc)) from exc
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
