"""`sdo report`: one self-contained HTML page, and the concentration figures it charts."""

from __future__ import annotations

import base64
import re

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.report import ReportRequest, write_report
from tests.conftest import one_meeting_warehouse
from tests.test_export import db  # noqa: F401  (RAN1#86bis/#87 imported)

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"


def images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]


def test_the_report_is_one_self_contained_page(db, tmp_path):  # noqa: F811
    out = write_report(db, tmp_path / "report.html", 5.0, ReportRequest())
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    charts = images(page)
    assert len(charts) >= 2 and all(c.startswith(PNG) for c in charts)
    # nothing to fetch: no external scripts, styles, images or fonts
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "contributions and approval rates" in page and "Estimated voting blocs" in page
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_bloc_network_of_a_chosen_agenda_item(db, tmp_path):  # noqa: F811
    result = runner.invoke(
        app, ["report", "--out", str(tmp_path / "r.html"), "--meeting", "RAN1#87",
              "--agenda-item", "7.1.5.1", "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "RAN1#87, agenda item 7.1.5.1: the " in page  # the network's caption
    missing = runner.invoke(
        app, ["report", "--out", str(tmp_path / "x.html"), "--meeting", "RAN1#87",
              "--agenda-item", "99.9", "--db", str(db)],
    )  # fmt: skip
    assert missing.exit_code == 1 and "no co-signature network for RAN1#87" in missing.output
    assert not (tmp_path / "x.html").exists()


def test_concentration_is_the_hhi_and_top4_of_named_groups(tmp_path):
    # named groups with 4, 3, 2 and 1 delegates, and 5 who typed nothing
    people = ["Cisco"] * 4 + ["Huawei"] * 3 + ["Google"] * 2 + ["Nokia"] + [""] * 5
    con = one_meeting_warehouse(tmp_path / "c.duckdb", people)
    hhi, top4, groups = con.execute(
        "SELECT hhi, top4_share, groups FROM concentration WHERE meeting = '120'"
    ).fetchall()[0]
    assert hhi == pytest.approx(0.4**2 + 0.3**2 + 0.2**2 + 0.1**2)
    assert top4 == pytest.approx(1.0) and groups == 4
