"""The stored contribution rows behind the contributions view and its summaries.

One row per TDoc and corporate group that co-signed it: a join of every co-signature to
the resolution, the organization tree on the meeting's date and the TDoc's decision, which
took ~2.7 s on every query of contributions_by_group at the generated 3GPP history. The
rows change only when a load changes the 3GPP records, their resolution or the reference,
so warehouse/derived/steps.py rebuilds them then, in the same transaction as the rest of what is
derived, and only for the meetings whose inputs moved (a digest per meeting,
contribution_meeting_digests); all of them when the code or the reference changed. What
is computed is sql/derive/contribution_rows.sql; what the columns mean,
sql/views/090_contributions.sql.

May import warehouse.store.load and warehouse.store.queries; nothing from flows/.
"""

from __future__ import annotations

import duckdb

from warehouse.store.load import moved_meetings, store_meeting_digests
from warehouse.store.queries import query_text, run_query

# The record tables the rows are read from: co-signatures and TDocs, and the meetings
# whose dates (sql/views/015) place each one in the organization tree's history.
CONTRIBUTION_INPUTS = ("threegpp_cosigners", "threegpp_tdocs", "threegpp_meetings")


def build_contributions(con: duckdb.DuckDBPyConnection, full: bool = False) -> dict[str, int]:
    """Recompute the contribution rows of the meetings whose inputs moved (``full``: of
    every meeting); returns how many rows there are and how many meetings were redone."""
    current = dict(run_query(con, "derive", "contribution_meeting_digests").iter_rows())
    if full:
        con.execute("DELETE FROM contribution_rows")
        changed = sorted(current)
    else:
        changed, gone = moved_meetings(con, "contribution_meeting_digests", current)
        if changed or gone:
            stale = changed + gone
            con.execute("DELETE FROM contribution_rows WHERE list_contains(?, meeting)", [stale])
    if changed:
        rows = query_text("derive", "contribution_rows").strip().rstrip(";")
        # every meeting: no list to test on each row (half the time of the full rebuild)
        con.execute(
            f"INSERT INTO contribution_rows {rows}", {"meetings": None if full else changed}
        )
    store_meeting_digests(con, "contribution_meeting_digests", current)
    ((count,),) = con.execute("SELECT count(*) FROM contribution_rows").fetchall()
    return {"rows": int(count), "meetings": len(changed)}
