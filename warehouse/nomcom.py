"""Who could sit on an IETF NomCom: the eligibility rules as the datatracker implements them.

Pure functions over polars frames (the warehouse builds the frames and stores the results).
The regime follows the NomCom's year, as ``ietf/nomcom/utils.py`` ``list_eligible`` does:

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
from datetime import date, datetime, time

import polars as pl

RULE_8788_MEETINGS = ("102", "103", "104", "105", "106")
OFFICER_ROLES = ("chair", "secr")
DISQUALIFYING_GROUPS = ("iab", "isocbot", "ietf-trust", "llc-board")
SESSION_GROUP_TYPES = ("wg", "rg")
QUALIFYING_EVENTS = ("published_rfc", "iesg_approved")

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


def _at(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _meeting_path(rule: EligibilityRule, frames: NomcomInputs) -> pl.DataFrame:
    """person_key, meetings_attended: meetings of the five that count as attended."""
    wanted = list(rule.meetings)
    regs = frames.registrations.filter(pl.col("meeting").is_in(wanted))
    if rule.rule == "rfc9389":
        onsite = regs.filter(pl.col("onsite") & pl.col("checked_in")).select(
            "meeting", "person_key"
        )
        present = frames.session_presence.filter(pl.col("meeting").is_in(wanted)).select(
            "meeting", "person_key"
        )
        counted = pl.concat([onsite, present])
    else:
        counted = regs.filter(pl.col("attended")).select("meeting", "person_key")
    return (
        counted.drop_nulls("person_key")
        .unique()
        .group_by("person_key")
        .agg(pl.len().cast(pl.Int32).alias("meetings_attended"))
    )


def _officer_path(rule: EligibilityRule, roles: pl.DataFrame) -> pl.Series:
    day = _at(rule.eligibility_date)
    since = _at(_years_before(rule.eligibility_date, rule.officer_years))
    officers = roles.filter(
        pl.col("role").is_in(OFFICER_ROLES),
        pl.col("group_type") == "wg",
        pl.col("group_state") == "active",
        pl.when(pl.col("current"))
        .then(pl.col("since") <= day)
        .otherwise(pl.col("since").is_between(since, day)),
    )
    return officers["person_key"].drop_nulls().unique()


def _author_path(rule: EligibilityRule, frames: NomcomInputs) -> pl.DataFrame:
    day = _at(rule.eligibility_date)
    since = _at(_years_before(rule.eligibility_date, rule.author_years))
    documents = (
        frames.qualifying_events.filter(
            pl.col("event_type").is_in(QUALIFYING_EVENTS), pl.col("time").is_between(since, day)
        )
        # a draft approved and its RFC published both in the window are one document
        .select(pl.coalesce("rfc", "document").alias("work"), "document")
        .unique()
    )
    return (
        frames.authors.join(documents, on="document")
        .drop_nulls("person_key")
        .group_by("person_key")
        .agg(pl.col("work").n_unique().alias("documents"))
        .filter(pl.col("documents") >= rule.documents_needed)
    )


def _disqualified(rule: EligibilityRule, roles: pl.DataFrame) -> pl.Series:
    day = _at(rule.eligibility_date)
    held = roles.filter(pl.col("since") <= day, pl.col("until").is_null() | (day < pl.col("until")))
    barred = held.filter(
        (
            pl.col("group_acronym").is_in(DISQUALIFYING_GROUPS)
            & pl.col("role").is_in(["member", "chair"])
        )
        | (
            (pl.col("group_type") == "area")
            & (pl.col("group_state") == "active")
            & (pl.col("role") == "ad")
        )
        | (
            (pl.col("group_type") == "nomcom")
            & (pl.col("group_state") == "active")
            & (pl.col("role") == "chair")
        )
    )
    return barred["person_key"].drop_nulls().unique()


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


def eligible_volunteers(rule: EligibilityRule, frames: NomcomInputs) -> pl.DataFrame:
    """Every person eligible under ``rule``, with the paths that qualify them."""
    attended = _meeting_path(rule, frames).with_columns(
        (pl.col("meetings_attended") >= rule.meetings_needed).alias("path_meetings")
    )
    modern = rule.rule in ("rfc8989", "rfc9389")
    officers = _officer_path(rule, frames.roles) if modern else pl.Series([], dtype=pl.String)
    authors = (
        _author_path(rule, frames) if modern else pl.DataFrame(schema={"person_key": pl.String})
    )
    people = pl.concat(
        [
            attended.filter("path_meetings").select("person_key"),
            officers.to_frame("person_key"),
            authors.select("person_key"),
        ]
    ).unique()
    barred = _disqualified(rule, frames.roles)
    people = people.filter(~pl.col("person_key").is_in(barred.implode()))
    affiliation = (
        frames.affiliations.filter(pl.col("dated") <= rule.eligibility_date)
        # the latest; on the same day what a registration said, then alphabetically last:
        # a total order, so the rows' order from the view cannot change the choice
        .sort("dated", pl.col("source") == "registration", "affiliation")
        .group_by("person_key")
        .agg(pl.col("affiliation").last())
    )
    return (
        people.join(attended, on="person_key", how="left")
        .join(affiliation, on="person_key", how="left")
        .select(
            pl.lit(rule.year, pl.Int32).alias("year"),
            "person_key",
            pl.col("meetings_attended").fill_null(0).cast(pl.Int32),
            pl.col("path_meetings").fill_null(False),
            pl.col("person_key").is_in(officers.implode()).alias("path_officer"),
            pl.col("person_key").is_in(authors["person_key"].implode()).alias("path_author"),
            pl.col("affiliation"),
        )
        .sort("person_key")
        .cast(dict(ELIGIBLE_SCHEMA))  # type: ignore[arg-type]
    )
