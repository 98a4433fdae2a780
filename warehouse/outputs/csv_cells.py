"""Text cells a spreadsheet would run as formulas, made inert in every CSV sdo writes.

Affiliation strings and TDoc titles are typed by strangers: "=HYPERLINK(…)" or "=cmd|…" in
one would run when an analyst opens an export in Excel or LibreOffice. OWASP's rule for CSV
injection: a text cell starting with = + - @ tab or carriage return gets a leading
apostrophe, which spreadsheets show as text and do not display. Only text columns are
touched: numbers stay numbers. ``restore_text`` undoes it for sdo's own re-reading of an
export. Pure functions over polars frames.
"""

from __future__ import annotations

import polars as pl

_PATTERN = "^[=+\\-@\\t\\r]"
_ESCAPED = "^'[=+\\-@\\t\\r]"


def inert_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell a spreadsheet would evaluate prefixed with "'"."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_PATTERN))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )


def restore_text(frame: pl.DataFrame) -> pl.DataFrame:
    """The inverse of ``inert_text`` on text columns read back from sdo's own CSV."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_ESCAPED))
        .then(pl.col(c).str.slice(1))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )
