"""Consensus blocs against planted blocs, and the cost of a run by implementation.

    uv run python benchmarks/blocs_validation.py [--seeds 5]
    uv run --with networkx python benchmarks/blocs_validation.py --compare-networkx

Co-signature records are generated with known blocs (warehouse/blocs/planted.py: four
blocs of 14, 12, 10 and 8 companies, Pareto activity, 1-60 co-signers per document, 1,500
documents; ``mixing`` is the chance a co-signer comes from anywhere instead of the lead's
bloc). For each record set the consensus (warehouse/blocs/consensus.py, default
parameters) is scored against the truth: the adjusted Rand index of the consensus
partition (1 = the planted partition exactly), the share of company pairs whose share of
runs together is within 0.1 of the truth (1 in one planted bloc, 0 otherwise), and the
share of companies settled (stability at least 0.8). Prints Markdown.
"""

from __future__ import annotations

import argparse
import time
from statistics import mean

import numpy as np

from warehouse.blocs.agreement import adjusted_rand_index, pairs_within
from warehouse.blocs.consensus import ConsensusSettings, consensus_blocs
from warehouse.blocs.detection import leiden_runs
from warehouse.blocs.network import cosignature_network
from warehouse.blocs.planted import planted_cosignatures

MIXING = (0.1, 0.2, 0.3, 0.4, 0.5)
ALPHAS: tuple[float | None, ...] = (None, 0.1, 0.3)


def validation(seeds: int) -> None:
    print("| mixing | backbone | adjusted Rand | pairs within 0.1 | settled | runs |")
    print("|---:|---|---:|---:|---:|---:|")
    for mixing in MIXING:
        for alpha in ALPHAS:
            ari, pairs, settled, runs = [], [], [], []
            for seed in range(1, seeds + 1):
                planted = planted_cosignatures(mixing=mixing, seed=seed)
                found = consensus_blocs(
                    cosignature_network(planted.documents), ConsensusSettings(backbone_alpha=alpha)
                )
                ari.append(adjusted_rand_index(planted.truth, found.membership()))
                pairs.append(pairs_within(found.network.nodes, found.together_share(),
                                          planted.truth))  # fmt: skip
                stable = found.stability[~np.isnan(found.stability)]
                settled.append(float((stable >= 0.8).mean()) if len(stable) else 0.0)
                runs.append(found.runs)
            level = "none" if alpha is None else f"alpha {alpha}"
            print(f"| {mixing} | {level} | {mean(ari):.3f} | {mean(pairs):.3f} | "
                  f"{mean(settled):.3f} | {mean(runs):.0f} |")  # fmt: skip


def compare_networkx(repeat: int = 20) -> None:
    """Per-run cost of igraph's Leiden and networkx's Louvain on the same planted networks."""
    import networkx as nx  # optional: not a project dependency
    from networkx.algorithms.community import louvain_communities

    networks = [cosignature_network(planted_cosignatures(mixing=m, seed=1).documents)
                for m in MIXING]  # fmt: skip
    started = time.perf_counter()
    for network in networks:
        leiden_runs(network, range(repeat))
    leiden = (time.perf_counter() - started) / (repeat * len(networks))
    graphs = []
    for network in networks:
        graph = nx.Graph()
        graph.add_nodes_from(network.nodes)
        graph.add_weighted_edges_from(
            (network.nodes[s], network.nodes[t], w)
            for s, t, w in zip(network.source, network.target, network.weight, strict=True)
        )
        graphs.append(graph)
    started = time.perf_counter()
    for graph in graphs:
        for seed in range(repeat):
            louvain_communities(graph, weight="weight", seed=seed)
    louvain = (time.perf_counter() - started) / (repeat * len(graphs))
    print(
        f"\nper run: igraph Leiden {leiden * 1e6:.0f} µs, networkx Louvain {louvain * 1e6:.0f} µs "
        f"({louvain / leiden:.0f} times slower) on {len(networks)} planted networks of 44 companies"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="record sets per cell")
    parser.add_argument(
        "--compare-networkx",
        action="store_true",
        help="also time networkx's Louvain (needs networkx installed)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    validation(args.seeds)
    print(f"\nMeans over {args.seeds} record sets per row ({time.perf_counter() - started:.1f} s).")
    if args.compare_networkx:
        compare_networkx()


if __name__ == "__main__":
    main()
