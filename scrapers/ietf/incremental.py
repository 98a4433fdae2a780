"""The IETF collections that change on their own: documents and authors, publication
events, draft → RFC links, groups and roles, and session attendance — each read from a cursor.

Each *family* of endpoints shares one cursor, taken from what the warehouse already holds:

| family    | endpoints                               | filter sent                   |
|-----------|-----------------------------------------|-------------------------------|
| documents | doc/document, doc/documentauthor        | time__gte, document__time__gte |
| events    | doc/docevent (published, approved)      | time__gte                     |
| origins   | doc/relateddocument (became_rfc)        | id__gt                        |
| groups    | group/group, group/role                 | time__gte, group__time__gte   |
| history   | group/grouphistory, group/rolehistory   | time__gte, group__time__gte   |
| attended  | meeting/attended                        | id__gt                        |

A ``time__gte`` cursor repeats the boundary second, so rows seen last time come again and
are de-duplicated by their keys on load. Authors are fetched for every document that
changed and replace that document's authors; roles likewise for every group that changed
(the datatracker saves a group's history, and moves its time, when its roles change).

The next cursor is computed from the rows fetched, the same way the warehouse would compute
it from what it holds: replaying an archive (``--offline``) can therefore follow the same
chain of requests the live refreshes made, one increment after another, until the archive
has no answer. A family the archive never recorded (the bundled sample holds registrations
only) is reported as absent, not as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import polars as pl

from scrapers.archive import ArchiveMiss
from scrapers.http import Fetcher
from scrapers.ietf.datatracker import fetch_frame
from scrapers.ietf.documents import (
    AUTHOR_SCHEMA,
    DOCUMENT_EVENT_SCHEMA,
    DOCUMENT_EVENT_TYPES,
    DOCUMENT_SCHEMA,
    DOCUMENT_TYPES,
    RFC_ORIGIN_SCHEMA,
    parse_document_authors,
    parse_document_events,
    parse_documents,
    parse_rfc_origins,
)
from scrapers.ietf.groups import (
    GROUP_HISTORY_SCHEMA,
    GROUP_SCHEMA,
    ROLE_HISTORY_SCHEMA,
    ROLE_SCHEMA,
    parse_group_history,
    parse_groups,
    parse_role_history,
    parse_roles,
)
from scrapers.ietf.sessions import ATTENDED_SCHEMA, parse_attended
from scrapers.staging import Frame, Stage, column_max, column_values, lazy

log = logging.getLogger(__name__)

FAMILIES = ("documents", "events", "origins", "groups", "history", "attended")
# Roles that make leadership and NomCom figures; the datatracker has dozens more
# (reviewers, wiki admins, liaison contacts…) that neither needs.
LEADERSHIP_ROLES = ("chair", "secr", "ad", "pre-ad", "delegate", "lead", "member")


def time_cursor(frame: Frame, column: str = "time") -> str | None:
    """The latest time in ``frame`` as the API writes it ("2024-03-18T09:30:00Z")."""
    latest = column_max(frame, column)
    if not isinstance(latest, datetime):
        return None
    return latest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def id_cursor(frame: Frame, column: str) -> str | None:
    latest = column_max(frame, column)
    return str(latest) if isinstance(latest, int) else None


@dataclass
class FamilyReport:
    """What one family's refresh did: the cursor it started from and where it ends."""

    started_from: str | None
    cursor: str | None
    rows: int = 0
    requests: int = 0
    increments: int = 0
    absent: bool = False  # replayed archive never recorded this family


@dataclass
class IetfRecords:
    documents: Frame = field(default_factory=lambda: pl.DataFrame(schema=DOCUMENT_SCHEMA))
    authors: Frame = field(default_factory=lambda: pl.DataFrame(schema=AUTHOR_SCHEMA))
    document_events: Frame = field(
        default_factory=lambda: pl.DataFrame(schema=DOCUMENT_EVENT_SCHEMA)
    )
    rfc_origins: Frame = field(default_factory=lambda: pl.DataFrame(schema=RFC_ORIGIN_SCHEMA))
    groups: Frame = field(default_factory=lambda: pl.DataFrame(schema=GROUP_SCHEMA))
    roles: Frame = field(default_factory=lambda: pl.DataFrame(schema=ROLE_SCHEMA))
    group_history: Frame = field(default_factory=lambda: pl.DataFrame(schema=GROUP_HISTORY_SCHEMA))
    role_history: Frame = field(default_factory=lambda: pl.DataFrame(schema=ROLE_HISTORY_SCHEMA))
    attended: Frame = field(default_factory=lambda: pl.DataFrame(schema=ATTENDED_SCHEMA))
    # partitions the load replaces: every author of these documents, every role of these
    # groups (None: all roles, after a full read of group/role)
    author_documents: list[str] = field(default_factory=list)
    role_groups: list[int] | None = field(default_factory=list)
    reports: dict[str, FamilyReport] = field(default_factory=dict)


Parser = Callable[[list[dict[str, Any]], str, list[str] | None], pl.DataFrame]

# One step of a family: given the cursor, fetch its endpoints and return
# (frames by name, next cursor).
Step = Callable[[str | None], tuple[dict[str, Frame], str | None]]


class _Families:
    def __init__(self, fetcher: Fetcher, base_url: str, stage: Stage | None = None) -> None:
        self.fetcher = fetcher
        self.base_url = base_url
        self.stage = stage

    def _read(self, resource: str, filters: Mapping[str, str | int], parse: Parser) -> Frame:
        frame, collection = fetch_frame(
            self.fetcher,
            self.base_url,
            resource,
            filters,
            lambda objects: parse(objects, resource, None),
            self.stage,
        )
        log.info("%s: %d rows", resource, len(collection))
        return frame

    @staticmethod
    def _since(
        filters: Mapping[str, str | int], key: str, cursor: str | None
    ) -> dict[str, str | int]:
        return {**filters, key: cursor} if cursor else dict(filters)

    def documents(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        types = ",".join(DOCUMENT_TYPES)
        base: dict[str, str | int] = {"type__in": types, "order_by": "id"}
        docs = self._read("doc/document", self._since(base, "time__gte", cursor), parse_documents)
        base = {"document__type__in": types, "order_by": "id"}
        filters = self._since(base, "document__time__gte", cursor)
        authors = self._read("doc/documentauthor", filters, parse_document_authors)
        return {"documents": docs, "authors": authors}, time_cursor(docs) or cursor

    def events(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        base: dict[str, str | int] = {"type__in": ",".join(DOCUMENT_EVENT_TYPES), "order_by": "id"}
        filters = self._since(base, "time__gte", cursor)
        events = self._read("doc/docevent", filters, parse_document_events)
        return {"document_events": events}, time_cursor(events) or cursor

    def origins(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        base: dict[str, str | int] = {"relationship": "became_rfc", "order_by": "id"}
        filters = self._since(base, "id__gt", cursor)
        origins = self._read("doc/relateddocument", filters, parse_rfc_origins)
        return {"rfc_origins": origins}, id_cursor(origins, "relation_id") or cursor

    def groups(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        base: dict[str, str | int] = {"order_by": "id"}
        groups = self._read("group/group", self._since(base, "time__gte", cursor), parse_groups)
        base = {"name__in": ",".join(LEADERSHIP_ROLES), "order_by": "id"}
        filters = self._since(base, "group__time__gte", cursor)
        roles = self._read("group/role", filters, parse_roles)
        return {"groups": groups, "roles": roles}, time_cursor(groups) or cursor

    def history(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        base: dict[str, str | int] = {"order_by": "id"}
        filters = self._since(base, "time__gte", cursor)
        history = self._read("group/grouphistory", filters, parse_group_history)
        base = {"name__in": ",".join(LEADERSHIP_ROLES), "order_by": "id"}
        filters = self._since(base, "group__time__gte", cursor)
        roles = self._read("group/rolehistory", filters, parse_role_history)
        return {"group_history": history, "role_history": roles}, time_cursor(history) or cursor

    def attended(self, cursor: str | None) -> tuple[dict[str, Frame], str | None]:
        base: dict[str, str | int] = {"order_by": "id"}
        filters = self._since(base, "id__gt", cursor)
        attended = self._read("meeting/attended", filters, parse_attended)
        return {"attended": attended}, id_cursor(attended, "attended_id") or cursor


def fetch_incremental(
    fetcher: Fetcher,
    base_url: str,
    cursors: dict[str, str | None],
    replay: bool = False,
    families: tuple[str, ...] = FAMILIES,
    stage: Stage | None = None,
) -> IetfRecords:
    """Every family from its cursor (``cursors``: family → value; missing = from the start).

    Live, one increment per family. Replaying an archive, increments follow one another
    while the archive answers and the cursor moves. With ``stage`` every collection is
    staged on disk as it arrives (scrapers/staging.py).
    """
    steps = _Families(fetcher, base_url, stage)
    records = IetfRecords()
    gathered: dict[str, list[Frame]] = {}
    full_role_read = False
    for family in families:
        step: Step = getattr(steps, family)
        cursor = cursors.get(family)
        report = FamilyReport(started_from=cursor, cursor=cursor)
        before = fetcher.requests
        while True:
            try:
                frames, following = step(cursor)
            except ArchiveMiss:
                report.absent = report.increments == 0
                break
            report.increments += 1
            report.rows += sum(f.height for f in frames.values())
            for name, frame in frames.items():
                gathered.setdefault(name, []).append(frame)
            if family == "groups" and cursor is None:
                full_role_read = True
            if not replay or following == cursor:
                report.cursor = following
                break
            cursor = report.cursor = following
        report.requests = fetcher.requests - before
        records.reports[family] = report
    for name, parts in gathered.items():
        setattr(records, name, _merged(name, parts, stage))
    changed = column_values(records.documents, "name") | column_values(records.authors, "document")
    records.author_documents = sorted(str(name) for name in changed)
    groups = column_values(records.groups, "group_id") | column_values(records.roles, "group_id")
    records.role_groups = None if full_role_read else sorted(int(str(g)) for g in groups)
    return records


# Each collection's natural key: the rows of a fetch are one per key
RECORD_KEYS = {
    "documents": "name",
    "authors": "author_id",
    "document_events": "event_id",
    "rfc_origins": "relation_id",
    "groups": "group_id",
    "roles": "role_id",
    "group_history": "history_id",
    "role_history": "role_history_id",
    "attended": "attended_id",
}


# a document's authors and a group's roles are read whole: only the latest read counts
_PARTITIONS = {"authors": "document", "roles": "group_id"}


def _merged(name: str, parts: list[Frame], stage: Stage | None) -> Frame:
    """The increments of one collection as one frame, one row per key (the latest); staged
    again when ``stage`` is given, in memory otherwise."""
    if len(parts) == 1 and not _repeats_key(name, parts[0]):
        return parts[0]  # one increment, each key once: nothing to choose (and no copy)
    tagged = pl.concat(
        [lazy(p).with_columns(pl.lit(i).alias("_increment")) for i, p in enumerate(parts, 1)]
    )
    latest = _latest(name, tagged).drop("_increment")
    return latest.collect() if stage is None else stage.write(name, latest)


def _repeats_key(name: str, frame: Frame) -> bool:
    found = lazy(frame).select(pl.col(RECORD_KEYS[name]).is_duplicated().any()).collect()
    return bool(found.item())


def _latest(name: str, frame: pl.LazyFrame) -> pl.LazyFrame:
    """One row per key, the last fetched (a later increment or the boundary repeated)."""
    if name in _PARTITIONS:
        last = pl.col("_increment").max().over(_PARTITIONS[name])
        frame = frame.filter(pl.col("_increment") == last)
    return frame.unique(subset=RECORD_KEYS[name], keep="last", maintain_order=True)
