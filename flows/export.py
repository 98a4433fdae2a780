"""`sdo export`: one folder per ISO week of stable summaries, with a manifest.

The folder is written beside its final place and renamed into it, so a reader never sees
half an export; the database is opened read-only with a bounded wait, so an export never
blocks (or is blocked for long by) a refresh.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from warehouse.outputs.csv_cells import inert_text
from warehouse.outputs.exports import (
    SUMMARIES,
    Week,
    changes,
    read_export,
    summary_frames,
    week_coverage,
    week_switches,
)
from warehouse.store.db import connect, db_path
from warehouse.store.queries import run_query, schema_version

FORMATS = ("csv", "parquet")
DEFAULT_SHARE_THRESHOLD = 0.02  # a group's share moving by more than 2 points is news


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: dict[str, int]  # file name → rows
    previous: str | None


def _write(frame: pl.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        frame.write_parquet(path, statistics=False)
    else:
        inert_text(frame).write_csv(
            path, date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%SZ"
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _previous_export(out: Path, week: Week) -> Path | None:
    """The newest earlier week in ``out`` that has a manifest."""
    earlier = sorted(
        p for p in out.glob("*-W*") if p.is_dir() and p.name < week.label
        and (p / "manifest.json").exists()
    )  # fmt: skip
    return earlier[-1] if earlier else None


def _latest_runs(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    rows = run_query(con, "queries", "latest_refresh_runs").rows()
    return {s: {"run_id": r, "finished_at": f"{f.isoformat()}Z"} for s, r, f in rows}


def _inside(out: Path, name: str) -> Path:
    """The week's folder under ``out``: a name that would leave it is refused."""
    target = (out / name).resolve()
    if target.parent != out.resolve():
        raise ValueError(f"export folder {name!r} would escape {out}")
    return target


def export_week(
    db: Path | None,
    week: Week,
    out: Path,
    fmt: str = "csv",
    wait: float = 30.0,
    share_threshold: float = DEFAULT_SHARE_THRESHOLD,
) -> ExportResult:
    if fmt not in FORMATS:
        raise ValueError(f"--format {fmt!r}: expected csv or parquet")
    out.mkdir(parents=True, exist_ok=True)
    target = _inside(out, week.label)
    previous_folder = _previous_export(out, week)
    con = connect(db, read_only=True, wait=wait)
    try:
        coverage = week_coverage(con, week)
        frames = summary_frames(con, coverage)
        frames["changes"] = changes(
            frames,
            read_export(previous_folder) if previous_folder else None,
            week_switches(con, coverage),
            share_threshold,
        )
        version = schema_version(con)
        runs = _latest_runs(con)
    except duckdb.CatalogException as exc:
        raise ValueError(
            f"{exc}. The database predates the export views: run `sdo refresh`."
        ) from exc
    finally:
        con.close()

    staging = Path(tempfile.mkdtemp(prefix=f".{week.label}-", dir=out))
    staging.chmod(0o755)  # mkdtemp makes it private; an export is for sharing
    rows: dict[str, int] = {}
    try:
        files = []
        for name in (*SUMMARIES, "changes"):
            path = staging / f"{name}.{fmt}"
            _write(frames[name], path, fmt)
            bodies = (
                sorted(set(frames[name]["body"].drop_nulls())) if "body" in frames[name] else []
            )
            rows[path.name] = frames[name].height
            files.append(
                {
                    "name": path.name,
                    "rows": frames[name].height,
                    "columns": frames[name].columns,
                    # the same every week (the queries declare them): a reader can check
                    "types": [str(t) for t in frames[name].dtypes],
                    "sha256": _sha256(path),
                    "refresh_runs": [runs[b]["run_id"] for b in bodies if b in runs],
                }
            )
        manifest = {
            "week": week.label,
            "window": [week.start.isoformat(), week.end.isoformat()],
            "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "database": str(db_path(db)),
            "schema_version": version,
            "format": fmt,
            "share_threshold": share_threshold,
            "previous_export": previous_folder.name if previous_folder else None,
            "refresh_runs": runs,
            "files": files,
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{week.label}-old-", dir=out))
            target.rename(old / "export")
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportResult(target, rows, previous_folder.name if previous_folder else None)
