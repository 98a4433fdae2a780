"""What the bloc model predicts for a recorded election, beside the real ballot.

Chair and vice-chair elections are the only votes 3GPP records, so they are the test a
bloc model can fail. For each contested election (two or more candidates on its last
ballot) at meeting M of a group:

1. **Camps before the vote.** One co-signature network from all documents of the
   ``window`` meetings of the group before M (the record the electorate had built up),
   and its consensus blocs, with the same parameters as the stored blocs.
2. **Each candidate's camp.** The consensus bloc of the corporate group the candidate
   stood for. Two finalists in one camp: the model cannot tell them apart, and says so.
3. **The camps' votes.** Each corporate group's votes at M (``votes_by_group``: eligible,
   present, after the caps; from participant lists or the labelled proxy), summed over
   the settled members of each finalist's camp and the finalist's own group.
4. **Prediction.** A finalist's predicted share is its camp's votes over the finalists'
   camps' votes together; beside it, the share it really got of the finalists' votes.

This assumes every member votes with its co-signing camp and that camps outside the
finalists' split evenly (so they drop out of the shares). Neither is known to hold: the
comparison is the point. Reads the warehouse; writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import polars as pl

from warehouse.blocs.consensus import ConsensusSettings, consensus_blocs
from warehouse.blocs.network import cosignature_network
from warehouse.store.queries import run_query

PREDICTION_SCHEMA = {
    "meeting": pl.String,
    "position": pl.String,
    "ballot": pl.Int32,
    "candidate": pl.String,
    "org_group": pl.String,
    "camp": pl.String,  # the candidate's consensus bloc in the window network
    "camp_groups": pl.Int32,  # settled corporate groups in that camp
    "camp_votes": pl.Int64,  # their votes at the electing meeting
    "predicted_share": pl.Float64,  # of the finalists' camps' votes
    "votes": pl.Int32,  # what the candidate got
    "actual_share": pl.Float64,  # of the finalists' votes
    "electorate_votes": pl.Int64,  # all votes at the electing meeting (the model's basis)
    "window": pl.String,  # the meetings the camps come from
    "basis": pl.String,  # how presence at the electing meeting is known
}


@dataclass(frozen=True)
class ElectionCheck:
    window: int = 3  # meetings before the election whose co-signatures form the camps
    settled_stability: float = 0.8


def predict_elections(
    con: duckdb.DuckDBPyConnection,
    check: ElectionCheck | None = None,
    consensus: ConsensusSettings | None = None,
) -> pl.DataFrame:
    """One row per finalist of every contested election with its camp's prediction."""
    check = check or ElectionCheck()
    consensus = consensus or ConsensusSettings()
    finals = run_query(con, "blocs", "contested_elections")
    rows: list[dict[str, object]] = []
    for (meeting, position, ballot), finalists in finals.group_by(
        "meeting", "position", "ballot", maintain_order=True
    ):
        before = run_query(con, "blocs", "meetings_before", meeting=meeting, window=check.window)
        window = before["meeting"].to_list()
        docs = run_query(con, "blocs", "window_cosignatures", meetings=window)
        lists = docs.group_by("document", maintain_order=True).agg(pl.col("org_group").sort())
        network = cosignature_network(lists["org_group"].to_list())
        blocs = consensus_blocs(network, consensus) if network.edges else None
        votes = dict(run_query(con, "blocs", "group_votes", meeting=meeting).iter_rows())
        basis = run_query(con, "blocs", "presence_basis", meeting=meeting)["basis"][0]
        camp_of: dict[str, int] = {}
        settled: dict[int, list[str]] = {}
        if blocs is not None:
            for node, bloc, stability in zip(
                network.nodes, blocs.bloc.tolist(), blocs.stability.tolist(), strict=True
            ):
                camp_of[node] = bloc
                if bloc > 0 and not np.isnan(stability) and stability >= check.settled_stability:
                    settled.setdefault(bloc, []).append(node)
        camps = {
            r["candidate"]: camp_of.get(r["org_group"] or "", 0)
            for r in finalists.iter_rows(named=True)
        }
        own = {r["org_group"] for r in finalists.iter_rows(named=True)}
        camp_votes = {
            camp: sum(votes.get(g, 0) for g in set(settled.get(camp, [])) | {
                g for g in own if camp_of.get(g) == camp})
            for camp in set(camps.values())
        }  # fmt: skip
        distinct = {c for c in camps.values() if c > 0}
        pool = sum(camp_votes[c] for c in distinct) if len(distinct) == len(camps) else 0
        got = sum(int(v or 0) for v in finalists["votes"])
        for r in finalists.iter_rows(named=True):
            camp = camps[r["candidate"]]
            members = set(settled.get(camp, [])) | {g for g in own if camp_of.get(g) == camp}
            rows.append(
                {
                    "meeting": meeting, "position": position, "ballot": ballot,
                    "candidate": r["candidate"], "org_group": r["org_group"],
                    "camp": _camp_name(camp, list(camps.values())),
                    "camp_groups": len(members) if camp > 0 else None,
                    "camp_votes": camp_votes.get(camp) if camp > 0 else None,
                    "predicted_share": camp_votes[camp] / pool if pool and camp > 0 else None,
                    "votes": r["votes"],
                    "actual_share": (r["votes"] or 0) / got if got else None,
                    "electorate_votes": sum(votes.values()),
                    "window": ", ".join(window), "basis": basis,
                }
            )  # fmt: skip
    return pl.DataFrame(rows, schema=PREDICTION_SCHEMA, orient="row")


def _camp_name(camp: int, all_camps: list[int]) -> str:
    if camp == 0:
        return "no camp (no co-signature tie in the window)"
    if all_camps.count(camp) > 1:
        return f"C{camp} (shared by finalists)"
    return f"C{camp}"
