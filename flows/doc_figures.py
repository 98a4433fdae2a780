"""The figures quoted in docs/, computed from the bundled sample instead of typed.

A figure block in a Markdown file is a query and the table it gives:

    <!-- figure: SELECT org_group, delegates FROM delegation_by_group WHERE … -->
    | org_group | delegates |
    …
    <!-- /figure -->

``python -m flows.doc_figures`` loads the bundled sample into a scratch warehouse (the
offline refresh) and rewrites every block's table from its query; ``--check`` only says
which blocks differ and exits 1 (tests/test_doc_figures.py does the same), so a committed
figure cannot drift from what the sample gives. Numbers print as the exact decimals they
are, without trailing zeros (13.5, not 13.500000); NULL prints empty.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import duckdb

from flows.settings import PROJECT_ROOT
from report.page import exact_text

DOCS = PROJECT_ROOT / "docs"
BLOCK = re.compile(
    r"(?P<open><!-- figure: (?P<sql>.+?) -->\n)(?P<table>.*?)(?P<close><!-- /figure -->)",
    re.DOTALL,
)


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value).replace("|", "\\|")


def table(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """A Markdown table of the query's rows; numeric columns right-aligned."""
    relation = con.sql(sql)
    names = relation.columns
    rows = relation.fetchall()
    numeric = [all(isinstance(r[i], int | float | Decimal) or r[i] is None for r in rows)
               for i in range(len(names))]  # fmt: skip
    lines = [
        "| " + " | ".join(names) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render(text: str, con: duckdb.DuckDBPyConnection) -> str:
    """The Markdown with every figure block's table computed again."""
    return BLOCK.sub(
        lambda m: m.group("open") + table(con, m.group("sql")) + m.group("close"), text
    )


def documents() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md") if "<!-- figure:" in p.read_text("utf-8"))


def stale(con: duckdb.DuckDBPyConnection, paths: Iterable[Path]) -> list[str]:
    """'file: query' for every block whose committed table differs from the sample's."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for block in BLOCK.finditer(text):
            if table(con, block.group("sql")) != block.group("table"):
                found.append(f"{path.relative_to(PROJECT_ROOT)}: {block.group('sql')[:80]}")
    return found


def sample_warehouse(folder: Path) -> Path:
    """The bundled sample loaded into ``folder``/sdo.duckdb (the offline refresh)."""
    from flows.pipeline import refresh_sources

    db = folder / "sdo.duckdb"
    log = logging.getLogger("doc-figures")
    results = refresh_sources(["ietf", "3gpp"], db, True, None, [], None, False, log)
    failed = [r for r in results if r.status != "ok"]
    if failed:
        raise RuntimeError(f"the sample did not load: {failed}")
    return db


def main(argv: list[str]) -> int:
    check = "--check" in argv
    with tempfile.TemporaryDirectory() as scratch:
        db = sample_warehouse(Path(scratch))
        with duckdb.connect(str(db), read_only=True) as con:
            if check:
                differing = stale(con, documents())
                for line in differing:
                    print(f"differs from the sample: {line}")
                return 1 if differing else 0
            for path in documents():
                text = path.read_text(encoding="utf-8")
                new = render(text, con)
                if new != text:
                    path.write_text(new, encoding="utf-8")
                    print(f"rewrote {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
