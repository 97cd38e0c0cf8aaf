"""The chart of what changed between two versions of a plan: task changes by group."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.versions import TASK_CHANGES, label
from ..words import check_lang, word
from .frame import (
    COLORS,
    ROW,
    SMALL,
    STYLE,
    bar_axis,
    figure_title,
    finish,
    group_title,
    legend_above,
    new_figure,
    nfc,
    wrap_text,
)

__all__ = ["changes_by_group"]

# One colour per kind of change (colour-blind safe, Okabe–Ito), renumbering muted: it changes no content.
CHANGE_COLORS: dict[str, str] = {
    "added": "#009E73",
    "removed": "#D55E00",
    "reworded": "#0072B2",
    "lead_changed": "#CC79A7",
    "coordinate_changed": "#E69F00",
    "timeline_changed": "#56B4E9",
    "target_changed": "#F0E442",
    "note_changed": "#999999",
    "product_changed": "#BBBBBB",
    "group_changed": "#3B5368",
    "renumbered": "#DDDDDD",
}


def changes_by_group(counts: pd.DataFrame, lang: str = "vi", *, source: str, size: str = "print") -> Figure:
    """Stacked horizontal bars: the task changes of each group, by kind, groups in the new plan's order.

    ``counts``: :func:`plan132lib.analysis.versions.by_group` (group_id, group_title, change, n).
    """
    check_lang(lang)
    titles = counts.drop_duplicates(["group_id", "group_title"])[["group_id", "group_title"]]
    rows = [
        wrap_text(
            word("diff.chart.group", lang, n="" if pd.isna(g) else int(g), title=group_title(t, lang)), 40
        )
        for g, t in titles.itertuples(index=False)
    ]
    table = (
        counts.assign(key=counts["group_title"])
        .pivot_table(index="key", columns="change", values="n", aggfunc="sum", fill_value=0, sort=False)
        .reindex(titles["group_title"].to_list())
    )
    kinds = [c for c in TASK_CHANGES if c in table.columns]
    n = len(rows)
    with mpl.rc_context(STYLE):
        fig = new_figure(1.6 + ROW * max(n, 1), [nfc(source)], size)
        ax = fig.add_subplot()
        y = np.arange(n)
        left = np.zeros(n)
        for kind in kinds:
            values = table[kind].to_numpy(dtype=float)
            bars = ax.barh(
                y,
                values,
                left=left,
                height=0.6,
                color=CHANGE_COLORS[kind],
                label=label(kind, lang),
                edgecolor="white",
                linewidth=0.6,
            )
            ax.bar_label(
                bars,
                labels=[str(int(v)) if v else "" for v in values],
                label_type="center",
                fontsize=SMALL,
                color=COLORS["text"],
            )
            left += values
        ax.set_yticks(y, rows, linespacing=1.0)
        ax.set_xlim(0, max(float(left.max(initial=0)), 1.0) * 1.05)
        bar_axis(ax, n, word("diff.chart.n_changes", lang))
        handles = ax.get_legend_handles_labels()[0]
        if handles:
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.4, -0.18),
                ncols=3,
                frameon=False,
                fontsize=SMALL,
            )
        else:
            legend_above(ax, fig, [], 0)
        figure_title(fig, word("diff.chart.title", lang))
    total = int(counts["n"].sum())
    return finish(fig, word("diff.chart.alt", lang, n=total, groups=n))
