"""Fetched rows staged on disk as Parquet, page by page, instead of held in memory.

A full IETF history at ten times today's size is ~5M rows across a dozen collections:
held as polars frames until the load, they were ~0.8 GB of the refresh's peak. With a
``Stage``, each page's parsed frame is appended to its collection's Parquet file as it
arrives and the collection is handed on as a ``StagedFrame`` (the files and their row
count); the warehouse reads the files with DuckDB's own Parquet reader.

``Frame`` is what a fetch hands to the load: a polars frame (small fetches, tests) or a
staged one; both answer ``height``, ``columns`` and ``is_empty()``.

May import polars and pyarrow; nothing of the project.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq


@dataclass(frozen=True)
class StagedFrame:
    """Rows in Parquet files (read in order as one frame): one collection as fetched."""

    paths: tuple[Path, ...]
    schema: pl.Schema
    height: int

    @property
    def columns(self) -> list[str]:
        return list(self.schema.names())

    def is_empty(self) -> bool:
        return self.height == 0

    def scan(self) -> pl.LazyFrame:
        if not self.paths:
            return pl.LazyFrame(schema=self.schema)
        return pl.scan_parquet(list(self.paths))

    def collect(self) -> pl.DataFrame:
        return self.scan().collect()


Frame = pl.DataFrame | StagedFrame


def lazy(frame: Frame) -> pl.LazyFrame:
    return frame.scan() if isinstance(frame, StagedFrame) else frame.lazy()


def column_values(frame: Frame, column: str) -> set[object]:
    """The distinct values of one column (read from the files alone, for a staged frame)."""
    return set(lazy(frame).select(pl.col(column).unique()).collect().to_series())


def column_max(frame: Frame, column: str) -> object:
    if frame.is_empty():
        return None
    return lazy(frame).select(pl.col(column).max()).collect().item()


def transform(frame: Frame, change: Callable[[pl.LazyFrame], pl.LazyFrame]) -> Frame:
    """``change`` (which adds or alters columns, never rows) applied to ``frame``: in
    memory for a polars frame; for a staged one streamed by polars into a new file beside
    the first (the originals are kept until the stage is cleaned up)."""
    if isinstance(frame, pl.DataFrame):
        return change(frame.lazy()).collect()
    if not frame.paths:
        return change(frame.scan()).collect()
    changed = change(frame.scan())
    handle, name = tempfile.mkstemp(suffix=".parquet", dir=frame.paths[0].parent)
    os.close(handle)
    path = Path(name)
    changed.sink_parquet(path, compression="zstd")
    return StagedFrame((path,), changed.collect_schema(), frame.height)


class PageWriter:
    """Appends page frames to one Parquet file (a row group a page)."""

    def __init__(self, path: Path, schema: pl.Schema) -> None:
        self.path, self.schema, self.height = path, schema, 0
        self._writer: pq.ParquetWriter | None = None

    def write(self, frame: pl.DataFrame) -> None:
        if frame.is_empty():
            return
        table = frame.to_arrow()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema, compression="zstd")
        self._writer.write_table(table)
        self.height += frame.height

    def close(self) -> StagedFrame:
        if self._writer is None:
            return StagedFrame((), self.schema, 0)
        self._writer.close()
        return StagedFrame((self.path,), self.schema, self.height)


_PREFIX = "sdo-stage-"


class Stage:
    """A private directory of staged collections, removed with ``cleanup()``."""

    def __init__(self, parent: Path | None = None) -> None:
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        self.directory = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=parent))
        self._numbers = itertools.count()

    def writer(self, name: str, schema: pl.Schema) -> PageWriter:
        safe = "".join(c if c.isalnum() else "_" for c in name)
        return PageWriter(self.directory / f"{next(self._numbers):05d}-{safe}.parquet", schema)

    def write(self, name: str, frame: pl.LazyFrame) -> StagedFrame:
        """A derived frame written as a new staged file by polars' streaming engine."""
        writer = self.writer(name, frame.collect_schema())
        frame.sink_parquet(writer.path, compression="zstd")
        height = pl.scan_parquet(writer.path).select(pl.len()).collect().item()
        return StagedFrame((writer.path,), writer.schema, height)

    def cleanup(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def concat_frames(frames: list[Frame], empty: Callable[[], pl.DataFrame]) -> Frame:
    """One frame of ``frames`` in order: staged files are listed one after another,
    polars frames concatenated (a mix is staged frames only in practice; refused otherwise)."""
    if not frames:
        return empty()
    if all(isinstance(f, StagedFrame) for f in frames):
        staged = [f for f in frames if isinstance(f, StagedFrame)]
        paths = tuple(p for f in staged for p in f.paths)
        return StagedFrame(paths, staged[0].schema, sum(f.height for f in staged))
    if all(isinstance(f, pl.DataFrame) for f in frames):
        return pl.concat([f for f in frames if isinstance(f, pl.DataFrame)], rechunk=False)
    raise TypeError("cannot concatenate staged and in-memory frames")


def remove_leftover_stages(parent: Path) -> list[Path]:
    """Remove stages a killed run left in ``parent`` (call it only where no other run can
    be staging: under the refresh lock). Returns what was removed."""
    if not parent.is_dir():
        return []
    leftovers = sorted(p for p in parent.glob(f"{_PREFIX}*") if p.is_dir())
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return leftovers
