"""`sdo serve`: the flows as Prefect deployments on cron schedules.

Scheduling needs a Prefect server (`prefect server start`; the ephemeral API a plain flow
run starts cannot schedule), found through PREFECT_API_URL. Served deployments run in this
process; stopping it pauses their schedules (Prefect's default) until it is served again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL

DEFAULT_CRONS = {
    "refresh-ietf": "0 2 * * 0",  # Sundays 02:00: the datatracker is quiet
    "refresh-3gpp": "0 3 * * 0",  # Sundays 03:00
    "export-weekly": "0 6 * * 1",  # Mondays 06:00: the week that just ended
}


class NoPrefectServer(RuntimeError):
    pass


@dataclass(frozen=True)
class Plan:
    flow: str
    name: str
    cron: str | None  # None: on demand only
    parameters: dict[str, object]


def schedule_plan(
    crons: dict[str, str], db: str | None, out: str, timezone: str = "UTC"
) -> list[Plan]:
    """What `sdo serve` will serve: three scheduled deployments and two on demand."""
    chosen = {**DEFAULT_CRONS, **{k: v for k, v in crons.items() if v}}
    for flow, cron in chosen.items():
        try:
            Cron(cron, timezone=timezone)
        except ValueError as exc:
            raise ValueError(f"{flow}: {cron!r} is not a cron schedule ({exc})") from exc
    db_param: dict[str, object] = {"db": db} if db else {}
    return [
        Plan("refresh-ietf", "weekly", chosen["refresh-ietf"], dict(db_param)),
        Plan("refresh-3gpp", "weekly", chosen["refresh-3gpp"], dict(db_param)),
        Plan("export-weekly", "weekly", chosen["export-weekly"], {**db_param, "out": out}),
        Plan("rebuild", "on-demand", None, dict(db_param)),
        Plan("refresh-and-export", "on-demand", None, {**db_param, "out": out}),
    ]


def deployments_for(plan: list[Plan], timezone: str = "UTC") -> list[Any]:
    """The plan as Prefect deployments, one run of each at a time: a run that comes due
    while the last one still runs waits for it (queueing), as prefect.yaml's do."""
    from prefect import Flow
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    from flows import refresh as flows

    by_name: dict[str, Flow[..., Any]] = {
        "refresh-ietf": flows.refresh_ietf,
        "refresh-3gpp": flows.refresh_threegpp,
        "export-weekly": flows.export_weekly,
        "rebuild": flows.rebuild,
        "refresh-and-export": flows.refresh_and_export,
    }
    one_at_a_time = ConcurrencyLimitConfig(
        limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE
    )
    return [
        by_name[p.flow].to_deployment(
            name=p.name,
            schedules=[Cron(p.cron, timezone=timezone)] if p.cron else None,
            parameters=p.parameters,
            tags=["sdo-tracker"],
            concurrency_limit=one_at_a_time,
        )
        for p in plan
    ]


def serve_plan(plan: list[Plan], timezone: str = "UTC") -> None:
    """Serve the deployments until interrupted. Needs PREFECT_API_URL."""
    if not PREFECT_API_URL.value():
        raise NoPrefectServer(
            "scheduling needs a Prefect server: run `uv run prefect server start` in another "
            "terminal, then `export PREFECT_API_URL=http://127.0.0.1:4200/api` and serve again"
        )
    from prefect import serve

    serve(*deployments_for(plan, timezone))
