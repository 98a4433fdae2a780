"""Paging the datatracker: every row or a loud error, on real registration records."""

from __future__ import annotations

import functools
import gzip
import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from scrapers.http import FetchError
from scrapers.ietf.datatracker import IncompleteCollection, fetch_collection, fetch_frame
from scrapers.ietf.emulation import collection_pages, tastypie_page
from tests.conftest import BASE, FIXTURES

RESOURCE = "stats/meetingregistration"


@pytest.fixture(scope="module")
def ietf110() -> list[dict]:
    rows = json.loads(gzip.decompress((FIXTURES / "ietf" / "co2eq_ietf110.json.gz").read_bytes()))
    return [
        {
            "id": i,
            "affiliation": r["organization"] or "",
            "country_code": r["country"] or "",
            "reg_type": "remote",
        }
        for i, r in enumerate(rows, 1)
    ]


def serve(pages: dict[str, bytes], seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = pages.get(str(request.url))
        return httpx.Response(200, content=body) if body else httpx.Response(404)

    return httpx.MockTransport(handler)


def test_follows_next_until_every_row_is_read(ietf110, make_client):
    filters = {"meeting__number": "110"}
    pages = dict(collection_pages(BASE, RESOURCE, filters, ietf110))
    seen: list[httpx.Request] = []
    collection = fetch_collection(make_client(serve(pages, seen)), BASE, RESOURCE, filters)
    assert len(collection) == 1329 == len(ietf110)
    assert [o["id"] for o in collection.objects] == [o["id"] for o in ietf110]
    # pages of the server's cap (1000), never smaller ones
    queries = [parse_qs(urlsplit(str(r.url)).query) for r in seen]
    assert [q["limit"] for q in queries] == [["1000"], ["1000"]]
    assert [q.get("offset") for q in queries] == [None, ["1000"]]
    assert all(q["meeting__number"] == ["110"] and q["format"] == ["json"] for q in queries)
    # each object remembers which archived page it came on
    assert len(set(collection.pages)) == 2


def test_a_collection_parsed_page_by_page_equals_the_whole_parse_and_keeps_no_dicts(
    ietf110, make_client
):
    from scrapers.ietf.registrations import parse_stats_registrations

    filters = {"meeting__number": "110"}
    pages = dict(collection_pages(BASE, RESOURCE, filters, ietf110))
    whole = fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE, filters)
    expected = parse_stats_registrations(whole.objects, "110", "", whole.pages)

    def page_by_page():
        parse = functools.partial(parse_stats_registrations, meeting="110")
        return fetch_frame(make_client(serve(pages, [])), BASE, RESOURCE, filters, parse)

    frame, read = page_by_page()
    assert frame.equals(expected) and frame.height == 1329
    assert len(read) == 1329 and read.objects == [] and read.pages == []
    # rows the server cannot serve are still counted against the total when nothing is kept
    del pages[list(pages)[1]]
    frame, read = page_by_page()
    assert frame.height == len(read) == 1000 and len(read.skipped) == 329


def test_server_capping_a_page_still_reads_everything(ietf110, make_client):
    """A server that returns 500 rows whatever limit we ask for: next links carry us on."""
    filters = {"meeting__number": "110"}
    pages: dict[str, bytes] = {}
    for url, _ in collection_pages(BASE, RESOURCE, filters, ietf110, limit=1000):
        pages.setdefault(url, b"")
    capped = dict(collection_pages(BASE, RESOURCE, filters, ietf110, limit=500))
    # the first request asks limit=1000; answer it with a 500-row page whose next says limit=500
    first = next(iter(pages))
    pages = {first: next(iter(capped.values())), **dict(list(capped.items())[1:])}
    collection = fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE, filters)
    assert len(collection) == 1329


def test_short_read_is_an_error_not_silent_loss(ietf110, make_client):
    filters = {"meeting__number": "110"}
    pages = dict(collection_pages(BASE, RESOURCE, filters, ietf110))
    first_url = next(iter(pages))
    page = json.loads(pages[first_url])
    page["meta"]["next"] = None  # the server stops after 1000 rows but declares 1329
    pages[first_url] = json.dumps(page).encode()
    with pytest.raises(IncompleteCollection, match=r"read 1000 rows .* total_count 1329"):
        fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE, filters)


def test_total_count_changing_mid_pagination_is_an_error(ietf110, make_client):
    filters = {"meeting__number": "110"}
    pages = dict(collection_pages(BASE, RESOURCE, filters, ietf110))
    second_url = list(pages)[1]
    page = json.loads(pages[second_url])
    page["meta"]["total_count"] = 1330
    pages[second_url] = json.dumps(page).encode()
    with pytest.raises(IncompleteCollection, match="total_count changed from 1329 to 1330"):
        fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE, filters)


def test_repeated_rows_across_pages_are_an_error(ietf110, make_client):
    """Offset paging over a table that shifted: same count, but a row twice and one missed."""
    filters = {"meeting__number": "110"}
    shifted = ietf110[:1000] + ietf110[999:1328]
    pages = dict(collection_pages(BASE, RESOURCE, filters, shifted))
    with pytest.raises(IncompleteCollection, match="1328 distinct"):
        fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE, filters)


def test_page_of_another_shape_names_the_url(make_client):
    url = f"{BASE}/api/v1/{RESOURCE}/?format=json&limit=1000"
    pages = {url: b'{"detail": "maintenance"}'}
    with pytest.raises(FetchError, match=r"stats/meetingregistration/\?format=json.*Tastypie page"):
        fetch_collection(make_client(serve(pages, [])), BASE, RESOURCE)


def test_empty_collection_is_fine(make_client):
    pages = dict(collection_pages(BASE, RESOURCE, {"meeting__number": "72"}, []))
    empty = fetch_collection(
        make_client(serve(pages, [])), BASE, RESOURCE, {"meeting__number": "72"}
    )
    assert len(empty) == 0


def test_tastypie_page_links_are_relative_and_carry_filters():
    page = tastypie_page(RESOURCE, {"meeting__number": "110"}, [], 1000, 2500)
    assert page["meta"]["next"].startswith(f"/api/v1/{RESOURCE}/?")
    assert "offset=2000" in page["meta"]["next"] and "meeting__number=110" in page["meta"]["next"]
    assert "offset=0" in page["meta"]["previous"]
