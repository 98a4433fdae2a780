"""A fuzz harness for every file sdo reads: real recorded files, mutated the way damage and
malice mutate them, through the same parsers `sdo import` and the refresh use.

The property: each case either parses or is refused with a ValueError naming the file; any
other exception (a reader library's own, an IndexError, a KeyError…) is a finding. Cases
are drawn from a seeded generator, so a finding is reproduced by its seed and case number.

    uv run python -m tests.fuzz --cases 2000 --seed 7     # more than CI runs
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.peak_memory import own_peak_mb

FIXTURES = Path(__file__).parent / "fixtures" / "threegpp"


@dataclass(frozen=True)
class Seed:
    kind: str  # an `sdo import` kind, or calendar
    path: Path


SEEDS = [
    Seed("tdoc-list", FIXTURES / "tdoc_lists" / "TDoc_List_TSGR1_122b.xlsx"),
    Seed("tdocs-by-agenda", FIXTURES / "tdocs_by_agenda" / "TdocsByAgenda_SA2-138E_final.html"),
    Seed("report", FIXTURES / "reports" / "Final_Report_RAN1-87.docx"),
    Seed("membership", FIXTURES / "membership" / "3GPPMembership_2025-01.csv"),
    Seed("participants", FIXTURES / "participants" / "PartList_3GPPRAN1#87_Reno.xlsx"),
    Seed("participants", FIXTURES / "participants" / "3gppRAN1_84_signed.xls"),
    Seed("participants", FIXTURES / "participants" / "PartList_3GPPRAN1#99_signed.csv"),
    Seed("participants", FIXTURES / "participants" / "fViewPart_mid9000870.htm"),
    Seed("calendar", FIXTURES / "calendar" / "Meetings-R1.htm"),
]


def parse(kind: str, data: bytes, name: str) -> object:
    """The parser a file of ``kind`` goes through, as `sdo import` (or the refresh) calls it."""
    from scrapers.threegpp.calendar import parse_calendar
    from scrapers.threegpp.files import membership_batch, parse_file

    if kind == "calendar":
        return parse_calendar(data, name)
    if kind == "membership":
        return membership_batch(data, name, date(2025, 1, 1), "0" * 64)
    meeting = "RAN1#87" if kind == "participants" and name.endswith(".htm") else None
    return parse_file(kind, data, name, meeting, "0" * 64)


# --- mutations -------------------------------------------------------------------------


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(0, max(len(data), 1))]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def splice_garbage(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(0, max(len(data), 1))
    return data[:at] + rng.randbytes(rng.randint(1, 4096)) + data[at:]


def oversized_field(text: bytes, rng: random.Random) -> bytes:
    """A field a megabyte long where a word was."""
    at = rng.randrange(0, max(len(text), 1))
    return text[:at] + b"A" * (1 << 20) + text[at:]


def wrong_encoding(text: bytes, rng: random.Random) -> bytes:
    decoded = text.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16", "cp1252", "latin-1", "utf-32", "shift_jis"])
    return decoded.encode(encoding, errors="replace")


def shuffle_lines(text: bytes, rng: random.Random) -> bytes:
    lines = text.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


TEXT_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate, flip_bits, splice_garbage, oversized_field, wrong_encoding, shuffle_lines,
]  # fmt: skip
BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate, flip_bits, splice_garbage,
]  # fmt: skip


def mutate_zip_part(data: bytes, rng: random.Random) -> bytes:
    """Rewrite one XML part of an Office file with a text mutation, the zip itself sound:
    what a reader sees when an exporter or an editor writes something strange."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = [i for i in source.infolist() if i.filename.endswith(".xml")]
    chosen = rng.choice(parts)
    mutation = rng.choice(TEXT_MUTATIONS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == chosen.filename:
                body = mutation(body, rng)
            target.writestr(info.filename, body)
    return buffer.getvalue()


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    if data.startswith(b"PK") and rng.random() < 0.6:
        return "zip part", mutate_zip_part(data, rng)
    pool = BYTE_MUTATIONS if data.startswith((b"PK", b"\xd0\xcf")) else TEXT_MUTATIONS
    mutation = rng.choice(pool)
    return mutation.__name__, mutation(data, rng)


# --- the run ---------------------------------------------------------------------------


@dataclass
class Finding:
    case: int
    seed: str
    mutation: str
    error: str


def run(cases: int, seed: int, verbose: bool = False) -> dict[str, object]:
    rng = random.Random(seed)
    originals = {s.path: s.path.read_bytes() for s in SEEDS}
    findings: list[Finding] = []
    outcomes = {"parsed": 0, "refused": 0}
    started = time.monotonic()
    for case in range(cases):
        chosen = SEEDS[case % len(SEEDS)]
        how, data = mutate(originals[chosen.path], rng)
        if verbose:
            print(case, chosen.path.name, how, len(data), file=sys.stderr, flush=True)
        try:
            parse(chosen.kind, data, chosen.path.name)
            outcomes["parsed"] += 1
        except ValueError as exc:
            outcomes["refused"] += 1
            if chosen.path.name.split("#")[0][:12] not in str(exc):
                findings.append(Finding(case, chosen.path.name, how, f"unnamed file: {exc}"))
        except Exception as exc:  # every other exception is a finding
            findings.append(
                Finding(case, chosen.path.name, how, f"{type(exc).__name__}: {exc}"[:300])
            )
    return {
        "cases": cases,
        "seed": seed,
        **outcomes,
        "findings": [f.__dict__ for f in findings],
        "seconds": round(time.monotonic() - started, 1),
        "peak_rss_mb": own_peak_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="each case on stderr as it runs")
    args = parser.parse_args(argv)
    report = run(args.cases, args.seed, args.verbose)
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 1 if report["findings"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
