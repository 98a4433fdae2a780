"""Rebuild samples/archive (the IETF part) from co2eq's recorded registration lists.

    uv run python samples/build_ietf_sample.py --co2eq PATH/TO/co2eq_registrations

PATH holds co2eq's ietfNNN.json.gz files (see samples/PROVENANCE.md for where they
come from). Each registrant becomes one datatracker stats/meetingregistration
object, paged 1000 at a time exactly as the datatracker serves them, so that
`sdo refresh --offline` exercises the same requests and parsers as a live refresh.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from scrapers.archive import RawArchive
from scrapers.ietf.emulation import collection_pages

BASE = "https://datatracker.ietf.org"
# When co2eq recorded these lists (its commit date); stands as the fetch time.
RECORDED = datetime(2023, 6, 21, tzinfo=UTC)

# number: (start date, days, city, country) — published IETF meeting dates and venues.
# 107-112 were held online; the datatracker keeps the planned venue.
MEETINGS = {
    "104": ("2019-03-23", 7, "Prague", "CZ"),
    "105": ("2019-07-20", 7, "Montreal", "CA"),
    "106": ("2019-11-16", 7, "Singapore", "SG"),
    "107": ("2020-03-21", 7, "Vancouver", "CA"),
    "108": ("2020-07-25", 7, "Madrid", "ES"),
    "109": ("2020-11-14", 7, "Bangkok", "TH"),
    "110": ("2021-03-06", 7, "Prague", "CZ"),
    "111": ("2021-07-24", 7, "San Francisco", "US"),
    "112": ("2021-11-06", 7, "Madrid", "ES"),
}
# co2eq's presence → the datatracker's reg_type and attended flag.
PRESENCE = {
    "on-site": ("onsite", True),
    "remote": ("remote", True),
    "not-arrived": ("onsite", False),
    "hackathon_remote": ("hackathon_remote", True),
}


def meeting_uri(number: str) -> str:
    return f"/api/v1/meeting/meeting/{1000 + int(number)}/"


def put_collection(
    archive: RawArchive, resource: str, filters: dict[str, str], objects: list[dict]
) -> None:
    for url, body in collection_pages(BASE, resource, filters, objects):
        archive.put(url, 200, "application/json", body, RECORDED)


def build(co2eq: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    archive = RawArchive(out)
    meetings = []
    for number, (start, days, city, country) in MEETINGS.items():
        meetings.append(
            {
                "id": 1000 + int(number),
                "number": number,
                "type": "/api/v1/name/meetingtypename/ietf/",
                "date": start,
                "days": days,
                "city": city,
                "country": country,
                "time_zone": "",
                "attendees": None,
                "resource_uri": meeting_uri(number),
            }
        )
    put_collection(archive, "meeting/meeting", {"type": "ietf"}, meetings)

    next_id = 1
    for number in MEETINGS:
        rows = json.loads(gzip.decompress((co2eq / f"ietf{number}.json.gz").read_bytes()))
        filters = {"meeting__number": number}
        put_collection(archive, "meeting/registration", filters, [])
        objects = []
        for row in rows:
            reg_type, attended = PRESENCE[row["presence"]]
            objects.append(
                {
                    "id": next_id,
                    "meeting": meeting_uri(number),
                    "first_name": "",
                    "last_name": "",
                    "affiliation": row["organization"] or "",
                    "country_code": row["country"] or "",
                    "email": "",
                    "person": None,
                    "reg_type": reg_type,
                    "ticket_type": "",
                    "attended": attended,
                    "checkedin": attended,
                    "resource_uri": f"/api/v1/stats/meetingregistration/{next_id}/",
                }
            )
            next_id += 1
        put_collection(archive, "stats/meetingregistration", filters, objects)
        print(f"IETF {number}: {len(objects)} registrations")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--co2eq", type=Path, required=True, help="folder with ietfNNN.json.gz")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "archive")
    args = parser.parse_args()
    build(args.co2eq, args.out)


if __name__ == "__main__":
    main()
