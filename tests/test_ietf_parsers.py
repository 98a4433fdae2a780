"""Parsing datatracker meetings and registrations into frames with a declared schema."""

from __future__ import annotations

import json
from datetime import date

import pytest

from scrapers.ietf.meetings import MEETING_SCHEMA, MeetingParseError, parse_meetings
from scrapers.ietf.registrations import (
    REGISTRATION_SCHEMA,
    RegistrationParseError,
    parse_registrations,
    parse_stats_registrations,
    person_key,
)
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def registrations():
    page = json.loads((FIXTURES / "ietf" / "meeting_registration_page.json").read_text())
    frame = parse_registrations(page["objects"], "124")
    return {row["source_id"]: row for row in frame.to_dicts()}, frame


def test_registration_frame_has_the_declared_schema(registrations):
    _, frame = registrations
    assert dict(frame.schema) == REGISTRATION_SCHEMA
    assert frame.height == 6


def test_tickets_decide_attendance_and_delegate_status(registrations):
    rows, _ = registrations
    assert (rows[501]["attendance"], rows[501]["is_delegate"]) == ("onsite", True)
    assert (rows[502]["attendance"], rows[502]["is_delegate"]) == ("remote", True)
    # hackathon-only: kept, but not a delegate of the meeting
    assert (rows[503]["attendance"], rows[503]["is_delegate"]) == ("hackathon_onsite", False)
    # hackathon combo includes the meeting: a delegate, onsite
    assert (rows[504]["attendance"], rows[504]["is_delegate"]) == ("onsite", True)
    # someone holding both a remote and an onsite ticket was in the room
    assert rows[505]["attendance"] == "onsite"
    assert (rows[506]["attendance"], rows[506]["is_delegate"]) == ("anrw_onsite", False)


def test_raw_fields_kept_and_person_reduced_to_a_key(registrations):
    rows, _ = registrations
    assert rows[502]["affiliation"] == "Huawei Technologies Co., Ltd"
    assert rows[502]["country_code"] == "CN"  # upper-cased
    assert rows[505]["affiliation"] == "" and rows[505]["country_code"] is None
    assert rows[501]["person_key"] == person_key({"person": "/api/v1/person/person/100/"})
    assert len(rows[501]["person_key"]) == 16
    assert rows[505]["person_key"] is None  # no person, no email: counted by its own row
    assert rows[501]["attended"] is True and rows[502]["attended"] is False


def test_tickets_as_bare_uris_are_a_clear_error():
    obj = {"id": 1, "tickets": ["/api/v1/meeting/registrationticket/9/"]}
    with pytest.raises(RegistrationParseError, match="embedded ticket objects"):
        parse_registrations([obj], "124", "IETF 124 meeting/registration")


def test_registration_without_id_is_a_clear_error():
    with pytest.raises(RegistrationParseError, match=r"IETF 99: .* integer 'id'"):
        parse_stats_registrations([{"reg_type": "onsite"}], "99", "IETF 99")


def test_stats_reg_types():
    objs = [
        {"id": 1, "reg_type": "onsite", "affiliation": "Cisco"},
        {"id": 2, "reg_type": "remote", "affiliation": None},
        {"id": 3, "reg_type": "hackathon_remote"},
        {"id": 4, "reg_type": ""},  # blank before IETF 110
        {"id": 5, "reg_type": "onsite", "ticket_type": "hackathon_only"},
    ]
    frame = parse_stats_registrations(objs, "100")
    assert frame["attendance"].to_list() == [
        "onsite",
        "remote",
        "hackathon_remote",
        "unknown",
        "onsite",
    ]
    assert frame["is_delegate"].to_list() == [True, True, False, True, False]
    assert frame["affiliation"].to_list() == ["Cisco", "", "", "", ""]


def test_meetings_keep_plenaries_only():
    objs = [
        {
            "id": 1,
            "number": "110",
            "type": "/api/v1/name/meetingtypename/ietf/",
            "date": "2021-03-06",
            "days": 7,
            "city": "Prague",
            "country": "cz",
        },
        {
            "id": 2,
            "number": "interim-2021-foo-01",
            "type": "/api/v1/name/meetingtypename/interim/",
            "date": "2021-04-01",
            "days": 1,
        },
    ]
    frame = parse_meetings(objs)
    assert dict(frame.schema) == MEETING_SCHEMA
    assert frame.to_dicts()[0] | {} == {
        "meeting": "110",
        "datatracker_id": 1,
        "start_date": date(2021, 3, 6),
        "end_date": date(2021, 3, 12),
        "city": "Prague",
        "country_code": "CZ",
        "time_zone": None,
        "reported_attendees": None,
        "raw_sha256": None,
    }
    assert frame.height == 1


def test_meeting_without_date_is_a_clear_error():
    obj = {"number": "120", "type": "/api/v1/name/meetingtypename/ietf/", "date": None}
    with pytest.raises(MeetingParseError, match="meeting 120 has no ISO 'date'"):
        parse_meetings([obj], "meeting/meeting")
