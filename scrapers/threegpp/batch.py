"""What one 3GPP refresh or import yields: parsed frames, each optional, and their lineage."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from scrapers.archive import ArchiveEntry
from scrapers.threegpp.meeting_names import group_code


@dataclass
class ThreeGppBatch:
    """Frames to load together. A frame present replaces its meetings' rows in the warehouse.

    Every frame carries a ``meeting`` column (``members`` carries ``as_of`` instead), so
    a load knows exactly which partitions it replaces.
    """

    meetings: list[pl.DataFrame] = field(default_factory=list)  # calendar rows
    tdocs: list[pl.DataFrame] = field(default_factory=list)  # TDOC_SCHEMA + list_format, raw_sha256
    statuses: list[pl.DataFrame] = field(default_factory=list)  # meeting, status
    cosigners: list[pl.DataFrame] = field(default_factory=list)  # COSIGNER_SCHEMA + origin
    participants: list[pl.DataFrame] = field(default_factory=list)
    participant_lists: list[pl.DataFrame] = field(default_factory=list)  # one row per meeting
    reports: list[pl.DataFrame] = field(default_factory=list)
    report_documents: list[pl.DataFrame] = field(default_factory=list)
    hands: list[pl.DataFrame] = field(default_factory=list)
    elections: list[pl.DataFrame] = field(default_factory=list)
    chairs: list[pl.DataFrame] = field(default_factory=list)
    members: list[pl.DataFrame] = field(default_factory=list)
    entries: list[ArchiveEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # parts of a file that could not be read

    def tables(self) -> dict[str, list[pl.DataFrame]]:
        return {
            "threegpp_meetings": self.meetings,
            "threegpp_tdocs": self.tdocs,
            "threegpp_status_vocabulary": self.statuses,
            "threegpp_cosigners": self.cosigners,
            "threegpp_participants": self.participants,
            "threegpp_participant_lists": self.participant_lists,
            "threegpp_reports": self.reports,
            "threegpp_report_documents": self.report_documents,
            "threegpp_report_hands": self.hands,
            "threegpp_elections": self.elections,
            "threegpp_chairs": self.chairs,
            "threegpp_members": self.members,
        }

    def extend(self, other: ThreeGppBatch) -> None:
        for table, frames in other.tables().items():
            self.tables()[table].extend(frames)
        self.entries.extend(other.entries)
        self.notes.extend(other.notes)

    def rows(self) -> int:
        return sum(frame.height for frames in self.tables().values() for frame in frames)

    def by_group(self) -> list[tuple[str, ThreeGppBatch]]:
        """The batch in parts a load can commit one at a time: first what belongs to the
        whole body (member lists, the archive entries; key ``""``, always present), then
        each working group's meetings' frames in group-code order."""
        body = ThreeGppBatch(members=list(self.members), entries=list(self.entries))
        parts: dict[str, ThreeGppBatch] = {}
        for table, frames in self.tables().items():
            if table == "threegpp_members":
                continue
            for frame in frames:
                if frame.is_empty():
                    continue
                meetings = frame["meeting"].unique().to_list()
                codes = frame["meeting"].replace_strict(
                    {m: _group_of(m) for m in meetings}, return_dtype=pl.String
                )
                for code in sorted(codes.unique().to_list()):
                    part = parts.setdefault(code, ThreeGppBatch())
                    part.tables()[table].append(frame.filter(codes == code))
        return [("", body), *sorted(parts.items())]


def _group_of(meeting: str | None) -> str:
    """``RAN1#87`` → ``R1``; a label no group is known by keeps its own name."""
    if meeting is None:
        return ""
    try:
        return group_code(meeting)
    except (KeyError, ValueError):
        return meeting.split("#", 1)[0]
