"""The `sdo` command line, one module per command group: loading (refresh, import,
publish, serve), reading (sql, shell, views, status), orgs, blocs, outputs (export,
report); app holds the Typer app they register on. Each command is a thin door onto the
pipeline or a query.

May import flows' other modules, report, warehouse and scrapers; nothing in the project
imports it (the console script `sdo` is `flows.cli:main`).
"""

# Importing a module registers its commands; `sdo --help` lists them in this order.
# isort: off
from flows.cli import loading  # noqa: F401
from flows.cli import reading  # noqa: F401
from flows.cli import orgs  # noqa: F401
from flows.cli import blocs  # noqa: F401
from flows.cli import outputs  # noqa: F401

# isort: on
from flows.cli.app import app, main, render_rows
from flows.cli.loading import SAMPLE_GAPS

__all__ = ["SAMPLE_GAPS", "app", "main", "render_rows"]
