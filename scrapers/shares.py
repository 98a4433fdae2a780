"""Equal shares as exact decimals: a joint affiliation's parts, a TDoc's co-signers.

A share of 1/3 kept as a float makes sums depend on the order they are added in (13620.0
one run, 13620.000000000004 the next). As DECIMAL(38, 18) every sum is exact whatever the
order, a third summed three times is 0.999…9 (18 nines), which is 1.0 as a float, and the
views cast only their final figures to DOUBLE. Imports nothing of sdo's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl

SHARE_SCALE = 18
SHARE_DTYPE = pl.Decimal(38, SHARE_SCALE)  # DECIMAL(38, 18) in the warehouse
_QUANTUM = Decimal(1).scaleb(-SHARE_SCALE)


def equal_share(parts: int) -> Decimal:
    """1/parts, rounded half up to 18 decimal places (as migration 012 computes it in SQL)."""
    if parts < 1:
        raise ValueError(f"a share of {parts} parts")
    return (Decimal(1) / Decimal(parts)).quantize(_QUANTUM, rounding=ROUND_HALF_UP)
