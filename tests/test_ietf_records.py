"""IETF documents, authors, events, groups, roles and attendance: parsers and cursors.

The records in tests/fixtures/ietf/api/datatracker_records.json are constructed in the
datatracker's API format, not recorded (tests/fixtures/PROVENANCE.md); a TastypieEmulator
serves them through an httpx transport, filtering and paging the way the datatracker does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import polars as pl
import pytest

from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.documents import (
    parse_document_authors,
    parse_document_events,
    parse_documents,
    parse_rfc_origins,
)
from scrapers.ietf.emulation import TastypieEmulator
from scrapers.ietf.groups import parse_group_history, parse_groups, parse_role_history, parse_roles
from scrapers.ietf.incremental import FAMILIES, fetch_incremental
from scrapers.ietf.sessions import parse_attended, parse_sessions
from scrapers.ietf.values import ApiObjectError
from tests.conftest import FIXTURES, emulated_datatracker

BASE = "https://datatracker.test"
RECORDS = json.loads((FIXTURES / "ietf" / "api" / "datatracker_records.json").read_text())


def emulated(records: dict | None = None) -> tuple[TastypieEmulator, httpx.MockTransport]:
    return emulated_datatracker(records or RECORDS)


def test_documents_keep_drafts_and_rfcs_only():
    docs = parse_documents(RECORDS["doc/document"])
    assert "charter-ietf-quic" not in docs["name"].to_list()
    rfc = docs.filter(name="rfc9000").row(0, named=True)
    assert (rfc["doc_type"], rfc["rfc_number"], rfc["group_id"], rfc["std_level"]) == (
        "rfc",
        9000,
        2161,
        "ps",
    )
    assert rfc["time"] == datetime(2021, 5, 27, 18, 0, tzinfo=UTC)
    assert docs.filter(name="rfc9180")["stream"].item() == "irtf"


def test_authors_keep_what_was_typed_and_a_one_way_person_key():
    authors = parse_document_authors(RECORDS["doc/documentauthor"])
    row = authors.filter(document="rfc9180", author_order=2).row(0, named=True)
    assert (row["affiliation"], row["country_raw"]) == ("Inria", "France")
    assert len(row["person_key"]) == 16 and "20013" not in row["person_key"]
    # the same person on two documents has one key
    keys = authors.filter(pl.col("document").is_in(["rfc9000", "rfc9002"]), author_order=1)
    assert keys["person_key"].n_unique() == 1


def test_events_and_origins_skip_other_types():
    events = parse_document_events(RECORDS["doc/docevent"])
    assert set(events["event_type"]) == {"published_rfc", "iesg_approved"}
    assert events.height == 7
    origins = parse_rfc_origins(RECORDS["doc/relateddocument"])
    assert origins.select("draft", "rfc").rows() == [
        ("draft-ietf-quic-transport", "rfc9000"),
        ("draft-ietf-quic-tls", "rfc9001"),
    ]


def test_groups_history_and_roles():
    groups = parse_groups(RECORDS["group/group"])
    quic = groups.filter(acronym="quic").row(0, named=True)
    assert (quic["group_type"], quic["state"], quic["parent_id"]) == ("wg", "active", 1324)
    history = parse_group_history(RECORDS["group/grouphistory"])
    assert history.filter(history_id=9001)["state"].item() == "proposed"
    roles = parse_roles(RECORDS["group/role"])
    assert roles.filter(group_id=2161)["role"].to_list() == ["chair", "chair"]
    past = parse_role_history(RECORDS["group/rolehistory"])
    assert past.filter(history_id=9001).height == 2


def test_role_history_must_point_to_a_snapshot():
    bad = [{**RECORDS["group/rolehistory"][0], "group": "/api/v1/group/group/2161/"}]
    with pytest.raises(ApiObjectError, match="grouphistory"):
        parse_role_history(bad)


def test_sessions_and_attendance():
    sessions = parse_sessions(RECORDS["meeting/session"][:3], "110")
    assert sessions.filter(session_type="plenary")["group_id"].item() == 1
    attended = parse_attended(RECORDS["meeting/attended"])
    assert attended.filter(attended_id=6)["origin"].item() == "self declared"


def test_a_bad_time_names_the_object():
    bad = [{**RECORDS["doc/document"][1], "time": "last Tuesday"}]
    with pytest.raises(ApiObjectError, match=r"rfc9000.*'time' is not an ISO time"):
        parse_documents(bad)


def test_a_first_refresh_reads_every_family_from_the_start(make_client):
    emulator, transport = emulated()
    client = make_client(transport)
    records = fetch_incremental(client, BASE, {})
    assert records.documents.height == 8 and records.authors.height == 19
    assert records.roles.height == 6  # the reviewer role is not asked for
    assert records.role_groups is None  # a full read: every group's roles are replaced
    # one page per endpoint: 2 + 1 + 1 + 2 + 2 + 1
    assert client.requests == len(emulator.requests) == 9
    assert records.reports["documents"].cursor == "2024-03-01T10:30:00Z"
    assert records.reports["attended"].cursor == "8"
    assert records.reports["origins"].cursor == "502"


def test_a_refresh_with_nothing_new_reads_only_the_boundary(make_client):
    emulator, transport = emulated()
    first = fetch_incremental(make_client(transport), BASE, {})
    cursors = {family: first.reports[family].cursor for family in FAMILIES}
    emulator.requests.clear()
    again = fetch_incremental(make_client(transport), BASE, cursors)
    assert len(emulator.requests) == 9
    assert all("time__gte" in u or "id__gt" in u for u in emulator.requests)
    # time__gte repeats the boundary second; id__gt does not
    assert again.documents["name"].to_list() == ["draft-ietf-tls-esni"]
    assert again.attended.is_empty() and again.rfc_origins.is_empty()
    assert again.role_groups == [2]  # the IAB changed last: its roles are re-read
    assert {f: again.reports[f].cursor for f in FAMILIES} == cursors


def test_a_new_revision_replaces_that_documents_authors(make_client):
    _emulator, transport = emulated()
    first = fetch_incremental(make_client(transport), BASE, {})
    cursors = {family: first.reports[family].cursor for family in FAMILIES}
    changed = json.loads(json.dumps(RECORDS))
    esni = next(d for d in changed["doc/document"] if d["name"] == "draft-ietf-tls-esni")
    esni["time"] = "2024-06-01T08:00:00Z"
    changed["doc/documentauthor"] = [
        a for a in changed["doc/documentauthor"] if a["id"] != 60019
    ]  # the fourth author left in the new revision
    _, transport = emulated(changed)
    again = fetch_incremental(make_client(transport), BASE, cursors)
    assert again.author_documents == ["draft-ietf-tls-esni"]
    assert again.authors.height == 3
    assert again.reports["documents"].cursor == "2024-06-01T08:00:00Z"


def test_replay_follows_the_chain_of_increments_a_live_archive_recorded(make_client, tmp_path):
    _emulator, transport = emulated()
    client = make_client(transport)
    first = fetch_incremental(client, BASE, {})
    cursors = {family: first.reports[family].cursor for family in FAMILIES}
    changed = json.loads(json.dumps(RECORDS))
    changed["meeting/attended"].append(
        {**changed["meeting/attended"][0], "id": 9, "resource_uri": "/api/v1/meeting/attended/9/"}
    )
    _, transport = emulated(changed)
    fetch_incremental(make_client(transport), BASE, cursors)  # a second live refresh
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    rebuilt = fetch_incremental(replay, BASE, {}, replay=True)
    assert rebuilt.reports["attended"].increments == 2
    assert rebuilt.attended["attended_id"].to_list() == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert rebuilt.documents.height == 8


def test_an_archive_without_a_family_reports_it_absent(tmp_path):
    from flows.settings import SAMPLE_ARCHIVE

    replay = ArchiveReplay(RawArchive(SAMPLE_ARCHIVE))  # registrations only
    records = fetch_incremental(replay, BASE, {}, replay=True)
    assert all(records.reports[f].absent for f in FAMILIES)
    assert records.documents.is_empty() and replay.requests == 0


def test_a_page_with_a_corrupt_row_is_read_row_by_row(make_client, tmp_path):
    """The datatracker fails a whole page (404) when one row cannot be serialised."""
    from scrapers.ietf.datatracker import fetch_collection

    records = {"meeting/attended": RECORDS["meeting/attended"]}
    corrupt = frozenset({"/api/v1/meeting/attended/3/"})
    _, transport = emulated_datatracker(records, corrupt=corrupt)
    client = make_client(transport)
    found = fetch_collection(client, BASE, "meeting/attended", {"order_by": "id"})
    assert [o["id"] for o in found.objects] == [1, 2, 4, 5, 6, 7, 8]
    assert found.skipped == [
        f"{BASE}/api/v1/meeting/attended/?format=json&limit=1&offset=2&order_by=id"
    ]
    assert client.requests == 1 + 8  # the failed page, then each of its rows
    # the archive replays the same path: the page fails again, the rows answer
    replay = ArchiveReplay(RawArchive(tmp_path / "raw"))
    again = fetch_collection(replay, BASE, "meeting/attended", {"order_by": "id"})
    assert again.objects == found.objects and again.skipped == found.skipped
