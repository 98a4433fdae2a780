"""Digests of what the derived tables are computed from: record tables, reference, code.

Owns the derived_input_digests table. A record table's digest is its row count and the sum
of its rows' hashes, computed by DuckDB over the whole table: the same rows in any order
digest alike, and any changed, added or removed row changes it. A load recomputes only the
digests of the tables it touched; the others are read back from the table.

May import warehouse.store.load, warehouse.store.queries and warehouse.orgs.reference;
nothing from flows/.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb
import polars as pl

from warehouse.orgs.reference import Reference
from warehouse.store.load import upsert
from warehouse.store.queries import query_text

# Tables that hold what the bodies published, the inputs of every derived step: the
# bodies' tables less those the derived steps write and the load's own bookkeeping.
RECORD_PREFIXES = ("ietf_", "threegpp_")
DERIVED_TABLES = frozenset(
    {
        "ietf_nomcom_rules",
        "ietf_nomcom_eligible",
        "ietf_nomcom_seats",
        "ietf_authorship",
        "ietf_authorship_by_group",
        "ietf_authorship_by_country",
        "ietf_leadership_seats_at_meetings",
        "ietf_leadership_by_group_at_meetings",
        "ietf_session_attendance_by_group",
        "threegpp_voting_rights",
    }
)
BOOKKEEPING_TABLES = frozenset({"ietf_cursors"})
# Where and when a row was read, not what it says: left out of the digests, so a record
# fetched again in another response does not make every derived step run
LINEAGE_COLUMNS = frozenset({"raw_sha256", "fetched_at"})

# The tables affiliation_uses (sql/views/010_affiliation_strings.sql) counts strings in
RESOLUTION_INPUTS = (
    "ietf_registrations",
    "ietf_document_authors",
    "threegpp_cosigners",
    "threegpp_participants",
    "threegpp_members",
    "threegpp_chairs",
    "threegpp_elections",
)

_PROJECT = Path(__file__).resolve().parents[2]
# Libraries whose behaviour a derived figure depends on (resolution, seat draws, blocs)
_LIBRARIES = ("duckdb", "polars", "numpy", "rapidfuzz", "igraph")


def record_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    names = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name"
    ).fetchall()
    return [
        name
        for (name,) in names
        if name.startswith(RECORD_PREFIXES)
        and name not in DERIVED_TABLES
        and name not in BOOKKEEPING_TABLES
    ]


def table_digest(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, int]:
    """(digest, rows) of a table's content, independent of row order and of lineage:
    the same record fetched again on another page is the same record."""
    columns = [
        name
        for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
            "AND table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()
        if name not in LINEAGE_COLUMNS
    ]
    row = ", ".join(f'"{name}"' for name in columns)
    # fetchall: DuckDB 2.0 holds a result open until a fetch comes back empty
    ((count, total),) = con.execute(
        f'SELECT count(*), coalesce(sum(hash({row})), 0)::VARCHAR FROM "{table}"'
    ).fetchall()
    return f"{count}:{total}", int(count)


def resolution_digests(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int]]:
    """Per body, the digest of the resolution of the strings that body uses: what the
    IETF steps read does not change when only 3GPP strings were resolved, and back."""
    found = con.execute(query_text("derive", "resolution_digests")).fetchall()
    digests = {f"resolution:{body}": (f"{n}:{total}", int(n)) for body, n, total in found}
    return {name: digests.get(name, ("0:0", 0)) for name in ("resolution:ietf", "resolution:3gpp")}


def stored_digests(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT name, digest FROM derived_input_digests").fetchall())


def store_digests(con: duckdb.DuckDBPyConnection, digests: dict[str, tuple[str, int]]) -> None:
    if not digests:
        return
    now = datetime.now(UTC)
    frame = pl.DataFrame(
        [(name, digest, rows, now) for name, (digest, rows) in sorted(digests.items())],
        schema={
            "name": pl.String(),
            "digest": pl.String(),
            "row_count": pl.Int64(),
            "computed_at": pl.Datetime("us", "UTC"),
        },
        orient="row",
    )
    upsert(con, "derived_input_digests", frame, ["name"])


def forget_digests(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Mark these tables changed without hashing them now: the next derived rebuild digests
    them afresh, whichever load runs it."""
    con.execute("DELETE FROM derived_input_digests WHERE list_contains(?, name)", [list(tables)])


def current_digests(
    con: duckdb.DuckDBPyConnection, touched: Iterable[str] | None = None
) -> dict[str, str]:
    """Every record table's digest now: recomputed for the tables ``touched`` (all of them
    when None) and for any never digested, read back for the rest; the recomputed ones are
    stored, in the caller's transaction."""
    stored = stored_digests(con)
    wanted = None if touched is None else set(touched)
    fresh = {
        table: table_digest(con, table)
        for table in record_tables(con)
        if wanted is None or table in wanted or table not in stored
    }
    store_digests(con, fresh)
    return {
        table: fresh[table][0] if table in fresh else stored[table] for table in record_tables(con)
    }


def reference_digest(reference: Reference) -> str:
    """Of the curated organizations, parents and aliases, overrides applied."""
    digest = hashlib.sha256()
    for frame in (reference.organizations, reference.parents, reference.aliases):
        digest.update(frame.write_csv().encode())
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """Of the code that computes derived tables (warehouse/ and sql/) and the versions of
    the libraries it leans on: upgrading the tool recomputes what it derives."""
    digest = hashlib.sha256()
    for folder, pattern in (("warehouse", "*.py"), ("sql", "*.sql")):
        for path in sorted((_PROJECT / folder).rglob(pattern)):
            digest.update(str(path.relative_to(_PROJECT)).encode())
            digest.update(path.read_bytes())
    digest.update(json.dumps({name: _version(name) for name in _LIBRARIES}).encode())
    return digest.hexdigest()


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def fingerprint(*parts: object) -> str:
    """One digest of several: settings, digests, names (JSON with sorted keys)."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
