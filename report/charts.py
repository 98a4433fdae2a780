"""The report's interactive charts: frames in, plotly figures out, nothing read or written.

Every builder takes the frame one sql/report/ query returns and gives a figure whose hover
shows the exact figure behind each point or bar. Decimal columns (exact fractional counts)
are drawn as floats; the tables beside the charts keep the exact values.
"""

from __future__ import annotations

from typing import Any

import polars as pl

TEMPLATE = "plotly_white"
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}
GAIN, LOSS = "#2e7d32", "#c62828"


def _go() -> Any:
    import plotly.graph_objects as go

    return go


def _layout(fig: Any, title: str, height: int, **extra: Any) -> Any:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template=TEMPLATE,
        font=FONT,
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        hoverlabel={"namelength": -1},
        **extra,
    )
    return fig


def _floats(frame: pl.DataFrame, column: str) -> list[float]:
    return frame[column].cast(pl.Float64).to_list()


def share_lines(frame: pl.DataFrame, series: str, title: str, what: str) -> Any:
    """One line per ``series`` value: ``share`` (0-1) by ``start_date``, labelled by meeting.

    ``frame``: start_date, meeting, ``series``, share.
    """
    go = _go()
    fig = go.Figure()
    for (name,), rows in frame.sort(series, "start_date").group_by(series, maintain_order=True):
        fig.add_trace(
            go.Scatter(
                x=rows["start_date"].to_list(),
                y=_floats(rows, "share"),
                customdata=rows["meeting"].to_list(),
                name=str(name),
                mode="lines+markers",
                hovertemplate=f"{name}<br>%{{customdata}} (%{{x|%Y-%m-%d}})<br>"
                f"{what}: %{{y:.1%}}<extra></extra>",
            )
        )
    return _layout(
        fig,
        title,
        420,
        yaxis={"title": what, "tickformat": ".0%", "rangemode": "tozero"},
        xaxis={"title": "meeting date"},
        legend={"font": {"size": 11}},
    )


def concentration_panels(frame: pl.DataFrame, title: str) -> Any:
    """HHI and top-4 share, each on its own axis (they differ tenfold in scale).

    ``frame``: start_date, meeting, hhi, top4_share.
    """
    from plotly.subplots import make_subplots

    go = _go()
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            "Herfindahl-Hirschman index (0-1)",
            "share of the four largest groups",
        ),
        horizontal_spacing=0.12,
    )
    rows = frame.sort("start_date")
    for col, column, label, fmt in ((1, "hhi", "HHI", ".4f"), (2, "top4_share", "top-4", ".1%")):
        fig.add_trace(
            go.Scatter(
                x=rows["start_date"].to_list(),
                y=_floats(rows, column),
                customdata=rows["meeting"].to_list(),
                name=label,
                mode="lines+markers",
                showlegend=False,
                hovertemplate=f"%{{customdata}} (%{{x|%Y-%m-%d}})<br>{label}: "
                f"%{{y:{fmt}}}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", tickformat=".0%", row=1, col=2)
    return _layout(fig, title, 340)


def group_bars(frame: pl.DataFrame, value: str, title: str, axis: str) -> Any:
    """Horizontal bars of ``value`` by org_group, largest on top, in the frame's order.

    ``frame``: org_group, ``value`` and, for the hover, share (0-1) when present.
    """
    go = _go()
    labels = frame["org_group"].to_list()
    values = _floats(frame, value)
    shares = _floats(frame, "share") if "share" in frame.columns else [None] * len(labels)
    fig = go.Figure(
        go.Bar(
            x=values[::-1],
            y=labels[::-1],
            customdata=shares[::-1],
            orientation="h",
            marker={"color": "#3b6ea5"},
            hovertemplate="%{y}: %{x:,.2f}"
            + (" (%{customdata:.1%})" if "share" in frame.columns else "")
            + "<extra></extra>",
        )
    )
    return _layout(
        fig,
        title,
        max(260, 24 * len(labels) + 90),
        xaxis={"title": axis, "rangemode": "tozero"},
        yaxis={"automargin": True},
    )


def change_bars(frame: pl.DataFrame, title: str, axis: str) -> Any:
    """Gainers (green) and losers (red) as bars of ``change``, largest gain on top.

    ``frame``: org_group, previous, latest, change, previous_meeting, latest_meeting.
    """
    go = _go()
    rows = frame.sort("change", "org_group", descending=[False, True])
    change = _floats(rows, "change")
    hover = [
        f"{g}: {p:,.2f} at {pm} → {n:,.2f} at {lm}"
        for g, p, n, pm, lm in zip(
            rows["org_group"],
            _floats(rows, "previous"),
            _floats(rows, "latest"),
            rows["previous_meeting"],
            rows["latest_meeting"],
            strict=True,
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=change,
            y=rows["org_group"].to_list(),
            orientation="h",
            marker={"color": [GAIN if c > 0 else LOSS for c in change]},
            customdata=hover,
            hovertemplate="%{customdata}<br>change: %{x:+,.2f}<extra></extra>",
        )
    )
    return _layout(
        fig,
        title,
        max(260, 24 * rows.height + 90),
        xaxis={"title": axis, "zeroline": True, "zerolinewidth": 2},
        yaxis={"automargin": True},
    )
