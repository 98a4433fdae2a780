"""Every benchmark case, one table: speed, requests and memory at full-history scale and 10x.

    uv run python benchmarks/run.py [--quick] [--json out.json] [--tdoc-lists DIR] [--runs N]
    uv run --with openpyxl python benchmarks/run.py --tdoc-lists DIR   # adds the openpyxl row

Each case runs in its own child process, so its peak RSS is its own (``os.wait4``). The
IETF cases drive the real refresh (``sdo refresh ietf`` as plain functions, and as the
Prefect flow) against generated datatracker records served on 127.0.0.1 by
benchmarks/datatracker_server.py, with ``SDO_HTTP_PAUSE=0``: times exclude the polite
pause a live refresh keeps between requests. The views case reads a warehouse holding the
10x IETF refresh plus generated 3GPP records at 10x loaded through the real 3GPP loader.
Case 1 needs the real TDoc lists (``--tdoc-lists``, e.g. the 59 RAN1 lists #84-#122-bis);
without them it is skipped.

``--quick`` runs each case once at 0.05x and 0.5x (a smoke run, ~4 minutes); the figures
in docs/performance.md come from a full run (1x and 10x, medians of ``--runs``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from warehouse.outputs.catalog import PUBLIC_VIEWS  # every view the project promises

HERE = Path(__file__).resolve().parent


@dataclass
class Result:
    name: str
    rows: int
    seconds: float
    rows_per_s: float | None
    peak_rss_mb: float | None
    ratio: float | None  # what the case compares: vs floor, vs first refresh, vs target…
    target: str
    met: bool | None
    note: str = ""


def _scale_label(scale: float) -> str:
    return f"{scale:g}x"


# --- children: each runs one measurement and prints one JSON line --------------------------


def _child_tdoc_lists(folder: str, reader: str, runs: int) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    import logging

    import ran1_tdoc_lists as lists

    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    files = sorted(Path(folder).glob("TDoc_List*.xlsx"))
    lists._bare_calamine(files[0])  # warm imports and the file cache
    if reader == "pipeline":
        import warehouse.derived.steps as derived

        # the bloc rebuild (voting rights, co-signature networks) runs in the same
        # transaction; timed apart, it tells how much of the total is analytics
        build_blocs, in_blocs = derived.build_blocs, [0.0]

        def timed_blocs(*args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            try:
                return build_blocs(*args, **kwargs)  # type: ignore[arg-type]
            finally:
                in_blocs[0] += time.perf_counter() - began

        derived.build_blocs = timed_blocs  # type: ignore[assignment]
        seconds, blocs, rows = [], [], 0
        for _ in range(runs):
            in_blocs[0] = 0.0
            started = time.perf_counter()
            rows = lists._full_load(files)
            seconds.append(time.perf_counter() - started)
            blocs.append(in_blocs[0])
        return {
            "rows": rows,
            "seconds": statistics.median(seconds),
            "blocs": statistics.median(blocs),
        }
    read = {"floor": lists._bare_calamine, "openpyxl": lists._openpyxl_read_only}[reader]
    rows, median = lists._time(files, read, runs)
    return {"rows": rows, "seconds": median}


def _child_refresh(mode: str) -> dict[str, object]:
    """One refresh, timed from after the imports (the CLI case times those too)."""
    import logging

    if mode == "plain":
        from flows.pipeline import refresh_ietf_source
        from flows.settings import Settings

        started = time.perf_counter()
        settings = Settings.from_env()
        results = [refresh_ietf_source(settings, False, None, None, logging.getLogger("bench"))]
    else:
        from flows.refresh import refresh
        from flows.settings import prepare_prefect_environment

        started = time.perf_counter()
        prepare_prefect_environment()
        results = refresh(sources=["ietf"])
    (result,) = results
    if result.status != "ok":
        raise SystemExit(f"refresh failed: {result.message}")
    return {
        "rows": sum(result.rows.values()),
        "requests": result.requests,
        "seconds": time.perf_counter() - started,
    }


def _child_threegpp_load(db: str, scale: float) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from generate_threegpp import threegpp_parts

    from flows.settings import Settings
    from warehouse.loads.threegpp import load_threegpp_parts
    from warehouse.orgs.reference import load_reference
    from warehouse.store.db import apply_views, connect, migrate

    con = connect(db, memory_limit=Settings.load_memory_limit)  # as a refresh's load
    migrate(con)
    apply_views(con)
    # the groups are generated as the load asks for them, one in memory at a time, as a
    # refresh reads one group's files after another; generating is part of the time
    started = time.perf_counter()
    summary = load_threegpp_parts(con, threegpp_parts(scale), "bench-3gpp", load_reference())
    seconds = time.perf_counter() - started
    con.close()
    return {"rows": sum(summary.rows.values()), "seconds": seconds}


def _child_views(db: str, runs: int) -> dict[str, object]:
    import duckdb

    from flows.export import export_week
    from warehouse.outputs.exports import Week

    timings: dict[str, object] = {}
    with duckdb.connect(db, read_only=True) as con:
        for view in PUBLIC_VIEWS:
            seconds, rows = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                rows = con.sql(f"SELECT * FROM {view}").to_arrow_table().num_rows
                seconds.append(time.perf_counter() - started)
            timings[view] = {"rows": rows, "seconds": statistics.median(seconds)}
        (latest,) = con.execute("SELECT max(dated) FROM meetings").fetchone() or (None,)
    week = Week.of(latest or date.today())
    seconds = []
    rows = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            exported = export_week(db=Path(db), out=Path(out), week=week)
            seconds.append(time.perf_counter() - started)
            rows = sum(exported.files.values())
    timings["export"] = {"rows": rows, "seconds": statistics.median(seconds), "week": week.label}
    return timings


def child(argv: list[str]) -> None:
    case, *args = argv
    if case == "tdoc-lists":
        out = _child_tdoc_lists(args[0], args[1], int(args[2]))
    elif case == "refresh":
        out = _child_refresh(args[0])
    elif case == "threegpp-load":
        out = _child_threegpp_load(args[0], float(args[1]))
    elif case == "views":
        out = _child_views(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown case {case}")
    print("RESULT " + json.dumps(out, default=str), flush=True)


# --- the parent: servers, fresh warehouses, the table ---------------------------------------


def run_child(args: list[str], env: dict[str, str] | None = None) -> tuple[dict, float]:
    """Run one case in a child; (its result, its peak RSS in MB)."""
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", *args],
            stdout=subprocess.PIPE,
            stderr=log,
            env={**os.environ, **(env or {})},
            text=True,
        )
        output = process.stdout.read() if process.stdout else ""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if status != 0:
            log.seek(0)
            raise SystemExit(
                f"benchmark case {args} failed (status {status}):\n{log.read()[-3000:]}"
            )
    line = next(x for x in output.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT ")), usage.ru_maxrss / 1024


@contextmanager
def datatracker(scale: float) -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "datatracker_server.py"), "--scale", str(scale)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise SystemExit(f"the datatracker server did not start (said {url!r})")
        yield url
    finally:
        server.terminate()
        server.wait()


def served(url: str, what: str = "requests") -> int:
    """What the server counted: ``requests``, or ``small_pages`` (a limit other than 1000)."""
    with urllib.request.urlopen(f"{url}/__requests") as answer:
        return int(json.load(answer)[what])


def refresh_env(url: str, folder: Path) -> dict[str, str]:
    return {
        "SDO_IETF_URL": url,
        "SDO_DB": str(folder / "sdo.duckdb"),
        "SDO_RAW": str(folder / "raw"),
        "SDO_HTTP_PAUSE": "0",
        "PREFECT_HOME": str(folder.parent / "prefect"),
    }


def warm_prefect(folder: Path) -> None:
    """Create and migrate Prefect's database once, as on any machine after its first run:
    the flow runs measured then pay what every later `sdo refresh` pays."""
    code = "from prefect import flow\nflow(name='warm-up')(lambda: None)()"
    env = {**os.environ, "PREFECT_HOME": str(folder / "prefect")}
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)


@dataclass
class Refreshes:
    plain: list[dict]
    plain_rss: list[float]
    noop: dict
    noop_rss: float
    flow: list[dict]
    db: Path
    cli_noop_seconds: float  # `sdo refresh ietf` with nothing new, wall clock, direct mode
    bare_requests_seconds: float  # the no-op's own requests, sent again with nothing else


def archived_urls(raw: Path) -> list[str]:
    index = raw / "index.jsonl"
    if not index.exists():
        return []
    return [json.loads(line)["url"] for line in index.read_text().splitlines()]


def bare_requests(urls: list[str]) -> float:
    """Seconds to send ``urls`` one after another and read each answer whole: what a
    refresh that makes these requests cannot do without."""
    import httpx

    with httpx.Client(timeout=60) as client:
        started = time.perf_counter()
        for url in urls:
            client.get(url).raise_for_status()
        return time.perf_counter() - started


def measure_refreshes(url: str, scratch: Path, runs: int, flow_runs: int) -> Refreshes:
    """``runs`` first refreshes as plain functions (each into a fresh warehouse), a no-op
    refresh on the last, then ``flow_runs`` first refreshes as the Prefect flow."""
    plain, rss = [], []
    for i in range(runs):
        folder = scratch / f"plain{i}"
        shutil.rmtree(folder, ignore_errors=True)
        before, small = served(url), served(url, "small_pages")
        result, peak = run_child(["refresh", "plain"], refresh_env(url, folder))
        result["served"] = served(url) - before
        result["small_pages"] = served(url, "small_pages") - small
        plain.append(result)
        rss.append(peak)
    # the emulator filters a query's collection the first time it is asked and keeps the
    # answer (a datatracker answers from its database indexes every time): a first no-op
    # pays that once, so the no-op measured is the second
    run_child(["refresh", "plain"], refresh_env(url, folder))
    before, archived = served(url), len(archived_urls(folder / "raw"))
    noop, noop_rss = run_child(["refresh", "plain"], refresh_env(url, folder))
    noop["served"] = served(url) - before
    bare = bare_requests(archived_urls(folder / "raw")[archived:])
    cli_env = {**os.environ, **refresh_env(url, folder)}
    cli_env.pop("PREFECT_API_URL", None)  # the direct mode a user command runs in
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "sdo"), "refresh", "ietf"], env=cli_env,
        check=True, capture_output=True,
    )  # fmt: skip
    cli_noop = time.perf_counter() - started
    flows = []
    if flow_runs:
        warm_prefect(scratch)
    for i in range(flow_runs):
        flow_folder = scratch / f"flow{i}"
        shutil.rmtree(flow_folder, ignore_errors=True)
        result, _ = run_child(["refresh", "flow"], refresh_env(url, flow_folder))
        flows.append(result)
        shutil.rmtree(flow_folder, ignore_errors=True)
    return Refreshes(plain, rss, noop, noop_rss, flows, folder / "sdo.duckdb", cli_noop, bare)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def tdoc_list_cases(folder: Path, runs: int) -> list[Result]:
    floor, floor_rss = run_child(["tdoc-lists", str(folder), "floor", str(runs)])
    pipeline, pipeline_rss = run_child(["tdoc-lists", str(folder), "pipeline", str(runs)])
    base = float(floor["seconds"])
    without = pipeline["seconds"] - pipeline["blocs"]
    results = [
        Result(
            "3gpp tdoc lists: calamine read (floor)",
            floor["rows"], base, floor["rows"] / base, floor_rss, 1.0, "floor", None,
        ),
        Result(
            "3gpp tdoc lists: parse+split+resolve+load",
            pipeline["rows"], pipeline["seconds"], pipeline["rows"] / pipeline["seconds"],
            pipeline_rss, pipeline["seconds"] / base, "≤ 2.0x floor",
            pipeline["seconds"] / base <= 2.0, "all of `sdo import`, blocs included",
        ),
        Result(
            "3gpp tdoc lists: the same without the bloc rebuild",
            pipeline["rows"], without, pipeline["rows"] / without, None, without / base,
            "≤ 2.0x floor", without / base <= 2.0,
            f"voting rights and co-signature blocs took {pipeline['blocs']:.2f} s of it",
        ),
        Result(
            "3gpp tdoc lists: bloc rebuild (consensus included)",
            pipeline["rows"], pipeline["blocs"], pipeline["rows"] / pipeline["blocs"], None,
            pipeline["blocs"] / base, "≤ 1.6x floor", pipeline["blocs"] / base <= 1.6,
            "voting rights, networks, Leiden consensus of every network, labels",
        ),
    ]  # fmt: skip
    if importlib.util.find_spec("openpyxl") is not None:
        slow, slow_rss = run_child(["tdoc-lists", str(folder), "openpyxl", "1"])
        results.append(
            Result(
                "3gpp tdoc lists: openpyxl read-only",
                slow["rows"], slow["seconds"], slow["rows"] / slow["seconds"], slow_rss,
                slow["seconds"] / base, "reference", None,
                "what existing 3GPP tools use; one run",
            )
        )  # fmt: skip
    return results


def ietf_cases(
    scale: float, runs: int, scratch: Path, flow_runs: int
) -> tuple[list[Result], Refreshes]:
    label = _scale_label(scale)
    with datatracker(scale) as url:
        measured = measure_refreshes(url, scratch / label, runs, flow_runs)
    first = measured.plain
    seconds = _median([r["seconds"] for r in first])
    rows, requests = first[0]["rows"], first[0]["requests"]
    served_ok = all(r["served"] == r["requests"] for r in first)
    noop = measured.noop
    results = [
        Result(
            f"ietf full refresh @{label}",
            rows, seconds, rows / seconds, max(measured.plain_rss), rows / max(requests, 1),
            "pages of 1000", all(r["small_pages"] == 0 for r in first),
            f"{requests} requests; server counted the same: {served_ok}; "
            f"the default 1 s pause would add {requests} s",
        ),
        Result(
            f"ietf no-op refresh @{label}",
            noop["rows"], noop["seconds"], None, measured.noop_rss, noop["requests"] / requests,
            "< 5% of first refresh's requests", noop["requests"] / requests < 0.05,
            f"{noop['requests']} requests (first: {requests})",
        ),
    ]  # fmt: skip
    bare = measured.bare_requests_seconds
    results.append(
        Result(
            f"ietf no-op refresh beyond its requests @{label}",
            noop["rows"], noop["seconds"] - bare, None, None, None,
            "≤ 1.5 s beyond the bare requests", noop["seconds"] - bare <= 1.5,
            f"no-op {noop['seconds']:.2f} s; its {noop['requests']} requests sent bare "
            f"{bare:.2f} s",
        )
    )  # fmt: skip
    cli, work = measured.cli_noop_seconds, noop["seconds"]
    results.append(
        Result(
            f"sdo refresh no-op (CLI, direct) @{label}",
            noop["rows"], cli, None, None, cli / work,
            "within 1.5 s of the plain run", cli - work <= 1.5,
            f"CLI {cli:.1f} s wall vs the same steps as plain functions {work:.1f} s: "
            f"+{cli - work:.1f} s (interpreter, imports; no Prefect server)",
        )
    )  # fmt: skip
    if measured.flow:
        flow = _median([r["seconds"] for r in measured.flow])
        results.append(
            Result(
                f"prefect flow vs plain @{label}",
                rows, flow, rows / flow, None, flow / seconds,
                "constant overhead", None,
                f"flow {flow:.1f} s vs plain {seconds:.1f} s: +{flow - seconds:.1f} s",
            )
        )  # fmt: skip
    return results, measured


def warehouse_cases(db: Path, scale: float, runs: int) -> list[Result]:
    label = _scale_label(scale)
    loaded, rss = run_child(["threegpp-load", str(db), str(scale)])
    results = [
        Result(
            f"3gpp load of generated history @{label}",
            loaded["rows"], loaded["seconds"], loaded["rows"] / loaded["seconds"], rss, None,
            "< 15 min, < 4 GB", loaded["seconds"] < 900 and rss < 4096,
            "a transaction per working group, then the derived steps (blocs included)",
        )
    ]  # fmt: skip
    views, views_rss = run_child(["views", str(db), str(runs)])
    for view in PUBLIC_VIEWS:
        took = views[view]["seconds"]
        results.append(
            Result(
                f"view {view} @{label}", views[view]["rows"], took, None, None, took / 1.0,
                "< 1 s", took < 1.0,
            )
        )  # fmt: skip
    export = views["export"]
    results.append(
        Result(
            f"weekly export @{label}", export["rows"], export["seconds"], None, views_rss,
            export["seconds"] / 3.0, "< 3 s", export["seconds"] < 3.0, f"week {export['week']}",
        )
    )  # fmt: skip
    return results


def print_table(results: list[Result], header: bool = True) -> None:
    head = f"{'case':48} {'rows':>10} {'seconds':>8} {'rows/s':>9} {'peak MB':>8} {'ratio':>7}"
    if header:
        print(head + "  target")
    for r in results:
        rate = f"{r.rows_per_s:,.0f}" if r.rows_per_s else "-"
        rss = f"{r.peak_rss_mb:,.0f}" if r.peak_rss_mb else "-"
        ratio = f"{r.ratio:.3f}" if r.ratio is not None else "-"
        verdict = "" if r.met is None else (" ok" if r.met else " MISSED")
        print(
            f"{r.name:48} {r.rows:>10,} {r.seconds:>8.2f} {rate:>9} {rss:>8} {ratio:>7}  "
            f"{r.target}{verdict}" + (f"  ({r.note})" if r.note else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="once each, at 0.05x and 0.5x")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--tdoc-lists", type=Path, help="folder of real TDoc_List*.xlsx files")
    parser.add_argument("--runs", type=int, help="runs per case, median reported (default 3)")
    parser.add_argument(
        "--only-tdoc-lists", action="store_true", help="case 1 alone (needs --tdoc-lists)"
    )
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    runs = args.runs or (1 if args.quick else 3)
    base, big = (0.05, 0.5) if args.quick else (1.0, 10.0)
    started = time.perf_counter()
    results: list[Result] = []
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    def report(rows: list[Result]) -> None:
        """Print each group as it finishes, and keep the JSON current: a case that fails
        late (a long run, memory) does not take the earlier figures with it."""
        print_table(rows, header=not results)
        results.extend(rows)
        if args.json:
            write_json(args.json, results, args.quick, runs)

    if args.tdoc_lists:
        if not any(args.tdoc_lists.glob("TDoc_List*.xlsx")):
            raise SystemExit(f"{args.tdoc_lists}: no TDoc_List*.xlsx files")
        report(tdoc_list_cases(args.tdoc_lists, runs))
    else:
        print("case 1 skipped: pass --tdoc-lists DIR (the real RAN1 TDoc lists)", file=sys.stderr)
    if args.only_tdoc_lists:
        return
    with tempfile.TemporaryDirectory(prefix="sdo-bench-") as scratch:
        report(ietf_cases(base, runs, Path(scratch), flow_runs=runs)[0])
        at_big, big_runs = ietf_cases(big, runs, Path(scratch), 1)
        memory = max(big_runs.plain_rss)
        at_big.append(
            Result(
                f"peak memory of a full refresh @{_scale_label(big)}",
                big_runs.plain[0]["rows"], _median([r["seconds"] for r in big_runs.plain]), None,
                memory, memory / 1536, "< 1,536 MB", memory < 1536,
            )
        )  # fmt: skip
        report(at_big)
        report(warehouse_cases(big_runs.db, big, runs))
    print(f"{time.perf_counter() - started:.0f} s in all")


def write_json(path: Path, results: list[Result], quick: bool, runs: int) -> None:
    path.write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d"),
                "machine": f"{platform.machine()} {os.cpu_count()} cores",
                "python": platform.python_version(),
                "quick": quick,
                "runs": runs,
                "results": [asdict(r) for r in results],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
