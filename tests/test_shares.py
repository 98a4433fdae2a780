"""Shares of one person or one document: exact decimals that add up to exactly one."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import duckdb
import pytest

from scrapers.shares import apportion, equal_shares
from warehouse.store.db import sql_dir


@pytest.mark.parametrize("parts", [1, 2, 3, 6, 7, 60, 61])
def test_equal_shares_add_up_to_exactly_one_and_differ_by_a_millionth_at_most(parts):
    shares = equal_shares(parts)
    assert sum(shares) == 1
    assert max(shares) - min(shares) <= Decimal("0.000001")
    assert shares == sorted(shares, reverse=True)  # the leftovers go to the first parts


def test_a_third_is_a_whole_number_of_millionths():
    assert equal_shares(3) == [Decimal("0.333334"), Decimal("0.333333"), Decimal("0.333333")]
    assert equal_shares(2) == [Decimal("0.5"), Decimal("0.5")]


def test_largest_remainders_get_the_leftover_millionths():
    # halves and quarters are whole millionths; 6/7 and 1/7 leave remainders 0.857142|857…
    # and 0.142857|142…: the larger remainder takes the one millionth left over
    assert apportion([Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)]) == [
        Decimal("0.5"),
        Decimal("0.25"),
        Decimal("0.25"),
    ]
    shares = apportion([Fraction(6, 7), Fraction(1, 7)])
    assert shares == [Decimal("0.857143"), Decimal("0.142857")] and sum(shares) == 1
    # the larger remainder is the second part's here: index order would give it to the first
    assert apportion([Fraction(5, 6), Fraction(1, 6)]) == [
        Decimal("0.833333"),
        Decimal("0.166667"),
    ]
    assert apportion([Fraction(1), Fraction(0)]) == [Decimal("1"), Decimal("0")]  # 0 is a share


@pytest.mark.parametrize(
    "exact",
    [[Fraction(1, 2)], [], [Fraction(2), Fraction(-1)], [Fraction(1, 2), Fraction(3, 4)]],
)
def test_shares_that_are_not_a_whole_are_refused_saying_so(exact):
    with pytest.raises(ValueError, match="shares must be non-negative and add up to 1, not"):
        apportion(exact)


def test_a_share_of_no_parts_is_refused_saying_so():
    with pytest.raises(ValueError, match="a share of 0 parts"):
        equal_shares(0)


@pytest.mark.parametrize(
    ("n", "share"), [(1, "1"), (3, "0.333334"), (7, "0.142858"), (60, "0.016667")]
)
def test_the_sql_macros_split_as_the_python_does(n, share):
    con = duckdb.connect()
    con.execute((sql_dir() / "views" / "005_equal_share.sql").read_text())
    parts = [
        r[0]
        for r in con.execute(
            f"SELECT equal_part({n}, part) FROM range(1, {n + 1}) AS t(part) ORDER BY part"
        ).fetchall()
    ]
    assert parts == equal_shares(n) and parts[0] == Decimal(share)
    # a share split again (a co-signer's 0.333334 over a joint affiliation of three)
    split = [
        r[0]
        for r in con.execute(
            "SELECT share_part(0.333334::DECIMAL(38, 6), 3, part) FROM range(1, 4) AS t(part) "
            "ORDER BY part"
        ).fetchall()
    ]
    assert split == [Decimal("0.111112"), Decimal("0.111111"), Decimal("0.111111")]
    assert sum(split) == Decimal("0.333334")
