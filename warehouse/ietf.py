"""Loading one IETF refresh into the warehouse, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from scrapers.archive import ArchiveEntry
from warehouse.db import transaction
from warehouse.lineage import record_responses
from warehouse.load import replace_where, upsert
from warehouse.reference import Reference
from warehouse.resolve import ResolutionSummary, resolve_affiliations


@dataclass(frozen=True)
class IetfLoadSummary:
    meetings: int
    registrations: int
    resolution: ResolutionSummary


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
        record_responses(con, entries, run_id)
        upsert(con, "ietf_meetings", meetings, ["meeting"])
        replace_where(
            con, "ietf_registrations", registrations, "meeting", meetings["meeting"].to_list()
        )
        resolution = resolve_affiliations(con, reference)
    return IetfLoadSummary(meetings.height, registrations.height, resolution)
