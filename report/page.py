"""The report page: reads the sql/report/ queries, asks report.charts and report.network
for the pictures, and writes one self-contained HTML string.

Interactive charts are plotly, with plotly.js embedded once in the page (no network to view
it); the bloc network is a labelled matplotlib picture embedded as a PNG. Every chart sits
in a <figure> whose caption says what is counted and which view it comes from.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import duckdb
import polars as pl

from report import charts
from warehouse.store.queries import first_value, not_loaded_message, run_query

TOP_GROUPS = 8
TOP_BARS = 15
TOP_CHANGES = 6
NETWORK_EDGES = 120
BODY_NAMES = {"ietf": "IETF", "3gpp": "3GPP"}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass(frozen=True)
class ReportRequest:
    meeting: str | None = None  # the bloc network's meeting (default: latest with blocs)
    agenda_item: str | None = None  # default: that meeting's most co-signed agenda item


@dataclass
class Charts:
    """The page's charts in order; each gets a stable element id (same data, same page)."""

    count: int = 0

    def plotly(self, figure: Any, caption: str) -> str:
        self.count += 1
        div = figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{self.count}",
            config=PLOTLY_CONFIG,
        )
        return _figure(div, caption)


def _figure(body: str, caption: str) -> str:
    return f"<figure>{body}<figcaption>{html.escape(caption)}</figcaption></figure>"


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    return run_query(con, "report", name, **params)


def exact_text(value: Decimal) -> str:
    """An exact count as people write it: 13.5, 73, 0.333334 (no trailing zeros, no
    exponent, never rounded)."""
    return format(value.normalize(), "f")


def forum_name(body: str, meeting: str) -> str:
    """What a meeting series is called: "IETF", or a 3GPP group's label ("RAN1#87" → RAN1)."""
    return BODY_NAMES.get(body, body) if body != "3gpp" else f"3GPP {meeting.split('#')[0]}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(frame: pl.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _apart_note(rows: pl.DataFrame, value: str, unit: str) -> str:
    """One line for the unaffiliated groups left out of a company chart."""
    if rows.is_empty():
        return ""
    parts = [
        f"{g}: {_cell(v)} {unit} ({s:.1%})"
        for g, v, s in rows.select("org_group", value, "share").rows()
    ]
    return (
        '<p class="apart">Not companies, so not among the bars: '
        + html.escape("; ".join(parts))
        + ".</p>"
    )


def _forums(*frames: pl.DataFrame) -> list[tuple[str, str, str]]:
    """(body, group_code, name) of every forum in the frames: the IETF first, then each 3GPP
    working group, named from its latest meeting's label."""
    seen: dict[tuple[str, str], str] = {}
    for frame in frames:
        for body, group, meeting in frame.select("body", "group_code", "meeting").rows():
            seen[(body, group)] = forum_name(body, meeting)
    order = list(BODY_NAMES)
    return [(b, g, seen[(b, g)]) for b, g in sorted(seen, key=lambda k: (order.index(k[0]), k[1]))]


def _forum_delegation(page: Charts, label: str, groups: pl.DataFrame, countries: pl.DataFrame,
                      concentration: pl.DataFrame, latest: pl.DataFrame) -> list[str]:  # fmt: skip
    """One forum's delegation: share over time (groups, countries), concentration, the
    latest meeting's groups."""
    parts = []
    if not groups.is_empty():
        parts.append(
            page.plotly(
                charts.share_lines(groups, "org_group",
                                   f"{label}: delegation share of the largest corporate groups",
                                   "share of delegates"),
                "Each line: a corporate group's delegates as a share of everyone registered "
                f"for the {label} meeting (a joint affiliation counts half to each). The "
                f"{TOP_GROUPS} groups with the most delegates over these meetings are drawn; "
                "Unspecified and Independent are not companies and are left out, but stay in the "
                "denominator. Source: delegation_by_group (share), meetings (dated).",
            )
        )  # fmt: skip
    if not countries.is_empty():
        parts.append(
            page.plotly(
                charts.share_lines(countries, "country_code",
                                   f"{label}: delegation share by HQ country",
                                   "share of delegates"),
                "Each line: the delegates of organizations headquartered in a country (the "
                "corporate group's HQ, not where the person works), as a share of the "
                f"meeting. The {TOP_GROUPS} largest countries are drawn. Source: "
                "delegation_by_country (basis = 'hq').",
            )
        )  # fmt: skip
    if not concentration.is_empty():
        parts.append(
            page.plotly(
                charts.concentration_panels(concentration,
                                            f"{label}: concentration of delegation"),
                "Left: the Herfindahl-Hirschman index, the sum of the squared shares of named "
                "corporate groups (1 = one group; 1/n = n equal groups). Right: the share of "
                "the four largest. Unspecified delegates are left out: they are not one "
                "organization. Source: concentration.",
            )
            + table(concentration.select("meeting", "start_date", "hhi", "top4_share",
                                         "groups"))
        )  # fmt: skip
    if not latest.is_empty():
        meeting = str(latest["meeting"][0])
        name = meeting if label != "IETF" else f"IETF {meeting}"
        companies = latest.filter(~pl.col("apart"))
        parts.append(
            f"<h3>{html.escape(name)}: the latest delegation</h3>"
            + page.plotly(
                charts.group_bars(companies, "delegates",
                                  f"{name}: delegates by corporate group", "delegates"),
                f"The {TOP_BARS} largest corporate groups at {name}: delegates (a joint "
                "affiliation split equally, so halves occur); people in the table counts "
                "each person once, under their first listed organization. Source: "
                "delegation_by_group.",
            )
            + _apart_note(latest.filter(pl.col("apart")), "delegates", "delegates")
            + table(companies.select("org_group", "hq_country", "people", "delegates",
                                     "share"))
        )  # fmt: skip
    return parts


def delegation_sections(con: duckdb.DuckDBPyConnection, page: Charts) -> list[str]:
    """Per forum (the IETF; each 3GPP working group with participant lists): who is sent."""
    groups = _query(con, "share_over_time", top=TOP_GROUPS)
    countries = _query(con, "country_share_over_time", top=TOP_GROUPS)
    concentration = _query(con, "concentration")
    latest = _query(con, "latest_delegation", top=TOP_BARS)
    sections = []
    forums = _forums(groups, countries, concentration, latest)
    for body, group, label in forums:
        parts = _forum_delegation(
            page, label, *(f.filter(body=body, group_code=group)
                           for f in (groups, countries, concentration, latest))
        )  # fmt: skip
        sections.append(f"<h2>{html.escape(label)}: delegation</h2>" + "".join(parts))
    if not any(body == "3gpp" for body, _, _ in forums):
        sections.append(
            "<h2>3GPP: delegation</h2><p>No 3GPP participant list is loaded, so there is no "
            "3GPP delegation to chart (contributions below count TDocs instead). "
            "`sdo import participants` reads a meeting's participant list.</p>"
        )
    return sections


def contribution_sections(con: duckdb.DuckDBPyConnection, page: Charts) -> list[str]:
    """3GPP, per working group: contribution share over its meetings, its latest meeting."""
    over_time = _query(con, "contribution_share_over_time", top=TOP_GROUPS)
    latest = _query(con, "latest_contributions", top=TOP_BARS)
    sections = []
    for group in sorted(set(over_time["group_code"]) | set(latest["group_code"])):
        parts = []
        rows = over_time.filter(group_code=group)
        newest = latest.filter(group_code=group)
        label = forum_name("3gpp", str((newest if newest.height else rows)["meeting"][-1]))
        if not rows.is_empty():
            parts.append(
                page.plotly(
                    charts.share_lines(rows, "org_group",
                                       f"{label}: share of TDoc credit over meetings",
                                       "share of TDocs"),
                    f"Each line: a corporate group's share of each {label} meeting's TDocs, "
                    "each TDoc counting 1 shared equally among its co-signing organizations. "
                    f"The {TOP_GROUPS} groups with the most TDoc credit over these meetings "
                    "are drawn; Unspecified and Independent are left out. Source: "
                    "contributions_by_group (fractional).",
                )
            )  # fmt: skip
        if not newest.is_empty():
            meeting = str(newest["meeting"][0])
            companies = newest.filter(~pl.col("apart"))
            parts.append(
                f"<h3>{html.escape(meeting)}: contributions and approval rates</h3>"
                + page.plotly(
                    charts.group_bars(companies, "fractional",
                                      f"{meeting}: TDocs by corporate group (fractional "
                                      "credit)", "TDocs (fractional credit)"),
                    f"The {TOP_BARS} largest contributors at {meeting}, ranked by fractional "
                    "credit (each TDoc counts 1, shared among its co-signers). In the table, "
                    "contributions counts every TDoc a group signed in full; approval_rate "
                    "is approved among those the meeting treated. Source: "
                    "contributions_by_group.",
                )
                + _apart_note(newest.filter(pl.col("apart")), "fractional", "TDocs")
                + table(companies.select("org_group", "fractional", "share", "contributions",
                                         "approved", "treated", "approval_rate"))
            )  # fmt: skip
        sections.append(f"<h2>{html.escape(label)}: contributions</h2>" + "".join(parts))
    return sections


def gainers_losers_section(con: duckdb.DuckDBPyConnection, page: Charts) -> list[str]:
    """Per forum and measure: who rose and fell most between its last two meetings."""
    changes = _query(con, "gainers_losers", top=TOP_CHANGES)
    parts = []
    keys = ("body", "forum", "measure", "previous_meeting", "latest_meeting")
    for (body, _, measure, before, after), rows in changes.group_by(keys, maintain_order=True):
        where = forum_name(str(body), str(after))
        unit = "people" if measure == "people" else "TDocs (fractional credit)"
        parts.append(
            page.plotly(
                charts.change_bars(rows, f"{where}: gainers and losers, {before} → {after}",
                                   f"change in {unit}"),
                f"The {TOP_CHANGES} corporate groups whose {unit} rose most (green) and fell "
                f"most (red) from {before} to {after}, the last two {where} meetings with "
                "this figure; a group absent from one counts 0 there. Meetings differ in "
                "size, so the table gives both figures. Source: "
                + ("delegation_by_group (people)." if measure == "people"
                   else "contributions_by_group (fractional)."),
            )
            + table(rows.select("org_group", "previous", "latest", "change"))
        )  # fmt: skip
    if not parts:
        return []
    return ["<h2>Gainers and losers since the meeting before</h2>" + "".join(parts)]


def network_section(con: duckdb.DuckDBPyConnection, request: ReportRequest) -> str:
    """The chosen co-signature network drawn by bloc, with its caption."""
    from report.network import draw_network, figure_png

    meeting, item = request.meeting, request.agenda_item
    if meeting is None:
        latest = first_value(con, "blocs", "latest_meeting")
        meeting = str(latest) if latest is not None else None
    if meeting is None:
        return "<h2>Estimated voting blocs</h2><p>No co-signature networks yet (3GPP TDoc "\
               "lists load them).</p>"  # fmt: skip
    if item is None and request.meeting is None:  # nothing asked: the busiest agenda item
        busiest = first_value(con, "blocs", "busiest_agenda_item", meeting=meeting)
        item = str(busiest) if busiest is not None else None
    edges = _query(con, "bloc_network", meeting=meeting, agenda_item=item, edges=NETWORK_EDGES)
    where = f"{meeting}" + (f", agenda item {item}" if item else " (whole meeting)")
    if edges.is_empty():
        raise ValueError(not_loaded_message(con, meeting) or f"no co-signature network for {where}")
    legend = run_query(con, "blocs", "summary", meeting=meeting, kind="cosignature",
                       agenda_item=item)  # fmt: skip
    drawn = draw_network(edges, legend, f"Co-signature blocs, {where}")
    caption = (
        f"{where}: the {edges.height} heaviest co-signature ties between "
        f"{len(drawn.labels)} corporate groups; colour = estimated bloc (grey: undecided or "
        "unattached), size = co-signature strength, edge shade = share of the consensus runs "
        "that put the two in one bloc (dark: always). Votes in the legend are the meeting's "
        "(`sdo blocs` lists every member). Source: bloc_edges, bloc_membership, bloc_pairs, "
        "bloc_summary."
    )
    png = base64.b64encode(figure_png(drawn.figure)).decode()
    image = f'<img alt="{html.escape(f"co-signature network {where}")}" '\
            f'src="data:image/png;base64,{png}">'  # fmt: skip
    return "<h2>Estimated voting blocs</h2>" + _figure(image, caption)


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1080px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd}
h3{margin-top:1.5em} figure{margin:1em 0 1.5em} img{max-width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.88em;margin-top:.3em}
table{border-collapse:collapse;font-size:.85em;margin:1em 0}
td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left} th{background:#f4f4f4}
td:not(:first-child){font-variant-numeric:tabular-nums}
.meta{color:#666;font-size:.85em} .apart{color:#444;font-size:.9em}
"""


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def build_page(con: duckdb.DuckDBPyConnection, source: str, request: ReportRequest,
               generated: datetime | None = None) -> str:  # fmt: skip
    """The whole page as a string, from an open (read-only) warehouse connection."""
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    runs = run_query(con, "queries", "latest_refresh_runs").select("source", "finished_utc")
    meta = "; ".join(f"{s} refreshed {t} UTC" for s, t in runs.rows()) or "no refresh yet"
    page = Charts()
    sections = [
        *delegation_sections(con, page),
        *contribution_sections(con, page),
        *gainers_losers_section(con, page),
        network_section(con, request),
    ]
    stamp = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>sdo-tracker report</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{_plotly_js()}</script></head><body>'
        "<h1>Who takes part in the IETF and 3GPP</h1>"
        f'<p class="meta">Generated {stamp} from {html.escape(source)}; '
        f"{html.escape(meta)}. Delegates are people registered for the meeting itself; groups "
        "are ultimate corporate parents on the meeting's date; every figure is a column of a "
        "view described in docs/views.md. Hover a chart for exact figures.</p>"
        + "".join(sections)
        + "</body></html>\n"
    )
