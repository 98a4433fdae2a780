"""Datatracker-format pages built from records: for the bundled sample, tests and benchmarks.

The same envelope and ``next`` links the datatracker's Tastypie API serves, so
replaying or serving these pages drives the real scrapers unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from scrapers.archive import canonical_url
from scrapers.ietf.datatracker import PAGE_LIMIT, collection_url


def tastypie_page(
    resource: str,
    filters: dict[str, str],
    objects: list[dict[str, Any]],
    offset: int,
    total: int,
    limit: int = PAGE_LIMIT,
) -> dict[str, Any]:
    query = {**filters, "format": "json", "limit": str(limit)}

    def link(at: int) -> str:
        return f"/api/v1/{resource}/?" + urlencode({**query, "offset": str(at)})

    return {
        "meta": {
            "limit": limit,
            "next": link(offset + limit) if offset + limit < total else None,
            "offset": offset,
            "previous": link(max(0, offset - limit)) if offset > 0 else None,
            "total_count": total,
        },
        "objects": objects,
    }


def collection_pages(
    base_url: str,
    resource: str,
    filters: dict[str, str],
    objects: list[dict[str, Any]],
    limit: int = PAGE_LIMIT,
) -> Iterator[tuple[str, bytes]]:
    """(canonical URL, JSON body) for each page a client following ``next`` will request."""
    total = len(objects)
    for offset in range(0, max(total, 1), limit):
        params: dict[str, str | int] = {**filters, "format": "json", "limit": limit}
        if offset:
            params["offset"] = offset
        url = canonical_url(collection_url(base_url, resource), params)
        page = tastypie_page(
            resource, filters, objects[offset : offset + limit], offset, total, limit
        )
        yield url, json.dumps(page, ensure_ascii=False).encode()
