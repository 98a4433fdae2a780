"""Deterministic datatracker records at full-history scale (or any multiple of it).

``datatracker_records(scale)`` returns, per API resource, the objects a TastypieEmulator
serves: the record shapes of tests/fixtures/ietf/api/ (the datatracker's own), with
volumes of the real history at ``scale=1``:

| resource                     | rows at 1x  | shape of the real thing                         |
|------------------------------|------------:|-------------------------------------------------|
| meeting/meeting              |          53 | IETF 72 (2008-07) → 124 (2025-11), three a year |
| stats/meetingregistration    |     ~71,000 | IETF 72-109, one row per registration            |
| meeting/registration         |     ~31,000 | IETF 110-124, tickets embedded                   |
| doc/document                 |      45,000 | drafts and RFCs, 2008 → 2025                     |
| doc/documentauthor           |    ~100,000 | 1-8 authors, free-text affiliation and country   |
| doc/docevent, relateddocument|     ~14,000 | publication events and draft → RFC links        |
| group/group, role, history   |     ~16,000 | 1,500 groups, their chairs, ADs and history      |
| meeting/session, attended    |   ~160,000  | sessions per meeting; attendance from IETF 106  |

Affiliations follow the real skew: a few very large groups (Huawei, Cisco, Google,
Ericsson, Nokia… under their many spellings, drawn from the shipped alias table with
Zipf weights), a long tail of small firms the reference does not know (their number grows
with ``scale``, so resolution meets new strings), ~6 % typed nothing. The same seed gives
byte-identical records.
"""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[1] / "warehouse" / "reference"
FIRST, LAST = 72, 124
FIRST_ATTENDED = 106  # meeting/attended records begin with the online meetings
# the big groups people argue about, drawn first so they head the Zipf ranking
HEADLINERS = ("huawei", "cisco", "google", "ericsson", "nokia", "juniper", "zte", "apple")
COUNTRY_SPELLINGS = (
    "USA", "US", "United States", "China", "P.R. China", "CN", "Germany", "Deutschland",
    "Japan", "JP", "United Kingdom", "UK", "France", "Sweden", "Canada", "Korea",
    "Republic of Korea", "India", "Finland", "Netherlands", "Israel", "Spain", "Italy", "",
)  # fmt: skip
DECLARED_COUNTRIES = ("US", "CN", "DE", "JP", "GB", "FR", "SE", "CA", "KR", "IN", "FI", "NL")
ROLE_NAMES = ("chair", "secr", "ad", "delegate", "member", "lead")


def _uri(resource: str, key: object) -> str:
    return f"/api/v1/{resource}/{key}/"


def _name(kind: str, slug: str) -> str:
    return f"/api/v1/name/{kind}/{slug}/"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Affiliations:
    """Affiliation strings with the real skew: Zipf over known spellings plus a growing tail."""

    def __init__(self, rng: random.Random, scale: float) -> None:
        with (REFERENCE / "aliases.csv").open(encoding="utf-8") as handle:
            aliases = [(r["alias"], r["org_id"]) for r in csv.DictReader(handle)]
        aliases = [a for a in aliases if a[1] not in ("unspecified",)]
        head = [a for h in HEADLINERS for a in aliases if a[1] == h][:40]
        rest = [a for a in aliases if a not in head]
        rng.shuffle(rest)
        self.known = [a for a, _ in head + rest]
        weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(self.known))]
        self.cumulative: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.tail = [
            f"{rng.choice(('Nova', 'Blue', 'Apex', 'Terra', 'Quantum'))}"
            f"{rng.choice(('net', 'link', 'wave', 'soft', 'labs'))} {i} "
            f"{rng.choice(('GmbH', 'Ltd', 'Inc.', 'LLC', 'S.A.', 'AB', ''))}".strip()
            for i in range(int(2000 * scale))
        ]
        self.rng = rng

    def draw(self) -> str:
        roll = self.rng.random()
        if roll < 0.06:
            return ""
        if roll < 0.14:
            return self.rng.choice(self.tail)
        return self.rng.choices(self.known, cum_weights=self.cumulative)[0]


def _meetings() -> list[dict[str, Any]]:
    rows = []
    for number in range(FIRST, LAST + 1):
        start = date(2008, 7, 27) + timedelta(days=round((number - FIRST) * 365.25 / 3))
        rows.append(
            {
                "id": 1000 + number,
                "number": str(number),
                "type": _name("meetingtypename", "ietf"),
                "date": start.isoformat(),
                "days": 6,
                "city": "",
                "country": DECLARED_COUNTRIES[number % len(DECLARED_COUNTRIES)],
                "time_zone": "UTC",
                "attendees": None,
                "resource_uri": _uri("meeting/meeting", 1000 + number),
            }
        )
    return rows


def datatracker_records(scale: float = 1.0, seed: int = 2026) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    affiliations = _Affiliations(rng, scale)
    meetings = _meetings()
    people = max(100, int(30_000 * scale))
    stats: list[dict[str, Any]] = []
    registrations: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    attended: list[dict[str, Any]] = []
    groups = max(20, int(1_500 * scale))
    person_affiliation: dict[int, str] = {}

    def affiliation_of(person: int) -> str:
        # people mostly keep their affiliation from meeting to meeting
        if person not in person_affiliation or rng.random() < 0.08:
            person_affiliation[person] = affiliations.draw()
        return person_affiliation[person]

    reg_id = session_id = attended_id = 0
    for meeting in meetings:
        number = int(meeting["number"])
        online = 108 <= number <= 112
        size = int(scale * rng.randint(1_400, 2_400) * (1.3 if online else 1.0))
        start = datetime.fromisoformat(meeting["date"])
        for person in rng.sample(range(people), min(size, people)):
            reg_id += 1
            onsite = not online and rng.random() < 0.7
            common = {
                "id": reg_id,
                "first_name": "",
                "last_name": "",
                "affiliation": affiliation_of(person),
                "country_code": rng.choice(DECLARED_COUNTRIES),
                "email": None,
                "meeting": meeting["resource_uri"],
                "person": _uri("person/person", 100_000 + person),
            }
            if number < 110:
                reg_type = "" if number < 100 else ("onsite" if onsite else "remote")
                stats.append(
                    {
                        **common,
                        "reg_type": _name("registrationtypename", reg_type) if reg_type else "",
                        "ticket_type": _name("registrationtickettypename", "week_pass"),
                        "attended": True,
                        "checkedin": onsite,
                        "resource_uri": _uri("stats/meetingregistration", reg_id),
                    }
                )
            else:
                kind = "onsite" if onsite else "remote"
                tickets = [
                    {
                        "attendance_type": _name("attendancetypename", kind),
                        "ticket_type": _name("registrationtickettypename", "week_pass"),
                    }
                ]
                registrations.append(
                    {
                        **common,
                        "attended": True,
                        "checkedin": onsite,
                        "tickets": tickets,
                        "resource_uri": _uri("meeting/registration", reg_id),
                    }
                )
        for _ in range(int(150 * scale)):
            session_id += 1
            session = {
                "id": session_id,
                "meeting": meeting["resource_uri"],
                "group": _uri("group/group", rng.randint(1, groups)),
                "type": _name("timeslottypename", "regular"),
                "purpose": _name("sessionpurposename", "regular"),
                "name": "",
                "attendees": None,
                "modified": _stamp(start),
                "resource_uri": _uri("meeting/session", session_id),
            }
            sessions.append(session)
            if number >= FIRST_ATTENDED:
                for person in rng.sample(range(people), min(people, rng.randint(10, 110))):
                    attended_id += 1
                    attended.append(
                        {
                            "id": attended_id,
                            "person": _uri("person/person", 100_000 + person),
                            "session": session["resource_uri"],
                            "time": _stamp(start + timedelta(days=2)),
                            "origin": "datatracker",
                            "resource_uri": _uri("meeting/attended", attended_id),
                        }
                    )
    records = {
        "meeting/meeting": meetings,
        "stats/meetingregistration": stats,
        "meeting/registration": registrations,
        "meeting/session": sessions,
        "meeting/attended": attended,
    }
    records.update(_documents(rng, affiliations, scale, people, groups))
    records.update(_groups(rng, groups, people))
    return records


def _documents(
    rng: random.Random, affiliations: _Affiliations, scale: float, people: int, groups: int
) -> dict[str, list[dict[str, Any]]]:
    documents, authors, events, related = [], [], [], []
    author_id = event_id = 0
    first, span = datetime(2008, 1, 1), (datetime(2025, 10, 1) - datetime(2008, 1, 1)).days
    for i in range(int(45_000 * scale)):
        is_rfc = rng.random() < 0.12
        name = f"rfc{10_000 + i}" if is_rfc else f"draft-bench-wg{i % 997}-topic-{i}"
        moment = first + timedelta(days=rng.randrange(span), seconds=rng.randrange(86_400))
        document = {
            "id": 40_000 + i,
            "name": name,
            "type": _name("doctypename", "rfc" if is_rfc else "draft"),
            "group": _uri("group/group", rng.randint(1, groups)),
            "stream": _name("streamname", "ietf"),
            "std_level": _name("stdlevelname", "ps") if is_rfc else None,
            "intended_std_level": None,
            "time": _stamp(moment),
            "title": "",
            "rev": "",
            "rfc_number": 10_000 + i if is_rfc else None,
            "states": [],
            "tags": [],
            "resource_uri": _uri("doc/document", name),
        }
        documents.append(document)
        count = min(8, 1 + int(rng.expovariate(0.6)))
        for order, person in enumerate(rng.sample(range(people), count), start=1):
            author_id += 1
            authors.append(
                {
                    "id": author_id,
                    "document": document["resource_uri"],
                    "person": _uri("person/person", 100_000 + person),
                    "email": None,
                    "affiliation": affiliations.draw(),
                    "country": rng.choice(COUNTRY_SPELLINGS),
                    "order": order,
                    "resource_uri": _uri("doc/documentauthor", author_id),
                }
            )
        if is_rfc:
            for kind in ("iesg_approved", "published_rfc"):
                event_id += 1
                events.append(
                    {
                        "id": event_id,
                        "doc": document["resource_uri"],
                        "type": kind,
                        "time": _stamp(moment),
                        "rev": None,
                        "desc": "",
                        "by": _uri("person/person", 1),
                        "resource_uri": _uri("doc/docevent", event_id),
                    }
                )
            related.append(
                {
                    "id": len(related) + 1,
                    "source": _uri("doc/document", f"draft-bench-origin-{i}"),
                    "target": document["resource_uri"],
                    "relationship": _name("docrelationshipname", "became_rfc"),
                    "resource_uri": _uri("doc/relateddocument", len(related) + 1),
                }
            )
    return {
        "doc/document": documents,
        "doc/documentauthor": authors,
        "doc/docevent": events,
        "doc/relateddocument": related,
    }


def _groups(rng: random.Random, groups: int, people: int) -> dict[str, list[dict[str, Any]]]:
    group_rows, roles, history, role_history = [], [], [], []
    first, span = datetime(2008, 1, 1), (datetime(2025, 10, 1) - datetime(2008, 1, 1)).days
    for gid in range(1, groups + 1):
        moment = first + timedelta(days=rng.randrange(span))
        group = {
            "id": gid,
            "acronym": f"wg{gid}",
            "name": f"Working Group {gid}",
            "type": _name("grouptypename", "wg" if gid > 20 else "area"),
            "state": _name("groupstatename", "active" if rng.random() < 0.4 else "conclude"),
            "parent": _uri("group/group", 1 + gid % 20) if gid > 20 else None,
            "time": _stamp(moment),
            "description": "",
            "list_email": "",
            "ad": None,
            "charter": None,
            "unused_states": [],
            "unused_tags": [],
            "resource_uri": _uri("group/group", gid),
        }
        group_rows.append(group)
        for _ in range(rng.randint(1, 4)):
            roles.append(
                {
                    "id": len(roles) + 1,
                    "name": _name("rolename", rng.choice(ROLE_NAMES)),
                    "group": group["resource_uri"],
                    "person": _uri("person/person", 100_000 + rng.randrange(people)),
                    "email": None,
                    "resource_uri": _uri("group/role", len(roles) + 1),
                }
            )
        for version in range(rng.randint(2, 8)):
            hid = len(history) + 1
            then = moment - timedelta(days=120 * (version + 1))
            history.append(
                {
                    **{k: v for k, v in group.items() if k not in ("charter",)},
                    "id": hid,
                    "time": _stamp(then),
                    "group": group["resource_uri"],
                    "resource_uri": _uri("group/grouphistory", hid),
                }
            )
            for _ in range(rng.randint(1, 2)):
                role_history.append(
                    {
                        "id": len(role_history) + 1,
                        "name": _name("rolename", rng.choice(ROLE_NAMES)),
                        "group": _uri("group/grouphistory", hid),
                        "person": _uri("person/person", 100_000 + rng.randrange(people)),
                        "email": None,
                        "resource_uri": _uri("group/rolehistory", len(role_history) + 1),
                    }
                )
    return {
        "group/group": group_rows,
        "group/role": roles,
        "group/grouphistory": history,
        "group/rolehistory": role_history,
    }


def row_counts(records: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    return {resource: len(objects) for resource, objects in records.items()}


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    generated = datatracker_records(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
    print(row_counts(generated), sum(row_counts(generated).values()))
    print(f"{time.perf_counter() - started:.1f} s")
