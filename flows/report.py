"""`sdo report`: one self-contained HTML page of charts, readable with no network.

Charts are drawn with matplotlib and embedded as PNG data URIs, tables as plain HTML, the
style inline: the file can be mailed, archived or opened offline. Queries live in
sql/report/; this module only reads them and draws.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from warehouse.db import connect, db_path
from warehouse.queries import first_value, not_loaded_message, run_query

TOP_GROUPS = 8
TOP_BARS = 15
NETWORK_EDGES = 120
BODY_NAMES = {"ietf": "IETF", "3gpp": "3GPP"}


@dataclass(frozen=True)
class ReportRequest:
    meeting: str | None = None  # the bloc network's meeting (default: latest with blocs)
    agenda_item: str | None = None  # default: that meeting's most co-signed agenda item


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    return run_query(con, "report", name, **params)


def _figure_png(fig: object) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    return base64.b64encode(buffer.getvalue()).decode()


def _img(png: str, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{png}">'


def _lines(frame: pl.DataFrame, series: str, title: str, ylabel: str) -> str | None:
    import matplotlib.pyplot as plt

    if frame.is_empty():
        return None
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for name, rows in frame.group_by(series, maintain_order=True):
        rows = rows.sort("start_date")
        ax.plot(
            rows["start_date"].to_list(),
            rows["value"].to_list(),
            marker="o",
            ms=3,
            label=str(name[0]),
        )
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=2, frameon=False)
    return _img(_figure_png(fig), title)


def _bar_section(
    heading: str, rows: pl.DataFrame, value: str, caption: str, axis: str, table: pl.DataFrame
) -> str:
    """A heading, a bar chart of ``value`` by corporate group, and the table behind it."""
    bars = _bars(rows["org_group"].to_list(), rows[value].to_list(), caption, axis)
    return f"<h2>{heading}</h2>" + bars + _table(table)


def _bars(labels: list[str], values: list[float], title: str, xlabel: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.32 * len(labels) + 1)))
    ax.barh(labels[::-1], values[::-1], color="#3b6ea5")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    return _img(_figure_png(fig), title)


def _table(frame: pl.DataFrame, floats: int = 3) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.iter_rows():
        cells = []
        for value in row:
            if isinstance(value, float):
                text = f"{value:.{floats}f}"
            else:
                text = "" if value is None else str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _network(con: duckdb.DuckDBPyConnection, request: ReportRequest) -> tuple[str, str]:
    """The chosen co-signature network drawn by bloc, and its caption."""
    from flows.bloc_figure import draw_network

    meeting, item = request.meeting, request.agenda_item
    if meeting is None:
        latest = first_value(con, "blocs", "latest_meeting")
        meeting = str(latest) if latest is not None else None
    if meeting is None:
        return "", "No co-signature networks yet (3GPP TDoc lists load them)."
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
        "(`sdo blocs` lists every member)."
    )
    return _img(_figure_png(drawn.figure), f"co-signature network {where}"), caption


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1000px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd}
img{max-width:100%;height:auto;display:block;margin:1em 0}
table{border-collapse:collapse;font-size:.85em;margin:1em 0}
td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left} th{background:#f4f4f4}
.meta{color:#666;font-size:.85em} .caption{color:#555;font-size:.9em}
"""


def build_report(db: Path | None, wait: float, request: ReportRequest) -> str:
    """The whole page as a string."""
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    con = connect(db, read_only=True, wait=wait)
    try:
        return _page(con, db, request)
    except duckdb.CatalogException as exc:
        raise ValueError(
            f"{exc}. The database predates the report views: run `sdo refresh`."
        ) from exc
    finally:
        con.close()


def _page(con: duckdb.DuckDBPyConnection, db: Path | None, request: ReportRequest) -> str:
    sections: list[str] = []
    runs = run_query(con, "queries", "latest_refresh_runs").select("source", "finished_utc")
    meta = "; ".join(f"{s} refreshed {t} UTC" for s, t in runs.rows()) or "no refresh yet"

    groups = _query(con, "share_over_time", top=TOP_GROUPS).rename({"share": "value"})
    countries = _query(con, "country_share_over_time", top=TOP_GROUPS).rename({"share": "value"})
    concentration = _query(con, "concentration")
    for body, label in BODY_NAMES.items():
        parts = []
        chart = _lines(
            groups.filter(body=body),
            "org_group",
            f"{label}: delegation share of the largest corporate groups",
            "share",
        )
        if chart:
            parts.append(chart)
        chart = _lines(
            countries.filter(body=body),
            "country_code",
            f"{label}: delegation share by HQ country",
            "share",
        )
        if chart:
            parts.append(chart)
        conc = concentration.filter(body=body)
        if not conc.is_empty():
            both = pl.concat(
                [
                    conc.select(
                        "start_date", pl.lit("HHI").alias("measure"), pl.col("hhi").alias("value")
                    ),
                    conc.select(
                        "start_date",
                        pl.lit("top-4 share").alias("measure"),
                        pl.col("top4_share").alias("value"),
                    ),
                ]
            )
            parts.append(_lines(both, "measure", f"{label}: concentration of delegation", "") or "")
            parts.append(
                _table(conc.select("meeting", "start_date", "hhi", "top4_share", "groups"))
            )
        if parts:
            sections.append(f"<h2>{label}: delegation over time</h2>" + "".join(parts))

    latest = _query(con, "latest_delegation", top=TOP_BARS)
    for (body,), rows in latest.group_by("body", maintain_order=True):
        label = BODY_NAMES.get(str(body), str(body))
        meeting = rows["meeting"][0]
        sections.append(
            _bar_section(
                f"{label} {html.escape(str(meeting))}: the latest meeting's delegation",
                rows,
                "delegates",
                f"{label} {meeting}: delegates by corporate group",
                "delegates",
                rows.select("org_group", "hq_country", "delegates", "share"),
            )
        )

    contributions = _query(con, "latest_contributions", top=TOP_BARS)
    if not contributions.is_empty():
        meeting = contributions["meeting"][0]
        sections.append(
            _bar_section(
                f"3GPP {html.escape(str(meeting))}: contributions and approval rates",
                contributions,
                "fractional",
                f"{meeting}: TDocs by corporate group (fractional credit)",
                "TDocs",
                contributions.drop("meeting"),
            )
        )

    network, caption = _network(con, request)
    sections.append(
        "<h2>Estimated voting blocs</h2>"
        + network
        + f'<p class="caption">{html.escape(caption)}</p>'
    )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>sdo-tracker report</title><style>{STYLE}</style></head><body>"
        "<h1>Who takes part in the IETF and 3GPP</h1>"
        f'<p class="meta">Generated {generated} from {html.escape(str(db_path(db)))}; '
        f"{html.escape(meta)}. Delegates are people registered for the meeting itself; groups "
        "are ultimate corporate parents on the meeting's date (docs/views.md).</p>"
        + "".join(sections)
        + "</body></html>\n"
    )


def write_report(db: Path | None, out: Path, wait: float, request: ReportRequest) -> Path:
    page = build_report(db, wait, request)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.tmp")
    staging.write_text(page, encoding="utf-8")
    staging.replace(out)
    return out
