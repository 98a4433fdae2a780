"""Add the 3GPP part to samples/: a RAN1 calendar and TDoc lists in the archive, and the
chair's reports and member list under samples/imports/ for the import path.

    uv run python samples/build_ietf_sample.py --co2eq DIR     # first: recreates the archive
    uv run python samples/build_3gpp_sample.py --fixtures tests/fixtures/threegpp

The calendar is the page of tests/fixtures/threegpp/calendar (the live page's markup,
RAN1 rows), trimmed to the meetings whose TDoc lists the sample carries, with no
participant links (no participant list is available offline). Each list is archived under the portal
export URL a live refresh requests for that meeting's MtgId.
"""

from __future__ import annotations

import argparse
import shutil
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from scrapers.archive import RawArchive
from scrapers.threegpp.calendar import calendar_url, parse_calendar
from scrapers.threegpp.source import ThreeGppHosts

SAMPLES = Path(__file__).parent
# meeting code in the calendar → the TDoc list fixture that is its list
LISTS = {
    "R1-86-bis": "TDoc_List_TSGR1_86b.xlsx",
    "R1-87": "TDoc_List_TSGR1_87.xlsx",
    "R1-122-bis": "TDoc_List_TSGR1_122b.xlsx",
}
RECORDED = datetime(2026, 1, 20, tzinfo=UTC)  # the lists' source commit date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def trimmed_calendar(page: bytes) -> bytes:
    soup = BeautifulSoup(page, "html.parser")
    for row in soup.find_all("tr"):
        anchor = row.find("a", attrs={"name": True})
        if anchor is None or anchor.get("name", "").startswith("bm"):
            continue
        if anchor["name"] not in LISTS:
            row.decompose()
            continue
        for link in row.find_all("a", href=lambda h: bool(h) and "fViewPart" in h):
            link.parent.string = "-"
    return str(soup).encode()


def build(fixtures: Path, archive_dir: Path) -> None:
    archive = RawArchive(archive_dir)
    hosts = ThreeGppHosts()
    page = trimmed_calendar((fixtures / "calendar" / "Meetings-R1.htm").read_bytes())
    url = calendar_url(hosts.site, "R1")
    archive.put(url, 200, "text/html", page, RECORDED)
    calendar = parse_calendar(page, url)
    for row in calendar.iter_rows(named=True):
        data = (fixtures / "tdoc_lists" / LISTS[row["code"]]).read_bytes()
        archive.put(hosts.tdoc_list(row["mtg_id"]), 200, XLSX, data, RECORDED)
        print(f"{row['meeting']}: TDoc list archived for MtgId {row['mtg_id']}")
    # the two reports of the sample's 2016 meetings; the election reports stay test fixtures
    imports = (("report", "reports/Final_Report_RAN1-8[67]*.docx"),
               ("membership", "membership/*.csv"))  # fmt: skip
    for kind, pattern in imports:
        target = SAMPLES / "imports" / kind
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in sorted(fixtures.glob(pattern)):
            shutil.copy(path, target / path.name)
            print(f"imports/{kind}/{path.name}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fixtures", type=Path, required=True, help="tests/fixtures/threegpp")
    parser.add_argument("--out", type=Path, default=SAMPLES / "archive")
    args = parser.parse_args()
    build(args.fixtures, args.out)


if __name__ == "__main__":
    main()
