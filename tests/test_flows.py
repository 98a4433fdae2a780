"""The Prefect flows a schedule runs, `sdo serve`'s plan, and one refresh at a time."""

from __future__ import annotations

import logging
import time

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import refresh_ietf_source
from flows.schedule import DEFAULT_CRONS, schedule_plan
from flows.settings import Settings
from tests.conftest import held_elsewhere
from tests.test_export import db  # noqa: F401  (the RAN1#86bis/#87 database fixture)
from warehouse.store.db import RefreshInProgress

runner = CliRunner()


@pytest.fixture(scope="module")
def ephemeral_prefect():
    """Stop the temporary Prefect server these flow runs start while pytest's streams are
    open: left to its exit hook, it logs its shutdown to a closed stream."""
    yield
    from prefect.server.api.server import SubprocessASGIServer

    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()


def test_the_weekly_flows_run_under_prefect(db, tmp_path, ephemeral_prefect):  # noqa: F811
    from flows.refresh import export_weekly, rebuild

    derived = rebuild(db=str(db))
    assert derived.blocs.meetings == 2 and round(derived.resolution.coverage, 4) == 0.978
    result = export_weekly(db=str(db), week="2016-W46", out=str(tmp_path))
    assert result.folder == (tmp_path / "2016-W46").resolve()
    assert result.files == {
        "delegation_by_group.csv": 1,  # RAN1#87 without a participant list: one "missing" row
        "delegation_by_country.csv": 0,
        "contributions_by_group.csv": 97,
        "leadership_seats.csv": 9,
        "bloc_summary.csv": 168,
        "changes.csv": 33,
    }


def test_serve_plans_three_schedules_and_two_on_demand_flows():
    plan = schedule_plan({}, None, "exports")
    assert {p.flow: p.cron for p in plan if p.cron} == DEFAULT_CRONS
    assert {p.flow for p in plan if p.cron is None} == {"rebuild", "refresh-and-export"}
    moved = schedule_plan({"export-weekly": "30 7 * * 1"}, "x.duckdb", "out")
    export = next(p for p in moved if p.flow == "export-weekly")
    assert export.cron == "30 7 * * 1" and export.parameters == {"db": "x.duckdb", "out": "out"}


def test_serve_explains_what_it_needs(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    dry = runner.invoke(app, ["serve", "--dry-run"])
    assert dry.exit_code == 0 and "refresh-ietf/weekly: cron '0 2 * * 0' (UTC)" in dry.output
    bad = runner.invoke(app, ["serve", "--ietf-cron", "61 * * * *", "--dry-run"])
    assert bad.exit_code == 2 and "not a cron schedule" in bad.output
    served = runner.invoke(app, ["serve"])
    assert served.exit_code == 1 and "prefect server start" in served.output


def test_a_second_refresh_says_one_is_running(tmp_path, monkeypatch):
    path = tmp_path / "sdo.duckdb"
    # the context object is kept, or collecting it would release the lock at once
    lock = (
        "from warehouse.store.db import refresh_lock\n"
        f"held = refresh_lock({str(path)!r})\nheld.__enter__()"
    )
    with held_elsewhere(lock):
        monkeypatch.setenv("SDO_REFRESH_WAIT", "1")
        started = time.monotonic()
        with pytest.raises(RefreshInProgress, match=r"a refresh is already running \(pid \d+"):
            refresh_ietf_source(Settings.from_env(path), True, None, None, logging.getLogger())
        assert 1 <= time.monotonic() - started < 6
        assert not path.exists()  # nothing was started, nothing written


def test_served_deployments_run_one_at_a_time_with_queueing():
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy

    from flows.schedule import deployments_for

    deployments = deployments_for(schedule_plan({}, None, "exports"))
    assert len(deployments) == 5
    for deployment in deployments:
        assert deployment.concurrency_limit == 1
        assert deployment.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.ENQUEUE
        assert "sdo-tracker" in deployment.tags
