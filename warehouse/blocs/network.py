"""Voting blocs from behaviour: who co-signs with whom, reduced to its backbone, in communities.

Pure functions (no database):

1. ``cosignature_graph`` — a company-by-company network from documents and their co-signing
   corporate groups. A document with *k* co-signers gives each pair 1/(k-1) (Newman's
   collaboration weighting), so every co-signer spends one unit per document however many
   sign it: a 55-company way forward does not weld the whole meeting into one bloc.
2. ``disparity_backbone`` — keeps an edge only when it is heavier than a node's strength
   spread at random over its edges would make it (Serrano, Boguñá & Vespignani 2009,
   PNAS 106:6483): p = w/s, a = (1 - p)^(k-1), kept if a < ``alpha`` at either end.
   This is the statistical backbone: what remains is more than sheer size explains.
3. ``detect_blocs`` — Louvain communities (networkx, fixed seed) on the backbone, with each
   member's strength of belonging (the share of its backbone weight inside its bloc) and
   each bloc's cohesion (the share of its members' weight that stays inside).
4. ``adjusted_rand_index`` — agreement of two partitions, for validation against planted
   partitions; ``bloc_switches`` — which groups changed company between two meetings.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.community import louvain_communities


def cosignature_graph(documents: Iterable[Sequence[str]]) -> nx.Graph:
    """Nodes are co-signers (each document's distinct groups); edges carry weight and docs."""
    graph = nx.Graph()
    for signers in documents:
        members = sorted(set(signers))
        graph.add_nodes_from(members)
        if len(members) < 2:
            continue
        share = 1.0 / (len(members) - 1)
        for a, b in itertools.combinations(members, 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += share
                graph[a][b]["documents"] += 1
            else:
                graph.add_edge(a, b, weight=share, documents=1)
    return graph


def disparity_backbone(graph: nx.Graph, alpha: float = 0.05) -> nx.Graph:
    """The edges significant at ``alpha`` for at least one of their two ends.

    A node with a single edge keeps it: nothing tells its one tie apart from chance, and
    dropping it would orphan the node (the filter's usual convention).
    """
    backbone = nx.Graph()
    backbone.add_nodes_from(graph.nodes)
    strength = dict(graph.degree(weight="weight"))
    degree = dict(graph.degree())
    for a, b, data in graph.edges(data=True):
        w = data["weight"]
        keep = False
        for node in (a, b):
            k, s = degree[node], strength[node]
            if k <= 1 or (s > 0 and (1 - w / s) ** (k - 1) < alpha):
                keep = True
        if keep:
            backbone.add_edge(a, b, **data)
    return backbone


UNATTACHED = 0  # the bloc number of a node with no tie left in the backbone


@dataclass(frozen=True)
class Blocs:
    membership: dict[str, int]  # node → bloc (1 = most members; UNATTACHED: no backbone tie)
    strength: dict[str, float]  # node → share of its backbone weight inside its bloc
    cohesion: dict[int, float]  # bloc → share of its members' weight that stays inside
    modularity: float


def detect_blocs(graph: nx.Graph, resolution: float = 1.0, seed: int = 86) -> Blocs:
    """Louvain communities of a weighted graph, numbered by size (ties: alphabetical).

    A node with no edge (nothing tied it to anyone beyond chance) is in no bloc: it is
    reported as UNATTACHED rather than as a bloc of one.
    """
    if graph.number_of_nodes() == 0:
        return Blocs({}, {}, {}, 0.0)
    isolated = {n for n in graph.nodes if graph.degree(n) == 0}
    communities: list[set[str]] = []
    if graph.number_of_edges():
        found = louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
        communities = [c - isolated for c in found if c - isolated]
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    membership = {node: i for i, members in enumerate(ordered, start=1) for node in members}
    membership.update(dict.fromkeys(isolated, UNATTACHED))
    strength: dict[str, float] = {}
    inside: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for node in graph.nodes:
        bloc = membership[node]
        if bloc == UNATTACHED:
            strength[node] = 0.0
            continue
        own = sum(
            d["weight"] for _, other, d in graph.edges(node, data=True) if membership[other] == bloc
        )
        all_weight = sum(d["weight"] for _, _, d in graph.edges(node, data=True))
        strength[node] = own / all_weight if all_weight else 0.0
        inside[bloc] += own
        total[bloc] += all_weight
    cohesion = {b: inside[b] / total[b] if total[b] else 0.0 for b in range(1, len(ordered) + 1)}
    modularity = (
        nx.community.modularity(
            graph, [*ordered, *({n} for n in isolated)], weight="weight", resolution=resolution
        )
        if graph.number_of_edges()
        else 0.0
    )
    return Blocs(membership, strength, cohesion, modularity)


def adjusted_rand_index(truth: Mapping[str, object], found: Mapping[str, object]) -> float:
    """Hubert & Arabie's adjusted Rand index of two labellings of the same items (1 = same)."""
    items = sorted(set(truth) & set(found))
    n = len(items)
    if n < 2:
        return 1.0
    pairs = Counter((truth[i], found[i]) for i in items)
    rows = Counter(truth[i] for i in items)
    cols = Counter(found[i] for i in items)

    def comb2(x: int) -> float:
        return x * (x - 1) / 2

    index = sum(comb2(v) for v in pairs.values())
    row_sum = sum(comb2(v) for v in rows.values())
    col_sum = sum(comb2(v) for v in cols.values())
    expected = row_sum * col_sum / comb2(n)
    best = (row_sum + col_sum) / 2
    if math.isclose(best, expected):
        return 1.0
    return (index - expected) / (best - expected)


@dataclass(frozen=True)
class Switch:
    node: str
    jaccard: float  # of its bloc-mates now and before
    switched: bool


def bloc_switches(
    before: Mapping[str, int], after: Mapping[str, int], threshold: float = 0.5
) -> list[Switch]:
    """For every group in both meetings: how much its bloc-mates stayed the same.

    Bloc numbers are arbitrary from one meeting to the next, so groups are compared by
    company kept: the Jaccard index of the bloc-mates (present at both meetings) it had
    before and has now. Below ``threshold`` the group has switched bloc — that is news.
    A group unattached at either meeting is left out: it had no bloc to leave or join.
    """
    common = sorted(n for n in set(before) & set(after) if UNATTACHED not in (before[n], after[n]))
    mates_before: dict[int, set[str]] = defaultdict(set)
    mates_after: dict[int, set[str]] = defaultdict(set)
    for node in common:
        mates_before[before[node]].add(node)
        mates_after[after[node]].add(node)
    switches = []
    for node in common:
        old = mates_before[before[node]] - {node}
        new = mates_after[after[node]] - {node}
        union = old | new
        jaccard = len(old & new) / len(union) if union else 1.0
        switches.append(Switch(node, jaccard, jaccard < threshold))
    return switches
