"""Chair's reports: the real RAN1#86bis and #87 reports (the 2016 LDPC/Polar decisions)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import polars as pl
import pytest

from scrapers.threegpp.chair_report import (
    CHAIR_SCHEMA,
    DOCUMENT_SCHEMA,
    ELECTION_SCHEMA,
    HANDS_SCHEMA,
    ChairReport,
    ChairReportError,
    parse_chair_report,
)
from scrapers.threegpp.schemas import COSIGNER_SCHEMA

REPORTS = Path(__file__).parent / "fixtures" / "threegpp" / "reports"


@pytest.fixture(scope="module")
def ran1_87() -> ChairReport:
    path = REPORTS / "Final_Report_RAN1-87.docx"
    return parse_chair_report(path, path.name)


@pytest.fixture(scope="module")
def ran1_86bis() -> ChairReport:
    path = REPORTS / "Final_Report_RAN1-86b.docx"
    return parse_chair_report(path.read_bytes(), path.name)


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _hands(report: ChairReport, **match: str | None) -> list[str]:
    frame = report.hands
    for column, value in match.items():
        frame = frame.filter(pl.col(column).is_null() if value is None else pl.col(column) == value)
    return frame.get_column("party").to_list()


def test_schemas(ran1_87: ChairReport, ran1_86bis: ChairReport) -> None:
    for report in (ran1_87, ran1_86bis):
        assert report.cosigners.schema == COSIGNER_SCHEMA
        assert report.documents.schema == DOCUMENT_SCHEMA
        assert report.hands.schema == HANDS_SCHEMA
        assert report.elections.schema == ELECTION_SCHEMA
        assert report.chairs.schema == CHAIR_SCHEMA


def test_meeting_title_and_delegates(ran1_87: ChairReport, ran1_86bis: ChairReport) -> None:
    assert ran1_87.meeting == "RAN1#87"
    assert ran1_87.title == "Final Report of 3GPP TSG RAN WG1 #87 v1.0.0"
    assert ran1_87.venue == "Reno, USA, 14th \u2013 18th November 2016"
    # derived/ran1_meetings_84_122bis.csv: RAN1#87 491, RAN1#86bis 337 (electronic check-in)
    assert ran1_87.delegates == 491
    assert ran1_87.delegate_sentence == (
        "The number of attending delegates, having confirmed their participation through "
        "the electronic check-in application, was 491."
    )
    assert ran1_86bis.meeting == "RAN1#86bis"
    assert ran1_86bis.delegates == 337


def test_polar_way_forward_has_55_cosigners(ran1_87: ChairReport) -> None:
    # The TDoc list gives only "Huawei, HiSilicon"; the report lists everyone who signed.
    signers = ran1_87.cosigners.filter(pl.col("tdoc") == "R1-1613211").sort("position")
    assert signers.height == 55
    assert signers["party"].head(3).to_list() == ["Huawei", "HiSilicon", "Acer"]
    assert signers["party"].tail(1).to_list() == ["ZTE Microelectronics"]
    assert "Telekom Research & Development Sdn Bhd" in signers["party"].to_list()
    assert float(signers["weight"].sum()) == pytest.approx(1.0)
    assert set(signers["kind"]) == {"company"}
    assert signers["role"].null_count() == 55
    row = ran1_87.documents.filter(pl.col("tdoc") == "R1-1613211").row(0, named=True)
    # The title and sources are separated by two spaces, not a tab, on this line.
    assert row["title"] == "WF on Channel Coding"
    assert row["agenda_item"] == "7.1.5.1"
    assert row["kind"] == "way_forward"


def test_documents(ran1_87: ChairReport, ran1_86bis: ChairReport) -> None:
    docs = ran1_87.documents
    assert docs["tdoc"].is_unique().all()
    assert docs.filter(pl.col("kind") == "way_forward").height == 349
    assert ran1_86bis.documents.filter(pl.col("kind") == "way_forward").height == 324
    # A line with a single space before its sources is split where a known party begins.
    row = docs.filter(pl.col("tdoc") == "R1-1613453").row(0, named=True)
    assert row["title"] == "WF on DCI design for Case 1 and 2"
    assert row["source"].startswith("LG Electronics, LG Uplus, ZTE")
    # LS sources mix a working group and a company.
    ls = ran1_87.cosigners.filter(pl.col("tdoc") == "R1-1611449").sort("position")
    assert ls.select("party", "kind").rows() == [("RAN5", "working_group"), ("Ericsson", "company")]


def test_show_of_hands_on_ldpc_at_86bis(ran1_86bis: ChairReport) -> None:
    # "Alt 1: The channel coding scheme for eMBB data is LDPC" / "No: HW, IDC, HiSi, …"
    alt1 = ran1_86bis.hands.filter(
        pl.col("option").str.starts_with("Alt 1:") & (pl.col("stance") == "object")
    )
    assert alt1.height == 24
    assert alt1["party"].head(3).to_list() == ["HW", "IDC", "HiSi"]
    assert set(alt1["agenda_item"]) == {"8.1.3.1"}
    # "Question: How many channel coding schemes …" / "1:" / "Polar: HW"
    polar = ran1_86bis.hands.filter(pl.col("option").str.ends_with("1: Polar"))
    assert polar["party"].to_list() == ["HW"]
    assert polar["stance"].to_list() == ["support"]
    assert _hands(ran1_86bis, tdoc="R1-1610767", stance="acceptable") == ["Ericsson"]


def test_objections_and_withdrawals_at_87(ran1_87: ChairReport) -> None:
    objections = _hands(ran1_87, tdoc="R1-1613307", stance="object")
    assert objections[:3] == ["Ericsson", "Qualcomm", "Nokia"]
    assert len(objections) == 14
    assert _hands(ran1_87, tdoc="R1-1613211", stance="withdrew_support") == [
        "Bureau Veritas",
        "CGC",
    ]
    assert _hands(ran1_87, tdoc="R1-1613282", stance="concern") == ["Huawei"]
    # "Support: E///, HW+HiSi (if power scaling is sub-band), …" under "Alt 1: …R1-1613246"
    alt1 = ran1_87.hands.filter(
        (pl.col("option") == "Alt 1: Config 1 from R1-1613246") & (pl.col("stance") == "support")
    )
    assert alt1["party"].to_list() == ["E///", "HW", "HiSi", "ZTE", "QC"]
    assert alt1["condition"].to_list()[1] == "if power scaling is sub-band"
    assert set(alt1["tdoc"]) == {"R1-1613246"}
    # A tally in brackets is not a condition.
    tallied = ran1_87.hands.filter(pl.col("party") == "Sharp").filter(
        pl.col("agenda_item") == "6.2.10.2.1"
    )
    assert tallied["condition"].to_list() == [None]


def test_chairs_and_elections(ran1_87: ChairReport, ran1_86bis: ChairReport) -> None:
    assert ran1_87.elections.is_empty() and ran1_86bis.elections.is_empty()
    chairs = ran1_87.chairs
    assert chairs.filter(pl.col("role") == "chair")["organization"].to_list() == [None]
    adhoc = chairs.filter(pl.col("agenda_item") == "6.2.2")
    assert adhoc.select("role", "organization").rows() == [
        ("ad-hoc chair", "Nokia"),
        ("ad-hoc chair", "Samsung"),
    ]
    # "UMTS Session Chairman's Notes (Carmela Cozzo, Huawei)": the person is not kept.
    session = ran1_86bis.chairs.filter(pl.col("role") == "session chair")
    assert session["organization"].to_list() == ["Huawei"]


def test_meeting_precedence(tmp_path: Path) -> None:
    body = _docx(
        [
            "Title:\tFinal Report of 3GPP TSG RAN WG1 #86bis v1.0.0",
            "\t(Lisbon, Portugal, 10th \u2013 14th October 2016)",
            "R1-1610607\tWay Forward on Channel Coding\tZTE, ZTE Microelectronics",
        ]
    )
    assert parse_chair_report(body, "minutes.docx").meeting == "RAN1#86bis"
    # a file name naming another meeting than the title is refused, naming both
    with pytest.raises(ChairReportError, match=r"file name says RAN1#87 .* title says RAN1#86bis"):
        parse_chair_report(body, "Final_Report_RAN1-87.docx")
    assert parse_chair_report(body, "Final_Report_RAN1-86b.docx").meeting == "RAN1#86bis"
    assert parse_chair_report(body, "minutes.docx", meeting="RAN1#88").meeting == "RAN1#88"
    report = parse_chair_report(body, "minutes.docx")
    assert report.delegates is None and report.delegate_sentence is None
    assert report.cosigners["party"].to_list() == ["ZTE", "ZTE Microelectronics"]
    assert report.cosigners["weight"].to_list() == [0.5, 0.5]


def test_unknown_meeting_asks_for_it() -> None:
    body = _docx(["Title:\tMinutes", "R1-1610607\tWF on X\tZTE"])
    with pytest.raises(ChairReportError, match=r"minutes\.docx.*--meeting"):
        parse_chair_report(body, "minutes.docx")


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(_docx(["Dear colleagues,", "Please find attached the agenda."]))
    with pytest.raises(ChairReportError, match=r"letter\.docx.*Title"):
        parse_chair_report(path, path.name)
    no_tdocs = _docx(["Title:\tFinal Report of 3GPP TSG RAN WG1 #87", "Nothing listed."])
    with pytest.raises(ChairReportError, match=r"Final_Report_RAN1-87\.docx.*TDoc"):
        parse_chair_report(no_tdocs, "Final_Report_RAN1-87.docx")
    with pytest.raises(ChairReportError, match=r"junk\.docx.*not a readable docx"):
        parse_chair_report(b"not a zip", "junk.docx")


def test_doctype_is_refused() -> None:
    original = _docx(["Title:\tFinal Report of 3GPP TSG RAN WG1 #87", "R1-1611111\tWF\tZTE"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "word/document.xml":
                content = content.replace(
                    b"?>",
                    b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                    1,
                )
            dst.writestr(item, content)
    with pytest.raises(ChairReportError, match="DOCTYPE"):
        parse_chair_report(out.getvalue(), "Final_Report_RAN1-87.docx")
