"""Resolving strings on demand (`sdo orgs resolve`), with the same rules and SQL as a load.

An in-memory warehouse holds just the reference data, so the dated roll-up to the
ultimate group is the one the views use (the org_group_on macro), not a second copy.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from warehouse.db import apply_views, migrate
from warehouse.reference import Reference
from warehouse.resolve import resolution_frame, resolver_for, store_reference


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
        con.register("_asked", frame.with_row_index("_order"))
        return con.sql(
            "SELECT a.raw, a.org, coalesce(g.name, a.org) AS org_group, "
            "coalesce(g.hq_country, a.hq_country) AS hq_country, a.method, "
            "a.weight "
            "FROM _asked AS a "
            "LEFT JOIN organizations AS g ON g.org_id = org_group_on(a.org_id, ?::DATE) "
            "ORDER BY a._order",
            params=[on],
        ).pl()
    finally:
        con.close()
