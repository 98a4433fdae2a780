"""`sdo orgs resolve|unmatched` and the user's overrides file (SDO_ORG_OVERRIDES)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import FIXTURES
from warehouse.orgs.lookup import resolve_strings
from warehouse.orgs.reference import ReferenceError, load_reference

runner = CliRunner()


def rows(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


def test_resolve_prints_the_contract_columns_with_dated_groups():
    result = runner.invoke(
        app,
        [
            "orgs",
            "resolve",
            "Futurewei Technologies",
            "Alcatel-Lucent",
            "",
            "--on",
            "2015-06-01",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    out = rows(result.output)
    assert list(out[0])[:5] == ["raw", "org", "org_group", "hq_country", "method"]
    assert [(r["raw"], r["org_group"], r["hq_country"]) for r in out] == [
        ("Futurewei Technologies", "Huawei", "CN"),
        ("Alcatel-Lucent", "Alcatel-Lucent", "FR"),  # Nokia only from 2016-01-14
        ("", "Unspecified", ""),
    ]


def test_group_lookup_is_not_fooled_by_the_callers_alias():
    """org_group_on is a macro: an argument written a.org_id once matched every row."""
    frame = resolve_strings(load_reference(), ["HiSilicon", "Cisco Systems"], date(2021, 3, 6))
    assert frame["org_group"].to_list() == ["Huawei", "Cisco"]


def test_overrides_win_and_can_add_organizations(tmp_path, monkeypatch):
    overrides = tmp_path / "mine.csv"
    overrides.write_text(
        "alias,org_id,match,name,hq_country,parent_id\n"
        "Acme Networks,acme,exact,Acme Networks,DE,\n"
        "Acme Labs,acme-labs,prefix,Acme Labs,DE,acme\n"
        "Cisco Systems,huawei,exact,,,\n"  # deliberately odd: proves overrides win
    )
    monkeypatch.setenv("SDO_ORG_OVERRIDES", str(overrides))
    result = runner.invoke(
        app,
        [
            "orgs",
            "resolve",
            "Acme Networks, Inc.",
            "Acme Labs Berlin",
            "Cisco Systems",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    got = {r["raw"]: (r["org"], r["org_group"], r["hq_country"]) for r in rows(result.output)}
    assert got == {
        "Acme Networks, Inc.": ("Acme Networks", "Acme Networks", "DE"),
        "Acme Labs Berlin": ("Acme Labs", "Acme Networks", "DE"),
        "Cisco Systems": ("Huawei", "Huawei", "CN"),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("alias,org\nX,y\n", "expected columns alias,org_id"),
        ("alias,org_id\nX,no-such-org\n", "a new org_id needs a name"),
        ("alias,org_id,match\nX,cisco,regex\n", "match must be exact or prefix"),
        ("alias,org_id,name,hq_country\nX,new,New,Germany\n", "ISO 3166"),
    ],
)
def test_bad_overrides_name_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "overrides.csv"
    path.write_text(content)
    with pytest.raises(ReferenceError, match=message) as raised:
        load_reference(overrides=path)
    assert str(path) in str(raised.value)


def test_unmatched_lists_what_curation_should_look_at(tmp_path):
    db = tmp_path / "sdo.duckdb"
    lists = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"
    assert runner.invoke(app, ["import", "tdoc-list", str(lists), "--db", str(db)]).exit_code == 0
    result = runner.invoke(
        app,
        ["orgs", "unmatched", "--body", "3gpp", "--top", "5", "--format", "csv", "--db", str(db)],
    )
    assert result.exit_code == 0, result.output
    out = rows(result.output)
    assert 0 < len(out) <= 5 and {r["body"] for r in out} == {"3gpp"}
    uses = [int(r["uses"]) for r in out]
    assert uses == sorted(uses, reverse=True)
    assert runner.invoke(app, ["orgs", "unmatched", "--body", "w3c"]).exit_code == 2


def test_resolve_uses_the_loaded_member_list_and_takes_dash_strings(tmp_path):
    """With --db, the latest 3GPP member list is a layer of the resolver as in a load; a
    string that starts with dashes (a real affiliation is '--None--') goes after '--'."""
    import duckdb

    from tests.conftest import one_meeting_warehouse

    db = tmp_path / "sdo.duckdb"
    one_meeting_warehouse(db, ["Huawei"])
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO threegpp_members VALUES (DATE '2025-01-01', '450connect', "
            "'450connect GmbH', 'ETSI', 'Germany', 'DE', 'individual', NULL)"
        )
    asked = ["orgs", "resolve", "--format", "csv", "450connect GmbH", "--", "--None--"]
    with_db = runner.invoke(app, [*asked[:2], "--db", str(db), *asked[2:]])
    assert with_db.exit_code == 0, with_db.output
    found = {r["raw"]: r for r in rows(with_db.output)}
    assert (found["450connect GmbH"]["method"], found["450connect GmbH"]["hq_country"]) == (
        "member_list",
        "DE",
    )
    assert found["'--None--"]["org"] == "Unspecified"  # made inert for spreadsheets in CSV
    without = runner.invoke(app, [*asked[:2], "--db", str(tmp_path / "none.duckdb"), *asked[2:]])
    assert rows(without.output)[0]["method"] == "unresolved"
