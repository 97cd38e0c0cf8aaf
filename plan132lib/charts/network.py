"""Network drawings in the house chart style: the agency–task graph and the agency projection.

- :func:`two_mode_drawing`: agencies in a column on the left (most tasks
  first), tasks in a column on the right in plan order, bracketed by task
  group; one line per tie, lead solid blue, coordinate dashed orange.
- :func:`projection_drawing`: agencies on a circle in order of weighted
  degree, line width by the number of tasks two agencies share.

Both take the graphs of :mod:`plan132lib.network` (any graph with the same
node and edge attributes works; a missing attribute falls back to a plain
default), place the nodes by rule rather than by a random layout, return a
:class:`matplotlib.figure.Figure` without touching pyplot, and save
byte-identically with :func:`plan132lib.charts.save_figure`. Vietnamese by
default, English with ``lang="en"``; the fixed strings are the ``network_chart.*``
rows of words.csv (those shared with the other charts ``chart.*``, the role names
``value.role.*``), and every string drawn is NFC.
"""

from __future__ import annotations

import math
import numbers
import textwrap
from collections.abc import Hashable, Sequence
from typing import Any

import matplotlib as mpl
import networkx as nx
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import TICKLEFT
from matplotlib.transforms import Transform, offset_copy

from ..words import value, word
from .frame import (
    COLORS,
    FOOT_LINE,
    SMALL,
    STYLE,
    check_lang,
    figure_title,
    finish,
    group_title,
    new_figure,
    nfc,
    quoted,
    size_of,
    wrap_text,
)

__all__ = ["label", "projection_drawing", "two_mode_drawing"]

COLLECTIVE_OPTIONS = ("keep", "drop", "expand")
COLLECTIVE_GREY = "#9A9A9A"  # collective entries: hollow (two-mode) or filled (projection) in this grey

ROW = 0.2  # inches per task row in the two-mode drawing
_GROUP_GAP = 0.9  # extra rows between two task groups
_AGENCY_GAP = 1.75  # the least distance between two agency nodes, in task rows
_SUB_LINE = 0.2  # inches reserved under the title for the subtitle
_MANY_TIES = 200  # above this many ties the two-mode lines are drawn thinner and lighter
_DENSE_PAIRS = 60  # above this many pairs the projection lines are drawn lighter
_NAME_WIDTH = 28  # characters per line of an agency name (English names wrap)


def label(key: str, lang: str = "vi", **fields: object) -> str:
    """The string ``network_chart.<key>`` of words.csv in ``lang``, formatted with ``fields``, in NFC."""
    return word(f"network_chart.{key}", lang, **fields)


# ---------------------------------------------------------------- helpers


def _is_task(data: dict[str, Any]) -> bool:
    kind = data.get("node_type")
    return kind == "task" if kind is not None else data.get("bipartite") == 1


def _is_collective(data: dict[str, Any]) -> bool:
    return bool(data.get("is_collective", False)) or data.get("kind") == "collective"


def _name(node: Hashable, data: dict[str, Any], lang: str) -> str:
    """short_name (Vietnamese) or name_en (English), falling back to label, then the node id."""
    keys = ("name_en", "short_name", "label") if lang == "en" else ("short_name", "label")
    for key in keys:
        value = data.get(key)
        if value is not None and str(value).strip():
            return nfc(value).strip()
    return nfc(node)


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, numbers.Real) and not math.isnan(value) else default


def _subtitle(g: nx.Graph, lang: str, counts: Sequence[str]) -> str:
    """Counts, then the threshold and the collectives option the graph was built with, if known."""
    parts = list(counts)
    min_weight = _number(g.graph.get("min_weight"), 1.0)
    if min_weight > 1:
        parts.append(word("network_chart.min_weight", lang, n=f"{min_weight:g}"))
    option = g.graph.get("collectives")
    if isinstance(option, str) and option in COLLECTIVE_OPTIONS:
        parts.append(word(f"network_chart.collectives.{option}", lang))
    return " · ".join(parts)


def _figure(height: float, footer: Sequence[str], title: str, subtitle: str, size: str = "print") -> Figure:
    """A house-style figure (:func:`plan132lib.charts.frame.new_figure`) with a title and a muted subtitle."""
    s = size_of(size)
    height = s.height or height
    fig = new_figure(height, footer, size)
    figure_title(fig, title)
    if subtitle:  # lower the top of the layout box by one line and write the subtitle there
        engine = fig.get_layout_engine()
        left, bottom, width, box_height = engine.get()["rect"]
        engine.set(rect=(left, bottom, width, box_height - _SUB_LINE * s.scale / height))
        fig.text(
            0.012,
            1 - 0.33 * s.scale / height,
            nfc(subtitle),
            ha="left",
            va="top",
            fontsize=9,
            color=COLORS["muted"],
        )
    return fig


def _footer(lines: Sequence[str], width: int = 118) -> list[str]:
    return [part for line in lines for part in textwrap.wrap(nfc(line), width, subsequent_indent="     ")]


def _points(ax: Any, fig: Figure, dx: float = 0.0, dy: float = 0.0) -> Transform:
    """Data coordinates shifted by (dx, dy) points: labels keep their distance from a node at any size."""
    return offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points")


def _node_label(
    ax: Any,
    fig: Figure,
    xy: tuple[float, float],
    text: str,
    collective: bool,
    dx: float,
    dy: float,
    ha: str,
    va: str,
) -> None:
    ax.text(
        *xy,
        text,
        transform=_points(ax, fig, dx, dy),
        ha=ha,
        va=va,
        ma=ha,
        fontsize=SMALL + 0.5,
        linespacing=1.1,
        clip_on=False,
        color=COLORS["muted"] if collective else COLORS["text"],
        style="italic" if collective else "normal",
    )


# ---------------------------------------------------------------- two-mode


def _group_key(value: Any) -> tuple[int, int]:
    """Sort key of a group id: numbers in order, a missing or odd id last."""
    try:
        return (0, int(value))
    except (TypeError, ValueError):
        return (1, 0)


def _task_rows(g: nx.Graph) -> tuple[dict[Hashable, float], list[tuple[Any, float, float]]]:
    """Task -> row (group order, graph order within a group, a gap between groups); and per group
    (group id, first row, last row)."""
    tasks = sorted(
        (n for n, d in g.nodes(data=True) if _is_task(d)),
        key=lambda n: _group_key(g.nodes[n].get("group_id")),
    )  # stable: plan order kept
    rows: dict[Hashable, float] = {}
    spans: list[tuple[Any, float, float]] = []
    row = 0.0
    for task in tasks:
        group = g.nodes[task].get("group_id")
        if spans and _group_key(spans[-1][0]) == _group_key(group):
            spans[-1] = (spans[-1][0], spans[-1][1], row)
        else:
            row += _GROUP_GAP if spans else 0.0
            spans.append((group, row, row))
        rows[task] = row
        row += 1
    return rows, spans


def _role_edges(g: nx.Graph) -> dict[str, list[tuple[Hashable, Hashable]]]:
    """(agency, task) pairs by role; any role other than "lead" counts as "coordinate"."""
    edges: dict[str, list[tuple[Hashable, Hashable]]] = {"lead": [], "coordinate": []}
    for u, v, d in g.edges(data=True):
        pair = (v, u) if _is_task(g.nodes[u]) and not _is_task(g.nodes[v]) else (u, v)
        edges["lead" if d.get("role") == "lead" else "coordinate"].append(pair)
    return edges


def _group_notes(
    g: nx.Graph, spans: Sequence[tuple[Any, float, float]], lang: str
) -> tuple[list[str], list[str]]:
    """The bracket label of each group ("Nhóm 1" / "Group 1") and the footnotes naming the groups."""
    first_task: dict[tuple[int, int], dict[str, Any]] = {}
    for _, d in g.nodes(data=True):
        if _is_task(d):
            first_task.setdefault(_group_key(d.get("group_id")), d)
    names, notes = [], []
    for group, _, _ in spans:
        key = _group_key(group)
        name = word("chart.group", lang, n=key[1]) if key[0] == 0 else word("network_chart.no_group", lang)
        title = group_title(first_task[key].get("group_title"), lang)
        names.append(name)
        if title:
            notes.append(f"{name}: {title}")
    return names, notes


#: The most tasks and agencies the agency–task network draws: one row per task, so a larger plan
#: would give a chart many pages tall. Beyond, :func:`_hubs_only` draws a part and says so.
MAX_TWO_MODE_TASKS = 80
MAX_TWO_MODE_AGENCIES = 30


def _hubs_only(g: nx.Graph) -> tuple[nx.Graph, dict[str, int]]:
    """``g`` itself when it is small enough to draw; else the tasks of the first groups (plan order,
    at most :data:`MAX_TWO_MODE_TASKS`) and, among the agencies they name, the
    :data:`MAX_TWO_MODE_AGENCIES` with the most tasks in the whole plan, with what the note says."""
    tasks = [n for n, d in g.nodes(data=True) if _is_task(d)]
    agencies = [n for n, d in g.nodes(data=True) if not _is_task(d)]
    if len(tasks) <= MAX_TWO_MODE_TASKS and len(agencies) <= MAX_TWO_MODE_AGENCIES:
        return g, {}
    ordered = sorted(tasks, key=lambda n: _group_key(g.nodes[n].get("group_id")))  # stable: plan order
    kept_tasks = ordered[:MAX_TWO_MODE_TASKS]
    named = {a for t in kept_tasks for a in g.neighbors(t)}
    hubs = sorted((a for a in agencies if a in named), key=lambda a: -g.degree(a))[:MAX_TWO_MODE_AGENCIES]
    keep = {*hubs, *kept_tasks}
    part = g.__class__()  # the graph's own node order (plan order), which a subgraph view does not keep
    part.graph.update(g.graph)
    part.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in keep)
    part.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if u in keep and v in keep)
    return part, {"n": len(kept_tasks), "total": len(tasks), "k": len(hubs)}


def two_mode_drawing(g: nx.Graph, lang: str = "vi", *, source: str, size: str = "print") -> Figure:
    """The agency–task graph: agencies on the left, tasks on the right grouped by task group.

    ``g``: a graph of :func:`plan132lib.network.two_mode_graph`: agency nodes
    (short_name, name_en, is_collective) and task nodes (node_type "task",
    label, group_id, group_title), edges with ``role`` "lead" or "coordinate".
    Agencies are ranked by number of tasks (then tasks led, then name) and
    sized by it; collective entries are hollow grey nodes with grey italic
    names. Tasks keep the graph's (plan) order within their group; each group
    is bracketed and labelled "Nhóm n" / "Group n", with its short title in the
    footnote. Lead ties are solid blue, coordinating ties thinner dashed orange
    (lighter still above 200 ties, as with collectives expanded); the two line
    collections carry the gids "lead-edges" and "coordinate-edges".
    """
    check_lang(lang)
    g, left_out = _hubs_only(g)
    task_row, spans = _task_rows(g)
    edges = _role_edges(g)
    agencies = [n for n, d in g.nodes(data=True) if not _is_task(d)]
    names = {n: _name(n, g.nodes[n], lang) for n in agencies}
    led = {n: sum(a == n for a, _ in edges["lead"]) for n in agencies}
    agencies.sort(key=lambda n: (-g.degree(n), -led[n], _is_collective(g.nodes[n]), names[n].casefold()))

    # one vertical extent for both columns: the shorter column is centred on the longer one
    task_extent = max(task_row.values(), default=0.0)
    agency_extent = max(len(agencies) - 1, 0) * _AGENCY_GAP
    extent = max(task_extent, agency_extent)
    step = extent / (len(agencies) - 1) if len(agencies) > 1 else 0.0
    shift = (extent - task_extent) / 2
    pos = {n: (0.0, extent / 2 if len(agencies) == 1 else i * step) for i, n in enumerate(agencies)}
    pos.update({t: (1.0, row + shift) for t, row in task_row.items()})

    group_names, notes = _group_notes(g, spans, lang)
    footer = _footer([*notes, word("network_chart.size_two_mode", lang)])
    if left_out:
        footer += _footer([word("chart.network_left_out", lang, **left_out)])
    footer.append(nfc(source))
    subtitle = _subtitle(
        g,
        lang,
        [
            word("network_chart.n_agencies", lang, n=len(agencies)),
            word("network_chart.n_tasks", lang, n=len(task_row)),
            word("network_chart.n_ties", lang, n=g.number_of_edges()),
        ],
    )
    many = g.number_of_edges() > _MANY_TIES
    dashes = (0, (3.5, 2))
    styles = {
        "lead": {
            "colors": COLORS["lead"],
            "linewidths": 0.8 if many else 1.2,
            "alpha": 0.75 if many else 0.9,
            "zorder": 2,
        },
        "coordinate": {
            "colors": COLORS["coordinate"],
            "linewidths": 0.45 if many else 0.75,
            "alpha": 0.35 if many else 0.7,
            "linestyles": dashes,
            "zorder": 1,
        },
    }
    top_degree = max((g.degree(n) for n in agencies), default=0) or 1
    node_size = {n: 30 + 190 * g.degree(n) / top_degree for n in agencies}
    collective = {n: _is_collective(g.nodes[n]) for n in agencies}

    with mpl.rc_context(STYLE):
        height = 1.75 + ROW * (extent + 2.2) + FOOT_LINE * len(footer)
        fig = _figure(max(height, 3.2), footer, word("network_chart.title_two_mode", lang), subtitle, size)
        ax = fig.add_subplot()
        ax.set_axis_off()
        for role, style in styles.items():
            lines = LineCollection([[pos[a], pos[t]] for a, t in edges[role]], capstyle="butt", **style)
            lines.set_gid(f"{role}-edges")
            ax.add_collection(lines)
        for hollow, gid in ((False, "agencies"), (True, "collectives")):
            chosen = [n for n in agencies if collective[n] == hollow]
            if chosen:
                look = (
                    {"facecolors": "white", "edgecolors": COLLECTIVE_GREY, "linewidths": 1.4}
                    if hollow
                    else {"color": COLORS["neutral"], "edgecolors": "white", "linewidths": 0.8}
                )
                ax.scatter(
                    [0.0] * len(chosen),
                    [pos[n][1] for n in chosen],
                    s=[node_size[n] for n in chosen],
                    zorder=4,
                    clip_on=False,
                    gid=gid,
                    **look,
                )
        if task_row:
            ax.scatter(
                [1.0] * len(task_row),
                [pos[t][1] for t in task_row],
                s=22,
                marker="s",
                color=COLORS["neutral"],
                edgecolors="white",
                linewidths=0.5,
                zorder=4,
                clip_on=False,
                gid="tasks",
            )
        for n in agencies:
            _node_label(
                ax,
                fig,
                pos[n],
                wrap_text(names[n], _NAME_WIDTH),
                collective[n],
                dx=-(math.sqrt(node_size[n]) / 2 + 4),
                dy=0,
                ha="right",
                va="center",
            )
        for t in task_row:
            ax.text(
                *pos[t],
                nfc(g.nodes[t].get("label", t)),
                transform=_points(ax, fig, dx=6),
                ha="left",
                va="center",
                fontsize=SMALL,
                color=COLORS["text"],
                clip_on=False,
            )
        for (_, first, last), name in zip(spans, group_names, strict=True):
            top, bottom = first + shift - 0.35, last + shift + 0.35
            ax.add_line(
                Line2D(
                    [1.0, 1.0],
                    [top, bottom],
                    color=COLORS["muted"],
                    linewidth=0.8,
                    marker=TICKLEFT,
                    markersize=3,
                    markeredgewidth=0.8,
                    clip_on=False,
                    transform=_points(ax, fig, dx=27),
                )
            )
            ax.text(
                1.0,
                (top + bottom) / 2,
                name,
                transform=_points(ax, fig, dx=33),
                ha="left",
                va="center",
                fontsize=SMALL,
                fontweight="bold",
                color=COLORS["neutral"],
                clip_on=False,
            )
        ax.set_xlim(0, 1)
        ax.set_ylim(extent + 0.6, -0.6)
        handles = [
            Line2D([], [], color=COLORS["lead"], linewidth=1.6, label=value("role", "lead", lang)),
            Line2D(
                [],
                [],
                color=COLORS["coordinate"],
                linewidth=1.2,
                linestyle=dashes,
                label=value("role", "coordinate", lang),
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=8,
                color=COLORS["neutral"],
                markeredgecolor="white",
                label=word("network_chart.agency", lang),
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=8,
                markerfacecolor="white",
                markeredgecolor=COLLECTIVE_GREY,
                markeredgewidth=1.4,
                label=word("network_chart.collective", lang),
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="s",
                markersize=5,
                color=COLORS["neutral"],
                label=word("network_chart.task", lang),
            ),
        ]
        if not any(collective.values()):  # no collective entry drawn: no key for one
            del handles[3]
        ax.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=len(handles),
            handlelength=2.2,
            columnspacing=1.4,
            borderaxespad=0.6,
            borderpad=0,
        )
    top = agencies[0] if agencies else None
    return finish(
        fig,
        word(
            "chart.alt.two_mode",
            lang,
            n=len(agencies),
            m=len(task_row),
            k=g.number_of_edges(),
            top=quoted(names[top]) if top is not None else "–",
            d=g.degree(top) if top is not None else 0,
        ),
    )


# ---------------------------------------------------------------- projection


def _edge_widths(weights: Sequence[float]) -> list[float]:
    """Line widths in points, linear in weight: the weakest tie 0.6, the strongest 6 (1.5 if all equal)."""
    if not weights:
        return []
    low, high = min(weights), max(weights)
    if high == low:
        return [1.5] * len(weights)
    return [0.6 + 5.4 * (w - low) / (high - low) for w in weights]


def _weight(data: dict[str, Any]) -> float:
    return _number(data.get("weight"), 1.0)


def projection_drawing(g: nx.Graph, lang: str = "vi", *, source: str, size: str = "print") -> Figure:
    """The agency projection on a circle: line width by tasks shared, node size by weighted degree.

    ``g``: a graph of :func:`plan132lib.network.projection`: agency nodes
    (short_name, name_en, is_collective), edges with ``weight`` (tasks shared,
    1 if missing) and ``lead_lead`` (tasks both lead). Agencies sit on a circle
    clockwise from the top in order of weighted degree (then degree, then
    name), so the layout needs no seed. Ties in which the two agencies lead a
    task together are blue, the others grey (gids "co-lead-edges" and
    "other-edges"); collective entries are grey nodes with grey italic names.
    When weights differ, the six strongest ties (at most, from the three
    highest weights) are labelled with their weight.
    """
    check_lang(lang)
    nodes = list(g.nodes)
    names = {n: _name(n, g.nodes[n], lang) for n in nodes}
    strength = {n: sum(_weight(d) for *_, d in g.edges(n, data=True)) for n in nodes}
    nodes.sort(key=lambda n: (-strength[n], -g.degree(n), names[n].casefold(), str(n)))
    angle = {n: math.pi / 2 - 2 * math.pi * i / len(nodes) for i, n in enumerate(nodes)}
    pos = {n: (math.cos(a), math.sin(a)) for n, a in angle.items()}
    collective = {n: _is_collective(g.nodes[n]) for n in nodes}

    edges = sorted(g.edges(data=True), key=lambda e: _weight(e[2]))  # stable; the strongest drawn last
    width = dict(
        zip([(u, v) for u, v, _ in edges], _edge_widths([_weight(d) for *_, d in edges]), strict=True)
    )
    levels = sorted({_weight(d) for *_, d in edges})
    strongest = [e for e in edges if _weight(e[2]) >= levels[-3:][0]][-6:] if len(levels) > 1 else []
    dense = len(edges) > _DENSE_PAIRS
    top_strength = max(strength.values(), default=0.0) or 1.0
    node_size = {n: 50 + 450 * strength[n] / top_strength for n in nodes}

    notes = [
        word("network_chart.size_projection", lang),
        *([word("network_chart.numbers", lang)] if strongest else []),
    ]
    footer = _footer([" ".join(notes)])
    footer.append(nfc(source))
    subtitle = _subtitle(
        g,
        lang,
        [
            word("network_chart.n_agencies", lang, n=len(nodes)),
            word("network_chart.n_pairs", lang, n=g.number_of_edges()),
        ],
    )
    with mpl.rc_context(STYLE):
        fig = _figure(
            6.9 + FOOT_LINE * len(footer),
            footer,
            word("network_chart.title_projection", lang),
            subtitle,
            size,
        )
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="datalim")  # keep the layout box round by widening the limits
        for gid, co_lead, color in (
            ("other-edges", False, COLORS["muted"]),
            ("co-lead-edges", True, COLORS["lead"]),
        ):
            chosen = [(u, v) for u, v, d in edges if (_number(d.get("lead_lead"), 0.0) > 0) == co_lead]
            lines = LineCollection(
                [[pos[u], pos[v]] for u, v in chosen],
                linewidths=[width[e] for e in chosen],
                colors=color,
                alpha=0.3 if dense else (0.75 if co_lead else 0.55),
                capstyle="round",
                zorder=2 if co_lead else 1,
            )
            lines.set_gid(gid)
            ax.add_collection(lines)
        for u, v, d in strongest:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                f"{_weight(d):g}",
                ha="center",
                va="center",
                fontsize=SMALL,
                color=COLORS["text"],
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            )
        for grey, gid in ((False, "agencies"), (True, "collectives")):
            chosen = [n for n in nodes if collective[n] == grey]
            if chosen:
                ax.scatter(
                    [pos[n][0] for n in chosen],
                    [pos[n][1] for n in chosen],
                    s=[node_size[n] for n in chosen],
                    color=COLLECTIVE_GREY if grey else COLORS["neutral"],
                    edgecolors="white",
                    linewidths=1.0,
                    zorder=4,
                    clip_on=False,
                    gid=gid,
                )
        for n in nodes:
            cos, sin = math.cos(angle[n]), math.sin(angle[n])
            gap = math.sqrt(node_size[n]) / 2 + 4
            _node_label(
                ax,
                fig,
                pos[n],
                wrap_text(names[n], 24),
                collective[n],
                dx=gap * cos,
                dy=gap * sin,
                ha="left" if cos > 0.02 else "right" if cos < -0.02 else "center",
                va="bottom" if sin > 0.3 else "top" if sin < -0.3 else "center",
            )
        if not edges:
            ax.text(
                0,
                0,
                word("network_chart.no_pairs", lang),
                ha="center",
                va="center",
                fontsize=SMALL,
                color=COLORS["muted"],
                style="italic",
            )
        # the circle plus room above and below for the names of the top and bottom nodes; the
        # limits are left free so that the equal aspect widens them instead of shrinking the box
        ax.update_datalim([(-1.08, -1.22), (1.08, 1.22)])
        ax.margins(0)
        ax.autoscale_view()
        # the key in three columns of two: line widths, line colours, node colours (blank where none)
        blank = Line2D([], [], linestyle="none", label=" ")
        widths = [
            Line2D(
                [],
                [],
                color=COLORS["muted"],
                linewidth=lw,
                label=word(
                    "network_chart.shared_one" if w == 1 else "network_chart.shared", lang, n=f"{w:g}"
                ),
            )
            for w, lw in zip(levels, _edge_widths(levels), strict=True)
            if w in (levels[0], levels[-1])
        ]
        kinds = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=8,
                color=COLORS["neutral"],
                markeredgecolor="white",
                label=word("network_chart.agency", lang),
            )
        ]
        if any(collective.values()):
            kinds.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=8,
                    color=COLLECTIVE_GREY,
                    markeredgecolor="white",
                    label=word("network_chart.collective", lang),
                )
            )
        colours = [
            Line2D([], [], color=COLORS["lead"], linewidth=2.2, label=word("network_chart.co_lead", lang)),
            Line2D(
                [], [], color=COLORS["muted"], linewidth=2.2, label=word("network_chart.no_co_lead", lang)
            ),
        ]
        columns = [column + [blank] * (2 - len(column)) for column in (widths, colours, kinds) if column]
        ax.legend(
            handles=[h for column in columns for h in column],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=len(columns),
            handlelength=2.2,
            columnspacing=1.4,
            borderaxespad=1.2,
            borderpad=0,
        )
    top = nodes[0] if nodes else None
    return finish(
        fig,
        word(
            "chart.alt.projection",
            lang,
            n=len(nodes),
            k=g.number_of_edges(),
            top=quoted(names[top]) if top is not None else "–",
            w=f"{strength[top]:g}" if top is not None else "0",
        ),
    )
