"""Rebuilding voting rights and consensus blocs from the warehouse, with their parameters.

The edge around the pure bloc modules: reads presence and co-signatures, computes, writes
the tables of migrations 006 and 007 inside the caller's transaction, and records every
parameter in bloc_runs.

Blocs are rebuilt only where something changed. Every co-signature network is built in
canonical form and fingerprinted; a network whose fingerprint and parameters match what
the warehouse holds keeps its rows, so importing one TDoc list recomputes that meeting's
networks and no other. Networks are built, computed and written a chunk of meetings at a
time (MEETINGS_PER_CHUNK), so memory holds a chunk's networks and results, not the
history's. Camp labels (cheap) are recomputed for all networks every time, since one
changed meeting can relabel the meetings after it.

Presence at a 3GPP meeting comes from its participant list. Where a meeting has none, the
labelled proxy stands in: a corporate group counts as present when its people uploaded
TDocs there (uploaders_by_group), with every Individual Member entity of that group on the
latest member list — an upper bound on its votes, and said so in every row's basis.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import duckdb
import numpy as np
import polars as pl

from scrapers.staging import Stage
from warehouse.blocs.camps import label_camps
from warehouse.blocs.consensus import Consensus, ConsensusSettings
from warehouse.blocs.detection import IGRAPH_VERSION
from warehouse.blocs.network import Network, NetworkKey, networks_from_frames
from warehouse.blocs.pool import consensus_for, default_workers
from warehouse.blocs.voting import RIGHTS_SCHEMA, VotingRule, voting_rights
from warehouse.store.load import (
    append,
    delete_keyed,
    moved_meetings,
    replace_all,
    store_meeting_digests,
)
from warehouse.store.queries import first_value, query_text, run_query, run_statement

PARTICIPANT_BASIS = "participant lists"
PROXY_BASIS = "proxy: uploaders present, entities of the {as_of} member list (upper bound)"
METHOD = "leiden modularity consensus (medoid run), igraph, weights on a 2**-20 grid"
_NETWORK_TABLES = ("bloc_networks", "bloc_members", "bloc_cohesion", "bloc_pairs", "bloc_edges")
# Networks are built, computed and written this many meetings at a time: at the generated
# 3GPP history, all ~30,000 at once held 3.7 GB (networks, results and their frames).
MEETINGS_PER_CHUNK = 200
# A chunk's results are framed and written this many pair and edge rows (about) at a time.
FRAME_ROWS = 2_000_000


@dataclass(frozen=True)
class BlocSettings:
    voting: VotingRule = field(default_factory=VotingRule)
    consensus: ConsensusSettings = field(default_factory=ConsensusSettings)
    weighting: str = "newman 1/(k-1) per document"
    min_documents: int = 5  # co-signed documents an agenda item needs for its own network
    # A member sitting with its bloc in fewer than four runs in five is 'undecided': it is
    # reported with the bloc it leans to, not counted in it (docs/blocs.md).
    settled_stability: float = 0.8
    label_overlap: float = 0.5
    switch_threshold: float = 0.5
    workers: int | None = None  # None: SDO_BLOC_WORKERS, else the cores available

    def fingerprint(self) -> str:
        """Of everything a network's consensus depends on besides its records."""
        basis = {
            "consensus": asdict(self.consensus),
            "min_documents": self.min_documents,
            "weighting": self.weighting,
            "method": METHOD,
            "igraph": IGRAPH_VERSION,
        }
        return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class BlocSummary:
    run_id: str
    meetings: int  # meetings with a whole-meeting co-signature network
    networks: int
    rights: int
    computed: int = 0  # networks this rebuild computed (the rest were unchanged)
    workers: int = 1


def _meetings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    as_of = first_value(con, "derive", "member_list_date")
    proxy = PROXY_BASIS.format(
        as_of=as_of.isoformat() if isinstance(as_of, date) else "(none loaded)"
    )
    return run_query(
        con, "derive", "voting_meetings", participant_basis=PARTICIPANT_BASIS, proxy_basis=proxy
    )


def cosignature_networks(
    con: duckdb.DuckDBPyConnection, min_documents: int = 5
) -> dict[NetworkKey, Network]:
    """Every co-signature network the warehouse's records give, in canonical form."""
    return {
        key: network
        for chunk in network_chunks(con, min_documents)
        for key, network in chunk.items()
    }


def network_chunks(
    con: duckdb.DuckDBPyConnection,
    min_documents: int = 5,
    meetings: list[str] | None = None,
    meetings_per_chunk: int | None = None,
) -> Iterator[dict[NetworkKey, Network]]:
    """The co-signature networks of ``meetings`` (None: every meeting, at once),
    ``meetings_per_chunk`` (default MEETINGS_PER_CHUNK) of them at a time in the order
    given. A rebuild that holds one
    chunk's networks and results at a time needs memory for a few hundred meetings, not
    for the history; DuckDB stages one chunk's network rows (at ten times the history, all
    of them at once did not fit the load's 1 GB)."""
    chunks: list[list[str] | None] = [None]
    if meetings is not None:
        step = meetings_per_chunk or MEETINGS_PER_CHUNK
        chunks = [meetings[i : i + step] for i in range(0, len(meetings), step)]
    try:
        for chosen in chunks:
            run_statement(
                con, "derive", "stage_network_rows", min_documents=min_documents, meetings=chosen
            )
            yield networks_from_frames(
                run_query(con, "derive", "cosignature_network_nodes"),
                run_query(con, "derive", "cosignature_network_edges"),
                run_query(con, "derive", "cosignature_network_documents"),
            )
    finally:
        con.execute("DROP TABLE IF EXISTS network_rows")


def build_blocs(
    con: duckdb.DuckDBPyConnection, settings: BlocSettings | None = None
) -> BlocSummary:
    """Recompute voting rights for every 3GPP meeting, and blocs where the records changed."""
    settings = settings or BlocSettings()
    now = datetime.now(UTC)
    run_id = f"{now:%Y%m%dT%H%M%SZ}-blocs-{uuid4().hex[:8]}"
    meetings = _meetings(con)
    rights = voting_rights(meetings, run_query(con, "derive", "voting_presence"), settings.voting)
    replace_all(con, "threegpp_voting_rights", rights.cast(dict(RIGHTS_SCHEMA)))  # type: ignore[arg-type]

    settings_fingerprint = settings.fingerprint()
    stored = {
        (str(m), i): (fp, sfp)
        for m, i, fp, sfp in run_query(con, "blocs", "stored_networks").iter_rows()
    }
    # only meetings whose co-signatures (or the settings) moved have networks to build
    digests = {
        meeting: f"{digest}|{settings_fingerprint}"
        for meeting, digest in run_query(con, "blocs", "meeting_digests").iter_rows()
    }
    changed, _ = moved_meetings(con, "bloc_meeting_digests", digests)
    seen: set[NetworkKey] = set()
    computed = 0
    workers = 1
    # New rows wait in Parquet files and enter each table in one INSERT at the end: one
    # transaction holding thousands of separate INSERTs kept ~90 bytes a row outside
    # DuckDB's memory limit (16 GB at ten times the history); one INSERT of the same rows
    # from Parquet stays within it.
    stage = Stage()
    writers = {table: stage.writer(table, pl.Schema(_Rows(columns).schema))
               for table, columns in _SCHEMAS.items()}  # fmt: skip
    try:
        for networks in network_chunks(con, settings.min_documents, changed):
            fingerprints = {key: network.fingerprint() for key, network in networks.items()}
            todo = {
                key: network
                for key, network in networks.items()
                if stored.get(key) != (fingerprints[key], settings_fingerprint)
            }
            seen.update(networks)
            if todo:
                results, used = consensus_for(
                    todo, settings.consensus, settings.workers or default_workers()
                )
                workers, computed = max(workers, used), computed + len(todo)
                _delete_networks(con, todo)
                for batch in _batches(results, FRAME_ROWS):
                    part = {key: results[key] for key in batch}
                    frames = _frames(part, fingerprints, settings_fingerprint, run_id, now)
                    for table, frame in frames.items():
                        writers[table].write(frame)
        # networks the records no longer give: in a rebuilt meeting, or in one with no
        # co-signatures left
        rebuilt = set(changed)
        _delete_networks(
            con, {k for k in stored if k not in seen and (k[0] in rebuilt or k[0] not in digests)}
        )
        for table in _NETWORK_TABLES:
            append(con, table, writers[table].close())
    finally:
        stage.cleanup()
    store_meeting_digests(con, "bloc_meeting_digests", digests)
    ((networks, whole),) = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE agenda_item IS NULL) FROM bloc_networks"
    ).fetchall()

    replace_all(con, "bloc_labels", _labels(con, settings))
    replace_all(con, "bloc_runs", _run_row(settings, run_id, now, networks, computed, workers))
    summary = query_text("blocs", "cosignature_summary")  # reads the rows written above
    con.execute("DELETE FROM bloc_cosignature_summary")
    con.execute(f"INSERT INTO bloc_cosignature_summary {summary}")
    return BlocSummary(run_id, whole, networks, rights.height, computed, workers)


def _delete_networks(con: duckdb.DuckDBPyConnection, keys: Iterable[NetworkKey]) -> None:
    """Remove the stored rows of these networks from every network table."""
    stale = sorted(keys, key=_order)
    if not stale:
        return
    frame = pl.DataFrame(
        {"meeting": [m for m, _ in stale], "agenda_item": [i for _, i in stale]},
        schema={"meeting": pl.String, "agenda_item": pl.String},
    )
    for table in _NETWORK_TABLES:
        delete_keyed(con, table, frame)


def _order(key: NetworkKey) -> tuple[str, str]:
    return key[0], key[1] or ""


_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "bloc_networks": {
        "nodes": pl.Int32(), "edges": pl.Int32(), "documents": pl.Int32(), "runs": pl.Int32(),
        "converged": pl.Boolean(), "modularity": pl.Float64(), "blocs": pl.Int32(),
        "fingerprint": pl.String(), "settings_fingerprint": pl.String(),
        "computed_in": pl.String(), "computed_at": pl.Datetime("us", "UTC"),
    },
    "bloc_members": {
        "org_group": pl.String(), "bloc": pl.Int32(), "stability": pl.Float64(),
        "alternative": pl.Int32(), "alternative_share": pl.Float64(),
        "weight_inside": pl.Float64(), "documents": pl.Int32(),
    },
    "bloc_cohesion": {
        "bloc": pl.Int32(), "members": pl.Int32(), "cohesion": pl.Float64(),
        "stability": pl.Float64(),
    },
    "bloc_pairs": {
        "org_group_a": pl.String(), "org_group_b": pl.String(), "together": pl.Int32(),
        "runs": pl.Int32(),
    },
    "bloc_edges": {
        "source": pl.String(), "target": pl.String(), "weight": pl.Float64(),
        "documents": pl.Int32(),
    },
}  # fmt: skip


class _Rows:
    """A table's rows gathered network by network as arrays, framed once at the end."""

    def __init__(self, columns: dict[str, pl.DataType]) -> None:
        self.schema = {"body": pl.String(), "meeting": pl.String(), "agenda_item": pl.String(),
                       **columns}  # fmt: skip
        self.keys: list[tuple[str, str | None, int]] = []
        self.values: dict[str, list[object]] = {name: [] for name in columns}

    def add(self, key: NetworkKey, **columns: object) -> None:
        height = len(next(iter(columns.values())))  # type: ignore[arg-type]
        self.keys.append((key[0], key[1], height))
        for name, values in columns.items():
            self.values[name].append(values)

    def frame(self) -> pl.DataFrame:
        counts = [h for _, _, h in self.keys]
        data: dict[str, Any] = {
            "body": ["3gpp"] * sum(counts),
            "meeting": np.repeat(np.array([m for m, _, _ in self.keys], dtype=object),
                                 counts).tolist(),
            "agenda_item": np.repeat(np.array([i for _, i, _ in self.keys], dtype=object),
                                     counts).tolist(),
        }  # fmt: skip
        for name, parts in self.values.items():
            flat = np.concatenate([np.asarray(p) for p in parts]) if parts else np.array([])
            data[name] = flat.tolist() if flat.dtype == object else flat
        frame = pl.DataFrame({k: pl.Series(k, v, strict=False) for k, v in data.items()})
        return frame.with_columns(pl.col(pl.Float64).fill_nan(None)).select(
            pl.col(name).cast(kind) for name, kind in self.schema.items()
        )


def _frames(
    results: dict[NetworkKey, Consensus],
    fingerprints: dict[NetworkKey, str],
    settings_fingerprint: str,
    run_id: str,
    now: datetime,
) -> dict[str, pl.DataFrame]:
    rows = {table: _Rows(columns) for table, columns in _SCHEMAS.items()}
    for key in sorted(results, key=_order):
        c = results[key]
        net = c.network
        names = np.array(net.nodes, dtype=object)
        rows["bloc_networks"].add(
            key, nodes=[net.size], edges=[net.edges], documents=[net.cosigned], runs=[c.runs],
            converged=[c.converged], modularity=[c.modularity], blocs=[c.blocs],
            fingerprint=[fingerprints[key]], settings_fingerprint=[settings_fingerprint],
            computed_in=[run_id], computed_at=np.array([now], dtype=object),
        )  # fmt: skip
        rows["bloc_members"].add(
            key, org_group=names, bloc=c.bloc, stability=c.stability,
            alternative=np.where(c.alternative > 0, c.alternative, np.nan),
            alternative_share=np.where(c.alternative > 0, c.alternative_share, np.nan),
            weight_inside=c.weight_inside, documents=net.documents,
        )  # fmt: skip
        rows["bloc_cohesion"].add(
            key, bloc=np.arange(1, c.blocs + 1),
            members=np.bincount(c.bloc, minlength=c.blocs + 1)[1:],
            cohesion=c.cohesion, stability=c.bloc_stability,
        )  # fmt: skip
        a, b = _pairs_together(c)
        rows["bloc_pairs"].add(
            key, org_group_a=names[a], org_group_b=names[b], together=c.together[a, b],
            runs=np.full(len(a), c.runs),
        )  # fmt: skip
        rows["bloc_edges"].add(
            key, source=names[net.source], target=names[net.target], weight=net.weight,
            documents=net.edge_documents,
        )  # fmt: skip
    return {table: r.frame() for table, r in rows.items()}


def _pairs_together(c: Consensus) -> tuple[np.ndarray, np.ndarray]:
    """Node indices (a < b) of the tied pairs some run put in one community. Pairs never
    together are not stored (their share is 0): at the generated history they were 58 % of
    all pairs, and at ten times it the whole-meeting networks alone held ~282 million."""
    tied = np.flatnonzero(c.bloc > 0)
    a, b = np.triu_indices(len(tied), k=1)
    a, b = tied[a], tied[b]
    kept = c.together[a, b] > 0
    return a[kept], b[kept]


def _batches(results: dict[NetworkKey, Consensus], rows: int) -> Iterator[list[NetworkKey]]:
    """The networks in canonical order, in runs whose stored pairs stay near ``rows``: a
    chunk of big networks is written in parts instead of framing every pair at once (at
    ten times the history one chunk's pairs took 11 GB as Python rows)."""
    batch: list[NetworkKey] = []
    held = 0
    for key in sorted(results, key=_order):
        tied = int((results[key].bloc > 0).sum())
        batch.append(key)
        held += tied * (tied - 1) // 2 + results[key].network.edges
        if held >= rows:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _labels(con: duckdb.DuckDBPyConnection, settings: BlocSettings) -> pl.DataFrame:
    """Camp labels for every network's blocs, from the members now stored."""
    settled = run_query(con, "blocs", "settled_members", settled=settings.settled_stability)
    blocs: dict[NetworkKey, dict[int, frozenset[str]]] = {}
    for meeting, item, bloc, members in settled.iter_rows():
        blocs.setdefault((meeting, item), {})[int(bloc)] = frozenset(members or [])
    order = run_query(con, "derive", "bloc_meeting_order").rows()
    labelled = label_camps(order, blocs, settings.label_overlap)
    return pl.DataFrame(
        [("3gpp", x.meeting, x.agenda_item, x.bloc, x.label, x.matched_to) for x in labelled],
        schema={
            "body": pl.String, "meeting": pl.String, "agenda_item": pl.String,
            "bloc": pl.Int32, "label": pl.Int32, "matched_to": pl.String,
        },
        orient="row",
    )  # fmt: skip


def _run_row(
    settings: BlocSettings,
    run_id: str,
    now: datetime,
    networks: int,
    computed: int,
    workers: int,
) -> pl.DataFrame:
    voting, consensus = asdict(settings.voting), settings.consensus
    row = {
        "run_id": run_id,
        "computed_at": now,
        "attendance_window": voting["window"],
        "attendance_needed": voting["needed"],
        "e_meetings_count_from": voting["e_meetings_count_from"],
        "cap_from": voting["cap_from"],
        "cap_per_group": voting["cap_per_group"],
        "cap_per_group_partner": voting["cap_per_group_partner"],
        "weighting": settings.weighting,
        "backbone_alpha": consensus.backbone_alpha,
        "resolution": consensus.resolution,
        "seed": consensus.seed,
        "min_documents": settings.min_documents,
        "min_runs": consensus.min_runs,
        "max_runs": consensus.max_runs,
        "run_batch": consensus.batch,
        "tolerance": consensus.tolerance,
        "leiden_iterations": consensus.iterations,
        "settled_stability": settings.settled_stability,
        "label_overlap": settings.label_overlap,
        "switch_threshold": settings.switch_threshold,
        "method": METHOD,
        "igraph_version": IGRAPH_VERSION,
        "settings_fingerprint": settings.fingerprint(),
        "networks": networks,
        "networks_computed": computed,
        "workers": workers,
    }
    return pl.DataFrame(
        [row],
        schema={
            "run_id": pl.String(), "computed_at": pl.Datetime("us", "UTC"),
            "attendance_window": pl.Int32(), "attendance_needed": pl.Int32(),
            "e_meetings_count_from": pl.Date(), "cap_from": pl.Date(),
            "cap_per_group": pl.Int32(), "cap_per_group_partner": pl.Int32(),
            "weighting": pl.String(), "backbone_alpha": pl.Float64(),
            "resolution": pl.Float64(), "seed": pl.Int64(), "min_documents": pl.Int32(),
            "min_runs": pl.Int32(), "max_runs": pl.Int32(), "run_batch": pl.Int32(),
            "tolerance": pl.Float64(), "leiden_iterations": pl.Int32(),
            "settled_stability": pl.Float64(), "label_overlap": pl.Float64(),
            "switch_threshold": pl.Float64(), "method": pl.String(),
            "igraph_version": pl.String(), "settings_fingerprint": pl.String(),
            "networks": pl.Int32(), "networks_computed": pl.Int32(), "workers": pl.Int32(),
        },
    )  # fmt: skip
