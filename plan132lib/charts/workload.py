"""Responsibility charts: leads and coordinators per agency, agency × group, timelines, active years.

Vietnamese by default, English with ``lang="en"`` (fixed strings: the ``chart.*``
rows of words.csv); each function takes the analysis frames described in its
docstring and returns a :class:`matplotlib.figure.Figure`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

from ..ingest.timeline import UNREAD
from ..stamp import prepared_on
from ..words import value, word
from .frame import (
    COLORS,
    FIG_WIDTH,
    FOOT_LINE,
    MAX_GROUPS,
    MAX_ROWS,
    ROW,
    SMALL,
    STYLE,
    agency_names,
    bar_axis,
    check_lang,
    clip_text,
    figure_title,
    finish,
    fit_text,
    group_title,
    heat_panel,
    legend_above,
    most,
    new_figure,
    nfc,
    quoted,
    size_of,
    wrap_text,
)

__all__ = ["active_by_year", "group_heatmap", "lead_coordinate_bars", "task_gantt"]

TOP_AGENCIES = MAX_ROWS  # agencies shown by the lead bars at each size (a large plan names many)
LABEL_LINES = {"print": 45, "page": 9, "slide": 22}  # label lines each size holds (long names take fewer)
#: A plan of more tasks than this has its print-size Gantt drawn by group (:func:`_gantt_by_group`):
#: one row per task would make a chart many pages tall.
MAX_GANTT_TASKS = 80


def lead_coordinate_bars(
    workload: pd.DataFrame, lang: str = "vi", *, source: str, size: str = "print", note: str = ""
) -> Figure:
    """Horizontal bars per agency: tasks led and tasks coordinated, most leads at the top.

    ``workload``: agency_id, short_name, name_en, n_lead, n_coordinate. Agencies are sorted by
    tasks led, then tasks coordinated (ties keep the frame's order). At the ``page`` and
    ``slide`` sizes only the first :data:`TOP_AGENCIES` agencies are drawn, with a note saying so.
    ``note``: a line under the chart at every size (how many names could not be matched:
    :func:`plan132lib.analysis.agency_review.unknown_note`).
    """
    check_lang(lang)
    frame = workload.assign(
        _lead=workload["n_lead"].fillna(0).astype(int), _coord=workload["n_coordinate"].fillna(0).astype(int)
    )
    frame = frame.sort_values(["_lead", "_coord"], ascending=False, kind="stable")
    total = len(frame)
    s = size_of(size)
    footer = [] if s.name == "page" else [nfc(source)]
    names = agency_names(frame, lang)
    width = {"print": 30, "page": 26}.get(s.name, 44)
    labels = [wrap_text(names[str(a)], width) for a in frame["agency_id"]]
    top_n = TOP_AGENCIES.get(s.name)
    if top_n is not None:
        lines = np.cumsum([label.count("\n") + 1 for label in labels])
        top_n = min(top_n, int((lines <= LABEL_LINES[s.name]).sum()))
        if total > top_n:
            frame, labels = frame.head(top_n), labels[:top_n]
            footer.insert(0, word("chart.top_leads", lang, n=top_n, total=total))
    if note:
        footer.insert(len(footer) - (s.name != "page"), nfc(note))
    n = len(labels)
    lead = frame["_lead"].to_numpy()
    coord = frame["_coord"].to_numpy()
    with mpl.rc_context(STYLE):
        fig = new_figure(1.5 + ROW * max(n, 1), footer, size)
        ax = fig.add_subplot()
        y = np.arange(n)
        h = 0.38
        for values, offset, role in ((lead, -h / 2, "lead"), (coord, h / 2, "coordinate")):
            bars = ax.barh(
                y + offset, values, height=h, color=COLORS[role], label=value("role", role, lang), gid=role
            )
            ax.bar_label(
                bars,
                labels=[str(v) if v else "" for v in values],
                padding=2,
                fontsize=SMALL,
                color=COLORS["text"],
            )
        ax.set_yticks(y, labels, linespacing=1.0)
        top = max(int(lead.max(initial=0)), int(coord.max(initial=0)), 1)
        ax.set_xlim(0, top * 1.1 + 0.5)
        bar_axis(ax, n, word("chart.n_tasks", lang))
        legend_above(ax, fig, ax.get_legend_handles_labels()[0], 0)
        figure_title(fig, word("chart.title_bars", lang))
    if not n:
        return finish(fig, word("chart.alt.bars_none", lang))
    top = quoted(names[str(frame["agency_id"].iloc[0])])
    return finish(fig, word("chart.alt.bars", lang, n=total, top=top, k=int(lead[0])))


def group_heatmap(
    matrix: pd.DataFrame,
    groups: pd.DataFrame,
    lang: str = "vi",
    roles: Sequence[str] = ("lead", "coordinate"),
    *,
    source: str,
    size: str = "print",
) -> Figure:
    """Agency × task-group heatmap, one panel per role, counts written in the cells.

    ``matrix`` (long): agency_id, short_name, name_en, group_id, n_lead,
    n_coordinate; agencies keep their first-appearance order. ``groups``:
    group_id, group_title (and optionally group_title_en); columns are labelled
    "Nhóm 1…" and a footnote maps them to short titles. In English a title is
    group_title_en, else the ``group_title.*`` rows of words.csv (Plan 132), else the Vietnamese one.
    """
    check_lang(lang)
    s = size_of(size)
    names = agency_names(matrix, lang)
    group_ids = [int(g) for g in groups["group_id"]]
    group_ids += sorted({int(g) for g in matrix["group_id"]} - set(group_ids))
    load = matrix.assign(_n=matrix[[f"n_{r}" for r in roles]].sum(axis=1))
    by_agency = load.groupby(matrix["agency_id"].astype(str))["_n"].sum()
    agency_ids = most(list(names), by_agency, MAX_ROWS[s.name])
    by_group = load.groupby(matrix["group_id"].astype(int))["_n"].sum()
    kept_groups = most(group_ids, by_group, MAX_GROUPS[s.name])
    left_out = []
    if len(agency_ids) < len(names):
        left_out.append(word("chart.rows_left_out", lang, n=len(agency_ids), total=len(names)))
    if len(kept_groups) < len(group_ids):
        left_out.append(word("chart.groups_left_out", lang, n=len(kept_groups), total=len(group_ids)))
    group_ids = kept_groups
    titles = {
        int(r.group_id): group_title(
            getattr(r, "group_title", None), lang, getattr(r, "group_title_en", None)
        )
        for r in groups.itertuples(index=False)
    }
    col_labels = [word("chart.group", lang, n=g) for g in group_ids]
    notes = [f"{col}: {titles.get(g) or '–'}" for col, g in zip(col_labels, group_ids, strict=True)]
    col_labels = [col.replace(" ", "\n", 1) for col in col_labels]
    footer = [line for note in notes for line in textwrap.wrap(note, 125, subsequent_indent="     ")]
    footer += [*left_out, nfc(source)]
    with mpl.rc_context(STYLE):
        fig = new_figure(1.6 + ROW * max(len(agency_ids), 1) + FOOT_LINE * len(footer), footer, size)
        axes = fig.subplots(1, len(roles), sharey=True, squeeze=False)[0]
        for ax, role in zip(axes, roles, strict=True):
            table = matrix.pivot_table(
                index="agency_id", columns="group_id", values=f"n_{role}", aggfunc="sum", fill_value=0
            )
            table.columns = [int(c) for c in table.columns]
            table.index = [str(i) for i in table.index]
            values = table.reindex(index=agency_ids, columns=group_ids, fill_value=0).to_numpy(dtype=float)
            heat_panel(ax, values, COLORS[role], col_labels)
            ax.set_title(value("role", role, lang), color=COLORS[role], pad=7)
        width = 46 if s.name == "slide" else 28  # a slide's rows are too low for two lines
        axes[0].set_yticks(np.arange(len(agency_ids)) + 0.5, [wrap_text(names[a], width) for a in agency_ids])
        figure_title(fig, word("chart.title_heatmap", lang))
    return finish(fig, word("chart.alt.heatmap", lang, n=len(names), m=len(group_ids)))


def _year_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _lead_lines(task_id: str, leads: str, width: int = 52) -> str:
    """A Gantt row's label: the task id and every lead, never dropped. On one line when it fits in
    ``width`` characters, else one lead per line (each clipped to ``width``)."""
    names = [n.strip() for n in leads.split(";") if n.strip()]
    one = f"{task_id}  {'; '.join(names)}".rstrip()
    if len(names) <= 1 or len(one) <= width:
        return clip_text(one, width)
    room = width - len(task_id) - 2
    lines = [clip_text(n, room) + (";" if i < len(names) - 1 else "") for i, n in enumerate(names)]
    return f"{task_id}  " + "\n".join(lines)


_LINE = 0.62  # rows a label line takes (one row = 0.21 in; a line of 8.5 pt is 0.13 in)


def _kind_of(item: Any) -> str:
    kind = getattr(item, "timeline_kind", "")
    return "" if pd.isna(kind) else str(kind)


def _unread_notes(tasks: pd.DataFrame, lang: str, *, compact: bool) -> list[str]:
    """What the chart cannot show, said beside it: the tasks whose deadline could not be read
    (kind ``other``) and, at the compact sizes (which draw only tasks with years), the tasks
    whose timeline names no year. Needs ``timeline_kind``; none without it."""
    if "timeline_kind" not in tasks:
        return []
    unread = tasks["timeline_kind"].isin(UNREAD)
    no_years = tasks["start_year"].isna() & tasks["end_year"].isna() & ~unread
    notes = [word("chart.unread_note", lang, n=int(unread.sum()))] if unread.any() else []
    if compact and no_years.any():
        notes.append(word("chart.no_years_note", lang, n=int(no_years.sum())))
    return notes


def _no_years_label(kind: str, lang: str) -> str:
    """The words a Gantt row without years shows instead of a bar, by the timeline's kind."""
    if kind in ("reference", "relative", "status", *UNREAD):
        return word(f"chart.no_years.{kind}", lang)
    return word("chart.no_timeline", lang)


def task_gantt(
    tasks: pd.DataFrame,
    lang: str = "vi",
    first_year: int | None = None,
    last_year: int | None = None,
    *,
    source: str,
    size: str = "print",
) -> Figure:
    """Gantt-style timeline of the tasks, grouped and separated by task group.

    ``tasks``: task_id, group_id, start_year, end_year (nullable Int64),
    open_ended (bool), lead_label (str); group_title is used for the group
    headers when present, timeline_kind (optional) for what a row without years
    says and for the note on the timelines that could not be read. The years run
    from ``first_year`` to ``last_year``, widened to every year a task names (by
    default just those: :func:`.workload.window` gives a plan's); the last column is
    "after ``last_year``". An open-ended task continues as a hatched bar to the right
    edge; a task without years is listed with a note instead of a bar.
    Bars carry gids "task-<id>", extensions "continues-<id>". Every lead of a task is named, in
    both languages: when the leads do not fit on one line, each takes a line of its own.
    """
    check_lang(lang)
    starts = [y for y in (_year_or_none(v) for v in tasks["start_year"]) if y is not None]
    ends = [y for y in (_year_or_none(v) for v in tasks["end_year"]) if y is not None]
    known = [*starts, *ends] or [first_year or last_year or prepared_on().year]
    first_year = min(known if first_year is None else [first_year, *starts])
    last_year = max([*known, first_year] if last_year is None else [last_year, first_year, *ends])
    if size_of(size).name != "print" or len(tasks) > MAX_GANTT_TASKS:
        return _gantt_by_group(tasks, lang, first_year, last_year, source=source, size=size)
    x0, x1 = first_year, last_year + 2  # the last column is "after last_year"
    lead_color, lead_light = COLORS["lead"], to_rgba(COLORS["lead"], 0.25)

    ordered = tasks.assign(_order=np.arange(len(tasks))).sort_values(["group_id", "_order"], kind="stable")
    rows: list[tuple[str, Any]] = []  # ("group", (group_id, title)) or ("task", row)
    for group_id, block in ordered.groupby("group_id", sort=False):
        first_title = block["group_title"].iloc[0] if "group_title" in block else None
        rows.append(("group", (int(group_id), group_title(first_title, lang))))
        rows.extend(("task", row) for row in block.itertuples(index=False))

    labels = [
        _lead_lines(nfc(item.task_id), "" if pd.isna(item.lead_label) else nfc(item.lead_label))
        if kind == "task"
        else ""
        for kind, item in rows
    ]
    spans = [max(1.0, (label.count("\n") + 1) * _LINE + 0.3) for label in labels]
    centres = np.cumsum(spans) - np.array(spans) / 2 - 0.5
    total = float(sum(spans))
    with mpl.rc_context(STYLE):
        fig = new_figure(1.8 + 0.21 * total, [*_unread_notes(tasks, lang, compact=False), nfc(source)], size)
        ax = fig.add_subplot()
        ax.axvspan(last_year + 1, x1, color=COLORS["band"], zorder=0, lw=0)
        across = blended_transform_factory(fig.transFigure, ax.transData)
        ticks, tick_labels = [], []
        for (kind, item), i, span, row_label in zip(rows, centres, spans, labels, strict=True):
            if kind == "group":  # a header band across the whole figure width
                group_id, title = item
                band = Rectangle(
                    (0.008, i - span / 2),
                    0.984,
                    span,
                    transform=across,
                    color="#E4E9EE",
                    lw=0,
                    zorder=0.5,
                    clip_on=False,
                    in_layout=False,
                )
                ax.add_patch(band)
                head = word("chart.group", lang, n=group_id) + (f" · {title}" if title else "")
                ax.text(
                    0.014,
                    i,
                    fit_text(head, FIG_WIDTH * 72 * 0.97, SMALL, "bold"),
                    transform=across,
                    ha="left",
                    va="center",
                    fontsize=SMALL,
                    fontweight="bold",
                    color=COLORS["neutral"],
                    clip_on=False,
                    in_layout=False,
                    zorder=3,
                )
                continue
            task_id = nfc(item.task_id)
            ticks.append(i)
            tick_labels.append(row_label)
            start, end = _year_or_none(item.start_year), _year_or_none(item.end_year)
            if start is None and end is None:
                ax.text(
                    x0 + 0.08,
                    i,
                    _no_years_label(_kind_of(item), lang),
                    ha="left",
                    va="center",
                    fontsize=SMALL,
                    style="italic",
                    color=COLORS["muted"],
                )
                continue
            start = start if start is not None else end
            end = end if end is not None else start
            ax.barh(i, end + 1 - start, left=start, height=0.62, color=lead_color, gid=f"task-{task_id}")
            if bool(item.open_ended) and end + 1 < x1:
                ax.barh(
                    i,
                    x1 - (end + 1),
                    left=end + 1,
                    height=0.62,
                    color=lead_light,
                    edgecolor=lead_color,
                    hatch="////",
                    linewidth=0,
                    gid=f"continues-{task_id}",
                )
                ax.plot(
                    [x1],
                    [i],
                    marker=">",
                    color=lead_color,
                    markersize=5,
                    clip_on=False,
                    gid=f"arrow-{task_id}",
                )
        ax.set_ylim(total - 0.5, -0.5)
        ax.set_xlim(x0, x1)
        ax.set_yticks(ticks, tick_labels, linespacing=1.0)
        years = list(range(first_year, last_year + 1))
        ax.set_xticks(
            [y + 0.5 for y in [*years, last_year + 1]],
            [str(y) for y in years] + [word("chart.after", lang, year=last_year)],
        )
        ax.set_xticks(range(x0, x1 + 1), minor=True)
        ax.grid(axis="x", which="minor", color=COLORS["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", which="both", length=0, labeltop=True)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.text(
            0,
            1,
            word("chart.task_lead", lang),
            transform=offset_copy(ax.transAxes, fig=fig, x=-4, y=3.5, units="points"),
            ha="right",
            va="bottom",
            fontsize=SMALL,
            color=COLORS["muted"],
        )
        handles = [
            Patch(color=lead_color, label=word("chart.period", lang)),
            Patch(
                facecolor=lead_light,
                edgecolor=lead_color,
                hatch="////",
                linewidth=0,
                label=word("chart.continues", lang),
            ),
        ]
        legend_above(ax, fig, handles, 14)
        figure_title(fig, word("chart.title_gantt", lang))
    n_groups = sum(kind == "group" for kind, _ in rows)
    return finish(
        fig,
        word(
            "chart.alt.gantt",
            lang,
            n=len(tasks),
            m=n_groups,
            first=first_year,
            last=last_year,
            open=int(tasks["open_ended"].fillna(False).astype(bool).sum()),
        ),
    )


def _gantt_by_group(
    tasks: pd.DataFrame, lang: str, first_year: int, last_year: int, *, source: str, size: str
) -> Figure:
    """The Gantt at the compact sizes (the brief's page, a slide): one row per task group, the tasks
    under way in each year (and after ``last_year``) written in the cells; a task without years is
    counted nowhere. At the page size it has no source line (the brief prints it); on a slide the
    footer also names each group."""
    s = size_of(size)
    years = list(range(first_year, last_year + 1))
    all_groups = list(dict.fromkeys(int(g) for g in tasks["group_id"]))
    counts = tasks.groupby(tasks["group_id"].astype(int)).size()
    group_ids = most(all_groups, counts, MAX_ROWS[s.name])
    index = {g: i for i, g in enumerate(group_ids)}
    values = np.zeros((len(group_ids), len(years) + 1))
    for row in tasks.itertuples(index=False):
        start, end = _year_or_none(row.start_year), _year_or_none(row.end_year)
        if start is None and end is None:
            continue
        start, end = (start if start is not None else end), (end if end is not None else start)
        i = index.get(int(row.group_id))
        if i is None:  # a group left out of a large plan's chart
            continue
        for j, year in enumerate(years):
            values[i, j] += start <= year and (bool(row.open_ended) or year <= end)
        values[i, -1] += bool(row.open_ended) or end > last_year
    labels = [f"{word('chart.group', lang, n=g)} ({int(counts.get(g, 0))})" for g in group_ids]
    footer = [word("chart.gantt_page_note", lang), *_unread_notes(tasks, lang, compact=True)]
    if s.name == "print":  # a large plan's Gantt: say why it is drawn by group
        footer.insert(0, word("chart.gantt_by_group_note", lang, n=len(tasks)))
    if len(group_ids) < len(all_groups):
        footer.append(word("chart.groups_left_out", lang, n=len(group_ids), total=len(all_groups)))
    if s.name != "page":
        titles = (
            dict(zip(tasks["group_id"].astype(int), tasks["group_title"], strict=True))
            if "group_title" in tasks
            else {}
        )
        footer += [
            f"{word('chart.group', lang, n=g)}: {group_title(titles.get(g), lang) or '–'}" for g in group_ids
        ]
        footer.append(nfc(source))
    with mpl.rc_context(STYLE):
        fig = new_figure(1.6 + ROW * max(len(group_ids), 1) + FOOT_LINE * len(footer), footer, size)
        ax = fig.add_subplot()
        heat_panel(
            ax,
            values,
            COLORS["lead"],
            [str(y) for y in years] + [word("chart.after", lang, year=last_year).replace(" ", "\n")],
        )
        ax.set_yticks(np.arange(len(group_ids)) + 0.5, labels)
        figure_title(fig, word("chart.title_gantt", lang))
    return finish(
        fig,
        word("chart.alt.gantt_page", lang, n=len(tasks), m=len(group_ids), first=first_year, last=last_year),
    )


def _period_label(period: object, lang: str) -> str:
    text = nfc(period).strip()
    match = re.fullmatch(r"(?:sau|after)\s*(\d{4})", text, flags=re.IGNORECASE)
    return word("chart.after", lang, year=match.group(1)) if match else text


def _period_order(period: str) -> tuple[int, int]:
    years = re.findall(r"\d{4}", period)
    year = int(years[0]) if years else 9999
    return (year, 1 if re.match(r"(?:sau|after)", period, flags=re.IGNORECASE) else 0)


def active_by_year(active: pd.DataFrame, lang: str = "vi", *, source: str, size: str = "print") -> Figure:
    """Heatmap of tasks under way per agency and period, the count in every cell.

    ``active`` (long): agency_id, short_name, name_en, period ("2026"…"2030",
    "sau 2030"), n_active. Agencies keep their first-appearance order.
    """
    check_lang(lang)
    s = size_of(size)
    names = agency_names(active, lang)
    frame = active.assign(
        agency_id=active["agency_id"].astype(str), period=[nfc(p).strip() for p in active["period"]]
    )
    agency_ids = most(list(names), frame.groupby("agency_id")["n_active"].sum(), MAX_ROWS[s.name])
    footer = (
        [word("chart.rows_left_out", lang, n=len(agency_ids), total=len(names))]
        if len(agency_ids) < len(names)
        else []
    )
    periods = sorted(frame["period"].unique(), key=_period_order)
    table = frame.pivot_table(
        index="agency_id", columns="period", values="n_active", aggfunc="sum", fill_value=0
    ).reindex(index=agency_ids, columns=periods, fill_value=0)
    with mpl.rc_context(STYLE):
        fig = new_figure(
            1.4 + ROW * max(len(agency_ids), 1) + FOOT_LINE * len(footer), [*footer, nfc(source)], size
        )
        ax = fig.add_subplot()
        compact = s.name == "page"  # "sau 2030" on two lines in the narrow columns
        heat_panel(
            ax,
            table.to_numpy(dtype=float),
            COLORS["neutral"],
            [
                _period_label(p, lang).replace(" ", "\n") if compact else _period_label(p, lang)
                for p in periods
            ],
        )
        ax.set_yticks(np.arange(len(agency_ids)) + 0.5, [wrap_text(names[a], 40) for a in agency_ids])
        ax.set_xlabel(word("chart.year", lang))
        ax.xaxis.set_label_position("top")
        figure_title(fig, word("chart.title_active", lang))
    labels = [_period_label(p, lang) for p in periods]
    return finish(
        fig,
        word(
            "chart.alt.active",
            lang,
            n=len(names),
            first=labels[0] if labels else "–",
            last=labels[-1] if labels else "–",
        ),
    )
