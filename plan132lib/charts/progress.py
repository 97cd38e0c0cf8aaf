"""Progress charts from the merged returns (:class:`~plan132lib.analysis.progress.Progress`).

- :func:`status_by_agency`: per agency, the tasks it leads stacked by status, with how many are
  overdue at the end of each bar;
- :func:`overdue_by_group`: per task group, the tasks due before the as-of date and those of them
  overdue;
- :func:`open_by_period`: per reporting period, the tasks still open (reported open, or not
  reported) against the tasks the plan's deadlines allow to be open at the period's end.

Each takes the merge, the plan and the language (Vietnamese by default, ``lang="en"`` English; the
words are ``track.chart.*`` of ``words.csv``), returns a :class:`~.frame.ChartFigure` with its alt
text, and saves byte-identically with :func:`~.frame.save_figure`. :data:`CHARTS` lists them by the
name of their files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from ..analysis.progress import CLOSED, STATUSES, Progress
from ..ingest.tables import Plan
from ..words import Locale, value, word
from .frame import (
    COLORS,
    MAX_GROUPS,
    MAX_ROWS,
    ROW,
    SMALL,
    STYLE,
    agency_names,
    bar_axis,
    check_lang,
    figure_title,
    finish,
    group_title,
    most,
    new_figure,
    nfc,
    quoted,
    size_of,
    wrap_measured,
    wrap_text,
)

__all__ = ["CHARTS", "STATUS_COLORS", "open_by_period", "overdue_by_group", "status_by_agency"]

#: Okabe–Ito colours, apart for every common colour-vision deficiency; no report is a pale grey.
STATUS_COLORS = {
    "done": "#009E73",
    "in_progress": "#56B4E9",
    "not_started": "#E69F00",
    "dropped": "#999999",
    "no_report": "#E4E4E4",
}
OVERDUE = "#D55E00"
#: On a figure of fixed height (a slide), fewer bars than this keep the width this many would have,
#: centred, rather than each filling a share of the height.
FEW_BARS = 6


def source_line(progress: Progress, plan: Plan, lang: str) -> str:
    """ "Nguồn: báo cáo của các cơ quan (Quý I/2027, Quý II/2027) về Kế hoạch …; tính đến 15/7/2027"."""
    loc = Locale(lang)
    periods = ", ".join(p.label(lang) for p in progress.periods) or "–"
    return word(
        "track.chart.source",
        lang,
        periods=periods,
        plan=plan.citation(lang),
        date=loc.date(progress.as_of.isoformat()),
    )


def _footer(lines: list[str], size: str) -> list[str]:
    """The footer's lines wrapped to the figure's width (measured at print size)."""
    s = size_of(size)
    budget = s.width * 72 * 0.96 / s.scale
    return [part for line in lines for part in wrap_measured(nfc(line), budget)]


def _legend(ax: Any, fig: Figure, handles: list[Any], ncols: int) -> None:
    """The legend above the axes, in ``ncols`` columns (rows as it takes)."""
    ax.legend(
        handles=handles,
        loc="lower left",
        ncols=ncols,
        handlelength=1.4,
        borderaxespad=0,
        borderpad=0,
        bbox_to_anchor=(0, 1),
        bbox_transform=offset_copy(ax.transAxes, fig=fig, y=4, units="points"),
    )


def _few_bars(ax: Any, n: int, size: str) -> None:
    """Bars no thicker on a figure of fixed height than :data:`FEW_BARS` of them would be (centred)."""
    if size_of(size).height and 0 < n < FEW_BARS:
        pad = (FEW_BARS - n) / 2
        ax.set_ylim(n - 0.5 + pad, -0.5 - pad)


def status_by_agency(progress: Progress, plan: Plan, lang: str = "vi", size: str = "print") -> Figure:
    """Horizontal bars per agency leading tasks: its tasks by status (done, in progress, not started,
    dropped, no report), most tasks at the top, "n quá hạn" after a bar with overdue tasks."""
    check_lang(lang)
    s = size_of(size)
    table = progress.by_agency.loc[progress.by_agency["n_lead"] > 0]
    table = table.sort_values("n_lead", ascending=False, kind="stable")
    total = len(table)
    keep = most(list(table["agency_id"]), table.set_index("agency_id")["n_lead"], MAX_ROWS[s.name])
    table = table.loc[table["agency_id"].isin(keep)]
    footer = [source_line(progress, plan, lang)]
    if total > len(table):
        footer.insert(0, word("chart.rows_left_out", lang, n=len(table), total=total))
    names = agency_names(plan.agencies, lang)
    labels = [wrap_text(names.get(a, a), 30) for a in table["agency_id"]]
    n = len(table)
    with mpl.rc_context(STYLE):
        fig = new_figure(1.9 + ROW * max(n, 1), _footer(footer, size), size)
        ax = fig.add_subplot()
        y = np.arange(n)
        left = np.zeros(n)
        for status in STATUSES:
            counts = table[f"n_{status}"].to_numpy(dtype=float)
            ax.barh(
                y,
                counts,
                left=left,
                height=0.6,
                color=STATUS_COLORS[status],
                edgecolor="white",
                linewidth=0.6,
                label=value("status", status, lang),
                gid=status,
            )
            left += counts
        overdue = table["n_overdue"].to_numpy()
        for i, (end, k) in enumerate(zip(left, overdue, strict=True)):
            if k:
                ax.text(
                    end + 0.15,
                    i,
                    word("track.chart.n_overdue", lang, n=int(k)),
                    va="center",
                    fontsize=SMALL,
                    color=OVERDUE,
                )
        ax.set_yticks(y, labels, linespacing=1.0)
        ax.set_xlim(0, max(float(left.max(initial=0)), 1.0) * 1.25 + 0.5)
        bar_axis(ax, n, word("track.chart.n_led", lang))
        _few_bars(ax, n, size)
        handles = [Patch(color=STATUS_COLORS[st], label=value("status", st, lang)) for st in STATUSES]
        _legend(ax, fig, handles, 3)
        figure_title(fig, word("track.chart.status_title", lang))
    done = int(progress.by_agency["n_done"].sum())
    late = int(progress.progress["overdue"].sum())
    if not n:
        return finish(fig, word("track.chart.alt.status_none", lang))
    top = quoted(names.get(table["agency_id"].iloc[0], ""))
    return finish(fig, word("track.chart.alt.status", lang, n=total, done=done, overdue=late, top=top))


def overdue_by_group(progress: Progress, plan: Plan, lang: str = "vi", size: str = "print") -> Figure:
    """Horizontal bars per task group: the tasks due before the as-of date (pale) and those of them
    overdue (in front), in the plan's group order."""
    check_lang(lang)
    s = size_of(size)
    loc = Locale(lang)
    as_of = progress.as_of.isoformat()
    rows = progress.progress.assign(
        _due=(progress.progress["due_date"] != "") & (progress.progress["due_date"] < as_of)
    )
    groups = plan.tasks.drop_duplicates("group_id")[["group_id", "group_title"]]
    due = rows.groupby("group_id")["_due"].sum()
    late = rows.groupby("group_id")["overdue"].sum()
    groups = groups.loc[groups["group_id"].map(due).fillna(0) > 0]  # the groups with a task due
    ids = list(groups["group_id"])
    keep = most(ids, late.to_dict(), MAX_GROUPS[s.name])
    groups = groups.loc[groups["group_id"].isin(keep)]
    footer = [source_line(progress, plan, lang)]
    if len(ids) > len(groups):
        footer.insert(0, word("chart.groups_left_out", lang, n=len(groups), total=len(ids)))
    labels = [wrap_text(group_title(t, lang) or str(g), 34) for g, t in groups.itertuples(index=False)]
    n = len(groups)
    due_n = np.array([int(due.get(g, 0)) for g in groups["group_id"]], dtype=int)
    late_n = np.array([int(late.get(g, 0)) for g in groups["group_id"]], dtype=int)
    with mpl.rc_context(STYLE):
        fig = new_figure(1.9 + ROW * 1.6 * max(n, 1), _footer(footer, size), size)
        ax = fig.add_subplot()
        y = np.arange(n)
        ax.barh(y, due_n, height=0.6, color="#F6D3BF", label=word("track.chart.due", lang), gid="due")
        bars = ax.barh(
            y, late_n, height=0.6, color=OVERDUE, label=word("track.chart.overdue", lang), gid="overdue"
        )
        ax.bar_label(
            bars,
            labels=[str(v) if v else "" for v in late_n],
            padding=2,
            fontsize=SMALL,
            color=COLORS["text"],
        )
        ax.set_yticks(y, labels, linespacing=1.15)  # wrapped titles: room for the stacked tone marks
        ax.set_xlim(0, max(int(due_n.max(initial=0)), 1) * 1.15 + 0.5)
        bar_axis(ax, max(n, 1), word("chart.n_tasks", lang))
        _few_bars(ax, n, size)
        _legend(ax, fig, ax.get_legend_handles_labels()[0], 2)
        figure_title(fig, word("track.chart.overdue_title", lang, date=loc.date(as_of)))
        if not n:
            ax.set_yticks([])
            ax.text(
                0.5,
                0.5,
                word("track.chart.none_due", lang, date=loc.date(as_of)),
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=9,
                style="italic",
                color=COLORS["muted"],
            )
    total = int(progress.progress["overdue"].sum())
    return finish(
        fig, loc.say("track.chart.alt.overdue", n=total, due=int(rows["_due"].sum()), date=loc.date(as_of))
    )


def open_by_period(progress: Progress, plan: Plan, lang: str = "vi", size: str = "print") -> Figure:
    """Per period (in time): the tasks reported open and those not reported (stacked), against a line
    of the tasks the plan's deadlines allow to be open at the period's end (due later, or with no
    calendar deadline)."""
    check_lang(lang)
    history = progress.history
    periods = progress.periods
    due = plan.tasks["due_date"].fillna("")
    open_reported: list[int] = []
    unreported: list[int] = []
    allowed: list[int] = []
    for period in periods:
        rows = history.loc[history["period_end"] == period.end.isoformat()]
        rows = rows.loc[rows["period"] == period.label("vi")]
        open_reported.append(int((~rows["status"].isin([*CLOSED, "no_report"])).sum()))
        unreported.append(int((rows["status"] == "no_report").sum()))
        allowed.append(int(((due == "") | (due > period.end.isoformat())).sum()))
    labels = [nfc(p.label(lang)) for p in periods]
    n = len(periods)
    with mpl.rc_context(STYLE):
        fig = new_figure(3.8, _footer([source_line(progress, plan, lang)], size), size)
        ax = fig.add_subplot()
        x = np.arange(n)
        totals = [a + b for a, b in zip(open_reported, unreported, strict=True)]
        ax.bar(x, open_reported, width=0.55, color=STATUS_COLORS["in_progress"], gid="open")
        ax.bar(
            x, unreported, bottom=open_reported, width=0.55, color=STATUS_COLORS["no_report"], gid="no_report"
        )
        ax.plot(x, allowed, color=OVERDUE, marker="o", linewidth=1.6, gid="allowed")
        for i in range(n):
            ax.text(i, totals[i], str(totals[i]), ha="center", va="top", fontsize=SMALL, color=COLORS["text"])
            ax.annotate(
                str(allowed[i]),
                (i, allowed[i]),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=SMALL,
                color=OVERDUE,
            )
        ax.set_xticks(x, labels)
        ax.set_xlim(-0.6, max(n, 1) - 0.4)
        ax.set_ylim(0, max([*allowed, *totals, 1]) * 1.2)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel(word("chart.n_tasks", lang))
        ax.grid(axis="y", color=COLORS["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [
            Patch(color=STATUS_COLORS["in_progress"], label=word("track.chart.open", lang)),
            Patch(color=STATUS_COLORS["no_report"], label=value("status", "no_report", lang)),
            Line2D([], [], color=OVERDUE, marker="o", linewidth=1.6, label=word("track.chart.allowed", lang)),
        ]
        _legend(ax, fig, handles, 3)
        figure_title(fig, word("track.chart.open_title", lang))
    if not n:
        return finish(fig, word("track.chart.alt.open_none", lang))
    last = n - 1
    return finish(
        fig,
        word(
            "track.chart.alt.open",
            lang,
            period=labels[last],
            open=open_reported[last] + unreported[last],  # as the bar shows it
            allowed=allowed[last],
            n=n,
        ),
    )


#: The progress charts by the name of their files (``<name>_<lang>.png`` / ``.svg``).
CHARTS: dict[str, Callable[[Progress, Plan, str], Figure]] = {
    "status_by_agency": status_by_agency,
    "overdue_by_group": overdue_by_group,
    "open_by_period": open_by_period,
}
