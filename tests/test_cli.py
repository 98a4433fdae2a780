"""The command line's contract: documented commands exist, errors are clear."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()
README = Path(__file__).parent.parent / "README.md"


def test_every_command_in_the_readme_exists():
    documented = set(re.findall(r"^\| `sdo (\w+)", README.read_text(), flags=re.M))
    assert documented >= {"refresh", "sql", "status"}
    for command in documented:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, f"sdo {command}: {result.output}"


def test_readme_starts_with_the_two_commands():
    head = README.read_text()[:400]
    assert "uv run sdo refresh --offline" in head and "uv run pytest" in head


def test_query_before_any_refresh_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no database yet" in result.output and "sdo refresh" in result.output


def test_bad_query_is_reported_not_raised(tmp_path):
    import duckdb

    db = tmp_path / "x.duckdb"
    duckdb.connect(str(db)).close()
    result = runner.invoke(app, ["sql", "SELECT * FROM no_such_view", "--db", str(db)])
    assert result.exit_code == 1 and "query failed" in result.output
    assert "no_such_view" in result.output


def test_unknown_format_and_source_are_usage_errors(tmp_path):
    assert runner.invoke(app, ["sql", "SELECT 1", "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["refresh", "3gpp-typo"])
    assert result.exit_code == 2 and "unknown source" in result.output
    result = runner.invoke(app, ["refresh", "--archive", str(tmp_path)])
    assert result.exit_code == 2 and "--archive goes with --offline" in result.output
