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


_RANGE_LOOKUPS = frozenset({"gte", "gt", "lte", "lt"})


class TastypieEmulator:
    """Answers datatracker API requests from records, filtering and paging as Tastypie does.

    ``records`` maps a resource ("doc/document") to its objects, each with its
    ``resource_uri``. Filters follow Django lookups over the fields and across resource
    URIs: ``time__gte``, ``id__gt``, ``type__in`` (compared with the slug of a name URI),
    ``document__time__gte`` (through the document the URI names), ``meeting__number``.
    Unknown filter keys are ignored, as Tastypie ignores fields it does not know. Used by
    tests (through an httpx transport) and benchmarks (behind a loopback server).
    """

    def __init__(
        self,
        records: dict[str, list[dict[str, Any]]],
        page_cap: int = PAGE_LIMIT,
        corrupt: frozenset[str] = frozenset(),
    ):
        """``corrupt``: resource URIs of rows the server cannot serialise — any page that
        holds one fails with 404, as the datatracker's does."""
        self.records = records
        self.page_cap = page_cap
        self.corrupt = corrupt
        self.by_uri = {
            obj["resource_uri"]: obj
            for objects in records.values()
            for obj in objects
            if "resource_uri" in obj
        }
        self.requests: list[str] = []
        # A client pages through one filtered collection a thousand rows at a time: filter
        # once per query and reuse it, or a million-row collection costs N²/1000 to serve.
        self._chosen: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self._exact: dict[tuple[str, str, int], dict[str, list[dict[str, Any]]]] = {}
        self._fields: dict[tuple[str, int], set[str]] = {}

    def _value(self, obj: dict[str, Any], path: list[str]) -> Any:
        """The value at ``path``, following resource URIs; a name URI gives its slug."""
        value: Any = obj
        for part in path:
            if isinstance(value, str):
                value = self.by_uri.get(value)
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        if isinstance(value, str) and value.startswith("/api/v1/"):
            target = self.by_uri.get(value)
            return target.get("id") if target else value.rstrip("/").rsplit("/", 1)[-1]
        return value

    @staticmethod
    def _compare(value: Any, lookup: str, wanted: str) -> bool:
        if value is None:
            return False
        if lookup == "in":
            return str(value) in wanted.split(",")
        if isinstance(value, bool):
            return str(value).lower() == wanted.lower()
        if isinstance(value, int) and not isinstance(value, bool):
            target: Any = int(wanted)
        else:
            value, target = str(value), wanted
        if lookup == "gte":
            return bool(value >= target)
        if lookup == "gt":
            return bool(value > target)
        if lookup == "lte":
            return bool(value <= target)
        if lookup == "lt":
            return bool(value < target)
        return bool(value == target)

    def _matches(self, obj: dict[str, Any], key: str, wanted: str) -> bool:
        *path, last = key.split("__")
        if last in _RANGE_LOOKUPS | {"in", "exact"}:
            lookup = last
        else:
            path, lookup = [*path, last], "exact"
        return self._compare(self._value(obj, path), lookup, wanted)

    def _candidates(
        self, resource: str, objects: list[dict[str, Any]], key: str, wanted: str
    ) -> list[dict[str, Any]]:
        """The objects whose ``key`` equals ``wanted``, from an index built on first use."""
        index_key = (resource, key, len(objects))
        index = self._exact.get(index_key)
        if index is None:
            index = {}
            path = key.removesuffix("__exact").split("__")
            for obj in objects:
                value = self._value(obj, path)
                if value is not None:
                    text = str(value).lower() if isinstance(value, bool) else str(value)
                    index.setdefault(text, []).append(obj)
            self._exact[index_key] = index
        return index.get(wanted.lower() if wanted.lower() in ("true", "false") else wanted, [])

    def _filtered(
        self, resource: str, objects: list[dict[str, Any]], query: dict[str, str]
    ) -> list[dict[str, Any]]:
        control = {"format", "limit", "offset", "order_by"}
        fields_key = (resource, len(objects))
        if fields_key not in self._fields:
            self._fields[fields_key] = set().union(*(o.keys() for o in objects))
        fields = self._fields[fields_key]
        filters = sorted(
            (k, v) for k, v in query.items() if k not in control and k.split("__")[0] in fields
        )
        cache_key = (resource, len(objects), tuple(filters), query.get("order_by", ""))
        if cache_key in self._chosen:
            return self._chosen[cache_key]
        exact = [(k, v) for k, v in filters if k.rsplit("__", 1)[-1] not in _RANGE_LOOKUPS | {"in"}]
        pool = self._candidates(resource, objects, *exact[0]) if exact else objects
        rest = [f for f in filters if f != exact[0]] if exact else filters
        chosen = [o for o in pool if all(self._matches(o, k, v) for k, v in rest)]
        if query.get("order_by", "").lstrip("-") == "id":
            chosen.sort(key=lambda o: o.get("id", 0), reverse=query["order_by"].startswith("-"))
        self._chosen[cache_key] = chosen
        return chosen

    def page(self, resource: str, query: dict[str, str]) -> dict[str, Any] | None:
        """The page a request for ``resource`` with ``query`` gets; None: unknown resource."""
        objects = self.records.get(resource)
        if objects is None:
            return None
        chosen = self._filtered(resource, objects, query)
        limit = min(int(query.get("limit", 20)) or self.page_cap, self.page_cap)
        offset = int(query.get("offset", 0))
        if any(o.get("resource_uri") in self.corrupt for o in chosen[offset : offset + limit]):
            return {"error": "corrupt row"}
        return tastypie_page(
            resource,
            {k: v for k, v in query.items() if k not in ("limit", "offset", "format")},
            chosen[offset : offset + limit],
            offset,
            len(chosen),
            limit,
        )

    def respond(self, url: str) -> tuple[int, bytes]:
        """(status, body) for a full request URL, as the datatracker would answer it."""
        from urllib.parse import parse_qsl, urlsplit

        self.requests.append(url)
        parts = urlsplit(url)
        path = parts.path.removeprefix("/api/v1/").strip("/")
        page = self.page(path, dict(parse_qsl(parts.query, keep_blank_values=True)))
        if page is None:
            return 404, b'{"error": "no such resource"}'
        if "error" in page:
            return 404, json.dumps(page).encode()
        return 200, json.dumps(page).encode()
