"""Loading 3GPP batches: partitions replaced whole, idempotent, and the contribution math."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.schemas import COSIGNER_SCHEMA, TDOC_SCHEMA
from tests.conftest import FIXTURES
from warehouse.loads.threegpp import load_threegpp, meetings_with_final_lists
from warehouse.orgs.reference import load_reference
from warehouse.store.db import apply_views, connect, migrate

MEETING = "RAN1#87"


def tdocs(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    """(tdoc, source, status) → a TDOC_SCHEMA frame with lineage columns."""
    frame = pl.DataFrame(
        {
            "meeting": [MEETING] * len(rows),
            "tdoc": [r[0] for r in rows],
            "source": [r[1] for r in rows],
            "status": [r[2] for r in rows],
            "type": ["discussion"] * len(rows),
        },
    )
    full = pl.DataFrame(schema=TDOC_SCHEMA).vstack(
        frame.select(
            [
                pl.col(c) if c in frame.columns else pl.lit(None, TDOC_SCHEMA[c]).alias(c)
                for c in TDOC_SCHEMA
            ]
        )
    )
    return full.with_columns(list_format=pl.lit("tdoc_list"), raw_sha256=pl.lit("x"))


def cosigners(
    rows: list[tuple[str, int, str, float | Decimal]], origin: str = "source"
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "meeting": MEETING,
            "tdoc": [r[0] for r in rows],
            "position": [r[1] for r in rows],
            "party": [r[2] for r in rows],
            "role": None,
            "kind": "company",
            "weight": [Decimal(str(r[3])) for r in rows],
        },
        schema=COSIGNER_SCHEMA,
    ).with_columns(origin=pl.lit(origin))


def calendar() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "meeting": [MEETING],
            "group_code": ["R1"],
            "mtg_id": [1],
            "code": ["R1-87"],
            "title": ["3GPPRAN1#87"],
            "town": ["Reno"],
            "start_date": [date(2016, 11, 14)],
            "end_date": [date(2016, 11, 18)],
            "first_tdoc": [None],
            "last_tdoc": [None],
            "folder": ["TSGR1_87"],
        },
        schema_overrides={"first_tdoc": pl.String, "last_tdoc": pl.String},
    )


@pytest.fixture
def con(tmp_path: Path):
    c = connect(tmp_path / "g.duckdb")
    migrate(c)
    apply_views(c)
    yield c
    c.close()


@pytest.fixture(scope="module")
def reference():
    return load_reference(FIXTURES / "reference")


def batch() -> ThreeGppBatch:
    return ThreeGppBatch(
        meetings=[calendar()],
        tdocs=[
            tdocs(
                [
                    ("R1-1", "Huawei, HiSilicon, Cisco", "agreed"),
                    ("R1-2", "Cisco", "noted"),
                    ("R1-3", "Huawei", "withdrawn"),
                    ("R1-4", "Futurewei", "available"),
                ]
            )
        ],
        cosigners=[
            cosigners(
                [
                    # as cosigner_frame splits it: whole millionths adding up to 1
                    ("R1-1", 1, "Huawei", Decimal("0.333334")),
                    ("R1-1", 2, "HiSilicon", Decimal("0.333333")),
                    ("R1-1", 3, "Cisco", Decimal("0.333333")),
                    ("R1-2", 1, "Cisco", 1.0),
                    ("R1-3", 1, "Huawei", 1.0),
                    ("R1-4", 1, "Futurewei", 1.0),
                ]
            )
        ],
    )


def dump(con) -> dict[str, list[tuple]]:
    names = ["threegpp_meetings", "threegpp_tdocs", "threegpp_cosigners"]
    return {n: sorted(con.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}


def test_contributions_full_fractional_and_approval(con, reference):
    load_threegpp(con, batch(), "r1", reference)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT org_group, contributions, fractional, approved, approval_rate, treated "
            "FROM contributions_by_group WHERE meeting = ?",
            [MEETING],
        ).fetchall()
    }
    # Huawei signs R1-1 twice over (Huawei + HiSilicon: 2/3), R1-3 (withdrawn), R1-4 via
    # Futurewei (available: not treated). Cisco: R1-1 (1/3, agreed), R1-2 (noted).
    # R1-1's three co-signers hold 0.333334, 0.333333 and 0.333333 (the first carries
    # the leftover millionth), so each TDoc's shares add up to exactly 1
    assert rows["Huawei"] == (3, Decimal("2.666667"), 1, 1.0, 1)
    assert rows["Cisco"] == (2, Decimal("1.333333"), 1, 0.5, 2)


def test_same_batch_twice_changes_nothing(con, reference):
    load_threegpp(con, batch(), "r1", reference)
    first = dump(con)
    load_threegpp(con, batch(), "r2", reference)
    assert dump(con) == first


def test_a_corrected_list_replaces_the_meeting_whole(con, reference):
    load_threegpp(con, batch(), "r1", reference)
    fewer = ThreeGppBatch(
        tdocs=[tdocs([("R1-2", "Cisco", "noted")])],
        cosigners=[cosigners([("R1-2", 1, "Cisco", 1.0)])],
    )
    load_threegpp(con, fewer, "r2", reference)
    assert con.execute("SELECT tdoc FROM threegpp_tdocs").fetchall() == [("R1-2",)]
    assert con.execute("SELECT count(*) FROM threegpp_cosigners").fetchall()[0] == (1,)


def test_report_cosigners_do_not_replace_source_cosigners(con, reference):
    load_threegpp(con, batch(), "r1", reference)
    report = ThreeGppBatch(
        cosigners=[
            cosigners(
                [
                    ("R1-1", i, p, 0.25)
                    for i, p in enumerate(["Huawei", "ZTE", "Cisco", "Google"], 1)
                ],
                origin="report",
            )
        ]
    )
    load_threegpp(con, report, "r2", reference)
    counts = dict(
        con.execute("SELECT origin, count(*) FROM threegpp_cosigners GROUP BY 1").fetchall()
    )
    assert counts == {"source": 6, "report": 4}


def test_a_meeting_known_only_from_a_file_gets_a_stub(con, reference):
    only_tdocs = ThreeGppBatch(tdocs=[tdocs([("R1-9", "Cisco", "noted")])])
    load_threegpp(con, only_tdocs, "r1", reference)
    assert con.execute("SELECT meeting, group_code, folder FROM threegpp_meetings").fetchall() == [
        (MEETING, "R1", "TSGR1_87")
    ]
    assert meetings_with_final_lists(con) == set()  # no end date known: not final


def test_a_list_fetched_after_the_meeting_is_final(con, reference):
    load_threegpp(con, batch(), "r1", reference)
    # lineage 'x' has no raw response: an imported list, final once the meeting ended
    assert meetings_with_final_lists(con) == {MEETING}
