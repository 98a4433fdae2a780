"""The IETF source's per-meeting records: meetings, their registrations and sessions.

A refresh fetches the meetings it does not hold yet and those that ended recently enough
for their registrations to still change (``SETTLE_DAYS``); the collections that change
independently of meetings (documents, groups, roles, attendance) are fetched from their
cursors by scrapers/ietf/incremental.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from scrapers.archive import ArchiveMiss
from scrapers.http import Fetcher
from scrapers.ietf.datatracker import fetch_collection, fetch_frame
from scrapers.ietf.meetings import parse_meetings
from scrapers.ietf.registrations import (
    REGISTRATION_SCHEMA,
    parse_registrations,
    parse_stats_registrations,
)
from scrapers.ietf.sessions import SESSION_SCHEMA, parse_sessions
from scrapers.staging import Frame, Stage, concat_frames

log = logging.getLogger(__name__)

FIRST_MEETING_WITH_REGISTRATIONS = 72
# Registrations keep changing for a while after a meeting (check-in flags, late
# corrections): a meeting that ended less than this long ago is fetched again.
SETTLE_DAYS = 60


@dataclass(frozen=True)
class IetfBatch:
    meetings: pl.DataFrame  # the meetings fetched (their registrations are replaced)
    registrations: Frame
    sessions: Frame = field(default_factory=lambda: pl.DataFrame(schema=SESSION_SCHEMA))
    listed: int = 0  # plenary meetings the datatracker lists from ``since`` that have started
    sessions_absent: bool = False  # replaying an archive that holds no session pages


def fetch_meeting_registrations(
    fetcher: Fetcher, base_url: str, meeting: str, stage: Stage | None = None
) -> Frame:
    """One meeting's registrations: the current resource, else the older stats one."""
    filters = {"meeting__number": meeting}
    where = f"IETF {meeting} meeting/registration"
    current, read = fetch_frame(
        fetcher,
        base_url,
        "meeting/registration",
        filters,
        lambda objects: parse_registrations(objects, meeting, where),
        stage,
    )
    if len(read):
        return current
    older = f"IETF {meeting} stats/meetingregistration"
    frame, _ = fetch_frame(
        fetcher,
        base_url,
        "stats/meetingregistration",
        filters,
        lambda objects: parse_stats_registrations(objects, meeting, older),
        stage,
    )
    return frame


def fetch_meeting_sessions(
    fetcher: Fetcher, base_url: str, meeting: str, stage: Stage | None = None
) -> Frame | None:
    """One meeting's sessions; None when replaying an archive that never recorded them."""
    where = f"IETF {meeting} meeting/session"
    try:
        frame, _ = fetch_frame(
            fetcher,
            base_url,
            "meeting/session",
            {"meeting__number": meeting, "order_by": "id"},
            lambda objects: parse_sessions(objects, meeting, where),
            stage,
        )
    except ArchiveMiss:
        return None
    return frame


def meetings_to_fetch(
    meetings: pl.DataFrame, loaded: dict[str, date], today: date, settle_days: int = SETTLE_DAYS
) -> pl.DataFrame:
    """The listed meetings not loaded yet, and the loaded ones that ended recently."""
    settled_before = today - timedelta(days=settle_days)
    return meetings.filter(
        ~pl.col("meeting").is_in(sorted(loaded)) | (pl.col("end_date") >= settled_before)
    )


def fetch_ietf(
    fetcher: Fetcher,
    base_url: str,
    since: int = FIRST_MEETING_WITH_REGISTRATIONS,
    today: date | None = None,
    meetings_wanted: set[str] | None = None,
    on_meeting: Callable[[str, int], None] | None = None,
    workers: int = 2,
    loaded: dict[str, date] | None = None,
    with_sessions: bool = False,
    stage: Stage | None = None,
) -> IetfBatch:
    """Fetch plenary meetings from ``since`` that have started, and their registrations.

    ``loaded`` (meeting → end date of the meetings the warehouse holds) makes the fetch
    incremental: only new meetings and recently ended ones are fetched. ``meetings_wanted``
    names meetings explicitly instead. With ``with_sessions`` each fetched meeting's
    sessions come too. Meetings are fetched ``workers`` at a time; the client's own
    per-host cap still bounds what reaches the server. With ``stage`` the registrations
    and sessions are staged on disk as they arrive (scrapers/staging.py).
    """
    today = today or date.today()
    listing = fetch_collection(fetcher, base_url, "meeting/meeting", {"type": "ietf"})
    meetings = parse_meetings(listing.objects, "meeting/meeting?type=ietf", listing.pages).filter(
        pl.col("meeting").cast(pl.Int64) >= since, pl.col("start_date") <= today
    )
    listed = meetings.height
    if meetings_wanted is not None:
        meetings = meetings.filter(pl.col("meeting").is_in(sorted(meetings_wanted)))
    elif loaded:
        meetings = meetings_to_fetch(meetings, loaded, today)
    meetings = meetings.sort(pl.col("meeting").cast(pl.Int64))
    numbers = meetings["meeting"].to_list()

    def one(number: str) -> tuple[Frame, Frame | None]:
        frame = fetch_meeting_registrations(fetcher, base_url, number, stage)
        sessions = (
            fetch_meeting_sessions(fetcher, base_url, number, stage) if with_sessions else None
        )
        log.info("IETF %s: %d registrations", number, frame.height)
        if on_meeting:
            on_meeting(number, frame.height)
        return frame, sessions

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(one, numbers))
    frames = [r for r, _ in results]
    session_frames = [s for _, s in results if s is not None]
    registrations = concat_frames(frames, lambda: pl.DataFrame(schema=REGISTRATION_SCHEMA))
    sessions = concat_frames(session_frames, lambda: pl.DataFrame(schema=SESSION_SCHEMA))
    return IetfBatch(
        meetings=meetings,
        registrations=registrations,
        sessions=sessions,
        listed=listed,
        sessions_absent=with_sessions and len(session_frames) < len(results),
    )
