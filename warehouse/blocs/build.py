"""Rebuilding voting rights and estimated blocs from the warehouse, with their parameters.

The edge around warehouse/voting.py and warehouse/blocs.py: reads presence and
co-signatures, computes, writes the derived tables of migration 006 inside the caller's
transaction, and records every parameter in bloc_runs.

Presence at a 3GPP meeting comes from its participant list. Where a meeting has none, the
labelled proxy stands in: a corporate group counts as present when its people uploaded
TDocs there (uploaders_by_group), with every Individual Member entity of that group on the
latest member list — an upper bound on its votes, and said so in every row's basis.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from uuid import uuid4

import duckdb
import networkx as nx
import polars as pl

from warehouse.blocs.network import (
    bloc_switches,
    cosignature_graph,
    detect_blocs,
    disparity_backbone,
)
from warehouse.blocs.voting import RIGHTS_SCHEMA, VotingRule, voting_rights
from warehouse.load import append, replace_all
from warehouse.queries import first_value, run_query

PARTICIPANT_BASIS = "participant lists"
PROXY_BASIS = "proxy: uploaders present, entities of the {as_of} member list (upper bound)"


@dataclass(frozen=True)
class BlocSettings:
    voting: VotingRule = field(default_factory=VotingRule)
    weighting: str = "newman 1/(k-1) per document"
    # No disparity filter by default: measured on planted blocs and on RAN1#86bis, where the
    # filter left the Huawei camp unattached (docs/blocs.md); the 1/(k-1) weighting and
    # modularity's degree-corrected null model already keep size from making one bloc.
    backbone_alpha: float | None = None
    resolution: float = 1.0
    seed: int = 86
    min_documents: int = 5  # co-signed documents an agenda item needs for its own network
    switch_threshold: float = 0.5
    firm_strength: float = 0.5  # only groups this firmly in a bloc at both meetings can switch


def _meetings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    as_of = first_value(con, "derive", "member_list_date")
    proxy = PROXY_BASIS.format(
        as_of=as_of.isoformat() if isinstance(as_of, date) else "(none loaded)"
    )
    return run_query(
        con, "derive", "voting_meetings", participant_basis=PARTICIPANT_BASIS, proxy_basis=proxy
    )


@dataclass
class _Written:
    """Rows of the bloc tables, written to the warehouse a meeting at a time.

    Every edge of every network is kept (the report draws them), millions at full-history
    scale: held as Python tuples until the end they cost gigabytes, so ``flush`` appends
    them (and the assignments) to their tables after each meeting, keeping only the firm
    whole-meeting memberships that bloc switches are computed from.
    """

    firm_strength: float
    assignments: list[tuple] = field(default_factory=list)
    networks: list[tuple] = field(default_factory=list)
    edges: list[tuple] = field(default_factory=list)
    firm: dict[str, dict[str, int]] = field(default_factory=dict)  # meeting → group → bloc

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        for _, meeting, item, bloc, group, strength, _, _ in self.assignments:
            if item is None and strength >= self.firm_strength:
                self.firm.setdefault(meeting, {})[group] = bloc
        frame = pl.DataFrame(self.assignments, _ASSIGNMENT_SCHEMA, orient="row")
        append(con, "bloc_assignments", frame)
        append(con, "bloc_edges", pl.DataFrame(self.edges, _EDGE_SCHEMA, orient="row"))
        self.assignments.clear()
        self.edges.clear()


def _network(
    docs: pl.DataFrame, settings: BlocSettings
) -> tuple[nx.Graph, dict[str, int], int] | None:
    signers = docs.group_by("document").agg(pl.col("org_group").unique())
    groups = [sorted(g) for g in signers["org_group"].to_list()]
    multi = sum(len(g) >= 2 for g in groups)
    if multi == 0:
        return None
    appearances = docs.group_by("org_group").agg(pl.col("document").n_unique())
    graph = cosignature_graph(groups)
    if settings.backbone_alpha is not None:
        graph = disparity_backbone(graph, settings.backbone_alpha)
    counts = dict(appearances.iter_rows())
    return graph, counts, multi


def _detect(
    written: _Written,
    meeting: str,
    agenda_item: str | None,
    docs: pl.DataFrame,
    settings: BlocSettings,
    run_id: str,
) -> dict[str, int]:
    built = _network(docs, settings)
    if built is None:
        return {}
    graph, counts, multi = built
    blocs = detect_blocs(graph, settings.resolution, settings.seed)
    for group, bloc in blocs.membership.items():
        written.assignments.append(
            ("3gpp", meeting, agenda_item, bloc, group, blocs.strength[group], counts.get(group, 0),
             run_id)
        )  # fmt: skip
    for bloc, cohesion in blocs.cohesion.items():
        written.networks.append(
            ("3gpp", meeting, agenda_item, bloc, cohesion, blocs.modularity, multi,
             graph.number_of_edges(), run_id)
        )  # fmt: skip
    for a, b, data in graph.edges(data=True):
        written.edges.append(
            ("3gpp", meeting, agenda_item, a, b, data["weight"], data["documents"], run_id)
        )
    return blocs.membership


_ASSIGNMENT_SCHEMA = {
    "body": pl.String(),
    "meeting": pl.String(),
    "agenda_item": pl.String(),
    "bloc": pl.Int32(),
    "org_group": pl.String(),
    "strength": pl.Float64(),
    "documents": pl.Int32(),
    "run_id": pl.String(),
}
_NETWORK_SCHEMA = {
    "body": pl.String(),
    "meeting": pl.String(),
    "agenda_item": pl.String(),
    "bloc": pl.Int32(),
    "cohesion": pl.Float64(),
    "modularity": pl.Float64(),
    "documents": pl.Int32(),
    "edges": pl.Int32(),
    "run_id": pl.String(),
}
_EDGE_SCHEMA = {
    "body": pl.String(),
    "meeting": pl.String(),
    "agenda_item": pl.String(),
    "source": pl.String(),
    "target": pl.String(),
    "weight": pl.Float64(),
    "documents": pl.Int32(),
    "run_id": pl.String(),
}
_CHANGE_SCHEMA = {
    "body": pl.String(),
    "meeting": pl.String(),
    "previous_meeting": pl.String(),
    "org_group": pl.String(),
    "jaccard": pl.Float64(),
    "switched": pl.Boolean(),
    "run_id": pl.String(),
}


@dataclass(frozen=True)
class BlocSummary:
    run_id: str
    meetings: int
    networks: int
    rights: int


def build_blocs(
    con: duckdb.DuckDBPyConnection, settings: BlocSettings | None = None
) -> BlocSummary:
    """Recompute voting rights, co-signature blocs and bloc changes for every 3GPP meeting."""
    settings = settings or BlocSettings()
    run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-blocs-{uuid4().hex[:8]}"
    meetings = _meetings(con)
    rights = voting_rights(meetings, run_query(con, "derive", "voting_presence"), settings.voting)
    replace_all(con, "threegpp_voting_rights", rights.cast(dict(RIGHTS_SCHEMA)))  # type: ignore[arg-type]

    written = _Written(settings.firm_strength)
    con.execute("DELETE FROM bloc_assignments")
    con.execute("DELETE FROM bloc_edges")
    cosignatures = run_query(con, "derive", "cosignature_documents")
    whole: dict[str, dict[str, int]] = {}
    # agenda items with enough co-signed documents for a network of their own, found in one
    # pass: filtering each meeting's items one by one cost more than detecting their blocs
    items = (
        cosignatures.drop_nulls("agenda_item")
        .group_by("meeting", "agenda_item", "document")
        .len()
        .filter(pl.col("len") >= 2)
        .group_by("meeting", "agenda_item")
        .len()
        .filter(pl.col("len") >= settings.min_documents)
    )
    with_items: dict[str, list[str]] = {}
    for meeting, item in (
        items.sort("meeting", "agenda_item").select("meeting", "agenda_item").rows()
    ):
        with_items.setdefault(meeting, []).append(item)
    for (meeting,), docs in cosignatures.group_by("meeting", maintain_order=True):
        whole[str(meeting)] = _detect(written, str(meeting), None, docs, settings, run_id)
        wanted = with_items.get(str(meeting), [])
        by_item = (
            docs.filter(pl.col("agenda_item").is_in(wanted)).partition_by(
                "agenda_item", as_dict=True
            )
            if wanted
            else {}
        )
        for item in wanted:
            _detect(written, str(meeting), item, by_item[(item,)], settings, run_id)
        written.flush(con)

    changes = []
    order = meetings.sort("meeting_date").select("group_code", "meeting").rows()
    previous: dict[str, str] = {}
    firm = written.firm
    for group_code, meeting in order:
        if meeting not in whole or not whole[meeting]:
            continue
        before = previous.get(group_code)
        if before is not None:
            then, now = firm.get(before, {}), firm.get(meeting, {})
            for switch in bloc_switches(then, now, settings.switch_threshold):
                changes.append(
                    ("3gpp", meeting, before, switch.node, switch.jaccard, switch.switched, run_id)
                )
        previous[group_code] = meeting

    replace_all(con, "bloc_networks", pl.DataFrame(written.networks, _NETWORK_SCHEMA, orient="row"))
    replace_all(con, "bloc_changes", pl.DataFrame(changes, _CHANGE_SCHEMA, orient="row"))
    voting = asdict(settings.voting)
    run = {
        "run_id": run_id,
        "computed_at": datetime.now(UTC),
        "attendance_window": voting["window"],
        "attendance_needed": voting["needed"],
        "e_meetings_count_from": voting["e_meetings_count_from"],
        "cap_from": voting["cap_from"],
        "cap_per_group": voting["cap_per_group"],
        "cap_per_group_partner": voting["cap_per_group_partner"],
        "weighting": settings.weighting,
        "backbone_alpha": settings.backbone_alpha,
        "resolution": settings.resolution,
        "seed": settings.seed,
        "min_documents": settings.min_documents,
        "switch_threshold": settings.switch_threshold,
        "firm_strength": settings.firm_strength,
        "networkx_version": nx.__version__,
    }
    runs = pl.DataFrame(
        [run],
        schema={
            "run_id": pl.String(),
            "computed_at": pl.Datetime("us", "UTC"),
            "attendance_window": pl.Int32(),
            "attendance_needed": pl.Int32(),
            "e_meetings_count_from": pl.Date(),
            "cap_from": pl.Date(),
            "cap_per_group": pl.Int32(),
            "cap_per_group_partner": pl.Int32(),
            "weighting": pl.String(),
            "backbone_alpha": pl.Float64(),
            "resolution": pl.Float64(),
            "seed": pl.Int64(),
            "min_documents": pl.Int32(),
            "switch_threshold": pl.Float64(),
            "firm_strength": pl.Float64(),
            "networkx_version": pl.String(),
        },
    )
    replace_all(con, "bloc_runs", runs)
    networks = len({(a[1], a[2]) for a in written.networks})
    return BlocSummary(run_id, len(whole), networks, rights.height)
