"""Set-based loading of polars frames into DuckDB tables (never row by row).

A frame may also be staged on disk (scrapers/staging.py): DuckDB then reads its Parquet
files itself and the rows never pass through Python. Also the per-meeting digest tables
derived steps compare against to redo only the meetings that moved (moved_meetings).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import duckdb
import polars as pl

from scrapers.staging import Frame, StagedFrame


@contextmanager
def staged(con: duckdb.DuckDBPyConnection, name: str, frame: Frame) -> Iterator[str]:
    """``frame`` visible to SQL as ``name`` for the block.

    A polars frame is registered as an Arrow table of polars' own string views: zero-copy.
    Registering the polars frame itself makes DuckDB convert it to classic Arrow strings
    first, a full copy of every string column (+240 MB for 1.7M attendance rows). A staged
    frame becomes a temporary view over its Parquet files.
    """
    if isinstance(frame, StagedFrame) and frame.paths:
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in frame.paths)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet([{files}])")
        try:
            yield name
        finally:
            con.execute(f"DROP VIEW IF EXISTS {name}")
        return
    rows = frame.collect() if isinstance(frame, StagedFrame) else frame  # empty when staged
    con.register(name, rows.to_arrow(compat_level=pl.CompatLevel.newest()))
    try:
        yield name
    finally:
        con.unregister(name)


def _repeated_keys(
    con: duckdb.DuckDBPyConnection, frame: Frame, source: str, keys: list[str]
) -> list[dict[str, object]]:
    """Up to three key values ``frame`` holds more than once (``source``: its staged name)."""
    if isinstance(frame, pl.DataFrame):
        duplicated = frame.select(keys).is_duplicated()
        return frame.filter(duplicated).select(keys).head(3).to_dicts() if duplicated.any() else []
    columns = _quoted(keys)
    found = con.execute(
        f"SELECT {columns} FROM {source} GROUP BY ALL HAVING count(*) > 1 LIMIT 3"
    ).fetchall()
    return [dict(zip(keys, row, strict=True)) for row in found]


def _quoted(names: list[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{n}"' for n in names)


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: Frame, keys: list[str]) -> int:
    """Insert or update ``frame`` into ``table`` on the natural ``keys``, in one MERGE."""
    if frame.is_empty():
        return 0
    columns = frame.columns
    on = " AND ".join(f'target."{k}" IS NOT DISTINCT FROM source."{k}"' for k in keys)
    updates = ", ".join(f'"{c}" = source."{c}"' for c in columns if c not in keys)
    with staged(con, "_upsert_source", frame):
        sample = _repeated_keys(con, frame, "_upsert_source", keys)
        if sample:
            raise ValueError(f"{table}: the batch repeats natural keys {keys}, e.g. {sample}")
        con.execute(
            f"MERGE INTO {table} AS target USING _upsert_source AS source ON {on} "
            + (f"WHEN MATCHED THEN UPDATE SET {updates} " if updates else "")
            + f"WHEN NOT MATCHED THEN INSERT ({_quoted(columns)}) "
            f"VALUES ({_quoted(columns, 'source.')})"
        )
    return frame.height


def insert_new(con: duckdb.DuckDBPyConnection, table: str, frame: Frame, keys: list[str]) -> int:
    """Insert the rows whose keys are not there yet (the first of a repeated key); existing
    rows are left untouched."""
    if frame.is_empty():
        return 0
    if isinstance(frame, StagedFrame):
        with staged(con, "_insert_check", frame):
            repeated = bool(_repeated_keys(con, frame, "_insert_check", keys))
        if repeated:  # a fetch's collections arrive de-duplicated: rare, read it in
            frame = frame.collect()
    if isinstance(frame, pl.DataFrame) and frame.select(keys).is_duplicated().any():
        # unique() copies every column: only if needed
        frame = frame.unique(subset=keys, keep="first", maintain_order=True)
    on = " AND ".join(f'target."{k}" IS NOT DISTINCT FROM source."{k}"' for k in keys)
    with staged(con, "_insert_source", frame):
        con.execute(
            f"MERGE INTO {table} AS target USING _insert_source AS source ON {on} "
            f"WHEN NOT MATCHED THEN INSERT ({_quoted(frame.columns)}) "
            f"VALUES ({_quoted(frame.columns, 'source.')})"
        )
    return frame.height


def replace_where(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: Frame,
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
    keys = pl.DataFrame({"value": values}, schema={"value": kind})
    with staged(con, "_replace_keys", keys), staged(con, "_replace_source", frame):
        con.execute(f'DELETE FROM {table} WHERE "{column}" IN (SELECT value FROM _replace_keys)')
        con.execute(
            f"INSERT INTO {table} ({_quoted(frame.columns)}) "
            f"SELECT {_quoted(frame.columns)} FROM _replace_source"
        )
    return frame.height


def delete_keyed(con: duckdb.DuckDBPyConnection, table: str, keys: pl.DataFrame) -> None:
    """Delete the rows whose values in ``keys``' columns equal one of its rows (NULL
    matching NULL): the partitions a derived rebuild is about to write again."""
    if keys.is_empty():
        return
    match = " AND ".join(f't."{c}" IS NOT DISTINCT FROM k."{c}"' for c in keys.columns)
    with staged(con, "_delete_keys", keys):
        con.execute(
            f"DELETE FROM {table} AS t WHERE EXISTS (SELECT 1 FROM _delete_keys AS k WHERE {match})"
        )


def append(con: duckdb.DuckDBPyConnection, table: str, frame: Frame) -> int:
    """Add ``frame``'s rows to ``table`` in one statement (rows the caller knows are new)."""
    if frame.is_empty():
        return 0
    with staged(con, "_append_source", frame):
        con.execute(
            f"INSERT INTO {table} ({_quoted(frame.columns)}) "
            f"SELECT {_quoted(frame.columns)} FROM _append_source"
        )
    return frame.height


def replace_all(con: duckdb.DuckDBPyConnection, table: str, frame: Frame) -> int:
    """Make ``table`` hold exactly ``frame`` (reference data reloaded from CSV)."""
    with staged(con, "_replace_all_source", frame):
        con.execute(f"DELETE FROM {table}")
        con.execute(
            f"INSERT INTO {table} ({_quoted(frame.columns)}) "
            f"SELECT {_quoted(frame.columns)} FROM _replace_all_source"
        )
    return frame.height


def moved_meetings(
    con: duckdb.DuckDBPyConnection, table: str, current: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """Per-meeting digests against those stored in ``table`` (meeting, digest): the
    meetings whose digest moved or is new, and those stored but no longer given, each in
    label order. A derived step recomputes the first and drops the second."""
    before = dict(con.execute(f"SELECT meeting, digest FROM {table}").fetchall())
    moved = sorted(m for m, digest in current.items() if before.get(m) != digest)
    return moved, sorted(set(before) - set(current))


def store_meeting_digests(
    con: duckdb.DuckDBPyConnection, table: str, current: Mapping[str, str]
) -> None:
    """Make ``table`` (meeting, digest) hold ``current``, for the next moved_meetings."""
    replace_all(
        con,
        table,
        pl.DataFrame(
            {"meeting": list(current), "digest": list(current.values())},
            schema={"meeting": pl.String, "digest": pl.String},
        ),
    )
