"""Derived tables follow the records: a load that changed nothing recomputes nothing, a
change recomputes what depends on it, and the result is what a full rebuild gives.

The warehouses here are built from constructed registrations (people p0…p23 at IETF
118-123 under six real company names): what is tested is the bookkeeping of
warehouse/derived/steps.py, not any figure of the sample.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

import warehouse.nomcom.pool as nomcom_pool
from scrapers.ietf.meetings import MEETING_SCHEMA
from scrapers.ietf.registrations import REGISTRATION_SCHEMA
from scrapers.ietf.source import IetfBatch
from scrapers.threegpp.files import tdoc_list_batch
from tests.conftest import FIXTURES
from warehouse.derived.contributions import CONTRIBUTION_INPUTS
from warehouse.derived.digests import RESOLUTION_INPUTS, current_digests
from warehouse.derived.participation import PARTICIPATION_INPUTS
from warehouse.derived.steps import RESOLUTION, STEPS, rebuild_derived, stored_steps
from warehouse.loads.ietf import load_ietf
from warehouse.loads.threegpp import load_threegpp
from warehouse.orgs.reference import load_reference
from warehouse.orgs.resolve import resolve_affiliations
from warehouse.store.db import apply_views, connect, migrate

SQL = Path(__file__).resolve().parent.parent / "sql"
STARTS = {
    "118": date(2023, 11, 4),
    "119": date(2024, 3, 16),
    "120": date(2024, 7, 20),
    "121": date(2024, 11, 2),
    "122": date(2025, 3, 15),
    "123": date(2025, 7, 19),
}
COMPANIES = ["Huawei", "Cisco Systems", "Google", "Ericsson", "Nokia", "Apple Inc."]
PEOPLE = {f"p{i}": COMPANIES[i % len(COMPANIES)] for i in range(24)}


def batch(registrations: dict[str, dict[str, str]], page: str | None = None) -> IetfBatch:
    """``registrations``: meeting → person → affiliation typed."""
    meetings = pl.DataFrame(
        [
            (m, None, STARTS[m], STARTS[m] + timedelta(days=6), None, None, None, None, None)
            for m in registrations
        ],
        schema=MEETING_SCHEMA,
        orient="row",
    )
    regs = pl.DataFrame(
        [
            (m, "registration", i, person, text, "US", "onsite", None, True, True, page, True)
            for m, people in registrations.items()
            for i, (person, text) in enumerate(sorted(people.items()))
        ],
        schema=REGISTRATION_SCHEMA,
        orient="row",
    )
    return IetfBatch(meetings, regs)


def everyone_at(*meetings: str, **extra: str) -> dict[str, dict[str, str]]:
    return {m: {**PEOPLE, **extra} for m in meetings}


def load(
    con: duckdb.DuckDBPyConnection,
    registrations: dict[str, dict[str, str]],
    ref=None,
    page: str | None = None,
):
    return load_ietf(con, batch(registrations, page), [], "run", ref or load_reference())


def rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def organizations(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str]]:
    """raw → (org_id, org_name) of single-part affiliations."""
    found = con.execute("SELECT raw, org_id, org_name FROM affiliation_resolution WHERE part = 1")
    return {raw: (org_id, name) for raw, org_id, name in found.fetchall()}


@pytest.fixture
def warehouse(tmp_path: Path):
    con = connect(tmp_path / "sdo.duckdb")
    migrate(con)
    apply_views(con)
    yield con
    con.close()


def test_a_load_that_changes_nothing_recomputes_nothing(warehouse):
    first = load(warehouse, everyone_at("118", "119", "120", "121", "122"))
    assert first.recomputed == (
        "resolution",
        "participation:ietf",
        "participation:3gpp",
        "contributions",
        "nomcom",
        "ietf_tables",
        "blocs",
    )
    before = {t: rows(warehouse, t) for t in ("ietf_nomcom_seats", "ietf_nomcom_eligible")}
    resolution = rows(warehouse, "affiliation_resolution")
    # the same records, read from another response: lineage is not content
    again = load(warehouse, everyone_at("118", "119", "120", "121", "122"), page="ab" * 32)
    assert again.recomputed == ()
    assert again.resolution == first.resolution and again.nomcom_years == first.nomcom_years
    assert {t: rows(warehouse, t) for t in before} == before
    assert rows(warehouse, "affiliation_resolution") == resolution


def test_new_strings_resolve_as_a_full_resolution_would(warehouse, tmp_path):
    load(warehouse, everyone_at("118", "119", "120", p91="ACME networks"))
    assert organizations(warehouse)["ACME networks"] == (None, "ACME networks")
    # a new spelling of a known company, and a spelling of the unknown company now used
    # more than the one first seen: the stored row must take the new shared name
    changed = everyone_at("118", "119", "120", p90="Huawei Technologies", p91="ACME networks")
    changed["121"] = {f"p9{i}": "Acme Networks" for i in range(2, 6)}
    summary = load(warehouse, changed)
    assert RESOLUTION in summary.recomputed
    incremental = rows(warehouse, "affiliation_resolution")
    names = organizations(warehouse)
    assert names["ACME networks"] == names["Acme Networks"] == (None, "Acme Networks")
    assert names["Huawei Technologies"] == names["Huawei"]

    resolve_affiliations(warehouse, load_reference())  # full, from scratch
    assert rows(warehouse, "affiliation_resolution") == incremental


def test_a_changed_reference_resolves_every_string_again(warehouse):
    load(warehouse, everyone_at("118", "119", "120", p90="Zyxwv Labs"))
    assert organizations(warehouse)["Zyxwv Labs"] == (None, "Zyxwv Labs")
    reference = load_reference()
    alias = pl.DataFrame(
        [("Zyxwv Labs", "nokia", "exact", "test")], schema=reference.aliases.schema, orient="row"
    )
    curated = replace(reference, aliases=pl.concat([reference.aliases, alias]))
    summary = load(warehouse, everyone_at("118", "119", "120", p90="Zyxwv Labs"), curated)
    assert summary.recomputed == STEPS  # a new basis: every step, in full
    assert organizations(warehouse)["Zyxwv Labs"] == organizations(warehouse)["Nokia"]


def test_seat_odds_are_drawn_again_only_for_years_whose_pool_changed(
    warehouse, tmp_path, monkeypatch
):
    draws: list[int] = []
    simulate = nomcom_pool.simulate_seats

    def counted(cap_keys, **kwargs):
        draws.append(len(cap_keys))
        return simulate(cap_keys, **kwargs)

    monkeypatch.setattr(nomcom_pool, "simulate_seats", counted)
    load(warehouse, everyone_at("118", "119", "120", "121", "122"))
    assert draws == [24, 24]  # NomCom 2025 and 2026, both from IETF 118-122
    seats_2025 = rows(warehouse, "ietf_nomcom_seats")
    seats_2025 = [r for r in seats_2025 if r[0] == 2025]

    # q attends 121-123: three of 2026's last five meetings, two of 2025's
    later = everyone_at("118", "119", "120", "121", "122", "123")
    for meeting in ("121", "122", "123"):
        later[meeting]["q"] = "Google"
    draws.clear()
    load(warehouse, later)
    assert draws == [25]  # 2026 only
    seats = rows(warehouse, "ietf_nomcom_seats")
    assert [r for r in seats if r[0] == 2025] == seats_2025
    assert {r[1]: r[3] for r in seats if r[0] == 2026}["Google"] == 5

    copy = tmp_path / "full.duckdb"
    warehouse.execute("CHECKPOINT")
    shutil.copy(Path(warehouse.execute("PRAGMA database_list").fetchall()[0][2]), copy)
    with connect(copy) as full:
        rebuild_derived(full, load_reference(), force=True)
        assert rows(full, "ietf_nomcom_seats") == seats


def test_a_forced_rebuild_changes_no_input_digest(warehouse):
    """Every table a derived step writes is kept out of the inputs: otherwise each rebuild
    would change what the next load compares against, and no load would ever skip."""
    load(warehouse, everyone_at("118", "119", "120", "121", "122"))
    before = current_digests(warehouse)
    rebuild_derived(warehouse, load_reference(), force=True)
    assert current_digests(warehouse) == before


def test_the_resolution_inputs_are_the_tables_affiliation_uses_counts():
    view = (SQL / "views" / "010_affiliation_strings.sql").read_text()
    counted = set(re.findall(r"\bFROM (\w+)", view)) - {"affiliation_uses"}
    assert counted == set(RESOLUTION_INPUTS)


def test_the_participation_inputs_are_the_record_tables_its_views_read():
    read = set()
    for view in ("040_participation.sql", "015_threegpp_meeting_dates.sql"):
        text = (SQL / "views" / view).read_text()
        read |= set(re.findall(r"\b(?:FROM|JOIN) ((?:ietf|threegpp)_\w+)", text))
    read -= {"threegpp_meeting_dates"}  # a view, over the tables it names
    assert read == {t for tables in PARTICIPATION_INPUTS.values() for t in tables}


def test_stored_participation_rows_are_what_the_query_gives(warehouse):
    load(warehouse, everyone_at("118", "119", p90="Futurewei", p91="Huawei / Google"))
    stored = rows(warehouse, "participation_resolved")
    sql = (SQL / "derive" / "participation_rows.sql").read_text()
    computed = sorted(
        warehouse.execute(sql, {"body": "ietf"}).fetchall()
        + warehouse.execute(sql, {"body": "3gpp"}).fetchall(),
        key=repr,
    )
    # two meetings of 26 people, one of them with a joint affiliation: a row per organization
    assert stored == computed and len(stored) == 2 * (len(PEOPLE) + 2 + 1)
    joint = sorted((r[10], r[13]) for r in stored if r[4] == "Huawei / Google" and r[1] == "118")
    assert joint == [("Google", Decimal("0.5")), ("Huawei", Decimal("0.5"))]


def test_the_contribution_inputs_are_the_record_tables_its_query_reads():
    read = set()
    for sql in (
        SQL / "derive" / "contribution_rows.sql",
        SQL / "views" / "015_threegpp_meeting_dates.sql",
        SQL / "views" / "088_threegpp_list_decisions.sql",
    ):
        read |= set(re.findall(r"\b(?:FROM|JOIN) (threegpp_\w+)", sql.read_text()))
    read -= {"threegpp_meeting_dates", "threegpp_list_decisions"}  # views, over these
    assert read == set(CONTRIBUTION_INPUTS)


def test_stored_contribution_rows_are_what_the_query_gives(warehouse):
    path = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"
    batch = tdoc_list_batch(path.read_bytes(), path.name, None, "sha")
    load_threegpp(warehouse, batch, "run", load_reference())
    stored = rows(warehouse, "contributions")
    sql = (SQL / "derive" / "contribution_rows.sql").read_text()
    assert stored == sorted(warehouse.execute(sql, {"meetings": None}).fetchall(), key=repr)
    # RAN1#87's list: 2,721 TDocs signed by a company; a TDoc's company shares sum to at
    # most one (the rest, if any, is a working group's), up to the 18th decimal place
    # each share is rounded to
    ((documents, most),) = warehouse.execute(
        "SELECT count(*), max(total) FROM "
        "(SELECT tdoc, sum(fractional) AS total FROM contributions GROUP BY tdoc)"
    ).fetchall()
    assert (documents, len(stored)) == (2721, 3962) and abs(most - 1) < Decimal("1e-17")


def test_contribution_rows_are_recomputed_for_the_meetings_a_load_changed(warehouse):
    def load_list(name: str) -> dict[str, object]:
        path = FIXTURES / "threegpp" / "tdoc_lists" / name
        batch = tdoc_list_batch(path.read_bytes(), path.name, None, "sha")
        load_threegpp(warehouse, batch, "run", load_reference())
        return stored_steps(warehouse)["contributions"].summary

    assert load_list("TDoc_List_TSGR1_87.xlsx") == {"rows": 3962, "meetings": 1}
    first = rows(warehouse, "contributions")
    second = load_list("TDoc_List_TSGR1_89.xlsx")
    # RAN1#87's rows were kept, RAN1#89's added: what a full rebuild gives
    sql = (SQL / "derive" / "contribution_rows.sql").read_text()
    stored = rows(warehouse, "contributions")
    assert second["meetings"] == 1 and second["rows"] == len(stored) > len(first)
    assert stored == sorted(warehouse.execute(sql, {"meetings": None}).fetchall(), key=repr)
    assert [r for r in stored if r[1] == "RAN1#87"] == first


def test_a_3gpp_load_leaves_the_ietf_steps_alone(warehouse):
    load(warehouse, everyone_at("118", "119", "120", "121", "122"))
    path = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"
    batch = tdoc_list_batch(path.read_bytes(), path.name, None, "sha")
    summary = load_threegpp(warehouse, batch, "run", load_reference())
    # new co-signing names are resolved and the blocs built; the IETF strings' resolution
    # did not change, so neither did the NomCom pool or the authorship tables
    assert summary.recomputed == (RESOLUTION, "participation:3gpp", "contributions", "blocs")
