"""Live refreshes over real sockets: the bundled sample served on 127.0.0.1 stands in for
the datatracker and for 3GPP's site, portal and ETSI hosts. What the sample does not hold
(documents, groups, roles, sessions, attendance) the datatracker emulator answers from the
recorded-format records in tests/fixtures/ietf/api/."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from flows.pipeline import refresh_ietf_source, refresh_threegpp_source
from flows.settings import SAMPLE_ARCHIVE, Settings
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.emulation import TastypieEmulator
from tests.conftest import FIXTURES

RECORDS = json.loads((FIXTURES / "ietf" / "api" / "datatracker_records.json").read_text())
# the sample archive answers meetings and registrations; the emulator everything else
EMULATED = {k: v for k, v in RECORDS.items() if k not in ("meeting/registration",)}


class _Handler(BaseHTTPRequestHandler):
    replay: ArchiveReplay
    emulator: TastypieEmulator
    user_agents: list[str]

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        url = f"http://{self.headers['Host']}{self.path}"
        try:
            body = self.replay.get(url).body
        except LookupError:
            status, body = self.emulator.respond(url)
            if status != 200:
                self.send_error(status)
                return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def datatracker() -> Iterator[tuple[str, list[str]]]:
    agents: list[str] = []
    handler = type(
        "Handler",
        (_Handler,),
        {
            "replay": ArchiveReplay(RawArchive(SAMPLE_ARCHIVE)),
            "emulator": TastypieEmulator(EMULATED),
            "user_agents": agents,
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", agents
    finally:
        server.shutdown()
        server.server_close()


def test_live_refresh_loads_and_archives_every_response(datatracker, monkeypatch, tmp_path):
    url, agents = datatracker
    monkeypatch.setenv("SDO_IETF_URL", url)
    settings = Settings.from_env()
    result = refresh_ietf_source(settings, False, None, ["104", "112"], logging.getLogger())
    assert result.status == "ok"
    assert result.rows["ietf_meetings"] == 2
    assert result.rows["ietf_registrations"] == 2127 + 1344
    assert result.rows["ietf_documents"] == 8 and result.rows["ietf_roles"] == 6
    # meetings page; per meeting the empty current resource, the stats pages, the sessions;
    # then one page for each of the nine incremental endpoints
    assert result.requests == len(agents) == 1 + (1 + 3 + 1) + (1 + 2 + 1) + 9
    assert all(a.startswith("sdo-tracker/") for a in agents)

    archived = RawArchive(settings.raw_dir).entries()
    assert len(archived) == result.requests
    assert all(e.url.startswith(url) and e.status == 200 for e in archived)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        (recorded,) = con.execute("SELECT count(*) FROM raw_responses").fetchall()[0]
        untraced = {
            table: con.execute(
                f"SELECT count(*) FROM {table} r "
                "LEFT JOIN raw_responses p ON p.sha256 = r.raw_sha256 WHERE p.sha256 IS NULL"
            ).fetchall()[0][0]
            for table in ("ietf_registrations", "ietf_documents", "ietf_roles", "ietf_sessions")
        }
    assert recorded == result.requests
    assert untraced == dict.fromkeys(untraced, 0)  # every row traces to an archived response


def test_live_threegpp_refresh_uses_every_host_setting(datatracker, monkeypatch):
    url, agents = datatracker
    for name in ("SDO_3GPP_URL", "SDO_3GPP_PORTAL_URL", "SDO_ETSI_URL"):
        monkeypatch.setenv(name, url)
    settings = Settings.from_env()
    result = refresh_threegpp_source(settings, False, None, ["R1"], None, logging.getLogger())
    assert result.status == "ok"
    assert result.requests == len(agents) == 1 + 3  # calendar, then three TDoc lists
    assert result.rows["threegpp_tdocs"] == 2514 + 2741 + 1563
    archived = RawArchive(settings.raw_dir).entries()
    assert {e.url.split("?")[0].rsplit("/", 1)[-1] for e in archived} == {
        "dynareport",
        "GenerateDocumentList.aspx",
    }
    # nothing from the bundled sample's import files: a live run fetches only
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM threegpp_members").fetchall()[0] == (0,)


def test_a_second_refresh_with_nothing_new_makes_a_handful_of_requests(datatracker, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app

    url, agents = datatracker
    monkeypatch.setenv("SDO_IETF_URL", url)
    settings = Settings.from_env()
    first = refresh_ietf_source(settings, False, None, None, logging.getLogger())
    # 9 meetings: 30 registration pages, 9 session pages; 9 incremental endpoints
    assert first.status == "ok" and first.requests == 30 + 9 + 9
    agents.clear()
    again = refresh_ietf_source(settings, False, None, None, logging.getLogger())
    # the meeting list, then each endpoint from its cursor: nothing else
    assert again.status == "ok" and again.requests == len(agents) == 1 + 9
    assert again.requests < 0.25 * first.requests
    status = CliRunner().invoke(app, ["status", "--json", "--db", str(settings.db)])
    report = json.loads(status.output)
    assert [r["requests"] for r in report["runs"][:2]] == [10, 48]
    cursors = {c["endpoint"]: c for c in report["ietf_cursors"]}
    assert cursors["documents"]["cursor"] == "2024-03-01T10:30:00Z"
    assert cursors["documents"]["last_requests"] == 2
