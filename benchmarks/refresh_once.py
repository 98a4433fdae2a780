"""One IETF refresh in this process, as plain functions or as the Prefect flow; prints JSON.

    SDO_DB=… SDO_RAW=… SDO_IETF_URL=… python benchmarks/refresh_once.py plain|flow

Run by benchmarks/run.py in a child process, so that process's peak RSS is the refresh's.
"""

from __future__ import annotations

import json
import logging
import sys
import time


def main() -> None:
    mode = sys.argv[1]
    started = time.perf_counter()
    if mode == "plain":
        from flows.pipeline import refresh_ietf_source
        from flows.settings import Settings

        results = [
            refresh_ietf_source(Settings.from_env(), False, None, None, logging.getLogger("bench"))
        ]
    else:
        from flows.refresh import refresh
        from flows.settings import prepare_prefect_environment

        prepare_prefect_environment()
        results = refresh(sources=["ietf"])
    seconds = time.perf_counter() - started
    (result,) = results
    print(
        json.dumps(
            {
                "status": result.status,
                "message": result.message,
                "requests": result.requests,
                "rows": sum(result.rows.values()),
                "seconds": seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
