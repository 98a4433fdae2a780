"""Chair and vice-chair elections as a chair's report records them (its Elections item).

3GPP working groups elect their chair and vice-chairs by secret ballot of the Individual
Members present or represented; the report of the electing meeting prints the candidates
and each ballot's counts. These are the only recorded votes in 3GPP, the ground truth a
bloc model can be held to. Layouts seen in real RAN1 reports (shychoi10/spec-trace copies):

* **Tables** (RAN1#90, 2017; #105-e, 2021; #121, 2025). Candidates in a
  ``Name | Company / Partner`` table ("Qualcomm Incorporated / ATIS", "Ericsson LM (ETSI)")
  or ``Name | Company | Corporate OP designation``; each ballot in a
  ``candidate | votes for | percent`` table with rows for ABSTAIN or spoiled, total votes
  cast, total returned papers and proxy votes cast; percentages with a decimal comma
  ("50,336%") or point ("46.5263 %"). From 2025 the ballot is preceded by prose: "Number
  of Individual Members with right to vote: 505", "213 votes in person - 264 by proxy",
  "2 abstention(s)", "Quorum (71.6832%): Reached".
* **Tab-separated text** (RAN1#113, 2023): "Name<TAB><TAB>Company / Partner" then one line
  per candidate, and "… was elected as RAN WG1 Chair (2nd term) by acclamation".
* **Bullet text** ("Received N votes" under each candidate, said of RAN1 reports from
  2025 on). No real report in this layout was available: the reading here follows that
  description (a candidate line, then a "Received N votes" line, per ballot) and its test
  file is constructed. Anything else in an Elections item is reported, not guessed.

Each position (chair, vice-chair) starts at a line "Chair election", "Vice Chairman
election"…; a ballot is numbered by the "first/second ballot" sentence before it, else by
order. Outcomes: 'elected' (named appointed or elected), 'acclaimed' (no ballot; votes
NULL), 'next ballot' (stood again), 'withdrew' (said to step down or withdraw), 'not
elected', 'eliminated' (did not stand again, no reason given). Candidates are public office
holders named in a public report; nothing else about people is kept.

Pure: blocks of a report's Elections item in, a frame and notes out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

ELECTION_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "position": pl.String,  # chair | vice-chair
        "ballot": pl.Int32,  # 1, 2…; NULL for an acclamation
        "candidate": pl.String,  # as the report prints the name
        "company": pl.String,  # the Individual Member the candidate stood for, as printed
        "partner": pl.String,  # its Organizational Partner
        "votes": pl.Int32,  # NULL for an acclamation
        "percent": pl.Float64,  # as printed
        "votes_cast": pl.Int32,
        "abstentions": pl.Int32,  # abstentions and spoiled papers
        "returned_papers": pl.Int32,
        "proxy_votes": pl.Int32,
        "eligible_voters": pl.Int32,  # Individual Members with a right to vote
        "in_person": pl.Int32,
        "by_proxy": pl.Int32,
        "quorum_reached": pl.Boolean,
        "outcome": pl.String,
    }
)
PARTNERS = ("ARIB", "ATIS", "CCSA", "ETSI", "TSDSI", "TTA", "TTC")


@dataclass(frozen=True)
class Line:
    text: str
    style: str = ""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Block = Line | Table

_POSITION = re.compile(r"^(?P<vice>vice[\s-]*)?chair(?:man|person)?\s+election$", re.IGNORECASE)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_BALLOT_ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th)\s+ballot\b", re.I)
_RECEIVED = re.compile(r"\breceived\s+(\d+)\s+votes?\b", re.IGNORECASE)
_TITLES = re.compile(r"^(?:dr|mr|mrs|ms|prof)\.?\s+", re.IGNORECASE)
_OP = "|".join(PARTNERS)
_COMPANY_PARTNER = re.compile(rf"^(?P<company>.*?)\s*(?:/\s*|\(\s*)(?P<partner>{_OP})\s*\)?\s*$")
_META = {
    "eligible_voters": re.compile(
        r"individual\s+members\s+with\s+(?:a\s+|the\s+)?right\s+to\s+vote\s*:?\s*(\d+)", re.I
    ),
    "abstentions": re.compile(r"^\s*(\d+)\s+abstentions?(?:\(s\))?", re.I),
}
_IN_PERSON = re.compile(
    r"(\d+)\s+votes?\s+in\s+person\s*[-\u2013,;]\s*(\d+)\s+(?:votes?\s+)?by\s+proxy", re.I
)
_QUORUM = re.compile(r"\bquorum\b[^:]*:\s*(not\s+reached|reached)", re.I)
_ELECTED = re.compile(r"\b(?:appointed|elected)\b", re.I)
_WITHDREW = re.compile(r"\b(?:step(?:ped|s)?\s+down|withdr[ae]w[ns]?|withdrawn)\b", re.I)
_ACCLAMATION = re.compile(r"\bacclamation\b", re.I)


@dataclass
class _Candidate:
    name: str
    company: str | None
    partner: str | None

    def key(self) -> str:
        return _name_key(self.name)


@dataclass
class _Ballot:
    number: int
    results: list[tuple[str, int, float | None]] = field(default_factory=list)
    votes_cast: int | None = None
    abstentions: int | None = None
    returned_papers: int | None = None
    proxy_votes: int | None = None
    eligible_voters: int | None = None
    in_person: int | None = None
    by_proxy: int | None = None
    quorum_reached: bool | None = None


@dataclass
class _Position:
    name: str
    blocks: list[Block] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _name_key(name: str) -> str:
    return _TITLES.sub("", _norm(name)).casefold()


def _number(text: str) -> int | None:
    digits = re.sub(r"[\s,.]", "", text)
    return int(digits) if digits.isdigit() else None


def _percent(text: str) -> float | None:
    found = re.search(r"\d+(?:[.,]\d+)?", text)
    return float(found.group().replace(",", ".")) if found else None


def company_and_partner(text: str, partner: str | None = None) -> tuple[str | None, str | None]:
    """'Qualcomm Incorporated / ATIS', 'Ericsson LM (ETSI)' → company, partner."""
    text = _norm(text)
    if not text:
        return None, partner
    found = _COMPANY_PARTNER.match(text)
    if found:
        return found.group("company").strip(" ,-") or None, partner or found.group("partner")
    return text, partner


def parse_elections(
    blocks: Sequence[Block], meeting: str, source_name: str = "report"
) -> tuple[pl.DataFrame, list[str]]:
    """The Elections item's blocks (after its heading) → one row per candidate per ballot
    (and per acclamation), and notes on whatever could not be read."""
    positions: list[_Position] = []
    for block in blocks:
        if isinstance(block, Line):
            found = _POSITION.match(_norm(block.text).rstrip(":. "))
            if found:
                name = "vice-chair" if found.group("vice") else "chair"
                positions.append(_Position(name))
                continue
        if positions:
            positions[-1].blocks.append(block)
    notes: list[str] = []
    rows: list[dict[str, object]] = []
    if not positions:
        if any(isinstance(b, Table) or _norm(b.text) for b in blocks):
            notes.append(
                f"{source_name}: the Elections item names no 'Chair election' or 'Vice Chair "
                "election'; its layout is not one this parser knows, nothing was read from it"
            )
        return pl.DataFrame(schema=ELECTION_SCHEMA), notes
    for position in positions:
        found_rows, note = _position_rows(position, meeting)
        rows.extend(found_rows)
        if note:
            notes.append(f"{source_name}: {position.name} election: {note}")
    return pl.DataFrame(rows, schema=ELECTION_SCHEMA, orient="row") if rows else pl.DataFrame(
        schema=ELECTION_SCHEMA
    ), notes


def _header(row: Sequence[str]) -> list[str]:
    return [_norm(cell).casefold().rstrip(":") for cell in row]


def _candidates_from_table(table: Table) -> list[_Candidate] | None:
    head = _header(table.rows[0]) if table.rows else []
    if len(head) < 2 or head[0] != "name" or "company" not in head[1]:
        return None
    out = []
    for row in table.rows[1:]:
        cells = [_norm(c) for c in row]
        if not cells or not cells[0]:
            continue
        partner = cells[2] if len(cells) > 2 and cells[2] in PARTNERS else None
        company, partner = company_and_partner(cells[1] if len(cells) > 1 else "", partner)
        if company and partner:
            company = re.sub(rf"\s*\(\s*{partner}\s*\)\s*$", "", company)
        out.append(_Candidate(cells[0], company, partner))
    return out


def _ballot_table(table: Table) -> bool:
    head = _header(table.rows[0]) if table.rows else []
    return len(head) >= 2 and head[0] == "candidate" and head[1].startswith("votes")


def _position_rows(position: _Position, meeting: str) -> tuple[list[dict[str, object]], str | None]:
    candidates: list[_Candidate] = []
    ballots: list[_Ballot] = []
    pending = _Ballot(0)  # prose facts waiting for the ballot they precede
    ordinal: int | None = None
    texts: list[tuple[int, str]] = []  # (ballots seen so far, line) for outcome sentences
    tab_header = False
    bullet: _Ballot | None = None  # the ballot 'Received N votes' lines are adding to
    for block in position.blocks:
        if isinstance(block, Table):
            found = _candidates_from_table(block)
            if found is not None:
                candidates.extend(found)
                continue
            if _ballot_table(block):
                ballot = _read_ballot_table(block, pending, ordinal or len(ballots) + 1)
                ballots.append(ballot)
                pending, ordinal = _Ballot(0), None
            continue
        text = _norm(block.text)
        raw = block.text.strip()
        if not text:
            tab_header = False
            continue
        parts = [p.strip() for p in raw.split("\t") if p.strip()]
        if len(parts) >= 2 and parts[0].casefold() == "name" and "company" in parts[1].casefold():
            tab_header = True
            continue
        if tab_header and len(parts) >= 2:
            company, partner = company_and_partner(parts[1])
            candidates.append(_Candidate(parts[0], company, partner))
            continue
        tab_header = False
        texts.append((len(ballots), text))
        mentioned = _BALLOT_ORDINAL.search(text)
        if mentioned and not _RECEIVED.search(text):
            ordinal = _ORDINALS[mentioned.group(1).casefold()]
        _read_prose(text, pending)
        received = _RECEIVED.search(text)
        if received:  # bullet text: the candidate named on this line or the one above
            who = _match(candidates, text) or _named_above(candidates, texts)
            name = who.name if who is not None else "(unnamed candidate)"
            if (
                bullet is None
                or (ordinal is not None and ordinal != bullet.number)
                or any(_name_key(n) == _name_key(name) for n, _, _ in bullet.results)
            ):
                bullet = _with_facts(pending, ordinal or len(ballots) + 1)
                ballots.append(bullet)
                pending = _Ballot(0)
            bullet.results.append((name, int(received.group(1)), None))
    return _outcome_rows(meeting, position.name, candidates, ballots, texts)


def _with_facts(facts: _Ballot, number: int) -> _Ballot:
    """A ballot numbered ``number`` holding the prose facts read before it."""
    carried = {k: v for k, v in vars(facts).items() if k not in ("number", "results")}
    return _Ballot(number, **carried)


def _named_above(
    candidates: Sequence[_Candidate], texts: list[tuple[int, str]]
) -> _Candidate | None:
    for _, earlier in reversed(texts[:-1]):
        if _RECEIVED.search(earlier):
            return None
        who = _match(candidates, earlier)
        if who is not None:
            return who
    return None


def _read_prose(text: str, ballot: _Ballot) -> None:
    for name, pattern in _META.items():
        found = pattern.search(text)
        if found:
            setattr(ballot, name, int(found.group(1)))
    found = _IN_PERSON.search(text)
    if found:
        ballot.in_person, ballot.by_proxy = int(found.group(1)), int(found.group(2))
    found = _QUORUM.search(text)
    if found:
        ballot.quorum_reached = found.group(1).casefold() == "reached"


def _read_ballot_table(table: Table, facts: _Ballot, number: int) -> _Ballot:
    ballot = _with_facts(facts, number)
    for row in table.rows[1:]:
        cells = [_norm(c) for c in row]
        if not cells or not cells[0]:
            continue
        label = cells[0].casefold()
        value = _number(cells[1]) if len(cells) > 1 else None
        if "abstain" in label or "spoil" in label:
            ballot.abstentions = value if value is not None else ballot.abstentions
        elif "proxy" in label:  # "number of proxy votes cast": before "votes cast"
            ballot.proxy_votes = value
        elif "votes cast" in label:
            ballot.votes_cast = value
        elif "returned" in label:
            ballot.returned_papers = value
        elif value is not None:
            ballot.results.append((cells[0], value, _percent(cells[2]) if len(cells) > 2 else None))
    if ballot.votes_cast is None and ballot.in_person is not None and ballot.by_proxy is not None:
        ballot.votes_cast = ballot.in_person + ballot.by_proxy
    return ballot


def _match(candidates: Sequence[_Candidate], text: str) -> _Candidate | None:
    """The candidate a sentence names: full name first, then a surname, then a first name."""
    lowered = _norm(text).casefold()
    for candidate in candidates:
        if candidate.key() and candidate.key() in lowered:
            return candidate
    for index in (-1, 0):
        hits = [
            c for c in candidates
            if len(c.key().split()) > 0 and len(c.key().split()[index]) >= 3
            and re.search(rf"\b{re.escape(c.key().split()[index])}\b", lowered)
        ]  # fmt: skip
        if len(hits) == 1:
            return hits[0]
    return None


def _outcome_rows(
    meeting: str,
    position: str,
    candidates: list[_Candidate],
    ballots: list[_Ballot],
    texts: list[tuple[int, str]],
) -> tuple[list[dict[str, object]], str | None]:
    by_key = {c.key(): c for c in candidates}
    elected: _Candidate | None = None
    withdrew: dict[str, int] = {}  # candidate → ballots seen before the sentence
    acclaimed = False
    for seen, text in texts:
        if _ACCLAMATION.search(text):
            acclaimed = True
            elected = _match(candidates, text) or (candidates[0] if len(candidates) == 1 else None)
        elif _WITHDREW.search(text):
            who = _match(candidates, text)
            if who is not None:
                withdrew.setdefault(who.key(), seen)
        elif _ELECTED.search(text) and not _BALLOT_ORDINAL.search(text):
            who = _match(candidates, text)
            if who is not None:
                elected = who

    def row(ballot: _Ballot | None, name: str, votes: int | None, percent: float | None,
            outcome: str) -> dict[str, object]:  # fmt: skip
        known = by_key.get(_name_key(name)) or _match(candidates, name)
        facts = ballot or _Ballot(0)
        return {
            "meeting": meeting, "position": position,
            "ballot": ballot.number if ballot else None,
            "candidate": known.name if known else name,
            "company": known.company if known else None,
            "partner": known.partner if known else None,
            "votes": votes, "percent": percent, "votes_cast": facts.votes_cast,
            "abstentions": facts.abstentions, "returned_papers": facts.returned_papers,
            "proxy_votes": facts.proxy_votes, "eligible_voters": facts.eligible_voters,
            "in_person": facts.in_person, "by_proxy": facts.by_proxy,
            "quorum_reached": facts.quorum_reached, "outcome": outcome,
        }  # fmt: skip

    if not ballots:
        if acclaimed and elected is not None:
            return [row(None, elected.name, None, None, "acclaimed")], None
        if candidates:
            return [], "candidates listed but no ballot or acclamation found; nothing recorded"
        return [], "no candidates, ballot or acclamation found; nothing recorded"
    rows = []
    ballots = sorted(ballots, key=lambda b: b.number)
    for i, ballot in enumerate(ballots):
        later = {_name_key(n) for b in ballots[i + 1 :] for n, _, _ in b.results}
        for name, votes, percent in ballot.results:
            key = _name_key(name)
            known = by_key.get(key) or _match(candidates, name)
            key = known.key() if known else key
            if i == len(ballots) - 1:
                if elected is not None and key == elected.key():
                    outcome = "elected"
                elif key in withdrew:
                    outcome = "withdrew"
                else:
                    outcome = "not elected"
            elif key in later or (known and any(_match([known], n) for n in later)):
                outcome = "next ballot"
            elif key in withdrew:
                outcome = "withdrew"
            else:
                outcome = "eliminated"
            rows.append(row(ballot, name, votes, percent, outcome))
    note = None if elected is not None else "no candidate is said to be elected or appointed"
    return rows, note
