"""IETF groups, their history snapshots, and the roles people hold in them.

Resources (datatracker ietf/group/resources.py):
- ``group/group``: ``acronym``, ``type`` (…/grouptypename/wg/), ``state``, ``parent``,
  ``time`` (when the current state began).
- ``group/grouphistory``: a snapshot of an earlier state of ``group``, taken at ``time``.
- ``group/role``: current roles — ``name`` (…/rolename/chair/), ``group``, ``person``.
- ``group/rolehistory``: the same, but ``group`` points to a ``grouphistory`` snapshot
  (role history has no time of its own: the snapshot's time dates it).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from scrapers.ietf.registrations import person_key
from scrapers.ietf.uris import uri_id, uri_slug
from scrapers.ietf.values import ApiObjectError, api_time, object_id, required_slug, text

GROUP_SCHEMA = pl.Schema(
    {
        "group_id": pl.Int64(),
        "acronym": pl.String(),
        "name": pl.String(),
        "group_type": pl.String(),
        "state": pl.String(),
        "parent_id": pl.Int64(),
        "time": pl.Datetime("us", "UTC"),
        "raw_sha256": pl.String(),
    }
)
GROUP_HISTORY_SCHEMA = pl.Schema(
    {
        "history_id": pl.Int64(),
        "group_id": pl.Int64(),
        "acronym": pl.String(),
        "group_type": pl.String(),
        "state": pl.String(),
        "time": pl.Datetime("us", "UTC"),
        "raw_sha256": pl.String(),
    }
)
ROLE_SCHEMA = pl.Schema(
    {
        "role_id": pl.Int64(),
        "role": pl.String(),
        "group_id": pl.Int64(),
        "person_key": pl.String(),
        "raw_sha256": pl.String(),
    }
)
ROLE_HISTORY_SCHEMA = pl.Schema(
    {
        "role_history_id": pl.Int64(),
        "role": pl.String(),
        "history_id": pl.Int64(),
        "person_key": pl.String(),
        "raw_sha256": pl.String(),
    }
)


def _group_ref(obj: dict[str, Any], where: str) -> int:
    found = uri_id(obj.get("group"))
    if found is None:
        raise ApiObjectError(f"{where}: 'group' is not a group resource URI: {obj!r:.200}")
    return found


def parse_groups(
    objects: list[dict[str, Any]], where: str = "group/group", pages: list[str] | None = None
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        group_id = object_id(obj, where)
        at = f"{where} {group_id}"
        acronym = text(obj, "acronym")
        if not acronym:
            raise ApiObjectError(f"{at}: group without an acronym")
        rows.append(
            {
                "group_id": group_id,
                "acronym": acronym,
                "name": text(obj, "name") or None,
                "group_type": uri_slug(obj.get("type")),
                "state": uri_slug(obj.get("state")),
                "parent_id": uri_id(obj.get("parent")),
                "time": api_time(obj.get("time"), at, "time"),
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=GROUP_SCHEMA)


def parse_group_history(
    objects: list[dict[str, Any]],
    where: str = "group/grouphistory",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        history_id = object_id(obj, where)
        at = f"{where} {history_id}"
        rows.append(
            {
                "history_id": history_id,
                "group_id": _group_ref(obj, at),
                "acronym": text(obj, "acronym") or None,
                "group_type": uri_slug(obj.get("type")),
                "state": uri_slug(obj.get("state")),
                "time": api_time(obj.get("time"), at, "time"),
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=GROUP_HISTORY_SCHEMA)


def parse_roles(
    objects: list[dict[str, Any]], where: str = "group/role", pages: list[str] | None = None
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        role_id = object_id(obj, where)
        at = f"{where} {role_id}"
        rows.append(
            {
                "role_id": role_id,
                "role": required_slug(obj, "name", at),
                "group_id": _group_ref(obj, at),
                "person_key": person_key(obj),
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=ROLE_SCHEMA)


def parse_role_history(
    objects: list[dict[str, Any]],
    where: str = "group/rolehistory",
    pages: list[str] | None = None,
) -> pl.DataFrame:
    rows = []
    for i, obj in enumerate(objects):
        role_id = object_id(obj, where)
        at = f"{where} {role_id}"
        history = obj.get("group")
        if not (isinstance(history, str) and "/grouphistory/" in history):
            raise ApiObjectError(f"{at}: 'group' should name a grouphistory snapshot: {history!r}")
        rows.append(
            {
                "role_history_id": role_id,
                "role": required_slug(obj, "name", at),
                "history_id": uri_id(history),
                "person_key": person_key(obj),
                "raw_sha256": pages[i] if pages else None,
            }
        )
    return pl.DataFrame(rows, schema=ROLE_HISTORY_SCHEMA)
