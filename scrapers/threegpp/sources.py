"""Split a TDoc's Source field into the parties that sign it.

The Source field is free text typed by the uploader. Across the 59 RAN1 lists
(#84 → #122-bis, 122,257 TDocs, 4,644 distinct Source strings) it is a comma list of
parties, with these variations, all handled here:

Separators
  ``,`` (almost always); ``;`` (3 strings, e.g. "Qualcomm Incorporated; Samsung");
  a line break (8 strings, pasted lists); ``/`` between names ("Huawei/HiSilicon",
  "EBU/BBC/IRT", "Moderator (Nokia/Nokia Shanghai Bell)"), except in "A/S" and in IEEE
  body names ("IEEE 802 LAN/MAN SC"); `` and `` before the last name of a list
  ("…, Qualcomm and Samsung", "IITH and WiSig"), except inside an institution's name,
  recognised by an "of"/"for" before the "and" ("Beijing University of Posts and
  Telecommunications", "5G Alliance for Connected Industries and Automation").
  Square brackets mark tentative co-signers ("Moderator (Huawei), [Samsung, CATT]") and
  are dropped, keeping the names.

Commas inside names
  A comma followed by a legal ending belongs to the name: "NTT DOCOMO, INC." (3,113
  rows), "InterDigital, Inc.", "Sierra Wireless, S.A.", "New H3C Technologies Co., Ltd.",
  "Samsung Electronics Co., Ltd", "Rakuten Mobile, Inc". Commas inside parentheses never
  split the outer list.

Role wrappers (frequency in rows, all spellings seen)
  ``Moderator (X)`` 11,172 — also "Moderators (A, B)", "Moderator(X)", "Moderater",
  "Moderaror", "Moderrator", "Moderator - (X)" (en dash), "Source: Moderator (X)";
  ``Ad-Hoc Chair (X)`` 1,100 — "Ad-hoc chair", "Ad Hoc Chair", "Adhoc Chair",
  "Ad-hoc chairs (A, B)", "Ad-Hoc (X)"; ``Rapporteur (X)`` 212 and ``WI rapporteur (X)``
  122 — "Rapporteurs (A, B)", "Rapporteur(X)"; ``Session Chairman (X)`` 12 — "Session
  Chairmen", "UMTS Session Chairpersons (A, B)", "UMTS Session Chairman's Notes (X)";
  ``Editor (X)``; ``RAN4 Chair (X)``. The role may also follow the name: "Samsung
  (Moderator)", "Qualcomm (Rapporteurs)", "vivo (WI rapporteur)", "Huawei (TR editor)",
  "Ericsson (RAN1 FL)". "FL summary (X)" and "Feature lead (X)" are handled the same way.
  A group with its chair: "RAN1 Chair" (206 rows), "RAN1 chairman", "IEEE 802.11 Working
  Group Chair" → the group, role "chair". A bare role ("Chairman", "Chair") is kept as a
  party of kind "other" with that role. "RAN1 (NTT DOCOMO, AT&T)" and a bare
  parenthesised list "(AT&T, NTT DOCOMO, INC.)" are a group followed by its co-signers.

Roles returned: moderator, ad-hoc chair, rapporteur, session chair, editor, feature lead,
summary, chair, vice chair, convenor, secretary. "WI"/"TR" qualifiers are folded into
the plain role, as are the group names in "RAN1 FL" / "RAN4 Chair".

Kinds
  ``working_group``: a standards body or one of its groups, as liaison sources: 3GPP
  TSGs/WGs ("RAN2", "SA2", "RAN WG2", "CT WG1", "TSG RAN", "3GPP TSG RAN WG4", "SA3-LI"),
  the secretariat ("ETSI", "ETSI MCC", "MCC"), ETSI TCs/ISGs, ITU-R/ITU-T groups,
  IEEE committees, and anything named "… WG"/"Working Group"/"Working Party"/
  "Study Group"/"Technical Committee". ``other``: what names no organisation (a bare
  role, an ellipsis, "and all", "RAN1 community", "All of us in RAN1"). ``company``:
  every other name — firms, universities, institutes, industry fora; telling them apart
  is the organisation resolver's job, not the splitter's.

No token is ever dropped: what cannot be classified is kept with kind "other".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from scrapers.shares import SHARE_DTYPE, equal_shares
from scrapers.threegpp.schemas import COSIGNER_SCHEMA

COMPANY = "company"
WORKING_GROUP = "working_group"
OTHER = "other"


@dataclass(frozen=True)
class SourceParty:
    name: str  # the party as written, unwrapped: "NTT DOCOMO, INC.", "Ericsson", "RAN WG2"
    role: str | None  # "moderator", "rapporteur", "feature lead", "summary"… or None
    kind: str  # "company" | "working_group" | "other"


# A comma-separated piece that is only a legal ending belongs to the name before it.
_LEGAL_ENDING = re.compile(
    r"(?:inc|incorporated|ltd|limited|llc|l\.l\.c|co|corp|corporation|company|gmbh|plc|"
    r"ag|ab|oy|oyj|asa|a/s|pte|pvt|pty|jsc|sprl|"
    # Dotted only: undotted "SA", "NV", "LP" are also group and company acronyms.
    r"s\.a|s\.a\.s|s\.l|s\.p\.a|s\.r\.l|s\.a\.r\.l|b\.v|n\.v|k\.k|l\.p|e\.v)\.?"
    r"(?:\s*,?\s*(?:ltd|limited|inc)\.?)?",
    re.IGNORECASE,
)

# 3GPP groups as people write them: RAN1, RAN WG2, TSG RAN, 3GPP TSG RAN WG4, SA3-LI, GERAN.
_3GPP_GROUP = (
    r"(?:3GPP\s*)?(?:TSG\s*)?(?:RAN|SA|CT|GERAN)(?:\s*WG\s*\d|\s*\d)?(?:\s*-\s*LI)?"
    r"|(?:3GPP\s*)?TSG\s*(?:RAN|SA|CT|GERAN)(?:\s*WG\s*\d)?"
)
# Group codes as in TDoc numbers and calendars: R1, S2, C1, RP, SP, CP.
_3GPP_GROUP_RE = re.compile(rf"^(?:{_3GPP_GROUP}|[RSC][1-6]|RP|SP|CP)$", re.IGNORECASE)
_BODY_RE = re.compile(
    r"^(?:ETSI\b|MCC\b|ITU(?:-[RT])?\b|IEEE\b)"
    r"|\b(?:WG\s*\d*|Working\s+Group|Working\s+Party|Study\s+Group|Technical\s+Committee)\b"
    r"|TSG\b",
    re.IGNORECASE,
)

# The role part of a wrapper, optionally qualified by a group or WI/TR: "RAN1 FL",
# "RAN4 Chair", "WI rapporteur", "UMTS Session Chairman's Notes", "Source: Moderator".
_ROLE_RE = re.compile(
    rf"^(?:source\s*:\s*)?(?:(?:{_3GPP_GROUP})\s+)?(?:UMTS\s+)?(?:(?:WI|TR)\s+)?"
    r"(?P<word>moder\w*|ad[\s-]?hoc(?:\s+chair\w*)?|rapporteur\w*|session\s+chair\w*|"
    r"editor\w*|fl|feature[\s-]+lead\w*|summary|vice[\s-]?chair\w*|chair\w*|convenor\w*|"
    r"secretar\w*)"
    "(?:\\s+summary|\\s*['\u2019]s\\s+notes)?[\\s\\-\u2013:]*$",
    re.IGNORECASE,
)
# "RAN1 Chair", "ETSI TC ITS Chair", "IEEE 802.11 Working Group Chair"
_GROUP_CHAIR_RE = re.compile(
    r"^(?P<body>.+?)\s+(?P<role>(?:vice[\s-]?)?chair(?:man|men|person|persons|s)?)$",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(
    r"^(?:and\s+)?(?:all|others?|et\s+al\.?|etc\.?)$|^(?:and|&)$|\bcommunity\b|^all\s+of\s+us\b",
    re.IGNORECASE,
)
# Abbreviations whose final dot is part of the name ("Inc.", "Co.", "Pvt."); any other
# trailing dot is a typing slip ("CAICT.", "Guangdong OPPO Mobile Telecom.").
_KEEP_DOT_RE = re.compile(
    r"(?:\b(?:inc|co|corp|ltd|pvt|pte|pty|univ|elec|techn?|intl?|dept|assoc|mfg|"
    r"comm|sci|labs?|st|jr|sr)|\b\w\.\w|\b\w)\.$",
    re.IGNORECASE,
)
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def _role_of(text: str) -> str | None:
    """Canonical role for a wrapper's role text, or None if the text is not a role."""
    found = _ROLE_RE.match(text.strip())
    if not found:
        return None
    word = found.group("word").lower()
    if word.startswith("moder"):
        return "moderator"
    if word.startswith("ad"):
        return "ad-hoc chair"
    if word.startswith("rapporteur"):
        return "rapporteur"
    if word.startswith("session"):
        return "session chair"
    if word.startswith("editor"):
        return "editor"
    if word == "fl" or word.startswith("feature"):
        return "feature lead"
    if word == "summary":
        return "summary"
    if word.startswith("vice"):
        return "vice chair"
    if word.startswith("chair"):
        return "chair"
    if word.startswith("convenor"):
        return "convenor"
    return "secretary"


def clean_name(text: str) -> str:
    """Trim a party name: spaces collapsed, stray brackets/quotes and slip dots removed."""
    name = " ".join(text.replace("\u00a0", " ").split())
    previous = None
    while name != previous:
        previous = name
        name = name.strip(" ,;/[]" + _QUOTES).lstrip(")").rstrip("(")
        pairs = _paren_pairs(name)
        if name.startswith("(") and 0 not in pairs:
            name = name[1:]
        if name.endswith(")") and len(name) - 1 not in pairs.values():
            name = name[:-1]
        if name.endswith(".") and not _KEEP_DOT_RE.search(name):
            name = name[:-1]
        name = re.sub(r"^and\s+(?=\S)", "", name, flags=re.IGNORECASE)
    return name


def _paren_pairs(text: str) -> dict[int, int]:
    """Matched parentheses, '(' position → ')' position; stray ones are left out."""
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for index, char in enumerate(text):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            pairs[opened.pop()] = index
    return pairs


def _split_top_level(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` outside (matched) parentheses."""
    closed = _paren_pairs(text)  # a stray '(' must not hide the separators after it
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "(" and index in closed:
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char in separators and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _glue_legal_endings(pieces: list[str]) -> list[str]:
    """Re-attach ", Inc." / ", Ltd" / ", S.A." pieces to the name they end."""
    glued: list[str] = []
    for piece in pieces:
        stripped = piece.strip(" []")
        if glued and glued[-1].strip() and _LEGAL_ENDING.fullmatch(stripped):
            glued[-1] = f"{glued[-1].rstrip()}, {stripped}"
        else:
            glued.append(piece)
    return glued


def _list_items(text: str) -> list[str]:
    """A comma/semicolon/line list → its items, legal endings kept with their names."""
    flat = text.replace("\r", "\n").replace("[", " ").replace("]", " ")
    items: list[str] = []
    # Legal endings follow a comma only, so they are glued within ';'/line-separated parts.
    for part in _split_top_level(flat, ";\n"):
        items.extend(_glue_legal_endings(_split_top_level(part, ",")))
    return [item for item in items if clean_name(item)]


def _split_joined(name: str) -> list[str]:
    """Names joined by '/' or a final ' and ' → separate names (outside parentheses)."""
    if re.match(r"IEEE\b", name, re.IGNORECASE):
        parts = [name]
    else:
        protected = re.sub(r"\bA/S\b", "A\x00S", name)
        parts = [p.replace("\x00", "/") for p in _split_top_level(protected, "/")]
    names: list[str] = []
    for part in parts:
        pairs = _paren_pairs(part)
        cuts = [
            found.span()
            for found in re.finditer(r"\s+and\s+", part)
            if not any(o < found.start() < c for o, c in pairs.items())
        ]
        bounds = [0, *(edge for span in cuts for edge in span), len(part)]
        chunks = [part[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
        if len(chunks) > 1 and not re.search(r"\b(?:of|for)\b", chunks[0], re.IGNORECASE):
            names.extend(chunks)
        else:
            names.append(part)
    return [clean for clean in (clean_name(n) for n in names) if clean]


def classify(name: str) -> str:
    """company | working_group | other, for a clean party name."""
    if not re.search(r"\w", name) or _FILLER_RE.search(name) or _role_of(name):
        return OTHER
    if _3GPP_GROUP_RE.match(name) or _BODY_RE.search(name):
        return WORKING_GROUP
    return COMPANY


def _party(name: str, role: str | None) -> SourceParty:
    return SourceParty(name=name, role=role, kind=classify(name))


def _parenthesised(item: str) -> tuple[str, str, str] | None:
    """(head, inner, tail) around the first top-level parenthesis, or None."""
    start = item.find("(")
    if start < 0:
        return None
    depth = 0
    for index in range(start, len(item)):
        if item[index] == "(":
            depth += 1
        elif item[index] == ")":
            depth -= 1
            if depth == 0:
                return item[:start], item[start + 1 : index], item[index + 1 :]
    return item[:start], item[start + 1 :], ""  # unclosed: "EUWENA (European Users…"


def _split_item(item: str) -> list[SourceParty]:
    """One list item → its parties: joined names split, then each unwrapped."""
    text = clean_name(item)
    if not text:
        return []
    return [party for name in _split_joined(text) for party in _unwrap_name(name)]


def _unwrap_name(name: str) -> list[SourceParty]:
    """One name → its parties, unwrapping role and group wrappers."""
    parts = _parenthesised(name)
    if parts is not None and not parts[2].strip():
        head, inner, _ = parts
        head_role = _role_of(head) if head.strip() else None
        if head_role is not None:
            # "Moderator (Ericsson)", "Rapporteur (MediaTek, CATT)"
            return [SourceParty(p.name, head_role, p.kind) for p in _split_list(inner)]
        inner_role = _role_of(inner)
        if inner_role is not None and head.strip():
            # "Samsung (Moderator)", "Ericsson (RAN1 FL)"
            return [_party(clean_name(head), inner_role)]
        if not head.strip() or _3GPP_GROUP_RE.match(head.strip()):
            # "RAN1 (NTT DOCOMO, AT&T)", "(AT&T, NTT DOCOMO, INC.)"
            leading = [_party(clean_name(head), None)] if head.strip() else []
            return leading + _split_list(inner)
    if parts is None:
        chair = _GROUP_CHAIR_RE.match(name)
        if chair and classify(clean_name(chair.group("body"))) == WORKING_GROUP:
            # "RAN1 Chair" → the group, role chair
            return [_party(clean_name(chair.group("body")), _role_of(chair.group("role")))]
        role = _role_of(name)
        if role is not None:
            return [SourceParty(name, role, OTHER)]  # "Chairman" alone: no party to unwrap
    return [_party(name, None)]


@lru_cache(maxsize=65536)
def _split_item_cached(item: str) -> tuple[SourceParty, ...]:
    # The same few hundred items ("Huawei", "Moderator (Ericsson)") recur across
    # thousands of Source strings.
    return tuple(_split_item(item))


def _split_list(text: str) -> list[SourceParty]:
    parties: list[SourceParty] = []
    for item in _list_items(text):
        # An item that yields no name ("/", "and (") is still kept, as written.
        found = _split_item_cached(item) or (SourceParty(" ".join(item.split()), None, OTHER),)
        parties.extend(found)
    return parties


def split_source(text: str | None) -> list[SourceParty]:
    """A Source field → its parties in order; [] for an empty field. Never drops a token."""
    if text is None or not text.strip():
        return []
    parties = _split_list(text)
    if not parties and re.search(r"\w", text):
        # Only separators and brackets around a word ("and (/"): keep it rather than lose it.
        return [SourceParty(" ".join(text.split()), None, OTHER)]
    return parties


@lru_cache(maxsize=65536)
def _split_source_cached(text: str) -> tuple[SourceParty, ...]:
    # Meetings repeat each other's Source strings: the 59 RAN1 lists hold 12,891 distinct
    # strings a file but 4,642 across all of them.
    return tuple(split_source(text))


def cosigner_frame(tdocs: pl.DataFrame) -> pl.DataFrame:
    """TDocs (meeting, tdoc, source) → COSIGNER_SCHEMA, one row per party per TDoc.

    Each distinct Source string is split once: a meeting repeats a few hundred of them
    across thousands of TDocs, and meetings repeat each other's. Weight is 1/parties so a
    TDoc's credit sums to one.
    """
    distinct = tdocs.get_column("source").drop_nulls().unique().to_list()
    rows: dict[str, list[object]] = {
        "source": [],
        "position": [],
        "party": [],
        "role": [],
        "kind": [],
        "weight": [],
    }
    for source in distinct:
        parties = _split_source_cached(source)
        shares = equal_shares(len(parties)) if parties else []
        for position, (party, share) in enumerate(zip(parties, shares, strict=True), start=1):
            rows["source"].append(source)
            rows["position"].append(position)
            rows["party"].append(party.name)
            rows["role"].append(party.role)
            rows["kind"].append(party.kind)
            rows["weight"].append(share)
    lookup = pl.DataFrame(
        rows,
        schema={
            "source": pl.String,
            "position": pl.Int32,
            "party": pl.String,
            "role": pl.String,
            "kind": pl.String,
            "weight": SHARE_DTYPE,
        },
    )
    joined = tdocs.select("meeting", "tdoc", "source").join(
        lookup, on="source", how="inner", maintain_order="left_right"
    )
    return joined.select(list(COSIGNER_SCHEMA.names())).cast(COSIGNER_SCHEMA)


__all__ = [
    "COMPANY",
    "OTHER",
    "WORKING_GROUP",
    "SourceParty",
    "classify",
    "clean_name",
    "cosigner_frame",
    "split_source",
]
