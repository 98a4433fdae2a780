"""Everything the IETF source yields in one refresh: meetings and their registrations."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import polars as pl

from scrapers.http import Fetcher
from scrapers.ietf.datatracker import fetch_collection
from scrapers.ietf.meetings import parse_meetings
from scrapers.ietf.registrations import (
    REGISTRATION_SCHEMA,
    parse_registrations,
    parse_stats_registrations,
)

log = logging.getLogger(__name__)

FIRST_MEETING_WITH_REGISTRATIONS = 72


@dataclass(frozen=True)
class IetfBatch:
    meetings: pl.DataFrame
    registrations: pl.DataFrame


def fetch_meeting_registrations(fetcher: Fetcher, base_url: str, meeting: str) -> pl.DataFrame:
    """One meeting's registrations: the current resource, else the older stats one."""
    filters = {"meeting__number": meeting}
    current = fetch_collection(fetcher, base_url, "meeting/registration", filters)
    if current.objects:
        where = f"IETF {meeting} meeting/registration"
        return parse_registrations(current.objects, meeting, where, current.pages)
    older = fetch_collection(fetcher, base_url, "stats/meetingregistration", filters)
    where = f"IETF {meeting} stats/meetingregistration"
    return parse_stats_registrations(older.objects, meeting, where, older.pages)


def fetch_ietf(
    fetcher: Fetcher,
    base_url: str,
    since: int = FIRST_MEETING_WITH_REGISTRATIONS,
    today: date | None = None,
    meetings_wanted: set[str] | None = None,
    on_meeting: Callable[[str, int], None] | None = None,
    workers: int = 2,
) -> IetfBatch:
    """Fetch plenary meetings from ``since`` that have started, and their registrations.

    Meetings are fetched ``workers`` at a time; the client's own per-host cap
    still bounds what reaches the server.
    """
    today = today or date.today()
    listing = fetch_collection(fetcher, base_url, "meeting/meeting", {"type": "ietf"})
    meetings = parse_meetings(listing.objects, "meeting/meeting?type=ietf", listing.pages).filter(
        pl.col("meeting").cast(pl.Int64) >= since, pl.col("start_date") <= today
    )
    if meetings_wanted is not None:
        meetings = meetings.filter(pl.col("meeting").is_in(sorted(meetings_wanted)))
    meetings = meetings.sort(pl.col("meeting").cast(pl.Int64))
    numbers = meetings["meeting"].to_list()

    def one(number: str) -> pl.DataFrame:
        frame = fetch_meeting_registrations(fetcher, base_url, number)
        log.info("IETF %s: %d registrations", number, frame.height)
        if on_meeting:
            on_meeting(number, frame.height)
        return frame

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        frames = list(pool.map(one, numbers))
    registrations = pl.concat(frames) if frames else pl.DataFrame(schema=REGISTRATION_SCHEMA)
    return IetfBatch(meetings=meetings, registrations=registrations)
