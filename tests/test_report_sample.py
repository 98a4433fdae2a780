"""The report on the whole bundled sample (IETF 104-112, RAN1#86bis/#87/#122bis), read as
numbers and then as a page in headless Chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.doc_figures import sample_warehouse
from flows.report import ReportRequest, write_report
from report import charts
from warehouse.store.queries import run_query


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return sample_warehouse(tmp_path_factory.mktemp("report-sample"))


@pytest.fixture(scope="module")
def page(sample, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-page") / "report.html"
    return write_report(sample, out, 5.0, ReportRequest())


def test_unaffiliated_delegates_stand_apart_from_the_companies(sample, page):
    with duckdb.connect(str(sample), read_only=True) as con:
        latest = run_query(con, "report", "latest_delegation", top=15).filter(body="ietf")
    apart = latest.filter(pl.col("apart")).select("org_group", "delegates").rows()
    assert apart == [("Unspecified", Decimal("174")), ("Independent", Decimal("7"))]
    companies = latest.filter(~pl.col("apart"))
    assert companies.height == 15 and companies["org_group"][0] == "Huawei"
    text = page.read_text(encoding="utf-8")
    assert (
        "Not companies, so not among the bars: Unspecified: 174 delegates (12.9%); "
        "Independent: 7 delegates (0.5%)." in text
    )


def test_ietf_gainers_and_losers_from_111_to_112(sample):
    with duckdb.connect(str(sample), read_only=True) as con:
        changes = run_query(con, "report", "gainers_losers", top=2).filter(body="ietf")
    assert changes.select("org_group", "previous", "latest").rows() == [
        ("Tsinghua University", Decimal(0), Decimal(9)),
        ("China Mobile", Decimal(18), Decimal(24)),
        ("Huawei", Decimal(82), Decimal(73)),
        ("Juniper Networks", Decimal(39), Decimal(28)),
    ]
    assert set(changes["latest_meeting"]) == {"112"}


def test_concentration_measures_each_have_their_own_axis(sample):
    with duckdb.connect(str(sample), read_only=True) as con:
        rows = run_query(con, "report", "concentration").filter(body="ietf")
    fig = charts.concentration_panels(rows, "IETF")
    assert [(t.name, t.yaxis) for t in fig.data] == [("HHI", "y"), ("top-4", "y2")]
    hhi, top4 = (max(t.y) for t in fig.data)
    assert hhi < 0.02 < 0.15 < top4  # a tenfold gap: on one axis HHI would lie flat


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.browser
def test_the_page_renders_in_headless_chromium_without_errors(page, tmp_path):
    """Every chart draws, the screenshot is not blank, the console stays clean and nothing
    is fetched from anywhere but the file itself."""
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("SDO_REQUIRE_BROWSER"):
            pytest.fail("SDO_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium)")
    from PIL import Image
    from playwright.sync_api import sync_playwright

    charts_in_page = len(re.findall(r'<div id="chart-\d+"', page.read_text(encoding="utf-8")))
    errors: list[str] = []
    fetched: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1150, "height": 900})
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.on("request", lambda r: fetched.append(r.url))
            tab.goto(page.as_uri())
            tab.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
                f"{charts_in_page}",
                timeout=30_000,
            )
            drawn = tab.evaluate(
                "[...document.querySelectorAll('.js-plotly-plot')].map("
                "p => p.querySelectorAll('.trace').length)"
            )
            shot = tab.screenshot(full_page=True)
        finally:
            browser.close()
    assert charts_in_page >= 8
    assert len(drawn) == charts_in_page and all(n > 0 for n in drawn)  # every chart has data
    assert errors == []
    assert [u for u in fetched if not u.startswith(("file:", "data:"))] == []
    (tmp_path / "report.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("L")
    width, height = image.size
    assert width >= 1100 and height > 5000  # the whole page, not one screen
    histogram = image.histogram()
    inked = sum(histogram[:200]) / (width * height)
    assert inked > 0.02  # lines, bars, text: not a blank page
