"""Organization resolution figures: precision and coverage, and where curation should go.

    uv run python benchmarks/org_resolution.py [--tdoc-lists DIR] > docs/organization-figures.md

With --save-cosigners FILE, also writes the company co-signatures counted across the
lists (party,uses) — the fixture tests/fixtures/orgs/ran1_cosigners_84_122bis.csv that
tests/test_org_coverage.py measures RAN1 coverage on without the 28 MB of xlsx.

Measures, with the shipped reference (and SDO_ORG_OVERRIDES if set):
- precision and coverage on the hand-labelled set in tests/fixtures/orgs/evaluation.csv;
- the share of typed IETF 104-112 registration affiliations resolved (bundled sample);
- with --tdoc-lists, the share of company co-signatures resolved across those TDoc lists;
- the most used strings still unresolved.
Prints Markdown.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl

from flows.settings import PROJECT_ROOT, SAMPLE_ARCHIVE
from scrapers.archive import ArchiveReplay, RawArchive
from scrapers.ietf.source import fetch_ietf
from scrapers.threegpp.sources import cosigner_frame
from scrapers.threegpp.tdoc_list import parse_tdoc_list
from warehouse.orgs.evaluation import coverage, evaluate
from warehouse.orgs.reference import load_reference

LABELS = PROJECT_ROOT / "tests" / "fixtures" / "orgs" / "evaluation.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tdoc-lists", type=Path, help="folder of TDoc_List*.xlsx files")
    parser.add_argument(
        "--save-cosigners", type=Path, help="write the lists' party,uses counts to this CSV"
    )
    args = parser.parse_args()
    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    overrides = os.environ.get("SDO_ORG_OVERRIDES")
    reference = load_reference(overrides=Path(overrides) if overrides else None)

    print(
        f"# Organization resolution figures\n\nMeasured {date.today().isoformat()} with "
        f"{reference.organizations.height} organizations, {reference.parents.height} parent "
        f"links and {reference.aliases.height} aliases.\n"
    )
    result = evaluate(reference, LABELS)
    print("## Against the hand-labelled evaluation set\n")
    print(
        "| rows labelled | matched to a curated organization | precision of those | "
        "coverage | right overall (unresolved names standing for themselves included) |"
    )
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {result.labelled} | {result.matched} | {result.precision:.1%} | "
        f"{result.coverage:.1%} | {result.accuracy:.1%} |\n"
    )
    wrong = [m for m in result.mistakes if m["method"] != "unresolved"]
    if wrong:
        print("Matched but wrong:\n")
        for m in wrong:
            print(f"- `{m['raw']}` → {m['got']} (label: {m['expected']}; {m['method']})")
        print()

    batch = fetch_ietf(ArchiveReplay(RawArchive(SAMPLE_ARCHIVE)), "https://datatracker.ietf.org")
    ietf = coverage(reference, Counter(batch.registrations["affiliation"]))
    print("## IETF 104-112 registrations (bundled sample)\n")
    print(
        f"{ietf.share:.2%} of {round(ietf.typed):,} registrations with a typed affiliation "
        "resolve to a curated organization. Most used unresolved:\n"
    )
    for raw, uses in ietf.unresolved.most_common(15):
        print(f"- `{raw}` ({uses})")
    print()

    if args.tdoc_lists:
        parties: Counter[str] = Counter()
        files = sorted(args.tdoc_lists.glob("TDoc_List*.xlsx"))
        for path in files:
            cosigners = cosigner_frame(parse_tdoc_list(path, path.name).tdocs)
            parties.update(cosigners.filter(cosigners["kind"] == "company")["party"].to_list())
        if args.save_cosigners:
            pl.DataFrame(
                sorted(parties.items(), key=lambda kv: (-kv[1], kv[0])),
                schema={"party": pl.String, "uses": pl.Int64},
                orient="row",
            ).write_csv(args.save_cosigners)
        ran1 = coverage(reference, parties)
        print(f"## 3GPP co-signatures ({len(files)} TDoc lists in {args.tdoc_lists.name})\n")
        print(
            f"{ran1.share:.2%} of {round(ran1.typed):,} company co-signatures resolve to a "
            "curated organization. Most used unresolved:\n"
        )
        for raw, uses in ran1.unresolved.most_common(15):
            print(f"- `{raw}` ({uses})")


if __name__ == "__main__":
    main()
