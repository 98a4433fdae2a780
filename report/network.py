"""The report's picture of one co-signature network: nodes by bloc, every node named,
edges shaded by how often the two ends share a bloc, and a legend saying what each bloc
holds (members, votes, whether it can block or carry a 71 % vote).

Drawing only: frames in, a matplotlib figure out. The layout is igraph's
Fruchterman-Reingold from a fixed start (blocs on sectors of a circle) and a fixed seed, so
the same network gives the same picture. Labels are pushed apart until no two overlap
(``place_labels``), with a leader line when a label had to move away from its node.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from warehouse.blocs.detection import igraph

UNPLACED = ("undecided", "unattached")
_GREY = {"undecided": "#9a9a9a", "unattached": "#d0d0d0"}


@dataclass(frozen=True)
class NetworkFigure:
    figure: Any  # matplotlib Figure
    labels: dict[str, tuple[float, float, float, float]]  # node → label box (display units)


def _colours(blocs: list[str]) -> dict[str, str]:
    import matplotlib.pyplot as plt

    palette = plt.get_cmap("tab10")
    named = [b for b in blocs if b not in UNPLACED]
    colours = {b: _hex(palette(i % 10)) for i, b in enumerate(named)}
    colours.update({b: _GREY[b] for b in blocs if b in UNPLACED})
    return colours


def _hex(rgba: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])


def _layout(nodes: list[str], bloc_of: dict[str, str], order: list[str],
            edges: pl.DataFrame) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Fruchterman-Reingold from blocs placed on sectors of a circle, seeded."""
    index = {n: i for i, n in enumerate(nodes)}
    start = []
    sectors = {b: i for i, b in enumerate(order)}
    for i, node in enumerate(nodes):
        sector = sectors[bloc_of[node]]
        angle = 2 * math.pi * (sector + 0.5 + 0.3 * math.sin(i)) / max(len(order), 1)
        start.append((math.cos(angle) * 10, math.sin(angle) * 10))
    graph = igraph.Graph(
        n=len(nodes),
        edges=[(index[s], index[t]) for s, t in edges.select("source", "target").rows()],
    )
    rng = random.Random(86)
    igraph.set_random_number_generator(rng)
    try:
        layout = graph.layout_fruchterman_reingold(
            weights=edges["weight"].to_list(), seed=start, niter=800
        )
    finally:
        igraph.set_random_number_generator(random)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, layout.coords, strict=True)}


def _clashes(boxes: np.ndarray, pad: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise overlap (x, y) of boxes (x0, y0, x1, y1) grown by ``pad``; <= 0: apart."""
    x0, y0, x1, y1 = (boxes[:, k] for k in range(4))
    dx = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :]) + pad
    dy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :]) + pad
    np.fill_diagonal(dx, 0.0)
    np.fill_diagonal(dy, 0.0)
    return dx, dy


def place_labels(ax: Any, texts: list[Any], pad: float = 1.5, rounds: int = 2000) -> bool:
    """Move labels until no two overlap; True when they no longer do.

    Each round, every overlapping pair is pushed apart by half the overlap each, along the
    shorter way out; the boxes are simulated in display units from each text's measured
    size, and the texts moved once at the end.
    """
    renderer = ax.figure.canvas.get_renderer()
    boxes = np.array([tuple(t.get_window_extent(renderer).extents) for t in texts])
    for _ in range(rounds):
        dx, dy = _clashes(boxes, pad)
        clash = (dx > 0) & (dy > 0)
        if not clash.any():
            break
        centre_x = (boxes[:, 0] + boxes[:, 2]) / 2
        centre_y = (boxes[:, 1] + boxes[:, 3]) / 2
        vertical = dy <= dx
        # j moves away from i: the sign of (centre j - centre i), ties broken by index
        away_x = np.sign(centre_x[None, :] - centre_x[:, None] + 1e-9 * np.subtract.outer(
            np.arange(len(texts)), np.arange(len(texts))).T)  # fmt: skip
        away_y = np.sign(centre_y[None, :] - centre_y[:, None] + 1e-9 * np.subtract.outer(
            np.arange(len(texts)), np.arange(len(texts))).T)  # fmt: skip
        push_x = np.where(clash & ~vertical, dx * away_x / 2, 0.0)
        push_y = np.where(clash & vertical, dy * away_y / 2, 0.0)
        move = np.stack([push_x.sum(axis=0), push_y.sum(axis=0)], axis=1)
        boxes += np.concatenate([move, move], axis=1)
    to_data = ax.transData.inverted()
    for text, box in zip(texts, boxes, strict=True):
        ha, va = text.get_ha(), text.get_va()
        x = {"left": box[0], "right": box[2]}.get(ha, (box[0] + box[2]) / 2)
        y = {"bottom": box[1], "top": box[3]}.get(va, (box[1] + box[3]) / 2)
        text.set_position(to_data.transform((x, y)))
    final = np.array([tuple(t.get_window_extent(renderer).extents) for t in texts])
    dx, dy = _clashes(final, 0.0)
    return not ((dx > 0) & (dy > 0)).any()


def draw_network(edges: pl.DataFrame, legend: pl.DataFrame, title: str) -> NetworkFigure:
    """``edges``: source, target, weight, source_bloc, target_bloc, together_share;
    ``legend``: bloc, members, votes, vote_share, can_block, can_carry, member_groups."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if edges.is_empty():
        raise ValueError(f"{title}: no co-signature tie to draw")
    bloc_of: dict[str, str] = {}
    for source, target, sb, tb in edges.select(
        "source", "target", "source_bloc", "target_bloc"
    ).rows():
        bloc_of[source], bloc_of[target] = sb, tb
    nodes = sorted(bloc_of)
    strength = dict.fromkeys(nodes, 0.0)
    for source, target, weight in edges.select("source", "target", "weight").rows():
        strength[source] += weight
        strength[target] += weight
    listed = legend["bloc"].to_list()  # every bloc, drawn or not, has its line in the legend
    order = listed + sorted(set(bloc_of.values()) - set(listed))
    colours = _colours(order)
    position = _layout(nodes, bloc_of, order, edges)

    fig, ax = plt.subplots(figsize=(11, 8.5))
    heaviest = max(float(edges["weight"].max() or 1.0), 1e-9)  # type: ignore[arg-type]
    for source, target, weight, share in edges.select(
        "source", "target", "weight", "together_share"
    ).rows():
        (x0, y0), (x1, y1) = position[source], position[target]
        shade = 0.85 - 0.75 * float(share or 0.0)  # darker: more often in one bloc
        ax.plot([x0, x1], [y0, y1], color=(shade, shade, shade), alpha=0.7, zorder=1,
                linewidth=0.4 + 2.6 * weight / heaviest)  # fmt: skip
    top = max(strength.values()) or 1.0
    xs = [position[n][0] for n in nodes]
    ys = [position[n][1] for n in nodes]
    ax.scatter(xs, ys, s=[40 + 700 * strength[n] / top for n in nodes],
               c=[colours[bloc_of[n]] for n in nodes], edgecolors="white", linewidths=0.6,
               zorder=2)  # fmt: skip
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    ax.set_xlim(min(xs) - 0.12 * span_x, max(xs) + 0.12 * span_x)
    ax.set_ylim(min(ys) - 0.08 * span_y, max(ys) + 0.08 * span_y)
    ax.set_title(title)
    ax.axis("off")
    texts = [ax.text(position[n][0], position[n][1], n, fontsize=8, ha="center",
                     va="bottom", zorder=4) for n in nodes]  # fmt: skip
    handles = []
    rows = {r["bloc"]: r for r in legend.iter_rows(named=True)}
    for bloc in order:
        r = rows.get(bloc)
        if r is None:
            text = bloc
        else:
            power = (
                "can carry" if r["can_carry"] else "can block" if r["can_block"] else "cannot block"
            )
            share = f"{100 * r['vote_share']:.0f} %" if r["vote_share"] is not None else "n/a"
            groups = ", ".join(str(r["member_groups"] or "").split(", ")[:4])
            more = r["members"] - min(r["members"], 4)
            text = (f"{bloc}: {r['members']} groups, {r['votes']:.0f} votes ({share}), {power}"
                    f" — {groups}{f' +{more}' if more > 0 else ''}")  # fmt: skip
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=7,
                              markerfacecolor=colours[bloc], markeredgecolor="white",
                              label=text))  # fmt: skip
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), fontsize=7.5,
              frameon=False, ncol=1)  # fmt: skip
    fig.canvas.draw()
    place_labels(ax, texts)
    for node, text in zip(nodes, texts, strict=True):
        x, y = position[node]
        tx, ty = text.get_position()
        if math.hypot(*(ax.transData.transform((tx, ty)) - ax.transData.transform((x, y)))) > 12:
            ax.plot([x, tx], [y, ty], color="#777777", linewidth=0.4, zorder=3)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = {}
    for node, text in zip(nodes, texts, strict=True):
        box = text.get_window_extent(renderer)
        boxes[node] = (box.x0, box.y0, box.x1, box.y1)
    return NetworkFigure(fig, boxes)


def figure_png(figure: Any) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
