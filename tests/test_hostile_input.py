"""Hostile and malformed input: clear refusals naming the file, and strings that are data."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers.threegpp.chair_report import ChairReportError, parse_chair_report
from scrapers.threegpp.sources import split_source
from scrapers.threegpp.tdoc_list import TdocListError, parse_tdoc_list
from tests.conftest import FIXTURES, one_meeting_warehouse
from warehouse.orgs.countries import normalize_country
from warehouse.orgs.reference import load_reference
from warehouse.orgs.resolve import resolver_for
from warehouse.orgs.rules import affiliation_key

LIST_87 = FIXTURES / "threegpp" / "tdoc_lists" / "TDoc_List_TSGR1_87.xlsx"


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def test_a_corrupt_xlsx_is_refused_by_name():
    with pytest.raises(TdocListError, match=r"TDoc_List_TSGR1_87\.xlsx: not a readable xlsx"):
        parse_tdoc_list(b"PK\x03\x04 this is not really a zip", "TDoc_List_TSGR1_87.xlsx")


def test_a_truncated_xlsx_is_refused_by_name():
    cut = LIST_87.read_bytes()[:20_000]
    with pytest.raises(TdocListError, match=r"TDoc_List_TSGR1_87\.xlsx: not a readable xlsx"):
        parse_tdoc_list(cut, "TDoc_List_TSGR1_87.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_opened():
    bomb = zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": bytes(60 << 20)})
    assert len(bomb) < 200_000  # 60 MB of nothing in a small file
    with pytest.raises(TdocListError, match=r"expands [\d,]+ times.*zip bomb"):
        parse_tdoc_list(bomb, "TDoc_List_TSGR1_87.xlsx")


def test_an_oversized_archive_is_refused(monkeypatch):
    import scrapers.zip_guard as guard

    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 1_000_000)
    with pytest.raises(TdocListError, match=r"would decompress to [\d,]+ bytes, over the"):
        parse_tdoc_list(LIST_87.read_bytes(), "TDoc_List_TSGR1_87.xlsx")


def test_entity_declarations_are_refused():
    """No XML part may declare a DOCTYPE: no entity expansion, no external entities."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<worksheet>&lol2;</worksheet>"
    )
    xlsx = zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": laughs})
    with pytest.raises(TdocListError, match="declares a DOCTYPE"):
        parse_tdoc_list(xlsx, "TDoc_List_TSGR1_87.xlsx")
    external = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d/>'
    docx = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": external})
    with pytest.raises(ChairReportError, match="declares a DOCTYPE"):
        parse_chair_report(docx, "Final_Report_RAN1-87.docx")


def renamed_sheet(data: bytes, old: bytes, new: bytes) -> bytes:
    """The real workbook with one sheet renamed in xl/workbook.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {
        i.filename: source.read(i).replace(old, new) if i.filename == "xl/workbook.xml"
        else source.read(i)
        for i in source.infolist()
    }  # fmt: skip
    return zipped(parts)


def test_a_workbook_without_the_tdoc_sheet_says_what_it_expected():
    moved = renamed_sheet(LIST_87.read_bytes(), b'name="TDoc_List"', b'name="Something else"')
    with pytest.raises(TdocListError, match=r"no sheet 'TDoc_List'.*Something else"):
        parse_tdoc_list(moved, "TDoc_List_TSGR1_87.xlsx")


HOSTILE = [
    'O\'Reilly "Media"',
    "'); DROP TABLE ietf_registrations; --",
    "Robert'); DELETE FROM organizations WHERE ('1'='1",
    "Tab\there\nnew line\x07bell",
    "\u202eHuawei\u202c right-to-left override",
    "שלום عربي",
    "x" * 10_000,
    "%s %d {0} $1 \\N NULL",
]


def test_strings_are_data_and_round_trip_unchanged(tmp_path):
    con = one_meeting_warehouse(tmp_path / "h.duckdb", HOSTILE)
    stored = [r for (r,) in con.execute("SELECT affiliation FROM ietf_registrations").fetchall()]
    assert sorted(stored) == sorted(HOSTILE)
    raws = {r for (r,) in con.execute("SELECT raw FROM org_resolution").fetchall()}
    assert set(HOSTILE) <= raws
    (tables,) = con.execute("SELECT count(*) FROM organizations").fetchall()[0]
    assert tables > 1000  # nothing was dropped or deleted


# --- properties -----------------------------------------------------------------------------

NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=32), max_size=80)
SOURCES = st.lists(
    st.one_of(
        NAMES,
        st.sampled_from(["Huawei", "HiSilicon", "NTT DOCOMO, INC.", "Moderator (Nokia)", "ZTE"]),
    ),
    max_size=8,
).map(", ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOURCES)
def test_the_source_splitter_never_crashes_and_its_names_split_to_themselves(source):
    for party in split_source(source):
        assert party.name.strip() == party.name and party.name
        again = split_source(party.name)
        assert [p.name for p in again] == [party.name]


@pytest.fixture(scope="module")
def resolver():
    return resolver_for(load_reference())


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(NAMES)
def test_the_resolver_never_crashes_and_is_stable(resolver, raw):
    first = resolver.resolve_parts(raw)
    # exact shares: 1/n to 18 places, so n of them miss 1 by less than n * 5e-19
    assert first and abs(sum(p.weight for p in first) - 1) < Decimal("1e-17")
    assert resolver.resolve_parts(raw) == first  # the same answer every time
    assert affiliation_key(affiliation_key(raw)) == affiliation_key(raw)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["Cisco", "Huawei", "Nokia", "KTH", "Ericsson"]), min_size=2,
                max_size=4, unique=True))  # fmt: skip
def test_a_joint_affiliation_splits_the_same_in_any_order(resolver, names):
    """The same organizations, each with the same share up to the one millionth the first
    listed carries when the share does not divide evenly; whole persons either way."""
    forward = resolver.resolve_parts(" / ".join(names))
    backward = resolver.resolve_parts(" / ".join(reversed(names)))
    assert sorted(p.org_id or "" for p in forward) == sorted(p.org_id or "" for p in backward)
    assert sum(p.weight for p in forward) == sum(p.weight for p in backward) == 1
    share = {p.org_id: p.weight for p in backward}
    assert all(abs(p.weight - share[p.org_id]) <= Decimal("0.000001") for p in forward)
    assert forward[0].weight == max(p.weight for p in forward)


@settings(max_examples=500, deadline=None)
@given(NAMES)
def test_the_country_normaliser_never_crashes_and_its_codes_are_fixed_points(text):
    code = normalize_country(text)
    if code is not None:
        assert len(code) == 2 and code.isupper()
        assert normalize_country(code) == code
