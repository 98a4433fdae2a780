"""A whole IETF refresh against a loopback datatracker that misbehaves on real sockets.

Transient faults (429 with every form of Retry-After, 500/502/503, connection resets,
bodies cut off mid-way, read timeouts) are injected on first requests: the refresh must
end with exactly the rows of a clean run. Faults that do not pass (a body that is not
JSON, a collection whose total_count moves while we page) must fail the refresh loudly,
name the URL, keep the bad response in the archive and leave the warehouse unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import logging
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import refresh_ietf_source
from flows.settings import Settings
from scrapers.archive import RawArchive
from scrapers.http import FetchError, HttpPolicy
from scrapers.ietf.emulation import TastypieEmulator
from tests.conftest import FIXTURES

RECORDS = json.loads((FIXTURES / "ietf" / "api" / "datatracker_records.json").read_text())
TRANSIENT = (
    "429-now", "429-seconds", "429-date", "500", "502", "503", "reset", "cut-body", "timeout",
)  # fmt: skip
CLIENT_TIMEOUT = 0.5
# what a refresh loads, compared row for row with a clean run
COMPARED = (
    "ietf_meetings", "delegation_by_group", "delegation_by_country", "authorship_by_group",
    "authorship_by_country", "leadership_by_group", "session_attendance_by_group",
)  # fmt: skip

Fault = Callable[[str, int], str | None]  # (path and query, attempt) → fault kind or None


class FirstAttemptFaults:
    """Two first requests in three fail (which ones is fixed by the path and query, not the
    port), one in five fails its second attempt too; the kinds take turns, so every kind
    is met. Retries after that are answered."""

    def __init__(self) -> None:
        self.kinds = itertools.cycle(TRANSIENT)

    def __call__(self, path: str, attempt: int) -> str | None:
        digest = int(hashlib.sha256(path.encode()).hexdigest(), 16)
        if (attempt == 1 and digest % 3) or (attempt == 2 and digest % 5 == 0):
            return next(self.kinds)
        return None


class FaultyDatatracker(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    emulator: TastypieEmulator
    fault: Fault
    attempts: Counter[str]
    injected: Counter[str]
    lock: threading.Lock

    def do_GET(self) -> None:
        url = f"http://{self.headers['Host']}{self.path}"
        with self.lock:
            self.attempts[self.path] += 1
            kind = self.fault(self.path, self.attempts[self.path])
            if kind:
                self.injected[kind] += 1
            status, body = self.emulator.respond(url)
        try:
            self._answer(kind, status, body)
        except OSError:  # the client gave up on a timed-out answer
            self.close_connection = True

    def _answer(self, kind: str | None, status: int, body: bytes) -> None:
        if kind == "reset":  # RST, no response at all
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if kind and kind.startswith("429"):
            retry_after = {
                "429-now": "0",
                "429-seconds": "1",
                "429-date": formatdate(time.time() + 1, usegmt=True),
            }[kind]
            self._send(429, b'{"detail": "slow down"}', {"Retry-After": retry_after})
            return
        if kind in ("500", "502", "503"):
            self._send(int(kind), b"<html>upstream trouble</html>")
            return
        if kind == "timeout":
            time.sleep(CLIENT_TIMEOUT * 3)
        if kind == "cut-body":
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if kind == "not-json":
            self._send(200, b"<html><body>Maintenance</body></html>")
            return
        self._send(status, body)

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Served:
    def __init__(self, fault: Fault, emulator: TastypieEmulator) -> None:
        self.attempts: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        handler = type(
            "Handler",
            (FaultyDatatracker,),
            {
                "emulator": emulator,
                "fault": staticmethod(fault),
                "attempts": self.attempts,
                "injected": self.injected,
                "lock": threading.Lock(),
            },
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def datatracker(fault: Fault) -> Served:
    # two rows a page: the fixture collections then take several pages each, so faults
    # land in the middle of paginations too
    return Served(fault, TastypieEmulator(RECORDS, page_cap=2))


@pytest.fixture
def fast_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry soon and time out fast, so a test can afford dozens of faults."""
    policy = functools.partial(HttpPolicy, backoff=0.02, timeout=CLIENT_TIMEOUT)
    monkeypatch.setattr("flows.fetchers.HttpPolicy", policy)
    monkeypatch.setenv("SDO_HTTP_PAUSE", "0")


def refresh(url: str, folder: Path, monkeypatch: pytest.MonkeyPatch, full: bool = False):
    monkeypatch.setenv("SDO_IETF_URL", url)
    monkeypatch.setenv("SDO_DB", str(folder / "sdo.duckdb"))
    monkeypatch.setenv("SDO_RAW", str(folder / "raw"))
    settings = Settings.from_env()
    log = logging.getLogger("faults")
    return settings, refresh_ietf_source(settings, False, None, None, log, full=full)


def contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in COMPARED
        }


@pytest.fixture
def clean_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_client) -> Iterator[Path]:
    served = datatracker(lambda url, attempt: None)
    try:
        _, result = refresh(served.url, tmp_path / "clean", monkeypatch)
    finally:
        served.close()
    assert result.status == "ok" and result.rows["ietf_document_authors"] == 19
    yield tmp_path / "clean" / "sdo.duckdb"


def test_a_refresh_through_a_mix_of_transient_faults_loads_exactly_a_clean_run(
    clean_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    served = datatracker(FirstAttemptFaults())
    try:
        started = time.monotonic()
        _, result = refresh(served.url, tmp_path / "faulty", monkeypatch)
        took = time.monotonic() - started
    finally:
        served.close()
    assert result.status == "ok", result.message
    # every kind of fault was met, most more than once, and answered by a retry
    assert set(served.injected) == set(TRANSIENT), served.injected
    assert sum(served.injected.values()) >= 30
    assert contents(tmp_path / "faulty" / "sdo.duckdb") == contents(clean_run)
    assert took < 60


@pytest.mark.parametrize("kind", ["not-json", "total-count-moves"])
def test_a_fault_that_does_not_pass_fails_loudly_and_leaves_the_warehouse_unchanged(
    kind: str, clean_run: Path, monkeypatch: pytest.MonkeyPatch
):
    before = contents(clean_run)
    folder = clean_run.parent
    target = "/api/v1/doc/documentauthor/"
    emulator = TastypieEmulator(RECORDS, page_cap=2)
    if kind == "total-count-moves":
        # a second page that declares one row more than the first: the collection moved
        respond = emulator.respond

        def moving(url: str) -> tuple[int, bytes]:
            status, body = respond(url)
            if target in url and "offset=2" in url:
                page = json.loads(body)
                page["meta"]["total_count"] += 1
                body = json.dumps(page).encode()
            return status, body

        emulator.respond = moving  # type: ignore[method-assign]
        fault: Fault = lambda url, attempt: None  # noqa: E731
    else:
        fault = lambda url, attempt: "not-json" if target in url else None  # noqa: E731
    served = Served(fault, emulator)
    archived_before = len(RawArchive(folder / "raw").entries())
    try:
        with pytest.raises(FetchError) as raised:
            refresh(served.url, folder, monkeypatch, full=True)
    finally:
        served.close()
    message = str(raised.value)
    assert target in message  # names the URL
    expected = "expected JSON" if kind == "not-json" else "total_count changed"
    assert expected in message
    assert contents(clean_run) == before
    # the refused response is kept, for a look at what the server said
    archived = RawArchive(folder / "raw").entries()
    assert len(archived) > archived_before
    assert any(target in e.url for e in archived[archived_before:])
