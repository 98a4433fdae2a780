"""Co-signature networks in canonical form: who co-signs with whom, and how much.

Nodes are corporate groups, sorted by name; an edge joins two groups that co-signed a
document, and carries Newman's collaboration weight: a document with *k* co-signers gives
each pair 1/(k-1), so every co-signer spends one unit per document however many sign it
(a 55-company way forward does not weld a meeting into one bloc). Edges are kept sorted
by (source, target) with source < target.

Canonical form is what makes a bloc reproducible: the same records give the same arrays,
byte for byte, whatever order they were loaded in, so community detection (which depends
on the order it is handed nodes and edges) sees the same input every time, and the
``fingerprint`` of a network tells whether its records changed since the last rebuild.
The weights a warehouse rebuild uses are summed exactly in SQL (decimals); here,
``cosignature_network`` sums them as fractions. Either way the sum does not depend on
order.

``disparity_backbone`` keeps an edge only when it is heavier than a node's strength spread
at random over its edges would make it (Serrano, Boguñá & Vespignani 2009, PNAS 106:6483):
p = w/s, a = (1 - p)^(k-1), kept if a < ``alpha`` at either end. A node with a single edge
keeps it (the filter's usual convention).

Pure functions (numpy and polars; no database).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import polars as pl

NetworkKey = tuple[str, str | None]  # (meeting, agenda item; None = the whole meeting)


@dataclass(frozen=True, eq=False)
class Network:
    nodes: tuple[str, ...]  # sorted, distinct
    documents: np.ndarray  # per node: documents it co-signed (int64)
    source: np.ndarray  # per edge: index of the first node (int64), source < target
    target: np.ndarray
    weight: np.ndarray  # Newman weight (float64)
    edge_documents: np.ndarray  # documents the two co-signed (int64)
    cosigned: int  # documents with two or more co-signing groups

    @property
    def size(self) -> int:
        return len(self.nodes)

    @property
    def edges(self) -> int:
        return len(self.source)

    def strength(self) -> np.ndarray:
        """Each node's total edge weight (summed in canonical edge order)."""
        return np.bincount(self.source, self.weight, self.size) + np.bincount(
            self.target, self.weight, self.size
        )

    def degree(self) -> np.ndarray:
        return np.bincount(self.source, minlength=self.size) + np.bincount(
            self.target, minlength=self.size
        )

    def fingerprint(self) -> str:
        """sha256 of the canonical content: equal exactly when the networks are equal."""
        digest = hashlib.sha256()
        digest.update("\x1f".join(self.nodes).encode())
        for array in (self.documents, self.source, self.target, self.weight, self.edge_documents):
            digest.update(b"\x1e" + np.ascontiguousarray(array).tobytes())
        digest.update(str(self.cosigned).encode())
        return digest.hexdigest()

    def with_edges(self, keep: np.ndarray) -> Network:
        return Network(
            self.nodes,
            self.documents,
            self.source[keep],
            self.target[keep],
            self.weight[keep],
            self.edge_documents[keep],
            self.cosigned,
        )


def _network(
    nodes: Sequence[str],
    documents: Sequence[int],
    edges: Sequence[tuple[int, int, float, int]],
    cosigned: int,
) -> Network:
    edge_array = sorted(edges)
    return Network(
        tuple(nodes),
        np.asarray(documents, dtype=np.int64),
        np.asarray([e[0] for e in edge_array], dtype=np.int64),
        np.asarray([e[1] for e in edge_array], dtype=np.int64),
        np.asarray([e[2] for e in edge_array], dtype=np.float64),
        np.asarray([e[3] for e in edge_array], dtype=np.int64),
        cosigned,
    )


def cosignature_network(documents: Iterable[Sequence[str]]) -> Network:
    """The network of a list of documents, each given as its co-signing groups.

    A group named twice on one document is one co-signer; a document with one group adds
    the node (its documents count) but no edge.
    """
    signer_sets = [sorted(set(signers)) for signers in documents]
    names = sorted({name for signers in signer_sets for name in signers})
    index = {name: i for i, name in enumerate(names)}
    appearances = [0] * len(names)
    weights: dict[tuple[int, int], Fraction] = {}
    together: dict[tuple[int, int], int] = {}
    cosigned = 0
    for signers in signer_sets:
        for name in signers:
            appearances[index[name]] += 1
        if len(signers) < 2:
            continue
        cosigned += 1
        share = Fraction(1, len(signers) - 1)
        for a, b in itertools.combinations(signers, 2):
            pair = (index[a], index[b])
            weights[pair] = weights.get(pair, Fraction(0)) + share
            together[pair] = together.get(pair, 0) + 1
    edges = [(a, b, float(w), together[(a, b)]) for (a, b), w in weights.items()]
    return _network(names, appearances, edges, cosigned)


def networks_from_frames(
    nodes: pl.DataFrame, edges: pl.DataFrame, cosigned: pl.DataFrame
) -> dict[NetworkKey, Network]:
    """Networks from the warehouse's rows, keyed by (meeting, agenda_item).

    ``nodes``: meeting, agenda_item, org_group, documents; ``edges``: meeting, agenda_item,
    source, target, weight, documents (source < target); ``cosigned``: meeting,
    agenda_item, documents (those with two or more co-signers). A network with no edge is
    left out: nothing in it could form a bloc.
    """
    keys = ["meeting", "agenda_item"]
    nodes = nodes.sort([*keys, "org_group"], nulls_last=False).with_row_index("row")
    edges = edges.sort([*keys, "source", "target"], nulls_last=False)
    if nodes.select([*keys, "org_group"]).is_duplicated().any():
        raise ValueError("co-signature networks: a node is listed twice")
    # each network's first node row, and each edge's ends as rows of the node frame
    first = nodes.group_by(keys, maintain_order=True).agg(pl.col("row").min().alias("first"))
    ends = (
        edges.join(first, on=keys, how="left", nulls_equal=True)
        .join(nodes.select(*keys, pl.col("org_group").alias("source"),
                           pl.col("row").alias("source_row")),
              on=[*keys, "source"], how="left", nulls_equal=True)
        .join(nodes.select(*keys, pl.col("org_group").alias("target"),
                           pl.col("row").alias("target_row")),
              on=[*keys, "target"], how="left", nulls_equal=True)
    )  # fmt: skip
    unknown = ends.filter(pl.col("source_row").is_null() | pl.col("target_row").is_null())
    if unknown.height:
        raise ValueError(f"co-signature networks: edges to unknown nodes, e.g. {unknown.row(0)}")
    source = (ends["source_row"] - ends["first"]).to_numpy().astype(np.int64)
    target = (ends["target_row"] - ends["first"]).to_numpy().astype(np.int64)
    if np.any(source >= target):
        raise ValueError("co-signature networks: edges must run from lower to higher name")
    weight = ends["weight"].to_numpy().astype(np.float64)
    together = ends["documents"].to_numpy().astype(np.int64)
    names = nodes["org_group"].to_list()
    appearances = nodes["documents"].to_numpy().astype(np.int64)
    node_spans = _spans(nodes.select(keys))
    edge_spans = _spans(edges.select(keys))
    counts = {
        (str(m), None if i is None else str(i)): int(n)
        for m, i, n in cosigned.select("meeting", "agenda_item", "documents").iter_rows()
    }
    networks: dict[NetworkKey, Network] = {}
    for key, (start, stop) in edge_spans.items():
        low, high = node_spans[key]
        networks[key] = Network(
            tuple(names[low:high]),
            appearances[low:high],
            source[start:stop],
            target[start:stop],
            weight[start:stop],
            together[start:stop],
            counts.get(key, 0),
        )
    return networks


def _spans(keys: pl.DataFrame) -> dict[NetworkKey, tuple[int, int]]:
    """(start, stop) of each run of equal keys in a frame sorted by them."""
    runs = (
        keys.with_row_index("row")
        .group_by("meeting", "agenda_item", maintain_order=True)
        .agg(pl.col("row").min().alias("start"), pl.col("row").max().alias("stop"))
    )
    return {
        (str(m), None if i is None else str(i)): (int(a), int(b) + 1)
        for m, i, a, b in runs.iter_rows()
    }


def disparity_backbone(network: Network, alpha: float = 0.05) -> Network:
    """The edges significant at ``alpha`` for at least one of their two ends."""
    if network.edges == 0:
        return network
    strength, degree = network.strength(), network.degree()
    keep = np.zeros(network.edges, dtype=bool)
    for end in (network.source, network.target):
        k, s = degree[end], strength[end]
        with np.errstate(divide="ignore", invalid="ignore"):
            significance = np.where(s > 0, (1.0 - network.weight / s) ** (k - 1), 1.0)
        keep |= (k <= 1) | (significance < alpha)
    return network.with_edges(keep)
