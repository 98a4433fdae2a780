"""3GPP chair's final reports (``Final_Report_RAN1-87.docx``): who co-signed what, who
raised a hand for or against it, and who chaired.

The TDoc list only names a document's submitter ("Huawei, HiSilicon"); the report lists the
document as it was presented, with every co-signer gathered during the week. R1-1613211 (the
2016 Polar proposal) has 55 there. So the report, not the TDoc list, is the record of
co-signing, and this parser reads it.

How the RAN1 reports are laid out (checked on RAN1#86bis and #87):

* Page 1: ``Title:\\tFinal Report of 3GPP TSG RAN WG1 #87 v1.0.0`` then ``\\t(Reno, USA, …)``.
  The page *header* names the meeting that approved the report (RAN1#88 for the #87 report),
  so it is never used to tell which meeting a report covers.
* Headings carry no numbers in their text (Word numbers them), so agenda items come from the
  table of contents, falling back to counting headings.
* A listed document is one paragraph ``R1-1613211<TAB>title<TAB>sources[<TAB>(Revision of …)]``.
  Some lines lost a tab: ``WF on DCI design for Case 1 and 2 LG Electronics, LG Uplus, …``;
  those are split where a party named elsewhere in the same report begins.
* Stances sit next to a document or an alternative: ``Also supported by …``, ``Support: …``,
  ``Object: …``, ``Objections: …``, ``No: …`` (under ``Alt 1:``), the show of hands of a
  ``Question:`` block, and a few sentences (``Huawei has a concern …``, ``objected by ZTE``,
  ``Bureau Veritas and CGC withdrew their support``). Bare company lists under an
  alternative carry no stance word and are not recorded.
* Ad-hoc and session chairs appear as the source of their notes (``Ad-Hoc chair (Nokia,
  Samsung)``); their names are never stored. The reports of electing meetings (RAN1#90,
  #105-e, #113, #121) print the Elections item in tables or tab-separated text, read by
  scrapers/threegpp/elections.py: the candidates there are the only people named in a row.

Security: python-docx parses with ``resolve_entities=False`` and lxml does not fetch over the
network, but a DOCTYPE has no place in OOXML, so any part declaring one is refused outright.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import polars as pl
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from scrapers.threegpp.elections import ELECTION_SCHEMA, Block, Line, Table, parse_elections
from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)
from scrapers.threegpp.sources import cosigner_frame
from scrapers.zip_guard import check_zip

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
HANDS_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "agenda_item": pl.String,
        "tdoc": pl.String,  # the document the stance is about, when the report makes it clear
        "stance": pl.String,  # support | object | concern | acceptable | withdrew_support
        "party": pl.String,  # as written: "HW", "E///", "Sams"
        "position": pl.Int32,  # 1-based order within the record
        "condition": pl.String,  # "(if power scaling is sub-band)" without the brackets
        "option": pl.String,  # the alternative voted on, when it is not the whole document
    }
)
CHAIR_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "role": pl.String,  # chair | vice-chair | ad-hoc chair | session chair
        "organization": pl.String,  # null when the report names the office but no organisation
        "agenda_item": pl.String,
        "tdoc": pl.String,  # the notes document the organisation is named in
    }
)

_TDOC = r"(?:[RSC][1-6P]|[RSC]P)-\d{6,7}"
_LISTING = re.compile(rf"^\s*(?P<tdoc>{_TDOC})\b(?P<rest>.*)$", re.DOTALL)
_TDOC_ANYWHERE = re.compile(_TDOC)
_NOTE_PART = re.compile(r"^\(.*\)$")
_TITLE_LINE = re.compile(r"^\s*Title\s*:\s*(?P<title>.+)$", re.IGNORECASE)
# "Final Report of 3GPP TSG RAN WG1 #87 v1.0.0", "3GPP TSG RAN WG1 Meeting #86bis",
# "TSG SA WG2 #138E", "TSG RAN #74"
_TITLE_MEETING = re.compile(
    r"TSG\s*(?P<tsg>RAN|SA|CT)\s*(?:WG\s*(?P<wg>\d))?\s*(?:Meeting\s*)?#\s*"
    r"(?P<num>\d+)\s*(?P<suffix>(?:-?\s*(?:bis|b))?(?:\s*-?\s*e)?)\b",
    re.IGNORECASE,
)
_DELEGATES = re.compile(
    r"number of (?:the )?(?:attending )?delegates\b.*?\bwas\s+(?P<count>[^\s.;]+)",
    re.IGNORECASE,
)
_HEADING_STYLE = re.compile(r"^heading\s*(?P<level>\d)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^toc\s*\d$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\t(?P<title>.+?)(?:\t\d+)?$")
# How far into the document the title block and the delegate sentence may sit.
_FRONT_MATTER = 400

_WAY_FORWARD = re.compile(r"^[\W_]*(?:draft[\W_]*)?(?:WF|way\s*-?\s*forward)\b", re.IGNORECASE)
_LS_TITLE = re.compile(r"\bLS\b")
_CHAIR_NOTES = re.compile(r"chair(?:man)?(?:'s|\u2019s|s)?\s+notes|notes of (?:the )?chair", re.I)

# Chairs named as the source of their notes: "Ad-Hoc chair (Nokia, Samsung)",
# "UMTS Session Chairman's Notes (Huawei)".
_CHAIR_SOURCE = re.compile(
    r"(?:(?P<kind>ad-?\s*hoc|session)\s+)?\bchair(?:man)?\b[^()]*\((?P<orgs>[^()]+)\)",
    re.IGNORECASE,
)
# The presiding chair or a vice-chair named in prose: "Mr X (RAN1 Chairman)",
# "X (RAN1 Vice-Chairman, Nokia)". Only the organisation after a comma is kept.
_OFFICE_IN_PROSE = re.compile(
    r"\((?:(?:TSG\s*)?(?:RAN|SA|CT)\s*(?:WG\s*)?\d?\s+)?"
    r"(?P<office>vice[- ]?chair(?:man|person)?|chair(?:man|person)?)"
    r"(?:\s*,\s*(?P<org>[^()]+))?\)",
    re.IGNORECASE,
)

# Stance records. Labels that need a colon are words that also start ordinary sentences.
_STANCE_LABEL = re.compile(
    r"^(?:(?:Discussion|Decision|Note)\s*:\s*)?"
    r"(?P<label>also\s+support(?:ed)?\s+by|supported\s+also\s+by|also\s+acceptable\s+to"
    r"|not\s+supported\s+by|supported\s+by|objected\s+by"
    r"|(?:support|object|objections?|no|yes)(?=\s*:))\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
_ALSO_INLINE = re.compile(
    r"\b(?P<label>also\s+support(?:ed)?\s+by|also\s+acceptable\s+to)\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
# "Alt.1: 12 supported by CATT, Huawei, …"
_OPTION_SUPPORTED = re.compile(
    r"^(?P<option>(?:alt(?:ernative)?|option|opt)\b.*?)\s+supported\s+by\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
_OPTION_LABEL = re.compile(
    r"^(?:alt(?:ernative)?|option|opt|proposal|(?:proposed|possible)\s+\w+)\b[\s.\-\w]*:",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^question\s*:", re.IGNORECASE)
_QUESTION_GROUP = re.compile(r"^(?P<label>[^:,]{1,15}):\s*$")
_QUESTION_ANSWER = re.compile(
    r"^(?P<label>[^:,]{1,20}):\s*(?P<parties>\S.*)$|^(?P<label2>\S{1,10})\s+(?P<parties2>\S.*,.*)$"
)
# Sentences that record a stance. The party part is kept short so that prose does not match.
_PARTY_RUN = r"[A-Z][\w&.\-/+ ,]{0,60}?"
_PROSE_STANCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"^(?:(?:Note(?:\s+for\s+minutes)?|Discussion)\s*:\s*)?(?P<parties>{_PARTY_RUN})"
            r"\s+ha(?:s|ve)\s+(?:(?:a|some|strong|serious)\s+)*concerns?\b"
        ),
        "concern",
    ),
    (
        re.compile(
            r"^(?:Discussion\s*:\s*)?concerns?\s+(?:from|by)\s+(?P<parties>[\w&.\-/+ ,]+?)"
            r"(?:\s+(?:on|with|regarding|about)\b|\s*$)",
            re.IGNORECASE,
        ),
        "concern",
    ),
    (
        re.compile(rf"^(?:Discussion\s*:\s*)?(?P<parties>{_PARTY_RUN})\s+concern\s+with\b"),
        "concern",
    ),
    (
        re.compile(
            rf"^(?:Discussion\s*:\s*)?(?P<parties>{_PARTY_RUN}),?\s+do(?:es)?\s+not\s+agree"
        ),
        "object",
    ),
    (re.compile(r"\bobjected\s+by\s+(?P<parties>[\w&.\-/+ ,]+?)\.?\s*$"), "object"),
    (re.compile(rf"^(?P<parties>{_PARTY_RUN})\s*:\s*objection\b", re.IGNORECASE), "object"),
    (
        re.compile(rf"^(?P<parties>{_PARTY_RUN})\s+withdrew\s+(?:their|its)\s+support\b"),
        "withdrew_support",
    ),
)
_NOT_PARTIES = re.compile(r"^(?:there|some|one|other|it|we|they|this|rapporteur|ran\d?)\b", re.I)
_STANCE_OF = {
    "support": "support",
    "yes": "support",
    "supported by": "support",
    "also supported by": "support",
    "also support by": "support",
    "supported also by": "support",
    "also acceptable to": "acceptable",
    "object": "object",
    "objection": "object",
    "objections": "object",
    "objected by": "object",
    "no": "object",
    "not supported by": "object",
}


class ChairReportError(ValueError):
    pass


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


@dataclass(frozen=True)
class _Paragraph:
    text: str
    style: str


@dataclass(frozen=True)
class _Listing:
    tdoc: str
    title: str
    source: str | None
    agenda_item: str | None
    index: int


def parse_chair_report(
    data: bytes | Path, source_name: str, meeting: str | None = None
) -> ChairReport:
    """A chair's report (docx) → co-signers, stances and chairs of the meeting it covers.

    The meeting comes from ``meeting`` if given, else the file name, else the report's
    ``Title:`` line.
    """
    if isinstance(data, Path):
        data = data.read_bytes()
    document = _open(data, source_name)
    paragraphs = _paragraphs(document)
    title, venue = _title(paragraphs)
    if title is None:
        raise ChairReportError(
            f"{source_name}: no 'Title:' line (e.g. 'Final Report of 3GPP TSG RAN WG1 #87') "
            "in the first paragraphs; not a chair's report"
        )
    label = _resolve_meeting(meeting, source_name, title)
    agenda = _agenda_items(paragraphs)
    listings = _listings(paragraphs, agenda)
    if not listings:
        raise ChairReportError(
            f"{source_name}: no TDoc listed as 'R1-1613211<TAB>title<TAB>sources'; "
            "not a chair's report"
        )
    delegates, sentence = _delegates(paragraphs)
    documents = _documents(label, listings)
    elections, notes = parse_elections(_section(document, "election"), label, source_name)
    return ChairReport(
        meeting=label,
        title=title,
        delegates=delegates,
        delegate_sentence=sentence,
        documents=documents,
        cosigners=_cosigners(label, documents),
        hands=_hands(label, paragraphs, agenda),
        elections=elections.cast(dict(ELECTION_SCHEMA)),  # type: ignore[arg-type]
        chairs=_chairs(label, paragraphs, listings),
        venue=venue,
        notes=tuple(notes),
    )


# --- loading -------------------------------------------------------------------------------


def _open(data: bytes, source_name: str) -> Any:
    check_zip(data, source_name, ChairReportError, "docx")
    try:
        return docx.Document(io.BytesIO(data))
    except ChairReportError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ChairReportError(f"{source_name}: not a readable docx ({exc})") from exc
    except etree.LxmlError as exc:  # a part whose XML is damaged (bad bytes, cut off)
        raise ChairReportError(f"{source_name}: a damaged docx (its XML: {exc})") from exc


def _style_names(document: Any) -> tuple[dict[str, str], str]:
    # Paragraph.style resolves through the styles part on every call (seconds per report);
    # one id → name table read up front does the same job.
    names = {style.style_id: style.name or "" for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return names, (default.name or "" if default is not None else "")


def _paragraphs(document: Any) -> list[_Paragraph]:
    names, fallback = _style_names(document)
    return [
        _Paragraph(_text(p._p).replace("\xa0", " "), names.get(p._p.style or "", fallback))
        for p in document.paragraphs
    ]


def _section(document: Any, heading: str) -> list[Block]:
    """The paragraphs and tables under the first top-level heading starting with
    ``heading`` (case-insensitive), up to the next top-level heading, in document order."""
    names, fallback = _style_names(document)
    blocks: list[Block] = []
    inside = False
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            style = names.get(child.style or "", fallback)
            text = _text(child).replace("\xa0", " ")
            if _heading_level(_Paragraph(text, style)) == 1:
                if inside:
                    break
                inside = text.strip().casefold().startswith(heading)
                continue
            if inside:
                blocks.append(Line(text, style))
        elif inside and child.tag == f"{_W}tbl":
            rows = []
            for tr in child.iter(f"{_W}tr"):
                cells = []
                for tc in tr.iter(f"{_W}tc"):
                    cells.append("\n".join(_text(p) for p in tc.iter(f"{_W}p")))
                rows.append(tuple(cells))
            blocks.append(Table(tuple(rows)))
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _text(paragraph: Any) -> str:
    """Paragraph.text without its per-run XPath queries (a second per report): the runs
    and hyperlinked runs directly under the paragraph, as python-docx reads them."""
    out: list[str] = []
    for child in paragraph:
        runs = [child] if child.tag == f"{_W}r" else []
        if child.tag == f"{_W}hyperlink":
            runs = [r for r in child if r.tag == f"{_W}r"]
        for run in runs:
            for item in run:
                if item.tag == f"{_W}t":
                    out.append(item.text or "")
                elif item.tag == f"{_W}br":
                    out.append(
                        "\n" if item.get(f"{_W}type", "textWrapping") == "textWrapping" else ""
                    )
                else:
                    out.append(_RUN_TEXT.get(item.tag, ""))
    return "".join(out)


def _title(paragraphs: Sequence[_Paragraph]) -> tuple[str | None, str | None]:
    front = paragraphs[:_FRONT_MATTER]
    for i, paragraph in enumerate(front):
        found = _TITLE_LINE.match(paragraph.text)
        if found:
            venue = None
            for after in front[i + 1 : i + 4]:
                text = after.text.strip()
                if text:
                    if text.startswith("(") and text.endswith(")"):
                        venue = text[1:-1].strip()
                    break
            return _squash(found.group("title")), venue
    return None, None


def _resolve_meeting(meeting: str | None, source_name: str, title: str) -> str:
    """``meeting`` if given; else the file name's and the title's, which must agree.

    Copies are often renamed by meeting number alone (``Final_Report_RAN1-105.docx`` for
    the e-meeting RAN1#105-e): a name that differs from the title only by the title's
    e-meeting suffix takes the title's label; any other disagreement is refused, naming
    both, since loading a report under the wrong meeting mixes two meetings' records.
    """
    try:
        if meeting:
            return canonical_meeting(meeting)
    except MeetingNameError as exc:
        raise ChairReportError(f"{source_name}: {exc}") from exc
    from_name = meeting_from_filename(source_name)
    from_title = None
    found = _TITLE_MEETING.search(title)
    if found:
        group = found.group("tsg").upper() + (found.group("wg") or "")
        suffix = re.sub(r"\s+", "", found.group("suffix") or "")
        try:
            from_title = canonical_meeting(f"{group}#{found.group('num')}{suffix}")
        except MeetingNameError:
            from_title = None
    if from_name and from_title and from_name != from_title:
        if from_title.removesuffix("-e") == from_name:
            return from_title
        raise ChairReportError(
            f"{source_name}: the file name says {from_name} but the report's title says "
            f"{from_title} ({title!r}); pass the right one with --meeting"
        )
    label = from_title or from_name
    if label:
        return label
    raise ChairReportError(
        f"{source_name}: cannot tell the meeting from the file name or the title {title!r}; "
        "pass it with --meeting (e.g. --meeting RAN1#87)"
    )


def _delegates(paragraphs: Sequence[_Paragraph]) -> tuple[int | None, str | None]:
    for paragraph in paragraphs[:_FRONT_MATTER]:
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", paragraph.text.strip()):
            found = _DELEGATES.search(sentence)
            if found:
                count = found.group("count").replace(",", "")
                return (int(count) if count.isdigit() else None), sentence.strip()
    return None, None


# --- structure -----------------------------------------------------------------------------


def _heading_level(paragraph: _Paragraph) -> int | None:
    found = _HEADING_STYLE.match(paragraph.style.strip())
    return int(found.group("level")) if found else None


def _agenda_items(paragraphs: Sequence[_Paragraph]) -> dict[int, str | None]:
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
                toc.append((found.group("number"), _key(found.group("title"))))
    items: dict[int, str | None] = {}
    counters = [0] * 9
    cursor = 0
    for index, paragraph in enumerate(paragraphs):
        level = _heading_level(paragraph)
        if level is None:
            continue
        text = paragraph.text.strip()
        if not text or re.match(r"^annex\b", text, re.IGNORECASE):
            items[index] = None
            continue
        number = None
        for j in range(cursor, min(cursor + 3, len(toc))):
            if toc[j][1] == _key(text):
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


def _listings(paragraphs: Sequence[_Paragraph], agenda: dict[int, str | None]) -> list[_Listing]:
    raw: list[tuple[int, str, list[str], str | None]] = []
    current: str | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in agenda:
            current = agenda[index]
            continue
        found = _LISTING.match(paragraph.text)
        if not found:
            continue
        parts = [p.strip() for p in found.group("rest").split("\t")]
        parts = [p for p in parts if p and not _NOTE_PART.match(p)]
        if parts:
            raw.append((index, found.group("tdoc"), parts, current))
    # Parties named in well-formed lines, to find where a tab-less line's sources begin.
    known = {
        _key(party)
        for _, _, parts, _ in raw
        if len(parts) >= 2
        for party in _split_parties(parts[1])
    }
    listings = []
    for index, tdoc, parts, item in raw:
        source: str | None
        if len(parts) >= 2:
            title, source = parts[0], parts[1]
        else:
            title, source = _split_untabbed(parts[0], known)
        listings.append(
            _Listing(tdoc, _squash(title), _squash(source) if source else None, item, index)
        )
    return listings


def _split_untabbed(text: str, known: set[str]) -> tuple[str, str | None]:
    """'WF on X LG Electronics, LG Uplus' → ('WF on X', 'LG Electronics, LG Uplus')."""
    for boundary in re.finditer(r"\s+", text):
        candidate = text[boundary.end() :]
        first = _split_parties(candidate)[:1]
        if first and _key(first[0]) in known and text[: boundary.start()].strip():
            return text[: boundary.start()].strip(), candidate.strip()
    double = re.search(r"\s{2,}(?=\S)", text)
    if double:
        return text[: double.start()].strip(), text[double.end() :].strip()
    return text.strip(), None


# --- frames --------------------------------------------------------------------------------


def _kind(title: str, source: str | None) -> str:
    if _WAY_FORWARD.match(title):
        return "way_forward"
    if _CHAIR_NOTES.search(title) or _CHAIR_SOURCE.search(source or ""):
        return "chair_notes"
    if _LS_TITLE.search(title):
        return "ls"
    return "other"


def _documents(meeting: str, listings: Sequence[_Listing]) -> pl.DataFrame:
    """One row per TDoc. A TDoc listed again (e.g. in the annexes) keeps its first listing
    under an agenda item, but the longest co-signer list seen, since support is added during
    the week and later listings are the fuller ones."""
    chosen: dict[str, _Listing] = {}
    for listing in listings:
        held = chosen.get(listing.tdoc)
        if held is None:
            chosen[listing.tdoc] = listing
            continue
        item = held.agenda_item or listing.agenda_item
        source = held.source
        if len(_split_parties(listing.source or "")) > len(_split_parties(source or "")):
            source = listing.source
        chosen[listing.tdoc] = _Listing(held.tdoc, held.title, source, item, held.index)
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


def _cosigners(meeting: str, documents: pl.DataFrame) -> pl.DataFrame:
    """Co-signer rows through the same Source splitter as TDoc lists, so a name like
    "NTT DOCOMO, INC." is one party here too."""
    listed = documents.select("tdoc", "source").with_columns(pl.lit(meeting).alias("meeting"))
    return cosigner_frame(listed)


def _hands(
    meeting: str, paragraphs: Sequence[_Paragraph], agenda: dict[int, str | None]
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    item: str | None = None
    tdoc: str | None = None  # the last listing, while no blank line separates us from it
    option: list[str] = []
    after_record = False
    question: str | None = None
    group: str | None = None

    def record(stance: str, parties_text: str, on_option: str | None, about: str | None) -> None:
        for position, (party, condition) in enumerate(_stance_parties(parties_text), start=1):
            rows.append(
                {
                    "meeting": meeting,
                    "agenda_item": item,
                    "tdoc": about,
                    "stance": stance,
                    "party": party,
                    "position": position,
                    "condition": condition,
                    "option": on_option,
                }
            )

    def option_text() -> str | None:
        if not option:
            return None
        kept = option[-3:]
        if option[0] not in kept and _OPTION_LABEL.match(option[0]):
            kept = [option[0], *kept]
        return " ".join(kept)

    def option_tdoc(text: str | None) -> str | None:
        mentioned = _TDOC_ANYWHERE.search(text or "")
        return mentioned.group() if mentioned else tdoc

    for index, paragraph in enumerate(paragraphs):
        text = _squash(paragraph.text)
        if index in agenda:
            item, tdoc, option, question, after_record = agenda[index], None, [], None, False
            continue
        if not text:
            tdoc, option, question, group, after_record = None, [], None, None, False
            continue
        listing = _LISTING.match(text)
        if listing:
            tdoc, option, question, after_record = listing.group("tdoc"), [], None, False
            continue
        if _QUESTION.match(text):
            question, group, option = text, None, []
            continue
        if question is not None:
            if re.match(r"^note\b", text, re.IGNORECASE):
                question = None
                continue
            grouped = _QUESTION_GROUP.match(text)
            if grouped:
                group = grouped.group("label").strip()
                continue
            answer = _QUESTION_ANSWER.match(text)
            if answer:
                label = (answer.group("label") or answer.group("label2") or "").strip()
                parties = answer.group("parties") or answer.group("parties2") or ""
                asked = " ".join(x for x in (question, f"{group}:" if group else None, label) if x)
                record("support", parties, asked, None)
                continue
            question = None
        labelled = _STANCE_LABEL.match(text)
        if labelled:
            stance = _STANCE_OF[_squash(labelled.group("label")).lower()]
            if labelled.group("label").lower().startswith("also"):
                record(stance, labelled.group("parties"), None, tdoc)
            else:
                chosen = option_text()
                record(stance, labelled.group("parties"), chosen, option_tdoc(chosen))
            after_record = True
            continue
        supported = _OPTION_SUPPORTED.match(text)
        if supported:
            chosen = supported.group("option")
            record("support", supported.group("parties"), chosen, option_tdoc(chosen))
            after_record = True
            continue
        inline = _ALSO_INLINE.search(text)
        if inline:
            stance = _STANCE_OF[_squash(inline.group("label")).lower()]
            record(stance, inline.group("parties"), None, tdoc)
            continue
        for pattern, stance in _PROSE_STANCES:
            found = pattern.search(text)
            if found and not _NOT_PARTIES.match(found.group("parties").strip()):
                record(stance, found.group("parties"), None, tdoc)
                break
        if _OPTION_LABEL.match(text) or after_record:
            option = [text]
        else:
            option.append(text)
        after_record = False
    return pl.DataFrame(rows, schema=HANDS_SCHEMA)


def _chairs(
    meeting: str, paragraphs: Sequence[_Paragraph], listings: Sequence[_Listing]
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    seen: set[tuple[object, ...]] = set()

    def add(role: str, organization: str | None, item: str | None, tdoc: str | None) -> None:
        key = (role, organization, item)
        if key not in seen:
            seen.add(key)
            rows.append(
                {
                    "meeting": meeting,
                    "role": role,
                    "organization": organization,
                    "agenda_item": item,
                    "tdoc": tdoc,
                }
            )

    for paragraph in paragraphs[:_FRONT_MATTER]:
        for found in _OFFICE_IN_PROSE.finditer(paragraph.text):
            office = found.group("office").lower()
            role = "vice-chair" if office.startswith("vice") else "chair"
            org = _squash(found.group("org")) if found.group("org") else None
            add(role, org, None, None)
    # The brackets may also hold the chair's name ("Carmela Cozzo, Huawei"); only names that
    # co-sign documents elsewhere in the report are taken as organisations.
    organizations = {
        _key(party) for listing in listings for party in _split_parties(listing.source or "")
    }
    roles = {"adhoc": "ad-hoc chair", "ad-hoc": "ad-hoc chair", "session": "session chair"}
    for listing in listings:
        named = _CHAIR_SOURCE.search(listing.source or "")
        if not named:
            continue
        kind = (named.group("kind") or "").lower().replace(" ", "")
        for org in _split_parties(named.group("orgs")):
            if _key(org) in organizations:
                add(roles.get(kind, "chair"), org, listing.agenda_item, listing.tdoc)
    return pl.DataFrame(rows, schema=CHAIR_SCHEMA)


# --- text helpers --------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _key(text: str) -> str:
    return _squash(text).casefold().rstrip(".")


def _split_outside_brackets(text: str, separators: str = ",;") -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_parties(source: str) -> list[str]:
    """A report's co-signer list → parties in order. Commas separate; brackets protect
    ("Ad-Hoc chair (Nokia, Samsung)" stays one); text is kept as written."""
    return [p for p in (_squash(x) for x in _split_outside_brackets(source)) if p]


def _stance_parties(text: str) -> Iterable[tuple[str, str | None]]:
    """'E///, HW+HiSi (if sub-band), Nokia and ASB (6)' → parties with their conditions.

    A trailing bare count such as "(6)" is the tally the report adds, not a condition.
    """
    # "Also supported by KDDI. Continue discussion": the list ends with its sentence.
    text = re.split(r"\.\s+(?=[A-Z][a-z])", text.strip(), maxsplit=1)[0]
    for chunk in _split_outside_brackets(text.rstrip(".")):
        chunk = _squash(chunk)
        condition = None
        bracket = re.search(r"\((?P<inner>[^()]*)\)\s*$", chunk)
        if bracket:
            inner = bracket.group("inner").strip()
            chunk = chunk[: bracket.start()].strip()
            condition = None if inner.isdigit() else inner
        for name in re.split(r"\s+and\s+|\+|(?<=\w)/(?=[A-Z][a-z])", chunk):
            name = name.strip(" .:")
            if name:
                yield name, condition
