"""A 3GPP load commits a working group at a time: the member lists first, then each group,
then what is derived from them. A failure in one group leaves the groups before it
loaded, whole, and the rest untouched; the next rebuild catches the derived tables up."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import warehouse.loads.threegpp as threegpp
from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.files import membership_as_of, membership_batch, tdoc_list_batch
from tests.conftest import FIXTURES
from warehouse.derived.steps import rebuild_derived
from warehouse.orgs.reference import load_reference
from warehouse.store.db import apply_views, connect, migrate, transaction

THREEGPP = FIXTURES / "threegpp"
FILES = [
    THREEGPP / "tdoc_lists_other" / "TDoc_List_Meeting_SA2#125.xlsx",
    THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx",
    THREEGPP / "tdoc_lists_other" / "TDoc_List_Meeting_RAN#90-e.xlsx",
]
MEMBERS = THREEGPP / "membership" / "3GPPMembership_2025-01.csv"
ROWS = {"RAN1#87": 2741, "RAN#90-e": 813, "SA2#125": 1416}


def whole_batch() -> ThreeGppBatch:
    batch = ThreeGppBatch()
    for path in FILES:
        batch.extend(tdoc_list_batch(path.read_bytes(), path.name, None, "sha"))
    as_of = membership_as_of(MEMBERS.name)
    assert as_of is not None
    batch.extend(membership_batch(MEMBERS.read_bytes(), MEMBERS.name, as_of, "sha"))
    return batch


def fresh(path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(path)
    migrate(con)
    apply_views(con)
    return con


def tdocs(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    found = con.execute("SELECT meeting, count(*) FROM threegpp_tdocs GROUP BY 1").fetchall()
    return dict(found)


def test_a_batch_splits_into_the_member_lists_then_each_group_in_code_order():
    batch = whole_batch()
    parts = batch.by_group()
    assert [group for group, _ in parts] == ["", "R1", "RP", "S2"]
    body = parts[0][1]
    assert body.members and not body.tdocs and body.entries == batch.entries
    per_group = {group: sum(f.height for f in part.tdocs) for group, part in parts[1:]}
    assert per_group == {"R1": 2741, "RP": 813, "S2": 1416}
    assert sum(part.rows() for _, part in parts) == batch.rows()


def test_a_failure_in_one_group_keeps_the_groups_before_it(tmp_path, monkeypatch):
    con = fresh(tmp_path / "sdo.duckdb")
    load_part = threegpp._load_part

    def failing_on_s2(con, part, run_id):
        written = load_part(con, part, run_id)  # SA2's rows written, not yet committed
        if any(f["meeting"].str.starts_with("SA2").any() for f in part.tdocs):
            raise RuntimeError("disk full")
        return written

    monkeypatch.setattr(threegpp, "_load_part", failing_on_s2)
    with pytest.raises(RuntimeError) as failed:
        threegpp.load_threegpp(con, whole_batch(), "run", load_reference())
    assert failed.value.loaded_groups == ["member lists", "R1", "RP"]  # type: ignore[attr-defined]
    assert tdocs(con) == {"RAN1#87": 2741, "RAN#90-e": 813}

    # the derived rebuild comes after the last group and did not run; whatever runs the
    # next rebuild (the next load, or the check each refresh starts with) sees the tables
    # the groups wrote as changed and recomputes what depends on them
    assert rights(con) == 0
    with transaction(con):
        caught_up = rebuild_derived(con, load_reference(), touched=())
    assert {"resolution", "blocs"} <= set(caught_up.recomputed)
    assert rights(con) > 0

    monkeypatch.setattr(threegpp, "_load_part", load_part)
    summary = threegpp.load_threegpp(con, whole_batch(), "run", load_reference())
    assert tdocs(con) == ROWS
    clean = fresh(tmp_path / "clean.duckdb")
    threegpp.load_threegpp(clean, whole_batch(), "run", load_reference())
    for table in ("threegpp_voting_rights", "affiliation_resolution", "threegpp_cosigners"):
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert con.execute(query).fetchall() == clean.execute(query).fetchall(), table
    assert summary.rows["threegpp_tdocs"] == sum(ROWS.values())


def rights(con: duckdb.DuckDBPyConnection) -> int:
    ((count,),) = con.execute(
        "SELECT count(*) FROM threegpp_voting_rights WHERE meeting = 'RAN1#87'"
    ).fetchall()
    return int(count)


def test_parts_are_taken_one_at_a_time_each_committed_before_the_next_is_asked_for(tmp_path):
    """load_threegpp_parts pulls a part only when the one before it is committed, so a
    producer that reads or generates one group at a time never holds the whole body."""
    con = fresh(tmp_path / "sdo.duckdb")
    committed_before: list[dict[str, int]] = []

    def produced():
        for group, part in whole_batch().by_group():
            with con.cursor() as other:  # its own connection: sees committed rows only
                committed_before.append(tdocs(other))
            yield group, part

    threegpp.load_threegpp_parts(con, produced(), "run", load_reference())
    assert committed_before == [{}, {}, {"RAN1#87": 2741}, {"RAN1#87": 2741, "RAN#90-e": 813}]
    assert tdocs(con) == ROWS
