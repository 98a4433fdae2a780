"""Shares of one thing as exact decimals that add up to exactly one.

A joint affiliation's parts and a TDoc's co-signers each get a share of one person or one
document. Kept as floats, sums depended on the order they were added in (13620.0 one run,
13620.000000000004 the next); as exact decimals of 1/3 each, three thirds made
0.999…9 and IETF 110's delegates 1328.999999999999999998. Here a share is a whole number
of millionths (``SHARE_SCALE`` = 6 decimal places) and the parts of one thing are
apportioned by the largest remainder (Hamilton's method): each part gets the millionths
its exact share holds whole, and the millionths left over go one each to the parts with
the largest remainders, earlier parts first among equals. So a third is 0.333334 for the
first part and 0.333333 for the others, every person and every document adds up to exactly
1.000000, and any sum of shares is an exact decimal, the same in any order.

In SQL, equal_part and share_part (sql/views/005_equal_share.sql) compute the same equal
parts; share_part splits a share again over a joint affiliation's organizations (whole
millionths, the leftovers to the first parts), so a TDoc's or a document's parts still add
up to exactly 1: sql/derive/contribution_rows.sql, sql/derive/ietf_authorship.sql.
Imports nothing of sdo's.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import polars as pl

SHARE_SCALE = 6
UNITS = 10**SHARE_SCALE  # millionths in one
SHARE_DTYPE = pl.Decimal(38, SHARE_SCALE)  # DECIMAL(38, 6) in the warehouse
_QUANTUM = Decimal(1).scaleb(-SHARE_SCALE)


def apportion(exact: Sequence[Fraction]) -> list[Decimal]:
    """The exact shares (adding up to 1) as decimals of SHARE_SCALE places adding up to
    exactly 1: whole millionths first, the rest to the largest remainders, ties to the
    earlier part."""
    if not exact or any(s < 0 for s in exact) or sum(exact) != 1:
        raise ValueError(f"shares must be non-negative and add up to 1, not {list(exact)}")
    units = [s * UNITS for s in exact]
    whole = [u.numerator // u.denominator for u in units]
    left = UNITS - sum(whole)
    ranked = sorted(range(len(units)), key=lambda i: (-(units[i] - whole[i]), i))
    for i in ranked[:left]:
        whole[i] += 1
    return [Decimal(w).scaleb(-SHARE_SCALE).quantize(_QUANTUM) for w in whole]


def equal_shares(parts: int) -> list[Decimal]:
    """One share per part of ``parts`` equal parts, in part order (the first parts carry
    the leftover millionths: 1/3 is 0.333334, 0.333333, 0.333333)."""
    if parts < 1:
        raise ValueError(f"a share of {parts} parts")
    return apportion([Fraction(1, parts)] * parts)
