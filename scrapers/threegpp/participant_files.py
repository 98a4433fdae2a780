"""Which file in a meeting's Report/ zip is its participant list, and what the list means.

MCC ships the participant list inside the Report/ zip, and its name and format changed over
the years (real names of every RAN1 list #84 to #122bis are in the test fixtures'
report-zip inventory):

* ``3gppRAN1_84_signed.xls`` (old binary xls, 2016), ``3GPPRAN1#86_signed.xlsx`` (2016 to 2019),
  ``PartListsigned_…``, ``Signed_PartList_…``, ``PartList_3GPPRAN1#98(signed).csv``:
  the paper sign-in sheets of a physical meeting — **signed**;
* ``Registered_PartList_3GPPRAN1#102-e.xlsx``, ``3GPPRAN1#101-e_registered(final).xlsx``:
  everyone registered for an early e-meeting — **registered**;
* ``PartList_3GPPRAN1#104-bis-e(checked-in).xlsx`` — **checked_in**;
* ``PartList_3GPPRAN1#<n>(eom).xlsx``, ``…_eom.csv``, ``…_R1_EOM.xlsx``, ``(220520eom)``,
  ``(registered_eom)``: the list as it stood at the end of the meeting — **end_of_meeting**;
* ``PartList_3GPPRAN1#100-e.csv``, ``PartList_3GPPRAN1#110.xlsx``: the name says nothing —
  **unstated** (never guessed from the era: a reader decides what such a list counts).

Time-stamped snapshots taken during a meeting (``(210517_15-00UTC)``, ``_06102025_R1``) and
readmes are never loaded. This module only reads names; it may import nothing of sdo's but
meeting_names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from scrapers.threegpp.meeting_names import meeting_from_filename

ListKind = Literal["signed", "registered", "checked_in", "end_of_meeting", "unstated"]
LIST_KINDS: tuple[ListKind, ...] = (
    "end_of_meeting",
    "checked_in",
    "signed",
    "registered",
    "unstated",
)  # the order a meeting's lists are preferred in: the fullest record of who was there first
FORMATS = ("xlsx", "xls", "csv")

# First hit wins, on the URL-decoded base name. "(registered_eom)" is the end-of-meeting
# list of registered people, so eom is tried before registered.
_KIND_PATTERNS: tuple[tuple[ListKind, re.Pattern[str]], ...] = (
    ("signed", re.compile(r"(?:^|[^a-z]|partlist)signed(?![a-z])", re.IGNORECASE)),
    ("checked_in", re.compile(r"checked[-_ ]?in(?![a-z])", re.IGNORECASE)),
    ("end_of_meeting", re.compile(r"(?<![a-z])eom(?![a-z])", re.IGNORECASE)),
    ("registered", re.compile(r"(?<![a-z])registered(?![a-z])", re.IGNORECASE)),
)
# A list as it stood at one moment of the meeting: "(210517_15-00UTC)", "_06102025_R1".
_SNAPSHOT = re.compile(r"\(\d{6}_\d{2}-\d{2}UTC\)|_\d{8}_R\d+\.\w+$", re.IGNORECASE)
_README = re.compile(r"^readme\b.*\.txt$", re.IGNORECASE)
_LIST_NAME = re.compile(r"partlist|signed|registered|checked[-_ ]?in|(?<![a-z])eom", re.I)
_DRAFT_PATH = re.compile(r"(?:^|/)(?:archive|draft[^/]*)/", re.IGNORECASE)


@dataclass(frozen=True)
class ParticipantFile:
    path: str  # as inside the zip
    name: str  # URL-decoded base name
    format: str  # xlsx, xls or csv
    kind: ListKind
    meeting: str | None  # from the name, when it names one
    snapshot: bool  # a list taken during the meeting, not its record


def participant_file(path: str) -> ParticipantFile | None:
    """What ``path`` is as a participant list, or None when it is no participant list."""
    name = unquote(path).replace("\\", "/").rsplit("/", 1)[-1]
    stem, _, ext = name.rpartition(".")
    if ext.lower() not in FORMATS or not _LIST_NAME.search(stem):
        return None
    if re.search(r"tdoc", stem, re.IGNORECASE):
        return None  # "TDoc_List_Meeting_RAN1#122-bis_171025_R4_EOM.xlsx" is the TDoc list
    kind: ListKind = next((k for k, p in _KIND_PATTERNS if p.search(stem)), "unstated")
    return ParticipantFile(
        path=path,
        name=name,
        format=ext.lower(),
        kind=kind,
        meeting=meeting_from_filename(name),
        snapshot=kind != "end_of_meeting" and bool(_SNAPSHOT.search(name)),
    )


def is_readme(path: str) -> bool:
    return bool(_README.match(unquote(path).replace("\\", "/").rsplit("/", 1)[-1]))


@dataclass(frozen=True)
class ListChoice:
    chosen: ParticipantFile | None
    passed_over: tuple[tuple[str, str], ...]  # (path, why not loaded)


def choose_participant_list(paths: list[str]) -> ListChoice:
    """The one list of a Report zip to load, and why each other candidate was not.

    Snapshots and readmes are passed over; of the rest, the kind earliest in LIST_KINDS
    wins, then a copy outside Archive/ or Draft folders, then the last path in name order
    (v100 after v020). The choice depends on the names only, never on the zip's order.
    """
    candidates: list[ParticipantFile] = []
    passed: list[tuple[str, str]] = []
    for path in sorted(paths):
        if is_readme(path):
            passed.append((path, "a readme"))
            continue
        found = participant_file(path)
        if found is None:
            continue
        if found.snapshot:
            passed.append((path, "a snapshot taken during the meeting"))
            continue
        candidates.append(found)
    if not candidates:
        return ListChoice(None, tuple(passed))
    best = min(
        candidates,
        key=lambda f: (
            LIST_KINDS.index(f.kind),
            bool(_DRAFT_PATH.search(f.path)),
            _descending(f.path),
        ),
    )
    for other in candidates:
        if other is not best:
            passed.append((other.path, f"{other.kind} list; {best.name} ({best.kind}) preferred"))
    return ListChoice(best, tuple(sorted(passed)))


def _descending(text: str) -> tuple[int, ...]:
    return (*(-ord(c) for c in text), 1)  # the 1 puts a longer name first on a tie
