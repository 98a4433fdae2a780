"""Field values of datatracker API objects: ids, times, URIs — or an error naming the object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapers.ietf.uris import uri_id, uri_slug


class ApiObjectError(ValueError):
    """An API object without a field the parser needs, or with one it cannot read."""


def object_id(obj: dict[str, Any], where: str) -> int:
    value = obj.get("id")
    if isinstance(value, int):
        return value
    from_uri = uri_id(obj.get("resource_uri"))
    if from_uri is None:
        raise ApiObjectError(f"{where}: object without an integer 'id': {obj!r:.200}")
    return from_uri


def api_time(value: object, where: str, field: str, required: bool = True) -> datetime | None:
    """The API's UTC times ("2024-03-18T09:30:00Z"; older rows may carry an offset)."""
    if value is None or value == "":
        if required:
            raise ApiObjectError(f"{where}: '{field}' is missing")
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise ApiObjectError(f"{where}: '{field}' is not an ISO time: {value!r}") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def required_slug(obj: dict[str, Any], field: str, where: str) -> str:
    slug = uri_slug(obj.get(field))
    if slug is None:
        raise ApiObjectError(f"{where}: '{field}' is missing: {obj!r:.200}")
    return slug


def text(obj: dict[str, Any], field: str) -> str:
    value = obj.get(field)
    return value.strip() if isinstance(value, str) else ""
