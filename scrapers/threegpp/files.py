"""One 3GPP file (as downloaded by a user or fetched live) → the frames of a batch.

The kinds are the ones `sdo import` accepts. Each parser is header- or structure-
driven and raises a ValueError naming the file and what it expected; this module
only adds lineage (the archived bytes' sha256) and derives co-signer rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import polars as pl

from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.chair_report import parse_chair_report
from scrapers.threegpp.meeting_names import meeting_from_filename
from scrapers.threegpp.membership import parse_membership
from scrapers.threegpp.participant_files import FORMATS, ListKind, participant_file
from scrapers.threegpp.participants import (
    DEFAULT_HEADERS,
    PARTICIPANT_LIST_SCHEMA,
    ParticipantHeaders,
    ParticipantListError,
    parse_participant_page,
    read_participant_list,
    resolve_meeting,
)
from scrapers.threegpp.report_zip import is_report_zip, members_for, participant_list_in
from scrapers.threegpp.sources import cosigner_frame
from scrapers.threegpp.tdoc_list import parse_tdoc_list
from scrapers.threegpp.tdocs_by_agenda import parse_tdocs_by_agenda

KINDS = ("tdoc-list", "tdocs-by-agenda", "participants", "report", "membership")


def _with_lineage(frame: pl.DataFrame, sha: str, **columns: str) -> pl.DataFrame:
    extra = [pl.lit(value).alias(name) for name, value in columns.items()]
    return frame.with_columns(*extra, pl.lit(sha).alias("raw_sha256"))


def _origin(frame: pl.DataFrame, origin: str) -> pl.DataFrame:
    return frame.with_columns(pl.lit(origin).alias("origin"))


def tdoc_list_batch(data: bytes, name: str, meeting: str | None, sha: str) -> ThreeGppBatch:
    parsed = parse_tdoc_list(data, name, meeting)
    statuses = pl.DataFrame(
        {"meeting": [parsed.meeting] * len(parsed.statuses), "status": parsed.statuses},
        schema={"meeting": pl.String, "status": pl.String},
    ).unique()
    return ThreeGppBatch(
        tdocs=[_with_lineage(parsed.tdocs, sha, list_format="tdoc_list")],
        statuses=[statuses],
        cosigners=[_origin(cosigner_frame(parsed.tdocs), "source")],
    )


def tdocs_by_agenda_batch(data: bytes, name: str, meeting: str | None, sha: str) -> ThreeGppBatch:
    tdocs = parse_tdocs_by_agenda(data, name, meeting)
    return ThreeGppBatch(
        tdocs=[_with_lineage(tdocs, sha, list_format="tdocs_by_agenda")],
        cosigners=[_origin(cosigner_frame(tdocs), "source")],
    )


def participants_batch(
    data: bytes,
    name: str,
    meeting: str | None,
    sha: str,
    headers: ParticipantHeaders = DEFAULT_HEADERS,
) -> ThreeGppBatch:
    """A participant list (a Report/ zip, an xlsx/xls/csv list, or the ETSI page) → its rows
    and a record of what became of the meeting's list.

    A list that cannot be read costs only that list: the batch records the meeting as
    'unreadable' with the file and the reason, and a note. A Report zip without a list
    records it as 'missing'. Only a meeting that cannot be told at all raises.
    """
    source, passed = name, ""
    kind: ListKind = "unstated"
    if is_report_zip(data):
        choice, content = participant_list_in(data, name)
        passed = "; ".join(f"{path}: {why}" for path, why in choice.passed_over)
        if choice.chosen is None or content is None:
            label = resolve_meeting(meeting, [name], name)
            detail = f"no participant list in {name}" + (f" ({passed})" if passed else "")
            return unloaded_participant_list(
                participant_list_record(label, "missing", name, None, None, detail, sha)
            )
        # the member's own name says the meeting best; the zip's stands in when it does not
        label = resolve_meeting(meeting, [choice.chosen.name, name], name)
        source, kind, data = f"{name}!{choice.chosen.path}", choice.chosen.kind, content
    else:
        found = participant_file(name)
        kind = found.kind if found is not None else "unstated"
        label = resolve_meeting(meeting, [name], name)
    # an HTML body under a spreadsheet's name is an error page, named so by the sheet reader
    looks_like_html = data.lstrip()[:1] == b"<" and not source.lower().endswith(FORMATS)
    if looks_like_html:
        kind = "registered"  # the ETSI page lists registrations
    try:
        if looks_like_html:
            frame = parse_participant_page(data, source, label, headers=headers)
        else:
            parsed = read_participant_list(data, source, label, list_kind=kind, headers=headers)
            frame = parsed.frame
    except ParticipantListError as exc:
        record = participant_list_record(label, "unreadable", source, kind, None, str(exc), sha)
        return unloaded_participant_list(record)
    record = participant_list_record(
        label, "loaded", source, kind, frame.height, passed or None, sha
    )
    return ThreeGppBatch(participants=[_with_lineage(frame, sha)], participant_lists=[record])


def participant_list_record(
    meeting: str,
    state: str,
    file_name: str,
    kind: str | None,
    participants: int | None,
    detail: str | None,
    sha: str | None,
) -> pl.DataFrame:
    """One row of threegpp_participant_lists: what became of ``meeting``'s list."""
    return pl.DataFrame(
        [(meeting, state, file_name, kind, participants, detail, sha)],
        schema=PARTICIPANT_LIST_SCHEMA,
        orient="row",
    )


def unloaded_participant_list(record: pl.DataFrame) -> ThreeGppBatch:
    """A batch that only records a meeting's missing or unreadable list, with its note."""
    row = record.row(0, named=True)
    return ThreeGppBatch(
        participant_lists=[record],
        notes=[f"{row['meeting']}: participants {row['state']}: {row['detail']}"],
    )


def report_batch(data: bytes, name: str, meeting: str | None, sha: str) -> ThreeGppBatch:
    report = parse_chair_report(data, name, meeting)
    summary = pl.DataFrame(
        {
            "meeting": [report.meeting],
            "title": [report.title],
            "delegates": [report.delegates],
            "delegate_sentence": [report.delegate_sentence],
            "raw_sha256": [sha],
        },
        schema={
            "meeting": pl.String,
            "title": pl.String,
            "delegates": pl.Int32,
            "delegate_sentence": pl.String,
            "raw_sha256": pl.String,
        },
    )
    return ThreeGppBatch(
        reports=[summary],
        report_documents=[report.documents],
        cosigners=[_origin(report.cosigners, "report")],
        hands=[report.hands],
        elections=[_with_lineage(report.elections, sha)],
        chairs=[report.chairs],
        notes=list(report.notes),
    )


def membership_batch(data: bytes, name: str, as_of: date, sha: str) -> ThreeGppBatch:
    members = parse_membership(data, name)
    return ThreeGppBatch(
        members=[
            members.with_columns(pl.lit(as_of).alias("as_of"), pl.lit(sha).alias("raw_sha256"))
        ]
    )


PARSERS: dict[str, Callable[[bytes, str, str | None, str], ThreeGppBatch]] = {
    "tdoc-list": tdoc_list_batch,
    "tdocs-by-agenda": tdocs_by_agenda_batch,
    "participants": participants_batch,
    "report": report_batch,
}


def membership_as_of(name: str) -> date | None:
    """The date a membership file is as of, from a YYYY-MM[-DD] in its name."""
    found = re.search(r"(20\d\d)-(\d\d)(?:-(\d\d))?", name)
    if not found:
        return None
    year, month, day = found.groups()
    return date(int(year), int(month), int(day or 1))


def parse_file(
    kind: str,
    data: bytes,
    name: str,
    meeting: str | None,
    sha: str,
    headers: ParticipantHeaders = DEFAULT_HEADERS,
) -> ThreeGppBatch:
    """One downloaded file of ``kind``; a meeting's Report/ zip is opened for the files of
    that kind inside it (its own name then stands for the meeting if a member's does not).
    ``headers`` are the participant-list header synonyms, the user's included."""
    if kind == "participants":
        return participants_batch(data, name, meeting, sha, headers)
    if kind == "report" and is_report_zip(data):
        batch = ThreeGppBatch()
        fallback = meeting or meeting_from_filename(name)
        for member, content in members_for(kind, data, name):
            label = meeting or meeting_from_filename(member) or fallback
            batch.extend(PARSERS[kind](content, f"{name}!{member}", label, sha))
        return batch
    return PARSERS[kind](data, name, meeting, sha)
