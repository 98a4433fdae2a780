"""prefect.yaml: the deployments as code parse with Prefect's own model, point at the flows
`sdo serve` serves, on the same schedules, one run at a time with queueing, and clone the
code in their pull step."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flows.schedule import DEFAULT_CRONS

ROOT = Path(__file__).resolve().parent.parent


def _load() -> dict:
    return yaml.safe_load((ROOT / "prefect.yaml").read_text())


def test_prefect_yaml_parses_with_prefects_model_and_names_real_flows() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.flows import load_flow_from_entrypoint

    model = PrefectYamlModel.model_validate(_load())
    names = set()
    for deployment in model.deployments:
        assert deployment.entrypoint is not None
        flow = load_flow_from_entrypoint(str(ROOT / deployment.entrypoint))
        names.add((flow.name, deployment.name))
        limit = deployment.concurrency_limit
        assert getattr(limit, "limit", None) == 1
        assert getattr(limit, "collision_strategy", None) == "ENQUEUE"
        assert deployment.work_pool is not None and deployment.work_pool.name == "sdo"
        assert set(deployment.work_pool.job_variables["env"]) >= {"SDO_DB", "SDO_RAW"}
    assert names == {
        ("refresh-ietf", "weekly"), ("refresh-3gpp", "weekly"), ("export-weekly", "weekly"),
        ("rebuild", "on-demand"), ("refresh-and-export", "on-demand"),
    }  # fmt: skip


def test_the_schedules_are_serves_and_the_pull_step_clones_the_code() -> None:
    data = _load()
    crons = {}
    for deployment in data["deployments"]:
        flow = deployment["entrypoint"].rsplit(":", 1)[1]
        for schedule in deployment.get("schedules") or []:
            crons[flow] = schedule["cron"]
            assert schedule["timezone"] == "UTC"
    named = {"refresh_ietf": "refresh-ietf", "refresh_threegpp": "refresh-3gpp",
             "export_weekly": "export-weekly"}  # fmt: skip
    assert {named[f]: c for f, c in crons.items()} == DEFAULT_CRONS
    (step,) = data["pull"]
    clone = step["prefect.deployments.steps.git_clone"]
    assert clone["repository"] == "{{ $SDO_GIT_REPO }}"


@pytest.mark.slow
def test_a_process_worker_runs_a_deployment_from_prefect_yaml(tmp_path) -> None:
    """Beyond one machine, as far as it runs here: a local Prefect server, the deployments
    registered from prefect.yaml with `prefect deploy --all`, a process worker that clones
    the code through the pull step (from a bare copy of this repository, no network) and
    runs the on-demand rebuild to completion against the database its job variables name."""
    import os
    import subprocess
    import sys

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    bare = tmp_path / "sdo-tracker.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(bare)], check=True)
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "-C", str(bare), "branch", "-f", "under-test", head], check=True)
    db = tmp_path / "sdo.duckdb"
    with prefect_test_harness():
        url = PREFECT_API_URL.value()
        with get_client(sync_client=True) as client:
            client.create_work_pool(WorkPoolCreate(name="sdo", type="process"))
        env = {
            **os.environ, "PREFECT_API_URL": url, "SDO_GIT_REPO": str(bare),
            "SDO_GIT_BRANCH": "under-test", "SDO_DB": str(db), "SDO_RAW": str(tmp_path / "raw"),
        }  # fmt: skip
        deploy = subprocess.run(
            [sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert deploy.returncode == 0, deploy.stdout[-2000:] + deploy.stderr[-2000:]
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name("rebuild/on-demand")
            assert deployment.pull_steps and "git_clone" in str(deployment.pull_steps[0])
            run = client.create_flow_run_from_deployment(deployment.id)
        worker = subprocess.run(
            [sys.executable, "-m", "prefect", "worker", "start", "--pool", "sdo", "--run-once"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert "Executing deployment step: git_clone" in worker.stderr + worker.stdout
        with get_client(sync_client=True) as client:
            finished = client.read_flow_run(run.id)
        assert finished.state is not None and finished.state.is_completed(), worker.stderr[-3000:]
    assert db.exists()  # the job variables' SDO_DB: the rebuild migrated it
