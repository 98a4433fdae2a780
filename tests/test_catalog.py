"""The public views' catalog: one list, described by the SQL's own header comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import one_meeting_warehouse
from warehouse.outputs.catalog import PUBLIC_VIEWS, ViewDoc, public_view_docs, view_docs

runner = CliRunner()
DOCS = Path(__file__).parent.parent / "docs" / "views.md"


def test_every_public_view_says_what_a_row_is():
    for doc in public_view_docs():
        assert doc.meaning.endswith(".") and len(doc.meaning) > 20, doc.name
        assert doc.text.startswith(doc.meaning), doc.name


def test_the_docs_table_lists_exactly_the_public_views():
    table = re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.M)
    assert table == list(PUBLIC_VIEWS)


def test_the_header_is_the_comment_right_above_the_view():
    docs = view_docs()
    # two views in one file, each with its own block
    assert docs["bloc_comembership"].file == docs["bloc_membership"].file
    assert docs["bloc_comembership"].meaning.startswith("for each pair of corporate groups")
    assert docs["bloc_membership"].meaning.startswith("the estimated co-signature blocs")
    # abbreviations do not end the first sentence
    assert ViewDoc("v", "one row per body, e.g. IETF. More.", "f").meaning == (
        "one row per body, e.g. IETF."
    )


def test_views_command_lists_columns_from_the_database(tmp_path):
    db = tmp_path / "one.duckdb"
    one_meeting_warehouse(db, ["Huawei"])
    result = runner.invoke(app, ["views", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["view"] for r in rows] == list(PUBLIC_VIEWS)
    with duckdb.connect(str(db), read_only=True) as con:
        for row in rows:
            described = [c[0] for c in con.execute(f"DESCRIBE {row['view']}").fetchall()]
            assert row["columns"] == ", ".join(described), row["view"]
    one = runner.invoke(app, ["views", "delegation_by_group", "--db", str(db)])
    assert one.exit_code == 0 and "Futurewei, HiSilicon and Huawei" in one.output
    assert "hq_country" in one.output


def test_views_without_a_database_still_describe(tmp_path):
    result = runner.invoke(app, ["views", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 0, result.output
    assert "delegation_by_group\n  delegates per corporate group" in result.output
    assert "columns not shown" in result.output
    unknown = runner.invoke(app, ["views", "participation_rows"])
    assert unknown.exit_code == 2 and "not a public view" in unknown.output
