"""Loading a 3GPP batch (refresh or import) into the warehouse: the member lists, then each
working group, each all or nothing, then what is derived from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.meeting_names import folder_for_meeting, group_code
from warehouse.derived.digests import forget_digests
from warehouse.derived.steps import rebuild_derived
from warehouse.orgs.reference import Reference
from warehouse.orgs.resolve import ResolutionSummary
from warehouse.store.db import transaction
from warehouse.store.lineage import record_responses
from warehouse.store.load import insert_new, staged, upsert
from warehouse.store.queries import run_query

# How each table's rows are partitioned: a batch replaces whole partitions, so a
# re-import of a corrected file leaves no stale rows, and importing a file twice
# changes nothing. Cosigners are partitioned by origin too: a report's co-signer
# lists must not wipe the Source-based rows of the same meeting.
PARTITIONS: dict[str, list[str]] = {
    "threegpp_tdocs": ["meeting"],
    "threegpp_status_vocabulary": ["meeting"],
    "threegpp_cosigners": ["meeting", "origin"],
    "threegpp_participants": ["meeting"],
    "threegpp_reports": ["meeting"],
    "threegpp_report_documents": ["meeting"],
    "threegpp_report_hands": ["meeting"],
    "threegpp_elections": ["meeting"],
    "threegpp_chairs": ["meeting"],
    "threegpp_members": ["as_of"],
}


@dataclass(frozen=True)
class ThreeGppLoadSummary:
    rows: dict[str, int]
    resolution: ResolutionSummary
    unresolved: list[tuple[str, int]]  # the most used co-signing names nothing matched
    recomputed: tuple[str, ...] = ()  # derived steps this load's changes made run
    meetings: list[str] = field(default_factory=list)  # meetings whose records it loaded


def _meeting_stubs(meetings: set[str]) -> pl.DataFrame:
    """Minimal meeting rows for meetings known only from a file (no calendar yet)."""
    names = sorted(meetings)
    return pl.DataFrame(
        {
            "meeting": names,
            "group_code": [group_code(m) for m in names],
            "folder": [folder_for_meeting(m) for m in names],
        }
    )


def latest_partitions(frames: list[pl.DataFrame], keys: list[str]) -> pl.DataFrame:
    """The frames as one, a partition given by several frames taken from the last of them:
    a batch that holds a meeting's list twice (fetched, then imported; or imported twice)
    loads what a load of each in turn would have left."""
    kept: list[pl.DataFrame] = []
    seen: pl.DataFrame | None = None
    for frame in reversed(frames):
        covered = frame.select(keys).unique()
        if seen is not None:
            frame = frame.join(seen, on=keys, how="anti", nulls_equal=True)
            seen = pl.concat([seen, covered]).unique()
        else:
            seen = covered
        kept.append(frame)
    return pl.concat(list(reversed(kept)), how="diagonal_relaxed")


def replace_partitions(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, keys: list[str]
) -> int:
    """Delete the partitions ``frame`` covers, then insert it, in the caller's transaction."""
    with staged(con, "_partitions", frame.select(keys).unique()), staged(con, "_rows", frame):
        match = " AND ".join(f't."{k}" IS NOT DISTINCT FROM p."{k}"' for k in keys)
        con.execute(
            f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM _partitions p WHERE {match})"
        )
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
    return frame.height


def load_threegpp(
    con: duckdb.DuckDBPyConnection, batch: ThreeGppBatch, run_id: str, reference: Reference
) -> ThreeGppLoadSummary:
    """Load the batch a part at a time: the member lists, then each working group
    (ThreeGppBatch.by_group); see load_threegpp_parts."""
    return load_threegpp_parts(con, batch.by_group(), run_id, reference)


def load_threegpp_parts(
    con: duckdb.DuckDBPyConnection,
    parts: Iterable[tuple[str, ThreeGppBatch]],
    run_id: str,
    reference: Reference,
) -> ThreeGppLoadSummary:
    """Load (group, batch) parts in turn, each part's records in their own transaction,
    then recompute what is derived from them in one more. The parts may be produced as
    they are loaded, so only one is in memory at a time. A failure or a kill leaves the
    parts before it loaded, whole, and the rest as they were; the exception then carries
    ``loaded_groups``, the parts committed.

    Each part marks the tables it wrote as changed (their stored digests dropped), so
    derived tables left behind by a kill between the last part and the derived rebuild
    are recomputed by the next load, or by the check every refresh starts with. The
    rebuild runs once, not per group: voting rights, networks and labels span the whole
    body, and computing them after each group would cost the history once per group."""
    rows: Counter[str] = Counter()
    loaded: list[str] = []
    meetings: set[str] = set()
    try:
        for group, part in parts:
            with transaction(con):
                written = _load_part(con, part, run_id)
                forget_digests(con, written)
            loaded.append(group or "member lists")
            rows.update(written)
            meetings |= meetings_in(part)
        with transaction(con):
            derived = rebuild_derived(con, reference, touched=())
    except Exception as exc:
        exc.loaded_groups = list(loaded)  # type: ignore[attr-defined]
        raise
    # the names this load's meetings left unmatched, not the whole warehouse's
    unresolved = run_query(con, "queries", "unresolved_in_meetings", meetings=sorted(meetings))
    return ThreeGppLoadSummary(
        dict(rows), derived.resolution, [(p, int(n)) for p, n in unresolved.iter_rows()],
        derived.recomputed, sorted(meetings),
    )  # fmt: skip


def meetings_in(batch: ThreeGppBatch) -> set[str]:
    """The meetings a batch holds records of (not only calendar rows or member lists)."""
    return {
        m
        for table, frames in batch.tables().items()
        if table not in ("threegpp_meetings", "threegpp_members")
        for frame in frames
        for m in frame["meeting"].unique().to_list()
    }


def _load_part(con: duckdb.DuckDBPyConnection, batch: ThreeGppBatch, run_id: str) -> dict[str, int]:
    """Write one part's records, in the caller's transaction; returns rows per table."""
    rows: dict[str, int] = {}
    record_responses(con, batch.entries, run_id)
    mentioned = meetings_in(batch)
    known = {m for (m,) in con.execute("SELECT meeting FROM threegpp_meetings").fetchall()}
    calendar = [f for f in batch.meetings if not f.is_empty()]
    from_calendar = {m for f in calendar for m in f["meeting"].to_list()}
    stubs = mentioned - known - from_calendar
    if stubs:
        insert_new(con, "threegpp_meetings", _meeting_stubs(stubs), ["meeting"])
    for frame in calendar:
        upsert(con, "threegpp_meetings", frame, ["meeting"])
    rows["threegpp_meetings"] = sum(f.height for f in calendar) + len(stubs)
    for table, keys in PARTITIONS.items():
        frames = [f for f in batch.tables()[table] if not f.is_empty()]
        if frames:
            combined = latest_partitions(frames, keys)
            rows[table] = replace_partitions(con, table, combined, keys)
    rows["threegpp_participant_lists"] = record_participant_lists(con, batch.participant_lists)
    return rows


_STATE_RANK = {"loaded": 0, "unreadable": 1, "missing": 2}


def record_participant_lists(con: duckdb.DuckDBPyConnection, frames: list[pl.DataFrame]) -> int:
    """Record what became of each meeting's participant list, in the caller's transaction.

    Of several records for one meeting in a batch the most informative wins (loaded, then
    unreadable, then missing; then the first file name). A 'missing' record never replaces
    one already held: a calendar without a participants link says nothing against a list
    imported from the Report zip.
    """
    frames = [f for f in frames if not f.is_empty()]
    if not frames:
        return 0
    records = (
        pl.concat(frames, how="vertical_relaxed")
        .with_columns(
            pl.col("state").replace_strict(_STATE_RANK, return_dtype=pl.Int8).alias("_rank")
        )
        .sort("meeting", "_rank", "file_name", nulls_last=True)
        .unique("meeting", keep="first", maintain_order=True)
        .drop("_rank")
    )
    missing = records.filter(pl.col("state") == "missing")
    found = records.filter(pl.col("state") != "missing")
    return upsert(con, "threegpp_participant_lists", found, ["meeting"]) + insert_new(
        con, "threegpp_participant_lists", missing, ["meeting"]
    )


def meetings_with_final_lists(con: duckdb.DuckDBPyConnection) -> set[str]:
    """3GPP meetings an incremental refresh need not fetch again."""
    return {
        m for (m,) in con.execute("SELECT meeting FROM threegpp_list_state WHERE final").fetchall()
    }
