"""The published snapshot: every public view as a Parquet file any client can read.

The warehouse file opens only in a DuckDB as new as the project's, and turns readers away
while a refresh holds it. After a load, ``publish`` writes each public view (catalog.
PUBLIC_VIEWS) to ``<view>.parquet`` (zstd) in a new folder under ``snapshots/``, with
``manifest.json`` (the run, the warehouse state, each file's rows, columns, meaning and
sha256) and ``views.sql`` (recreates the views over the files), then points the
``published`` link at it by renaming a new link over the old one: a reader sees the old
snapshot or the new one, never a half-written folder. The previous snapshot is kept for
readers still in it; older ones are removed.

Same records, same files: rows are written in a total order (ORDER BY ALL), so a view's
Parquet file is byte-identical whatever order the database produced its rows in. A
snapshot of the state already published is not written again (a no-op refresh costs no
export): the state is the digests the derived steps keep of every record table, the derived
steps' fingerprints, the views' SQL and the schema version.

DuckDB 1.5 reads these files and views.sql (tests/test_publish.py, marked compat); a probe
of every column type found DuckDB 1.0 to 1.5 read what DuckDB 2.0 writes. HUGEINT columns
are written as DECIMAL(38, 0): DuckDB would write them as DOUBLE, losing digits.

Side effects on the snapshot folders; reads the warehouse through one connection. May
import warehouse.outputs.catalog and warehouse.store.db.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import duckdb

from warehouse.outputs.catalog import PUBLIC_VIEWS, public_view_docs, view_columns

FORMAT = 1  # of manifest.json; raised when its layout changes
SNAPSHOTS = "snapshots"  # beside the link: data/published -> snapshots/<name>
KEEP = 2  # the published snapshot and the one before it
_WIDE_INTEGERS = {"HUGEINT", "UHUGEINT"}


class PublishError(RuntimeError):
    """The snapshot could not be written; the one published before stays."""


@dataclass(frozen=True)
class Snapshot:
    link: Path  # what readers open: data/published
    folder: Path  # the snapshot it points at
    state: str
    views: int
    rows: int
    written: bool  # False: this state was already published


def warehouse_state(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of everything the public views show: record tables' digests (kept by the
    derived steps), the derived steps' fingerprints, the views' SQL, the schema version."""
    parts: list[object] = [FORMAT, list(PUBLIC_VIEWS)]
    for sql in (
        "SELECT name, digest FROM derived_input_digests ORDER BY name",
        "SELECT step, fingerprint FROM derived_steps ORDER BY step",
        "SELECT digest FROM view_state",
        "SELECT max(version) FROM schema_migrations",
    ):
        parts.append([list(row) for row in con.execute(sql).fetchall()])
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def published_manifest(link: Path) -> dict[str, object] | None:
    """The published snapshot's manifest (None: nothing published, or unreadable)."""
    try:
        manifest = json.loads((link / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def publish(
    con: duckdb.DuckDBPyConnection, link: Path, run_id: str | None = None, force: bool = False
) -> Snapshot:
    """Write every public view to a new snapshot and point ``link`` at it; nothing when the
    published snapshot is of the same state (unless ``force``)."""
    state = warehouse_state(con)
    published = published_manifest(link)
    views = published.get("views") if published is not None else None
    if (
        not force
        and published is not None
        and published.get("state") == state
        and (isinstance(views, list))
    ):
        rows = sum(int(v["rows"]) for v in views)
        return Snapshot(link, link.resolve(), state, len(views), rows, False)
    now = datetime.now(UTC)
    root = link.parent / SNAPSHOTS
    name = f"{now:%Y%m%dT%H%M%S%f}-{uuid4().hex[:8]}"  # microseconds: names sort by time
    building = root / f".{name}.partial"
    building.mkdir(parents=True)
    try:
        views = [_write_view(con, building, doc.name, doc.meaning) for doc in public_view_docs()]
        manifest = {
            "format": FORMAT,
            "run_id": run_id,
            "published_at": now.isoformat(timespec="seconds"),
            "state": state,
            "duckdb": duckdb.__version__,
            "views": views,
        }
        (building / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (building / "views.sql").write_text(views_sql(views, run_id, now), encoding="utf-8")
        folder = root / name
        building.rename(folder)
    except (duckdb.Error, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise PublishError(
            f"publishing to {link}: {exc} (the published snapshot is unchanged)"
        ) from exc
    _point(link, folder)
    _prune(root, folder)
    rows = sum(int(str(v["rows"])) for v in views)
    return Snapshot(link, folder, state, len(views), rows, True)


def _write_view(
    con: duckdb.DuckDBPyConnection, folder: Path, name: str, meaning: str
) -> dict[str, object]:
    columns = view_columns(con, name)
    select = ", ".join(
        f'CAST("{c}" AS DECIMAL(38, 0)) AS "{c}"' if t in _WIDE_INTEGERS else f'"{c}"'
        for c, t in columns
    )
    target = folder / f"{name}.parquet"
    con.execute(
        f"COPY (SELECT {select} FROM {name} ORDER BY ALL) TO '{target}' "
        "(FORMAT parquet, COMPRESSION zstd)"
    )
    ((rows,),) = con.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchall()
    written = view_columns(con, f"SELECT * FROM read_parquet('{target}')")
    return {
        "name": name,
        "file": target.name,
        "rows": int(rows),
        "bytes": target.stat().st_size,
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
        "meaning": meaning,
        "columns": [{"name": c, "type": t} for c, t in written],
    }


def views_sql(views: list[dict[str, object]], run_id: str | None, when: datetime) -> str:
    """A script recreating every view over the Parquet files beside it."""
    lines = [
        f"-- sdo-tracker published snapshot, {when:%Y-%m-%d %H:%M} UTC, run {run_id or '-'}",
        "-- Recreates every public view over the Parquet files beside this script.",
        "-- From this folder:   duckdb -c '.read views.sql' -c 'FROM delegation_by_group LIMIT 5'",
        "-- From elsewhere, first: SET file_search_path = '/path/to/data/published';",
        "-- (file names are relative: the setting must hold whenever the views are queried)",
    ]
    for view in views:
        lines.append(f"\n-- {view['name']}: {view['meaning']}")
        lines.append(
            f"CREATE OR REPLACE VIEW {view['name']} AS "
            f"SELECT * FROM read_parquet('{view['file']}');"
        )
    return "\n".join(lines) + "\n"


def _point(link: Path, folder: Path) -> None:
    """Replace ``link`` by a relative symbolic link to ``folder`` in one rename."""
    if link.exists() and not link.is_symlink():
        raise PublishError(
            f"{link} exists and is not the link this tool keeps: move it away and publish again"
        )
    fresh = link.with_name(f".{link.name}.{uuid4().hex[:8]}")
    fresh.symlink_to(os.path.relpath(folder, link.parent), target_is_directory=True)
    os.replace(fresh, link)


def _prune(root: Path, current: Path) -> None:
    """Keep the newest KEEP snapshots (names sort by time); drop the rest and any partial
    folder a killed publish left behind."""
    finished = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in finished[:-KEEP]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    for partial in root.glob(".*.partial"):
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
