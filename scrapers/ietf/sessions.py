"""Meeting sessions and who was present at them.

Resources (datatracker ietf/meeting/resources.py):
- ``meeting/session``: ``meeting``, ``group`` (the WG or RG meeting), ``type``
  (…/timeslottypename/regular/ or plenary), ``purpose``.
- ``meeting/attended``: ``person``, ``session``, ``origin`` — 'datatracker' for what
  Meetecho and onsite check-in report, 'self declared' for the "I was there" button. It does
  not say onsite or remote: that comes from the person's registration for the meeting.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from scrapers.ietf.registrations import person_key
from scrapers.ietf.uris import uri_id, uri_slug
from scrapers.ietf.values import ApiObjectError, object_id, text

SESSION_SCHEMA = pl.Schema(
    {
        "session_id": pl.Int64(),
        "meeting": pl.String(),
        "group_id": pl.Int64(),
        "session_type": pl.String(),
        "purpose": pl.String(),
        "raw_sha256": pl.String(),
    }
)
ATTENDED_SCHEMA = pl.Schema(
    {
        "attended_id": pl.Int64(),
        "session_id": pl.Int64(),
        "person_key": pl.String(),
        "origin": pl.String(),
        "raw_sha256": pl.String(),
    }
)


def parse_sessions(
    objects: list[dict[str, Any]],
    meeting: str,
    where: str = "meeting/session",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    """One meeting's sessions (fetched with ``meeting__number``)."""
    rows = [
        {
            "session_id": object_id(obj, where),
            "meeting": meeting,
            "group_id": uri_id(obj.get("group")),
            "session_type": uri_slug(obj.get("type")),
            "purpose": uri_slug(obj.get("purpose")),
            "raw_sha256": pages[i] if pages else None,
        }
        for i, obj in enumerate(objects)
    ]
    return pl.DataFrame(rows, schema=SESSION_SCHEMA)


def parse_attended(
    objects: list[dict[str, Any]], where: str = "meeting/attended", pages: list[str] | None = None
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        attended_id = object_id(obj, where)
        session = uri_id(obj.get("session"))
        if session is None:
            raise ApiObjectError(f"{where} {attended_id}: 'session' is not a session URI")
        rows.append(
            {
                "attended_id": attended_id,
                "session_id": session,
                "person_key": person_key(obj),
                "origin": text(obj, "origin") or None,
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=ATTENDED_SCHEMA)
