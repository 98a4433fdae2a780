"""Consensus blocs: many Leiden runs, how often each pair sits together, and one partition.

Modularity has many near-optimal partitions and Leiden reaches a different one from each
seed, so one run's blocs are one draw. The field's answer is consensus clustering
(Lancichinetti & Fortunato 2012, Sci. Rep. 2:336): run the detection many times and report
what holds across the runs.

* **Runs.** Seeds ``seed, seed+1, …`` in batches of ``batch``; at least ``min_runs``, at
  most ``max_runs``. The runs stop early once a batch moves no pair's share of runs
  together by ``tolerance`` or more (``converged``); a network whose every run agrees
  stops at ``min_runs``.
* **Co-membership.** ``together[i, j]``: the number of runs that put i and j in one
  community; ``together / runs`` is the share (``bloc_comembership``).
* **Consensus partition.** The run that agrees best with all the runs: the one maximising
  the sum over pairs it puts together of (2 together - runs), i.e. pairs together in more
  than half of the runs count for it, pairs together in fewer count against (the medoid
  under pair-counting distance; ties go to the earliest seed). It is a real Leiden
  partition, not an average no run produced. Blocs are numbered by size, ties by their
  alphabetically first member.
* **Stability.** How firmly a member sits in its consensus bloc: the mean, over its
  bloc-mates, of the share of runs it shares a community with each. A member of a bloc
  that merely merges with another in some runs stays stable; one that moves between blocs
  does not. For a bloc of one: one minus its mean share with the bloc it comes closest
  to. ``alternative`` is the other bloc it shares most runs with, and that mean share.
* **Unattached.** A group with no edge has no bloc (number 0); its stability is NaN.
* **Too small to split.** With two groups or fewer tied to anyone, the tied groups are one
  bloc (splitting a pair never raises modularity); no run is made (``runs`` = 0), the
  pair's share is 1 and its stability 1.

Everything is computed from the canonical network with integer counts, so the same records
give the same result bit for bit.

Pure (numpy, igraph through detection; no database).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warehouse.blocs.detection import Leiden, modularity
from warehouse.blocs.network import Network, disparity_backbone

UNATTACHED = 0


@dataclass(frozen=True)
class ConsensusSettings:
    resolution: float = 1.0
    backbone_alpha: float | None = None  # disparity filter level; None: the full network
    seed: int = 86
    min_runs: int = 20
    max_runs: int = 100
    batch: int = 10
    tolerance: float = 0.02
    iterations: int = 2  # Leiden passes per run

    def __post_init__(self) -> None:
        if not 1 <= self.batch <= self.min_runs <= self.max_runs:
            raise ValueError(
                f"runs: need 1 <= batch ({self.batch}) <= min_runs ({self.min_runs}) "
                f"<= max_runs ({self.max_runs})"
            )
        if self.resolution <= 0:
            raise ValueError(f"resolution must be positive, not {self.resolution}")


@dataclass(frozen=True, eq=False)
class Consensus:
    network: Network  # the network the blocs were found on (the backbone, when filtered)
    bloc: np.ndarray  # per node: consensus bloc, 1 = most members; 0 = unattached
    stability: np.ndarray  # per node: mean share of runs with its bloc-mates (NaN: unattached)
    alternative: np.ndarray  # per node: the other bloc it shares most runs with (0: none)
    alternative_share: np.ndarray  # …and its mean share of runs with that bloc's members
    weight_inside: np.ndarray  # per node: share of its edge weight inside its bloc
    together: np.ndarray  # nodes by nodes: runs that put the two in one community
    runs: int
    converged: bool
    modularity: float
    cohesion: np.ndarray  # per bloc (index bloc - 1): share of members' weight inside
    bloc_stability: np.ndarray  # per bloc: its members' mean stability

    @property
    def blocs(self) -> int:
        return len(self.cohesion)

    def together_share(self) -> np.ndarray:
        """Share of runs each pair sits together (a network too small to split: 0 or 1)."""
        return self.together / max(self.runs, 1)

    def membership(self) -> dict[str, int]:
        return dict(zip(self.network.nodes, self.bloc.tolist(), strict=True))


def consensus_blocs(network: Network, settings: ConsensusSettings | None = None) -> Consensus:
    settings = settings or ConsensusSettings()
    if settings.backbone_alpha is not None:
        network = disparity_backbone(network, settings.backbone_alpha)
    attached = network.degree() > 0
    if attached.sum() <= 2:
        runs_membership = np.arange(network.size, dtype=np.int64)[None, :]
        runs_membership[0, attached] = np.flatnonzero(attached)[0]  # the tied pair: one community
        return _summarise(network, runs_membership, attached, runs=0, converged=True,
                          settings=settings)  # fmt: skip
    memberships: list[np.ndarray] = []
    # int32: counts of at most max_runs, and half the memory a chunk of results holds
    together = np.zeros((network.size, network.size), dtype=np.int32)
    done, converged = 0, False
    leiden = Leiden(network, settings.resolution, settings.iterations)
    while done < settings.max_runs:
        size = min(settings.batch, settings.max_runs - done)
        seeds = range(settings.seed + done, settings.seed + done + size)
        batch = leiden.runs(seeds)
        before = together.copy()
        together += _same(batch).sum(axis=0, dtype=np.int32)
        memberships.append(batch)
        previous, done = done, done + size
        moved = np.abs(together / done - before / max(previous, 1)).max()
        if done >= settings.min_runs and previous > 0 and moved < settings.tolerance:
            converged = True
            break
    stacked = np.concatenate(memberships)
    return _summarise(network, stacked, attached, runs=len(stacked), converged=converged,
                      settings=settings, together=together)  # fmt: skip


def _same(memberships: np.ndarray) -> np.ndarray:
    """runs by nodes by nodes: whether each run puts the two nodes in one community."""
    return memberships[:, :, None] == memberships[:, None, :]


def _summarise(
    network: Network,
    memberships: np.ndarray,
    attached: np.ndarray,
    runs: int,
    converged: bool,
    settings: ConsensusSettings,
    together: np.ndarray | None = None,
) -> Consensus:
    n = network.size
    if together is None:  # too small to split: the attached nodes are one bloc
        together = np.zeros((n, n), dtype=np.int32)
        together[np.ix_(attached, attached)] = 1
        np.fill_diagonal(together, 1)
    # Runs often agree: work on each distinct partition once, weighted by its runs.
    partitions, first_run, weights = np.unique(
        _canonical(memberships), axis=0, return_index=True, return_counts=True
    )
    medoid = partitions[_medoid(partitions, first_run, weights, together, attached)]
    bloc = _number_blocs(medoid, attached)
    blocs = int(bloc.max())
    stability, alternative, alternative_share = _stability(together, max(runs, 1), bloc, blocs)
    inside, cohesion = _weight_inside(network, bloc, blocs)
    bloc_stability = np.array(
        [float(np.mean(stability[bloc == b])) for b in range(1, blocs + 1)], dtype=np.float64
    )
    return Consensus(
        network=network,
        bloc=bloc,
        stability=stability,
        alternative=alternative,
        alternative_share=alternative_share,
        weight_inside=inside,
        together=together,
        runs=runs,
        converged=converged,
        modularity=modularity(network, bloc.tolist(), settings.resolution),
        cohesion=cohesion,
        bloc_stability=bloc_stability,
    )


def _canonical(memberships: np.ndarray) -> np.ndarray:
    """Each node's community named by its community's first node, so that equal
    partitions have equal rows (runs by nodes; community numbers below the node count)."""
    runs, n = memberships.shape
    flat = memberships + (np.arange(runs) * n)[:, None]
    first = np.full(runs * n, n, dtype=np.int64)
    np.minimum.at(first, flat.ravel(), np.tile(np.arange(n), runs))
    return first[flat]


def _medoid(
    partitions: np.ndarray,
    first_run: np.ndarray,
    weights: np.ndarray,
    together: np.ndarray,
    attached: np.ndarray,
) -> int:
    """The distinct partition that agrees best with all runs; among equals, the earliest."""
    if len(partitions) == 1:
        return 0
    runs = int(weights.sum())
    pair_score = np.where(np.triu(np.outer(attached, attached), k=1), 2 * together - runs, 0)
    scores = [int(pair_score[p[:, None] == p[None, :]].sum()) for p in partitions]
    return min(range(len(partitions)), key=lambda i: (-scores[i], first_run[i]))


def _number_blocs(membership: np.ndarray, attached: np.ndarray) -> np.ndarray:
    """Bloc numbers 1… by size, then by first (alphabetical) member; 0 for the unattached."""
    groups: dict[int, list[int]] = {}
    for node in np.flatnonzero(attached):
        groups.setdefault(int(membership[node]), []).append(int(node))
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0]))
    bloc = np.zeros(len(membership), dtype=np.int64)
    for number, members in enumerate(ordered, start=1):
        bloc[members] = number
    return bloc


def _stability(
    together: np.ndarray, runs: int, bloc: np.ndarray, blocs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(bloc)
    stability = np.full(n, np.nan)
    alternative = np.zeros(n, dtype=np.int64)
    alternative_share = np.zeros(n)
    if blocs == 0:
        return stability, alternative, alternative_share
    onehot = np.zeros((n, blocs), dtype=np.int64)
    placed = np.flatnonzero(bloc > 0)
    onehot[placed, bloc[placed] - 1] = 1
    off_diagonal = together - np.diag(np.diag(together))
    with_bloc = off_diagonal @ onehot  # runs together, summed over each bloc's members
    others = onehot.sum(axis=0)[None, :] - onehot  # each bloc's members but the node itself
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(others > 0, with_bloc / (runs * others), 0.0)  # exact counts, one division
    for node in placed:
        mine = bloc[node] - 1
        elsewhere = np.delete(np.arange(blocs), mine)
        best = elsewhere[int(np.argmax(mean[node, elsewhere]))] if len(elsewhere) else None
        if others[node, mine] > 0:
            stability[node] = mean[node, mine]
        else:  # alone in its bloc: stable as far as it keeps apart from every other bloc
            stability[node] = 1.0 - (mean[node, best] if best is not None else 0.0)
        if best is not None and mean[node, best] > 0:
            alternative[node] = best + 1
            alternative_share[node] = mean[node, best]
    return stability, alternative, alternative_share


def _weight_inside(network: Network, bloc: np.ndarray, blocs: int) -> tuple[np.ndarray, np.ndarray]:
    strength = network.strength()
    same = (bloc[network.source] == bloc[network.target]) & (bloc[network.source] > 0)
    inside_weight = np.where(same, network.weight, 0.0)
    inside = np.bincount(network.source, inside_weight, network.size) + np.bincount(
        network.target, inside_weight, network.size
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(strength > 0, inside / strength, 0.0)
    cohesion = np.zeros(blocs)
    for b in range(1, blocs + 1):
        members = bloc == b
        total = float(strength[members].sum())
        cohesion[b - 1] = float(inside[members].sum()) / total if total else 0.0
    return share, cohesion
