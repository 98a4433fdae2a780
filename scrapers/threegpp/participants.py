"""3GPP meeting participant lists: the xlsx, xls or csv list from a meeting's Report/ zip,
and the ETSI registration page ``fViewPart.asp?mid=<MtgId>``.

A delegate registers for exactly one Individual Member and its Organizational Partner, so a
list gives, per delegate, the member counted and the partner it came through. No real list
was at hand when this was written (the real file names are known, their contents are not),
so columns are found by header name from a small synonym table and anything unexpected
stops the parse of that list with the file and the headers it saw named: a wrong guess
would silently miscount delegations, a stop costs one synonym, which a user adds without
forking (``ParticipantHeaders.with_user``, fed by the SDO_PARTICIPANT_HEADERS file).

Privacy: names are needed only to tell delegates apart, so each is reduced to a one-way
``delegate_key`` and never leaves this module; e-mail columns are accepted and never read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup, Tag

from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)
from scrapers.threegpp.participant_files import LIST_KINDS, ListKind
from scrapers.threegpp.sheet_rows import SheetError, clean_cell, read_sheets

PARTICIPANT_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,  # canonical label, RAN1#87
        "delegate_key": pl.String,  # sha256(normalised name + member), 16 hex digits
        "individual_member": pl.String,  # the member represented, as written
        "organizational_partner": pl.String,  # ETSI, ATIS, CCSA… as written
        "status": pl.String,  # as written; null when the list has no status column
        "list_kind": pl.String,  # signed, registered, checked_in, end_of_meeting, unstated
    }
)

# What became of one meeting's participant list: one row per meeting, the latest attempt.
PARTICIPANT_LIST_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "state": pl.String,  # loaded | unreadable | missing
        "file_name": pl.String,  # the list read (zip!member), or what was searched
        "list_kind": pl.String,  # as in PARTICIPANT_SCHEMA; null unless a list was found
        "participants": pl.Int32,  # rows loaded; null unless loaded
        "detail": pl.String,  # why unreadable or missing; what else the zip held
        "raw_sha256": pl.String,
    }
)

# Header synonyms, compared after _norm_header (case, spacing, underscores, trailing ':' or
# '*' ignored). Add a spelling here when a real list uses one; do not loosen the matching.
HEADER_SYNONYMS: dict[str, frozenset[str]] = {
    "name": frozenset(
        {"name", "participant", "participant name", "delegate", "delegate name", "full name"}
    ),
    "first_name": frozenset({"first name", "firstname", "given name", "forename"}),
    "last_name": frozenset({"last name", "lastname", "surname", "family name"}),
    "member": frozenset(
        {
            "company",
            "organisation",
            "organization",
            "represented company",
            "represented organisation",
            "represented organization",
            "individual member",
            "represented individual member",
            "member",
            "member company",
        }
    ),
    "partner": frozenset(
        {"op", "organizational partner", "organisational partner", "partner", "sdo"}
    ),
    "status": frozenset(
        {
            "status",
            "attendance",
            "attended",
            "registration status",
            "attendance status",
            "participation status",
        }
    ),
}
# Columns that carry nothing counted: row numbers, and contact details that must not be
# stored. They are accepted and skipped; anything else unknown is an error.
IGNORED_HEADERS = frozenset(
    {"#", "no", "no.", "nr", "nr.", "index", "e-mail", "email", "e-mail address", "email address"}
)
IGNORE = "ignore"  # the role of a column read past, in a user's synonym file
ROLES = (*HEADER_SYNONYMS, IGNORE)
_EXPECTED = (
    "a delegate name ('Name', or 'First Name' + 'Last Name'), the represented Individual "
    "Member ('Company', 'Organisation', 'Individual Member'…), and optionally the "
    "Organizational Partner ('OP', 'Partner'…) and 'Status'"
)
# How far down a sheet the header row may sit below title lines.
_HEADER_SEARCH_ROWS = 25


class ParticipantListError(ValueError):
    pass


@dataclass(frozen=True)
class ParticipantHeaders:
    """Which header means which column: the shipped synonyms plus a user's own."""

    roles: Mapping[str, str] = field(
        default_factory=lambda: {
            **{h: IGNORE for h in IGNORED_HEADERS},
            **{syn: role for role, syns in HEADER_SYNONYMS.items() for syn in syns},
        }
    )
    user: Mapping[str, str] = field(default_factory=dict)  # what the user added, for messages

    def role(self, header: str) -> str | None:
        return self.roles.get(_norm_header(header))

    def with_user(self, extra: Mapping[str, str]) -> ParticipantHeaders:
        """These headers (as a list writes them) read as these roles, over the shipped ones."""
        added = {_norm_header(h): role for h, role in extra.items()}
        return ParticipantHeaders({**self.roles, **added}, {**self.user, **added})


DEFAULT_HEADERS = ParticipantHeaders()


def header_synonyms_from_csv(text: str, source_name: str) -> dict[str, str]:
    """A user's synonym file: ``header,column`` rows, column one of ROLES. Raises
    ParticipantListError naming the file, the line and what was expected."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["header", "column"]:
        raise ParticipantListError(
            f"{source_name}: expected a csv with the columns header,column "
            f"(column one of {', '.join(ROLES)})"
        )
    found: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 2 or not row[0].strip() or row[1].strip().lower() not in ROLES:
            raise ParticipantListError(
                f"{source_name}, line {line}: {row!r}; expected a header and one of "
                f"{', '.join(ROLES)}"
            )
        found[row[0].strip()] = row[1].strip().lower()
    return found


@dataclass(frozen=True)
class ParticipantList:
    frame: pl.DataFrame  # PARTICIPANT_SCHEMA
    sheet: str | None  # the sheet the table was found on
    headers: tuple[str, ...]  # the header row as written


def parse_participant_list(
    data: bytes | Path, source_name: str, meeting: str | None = None
) -> pl.DataFrame:
    """A participant list file → one row per delegate, in ``PARTICIPANT_SCHEMA``."""
    return read_participant_list(data, source_name, meeting).frame


def read_participant_list(
    data: bytes | Path,
    source_name: str,
    meeting: str | None = None,
    *,
    list_kind: ListKind = "unstated",
    headers: ParticipantHeaders = DEFAULT_HEADERS,
) -> ParticipantList:
    """``PartList_3GPPRAN1#87_….xlsx`` (or .xls, .csv) → the delegates and where they were read.

    The meeting comes from ``meeting`` if given, else from the file name. ``list_kind`` says
    what the list records (from its name in the Report zip) and goes on every row.
    """
    names = [source_name]
    if isinstance(data, Path):
        names.append(data.name)
        data = data.read_bytes()
    label = resolve_meeting(meeting, names, source_name)
    if list_kind not in LIST_KINDS:
        raise ParticipantListError(f"{source_name}: unknown list kind {list_kind!r}")
    try:
        sheets = read_sheets(data, source_name)
    except SheetError as exc:
        raise ParticipantListError(str(exc)) from exc
    for sheet_name, rows in sheets.items():
        index = _find_header(rows, headers)
        if index is not None:
            where = f"{source_name} (sheet {sheet_name!r})" if len(sheets) > 1 else source_name
            columns = _map_columns(rows[index], where, headers)
            return ParticipantList(
                _frame(label, columns, rows[index + 1 :], list_kind),
                sheet_name,
                tuple(h or "" for h in rows[index]),
            )
    seen = {name: _first_filled_row(rows) for name, rows in sheets.items()}
    raise ParticipantListError(
        f"{source_name}: no participant header row in the first {_HEADER_SEARCH_ROWS} rows; "
        f"the first filled row of each sheet: {seen}; expected {_EXPECTED}. If the list "
        f"names them otherwise, add lines 'header,column' to the file SDO_PARTICIPANT_HEADERS "
        f"names (docs/threegpp.md)"
    )


def parse_participant_page(
    html: bytes,
    source_name: str,
    meeting: str | None = None,
    *,
    headers: ParticipantHeaders = DEFAULT_HEADERS,
) -> pl.DataFrame:
    """ETSI ``fViewPart.asp?mid=…`` page → one row per delegate, in ``PARTICIPANT_SCHEMA``.

    The page's URL names no meeting (only the MtgId), so callers normally pass ``meeting``
    from the calendar row that gave the link.
    """
    label = resolve_meeting(meeting, [source_name], source_name)
    soup = BeautifulSoup(html, "html.parser")
    trs = [tr for tr in soup.find_all("tr") if isinstance(tr, Tag)]
    texts = [[clean_cell(_text(c)) for c in _cells(tr)] for tr in trs]
    index = _find_header(texts, headers, limit=len(texts))
    if index is None:
        raise ParticipantListError(
            f"{source_name}: no participant table found; expected a header row with {_EXPECTED}"
        )
    columns = _map_columns(texts[index], source_name, headers)
    table = trs[index].find_parent("table")
    body = [texts[i] for i in range(index + 1, len(trs)) if trs[i].find_parent("table") is table]
    # the ETSI page lists who registered; whether they came is its status column's to say
    return _frame(label, columns, body, "registered")


def delegate_key(name: str, member: str | None) -> str:
    """A stable, one-way key for one delegate of one member.

    Case, spacing and Unicode forms are normalised so the same registration written twice
    gives one key; "Smith, John" and "John Smith" still differ (lists are not re-ordered).
    """
    text = f"{_norm_value(name)}\x1f{_norm_value(member or '')}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def resolve_meeting(meeting: str | None, names: Iterable[str], source_name: str) -> str:
    """The canonical label from ``meeting``, else from the first of ``names`` naming one."""
    if meeting is not None:
        try:
            return canonical_meeting(meeting)
        except MeetingNameError as exc:
            raise ParticipantListError(f"{source_name}: {exc}") from exc
    for name in names:
        found = meeting_from_filename(name)
        if found:
            return found
    raise ParticipantListError(
        f"{source_name}: cannot tell the meeting from the file name; pass it with "
        f"--meeting (e.g. --meeting 'RAN1#87')"
    )


def _find_header(
    rows: Sequence[Sequence[str | None]],
    headers: ParticipantHeaders,
    limit: int = _HEADER_SEARCH_ROWS,
) -> int | None:
    """Index of the first row naming at least two known columns, one of them a name or member.

    Title lines above the table name none; data rows almost never hit two header words.
    """
    for i, row in enumerate(rows[:limit]):
        known = [headers.role(v) for v in row if v]
        roles = {r for r in known if r is not None}
        hits = sum(1 for r in known if r is not None)
        if hits >= 2 and roles & {"name", "first_name", "last_name", "member"}:
            return i
    return None


def _first_filled_row(rows: Sequence[Sequence[str | None]]) -> list[str]:
    return next(([v for v in row if v] for row in rows if any(row)), [])


def _map_columns(
    header: Sequence[str | None], where: str, headers: ParticipantHeaders
) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, raw in enumerate(header):
        if raw is None:
            continue
        role = headers.role(raw)
        if role == IGNORE:
            continue
        if role is None:
            seen = [h for h in header if h]
            raise ParticipantListError(
                f"{where}: unexpected column {raw!r} in the header {seen}. If it is another "
                f"spelling of one of {', '.join(HEADER_SYNONYMS)}, or a column to read past, "
                f"add a line '{raw},<column or ignore>' to the file SDO_PARTICIPANT_HEADERS "
                f"names (docs/threegpp.md)"
            )
        if role in columns:
            raise ParticipantListError(
                f"{where}: columns {header[columns[role]]!r} and {raw!r} both read as {role}"
            )
        columns[role] = i
    has_full = "name" in columns
    has_split = "first_name" in columns or "last_name" in columns
    if has_full and has_split:
        raise ParticipantListError(
            f"{where}: both a full-name column and first/last-name columns; expected one or "
            f"the other"
        )
    if has_split and not ("first_name" in columns and "last_name" in columns):
        raise ParticipantListError(f"{where}: a first-name column needs a last-name column")
    missing = [
        what
        for what, ok in (("delegate name", has_full or has_split), ("member", "member" in columns))
        if not ok
    ]
    if missing:
        seen = [h for h in header if h]
        raise ParticipantListError(
            f"{where}: missing required column(s) {', '.join(missing)}; found {seen}; "
            f"expected {_EXPECTED}"
        )
    return columns


def _frame(
    meeting: str,
    columns: dict[str, int],
    rows: Iterable[Sequence[str | None]],
    list_kind: ListKind,
) -> pl.DataFrame:
    def cell(row: Sequence[str | None], role: str) -> str | None:
        i = columns.get(role)
        return row[i] if i is not None and i < len(row) else None

    out = []
    for row in rows:
        if sum(1 for v in row if v) < 2:
            continue  # blank lines, section captions and "Total: 491" footers name no delegate
        if "name" in columns:
            name = cell(row, "name")
        else:
            parts = [cell(row, "first_name"), cell(row, "last_name")]
            name = " ".join(p for p in parts if p) or None
        if name is None:
            continue
        member = cell(row, "member")
        out.append(
            {
                "meeting": meeting,
                "delegate_key": delegate_key(name, member),
                "individual_member": member,
                "organizational_partner": cell(row, "partner"),
                "status": cell(row, "status"),
                "list_kind": list_kind,
            }
        )
    return pl.DataFrame(out, schema=PARTICIPANT_SCHEMA)


def _cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False) if isinstance(c, Tag)]


def _text(node: Tag) -> str:
    return node.get_text(" ")


def _norm_header(text: str) -> str:
    return " ".join(text.replace("_", " ").strip().rstrip(":*").lower().split())


def _norm_value(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
