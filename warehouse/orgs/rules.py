"""Resolving raw affiliation strings to organizations — pure functions, no database.

Layers, first hit wins, each recorded as the ``method``:

1. ``empty``: nothing typed (blank or punctuation only) → Unspecified.
2. ``alias``: the normalised string equals a curated alias.
3. ``prefix``: the normalised string starts with a curated main name followed
   by a word boundary ("huawei technologies sweden" → Huawei; "nec" never
   matches "necessary" or "connection"). The longest main name wins.
4. ``member_list``: the string names an Individual Member of 3GPP (the member list
   loaded in the warehouse) that the curated data does not know: it stands as its own
   organization, under the member's name, with the member's country as HQ country.
5. ``fuzzy``: a conservative fuzzy match (rapidfuzz ratio >= 92 on keys of six
   characters or more) against every curated alias and name, taken only when every
   candidate above the threshold is the same organization: typos ("Ericson",
   "Futurewei Technolgies") resolve, near-misses between two companies do not.
6. ``unresolved``: kept as its own organization under its cleaned spelling, so
   the long tail is counted rather than dropped.

Joint affiliations ("Keio University / WIDE Project", "Ericsson and KTH", "Arrcus &
IIJ", "Ericsson, KTH") are split when every part resolves to a curated organization
and at least two differ: each part then carries an equal share (``weight``) of the
person. Parts that name nothing ("Nokia, Finland") are dropped first. A string whose
parts do not all resolve ("Beijing University of Posts and Telecommunications",
"Cisco Systems, Inc.") is never split.

Normalisation: Unicode NFKC, case folded, whitespace collapsed, surrounding
punctuation trimmed, and trailing company endings (Inc, Ltd, Co., Ltd, GmbH,
LLC, Corp, S.A., Pvt Ltd…) stripped repeatedly, following the datatracker's
own AffiliationIgnoredEnding list and extending it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz, process

from scrapers.shares import equal_shares

UNSPECIFIED = "unspecified"
# "/", "//", ";", ",", " & ", " + ", " - ", " and ": where people join two affiliations.
# Commas and dashes also sit inside one name ("Huawei, Munich Research Center", "Cisco
# Systems, Inc."), which is why a split needs every part to resolve on its own.
_JOINT_SEPARATOR = re.compile(r"\s*(?:/+|;|,|\s&\s|\s\+\s|\s-\s|\s+and\s+)\s*", re.IGNORECASE)
# methods that end in a curated organization. Not member_list: a member stands alone, its
# corporate parent unknown (M1 is a member; that Keppel owns it is curated knowledge).
MATCHED_METHODS = frozenset({"alias", "prefix", "fuzzy"})
FUZZY_CUTOFF = 92.0  # rapidfuzz ratio, 0-100; measured against the evaluation set
FUZZY_MIN_LENGTH = 6  # short keys ("nec", "arm") are too easily one edit from another
FUZZY_WORD_CUTOFF = 85.0  # each differing word must be this close to its counterpart
FUZZY_SPACING_CUTOFF = 96.0  # when the word count differs, the whole key must be this close

# Longest first, so "co., ltd" goes before "ltd". Each may be preceded by a comma.
_ENDINGS = [
    "international pte ltd",
    "private limited",
    "pvt. ltd",
    "pvt ltd",
    "pty ltd",
    "pte. ltd",
    "pte ltd",
    "co., ltd",
    "co.,ltd",
    "co. ltd",
    "co ltd",
    "corporation",
    "corportation",
    "incorporated",
    "limited",
    "l.l.c",
    "s.a.r.l",
    "s.p.a",
    "s.a.s",
    "s.a",
    "sa",
    "gmbh & co. kg",
    "gmbh",
    "corp",
    "llc",
    "ltd",
    "inc",
    "plc",
    "sas",
    "b.v",
    "n.v",
    "bv",
    "nv",
    "oyj",
    "oy",
    "ab",
    "ag",
    "kk",
    "k.k",
    "co",
]
_ENDING_RE = re.compile(
    r"[\s,]+(?:" + "|".join(re.escape(e) for e in _ENDINGS) + r")\.?$", re.IGNORECASE
)
_SPACE_RE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\"'`.,;:-_/\\|[]{}*"


def _strip_edges(text: str) -> str:
    """Trim edge punctuation; a bracket goes only if it has no partner ("Acme (Shanghai)")."""
    while True:
        text = text.strip(_EDGE_PUNCT)
        if text.endswith("(") or (text.endswith(")") and text.count("(") < text.count(")")):
            text = text[:-1]
        elif text.startswith("(") and text.count("(") > text.count(")"):
            text = text[1:]
        elif text.startswith("(") and text.endswith(")") and text.count("(") == 1:
            text = text[1:-1]
        else:
            return text


def _clean(raw: str) -> str:
    """NFKC, whitespace collapsed, trailing company endings and edge punctuation removed."""
    text = _strip_edges(_SPACE_RE.sub(" ", unicodedata.normalize("NFKC", raw)))
    while True:
        shorter = _strip_edges(_ENDING_RE.sub("", text))
        if shorter == text or not shorter:
            return text
        text = shorter


_FIRST_WORD_RE = re.compile(r"[^\W_]+")


def _first_word(key: str) -> str:
    """The leading run of letters and digits: "huawei, munich" and "huawei-india" → "huawei".

    Prefixes are bucketed by it, so punctuation right after a main name still finds it.
    """
    found = _FIRST_WORD_RE.match(key)
    return found.group() if found else key


def affiliation_key(raw: str) -> str:
    """The matching key of a raw affiliation: cleaned and case folded."""
    return _clean(raw).casefold()


def display_name(raw: str) -> str:
    """The cleaned spelling an unresolved string is shown under."""
    return _clean(raw)


def _typo_only(key: str, candidate: str, score: float) -> bool:
    """Whether two close keys differ by typing slips, not by a word that names something else.

    "uk government"/"us government" and "university of trento"/"university of toronto"
    are one or two edits apart yet different organizations: each word that differs must be
    long and itself nearly the same ("technolgies"/"technologies", "ericson"/"ericsson").
    """
    words, other = key.split(), candidate.split()
    if len(words) != len(other):
        return score >= FUZZY_SPACING_CUTOFF  # "hua wei" against "huawei" is too loose
    return all(
        a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= FUZZY_WORD_CUTOFF)
        for a, b in zip(words, other, strict=True)
    )


def _ancestors(parents: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Every organization above each one, over all dates."""
    up: dict[str, set[str]] = defaultdict(set)
    for org, parent in parents:
        up[org].add(parent)
    closed: dict[str, frozenset[str]] = {}

    def above(org: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if org not in closed:
            found = set(up.get(org, ()))
            for parent in up.get(org, ()):
                if parent not in seen:  # a cycle in curated data must not loop
                    found |= above(parent, seen | {org})
            closed[org] = frozenset(found)
        return closed[org]

    return {org: above(org) for org in list(up)}


@dataclass(frozen=True)
class Resolution:
    raw: str
    org_id: str | None
    org_name: str
    method: str  # empty | alias | prefix | fuzzy | member_list | unresolved
    part: int = 1  # position within a joint affiliation
    weight: Decimal = Decimal(1)  # share of the person (or co-signature) this part carries
    hq_country: str | None = None  # only for member_list: the member's country


class OrgResolver:
    """Resolves raw strings with curated aliases (exact) and main names (prefix)."""

    def __init__(
        self,
        exact: Mapping[str, str],
        prefixes: Mapping[str, str],
        names: Mapping[str, str],
        members: Mapping[str, tuple[str, str | None]] | None = None,
        parents: Iterable[tuple[str, str]] = (),
    ) -> None:
        """``exact``/``prefixes`` map normalised keys to org ids; ``names`` org id → name;
        ``members`` normalised member names → (member name, country); ``parents`` (org,
        parent) links at any date, so a unit named beside its parent is not a joint."""
        self.exact = dict(exact)
        self._ancestors = _ancestors(parents)
        self.members = dict(members or {})
        self.names = dict(names)
        self._by_first_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, org_id in prefixes.items():
            self._by_first_word[_first_word(key)].append((key, org_id))
        for candidates in self._by_first_word.values():
            candidates.sort(key=lambda kv: len(kv[0]), reverse=True)
        self._fuzzy_targets: dict[str, str] = {**prefixes, **self.exact}
        self._fuzzy_keys = list(self._fuzzy_targets)

    @classmethod
    def from_aliases(
        cls,
        aliases: Iterable[tuple[str, str, str]],
        names: Mapping[str, str],
        members: Iterable[tuple[str, str | None]] = (),
        parents: Iterable[tuple[str, str]] = (),
    ) -> OrgResolver:
        """From (alias, org_id, match) rows; match is 'exact' or 'prefix'.

        Every organization's own name is an exact alias too, so a name the tool
        prints resolves back to the same organization.
        """
        exact: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        for alias, org_id, match in aliases:
            key = affiliation_key(alias)
            if key:
                (prefixes if match == "prefix" else exact)[key] = org_id
        for org_id, name in names.items():
            exact.setdefault(affiliation_key(name), org_id)
        member_keys = {
            affiliation_key(name): (display_name(name), country) for name, country in members
        }
        return cls(exact, prefixes, names, member_keys, parents)

    def _prefix(self, key: str) -> str | None:
        for prefix, org_id in self._by_first_word.get(_first_word(key), ()):
            if key.startswith(prefix) and (
                len(key) == len(prefix) or not key[len(prefix)].isalnum()
            ):
                return org_id
        return None

    def resolve(self, raw: str) -> Resolution:
        key = affiliation_key(raw)
        if not any(ch.isalnum() for ch in key):
            return Resolution(raw, UNSPECIFIED, self.names.get(UNSPECIFIED, "Unspecified"), "empty")
        if key in self.exact:
            exact = self.exact[key]
            return Resolution(raw, exact, self.names.get(exact, exact), "alias")
        prefixed = self._prefix(key)
        if prefixed is not None:
            return Resolution(raw, prefixed, self.names.get(prefixed, prefixed), "prefix")
        if key in self.members:
            member, country = self.members[key]
            return Resolution(raw, None, member, "member_list", hq_country=country)
        near = self._fuzzy(key)
        if near is not None:
            return Resolution(raw, near, self.names.get(near, near), "fuzzy")
        return Resolution(raw, None, display_name(raw), "unresolved")

    def _fuzzy(self, key: str) -> str | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        candidates = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        )
        orgs = {self._fuzzy_targets[match] for match, score, _ in candidates}
        if len(orgs) != 1:
            return None
        best, score, _ = candidates[0]
        return orgs.pop() if _typo_only(key, best, score) else None

    def resolve_parts(self, raw: str) -> list[Resolution]:
        """One resolution, or one per part of a joint affiliation with equal weights.

        The string is split when every part resolves to a curated organization and at
        least two differ; parts that say nothing ("Nokia, Finland", "Cisco / N/A") are
        dropped before counting, and a string left with one organization is resolved
        whole ("8x8 / Jitsi" is 8x8, "Huawei, Munich Research Center" is Huawei).
        """
        parts = [p for p in _JOINT_SEPARATOR.split(raw) if p.strip()]
        if len(parts) >= 2:
            each = [self.resolve(p) for p in parts]
            named = [r for r in each if r.org_id != UNSPECIFIED]
            above = {a for r in named for a in self._ancestors.get(r.org_id or "", ())}
            # "Carnegie Mellon University, Software Engineering Institute" is one place
            named = [r for r in named if r.org_id not in above]
            distinct = list(dict.fromkeys(r.org_id for r in named))
            if all(r.method in MATCHED_METHODS for r in each) and len(distinct) >= 2:
                weights = equal_shares(len(distinct))  # the first part: the leftover millionth
                first = {r.org_id: r for r in reversed(named)}  # first part naming each org
                return [
                    Resolution(
                        raw,
                        org,
                        first[org].org_name,
                        first[org].method,
                        i,
                        weight,
                        first[org].hq_country,
                    )
                    for i, (org, weight) in enumerate(zip(distinct, weights, strict=True), start=1)
                ]
        return [self.resolve(raw)]

    def resolve_all(self, counts: Mapping[str, int]) -> list[Resolution]:
        """Resolve every raw string; unresolved spellings that share a key share one name."""
        return name_unresolved([p for raw in counts for p in self.resolve_parts(raw)], counts)


def name_unresolved(resolved: list[Resolution], counts: Mapping[str, int]) -> list[Resolution]:
    """Unresolved spellings that share a key, named alike: the spelling most registrants
    typed (ties: alphabetical), so "ACME networks" and "Acme Networks" count as one
    organization. ``resolved`` holds each string's own resolution (an unresolved one
    under its own display name); the name depends on every string's uses, so it is
    chosen again over all strings whenever uses change."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for res in resolved:
        if res.method == "unresolved":
            spellings[affiliation_key(res.raw)][display_name(res.raw)] += counts[res.raw]
    chosen = {
        key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in spellings.items()
    }
    return [
        Resolution(r.raw, None, chosen[affiliation_key(r.raw)], r.method)
        if r.method == "unresolved"
        else r
        for r in resolved
    ]
