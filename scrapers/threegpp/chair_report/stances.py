"""Stances in a chair's report: ``Also supported by …``, ``Support:``/``Object:``/``No:``
under an alternative, the show of hands of a ``Question:`` block, and the few sentences
that record a concern, an objection or a withdrawn support, each tied to the agenda item,
the document and the alternative it is about.

May import: the package's paragraphs model. Never warehouse or flows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import polars as pl

from scrapers.threegpp.chair_report.paragraphs import (
    LISTING,
    TDOC,
    Paragraph,
    split_outside_brackets,
    squash,
)

HANDS_SCHEMA = pl.Schema(
    {
        "meeting": pl.String,
        "agenda_item": pl.String,
        "tdoc": pl.String,  # the document the stance is about, when the report makes it clear
        "stance": pl.String,  # support | object | concern | acceptable | withdrew_support
        "party": pl.String,  # as written: "HW", "E///", "Sams"
        "position": pl.Int32,  # 1-based order within the record
        "condition": pl.String,  # "(if power scaling is sub-band)" without the brackets
        "option": pl.String,  # the alternative voted on, when it is not the whole document
    }
)

_TDOC_ANYWHERE = re.compile(TDOC)

# Stance records. Labels that need a colon are words that also start ordinary sentences.
_STANCE_LABEL = re.compile(
    r"^(?:(?:Discussion|Decision|Note)\s*:\s*)?"
    r"(?P<label>also\s+support(?:ed)?\s+by|supported\s+also\s+by|also\s+acceptable\s+to"
    r"|not\s+supported\s+by|supported\s+by|objected\s+by"
    r"|(?:support|object|objections?|no|yes)(?=\s*:))\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
_ALSO_INLINE = re.compile(
    r"\b(?P<label>also\s+support(?:ed)?\s+by|also\s+acceptable\s+to)\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
# "Alt.1: 12 supported by CATT, Huawei, …"
_OPTION_SUPPORTED = re.compile(
    r"^(?P<option>(?:alt(?:ernative)?|option|opt)\b.*?)\s+supported\s+by\s*:?\s*(?P<parties>.+)$",
    re.IGNORECASE,
)
_OPTION_LABEL = re.compile(
    r"^(?:alt(?:ernative)?|option|opt|proposal|(?:proposed|possible)\s+\w+)\b[\s.\-\w]*:",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^question\s*:", re.IGNORECASE)
_QUESTION_GROUP = re.compile(r"^(?P<label>[^:,]{1,15}):\s*$")
_QUESTION_ANSWER = re.compile(
    r"^(?P<label>[^:,]{1,20}):\s*(?P<parties>\S.*)$|^(?P<label2>\S{1,10})\s+(?P<parties2>\S.*,.*)$"
)
# Sentences that record a stance. The party part is kept short so that prose does not match.
_PARTY_RUN = r"[A-Z][\w&.\-/+ ,]{0,60}?"
_PROSE_STANCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"^(?:(?:Note(?:\s+for\s+minutes)?|Discussion)\s*:\s*)?(?P<parties>{_PARTY_RUN})"
            r"\s+ha(?:s|ve)\s+(?:(?:a|some|strong|serious)\s+)*concerns?\b"
        ),
        "concern",
    ),
    (
        re.compile(
            r"^(?:Discussion\s*:\s*)?concerns?\s+(?:from|by)\s+(?P<parties>[\w&.\-/+ ,]+?)"
            r"(?:\s+(?:on|with|regarding|about)\b|\s*$)",
            re.IGNORECASE,
        ),
        "concern",
    ),
    (
        re.compile(rf"^(?:Discussion\s*:\s*)?(?P<parties>{_PARTY_RUN})\s+concern\s+with\b"),
        "concern",
    ),
    (
        re.compile(
            rf"^(?:Discussion\s*:\s*)?(?P<parties>{_PARTY_RUN}),?\s+do(?:es)?\s+not\s+agree"
        ),
        "object",
    ),
    (re.compile(r"\bobjected\s+by\s+(?P<parties>[\w&.\-/+ ,]+?)\.?\s*$"), "object"),
    (re.compile(rf"^(?P<parties>{_PARTY_RUN})\s*:\s*objection\b", re.IGNORECASE), "object"),
    (
        re.compile(rf"^(?P<parties>{_PARTY_RUN})\s+withdrew\s+(?:their|its)\s+support\b"),
        "withdrew_support",
    ),
)
_NOT_PARTIES = re.compile(r"^(?:there|some|one|other|it|we|they|this|rapporteur|ran\d?)\b", re.I)
_STANCE_OF = {
    "support": "support",
    "yes": "support",
    "supported by": "support",
    "also supported by": "support",
    "also support by": "support",
    "supported also by": "support",
    "also acceptable to": "acceptable",
    "object": "object",
    "objection": "object",
    "objections": "object",
    "objected by": "object",
    "no": "object",
    "not supported by": "object",
}


def hands(
    meeting: str, paragraphs: Sequence[Paragraph], agenda: dict[int, str | None]
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    item: str | None = None
    tdoc: str | None = None  # the last listing, while no blank line separates us from it
    option: list[str] = []
    after_record = False
    question: str | None = None
    group: str | None = None

    def record(stance: str, parties_text: str, on_option: str | None, about: str | None) -> None:
        for position, (party, condition) in enumerate(_stance_parties(parties_text), start=1):
            rows.append(
                {
                    "meeting": meeting,
                    "agenda_item": item,
                    "tdoc": about,
                    "stance": stance,
                    "party": party,
                    "position": position,
                    "condition": condition,
                    "option": on_option,
                }
            )

    def option_text() -> str | None:
        if not option:
            return None
        kept = option[-3:]
        if option[0] not in kept and _OPTION_LABEL.match(option[0]):
            kept = [option[0], *kept]
        return " ".join(kept)

    def option_tdoc(text: str | None) -> str | None:
        mentioned = _TDOC_ANYWHERE.search(text or "")
        return mentioned.group() if mentioned else tdoc

    for index, paragraph in enumerate(paragraphs):
        text = squash(paragraph.text)
        if index in agenda:
            item, tdoc, option, question, after_record = agenda[index], None, [], None, False
            continue
        if not text:
            tdoc, option, question, group, after_record = None, [], None, None, False
            continue
        listing = LISTING.match(text)
        if listing:
            tdoc, option, question, after_record = listing.group("tdoc"), [], None, False
            continue
        if _QUESTION.match(text):
            question, group, option = text, None, []
            continue
        if question is not None:
            if re.match(r"^note\b", text, re.IGNORECASE):
                question = None
                continue
            grouped = _QUESTION_GROUP.match(text)
            if grouped:
                group = grouped.group("label").strip()
                continue
            answer = _QUESTION_ANSWER.match(text)
            if answer:
                label = (answer.group("label") or answer.group("label2") or "").strip()
                parties = answer.group("parties") or answer.group("parties2") or ""
                asked = " ".join(x for x in (question, f"{group}:" if group else None, label) if x)
                record("support", parties, asked, None)
                continue
            question = None
        labelled = _STANCE_LABEL.match(text)
        if labelled:
            stance = _STANCE_OF[squash(labelled.group("label")).lower()]
            if labelled.group("label").lower().startswith("also"):
                record(stance, labelled.group("parties"), None, tdoc)
            else:
                chosen = option_text()
                record(stance, labelled.group("parties"), chosen, option_tdoc(chosen))
            after_record = True
            continue
        supported = _OPTION_SUPPORTED.match(text)
        if supported:
            chosen = supported.group("option")
            record("support", supported.group("parties"), chosen, option_tdoc(chosen))
            after_record = True
            continue
        inline = _ALSO_INLINE.search(text)
        if inline:
            stance = _STANCE_OF[squash(inline.group("label")).lower()]
            record(stance, inline.group("parties"), None, tdoc)
            continue
        for pattern, stance in _PROSE_STANCES:
            found = pattern.search(text)
            if found and not _NOT_PARTIES.match(found.group("parties").strip()):
                record(stance, found.group("parties"), None, tdoc)
                break
        if _OPTION_LABEL.match(text) or after_record:
            option = [text]
        else:
            option.append(text)
        after_record = False
    return pl.DataFrame(rows, schema=HANDS_SCHEMA)


def _stance_parties(text: str) -> Iterable[tuple[str, str | None]]:
    """'E///, HW+HiSi (if sub-band), Nokia and ASB (6)' → parties with their conditions.

    A trailing bare count such as "(6)" is the tally the report adds, not a condition.
    """
    # "Also supported by KDDI. Continue discussion": the list ends with its sentence.
    text = re.split(r"\.\s+(?=[A-Z][a-z])", text.strip(), maxsplit=1)[0]
    for chunk in split_outside_brackets(text.rstrip(".")):
        chunk = squash(chunk)
        condition = None
        bracket = re.search(r"\((?P<inner>[^()]*)\)\s*$", chunk)
        if bracket:
            inner = bracket.group("inner").strip()
            chunk = chunk[: bracket.start()].strip()
            condition = None if inner.isdigit() else inner
        for name in re.split(r"\s+and\s+|\+|(?<=\w)/(?=[A-Z][a-z])", chunk):
            name = name.strip(" .:")
            if name:
                yield name, condition
