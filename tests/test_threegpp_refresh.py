"""The 3GPP refresh on the bundled sample: calendar → TDoc lists, plus the sample's files."""

from __future__ import annotations

import logging
from datetime import date

import duckdb
import polars as pl
import pytest

from flows.pipeline import refresh_threegpp_source
from flows.settings import Settings
from scrapers.threegpp.source import meetings_to_fetch

log = logging.getLogger("test-3gpp")


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env()


def test_offline_sample_loads_lists_reports_and_members(settings):
    result = refresh_threegpp_source(settings, True, None, [], None, log)
    assert result.status == "ok"
    assert result.requests == 1 + 3  # the R1 calendar, three TDoc lists
    meetings = dict(query(settings, "SELECT meeting, tdocs FROM meetings WHERE body = '3gpp'"))
    assert meetings == {"RAN1#86bis": 2514, "RAN1#87": 2741, "RAN1#122bis": 1563}
    dates = dict(query(settings, "SELECT meeting, start_date FROM threegpp_meetings"))
    assert dates["RAN1#87"] == date(2016, 11, 14)  # from the calendar
    reported = dict(
        query(
            settings,
            "SELECT meeting, reported_attendees FROM meetings "
            "WHERE body = '3gpp' AND reported_attendees IS NOT NULL",
        )
    )
    assert reported == {"RAN1#86bis": 337, "RAN1#87": 491}
    assert query(settings, "SELECT count(*) FROM threegpp_members")[0] == (840,)
    # the real calendar links no participant page for these meetings: each is recorded as
    # missing, with where MCC ships its list, and its report's own count to compare with
    states = query(
        settings,
        "SELECT meeting, state, detail, reported_delegates, reported_basis "
        "FROM threegpp_participant_list_state ORDER BY meeting",
    )
    assert [(m, s, n, b) for m, s, _, n, b in states] == [
        ("RAN1#122bis", "missing", None, None),
        ("RAN1#86bis", "missing", 337, "electronic check-in"),
        ("RAN1#87", "missing", 491, "electronic check-in"),
    ]
    assert "zip in https://www.3gpp.org/ftp/TSG_RAN/WG1_RL1/TSGR1_87/Report/" in states[2][2]


def test_second_refresh_skips_final_lists_and_changes_nothing(settings):
    refresh_threegpp_source(settings, True, None, [], None, log)
    tables = ["threegpp_tdocs", "threegpp_cosigners", "threegpp_meetings"]
    before = {t: sorted(query(settings, f"SELECT * FROM {t}"), key=repr) for t in tables}
    again = refresh_threegpp_source(settings, True, None, [], None, log)
    assert again.requests == 1  # the calendar only: every list is final
    assert {t: sorted(query(settings, f"SELECT * FROM {t}"), key=repr) for t in tables} == before


def test_meetings_to_fetch_skips_future_done_old_and_cancelled():
    calendar = pl.DataFrame(
        {
            "meeting": ["RAN1#125", "RAN1#124", "RAN1#100", "RAN1#87", "RAN1#86bis", "RAN1#84"],
            "mtg_id": [5, 4, 6, 3, 2, None],
            "start_date": [
                date(2027, 1, 1),
                date(2026, 2, 9),
                date(2020, 2, 24),
                date(2016, 11, 14),
                date(2016, 10, 10),
                date(2016, 2, 15),
            ],
            "status": ["scheduled"] * 2 + ["cancelled"] + ["scheduled"] * 3,
        }
    )
    wanted = meetings_to_fetch(calendar, date(2016, 10, 1), date(2026, 11, 22), {"RAN1#87"})
    assert wanted["meeting"].to_list() == ["RAN1#86bis", "RAN1#124"]


def test_a_dry_run_reads_the_calendar_only_and_says_why_each_meeting_is_due(settings):
    import json

    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    args = ["refresh", "3gpp", "--dry-run", "--offline", "--format", "json"]
    first = runner.invoke(app, [*args, "--db", str(settings.db)])
    assert first.exit_code == 0, first.output

    plan = {r["meeting"]: r for r in json.loads(first.stdout)}
    assert set(plan) == {"RAN1#86bis", "RAN1#87", "RAN1#122bis"}
    assert all(r["action"] == "fetch" and "no final TDoc list" in r["why"] for r in plan.values())
    assert plan["RAN1#122bis"]["tdoc_list_url"].endswith(
        "GenerateDocumentList.aspx?meetingId=60603"
    )
    assert not settings.db.exists()  # nothing loaded, no database made
    refresh_threegpp_source(settings, True, None, [], None, log)
    again = json.loads(runner.invoke(app, [*args, "--db", str(settings.db)]).stdout)
    assert {r["action"] for r in again} == {"skip"}
    assert {r["why"] for r in again} == {"its final TDoc list is loaded"}
    refused = runner.invoke(app, ["refresh", "ietf", "--dry-run", "--db", str(settings.db)])
    assert refused.exit_code == 2 and "3GPP source only" in refused.output


def test_the_plan_gives_a_reason_for_every_calendar_row():
    from pathlib import Path

    from scrapers.archive import ArchiveEntry, Fetched
    from scrapers.threegpp.source import ThreeGppHosts, plan_threegpp

    page = (
        Path(__file__).parent / "fixtures" / "threegpp" / "calendar" / "Meetings-R5-excerpt.htm"
    ).read_bytes()

    class Calendar:
        def get(self, url: str, params: object = None) -> Fetched:
            entry = ArchiveEntry(url, "2026-12-07T00:00:00+00:00", 200, "text/html", "0", len(page))
            return Fetched(url, 200, "text/html", page, entry)

    today = date(2026, 12, 7)
    plan = plan_threegpp(Calendar(), ThreeGppHosts(), ["R5"], {"RAN5#106"}, None, today)
    why = dict(zip(plan["meeting"], plan["why"], strict=True))
    assert why == {
        "RAN5#121": "not started (starts 2028-11-13)",
        "RAN5#106": "its final TDoc list is loaded",
        "R5-2025-TTCN email": "no meeting label (a workshop or e-mail approval)",
        "RAN5#89": "cancelled",
        "R5-0-IMS CC Test Wor": "no meeting label (a workshop or e-mail approval)",
    }
    assert set(plan["action"]) == {"skip"}


def test_a_login_page_instead_of_a_list_is_named_and_the_other_meetings_load():
    """The portal answering 200 with an HTML page (a login form, an error page) where the
    TDoc list export should be: that meeting is named with the URL and the page's title,
    its response stays in the archive, and every other meeting loads."""
    from pathlib import Path

    from scrapers.archive import ArchiveEntry, Fetched
    from scrapers.threegpp.source import ThreeGppHosts, fetch_threegpp

    fixtures = Path(__file__).parent / "fixtures" / "threegpp"
    calendar = (fixtures / "calendar" / "Meetings-R1.htm").read_bytes()
    listing = (fixtures / "tdoc_lists" / "TDoc_List_TSGR1_122b.xlsx").read_bytes()
    garbled = b"<html><body><table><tr><td>nothing like a participant list</td></tr></table>"
    login = b"<!DOCTYPE html><html><head><title>3GPP Portal - Sign in</title></head></html>"

    class Site:
        def __init__(self) -> None:
            self.entries: list[ArchiveEntry] = []

        def get(self, url: str, params: object = None) -> Fetched:
            body = (
                calendar if "dynareport" in url
                else garbled if "fViewPart" in url
                else listing if "60603" in url
                else login
            )  # fmt: skip
            entry = ArchiveEntry(url, "2026-12-07T00:00:00+00:00", 200, "", "0", len(body))
            return Fetched(url, 200, "", body, entry)

    batch = fetch_threegpp(Site(), ThreeGppHosts(), ["R1"], set(), since=date(2025, 10, 1),
                           today=date(2026, 12, 7))  # fmt: skip
    assert {m for f in batch.tdocs for m in f["meeting"].unique()} == {"RAN1#122bis"}
    lists = [n for n in batch.notes if "TDoc list not loaded" in n]
    assert {note.split(":")[0] for note in lists} == {"RAN1#123", "RAN1#124"}
    assert all("'3GPP Portal - Sign in'" in note and "GenerateDocumentList.aspx" in note
               for note in lists)  # fmt: skip
    # RAN1#122bis's participant page was unreadable: its TDocs loaded all the same
    (people,) = [n for n in batch.notes if "participants unreadable" in n]
    assert people.startswith("RAN1#122bis:") and "fViewPart.asp?mid=60603" in people
    # ... and the meeting is recorded as such, so `sdo status` and the delegation views say it
    (record,) = batch.participant_lists
    assert record.select("meeting", "state", "list_kind").rows() == [
        ("RAN1#122bis", "unreadable", "registered")
    ]
    assert "fViewPart.asp?mid=60603" in record["file_name"][0]
    assert "no participant table found" in record["detail"][0]
