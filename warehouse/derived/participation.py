"""The stored participation rows behind participation_resolved and the delegation views.

Every delegate of every meeting, with their organization, its corporate group on the
meeting's date and that group's HQ country: a join of a million registrations to the
resolution and the organization tree, which took 1-2 s on every query of
delegation_by_org, _by_group and _by_country at ten times the real IETF history. The rows
change only when a load changes a body's participation records, that body's resolution
or the reference, so warehouse/derived/steps.py rebuilds them then, one body at a time, in the
same transaction as the rest of what is derived. What is computed is
sql/derive/participation_rows.sql; what the columns mean, sql/views/050.

May import warehouse.store.queries; nothing from flows/.
"""

from __future__ import annotations

import duckdb

from warehouse.store.queries import query_text

# The record tables each body's rows are read from: participation (sql/views/040) reads
# the registrations or participant lists and the meetings; a 3GPP meeting's date
# (sql/views/015) falls back on its TDocs' dates.
PARTICIPATION_INPUTS = {
    "ietf": ("ietf_registrations", "ietf_meetings"),
    "3gpp": ("threegpp_participants", "threegpp_meetings", "threegpp_tdocs"),
}


def build_participation(con: duckdb.DuckDBPyConnection, body: str) -> int:
    """Recompute one body's rows from its records; returns how many there are."""
    if body not in PARTICIPATION_INPUTS:
        raise ValueError(f"no participation rows for body {body!r}")
    con.execute("DELETE FROM participation_rows WHERE body = ?", [body])
    con.execute(
        "INSERT INTO participation_rows " + query_text("derive", "participation_rows"),
        {"body": body},
    )
    ((count,),) = con.execute(
        "SELECT count(*) FROM participation_rows WHERE body = ?", [body]
    ).fetchall()
    return int(count)
