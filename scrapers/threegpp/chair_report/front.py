"""The front matter of a chair's report: the ``Title:`` line and the venue under it, the
meeting the report covers (from the caller, the file name and the title), and the sentence
stating the number of delegates.

May import: the package's paragraphs model and scrapers.threegpp.meeting_names. Never
warehouse or flows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scrapers.threegpp.chair_report.paragraphs import (
    FRONT_MATTER,
    ChairReportError,
    Paragraph,
    squash,
)
from scrapers.threegpp.meeting_names import (
    MeetingNameError,
    canonical_meeting,
    meeting_from_filename,
)

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


def read_title(paragraphs: Sequence[Paragraph]) -> tuple[str | None, str | None]:
    front = paragraphs[:FRONT_MATTER]
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
            return squash(found.group("title")), venue
    return None, None


def resolve_meeting(meeting: str | None, source_name: str, title: str) -> str:
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


def read_delegates(paragraphs: Sequence[Paragraph]) -> tuple[int | None, str | None]:
    for paragraph in paragraphs[:FRONT_MATTER]:
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", paragraph.text.strip()):
            found = _DELEGATES.search(sentence)
            if found:
                count = found.group("count").replace(",", "")
                return (int(count) if count.isdigit() else None), sentence.strip()
    return None, None
