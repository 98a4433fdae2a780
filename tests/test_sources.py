"""Source (co-signer) splitting, on Source values as they occur in real RAN1 TDoc lists."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from scrapers.threegpp.schemas import COSIGNER_SCHEMA
from scrapers.threegpp.sources import SourceParty, cosigner_frame, split_source
from scrapers.threegpp.tdoc_list import parse_tdoc_list

LISTS = Path(__file__).parent / "fixtures" / "threegpp" / "tdoc_lists"

C, W, OT = "company", "working_group", "other"

# (Source as written in a RAN1 list, expected parties as (name, role, kind))
CASES: list[tuple[str, list[tuple[str, str | None, str]]]] = [
    ("Ericsson", [("Ericsson", None, C)]),
    ("Huawei, HiSilicon", [("Huawei", None, C), ("HiSilicon", None, C)]),
    ("NTT DOCOMO, INC.", [("NTT DOCOMO, INC.", None, C)]),
    ("InterDigital, Inc.", [("InterDigital, Inc.", None, C)]),
    ("Sierra Wireless, S.A.", [("Sierra Wireless, S.A.", None, C)]),
    ("Rakuten Mobile, Inc", [("Rakuten Mobile, Inc", None, C)]),
    ("New H3C Technologies Co., Ltd.", [("New H3C Technologies Co., Ltd.", None, C)]),
    ("HuaWei Technologies Co., Ltd", [("HuaWei Technologies Co., Ltd", None, C)]),
    (
        "Innovative Technology Lab Co., KT Corp.",
        [("Innovative Technology Lab Co.", None, C), ("KT Corp.", None, C)],
    ),
    (
        "NTT DOCOMO, INC., Fraunhofer HHI, Rohde & Schwarz",
        [("NTT DOCOMO, INC.", None, C), ("Fraunhofer HHI", None, C), ("Rohde & Schwarz", None, C)],
    ),
    ("vivo Mobile Communication Co.,", [("vivo Mobile Communication Co.", None, C)]),
    ("Moderator (Ericsson)", [("Ericsson", "moderator", C)]),
    ("Moderator (NTT DOCOMO, INC.)", [("NTT DOCOMO, INC.", "moderator", C)]),
    ("Moderator(ZTE)", [("ZTE", "moderator", C)]),
    ("Moderator\u00a0(Thales)", [("Thales", "moderator", C)]),
    ("Moderater (ZTE), ZTE, vivo", [("ZTE", "moderator", C), ("ZTE", None, C), ("vivo", None, C)]),
    ("Source: Moderator (OPPO)", [("OPPO", "moderator", C)]),
    (
        "Moderators (AT&T, NTT DOCOMO, INC.)",
        [("AT&T", "moderator", C), ("NTT DOCOMO, INC.", "moderator", C)],
    ),
    (
        "Moderator (Nokia/Nokia Shanghai Bell)",
        [("Nokia", "moderator", C), ("Nokia Shanghai Bell", "moderator", C)],
    ),
    (
        "Rapporteur (MediaTek, CATT)",
        [("MediaTek", "rapporteur", C), ("CATT", "rapporteur", C)],
    ),
    ("WI rapporteur (Qualcomm Incorporated)", [("Qualcomm Incorporated", "rapporteur", C)]),
    ("Ad-Hoc Chair (Huawei)", [("Huawei", "ad-hoc chair", C)]),
    (
        "Ad-hoc chairs (Huawei, Nokia)",
        [("Huawei", "ad-hoc chair", C), ("Nokia", "ad-hoc chair", C)],
    ),
    ("Session Chairman (Nokia)", [("Nokia", "session chair", C)]),
    ("UMTS Session Chairman\u2019s Notes (Huawei)", [("Huawei", "session chair", C)]),
    ("Editor (Samsung)", [("Samsung", "editor", C)]),
    ("FL summary (Huawei)", [("Huawei", "feature lead", C)]),
    ("Feature lead (Huawei)", [("Huawei", "feature lead", C)]),
    ("Samsung (Moderator)", [("Samsung", "moderator", C)]),
    (
        "Nokia, Qualcomm (Rapporteurs), Ericsson (RAN1 FL)",
        [("Nokia", None, C), ("Qualcomm", "rapporteur", C), ("Ericsson", "feature lead", C)],
    ),
    ("RAN4 Chair (Apple)", [("Apple", "chair", C)]),
    ("RAN1 Chair", [("RAN1", "chair", W)]),
    ("RAN1 chairman, RAN chairman", [("RAN1", "chair", W), ("RAN", "chair", W)]),
    ("IEEE 802 LMSC, Chairman", [("IEEE 802 LMSC", None, W), ("Chairman", "chair", OT)]),
    ("RAN2, Huawei", [("RAN2", None, W), ("Huawei", None, C)]),
    ("RAN WG2", [("RAN WG2", None, W)]),
    ("3GPP TSG RAN WG4", [("3GPP TSG RAN WG4", None, W)]),
    ("TSG RAN", [("TSG RAN", None, W)]),
    ("CT WG1", [("CT WG1", None, W)]),
    ("SA3-LI, Tridea Works", [("SA3-LI", None, W), ("Tridea Works", None, C)]),
    ("ETSI MCC", [("ETSI MCC", None, W)]),
    ("ETSI TC BRAN", [("ETSI TC BRAN", None, W)]),
    ("ITU-R WP 5D", [("ITU-R WP 5D", None, W)]),
    ("IEEE 802 LAN/MAN SC", [("IEEE 802 LAN/MAN SC", None, W)]),
    (
        "RAN1 (NTT DOCOMO, AT&T)",
        [("RAN1", None, W), ("NTT DOCOMO", None, C), ("AT&T", None, C)],
    ),
    (
        "RAN1, (AT&T, NTT DOCOMO, INC.)",
        [("RAN1", None, W), ("AT&T", None, C), ("NTT DOCOMO, INC.", None, C)],
    ),
    ("Qualcomm Incorporated; Samsung", [("Qualcomm Incorporated", None, C), ("Samsung", None, C)]),
    (
        "Huawei, HiSilicon, \nLG Electronics",
        [("Huawei", None, C), ("HiSilicon", None, C), ("LG Electronics", None, C)],
    ),
    ("Fraunhofer IIS / Fraunhofer HHI", [("Fraunhofer IIS", None, C), ("Fraunhofer HHI", None, C)]),
    ("EBU/BBC/IRT", [("EBU", None, C), ("BBC", None, C), ("IRT", None, C)]),
    (
        "Gatehouse Satcom A/S, Nordic, Sateliot",
        [("Gatehouse Satcom A/S", None, C), ("Nordic", None, C), ("Sateliot", None, C)],
    ),
    (
        "Ericsson, Nokia and Alcatel-Lucent Shanghai Bell",
        [("Ericsson", None, C), ("Nokia", None, C), ("Alcatel-Lucent Shanghai Bell", None, C)],
    ),
    ("IITH and WiSig", [("IITH", None, C), ("WiSig", None, C)]),
    (
        "Beijing University of Posts and Telecommunications (BUPT)",
        [("Beijing University of Posts and Telecommunications (BUPT)", None, C)],
    ),
    ("ASUSTEK COMPUTER (SHANGHAI)", [("ASUSTEK COMPUTER (SHANGHAI)", None, C)]),
    ("Lenovo (Beijing) Ltd", [("Lenovo (Beijing) Ltd", None, C)]),
    (
        "China Academy of Telecommunications Technology (CATT)",
        [("China Academy of Telecommunications Technology (CATT)", None, C)],
    ),
    (
        "Moderator (Huawei), [Samsung, CATT]",
        [("Huawei", "moderator", C), ("Samsung", None, C), ("CATT", None, C)],
    ),
    ("Ericsson, [DOCOMO, Intel", [("Ericsson", None, C), ("DOCOMO", None, C), ("Intel", None, C)]),
    ("CAICT.", [("CAICT", None, C)]),
    ("Nokia Networks,  Alcatel-Lucent", [("Nokia Networks", None, C), ("Alcatel-Lucent", None, C)]),
    ("Huawei, HiSilicon, …", [("Huawei", None, C), ("HiSilicon", None, C), ("…", None, OT)]),
    ("VODAFONE Group Plc; and all", [("VODAFONE Group Plc", None, C), ("all", None, OT)]),
    ("All of us in RAN1", [("All of us in RAN1", None, OT)]),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_split_real_sources(source: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert split_source(source) == [SourceParty(*party) for party in expected]


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0"])
def test_empty_source_has_no_parties(empty: str | None) -> None:
    assert split_source(empty) == []


def test_names_are_idempotent() -> None:
    for source, _ in CASES:
        for party in split_source(source):
            assert [p.name for p in split_source(party.name)] == [party.name]


# Words that only make up a wrapper or a separator, which the splitter consumes.
_WRAPPER_WORDS = re.compile(
    r"^(?:moder\w*|ad|hoc|adhoc|chair\w*|rapporteur\w*|wi|tr|session|umts|notes|s|editor\w*|"
    r"fl|feature|lead|summary|source|and)$",
    re.IGNORECASE,
)


def _accounted(source: str) -> None:
    parties = split_source(source)
    assert parties, source
    joined = " ".join(p.name for p in parties).casefold()
    for word in re.findall(r"\w+", source):
        if _WRAPPER_WORDS.match(word):
            continue
        assert word.casefold() in joined, (source, word, parties)


# A group qualifying a role ("RAN4 Chair (Apple)", "Ericsson (RAN1 FL)") is folded into
# the role by design, so those cases are left out here.
@pytest.mark.parametrize(
    "source", [c[0] for c in CASES if not re.search(r"RAN\d (?:Chair \(|FL\))", c[0])]
)
def test_never_drops_a_word(source: str) -> None:
    _accounted(source)


def test_never_drops_a_word_on_random_lists() -> None:
    words = [
        "Huawei",
        "NTT DOCOMO",
        "Inc.",
        "Co.",
        "Ltd",
        "Moderator",
        "RAN2",
        "(",
        ")",
        "[",
        "Nokia",
        "S.A.",
        "x",
        "Ltd.",
        "of",
        "and",
        "Bell",
        "/",
        "…",
        "ETSI",
        "7",
    ]
    separators = [", ", ",", "; ", " ", "/", "\n", " and "]
    rng = random.Random(20240704)
    for _ in range(2000):
        pieces = [rng.choice(words) for _ in range(rng.randint(1, 6))]
        source = "".join(p + rng.choice(separators) for p in pieces).strip()
        if not re.search(r"\w", source):
            continue
        parties = split_source(source)
        assert parties, source
        assert all(p.name and p.name == p.name.strip() for p in parties), source
        assert all(p.kind in {C, W, OT} for p in parties)
        assert all([q.name for q in split_source(p.name)] == [p.name] for p in parties), source
        _accounted(source)


def test_cosigner_frame_positions_weights_and_empty_sources() -> None:
    tdocs = pl.DataFrame(
        {
            "meeting": ["RAN1#87"] * 4,
            "tdoc": ["R1-1", "R1-2", "R1-3", "R1-4"],
            "source": ["Moderator (Huawei), [Samsung, CATT]", None, "NTT DOCOMO, INC.", "RAN2, LG"],
        }
    )
    frame = cosigner_frame(tdocs)
    assert frame.schema == COSIGNER_SCHEMA
    # whole millionths adding up to exactly 1: the first co-signer carries the leftover one
    assert frame.rows() == [
        ("RAN1#87", "R1-1", 1, "Huawei", "moderator", C, Decimal("0.333334")),
        ("RAN1#87", "R1-1", 2, "Samsung", None, C, Decimal("0.333333")),
        ("RAN1#87", "R1-1", 3, "CATT", None, C, Decimal("0.333333")),
        ("RAN1#87", "R1-3", 1, "NTT DOCOMO, INC.", None, C, Decimal(1)),
        ("RAN1#87", "R1-4", 1, "RAN2", None, W, Decimal("0.5")),
        ("RAN1#87", "R1-4", 2, "LG", None, C, Decimal("0.5")),
    ]


def test_cosigner_frame_on_a_real_list() -> None:
    name = "TDoc_List_TSGR1_87.xlsx"
    tdocs = parse_tdoc_list(LISTS / name, name).tdocs
    frame = cosigner_frame(tdocs)
    assert frame.schema == COSIGNER_SCHEMA
    per_tdoc = frame.group_by("tdoc").agg(
        pl.col("weight").sum().alias("total"),
        pl.len().alias("parties"),
        (pl.col("position").sort() == pl.int_range(1, pl.len() + 1)).all().alias("ordered"),
    )
    assert per_tdoc.height == tdocs["source"].drop_nulls().len()
    assert per_tdoc["total"].cast(pl.Float64).is_between(1 - 1e-15, 1 + 1e-15).all()
    assert per_tdoc["ordered"].all()
    # Rows follow the list's order, parties in Source order.
    assert frame["tdoc"].unique(maintain_order=True).to_list() == tdocs["tdoc"].to_list()
    huawei = frame.filter(pl.col("party") == "Huawei")["weight"].sum()
    assert huawei > 0
