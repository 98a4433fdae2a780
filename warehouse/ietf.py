"""Loading one IETF refresh into the warehouse, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from scrapers.archive import ArchiveEntry
from warehouse.db import transaction
from warehouse.load import insert_new, replace_where, upsert
from warehouse.reference import Reference
from warehouse.resolve import ResolutionSummary, resolve_affiliations


@dataclass(frozen=True)
class IetfLoadSummary:
    meetings: int
    registrations: int
    resolution: ResolutionSummary


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


def load_ietf(
    con: duckdb.DuckDBPyConnection,
    meetings: pl.DataFrame,
    registrations: pl.DataFrame,
    entries: list[ArchiveEntry],
    run_id: str,
    reference: Reference,
) -> IetfLoadSummary:
    """Upsert meetings, replace each fetched meeting's registrations, resolve affiliations.

    One transaction: a failure anywhere leaves the warehouse as it was, and no
    reader ever sees a meeting with half its registrations.
    """
    with transaction(con):
        responses = raw_response_frame(entries, run_id)
        insert_new(con, "raw_responses", responses, ["url", "fetched_at", "sha256"])
        upsert(con, "ietf_meetings", meetings, ["meeting"])
        replace_where(
            con, "ietf_registrations", registrations, "meeting", meetings["meeting"].to_list()
        )
        resolution = resolve_affiliations(con, reference)
    return IetfLoadSummary(meetings.height, registrations.height, resolution)
