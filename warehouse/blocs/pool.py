"""Consensus blocs for many networks at once, spread over the machine's cores.

Each network's runs are independent of every other network's and fixed by their seeds, so
spreading networks over processes changes nothing in the result, only the wall time.

Workers are fresh interpreters (``python -m warehouse.blocs.pool IN OUT``) handed their
share of networks in a file and writing their results to another. Not multiprocessing's
fork (the caller holds DuckDB's and polars' threads, which a fork copies mid-flight) nor its
spawn or fork server (which re-run the caller's main script, so a script without a
``__main__`` guard would recurse). Networks are dealt out biggest first to the least
loaded worker. Small jobs stay in the calling process: starting a worker costs ~0.5 s.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from warehouse.blocs.consensus import Consensus, ConsensusSettings, consensus_blocs
from warehouse.blocs.network import Network, NetworkKey

# Below this much work (edges summed over the networks to compute, a rough proxy for the
# Leiden time) one process is as fast as starting workers. Measured on 2 cores: two workers
# cost 0.5-0.6 s more up to 12,000 edges and about broke even at 16,000-24,000; rebuilding
# the 59 RAN1 lists (37,635 edges) inside an import took 2.9-3.2 s with them, 3.1-3.7 s
# without (docs/blocs.md).
PARALLEL_FROM_EDGES = 20_000
_PROJECT_ROOT = Path(__file__).resolve().parents[2]

Task = tuple[NetworkKey, Network]


def default_workers() -> int:
    """SDO_BLOC_WORKERS if set, else the cores this process may use."""
    configured = os.environ.get("SDO_BLOC_WORKERS")
    if configured:
        try:
            workers = int(configured)
        except ValueError as exc:
            raise ValueError(f"SDO_BLOC_WORKERS={configured!r}: expected a whole number") from exc
        if workers < 1:
            raise ValueError(f"SDO_BLOC_WORKERS={configured!r}: expected 1 or more")
        return workers
    return max(1, len(os.sched_getaffinity(0)))


def _compute(tasks: Sequence[Task], settings: ConsensusSettings) -> dict[NetworkKey, Consensus]:
    return {key: consensus_blocs(network, settings) for key, network in tasks}


def _deal(tasks: Sequence[Task], workers: int) -> list[list[Task]]:
    """Biggest network first, each to the worker with the fewest edges so far."""
    shares: list[list[Task]] = [[] for _ in range(workers)]
    load = [0] * workers
    for task in sorted(tasks, key=lambda t: (-t[1].edges, t[0][0], t[0][1] or "")):
        lightest = min(range(workers), key=lambda w: (load[w], w))
        shares[lightest].append(task)
        load[lightest] += task[1].edges + 1
    return [share for share in shares if share]


def consensus_for(
    networks: Mapping[NetworkKey, Network], settings: ConsensusSettings, workers: int = 1
) -> tuple[dict[NetworkKey, Consensus], int]:
    """Every network's consensus, and the number of processes that computed them."""
    tasks = list(networks.items())
    work = sum(network.edges for network in networks.values())
    if workers <= 1 or len(tasks) < 2 or work < PARALLEL_FROM_EDGES:
        return _compute(tasks, settings), 1
    shares = _deal(tasks, workers)
    results: dict[NetworkKey, Consensus] = {}
    with tempfile.TemporaryDirectory(prefix="sdo-blocs-") as scratch:
        running = []
        for i, share in enumerate(shares):
            source, target = Path(scratch) / f"in{i}.pickle", Path(scratch) / f"out{i}.pickle"
            source.write_bytes(pickle.dumps((settings, share), pickle.HIGHEST_PROTOCOL))
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                p for p in (str(_PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)}  # fmt: skip
            errors = Path(scratch) / f"err{i}.txt"
            with errors.open("wb") as stderr:
                process = subprocess.Popen(
                    [sys.executable, "-m", "warehouse.blocs.pool", str(source), str(target)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    env=env,
                )
            running.append((process, target, errors))
        for process, target, errors in running:
            process.wait()
            if process.returncode != 0:
                text = errors.read_text(encoding="utf-8", errors="replace")
                tail = text.strip().splitlines()[-3:]
                raise RuntimeError(
                    f"bloc worker failed (exit {process.returncode}): " + " | ".join(tail)
                )
            results.update(pickle.loads(target.read_bytes()))
    return results, len(shares)


def _serve(source: Path, target: Path) -> None:
    settings, tasks = pickle.loads(source.read_bytes())
    target.write_bytes(pickle.dumps(_compute(tasks, settings), pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _serve(Path(sys.argv[1]), Path(sys.argv[2]))
