"""Elections as the chair's reports print them, and the bloc model held against them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from scrapers.threegpp.chair_report import ChairReportError, parse_chair_report
from scrapers.threegpp.chair_report.elections import (
    Line,
    Table,
    company_and_partner,
    parse_elections,
)
from tests.conftest import FIXTURES

runner = CliRunner()
THREEGPP = FIXTURES / "threegpp"
REPORTS = THREEGPP / "reports"


def report(number: str):
    path = REPORTS / f"Final_Report_RAN1-{number}.docx"
    return parse_chair_report(path, path.name)


def rows(frame, **where):
    return [r for r in frame.iter_rows(named=True) if all(r[k] == v for k, v in where.items())]


def test_ran1_90_two_ballots_per_post_in_tables_with_decimal_commas():
    parsed = report("90")
    assert parsed.meeting == "RAN1#90" and parsed.notes == ()
    first = rows(parsed.elections, position="chair", ballot=1)
    assert [(r["candidate"], r["votes"], r["percent"], r["outcome"]) for r in first] == [
        ("Dr. Wanshi Chen", 150, 50.336, "next ballot"),
        ("Mr. Brian Classon", 148, 49.664, "next ballot"),
    ]
    second = rows(parsed.elections, position="chair", ballot=2)
    assert [(r["candidate"], r["votes"], r["outcome"]) for r in second] == [
        ("Dr. Wanshi Chen", 158, "elected"),
        ("Mr. Brian Classon", 139, "not elected"),
    ]
    facts = second[0]
    assert (facts["votes_cast"], facts["abstentions"], facts["returned_papers"],
            facts["proxy_votes"]) == (297, 3, 300, 132)  # fmt: skip
    assert (second[1]["company"], second[1]["partner"]) == ("HuaWei Technologies Co., Ltd", "CCSA")
    vice = {r["candidate"]: r["outcome"] for r in rows(parsed.elections, position="vice-chair",
                                                        ballot=1)}  # fmt: skip
    # Seo stepped down after the first ballot, Ericsson withdrew Koorapaty before the second
    assert vice == {"Dr. Kazuaki Takeda": "next ballot", "Dr. Younsun Kim": "next ballot",
                    "Dr. Havish Koorapaty": "withdrew", "Dr. Hanbyul Seo": "withdrew"}  # fmt: skip
    final = rows(parsed.elections, position="vice-chair", ballot=2)
    assert {r["candidate"]: (r["votes"], r["outcome"]) for r in final} == {
        "Dr. Kazuaki Takeda": (122, "not elected"),
        "Dr. Younsun Kim": (170, "elected"),
    }


def test_ran1_105_e_voting_with_partners_in_brackets_and_a_withdrawal():
    parsed = report("105")
    assert parsed.meeting == "RAN1#105-e"  # the file name says 105, the title 105-e
    chair = rows(parsed.elections, position="chair")
    found = [(r["candidate"], r["company"], r["partner"], r["votes"], r["outcome"]) for r in chair]
    assert found == [
        ("Dr. Younsun KIM", "Samsung Electronics Co., Ltd", "TTA", 158, "elected"),
        ("Dr. Havish KOORAPATY", "Ericsson LM", "ETSI", 101, "withdrew"),
    ]  # fmt: skip
    assert chair[0]["votes_cast"] == 259 and chair[0]["abstentions"] == 3


def test_ran1_113_acclamations_in_tab_separated_text():
    parsed = report("113")
    assert [(r["position"], r["ballot"], r["candidate"], r["company"], r["partner"], r["votes"],
             r["outcome"]) for r in parsed.elections.iter_rows(named=True)] == [
        ("chair", None, "Dr. Younsun Kim", "Samsung Electronics Co., Ltd", "TTA", None,
         "acclaimed"),
        ("vice-chair", None, "Dr. Xiaodong XU", "China Mobile Com. Corporation", "CCSA", None,
         "acclaimed"),
    ]  # fmt: skip


def test_ran1_121_right_to_vote_proxies_and_quorum_before_the_ballot():
    parsed = report("121")
    chair = rows(parsed.elections, position="chair")
    assert [(r["candidate"], r["company"], r["partner"], r["votes"], r["percent"], r["outcome"])
            for r in chair] == [
        ("Dr. David MAZZARESE", "HuaWei Technologies Co., Ltd", "CCSA", 221, 46.5263, "withdrew"),
        ("Dr. Xiaodong XU", "China Mobile Com. Corporation", "CCSA", 254, 53.4737, "elected"),
    ]  # fmt: skip
    facts = chair[0]
    assert (facts["eligible_voters"], facts["in_person"], facts["by_proxy"], facts["abstentions"],
            facts["quorum_reached"]) == (505, 213, 264, 2, True)  # fmt: skip
    assert facts["votes_cast"] == 213 + 264  # not printed: in person plus by proxy
    assert rows(parsed.elections, position="vice-chair")[0]["outcome"] == "acclaimed"


def test_reports_without_elections_give_no_rows_and_no_notes():
    parsed = report("87")
    assert parsed.elections.is_empty() and parsed.notes == ()


def test_bullet_text_received_n_votes_under_each_candidate():
    """The 2025 layout as described ("Received N votes" under each candidate); no real report
    in this layout was available, so these blocks are constructed in that shape."""
    blocks = [
        Line("Chair election", "Heading 2"),
        Table(
            (
                ("Name", "Company", "Corporate OP designation"),
                ("Dr. Ana ROSSI", "Acme Mobile (ETSI)", "ETSI"),
                ("Dr. Bo LI", "Example Telecom (CCSA)", "CCSA"),
            )
        ),
        Line("First ballot:"),
        Line("-\tDr. Ana ROSSI"),
        Line("\tReceived 120 votes"),
        Line("-\tDr. Bo LI"),
        Line("\tReceived 118 votes"),
        Line("Second ballot:"),
        Line("-\tDr. Ana ROSSI (Acme Mobile)"),
        Line("\tReceived 131 votes"),
        Line("-\tDr. Bo LI"),
        Line("\tReceived 110 votes"),
        Line("Dr. Ana ROSSI was therefore appointed to the position of WG Chair."),
    ]
    frame, notes = parse_elections(blocks, "RAN1#123")
    assert notes == []
    assert [(r["ballot"], r["candidate"], r["partner"], r["votes"], r["outcome"])
            for r in frame.iter_rows(named=True)] == [
        (1, "Dr. Ana ROSSI", "ETSI", 120, "next ballot"),
        (1, "Dr. Bo LI", "CCSA", 118, "next ballot"),
        (2, "Dr. Ana ROSSI", "ETSI", 131, "elected"),
        (2, "Dr. Bo LI", "CCSA", 110, "not elected"),
    ]  # fmt: skip


def test_an_unknown_layout_is_reported_not_guessed():
    frame, notes = parse_elections(
        [Line("The elections were postponed to the next meeting.")], "RAN1#99", "x.docx"
    )
    assert frame.is_empty() and "x.docx" in notes[0] and "not one this parser knows" in notes[0]
    frame, notes = parse_elections([Line("Chair election"), Line("Candidates were heard.")],
                                   "RAN1#99", "x.docx")  # fmt: skip
    assert frame.is_empty() and "chair election: no candidates" in notes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qualcomm Incorporated / ATIS", ("Qualcomm Incorporated", "ATIS")),
        ("Ericsson LM (ETSI)", ("Ericsson LM", "ETSI")),
        ("China Mobile Com. Corporation /CCSA", ("China Mobile Com. Corporation", "CCSA")),
        ("Samsung Electronics Co., Ltd", ("Samsung Electronics Co., Ltd", None)),
    ],
)
def test_company_and_partner(text, expected):
    assert company_and_partner(text) == expected


def test_a_report_whose_file_name_and_title_disagree_is_refused(tmp_path):
    renamed = tmp_path / "Final_Report_RAN1-79.docx"
    renamed.write_bytes((REPORTS / "Final_Report_RAN1-87.docx").read_bytes())
    with pytest.raises(ChairReportError, match=r"file name says RAN1#79 but .* title says RAN1#87"):
        parse_chair_report(renamed, renamed.name)
    assert parse_chair_report(renamed, renamed.name, meeting="RAN1#87").meeting == "RAN1#87"


@pytest.fixture(scope="module")
def electing(tmp_path_factory) -> Path:
    """The RAN1#90 report: its candidates' companies resolve to corporate groups."""
    path = tmp_path_factory.mktemp("elections") / "sdo.duckdb"
    result = runner.invoke(
        app, ["import", "report", str(REPORTS / "Final_Report_RAN1-90.docx"), "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def test_the_elections_view_resolves_each_candidates_company(electing):
    with duckdb.connect(str(electing), read_only=True) as con:
        found = con.execute(
            "SELECT DISTINCT group_code, candidate, org_group, hq_country FROM elections "
            "WHERE position = 'chair' ORDER BY candidate"
        ).fetchall()
    assert found == [
        ("R1", "Dr. Wanshi Chen", "Qualcomm", "US"),
        ("R1", "Mr. Brian Classon", "Huawei", "CN"),
    ]
