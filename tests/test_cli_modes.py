"""`sdo refresh` runs the pipeline directly unless PREFECT_API_URL names a server: no
throwaway Prefect server is started by a user command, and the output says which mode ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRECT = """
import sys
from flows.cli import main
sys.argv = ["sdo", "refresh", "ietf", "--offline"]
try:
    main()
except SystemExit as exc:
    print("exit", exc.code or 0)
print("prefect imported:", any(m == "prefect" or m.startswith("prefect.") for m in sys.modules))
"""


def test_without_a_server_the_refresh_runs_directly_and_never_touches_prefect(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(SDO_DB=str(tmp_path / "sdo.duckdb"), SDO_RAW=str(tmp_path / "raw"))
    run = subprocess.run(
        [sys.executable, "-c", DIRECT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert "ietf: ok — 9 meetings, 13620 registrations" in run.stdout, run.stderr
    assert "ran directly (PREFECT_API_URL is not set" in run.stdout
    assert "prefect imported: False" in run.stdout
    assert "exit 0" in run.stdout
    with duckdb.connect(str(tmp_path / "sdo.duckdb"), read_only=True) as con:
        assert con.execute("SELECT source, status FROM refresh_runs").fetchall() == [("ietf", "ok")]


def test_a_failed_source_fails_the_direct_run_after_the_others(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    empty = tmp_path / "archive"
    empty.mkdir()
    (empty / "index.jsonl").write_text("")
    result = CliRunner().invoke(
        app, ["refresh", "--offline", "--archive", str(empty), "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 1
    assert "ietf: failed" in result.output and "3gpp: ok" in result.output
    assert "ran directly" in result.output


@pytest.mark.slow
def test_with_a_server_the_refresh_is_a_flow_run_recorded_there(tmp_path, monkeypatch) -> None:
    """Under a Prefect server: the run is a flow run there, its refresh_runs rows carry the
    flow run's id, and a failed source makes the flow end Failed after the others ran."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness
    from typer.testing import CliRunner

    from flows.cli import app

    db = tmp_path / "sdo.duckdb"
    empty = tmp_path / "archive"
    empty.mkdir()
    (empty / "index.jsonl").write_text("")
    with prefect_test_harness():
        url = PREFECT_API_URL.value()
        monkeypatch.setenv("PREFECT_API_URL", url)
        runner = CliRunner()
        ok = runner.invoke(app, ["refresh", "ietf", "--offline", "--db", str(db)])
        assert ok.exit_code == 0, ok.output
        assert f"ran as a Prefect flow run, recorded at {url}" in ok.output
        failed = runner.invoke(
            app, ["refresh", "--offline", "--archive", str(empty), "--db", str(db)]
        )
        assert failed.exit_code == 1
        assert "ietf: failed" in failed.output and "3gpp: ok" in failed.output
        with duckdb.connect(str(db), read_only=True) as con:
            ids = con.execute(
                "SELECT prefect_flow_run_id FROM refresh_runs ORDER BY started_at"
            ).fetchall()
        assert len(ids) == 3 and all(i for (i,) in ids)
        with get_client(sync_client=True) as client:
            states = {
                str(run.id): run.state_type.value
                for run in client.read_flow_runs()
            }  # fmt: skip
        assert states[ids[0][0]] == "COMPLETED"
        assert "FAILED" in states.values()


def test_a_direct_live_refresh_tries_again_only_what_can_pass(monkeypatch) -> None:
    import logging

    import flows.pipeline as pipeline
    from scrapers.http import FetchError
    from scrapers.ietf.datatracker import IncompleteCollection

    answers: list[Exception | None] = [IncompleteCollection("u", "total_count changed"), None]
    calls: list[str] = []

    def flaky(settings, offline, archive, meetings, log, full=False):
        calls.append("ietf")
        problem = answers.pop(0)
        if problem is not None:
            raise problem
        return pipeline.RefreshResult("ietf", "r", "ok", message="fine")

    monkeypatch.setattr(pipeline, "refresh_ietf_source", flaky)
    waits: list[float] = []
    log = logging.getLogger("test")
    (result,) = pipeline.refresh_sources(
        ["ietf"], None, False, None, [], None, False, log, sleep=waits.append
    )
    assert result.status == "ok" and len(calls) == 2 and waits == [pipeline.RETRY_DELAY]

    answers[:] = [FetchError("u", "HTTP 404")]
    calls.clear()
    (result,) = pipeline.refresh_sources(
        ["ietf"], None, False, None, [], None, False, log, sleep=waits.append
    )
    assert result.status == "failed" and "HTTP 404" in result.message and len(calls) == 1


def test_a_crashed_run_is_closed_as_crashed_and_status_names_the_last_failure(
    tmp_path, monkeypatch
) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from warehouse.store.db import connect, migrate
    from warehouse.store.runs import start_run

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    db = tmp_path / "sdo.duckdb"
    with connect(db) as con:
        migrate(con)
        crashed = start_run(con, "3gpp", "live")  # a process that died mid-run left this
    empty = tmp_path / "archive"
    empty.mkdir()
    (empty / "index.jsonl").write_text("")
    runner = CliRunner()
    assert runner.invoke(app, ["refresh", "ietf", "--offline", "--archive", str(empty),
                               "--db", str(db)]).exit_code == 1  # fmt: skip
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT run_id, status FROM refresh_runs").fetchall())
    assert rows[crashed] == "crashed"
    assert sorted(rows.values()) == ["crashed", "failed"]
    status = runner.invoke(app, ["status", "--db", str(db)])
    (line,) = [ln for ln in status.output.splitlines() if ln.startswith("last failure:")]
    assert line.startswith("last failure: ietf failed at ") and "ArchiveMiss" in line


def test_a_second_manual_refresh_says_in_one_line_who_holds_the_lock(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app
    from tests.conftest import held_elsewhere

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    db = tmp_path / "sdo.duckdb"
    lock = (
        "from warehouse.store.db import refresh_lock\n"
        f"held = refresh_lock({str(db)!r})\nheld.__enter__()"
    )
    with held_elsewhere(lock):
        result = CliRunner().invoke(app, ["refresh", "--offline", "--db", str(db)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "a refresh is already running (pid " in lines[0] and ", since 20" in lines[0]
    assert "--wait SECONDS" in lines[0]
