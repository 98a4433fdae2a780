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
