"""The one polite HTTP client every scraper goes through.

Politeness is a property of the client, not of each scraper: one descriptive
User-Agent, at most ``max_in_flight`` requests per host, a pause between
requests to a host, and retries with exponential backoff on 429, 5xx and
network errors that honour ``Retry-After`` (seconds, including the
datatracker's ``0``, or an HTTP date). Every body that comes back, good or
bad, is written to the raw archive before anyone parses it, so a figure can
always be traced to the bytes it came from.

Bounded: a body is streamed and refused once it passes ``max_body_bytes`` (declared,
downloaded or decompressed: a gzip bomb stops at the cap), a request that has not finished
after ``deadline`` seconds is abandoned (a trickle of one byte every few seconds never hits
the read timeout), and a redirect chain longer than ``max_redirects`` fails naming the URL.
Retries live here, once: network errors, 429 and 5xx are retried by this client's back-off
and nowhere else. A fetch is tried again as a whole only when the data changed under it
(``FetchError.transient``, set by the paging code); every other failure is final.

Worst case for a host that is down: ``attempts`` connection tries of at most
``connect_timeout`` seconds with the back-offs between them, 6 x 10 s + (2+4+8+16+32) s =
about 2 minutes for the first request, after which its source fails and frees the lock.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from scrapers.archive import ArchiveEntry, Fetched, RawArchive, canonical_url
from scrapers.errors import FetchError, is_transient

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = (
    "sdo-tracker/0.1 (standards participation research; "
    "+https://github.com/sdo-tracker/sdo-tracker)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

__all__ = ["FetchError", "is_transient"]  # where callers have always found them


class Fetcher(Protocol):
    """What scrapers need: GET a URL, get bytes back. Live and replay both fit."""

    requests: int
    entries: list[ArchiveEntry]  # every response served, for lineage

    def get(self, url: str, params: dict[str, str | int] | None = None) -> Fetched: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class HttpPolicy:
    user_agent: str = DEFAULT_USER_AGENT
    max_in_flight: int = 2
    pause: float = 1.0  # seconds between the starts of two requests to one host
    attempts: int = 6
    backoff: float = 2.0  # first retry waits this long, then doubles
    max_backoff: float = 120.0
    max_retry_after: float = 600.0  # a server asking for longer than this is a failure
    timeout: float = 60.0  # between two reads of one response
    connect_timeout: float = 10.0  # a host that does not answer at all
    deadline: float = 600.0  # for one request, body included
    max_body_bytes: int = 256 * 1024 * 1024  # the largest real page or list is a few MB
    max_redirects: int = 10


class _HostGate:
    """Caps concurrent requests to one host and spaces their starts by ``pause``."""

    def __init__(self, max_in_flight: int, pause: float, sleep: Callable[[float], None]) -> None:
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._pause = pause
        self._sleep = sleep

    def __enter__(self) -> None:
        self._slots.acquire()
        with self._lock:
            now = time.monotonic()
            wait = self._next_start - now
            self._next_start = max(now, self._next_start) + self._pause
        if wait > 0:
            self._sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self._slots.release()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks us to wait, or None if absent/unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class PoliteClient:
    """Live fetcher: httpx underneath, with politeness, retries and archiving."""

    def __init__(
        self,
        archive: RawArchive,
        policy: HttpPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.archive = archive
        self.policy = policy or HttpPolicy()
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": self.policy.user_agent, "Accept": "application/json"},
            timeout=httpx.Timeout(self.policy.timeout, connect=self.policy.connect_timeout),
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
        )
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self.requests = 0
        self.entries: list[ArchiveEntry] = []

    def _gate(self, host: str) -> _HostGate:
        with self._gates_lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.policy.max_in_flight, self.policy.pause, self._sleep)
                self._gates[host] = gate
            return gate

    def _backoff(self, attempt: int) -> float:
        base = min(self.policy.max_backoff, self.policy.backoff * 2 ** (attempt - 1))
        return base * (0.5 + random.random() / 2)  # jitter keeps retries from marching in step

    def get(self, url: str, params: dict[str, str | int] | None = None) -> Fetched:
        key = canonical_url(url, params)
        gate = self._gate(urlsplit(key).netloc)
        last_problem = "no attempt made"
        for attempt in range(1, self.policy.attempts + 1):
            try:
                with gate:
                    with self._count_lock:
                        self.requests += 1
                    response, body = self._fetch(key)
            except httpx.TooManyRedirects as exc:
                raise FetchError(
                    key, f"more than {self.policy.max_redirects} redirects (the last to "
                    f"{exc.request.url})",
                ) from exc  # fmt: skip
            except httpx.TimeoutException as exc:
                last_problem = f"timed out ({type(exc).__name__})"
                wait = self._backoff(attempt)
            except httpx.TransportError as exc:
                last_problem = f"network error ({type(exc).__name__}: {exc})"
                wait = self._backoff(attempt)
            else:
                entry = self.archive.put(
                    key, response.status_code, response.headers.get("content-type", ""), body
                )
                with self._count_lock:
                    self.entries.append(entry)
                if response.status_code < 400:
                    return Fetched(key, response.status_code, entry.content_type, body, entry)
                last_problem = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUSES:
                    raise FetchError(key, last_problem, response.status_code)
                asked = retry_after_seconds(response.headers.get("retry-after"))
                if asked is not None and asked > self.policy.max_retry_after:
                    raise FetchError(
                        key, f"{last_problem} with Retry-After {asked:.0f}s, longer than we wait"
                    )
                wait = asked if asked is not None else self._backoff(attempt)
            if attempt < self.policy.attempts:
                log.warning(
                    "%s: %s; retry %d/%d in %.1fs",
                    key,
                    last_problem,
                    attempt,
                    self.policy.attempts - 1,
                    wait,
                )
                self._sleep(wait)
        raise FetchError(key, f"{last_problem} after {self.policy.attempts} attempts")

    def _fetch(self, key: str) -> tuple[httpx.Response, bytes]:
        """GET ``key`` and read its body within the size cap and the deadline."""
        started = time.monotonic()
        limit = self.policy.max_body_bytes
        with self._client.stream("GET", key) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(
                    key, f"the answer declares {int(declared):,} bytes, over the {limit:,} "
                    "byte limit; not read", response.status_code,
                )  # fmt: skip
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit or response.num_bytes_downloaded > limit:
                    raise FetchError(
                        key, f"the answer passed the {limit:,} byte limit (decompressed "
                        f"{size:,}, downloaded {response.num_bytes_downloaded:,}); not kept",
                        response.status_code,
                    )  # fmt: skip
                if time.monotonic() - started > self.policy.deadline:
                    raise FetchError(
                        key, f"the answer did not finish within {self.policy.deadline:g} s "
                        f"({size:,} bytes so far); abandoned", response.status_code,
                    )  # fmt: skip
                chunks.append(chunk)
        return response, b"".join(chunks)

    def close(self) -> None:
        self._client.close()


def parse_json(fetched: Fetched) -> Any:
    """Decode a JSON body, or fail naming the URL and where the JSON broke."""
    try:
        return json.loads(fetched.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        snippet = fetched.body[:80].decode("utf-8", "replace")
        raise FetchError(
            fetched.url,
            f"expected JSON, got something else ({exc}); body starts {snippet!r}; "
            f"raw body kept in the archive as {fetched.entry.sha256}",
        ) from exc
