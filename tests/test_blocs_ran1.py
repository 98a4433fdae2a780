"""Blocs on the real record of the 2016 channel-coding debate: RAN1#86bis and #87.

The TDoc lists and chair's reports of both meetings are imported as a user would; the
co-signature camps on channel coding (RAN1#86bis 8.1.3.1, RAN1#87 7.1.5.1) must come out as
the public record tells them: polar (Huawei, ZTE…) apart from LDPC (Qualcomm, Samsung,
Nokia, Intel…), and the turbo-code proposers (Orange, IMT, AccelerComm) with neither.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import warehouse.blocs.build as build
from flows.cli import app
from tests.conftest import FIXTURES
from warehouse.store.db import connect, transaction

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"


LISTS = [THREEGPP / "tdoc_lists" / f"TDoc_List_TSGR1_{m}.xlsx" for m in ("86b", "87")]
REPORTS = [THREEGPP / "reports" / f"Final_Report_RAN1-{m}.docx" for m in ("86b", "87")]


def load(path: Path, *steps: tuple[str, list[Path]]) -> Path:
    for kind, files in steps:
        import_files(path, kind, files)
    return path


def import_files(path: Path, kind: str, files: list[Path]) -> str:
    result = runner.invoke(app, ["import", kind, *map(str, files), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ran1") / "sdo.duckdb"
    return load(path, ("tdoc-list", LISTS), ("report", REPORTS))


def partitions(path: Path) -> dict[tuple[str, str | None], frozenset[frozenset[str]]]:
    """Who sits with whom in every network (labels ignored): settled blocs, the undecided
    and the unattached, each as a set of corporate groups."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT meeting, agenda_item, bloc, list(org_group ORDER BY org_group) "
            "FROM bloc_membership GROUP BY ALL"
        ).fetchall()
    out: dict[tuple[str, str | None], set[frozenset[str]]] = {}
    for meeting, item, bloc, groups in rows:
        tag = bloc if bloc in ("undecided", "unattached") else "bloc"
        out.setdefault((meeting, item), set()).add(frozenset([f"#{tag}", *groups]))
    return {key: frozenset(value) for key, value in out.items()}


def table(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(con.execute(sql).fetchall(), key=repr)


def test_the_same_records_give_the_same_blocs_in_any_order_and_loaded_twice(db, tmp_path):
    """Reports before lists, the later meeting first, then every list again: the same
    partitions, co-membership shares, labels, summaries and voting rights as the straight
    load (both with the member list, for the labelled proxy of votes)."""
    members = [THREEGPP / "membership" / "3GPPMembership_2025-01.csv"]
    straight = tmp_path / "straight.duckdb"
    straight.write_bytes(db.read_bytes())
    load(straight, ("membership", members))
    other = load(
        tmp_path / "other.duckdb",
        ("membership", members),
        ("report", REPORTS[::-1]),
        ("tdoc-list", LISTS[1:]),
        ("tdoc-list", LISTS[:1]),
    )
    again = import_files(other, "tdoc-list", LISTS)
    assert partitions(other) == partitions(straight) == partitions(db)
    for sql in (
        "SELECT meeting, agenda_item, org_group_a, org_group_b, together, runs "
        "FROM bloc_comembership",
        "SELECT * EXCLUDE (run_id) FROM bloc_membership",
        "SELECT * FROM bloc_summary WHERE body = '3gpp'",
        "SELECT * FROM bloc_switches",
        "SELECT * FROM threegpp_voting_rights",
    ):
        assert table(other, sql) == table(straight, sql), sql
    # the last load changed no record: no derived table was recomputed
    assert "derived tables already up to date" in again


def test_networks_built_a_meeting_at_a_time_give_the_same_blocs(db, tmp_path, monkeypatch):
    """The rebuild holds a chunk of meetings' networks at a time and writes their rows a
    few networks at a time; how many is a memory setting and must not move a figure."""
    sql = [
        "SELECT * EXCLUDE (computed_in, computed_at) FROM bloc_networks",
        "SELECT * FROM bloc_members",
        "SELECT * FROM bloc_pairs",
        "SELECT * FROM bloc_edges",
        "SELECT * FROM bloc_labels",
    ]
    copy = tmp_path / "chunked.duckdb"
    copy.write_bytes(db.read_bytes())
    monkeypatch.setattr(build, "MEETINGS_PER_CHUNK", 1)
    monkeypatch.setattr(build, "FRAME_ROWS", 500)  # each network's rows written on their own
    con = connect(copy)
    try:
        con.execute("DELETE FROM bloc_networks")  # every network computed again
        con.execute("DELETE FROM bloc_meeting_digests")
        with transaction(con):
            summary = build.build_blocs(con)
    finally:
        con.close()
    assert (summary.meetings, summary.computed) == (2, summary.networks)
    for query in sql:
        assert table(copy, query) == table(db, query), query


def test_pairs_never_together_are_not_stored(db):
    with duckdb.connect(str(db), read_only=True) as con:
        ((stored, never),) = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE together = 0) FROM bloc_pairs"
        ).fetchall()
        ((tied,),) = con.execute(
            "SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM bloc_members "
            "WHERE bloc > 0 GROUP BY meeting, agenda_item)"
        ).fetchall()
    assert never == 0
    assert 0 < stored < tied  # some tied pairs never sit together
    assert share(db, "RAN1#87", "7.1.5.1", "Huawei", "Qualcomm") == 0.0


def test_a_rebuild_builds_no_network_of_a_meeting_whose_cosignatures_did_not_move(
    db, tmp_path, monkeypatch
):
    copy = tmp_path / "same.duckdb"
    copy.write_bytes(db.read_bytes())
    built: list[int] = []
    real = build.networks_from_frames

    def counted(*frames):
        networks = real(*frames)
        built.append(len(networks))
        return networks

    monkeypatch.setattr(build, "networks_from_frames", counted)
    con = connect(copy)
    try:
        with transaction(con):
            summary = build.build_blocs(con)
        assert built == [] and summary.computed == 0 and summary.meetings == 2
        # one meeting's co-signatures change: that meeting's networks, and only they, are
        # built again (and computed again where their records moved)
        con.execute(
            "DELETE FROM threegpp_cosigners WHERE meeting = 'RAN1#87' AND tdoc = "
            "(SELECT min(tdoc) FROM threegpp_cosigners WHERE meeting = 'RAN1#87' "
            "AND kind = 'company')"
        )
        with transaction(con):
            summary = build.build_blocs(con)
        networks = con.execute(
            "SELECT count(*) FROM bloc_networks WHERE meeting = 'RAN1#87'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert built == [networks] and 1 <= summary.computed <= networks


def test_an_import_recomputes_only_the_networks_whose_records_changed(db, tmp_path):
    copy = tmp_path / "more.duckdb"
    copy.write_bytes(db.read_bytes())
    before = table(copy, "SELECT meeting, agenda_item, fingerprint, computed_in FROM bloc_networks")
    load(copy, ("tdoc-list", [THREEGPP / "tdoc_lists" / "TDoc_List_TSGR1_122b.xlsx"]))
    after = table(copy, "SELECT meeting, agenda_item, fingerprint, computed_in FROM bloc_networks")
    new = [row for row in after if row[0] == "RAN1#122bis"]
    assert new and [row for row in after if row[0] != "RAN1#122bis"] == before
    (computed, networks) = table(copy, "SELECT networks_computed, networks FROM bloc_runs")[0]
    assert computed == len(new) and networks == len(after)


def camps(db: Path, meeting: str, item: str) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(
            con.execute(
                "SELECT org_group, bloc FROM bloc_membership WHERE meeting = ? AND agenda_item = ?",
                [meeting, item],
            ).fetchall()
        )


def share(db: Path, meeting: str, item: str, a: str, b: str) -> float:
    """The pair's share of runs together; a pair of tied groups never together is not
    listed in bloc_comembership, so both must be tied in the network to read 0."""
    with duckdb.connect(str(db), read_only=True) as con:
        tied = con.execute(
            "SELECT count(*) FROM bloc_members WHERE meeting = ? AND agenda_item = ? "
            "AND bloc > 0 AND org_group IN (?, ?)",
            [meeting, item, a, b],
        ).fetchall()[0][0]
        rows = con.execute(
            "SELECT together_share FROM bloc_comembership WHERE meeting = ? "
            "AND agenda_item = ? AND org_group_a = ? AND org_group_b = ?",
            [meeting, item, a, b],
        ).fetchall()
    assert tied == 2, (meeting, item, a, b)
    assert len(rows) <= 1
    return rows[0][0] if rows else 0.0


@pytest.mark.parametrize(("meeting", "item"), [("RAN1#86bis", "8.1.3.1"), ("RAN1#87", "7.1.5.1")])
def test_the_channel_coding_camps(db, meeting, item):
    bloc = camps(db, meeting, item)
    polar, ldpc = bloc["Huawei"], bloc["Qualcomm"]
    assert polar != ldpc and polar.startswith("B") and ldpc.startswith("B")
    assert bloc["ZTE"] == polar
    assert bloc["Samsung Electronics"] == bloc["Nokia"] == bloc["Intel"] == ldpc
    assert bloc["Orange"] not in (polar, ldpc)  # the turbo-code proposers
    assert bloc["AccelerComm"] == bloc["Orange"]
    # how firmly: in every run Huawei and ZTE together, never with Qualcomm
    assert share(db, meeting, item, "Huawei", "ZTE") == 1.0
    assert share(db, meeting, item, "Huawei", "Qualcomm") == 0.0


def test_the_polar_camp_keeps_its_label_from_one_meeting_to_the_next(db):
    assert camps(db, "RAN1#86bis", "8.1.3.1")["Huawei"] == camps(db, "RAN1#87", "7.1.5.1")["Huawei"]


def test_a_switch_is_a_fall_in_co_membership_not_a_new_label(db):
    """Each switch row's share is the mean share of runs that put the group with the
    bloc-mates it had at the previous meeting, and switched means below the threshold."""
    rows = table(
        db,
        "SELECT s.meeting, s.previous_meeting, s.org_group, s.together_share, s.switched, "
        "r.switch_threshold FROM bloc_switches AS s, bloc_runs AS r",
    )
    whole = {
        (m, g): b
        for m, g, b in table(
            db, "SELECT meeting, org_group, bloc FROM bloc_membership WHERE agenda_item IS NULL"
        )
    }
    shares = {  # a pair never together is not listed: 0
        (m, a, b): v
        for m, a, b, v in table(
            db,
            "SELECT meeting, org_group_a, org_group_b, together_share FROM bloc_comembership "
            "WHERE agenda_item IS NULL",
        )
    }
    assert rows
    for meeting, previous, group, together, switched, threshold in rows:
        assert switched == (together < threshold)
        camp = whole[(previous, group)]
        mates = [
            g for (m, g), b in whole.items()
            if m == previous and b == camp and g != group
            and whole.get((meeting, g), "unattached") != "unattached"
        ]  # fmt: skip
        assert mates and together == pytest.approx(
            sum(shares.get((meeting, group, m), 0.0) for m in mates) / len(mates)
        )


def test_the_blocs_command_prints_members_and_votes(db):
    result = runner.invoke(
        app,
        ["blocs", "--meeting", "RAN1#87", "--agenda-item", "7.1.5.1", "--format", "json",
         "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    huawei = next(r for r in rows if "Huawei" in (r["member_groups"] or ""))
    assert "ZTE" in huawei["member_groups"] and "Qualcomm" not in huawei["member_groups"]
    # no member list imported here, so no group has an Individual Member to vote with
    assert [(r["bloc"], int(r["members"]), r["votes"]) for r in rows] == [
        ("B1", 46, 0.0),
        ("B10", 8, 0.0),
        ("B6", 26, 0.0),
        ("B7", 8, 0.0),
        ("undecided", 4, 0.0),
    ]


def test_the_blocs_command_explains_what_it_cannot_show(db):
    result = runner.invoke(app, ["blocs", "--meeting", "RAN1#87", "--agenda-item", "99.9",
                                 "--db", str(db)])  # fmt: skip
    assert result.exit_code == 1
    assert "no cosignature blocs for RAN1#87 agenda item 99.9" in result.output
    assert "7.1.5.1" not in result.output or "agenda items with blocs" in result.output
    tuned = runner.invoke(app, ["blocs", "--seed", "3", "--db", str(db)])
    assert tuned.exit_code == 2 and "--rebuild" in tuned.output
    missing = runner.invoke(app, ["blocs", "--meeting", "RAN1#999", "--db", str(db)])
    assert missing.exit_code == 1
    assert "RAN1#999 is not loaded (loaded of its group: RAN1#87, RAN1#86bis" in missing.output
    # the calendar's code names the same meeting as its label
    by_code = runner.invoke(app, ["blocs", "--meeting", "R1-87", "--agenda-item", "7.1.5.1",
                                  "--format", "json", "--db", str(db)])  # fmt: skip
    by_label = runner.invoke(app, ["blocs", "--meeting", "RAN1#87", "--agenda-item", "7.1.5.1",
                                   "--format", "json", "--db", str(db)])  # fmt: skip
    assert by_code.exit_code == 0 and by_code.stdout == by_label.stdout


def test_a_rebuild_with_other_parameters_is_recorded(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    result = runner.invoke(
        app, ["blocs", "--rebuild", "--seed", "7", "--window", "4", "--needed", "3",
              "--db", str(copy)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(copy), read_only=True) as con:
        run = con.execute(
            "SELECT seed, attendance_window, attendance_needed, backbone_alpha, "
            "networks_computed = networks FROM bloc_runs"
        ).fetchall()
    assert run == [(7, 4, 3, None, True)]  # another seed: every network recomputed


def test_voting_power_falls_back_to_the_labelled_proxy(db, tmp_path):
    """No participant lists here: a group with uploaders at the meeting is present with every
    member entity it has on the member list, labelled as the upper bound it is."""
    copy = tmp_path / "proxy.duckdb"
    copy.write_bytes(db.read_bytes())
    members = THREEGPP / "membership" / "3GPPMembership_2025-01.csv"
    result = runner.invoke(app, ["import", "membership", str(members), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(copy), read_only=True) as con:
        bases = con.execute("SELECT DISTINCT basis FROM voting_rights").fetchall()
        (votes,) = con.execute(
            "SELECT votes FROM votes_by_group WHERE meeting = 'RAN1#87' AND org_group = 'Huawei'"
        ).fetchall()[0]
        (entities,) = con.execute(
            "SELECT count(DISTINCT m.long_name) FROM threegpp_members AS m "
            "JOIN org_resolution AS r ON r.raw = m.long_name "
            "WHERE m.member_type = 'individual' AND r.org_group = 'Huawei'"
        ).fetchall()[0]
    assert [b for (b,) in bases] == [
        "proxy: uploaders present, entities of the 2025-01-01 member list (upper bound); "
        "window incomplete"
    ]
    # counted by name, not through the project's resolution: Huawei's own entities,
    # HiSilicon and Futurewei on the January 2025 list
    with duckdb.connect(str(copy), read_only=True) as con:
        by_name = con.execute(
            "SELECT count(DISTINCT long_name) FROM threegpp_members "
            "WHERE member_type = 'individual' "
            "AND regexp_matches(lower(long_name), 'huawei|hisilicon|futurewei')"
        ).fetchall()[0][0]
    assert votes == entities == by_name == 15


def test_the_sensitivity_grid_compares_every_point_with_the_headline(db):
    result = runner.invoke(
        app, ["blocs", "--sensitivity", "--meeting", "RAN1#87", "--agenda-item", "7.1.5.1",
              "--format", "json", "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5 * 4  # resolutions by backbone levels, the headline among them
    (headline,) = [r for r in rows if r["headline"]]
    assert (headline["resolution"], headline["backbone_alpha"]) == (1.0, None)
    assert headline["adjusted_rand"] == 1.0 and headline["pairs_split"] == 0
    filtered = [r for r in rows if r["backbone_alpha"] is not None]
    assert all(r["edges"] < headline["edges"] for r in filtered)  # the filter drops ties
    missing = runner.invoke(app, ["blocs", "--sensitivity", "--meeting", "RAN1#87",
                                  "--agenda-item", "99.9", "--db", str(db)])  # fmt: skip
    assert missing.exit_code == 1 and "no co-signature network for RAN1#87 agenda item 99.9" in (
        missing.output
    )
