"""Agenda items and document listings of a chair's report: the agenda item number of each
heading (from the table of contents, else counted), every listed document under them
(``R1-1613211<TAB>title<TAB>sources``; a tab-less line is split where a known party
begins), and the documents and co-signers frames built from those listings.

May import: the package's paragraphs model and scrapers.threegpp.sources. Never warehouse
or flows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from scrapers.threegpp.chair_report.paragraphs import (
    CHAIR_SOURCE,
    LISTING,
    Listing,
    Paragraph,
    heading_level,
    key,
    split_parties,
    squash,
)
from scrapers.threegpp.sources import cosigner_frame

DOCUMENT_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "tdoc": pl.String,
        "title": pl.String,
        "source": pl.String,  # the co-signer list as the report writes it
        "agenda_item": pl.String,  # 7.1.5.1; null in the annexes
        "kind": pl.String,  # way_forward | ls | chair_notes | other
    }
)

_NOTE_PART = re.compile(r"^\(.*\)$")
_TOC_STYLE = re.compile(r"^toc\s*\d$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\t(?P<title>.+?)(?:\t\d+)?$")

_WAY_FORWARD = re.compile(r"^[\W_]*(?:draft[\W_]*)?(?:WF|way\s*-?\s*forward)\b", re.IGNORECASE)
_LS_TITLE = re.compile(r"\bLS\b")
_CHAIR_NOTES = re.compile(r"chair(?:man)?(?:'s|\u2019s|s)?\s+notes|notes of (?:the )?chair", re.I)


def agenda_items(paragraphs: Sequence[Paragraph]) -> dict[int, str | None]:
    """Paragraph index of each heading → its agenda item number (None for annexes).

    Word numbers the headings, so the text has no number; the table of contents has them.
    Headings are matched to TOC entries in order; where the TOC is missing or disagrees,
    the number is counted from heading levels.
    """
    toc = []
    for paragraph in paragraphs:
        if _TOC_STYLE.match(paragraph.style.strip()):
            found = _TOC_ENTRY.match(paragraph.text.strip())
            if found:
                toc.append((found.group("number"), key(found.group("title"))))
    items: dict[int, str | None] = {}
    counters = [0] * 9
    cursor = 0
    for index, paragraph in enumerate(paragraphs):
        level = heading_level(paragraph)
        if level is None:
            continue
        text = paragraph.text.strip()
        if not text or re.match(r"^annex\b", text, re.IGNORECASE):
            items[index] = None
            continue
        number = None
        for j in range(cursor, min(cursor + 3, len(toc))):
            if toc[j][1] == key(text):
                number, cursor = toc[j][0], j + 1
                break
        if number is not None:
            parts = [int(p) for p in number.split(".")]
            counters = parts + [0] * (9 - len(parts))
        else:
            counters[level - 1] += 1
            counters[level:] = [0] * (9 - level)
            number = ".".join(str(c) for c in counters[:level])
        items[index] = number
    return items


def read_listings(paragraphs: Sequence[Paragraph], agenda: dict[int, str | None]) -> list[Listing]:
    raw: list[tuple[int, str, list[str], str | None]] = []
    current: str | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in agenda:
            current = agenda[index]
            continue
        found = LISTING.match(paragraph.text)
        if not found:
            continue
        parts = [p.strip() for p in found.group("rest").split("\t")]
        parts = [p for p in parts if p and not _NOTE_PART.match(p)]
        if parts:
            raw.append((index, found.group("tdoc"), parts, current))
    # Parties named in well-formed lines, to find where a tab-less line's sources begin.
    known = {
        key(party) for _, _, parts, _ in raw if len(parts) >= 2 for party in split_parties(parts[1])
    }
    listings = []
    for index, tdoc, parts, item in raw:
        source: str | None
        if len(parts) >= 2:
            title, source = parts[0], parts[1]
        else:
            title, source = _split_untabbed(parts[0], known)
        listings.append(
            Listing(tdoc, squash(title), squash(source) if source else None, item, index)
        )
    return listings


def _split_untabbed(text: str, known: set[str]) -> tuple[str, str | None]:
    """'WF on X LG Electronics, LG Uplus' → ('WF on X', 'LG Electronics, LG Uplus')."""
    for boundary in re.finditer(r"\s+", text):
        candidate = text[boundary.end() :]
        first = split_parties(candidate)[:1]
        if first and key(first[0]) in known and text[: boundary.start()].strip():
            return text[: boundary.start()].strip(), candidate.strip()
    double = re.search(r"\s{2,}(?=\S)", text)
    if double:
        return text[: double.start()].strip(), text[double.end() :].strip()
    return text.strip(), None


# --- frames --------------------------------------------------------------------------------


def _kind(title: str, source: str | None) -> str:
    if _WAY_FORWARD.match(title):
        return "way_forward"
    if _CHAIR_NOTES.search(title) or CHAIR_SOURCE.search(source or ""):
        return "chair_notes"
    if _LS_TITLE.search(title):
        return "ls"
    return "other"


def document_frame(meeting: str, listings: Sequence[Listing]) -> pl.DataFrame:
    """One row per TDoc. A TDoc listed again (e.g. in the annexes) keeps its first listing
    under an agenda item, but the longest co-signer list seen, since support is added during
    the week and later listings are the fuller ones."""
    chosen: dict[str, Listing] = {}
    for listing in listings:
        held = chosen.get(listing.tdoc)
        if held is None:
            chosen[listing.tdoc] = listing
            continue
        item = held.agenda_item or listing.agenda_item
        source = held.source
        if len(split_parties(listing.source or "")) > len(split_parties(source or "")):
            source = listing.source
        chosen[listing.tdoc] = Listing(held.tdoc, held.title, source, item, held.index)
    rows = [
        {
            "meeting": meeting,
            "tdoc": listing.tdoc,
            "title": listing.title,
            "source": listing.source,
            "agenda_item": listing.agenda_item,
            "kind": _kind(listing.title, listing.source),
        }
        for listing in chosen.values()
    ]
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


def cosigners(meeting: str, documents: pl.DataFrame) -> pl.DataFrame:
    """Co-signer rows through the same Source splitter as TDoc lists, so a name like
    "NTT DOCOMO, INC." is one party here too."""
    listed = documents.select("tdoc", "source").with_columns(pl.lit(meeting).alias("meeting"))
    return cosigner_frame(listed)
