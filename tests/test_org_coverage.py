"""How much of the real record resolves to a curated organization: the targets curation serves.

IETF: the 13,620 real registrations of IETF 104-112 in the bundled sample. RAN1: the company
co-signatures of the 59 real TDoc lists of RAN1#84-#122bis, counted per party in
tests/fixtures/orgs/ran1_cosigners_84_122bis.csv (derived from the lists; PROVENANCE.md).
"""

from __future__ import annotations

from collections import Counter

import polars as pl
import pytest

from flows.settings import SAMPLE_ARCHIVE
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.source import fetch_ietf
from tests.conftest import FIXTURES
from warehouse.orgs.evaluation import Coverage, coverage
from warehouse.orgs.reference import load_reference

RAN1_COSIGNERS = FIXTURES / "orgs" / "ran1_cosigners_84_122bis.csv"


@pytest.fixture(scope="module")
def ietf() -> Coverage:
    batch = fetch_ietf(ArchiveReplay(RawArchive(SAMPLE_ARCHIVE)), "https://datatracker.ietf.org")
    return coverage(load_reference(), Counter(batch.registrations["affiliation"].to_list()))


@pytest.fixture(scope="module")
def ran1() -> Coverage:
    counts = pl.read_csv(RAN1_COSIGNERS, schema_overrides={"party": pl.String})
    return coverage(load_reference(), dict(zip(counts["party"], counts["uses"], strict=True)))


def test_the_ietf_sample_is_the_whole_record(ietf):
    assert round(ietf.typed) == 11_601  # of 13,620 registrations, 2,019 typed nothing


def test_97_percent_of_typed_ietf_104_112_registrations_resolve(ietf):
    # pinned: a change of rules or reference that moves it must say so here (and in
    # docs/figures.md, whose table comes from the same records)
    assert (ietf.resolved, sum(ietf.unresolved.values())) == (11_302, 299)
    assert round(ietf.share, 4) == 0.9742


def test_the_ran1_counts_are_every_company_co_signature(ran1):
    assert round(ran1.typed) == 162_049


def test_98_percent_of_ran1_84_122bis_co_signatures_resolve(ran1):
    assert (ran1.resolved, sum(ran1.unresolved.values())) == (162_000, 49)
    assert round(ran1.share, 4) == 0.9997


def test_resolution_coverage_counts_typed_uses_and_leaves_blanks_out(tmp_path):
    """The view every refresh and import prints: blank strings are not typed; a joint
    affiliation is one use shared between its organizations; a placeholder the reference
    knows ("--None--", "n/a") is typed and resolved (to Unspecified); a name nothing
    matches is typed and unresolved."""
    from tests.conftest import one_meeting_warehouse

    typed = ["Cisco", "Cisco Systems", "--None--", "n/a", "Zyxwq Unknown Labs",
             "Keio University / WIDE Project"]  # fmt: skip
    con = one_meeting_warehouse(tmp_path / "c.duckdb", [*typed, "", "   "])
    rows = con.execute("SELECT body, typed_uses, resolved_uses, coverage "
                       "FROM resolution_coverage").fetchall()  # fmt: skip
    assert rows == [("ietf", 6, 5, 5 / 6)]
