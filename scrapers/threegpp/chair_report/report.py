"""The entry point: a chair's report (docx) in, a ChairReport of frames out. It opens the
report through the paragraphs model and hands the paragraphs to each reader in turn.

May import: the package's paragraphs model and its readers (front, listings, stances,
chairs, elections). Never warehouse or flows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from scrapers.threegpp.chair_report.chairs import chairs
from scrapers.threegpp.chair_report.elections import ELECTION_SCHEMA, parse_elections
from scrapers.threegpp.chair_report.front import read_delegates, read_title, resolve_meeting
from scrapers.threegpp.chair_report.listings import (
    agenda_items,
    cosigners,
    document_frame,
    read_listings,
)
from scrapers.threegpp.chair_report.paragraphs import (
    ChairReportError,
    open_docx,
    read_paragraphs,
    section,
)
from scrapers.threegpp.chair_report.stances import hands


@dataclass(frozen=True)
class ChairReport:
    meeting: str
    title: str
    delegates: int | None
    delegate_sentence: str | None
    documents: pl.DataFrame
    cosigners: pl.DataFrame
    hands: pl.DataFrame
    elections: pl.DataFrame
    chairs: pl.DataFrame
    venue: str | None = field(
        default=None
    )  # "Reno, USA, 14th - 18th November 2016" (dash as written)
    notes: tuple[str, ...] = ()  # what could not be read, e.g. an unknown Elections layout


def parse_chair_report(
    data: bytes | Path, source_name: str, meeting: str | None = None
) -> ChairReport:
    """A chair's report (docx) → co-signers, stances and chairs of the meeting it covers.

    The meeting comes from ``meeting`` if given, else the file name, else the report's
    ``Title:`` line.
    """
    if isinstance(data, Path):
        data = data.read_bytes()
    document = open_docx(data, source_name)
    paragraphs = read_paragraphs(document)
    title, venue = read_title(paragraphs)
    if title is None:
        raise ChairReportError(
            f"{source_name}: no 'Title:' line (e.g. 'Final Report of 3GPP TSG RAN WG1 #87') "
            "in the first paragraphs; not a chair's report"
        )
    label = resolve_meeting(meeting, source_name, title)
    agenda = agenda_items(paragraphs)
    listings = read_listings(paragraphs, agenda)
    if not listings:
        raise ChairReportError(
            f"{source_name}: no TDoc listed as 'R1-1613211<TAB>title<TAB>sources'; "
            "not a chair's report"
        )
    delegates, sentence = read_delegates(paragraphs)
    documents = document_frame(label, listings)
    elections, notes = parse_elections(section(document, "election"), label, source_name)
    return ChairReport(
        meeting=label,
        title=title,
        delegates=delegates,
        delegate_sentence=sentence,
        documents=documents,
        cosigners=cosigners(label, documents),
        hands=hands(label, paragraphs, agenda),
        elections=elections.cast(dict(ELECTION_SCHEMA)),  # type: ignore[arg-type]
        chairs=chairs(label, paragraphs, listings),
        venue=venue,
        notes=tuple(notes),
    )
