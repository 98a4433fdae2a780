"""The benchmark's generated 3GPP history loads through the real loader: a schema change in
the scrapers that the generator missed fails here, not an hour into a benchmark run."""

from __future__ import annotations

import sys
from pathlib import Path

from warehouse.loads.threegpp import load_threegpp
from warehouse.orgs.reference import load_reference
from warehouse.store.db import apply_views, connect, migrate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate_threegpp import threegpp_batch


def test_the_generated_3gpp_history_loads(tmp_path):
    batch = threegpp_batch(0.01)
    con = connect(tmp_path / "sdo.duckdb")
    migrate(con)
    apply_views(con)
    summary = load_threegpp(con, batch, "bench", load_reference())
    ((tdocs, participants),) = con.execute(
        "SELECT (SELECT count(*) FROM threegpp_tdocs), (SELECT count(*) FROM threegpp_participants)"
    ).fetchall()
    assert tdocs == sum(f.height for f in batch.tdocs) == summary.rows["threegpp_tdocs"]
    assert participants == sum(f.height for f in batch.participants) > 0
