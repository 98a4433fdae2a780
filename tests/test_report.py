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


def test_the_bloc_network_names_every_group_without_overlap_and_says_what_each_bloc_holds(
    db,  # noqa: F811
):
    import matplotlib

    matplotlib.use("Agg")
    import duckdb

    from flows.bloc_figure import draw_network
    from warehouse.queries import run_query

    with duckdb.connect(str(db), read_only=True) as con:
        edges = run_query(con, "report", "bloc_network", meeting="RAN1#87",
                          agenda_item="7.1.5.1", edges=120)  # fmt: skip
        legend = run_query(con, "blocs", "summary", meeting="RAN1#87", kind="cosignature",
                           agenda_item="7.1.5.1")  # fmt: skip
    drawn = draw_network(edges, legend, "RAN1#87 7.1.5.1")
    nodes = set(edges["source"]) | set(edges["target"])
    assert set(drawn.labels) == nodes  # every group drawn is named
    boxes = list(drawn.labels.values())
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for a0, b0, a1, b1 in boxes[i + 1 :]:
            assert min(x1, a1) <= max(x0, a0) or min(y1, b1) <= max(y0, b0)  # no overlap
    texts = [t.get_text() for t in drawn.figure.axes[0].get_legend().get_texts()]
    for bloc in legend["bloc"]:
        entry = next(t for t in texts if t.startswith(f"{bloc}:"))
        assert "votes" in entry and ("can block" in entry or "cannot block" in entry
                                     or "can carry" in entry)  # fmt: skip
    shades = {
        line.get_color() for line in drawn.figure.axes[0].get_lines() if line.get_zorder() == 1
    }
    assert len(shades) > 1  # edges shaded by how often the two ends share a bloc
