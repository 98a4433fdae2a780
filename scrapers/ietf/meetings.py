"""IETF plenary meetings from the datatracker's meeting/meeting resource."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl

from scrapers.ietf.uris import uri_id, uri_slug

MEETING_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "datatracker_id": pl.Int64,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "city": pl.String,
        "country_code": pl.String,
        "time_zone": pl.String,
        "reported_attendees": pl.Int64,
        "raw_sha256": pl.String,
    }
)


class MeetingParseError(ValueError):
    pass


def parse_meetings(
    objects: list[dict[str, Any]], source: str = "", pages: list[str] | None = None
) -> pl.DataFrame:
    """One row per IETF plenary meeting (``type`` ietf); interims and others are skipped."""
    rows = []
    for i, obj in enumerate(objects):
        if uri_slug(obj.get("type")) not in (None, "ietf"):
            continue
        number = str(obj.get("number") or "").strip()
        if not number.isdigit():
            continue  # plenary numbers are digits; anything else is not a plenary
        try:
            start = date.fromisoformat(str(obj["date"]))
        except (KeyError, ValueError) as exc:
            raise MeetingParseError(
                f"{source}: meeting {number} has no ISO 'date' (got {obj.get('date')!r})"
            ) from exc
        days = obj.get("days")
        days = int(days) if isinstance(days, int | str) and str(days).isdigit() else 7
        country = (obj.get("country") or "").strip().upper() or None
        rows.append(
            {
                "meeting": number,
                "datatracker_id": obj.get("id") or uri_id(obj.get("resource_uri")),
                "start_date": start,
                "end_date": start + timedelta(days=max(days, 1) - 1),
                "city": (obj.get("city") or "").strip() or None,
                "country_code": country,
                "time_zone": obj.get("time_zone") or None,
                "reported_attendees": obj.get("attendees"),
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=MEETING_SCHEMA)
