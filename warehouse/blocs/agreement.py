"""How far two partitions of the same groups agree: the adjusted Rand index, and the share
of pairs whose co-membership share is close to a known truth. Used to validate the
consensus on planted blocs and to compare partitions across parameters (sensitivity).

Pure (no database).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import numpy as np


def adjusted_rand_index(truth: Mapping[str, object], found: Mapping[str, object]) -> float:
    """Hubert & Arabie's adjusted Rand index of two labellings of the same items (1 = same).

    Only the items both label are compared; labels are free (1/2 equals 7/9).
    """
    items = sorted(set(truth) & set(found))
    n = len(items)
    if n < 2:
        return 1.0
    pairs = Counter((truth[i], found[i]) for i in items)
    rows = Counter(truth[i] for i in items)
    cols = Counter(found[i] for i in items)

    def comb2(x: int) -> int:
        return x * (x - 1) // 2

    index = sum(comb2(v) for v in pairs.values())
    row_sum = sum(comb2(v) for v in rows.values())
    col_sum = sum(comb2(v) for v in cols.values())
    expected = row_sum * col_sum / comb2(n)
    best = (row_sum + col_sum) / 2
    if math.isclose(best, expected):
        return 1.0
    return (index - expected) / (best - expected)


def pairs_within(
    nodes: tuple[str, ...], shares: np.ndarray, truth: Mapping[str, object], tolerance: float = 0.1
) -> float:
    """Share of node pairs whose together-share is within ``tolerance`` of the truth (1 for
    two nodes in one true bloc, 0 otherwise); nodes without a true bloc are left out."""
    known = [i for i, node in enumerate(nodes) if node in truth]
    a, b = np.triu_indices(len(known), k=1)
    if len(a) == 0:
        return 1.0
    idx = np.array(known)
    same = np.array(
        [truth[nodes[i]] == truth[nodes[j]] for i, j in zip(idx[a], idx[b], strict=True)]
    )
    close = np.abs(shares[idx[a], idx[b]] - same.astype(float)) <= tolerance
    return float(close.mean())
