"""`sdo orgs`: look organization strings up, find what is unmatched."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import duckdb
import typer

from flows.cli.app import DbOption, WaitOption, app, check_format, fail
from flows.output import render
from flows.settings import Settings
from warehouse.store.db import DatabaseBusy, DatabaseMissing, connect

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

    from warehouse.orgs.lookup import resolve_strings
    from warehouse.orgs.reference import ReferenceError, load_reference
    from warehouse.orgs.resolve import latest_members

    check_format(fmt)
    settings = Settings.from_env(db)
    try:
        day = date.fromisoformat(on) if on else date.today()
        reference = load_reference(overrides=settings.org_overrides)
    except ValueError as exc:  # ReferenceError is a ValueError too
        raise fail(str(exc), 2 if not isinstance(exc, ReferenceError) else 1) from exc
    members = None
    if settings.db.exists():
        try:
            con = connect(settings.db, read_only=True, wait=wait)
        except DatabaseBusy as exc:
            raise fail(str(exc)) from exc
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
        raise fail(f"--body {body!r}: expected ietf or 3gpp", 2)
    check_format(fmt)
    try:
        con = connect(db, read_only=True, wait=wait)
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise fail(str(exc)) from exc
    try:
        frame = con.sql(
            "SELECT body, raw, counted_as, uses FROM unmatched_affiliations "
            "WHERE $body IS NULL OR body = $body ORDER BY uses DESC, raw LIMIT $top",
            params={"body": body, "top": top},
        ).pl()
    except duckdb.CatalogException as exc:
        raise fail(f"{exc}. The database predates this view: run `sdo refresh` once.") from exc
    finally:
        con.close()
    sys.stdout.write(render(frame, fmt))
