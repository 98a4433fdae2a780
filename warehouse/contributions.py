"""The stored contribution rows behind the contributions view and its summaries.

One row per TDoc and corporate group that co-signed it: a join of every co-signature to
the resolution, the organization tree on the meeting's date and the TDoc's decision, which
took ~2.7 s on every query of contributions_by_group at the generated 3GPP history. The
rows change only when a load changes the 3GPP records, their resolution or the reference,
so warehouse/derived.py rebuilds them then, in the same transaction as the rest of what is
derived. What is computed is sql/derive/contribution_rows.sql; what the columns mean,
sql/views/090_contributions.sql.

May import warehouse.queries; nothing from flows/.
"""

from __future__ import annotations

import duckdb

from warehouse.queries import query_text

# The record tables the rows are read from: co-signatures and TDocs, and the meetings
# whose dates (sql/views/015) place each one in the organization tree's history.
CONTRIBUTION_INPUTS = ("threegpp_cosigners", "threegpp_tdocs", "threegpp_meetings")


def build_contributions(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every contribution row from the records; returns how many there are."""
    con.execute("DELETE FROM contribution_rows")
    con.execute("INSERT INTO contribution_rows " + query_text("derive", "contribution_rows"))
    ((count,),) = con.execute("SELECT count(*) FROM contribution_rows").fetchall()
    return int(count)
