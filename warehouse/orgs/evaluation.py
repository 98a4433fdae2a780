"""Measuring organization resolution against the hand-labelled evaluation set.

Each labelled row names the string's ultimate corporate group in the year it was used
(tests/fixtures/orgs/evaluation.csv; README there). Precision is over the rows the
resolver matched to a curated organization: how often the group it gives is the label.
Coverage is the share of labelled rows it matched at all. Rows labelled "?" (ambiguous
even to a careful reader) are left out of both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from warehouse.orgs.lookup import resolve_strings
from warehouse.orgs.reference import Reference
from warehouse.orgs.resolve import resolver_for
from warehouse.orgs.rules import MATCHED_METHODS, affiliation_key


@dataclass
class Evaluation:
    labelled: int = 0
    matched: int = 0
    correct_matched: int = 0
    correct_overall: int = 0  # unresolved strings standing for themselves count when right
    mistakes: list[dict[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_matched / self.matched if self.matched else 1.0

    @property
    def coverage(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct_overall / self.labelled if self.labelled else 1.0


def _groups(text: str) -> frozenset[str]:
    return frozenset(affiliation_key(part) for part in text.split(" | ") if part.strip())


def evaluate(
    reference: Reference, labels: Path, members: list[tuple[str, str | None]] | None = None
) -> Evaluation:
    """Score the resolver (with the 3GPP member list as a layer, when given) on the labels."""
    rows = pl.read_csv(labels, infer_schema=False).filter(pl.col("org_group") != "?")
    result = Evaluation()
    for year, group in rows.group_by("meeting_year", maintain_order=True):
        on = date(int(str(year[0])), 7, 1)  # mid-year: the labels are per year
        raws = group["raw"].fill_null("").to_list()
        found = resolve_strings(reference, raws, on, members)
        by_raw: dict[str, list[dict[str, object]]] = {}
        for row in found.iter_rows(named=True):
            by_raw.setdefault(str(row["raw"]), []).append(row)
        for label in group.iter_rows(named=True):
            raw = label["raw"] or ""
            parts = by_raw[raw]
            predicted = frozenset(affiliation_key(str(p["org_group"])) for p in parts)
            right = predicted == _groups(label["org_group"])
            matched = all(p["method"] in MATCHED_METHODS for p in parts)
            result.labelled += 1
            result.correct_overall += right
            if matched:
                result.matched += 1
                result.correct_matched += right
            if not right:
                result.mistakes.append(
                    {
                        "raw": raw,
                        "source": label["source"],
                        "expected": label["org_group"],
                        "got": " | ".join(str(p["org_group"]) for p in parts),
                        "method": "+".join(str(p["method"]) for p in parts),
                    }
                )
    return result


@dataclass(frozen=True)
class Coverage:
    """How many typed uses of a body's strings resolve to a curated organization."""

    typed: float  # uses with something typed (joint parts carry their weights)
    resolved: float
    unresolved: Counter[str]  # raw string → uses, for the strings nothing matched

    @property
    def share(self) -> float:
        return self.resolved / self.typed if self.typed else 1.0


def coverage(reference: Reference, counts: Mapping[str, int]) -> Coverage:
    """Coverage of ``counts`` (raw string → uses) under the curated reference alone."""
    results = resolver_for(reference).resolve_all(counts)
    typed = sum(counts[r.raw] * r.weight for r in results if r.method != "empty")
    resolved = sum(counts[r.raw] * r.weight for r in results if r.method in MATCHED_METHODS)
    missing = Counter({r.raw: counts[r.raw] for r in results if r.method == "unresolved"})
    return Coverage(float(typed), float(resolved), missing)  # exact sums, then floats
