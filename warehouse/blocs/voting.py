"""Who holds a vote at a 3GPP meeting, and how many votes a corporate group can cast.

3GPP votes per Individual Member (a company that registers several member entities holds
several votes). A member may vote in a TSG or WG when it was represented at enough of that
group's recent meetings; the window and the count are parameters of ``VotingRule`` (default:
2 of the last 3 meetings of the group, the Working Procedures' attendance rule). Electronic
meetings count only from the date the procedures let them count. The caps on a corporate
group's votes in one ballot (overall and per Organizational Partner, since the rule took
effect) are applied in the votes_by_group view, with the values recorded in bloc_runs.
Pure functions over polars frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

RIGHTS_SCHEMA = pl.Schema(
    {
        "group_code": pl.String(),
        "meeting": pl.String(),
        "member": pl.String(),
        "organizational_partner": pl.String(),
        "present": pl.Boolean(),
        "represented": pl.Int32(),
        "window_loaded": pl.Int32(),
        "eligible": pl.Boolean(),
        "basis": pl.String(),
    }
)


@dataclass(frozen=True)
class VotingRule:
    window: int = 3
    needed: int = 2
    # e-meetings held under the special procedures (Annex I, activated 2020-05-15) count
    e_meetings_count_from: date | None = date(2020, 5, 15)
    cap_from: date | None = date(2024, 2, 15)
    cap_per_group: int = 16
    cap_per_group_partner: int = 8


def voting_rights(
    meetings: pl.DataFrame, presence: pl.DataFrame, rule: VotingRule | None = None
) -> pl.DataFrame:
    """Every member's right to vote at every meeting with a participant record.

    ``meetings``: group_code, meeting, meeting_date, online (an e-meeting), basis (how
    presence is known there, NULL when nothing is); ``presence``: meeting, member,
    organizational_partner — the members represented at each meeting.

    A member is eligible when represented at ``needed`` of the previous ``window`` meetings
    of the group that count. Where fewer of those meetings have records loaded the rule asks
    for as many as are loaded, up to ``needed`` (basis says so); with none loaded, being
    represented at the meeting itself is taken as the right.
    """
    rule = rule or VotingRule()
    if rule.e_meetings_count_from is not None:
        counts = ~pl.col("online") | (pl.col("meeting_date") >= rule.e_meetings_count_from)
        meetings = meetings.filter(counts)
    counted = meetings.sort("group_code", "meeting_date", "meeting")
    present_at: dict[str, dict[str, str | None]] = {}
    for meeting, member, partner in presence.select(
        "meeting", "member", "organizational_partner"
    ).iter_rows():
        present_at.setdefault(meeting, {})[member] = partner
    rows = []
    for (group_code,), group in counted.group_by("group_code", maintain_order=True):
        sequence = group.select("meeting", "basis").rows()
        for i, (meeting, basis) in enumerate(sequence):
            if basis is None:
                continue  # nothing known about who was there
            window = [m for m, b in sequence[max(0, i - rule.window) : i] if b is not None]
            here = present_at.get(meeting, {})
            members = set(here) | {m for w in window for m in present_at.get(w, {})}
            need = min(rule.needed, len(window))
            note = basis if len(window) == rule.window else f"{basis}; window incomplete"
            for member in sorted(members):
                seen = sum(member in present_at.get(w, {}) for w in window)
                partner = here.get(member) or next(
                    (present_at[w][member] for w in window if member in present_at.get(w, {})),
                    None,
                )
                eligible = (seen >= need) if window else member in here
                rows.append(
                    (group_code, meeting, member, partner, member in here, seen, len(window),
                     eligible, note)
                )  # fmt: skip
    return pl.DataFrame(rows, schema=RIGHTS_SCHEMA, orient="row")
