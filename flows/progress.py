"""Progress bars for long runs, on a terminal only (pipes and logs stay clean).

`with progress("TDoc lists", total=59) as step: ... step()` draws a rich progress bar on
stderr when it is a terminal, and does nothing otherwise or with SDO_PROGRESS=0.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[..., None]]:
    if os.environ.get("SDO_PROGRESS") == "0" or not sys.stderr.isatty():
        yield lambda *_args, **_kw: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, note="")

        def step(note: str = "", advance: int = 1) -> None:
            bar.update(task, advance=advance, note=note)

        yield step
