"""The figures docs/ quotes are the ones the bundled sample gives (flows/doc_figures.py)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from flows.doc_figures import cell, documents, render, sample_warehouse, stale, table


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    db = sample_warehouse(tmp_path_factory.mktemp("figures"))
    with duckdb.connect(str(db), read_only=True) as con:
        yield con


def test_every_committed_figure_is_what_the_sample_gives(sample):
    assert documents(), "no figure blocks found in docs/"
    assert stale(sample, documents()) == []


def test_a_changed_figure_is_caught_and_rewritten(sample):
    text = (
        "<!-- figure: SELECT org_group, delegates FROM delegation_by_group WHERE meeting = '110' "
        "ORDER BY delegates DESC, org_group LIMIT 2 -->\n| wrong |\n<!-- /figure -->\n"
    )
    rewritten = render(text, sample)
    assert "| Unspecified | 165 |\n| Huawei | 73 |\n" in rewritten
    assert render(rewritten, sample) == rewritten  # computed again, the same


def test_cells_print_exact_decimals_without_trailing_zeros():
    assert [cell(Decimal("13.500000")), cell(Decimal("73.000000")), cell(None)] == [
        "13.5",
        "73",
        "",
    ]


def test_tables_right_align_numbers(sample):
    assert table(sample, "SELECT 'a' AS x, 1 AS n").splitlines()[1] == "|---|---:|"


def test_readme_names_every_view_the_sample_leaves_empty(sample):
    from flows.cli import SAMPLE_GAPS
    from flows.settings import PROJECT_ROOT
    from warehouse.outputs.catalog import empty_public_views

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    empty = empty_public_views(sample)
    assert set(empty) == set(SAMPLE_GAPS)  # every gap has its reason, and no reason is stale
    assert [v for v in empty if f"`{v}`" not in readme] == []
