"""How much a network's headline blocs depend on the two choices an analyst could argue
with: the modularity resolution (higher: more, smaller blocs) and the backbone filter
(dropping the ties a group's size alone explains).

For each point of a small grid the consensus is recomputed with that resolution and
backbone and compared with the headline (the stored parameters): the adjusted Rand index
of the two consensus partitions (unattached groups count as blocs of one), and the pairs of
groups the headline puts together that the grid point separates, and the reverse.

Pure over a network; ``network_for`` reads the one asked for from the warehouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import duckdb
import numpy as np
import polars as pl

from warehouse.blocs.agreement import adjusted_rand_index
from warehouse.blocs.build import cosignature_networks
from warehouse.blocs.consensus import Consensus, ConsensusSettings, consensus_blocs
from warehouse.blocs.network import Network

RESOLUTIONS = (0.5, 0.75, 1.0, 1.25, 1.5)
BACKBONES: tuple[float | None, ...] = (None, 0.3, 0.1, 0.05)

SENSITIVITY_SCHEMA = {
    "resolution": pl.Float64,
    "backbone_alpha": pl.Float64,
    "headline": pl.Boolean,
    "blocs": pl.Int32,
    "largest_bloc": pl.Int32,  # groups in the largest bloc
    "unattached": pl.Int32,
    "undecided": pl.Int32,  # stability below the settled level
    "adjusted_rand": pl.Float64,  # against the headline partition
    "pairs_split": pl.Int32,  # together in the headline, apart here
    "pairs_joined": pl.Int32,  # apart in the headline, together here
    "edges": pl.Int32,  # ties left after the backbone filter
    "runs": pl.Int32,
}


def _labels(result: Consensus) -> dict[str, object]:
    return {
        node: (int(bloc) if bloc > 0 else f"unattached {node}")
        for node, bloc in zip(result.network.nodes, result.bloc.tolist(), strict=True)
    }


def sensitivity(
    network: Network,
    headline: ConsensusSettings,
    settled: float = 0.8,
    resolutions: Sequence[float] = RESOLUTIONS,
    backbones: Sequence[float | None] = BACKBONES,
) -> pl.DataFrame:
    """One row per grid point (the headline's own parameters included and marked)."""
    base = consensus_blocs(network, headline)
    base_labels = _labels(base)
    same_base = base.bloc[:, None] == base.bloc[None, :]
    upper = np.triu(np.ones_like(same_base, dtype=bool), k=1) & (base.bloc[:, None] > 0)
    points = sorted({(r, a) for r in resolutions for a in backbones}
                    | {(headline.resolution, headline.backbone_alpha)},
                    key=lambda p: (p[1] is not None, p[1] or 0.0, p[0]))  # fmt: skip
    rows = []
    for resolution, alpha in points:
        is_headline = (resolution, alpha) == (headline.resolution, headline.backbone_alpha)
        found = (
            base
            if is_headline
            else consensus_blocs(
                network, replace(headline, resolution=resolution, backbone_alpha=alpha)
            )
        )
        same = (found.bloc[:, None] == found.bloc[None, :]) & (found.bloc[:, None] > 0)
        placed = found.bloc[found.bloc > 0]
        stable = found.stability[~np.isnan(found.stability)]
        rows.append(
            {
                "resolution": resolution, "backbone_alpha": alpha, "headline": is_headline,
                "blocs": found.blocs,
                "largest_bloc": int(np.bincount(placed).max()) if len(placed) else 0,
                "unattached": int((found.bloc == 0).sum()),
                "undecided": int((stable < settled).sum()),
                "adjusted_rand": adjusted_rand_index(base_labels, _labels(found)),
                "pairs_split": int((upper & same_base & ~same).sum()),
                "pairs_joined": int((np.triu(same, k=1) & ~same_base).sum()),
                "edges": found.network.edges, "runs": found.runs,
            }
        )  # fmt: skip
    return pl.DataFrame(rows, schema=SENSITIVITY_SCHEMA, orient="row")


def network_for(
    con: duckdb.DuckDBPyConnection, meeting: str, agenda_item: str | None, min_documents: int
) -> Network:
    """The stored network of one meeting or agenda item, rebuilt from the records."""
    networks = cosignature_networks(con, min_documents)
    key = (meeting, agenda_item)
    if key not in networks:
        items = sorted(i for m, i in networks if m == meeting and i is not None)
        where = f" agenda item {agenda_item}" if agenda_item else ""
        hint = f"; agenda items with a network: {', '.join(items[:12])}" if items else ""
        raise ValueError(f"no co-signature network for {meeting}{where}{hint}")
    return networks[key]
