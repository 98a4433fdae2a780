"""Read a published snapshot with whatever DuckDB this interpreter has (e.g. 1.x).

    uv run --isolated --no-project --with duckdb==1.5.6 --with pytz \\
        python scripts/check_published.py data/published

Runs views.sql over the snapshot's files, counts every view's rows, and prints them (and
the DuckDB version) as JSON; fails when a file or the script cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb


def main(folder: str) -> None:
    root = Path(folder).resolve()
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{root}'")
    con.execute((root / "views.sql").read_text(encoding="utf-8"))
    views = {}
    for view in manifest["views"]:
        (count,) = con.execute(f"SELECT count(*) FROM {view['name']}").fetchone()
        if count != view["rows"]:
            raise SystemExit(f"{view['name']}: {count} rows, the manifest says {view['rows']}")
        con.execute(f"SELECT * FROM {view['name']}").fetchall()  # every value converts
        views[view["name"]] = count
    top = con.execute(  # delegates are exact decimals; as text for JSON
        "SELECT org_group, delegates::VARCHAR FROM delegation_by_group "
        "ORDER BY delegates DESC, org_group LIMIT 3"
    ).fetchall()
    print(json.dumps({"duckdb": duckdb.__version__, "views": views,
                      "delegation_by_group": [list(r) for r in top]}))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1])
