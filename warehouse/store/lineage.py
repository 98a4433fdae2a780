"""Lineage: which archived responses (or imported files) a load used."""

from __future__ import annotations

import duckdb
import polars as pl

from scrapers.archive import ArchiveEntry
from warehouse.store.load import insert_new


def raw_response_frame(entries: list[ArchiveEntry], run_id: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "url": [e.url for e in entries],
            "fetched_at": [e.fetched_at for e in entries],
            "status": [e.status for e in entries],
            "content_type": [e.content_type for e in entries],
            "sha256": [e.sha256 for e in entries],
            "bytes": [e.bytes for e in entries],
            "first_run_id": [run_id] * len(entries),
        },
        schema={
            "url": pl.String,
            "fetched_at": pl.String,
            "status": pl.Int32,
            "content_type": pl.String,
            "sha256": pl.String,
            "bytes": pl.Int64,
            "first_run_id": pl.String,
        },
    ).with_columns(pl.col("fetched_at").str.to_datetime(time_zone="UTC"))


def record_responses(
    con: duckdb.DuckDBPyConnection, entries: list[ArchiveEntry], run_id: str
) -> None:
    """Add the load's responses to raw_responses; one seen before keeps its first run."""
    insert_new(
        con, "raw_responses", raw_response_frame(entries, run_id), ["url", "fetched_at", "sha256"]
    )
