"""Curated organization reference data (warehouse/reference/*.csv), read and checked.

The CSVs are reviewed like code, so mistakes in them fail loudly with the file
and line: a parent that names no organization, a duplicated id, a country that
is not ISO alpha-2, a match kind other than exact/prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "reference"

ORGANIZATION_SCHEMA = pl.Schema(
    {
        "org_id": pl.String,
        "name": pl.String,
        "kind": pl.String,
        "hq_country": pl.String,
        "evidence": pl.String,
    }
)
PARENT_SCHEMA = pl.Schema(
    {
        "org_id": pl.String,
        "parent_id": pl.String,
        "valid_from": pl.String,
        "valid_to": pl.String,
        "evidence": pl.String,
    }
)
ALIAS_SCHEMA = pl.Schema(
    {"alias": pl.String, "org_id": pl.String, "match": pl.String, "source": pl.String}
)


class ReferenceError(ValueError):
    pass


@dataclass(frozen=True)
class Reference:
    organizations: pl.DataFrame
    parents: pl.DataFrame  # valid_from / valid_to as Date
    aliases: pl.DataFrame

    def names(self) -> dict[str, str]:
        return dict(zip(self.organizations["org_id"], self.organizations["name"], strict=True))


def _read(path: Path, schema: pl.Schema) -> pl.DataFrame:
    if not path.exists():
        raise ReferenceError(f"{path}: reference file missing")
    frame = pl.read_csv(path, schema_overrides=schema, infer_schema=False, encoding="utf8")
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise ReferenceError(f"{path}: expected columns {list(schema)}, missing {missing}")
    return frame.select(list(schema)).with_columns(pl.col(pl.String).str.strip_chars())


def _fail_rows(path: Path, frame: pl.DataFrame, bad: pl.Series, what: str) -> None:
    if bad.any():
        # +2: one for the header, one because CSV lines count from 1.
        lines = [i + 2 for i in bad.arg_true().head(5).to_list()]
        raise ReferenceError(f"{path}: {what} (lines {lines})")


OVERRIDE_COLUMNS = ("alias", "org_id", "match", "name", "kind", "hq_country", "parent_id")


def apply_overrides(reference: Reference, path: Path) -> Reference:
    """A user's own mappings (SDO_ORG_OVERRIDES), winning over the shipped ones.

    One row per alias: ``alias,org_id`` (``match`` exact by default, or prefix). An
    org_id the shipped data does not know becomes a new organization: then ``name`` is
    required and ``kind``, ``hq_country`` and ``parent_id`` (open-ended) are optional.
    """
    if not path.exists():
        raise ReferenceError(f"{path}: SDO_ORG_OVERRIDES names a file that does not exist")
    rows = pl.read_csv(path, infer_schema=False, encoding="utf8")
    unknown_columns = [c for c in rows.columns if c not in OVERRIDE_COLUMNS]
    if unknown_columns or not {"alias", "org_id"} <= set(rows.columns):
        raise ReferenceError(
            f"{path}: expected columns alias,org_id[,match,name,kind,hq_country,parent_id]; "
            f"got {rows.columns}"
        )
    rows = rows.with_columns(
        [pl.lit(None, pl.String).alias(c) for c in OVERRIDE_COLUMNS if c not in rows.columns]
    ).with_columns(pl.col(pl.String).str.strip_chars())
    rows = rows.with_columns(pl.col("match").fill_null("exact"))
    _fail_rows(
        path, rows, rows["alias"].is_null() | rows["org_id"].is_null(), "empty alias or org_id"
    )
    _fail_rows(
        path, rows, ~rows["match"].is_in(["exact", "prefix"]), "match must be exact or prefix"
    )
    known = set(reference.organizations["org_id"].to_list())
    new = rows.filter(~pl.col("org_id").is_in(sorted(known))).unique("org_id", keep="first")
    _fail_rows(path, new, new["name"].is_null(), "a new org_id needs a name")
    country = new["hq_country"]
    _fail_rows(
        path,
        new,
        country.is_not_null() & ~country.str.contains(r"^[A-Z]{2}$"),
        "hq_country is not an ISO 3166 alpha-2 code",
    )
    all_ids = known | set(new["org_id"].to_list())
    parent = new["parent_id"]
    _fail_rows(
        path, new, parent.is_not_null() & ~parent.is_in(sorted(all_ids)), "unknown parent_id"
    )
    organizations = pl.concat(
        [
            reference.organizations,
            new.select(
                "org_id",
                "name",
                pl.col("kind").fill_null("company"),
                "hq_country",
                pl.lit(f"override: {path.name}").alias("evidence"),
            ),
        ]
    )
    parents = pl.concat(
        [
            reference.parents,
            new.filter(pl.col("parent_id").is_not_null()).select(
                "org_id",
                "parent_id",
                pl.lit(None, pl.Date).alias("valid_from"),
                pl.lit(None, pl.Date).alias("valid_to"),
                pl.lit(f"override: {path.name}").alias("evidence"),
            ),
        ]
    )
    # later rows win when the resolver builds its tables, so overrides go last
    aliases = pl.concat(
        [
            reference.aliases,
            rows.select(
                "alias", "org_id", "match", pl.lit(f"override: {path.name}").alias("source")
            ),
        ]
    )
    return Reference(organizations, parents, aliases)


def load_reference(directory: Path = REFERENCE_DIR, overrides: Path | None = None) -> Reference:
    orgs_path = directory / "organizations.csv"
    parents_path = directory / "org_parents.csv"
    aliases_path = directory / "aliases.csv"
    orgs = _read(orgs_path, ORGANIZATION_SCHEMA)
    parents = _read(parents_path, PARENT_SCHEMA)
    aliases = _read(aliases_path, ALIAS_SCHEMA)

    unnamed = orgs["org_id"].is_null() | orgs["name"].is_null()
    _fail_rows(orgs_path, orgs, unnamed, "empty id or name")
    _fail_rows(orgs_path, orgs, orgs["org_id"].is_duplicated(), "org_id repeated")
    country = orgs["hq_country"]
    _fail_rows(
        orgs_path,
        orgs,
        country.is_not_null() & ~country.str.contains(r"^[A-Z]{2}$"),
        "hq_country is not an ISO 3166 alpha-2 code",
    )
    known = orgs["org_id"].to_list()
    _fail_rows(
        parents_path,
        parents,
        ~parents["org_id"].is_in(known) | ~parents["parent_id"].is_in(known),
        "org_id or parent_id names no organization in organizations.csv",
    )
    _fail_rows(aliases_path, aliases, ~aliases["org_id"].is_in(known), "unknown org_id")
    _fail_rows(
        aliases_path,
        aliases,
        ~aliases["match"].is_in(["exact", "prefix"]),
        "match must be 'exact' or 'prefix'",
    )
    try:
        parents = parents.with_columns(
            pl.col("valid_from", "valid_to").str.to_date("%Y-%m-%d", strict=True)
        )
    except pl.exceptions.PolarsError as exc:
        raise ReferenceError(
            f"{parents_path}: valid_from/valid_to must be YYYY-MM-DD ({exc})"
        ) from exc
    reference = Reference(orgs, parents, aliases)
    return apply_overrides(reference, overrides) if overrides else reference
