"""Deterministic 3GPP records at full-history scale (or any multiple), as a load batch.

``threegpp_parts(scale)`` yields, one working group at a time, the frames a 3GPP refresh
hands the warehouse (``threegpp_batch(scale)``: all of them at once): TDocs
(the TDoc-list columns), their co-signers split from the Source field by the real
``cosigner_frame``, and participant lists. At ``scale=1`` it matches the size of the
real history: every TSG and WG since 1999 (18 groups, ~2,400 meetings), 1,000,000 TDocs,
~2.4 million co-signer rows, ~400,000 participant rows.

Distributions follow the real records: a few very large groups (RAN1, RAN2, RAN4, SA2
carry most TDocs, and meetings grow over the years), co-signer lists of 1 to 60
companies (most TDocs have one or two; way-forward documents dozens), party names drawn
with their real frequency from the 835 parties of the 59 real RAN1 lists
(tests/fixtures/orgs/ran1_cosigners_84_122bis.csv) plus a tail of small firms that grows
with ``scale``. The same seed gives identical frames; each group draws from its own seed,
so a group's records do not depend on how many groups came before it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from scrapers.threegpp.batch import ThreeGppBatch
from scrapers.threegpp.meeting_names import GROUPS
from scrapers.threegpp.participants import PARTICIPANT_SCHEMA
from scrapers.threegpp.schemas import TDOC_SCHEMA
from scrapers.threegpp.sources import cosigner_frame

PARTIES = Path(__file__).resolve().parents[1] / "tests/fixtures/orgs/ran1_cosigners_84_122bis.csv"
TDOCS_AT_FULL_HISTORY = 1_000_000
# relative TDoc volume of each group's meetings (RAN1's are the largest)
WEIGHT = {"R1": 10.0, "R2": 7.0, "R4": 7.0, "S2": 5.0, "R3": 3.0, "C1": 3.0, "S3": 2.5}
PLENARIES = {"SP", "RP", "CP"}
STATUSES = ("approved", "agreed", "noted", "revised", "withdrawn", "not treated", "available")
STATUS_P = (0.12, 0.10, 0.38, 0.22, 0.05, 0.08, 0.05)
TYPES = ("discussion", "CR", "LS in", "WF", "pCR", "draftCR", "other")
TYPE_P = (0.55, 0.15, 0.06, 0.04, 0.05, 0.05, 0.10)
PARTNERS = ("ETSI", "ATIS", "CCSA", "ARIB", "TTA", "TTC", "TSDSI")


def _parties(rng: np.random.Generator, scale: float) -> tuple[list[str], np.ndarray]:
    with PARTIES.open(encoding="utf-8") as handle:
        rows = [(r["party"], int(r["uses"])) for r in csv.DictReader(handle)]
    tail = [f"Smallco {i} Ltd" for i in range(int(200 * scale))]
    names = [p for p, _ in rows] + tail
    weights = np.array([u for _, u in rows] + [2] * len(tail), dtype=float)
    return names, weights / weights.sum()


def _meetings(rng: np.random.Generator) -> list[tuple[str, str, datetime, float]]:
    """(label, group code, start, relative size): each group's meetings from 1999 to 2025."""
    meetings = []
    for code, (name, _) in GROUPS.items():
        per_year = 4 if code in PLENARIES else 6
        number = 1
        for year in range(1999, 2026):
            for k in range(per_year):
                start = datetime(year, 1, 15) + timedelta(days=int(k * 365 / per_year))
                growth = 0.3 + 1.7 * (year - 1999) / 26  # meetings grew with LTE and NR
                size = WEIGHT.get(code, 1.0) * growth * rng.uniform(0.6, 1.4)
                meetings.append((f"{name}#{number}", code, start, size))
                number += 1
    return meetings


def _sources(rng: np.random.Generator, names: list[str], p: np.ndarray, count: int) -> list[str]:
    """Distinct Source strings: 1-60 parties each, most one or two."""
    sizes = np.minimum(60, 1 + rng.geometric(0.55, count) - 1 + (rng.random(count) < 0.04) * 20)
    drawn = rng.choice(len(names), size=int(sizes.sum()), p=p)
    sources, at = [], 0
    for size in sizes:
        picked = dict.fromkeys(names[i] for i in drawn[at : at + size])
        sources.append(", ".join(picked))
        at += size
    return sources


@dataclass(frozen=True)
class _History:
    """What every group's records are drawn from: parties, meetings, Source strings."""

    names: list[str]
    p: np.ndarray
    meetings: list[tuple[str, str, datetime, float]]
    per_meeting: np.ndarray
    pool: np.ndarray
    source_p: np.ndarray


def _history(scale: float, seed: int) -> _History:
    rng = np.random.default_rng(seed)
    names, p = _parties(rng, scale)
    meetings = _meetings(rng)
    sizes = np.array([m[3] for m in meetings])
    per_meeting = np.maximum(5, (sizes / sizes.sum() * TDOCS_AT_FULL_HISTORY * scale)).astype(int)
    pool = _sources(rng, names, p, max(1000, int(60_000 * scale)))
    # a few Source strings ("Huawei, HiSilicon") recur far more than others
    source_p = 1.0 / np.arange(1, len(pool) + 1) ** 0.9
    source_p /= source_p.sum()
    return _History(names, p, meetings, per_meeting, np.array(pool, dtype=object), source_p)


def threegpp_parts(scale: float = 1.0, seed: int = 2026) -> Iterator[tuple[str, ThreeGppBatch]]:
    """The history one working group at a time, in group-code order, each drawn from its
    own seed: what a refresh of the whole body hands the loader part by part, without
    holding ten times the history in memory at once."""
    history = _history(scale, seed)
    codes = sorted({m[1] for m in history.meetings})
    for index, code in enumerate(codes):
        chosen = [i for i, m in enumerate(history.meetings) if m[1] == code]
        rng = np.random.default_rng([seed, index])
        yield code, _group_batch(rng, history, chosen, scale)


def threegpp_batch(scale: float = 1.0, seed: int = 2026) -> ThreeGppBatch:
    """The whole history as one batch (the parts of ``threegpp_parts``, together)."""
    batch = ThreeGppBatch()
    for _, part in threegpp_parts(scale, seed):
        for table, frames in part.tables().items():
            batch.tables()[table].extend(frames)
    return batch


def _group_batch(
    rng: np.random.Generator, history: _History, chosen: list[int], scale: float
) -> ThreeGppBatch:
    meetings = [history.meetings[i] for i in chosen]
    per_meeting = history.per_meeting[chosen]
    total = int(per_meeting.sum())
    labels = np.repeat([m[0] for m in meetings], per_meeting)
    codes = np.repeat([m[1] for m in meetings], per_meeting)
    starts = np.repeat(np.array([m[2] for m in meetings], dtype="datetime64[us]"), per_meeting)
    serial = np.concatenate([np.arange(n) for n in per_meeting])
    year = starts.astype("datetime64[Y]").astype(int) + 1970
    reserved = starts - rng.integers(1, 20 * 86_400, total).astype("timedelta64[s]")
    agenda = rng.integers(1, 40, total)
    pool = history.pool
    tdocs = pl.DataFrame(
        {
            "meeting": labels,
            "tdoc": [
                f"{c}-{y % 100:02d}{s:05d}" for c, y, s in zip(codes, year, serial, strict=True)
            ],
            "title": "Generated contribution",
            "source": pool[rng.choice(len(pool), total, p=history.source_p)],
            "contact_id": rng.integers(10_000, 10_000 + int(30_000 * scale) + 1, total).astype(str),
            "type": rng.choice(TYPES, total, p=TYPE_P),
            "purpose": "Discussion",
            "agenda_item": [f"7.{a // 8}.{a % 8}" for a in agenda],
            "status": rng.choice(STATUSES, total, p=STATUS_P),
            "reservation_date": reserved,
        }
    )
    tdocs = tdocs.with_columns(
        pl.col("contact_id").alias("contact"),
        pl.col("reservation_date").cast(pl.Datetime("us")),
        pl.col("reservation_date").cast(pl.Datetime("us")).alias("uploaded"),
    )
    missing = [c for c in TDOC_SCHEMA if c not in tdocs.columns]
    tdocs = tdocs.with_columns([pl.lit(None, dtype=TDOC_SCHEMA[c]).alias(c) for c in missing])
    tdocs = tdocs.select(list(TDOC_SCHEMA)).with_columns(
        pl.lit("tdoc_list").alias("list_format"), pl.lit(None, pl.String).alias("raw_sha256")
    )
    cosigners = cosigner_frame(tdocs).with_columns(pl.lit("source").alias("origin"))
    statuses = tdocs.select("meeting", "status").unique()
    return ThreeGppBatch(
        tdocs=[tdocs],
        statuses=[statuses],
        cosigners=[cosigners],
        participants=[_participants(rng, history.names, history.p, per_meeting, meetings)],
    )


def _participants(
    rng: np.random.Generator,
    names: list[str],
    p: np.ndarray,
    per_meeting: np.ndarray,
    meetings: list[tuple[str, str, datetime, float]],
) -> pl.DataFrame:
    """About one delegate per 2.5 TDocs, each registered for one Individual Member."""
    delegates = np.maximum(3, per_meeting * 2 // 5)
    total = int(delegates.sum())
    members = rng.choice(len(names), total, p=p)
    people = rng.integers(0, max(1000, total // 6), total)
    return pl.DataFrame(
        {
            "meeting": np.repeat([m[0] for m in meetings], delegates),
            "delegate_key": [f"{x:016x}" for x in people],
            "individual_member": np.array(names, dtype=object)[members],
            "organizational_partner": rng.choice(PARTNERS, total),
            "status": "attended",
            "list_kind": "signed",
        },
        schema=PARTICIPANT_SCHEMA,
    ).unique(subset=["meeting", "delegate_key"], keep="first", maintain_order=True)


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    batch = threegpp_batch(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
    print({t: sum(f.height for f in fs) for t, fs in batch.tables().items() if fs})
    print(f"{time.perf_counter() - started:.1f} s")
