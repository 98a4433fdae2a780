"""Drafts and RFCs, their authors, publication and approval events, and draft → RFC links.

Resources (datatracker ietf/doc/resources.py):
- ``doc/document``: keyed by name (``/api/v1/doc/document/rfc9000/``); since datatracker
  12.0 (December 2023) an RFC is its own document of type ``rfc`` with ``rfc_number``.
- ``doc/documentauthor``: ``document``, ``person``, ``affiliation`` and ``country`` as the
  author typed them, ``order``. Since 12.0 an RFC carries its own author rows.
- ``doc/docevent``: ``published_rfc`` events (on the ``rfc`` document) and ``iesg_approved``.
- ``doc/relateddocument`` with ``relationship=became_rfc``: ``source`` draft → ``target`` RFC.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from scrapers.ietf.registrations import person_key
from scrapers.ietf.uris import uri_id, uri_slug
from scrapers.ietf.values import api_time, object_id, required_slug, text

DOCUMENT_TYPES = ("draft", "rfc")
DOCUMENT_EVENT_TYPES = ("published_rfc", "iesg_approved")

DOCUMENT_SCHEMA = pl.Schema(
    {
        "name": pl.String(),
        "doc_type": pl.String(),
        "rfc_number": pl.Int32(),
        "group_id": pl.Int64(),
        "stream": pl.String(),
        "std_level": pl.String(),
        "time": pl.Datetime("us", "UTC"),
        "raw_sha256": pl.String(),
    }
)
AUTHOR_SCHEMA = pl.Schema(
    {
        "author_id": pl.Int64(),
        "document": pl.String(),
        "person_key": pl.String(),
        "affiliation": pl.String(),
        "country_raw": pl.String(),
        "author_order": pl.Int32(),
        "raw_sha256": pl.String(),
    }
)
DOCUMENT_EVENT_SCHEMA = pl.Schema(
    {
        "event_id": pl.Int64(),
        "document": pl.String(),
        "event_type": pl.String(),
        "time": pl.Datetime("us", "UTC"),
        "raw_sha256": pl.String(),
    }
)
RFC_ORIGIN_SCHEMA = pl.Schema(
    {"relation_id": pl.Int64(), "draft": pl.String(), "rfc": pl.String(), "raw_sha256": pl.String()}
)


def _sha(pages: list[str] | None, i: int) -> str | None:
    return pages[i] if pages else None


def parse_documents(
    objects: list[dict[str, Any]], where: str = "doc/document", pages: list[str] | None = None
) -> pl.DataFrame:
    """Drafts and RFCs; other document types (slides, charters, minutes…) are skipped."""
    rows = []
    for i, obj in enumerate(objects):
        name = text(obj, "name")
        at = f"{where} {name or '?'}"
        doc_type = required_slug(obj, "type", at)
        if doc_type not in DOCUMENT_TYPES:
            continue
        if not name:
            raise ValueError(f"{where}: a {doc_type} without a name: {obj!r:.200}")
        number = obj.get("rfc_number", obj.get("rfc"))
        rows.append(
            {
                "name": name,
                "doc_type": doc_type,
                "rfc_number": int(str(number)) if str(number or "").isdigit() else None,
                "group_id": uri_id(obj.get("group")),
                "stream": uri_slug(obj.get("stream")),
                "std_level": uri_slug(obj.get("std_level")),
                "time": api_time(obj.get("time"), at, "time"),
                "raw_sha256": _sha(pages, i),
            }
        )
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


def parse_document_authors(
    objects: list[dict[str, Any]],
    where: str = "doc/documentauthor",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        author_id = object_id(obj, where)
        at = f"{where} {author_id}"
        order = obj.get("order")
        rows.append(
            {
                "author_id": author_id,
                "document": required_slug(obj, "document", at),
                "person_key": person_key(obj),
                "affiliation": text(obj, "affiliation"),
                "country_raw": text(obj, "country"),
                "author_order": order if isinstance(order, int) else None,
                "raw_sha256": _sha(pages, i),
            }
        )
    return pl.DataFrame(rows, schema=AUTHOR_SCHEMA)


def parse_document_events(
    objects: list[dict[str, Any]], where: str = "doc/docevent", pages: list[str] | None = None
) -> pl.DataFrame:
    """Publication and approval events; any other event type on the page is skipped."""
    rows = []
    for i, obj in enumerate(objects):
        event_id = object_id(obj, where)
        at = f"{where} {event_id}"
        event_type = text(obj, "type")
        if event_type not in DOCUMENT_EVENT_TYPES:
            continue
        rows.append(
            {
                "event_id": event_id,
                "document": required_slug(obj, "doc", at),
                "event_type": event_type,
                "time": api_time(obj.get("time"), at, "time"),
                "raw_sha256": _sha(pages, i),
            }
        )
    return pl.DataFrame(rows, schema=DOCUMENT_EVENT_SCHEMA)


def parse_rfc_origins(
    objects: list[dict[str, Any]],
    where: str = "doc/relateddocument",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    """``became_rfc`` relations; other relationships on the page are skipped."""
    rows = []
    for i, obj in enumerate(objects):
        relation_id = object_id(obj, where)
        at = f"{where} {relation_id}"
        if uri_slug(obj.get("relationship")) != "became_rfc":
            continue
        rows.append(
            {
                "relation_id": relation_id,
                "draft": required_slug(obj, "source", at),
                "rfc": required_slug(obj, "target", at),
                "raw_sha256": _sha(pages, i),
            }
        )
    return pl.DataFrame(rows, schema=RFC_ORIGIN_SCHEMA)
