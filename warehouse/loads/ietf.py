"""Loading one IETF refresh into the warehouse, all or nothing, and what it resumes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from scrapers.archive import ArchiveEntry
from scrapers.ietf.incremental import FamilyReport, IetfRecords
from scrapers.ietf.source import IetfBatch
from scrapers.staging import Frame, column_values, transform
from warehouse.derived.steps import rebuild_derived
from warehouse.nomcom.pool import PoolSettings
from warehouse.orgs.countries import normalize_country
from warehouse.orgs.reference import Reference
from warehouse.orgs.resolve import ResolutionSummary
from warehouse.store.db import transaction
from warehouse.store.lineage import record_responses
from warehouse.store.load import insert_new, replace_all, replace_where, upsert


@dataclass(frozen=True)
class IetfLoadSummary:
    meetings: int
    registrations: int
    resolution: ResolutionSummary
    rows: dict[str, int] = field(default_factory=dict)  # per table, rows written
    nomcom_years: int = 0
    recomputed: tuple[str, ...] = ()  # derived steps this load's changes made run


@dataclass(frozen=True)
class IetfState:
    """What the next refresh resumes from: the meetings held, each family's cursor."""

    loaded: dict[str, date]  # meeting → end date, for meetings with registrations
    cursors: dict[str, str | None]


def ietf_state(con: duckdb.DuckDBPyConnection) -> IetfState:
    loaded = dict(
        con.execute(
            "SELECT m.meeting, m.end_date FROM ietf_meetings AS m "
            "WHERE EXISTS (SELECT 1 FROM ietf_registrations AS r WHERE r.meeting = m.meeting)"
        ).fetchall()
    )
    cursors = dict(con.execute("SELECT endpoint, cursor FROM ietf_cursors").fetchall())
    return IetfState(loaded, cursors)


def _with_countries(authors: Frame) -> Frame:
    spellings = column_values(authors, "country_raw")
    codes = {raw: normalize_country(raw) for raw in spellings if isinstance(raw, str)}
    return transform(
        authors,
        lambda rows: rows.with_columns(
            pl.col("country_raw")
            .replace_strict(codes, default=None, return_dtype=pl.String)
            .alias("country_code")
        ),
    )


def _store_cursors(
    con: duckdb.DuckDBPyConnection, reports: dict[str, FamilyReport], run_id: str
) -> None:
    rows = [
        (family, r.cursor, r.rows, r.requests, run_id, datetime.now(UTC))
        for family, r in reports.items()
        if not r.absent
    ]
    if rows:
        frame = pl.DataFrame(
            rows,
            schema={
                "endpoint": pl.String(),
                "cursor": pl.String(),
                "rows": pl.Int64(),
                "requests": pl.Int32(),
                "run_id": pl.String(),
                "updated_at": pl.Datetime("us", "UTC"),
            },
            orient="row",
        )
        upsert(con, "ietf_cursors", frame, ["endpoint"])


def _load_records(con: duckdb.DuckDBPyConnection, records: IetfRecords) -> dict[str, int]:
    written = {
        "ietf_documents": upsert(con, "ietf_documents", records.documents, ["name"]),
        "ietf_document_authors": replace_where(
            con,
            "ietf_document_authors",
            _with_countries(records.authors),
            "document",
            records.author_documents,
        ),
        "ietf_document_events": upsert(
            con, "ietf_document_events", records.document_events, ["event_id"]
        ),
        "ietf_rfc_origins": upsert(con, "ietf_rfc_origins", records.rfc_origins, ["relation_id"]),
        "ietf_groups": upsert(con, "ietf_groups", records.groups, ["group_id"]),
        "ietf_group_history": upsert(
            con, "ietf_group_history", records.group_history, ["history_id"]
        ),
        "ietf_role_history": upsert(
            con, "ietf_role_history", records.role_history, ["role_history_id"]
        ),
        "ietf_session_attendance": insert_new(
            con, "ietf_session_attendance", records.attended, ["attended_id"]
        ),
    }
    if records.role_groups is None:
        written["ietf_roles"] = replace_all(con, "ietf_roles", records.roles)
    else:
        written["ietf_roles"] = replace_where(
            con, "ietf_roles", records.roles, "group_id", records.role_groups
        )
    return written


def _touched(rows: dict[str, int], meetings: list[str], records: IetfRecords | None) -> set[str]:
    """The tables a load may have changed: any it wrote rows to, and those whose
    partitions it emptied (a meeting's registrations, a document's authors, a group's
    roles replaced by nothing)."""
    touched = {table for table, count in rows.items() if count}
    if meetings:
        touched |= {"ietf_registrations", "ietf_sessions"}
    if records is not None:
        if records.author_documents:
            touched.add("ietf_document_authors")
        if records.role_groups is None or records.role_groups:
            touched.add("ietf_roles")
    return touched


def load_ietf(
    con: duckdb.DuckDBPyConnection,
    batch: IetfBatch,
    entries: list[ArchiveEntry],
    run_id: str,
    reference: Reference,
    records: IetfRecords | None = None,
    pool: PoolSettings | None = None,
) -> IetfLoadSummary:
    """Upsert meetings, replace each fetched meeting's registrations and sessions, merge the
    incremental records, move the cursors, resolve affiliations, rebuild the NomCom pool.

    One transaction: a failure anywhere leaves the warehouse as it was, and no reader ever
    sees a meeting with half its registrations or a cursor ahead of its rows.
    """
    meetings = batch.meetings["meeting"].to_list()
    with transaction(con):
        record_responses(con, entries, run_id)
        upsert(con, "ietf_meetings", batch.meetings, ["meeting"])
        replace_where(con, "ietf_registrations", batch.registrations, "meeting", meetings)
        rows = {
            "ietf_meetings": batch.meetings.height,
            "ietf_registrations": batch.registrations.height,
        }
        if not batch.sessions_absent:
            rows["ietf_sessions"] = replace_where(
                con, "ietf_sessions", batch.sessions, "meeting", meetings
            )
        if records is not None:
            rows.update(_load_records(con, records))
            _store_cursors(con, records.reports, run_id)
        derived = rebuild_derived(con, reference, pool, touched=_touched(rows, meetings, records))
    return IetfLoadSummary(
        batch.meetings.height,
        batch.registrations.height,
        derived.resolution,
        rows,
        derived.nomcom_years,
        derived.recomputed,
    )
