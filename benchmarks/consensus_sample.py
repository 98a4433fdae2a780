"""What the bloc consensus costs on a sample of the generated 3GPP history, and how many
of its runs a stricter stop would save.

The last ``--meetings`` RAN1 meetings of the generated history at ``--scale`` give one
whole-meeting network each and one network per agenda item with at least 5 documents (as
the bloc rebuild does, but on raw party names: no resolution). For each network it times
``consensus_blocs`` on one core and counts its runs; with ``--stop-check`` it also asks,
batch by batch over the same 100 seeded runs, when the consensus partition stopped
changing and no member's stability moved by 0.02 (every ``--every``-th network).

    uv run python benchmarks/consensus_sample.py --scale 10 [--stop-check] [--every 6]

Not a test: prints a table, figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_threegpp import threegpp_parts

from warehouse.blocs.consensus import (
    _canonical,
    _medoid,
    _number_blocs,
    _same,
    _stability,
    consensus_blocs,
)
from warehouse.blocs.detection import Leiden
from warehouse.blocs.network import Network, cosignature_network


def sample_networks(scale: float, meetings: int) -> list[tuple[str, Network]]:
    part = next(batch for code, batch in threegpp_parts(scale) if code == "R1")
    cosigners, tdocs = pl.concat(part.cosigners), pl.concat(part.tdocs)
    last = tdocs.select("meeting").unique(maintain_order=True)["meeting"].to_list()[-meetings:]
    rows = cosigners.join(tdocs.select("meeting", "tdoc", "agenda_item"), on=["meeting", "tdoc"])
    rows = rows.filter(pl.col("meeting").is_in(last))
    networks = []
    for _, meeting in rows.group_by("meeting", maintain_order=True):
        documents = meeting.group_by("tdoc", maintain_order=True).agg("party")
        networks.append(("whole meeting", cosignature_network(documents["party"].to_list())))
        for _, item in meeting.group_by("agenda_item", maintain_order=True):
            documents = item.group_by("tdoc", maintain_order=True).agg("party")
            if documents.height >= 5:
                networks.append(("agenda item", cosignature_network(documents["party"])))
    return networks


def stop_batch(network: Network, tolerance: float = 0.02) -> int | None:
    """The batch (runs done) at which the consensus partition stood still and no member's
    stability moved by ``tolerance``; None when that never happened within 100 runs."""
    attached = network.degree() > 0
    memberships = Leiden(network).runs(range(86, 186))
    previous = None
    for done in range(10, 101, 10):
        runs = memberships[:done]
        together = _same(runs).sum(axis=0)
        partitions, first, weights = np.unique(
            _canonical(runs), axis=0, return_index=True, return_counts=True
        )
        bloc = _number_blocs(partitions[_medoid(partitions, first, weights, together, attached)],
                             attached)  # fmt: skip
        stability = np.nan_to_num(_stability(together, done, bloc, int(bloc.max()))[0])
        if previous is not None and done >= 20:
            still = np.array_equal(previous[0], bloc)
            if still and np.max(np.abs(stability - previous[1])) < tolerance:
                return done
        previous = (bloc, stability)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--meetings", type=int, default=6)
    parser.add_argument("--stop-check", action="store_true")
    parser.add_argument("--every", type=int, default=6)
    args = parser.parse_args()
    networks = sample_networks(args.scale, args.meetings)
    by_kind: dict[str, list[tuple[int, int, float]]] = {}
    for kind, network in networks:
        started = time.perf_counter()
        result = consensus_blocs(network)
        seconds = time.perf_counter() - started
        by_kind.setdefault(kind, []).append((network.size, result.runs, seconds))
    print("| networks | nodes (mean) | runs (mean) | time per network |")
    print("|---|---:|---:|---:|")
    for kind, rows in by_kind.items():
        nodes, runs, seconds = (np.mean([r[i] for r in rows]) for i in range(3))
        print(f"| {len(rows)} {kind} | {nodes:,.0f} | {runs:.0f} | {1000 * seconds:,.0f} ms |")
    if args.stop_check:
        for kind in by_kind:
            chosen = [n for k, n in networks if k == kind][:: args.every]
            stops = [stop_batch(n) for n in chosen]
            mean = np.mean([s or 100 for s in stops])
            never = sum(s is None for s in stops)
            print(f"stricter stop, {kind}: {len(stops)} networks, mean {mean:.1f} runs, "
                  f"{never} never stopped before 100")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
