"""SA2's ``TdocsByAgenda`` page: the meeting's document list as the chair's tools render it,
one HTML table row per TDoc, grouped under agenda-item rows.

SA2 publishes this page during and after a meeting; it is the only list that carries the
running result ("Approved", "Revised", "REPLY OPEN"…) before the TDoc list export catches
up. It lands in ``TDOC_SCHEMA`` like the xlsx lists; columns the page lacks are null.

The page is a Word-exported HTML file with several tables (IPR and antitrust notices first),
so the TDoc table is found by its header, never by position. Header spellings seen:
``AI | TD# | Type | Doc For | Subject | Source | Rel | Work Item | Comment | Result`` (2024)
and ``… | Rel | Comments | e-mail_Discussion | Result`` (2020 e-meetings). The e-mail
discussion column is a log of who said what, by person name, and is not kept.

Parsed with lxml.html rather than BeautifulSoup: these pages run to 2 MB and BeautifulSoup
takes seconds per page where lxml takes a fraction of one. lxml's HTML parser expands no
external entities and fetches nothing.
"""

from __future__ import annotations

import re

import polars as pl
from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)
from scrapers.threegpp.schemas import TDOC_SCHEMA

# Page header (normalised: lower case, single spaces) → TDOC_SCHEMA column; None = dropped.
HEADER_COLUMNS: dict[str, str | None] = {
    "ai": "agenda_item",
    "td#": "tdoc",
    "type": "type",
    "doc for": "purpose",
    "subject": "title",
    "source": "source",
    "rel": "release",
    "work item": "related_wis",
    "work item/comments": "secretary_remarks",
    "comment": "secretary_remarks",
    "comments": "secretary_remarks",
    "e-mail_discussion": None,
    "e-mail discussion": None,
    "result": "status",
}
REQUIRED_HEADERS = ("AI", "TD#", "Type", "Doc For", "Subject", "Source", "Result")
_TDOC = re.compile(r"^[SRC][1-6P]-\d{6,7}$")
# "SA2#164 meeting Agenda", "SA WG2 #138E Meeting Agenda", "TSG SA WG2 Meeting #164"
_LABEL_IN_TEXT = re.compile(
    r"\b(?:TSG\s*)?(?P<tsg>SA|RAN|CT)\s*(?:WG\s*)?(?P<wg>\d)?\s*(?:Meeting\s*)?#\s*"
    r"(?P<num>\d+)(?P<suffix>(?:\s*-?\s*(?:bis|b))?(?:\s*-?\s*e)?)\b",
    re.IGNORECASE,
)


class TdocsByAgendaError(ValueError):
    pass


def parse_tdocs_by_agenda(
    data: bytes, source_name: str, meeting: str | None = None
) -> pl.DataFrame:
    """A ``TdocsByAgenda`` page → one row per TDoc, in ``TDOC_SCHEMA``.

    The meeting comes from ``meeting`` if given, else the file name
    (``TdocsByAgenda_SA2-164…`` → SA2#164, ``…SA2-138E…`` → SA2#138-e), else the page title
    or the meeting's own agenda row.
    """
    try:
        page = lxml_html.document_fromstring(_decode(data))
    except (ParserError, ValueError) as exc:
        raise TdocsByAgendaError(f"{source_name}: not an HTML page ({exc})") from exc
    table, columns = _find_table(page, source_name)
    rows = []
    for tr in _rows(table):
        cells = _cells(tr)
        if len(cells) != len(columns):
            continue
        values = [_cell_text(cell) for cell in cells]
        record = {column: value for column, value in zip(columns, values, strict=True) if column}
        if not _TDOC.match(record.get("tdoc") or ""):
            continue  # the header row and the agenda-item rows ("-" in TD#)
        rows.append(record)
    label = _resolve_meeting(meeting, source_name, page, rows)
    frame = pl.DataFrame(
        [{**row, "meeting": label} for row in rows],
        schema={name: pl.String for name in {"meeting", *(c for c in columns if c)}},
    )
    # Lower-cased to match the TDoc list vocabulary: approved, revised, noted, replied to…
    frame = frame.with_columns(pl.col("status").str.to_lowercase())
    return frame.select(
        [
            pl.col(name).cast(dtype) if name in frame.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in TDOC_SCHEMA.items()
        ]
    )


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _decode(data: bytes) -> str:
    """Bytes → text by the page's declared charset (these pages say windows-1252), without
    the control characters no HTML text may hold (lxml refuses them half way through)."""
    declared = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", data[:8192], re.IGNORECASE)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("cp1252", errors="replace")
    return _CONTROL.sub("", text)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _rows(table: HtmlElement) -> list[HtmlElement]:
    return list(table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"))


def _cells(tr: HtmlElement) -> list[HtmlElement]:
    return list(tr.xpath("./td | ./th"))


def _cell_text(cell: HtmlElement) -> str | None:
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    raw = cell.text_content()
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line)
    return None if text in ("", "-") else text


def _find_table(page: HtmlElement, source_name: str) -> tuple[HtmlElement, list[str | None]]:
    required = {_norm(h) for h in REQUIRED_HEADERS}
    for table in page.iter("table"):
        rows = _rows(table)
        if not rows:
            continue
        headers = [_norm(c.text_content()) for c in _cells(rows[0])]
        if not required <= set(headers):
            continue
        unknown = [h for h in headers if h not in HEADER_COLUMNS]
        if unknown:
            raise TdocsByAgendaError(
                f"{source_name}: TDoc table has unknown column(s) {unknown}; "
                f"known: {list(HEADER_COLUMNS)}"
            )
        columns = [HEADER_COLUMNS[h] for h in headers]
        if columns.count("secretary_remarks") > 1:
            raise TdocsByAgendaError(f"{source_name}: more than one comment column in {headers}")
        return table, columns
    raise TdocsByAgendaError(
        f"{source_name}: no table with the headers {' | '.join(REQUIRED_HEADERS)} "
        "(plus Rel, Work Item/Comments, e-mail_Discussion); not a TdocsByAgenda page"
    )


def _label_in(text: str) -> str | None:
    found = _LABEL_IN_TEXT.search(text)
    if not found:
        return None
    suffix = re.sub(r"\s+", "", found.group("suffix") or "")
    try:
        return canonical_meeting(
            f"{found.group('tsg')}{found.group('wg') or ''}#{found.group('num')}{suffix}"
        )
    except MeetingNameError:
        return None


def _resolve_meeting(
    meeting: str | None, source_name: str, page: HtmlElement, rows: list[dict[str, str | None]]
) -> str:
    if meeting:
        try:
            return canonical_meeting(meeting)
        except MeetingNameError as exc:
            raise TdocsByAgendaError(f"{source_name}: {exc}") from exc
    from_name = meeting_from_filename(source_name)
    if from_name:
        return from_name
    for title in page.iter("title"):
        label = _label_in(title.text_content())
        if label:
            return label
    # The meeting's own agenda document: "SA2#164 meeting Agenda". Other AGENDA-type rows
    # (and the previous meeting's report) may name other meetings, so only this one counts.
    for row in rows:
        subject = row.get("title") or ""
        if (row.get("type") or "").upper() == "AGENDA" and re.search(
            r"meeting\s+agenda\s*$", subject, re.IGNORECASE
        ):
            label = _label_in(subject)
            if label:
                return label
    raise TdocsByAgendaError(
        f"{source_name}: cannot tell the meeting from the file name or the page; "
        "pass it with --meeting (e.g. --meeting SA2#164)"
    )
