"""Voting rights under the attendance rule, and the corporate-group caps on a ballot."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from warehouse.blocs.voting import VotingRule, voting_rights
from warehouse.derived.steps import rebuild_derived
from warehouse.orgs.reference import load_reference
from warehouse.store.db import apply_views, connect, migrate, transaction

LISTS = "participant lists"


def meetings(rows: list[tuple[str, date, bool, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [("R1", m, d, online, basis) for m, d, online, basis in rows],
        schema={
            "group_code": pl.String,
            "meeting": pl.String,
            "meeting_date": pl.Date,
            "online": pl.Boolean,
            "basis": pl.String,
        },
        orient="row",
    )


def presence(pairs: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(m, member, "ETSI") for m, member in pairs],
        schema={"meeting": pl.String, "member": pl.String, "organizational_partner": pl.String},
        orient="row",
    )


def right(frame: pl.DataFrame, meeting: str, member: str) -> dict:
    return frame.filter(meeting=meeting, member=member).row(0, named=True)


SEQUENCE = meetings(
    [
        ("RAN1#84", date(2016, 2, 15), False, LISTS),
        ("RAN1#84bis", date(2016, 4, 11), False, LISTS),
        ("RAN1#85", date(2016, 5, 23), False, LISTS),
        ("RAN1#86", date(2016, 8, 22), False, LISTS),
    ]
)


def test_two_of_the_last_three_meetings():
    found = voting_rights(
        SEQUENCE,
        presence(
            [
                *[("RAN1#84", "X"), ("RAN1#84bis", "X"), ("RAN1#86", "X")],
                *[("RAN1#85", "Y"), ("RAN1#86", "Y")],
            ]
        ),
    )
    at_86 = right(found, "RAN1#86", "X")
    assert at_86["eligible"] and at_86["represented"] == 2 and at_86["window_loaded"] == 3
    assert at_86["basis"] == LISTS  # a full window says nothing more
    # Y turned up at RAN1#85 and #86: one meeting of the window, no vote yet
    assert not right(found, "RAN1#86", "Y")["eligible"] and right(found, "RAN1#86", "Y")["present"]
    # X missed RAN1#85 but keeps the right it earned at #84 and #84bis
    assert right(found, "RAN1#85", "X")["eligible"] and not right(found, "RAN1#85", "X")["present"]


def test_the_window_runs_by_date_across_ran1_99_to_100():
    # in text order "RAN1#100" sorts before "RAN1#98": a window taken by label would put
    # #100's predecessors after it and give X no vote at #100
    crossing = meetings(
        [
            ("RAN1#100", date(2020, 2, 24), False, LISTS),
            ("RAN1#98", date(2019, 8, 26), False, LISTS),
            ("RAN1#98bis", date(2019, 10, 14), False, LISTS),
            ("RAN1#99", date(2019, 11, 18), False, LISTS),
        ]
    )
    seen = presence([("RAN1#98bis", "X"), ("RAN1#99", "X"), ("RAN1#100", "Y")])
    found = voting_rights(crossing, seen)
    at_100 = right(found, "RAN1#100", "X")
    assert (at_100["eligible"], at_100["represented"], at_100["window_loaded"]) == (True, 2, 3)
    assert not right(found, "RAN1#100", "Y")["eligible"]  # new at #100: no history
    at_98bis = right(found, "RAN1#98bis", "X")  # one meeting before it, where X was not
    assert (at_98bis["eligible"], at_98bis["window_loaded"]) == (False, 1)


def test_a_short_history_asks_for_what_it_has_and_says_so():
    found = voting_rights(SEQUENCE, presence([("RAN1#84", "X"), ("RAN1#84bis", "X")]))
    first = right(found, "RAN1#84", "X")
    assert first["eligible"] and first["window_loaded"] == 0  # nothing earlier: presence
    second = right(found, "RAN1#84bis", "X")
    assert second["eligible"] and second["basis"] == f"{LISTS}; window incomplete"


def test_a_member_votes_for_the_partner_it_came_under_here_else_in_its_window():
    seen = pl.DataFrame(
        [("RAN1#84", "X", "ETSI"), ("RAN1#84bis", "X", "ETSI"), ("RAN1#85", "X", "ATIS")],
        schema={"meeting": pl.String, "member": pl.String, "organizational_partner": pl.String},
        orient="row",
    )
    found = voting_rights(SEQUENCE, seen)
    assert right(found, "RAN1#85", "X")["organizational_partner"] == "ATIS"  # as listed here
    absent = right(found, "RAN1#86", "X")  # not at #86: the partner of its window's first
    assert (absent["present"], absent["organizational_partner"]) == (False, "ETSI")


def test_the_same_records_in_another_order_give_the_same_rights():
    same_day = meetings(
        [
            ("RAN1#84", date(2016, 2, 15), False, LISTS),
            ("RAN1#84bis", date(2016, 2, 15), False, LISTS),  # dated alike: the label decides
            ("RAN1#85", date(2016, 5, 23), False, LISTS),
        ]
    )
    seen = presence([("RAN1#84", "X"), ("RAN1#84bis", "Y"), ("RAN1#85", "X")])
    forward = voting_rights(same_day, seen)
    backward = voting_rights(same_day.reverse(), seen.reverse())
    assert forward.equals(backward)
    assert right(forward, "RAN1#84bis", "X")["window_loaded"] == 1  # #84 came first


def test_an_e_meeting_on_the_day_the_procedures_took_effect_counts():
    sequence = meetings(
        [
            ("RAN1#101-e", date(2020, 5, 15), True, LISTS),
            ("RAN1#102-e", date(2020, 8, 17), True, LISTS),
        ]
    )
    found = voting_rights(sequence, presence([("RAN1#101-e", "X"), ("RAN1#102-e", "X")]))
    assert right(found, "RAN1#102-e", "X")["window_loaded"] == 1


def test_meetings_without_records_are_not_in_the_window():
    gap = meetings(
        [
            ("RAN1#84", date(2016, 2, 15), False, LISTS),
            ("RAN1#84bis", date(2016, 4, 11), False, None),  # no participant record
            ("RAN1#85", date(2016, 5, 23), False, LISTS),
        ]
    )
    found = voting_rights(gap, presence([("RAN1#84", "X"), ("RAN1#85", "X")]))
    assert "RAN1#84bis" not in found["meeting"].to_list()
    assert right(found, "RAN1#85", "X")["window_loaded"] == 1


def test_e_meetings_count_only_from_the_date_the_procedures_allow():
    sequence = meetings(
        [
            ("RAN1#100", date(2020, 2, 24), False, LISTS),
            ("RAN1#100b-e", date(2020, 4, 20), True, LISTS),  # before 2020-05-15
            ("RAN1#101-e", date(2020, 5, 25), True, LISTS),
            ("RAN1#102-e", date(2020, 8, 17), True, LISTS),
        ]
    )
    seen = presence([("RAN1#100b-e", "X"), ("RAN1#101-e", "X"), ("RAN1#102-e", "X")])
    found = voting_rights(sequence, seen)
    assert "RAN1#100b-e" not in found["meeting"].to_list()
    assert right(found, "RAN1#102-e", "X")["represented"] == 1  # only RAN1#101-e counts
    every = voting_rights(sequence, seen, VotingRule(e_meetings_count_from=None))
    assert right(every, "RAN1#102-e", "X")["represented"] == 2


# Four RAN1 meetings, the last after the caps took effect; twenty Huawei-group member
# entities represented at each: ten through ETSI, six through CCSA, four through TTA.
CAP_MEETINGS = [
    ("RAN1#114", "R1", date(2023, 8, 21)),
    ("RAN1#114bis", "R1", date(2023, 10, 9)),
    ("RAN1#115", "R1", date(2023, 11, 13)),
    ("RAN1#116", "R1", date(2024, 2, 26)),
]
PARTNERS = ["ETSI"] * 10 + ["CCSA"] * 6 + ["TTA"] * 4


@pytest.fixture
def capped(tmp_path):
    con = connect(tmp_path / "votes.duckdb")
    migrate(con)
    apply_views(con)
    calendar = pl.DataFrame(
        CAP_MEETINGS, schema=["meeting", "group_code", "start_date"], orient="row"
    )
    con.register("_m", calendar)
    con.execute(
        "INSERT INTO threegpp_meetings (meeting, group_code, start_date, end_date) "
        "SELECT meeting, group_code, start_date, start_date FROM _m"
    )
    participants = pl.DataFrame(
        [
            (m, f"d{m}{i}", f"Huawei Test Entity {i}", partner, None, None)
            for m, _, _ in CAP_MEETINGS
            for i, partner in enumerate(PARTNERS)
        ]
        + [(m, f"q{m}", "Qualcomm Incorporated", "ATIS", None, None) for m, _, _ in CAP_MEETINGS],
        schema=[
            "meeting",
            "delegate_key",
            "individual_member",
            "organizational_partner",
            "status",
            "raw_sha256",
        ],
        orient="row",
    )
    con.register("_p", participants)
    con.execute("INSERT INTO threegpp_participants BY NAME SELECT * FROM _p")
    with transaction(con):
        rebuild_derived(con, load_reference())
    yield con
    con.close()


def test_caps_apply_from_2024_02_15(capped):
    votes = {
        (m, g): (v, raw)
        for m, g, v, raw in capped.execute(
            "SELECT meeting, org_group, votes, votes_uncapped FROM votes_by_group"
        ).fetchall()
    }
    assert votes[("RAN1#115", "Huawei")] == (20, 20)
    # ETSI 10 -> 8, CCSA 6, TTA 4: 18 after the per-partner cap, 16 after the group cap
    assert votes[("RAN1#116", "Huawei")] == (16, 20)
    assert votes[("RAN1#116", "Qualcomm")] == (1, 1)


def test_bloc_summary_says_who_can_block(capped):
    huawei, share = capped.execute(
        "SELECT can_block, vote_share FROM bloc_summary "
        "WHERE meeting = 'RAN1#116' AND kind = 'corporate_group' AND bloc = 'Huawei'"
    ).fetchall()[0]
    assert share == pytest.approx(16 / 17) and huawei
    (china,) = capped.execute(
        "SELECT votes FROM bloc_summary WHERE meeting = 'RAN1#116' AND kind = 'country' "
        "AND bloc = 'CN'"
    ).fetchall()[0]
    assert china == 16
    (rule,) = capped.execute("SELECT cap_from FROM bloc_runs").fetchall()[0]
    assert rule == date(2024, 2, 15)


def test_a_cancelled_meeting_is_no_meeting_of_the_attendance_window(capped):
    """RAN1#115 marked cancelled on the calendar: RAN1#116's window is #114, #114bis."""
    before = capped.execute(
        "SELECT window_loaded FROM voting_rights WHERE meeting = 'RAN1#116' LIMIT 1"
    ).fetchall()[0][0]
    capped.execute("UPDATE threegpp_meetings SET status = 'cancelled' WHERE meeting = 'RAN1#115'")
    with transaction(capped):
        rebuild_derived(capped, load_reference())
    meetings = dict(
        capped.execute("SELECT meeting, status FROM meetings WHERE body = '3gpp'").fetchall()
    )
    assert meetings["RAN1#115"] == "cancelled" and meetings["RAN1#116"] == "held"
    rows = capped.execute("SELECT DISTINCT meeting FROM voting_rights").fetchall()
    assert ("RAN1#115",) not in rows
    (window,) = capped.execute(
        "SELECT max(window_loaded) FROM voting_rights WHERE meeting = 'RAN1#116'"
    ).fetchall()[0]
    assert before == 3 and window == 2
