"""Reading a Tastypie collection from the IETF datatracker API, every row or an error.

The API pages with ``limit``/``offset`` (the server caps ``limit`` at 1000) and
wraps rows as ``{"meta": {limit, next, offset, previous, total_count},
"objects": [...]}`` with ``next`` a relative path or null. A short read is an
error, never silent loss: the rows gathered must match ``total_count``, and a
``total_count`` that changes while we page means the collection moved under us.

The datatracker sometimes fails a whole page (404) because one row on it cannot be
serialised. Such a page is read again row by row (``limit=1``); a row that still fails is
skipped, named in ``Collection.skipped``, and counted against ``total_count``, so the
rest of the collection is not lost for one corrupt row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import polars as pl

from scrapers.http import Fetcher, FetchError, parse_json
from scrapers.staging import Frame, Stage

log = logging.getLogger(__name__)

PAGE_LIMIT = 1000  # the datatracker's own cap; asking for more silently yields 1000


class IncompleteCollection(FetchError):
    """The pages did not add up to the collection's declared total_count: the collection
    changed while it was read, so reading it again later can succeed."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason, transient=True)


# Receives each page's objects and the sha256 of the response they came in.
PageSink = Callable[[list[dict[str, Any]], str], None]


@dataclass
class Collection:
    """Every object of a collection, and for each the sha256 of the page it came on.

    Read with a ``sink``, the objects go to it page by page and are not kept here:
    ``count`` and ``ids`` still check the read against the declared total.
    """

    objects: list[dict[str, Any]] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # URLs of rows the server could not serve
    count: int = 0
    ids: set[Any] = field(default_factory=set)
    sink: PageSink | None = None

    def __len__(self) -> int:
        return self.count

    def take(self, rows: list[dict[str, Any]], sha: str) -> None:
        self.count += len(rows)
        self.ids.update(obj.get("id", obj.get("resource_uri")) for obj in rows)
        if self.sink is not None:
            self.sink(rows, sha)
        else:
            self.objects.extend(rows)
            self.pages.extend([sha] * len(rows))


def collection_url(base_url: str, resource: str) -> str:
    """``resource`` like ``meeting/meeting`` → absolute API URL with a trailing slash."""
    return f"{base_url.rstrip('/')}/api/v1/{resource.strip('/')}/"


def fetch_collection(
    fetcher: Fetcher,
    base_url: str,
    resource: str,
    filters: Mapping[str, str | int] | None = None,
    on_page: Callable[[int, int], None] | None = None,
    sink: PageSink | None = None,
) -> Collection:
    """Every object of a filtered collection, following ``meta.next`` to the end.

    ``on_page(rows_so_far, total_count)`` is called after each page (progress). With
    ``sink``, each page's objects go to it as they arrive instead of into the collection,
    so a million-row collection never sits in memory as dicts.
    """
    url: str | None = collection_url(base_url, resource)
    params: dict[str, str | int] | None = {
        **(filters or {}),
        "format": "json",
        "limit": PAGE_LIMIT,
    }
    collection = Collection(sink=sink)
    total: int | None = None
    first_url = ""
    while url is not None:
        try:
            fetched = fetcher.get(url, params)
        except FetchError as exc:
            if exc.status != 404:
                raise
            first_url = first_url or exc.url
            url, total = _read_row_by_row(fetcher, exc.url, collection, total, on_page)
            params = None
            continue
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
        collection.take(page["objects"], fetched.entry.sha256)
        if on_page:
            on_page(collection.count, total)
        next_path = meta.get("next")
        # ``next`` is relative and already carries every filter and the offset.
        url = urljoin(fetched.url, next_path) if next_path else None
        params = None
        if url is not None and not page["objects"]:
            raise FetchError(fetched.url, "empty page that still points to a next page")
    if collection.skipped:
        log.warning(
            "%s: %d rows the server could not serve were skipped: %s",
            first_url or resource,
            len(collection.skipped),
            ", ".join(collection.skipped[:5]),
        )
    count, distinct = collection.count, len(collection.ids)
    if count + len(collection.skipped) != total or distinct != count:
        raise IncompleteCollection(
            first_url,
            f"read {count} rows ({distinct} distinct) but the server declared "
            f"total_count {total}; refusing a partial load",
        )
    return collection


def fetch_frame(
    fetcher: Fetcher,
    base_url: str,
    resource: str,
    filters: Mapping[str, str | int] | None,
    parse: Callable[[list[dict[str, Any]]], pl.DataFrame],
    stage: Stage | None = None,
) -> tuple[Frame, Collection]:
    """A collection parsed page by page (``parse(objects)`` → a frame with a
    ``raw_sha256`` column): what a whole-collection parse gives, holding one page of dicts
    at a time instead of all of them. With ``stage``, each parsed page goes on to the
    collection's Parquet file and the result is a ``StagedFrame``: not even the parsed
    rows stay in memory.

    ``raw_sha256`` is set per page as one broadcast value: polars then stores the 64-hex
    digest once per page instead of once per row (80 → 16 bytes a row).
    """
    frames: list[pl.DataFrame] = []
    writer = stage.writer(resource, parse([]).collect_schema()) if stage is not None else None

    def parse_page(rows: list[dict[str, Any]], sha: str) -> None:
        frame = parse(rows).with_columns(pl.lit(sha, pl.String).alias("raw_sha256"))
        if writer is not None:
            writer.write(frame)
        else:
            frames.append(frame)

    collection = fetch_collection(fetcher, base_url, resource, filters, sink=parse_page)
    if writer is not None:
        return writer.close(), collection
    # no rechunk: copying every page into one buffer doubles the peak, and DuckDB scans
    # the chunks as they are
    frame = pl.concat(frames, rechunk=False) if frames else parse([])
    return frame, collection


def _read_row_by_row(
    fetcher: Fetcher,
    page_url: str,
    collection: Collection,
    total: int | None,
    on_page: Callable[[int, int], None] | None,
) -> tuple[str | None, int]:
    """Read a page that failed whole one row at a time; return the URL after it and the
    collection's total_count (learnt from the first row that answers, if not known yet)."""
    parts = urlsplit(page_url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    offset, limit = int(query.get("offset", 0)), int(query.get("limit", PAGE_LIMIT))
    for at in range(offset, offset + limit):
        if total is not None and at >= total:
            break
        row_url = urlunsplit(
            parts._replace(query=urlencode(sorted({**query, "offset": at, "limit": 1}.items())))
        )
        try:
            fetched = fetcher.get(row_url)
        except FetchError as exc:
            if exc.status != 404:
                raise
            collection.skipped.append(row_url)
            continue
        page = parse_json(fetched)
        rows = page.get("objects") if isinstance(page, dict) else None
        meta = page.get("meta") if isinstance(page, dict) else None
        if not isinstance(rows, list) or not isinstance(meta, dict):
            raise FetchError(fetched.url, "expected a Tastypie page with 'meta' and 'objects'")
        if total is None and isinstance(meta.get("total_count"), int):
            total = meta["total_count"]
        collection.take(rows, fetched.entry.sha256)
    if total is None:
        raise FetchError(page_url, "the page failed and not one of its rows could be read")
    if on_page:
        on_page(collection.count, total)
    if offset + limit >= total:
        return None, total
    following = {**query, "offset": offset + limit}
    return urlunsplit(parts._replace(query=urlencode(sorted(following.items())))), total
