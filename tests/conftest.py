"""Shared fixtures. No test touches the network: HTTP goes through injected transports."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Prefect reads these when first imported: keep its state out of ~/.prefect and
# tell its ephemeral server not to phone home.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="sdo-prefect-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
# flow-run logs stay in the terminal: shipping them to a temporary API that a test stops
# only produces errors at exit
os.environ["PREFECT_LOGGING_TO_API_ENABLED"] = "false"
# Module-scoped fixtures run before the per-test environment below: without these they
# would write the database and raw archive into the checkout's data/.
os.environ["SDO_DB"] = os.path.join(tempfile.mkdtemp(prefix="sdo-session-"), "sdo.duckdb")
os.environ["SDO_RAW"] = os.path.join(tempfile.mkdtemp(prefix="sdo-session-"), "raw")
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"

import httpx
import pytest
import respx

from scrapers.archive import RawArchive
from scrapers.http import HttpPolicy, PoliteClient
from scrapers.ietf.emulation import TastypieEmulator

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://datatracker.test"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test gets its own database and raw archive, and no network settings leak in."""
    monkeypatch.setenv("SDO_DB", str(tmp_path / "sdo.duckdb"))
    monkeypatch.setenv("SDO_RAW", str(tmp_path / "raw"))
    monkeypatch.setenv("SDO_IETF_URL", BASE)
    monkeypatch.setenv("SDO_HTTP_PAUSE", "0")


class Sleeps(list[float]):
    """Records the waits a client asks for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(tmp_path: Path, sleeps: Sleeps):
    """A PoliteClient over a given httpx transport, archiving to tmp_path/raw."""

    def make(transport, **policy) -> PoliteClient:
        policy.setdefault("pause", 0.0)
        return PoliteClient(
            RawArchive(tmp_path / "raw"), HttpPolicy(**policy), transport=transport, sleep=sleeps
        )

    return make


def emulated_datatracker(
    records: dict, host: str = "datatracker.test", corrupt: frozenset[str] = frozenset()
) -> tuple[TastypieEmulator, httpx.MockTransport]:
    """A respx router that answers every URL on ``host`` from a datatracker emulator
    (``corrupt``: resource URIs of rows that make their pages fail)."""
    emulator = TastypieEmulator(records, corrupt=corrupt)

    def answer(request: httpx.Request) -> httpx.Response:
        status, body = emulator.respond(str(request.url))
        return httpx.Response(status, content=body)

    router = respx.Router(assert_all_called=False)
    router.route(host=host).mock(side_effect=answer)
    return emulator, httpx.MockTransport(router.handler)


@contextmanager
def held_elsewhere(code: str) -> Iterator[None]:
    """Run ``code`` in another Python process until it prints "held", keep it there for the
    block (a writer open, a lock taken), then kill it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code) + '\nprint("held", flush=True)\n'
         "import time\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def one_meeting_warehouse(path: Path, affiliations: list[str]):
    """A warehouse holding IETF 120 with one onsite, checked-in registrant per affiliation
    typed — for tests of what the views and resolution do with those strings."""
    from datetime import date

    import polars as pl

    from scrapers.ietf.meetings import MEETING_SCHEMA
    from scrapers.ietf.registrations import REGISTRATION_SCHEMA
    from scrapers.ietf.source import IetfBatch
    from warehouse.loads.ietf import load_ietf
    from warehouse.orgs.reference import load_reference
    from warehouse.store.db import apply_views, connect, migrate

    meetings = pl.DataFrame(
        [("120", None, date(2024, 7, 20), date(2024, 7, 26), None, None, None, None, None)],
        schema=MEETING_SCHEMA,
        orient="row",
    )
    regs = pl.DataFrame(
        [
            ("120", "registration", i, f"p{i}", text, "US", "onsite", None, True, True, None, None)
            for i, text in enumerate(affiliations)
        ],
        schema=REGISTRATION_SCHEMA,
        orient="row",
    )
    con = connect(path)
    migrate(con)
    apply_views(con)
    load_ietf(con, IetfBatch(meetings, regs), [], "run", load_reference())
    return con
