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
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

VOTING_SEATS = 10  # RFC 8713 §4.1
# Recorded with each year's odds: the same seed drawn by another sampler gives other figures
SAMPLER = "numpy-chunked-prefix/1"
AFFILIATION_CAP = 2  # RFC 8713 §4.17


@dataclass(frozen=True)
class SeatOdds:
    expected: dict[str, float]  # group → expected seats
    p_two: dict[str, float]  # group → probability of holding two seats or more
    draws: int  # simulated draws (0 when exact)


def _select(order: Sequence[int], cap_keys: Sequence[Hashable], seats: int, cap: int) -> list[int]:
    taken: Counter[Hashable] = Counter()
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


# Draws are filled a chunk at a time, as arrays: a chunk-by-prefix matrix of orders
_CHUNK = 2_000
# Pools up to this size draw whole permutations; larger ones a prefix drawn with
# replacement, repeats dropped (first occurrences are a uniform order without replacement)
_WHOLE_ORDER_UP_TO = 64


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
    so a large pool's draw is a short random prefix of an order. Draws are filled as
    arrays a chunk at a time; the rare draw whose prefix passes over so many that it
    cannot fill every seat is continued one volunteer at a time over the rest of the pool.
    Same pool, seed and draws: the same figures.
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
    # the most seats any order can fill: a draw holding fewer is not finished
    fillable = min(seats, int(np.minimum(np.bincount(codes), cap).sum()))
    rng = np.random.default_rng(seed)
    totals = np.zeros(len(group_names), dtype=np.int64)
    two = np.zeros(len(group_names), dtype=np.int64)
    for start in range(0, draws, _CHUNK):
        rows = min(_CHUNK, draws - start)
        orders, first = _random_orders(rng, n, rows, seats)
        chosen = _fill_under_cap(codes[orders], first, len(keys), seats, cap)
        held = _held_by_group(orders, chosen, group_codes, len(group_names))
        short = np.flatnonzero(chosen.sum(axis=1) < fillable)
        for row in short:  # passed over too many within the prefix: go on past it
            held[row] = _continue_draw(
                rng, orders[row][first[row]], codes, group_codes, len(group_names), seats, cap
            )
        totals += held.sum(axis=0)
        two += (held >= 2).sum(axis=0)
    return SeatOdds(
        {g: float(totals[i]) / draws for g, i in group_index.items()},
        {g: float(two[i]) / draws for g, i in group_index.items()},
        draws,
    )


def _random_orders(
    rng: np.random.Generator, n: int, rows: int, seats: int
) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` random orders of the pool (or of their first part), and which positions
    count: every position of a whole permutation; the first occurrence of each volunteer
    in a prefix drawn with replacement."""
    if n <= _WHOLE_ORDER_UP_TO:
        orders = np.argsort(rng.random((rows, n)), axis=1)
        return orders, np.ones(orders.shape, dtype=bool)
    orders = rng.integers(0, n, size=(rows, seats * 6))
    return orders, _first_occurrences(orders)


def _rank_in_row(values: np.ndarray) -> np.ndarray:
    """For each cell, how many cells before it in its row hold the same value."""
    order = np.argsort(values, axis=1, kind="stable")
    ranked = np.take_along_axis(values, order, axis=1)
    columns = np.arange(values.shape[1])
    starts = np.ones(values.shape, dtype=bool)
    starts[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
    run_start = np.maximum.accumulate(np.where(starts, columns, 0), axis=1)
    rank = np.empty(values.shape, dtype=np.int64)
    np.put_along_axis(rank, order, columns - run_start, axis=1)
    return rank


def _first_occurrences(orders: np.ndarray) -> np.ndarray:
    return _rank_in_row(orders) == 0


def _fill_under_cap(
    keys: np.ndarray, counted: np.ndarray, key_count: int, seats: int, cap: int
) -> np.ndarray:
    """Which positions of each order take a seat: counted, not past the cap for their
    key among the counted positions before them, and among the first ``seats`` so taken."""
    # positions not counted get a key of their own, so they never crowd a real key
    own = key_count + np.arange(keys.shape[1])
    rank = _rank_in_row(np.where(counted, keys, own))
    taken = counted & (rank < cap)
    return taken & (np.cumsum(taken, axis=1) <= seats)


def _held_by_group(
    orders: np.ndarray, chosen: np.ndarray, group_codes: np.ndarray, group_count: int
) -> np.ndarray:
    rows = np.broadcast_to(np.arange(orders.shape[0])[:, None], orders.shape)
    cells = rows[chosen] * group_count + group_codes[orders[chosen]]
    counts = np.bincount(cells, minlength=orders.shape[0] * group_count)
    return counts.reshape(orders.shape[0], group_count)


def _continue_draw(
    rng: np.random.Generator,
    seen: np.ndarray,
    codes: np.ndarray,
    group_codes: np.ndarray,
    group_count: int,
    seats: int,
    cap: int,
) -> np.ndarray:
    """One draw filled one volunteer at a time: its prefix, then the rest in random order."""
    rest = np.setdiff1d(np.arange(len(codes)), seen, assume_unique=True)
    order = np.concatenate([seen, rng.permutation(rest)])
    chosen = _select(order.tolist(), codes.tolist(), seats, cap)
    return np.bincount(group_codes[chosen], minlength=group_count)


def standard_error(p: float, draws: int) -> float:
    """The Monte Carlo error of an estimated probability (for tolerances and docs)."""
    return math.sqrt(max(p * (1 - p), 1e-12) / draws) if draws else 0.0
