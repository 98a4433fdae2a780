"""Set-based loading of polars frames into DuckDB tables (never row by row)."""

from __future__ import annotations

import duckdb
import polars as pl


def _quoted(names: list[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{n}"' for n in names)


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, keys: list[str]) -> int:
    """Insert or update ``frame`` into ``table`` on the natural ``keys``, in one MERGE."""
    if frame.is_empty():
        return 0
    duplicated = frame.select(keys).is_duplicated()
    if duplicated.any():
        sample = frame.filter(duplicated).select(keys).head(3).to_dicts()
        raise ValueError(f"{table}: the batch repeats natural keys {keys}, e.g. {sample}")
    columns = frame.columns
    on = " AND ".join(f'target."{k}" IS NOT DISTINCT FROM source."{k}"' for k in keys)
    updates = ", ".join(f'"{c}" = source."{c}"' for c in columns if c not in keys)
    con.register("_upsert_source", frame)
    try:
        con.execute(
            f"MERGE INTO {table} AS target USING _upsert_source AS source ON {on} "
            + (f"WHEN MATCHED THEN UPDATE SET {updates} " if updates else "")
            + f"WHEN NOT MATCHED THEN INSERT ({_quoted(columns)}) "
            f"VALUES ({_quoted(columns, 'source.')})"
        )
    finally:
        con.unregister("_upsert_source")
    return frame.height


def insert_new(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, keys: list[str]
) -> int:
    """Insert the rows whose keys are not there yet; existing rows are left untouched."""
    if frame.is_empty():
        return 0
    frame = frame.unique(subset=keys, keep="first", maintain_order=True)
    on = " AND ".join(f'target."{k}" IS NOT DISTINCT FROM source."{k}"' for k in keys)
    con.register("_insert_source", frame)
    try:
        con.execute(
            f"MERGE INTO {table} AS target USING _insert_source AS source ON {on} "
            f"WHEN NOT MATCHED THEN INSERT ({_quoted(frame.columns)}) "
            f"VALUES ({_quoted(frame.columns, 'source.')})"
        )
    finally:
        con.unregister("_insert_source")
    return frame.height


def replace_where(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pl.DataFrame,
    column: str,
    values: list[str] | list[int],
) -> int:
    """Make ``table`` hold exactly ``frame``'s rows for the given ``column`` values.

    For a source whose every refresh returns the whole partition (all of a
    meeting's registrations, all of a document's authors), so rows the source dropped
    disappear here too.
    """
    if not values:
        return insert_new(con, table, frame, list(frame.columns)) if frame.height else 0
    kind = pl.Int64 if isinstance(values[0], int) else pl.String
    con.register("_replace_keys", pl.DataFrame({"value": values}, schema={"value": kind}))
    con.register("_replace_source", frame)
    try:
        con.execute(f'DELETE FROM {table} WHERE "{column}" IN (SELECT value FROM _replace_keys)')
        con.execute(
            f"INSERT INTO {table} ({_quoted(frame.columns)}) "
            f"SELECT {_quoted(frame.columns)} FROM _replace_source"
        )
    finally:
        con.unregister("_replace_keys")
        con.unregister("_replace_source")
    return frame.height


def replace_all(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Make ``table`` hold exactly ``frame`` (reference data reloaded from CSV)."""
    con.register("_replace_all_source", frame)
    try:
        con.execute(f"DELETE FROM {table}")
        con.execute(
            f"INSERT INTO {table} ({_quoted(frame.columns)}) "
            f"SELECT {_quoted(frame.columns)} FROM _replace_all_source"
        )
    finally:
        con.unregister("_replace_all_source")
    return frame.height
