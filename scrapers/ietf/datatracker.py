"""Reading a Tastypie collection from the IETF datatracker API, every row or an error.

The API pages with ``limit``/``offset`` (the server caps ``limit`` at 1000) and
wraps rows as ``{"meta": {limit, next, offset, previous, total_count},
"objects": [...]}`` with ``next`` a relative path or null. A short read is an
error, never silent loss: the rows gathered must match ``total_count``, and a
``total_count`` that changes while we page means the collection moved under us.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from scrapers.http import Fetcher, FetchError, parse_json

PAGE_LIMIT = 1000  # the datatracker's own cap; asking for more silently yields 1000


class IncompleteCollection(FetchError):
    """The pages did not add up to the collection's declared total_count."""


@dataclass
class Collection:
    """Every object of a collection, and for each the sha256 of the page it came on."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.objects)


def collection_url(base_url: str, resource: str) -> str:
    """``resource`` like ``meeting/meeting`` → absolute API URL with a trailing slash."""
    return f"{base_url.rstrip('/')}/api/v1/{resource.strip('/')}/"


def fetch_collection(
    fetcher: Fetcher,
    base_url: str,
    resource: str,
    filters: Mapping[str, str | int] | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Collection:
    """Every object of a filtered collection, following ``meta.next`` to the end.

    ``on_page(rows_so_far, total_count)`` is called after each page (progress).
    """
    url: str | None = collection_url(base_url, resource)
    params: dict[str, str | int] | None = {
        **(filters or {}),
        "format": "json",
        "limit": PAGE_LIMIT,
    }
    collection = Collection()
    objects = collection.objects
    total: int | None = None
    first_url = ""
    while url is not None:
        fetched = fetcher.get(url, params)
        first_url = first_url or fetched.url
        page = parse_json(fetched)
        if not isinstance(page, dict) or not isinstance(page.get("objects"), list):
            raise FetchError(
                fetched.url, "expected a Tastypie page with 'meta' and 'objects'; got another shape"
            )
        meta = page.get("meta") or {}
        page_total = meta.get("total_count")
        if not isinstance(page_total, int):
            raise FetchError(fetched.url, "page has no integer meta.total_count")
        if total is None:
            total = page_total
        elif page_total != total:
            raise IncompleteCollection(
                fetched.url,
                f"total_count changed from {total} to {page_total} while paging; "
                "the collection changed under us, refresh again",
            )
        objects.extend(page["objects"])
        collection.pages.extend([fetched.entry.sha256] * len(page["objects"]))
        if on_page:
            on_page(len(objects), total)
        next_path = meta.get("next")
        # ``next`` is relative and already carries every filter and the offset.
        url = urljoin(fetched.url, next_path) if next_path else None
        params = None
        if url is not None and not page["objects"]:
            raise FetchError(fetched.url, "empty page that still points to a next page")
    ids = {obj.get("id", obj.get("resource_uri")) for obj in objects}
    if len(objects) != total or len(ids) != len(objects):
        raise IncompleteCollection(
            first_url,
            f"read {len(objects)} rows ({len(ids)} distinct) but the server declared "
            f"total_count {total}; refusing a partial load",
        )
    return collection
