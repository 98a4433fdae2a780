"""How many of the NomCom's voting seats each group could hold: random selection under a cap.

The NomCom's ten voting members are drawn at random from the eligible volunteers (RFC 3797
orders the whole pool by a public random draw). RFC 8713 §4.17: no more than two voting
members may share a primary affiliation, so when a third from one affiliation comes up in
the order it is passed over and the next volunteer is taken. What a group can expect is
therefore not its pool share times ten: the cap bites on large groups.

``simulate_seats`` estimates each affiliation's expected seats and its probability of
holding the cap's full two by repeating the draw (seeded, reproducible).
``exact_seats`` computes the same by enumerating every order, for pools small enough
(tests check the simulation against it).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

VOTING_SEATS = 10  # RFC 8713 §4.1
AFFILIATION_CAP = 2  # RFC 8713 §4.17


@dataclass(frozen=True)
class SeatOdds:
    expected: dict[str, float]  # affiliation → expected seats
    p_full: dict[str, float]  # affiliation → probability of holding the cap's full count
    draws: int  # simulated draws (0 when exact)


def _select(order: Sequence[int], cap_keys: Sequence[str], seats: int, cap: int) -> Counter[str]:
    taken: Counter[str] = Counter()
    chosen = 0
    for i in order:
        key = cap_keys[i]
        if taken[key] < cap:
            taken[key] += 1
            chosen += 1
            if chosen == seats:
                break
    return taken


def exact_seats(
    cap_keys: Sequence[str], seats: int = VOTING_SEATS, cap: int = AFFILIATION_CAP
) -> SeatOdds:
    """Exact odds over every order of the pool: only for a handful of volunteers."""
    if len(cap_keys) > 9:
        raise ValueError(f"{len(cap_keys)} volunteers: too many orders to enumerate")
    totals: Counter[str] = Counter()
    full: Counter[str] = Counter()
    orders = 0
    for order in itertools.permutations(range(len(cap_keys))):
        taken = _select(order, cap_keys, seats, cap)
        totals.update(taken)
        full.update(k for k, n in taken.items() if n == cap)
        orders += 1
    keys = sorted(set(cap_keys))
    return SeatOdds({k: totals[k] / orders for k in keys}, {k: full[k] / orders for k in keys}, 0)


def simulate_seats(
    cap_keys: Sequence[str],
    seats: int = VOTING_SEATS,
    cap: int = AFFILIATION_CAP,
    draws: int = 10_000,
    seed: int = 8713,
) -> SeatOdds:
    """Monte Carlo odds: ``draws`` random orders of the pool, each filled under the cap.

    Only the first few volunteers of an order matter (ten seats, a few passed over), so
    each draw takes a random prefix of the pool rather than shuffling all of it.
    """
    n = len(cap_keys)
    keys = sorted(set(cap_keys))
    if n == 0:
        return SeatOdds({}, {}, draws)
    index = {k: i for i, k in enumerate(keys)}
    codes = np.array([index[k] for k in cap_keys], dtype=np.int64)
    rng = np.random.default_rng(seed)
    totals = np.zeros(len(keys), dtype=np.int64)
    full = np.zeros(len(keys), dtype=np.int64)
    # the prefix that can fill `seats` even if many are passed over; grown when it cannot
    prefix = min(n, seats * 4)
    for _ in range(draws):
        taken = np.zeros(len(keys), dtype=np.int64)
        chosen = 0
        order = rng.choice(n, size=prefix, replace=False)
        while True:
            for code in codes[order]:
                if taken[code] < cap:
                    taken[code] += 1
                    chosen += 1
                    if chosen == seats:
                        break
            if chosen == seats or len(order) == n:
                break
            rest = np.setdiff1d(np.arange(n), order, assume_unique=True)
            order = rng.permutation(rest)  # the rest of the pool, in random order
        totals += taken
        full += taken == cap
    return SeatOdds(
        {k: float(totals[i]) / draws for k, i in index.items()},
        {k: float(full[i]) / draws for k, i in index.items()},
        draws,
    )


def standard_error(p: float, draws: int) -> float:
    """The Monte Carlo error of an estimated probability (for tolerances and docs)."""
    return math.sqrt(max(p * (1 - p), 1e-12) / draws) if draws else 0.0
