"""The polite client: retries, Retry-After, politeness limits and archiving."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.http import DEFAULT_USER_AGENT, FetchError, parse_json, retry_after_seconds

URL = "https://datatracker.test/api/v1/meeting/meeting/"


@pytest.fixture
def router() -> respx.Router:
    return respx.Router(assert_all_called=False)


def transport(router: respx.Router) -> httpx.MockTransport:
    return httpx.MockTransport(router.handler)


def test_429_with_retry_after_zero_retries_at_once(router, make_client, sleeps):
    route = router.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json={}),
        ]
    )
    client = make_client(transport(router))
    assert client.get(URL).status == 200
    assert route.call_count == 2
    assert sleeps == [0.0]


def test_429_with_retry_after_seconds_waits_that_long(router, make_client, sleeps):
    router.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, json={}),
        ]
    )
    make_client(transport(router)).get(URL)
    assert sleeps == [7.0]


def test_retry_after_as_http_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(header, now) == pytest.approx(30.0)
    assert retry_after_seconds("not a date") is None
    assert retry_after_seconds(None) is None


def test_retry_after_longer_than_we_wait_fails_naming_url(router, make_client):
    router.get(URL).mock(return_value=httpx.Response(503, headers={"Retry-After": "86400"}))
    with pytest.raises(FetchError, match=r"meeting/meeting.*Retry-After 86400s"):
        make_client(transport(router)).get(URL)


def test_500_then_success_backs_off(router, make_client, sleeps):
    route = router.get(URL).mock(
        side_effect=[httpx.Response(500), httpx.Response(502), httpx.Response(200, json={"a": 1})]
    )
    fetched = make_client(transport(router), backoff=2.0).get(URL)
    assert parse_json(fetched) == {"a": 1}
    assert route.call_count == 3
    # exponential with jitter in [0.5, 1.0] of 2s then 4s
    assert 1.0 <= sleeps[0] <= 2.0 and 2.0 <= sleeps[1] <= 4.0


def test_timeout_then_success(router, make_client, sleeps):
    router.get(URL).mock(side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json={})])
    assert make_client(transport(router)).get(URL).status == 200
    assert len(sleeps) == 1


def test_persistent_failure_raises_after_all_attempts(router, make_client, sleeps):
    route = router.get(URL).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(FetchError, match=r"network error .* after 3 attempts"):
        make_client(transport(router), attempts=3).get(URL)
    assert route.call_count == 3
    assert len(sleeps) == 2


def test_404_is_not_retried(router, make_client, sleeps):
    route = router.get(URL).mock(return_value=httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        make_client(transport(router)).get(URL)
    assert route.call_count == 1 and sleeps == []


def test_every_response_is_archived_even_errors(router, make_client, tmp_path):
    router.get(URL).mock(
        side_effect=[httpx.Response(500, text="oops"), httpx.Response(200, json={"ok": True})]
    )
    client = make_client(transport(router))
    client.get(URL, {"type": "ietf"})
    entries = RawArchive(tmp_path / "raw").entries()
    assert [e.status for e in entries] == [500, 200]
    assert entries[1].url == URL + "?type=ietf"
    assert RawArchive(tmp_path / "raw").read_body(entries[0].sha256) == b"oops"
    assert client.requests == 2


def test_user_agent_names_the_tool_and_a_contact(router, make_client):
    route = router.get(URL).mock(return_value=httpx.Response(200, json={}))
    make_client(transport(router)).get(URL)
    agent = route.calls.last.request.headers["user-agent"]
    assert agent == DEFAULT_USER_AGENT and "sdo-tracker" in agent and "https://" in agent


def test_malformed_json_error_names_the_url(router, make_client):
    router.get(URL).mock(return_value=httpx.Response(200, text="<html>maintenance</html>"))
    fetched = make_client(transport(router)).get(URL)
    with pytest.raises(
        FetchError, match=r"datatracker\.test/api/v1/meeting/meeting/.*expected JSON"
    ):
        parse_json(fetched)


def test_at_most_two_requests_in_flight_per_host(make_client):
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return httpx.Response(200, json={})

    client = make_client(httpx.MockTransport(handler))
    threads = [threading.Thread(target=client.get, args=(f"{URL}?n={i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert state["peak"] == 2


def test_pause_spaces_requests_to_one_host(router, make_client, sleeps):
    router.get(URL).mock(return_value=httpx.Response(200, json={}))
    client = make_client(transport(router), pause=5.0)
    client.get(URL)
    client.get(URL)
    assert len(sleeps) == 1 and 4.0 < sleeps[0] <= 5.0


def test_replay_serves_archived_bodies_and_names_misses(router, make_client, tmp_path):
    router.get(URL).mock(return_value=httpx.Response(200, json={"n": 1}))
    make_client(transport(router)).get(URL, {"b": 2, "a": 1})
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    # same request with parameters in another order hits the same archived body
    assert parse_json(replay.get(URL + "?a=1", {"b": "2"})) == {"n": 1}
    with pytest.raises(LookupError, match=r"meeting/\?a=9: not in the archive"):
        replay.get(URL, {"a": 9})


def test_replay_of_a_folder_without_index_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no archive index"):
        ArchiveReplay(RawArchive(tmp_path / "nothing"))


def test_replay_answers_a_mirror_host_by_path_and_query(router, make_client, tmp_path):
    router.get(URL).mock(return_value=httpx.Response(200, json={"n": 1}))
    make_client(transport(router)).get(URL, {"a": 1})
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    mirror = URL.replace("https://datatracker.test", "http://127.0.0.1:8000")
    assert parse_json(replay.get(mirror, {"a": 1})) == {"n": 1}
