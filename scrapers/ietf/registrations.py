"""IETF meeting registrations, from either of the datatracker's two resources.

- ``meeting/registration`` (2025 on): one row per person and meeting, with
  ``tickets`` embedded, each naming an ``attendance_type`` (onsite, remote,
  hackathon_onsite, hackathon_remote, anrw_onsite) and a ``ticket_type``
  (week_pass, one_day, student, hackathon_only, hackathon_combo, anrw_only…).
- ``stats/meetingregistration`` (older, being retired): one row per
  registration with ``reg_type`` (onsite, remote, hackathon_*; blank before
  IETF 110), so one person can have several rows.

Both become the same frame. A *delegate* is someone registered for the meeting
itself: hackathon-only and ANRW-only registrations are kept but flagged.
Person identifiers are reduced to a one-way key, enough to count a person once.
"""

from __future__ import annotations

import hashlib
from typing import Any

import polars as pl

from scrapers.ietf.uris import uri_slug

REGISTRATION_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "source": pl.String,
        "source_id": pl.Int64,
        "person_key": pl.String,
        "affiliation": pl.String,
        "country_code": pl.String,
        "attendance": pl.String,
        "ticket_type": pl.String,
        "is_delegate": pl.Boolean,
        "attended": pl.Boolean,  # the datatracker's attended (NomCom RFC 8713/8989 paths)
        "raw_sha256": pl.String,
        "checked_in": pl.Boolean,  # its checkedin: onsite check-in (RFC 9389); NULL if absent
    }
)

MEETING_ATTENDANCE = ("onsite", "remote")
NON_MEETING_TICKETS = frozenset({"hackathon_only", "anrw_only"})


class RegistrationParseError(ValueError):
    pass


def person_key(obj: dict[str, Any]) -> str | None:
    """A stable one-way key for the registrant: the datatracker person, else the email."""
    person = obj.get("person")
    if isinstance(person, str) and person.strip():
        basis = "person:" + person.strip()
    elif isinstance(obj.get("email"), str) and obj["email"].strip():
        basis = "email:" + obj["email"].strip().lower()
    else:
        return None
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


def _country(value: object) -> str | None:
    text = value.strip().upper() if isinstance(value, str) else ""
    return text if len(text) == 2 and text.isalpha() else None


def _flag(obj: dict[str, Any], name: str) -> bool | None:
    """A boolean field as the datatracker gives it; None where the resource has none.

    ``attended`` and ``checkedin`` are kept apart: the NomCom rules read them differently
    (RFC 9389 counts onsite registrants who checked in, RFC 8713/8989 those who attended).
    """
    value = obj.get(name)
    return value if isinstance(value, bool) else None


def _base_row(
    obj: dict[str, Any], meeting: str, source: str, where: str, sha: str | None
) -> dict[str, Any]:
    raw_id = obj.get("id")
    if not isinstance(raw_id, int):
        raise RegistrationParseError(f"{where}: registration without an integer 'id': {obj!r:.200}")
    affiliation = obj.get("affiliation")
    return {
        "meeting": meeting,
        "source": source,
        "source_id": raw_id,
        "person_key": person_key(obj),
        "affiliation": affiliation if isinstance(affiliation, str) else "",
        "country_code": _country(obj.get("country_code")),
        "attended": _flag(obj, "attended"),
        "raw_sha256": sha,
        "checked_in": _flag(obj, "checkedin"),
    }


def _ticket_field(ticket: object, field: str, where: str) -> str:
    if not isinstance(ticket, dict):
        raise RegistrationParseError(
            f"{where}: expected embedded ticket objects with attendance_type and ticket_type, "
            f"got {ticket!r:.120}"
        )
    return uri_slug(ticket.get(field)) or ""


def parse_registrations(
    objects: list[dict[str, Any]],
    meeting: str,
    where: str = "",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    """Rows of ``meeting/registration`` (tickets embedded) for one meeting.

    ``pages`` gives, per object, the sha256 of the response it came in.
    """
    rows = []
    for i, obj in enumerate(objects):
        row = _base_row(obj, meeting, "registration", where, pages[i] if pages else None)
        tickets = obj.get("tickets") or []
        pairs = [
            (_ticket_field(t, "attendance_type", where), _ticket_field(t, "ticket_type", where))
            for t in tickets
        ]
        meeting_pairs = [
            (a, t) for a, t in pairs if a in MEETING_ATTENDANCE and t not in NON_MEETING_TICKETS
        ]
        # Onsite wins over remote: someone who bought both was in the room.
        ranked = sorted(meeting_pairs, key=lambda p: MEETING_ATTENDANCE.index(p[0]))
        if ranked:
            attendance, ticket = ranked[0]
        elif pairs:
            attendance, ticket = pairs[0]
        else:
            attendance, ticket = "unknown", ""
        row.update(
            attendance=attendance,
            ticket_type=ticket or None,
            is_delegate=bool(ranked) or not pairs,
        )
        rows.append(row)
    return pl.DataFrame(rows, schema=REGISTRATION_SCHEMA)


def parse_stats_registrations(
    objects: list[dict[str, Any]],
    meeting: str,
    where: str = "",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    """Rows of the older ``stats/meetingregistration`` resource for one meeting."""
    rows = []
    for i, obj in enumerate(objects):
        row = _base_row(obj, meeting, "meetingregistration", where, pages[i] if pages else None)
        reg_type = uri_slug(obj.get("reg_type")) or ""
        ticket = uri_slug(obj.get("ticket_type")) or None
        row.update(
            attendance=reg_type or "unknown",
            ticket_type=ticket,
            is_delegate=not reg_type.startswith(("hackathon", "anrw"))
            and ticket not in NON_MEETING_TICKETS,
        )
        rows.append(row)
    return pl.DataFrame(rows, schema=REGISTRATION_SCHEMA)
