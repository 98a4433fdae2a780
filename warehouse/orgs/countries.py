"""Free-text country strings ("P.R. China", "USA", "Deutschland") to ISO 3166 alpha-2.

Authors type their country as free text in the datatracker. The rules follow the
datatracker's own country-alias cleanup (ietf/stats/utils.py, the CountryAlias seed of
stats migrations 0002/0003, shipped as warehouse/reference/country_aliases.csv), with
pycountry's names, official names, common names and alpha-3 codes as the known names:

1. the whole string, case folded, is an ISO code, a known name or an alias;
2. the same after trimming edge punctuation ("USA.", "(Germany)");
3. an address: the last comma-, semicolon- or newline-separated part that is known
   ("Beijing, China", "Ottawa, ON, Canada");
4. a known name inside the string on word boundaries, only when exactly one country is
   named ("Republic of Korea (South)"); two countries named stay unknown;
5. a US state code followed by a ZIP code ("Reston, VA 20190"), as the datatracker does
   for old addresses that named no country.

Anything else is unknown (None): never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import pycountry

COUNTRY_ALIASES = Path(__file__).resolve().parents[1] / "reference" / "country_aliases.csv"

_EDGE = " \t\r\n.,;:-_/\\|()[]{}\"'*"
_US_ZIP = re.compile(
    r"\b(AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    r"|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)\s+\d{5}(?:-\d{4})?\b"
)
_PARTS = re.compile(r"[,;\n]")
# Codes and short aliases ("IN" for Indiana, "DE", "CA", "US") are matched only as the
# whole string or a whole address part, never searched for inside one.
_MIN_SEARCH_LENGTH = 4
# US states whose names contain or equal a country's: inside a string they name the US
# ("Santa Fe, New Mexico"), and "Georgia" alone could be either, so it stays unknown.
_US_STATES = (
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
)
_AMBIGUOUS = "?"  # a name that is both a country and a US state


def _fold(text: str) -> str:
    """Case folded, spaces collapsed, accents dropped: "België" and "belgie" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKC", bare).split())


@cache
def known_names() -> dict[str, str]:
    """Folded name, code or alias → alpha-2."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(_fold(value), code)
    with COUNTRY_ALIASES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[_fold(row["alias"])] = row["country_code"].strip().upper()
    return names


@cache
def _search_patterns() -> list[tuple[re.Pattern[str], str]]:
    names = {k: v for k, v in known_names().items() if len(k) >= _MIN_SEARCH_LENGTH}
    for state in _US_STATES:
        names[state] = "US" if names.get(state, "US") == "US" else _AMBIGUOUS
    names["georgia"] = _AMBIGUOUS
    keys = sorted(names, key=len, reverse=True)
    return [(re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)"), names[k]) for k in keys]


def _lookup(text: str) -> str | None:
    names = known_names()
    folded = _fold(text)
    return names.get(folded) or names.get(_fold(folded.strip(_EDGE)))


def normalize_country(raw: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a free-text country, or None when it cannot be told."""
    if raw is None or not raw.strip():
        return None
    found = _lookup(raw)
    if found:
        return None if _fold(raw).strip(_EDGE) == "georgia" else found
    parts = [p for p in _PARTS.split(raw) if p.strip(_EDGE)]
    if len(parts) > 1:
        for part in reversed(parts):
            found = _lookup(part)
            if found:
                return None if _fold(part).strip(_EDGE) == "georgia" else found
    folded = _fold(raw)
    named = set()
    spans: list[tuple[int, int]] = []
    for pattern, code in _search_patterns():
        for hit in pattern.finditer(folded):
            # a shorter name inside a longer one already found is the same mention
            if not any(s <= hit.start() and hit.end() <= e for s, e in spans):
                spans.append(hit.span())
                named.add(code)
    if len(named) == 1 and _AMBIGUOUS not in named:
        return named.pop()
    if not named and _US_ZIP.search(raw):
        return "US"
    return None
