"""Run every mutant `mutmut run` left alive against the whole of the selected test files.

mutmut picks the tests it runs for a mutant from which tests called the mutated function
while it collected its stats. Work done once in a module-scoped fixture (a parsed workbook
every test of the module reads) is credited to the first test that asked for it, so a
mutant there meets one test, not the ones that check what the fixture built. This
script gives each surviving mutant the whole selection of [tool.mutmut]
pytest_add_cli_args_test_selection, in the mutants/ copy, with the mutant switched on the
way mutmut's trampoline reads it (MUTANT_UNDER_TEST), and prints what survives that.

    uv run mutmut run
    uv run python scripts/mutation_recheck.py        # after it, from the project root

Exit status 0; the survivors are for reading (docs/testing.md says what was found).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def survivors() -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.split(":")[0].strip() for line in out.splitlines() if line.endswith(": survived")]


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    tests = config["pytest_add_cli_args_test_selection"]
    alive = survivors()
    still = []
    for number, name in enumerate(alive, start=1):
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=ROOT / "mutants",
            env={**os.environ, "MUTANT_UNDER_TEST": name},
            capture_output=True,
            text=True,
        )
        killed = result.returncode != 0
        print(f"[{number}/{len(alive)}] {name}: {'killed' if killed else 'survived'}", flush=True)
        if not killed:
            still.append(name)
    print(f"\n{len(alive) - len(still)} of {len(alive)} survivors killed by the whole selection;")
    print(f"{len(still)} survive:")
    for name in still:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
