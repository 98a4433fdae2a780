"""`sdo report`: open the warehouse read-only, build the page (report/), write it atomically."""

from __future__ import annotations

from pathlib import Path

import duckdb

from report.page import ReportRequest, build_page
from warehouse.store.db import connect, db_path

__all__ = ["ReportRequest", "build_report", "write_report"]


def build_report(db: Path | None, wait: float, request: ReportRequest) -> str:
    """The whole page as a string."""
    con = connect(db, read_only=True, wait=wait)
    try:
        return build_page(con, str(db_path(db)), request)
    except duckdb.CatalogException as exc:
        raise ValueError(
            f"{exc}. The database predates the report views: run `sdo refresh`."
        ) from exc
    finally:
        con.close()


def write_report(db: Path | None, out: Path, wait: float, request: ReportRequest) -> Path:
    page = build_report(db, wait, request)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.tmp")
    staging.write_text(page, encoding="utf-8")
    staging.replace(out)
    return out
