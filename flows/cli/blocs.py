"""`sdo blocs`: estimated voting blocs, their members and votes, rebuilt with other
parameters or held against recorded elections."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from flows.cli.app import DbOption, WaitOption, app, check_format, fail
from flows.output import render
from warehouse.store.db import DatabaseBusy, DatabaseMissing


@app.command()
def blocs(
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="e.g. RAN1#87, or a NomCom year (2025); default: latest"),
    ] = None,
    agenda_item: Annotated[
        str | None, typer.Option("--agenda-item", help="e.g. 7.1.5.1; default: whole meeting")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="cosignature, corporate_group, country (3GPP); nomcom_group, nomcom_country",
        ),
    ] = "cosignature",
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute voting rights and blocs first")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="with --rebuild: the first Leiden seed")
    ] = None,
    resolution: Annotated[
        float | None, typer.Option("--resolution", help="with --rebuild: modularity resolution")
    ] = None,
    backbone_alpha: Annotated[
        float | None,
        typer.Option("--backbone-alpha", help="with --rebuild: disparity filter level"),
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", help="with --rebuild: attendance window (meetings)")
    ] = None,
    needed: Annotated[
        int | None, typer.Option("--needed", help="with --rebuild: meetings of the window needed")
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity", help="How the blocs change over a resolution and backbone grid"
        ),
    ] = False,
    elections: Annotated[
        bool,
        typer.Option("--elections", help="The bloc model's prediction beside each real ballot"),
    ] = False,
    election_window: Annotated[
        int, typer.Option("--election-window", help="with --elections: meetings before the vote")
    ] = 3,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    db: DbOption = None,
    wait: WaitOption = 30.0,
) -> None:
    """Estimated voting blocs with their members and votes, and who can block a 71 % vote.

    Blocs are the consensus of many Leiden runs on each meeting's (or agenda item's)
    co-signature network; members that flip between blocs across runs are 'undecided'.
    """
    from flows.blocs import (
        BlocQuery,
        bloc_report,
        bloc_sensitivity,
        election_predictions,
        rebuild_blocs,
    )

    check_format(fmt)
    tuning = {
        "seed": seed,
        "resolution": resolution,
        "backbone_alpha": backbone_alpha,
        "window": window,
        "needed": needed,
    }
    if not rebuild and any(v is not None for v in tuning.values()):
        raise fail(
            "--seed, --resolution, --backbone-alpha, --window, --needed go with --rebuild", 2
        )
    if sensitivity and elections:
        raise fail("--sensitivity and --elections are separate reports: pick one", 2)
    try:
        if rebuild:
            summary = rebuild_blocs(db, wait, **tuning)
            typer.echo(
                f"rebuilt: {summary.meetings} meetings, {summary.networks} networks "
                f"({summary.computed} recomputed on {summary.workers} process(es)), "
                f"{summary.rights} voting-right rows (run {summary.run_id})",
                err=True,
            )
        query = BlocQuery(meeting, agenda_item, kind)
        if sensitivity:
            frame, about = bloc_sensitivity(db, wait, query)
        elif elections:
            frame, about = election_predictions(db, wait, election_window)
        else:
            frame, about = bloc_report(db, wait, query)
    except (DatabaseMissing, DatabaseBusy, ValueError) as exc:
        raise fail(str(exc)) from exc
    if fmt == "table":
        typer.echo(about, err=True)
    sys.stdout.write(render(frame, fmt))
