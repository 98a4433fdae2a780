"""The shipped organization reference: it loads, and the big groups roll up as they should."""

from __future__ import annotations

from datetime import date

import pytest

from warehouse.orgs.reference import Reference, load_reference
from warehouse.orgs.resolve import resolver_for, store_reference
from warehouse.store.db import apply_views, connect, migrate


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def con(reference, tmp_path_factory):
    connection = connect(tmp_path_factory.mktemp("ref") / "ref.duckdb")
    migrate(connection)
    apply_views(connection)
    store_reference(connection, reference)
    yield connection
    connection.close()


def group_on(con, raw: str, day: date, reference: Reference) -> str:
    org_id = resolver_for(reference).resolve(raw).org_id
    (group,) = con.execute("SELECT org_group_on(?, ?)", [org_id, day]).fetchall()[0]
    return reference.names()[group]


@pytest.mark.parametrize(
    ("raw", "day", "group"),
    [
        ("Futurewei Technologies", date(2021, 3, 6), "Huawei"),
        ("HiSilicon", date(2021, 3, 6), "Huawei"),
        ("Huawei Technologies Co., Ltd", date(2021, 3, 6), "Huawei"),
        ("Huawei Technologies France", date(2021, 3, 6), "Huawei"),
        ("Nokia Shanghai Bell", date(2021, 3, 6), "Nokia"),
        ("Alcatel-Lucent", date(2015, 3, 22), "Alcatel-Lucent"),
        ("Alcatel-Lucent", date(2016, 4, 3), "Nokia"),
        ("Motorola Mobility", date(2013, 3, 10), "Google"),
        ("Motorola Mobility", date(2015, 3, 22), "Lenovo"),
        ("Juniper Networks", date(2024, 11, 2), "Juniper Networks"),
        ("Juniper Networks", date(2025, 7, 19), "Hewlett Packard Enterprise"),
        ("Cisco Systems, Inc.", date(2021, 3, 6), "Cisco"),
    ],
)
def test_groups_on_the_meeting_date(con, reference, raw, day, group):
    assert group_on(con, raw, day, reference) == group


def test_hq_countries_of_the_big_groups(reference):
    hq = dict(
        zip(reference.organizations["org_id"], reference.organizations["hq_country"], strict=True)
    )
    assert (hq["huawei"], hq["futurewei"], hq["cisco"], hq["ericsson"], hq["nokia"]) == (
        "CN",
        "US",
        "US",
        "SE",
        "FI",
    )


def test_no_alias_matches_inside_a_word(reference):
    resolver = resolver_for(reference)
    for raw in ["Connection Networks", "Necessary Systems", "Intelligent Automation"]:
        assert resolver.resolve(raw).method == "unresolved", raw
