"""Co-signature records with blocs planted in them: the known truth bloc detection is checked on.

Companies belong to planted blocs; a few are very active, most are not (Pareto activity);
each document is led from one bloc and co-signed by 1 to 60 companies, each drawn from the
lead's bloc, or, with probability ``mixing``, from anywhere. Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PlantedRecords:
    documents: list[list[str]]  # each document's co-signers
    truth: dict[str, int]  # company → planted bloc


def planted_cosignatures(
    bloc_sizes: tuple[int, ...] = (14, 12, 10, 8),
    documents: int = 1500,
    mixing: float = 0.2,
    max_signers: int = 60,
    seed: int = 1,
) -> PlantedRecords:
    rng = np.random.default_rng(seed)
    truth = {f"b{b}c{i}": b for b, size in enumerate(bloc_sizes) for i in range(size)}
    names = list(truth)
    blocs = np.array([truth[n] for n in names])
    activity = rng.pareto(1.5, len(names)) + 1.0  # a few heavy contributors, a long tail
    everyone = activity / activity.sum()
    by_bloc = {
        b: (np.flatnonzero(blocs == b), activity[blocs == b] / activity[blocs == b].sum())
        for b in range(len(bloc_sizes))
    }
    records = []
    for _ in range(documents):
        lead = int(blocs[rng.choice(len(names), p=everyone)])
        # most TDocs have one or two sources; way forwards reach dozens
        size = int(min(max_signers, len(names), 1 + rng.zipf(1.8)))
        members, weights = by_bloc[lead]
        chosen: set[int] = set()
        for _ in range(size * 3):
            if len(chosen) == size:
                break
            if rng.random() < mixing:
                chosen.add(int(rng.choice(len(names), p=everyone)))
            else:
                chosen.add(int(rng.choice(members, p=weights)))
        records.append([names[i] for i in sorted(chosen)])
    return PlantedRecords(records, truth)
