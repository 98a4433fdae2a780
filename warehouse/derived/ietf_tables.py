"""The IETF tables the derived rebuild materialises for the views: authorship with its
summaries by group and by country, the leadership seats held at each meeting (and their
sums by corporate group), and who attended each group's sessions.

Each joins a million-row history to the resolution and the organization tree on each
row's date; computed on every query they took seconds at ten times the real history.
They change only when a load changes IETF records, the resolution or the reference, so
warehouse/derived/steps.py rebuilds them then, in the same transaction as the rest of what is
derived. The SQL is in
sql/derive/ (what is computed) and sql/views/ (what the columns mean).

May import warehouse.store.queries; nothing from flows/.
"""

from __future__ import annotations

import duckdb

from warehouse.store.queries import query_text

# in order: the summaries read ietf_authorship
TABLES = (
    "ietf_authorship",
    "ietf_authorship_by_group",
    "ietf_authorship_by_country",
    "ietf_leadership_seats_at_meetings",
    "ietf_leadership_by_group_at_meetings",  # sums the seats above
    "ietf_session_attendance_by_group",
)


def build_ietf_tables(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute both tables from the records; returns the rows of each."""
    counts = {}
    for table in TABLES:
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} " + query_text("derive", table))
        ((counts[table],),) = con.execute(f"SELECT count(*) FROM {table}").fetchall()
    return counts
