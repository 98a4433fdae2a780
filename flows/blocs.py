"""`sdo blocs`: reading the bloc views for one meeting, and rebuilding them with other
parameters. Queries and wiring only; the computation is in warehouse/blocs/."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import polars as pl

from scrapers.threegpp.meeting_names import MeetingNameError, meeting_label
from warehouse.blocs.build import BlocSettings, BlocSummary, build_blocs
from warehouse.blocs.elections import ElectionCheck, predict_elections
from warehouse.blocs.sensitivity import network_for, sensitivity
from warehouse.derived.steps import BLOCS, forget_steps
from warehouse.store.db import apply_views, connect, migrate, transaction, writer
from warehouse.store.queries import first_value, not_loaded_message, run_query

KINDS = ("cosignature", "corporate_group", "country", "nomcom_group", "nomcom_country")


@dataclass(frozen=True)
class BlocQuery:
    meeting: str | None
    agenda_item: str | None
    kind: str


def _meeting_label(text: str) -> str:
    if text.isdigit():
        return text  # a NomCom year
    try:
        return meeting_label(text)
    except MeetingNameError as exc:
        raise ValueError(f"--meeting {text!r}: {exc}") from exc


def bloc_report(db: Path | None, wait: float, query: BlocQuery) -> tuple[pl.DataFrame, str]:
    """The bloc_summary rows asked for, and a line saying how they were computed."""
    if query.kind not in KINDS:
        raise ValueError(f"--kind {query.kind!r}: expected one of {', '.join(KINDS)}")
    con = connect(db, read_only=True, wait=wait)
    try:
        meeting = _meeting_label(query.meeting) if query.meeting else _latest(con, query.kind)
        if meeting is None:
            raise ValueError("no blocs computed yet: run `sdo refresh` (or `sdo blocs --rebuild`)")
        frame = run_query(
            con, "blocs", "summary", meeting=meeting, kind=query.kind,
            agenda_item=query.agenda_item,
        )  # fmt: skip
        if frame.is_empty():
            missing = None if query.kind.startswith("nomcom") else not_loaded_message(con, meeting)
            if missing:
                raise ValueError(missing)
            items = run_query(con, "blocs", "agenda_items", meeting=meeting)
            hint = ", ".join(items["agenda_item"])
            where = f" agenda item {query.agenda_item}" if query.agenda_item else ""
            raise ValueError(
                f"no {query.kind} blocs for {meeting}{where}"
                + (f"; agenda items with blocs: {hint}" if hint else "")
            )
        return frame, _about(con, meeting, query)
    except duckdb.CatalogException as exc:
        raise ValueError(
            f"{exc}. The database predates the bloc views: run `sdo refresh`."
        ) from exc
    finally:
        con.close()


def _latest(con: duckdb.DuckDBPyConnection, kind: str) -> str | None:
    name = "latest_nomcom_year" if kind.startswith("nomcom") else "latest_meeting"
    found = first_value(con, "blocs", name)
    return str(found) if found is not None else None


def _about(con: duckdb.DuckDBPyConnection, meeting: str, query: BlocQuery) -> str:
    if query.kind.startswith("nomcom"):
        return f"NomCom {meeting}: expected voting seats of 10 under the two-per-affiliation cap"
    run = run_query(con, "blocs", "run").to_dicts()
    if not run:
        return meeting
    r = run[0]
    backbone = (
        f"disparity filter alpha {r['backbone_alpha']}"
        if r["backbone_alpha"] is not None
        else "no backbone filter"
    )
    basis = first_value(con, "blocs", "presence_basis", meeting=meeting)
    where = f" agenda item {query.agenda_item}" if query.agenda_item else " (whole meeting)"
    return (
        f"{meeting}{where}: consensus of {r['min_runs']}-{r['max_runs']} Leiden runs from seed "
        f"{r['seed']}, resolution {r['resolution']}, {backbone}, weighting {r['weighting']}; "
        f"undecided below stability {r['settled_stability']}; votes: {r['attendance_needed']} "
        f"of the last {r['attendance_window']} meetings, caps {r['cap_per_group']}/"
        f"{r['cap_per_group_partner']} from {r['cap_from']}; presence: {basis}; run {r['run_id']}"
    )


def rebuild_blocs(db: Path | None, wait: float, **tuning: float | int | None) -> BlocSummary:
    """Recompute with the given parameters (the rest default), replacing the stored run."""
    settings = BlocSettings()
    voting = settings.voting
    if tuning.get("window") is not None:
        voting = replace(voting, window=int(tuning["window"] or 0))
    if tuning.get("needed") is not None:
        voting = replace(voting, needed=int(tuning["needed"] or 0))
    consensus = settings.consensus
    if tuning.get("seed") is not None:
        consensus = replace(consensus, seed=int(tuning["seed"] or 0))
    if tuning.get("resolution") is not None:
        consensus = replace(consensus, resolution=float(tuning["resolution"] or 0))
    if tuning.get("backbone_alpha") is not None:
        consensus = replace(consensus, backbone_alpha=float(tuning["backbone_alpha"] or 0))
    settings = replace(settings, voting=voting, consensus=consensus)
    if voting.needed > voting.window or voting.needed < 1:
        raise ValueError(f"--needed {voting.needed} must be between 1 and --window {voting.window}")
    with writer(db, wait=wait) as con:
        migrate(con)
        apply_views(con)
        with transaction(con):
            summary = build_blocs(con, settings)
            # the next load rebuilds the blocs with the default settings again
            forget_steps(con, BLOCS)
            return summary


def bloc_sensitivity(db: Path | None, wait: float, query: BlocQuery) -> tuple[pl.DataFrame, str]:
    """How the headline partition of one network changes over the resolution and backbone
    grid, and a line saying what was compared."""
    con = connect(db, read_only=True, wait=wait)
    try:
        meeting = _meeting_label(query.meeting) if query.meeting else _latest(con, "cosignature")
        if meeting is None:
            raise ValueError("no blocs computed yet: run `sdo refresh` (or `sdo blocs --rebuild`)")
        settings = _stored_settings(con)
        network = network_for(con, meeting, query.agenda_item, settings.min_documents)
        frame = sensitivity(network, settings.consensus, settings.settled_stability)
    finally:
        con.close()
    where = f" agenda item {query.agenda_item}" if query.agenda_item else " (whole meeting)"
    about = (
        f"{meeting}{where}: {network.size} groups, {network.edges} ties; each row recomputes "
        f"the consensus with that resolution and backbone and compares it with the headline "
        f"(resolution {settings.consensus.resolution}, backbone "
        f"{settings.consensus.backbone_alpha or 'none'})"
    )
    return frame, about


def election_predictions(db: Path | None, wait: float, window: int) -> tuple[pl.DataFrame, str]:
    """What the bloc model predicts for each recorded contested election, beside its ballot."""
    if window < 1:
        raise ValueError(f"--election-window {window}: expected 1 or more meetings")
    con = connect(db, read_only=True, wait=wait)
    try:
        settings = _stored_settings(con)
        frame = predict_elections(
            con, ElectionCheck(window, settings.settled_stability), settings.consensus
        )
    except duckdb.CatalogException as exc:
        raise ValueError(
            f"{exc}. The database predates the elections view: run `sdo refresh`."
        ) from exc
    finally:
        con.close()
    if frame.is_empty():
        raise ValueError(
            "no contested election loaded: import the chair's report of an electing meeting "
            "(`sdo import report Final_Report_RAN1-90.docx`)"
        )
    about = (
        f"camps: consensus blocs of the co-signatures of the {window} meeting(s) before each "
        "election; camp_votes: the camp's votes at the electing meeting; predicted_share: of "
        "the two finalists' camps; actual_share: of the finalists' votes on the last ballot"
    )
    return frame, about


def _stored_settings(con: duckdb.DuckDBPyConnection) -> BlocSettings:
    """The parameters the stored blocs were computed with (defaults if none yet)."""
    settings = BlocSettings()
    run = run_query(con, "blocs", "run").to_dicts()
    if not run:
        return settings
    r = run[0]
    consensus = replace(
        settings.consensus, resolution=r["resolution"], backbone_alpha=r["backbone_alpha"],
        seed=r["seed"], min_runs=r["min_runs"], max_runs=r["max_runs"], batch=r["run_batch"],
        tolerance=r["tolerance"], iterations=r["leiden_iterations"],
    )  # fmt: skip
    return replace(settings, consensus=consensus, min_documents=r["min_documents"],
                   settled_stability=r["settled_stability"])  # fmt: skip
