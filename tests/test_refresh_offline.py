"""End to end: `sdo refresh --offline` on the bundled sample, then the figures it gives.

Runs the real Prefect flow (one test server for the session) through the CLI.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.settings import SAMPLE_ARCHIVE
from scrapers.archive import RawArchive
from tests.conftest import FIXTURES

runner = CliRunner()


def source_rows_per_meeting() -> Counter[str]:
    """Registrations per meeting counted straight from the archived pages, not via the tool."""
    archive = RawArchive(SAMPLE_ARCHIVE)
    counts: Counter[str] = Counter()
    for entry in archive.entries():
        if "/stats/meetingregistration/" in entry.url or "/meeting/registration/" in entry.url:
            meeting = entry.url.split("meeting__number=")[1].split("&")[0]
            counts[meeting] += len(json.loads(archive.read_body(entry.sha256))["objects"])
    return counts


def tables(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = ["ietf_meetings", "ietf_registrations", "affiliation_resolution", "raw_responses"]
        return {n: sorted(con.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}


@pytest.fixture(scope="module")
def refreshed(prefect_harness, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "sdo.duckdb"
    result = runner.invoke(app, ["refresh", "--offline", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "ietf: ok" in result.output
    return db


def test_every_source_row_is_loaded(refreshed):
    expected = source_rows_per_meeting()
    assert sum(expected.values()) == 13620  # IETF 104-112 as recorded
    with duckdb.connect(str(refreshed), read_only=True) as con:
        loaded = dict(
            con.execute("SELECT meeting, count(*) FROM ietf_registrations GROUP BY 1").fetchall()
        )
        delegates = dict(con.execute("SELECT meeting, delegates FROM meetings").fetchall())
        by_group = dict(
            con.execute(
                "SELECT meeting, sum(delegates) FROM delegation_by_group GROUP BY 1"
            ).fetchall()
        )
    assert loaded == dict(expected)
    # no hackathon-only rows in these meetings, no person keys: every row is a delegate
    assert delegates == dict(expected) == by_group


def test_known_figures_from_the_records(refreshed):
    with duckdb.connect(str(refreshed), read_only=True) as con:
        modes = dict(con.execute("SELECT meeting, mode FROM meetings").fetchall())
        onsite_104 = con.execute(
            "SELECT sum(onsite), sum(remote) FROM delegation_by_group WHERE meeting = '104'"
        ).fetchone()
        declared_us_110 = con.execute(
            "SELECT delegates FROM delegation_by_country "
            "WHERE meeting = '110' AND basis = 'declared' AND country_code = 'US'"
        ).fetchone()
    assert modes["104"] == "hybrid" and modes["110"] == "online"
    assert modes["107"] == "online"  # two onsite registrants never arrived
    # co2eq's IETF 104 record: 1234 on-site, 865 remote, 28 registered onsite but not arrived
    assert onsite_104 == (1234 + 28, 865)
    fixture = json.loads(
        gzip.decompress((FIXTURES / "ietf" / "co2eq_ietf110.json.gz").read_bytes())
    )
    assert declared_us_110 == (sum(1 for r in fixture if r["country"] == "US"),)


def test_second_refresh_changes_nothing(refreshed):
    before = tables(refreshed)
    result = runner.invoke(app, ["refresh", "ietf", "--offline", "--db", str(refreshed)])
    assert result.exit_code == 0, result.output
    assert tables(refreshed) == before


def test_sql_answers_from_the_views(refreshed):
    query = (
        "SELECT org_group, delegates FROM delegation_by_group WHERE meeting='110' "
        "ORDER BY delegates DESC, org_group LIMIT 3"
    )
    as_csv = runner.invoke(app, ["sql", query, "--format", "csv", "--db", str(refreshed)])
    assert as_csv.exit_code == 0, as_csv.output
    lines = as_csv.output.strip().splitlines()
    assert lines[0] == "org_group,delegates" and len(lines) == 4
    as_json = runner.invoke(app, ["sql", query, "--format", "json", "--db", str(refreshed)])
    rows = json.loads(as_json.output)
    assert [list(r) for r in rows] == [["org_group", "delegates"]] * 3
    assert [f"{r['org_group']},{r['delegates']}" for r in rows] == lines[1:]
    table = runner.invoke(app, ["sql", query, "--db", str(refreshed)])
    assert rows[0]["org_group"] in table.output and "(3 rows)" in table.output


def test_sql_is_read_only(refreshed):
    result = runner.invoke(app, ["sql", "DELETE FROM ietf_registrations", "--db", str(refreshed)])
    assert result.exit_code == 1
    assert "read-only" in result.output.lower()


def test_status_shows_what_is_loaded_and_the_runs(refreshed):
    result = runner.invoke(app, ["status", "--db", str(refreshed)])
    assert result.exit_code == 0, result.output
    assert "13620" in result.output and "offline" in result.output
    as_json = runner.invoke(app, ["status", "--json", "--db", str(refreshed)])
    report = json.loads(as_json.output)
    assert report["bodies"][0]["meetings"] == 9
    assert report["runs"][0]["status"] == "ok"
    assert report["runs"][0]["requests"] == 30  # 1 meetings page + 9 empty + 20 stats pages
