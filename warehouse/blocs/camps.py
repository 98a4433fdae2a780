"""Camps: bloc labels that mean the same group of companies from one meeting to the next.

A network's consensus blocs are numbered by size, which says nothing across meetings: B1
at RAN1#86bis and B1 at RAN1#87 need not be the same companies. Camps carry a label
along a 3GPP group's meetings (RAN1#86bis, #87, #88…), in date order:

* The first whole-meeting network's blocs open camps 1, 2, … in bloc order.
* At each later meeting, a bloc **continues** a camp of the previous meeting when more
  than ``overlap`` (default half) of its members that sat in any camp there sat in that
  one. Matching is one to one, the bloc sharing most members first (then the larger
  Jaccard index, then the lower numbers); a camp split in two continues in the larger part.
* A bloc that continues no camp opens a new one, under the lowest label not in use at
  this meeting or the previous one: at consecutive meetings the same label always means
  the same camp, and labels stay small (a label seen again after a gap may be another
  camp; ``matched_to`` says which meeting's camp a bloc continues).
* An agenda item's blocs are matched the same way to its own meeting's camps, so "B2" on
  channel coding is the whole meeting's camp B2 where the evidence allows.

Only settled members (stability at or above the settled level) are evidence: a group that
flips between blocs across runs says nothing about which camp a bloc continues.

Pure (no database).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Members = frozenset[str]


@dataclass(frozen=True)
class LabelledBloc:
    meeting: str
    agenda_item: str | None
    bloc: int
    label: int
    matched_to: str | None  # the meeting whose camp it continues; None: a new camp


def match_blocs(
    blocs: Mapping[int, Members], camps: Mapping[int, Members], overlap: float = 0.5
) -> dict[int, int]:
    """Bloc number → the camp label it continues, for the blocs that continue one."""
    placed = frozenset().union(*camps.values()) if camps else frozenset()
    candidates = []
    for bloc, members in blocs.items():
        known = len(members & placed)
        for label, camp in camps.items():
            shared = len(members & camp)
            if shared and shared > overlap * known:
                jaccard = shared / len(members | camp)
                candidates.append((-shared, -jaccard, bloc, label))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, bloc, label in sorted(candidates):
        if bloc not in matched and label not in taken:
            matched[bloc] = label
            taken.add(label)
    return matched


@dataclass
class _Group:
    camps: dict[int, Members] = field(default_factory=dict)  # label → settled members
    camp_meeting: str | None = None


def _free_label(busy: set[int]) -> int:
    label = 1
    while label in busy:
        label += 1
    return label


def label_camps(
    order: Iterable[tuple[str, str]],
    blocs: Mapping[tuple[str, str | None], Mapping[int, Members]],
    overlap: float = 0.5,
) -> list[LabelledBloc]:
    """Labels for every network's blocs.

    ``order``: (group_code, meeting) in date order; ``blocs``: for each network (meeting,
    agenda_item; None = the whole meeting), its bloc numbers and their settled members.
    """
    items_of: dict[str, list[str]] = {}
    for meeting, item in blocs:
        if item is not None:
            items_of.setdefault(meeting, []).append(item)
    groups: dict[str, _Group] = {}
    out: list[LabelledBloc] = []
    for group_code, meeting in order:
        state = groups.setdefault(group_code, _Group())
        previous = set(state.camps)
        whole = blocs.get((meeting, None))
        if whole is not None:
            labels = _label(whole, state, previous, overlap)
            out += [LabelledBloc(meeting, None, b, label, came) for b, (label, came) in labels]
            state.camps = {label: whole[b] for b, (label, _) in labels}
            state.camp_meeting = meeting
        for item in sorted(items_of.get(meeting, [])):
            labels = _label(blocs[(meeting, item)], state, previous | set(state.camps), overlap)
            out += [LabelledBloc(meeting, item, b, label, came) for b, (label, came) in labels]
    return out


def _label(
    blocs: Mapping[int, Members], state: _Group, busy: set[int], overlap: float
) -> list[tuple[int, tuple[int, str | None]]]:
    """Each bloc's label and the meeting whose camp it continues: a matched camp's label,
    else the lowest label not in ``busy`` (nor taken by another bloc here)."""
    matched = match_blocs(blocs, state.camps, overlap)
    taken = busy | set(matched.values())
    out = []
    for bloc in sorted(blocs):
        label = matched.get(bloc)
        if label is None:
            label = _free_label(taken)
            taken.add(label)
        out.append((bloc, (label, state.camp_meeting if bloc in matched else None)))
    return out
