"""The 3GPP membership list (January 2025 export, commas turned into double spaces)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from scrapers.threegpp.membership import (
    MEMBERSHIP_SCHEMA,
    MembershipError,
    parse_membership,
    unknown_countries,
)

CSV = Path(__file__).parent / "fixtures" / "threegpp" / "membership" / "3GPPMembership_2025-01.csv"


@pytest.fixture(scope="module")
def members() -> pl.DataFrame:
    return parse_membership(CSV, CSV.name)


def _counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    return dict(frame.group_by(column).len().iter_rows())


def test_schema_and_totals(members: pl.DataFrame) -> None:
    assert members.schema == MEMBERSHIP_SCHEMA
    assert members.height == 840
    assert _counts(members, "member_type") == {"individual": 833, "organizational_partner": 7}


def test_members_by_partner_and_country(members: pl.DataFrame) -> None:
    individual = members.filter(pl.col("member_type") == "individual")
    assert _counts(individual, "partner") == {
        "ETSI": 449,
        "CCSA": 169,
        "ATIS": 84,
        "TSDSI": 54,
        "TTA": 36,
        "ARIB": 28,
        "TTC": 13,
    }
    by_country = _counts(individual, "country_code")
    assert {k: by_country[k] for k in ("CN", "US", "DE", "GB", "FR", "IN", "JP", "KR")} == {
        "CN": 184,
        "US": 104,
        "DE": 64,
        "GB": 63,
        "FR": 55,
        "IN": 55,
        "JP": 46,
        "KR": 37,
    }


def test_every_country_has_a_code(members: pl.DataFrame) -> None:
    assert unknown_countries(members) == []
    assert members["country_code"].null_count() == 0
    codes = dict(members.select("country_name", "country_code").unique().iter_rows())
    assert codes["KOREA (REPUBLIC OF)"] == "KR"
    assert codes["TAIWAN, PROVINCE OF CHINA"] == "TW"
    assert codes["TÜRKIYE"] == "TR"


def test_commas_restored(members: pl.DataFrame) -> None:
    device = members.filter(pl.col("long_name") == "Huawei Device Co., Ltd")
    assert device.select("short_name", "partner", "country_code").rows() == [
        ("Huawei Device Co., Ltd", "CCSA", "CN")
    ]
    assert not members["long_name"].str.contains("  ").any()
    tsdsi = members.filter(pl.col("short_name") == "TSDSI").row(0, named=True)
    assert tsdsi["long_name"] == "Telecommunications Standards Development Society, India"
    assert tsdsi["member_type"] == "organizational_partner"


def test_unknown_country_is_null_and_listed() -> None:
    data = b"short_name,long_name,Country,Partner,Type\nX,X Ltd,ATLANTIS,ETSI,INDIVIDUAL MEMBERS\n"
    frame = parse_membership(data, "m.csv")
    assert frame["country_code"].to_list() == [None]
    assert unknown_countries(frame) == ["ATLANTIS"]


def test_renamed_column_is_an_error() -> None:
    data = CSV.read_bytes().replace(b"Partner", b"OP", 1)
    with pytest.raises(MembershipError, match=r"members\.csv.*\['partner'\].*'OP'"):
        parse_membership(data, "members.csv")
