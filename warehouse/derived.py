"""What every load recomputes from the records it changed: resolution, NomCom pool, blocs.

Organization resolution runs over every string of both bodies, so whichever body a refresh
loads, everything derived from resolved organizations is rebuilt with it, in the same
transaction: the NomCom pool (IETF) and the voting rights and blocs (3GPP).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.blocs.build import BlocSettings, BlocSummary, build_blocs
from warehouse.nomcom_pool import PoolSettings, build_nomcom_pool
from warehouse.reference import Reference
from warehouse.resolve import ResolutionSummary, resolve_affiliations


@dataclass(frozen=True)
class Derived:
    resolution: ResolutionSummary
    nomcom_years: int
    blocs: BlocSummary


def rebuild_derived(
    con: duckdb.DuckDBPyConnection,
    reference: Reference,
    pool: PoolSettings | None = None,
    blocs: BlocSettings | None = None,
) -> Derived:
    resolution = resolve_affiliations(con, reference)
    return Derived(resolution, build_nomcom_pool(con, pool), build_blocs(con, blocs))
