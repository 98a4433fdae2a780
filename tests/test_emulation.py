"""The datatracker emulator filters and pages as Tastypie does, including through the index
and per-query cache that let it serve million-row collections to the benchmarks."""

from __future__ import annotations

from scrapers.ietf.emulation import TastypieEmulator

MEETINGS = [
    {"id": 1, "number": "110", "resource_uri": "/api/v1/meeting/meeting/1/"},
    {"id": 2, "number": "111", "resource_uri": "/api/v1/meeting/meeting/2/"},
]


def registration(i: int, meeting: int, attended: bool) -> dict:
    return {
        "id": i,
        "meeting": f"/api/v1/meeting/meeting/{meeting}/",
        "attended": attended,
        "time": f"2024-01-{i:02d}T00:00:00Z",
        "resource_uri": f"/api/v1/meeting/registration/{i}/",
    }


def records() -> dict[str, list[dict]]:
    regs = [registration(i, 1 + i % 2, i % 3 == 0) for i in range(1, 26)]
    return {"meeting/meeting": MEETINGS, "meeting/registration": regs}


def ids(emulator: TastypieEmulator, query: dict[str, str]) -> list[int]:
    page = emulator.page("meeting/registration", {"limit": "1000", **query})
    assert page is not None
    return [o["id"] for o in page["objects"]]


def test_exact_filters_follow_uris_and_combine_with_range_lookups():
    emulator = TastypieEmulator(records())
    assert ids(emulator, {"meeting__number": "111"}) == list(range(1, 26, 2))
    assert ids(emulator, {"meeting__number": "110", "attended": "true"}) == [6, 12, 18, 24]
    assert ids(emulator, {"meeting__number": "110", "time__gte": "2024-01-20T00:00:00Z"}) == [
        20,
        22,
        24,
    ]
    assert ids(emulator, {"meeting__number": "112"}) == []
    assert ids(emulator, {"attended": "False", "id__gt": "20"}) == [22, 23, 25]


def test_pages_of_one_query_share_one_filtering_and_see_rows_added_later():
    data = records()
    emulator = TastypieEmulator(data, page_cap=10)
    first = emulator.page("meeting/registration", {"meeting__number": "111", "limit": "10"})
    second = emulator.page(
        "meeting/registration", {"meeting__number": "111", "limit": "10", "offset": "10"}
    )
    assert first and second and first["meta"]["total_count"] == 13
    assert [o["id"] for o in first["objects"] + second["objects"]] == list(range(1, 26, 2))
    assert len(emulator._chosen) == 1  # the second page reused the first's filtering
    data["meeting/registration"].append(registration(27, 2, False))
    again = emulator.page("meeting/registration", {"meeting__number": "111", "limit": "10"})
    assert again and again["meta"]["total_count"] == 14
