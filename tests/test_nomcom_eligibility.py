"""NomCom eligibility on small constructed histories whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest

from warehouse.nomcom.eligibility import (
    NomcomInputs,
    eligibility_rule,
    eligible_volunteers,
    rule_for,
)

# IETF 100-119 with their real start dates (three a year: March, July, November).
MEETINGS = pl.DataFrame(
    {
        "meeting": [str(n) for n in range(100, 120)],
        "start_date": [
            date(2017, 11, 11), date(2018, 3, 17), date(2018, 7, 14), date(2018, 11, 3),
            date(2019, 3, 23), date(2019, 7, 20), date(2019, 11, 16), date(2020, 3, 21),
            date(2020, 7, 27), date(2020, 11, 16), date(2021, 3, 8), date(2021, 7, 26),
            date(2021, 11, 8), date(2022, 3, 19), date(2022, 7, 23), date(2022, 11, 5),
            date(2023, 3, 25), date(2023, 7, 22), date(2023, 11, 4), date(2024, 3, 16),
        ],
    }
)  # fmt: skip


def registrations(rows: list[tuple[str, str, bool, bool, bool]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "meeting": pl.String,
            "person_key": pl.String,
            "onsite": pl.Boolean,
            "checked_in": pl.Boolean,
            "attended": pl.Boolean,
        },
        orient="row",
    )


def roles(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "person_key": pl.String,
            "role": pl.String,
            "group_acronym": pl.String,
            "group_type": pl.String,
            "group_state": pl.String,
            "since": pl.Datetime,
            "until": pl.Datetime,
            "current": pl.Boolean,
        },
        orient="row",
    )


def inputs(**frames: pl.DataFrame) -> NomcomInputs:
    empty = {
        "registrations": registrations([]),
        "session_presence": pl.DataFrame(schema={"meeting": pl.String, "person_key": pl.String}),
        "roles": roles([]),
        "qualifying_events": pl.DataFrame(
            schema={
                "document": pl.String,
                "rfc": pl.String,
                "event_type": pl.String,
                "time": pl.Datetime,
            }
        ),
        "authors": pl.DataFrame(schema={"document": pl.String, "person_key": pl.String}),
        "affiliations": pl.DataFrame(
            schema={
                "person_key": pl.String,
                "dated": pl.Date,
                "affiliation": pl.String,
                "source": pl.String,
            }
        ),
    }
    return NomcomInputs(**{**empty, **frames})


def eligible(year: int, frames: NomcomInputs, on: date | None = None) -> pl.DataFrame:
    return eligible_volunteers(eligibility_rule(year, MEETINGS, on), frames)


def attended_at(person: str, meetings: list[int], onsite=True, checked_in=True, attended=True):
    return [(str(m), person, onsite, checked_in, attended) for m in meetings]


@pytest.mark.parametrize(
    ("year", "rule"),
    [(2015, "rfc8713"), (2019, "rfc8713"), (2020, "rfc8788"), (2021, "rfc8989"),
     (2022, "rfc8989"), (2023, "rfc9389"), (2026, "rfc9389")],
)  # fmt: skip
def test_the_rule_follows_the_nomcom_year(year, rule):
    assert rule_for(year) == rule


def test_the_five_meetings_are_those_started_by_1_may():
    # NomCom 2019: IETF 100 (Nov 2017) … 104 (Mar 2019); 105 starts in July
    assert eligibility_rule(2019, MEETINGS).meetings == ("100", "101", "102", "103", "104")
    # an explicit first-call date moves the window: 105 has started by 1 August
    later = eligibility_rule(2019, MEETINGS, on=date(2019, 8, 1))
    assert later.meetings == ("101", "102", "103", "104", "105")


def test_rfc8713_three_of_five_attended_registrations():
    regs = registrations(
        attended_at("three", [100, 102, 104])
        + attended_at("two", [101, 103])
        + attended_at("too-old", [99, 101, 103])  # IETF 99 is outside the window
        + attended_at("remote", [100, 101, 102], onsite=False)  # reg type is not checked
        + attended_at("no-show", [100, 101, 102], attended=False)
    )
    found = eligible(2019, inputs(registrations=regs))
    assert sorted(found["person_key"]) == ["remote", "three"]
    assert found.filter(person_key="three")["meetings_attended"].item() == 3


def test_rfc8788_counts_ietf_102_to_106_whatever_the_date():
    regs = registrations(
        attended_at("with-107", [103, 104, 107]) + attended_at("in-window", [102, 104, 106])
    )
    assert eligible(2020, inputs(registrations=regs))["person_key"].to_list() == ["in-window"]


def test_rfc9389_counts_checked_in_onsite_or_present_at_a_session():
    # NomCom 2024: IETF 115-119
    regs = registrations(
        attended_at("onsite", [115, 116, 117])
        + attended_at("not-checked-in", [115, 116, 117], checked_in=False)
        + attended_at("mixed", [115, 116])
    )
    presence = pl.DataFrame(
        {
            "meeting": ["117", "118", "119", "117", "116", "117", "118"],
            "person_key": ["remote"] * 3 + ["mixed", "not-checked-in", "x", "x"],
        }
    )
    found = eligible(2024, inputs(registrations=regs, session_presence=presence))
    # not-checked-in: registered onsite at 115-117 but never checked in; one session saw them
    assert sorted(found["person_key"]) == ["mixed", "onsite", "remote"]
    assert found.filter(person_key="mixed")["meetings_attended"].item() == 3


def test_rfc8713_has_no_officer_or_author_path():
    chair = roles([("chair", "chair", "quic", "wg", "active", datetime(2016, 1, 1), None, True)])
    assert eligible(2019, inputs(roles=chair)).is_empty()


def test_the_officer_path():
    on = datetime(2023, 5, 1)
    rows = [
        ("current-chair", "chair", "quic", "wg", "active", datetime(2022, 6, 1), None, True),
        ("past-secr", "secr", "tls", "wg", "active", on - timedelta(days=2 * 365), None, False),
        ("old-secr", "secr", "tls", "wg", "active", on - timedelta(days=4 * 365), None, False),
        ("rg-chair", "chair", "cfrg", "rg", "active", datetime(2022, 1, 1), None, True),
        ("bof-chair", "chair", "newthing", "wg", "bof", datetime(2022, 1, 1), None, True),
        ("future-chair", "chair", "moq", "wg", "active", datetime(2023, 6, 1), None, True),
    ]
    found = eligible(2023, inputs(roles=roles(rows)))
    assert sorted(found["person_key"]) == ["current-chair", "past-secr"]
    assert found["path_officer"].all() and not found["path_meetings"].any()


def test_the_author_path_counts_two_documents_in_five_years_once_each():
    events = pl.DataFrame(
        {
            "document": ["rfc9000", "rfc9001", "draft-a", "rfc9500", "rfc7000", "rfc9600"],
            "rfc": [None, None, "rfc9500", None, None, None],
            "event_type": ["published_rfc", "published_rfc", "iesg_approved", "published_rfc",
                           "published_rfc", "published_rfc"],
            "time": [datetime(2021, 5, 27), datetime(2021, 5, 27), datetime(2022, 1, 1),
                     datetime(2022, 6, 1), datetime(2013, 1, 1), datetime(2023, 6, 1)],
        }
    )  # fmt: skip
    authors = pl.DataFrame(
        {
            "document": ["rfc9000", "rfc9001", "draft-a", "rfc9500", "rfc9000", "rfc7000",
                         "rfc9600", "rfc9000"],
            "person_key": ["two-rfcs", "two-rfcs", "one-work", "one-work", "old", "old",
                           "late", "late"],
        }
    )  # fmt: skip
    found = eligible(2023, inputs(qualifying_events=events, authors=authors))
    # one-work: the approved draft and the RFC it became are one document
    # old: RFC 7000 is from 2013; late: RFC 9600 comes after the eligibility date
    assert found["person_key"].to_list() == ["two-rfcs"]
    assert found["path_author"].item()


def test_disqualified_at_the_eligibility_date():
    regs = registrations(
        attended_at("iab", [115, 116, 117])
        + attended_at("former-iab", [115, 116, 117])
        + attended_at("ad", [115, 116, 117])
        + attended_at("wg-member", [115, 116, 117])
    )
    rows = [
        ("iab", "member", "iab", "ietf", "active", datetime(2023, 3, 1), None, True),
        ("former-iab", "member", "iab", "ietf", "active", datetime(2020, 3, 1),
         datetime(2023, 3, 1), False),
        ("ad", "ad", "sec", "area", "active", datetime(2022, 3, 1), None, True),
        ("wg-member", "member", "quic", "wg", "active", datetime(2022, 3, 1), None, True),
    ]  # fmt: skip
    found = eligible(2024, inputs(registrations=regs, roles=roles(rows)))
    assert sorted(found["person_key"]) == ["former-iab", "wg-member"]


def test_the_primary_affiliation_is_the_last_typed_before_the_date():
    regs = registrations(attended_at("p", [115, 116, 117]))
    affiliations = pl.DataFrame(
        {
            "person_key": ["p", "p", "p"],
            "dated": [date(2022, 11, 5), date(2023, 7, 22), date(2024, 7, 20)],
            "affiliation": ["Futurewei", "Huawei", "Google"],
            "source": ["registration", "author", "registration"],
        }
    )
    found = eligible(2024, inputs(registrations=regs, affiliations=affiliations))
    assert found["affiliation"].to_list() == ["Huawei"]


def test_a_same_day_tie_goes_to_the_registration_whatever_the_row_order():
    regs = registrations(attended_at("p", [115, 116, 117]))
    affiliations = pl.DataFrame(
        {
            "person_key": ["p"] * 4,
            "dated": [date(2023, 7, 22)] * 3 + [date(2022, 1, 1)],
            "affiliation": ["Acme (draft)", "Futurewei", "Zeta (draft)", "Older"],
            "source": ["author", "registration", "author", "registration"],
        }
    )
    choices = {
        eligible(2024, inputs(registrations=regs, affiliations=affiliations.sample(
            fraction=1.0, shuffle=True, seed=seed
        )))["affiliation"].item()
        for seed in range(12)
    }  # fmt: skip
    assert choices == {"Futurewei"}
