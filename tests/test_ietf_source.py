"""The IETF source as a whole, live through the polite client and replayed from its archive."""

from __future__ import annotations

import json
from datetime import date

import httpx
from polars.testing import assert_frame_equal

from flows.settings import SAMPLE_ARCHIVE
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.emulation import collection_pages
from scrapers.ietf.source import fetch_ietf

BASE = "https://datatracker.ietf.org"  # the sample archive was recorded under this host


def sample_server(overrides: dict[str, list[httpx.Response]] | None = None):
    """A transport answering from the bundled sample archive; ``overrides`` go first."""
    archive = RawArchive(SAMPLE_ARCHIVE)
    bodies = {e.url: e.sha256 for e in archive.entries()}
    seen: list[str] = []
    queued = {url: list(responses) for url, responses in (overrides or {}).items()}

    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        seen.append(url)
        if queued.get(url):
            return queued[url].pop(0)
        if url in bodies:
            return httpx.Response(200, content=archive.read_body(bodies[url]))
        return httpx.Response(404)

    return httpx.MockTransport(handler), seen


def test_live_fetch_archives_what_replay_then_reproduces(make_client, tmp_path):
    transport, seen = sample_server()
    client = make_client(transport)
    live = fetch_ietf(client, BASE, meetings_wanted={"104", "110"})
    assert live.registrations.height == 2127 + 1329
    # 1 meetings page + per meeting: the empty current resource, then the stats pages
    assert len(seen) == client.requests == 1 + (1 + 3) + (1 + 2)

    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    again = fetch_ietf(replay, BASE, meetings_wanted={"104", "110"})
    assert_frame_equal(again.registrations, live.registrations)
    assert_frame_equal(again.meetings, live.meetings)
    assert replay.requests == client.requests


def test_rate_limited_page_is_retried_and_nothing_is_lost(make_client, sleeps):
    second_page = (
        f"{BASE}/api/v1/stats/meetingregistration/?format=json&limit=1000"
        "&meeting__number=110&offset=1000"
    )
    transport, _ = sample_server(
        {second_page: [httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(503)]}
    )
    batch = fetch_ietf(make_client(transport), BASE, meetings_wanted={"110"})
    assert batch.registrations.height == 1329
    assert len(sleeps) == 2 and sleeps[0] == 0.0


def test_current_registration_resource_is_preferred(make_client):
    """Where meeting/registration has rows, the older stats resource is not asked."""
    objects = [
        {
            "id": 7,
            "affiliation": "Cisco",
            "country_code": "US",
            "person": "/p/1/",
            "tickets": [{"attendance_type": "onsite", "ticket_type": "week_pass"}],
        }
    ]
    pages = dict(
        collection_pages(BASE, "meeting/registration", {"meeting__number": "110"}, objects)
    )
    url, body = next(iter(pages.items()))
    transport, seen = sample_server({url: [httpx.Response(200, content=body)]})
    batch = fetch_ietf(make_client(transport), BASE, meetings_wanted={"110"})
    assert batch.registrations["source"].to_list() == ["registration"]
    assert not any("stats/meetingregistration" in u for u in seen)


def test_meetings_not_yet_started_and_before_72_are_skipped(make_client):
    meetings = [
        {
            "id": i,
            "number": str(n),
            "type": "/api/v1/name/meetingtypename/ietf/",
            "date": d,
            "days": 7,
        }
        for i, (n, d) in enumerate([(71, "2008-03-09"), (72, "2008-07-27"), (130, "2099-03-01")])
    ]
    url, body = next(iter(collection_pages(BASE, "meeting/meeting", {"type": "ietf"}, meetings)))
    empty = {
        u: [httpx.Response(200, content=b)]
        for resource in ("meeting/registration", "stats/meetingregistration")
        for u, b in collection_pages(BASE, resource, {"meeting__number": "72"}, [])
    }
    transport, seen = sample_server({url: [httpx.Response(200, content=body)], **empty})
    batch = fetch_ietf(make_client(transport), BASE, today=date(2026, 11, 22))
    assert batch.meetings["meeting"].to_list() == ["72"]
    assert batch.registrations.height == 0
    assert not any("meeting__number=71" in u or "meeting__number=130" in u for u in seen)
    assert json.loads(body)["meta"]["total_count"] == 3
