"""The 3GPP membership list (``3GPPMembership.csv``): every Individual Member with the
Organizational Partner it joined through and its country.

Voting and the per-group vote caps are per Individual Member, so this list is what turns a
company name seen in a TDoc or a participant list into the member entities that count.

The export this parser was written against had its commas replaced by double spaces
(``Huawei Device Co.  Ltd``, ``TAIWAN  PROVINCE OF CHINA``), so a run of two or more spaces
inside a name or a country is read back as ``", "``. Single spaces are left alone, and
nothing else in a name is changed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import polars as pl
import pycountry

MEMBERSHIP_SCHEMA = pl.Schema(
    {
        "short_name": pl.String,
        "long_name": pl.String,
        "partner": pl.String,  # ARIB, ATIS, CCSA, ETSI, TSDSI, TTA, TTC
        "country_name": pl.String,  # as written, commas restored
        "country_code": pl.String,  # ISO 3166-1 alpha-2; null when the name is unknown
        "member_type": pl.String,  # individual | organizational_partner | as written, lower
    }
)
PARTNERS = frozenset({"ARIB", "ATIS", "CCSA", "ETSI", "TSDSI", "TTA", "TTC"})
_COLUMNS = {
    "short_name": "short_name",
    "long_name": "long_name",
    "country": "country_name",
    "partner": "partner",
    "type": "member_type",
}
_MEMBER_TYPES = {
    "individual members": "individual",
    "individual member": "individual",
    "organizational partners": "organizational_partner",
    "organizational partner": "organizational_partner",
}
# Spellings 3GPP (and ETSI) use that pycountry's lookup does not know. Keys are upper-case.
COUNTRY_ALIASES: dict[str, str] = {
    "KOREA": "KR",
    "KOREA (REPUBLIC OF)": "KR",
    "REPUBLIC OF KOREA": "KR",
    "SOUTH KOREA": "KR",
    "TAIWAN": "TW",
    "TAIWAN, PROVINCE OF CHINA": "TW",
    "RUSSIA": "RU",
    "RUSSIAN FEDERATION": "RU",
    "TURKEY": "TR",
    "TÜRKIYE": "TR",
    "VIETNAM": "VN",
    "IRAN": "IR",
    "USA": "US",
    "UK": "GB",
    "GREAT BRITAIN": "GB",
    "CZECH REPUBLIC": "CZ",
    "HONG KONG": "HK",
    "MACAO": "MO",
    "MACAU": "MO",
}


class MembershipError(ValueError):
    pass


def parse_membership(data: bytes | Path, source_name: str) -> pl.DataFrame:
    """``3GPPMembership.csv`` → one row per member entity, in ``MEMBERSHIP_SCHEMA``."""
    if isinstance(data, Path):
        data = data.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MembershipError(f"{source_name}: not UTF-8 text ({exc})") from exc
    try:
        raw = pl.read_csv(io.StringIO(text), infer_schema=False)
    except pl.exceptions.PolarsError as exc:
        raise MembershipError(f"{source_name}: not a readable CSV ({exc})") from exc
    found = {_norm_header(c): c for c in raw.columns}
    missing = [c for c in _COLUMNS if c not in found]
    if missing:
        raise MembershipError(
            f"{source_name}: missing column(s) {missing}; header found: {raw.columns}; "
            f"expected {list(_COLUMNS)} (case and spacing ignored)"
        )
    frame = raw.select([pl.col(found[c]).alias(_COLUMNS[c]) for c in _COLUMNS]).with_columns(
        pl.col("short_name", "long_name", "country_name").map_elements(
            _restore_commas, return_dtype=pl.String
        ),
        pl.col("partner").str.strip_chars().str.to_uppercase(),
        pl.col("member_type")
        .str.strip_chars()
        .str.to_lowercase()
        .replace(_MEMBER_TYPES)
        .alias("member_type"),
    )
    return frame.with_columns(
        pl.col("country_name")
        .map_elements(_country_code, return_dtype=pl.String)
        .alias("country_code")
    ).select(list(MEMBERSHIP_SCHEMA))


def unknown_countries(members: pl.DataFrame) -> list[str]:
    """Country names left without a code: each needs a line in ``COUNTRY_ALIASES``."""
    return sorted(
        members.filter(pl.col("country_code").is_null() & pl.col("country_name").is_not_null())
        .get_column("country_name")
        .unique()
        .to_list()
    )


def _norm_header(name: str) -> str:
    return re.sub(r"[\s_]+", "_", name.strip().lower())


def _restore_commas(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return re.sub(r"\s{2,}", ", ", value) or None


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    alias = COUNTRY_ALIASES.get(name.strip().upper())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return None
