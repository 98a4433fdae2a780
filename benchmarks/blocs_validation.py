"""Bloc detection against planted blocs: adjusted Rand index by mixing and backbone level.

    uv run python benchmarks/blocs_validation.py [--seeds 5]

Co-signature records are generated with known blocs (warehouse/planted_blocs.py: four
blocs of 14, 12, 10 and 8 companies, Pareto activity, 1-60 co-signers per document, 1,500
documents); each record set is weighted, optionally filtered to its disparity backbone,
split into Louvain communities (seed 86) and scored against the truth. Prints Markdown.
"""

from __future__ import annotations

import argparse
import time
from statistics import mean

from warehouse.blocs.network import (
    adjusted_rand_index,
    cosignature_graph,
    detect_blocs,
    disparity_backbone,
)
from warehouse.blocs.planted import planted_cosignatures

MIXING = (0.1, 0.2, 0.3, 0.4, 0.5)
ALPHAS: tuple[float | None, ...] = (None, 0.05, 0.1, 0.2, 0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="record sets per cell")
    args = parser.parse_args()
    started = time.perf_counter()
    header = " | ".join("no filter" if a is None else f"alpha {a}" for a in ALPHAS)
    print(f"| mixing | {header} |")
    print("|---:|" + "---:|" * len(ALPHAS))
    for mixing in MIXING:
        cells = []
        for alpha in ALPHAS:
            scores = []
            for seed in range(1, args.seeds + 1):
                planted = planted_cosignatures(mixing=mixing, seed=seed)
                graph = cosignature_graph(planted.documents)
                if alpha is not None:
                    graph = disparity_backbone(graph, alpha)
                found = detect_blocs(graph, seed=86)
                scores.append(adjusted_rand_index(planted.truth, found.membership))
            cells.append(f"{mean(scores):.3f}")
        print(f"| {mixing} | " + " | ".join(cells) + " |")
    print(
        f"\nMean adjusted Rand index over {args.seeds} record sets per cell "
        f"({time.perf_counter() - started:.1f} s)."
    )


if __name__ == "__main__":
    main()
