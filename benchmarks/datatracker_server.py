"""A datatracker on loopback, serving generated records to the real scrapers.

    uv run python benchmarks/datatracker_server.py --scale 1     # prints its URL, serves

Runs in its own process so a refresh measured against it carries none of the server's
memory or CPU. Keep-alive HTTP/1.1, like the real site; ``GET /__requests`` answers the
number of API requests served so far (the benchmark's independent request count) and how
many asked for a page size other than the server's cap of 1000.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_datatracker import datatracker_records

from scrapers.ietf.emulation import TastypieEmulator


def serve(scale: float, seed: int, port: int = 0) -> None:
    emulator = TastypieEmulator(datatracker_records(scale, seed))
    served = [0, 0]  # requests, requests asking for a page other than 1000 rows
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path == "/__requests":
                counts = {"requests": served[0], "small_pages": served[1]}
                self._send(200, json.dumps(counts).encode())
                return
            with lock:  # the emulator's caches are not built for concurrent filling
                served[0] += 1
                served[1] += "limit=1000" not in self.path
                status, body = emulator.respond(f"http://{self.headers['Host']}{self.path}")
            self._send(status, body)

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = full history")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    args = parser.parse_args()
    serve(args.scale, args.seed, args.port)


if __name__ == "__main__":
    main()
