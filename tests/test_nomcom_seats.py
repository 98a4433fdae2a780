"""NomCom seat odds: the simulation against exact enumeration, and the cap at work."""

from __future__ import annotations

import pytest

from warehouse.nomcom.seats import exact_seats, simulate_seats, standard_error


def test_exact_odds_on_a_pool_worked_by_hand():
    # A, A, A, B for two seats: B sits iff it is among the first two of the order (1/2);
    # otherwise A takes both seats.
    odds = exact_seats(["A", "A", "A", "B"], seats=2)
    assert odds.expected == {"A": 1.5, "B": 0.5}
    assert odds.p_two == {"A": 0.5, "B": 0.0}


def test_the_cap_passes_over_a_third_volunteer_of_one_affiliation():
    # five from A, one from B, C: A can never hold more than two of the three seats
    odds = exact_seats(["A"] * 5 + ["B", "C"], seats=3)
    assert odds.expected["A"] <= 2
    assert sum(odds.expected.values()) == pytest.approx(3)
    # without the cap A's share would be 3 * 5/7
    assert odds.expected["A"] < 3 * 5 / 7


@pytest.mark.parametrize(
    ("pool", "seats"),
    [
        (["A", "A", "A", "B", "B", "C", "D"], 4),
        (["A"] * 5 + ["B", "C"], 3),
        (["A", "A", "B", "B", "C", "C", "D", "E"], 5),
        (["A", "A", "A", "A", "B", "B", "B", "C", "D"], 6),
    ],
)
def test_the_simulation_agrees_with_exact_enumeration(pool, seats):
    draws = 20_000
    exact = exact_seats(pool, seats=seats)
    simulated = simulate_seats(pool, seats=seats, draws=draws, seed=1)
    for key in exact.expected:
        # expected seats lie in [0, 2]: their error is at most twice a proportion's
        assert simulated.expected[key] == pytest.approx(
            exact.expected[key], abs=2 * 4 * standard_error(0.5, draws)
        )
        tolerance = 4 * standard_error(exact.p_two[key], draws) + 1e-9
        assert simulated.p_two[key] == pytest.approx(exact.p_two[key], abs=tolerance)


def test_every_draw_fills_every_seat_when_the_pool_allows():
    pool = ["A"] * 40 + ["B"] * 30 + [f"solo{i}" for i in range(30)]
    odds = simulate_seats(pool, draws=2_000, seed=3)
    assert sum(odds.expected.values()) == pytest.approx(10)
    assert odds.expected["A"] <= 2 and odds.expected["B"] <= 2


def test_a_pool_too_small_for_the_cap_leaves_seats_empty():
    # three affiliations can fill at most six seats under the cap
    odds = simulate_seats(["A"] * 5 + ["B"] * 5 + ["C"] * 5, draws=500, seed=3)
    assert sum(odds.expected.values()) == pytest.approx(6)
    assert odds.p_two == {"A": 1.0, "B": 1.0, "C": 1.0}


def test_volunteers_with_no_affiliation_to_cap_are_reported_together():
    # three independents are three affiliations for the cap, one line in the report
    pool = ["A", "A", "A", "solo1", "solo2", "solo3"]
    groups = ["A", "A", "A", "Independent", "Independent", "Independent"]
    exact = exact_seats(pool, seats=4, groups=groups)
    assert sum(exact.expected.values()) == pytest.approx(4)
    assert exact.expected["A"] <= 2
    # Independent can hold three seats: the cap does not bind them together
    simulated = simulate_seats(pool, seats=4, groups=groups, draws=20_000, seed=5)
    assert simulated.expected["Independent"] == pytest.approx(
        exact.expected["Independent"], abs=0.03
    )
    assert simulated.p_two["Independent"] == pytest.approx(exact.p_two["Independent"], abs=0.02)


def test_the_same_seed_gives_the_same_figures():
    pool = ["A"] * 9 + ["B"] * 4 + [f"solo{i}" for i in range(20)]
    assert simulate_seats(pool, draws=3_000, seed=42) == simulate_seats(pool, draws=3_000, seed=42)
    assert simulate_seats(pool, draws=3_000, seed=42) != simulate_seats(pool, draws=3_000, seed=43)


def test_a_large_pool_drawn_by_prefix_agrees_with_whole_orders(monkeypatch):
    # pools over 64 draw a short prefix with replacement; the same pool drawn as whole
    # permutations must give the same odds within the simulation's error
    pool = ["A"] * 30 + ["B"] * 20 + ["C"] * 10 + [f"solo{i}" for i in range(60)]
    draws = 20_000
    by_prefix = simulate_seats(pool, draws=draws, seed=11)
    monkeypatch.setattr("warehouse.nomcom.seats._WHOLE_ORDER_UP_TO", 1_000)
    whole = simulate_seats(pool, draws=draws, seed=12)
    for key in ("A", "B", "C", "solo0"):
        assert by_prefix.expected[key] == pytest.approx(
            whole.expected[key], abs=2 * 2 * 4 * standard_error(0.5, draws)
        )
        assert by_prefix.p_two[key] == pytest.approx(
            whole.p_two[key], abs=2 * 4 * standard_error(0.5, draws)
        )
    assert sum(by_prefix.expected.values()) == pytest.approx(10)


def test_a_prefix_that_passes_over_too_many_goes_on_through_the_pool():
    # 95 from A and 5 alone: a prefix of A's is mostly passed over, yet every draw seats
    # two of A and all five others (seven seats is all the cap allows)
    pool = ["A"] * 95 + [f"solo{i}" for i in range(5)]
    odds = simulate_seats(pool, draws=500, seed=2)
    assert odds.expected == {"A": 2.0, **{f"solo{i}": 1.0 for i in range(5)}}
    assert odds.p_two["A"] == 1.0
