"""prefect.yaml: the deployments as code parse with Prefect's own model, point at the flows
`sdo serve` serves, on the same schedules, one run at a time with queueing, and clone the
code in their pull step."""

from __future__ import annotations

from pathlib import Path

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
