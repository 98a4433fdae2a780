"""Building the NomCom pool tables from the warehouse: eligibility, groups, seat odds.

The edge around the pure rules (warehouse/nomcom.py) and the seat simulation
(warehouse/nomcom_seats.py): reads the records they need, writes ietf_nomcom_rules,
ietf_nomcom_eligible and ietf_nomcom_seats, inside the caller's transaction. A year is
computed when its eligibility date has passed and all five of its meetings have
registrations with person keys loaded; other years are left out (a partial history would
understate the pool).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from warehouse.load import replace_all, staged
from warehouse.nomcom import (
    ELIGIBLE_SCHEMA,
    NomcomInputs,
    eligibility_rule,
    eligible_volunteers,
)
from warehouse.nomcom_seats import AFFILIATION_CAP, VOTING_SEATS, simulate_seats
from warehouse.queries import query_text, run_query

# Volunteers with no affiliation to cap: each is their own for the two-per-affiliation rule
UNCAPPED_GROUPS = frozenset({"Independent", "Unspecified"})


@dataclass(frozen=True)
class PoolSettings:
    draws: int = 10_000
    seed: int = 8713
    seats: int = VOTING_SEATS
    cap: int = AFFILIATION_CAP
    first_year: int = 2009


def nomcom_inputs(con: duckdb.DuckDBPyConnection) -> NomcomInputs:
    def read(name: str) -> pl.DataFrame:
        return run_query(con, "derive", f"nomcom_{name}")

    return NomcomInputs(
        registrations=read("registrations"),
        session_presence=read("session_presence"),
        roles=read("roles"),
        qualifying_events=read("qualifying_events"),
        authors=read("authors"),
        affiliations=read("affiliations"),
    )


def _years(meetings: pl.DataFrame, today: date, first_year: int) -> list[int]:
    if meetings.is_empty():
        return []
    last = today.year if date(today.year, 5, 1) <= today else today.year - 1
    return list(range(first_year, last + 1))


def build_nomcom_pool(
    con: duckdb.DuckDBPyConnection, settings: PoolSettings | None = None, today: date | None = None
) -> int:
    """Recompute every NomCom year the warehouse can support; returns the years computed."""
    settings = settings or PoolSettings()
    today = today or date.today()
    meetings = run_query(con, "derive", "nomcom_meetings")
    keyed = set(meetings.filter("keyed")["meeting"])
    inputs = nomcom_inputs(con)
    rules: list[dict[str, object]] = []
    eligible: list[pl.DataFrame] = []
    for year in _years(meetings, today, settings.first_year):
        rule = eligibility_rule(year, meetings)
        complete = len(rule.meetings) == 5 and set(rule.meetings) <= keyed
        if not complete:
            continue
        rules.append(
            {
                **rule.as_row(),
                "seats": settings.seats,
                "affiliation_cap": settings.cap,
                "draws": settings.draws,
                # one seed per year, recorded, so any year's odds can be drawn again
                "seed": settings.seed + year,
                "complete": complete,
                "computed_at": datetime.now(UTC),
            }
        )
        eligible.append(eligible_volunteers(rule, inputs))
    people = pl.concat(eligible) if eligible else pl.DataFrame(schema=ELIGIBLE_SCHEMA)
    con.execute("DELETE FROM ietf_nomcom_rules")
    if rules:
        replace_all(con, "ietf_nomcom_rules", pl.DataFrame(rules))
    with staged(con, "_eligible", people):
        con.execute("DELETE FROM ietf_nomcom_eligible")
        con.execute(
            "INSERT INTO ietf_nomcom_eligible " + query_text("derive", "nomcom_eligible_groups")
        )
    _store_seats(con, settings)
    return len(rules)


def _store_seats(con: duckdb.DuckDBPyConnection, settings: PoolSettings) -> None:
    pool = run_query(con, "derive", "nomcom_pool_people")
    rows = []
    for (year,), people in pool.group_by("year", maintain_order=True):
        groups = people["org_group"].to_list()
        cap_keys = [
            f"person:{key}" if group in UNCAPPED_GROUPS else group
            for key, group in zip(people["person_key"], groups, strict=True)
        ]
        odds = simulate_seats(
            cap_keys,
            seats=settings.seats,
            cap=settings.cap,
            draws=settings.draws,
            seed=int(people["seed"][0]),
            groups=groups,
        )
        summary = people.group_by("org_group").agg(
            pl.len().alias("eligible"), pl.col("hq_country").drop_nulls().first()
        )
        for group, hq, count in summary.select("org_group", "hq_country", "eligible").iter_rows():
            rows.append(
                (year, group, hq, count, odds.expected.get(group, 0.0), odds.p_two.get(group, 0.0))
            )
    seats = pl.DataFrame(
        rows,
        schema={
            "year": pl.Int32(),
            "org_group": pl.String(),
            "hq_country": pl.String(),
            "eligible": pl.Int32(),
            "expected_seats": pl.Float64(),
            "p_two_seats": pl.Float64(),
        },
        orient="row",
    )
    replace_all(con, "ietf_nomcom_seats", seats)
