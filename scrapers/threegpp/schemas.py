"""Declared frame schemas shared by the 3GPP parsers, so every format lands in one shape."""

from __future__ import annotations

import polars as pl

from scrapers.shares import SHARE_DTYPE

# One row per TDoc, from a TDoc list (xlsx) or a TdocsByAgenda page (html). Columns a
# format does not carry are null. Text is kept as written; dates are UTC-naive datetimes.
TDOC_SCHEMA = pl.Schema(
    {
        "meeting": pl.String(),  # canonical label, RAN1#87
        "tdoc": pl.String(),  # R1-1613211
        "title": pl.String(),
        "source": pl.String(),  # raw Source field: "Huawei, HiSilicon"
        "contact": pl.String(),
        "contact_id": pl.String(),  # the uploader's portal id
        "type": pl.String(),  # discussion, CR, LS in, WF, pCR…
        "purpose": pl.String(),  # the 'For' column: Decision, Discussion, Approval…
        "abstract": pl.String(),
        "secretary_remarks": pl.String(),
        "agenda_item": pl.String(),  # 7.1.5.1
        "agenda_item_description": pl.String(),
        "status": pl.String(),  # official vocabulary: agreed, approved, noted, revised, withdrawn…
        "reservation_date": pl.Datetime("us"),
        "uploaded": pl.Datetime("us"),
        "is_revision_of": pl.String(),
        "revised_to": pl.String(),
        "release": pl.String(),
        "spec": pl.String(),
        "version": pl.String(),
        "related_wis": pl.String(),
        "cr": pl.String(),
        "cr_revision": pl.String(),
        "cr_category": pl.String(),
        "tsg_cr_pack": pl.String(),
        "reply_to": pl.String(),
        "to": pl.String(),
        "cc": pl.String(),
        "original_ls": pl.String(),
        "reply_in": pl.String(),
        "uicc": pl.String(),  # the five columns lists carry from RAN1#107bis-e on
        "me": pl.String(),
        "ran": pl.String(),
        "cn": pl.String(),
        "clauses_affected": pl.String(),
    }
)

# One row per party named in a TDoc's Source (or a report's co-signer list), in order.
COSIGNER_SCHEMA = pl.Schema(
    {
        "meeting": pl.String(),
        "tdoc": pl.String(),
        "position": pl.Int32(),  # 1-based order in the Source field
        "party": pl.String(),  # "NTT DOCOMO, INC.", "Ericsson", "RAN WG2"
        "role": pl.String(),  # moderator, rapporteur, feature lead… or null
        "kind": pl.String(),  # company | working_group | other
        "weight": SHARE_DTYPE,  # 1 / number of parties of the TDoc, exact (fractional credit)
    }
)
