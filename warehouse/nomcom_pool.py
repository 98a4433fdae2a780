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

from warehouse.load import replace_all
from warehouse.nomcom import (
    ELIGIBLE_SCHEMA,
    NomcomInputs,
    eligibility_rule,
    eligible_volunteers,
)
from warehouse.nomcom_seats import AFFILIATION_CAP, VOTING_SEATS, simulate_seats

# Volunteers with no affiliation to cap: each is their own for the two-per-affiliation rule
UNCAPPED_GROUPS = frozenset({"Independent", "Unspecified"})


@dataclass(frozen=True)
class PoolSettings:
    draws: int = 10_000
    seed: int = 8713
    seats: int = VOTING_SEATS
    cap: int = AFFILIATION_CAP
    first_year: int = 2009


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    return con.sql(sql).pl()


def nomcom_inputs(con: duckdb.DuckDBPyConnection) -> NomcomInputs:
    return NomcomInputs(
        registrations=_frame(
            con,
            "SELECT meeting, person_key, attendance = 'onsite' AS onsite, "
            "coalesce(attended, false) AS checked_in, coalesce(attended, false) AS attended "
            "FROM ietf_registrations WHERE is_delegate AND person_key IS NOT NULL",
        ),
        session_presence=_frame(
            con,
            "SELECT DISTINCT s.meeting, a.person_key FROM ietf_session_attendance AS a "
            "JOIN ietf_sessions AS s USING (session_id) "
            "LEFT JOIN ietf_groups AS g ON g.group_id = s.group_id "
            "WHERE a.person_key IS NOT NULL "
            "AND (s.session_type = 'plenary' OR g.group_type IN ('wg', 'rg'))",
        ),
        roles=_frame(
            con,
            "SELECT person_key, role, group_acronym, group_type, group_state, "
            "since::TIMESTAMP AS since, until::TIMESTAMP AS until, current "
            "FROM ietf_role_spells WHERE person_key IS NOT NULL",
        ),
        qualifying_events=_frame(
            con,
            "SELECT e.document, coalesce(o.rfc, CASE WHEN d.doc_type = 'rfc' THEN e.document END)"
            " AS rfc, e.event_type, e.time::TIMESTAMP AS time "
            "FROM ietf_document_events AS e "
            "LEFT JOIN ietf_rfc_origins AS o ON o.draft = e.document "
            "LEFT JOIN ietf_documents AS d ON d.name = e.document",
        ),
        authors=_frame(
            con,
            "SELECT document, person_key FROM ietf_document_authors WHERE person_key IS NOT NULL",
        ),
        affiliations=_frame(
            con, "SELECT person_key, dated, affiliation FROM ietf_person_affiliations"
        ),
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
    meetings = _frame(con, "SELECT meeting, start_date FROM ietf_meetings")
    keyed = set(
        _frame(
            con,
            "SELECT DISTINCT meeting FROM ietf_registrations WHERE person_key IS NOT NULL",
        )["meeting"]
    )
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
    con.register("_eligible", people)
    try:
        con.execute("DELETE FROM ietf_nomcom_eligible")
        con.execute(
            """
            INSERT INTO ietf_nomcom_eligible
            SELECT e.year, e.person_key, e.meetings_attended, e.path_meetings,
                   e.path_officer, e.path_author, e.affiliation,
                   coalesce(g.name, r.org_name, 'Unspecified') AS org_group,
                   coalesce(g.hq_country, r.hq_country) AS hq_country
            FROM _eligible AS e
            JOIN ietf_nomcom_rules AS n USING (year)
            LEFT JOIN affiliation_resolution AS r ON r.raw = e.affiliation AND r.part = 1
            LEFT JOIN organizations AS g ON g.org_id = org_group_on(r.org_id, n.eligibility_date)
            """
        )
    finally:
        con.unregister("_eligible")
    _store_seats(con, settings)
    return len(rules)


def _store_seats(con: duckdb.DuckDBPyConnection, settings: PoolSettings) -> None:
    pool = _frame(
        con,
        "SELECT year, person_key, org_group, hq_country, seed FROM ietf_nomcom_eligible "
        "JOIN ietf_nomcom_rules USING (year) ORDER BY year, person_key",
    )
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
