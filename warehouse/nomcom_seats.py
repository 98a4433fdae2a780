"""How many of the NomCom's voting seats each group could hold: random selection under a cap.

The NomCom's ten voting members are drawn at random from the eligible volunteers (RFC 3797
orders the whole pool by a public random draw). RFC 8713 §4.17: no more than two voting
members may share a primary affiliation, so when a third from one affiliation comes up in
the order it is passed over and the next volunteer is taken. What a group can expect is
therefore not its pool share times ten: the cap bites on large groups.

``simulate_seats`` estimates, for each reporting group, its expected seats and its
probability of holding two or more by repeating the draw (seeded, reproducible). The
group a volunteer is reported under is usually the affiliation the cap counts; volunteers
with no affiliation to cap (Independent, Unspecified) each count as their own affiliation
but are reported together. ``exact_seats`` computes the same by enumerating every order,
for pools small enough (tests check the simulation against it).
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
    expected: dict[str, float]  # group → expected seats
    p_two: dict[str, float]  # group → probability of holding two seats or more
    draws: int  # simulated draws (0 when exact)


def _select(order: Sequence[int], cap_keys: Sequence[str], seats: int, cap: int) -> list[int]:
    taken: Counter[str] = Counter()
    chosen: list[int] = []
    for i in order:
        key = cap_keys[i]
        if taken[key] < cap:
            taken[key] += 1
            chosen.append(i)
            if len(chosen) == seats:
                break
    return chosen


def exact_seats(
    cap_keys: Sequence[str],
    seats: int = VOTING_SEATS,
    cap: int = AFFILIATION_CAP,
    groups: Sequence[str] | None = None,
) -> SeatOdds:
    """Exact odds over every order of the pool: only for a handful of volunteers."""
    if len(cap_keys) > 9:
        raise ValueError(f"{len(cap_keys)} volunteers: too many orders to enumerate")
    report = list(groups or cap_keys)
    totals: Counter[str] = Counter()
    two: Counter[str] = Counter()
    orders = 0
    for order in itertools.permutations(range(len(cap_keys))):
        held = Counter(report[i] for i in _select(order, cap_keys, seats, cap))
        totals.update(held)
        two.update(k for k, n in held.items() if n >= 2)
        orders += 1
    keys = sorted(set(report))
    return SeatOdds({k: totals[k] / orders for k in keys}, {k: two[k] / orders for k in keys}, 0)


def simulate_seats(
    cap_keys: Sequence[str],
    seats: int = VOTING_SEATS,
    cap: int = AFFILIATION_CAP,
    draws: int = 10_000,
    seed: int = 8713,
    groups: Sequence[str] | None = None,
) -> SeatOdds:
    """Monte Carlo odds: ``draws`` random orders of the pool, each filled under the cap.

    ``groups`` (one per volunteer, default the cap keys) is what the odds are reported
    by. Only the first few volunteers of an order matter (ten seats, a few passed over),
    so each draw takes a random prefix of the pool rather than shuffling all of it.
    """
    n = len(cap_keys)
    report = list(groups or cap_keys)
    if n == 0:
        return SeatOdds({}, {}, draws)
    keys = sorted(set(cap_keys))
    index = {k: i for i, k in enumerate(keys)}
    codes = np.array([index[k] for k in cap_keys], dtype=np.int64)
    group_names = sorted(set(report))
    group_index = {g: i for i, g in enumerate(group_names)}
    group_codes = np.array([group_index[g] for g in report], dtype=np.int64)
    rng = np.random.default_rng(seed)
    totals = np.zeros(len(group_names), dtype=np.int64)
    two = np.zeros(len(group_names), dtype=np.int64)
    # the prefix that can fill `seats` even if many are passed over; grown when it cannot
    prefix = min(n, seats * 4)
    for _ in range(draws):
        taken = np.zeros(len(keys), dtype=np.int64)
        chosen: list[int] = []
        order = rng.choice(n, size=prefix, replace=False)
        seen = order
        while True:
            for i in order:
                code = codes[i]
                if taken[code] < cap:
                    taken[code] += 1
                    chosen.append(int(i))
                    if len(chosen) == seats:
                        break
            if len(chosen) == seats or len(seen) == n:
                break
            rest = np.setdiff1d(np.arange(n), seen, assume_unique=True)
            order = rng.permutation(rest)  # the rest of the pool, in random order
            seen = np.concatenate([seen, order])
        held = np.bincount(group_codes[chosen], minlength=len(group_names))
        totals += held
        two += held >= 2
    return SeatOdds(
        {g: float(totals[i]) / draws for g, i in group_index.items()},
        {g: float(two[i]) / draws for g, i in group_index.items()},
        draws,
    )


def standard_error(p: float, draws: int) -> float:
    """The Monte Carlo error of an estimated probability (for tolerances and docs)."""
    return math.sqrt(max(p * (1 - p), 1e-12) / draws) if draws else 0.0
