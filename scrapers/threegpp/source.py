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
from typing import Any

import polars as pl

from scrapers.archive import Fetched
from scrapers.http import Fetcher
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.calendar import calendar_url, parse_calendar
from scrapers.threegpp.files import (
    participant_list_record,
    participants_batch,
    tdoc_list_batch,
    unloaded_participant_list,
)
from scrapers.threegpp.participants import DEFAULT_HEADERS, ParticipantHeaders

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


PLAN_SCHEMA = {
    "group": pl.String,
    "meeting": pl.String,  # the label; the calendar's own code where there is none
    "mtg_id": pl.Int64,
    "start_date": pl.Date,
    "action": pl.String,  # fetch | skip
    "why": pl.String,
    "tdoc_list_url": pl.String,
    "participants_url": pl.String,
}


def plan_threegpp(
    fetcher: Fetcher,
    hosts: ThreeGppHosts,
    groups: list[str],
    done: set[str],
    since: date | None = None,
    today: date | None = None,
) -> pl.DataFrame:
    """What a refresh would fetch for every calendar meeting of ``groups``, and why (or
    why not). Reads the calendars only: no TDoc or participant list is requested."""
    today = today or date.today()
    rows: list[dict[str, object]] = []
    for group in groups:
        _, calendar = _calendar(fetcher, hosts, group)
        due = set(meetings_to_fetch(calendar, since, today, done)["mtg_id"].to_list())
        for row in calendar.iter_rows(named=True):
            fetch = row["mtg_id"] in due and row["meeting"] is not None
            rows.append(
                {
                    "group": group, "meeting": row["meeting"] or row["code"],
                    "mtg_id": row["mtg_id"], "start_date": row["start_date"],
                    "action": "fetch" if fetch else "skip",
                    "why": _why(row, since, today, done),
                    "tdoc_list_url": hosts.tdoc_list(row["mtg_id"]) if fetch else None,
                    "participants_url": hosts.participants(row["mtg_id"])
                    if fetch and row["participants_url"] else None,
                }
            )  # fmt: skip
    return pl.DataFrame(rows, schema=PLAN_SCHEMA, orient="row")


def _calendar(fetcher: Fetcher, hosts: ThreeGppHosts, group: str) -> tuple[Fetched, pl.DataFrame]:
    page = fetcher.get(calendar_url(hosts.site, group))
    return page, parse_calendar(page.body, page.url)


def _why(row: dict[str, object], since: date | None, today: date, done: set[str]) -> str:
    start = row["start_date"]
    if row["meeting"] is None:
        return "no meeting label (a workshop or e-mail approval)"
    if row["status"] == "cancelled":
        return "cancelled"
    if row["mtg_id"] is None:
        return "no MtgId on the calendar: no list to ask for"
    if not isinstance(start, date):
        return "no start date on the calendar"
    if start > today:
        return f"not started (starts {start.isoformat()})"
    if since is not None and start < since:
        return f"before --since {since.isoformat()}"
    if row["meeting"] in done:
        return "its final TDoc list is loaded"
    return f"started {start.isoformat()}; no final TDoc list loaded"


def fetch_threegpp(
    fetcher: Fetcher,
    hosts: ThreeGppHosts,
    groups: list[str],
    done: set[str],
    since: date | None = None,
    today: date | None = None,
    on_meeting: Callable[[str, int], None] | None = None,
    headers: ParticipantHeaders = DEFAULT_HEADERS,
) -> ThreeGppBatch:
    """Fetch calendars of ``groups`` and the lists of the meetings still to load.

    A participant list that cannot be read, or that the calendar does not link, is recorded
    per meeting (threegpp_participant_lists) and the TDocs load all the same."""
    today = today or date.today()
    batch = ThreeGppBatch()
    for group in groups:
        page, calendar = _calendar(fetcher, hosts, group)
        batch.meetings.append(
            calendar_meetings(calendar, page.url).with_columns(
                pl.lit(page.entry.sha256).alias("raw_sha256")
            )
        )
        for row in meetings_to_fetch(calendar, since, today, done).iter_rows(named=True):
            try:
                part = _tdoc_list(fetcher, hosts, row)
            except ValueError as exc:  # what came back is not the list: say so, go on
                _note(batch, f"{row['meeting']}: TDoc list not loaded: {exc}")
                continue
            if row.get("participants_url"):
                try:
                    people = _participants(fetcher, hosts, row, headers)
                except ValueError as exc:  # the TDocs still load; the people are unreadable
                    people = unloaded_participant_list(
                        participant_list_record(
                            row["meeting"], "unreadable", hosts.participants(row["mtg_id"]),
                            None, None, str(exc), None,
                        )
                    )  # fmt: skip
                for note in people.notes:
                    _note(batch, note)
                people.notes.clear()
                part.extend(people)
            else:
                part.participant_lists.append(
                    participant_list_record(
                        row["meeting"], "missing", calendar_url(hosts.site, group), None, None,
                        _no_participants_link(hosts, row), None,
                    )
                )  # fmt: skip
            batch.extend(part)
            if on_meeting:
                on_meeting(row["meeting"], sum(f.height for f in part.tdocs))
    batch.entries.extend(fetcher.entries)
    return batch


def _no_participants_link(hosts: ThreeGppHosts, row: dict[str, Any]) -> str:
    """Why a meeting has no list, and where a user finds the one MCC ships (Report/ zips are
    not crawled: `sdo import participants <zip>` reads them)."""
    why = "the calendar links no participant list for this meeting"
    if not row.get("ftp_folder"):
        return why
    report = f"{hosts.site.rstrip('/')}/{row['ftp_folder']}/Report/"
    return f"{why}; MCC ships it in a zip in {report} (sdo import participants <zip>)"


def _note(batch: ThreeGppBatch, note: str) -> None:
    note += " (the response is in the archive)"
    log.warning(note)
    batch.notes.append(note)


def _tdoc_list(fetcher: Fetcher, hosts: ThreeGppHosts, row: dict[str, Any]) -> ThreeGppBatch:
    listing = fetcher.get(hosts.tdoc_list(row["mtg_id"]))
    return tdoc_list_batch(listing.body, listing.url, row["meeting"], listing.entry.sha256)


def _participants(
    fetcher: Fetcher, hosts: ThreeGppHosts, row: dict[str, Any], headers: ParticipantHeaders
) -> ThreeGppBatch:
    people = fetcher.get(hosts.participants(row["mtg_id"]))
    return participants_batch(people.body, people.url, row["meeting"], people.entry.sha256, headers)


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
