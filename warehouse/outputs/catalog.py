"""The public views: which they are, what each answers, and their columns.

``PUBLIC_VIEWS`` is the one list of the views the project promises (README, docs/views.md,
the published snapshot, ``sdo views``), in the order docs/views.md shows them. What a view
answers is read from the comment above its ``CREATE OR REPLACE VIEW`` in sql/views/ (its
first line starts with the view's name and a colon), so the tool, the snapshot's manifest
and the docs quote the same text; its columns come from the database, so they are the ones
a query returns.

Reads sql/ and DESCRIBEs views on a connection; imports warehouse.store.db only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from warehouse.store.db import view_files

PUBLIC_VIEWS = (
    "meetings", "delegation_by_org", "delegation_by_group", "delegation_by_country",
    "threegpp_participant_list_state", "org_resolution", "contributions_by_group",
    "contributions_by_group_type", "uploaders_by_group", "leadership_by_group",
    "authorship_by_group", "authorship_by_country", "session_attendance_by_group",
    "nomcom_pool", "voting_rights", "votes_by_group", "bloc_membership", "bloc_summary",
    "bloc_comembership", "bloc_switches", "elections", "concentration", "load_status",
)  # fmt: skip

_CREATE = re.compile(r"^CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.IGNORECASE)
# the end of a view's first sentence: a full stop before a space or the end, not an
# abbreviation's ("e.g. RAN1")
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)(?<!\bcf)\.(?=\s|$)")


@dataclass(frozen=True)
class ViewDoc:
    name: str
    text: str  # the whole header comment, without the name and the comment marks
    file: str  # the sql/views file that defines it

    @property
    def meaning(self) -> str:
        """The header's first sentence: what one row of the view is."""
        end = _SENTENCE_END.search(self.text)
        return self.text[: end.start() + 1] if end else self.text


@cache
def view_docs(directory: Path | None = None) -> dict[str, ViewDoc]:
    """Every view defined in sql/views with the comment block right above its CREATE."""
    docs: dict[str, ViewDoc] = {}
    for path in view_files(directory):
        block: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("--"):
                block.append(stripped[2:].strip())
                continue
            found = _CREATE.match(stripped)
            if found:
                name = found.group(1)
                docs[name] = ViewDoc(name, _header_text(name, block), path.name)
            block = []
    return docs


def _header_text(name: str, block: list[str]) -> str:
    """The comment lines as one paragraph, from the line that names the view on."""
    for at, line in enumerate(block):
        if line.startswith(f"{name}:"):
            return " ".join([line[len(name) + 1 :].strip(), *block[at + 1 :]]).strip()
    return ""


def public_view_docs() -> list[ViewDoc]:
    """The public views' headers, in PUBLIC_VIEWS order; a public view without a header
    comment is a defect of sql/views and raises."""
    docs = view_docs()
    missing = [name for name in PUBLIC_VIEWS if not docs.get(name) or not docs[name].text]
    if missing:
        raise LookupError(f"public views without a header comment in sql/views: {missing}")
    return [docs[name] for name in PUBLIC_VIEWS]


def view_columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) of a view (or of a query), in its order."""
    return [(str(row[0]), str(row[1])) for row in con.execute(f"DESCRIBE {name}").fetchall()]


def empty_public_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The public views with no row, in PUBLIC_VIEWS order (each asked for one row only)."""
    return [
        name
        for name in PUBLIC_VIEWS
        if not con.execute(f"SELECT EXISTS (SELECT 1 FROM {name})").fetchall()[0][0]
    ]
