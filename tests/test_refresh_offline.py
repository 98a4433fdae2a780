"""End to end: `sdo refresh --offline` on the bundled sample, then the figures it gives.

The first refresh runs the real `sdo` console script in a subprocess, Prefect and all
(its ephemeral API takes ~15 s to start); later ones call the same pipeline steps
as plain functions.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import refresh_ietf_source
from flows.settings import SAMPLE_ARCHIVE, Settings
from scrapers.archive import RawArchive
from tests.conftest import FIXTURES
from warehouse.outputs.catalog import PUBLIC_VIEWS

runner = CliRunner()
log = logging.getLogger("test-refresh")


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


def run_sdo(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDO_DB": str(db)}
    sdo = Path(sys.executable).parent / "sdo"
    return subprocess.run(
        [str(sdo), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "sdo.duckdb"
    result = run_sdo(["refresh", "--offline"], db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ietf: ok" in result.stdout and "3gpp: ok" in result.stdout
    return db


def test_the_refresh_publishes_every_view(refreshed):
    link = refreshed.parent / "published"
    manifest = json.loads((link / "manifest.json").read_text(encoding="utf-8"))
    with duckdb.connect(str(refreshed), read_only=True) as con:
        for view in manifest["views"]:
            (rows,) = con.execute(f"SELECT count(*) FROM {view['name']}").fetchone()
            assert view["rows"] == rows, view["name"]
        (latest,) = con.execute(
            "SELECT run_id FROM refresh_runs ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    assert manifest["run_id"] == latest
    assert len(manifest["views"]) == len(PUBLIC_VIEWS)


def test_every_source_row_is_loaded(refreshed):
    expected = source_rows_per_meeting()
    assert sum(expected.values()) == 13620  # IETF 104-112 as recorded
    with duckdb.connect(str(refreshed), read_only=True) as con:
        loaded = dict(
            con.execute("SELECT meeting, count(*) FROM ietf_registrations GROUP BY 1").fetchall()
        )
        delegates = dict(
            con.execute("SELECT meeting, delegates FROM meetings WHERE body = 'ietf'").fetchall()
        )
        by_group = dict(
            con.execute(
                "SELECT meeting, sum(delegates) FROM delegation_by_group "
                "WHERE body = 'ietf' GROUP BY 1"
            ).fetchall()
        )
        # the sample's 3GPP meetings have no participant list, and say so
        uncounted = con.execute(
            "SELECT meeting, org_group, delegates, basis FROM delegation_by_group "
            "WHERE body = '3gpp' ORDER BY meeting"
        ).fetchall()
    assert uncounted == [
        (m, None, None, "no count: no participant list")
        for m in ("RAN1#122bis", "RAN1#86bis", "RAN1#87")
    ]
    assert loaded == dict(expected)
    # no hackathon-only rows in these meetings, no person keys: every row is a delegate
    assert delegates == dict(expected) == by_group


def test_known_figures_from_the_records(refreshed):
    with duckdb.connect(str(refreshed), read_only=True) as con:
        modes = dict(con.execute("SELECT meeting, mode FROM meetings").fetchall())
        onsite_104 = con.execute(
            "SELECT sum(onsite), sum(remote) FROM delegation_by_group WHERE meeting = '104'"
        ).fetchall()[0]
        declared_us_110 = con.execute(
            "SELECT delegates FROM delegation_by_country "
            "WHERE meeting = '110' AND basis = 'declared' AND country_code = 'US'"
        ).fetchall()[0]
    assert modes["104"] == "hybrid" and modes["110"] == "online"
    assert modes["107"] == "online"  # two onsite registrants never arrived
    # co2eq's IETF 104 record: 1234 on-site, 865 remote, 28 registered onsite but not arrived
    assert onsite_104 == (1234 + 28, 865)
    fixture = json.loads(
        gzip.decompress((FIXTURES / "ietf" / "co2eq_ietf110.json.gz").read_bytes())
    )
    # joint affiliations split a delegate into thirds, and the thirds add up exactly
    assert declared_us_110[0] == sum(1 for r in fixture if r["country"] == "US")


def test_delegates_and_people_add_up_exactly_to_the_head_count(refreshed):
    with duckdb.connect(str(refreshed), read_only=True) as con:
        totals = con.execute(
            "SELECT meeting, sum(delegates), sum(people) FROM delegation_by_group "
            "WHERE body = 'ietf' GROUP BY meeting ORDER BY meeting"
        ).fetchall()
        heads = dict(
            con.execute("SELECT meeting, delegates FROM meetings WHERE body = 'ietf'").fetchall()
        )
        split = con.execute(
            "SELECT org_group, delegates, people FROM delegation_by_group "
            "WHERE meeting = '110' AND delegates <> people ORDER BY org_group"
        ).fetchall()
        persons = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE total <> 1) FROM (SELECT sum(weight) AS "
            "total FROM participation_resolved GROUP BY body, meeting, delegate_key)"
        ).fetchall()[0]
        documents = con.execute(
            "SELECT count(*) FILTER (WHERE total > 1) FROM (SELECT sum(fractional) AS total "
            "FROM contributions GROUP BY meeting, tdoc)"
        ).fetchall()[0][0]
    for meeting, delegates, people in totals:
        assert isinstance(delegates, Decimal)  # an exact decimal, not a float
        assert delegates == people == heads[meeting], meeting
    assert totals[6][1:] == (1329, 1329)  # IETF 110
    # joint affiliations: a person split between groups, counted whole under the first one
    assert ("Akamai", Decimal("13.5"), 14) in split
    assert persons[0] > 10_000 and persons[1] == 0  # every person adds up to exactly 1
    assert documents == 0


def test_second_refresh_fetches_only_what_may_have_changed(refreshed):
    """IETF 104-112 are long settled: the meeting list is the one request left to make."""
    before = tables(refreshed)
    result = refresh_ietf_source(Settings.from_env(refreshed), True, None, None, log)
    assert result.status == "ok" and result.requests == 1
    assert result.message.endswith("derived tables already up to date")
    assert tables(refreshed) == before


def test_a_named_meeting_is_fetched_again_and_changes_nothing(refreshed):
    before = tables(refreshed)
    result = refresh_ietf_source(Settings.from_env(refreshed), True, None, ["110"], log)
    assert result.status == "ok" and result.requests == 1 + 1 + 2  # list, current, stats pages
    assert result.message.endswith("derived tables already up to date")
    assert tables(refreshed) == before


def test_failed_refresh_is_recorded_and_changes_nothing(refreshed, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(SAMPLE_ARCHIVE, broken)
    index = (broken / "index.jsonl").read_text().splitlines(keepends=True)
    # drop IETF 112's second page of registrations
    kept = [line for line in index if "meeting__number=112&offset=1000" not in line]
    assert len(kept) == len(index) - 1
    (broken / "index.jsonl").write_text("".join(kept))
    before = tables(refreshed)
    with pytest.raises(LookupError, match=r"meeting__number=112&offset=1000: not in the archive"):
        refresh_ietf_source(Settings.from_env(refreshed), True, broken, ["112"], log)
    assert tables(refreshed) == before
    with duckdb.connect(str(refreshed), read_only=True) as con:
        status, message = con.execute(
            "SELECT status, message FROM refresh_runs ORDER BY started_at DESC LIMIT 1"
        ).fetchall()[0]
    assert status == "failed" and "ArchiveMiss" in message


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
    assert {b["body"]: b["meetings"] for b in report["bodies"]} == {"ietf": 9, "3gpp": 3}
    assert {b["body"] for b in report["bodies"]} == {"ietf", "3gpp"}
    ok_runs = [run for run in report["runs"] if run["status"] == "ok" and run["source"] == "ietf"]
    assert ok_runs and ok_runs[0]["mode"] == "offline"
    # newest first: the first refresh made 1 meetings page + 9 empty + 20 stats pages
    assert ok_runs[-1]["requests"] == 30


def test_the_refresh_says_which_views_the_sample_leaves_empty(refreshed):
    """The docs' authorship and NomCom examples print no rows on the sample: said, with why."""
    result = run_sdo(["refresh", "--offline"], refreshed)
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout.split("the bundled sample leaves these empty", 1)[1]
    for view in ("authorship_by_group", "session_attendance_by_group", "nomcom_pool"):
        assert f"  {view}: needs " in said
    assert "delegation_by_group" not in said
