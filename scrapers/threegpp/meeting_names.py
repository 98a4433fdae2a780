"""3GPP meeting names: the label people write, the FTP folder, the group code.

People write "RAN1#87", "RAN1#86bis", "RAN1#104-e", "RAN1#104bis-e", "SA2#164";
the FTP tree says TSGR1_87, TSGR1_86b, TSGR1_104-e (older e-meetings TSGR1_100b_e);
calendars say R1-122-bis and 3GPPRAN1#122-bis; file names say
TDoc_List_Meeting_RAN1#87.xlsx or PartList_3GPPRAN1#87_….xlsx. Every spelling
maps to one canonical label: ``<WG>#<number>[bis][-e]``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# group code → the working-group name in labels, and the FTP folder prefix.
GROUPS: dict[str, tuple[str, str]] = {
    "SP": ("SA", "TSGS"),
    "S1": ("SA1", "TSGS1"),
    "S2": ("SA2", "TSGS2"),
    "S3": ("SA3", "TSGS3"),
    "S4": ("SA4", "TSGS4"),
    "S5": ("SA5", "TSGS5"),
    "S6": ("SA6", "TSGS6"),
    "RP": ("RAN", "TSGR"),
    "R1": ("RAN1", "TSGR1"),
    "R2": ("RAN2", "TSGR2"),
    "R3": ("RAN3", "TSGR3"),
    "R4": ("RAN4", "TSGR4"),
    "R5": ("RAN5", "TSGR5"),
    "CP": ("CT", "TSGC"),
    "C1": ("CT1", "TSGC1"),
    "C3": ("CT3", "TSGC3"),
    "C4": ("CT4", "TSGC4"),
    "C6": ("CT6", "TSGC6"),
}
_BY_NAME = {name: code for code, (name, _) in GROUPS.items()}
_BY_FOLDER = {folder: code for code, (_, folder) in GROUPS.items()}

# "RAN1#86bis", "3GPPRAN1#122-bis", "RAN1 #104-e", "SA2#138E", "RAN1#98BIS", "RAN1#96b"
_LABEL = re.compile(
    r"^(?:3GPP)?\s*(?P<wg>SA\d?|RAN\d?|CT\d?)\s*#\s*(?P<num>\d+)\s*"
    r"(?P<bis>-?\s*(?:bis|b))?\s*(?P<e>-?\s*e)?\s*(?P<li>-?\s*LI)?\b",
    re.IGNORECASE,
)
# "TSGR1_86b", "TSGR1_104-e", "TSGR1_100b_e", "TSGR1_100_e", "TSGS2_164_Maastricht"
_FOLDER = re.compile(
    r"^(?P<prefix>TSG[SRC]\d?)_(?P<num>\d+)(?P<bis>b(?:is)?)?(?P<e>[-_]?e)?(?=$|[_\W])",
    re.IGNORECASE,
)
# calendar codes: "R1-122-bis", "R1-104-e", "S2-164", "R1-100b-e"
_CODE = re.compile(
    r"^(?P<code>[SRC][P1-6])-(?P<num>\d+)(?P<bis>-?(?:bis|b))?(?P<e>-e)?$", re.IGNORECASE
)


class MeetingNameError(ValueError):
    pass


def _label(code: str, number: str, bis: bool, electronic: bool, li: bool = False) -> str:
    # SA3's lawful-interception meetings share numbers with the regular SA3 meetings.
    suffix = ("bis" if bis else "") + ("-e" if electronic else "") + ("-LI" if li else "")
    return f"{GROUPS[code][0]}#{int(number)}{suffix}"


def canonical_meeting(text: str) -> str:
    """Any label spelling → ``RAN1#86bis``. Raises MeetingNameError if it is not one."""
    found = _LABEL.match(text.strip())
    if not found or found.group("wg").upper() not in _BY_NAME:
        raise MeetingNameError(f"{text!r} is not a 3GPP meeting label like RAN1#87 or SA2#164")
    code = _BY_NAME[found.group("wg").upper()]
    return _label(
        code,
        found.group("num"),
        bool(found.group("bis")),
        bool(found.group("e")),
        bool(found.group("li")),
    )


def meeting_label(text: str) -> str:
    """Any way people name a 3GPP meeting → its label: ``RAN1#86bis``, ``R1-86-bis`` (the
    calendar's code), ``TSGR1_86b`` (the FTP folder). For what users type (``--meeting``);
    the parsers call the one reader their source's form needs."""
    for reader in (canonical_meeting, meeting_from_code, meeting_from_folder):
        try:
            return reader(text)
        except MeetingNameError:
            continue
    raise MeetingNameError(
        f"{text!r} is not a 3GPP meeting: expected a label (RAN1#87, RAN1#86bis, "
        "RAN1#104-e), a calendar code (R1-87, R1-122-bis) or a folder name (TSGR1_86b)"
    )


def meeting_from_folder(folder: str) -> str:
    """FTP folder (``TSGR1_86b``, ``TSGR1_104-e``, ``TSGR1_100b_e``) → canonical label."""
    found = _FOLDER.match(folder.strip().strip("/\\").rsplit("\\", 1)[-1].rsplit("/", 1)[-1])
    if not found or found.group("prefix").upper() not in _BY_FOLDER:
        raise MeetingNameError(f"{folder!r} is not a 3GPP meeting folder like TSGR1_87")
    code = _BY_FOLDER[found.group("prefix").upper()]
    return _label(code, found.group("num"), bool(found.group("bis")), bool(found.group("e")))


def meeting_from_code(code: str) -> str:
    """Calendar code (``R1-122-bis``, ``R1-104-e``, ``S2-164``) → canonical label."""
    found = _CODE.match(code.strip())
    if not found or found.group("code").upper() not in GROUPS:
        raise MeetingNameError(f"{code!r} is not a 3GPP calendar code like R1-122-bis")
    group = found.group("code").upper()
    return _label(group, found.group("num"), bool(found.group("bis")), bool(found.group("e")))


def group_code(meeting: str) -> str:
    """``RAN1#87`` → ``R1``."""
    return _BY_NAME[canonical_meeting(meeting).split("#", 1)[0]]


def folder_for_meeting(meeting: str) -> str:
    """``RAN1#86bis`` → ``TSGR1_86b``; e-meetings ``TSGR1_104-e`` (``TSGR1_100_e`` before #101).

    A best guess for meetings known only by label; a calendar's own folder link wins.
    """
    label = canonical_meeting(meeting)
    name, rest = label.split("#", 1)
    number = re.match(r"\d+", rest)
    assert number is not None  # canonical labels always carry a number
    folder = f"{GROUPS[_BY_NAME[name]][1]}_{number.group()}"
    if "bis" in rest:
        folder += "b"
    if rest.endswith("-e"):
        # RAN1's first e-meetings (#100-e, #100bis-e) used "_e"; later ones "-e".
        old_style = name == "RAN1" and int(number.group()) <= 100
        folder += "_e" if old_style else "-e"
    return folder


def meeting_from_filename(name: str) -> str | None:
    """The meeting an official file name names, or None.

    ``TDoc_List_Meeting_RAN1#87.xlsx``, ``TDoc_List_Meeting_RAN1%2387.xlsx``,
    ``PartList_3GPPRAN1#87_Reno.xlsx``, ``TDoc_List_TSGR1_86b.xlsx``,
    ``Final_Report_RAN1-86b.docx``, ``TdocsByAgenda_SA2-164_2024-08-19.htm``,
    ``3gppran1_84BIS_signed.xls``.
    """
    stem = unquote(name).rsplit("/", 1)[-1]
    label = re.search(r"(?:3GPP)?(?:SA|RAN|CT)\d?\s*#\s*\d+[^_.\s]*", stem, re.IGNORECASE)
    if label:
        try:
            return canonical_meeting(label.group())
        except MeetingNameError:
            pass
    folder = re.search(r"TSG[SRC]\d?_\d+[^.\s]*", stem, re.IGNORECASE)
    if folder:
        try:
            return meeting_from_folder(folder.group())
        except MeetingNameError:
            pass
    # the oldest sign-in sheets: "3gppRAN1_84_signed.xls", "3gppran1_84BIS_signed.xls"
    underscored = re.search(r"3GPP(SA|RAN|CT)(\d?)_(\d+)(bis)?(?=_|\.)", stem, re.IGNORECASE)
    if underscored:
        wg, digit, number, bis = underscored.groups()
        try:
            return canonical_meeting(f"{wg}{digit}#{number}{bis or ''}")
        except MeetingNameError:
            pass
    dashed = re.search(r"(SA|RAN|CT)(\d?)-(\d+)(bis|b)?(-?e)?(?=$|[_.\s])", stem, re.IGNORECASE)
    if dashed:
        wg, digit, number, bis, electronic = dashed.groups()
        try:
            return canonical_meeting(f"{wg}{digit}#{number}{bis or ''}{'-e' if electronic else ''}")
        except MeetingNameError:
            return None
    return None
