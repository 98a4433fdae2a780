"""No answer can exhaust the machine: the client streams bodies under a size cap (declared,
downloaded and decompressed), abandons a request past its deadline, names the URL of a
redirect loop, and does not retry what retrying would only repeat."""

from __future__ import annotations

import gzip
import itertools
import time
from collections.abc import Iterator

import httpx
import pytest

from flows.refresh import retry_if_transient
from scrapers.http import FetchError, is_transient

URL = "https://hostile.test/list.xlsx"
MB = 1024 * 1024


class Counting:
    """A transport answering every request with ``answer()``, counting requests."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return self.answer(request)


def endless() -> Iterator[bytes]:
    for _ in itertools.count():
        yield b"\0" * 65536


def trickle() -> Iterator[bytes]:
    for _ in range(1000):
        time.sleep(0.05)
        yield b"x"


def test_an_endless_body_stops_at_the_cap_and_is_not_retried(make_client) -> None:
    server = Counting(lambda r: httpx.Response(200, content=endless()))
    client = make_client(httpx.MockTransport(server), max_body_bytes=2 * MB)
    with pytest.raises(
        FetchError, match=r"hostile\.test/list\.xlsx: the answer passed the 2,097,152"
    ):
        client.get(URL)
    assert server.calls == 1  # a permanent failure: no retry reads it again


def test_a_declared_size_over_the_cap_is_not_read(make_client) -> None:
    def huge(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Length": str(2 * 1024 * MB)}, content=endless()
        )

    client = make_client(httpx.MockTransport(Counting(huge)), max_body_bytes=MB)
    with pytest.raises(FetchError, match=r"declares 2,147,483,648 bytes, over the 1,048,576"):
        client.get(URL)


def test_a_gzip_bomb_stops_at_the_cap_once(make_client) -> None:
    bomb = gzip.compress(b"\0" * (64 * MB))  # ~64 kB on the wire
    server = Counting(
        lambda r: httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=bomb)
    )
    client = make_client(httpx.MockTransport(server), max_body_bytes=4 * MB)
    with pytest.raises(FetchError, match=r"passed the 4,194,304 byte limit \(decompressed"):
        client.get(URL)
    assert server.calls == 1
    assert len(bomb) < MB


def test_a_trickle_is_abandoned_at_the_deadline(make_client) -> None:
    server = Counting(lambda r: httpx.Response(200, content=trickle()))
    client = make_client(httpx.MockTransport(server), deadline=0.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"did not finish within 0.5 s"):
        client.get(URL)
    assert time.monotonic() - started < 5 and server.calls == 1


def test_a_redirect_loop_names_the_url_and_stops(make_client) -> None:
    server = Counting(lambda r: httpx.Response(302, headers={"Location": str(r.url)}))
    client = make_client(httpx.MockTransport(server), max_redirects=5)
    with pytest.raises(FetchError, match=r"hostile\.test/list\.xlsx: more than 5 redirects"):
        client.get(URL)
    assert server.calls == 6


def test_a_body_within_the_cap_is_read_whole(make_client) -> None:
    body = b"y" * (MB - 1)
    client = make_client(httpx.MockTransport(lambda r: httpx.Response(200, content=body)),
                         max_body_bytes=MB)  # fmt: skip
    assert client.get(URL).body == body


def test_only_a_collection_that_changed_is_worth_reading_again(make_client) -> None:
    """Retries live in one place: the client retries 5xx itself; once it gives up, nothing
    above it tries again (that held the refresh lock 4 minutes for one dead host)."""
    from scrapers.ietf.datatracker import IncompleteCollection

    client = make_client(
        httpx.MockTransport(lambda r: httpx.Response(503)), attempts=2, backoff=0.0
    )
    with pytest.raises(FetchError) as unavailable:
        client.get(URL)
    assert not is_transient(unavailable.value)
    client = make_client(httpx.MockTransport(lambda r: httpx.Response(404)))
    with pytest.raises(FetchError) as missing:
        client.get(URL)
    assert not is_transient(missing.value)
    assert not is_transient(ValueError("not a TDoc list"))
    assert is_transient(IncompleteCollection(URL, "total_count changed from 10 to 11"))


def test_prefect_retries_only_transient_failures() -> None:
    from prefect.states import Completed, Failed

    assert retry_if_transient(None, None, Failed(data=FetchError(URL, "HTTP 503", transient=True)))
    assert not retry_if_transient(None, None, Failed(data=FetchError(URL, "HTTP 404")))
    assert not retry_if_transient(None, None, Failed(data=FetchError(URL, "over the cap")))
    assert retry_if_transient(None, None, Completed())
