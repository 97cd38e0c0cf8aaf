"""Briefing charts in one house style: Vietnamese by default, English with ``lang="en"``.

Every chart function takes the analysis frames described in its docstring and
returns a :class:`matplotlib.figure.Figure` (no pyplot state is touched);
:func:`save_figure` writes it as PNG and SVG, byte-identical from run to run.
Fixed strings live in :data:`LABELS`; every string drawn is normalised to NFC
first, since the bundled DejaVu Sans covers Vietnamese only in precomposed form.
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

__all__ = [
    "COLORS", "LABELS", "STYLE", "active_by_year", "group_heatmap", "label",
    "lead_coordinate_bars", "save_figure", "task_gantt",
]

LANGS = ("vi", "en")

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "title_bars": "Số nhiệm vụ chủ trì và phối hợp theo cơ quan",
        "title_heatmap": "Nhiệm vụ theo cơ quan và nhóm nhiệm vụ",
        "title_gantt": "Tiến độ thực hiện nhiệm vụ theo nhóm",
        "title_active": "Số nhiệm vụ đang thực hiện theo năm và cơ quan",
        "lead": "Chủ trì",
        "coordinate": "Phối hợp",
        "n_tasks": "Số nhiệm vụ",
        "year": "Năm",
        "task_group": "Nhóm nhiệm vụ",
        "group": "Nhóm {n}",
        "task_lead": "Nhiệm vụ · cơ quan chủ trì",
        "period": "Thời gian thực hiện",
        "after": "sau {year}",
        "continues": "tiếp tục",
        "no_timeline": "không ghi tiến độ",
        "source": "Nguồn: Kế hoạch 132/KH-UBND ngày 16/4/2026, UBND tỉnh Hưng Yên",
    },
    "en": {
        "title_bars": "Tasks led and coordinated, by agency",
        "title_heatmap": "Tasks by agency and task group",
        "title_gantt": "Task timelines by group",
        "title_active": "Tasks under way per year, by agency",
        "lead": "Lead",
        "coordinate": "Coordinate",
        "n_tasks": "Number of tasks",
        "year": "Year",
        "task_group": "Task group",
        "group": "Group {n}",
        "task_lead": "Task · lead agency",
        "period": "Implementation period",
        "after": "after {year}",
        "continues": "continues",
        "no_timeline": "no timeline stated",
        "source": "Source: Plan 132/KH-UBND of 16 Apr 2026, Hưng Yên Provincial People's Committee",
    },
}

# English short titles of the six task groups of Plan 132, keyed by the Vietnamese
# title without its "Nhóm nhiệm vụ về" prefix (see :func:`_group_key`).
GROUP_TITLES_EN: dict[str, str] = {
    "phòng ngừa, kiểm soát và ngăn chặn từ sớm, từ xa các nguy cơ gây ô nhiễm, sự cố môi trường; "
    "dự báo sớm tác động của biến đổi khí hậu":
        "Preventing and controlling pollution and environmental incidents early; "
        "early forecasting of climate change impacts",
    "khắc phục, cải thiện chất lượng môi trường": "Remedying and improving environmental quality",
    "tăng cường hiệu quả quản lý chất thải rắn và chất thải nguy hại":
        "Managing solid and hazardous waste more effectively",
    "nâng cao hiệu quả tuân thủ quy định của pháp luật về bảo vệ môi trường":
        "Better compliance with environmental protection law",
    "nâng cao hiệu quả công tác tuyên truyền, phổ biến, giáo dục pháp luật về bảo vệ môi trường "
    "và ứng phó với biến đổi khí hậu":
        "Better communication and education on environmental law and climate change response",
    "tăng cường nguồn lực và hiệu quả quản lý nhà nước về bảo vệ môi trường":
        "More resources and more effective state management of environmental protection",
}

# Okabe–Ito colours: lead (blue) and coordinate (orange) stay apart for every
# common colour-vision deficiency; a neutral slate for role-free counts.
COLORS: dict[str, str] = {
    "lead": "#0072B2",
    "coordinate": "#E69F00",
    "neutral": "#3B5368",
    "text": "#222222",
    "muted": "#666666",
    "grid": "#DDDDDD",
    "band": "#F2F2F2",
}

FIG_WIDTH = 7.5  # inches: the text width of an A4 page with ordinary margins
SMALL = 8.0      # the smallest font size used (pt)

STYLE: dict[str, Any] = {
    "font.family": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.labelcolor": COLORS["text"],
    "axes.edgecolor": "#888888",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "text.color": COLORS["text"],
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "figure.titlesize": 12,
    "figure.titleweight": "bold",
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.facecolor": "white",
    "hatch.linewidth": 0.8,
    "svg.fonttype": "path",
    "svg.hashsalt": "plan132",
    "path.simplify": True,
}

_FOOT_LINE = 0.15   # inches per footer line at 8 pt
_ROW = 0.42         # inches per agency row in bar charts and heatmaps


def _nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text))


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def label(key: str, lang: str = "vi", **fields: object) -> str:
    """The fixed string ``key`` in ``lang`` ("vi" or "en"), formatted with ``fields``, in NFC."""
    text = LABELS[_check_lang(lang)][key]
    return _nfc(text.format(**fields) if fields else text)


# ---------------------------------------------------------------- helpers

def _agency_names(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """agency_id -> display name (short_name, or name_en in English), first row per agency."""
    names: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        agency_id = str(row.agency_id)
        if agency_id in names:
            continue
        name = getattr(row, "name_en", None) if lang == "en" else None
        if name is None or pd.isna(name) or not str(name).strip():
            name = row.short_name
        names[agency_id] = _nfc(name).strip()
    return names


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;·") + "…"


def _group_key(title: str) -> str:
    title = re.sub(r"^\s*nhóm nhiệm vụ( về)?\s*", "", _nfc(title), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", title).strip().rstrip(".")


def _group_title(title: object, lang: str, title_en: object = None) -> str:
    """A short title of a task group: the Vietnamese title without "Nhóm nhiệm vụ về", or English."""
    if title is None or pd.isna(title):
        return ""
    key = _group_key(str(title))
    if lang == "en":
        if title_en is not None and not pd.isna(title_en) and str(title_en).strip():
            return _nfc(title_en).strip()
        known = {k.lower(): v for k, v in GROUP_TITLES_EN.items()}
        key = known.get(key.lower(), key)
    return _nfc(key[:1].upper() + key[1:])


def _new_figure(height: float, footer: Sequence[str]) -> Figure:
    """A figure of the house width whose layout leaves room for ``footer`` lines at the bottom."""
    foot = (len(footer) * _FOOT_LINE + 0.12) / height
    fig = Figure(figsize=(FIG_WIDTH, height),
                 layout=ConstrainedLayoutEngine(rect=(0, foot, 1, 1 - foot), h_pad=0.06, w_pad=0.06))
    fig.text(0.012, 0.06 / height, "\n".join(_nfc(line) for line in footer), ha="left", va="bottom",
             fontsize=SMALL, color=COLORS["muted"], linespacing=1.35)
    return fig


def _title(fig: Figure, text: str) -> None:
    fig.suptitle(_nfc(text), x=0.012, ha="left")


def _legend_above(ax: Any, fig: Figure, handles: list[Any], raise_pt: float) -> None:
    """A one-row legend just above the axes, ``raise_pt`` points higher (to clear top tick labels)."""
    ax.legend(handles=handles, loc="lower left", ncols=len(handles), handlelength=1.4, borderaxespad=0,
              borderpad=0, bbox_to_anchor=(0, 1),
              bbox_transform=offset_copy(ax.transAxes, fig=fig, y=raise_pt + 4, units="points"))


def _text_color(rgba: Iterable[float]) -> str:
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in list(rgba)[:3])
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35 else COLORS["text"]


def _cmap(color: str) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list(f"plan132-{color}", ["#FFFFFF", color])


def _heat_panel(ax: Any, values: np.ndarray, color: str, col_labels: Sequence[str]) -> None:
    """Draw a counts heatmap (rows top to bottom) with the count written in every cell."""
    n_rows, n_cols = values.shape
    vmax = max(float(values.max(initial=0)), 1.0)
    cmap = _cmap(color)
    mesh = ax.pcolormesh(np.arange(n_cols + 1), np.arange(n_rows + 1), values, cmap=cmap, vmin=0,
                         vmax=vmax * 1.05, edgecolors="white", linewidth=1.5)
    mesh.set_gid(f"heatmap-{color}")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks(np.arange(n_cols) + 0.5, [_nfc(c) for c in col_labels])
    ax.tick_params(axis="both", length=0)
    ax.xaxis.tick_top()
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    for i in range(n_rows):
        for j in range(n_cols):
            value = int(values[i, j])
            rgba = cmap(value / (vmax * 1.05))
            ax.text(j + 0.5, i + 0.5, str(value), ha="center", va="center", fontsize=SMALL,
                    color=_text_color(rgba) if value else "#AAAAAA")


# ---------------------------------------------------------------- charts

def lead_coordinate_bars(workload: pd.DataFrame, lang: str = "vi", source: str | None = None) -> Figure:
    """Ranked horizontal bars per agency: tasks led and tasks coordinated.

    ``workload``: agency_id, short_name, name_en, n_lead, n_coordinate, already
    ranked; the first row is drawn at the top.
    """
    _check_lang(lang)
    names = _agency_names(workload, lang)
    labels = [_wrap(names[str(a)], 30) for a in workload["agency_id"]]
    n = len(labels)
    lead = workload["n_lead"].fillna(0).astype(int).to_numpy()
    coord = workload["n_coordinate"].fillna(0).astype(int).to_numpy()
    with mpl.rc_context(STYLE):
        fig = _new_figure(1.5 + _ROW * max(n, 1), [source or label("source", lang)])
        ax = fig.add_subplot()
        y = np.arange(n)
        h = 0.38
        for values, offset, role in ((lead, -h / 2, "lead"), (coord, h / 2, "coordinate")):
            bars = ax.barh(y + offset, values, height=h, color=COLORS[role], label=label(role, lang),
                           gid=role)
            ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontsize=SMALL,
                         color=COLORS["text"])
        ax.set_yticks(y, labels)
        ax.set_ylim(n - 0.5, -0.5)
        top = max(int(lead.max(initial=0)), int(coord.max(initial=0)), 1)
        ax.set_xlim(0, top * 1.1 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(label("n_tasks", lang))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=COLORS["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        _legend_above(ax, fig, ax.get_legend_handles_labels()[0], 0)
        _title(fig, label("title_bars", lang))
    return fig


def group_heatmap(matrix: pd.DataFrame, groups: pd.DataFrame, lang: str = "vi",
                  roles: Sequence[str] = ("lead", "coordinate"), source: str | None = None) -> Figure:
    """Agency × task-group heatmap, one panel per role, counts written in the cells.

    ``matrix`` (long): agency_id, short_name, name_en, group_id, n_lead,
    n_coordinate; agencies keep their first-appearance order. ``groups``:
    group_id, group_title (and optionally group_title_en); columns are labelled
    "Nhóm 1…" and a footnote maps them to short titles. In English a title is
    group_title_en, else :data:`GROUP_TITLES_EN` (Plan 132), else the Vietnamese one.
    """
    _check_lang(lang)
    names = _agency_names(matrix, lang)
    agency_ids = list(names)
    group_ids = [int(g) for g in groups["group_id"]]
    group_ids += sorted({int(g) for g in matrix["group_id"]} - set(group_ids))
    titles = {int(r.group_id): _group_title(getattr(r, "group_title", None), lang,
                                            getattr(r, "group_title_en", None))
              for r in groups.itertuples(index=False)}
    col_labels = [label("group", lang, n=g) for g in group_ids]
    notes = [f"{col}: {titles.get(g) or '–'}" for col, g in zip(col_labels, group_ids, strict=True)]
    col_labels = [col.replace(" ", "\n", 1) for col in col_labels]
    footer = [line for note in notes for line in textwrap.wrap(note, 125, subsequent_indent="     ")]
    footer.append(source or label("source", lang))
    with mpl.rc_context(STYLE):
        fig = _new_figure(1.6 + _ROW * max(len(agency_ids), 1) + _FOOT_LINE * len(footer), footer)
        axes = fig.subplots(1, len(roles), sharey=True, squeeze=False)[0]
        for ax, role in zip(axes, roles, strict=True):
            table = matrix.pivot_table(index="agency_id", columns="group_id", values=f"n_{role}",
                                       aggfunc="sum", fill_value=0)
            table.columns = [int(c) for c in table.columns]
            table.index = [str(i) for i in table.index]
            values = table.reindex(index=agency_ids, columns=group_ids, fill_value=0).to_numpy(dtype=float)
            _heat_panel(ax, values, COLORS[role], col_labels)
            ax.set_title(label(role, lang), color=COLORS[role], pad=7)
        axes[0].set_yticks(np.arange(len(agency_ids)) + 0.5, [_wrap(names[a], 28) for a in agency_ids])
        _title(fig, label("title_heatmap", lang))
    return fig


def _year_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def task_gantt(tasks: pd.DataFrame, lang: str = "vi", first_year: int = 2026, last_year: int = 2030,
               source: str | None = None) -> Figure:
    """Gantt-style timeline of the tasks, grouped and separated by task group.

    ``tasks``: task_id, group_id, start_year, end_year (nullable Int64),
    open_ended (bool), lead_label (str); group_title is used for the group
    headers when present. A year fills its column; the last column is "after
    ``last_year``". An open-ended task continues as a hatched bar to the right
    edge; a task without years is listed with a note instead of a bar.
    Bars carry gids "task-<id>", extensions "continues-<id>".
    """
    _check_lang(lang)
    starts = [y for y in (_year_or_none(v) for v in tasks["start_year"]) if y is not None]
    ends = [y for y in (_year_or_none(v) for v in tasks["end_year"]) if y is not None]
    first_year = min([first_year, *starts])
    last_year = max([last_year, *ends])
    x0, x1 = first_year, last_year + 2  # the last column is "after last_year"
    lead_color, lead_light = COLORS["lead"], to_rgba(COLORS["lead"], 0.25)

    ordered = tasks.assign(_order=np.arange(len(tasks))).sort_values(["group_id", "_order"], kind="stable")
    rows: list[tuple[str, Any]] = []  # ("group", (group_id, title)) or ("task", row)
    for group_id, block in ordered.groupby("group_id", sort=False):
        first_title = block["group_title"].iloc[0] if "group_title" in block else None
        rows.append(("group", (int(group_id), _group_title(first_title, lang))))
        rows.extend(("task", row) for row in block.itertuples(index=False))

    with mpl.rc_context(STYLE):
        fig = _new_figure(1.8 + 0.21 * len(rows), [source or label("source", lang)])
        ax = fig.add_subplot()
        ax.axvspan(last_year + 1, x1, color=COLORS["band"], zorder=0, lw=0)
        across = blended_transform_factory(fig.transFigure, ax.transData)
        ticks, tick_labels = [], []
        for i, (kind, item) in enumerate(rows):
            if kind == "group":  # a header band across the whole figure width
                group_id, title = item
                band = Rectangle((0.008, i - 0.5), 0.984, 1, transform=across, color="#E4E9EE", lw=0,
                                 zorder=0.5, clip_on=False, in_layout=False)
                ax.add_patch(band)
                head = label("group", lang, n=group_id) + (f" · {title}" if title else "")
                ax.text(0.014, i, _clip(head, 108), transform=across, ha="left", va="center",
                        fontsize=SMALL, fontweight="bold", color=COLORS["neutral"], clip_on=False,
                        in_layout=False, zorder=3)
                continue
            task_id = _nfc(item.task_id)
            lead_text = "" if pd.isna(item.lead_label) else _nfc(item.lead_label)
            ticks.append(i)
            tick_labels.append(_clip(f"{task_id}  {lead_text}".rstrip(), 40))
            start, end = _year_or_none(item.start_year), _year_or_none(item.end_year)
            if start is None and end is None:
                ax.text(x0 + 0.08, i, label("no_timeline", lang), ha="left", va="center",
                        fontsize=SMALL, style="italic", color=COLORS["muted"])
                continue
            start = start if start is not None else end
            end = end if end is not None else start
            ax.barh(i, end + 1 - start, left=start, height=0.62, color=lead_color, gid=f"task-{task_id}")
            if bool(item.open_ended) and end + 1 < x1:
                ax.barh(i, x1 - (end + 1), left=end + 1, height=0.62, color=lead_light,
                        edgecolor=lead_color, hatch="////", linewidth=0, gid=f"continues-{task_id}")
                ax.plot([x1], [i], marker=">", color=lead_color, markersize=5, clip_on=False,
                        gid=f"arrow-{task_id}")
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(x0, x1)
        ax.set_yticks(ticks, tick_labels)
        years = list(range(first_year, last_year + 1))
        ax.set_xticks([y + 0.5 for y in [*years, last_year + 1]],
                      [str(y) for y in years] + [label("after", lang, year=last_year)])
        ax.set_xticks(range(x0, x1 + 1), minor=True)
        ax.grid(axis="x", which="minor", color=COLORS["grid"], linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", which="both", length=0, labeltop=True)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.text(0, 1, label("task_lead", lang), transform=offset_copy(ax.transAxes, fig=fig, x=-4, y=3.5,
                units="points"), ha="right", va="bottom", fontsize=SMALL, color=COLORS["muted"])
        handles = [Patch(color=lead_color, label=label("period", lang)),
                   Patch(facecolor=lead_light, edgecolor=lead_color, hatch="////", linewidth=0,
                         label=label("continues", lang))]
        _legend_above(ax, fig, handles, 14)
        _title(fig, label("title_gantt", lang))
    return fig


def _period_label(period: object, lang: str) -> str:
    text = _nfc(period).strip()
    match = re.fullmatch(r"(?:sau|after)\s*(\d{4})", text, flags=re.IGNORECASE)
    return label("after", lang, year=match.group(1)) if match else text


def _period_order(period: str) -> tuple[int, int]:
    years = re.findall(r"\d{4}", period)
    year = int(years[0]) if years else 9999
    return (year, 1 if re.match(r"(?:sau|after)", period, flags=re.IGNORECASE) else 0)


def active_by_year(active: pd.DataFrame, lang: str = "vi", source: str | None = None) -> Figure:
    """Heatmap of tasks under way per agency and period, the count in every cell.

    ``active`` (long): agency_id, short_name, name_en, period ("2026"…"2030",
    "sau 2030"), n_active. Agencies keep their first-appearance order.
    """
    _check_lang(lang)
    names = _agency_names(active, lang)
    agency_ids = list(names)
    frame = active.assign(agency_id=active["agency_id"].astype(str),
                          period=[_nfc(p).strip() for p in active["period"]])
    periods = sorted(frame["period"].unique(), key=_period_order)
    table = frame.pivot_table(index="agency_id", columns="period", values="n_active", aggfunc="sum",
                              fill_value=0).reindex(index=agency_ids, columns=periods, fill_value=0)
    with mpl.rc_context(STYLE):
        fig = _new_figure(1.4 + _ROW * max(len(agency_ids), 1), [source or label("source", lang)])
        ax = fig.add_subplot()
        _heat_panel(ax, table.to_numpy(dtype=float), COLORS["neutral"],
                    [_period_label(p, lang) for p in periods])
        ax.set_yticks(np.arange(len(agency_ids)) + 0.5, [_wrap(names[a], 40) for a in agency_ids])
        ax.set_xlabel(label("year", lang))
        ax.xaxis.set_label_position("top")
        _title(fig, label("title_active", lang))
    return fig


# ---------------------------------------------------------------- output

def save_figure(fig: Figure, stem: Path | str) -> list[Path]:
    """Write ``stem``.png (200 dpi) and ``stem``.svg, byte-identical across runs; close the figure."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_name(stem.name + ".png"), stem.with_name(stem.name + ".svg")
    with mpl.rc_context(STYLE):
        fig.savefig(png, dpi=200, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None})
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:  # a pyplot-managed figure is released; a bare Figure needs nothing
        pyplot.close(fig)
    return [png, svg]
