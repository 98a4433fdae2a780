"""Which working groups an archive holds calendars for (what an offline refresh can cover)."""

from __future__ import annotations

import re

from scrapers.threegpp.meeting_names import GROUPS

_CALENDAR = re.compile(r"code=Meetings-([A-Z0-9]{2})\.htm", re.IGNORECASE)


def groups_in(urls: list[str]) -> list[str]:
    found = {m.group(1).upper() for url in urls if (m := _CALENDAR.search(url))}
    return [code for code in GROUPS if code in found]
