"""Running the named queries of sql/<folder>/<name>.sql, and small facts about a database.

Commands and flows read the warehouse through these, so their SQL stays in sql/ with the
views: one concern per file, each with a header saying what it answers.
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.store.db import sql_dir


def query_text(folder: str, name: str) -> str:
    return (sql_dir() / folder / f"{name}.sql").read_text(encoding="utf-8")


def run_query(
    con: duckdb.DuckDBPyConnection, folder: str, name: str, **params: object
) -> pl.DataFrame:
    """The query's rows; only the parameters it names ($name) are passed to it."""
    sql = query_text(folder, name)
    return con.sql(sql, params={k: v for k, v in params.items() if f"${k}" in sql}).pl()


def run_statement(con: duckdb.DuckDBPyConnection, folder: str, name: str, **params: object) -> None:
    """Execute a statement that returns no rows (staging a temporary table)."""
    sql = query_text(folder, name)
    con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})


def first_value(
    con: duckdb.DuckDBPyConnection, folder: str, name: str, **params: object
) -> object | None:
    """The first column of the first row, or None when there is no row."""
    frame = run_query(con, folder, name, **params)
    return frame.row(0)[0] if frame.height else None


def not_loaded_message(con: duckdb.DuckDBPyConnection, meeting: str) -> str | None:
    """'RAN1#999 is not loaded (RAN1 meetings loaded: …)' when the 3GPP meeting is not in
    the warehouse; None when it is."""
    from scrapers.threegpp.meeting_names import group_code

    frame = run_query(con, "queries", "meeting_not_loaded", meeting=meeting,
                      group=group_code(meeting))  # fmt: skip
    if frame.is_empty():
        return None
    loaded = frame.to_dicts()[0]["loaded_in_group"] or []
    listed = ", ".join(loaded[:8]) + (", …" if len(loaded) > 8 else "")
    return f"{meeting} is not loaded" + (f" (loaded of its group: {listed})" if loaded else "")


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchall()
    return bool(found[0][0])


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    (version,) = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[
        0
    ]
    return int(version)
