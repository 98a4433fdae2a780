"""Tastypie resource URIs (``/api/v1/name/meetingtypename/ietf/``) to their last segment."""

from __future__ import annotations


def uri_slug(uri: object) -> str | None:
    """Last path segment of a resource URI, or the value itself if it is a bare slug."""
    if not isinstance(uri, str) or not uri.strip():
        return None
    return uri.rstrip("/").rsplit("/", 1)[-1]


def uri_id(uri: object) -> int | None:
    slug = uri_slug(uri)
    return int(slug) if slug is not None and slug.isdigit() else None
