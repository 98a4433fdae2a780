"""The IETF parsers on real datatracker objects: one recorded meeting/registration object
(IETF 125, tickets embedded) and the field values a maintained client's tests assert
against the live API. Files and provenance: tests/fixtures/PROVENANCE.md."""

from __future__ import annotations

import copy
import json

import pytest

from scrapers.ietf.documents import parse_document_authors
from scrapers.ietf.groups import parse_role_history, parse_roles
from scrapers.ietf.registrations import (
    parse_registrations,
    parse_stats_registrations,
    person_key,
)
from scrapers.ietf.sessions import parse_attended, parse_sessions
from scrapers.ietf.values import api_time
from tests.conftest import FIXTURES

REAL = FIXTURES / "ietf" / "real_api"
REGISTRATION = json.loads((REAL / "meeting_registration_70833_ietf125.redacted.json").read_text())
GOLDEN = json.loads((REAL / "ietfdata_golden_values.json").read_text())


def registration(**changes: object) -> dict:
    obj = copy.deepcopy(REGISTRATION["objects"][0])
    obj.update(changes)
    return obj


def test_the_real_ietf125_registration_is_an_onsite_delegate():
    """An onsite week_pass plus a hackathon_onsite/hackathon_combo ticket, as registered."""
    row = parse_registrations(REGISTRATION["objects"], "125").row(0, named=True)
    assert (row["attendance"], row["ticket_type"], row["is_delegate"]) == (
        "onsite", "week_pass", True,
    )  # fmt: skip
    assert (row["country_code"], row["affiliation"]) == ("CH", "ETH Zurich")
    assert (row["attended"], row["checked_in"]) == (False, False)
    assert row["person_key"] == person_key({"person": "/api/v1/person/person/136734/"})


def test_the_combined_ticket_does_not_depend_on_ticket_order():
    reversed_tickets = registration(tickets=REGISTRATION["objects"][0]["tickets"][::-1])
    row = parse_registrations([reversed_tickets], "125").row(0, named=True)
    assert (row["attendance"], row["ticket_type"], row["is_delegate"]) == (
        "onsite", "week_pass", True,
    )  # fmt: skip


def test_the_hackathon_ticket_alone_is_no_delegate():
    hackathon_only = registration(tickets=REGISTRATION["objects"][0]["tickets"][1:])
    row = parse_registrations([hackathon_only], "125").row(0, named=True)
    assert (row["attendance"], row["is_delegate"]) == ("hackathon_onsite", False)


def test_attended_and_checked_in_are_kept_apart():
    """The NomCom rules read them differently (RFC 9389: checked in onsite; RFC 8713/8989:
    attended): a registration with one and not the other keeps both as given."""
    row = parse_registrations([registration(attended=True, checkedin=False)], "125").row(
        0, named=True
    )
    assert (row["attended"], row["checked_in"]) == (True, False)
    no_flags = {k: v for k, v in registration().items() if k not in ("attended", "checkedin")}
    row = parse_registrations([no_flags], "125").row(0, named=True)
    assert (row["attended"], row["checked_in"]) == (None, None)


def golden(key: str) -> dict:
    return {k: v for k, v in GOLDEN[key].items() if not k.startswith("_")}


def test_golden_registrations_of_both_resources():
    new = parse_registrations([golden("/api/v1/meeting/registration/29329/")], "x").row(
        0, named=True
    )
    assert (new["affiliation"], new["country_code"], new["attended"], new["checked_in"]) == (
        "University of Glasgow", "GB", True, True,
    )  # fmt: skip
    old = parse_stats_registrations([golden("/api/v1/stats/meetingregistration/42206/")], "x")
    row = old.row(0, named=True)
    assert (row["attendance"], row["ticket_type"], row["is_delegate"]) == (
        "remote",
        "week_pass",
        True,
    )  # fmt: skip  (bare slugs, not URIs, in the old resource)


def test_golden_roles_attendance_and_sessions_parse_with_the_fields_they_carry():
    role = parse_roles([golden("/api/v1/group/role/1076/")]).row(0, named=True)
    assert (role["role_id"], role["role"], role["group_id"]) == (1076, "chair", 1727)
    history = parse_role_history([golden("/api/v1/group/rolehistory/519/")]).row(0, named=True)
    assert (history["role"], history["history_id"]) == ("chair", 256)
    attended = parse_attended([golden("/api/v1/meeting/attended/4696/")]).row(0, named=True)
    assert (attended["session_id"], attended["origin"]) == (28228, "datatracker")
    # one person, one key, whichever resource names them
    assert role["person_key"] == history["person_key"] == attended["person_key"]
    session = parse_sessions([golden("/api/v1/meeting/session/25907/")], "100").row(0, named=True)
    assert (session["session_id"], session["session_type"]) == (25907, "regular")
    assert session["purpose"] is None  # a 2017 session predates the field: tolerated


def test_golden_times_with_offsets_and_z_are_utc():
    attended = GOLDEN["/api/v1/meeting/attended/4696/"]["time"]
    assert api_time(attended, "attended", "time").isoformat() == "2024-03-12T18:35:43+00:00"
    scheduled = GOLDEN["/api/v1/meeting/session/25907/"]["scheduled"]  # with -07:00
    assert api_time(scheduled, "session", "scheduled").isoformat() == "2017-10-21T00:24:10+00:00"


@pytest.mark.parametrize("number", range(3))
def test_golden_document_authors_read_the_document_name(number):
    rows = GOLDEN["documentauthor?person=<person of ladan@isi.edu>"]["documents_in_order"]
    obj = {"id": number, "document": rows[number], "person": "/api/v1/person/person/1/",
           "affiliation": "", "country": "", "order": number + 1}  # fmt: skip
    author = parse_document_authors([obj]).row(0, named=True)
    assert author["document"] == rows[number].rstrip("/").rsplit("/", 1)[-1]
