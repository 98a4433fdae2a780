"""3GPP meeting calendars: the dynareport ``Meetings-<CODE>.htm`` pages, one row per meeting.

The calendar is the only place that ties a meeting's label to its portal MtgId (which keys
the TDoc list export and the ETSI participant page) and to its FTP folder, so it is parsed
first and everything else hangs off it. The markup is hand-written HTML with Windows-style
relative folder links (``/../../../\\ftp\\tsg_ran\\WG1_RL1\\TSGR1_122b\\``), dates written
with U+2011 non-breaking hyphens and "-" in empty cells; see the project's architecture
notes ("3GPP sources") for the row format this follows.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import polars as pl
from bs4 import BeautifulSoup, Tag

from scrapers.threegpp.meeting_names import (
    GROUPS,
    MeetingNameError,
    canonical_meeting,
    group_code,
    meeting_from_code,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://www.3gpp.org"

CALENDAR_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,  # canonical label, RAN1#122bis; null for codes that are no label
        "group_code": pl.String,  # R1
        "mtg_id": pl.Int64,  # portal MtgId: keys the TDoc list export and fViewPart.asp?mid=
        "code": pl.String,  # the calendar's own code, R1-122-bis
        "title": pl.String,  # as written, 3GPPRAN1#122-bis
        "town": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "first_tdoc": pl.String,
        "last_tdoc": pl.String,
        "ftp_folder": pl.String,  # ftp/tsg_ran/WG1_RL1/TSGR1_122b (case as the page writes it)
        "folder": pl.String,  # TSGR1_122b
        "tdoc_list_url": pl.String,  # portal ngppapp/TdocList.aspx?meetingId=…
        "participants_url": pl.String,  # ETSI fViewPart.asp?mid=…, once registration has data
        "register_url": pl.String,  # ETSI fMain.asp?mid=…, while registration is open
        "files_url": pl.String,  # the meeting folder, absolute
        "status": pl.String,  # 'cancelled' (its title says CANCELLED) or 'scheduled'
    }
)

# The published column order. Later columns (iCal, Feedback) come and go and are ignored.
CALENDAR_COLUMNS = (
    "Meeting",
    "Title",
    "Town",
    "Start",
    "End",
    "First & Last tdoc",
    "Register",
    "Participants",
    "Files",
)
# What a header cell may call each column, compared lower-case with punctuation dropped
# ("First & Last tdoc" → "first last tdoc"). The live page writes an explanation after the
# name ("Meeting<br>click for details and to reserve a tdoc number"): only the cell's first
# line (or its first bold text) is the name.
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Meeting": ("meeting", "mtg", "meeting code"),
    "Title": ("title", "meeting title", "name"),
    "Town": ("town", "location", "city", "venue", "place"),
    "Start": ("start", "start date", "from", "begin"),
    "End": ("end", "end date", "to", "until"),
    "First & Last tdoc": (
        "first last tdoc",
        "first and last tdoc",
        "first last tdocs",
        "tdocs",
        "tdoc range",
        "tdoc",
        "first tdoc last tdoc",
    ),
    "Register": ("register", "registration"),
    "Participants": ("participants", "participant list", "attendees", "participant"),
    "Files": ("files", "documents", "folder", "docs"),
}
# A page lacking one of these is not a calendar this parser can read.
REQUIRED_COLUMNS = ("Meeting", "Title", "Start", "End", "First & Last tdoc")

_EMPTY = {"", "-", "\u2013", "\u2014"}  # "-" and its en/em-dash look-alikes
_DASHES = str.maketrans({"\u2011": "-", "\u2010": "-", "\u2012": "-", "\u2013": "-"})
# "R1-2506700 - R1-2508262"; workshops and e-mail meetings write no hyphen after the
# prefix: "R5w260200 - R5w260201", "R5s…"
_TDOC = r"[A-Z][A-Z0-9](?:-|[a-z])\d+"
_TDOC_RANGE = re.compile(rf"\b({_TDOC})\s*-\s*({_TDOC})\b")
_CANCELLED = re.compile(r"\bcancell?ed\b", re.IGNORECASE)
_BOOKMARK_DATE = re.compile(r"--(\d{4}-\d{2}-\d{2})$")
# A bm-anchor title is trusted only when it is a label and nothing else: canonical_meeting
# reads "3GPPSA3#104-LI" as SA3#104, which is another meeting.
_STRICT_LABEL = re.compile(
    r"(?:3GPP)?\s*(?:SA|RAN|CT)\d?\s*#\s*\d+\s*(?:-?\s*(?:bis|b))?\s*(?:-?\s*e)?", re.IGNORECASE
)
# Links in the Town/Start/End and TDoc cells point into the meeting folder; these are the
# sub-folders they name, stripped to find the folder itself.
_SUBFOLDERS = {"invitation", "agenda", "report", "docs"}


class CalendarError(ValueError):
    pass


def calendar_url(base_url: str, group: str) -> str:
    """``https://www.3gpp.org/dynareport?code=Meetings-R1.htm`` for group code ``R1``."""
    code = group.strip().upper()
    if code not in GROUPS:
        raise CalendarError(
            f"{group!r} is not a 3GPP group code; expected one of {', '.join(GROUPS)}"
        )
    return f"{base_url.rstrip('/')}/dynareport?code=Meetings-{code}.htm"


def parse_calendar(
    html: bytes, source_name: str, *, base_url: str = DEFAULT_BASE_URL
) -> pl.DataFrame:
    """One row per meeting, in page order (newest first), in ``CALENDAR_SCHEMA``.

    ``base_url`` only makes the folder link absolute (``files_url``); tests and mirrors
    pass their own.
    """
    soup = BeautifulSoup(html, "html.parser")
    header, columns = _find_header(soup, source_name)
    table = header.find_parent("table")
    assert table is not None  # _find_header only returns rows inside a table
    rows: list[dict[str, Any]] = []
    seen_header = False
    for tr in table.find_all("tr"):
        if tr is header:
            seen_header = True
            continue
        if not seen_header or tr.find_parent("table") is not table:
            continue  # rows above the header, or inside a nested table
        cells = _cells(tr)
        if all(_text(c) in _EMPTY for c in cells) or _is_header(cells):
            continue  # spacer rows, and the header repeated further down a long table
        if len(cells) <= max(columns.values()):
            raise CalendarError(
                f"{source_name}: a calendar row has {len(cells)} cells, expected at least "
                f"{max(columns.values()) + 1} (the header's {', '.join(columns)}): "
                f"{_text(tr)[:120]!r}"
            )
        empty = BeautifulSoup("<td></td>", "html.parser").td
        row = {name: cells[columns[name]] if name in columns else empty
               for name in CALENDAR_COLUMNS}  # fmt: skip
        rows.append(_parse_row(row, source_name, base_url))  # type: ignore[arg-type]
    return pl.DataFrame(rows, schema=CALENDAR_SCHEMA)


def _header_name(cell: Tag) -> str:
    """A header cell's column name: its first bold text, else its text up to the first
    line break, normalised (lower case, punctuation dropped)."""
    bold = cell.find(["b", "strong"])
    if isinstance(bold, Tag) and _text(bold):
        return _norm_header(_text(bold))
    first: list[str] = []
    for node in cell.descendants:
        if isinstance(node, Tag) and node.name == "br":
            if "".join(first).strip():
                break
            continue
        if isinstance(node, str) and not isinstance(node, Tag):
            first.append(str(node))
    return _norm_header(" ".join(first))


def _columns(cells: list[Tag]) -> dict[str, int]:
    """Each known column's index in a row of header cells (the first cell that names it)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _header_name(cell)
        for column, synonyms in COLUMN_SYNONYMS.items():
            if column not in found and name in synonyms:
                found[column] = index
                break
    return found


def _is_header(cells: list[Tag]) -> bool:
    return all(c in _columns(cells) for c in REQUIRED_COLUMNS)


def _find_header(soup: BeautifulSoup, source_name: str) -> tuple[Tag, dict[str, int]]:
    """The row naming every required calendar column, and each known column's index."""
    best: list[str] = []
    for tr in soup.find_all("tr"):
        if tr.find_parent("table") is None:
            continue
        cells = _cells(tr)
        columns = _columns(cells)
        if all(c in columns for c in REQUIRED_COLUMNS):
            return tr, columns
        if len(columns) > len(best) or (not best and any(c.name == "th" for c in cells)):
            best = [_text(c) for c in cells]
    seen = f"; the closest header row reads {' | '.join(best)!r}" if best else ""
    raise CalendarError(
        f"{source_name}: no meeting calendar table found; expected a header row naming "
        f"{' | '.join(REQUIRED_COLUMNS)} (extra columns are ignored){seen}"
    )


def _parse_row(cell: dict[str, Tag], source_name: str, base_url: str) -> dict[str, Any]:
    meeting_cell = cell["Meeting"]
    anchor = meeting_cell.find("a")
    code = ""
    portal_href = None
    if isinstance(anchor, Tag):
        code = str(anchor.get("name") or "").strip() or _text(anchor)
        portal_href = _href(anchor)
    code = code or _text(meeting_cell)
    if code in _EMPTY:
        row = " | ".join(_text(c) for c in cell.values())
        raise CalendarError(f"{source_name}: a calendar row has no meeting code: {row[:120]!r}")
    where = f"{source_name}: meeting {code}"

    title_cell = cell["Title"]
    title = _text(title_cell) or None
    bookmark = title_cell.find("a", attrs={"name": True})
    bookmark_date = None
    if isinstance(bookmark, Tag):
        found = _BOOKMARK_DATE.search(str(bookmark.get("name")))
        bookmark_date = found.group(1) if found else None

    meeting = _meeting_label(code, title, where)
    group = group_code(meeting) if meeting else _group_from_code(code)

    start = _date(cell["Start"], where, "Start") or _iso(bookmark_date, where, "bookmark")
    end = _date(cell["End"], where, "End")

    tdoc_cell = cell["First & Last tdoc"]
    tdocs = _TDOC_RANGE.search(_text(tdoc_cell))
    tdoc_list_url = None
    folder_links: list[str] = []
    for link in _links(tdoc_cell):
        if "tdoclist.aspx" in link.lower():
            tdoc_list_url = urljoin(base_url + "/", link)
        else:
            folder_links.append(link)
    for name in ("Town", "Start", "End"):
        folder_links.extend(_links(cell[name]))

    files_links = _links(cell["Files"])
    files_folder = _ftp_path(files_links[0]) if files_links else None
    ftp_folder = files_folder or _folder_from_links(folder_links)

    mtg_ids = {
        "portal": _query_int(portal_href, "mtgid"),
        "tdoc list": _query_int(tdoc_list_url, "meetingid"),
        "participants": _query_int(_first(_links(cell["Participants"])), "mid"),
        "register": _query_int(_first(_links(cell["Register"])), "mid"),
    }
    distinct = {v for v in mtg_ids.values() if v is not None}
    if len(distinct) > 1:
        raise CalendarError(f"{where}: its links disagree on the MtgId: {mtg_ids}")

    return {
        "meeting": meeting,
        "group_code": group,
        "mtg_id": distinct.pop() if distinct else None,
        "code": code,
        "title": title,
        "town": _value(cell["Town"]),
        "start_date": start,
        "end_date": end,
        "first_tdoc": tdocs.group(1) if tdocs else None,
        "last_tdoc": tdocs.group(2) if tdocs else None,
        "ftp_folder": ftp_folder,
        "folder": ftp_folder.rsplit("/", 1)[-1] if ftp_folder else None,
        "tdoc_list_url": tdoc_list_url,
        "participants_url": _absolute(_first(_links(cell["Participants"])), base_url),
        "register_url": _absolute(_first(_links(cell["Register"])), base_url),
        "files_url": f"{base_url.rstrip('/')}/{files_folder}/" if files_folder else None,
        "status": "cancelled" if title and _CANCELLED.search(title) else "scheduled",
    }


def _meeting_label(code: str, title: str | None, where: str) -> str | None:
    """The code decides; the bm-anchor title only fills in when the code is not a label.

    Codes that are neither (SA3 LI meetings "S3-104-LI", ad hocs) give None rather than a
    guess, so they cannot be merged into a regular meeting of the same number.
    """
    from_title = None
    if title and _STRICT_LABEL.fullmatch(title.strip()):
        try:
            from_title = canonical_meeting(title)
        except MeetingNameError:
            from_title = None
    try:
        from_code = meeting_from_code(code)
    except MeetingNameError:
        return from_title
    if from_title is not None and from_title != from_code:
        log.warning(
            "%s: title %r reads %s; keeping %s from the code", where, title, from_title, from_code
        )
    return from_code


def _group_from_code(code: str) -> str | None:
    prefix = code.split("-", 1)[0].upper()
    return prefix if prefix in GROUPS else None


def _cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False) if isinstance(c, Tag)]


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").replace("\xa0", " ").split())


def _value(node: Tag) -> str | None:
    text = _text(node)
    return None if text in _EMPTY else text


def _norm_header(text: str) -> str:
    """Lower case, punctuation and '&' dropped, spaces collapsed: 'First & Last tdoc' →
    'first last tdoc'."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("\xa0", " ").lower()).split())


def _href(node: Tag) -> str | None:
    href = node.get("href")
    return str(href).strip() if href else None


def _links(node: Tag) -> list[str]:
    return [h for a in node.find_all("a") if isinstance(a, Tag) and (h := _href(a))]


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _absolute(link: str | None, base_url: str) -> str | None:
    return urljoin(base_url.rstrip("/") + "/", link) if link else None


def _date(node: Tag, where: str, column: str) -> date | None:
    return _iso(_value(node), where, column)


def _iso(text: str | None, where: str, column: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.translate(_DASHES).strip())
    except ValueError as exc:
        raise CalendarError(f"{where}: {column} {text!r} is not a date like 2025-10-13") from exc


def _query_int(url: str | None, key: str) -> int | None:
    """A numeric query parameter, case-insensitively; the portal puts its query in the fragment."""
    if not url:
        return None
    parts = urlsplit(url)
    for query in (parts.query, parts.fragment.partition("?")[2]):
        for name, values in parse_qs(query).items():
            if name.lower() == key and values and values[0].strip().isdigit():
                return int(values[0])
    return None


def _ftp_path(link: str) -> str | None:
    """``/../../../\\ftp\\\\tsg_ran\\WG1_RL1\\TSGR1_122b\\`` → ``ftp/tsg_ran/WG1_RL1/TSGR1_122b``.

    Links that do not lead into the FTP tree (old rows point the town at
    ``/../../..//Specification-Groups/``) give None.
    """
    path = urlsplit(link.replace("\\", "/")).path
    segments = [s for s in path.split("/") if s not in ("", ".", "..")]
    if not segments or segments[0].lower() != "ftp" or len(segments) < 2:
        return None
    return "/".join(segments)


def _folder_from_links(links: list[str]) -> str | None:
    """The meeting folder named by links into its Invitation/, Agenda/, Report/, Docs/."""
    for link in links:
        path = _ftp_path(link)
        if path is None:
            continue
        head, _, last = path.rpartition("/")
        if last.lower() in _SUBFOLDERS and head.count("/") >= 1:
            return head
    return None
