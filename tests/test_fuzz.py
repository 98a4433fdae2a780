"""The fuzz harness (tests/fuzz.py) over every importer: a bounded run in every suite, more
on demand (SDO_FUZZ_CASES=5000 uv run pytest tests/test_fuzz.py, or python -m tests.fuzz).

It runs in a child process under an address-space limit, so a reader that tries to take the
machine down fails this test instead."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CASES = int(os.environ.get("SDO_FUZZ_CASES", "135"))  # 15 per seed file, ~15 s
LIMIT = 4 << 30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.mark.parametrize("seed", [1, 2])
def test_mutated_real_files_are_parsed_or_refused_by_name(seed: int) -> None:
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-m", "tests.fuzz", "--cases", str(CASES), "--seed", str(seed)],
        cwd=root, capture_output=True, text=True, timeout=1800, check=False,
        preexec_fn=_limited,
    )  # fmt: skip
    assert run.stdout, f"the harness died (exit {run.returncode}): {run.stderr[-2000:]}"
    report = json.loads(run.stdout)
    assert report["findings"] == [], report["findings"]
    assert report["parsed"] + report["refused"] == CASES
    assert report["refused"] > 0 and report["parsed"] > 0  # the mutations bite, not all
    assert report["peak_rss_mb"] < 1536
