"""3GPP meeting participant lists: ``PartList_*.xlsx`` from a meeting's Report/ zip, and the
ETSI registration page ``fViewPart.asp?mid=<MtgId>``.

A delegate registers for exactly one Individual Member and its Organizational Partner, so a
list gives, per delegate, the member counted and the partner it came through. No real list
was at hand when this was written, so columns are found by header name from a small
synonym table and anything unexpected stops the parse with the header named: a wrong
guess would silently miscount delegations, a stop costs one synonym added here.

Privacy: names are needed only to tell delegates apart, so each is reduced to a one-way
``delegate_key`` and never leaves this module; e-mail columns are accepted and never read.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup, Tag

from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)
from scrapers.zip_guard import check_zip

PARTICIPANT_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,  # canonical label, RAN1#87
        "delegate_key": pl.String,  # sha256(normalised name + member), 16 hex digits
        "individual_member": pl.String,  # the member represented, as written
        "organizational_partner": pl.String,  # ETSI, ATIS, CCSA… as written
        "status": pl.String,  # as written; null when the list has no status column
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
_ROLE_OF = {syn: role for role, syns in HEADER_SYNONYMS.items() for syn in syns}
_EXPECTED = (
    "a delegate name ('Name', or 'First Name' + 'Last Name'), the represented Individual "
    "Member ('Company', 'Organisation', 'Individual Member'…), and optionally the "
    "Organizational Partner ('OP', 'Partner'…) and 'Status'"
)
# How far down a sheet the header row may sit below title lines.
_HEADER_SEARCH_ROWS = 25


class ParticipantListError(ValueError):
    pass


def parse_participant_list(
    data: bytes | Path, source_name: str, meeting: str | None = None
) -> pl.DataFrame:
    """``PartList_3GPPRAN1#87_….xlsx`` → one row per delegate, in ``PARTICIPANT_SCHEMA``.

    The meeting comes from ``meeting`` if given, else from the file name.
    """
    names = [source_name]
    if isinstance(data, Path):
        names.append(data.name)
        data = data.read_bytes()
    label = _resolve_meeting(meeting, names, source_name)
    check_zip(data, source_name, ParticipantListError, "xlsx workbook")
    try:
        sheets = pl.read_excel(
            io.BytesIO(data),
            engine="calamine",
            sheet_id=0,
            has_header=False,
            infer_schema_length=0,
        )
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise ParticipantListError(f"{source_name}: not a readable xlsx workbook ({exc})") from exc
    candidates = []
    for sheet_name, frame in sheets.items():
        rows = [[_clean(v) for v in row] for row in frame.iter_rows()]
        found = _find_header(rows)
        if found is not None:
            candidates.append((sheet_name, rows, found))
    if not candidates:
        raise ParticipantListError(
            f"{source_name}: no participant header row in sheets {list(sheets)}; "
            f"expected {_EXPECTED}"
        )
    sheet_name, rows, index = candidates[0]
    where = f"{source_name} (sheet {sheet_name!r})"
    columns = _map_columns(rows[index], where)
    return _frame(label, columns, rows[index + 1 :])


def parse_participant_page(
    html: bytes, source_name: str, meeting: str | None = None
) -> pl.DataFrame:
    """ETSI ``fViewPart.asp?mid=…`` page → one row per delegate, in ``PARTICIPANT_SCHEMA``.

    The page's URL names no meeting (only the MtgId), so callers normally pass ``meeting``
    from the calendar row that gave the link.
    """
    label = _resolve_meeting(meeting, [source_name], source_name)
    soup = BeautifulSoup(html, "html.parser")
    trs = [tr for tr in soup.find_all("tr") if isinstance(tr, Tag)]
    texts = [[_clean(_text(c)) for c in _cells(tr)] for tr in trs]
    index = _find_header(texts, limit=len(texts))
    if index is None:
        raise ParticipantListError(
            f"{source_name}: no participant table found; expected a header row with {_EXPECTED}"
        )
    columns = _map_columns(texts[index], source_name)
    table = trs[index].find_parent("table")
    body = [texts[i] for i in range(index + 1, len(trs)) if trs[i].find_parent("table") is table]
    return _frame(label, columns, body)


def delegate_key(name: str, member: str | None) -> str:
    """A stable, one-way key for one delegate of one member.

    Case, spacing and Unicode forms are normalised so the same registration written twice
    gives one key; "Smith, John" and "John Smith" still differ (lists are not re-ordered).
    """
    text = f"{_norm_value(name)}\x1f{_norm_value(member or '')}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _resolve_meeting(meeting: str | None, names: Iterable[str], source_name: str) -> str:
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
    rows: Sequence[Sequence[str | None]], limit: int = _HEADER_SEARCH_ROWS
) -> int | None:
    """Index of the first row naming at least two known columns, one of them a name or member.

    Title lines above the table name none; data rows almost never hit two header words.
    """
    for i, row in enumerate(rows[:limit]):
        known = [_norm_header(v) for v in row if v]
        roles = {_ROLE_OF[h] for h in known if h in _ROLE_OF}
        hits = sum(1 for h in known if h in _ROLE_OF or h in IGNORED_HEADERS)
        if hits >= 2 and roles & {"name", "first_name", "last_name", "member"}:
            return i
    return None


def _map_columns(header: Sequence[str | None], where: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, raw in enumerate(header):
        if raw is None:
            continue
        norm = _norm_header(raw)
        if norm in IGNORED_HEADERS:
            continue
        role = _ROLE_OF.get(norm)
        if role is None:
            raise ParticipantListError(
                f"{where}: unexpected column {raw!r}; known columns are "
                f"{sorted(_ROLE_OF)} (ignored: {sorted(IGNORED_HEADERS)}). "
                f"If it is another spelling of one of these, add it to HEADER_SYNONYMS"
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
    meeting: str, columns: dict[str, int], rows: Iterable[Sequence[str | None]]
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
            }
        )
    return pl.DataFrame(out, schema=PARTICIPANT_SCHEMA)


def _cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False) if isinstance(c, Tag)]


def _text(node: Tag) -> str:
    return node.get_text(" ")


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).replace("\xa0", " ").split())
    return text or None


def _norm_header(text: str) -> str:
    return " ".join(text.replace("_", " ").strip().rstrip(":*").lower().split())


def _norm_value(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
