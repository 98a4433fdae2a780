"""Writing organization reference data and affiliation resolutions into the warehouse."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from scrapers.shares import SHARE_DTYPE
from warehouse.orgs.reference import Reference
from warehouse.orgs.rules import MATCHED_METHODS, OrgResolver, Resolution, name_unresolved
from warehouse.store.load import replace_all


@dataclass(frozen=True)
class ResolutionSummary:
    strings: int
    typed_uses: int  # uses of strings with something typed in them
    resolved_uses: int  # of those, uses whose string resolved to a curated organization
    coverage_by_body: dict[str, float]  # the same share per body (resolution_coverage view)

    @property
    def coverage(self) -> float:
        """Share of typed affiliations resolved: the figure curation works on."""
        return self.resolved_uses / self.typed_uses if self.typed_uses else 1.0

    def coverage_of(self, body: str) -> float:
        return self.coverage_by_body.get(body, 1.0)


RESOLUTION_SCHEMA = pl.Schema(
    {
        "raw": pl.String(),
        "org_id": pl.String(),
        "org_name": pl.String(),
        "method": pl.String(),
        "part": pl.Int32(),
        "weight": SHARE_DTYPE,
        "hq_country": pl.String(),
    }
)


def resolution_frame(resolutions: list[Resolution]) -> pl.DataFrame:
    """Resolutions as rows of the affiliation_resolution table."""
    return pl.DataFrame(
        [
            (r.raw, r.org_id, r.org_name, r.method, r.part, r.weight, r.hq_country)
            for r in resolutions
        ],
        schema=RESOLUTION_SCHEMA,
        orient="row",
    )


def resolver_for(
    reference: Reference, members: list[tuple[str, str | None]] | None = None
) -> OrgResolver:
    """The resolver for a reference, with the 3GPP member list as a layer when given."""
    rows = reference.aliases.select("alias", "org_id", "match").iter_rows()
    parents = reference.parents.select("org_id", "parent_id").iter_rows()
    return OrgResolver.from_aliases(rows, reference.names(), members or [], parents)


def latest_members(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """Individual Members of the newest member-list snapshot: (name, country code)."""
    return [
        (name, country)
        for name, country in con.execute(
            "SELECT long_name, country_code FROM threegpp_members "
            "WHERE member_type = 'individual' "
            "AND as_of = (SELECT max(as_of) FROM threegpp_members)"
        ).fetchall()
    ]


def store_reference(con: duckdb.DuckDBPyConnection, reference: Reference) -> None:
    replace_all(con, "organizations", reference.organizations)
    replace_all(con, "org_parents", reference.parents)


def resolve_affiliations(
    con: duckdb.DuckDBPyConnection, reference: Reference, incremental: bool = False
) -> ResolutionSummary:
    """Resolve every raw affiliation in the warehouse, inside the load's transaction.

    ``incremental`` (the reference, the member list and the resolver are what resolved the
    stored rows): strings already resolved keep their resolution, only new ones go through
    the resolver (fuzzy matching is the cost), and strings no longer used are dropped. The
    names of unresolved spellings depend on every string's uses, so they are chosen again
    over all strings: the table ends exactly as a full resolution would leave it.
    """
    counts = dict(con.execute("SELECT raw, uses FROM affiliation_strings").fetchall())
    if incremental:
        known = stored_resolutions(con)
        held = {r.raw for r in known}
        new = [raw for raw in counts if raw not in held]
        resolver = resolver_for(reference, latest_members(con)) if new else None
        fresh = [p for raw in new for p in resolver.resolve_parts(raw)] if resolver else []
        kept = [r for r in known if r.raw in counts]
        resolutions = name_unresolved(kept + fresh, counts)
    else:
        store_reference(con, reference)
        resolutions = resolver_for(reference, latest_members(con)).resolve_all(counts)
    replace_all(con, "affiliation_resolution", resolution_frame(sorted(resolutions, key=_order)))
    return resolution_summary(con, len(counts))


def _order(resolution: Resolution) -> tuple[str, int]:
    return resolution.raw, resolution.part


def stored_resolutions(con: duckdb.DuckDBPyConnection) -> list[Resolution]:
    """The rows of affiliation_resolution as the resolver returned them."""
    return [
        Resolution(raw, org_id, org_name, method, part, weight, hq_country)
        for raw, org_id, org_name, method, part, weight, hq_country in con.execute(
            "SELECT raw, org_id, org_name, method, part, weight, hq_country "
            "FROM affiliation_resolution"
        ).fetchall()
    ]


def resolution_summary(con: duckdb.DuckDBPyConnection, strings: int) -> ResolutionSummary:
    """How much of what was typed resolves, from the warehouse as it now stands."""
    methods = ", ".join(f"'{m}'" for m in sorted(MATCHED_METHODS))
    ((typed, resolved),) = con.execute(
        "SELECT coalesce(sum(s.uses * r.weight) FILTER (WHERE r.method <> 'empty'), 0), "
        f"coalesce(sum(s.uses * r.weight) FILTER (WHERE r.method IN ({methods})), 0) "
        "FROM affiliation_strings AS s JOIN affiliation_resolution AS r USING (raw)"
    ).fetchall()
    by_body = {
        body: float(share)
        for body, share in con.execute(
            "SELECT body, coverage FROM resolution_coverage WHERE coverage IS NOT NULL"
        ).fetchall()
    }
    return ResolutionSummary(strings, round(typed), round(resolved), by_body)
