"""Resolving strings on demand (`sdo orgs resolve`), with the same rules and SQL as a load.

An in-memory warehouse holds just the reference data, so the dated roll-up to the
ultimate group is the one the views use (the org_group_on macro), not a second copy.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from warehouse.orgs.reference import Reference
from warehouse.orgs.resolve import resolution_frame, resolver_for, store_reference
from warehouse.store.db import apply_views, migrate
from warehouse.store.load import staged
from warehouse.store.queries import run_query


def resolve_strings(
    reference: Reference,
    raws: list[str],
    on: date,
    members: list[tuple[str, str | None]] | None = None,
) -> pl.DataFrame:
    """raw, org, org_group, hq_country, method, weight for each string (one row per part of
    a joint affiliation), groups as of ``on``."""
    results = resolver_for(reference, members).resolve_all(dict.fromkeys(raws, 1))
    frame = resolution_frame(results).rename({"org_name": "org"})
    con = duckdb.connect()
    try:
        migrate(con)
        apply_views(con)
        store_reference(con, reference)
        with staged(con, "_asked", frame.with_row_index("_order")):
            return run_query(con, "queries", "org_lookup", on=on)
    finally:
        con.close()
