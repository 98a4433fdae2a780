"""Community detection: Leiden runs on a co-signature network, one per seed.

igraph's C implementation of the Leiden algorithm (Traag, Waltman & van Eck 2019,
Sci. Rep. 9:5233) maximises modularity, whose degree-corrected null model expects big
co-signers to co-sign with everyone: a tie only counts as bloc-forming beyond what the two
groups' sizes explain. It replaced networkx's pure-Python Louvain, which was ~25 times slower
per run on these networks (docs/blocs.md) and gave different blocs for the same records
whenever they were handed over in another order.

Each run is fixed by its seed: igraph draws its random numbers from a Python
``random.Random`` seeded before the run, and the network arrives in canonical order, so a
seed gives the same partition every time, on any machine with the same igraph.

Pure (no database).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from warehouse.blocs.network import Network


def _import_igraph() -> Any:
    """igraph without its drawing: with matplotlib installed, ``import igraph`` imports
    matplotlib.pyplot (0.5 s, 2.4 s without bytecode) for plotting this module never does.
    Hiding matplotlib for that one import leaves igraph's drawing as a stub; the report's
    own use of matplotlib is unaffected."""
    if "igraph" in sys.modules or "matplotlib.pyplot" in sys.modules:
        import igraph

        return igraph
    hidden = "matplotlib" not in sys.modules
    if hidden:
        sys.modules["matplotlib"] = None  # type: ignore[assignment,unused-ignore]
    try:
        import igraph
    finally:
        if hidden:
            del sys.modules["matplotlib"]
    return igraph


igraph = _import_igraph()

IGRAPH_VERSION = igraph.__version__


# Leiden sees each edge weight rounded to a multiple of 2**-20 (at most 5e-7 off a
# weight of 1/(k-1)): sums of such numbers are exact in floating point. On the raw weights
# the rounding of sums like 1/14 + 1/13 let igraph's Leiden move nodes back and forth for
# ever: 6 of 100 seeds never returned on one network of the generated 3GPP history
# (benchmarks/leiden_hang.py), 0 of 100 on the grid.
WEIGHT_GRID = 2.0**20


class Leiden:
    """Leiden runs on one network: the igraph graph is built once for all its seeds."""

    def __init__(self, network: Network, resolution: float = 1.0, iterations: int = 2) -> None:
        self.size = network.size
        self.graph = _graph(network)
        gridded = replace(network, weight=np.round(network.weight * WEIGHT_GRID) / WEIGHT_GRID)
        self.weights = gridded.weight.tolist()
        self.strength = gridded.strength().tolist()
        self.resolution = resolution
        # igraph's default is 2 passes; a negative number ("until stable") was seen to
        # never return on one real RAN1 network.
        self.iterations = iterations

    def runs(self, seeds: Sequence[int]) -> np.ndarray:
        """One membership row per seed (runs by nodes); community numbers are arbitrary."""
        rng = random.Random()
        igraph.set_random_number_generator(rng)
        out = np.empty((len(seeds), self.size), dtype=np.int64)
        try:
            for row, seed in enumerate(seeds):
                rng.seed(seed)
                membership, _quality = igraph.GraphBase.community_leiden(
                    self.graph,
                    edge_weights=self.weights,
                    node_weights=self.strength,
                    node_in_weights=None,
                    resolution=self.resolution,
                    normalize_resolution=True,  # with strengths as node weights: modularity
                    beta=0.01,
                    initial_membership=None,
                    n_iterations=self.iterations,
                )
                out[row] = membership
        finally:
            igraph.set_random_number_generator(random)  # igraph's default: the random module
        return out


def leiden_runs(
    network: Network, seeds: Sequence[int], resolution: float = 1.0, iterations: int = 2
) -> np.ndarray:
    """One membership row per seed (runs by nodes); community numbers are arbitrary."""
    return Leiden(network, resolution, iterations).runs(seeds)


def _graph(network: Network) -> Any:
    edges = list(zip(network.source.tolist(), network.target.tolist(), strict=True))
    return igraph.Graph(n=network.size, edges=edges)


def modularity(network: Network, membership: Sequence[int], resolution: float = 1.0) -> float:
    """Newman's weighted modularity of a partition of the network."""
    if network.edges == 0:
        return 0.0
    return float(
        _graph(network).modularity(
            list(membership), weights=network.weight.tolist(), resolution=resolution
        )
    )
