"""Building the NomCom pool tables from the warehouse: eligibility, groups, seat odds.

The edge around the rules (warehouse/nomcom/eligibility.py picks each year's window; the eligibility
query sql/derive/nomcom_eligibility.sql runs here over every year at once, in the database,
so a 10x history never sits in Python's memory) and the seat simulation
(warehouse/nomcom/seats.py): writes ietf_nomcom_rules, ietf_nomcom_eligible and
ietf_nomcom_seats, inside the caller's transaction. A year is
computed when its eligibility date has passed and all five of its meetings have
registrations with person keys loaded; other years are left out (a partial history would
understate the pool).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import polars as pl

from warehouse.nomcom.eligibility import INPUT_RELATIONS, eligibility_rule
from warehouse.nomcom.seats import AFFILIATION_CAP, SAMPLER, VOTING_SEATS, simulate_seats
from warehouse.store.load import append, replace_all, staged
from warehouse.store.queries import query_text, run_query

# Volunteers with no affiliation to cap: each is their own for the two-per-affiliation rule
UNCAPPED_GROUPS = frozenset({"Independent", "Unspecified"})


@dataclass(frozen=True)
class PoolSettings:
    draws: int = 10_000
    seed: int = 8713
    seats: int = VOTING_SEATS
    cap: int = AFFILIATION_CAP
    first_year: int = 2009


def eligible_pool_sql() -> str:
    """INSERT body for ietf_nomcom_eligible: the eligibility query over the warehouse's
    records for every year in ietf_nomcom_rules, with each person's group and country."""
    bound = {"_rules": "SELECT * FROM ietf_nomcom_rules"} | {
        relation: query_text("derive", f"nomcom_{name}")
        for name, relation in INPUT_RELATIONS.items()
    }
    bound["_eligible"] = query_text("derive", "nomcom_eligibility")
    ctes = ",\n".join(f"{name} AS (\n{sql}\n)" for name, sql in bound.items())
    return f"WITH {ctes}\n{query_text('derive', 'nomcom_eligible_groups')}"


def last_year_due(today: date) -> int:
    """The newest NomCom year whose default eligibility date (1 May) has passed."""
    return today.year if date(today.year, 5, 1) <= today else today.year - 1


def _years(meetings: pl.DataFrame, today: date, first_year: int) -> list[int]:
    if meetings.is_empty():
        return []
    return list(range(first_year, last_year_due(today) + 1))


def build_nomcom_pool(
    con: duckdb.DuckDBPyConnection, settings: PoolSettings | None = None, today: date | None = None
) -> int:
    """Recompute every NomCom year the warehouse can support; returns the years computed."""
    settings = settings or PoolSettings()
    today = today or date.today()
    meetings = run_query(con, "derive", "nomcom_meetings")
    keyed = set(meetings.filter("keyed")["meeting"])
    rules: list[dict[str, object]] = []
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
    drawn = dict(
        con.execute(
            "SELECT year, pool_digest FROM ietf_nomcom_rules WHERE pool_digest IS NOT NULL"
        ).fetchall()
    )
    con.execute("DELETE FROM ietf_nomcom_rules")
    if rules:
        replace_all(con, "ietf_nomcom_rules", pl.DataFrame(rules))
    con.execute("DELETE FROM ietf_nomcom_eligible")
    con.execute("INSERT INTO ietf_nomcom_eligible " + eligible_pool_sql())
    _store_seats(con, settings, drawn)
    return len(rules)


def pool_digest(people: pl.DataFrame, settings: PoolSettings) -> str:
    """Of one year's pool as the draw sees it (sorted by person) and the draw's parameters."""
    digest = hashlib.sha256(f"{SAMPLER}|{settings.seats}|{settings.cap}|{settings.draws}".encode())
    digest.update(str(people["seed"][0]).encode())
    digest.update(people.select("person_key", "org_group", "hq_country").write_csv().encode())
    return digest.hexdigest()


def _store_seats(
    con: duckdb.DuckDBPyConnection, settings: PoolSettings, drawn: dict[int, str]
) -> None:
    """Draw each year's seat odds, unless the year's pool is the one last drawn (``drawn``:
    year → pool digest): those years keep their rows. Records each year's pool digest."""
    pool = run_query(con, "derive", "nomcom_pool_people")
    digests = {
        int(year): pool_digest(people, settings)
        for (year,), people in pool.group_by("year", maintain_order=True)
    }
    kept = sorted(year for year, digest in digests.items() if drawn.get(year) == digest)
    con.execute("DELETE FROM ietf_nomcom_seats WHERE NOT list_contains(?::INTEGER[], year)", [kept])
    if digests:
        with staged(con, "_pool_digests", _digest_frame(digests)):
            con.execute(
                "UPDATE ietf_nomcom_rules AS r SET pool_digest = d.pool_digest, sampler = ? "
                "FROM _pool_digests AS d WHERE d.year = r.year",
                [SAMPLER],
            )
    rows = []
    for (year,), people in pool.filter(~pl.col("year").is_in(kept)).group_by(
        "year", maintain_order=True
    ):
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
    append(con, "ietf_nomcom_seats", seats)


def _digest_frame(digests: dict[int, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"year": list(digests), "pool_digest": list(digests.values())},
        schema={"year": pl.Int32(), "pool_digest": pl.String()},
    )
