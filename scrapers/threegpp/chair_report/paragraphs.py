"""The paragraph model every reader of a chair's report shares: the docx opened (behind the
zip guard), its body as paragraphs of text and style name, heading levels, one top-level
section as the Elections reader's blocks, what a TDoc listing line is, and the text helpers
the readers match with.

May import: docx and lxml, scrapers.zip_guard, and the Block/Line/Table model of
chair_report.elections (which imports nothing from this package). Never warehouse or flows.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from scrapers.threegpp.chair_report.elections import Block, Line, Table
from scrapers.zip_guard import check_zip

TDOC = r"(?:[RSC][1-6P]|[RSC]P)-\d{6,7}"
# A listed document: "R1-1613211<TAB>title<TAB>sources[<TAB>(Revision of …)]".
LISTING = re.compile(rf"^\s*(?P<tdoc>{TDOC})\b(?P<rest>.*)$", re.DOTALL)
# Chairs named as the source of their notes: "Ad-Hoc chair (Nokia, Samsung)",
# "UMTS Session Chairman's Notes (Huawei)". A listing of this source is chair's notes.
CHAIR_SOURCE = re.compile(
    r"(?:(?P<kind>ad-?\s*hoc|session)\s+)?\bchair(?:man)?\b[^()]*\((?P<orgs>[^()]+)\)",
    re.IGNORECASE,
)
# How far into the document the title block and the delegate sentence may sit.
FRONT_MATTER = 400

_HEADING_STYLE = re.compile(r"^heading\s*(?P<level>\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


class ChairReportError(ValueError):
    pass


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str


@dataclass(frozen=True)
class Listing:
    tdoc: str
    title: str
    source: str | None
    agenda_item: str | None
    index: int


# --- loading -------------------------------------------------------------------------------


def open_docx(data: bytes, source_name: str) -> Any:
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


def read_paragraphs(document: Any) -> list[Paragraph]:
    names, fallback = _style_names(document)
    return [
        Paragraph(_text(p._p).replace("\xa0", " "), names.get(p._p.style or "", fallback))
        for p in document.paragraphs
    ]


def section(document: Any, heading: str) -> list[Block]:
    """The paragraphs and tables under the first top-level heading starting with
    ``heading`` (case-insensitive), up to the next top-level heading, in document order."""
    names, fallback = _style_names(document)
    blocks: list[Block] = []
    inside = False
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            style = names.get(child.style or "", fallback)
            text = _text(child).replace("\xa0", " ")
            if heading_level(Paragraph(text, style)) == 1:
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


# --- structure -----------------------------------------------------------------------------


def heading_level(paragraph: Paragraph) -> int | None:
    found = _HEADING_STYLE.match(paragraph.style.strip())
    return int(found.group("level")) if found else None


# --- text helpers --------------------------------------------------------------------------


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def key(text: str) -> str:
    return squash(text).casefold().rstrip(".")


def split_outside_brackets(text: str, separators: str = ",;") -> list[str]:
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


def split_parties(source: str) -> list[str]:
    """A report's co-signer list → parties in order. Commas separate; brackets protect
    ("Ad-Hoc chair (Nokia, Samsung)" stays one); text is kept as written."""
    return [p for p in (squash(x) for x in split_outside_brackets(source)) if p]
