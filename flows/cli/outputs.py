"""What an analyst takes away: `sdo export` (the weekly CSV summary) and `sdo report`
(the HTML page of charts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import DbOption, WaitOption, app, fail
from warehouse.store.db import DatabaseBusy, DatabaseMissing


@app.command()
def export(
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2026-W47 (default: this week)")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder the week's folder goes in")] = Path(
        "exports"
    ),
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or parquet")] = "csv",
    threshold: Annotated[
        float,
        typer.Option("--threshold", help="A share moving by more than this is a change"),
    ] = 0.02,
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Write the weekly summaries: exports/2026-W47/*.csv and a manifest (read-only)."""

    from flows.export import export_week
    from warehouse.outputs.exports import Week

    try:
        chosen = Week.parse(week) if week else Week.of(date.today())
        result = export_week(db, chosen, out, fmt, wait, threshold)
    except (DatabaseMissing, DatabaseBusy, ValueError) as exc:
        raise fail(str(exc)) from exc
    since = f" (changes since {result.previous})" if result.previous else " (first export here)"
    typer.echo(f"{result.folder}{since}")
    for name, rows in result.files.items():
        typer.echo(f"  {name}: {rows} rows")


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write")] = Path("report.html"),
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="bloc network of this 3GPP meeting (default: latest)"),
    ] = None,
    agenda_item: Annotated[
        str | None,
        typer.Option("--agenda-item", help="its agenda item (default: the busiest, or none)"),
    ] = None,
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Write a self-contained HTML report with charts (no network needed to view it)."""
    from flows.report import ReportRequest, write_report
    from scrapers.threegpp.meeting_names import MeetingNameError, meeting_label

    try:
        label = meeting_label(meeting) if meeting else None
        written = write_report(db, out, wait, ReportRequest(label, agenda_item))
    except (DatabaseMissing, DatabaseBusy, ValueError, MeetingNameError) as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"{written} ({written.stat().st_size // 1024} KiB)")
