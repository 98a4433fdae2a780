"""The refresh audit: one row per source refresh, written at start and at the end."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import duckdb


def start_run(
    con: duckdb.DuckDBPyConnection, source: str, mode: str, flow_run_id: str | None = None
) -> str:
    run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{source}-{uuid.uuid4().hex[:8]}"
    con.execute(
        "INSERT INTO refresh_runs (run_id, source, mode, started_at, status, "
        "prefect_flow_run_id) VALUES (?, ?, ?, now(), 'running', ?)",
        [run_id, source, mode, flow_run_id],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    requests: int | None = None,
    rows_loaded: int | None = None,
    message: str | None = None,
) -> None:
    con.execute(
        "UPDATE refresh_runs SET finished_at = now(), status = ?, requests = ?, "
        "rows_loaded = ?, message = ? WHERE run_id = ?",
        [status, requests, rows_loaded, message, run_id],
    )


def close_abandoned_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Runs still 'running' belong to a process that died (we hold the only writer): they
    are closed as 'crashed', so the history says what happened."""
    abandoned = con.execute(
        "UPDATE refresh_runs SET status = 'crashed', finished_at = now(), "
        "message = 'abandoned: the process ended before the run finished (found when the "
        "next run started)' WHERE status = 'running' RETURNING run_id"
    ).fetchall()
    return len(abandoned)
