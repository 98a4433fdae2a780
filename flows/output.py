"""Rendering query results for the terminal and for pipes: table, CSV or JSON."""

from __future__ import annotations

import json

import polars as pl

from warehouse.outputs.csv_cells import inert_text


def render(frame: pl.DataFrame, fmt: str) -> str:
    """Text cells a spreadsheet would run as formulas are made inert in CSV (csv_cells)."""
    if fmt == "csv":
        return inert_text(frame).write_csv(
            datetime_format="%Y-%m-%dT%H:%M:%S%z", date_format="%Y-%m-%d"
        )
    if fmt == "json":
        return json.dumps(frame.to_dicts(), indent=2, default=str, ensure_ascii=False) + "\n"
    with pl.Config(
        tbl_rows=max(frame.height, 1),
        tbl_cols=-1,
        tbl_width_chars=200,
        fmt_str_lengths=60,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
        fmt_float="mixed",  # 161.0 delegates, 0.054 shares: no padded zeros
    ):
        return f"{frame}\n({frame.height} rows)\n"
