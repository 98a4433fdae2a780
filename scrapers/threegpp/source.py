"""Everything the live 3GPP source yields in one refresh: calendars, TDoc lists, participants.

Per working group: the meeting calendar (www.3gpp.org), then for each meeting that
has started and is not already loaded with its final list, the TDoc list export
(portal.3gpp.org) and, where the calendar links one, the participant list
(webapp.etsi.org). Chair's reports and the membership list come in with
`sdo import` (their locations are not stable enough to crawl).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from scrapers.http import Fetcher
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.calendar import calendar_url, parse_calendar
from scrapers.threegpp.files import participants_batch, tdoc_list_batch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThreeGppHosts:
    site: str = "https://www.3gpp.org"
    portal: str = "https://portal.3gpp.org"
    etsi: str = "https://webapp.etsi.org"

    def tdoc_list(self, mtg_id: int) -> str:
        return f"{self.portal.rstrip('/')}/ngppapp/GenerateDocumentList.aspx?meetingId={mtg_id}"

    def participants(self, mtg_id: int) -> str:
        return f"{self.etsi.rstrip('/')}/3GPPRegistration/fViewPart.asp?mid={mtg_id}"


def meetings_to_fetch(
    calendar: pl.DataFrame, since: date | None, today: date, done: set[str]
) -> pl.DataFrame:
    """Meetings that have started (from ``since``), minus those loaded with a final list
    and those cancelled (a cancelled meeting has no list to fetch)."""
    wanted = calendar.filter(
        pl.col("mtg_id").is_not_null(),
        pl.col("status") != "cancelled",
        pl.col("start_date").is_not_null() & (pl.col("start_date") <= today),
        ~pl.col("meeting").is_in(sorted(done)),
    )
    if since is not None:
        wanted = wanted.filter(pl.col("start_date") >= since)
    return wanted.sort("start_date")


def calendar_meetings(calendar: pl.DataFrame, source_name: str) -> pl.DataFrame:
    """The calendar rows that are meetings with a label, once each, as the meetings table
    holds them. Workshops and e-mail approvals ("R5-2025-TTCN email") carry no meeting
    label and are left out, said in the log; a row the page repeats counts once."""
    labelled = calendar.filter(pl.col("meeting").is_not_null())
    unlabelled = calendar.height - labelled.height
    if unlabelled:
        log.info(
            "%s: %d rows are no meeting with a label (workshops, e-mail approvals), not loaded",
            source_name, unlabelled,
        )  # fmt: skip
    return labelled.unique("meeting", keep="first", maintain_order=True).select(_CALENDAR_COLUMNS)


def fetch_threegpp(
    fetcher: Fetcher,
    hosts: ThreeGppHosts,
    groups: list[str],
    done: set[str],
    since: date | None = None,
    today: date | None = None,
    on_meeting: Callable[[str, int], None] | None = None,
) -> ThreeGppBatch:
    """Fetch calendars of ``groups`` and the lists of the meetings still to load."""
    today = today or date.today()
    batch = ThreeGppBatch()
    for group in groups:
        url = calendar_url(hosts.site, group)
        page = fetcher.get(url)
        calendar = parse_calendar(page.body, page.url)
        batch.meetings.append(
            calendar_meetings(calendar, page.url).with_columns(
                pl.lit(page.entry.sha256).alias("raw_sha256")
            )
        )
        for row in meetings_to_fetch(calendar, since, today, done).iter_rows(named=True):
            listing = fetcher.get(hosts.tdoc_list(row["mtg_id"]))
            part = tdoc_list_batch(listing.body, listing.url, row["meeting"], listing.entry.sha256)
            if row.get("participants_url"):
                people = fetcher.get(hosts.participants(row["mtg_id"]))
                part.extend(
                    participants_batch(people.body, people.url, row["meeting"], people.entry.sha256)
                )
            batch.extend(part)
            if on_meeting:
                on_meeting(row["meeting"], sum(f.height for f in part.tdocs))
    batch.entries.extend(fetcher.entries)
    return batch


_CALENDAR_COLUMNS = [
    "meeting",
    "group_code",
    "mtg_id",
    "code",
    "title",
    "town",
    "start_date",
    "end_date",
    "first_tdoc",
    "last_tdoc",
    "folder",
    "status",
]
