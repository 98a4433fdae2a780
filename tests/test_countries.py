"""Free-text author countries to ISO 3166 alpha-2: the datatracker's rules, never a guess."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import FIXTURES
from warehouse.orgs.countries import normalize_country

with (FIXTURES / "ietf" / "country_spellings.csv").open(encoding="utf-8", newline="") as f:
    SPELLINGS = [(row["spelling"], row["expected"] or None) for row in csv.DictReader(f)]


def test_the_table_is_large_enough_to_mean_something():
    assert len(SPELLINGS) >= 60
    assert sum(expected is None for _, expected in SPELLINGS) >= 8  # unknowns are tested too


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_real_world_spellings(spelling, expected):
    assert normalize_country(spelling) == expected


@pytest.mark.parametrize("spelling", ["de", "  Germany  ", "GERMANY", "germany."])
def test_case_spacing_and_punctuation_do_not_matter(spelling):
    assert normalize_country(spelling) == "DE"


def test_a_code_inside_a_longer_string_is_not_a_country():
    """'IN' in 'Indianapolis IN' is Indiana, 'DE' a German word: codes are never searched for."""
    assert normalize_country("lives in DE and works") is None
