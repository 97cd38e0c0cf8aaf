"""Coverage charts in the house chart style: the plan against the resolution catalogue.

- :func:`coverage_matrix`: catalogue entries (rows, grouped by resolution
  group) against plan tasks (columns, grouped by task group); a dark cell
  where a task takes an entry up in full, a light one where in part, and the
  entry's status at the right.
- :func:`coverage_by_group`: stacked bars per resolution group, entries
  covered / partial / missing, the share covered or partial at the bar end.

Both take the frames of :mod:`plan132lib.coverage`, return a
:class:`matplotlib.figure.Figure` without touching pyplot, and save
byte-identically with :func:`plan132lib.charts.save_figure`. Vietnamese by
default, English with ``lang="en"``; every string drawn is NFC. The footer of
both carries the catalogue's limits (:func:`plan132lib.analysis.coverage.caveat`): a
"missing" entry is missing as far as the catalogue knows the resolutions. The
fixed strings are the ``coverage_chart.*`` rows of words.csv.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

from ..analysis import coverage
from ..analysis.coverage import COUNTED_CONFIDENCE, GROUP_ORDER, Review
from ..words import word, words
from .frame import (
    COLORS,
    FIG_WIDTH,
    FOOT_LINE,
    SMALL,
    STYLE,
    check_lang,
    finish,
    fit_text,
    legend_above,
    new_figure,
    nfc,
    size_of,
    text_color,
    text_width,
)

__all__ = ["PARTIAL", "coverage_by_group", "coverage_matrix", "label"]

STATUSES = ("covered", "partial", "missing")
MARKS = {"NEWS": "†", "INFERRED": "‡"}  # entries not seen in a resolution's own text
PARTIAL = "#56B4E9"  # Okabe–Ito sky blue: a partial link or entry, lighter than the lead blue
MISSING_FACE = "#F0F0F0"  # a missing entry: light grey, outlined and hatched (reads in grayscale)
MISSING_EDGE = "#8A8A8A"
FILL = {"covered": COLORS["lead"], "partial": PARTIAL, "missing": MISSING_FACE}

ROW = 0.19  # inches per row of the matrix
_BAR_ROW = 0.5  # inches per bar of the group chart
_LABEL = 235.0  # points an entry's label (its short title) takes, on up to two lines
_TWO_LINES = 1.75  # rows an entry of two label lines takes
_GAP = 5.0  # points between label columns
_INSET = 0.1  # data units a filled cell keeps from its gridlines
_FOOT_CHARS = 116  # characters per footer line
_MASK = {"boxstyle": "square,pad=0.1", "facecolor": MISSING_FACE, "edgecolor": "none"}  # count on hatch
_TEXT_WIDTH = FIG_WIDTH * 72 * (1 - 2 * 0.012) - 6  # points a title or subtitle line may take


def label(key: str, lang: str = "vi", **fields: object) -> str:
    """The string ``coverage_chart.<key>`` of words.csv in ``lang``, formatted with ``fields``, in NFC."""
    return word(f"coverage_chart.{key}", lang, **fields)


def _caveat(caveat: str, lang: str) -> str:
    return word("coverage_chart.caveat", lang, caveat=nfc(caveat))


# ---------------------------------------------------------------- helpers


def _lines(text: str, size: float, weight: str = "normal", budget: float = _TEXT_WIDTH) -> list[str]:
    """``text`` broken at spaces, each line filled as far as ``budget`` points allow (measured; by
    default :data:`_TEXT_WIDTH`); a bracketed phrase is kept on one line."""
    lines: list[str] = []
    for token in re.findall(r"\([^()]*\)|\S+", nfc(text)):
        if lines and text_width(f"{lines[-1]} {token}", size, weight) <= budget:
            lines[-1] += f" {token}"
        else:
            lines.append(token)
    return lines


def _footer(paragraphs: Sequence[str], width: int = _FOOT_CHARS) -> list[str]:
    """Paragraphs wrapped into footer lines (no indent, so a paragraph reads back joined by spaces)."""
    return [line for p in paragraphs if p for line in textwrap.wrap(nfc(p), width, break_long_words=False)]


def _figure(height: float, footer: Sequence[str], title: str, subtitle: str, size: str = "print") -> Figure:
    """A house figure with a title (wrapped when too wide) and a muted subtitle under it."""
    s = size_of(size)
    budget = (s.width * 72 * (1 - 2 * 0.012) - 6) / s.scale  # points at print size, before scaling
    title_lines = _lines(title, STYLE["figure.titlesize"], "bold", budget)
    sub_lines = _lines(subtitle, 9, budget=budget) if subtitle else []
    height = s.height or height
    fig = new_figure(height, footer, size)
    fig.suptitle("\n".join(title_lines), x=0.012, ha="left", linespacing=1.15)
    if sub_lines:  # lower the top of the layout box and write the subtitle in the room made
        room = (0.17 * len(sub_lines) + 0.03) * s.scale
        engine = fig.get_layout_engine()
        left, bottom, width, box_height = engine.get()["rect"]
        engine.set(rect=(left, bottom, width, box_height - room / height))
        top = (0.13 + 0.2 * len(title_lines)) * s.scale
        fig.text(
            0.012,
            1 - top / height,
            "\n".join(sub_lines),
            ha="left",
            va="top",
            fontsize=9,
            color=COLORS["muted"],
            linespacing=1.2,
        )
    return fig


def review_source(review: Review, lang: str = "vi") -> str:
    """A coverage chart's source line: the plan (from its meta), the documents the catalogue
    lists and the reviewed crosswalk."""
    return word(
        "coverage_chart.source",
        lang,
        plan=review.plan.citation(lang),
        documents=", ".join(coverage.documents(review)) or "–",
    )


def _n_entries(n: int, lang: str) -> str:
    return word("coverage_chart.n_entries_one" if n == 1 else "coverage_chart.n_entries", lang, n=n)


def _no_entries(fig: Figure, lang: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        word("coverage_chart.no_entries", lang),
        ha="center",
        va="center",
        fontsize=9,
        style="italic",
        color=COLORS["muted"],
        transform=ax.transAxes,
    )
    return finish(fig, word("coverage_chart.no_entries", lang) + ".")


def _group_name(key: str, lang: str) -> str:
    if key in GROUP_ORDER:
        return word(f"coverage_chart.group_{key}", lang)
    return word("coverage_chart.no_group", lang) if not key else nfc(key)


def _group_order(keys: Sequence[str]) -> list[str]:
    """The known resolution groups in their order, then any other key in order of appearance."""
    present = list(dict.fromkeys(keys))
    return [k for k in GROUP_ORDER if k in present] + [k for k in present if k not in GROUP_ORDER]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else nfc(value).strip()


def _by_goal(entries: pd.DataFrame) -> pd.DataFrame:
    """``entries`` indexed by goal_id (a column, or already the index), first row per id."""
    frame = entries.set_index("goal_id") if "goal_id" in entries.columns else entries
    frame = frame.copy()
    frame.index = [nfc(i) for i in frame.index]
    return frame[~frame.index.duplicated()]


def _entry_label(title: str, mark: str) -> str:
    """An entry's row label: its short title and confidence mark, on one line or, when wider than
    :data:`_LABEL`, two (the second clipped at a word with "…")."""
    title = nfc(title)
    budget = _LABEL - text_width(mark)
    if text_width(title) <= budget:
        return title + mark
    lines = _lines(title, SMALL, budget=budget)
    rest = " ".join(lines[1:])
    return f"{lines[0]}\n{fit_text(rest, budget)}{mark}"


MAX_TASK_LABELS = 60  # more task columns than this: the columns are labelled by group, not by task


def _task_group(task_id: str) -> str:
    match = re.match(r"\s*(\d+)\s*[.]", task_id)
    return match.group(1) if match else task_id


def _points(ax: Any, fig: Figure, dx: float, dy: float = 0.0) -> Any:
    """x in axes coordinates, y in data, shifted by (dx, dy) points."""
    across = blended_transform_factory(ax.transAxes, ax.transData)
    return offset_copy(across, fig=fig, x=dx, y=dy, units="points")


# ---------------------------------------------------------------- matrix


def coverage_matrix(
    matrix: pd.DataFrame,
    entries: pd.DataFrame,
    lang: str = "vi",
    *,
    source: str,
    caveat: str,
    size: str = "print",
) -> Figure:
    """Entries × plan tasks: a dark cell for a full link, a light one for a partial link.

    ``matrix``: :func:`plan132lib.coverage.matrix`, entry ids as index, task ids
    as columns, cells "full" / "partial" / "". ``entries``:
    :func:`plan132lib.coverage.coverage_table` (goal_id as a column or the
    index) for each row's resolution_group, status, confidence and short title
    (title_en in English, else title_vi; without a title the paraphrase, and the id
    only when the entry has no words at all); an entry it lacks goes to "no group",
    its status read from its cells.
    Rows are labelled by their title in words (two lines when long) and grouped by
    resolution group under a header band; columns are split by task group (the number
    before the dot of a task id). Entries known from press reports (NEWS) carry †,
    inferred ones ‡, and the footer says what the marks mean. Entries the by-group chart
    does not count (a confidence outside ``COUNTED_CONFIDENCE``) are drawn, and their
    group's header and the footer say they are not counted, so the numbers agree. The
    cell collections carry the gids "full-cells", "partial-cells" and "grid-cells"; the
    row labels "entry-<id>", the status words "status-<id>".
    """
    check_lang(lang)
    matrix = matrix[~matrix.index.duplicated()]
    ids = [nfc(i) for i in matrix.index]
    tasks = [nfc(c) for c in matrix.columns]
    cells = matrix.to_numpy(dtype=object).reshape(len(ids), len(tasks))
    cells = np.vectorize(lambda v: _text(v).lower(), otypes=[object])(cells) if cells.size else cells
    info = _by_goal(entries)

    def field(goal: str, column: str) -> str:
        return _text(info.at[goal, column]) if column in info.columns and goal in info.index else ""

    status = {}
    for i, goal in enumerate(ids):
        derived = "covered" if "full" in cells[i] else "partial" if "partial" in cells[i] else "missing"
        status[goal] = field(goal, "status") or derived
    group_of = {goal: field(goal, "resolution_group") for goal in ids}
    rows: list[tuple[str, str]] = []  # ("group", key) or ("entry", goal id)
    for key in _group_order(list(group_of.values())):
        rows.append(("group", key))
        rows.extend(("entry", goal) for goal in ids if group_of[goal] == key)
    row_of = {goal: i for i, goal in enumerate(ids)}

    marks = {goal: MARKS.get(field(goal, "confidence").upper(), "") for goal in ids}
    used = [c for c in MARKS if any(m == MARKS[c] for m in marks.values())]
    # the entries the by-group chart counts (coverage.COUNTED_CONFIDENCE); the others are drawn
    # here for reference, and the group head and the footer say they are not counted
    uncounted = {
        goal
        for goal in ids
        if "confidence" in info.columns
        and field(goal, "confidence")
        and field(goal, "confidence").upper() not in COUNTED_CONFIDENCE
    }
    notes = [word("coverage_chart.status_note", lang)]
    if "status" in info.columns:
        left_out = int(((info["status"] == "not_applicable") & ~info.index.isin(ids)).sum())
        if left_out:
            notes.append(word("coverage_chart.left_out", lang, n=left_out))
    if used:
        notes.append(
            "; ".join(
                [word(f"coverage_chart.mark_{c}", lang, mark=MARKS[c]) for c in used]
                + [word("coverage_chart.mark_TEXT", lang)]
            )
            + "."
        )
    counted = len(ids) - len(uncounted)
    if uncounted:
        notes.append(word("coverage_chart.counted_note", lang, n=len(ids), counted=counted, k=len(uncounted)))
    footer = _footer([" ".join(notes), _caveat(caveat, lang), nfc(source)])
    n_full, n_partial = int((cells == "full").sum()), int((cells == "partial").sum())
    subtitle = word(
        "coverage_chart.matrix_sub", lang, n=len(ids), m=len(tasks), full=n_full, partial=n_partial
    )
    subtitle = subtitle if ids else ""

    def title(goal: str) -> str:  # the entry's short title in words, never its id unless it has nothing else
        return (
            field(goal, f"title_{lang}")
            or field(goal, "title_vi")
            or field(goal, f"paraphrase_{lang}")
            or field(goal, "paraphrase_vi")
            or goal
        )

    entry_labels = {goal: _entry_label(title(goal), marks[goal]) for goal in ids}
    status_words = words("coverage_chart.status", lang)
    shown = {goal: status_words.get(s, s) for goal, s in status.items()}
    task_groups = [_task_group(t) for t in tasks]
    spans = [
        1.0 if kind == "group" else _TWO_LINES if "\n" in entry_labels[item] else 1.0 for kind, item in rows
    ]
    tops = np.concatenate([[0.0], np.cumsum(spans)[:-1]]) if rows else np.array([])
    y_of = {
        item: (float(top), span)
        for (kind, item), top, span in zip(rows, tops, spans, strict=True)
        if kind == "entry"
    }  # entry -> (top, rows it takes)
    total = float(sum(spans))

    with mpl.rc_context(STYLE):
        height = 1.75 + ROW * total + FOOT_LINE * len(footer)
        fig = _figure(max(height, 3.0), footer, word("coverage_chart.title_matrix", lang), subtitle, size)
        if not ids:
            return _no_entries(fig, lang)
        ax = fig.add_subplot()
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        n_cols = max(len(tasks), 1)
        grid = [Rectangle((j, top), 1, span) for top, span in y_of.values() for j in range(len(tasks))]
        ax.add_collection(
            PatchCollection(
                grid, facecolor="white", edgecolor=COLORS["grid"], linewidth=0.5, gid="grid-cells", zorder=1
            )
        )
        for strength, color in (("full", COLORS["lead"]), ("partial", PARTIAL)):
            boxes = [
                Rectangle((j + _INSET, top + _INSET), 1 - 2 * _INSET, span - 2 * _INSET)
                for goal, (top, span) in y_of.items()
                for j in range(len(tasks))
                if cells[row_of[goal], j] == strength
            ]
            ax.add_collection(
                PatchCollection(boxes, facecolor=color, edgecolor="none", zorder=2, gid=f"{strength}-cells")
            )
        # task-group separators, through each block of entries
        blocks: list[tuple[float, float]] = []
        for (kind, _), top, span in zip(rows, tops, spans, strict=True):
            if kind == "group":
                blocks.append((top + span, top + span))
            else:
                blocks[-1] = (blocks[-1][0], top + span)
        splits = [j for j in range(1, len(tasks)) if task_groups[j] != task_groups[j - 1]]
        ax.add_collection(
            LineCollection(
                [[(x, top), (x, bottom)] for x in splits for top, bottom in blocks if bottom > top],
                colors="#9A9A9A",
                linewidths=0.8,
                zorder=3,
                gid="task-group-lines",
            )
        )
        across = blended_transform_factory(fig.transFigure, ax.transData)
        for (kind, item), y in zip(rows, tops, strict=True):
            if kind != "group":
                continue
            members = [goal for goal in ids if group_of[goal] == item]
            head = f"{_group_name(item, lang)} · {_n_entries(len(members), lang)}"
            k = sum(goal in uncounted for goal in members)
            if k:
                head += " " + word(
                    "coverage_chart.not_counted_all" if k == len(members) else "coverage_chart.not_counted",
                    lang,
                    k=k,
                    counted=counted,
                )
            ax.add_patch(
                Rectangle(
                    (0.008, y + 0.06),
                    0.984,
                    0.88,
                    transform=across,
                    color="#E4E9EE",
                    lw=0,
                    zorder=0.5,
                    clip_on=False,
                    in_layout=False,
                )
            )
            ax.text(
                0.014,
                y + 0.5,
                head,
                transform=across,
                ha="left",
                va="center",
                fontsize=SMALL,
                fontweight="bold",
                color=COLORS["neutral"],
                clip_on=False,
                in_layout=False,
                zorder=3,
                gid=f"group-{item}",
            )
        left_label = -(_LABEL + _GAP)
        for goal, (top, span) in y_of.items():
            middle = top + span / 2
            ax.text(
                0,
                middle,
                entry_labels[goal],
                transform=_points(ax, fig, left_label),
                ha="left",
                va="center",
                fontsize=SMALL,
                color=COLORS["text"],
                clip_on=False,
                linespacing=1.05,
                gid=f"entry-{goal}",
            )
            kind = status[goal]
            marker = "□" if kind == "missing" else "■"
            color = FILL.get(kind, COLORS["muted"]) if kind != "missing" else MISSING_EDGE
            ax.text(
                1,
                middle,
                marker,
                transform=_points(ax, fig, _GAP + 1),
                ha="left",
                va="center",
                fontsize=SMALL,
                color=color,
                clip_on=False,
            )
            ax.text(
                1,
                middle,
                shown[goal],
                transform=_points(ax, fig, _GAP + 12),
                ha="left",
                va="center",
                fontsize=SMALL,
                color=COLORS["text"] if kind != "missing" else COLORS["muted"],
                style="italic" if kind == "missing" else "normal",
                clip_on=False,
                gid=f"status-{goal}",
            )
        ax.set_xlim(0, n_cols)
        ax.set_ylim(total, 0)
        ax.set_yticks([])
        ax.xaxis.tick_top()
        if len(tasks) <= MAX_TASK_LABELS:
            ax.set_xticks(np.arange(len(tasks)) + 0.5, tasks, rotation=90, fontsize=SMALL)
        else:  # too many tasks to name each: each group's number over its span of columns
            edges = [0, *splits, len(tasks)]
            ax.set_xticks(
                [(a + b) / 2 for a, b in itertools.pairwise(edges)],
                [task_groups[a] for a in edges[:-1]],
                fontsize=SMALL,
            )
        ax.tick_params(axis="x", length=0, pad=2)
        numbered = sorted({int(g) for g in task_groups if g.isdigit()})
        head = word("coverage_chart.tasks_head", lang)
        if len(numbered) > 1:
            head += " " + word("coverage_chart.task_groups", lang, first=numbered[0], last=numbered[-1])
        elif numbered:
            head += " " + word("coverage_chart.task_group", lang, first=numbered[0])
        ax.set_xlabel(head, fontsize=SMALL, color=COLORS["muted"], labelpad=4)
        ax.xaxis.set_label_position("top")
        ax.text(
            0,
            1,
            word("coverage_chart.entries_head", lang),
            transform=offset_copy(ax.transAxes, fig=fig, x=left_label, y=3, units="points"),
            ha="left",
            va="bottom",
            fontsize=SMALL,
            color=COLORS["muted"],
            clip_on=False,
        )
        ax.text(
            1,
            1,
            word("coverage_chart.status_head", lang),
            ha="left",
            va="bottom",
            fontsize=SMALL,
            color=COLORS["muted"],
            clip_on=False,
            transform=offset_copy(ax.transAxes, fig=fig, x=_GAP + 1, y=3, units="points"),
        )
        handles = [
            Patch(color=COLORS["lead"], label=word("coverage_chart.full_link", lang)),
            Patch(color=PARTIAL, label=word("coverage_chart.partial_link", lang)),
        ]
        ax.legend(
            handles=handles,
            loc="upper left",
            ncols=2,
            handlelength=1.4,
            borderaxespad=0,
            borderpad=0,
            bbox_to_anchor=(0, 0),
            bbox_transform=offset_copy(ax.transAxes, fig=fig, x=left_label, y=-6, units="points"),
        )
    return finish(
        fig, word("chart.alt.matrix", lang, n=len(ids), m=len(tasks), full=n_full, partial=n_partial)
    )


# ---------------------------------------------------------------- by group


def _count(row: pd.Series, column: str) -> int:
    value = row.get(column, 0)
    return 0 if value is None or pd.isna(value) else int(value)


def coverage_by_group(
    table: pd.DataFrame, lang: str = "vi", *, source: str, caveat: str, size: str = "print"
) -> Figure:
    """Stacked bars per resolution group: entries covered, partial and missing.

    ``table``: :func:`plan132lib.coverage.coverage_by_group` (resolution_group,
    covered, partial, missing; n_not_applicable and n_news when present). The
    groups are sorted by the share covered or partial (highest first; ties keep the
    resolution order), then the ``all`` row, if any, under a line. At the ``page``
    size the chart has neither subtitle nor footer: the brief prints what is counted
    and the caveat in its coverage paragraph, and the source once for the page. The
    count is written in each segment, the share covered or partial at the bar end; a
    group with no entries gets a note instead of a bar, except "other", which is left
    out when it holds nothing.
    Segments carry the gids "covered", "partial" and "missing".
    """
    check_lang(lang)
    frame = table.assign(resolution_group=[_text(g) for g in table.get("resolution_group", [])])
    rows = {key: frame[frame["resolution_group"] == key].iloc[0] for key in frame["resolution_group"]}
    keys = [
        k
        for k in _group_order(list(rows))
        if k != "all" and (k != "other" or any(_count(rows[k], c) for c in (*STATUSES, "n_not_applicable")))
    ]
    counts = {k: {s: _count(rows[k], s) for s in STATUSES} for k in rows}

    def taken_up(k: str) -> float:
        n = sum(counts[k].values())
        return (counts[k]["covered"] + counts[k]["partial"]) / n if n else -1.0

    keys.sort(key=lambda k: -taken_up(k))  # stable: the resolution order breaks ties
    if "all" in rows:
        keys.append("all")
    total = {k: sum(counts[k].values()) for k in keys}
    na = {k: _count(rows[k], "n_not_applicable") for k in keys}
    has_na = "n_not_applicable" in frame.columns

    groups = [k for k in keys if k != "all"]
    n_all = total["all"] if "all" in keys else sum(total[k] for k in groups)
    na_all = na["all"] if "all" in keys else sum(na[k] for k in groups)
    subtitle = word("coverage_chart.groups_sub", lang, n=n_all)
    if has_na:
        subtitle += word("coverage_chart.groups_sub_na", lang, na=na_all)
    if size_of(size).name == "page":  # the brief's coverage paragraph says what is counted
        subtitle = ""
    notes = [word("coverage_chart.share_note", lang)]
    if "n_news" in frame.columns:
        news = sum(_count(rows[k], "n_news") for k in (["all"] if "all" in keys else groups))
        notes.append(word("coverage_chart.news_note", lang, news=news, n=n_all))
    if "n_left_out" in frame.columns:
        left = sum(_count(rows[k], "n_left_out") for k in (["all"] if "all" in keys else groups))
        if left:
            notes.append(word("coverage_chart.left_out_note", lang, k=left))
    footer = _footer([" ".join(notes), _caveat(caveat, lang), nfc(source)])
    if size_of(size).name == "page":
        footer = []

    compact = size_of(size).name == "page"
    bar_h = 0.5 if compact else 0.6
    y_of = {
        k: i * (1.25 if compact else 1) + ((0.75 if compact else 0.45) if k == "all" else 0.0)
        for i, k in enumerate(keys)
    }
    with mpl.rc_context(STYLE):
        height = 1.55 + _BAR_ROW * (len(keys) + 0.45 * ("all" in keys)) + FOOT_LINE * len(footer)
        fig = _figure(max(height, 2.8), footer, word("coverage_chart.title_groups", lang), subtitle, size)
        if not keys:
            return _no_entries(fig, lang)
        ax = fig.add_subplot()
        y = np.array([y_of[k] for k in keys])
        left = np.zeros(len(keys))
        top = max(max(total.values()), 1)
        for status in STATUSES:
            values = np.array([counts[k][status] for k in keys])
            look: dict[str, Any] = {"color": FILL[status], "linewidth": 0}
            if status == "missing":  # outlined and hatched; an empty segment gets no outline
                look = {
                    "facecolor": MISSING_FACE,
                    "edgecolor": MISSING_EDGE,
                    "hatch": "////",
                    "hatchcolor": "#C4C4C4",
                    "linewidth": [0.8 if v else 0.0 for v in values],
                }
            bars = ax.barh(y, values, left=left, height=bar_h, gid=status, **look)
            ink = text_color(to_rgba(FILL[status]))
            for bar, value in zip(bars, values, strict=True):
                if value:
                    ax.text(
                        bar.get_x() + bar.get_width() / 2,
                        bar.get_y() + bar.get_height() / 2,
                        str(value),
                        ha="center",
                        va="center",
                        fontsize=SMALL,
                        color=ink,
                        fontweight="bold" if status != "missing" else "normal",
                        bbox=_MASK if status == "missing" else None,
                    )
            left = left + values
        for k in keys:
            if total[k]:
                share = (counts[k]["covered"] + counts[k]["partial"]) / total[k]
                ax.text(
                    total[k],
                    y_of[k],
                    f"{round(share * 100)}%",
                    ha="left",
                    va="center",
                    fontsize=8.5,
                    fontweight="bold",
                    color=COLORS["text"],
                    transform=offset_copy(ax.transData, fig=fig, x=4, units="points"),
                )
            else:
                ax.text(
                    0,
                    y_of[k],
                    word("coverage_chart.none", lang),
                    ha="left",
                    va="center",
                    fontsize=SMALL,
                    style="italic",
                    color=COLORS["muted"],
                    transform=offset_copy(ax.transData, fig=fig, x=4, units="points"),
                )
            name = word("coverage_chart.all", lang) if k == "all" else _group_name(k, lang)
            detail = _n_entries(total[k], lang)
            if compact:  # the name on one line above the bar, so the bars take the whole width
                ax.text(
                    0,
                    y_of[k] - bar_h / 2,
                    f"{name} · {detail}",
                    ha="left",
                    va="bottom",
                    fontsize=SMALL,
                    fontweight="bold" if k == "all" else "normal",
                    color=COLORS["text"],
                    transform=offset_copy(ax.transData, fig=fig, y=1.5, units="points"),
                )
                continue
            if has_na:
                detail += " · " + word("coverage_chart.n_na", lang, n=na[k])
            ax.text(
                0,
                y_of[k],
                name,
                transform=_points(ax, fig, -8, 0.5),
                ha="right",
                va="bottom",
                fontsize=9,
                fontweight="bold" if k == "all" else "normal",
                color=COLORS["text"],
                clip_on=False,
            )
            ax.text(
                0,
                y_of[k],
                detail,
                transform=_points(ax, fig, -8, -1.5),
                ha="right",
                va="top",
                fontsize=SMALL,
                color=COLORS["muted"],
                clip_on=False,
            )
        if "all" in keys and groups:
            line_y = (y_of["all"] + y_of[groups[-1]]) / 2
            ax.axhline(line_y, color=COLORS["muted"], linewidth=0.8, clip_on=False, gid="all-line")
        ax.set_yticks([])
        ax.set_ylim(max(y_of.values()) + 0.55, -0.55 - (0.4 if compact else 0))
        ax.set_xlim(0, top * 1.14 + 0.6)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(word("coverage_chart.n_axis", lang))
        ax.grid(axis="x", color=COLORS["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        handles = [
            Patch(color=FILL["covered"], label=word("coverage_chart.legend_covered", lang)),
            Patch(color=FILL["partial"], label=word("coverage_chart.legend_partial", lang)),
            Patch(
                facecolor=MISSING_FACE,
                edgecolor=MISSING_EDGE,
                hatch="////",
                hatchcolor="#C4C4C4",
                linewidth=0.8,
                label=word("coverage_chart.legend_missing", lang),
            ),
        ]
        legend_above(ax, fig, handles, 0)
    every = counts["all"] if "all" in keys else {s: sum(counts[k][s] for k in groups) for s in STATUSES}
    return finish(
        fig,
        word(
            "chart.alt.groups",
            lang,
            n=sum(every.values()),
            covered=every["covered"],
            partial=every["partial"],
            missing=every["missing"],
            m=len(groups),
        ),
    )
