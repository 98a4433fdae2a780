"""What `sdo status` reports, read from the load_status view and the refresh audit."""

from __future__ import annotations

from typing import Any

import duckdb

from warehouse.store.queries import schema_version, table_exists


def _records(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    return con.sql(query).pl().to_dicts()


def warehouse_status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    version = schema_version(con)
    bodies = _records(con, "SELECT * FROM load_status ORDER BY body")
    runs = _records(
        con,
        "SELECT source, mode, status, started_at::TIMESTAMP(0) AS started_utc, "
        "round(epoch(finished_at - started_at), 1) AS seconds, requests, rows_loaded, message "
        "FROM refresh_runs ORDER BY started_at DESC LIMIT 5",
    )
    last_failure: list[dict[str, Any]] = []
    if version >= 13:  # the failure's flow-run id: migration 013
        last_failure = _records(
            con,
            "SELECT source, status, started_at::TIMESTAMP(0) AS started_utc, message, "
            "prefect_flow_run_id FROM refresh_runs WHERE status IN ('failed', 'crashed') "
            "ORDER BY started_at DESC LIMIT 1",
        )
    (strings,) = con.execute("SELECT count(DISTINCT raw) FROM affiliation_resolution").fetchall()[0]
    coverage = _records(con, "SELECT * FROM resolution_coverage ORDER BY body")
    cursors = (  # a database from before the incremental IETF source has none
        _records(
            con,
            "SELECT endpoint, cursor, rows AS last_rows, requests AS last_requests, "
            "updated_at::TIMESTAMP(0) AS updated_utc FROM ietf_cursors ORDER BY endpoint",
        )
        if table_exists(con, "ietf_cursors")
        else []
    )
    lists: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    if table_exists(con, "threegpp_participant_list_state"):  # views of migration 011 on
        lists = _records(
            con,
            "SELECT state, list_kind, count(*) AS meetings, "
            "arg_min(meeting, dated) AS first_meeting, arg_max(meeting, dated) AS last_meeting "
            "FROM threegpp_participant_list_state GROUP BY ALL ORDER BY state, list_kind",
        )
        problems = _records(  # no count, or a newer list that could not be read
            con,
            "SELECT meeting, coalesce(latest_state, state) AS state, file_name, detail "
            "FROM threegpp_participant_list_state "
            "WHERE state <> 'loaded' OR latest_state IS NOT NULL ORDER BY dated, meeting",
        )
    return {
        "schema_version": version,
        "participant_lists": {"by_state": lists, "problems": problems},
        "last_failure": last_failure[0] if last_failure else None,
        "bodies": bodies,
        "runs": runs,
        "ietf_cursors": cursors,
        "resolution": {"strings": strings, "by_body": coverage},
    }
