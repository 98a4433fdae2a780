"""The `sdo` application: the Typer app every command module registers on, the options
and error helpers they share, and the console entry point."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from flows.output import render
from warehouse.store.db import db_path

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


def check_format(fmt: str) -> None:
    if fmt not in ("table", "csv", "json"):
        raise fail(f"--format {fmt!r}: expected table, csv or json", 2)


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


def render_rows(rows: list[dict]) -> str:
    return render(pl.DataFrame(rows), "table").rstrip("\n")


def main() -> None:
    """The console entry point: a damaged database file is one line and exit 1, wherever a
    command meets it (opening, or a query reading a bad block), never a traceback."""
    from warehouse.store.db import DatabaseDamaged, damaged, is_damage

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
