"""The weekly summary: what it contains (sql/exports/*.sql) and what changed since the last.

Pure over a read-only connection and the previous export's files; writing the folder and
its manifest is flows/export.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl

from warehouse.outputs.csv_cells import restore_text
from warehouse.store.queries import run_query

SUMMARIES = (
    "delegation_by_group",
    "delegation_by_country",
    "contributions_by_group",
    "leadership_seats",
    "bloc_summary",
)
SHARE_MEASURE = "delegation share"
SWITCH_MEASURE = "share of runs with the previous bloc-mates"
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
CHANGES_SCHEMA = pl.Schema(
    {
        "change": pl.String(),
        "body": pl.String(),
        "group_code": pl.String(),
        "meeting": pl.String(),
        "previous_meeting": pl.String(),
        "org_group": pl.String(),
        "previous": pl.Float64(),
        "current": pl.Float64(),
        "delta": pl.Float64(),
        # what previous, current and delta measure: 'delegation share' (share_moved), 'share
        # of runs with the previous bloc-mates' (bloc_switch); empty for new_meeting
        "measure": pl.String(),
    }
)


@dataclass(frozen=True)
class Week:
    label: str  # 2026-W47
    start: date  # its Monday
    end: date  # its Sunday

    @classmethod
    def parse(cls, text: str) -> Week:
        """An ISO week 'YYYY-Www'; anything else is refused (it becomes a folder name)."""
        found = WEEK_RE.match(text.strip())
        if not found:
            raise ValueError(f"--week {text!r}: expected an ISO week such as 2026-W47")
        year, number = int(found[1]), int(found[2])
        try:
            start = date.fromisocalendar(year, number, 1)
        except ValueError as exc:
            raise ValueError(f"--week {text!r}: {year} has no week {number}") from exc
        return cls(f"{year}-W{number:02d}", start, start + timedelta(days=6))

    def previous(self) -> Week:
        return Week.of(self.start - timedelta(days=7))

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls.parse(f"{year}-W{number:02d}")


FLOAT_DECIMALS = 9  # sums of fractions differ in the last bits with aggregation order


def _stable(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Float64).round(FLOAT_DECIMALS))


@dataclass(frozen=True)
class Coverage:
    """The week and the meetings its summaries cover (sql/exports/week_meetings.sql)."""

    week: Week
    meetings: pl.DataFrame  # body, meeting, group_code, start_date, why


def week_coverage(con: duckdb.DuckDBPyConnection, week: Week) -> Coverage:
    window = {"week_start": week.start, "week_end": week.end}
    return Coverage(week, run_query(con, "exports", "week_meetings", **window))


def _covered_query(con: duckdb.DuckDBPyConnection, coverage: Coverage, name: str) -> pl.DataFrame:
    """An export query over the covered meetings: joined as week_meetings, and their
    labels passed as $meetings so the filter reaches the view's tables."""
    week = coverage.week
    con.register("week_meetings", coverage.meetings.to_arrow())
    try:
        return run_query(
            con,
            "exports",
            name,
            week_start=week.start,
            week_end=week.end,
            meetings=coverage.meetings["meeting"].to_list(),
        )
    finally:
        con.unregister("week_meetings")


def summary_frames(con: duckdb.DuckDBPyConnection, coverage: Coverage) -> dict[str, pl.DataFrame]:
    """Every summary of the week, in its fixed column and row order, byte-stable."""
    return {name: _stable(_covered_query(con, coverage, name)) for name in SUMMARIES}


def week_switches(con: duckdb.DuckDBPyConnection, coverage: Coverage) -> pl.DataFrame:
    """The bloc switches of the meetings the week covers (named apart from the blocs
    module's bloc_switches, which computes them)."""
    return _covered_query(con, coverage, "bloc_switches")


def _latest_shares(frame: pl.DataFrame) -> pl.DataFrame:
    """For each body and group_code, the org_group shares at its latest meeting."""
    frame = frame.filter(pl.col("delegates").is_not_null())  # a meeting nobody could count
    if frame.is_empty():
        return frame.select("body", "group_code", "meeting", "org_group", "share")
    latest = frame.group_by("body", "group_code").agg(
        pl.col("meeting").sort_by("start_date").last().alias("meeting")
    )
    return frame.join(latest, on=["body", "group_code", "meeting"]).select(
        "body", "group_code", "meeting", "org_group", "share"
    )


def changes(
    current: dict[str, pl.DataFrame],
    previous: dict[str, pl.DataFrame] | None,
    switches: pl.DataFrame,
    threshold: float,
) -> pl.DataFrame:
    """What is news since the previous export: new meetings, shares that moved by more than
    ``threshold`` between a group's latest meetings then and now, and the bloc switches of
    meetings the previous export did not cover. A first export lists only the switches."""
    rows: list[tuple] = []
    now = current["delegation_by_group"]
    meetings_now = {
        (b, g, m)
        for name in ("delegation_by_group", "contributions_by_group")
        for b, g, m in current[name].select("body", "group_code", "meeting").unique().rows()
    }
    meetings_before: set[tuple] = set()
    if previous is not None:
        meetings_before = {
            (b, g, m)
            for name in ("delegation_by_group", "contributions_by_group")
            if name in previous
            for b, g, m in previous[name].select("body", "group_code", "meeting").unique().rows()
        }
    new = sorted(meetings_now - meetings_before) if previous is not None else []
    rows += [("new_meeting", b, g, m, None, None, None, None, None, None) for b, g, m in new]
    if previous is not None and "delegation_by_group" in previous:
        then = _latest_shares(previous["delegation_by_group"])
        latest = _latest_shares(now)
        moved = latest.join(
            then,
            on=["body", "group_code", "org_group"],
            how="full",
            suffix="_before",
            coalesce=True,
        ).filter(pl.col("meeting").is_not_null() & pl.col("meeting_before").is_not_null())
        moved = moved.filter(pl.col("meeting") != pl.col("meeting_before")).with_columns(
            pl.col("share").fill_null(0.0), pl.col("share_before").fill_null(0.0)
        )
        moved = moved.with_columns((pl.col("share") - pl.col("share_before")).alias("delta"))
        for r in moved.filter(pl.col("delta").abs() > threshold).iter_rows(named=True):
            rows.append(
                ("share_moved", r["body"], r["group_code"], r["meeting"], r["meeting_before"],
                 r["org_group"], r["share_before"], r["share"], r["delta"], SHARE_MEASURE)
            )  # fmt: skip
    # a switch is news once: at the export that first covers its meeting
    covered_before = {m for _, _, m in meetings_before}
    for r in switches.filter(~pl.col("meeting").is_in(sorted(covered_before))).iter_rows(
        named=True
    ):
        # previous: how firmly it sat with its bloc-mates at the previous meeting (its
        # stability there); current: its share of this meeting's runs with those same mates
        rows.append(
            ("bloc_switch", r["body"], None, r["meeting"], r["previous_meeting"], r["org_group"],
             r["previous_share"], r["together_share"], r["together_share"] - r["previous_share"],
             SWITCH_MEASURE)
        )  # fmt: skip
    return pl.DataFrame(rows, schema=CHANGES_SCHEMA, orient="row").sort(
        "change", "body", "meeting", "org_group", nulls_last=True
    )


def read_export(folder: Path) -> dict[str, pl.DataFrame]:
    """A previous export's summaries, whichever format it was written in."""
    frames: dict[str, pl.DataFrame] = {}
    for name in SUMMARIES:
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            frames[name] = pl.read_parquet(parquet)
        elif csv.exists():
            # text as written ("110" is a meeting, not a number); shares back to numbers
            frame = restore_text(pl.read_csv(csv, infer_schema=False))
            numeric = [c for c in ("share", "delegates") if c in frame.columns]
            frames[name] = frame.with_columns(pl.col(numeric).cast(pl.Float64))
    return frames
