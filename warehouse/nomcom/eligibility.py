"""Who could sit on an IETF NomCom: the eligibility rules as the datatracker implements them.

The rules themselves are one query, sql/derive/nomcom_eligibility.sql, run by the
warehouse over the whole history at once (warehouse/nomcom/pool.py) and here over small
frames (``eligible_volunteers``, what the tests work through by hand). This module picks
each year's rule, date and five meetings. The regime follows the NomCom's year, as
``ietf/nomcom/utils.py`` ``list_eligible`` does:

- RFC 8713 (2008-2019): attended 3 of the previous 5 IETF meetings (a registration marked
  attended; the datatracker does not look at the registration type).
- RFC 8788 (2020): the same, over IETF 102-106 (IETF 107 was cancelled in person).
- RFC 8989 (2021, 2022) and RFC 9389 (2023 on): any of three paths —
  1. 3 of the previous 5 meetings: under 8989 a registration marked attended; under 9389
     onsite and checked in, or present at a plenary, WG or RG session (remote counts);
  2. chair or secretary of an active WG: a current role (group changed on or before the
     date) or a role-history snapshot of an active WG taken in the 3 years before the date;
  3. listed author of at least 2 documents published as an RFC (or approved by the IESG)
     in the 5 years before the date.
- Disqualified: members and chairs of the IAB, the ISOC Board of Trustees, the IETF Trust
  and the IETF LLC Board, ADs of an active area, and the chair of an active NomCom.

"The previous five meetings" are the five most recent IETF meetings that started on or
before the eligibility date, which is 1 May of the NomCom's year unless given (the
datatracker's default when no first call for volunteers is recorded). Windows end at the
eligibility date.

Two deliberate differences from the datatracker, both documented in docs/ietf.md: a
disqualifying role is judged at the eligibility date from role history (the datatracker
looks at roles held today, which is meaningless for past years), and an RFC whose draft was
approved and published in the window counts once, not twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import duckdb
import polars as pl

from warehouse.store.queries import query_text

RULE_8788_MEETINGS = ("102", "103", "104", "105", "106")

ELIGIBLE_SCHEMA = pl.Schema(
    {
        "year": pl.Int32,
        "person_key": pl.String,
        "meetings_attended": pl.Int32,
        "path_meetings": pl.Boolean,
        "path_officer": pl.Boolean,
        "path_author": pl.Boolean,
        "affiliation": pl.String,  # primary affiliation as last typed before the date
    }
)


@dataclass(frozen=True)
class EligibilityRule:
    """The parameters one NomCom year was computed with: stored beside the results."""

    year: int
    rule: str  # rfc8713 | rfc8788 | rfc8989 | rfc9389
    eligibility_date: date
    meetings: tuple[str, ...]  # the five meetings that count
    meetings_needed: int = 3
    officer_years: int = 3
    author_years: int = 5
    documents_needed: int = 2

    def as_row(self) -> dict[str, object]:
        row = asdict(self)
        row["meetings"] = ",".join(self.meetings)
        return row


def rule_for(year: int) -> str:
    if 2008 <= year <= 2019:
        return "rfc8713"
    if year == 2020:
        return "rfc8788"
    if year in (2021, 2022):
        return "rfc8989"
    if year > 2022:
        return "rfc9389"
    raise ValueError(f"NomCom {year}: no eligibility rule before 2008")


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February: the datatracker uses the 28th
        return day.replace(year=day.year - years, day=28)


def eligibility_rule(year: int, meetings: pl.DataFrame, on: date | None = None) -> EligibilityRule:
    """The rule, date and five meetings for NomCom ``year`` (``meetings``: meeting, start_date)."""
    day = on or date(year, 5, 1)
    rule = rule_for(year)
    if rule == "rfc8788":
        five = RULE_8788_MEETINGS
    else:
        five = tuple(
            meetings.filter(pl.col("start_date") <= day)
            .sort("start_date", descending=True)
            .head(5)["meeting"]
            .to_list()
        )
    return EligibilityRule(year, rule, day, tuple(sorted(five, key=int)))


@dataclass(frozen=True)
class NomcomInputs:
    """What eligibility is computed from, one frame per kind of record.

    registrations:      meeting, person_key, onsite, checked_in, attended
    session_presence:   meeting, person_key (plenary, WG and RG sessions only)
    roles:              person_key, role, group_acronym, group_type, group_state,
                        since, until (datetimes; until null = still held), current
    qualifying_events:  document, rfc (the RFC a draft became, if known), event_type, time
    authors:            document, person_key
    affiliations:       person_key, dated, affiliation, source (registration or author)
    """

    registrations: pl.DataFrame
    session_presence: pl.DataFrame
    roles: pl.DataFrame
    qualifying_events: pl.DataFrame
    authors: pl.DataFrame
    affiliations: pl.DataFrame


# The relation names nomcom_eligibility.sql reads, bound to NomcomInputs' fields
INPUT_RELATIONS = {
    "registrations": "_registrations",
    "session_presence": "_presence",
    "roles": "_roles",
    "qualifying_events": "_events",
    "authors": "_authors",
    "affiliations": "_affiliations",
}


def eligible_volunteers(rule: EligibilityRule, frames: NomcomInputs) -> pl.DataFrame:
    """Every person eligible under ``rule``, with the paths that qualify them.

    The rules are sql/derive/nomcom_eligibility.sql, the query the warehouse runs over the
    whole history; here it runs over ``frames`` on a private in-memory database.
    """
    con = duckdb.connect()
    try:
        con.register("_rules", pl.DataFrame([rule.as_row()]))
        for field_name, relation in INPUT_RELATIONS.items():
            con.register(relation, getattr(frames, field_name))
        found = con.sql(query_text("derive", "nomcom_eligibility")).pl()
    finally:
        con.close()
    return found.cast(dict(ELIGIBLE_SCHEMA))
