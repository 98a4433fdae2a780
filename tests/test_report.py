"""`sdo report`: one self-contained HTML page, and the concentration figures it charts."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.report import ReportRequest, write_report
from tests.conftest import one_meeting_warehouse
from tests.test_export import db  # noqa: F401  (RAN1#86bis/#87 imported)

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"
PLOTLY_JS = re.compile(r'<script type="text/javascript">.*?</script>', re.S)


def images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]


def test_the_report_is_one_self_contained_page(db, tmp_path):  # noqa: F811
    out = write_report(db, tmp_path / "report.html", 5.0, ReportRequest())
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    scripts = PLOTLY_JS.findall(page)
    assert len(scripts) == 1 and len(scripts[0]) > 1_000_000  # plotly.js embedded, once
    charts = re.findall(r'<div id="(chart-\d+)"', page)
    # 3GPP share over meetings, the latest meeting's bars, gainers and losers
    assert charts == ["chart-1", "chart-2", "chart-3"]
    own = PLOTLY_JS.sub("", page)  # the page without the embedded library
    assert len(images(own)) == 1 and images(own)[0].startswith(PNG)  # the bloc network
    # nothing to fetch: no external scripts, styles or images
    assert not re.search(r'(src|href)="(https?:)?//', own)
    # every chart captioned with its source view
    assert page.count("<figcaption>") == 4 and page.count("Source: ") == 4
    assert "No 3GPP participant list is loaded" in page  # says why 3GPP delegation is absent
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_3gpp_participant_list_gives_its_working_group_a_delegation_section(db, tmp_path):  # noqa: F811
    import shutil

    from tests.test_export import THREEGPP

    copy = tmp_path / "sdo.duckdb"
    shutil.copy(db, copy)
    partlist = THREEGPP / "participants" / "PartList_3GPPRAN1#87_Reno.xlsx"  # constructed
    result = runner.invoke(app, ["import", "participants", str(partlist), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    page = write_report(copy, tmp_path / "r.html", 5.0, ReportRequest()).read_text("utf-8")
    headings = re.findall(r"<h[23]>([^<]*)</h[23]>", page)
    assert headings[:4] == [
        "3GPP RAN1: delegation",
        "RAN1#87: the latest delegation",
        "3GPP RAN1: contributions",
        "RAN1#87: contributions and approval rates",
    ]
    assert "No 3GPP participant list is loaded" not in page


def test_3gpp_bars_rank_by_the_fractional_credit_they_draw(db):  # noqa: F811
    import duckdb
    import polars as pl

    from warehouse.store.queries import run_query

    with duckdb.connect(str(db), read_only=True) as con:
        rows = run_query(con, "report", "latest_contributions", top=15)
    companies = rows.filter(~pl.col("apart"))
    assert rows["meeting"].unique().to_list() == ["RAN1#87"]
    assert companies.height == 15
    drawn = companies["fractional"].to_list()
    assert drawn == sorted(drawn, reverse=True)
    # full counts rank differently here: sorted by them, the bars would not be in order
    assert companies["contributions"].to_list() != sorted(companies["contributions"],
                                                           reverse=True)  # fmt: skip
    assert companies.head(3).select("org_group", "fractional").rows() == [
        ("Huawei", Decimal("367.734048")),
        ("Ericsson", Decimal("357.342064")),
        ("Qualcomm", Decimal("261.043904")),
    ]


def test_gainers_and_losers_between_the_last_two_meetings_of_a_group(db):  # noqa: F811
    import duckdb
    import polars as pl

    from warehouse.store.queries import run_query

    with duckdb.connect(str(db), read_only=True) as con:
        changes = run_query(con, "report", "gainers_losers", top=2)
    assert set(changes.select("previous_meeting", "latest_meeting").rows()) == {
        ("RAN1#86bis", "RAN1#87")
    }
    rows = changes.select("org_group", "previous", "latest", "change", "direction").rows()
    assert rows == [
        ("Ericsson", Decimal("275.114431"), Decimal("357.342064"), Decimal("82.227633"),
         "gainer"),
        ("Samsung Electronics", Decimal("208.242197"), Decimal("248.237290"),
         Decimal("39.995093"), "gainer"),
        ("NTT", Decimal("89.417503"), Decimal("78.248123"), Decimal("-11.169380"), "loser"),
        ("InterDigital", Decimal("58.539570"), Decimal("45.142261"), Decimal("-13.397309"),
         "loser"),
    ]  # fmt: skip
    # the same from the view by hand: every group's change, the two largest each way
    with duckdb.connect(str(db), read_only=True) as con:
        wide = con.sql(
            "PIVOT (SELECT meeting, org_group, fractional FROM contributions_by_group "
            "WHERE NOT unaffiliated(org_group)) ON meeting USING sum(fractional)"
        ).pl()
    change = (
        wide.fill_null(0)
        .select("org_group", (pl.col("RAN1#87") - pl.col("RAN1#86bis")).alias("change"))
        .sort("change", "org_group")
    )
    by_hand = (
        change.tail(2).reverse()["org_group"].to_list()
        + change.head(2).reverse()["org_group"].to_list()
    )
    assert [r[0] for r in rows] == by_hand


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

    from report.network import draw_network
    from warehouse.store.queries import run_query

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
