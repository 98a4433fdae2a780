"""Chairs in a chair's report: the presiding chair and vice-chairs named in the front
matter ("X (RAN1 Vice-Chairman, Nokia)"), and the ad-hoc and session chairs named as the
source of their notes ("Ad-Hoc chair (Nokia, Samsung)"). Only organisations are kept,
never the chairs' names.

May import: the package's paragraphs model. Never warehouse or flows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from scrapers.threegpp.chair_report.paragraphs import (
    CHAIR_SOURCE,
    FRONT_MATTER,
    Listing,
    Paragraph,
    key,
    split_parties,
    squash,
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

# The presiding chair or a vice-chair named in prose: "Mr X (RAN1 Chairman)",
# "X (RAN1 Vice-Chairman, Nokia)". Only the organisation after a comma is kept.
_OFFICE_IN_PROSE = re.compile(
    r"\((?:(?:TSG\s*)?(?:RAN|SA|CT)\s*(?:WG\s*)?\d?\s+)?"
    r"(?P<office>vice[- ]?chair(?:man|person)?|chair(?:man|person)?)"
    r"(?:\s*,\s*(?P<org>[^()]+))?\)",
    re.IGNORECASE,
)


def chairs(
    meeting: str, paragraphs: Sequence[Paragraph], listings: Sequence[Listing]
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    seen: set[tuple[object, ...]] = set()

    def add(role: str, organization: str | None, item: str | None, tdoc: str | None) -> None:
        entry = (role, organization, item)
        if entry not in seen:
            seen.add(entry)
            rows.append(
                {
                    "meeting": meeting,
                    "role": role,
                    "organization": organization,
                    "agenda_item": item,
                    "tdoc": tdoc,
                }
            )

    for paragraph in paragraphs[:FRONT_MATTER]:
        for found in _OFFICE_IN_PROSE.finditer(paragraph.text):
            office = found.group("office").lower()
            role = "vice-chair" if office.startswith("vice") else "chair"
            org = squash(found.group("org")) if found.group("org") else None
            add(role, org, None, None)
    # The brackets may also hold the chair's name ("Carmela Cozzo, Huawei"); only names that
    # co-sign documents elsewhere in the report are taken as organisations.
    organizations = {
        key(party) for listing in listings for party in split_parties(listing.source or "")
    }
    roles = {"adhoc": "ad-hoc chair", "ad-hoc": "ad-hoc chair", "session": "session chair"}
    for listing in listings:
        named = CHAIR_SOURCE.search(listing.source or "")
        if not named:
            continue
        kind = (named.group("kind") or "").lower().replace(" ", "")
        for org in split_parties(named.group("orgs")):
            if key(org) in organizations:
                add(roles.get(kind, "chair"), org, listing.agenda_item, listing.tdoc)
    return pl.DataFrame(rows, schema=CHAIR_SCHEMA)
