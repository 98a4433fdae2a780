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
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness
    from typer.testing import CliRunner

    from flows.cli import app

    with prefect_test_harness():
        url = PREFECT_API_URL.value()
        monkeypatch.setenv("PREFECT_API_URL", url)
        result = CliRunner().invoke(
            app, ["refresh", "ietf", "--offline", "--db", str(tmp_path / "sdo.duckdb")]
        )
        assert result.exit_code == 0, result.output
        assert f"ran as a Prefect flow run, recorded at {url}" in result.output


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
