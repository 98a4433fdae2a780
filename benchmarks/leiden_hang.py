"""Does igraph's Leiden still never return on the network that stopped the 3GPP 1x load?

    uv run python benchmarks/leiden_hang.py [--timeout 20]

tests/fixtures/blocs/leiden_hang_network.json is a 25-node, 120-edge co-signature network of the
generated 3GPP history. With igraph 1.0.0, ``community_leiden`` as the bloc consensus calls
it (warehouse/blocs/detection.py: modularity through node weights = strengths, 2
iterations) returns in under a millisecond for most seeds and never returns for seed 91:
the first 3GPP 1x load (30,640 networks) ran for 40 minutes in that one call. Leaving out
the two nodes without an edge moved the hang to seed 118, so it is not about unattached
nodes. Each seed runs in a child process killed after ``--timeout`` seconds; the script
names the seeds that did not return (exit status 1 when any did).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

DATA = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "fixtures"
    / "blocs"
    / "leiden_hang_network.json"
)
SEEDS = range(86, 186)  # the seeds the consensus draws from with its default settings

CHILD = """
import json, sys
import numpy as np
from warehouse.blocs.detection import Leiden
from warehouse.blocs.network import Network
d = json.load(open(sys.argv[1]))
n, edges = d["nodes"], len(d["source"])
network = Network(
    nodes=tuple(f"group {i:02d}" for i in range(n)), documents=np.ones(n, dtype=np.int64),
    source=np.array(d["source"]), target=np.array(d["target"]), weight=np.array(d["weight"]),
    edge_documents=np.ones(edges, dtype=np.int64), cosigned=0,
)
leiden = Leiden(network)
for seed in [int(s) for s in sys.argv[2].split(",")]:
    print(seed, flush=True)
    leiden.runs([seed])
print("done", flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds for all seeds")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    hung: list[int] = []
    remaining = list(SEEDS)
    while remaining:
        seeds = ",".join(map(str, remaining))
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(DATA), seeds],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            output, _ = child.communicate(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            output, _ = child.communicate()
        started = [int(line) for line in output.split() if line.isdigit()]
        if "done" in output:
            break
        stuck = started[-1]
        hung.append(stuck)
        remaining = [s for s in remaining if s > stuck]
    import igraph

    print(f"igraph {igraph.__version__}: {len(SEEDS)} seeds, did not return: {hung or 'none'}")
    raise SystemExit(1 if hung else 0)


if __name__ == "__main__":
    main()
