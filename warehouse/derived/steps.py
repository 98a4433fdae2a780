"""What every load recomputes from the records it changed: resolution, each body's
resolved participation, 3GPP contributions, NomCom pool, the IETF authorship and
leadership tables, blocs.

Seven steps, in order, inside the caller's transaction (an IETF load's own; a 3GPP load's
last, after its working groups are committed): organization resolution (both
bodies' strings), then the resolved participation rows of each body (what the delegation
views count), the contribution rows (3GPP co-signatures by corporate group), the NomCom
pool and the authorship and leadership tables (IETF records), and the voting rights and
blocs (3GPP records), all of which read the resolution. Each
step has a fingerprint over what it reads (record-table digests,
warehouse/derived/digests.py), its settings, the reference data and the code; a step whose
fingerprint is the one stored in derived_steps is skipped and reports what it reported
when it ran. A refresh that brought nothing new therefore costs its requests
and a comparison, and a change to the overrides file is still picked up by the next load.

Within a step the cost follows the change too: resolution resolves only strings it has
not seen under the same reference, the NomCom pool draws seat odds only for years whose
pool changed, contribution rows are recomputed only for meetings whose inputs moved, and
blocs recompute only networks whose records changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime

import duckdb

from warehouse.blocs.build import BlocSettings, BlocSummary, build_blocs
from warehouse.derived.contributions import CONTRIBUTION_INPUTS, build_contributions
from warehouse.derived.digests import (
    RESOLUTION_INPUTS,
    code_digest,
    current_digests,
    fingerprint,
    reference_digest,
    resolution_digests,
    store_digests,
    stored_digests,
)
from warehouse.derived.ietf_tables import build_ietf_tables
from warehouse.derived.participation import PARTICIPATION_INPUTS, build_participation
from warehouse.nomcom.pool import PoolSettings, build_nomcom_pool, last_year_due
from warehouse.orgs.reference import Reference
from warehouse.orgs.resolve import ResolutionSummary, resolve_affiliations

RESOLUTION, CONTRIBUTIONS = "resolution", "contributions"
NOMCOM, IETF_TABLES, BLOCS = "nomcom", "ietf_tables", "blocs"
# one step per body: an import of 3GPP lists leaves the IETF rows as they are, and back
PARTICIPATION = {body: f"participation:{body}" for body in PARTICIPATION_INPUTS}
STEPS = (RESOLUTION, *PARTICIPATION.values(), CONTRIBUTIONS, NOMCOM, IETF_TABLES, BLOCS)


@dataclass(frozen=True)
class Derived:
    resolution: ResolutionSummary
    nomcom_years: int
    blocs: BlocSummary
    recomputed: tuple[str, ...] = ()  # the steps that ran; the others had nothing new


@dataclass(frozen=True)
class StoredStep:
    basis: str
    fingerprint: str
    summary: dict[str, object]


def stored_steps(con: duckdb.DuckDBPyConnection) -> dict[str, StoredStep]:
    return {
        step: StoredStep(basis, fp, json.loads(summary))
        for step, basis, fp, summary in con.execute(
            "SELECT step, basis, fingerprint, summary FROM derived_steps"
        ).fetchall()
    }


def _save_step(
    con: duckdb.DuckDBPyConnection, step: str, basis: str, fp: str, summary: object
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO derived_steps VALUES (?, ?, ?, ?, ?)",
        [step, basis, fp, json.dumps(summary, sort_keys=True), datetime.now(UTC)],
    )


def forget_steps(con: duckdb.DuckDBPyConnection, *steps: str) -> None:
    """Make the next load recompute these steps (after a rebuild with other settings)."""
    con.execute("DELETE FROM derived_steps WHERE list_contains(?, step)", [list(steps)])


def _bases(
    reference: Reference, members: str | None, pool: PoolSettings, blocs: BlocSettings, today: date
) -> dict[str, str]:
    """Per step, the basis: code, reference data and settings. When a step's basis changes
    it is recomputed in full, not only for what the records changed."""
    code, ref = code_digest(), reference_digest(reference)
    bloc_settings = {k: v for k, v in asdict(blocs).items() if k != "workers"}  # speed only
    return {
        # the 3GPP member list is a layer of the resolver, not only a source of strings
        RESOLUTION: fingerprint(RESOLUTION, code, ref, members),
        NOMCOM: fingerprint(NOMCOM, code, ref, asdict(pool), last_year_due(today)),
        IETF_TABLES: fingerprint(IETF_TABLES, code, ref),
        CONTRIBUTIONS: fingerprint(CONTRIBUTIONS, code, ref),
        **{step: fingerprint(step, code, ref) for step in PARTICIPATION.values()},
        BLOCS: fingerprint(BLOCS, code, ref, bloc_settings),
    }


def rebuild_derived(
    con: duckdb.DuckDBPyConnection,
    reference: Reference,
    pool: PoolSettings | None = None,
    blocs: BlocSettings | None = None,
    touched: Iterable[str] | None = None,
    force: bool = False,
    today: date | None = None,
) -> Derived:
    """Bring every derived table up to date with the records, in the caller's transaction.

    ``touched``: the record tables the load wrote to (None: any may have changed; their
    digests are all recomputed). ``force`` recomputes every step in full.
    """
    pool, blocs = pool or PoolSettings(), blocs or BlocSettings()
    today = today or date.today()
    stored = stored_steps(con)
    tables = current_digests(con, None if force else touched)
    bases = _bases(reference, tables.get("threegpp_members"), pool, blocs, today)
    if not force and any(stored.get(s) and stored[s].basis != bases[s] for s in STEPS):
        tables = current_digests(con, None)  # a new basis: trust no stored table digest
    ran: list[str] = []

    def due(step: str, fp: str) -> bool:
        return force or step not in stored or stored[step].fingerprint != fp

    def incremental(step: str) -> bool:
        """Whether the step may redo only what moved: it ran before on the same basis."""
        return not force and step in stored and stored[step].basis == bases[step]

    inputs = {t: tables[t] for t in RESOLUTION_INPUTS if t in tables}
    fp = fingerprint(bases[RESOLUTION], inputs)
    if due(RESOLUTION, fp):
        resolution = resolve_affiliations(con, reference, incremental=incremental(RESOLUTION))
        store_digests(con, resolution_digests(con))
        _save_step(con, RESOLUTION, bases[RESOLUTION], fp, asdict(resolution))
        ran.append(RESOLUTION)
    else:
        resolution = ResolutionSummary(**stored[RESOLUTION].summary)  # type: ignore[arg-type]
    resolved = stored_digests(con)

    # before the IETF tables: session attendance by group reads the resolved registrations
    for body, step in PARTICIPATION.items():
        inputs = {t: tables[t] for t in PARTICIPATION_INPUTS[body] if t in tables}
        fp = fingerprint(bases[step], inputs, resolved.get(f"resolution:{body}"))
        if due(step, fp):
            _save_step(con, step, bases[step], fp, {"rows": build_participation(con, body)})
            ran.append(step)

    inputs = {t: tables[t] for t in CONTRIBUTION_INPUTS if t in tables}
    fp = fingerprint(bases[CONTRIBUTIONS], inputs, resolved.get("resolution:3gpp"))
    if due(CONTRIBUTIONS, fp):
        rows = build_contributions(con, full=not incremental(CONTRIBUTIONS))
        _save_step(con, CONTRIBUTIONS, bases[CONTRIBUTIONS], fp, rows)
        ran.append(CONTRIBUTIONS)

    ietf = {t: d for t, d in tables.items() if t.startswith("ietf_")}
    fp = fingerprint(bases[NOMCOM], ietf, resolved.get("resolution:ietf"))
    if due(NOMCOM, fp):
        years = build_nomcom_pool(con, pool, today)
        _save_step(con, NOMCOM, bases[NOMCOM], fp, {"years": years})
        ran.append(NOMCOM)
    else:
        years = int(stored[NOMCOM].summary["years"])  # type: ignore[call-overload]

    fp = fingerprint(bases[IETF_TABLES], ietf, resolved.get("resolution:ietf"))
    if due(IETF_TABLES, fp):
        _save_step(con, IETF_TABLES, bases[IETF_TABLES], fp, build_ietf_tables(con))
        ran.append(IETF_TABLES)

    threegpp = {t: d for t, d in tables.items() if t.startswith("threegpp_")}
    fp = fingerprint(bases[BLOCS], threegpp, resolved.get("resolution:3gpp"))
    if due(BLOCS, fp):
        bloc_summary = build_blocs(con, blocs)
        _save_step(con, BLOCS, bases[BLOCS], fp, asdict(bloc_summary))
        ran.append(BLOCS)
    else:
        bloc_summary = replace(BlocSummary(**stored[BLOCS].summary), computed=0)  # type: ignore[arg-type]
    return Derived(resolution, years, bloc_summary, tuple(ran))
