"""The house frame every chart shares: style, colours, sizes, figure and footer, text helpers, saving.

Chart modules (:mod:`.workload`, :mod:`.network`, :mod:`.coverage`) build on these
helpers and return a :class:`ChartFigure` (a :class:`matplotlib.figure.Figure`; no pyplot
state is touched); :func:`save_figure` writes it as PNG and SVG, byte-identical from run to
run. The SVG keeps its text as real ``<text>`` in the named font (``svg.fonttype: none``,
DejaVu Sans, which covers Vietnamese), so it can be searched and edited in PowerPoint or
Inkscape. Every string drawn is normalised to NFC first, since DejaVu Sans covers Vietnamese
only in precomposed form. The style is the packaged ``plan132.mplstyle``; the fixed strings
are the rows of ``plan132lib/words.csv`` (:mod:`plan132lib.words`).

Sizes (:data:`SIZES`): every chart function takes ``size="print"`` (A4 text width, the
default), ``"page"`` (the compact column of the one-page brief) or ``"slide"`` (16:9,
13.33 × 7.5 in); the type is written at print size and scaled by :func:`finish`, never below
:data:`MIN_PT` points.

Alt text, one mechanism: every chart function ends with :func:`finish`, which sets
``fig.alt`` to one sentence in the chart's language saying what the chart shows (from the
``chart.alt.*`` rows of words.csv, with the chart's own numbers). ``repr(fig)`` returns it, so
a notebook's ``text/plain`` output carries it to the HTML report's ``alt`` and caption; the
brief's PDF and Word files and the slides read ``fig.alt`` directly.
"""

from __future__ import annotations

import functools
import re
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import offset_copy

from ..ingest.tables import Plan
from ..paths import package_file
from ..words import check_lang as check_lang  # re-exported to the chart modules
from ..words import word, words

# The house style (fonts, sizes, axis and text colours, SVG settings) lives in plan132.mplstyle
# beside this module; STYLE is that file read once, for ``mpl.rc_context(STYLE)``.
STYLE_FILE = package_file("plan132lib.charts", "plan132.mplstyle")
STYLE: dict[str, Any] = dict(mpl.rc_params_from_file(STYLE_FILE, use_default_template=False))

# Okabe–Ito colours: lead (blue) and coordinate (orange) stay apart for every
# common colour-vision deficiency; a neutral slate for role-free counts.
COLORS: dict[str, str] = {
    "lead": "#0072B2",
    "coordinate": "#E69F00",
    "neutral": "#3B5368",
    "text": STYLE["text.color"],
    "muted": "#666666",
    "grid": "#DDDDDD",
    "band": "#F2F2F2",
}

FIG_WIDTH = 7.5  # inches: the text width of an A4 page with ordinary margins
SMALL = 8.0  # the smallest font size used (pt)

FOOT_LINE = 0.15  # inches per footer line at 8 pt
ROW = 0.42  # inches per agency row in bar charts and heatmaps


def plan_source(plan: Plan, lang: str = "vi") -> str:
    """A chart's source line, from the plan's own meta: "Nguồn: Kế hoạch 58/KH-UBND ngày … của …"."""
    return word("chart.source", lang, plan=plan.citation(lang))


def nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text))


def label(key: str, lang: str = "vi", **fields: object) -> str:
    """The chart string ``chart.<key>`` of words.csv in ``lang``, formatted with ``fields``, in NFC."""
    return word(f"chart.{key}", lang, **fields)


# ---------------------------------------------------------------- helpers


def agency_names(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """agency_id -> display name (short_name, or name_en in English), first row per agency."""
    names: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        agency_id = str(row.agency_id)
        if agency_id in names:
            continue
        name = getattr(row, "name_en", None) if lang == "en" else None
        if name is None or pd.isna(name) or not str(name).strip():
            name = row.short_name
        names[agency_id] = nfc(name).strip()
    return names


def quoted(name: object) -> str:
    """An agency's name in a sentence: in quotation marks when it holds a comma, so that
    "UBND xã, phường" never reads as two agencies."""
    text = " ".join(nfc(name).split())
    return f"“{text}”" if "," in text else text


def text_width(text: str, size: float = SMALL, weight: str = "normal") -> float:
    """The width of ``text`` (its widest line) in points, in the house font (measured, not rendered)."""
    prop = FontProperties(family=STYLE["font.family"], size=size, weight=weight)
    kerning = mpl.rcParams["text.kerning_factor"]
    return max((_line_width(line, prop, kerning) for line in text.split("\n")), default=0.0)


@functools.lru_cache(maxsize=1 << 16)
def _line_width(line: str, prop: FontProperties, kerning: object) -> float:
    """One line's width in points (:func:`text_width`), measured once per process: the same labels
    and footers are measured again for every chart, size and language (``kerning``, the rc setting
    the measure reads, is part of the key)."""
    return text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0]


#: No chart line holds more characters than this: longer text is cut before it is measured, so a
#: 130 KB agency name costs what a long one does.
MAX_LINE_CHARS = 400


def fit_text(text: str, budget: float, size: float = SMALL, weight: str = "normal") -> str:
    """``text`` clipped at a word with "…" so that it takes at most ``budget`` points."""
    if len(text) > MAX_LINE_CHARS:
        text = text[:MAX_LINE_CHARS]
    if text_width(text, size, weight) <= budget:
        return text
    kept = text.split()
    while kept:
        clipped = " ".join(kept).rstrip(" ,;:·–-") + "…"
        if text_width(clipped, size, weight) <= budget:
            return clipped
        kept.pop()
    return "…"


def wrap_measured(text: str, budget: float, size: float = SMALL, weight: str = "normal") -> list[str]:
    """``text`` broken at spaces into lines of at most ``budget`` points each (measured); a text
    longer than ten chart lines is cut with "…" first."""
    if len(text) > 10 * MAX_LINE_CHARS:
        text = clip_text(text, 10 * MAX_LINE_CHARS)
    lines: list[str] = []
    for token in text.split():
        if lines and text_width(f"{lines[-1]} {token}", size, weight) <= budget:
            lines[-1] += f" {token}"
        else:
            lines.append(token)
    return lines or [text]


def wrap_text(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def clip_text(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;·") + "…"


def group_key(title: str) -> str:
    title = re.sub(r"^\s*nhóm nhiệm vụ( về)?\s*", "", nfc(title), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", title).strip().rstrip(".")


def group_title(title: object, lang: str, title_en: object = None) -> str:
    """A short title of a task group: the Vietnamese title without "Nhóm nhiệm vụ về", or English."""
    if title is None or pd.isna(title):
        return ""
    key = group_key(str(title))
    if lang == "en":
        if title_en is not None and not pd.isna(title_en) and str(title_en).strip():
            return nfc(title_en).strip()
        known = dict(
            zip(
                (t.lower() for t in words("group_title", "vi").values()),
                words("group_title", "en").values(),
                strict=True,
            )
        )
        key = known.get(key.lower(), key)
    return nfc(key[:1].upper() + key[1:])


@dataclass(frozen=True)
class Size:
    """A chart size: the figure's width and (fixed) height in inches, and how much its type is scaled.

    ``print`` is the house size (A4 text width, height from the content); ``page`` the compact size
    of the one-page brief (a column of charts beside the text: 3.4 × 2.6 in, 7 pt type and up);
    ``slide`` a 16:9 slide (13.33 × 7.5 in, larger type).
    """

    name: str
    width: float
    height: float | None
    scale: float
    suffix: str


SIZES: dict[str, Size] = {
    "print": Size("print", FIG_WIDTH, None, 1.0, ""),
    "page": Size("page", 3.4, 2.6, 0.875, "_page"),
    "slide": Size("slide", 13.333, 7.5, 1.6, "_16x9"),
}
MIN_PT = 6.0  # no text smaller than this at a size's own dimensions

#: The most agencies (rows) a chart draws at each size, and the most task groups (rows or columns):
#: a plan of 300 tasks names fifty agencies or more, and every row must stay readable. Beyond these,
#: :func:`most` keeps the ones with the most tasks, in their own order, and the chart says how many
#: it draws of how many (``chart.rows_left_out``, ``chart.groups_left_out``); the workbook has them all.
MAX_ROWS = {"print": 30, "page": 8, "slide": 15}
MAX_GROUPS = {"print": 8, "page": 6, "slide": 10}


def most(ids: Sequence[Any], weight: Any, limit: int) -> list[Any]:
    """The ``limit`` ids of ``ids`` with the largest ``weight[id]`` (a mapping or Series; ties: the
    earlier id), in the order of ``ids``; all of them when there are no more than ``limit``."""
    ids = list(ids)
    if len(ids) <= limit:
        return ids
    ranked = sorted(range(len(ids)), key=lambda i: -float(weight.get(ids[i], 0)))[:limit]
    return [ids[i] for i in sorted(ranked)]


def size_of(size: str | Size) -> Size:
    """The :class:`Size` named ``size`` (one of :data:`SIZES`), else ``ValueError``."""
    if isinstance(size, Size):
        return size
    if size not in SIZES:
        raise ValueError(f"size must be one of {tuple(SIZES)}, not {size!r}")
    return SIZES[size]


class ChartFigure(Figure):
    """A figure that says what it shows: ``alt`` is one sentence in the chart's language (set by
    :func:`finish`), and ``repr()`` (what a notebook shows as ``text/plain``, used as an image's alt
    text) returns it; ``size`` is the name of its :class:`Size`."""

    alt: str = ""
    size: str = "print"

    def __repr__(self) -> str:
        return self.alt or super().__repr__()


def new_figure(height: float, footer: Sequence[str], size: str | Size = "print") -> ChartFigure:
    """A figure of the size's width whose layout leaves room for ``footer`` lines at the bottom.

    ``height`` is used at the ``print`` size; ``page`` and ``slide`` have a fixed height. Text is
    written at print size and scaled by :func:`finish`. At the ``page`` size a chart leaves its
    source line out (the brief prints the source once for the page).
    """
    s = size_of(size)
    height = s.height or height
    if s.name != "print":  # rewrap the footer to the size's width (measured at print size)
        budget = s.width * 72 * 0.96 / s.scale
        footer = [part for line in footer for part in wrap_measured(nfc(line), budget)]
    foot = (len(footer) * FOOT_LINE * s.scale + 0.12) / height
    fig = ChartFigure(
        figsize=(s.width, height),
        layout=ConstrainedLayoutEngine(rect=(0, foot, 1, 1 - foot), h_pad=0.06, w_pad=0.06),
    )
    fig.size = s.name
    fig.text(
        0.012,
        0.06 / height,
        "\n".join(nfc(line) for line in footer),
        ha="left",
        va="bottom",
        fontsize=SMALL,
        color=COLORS["muted"],
        linespacing=1.35,
    )
    return fig


def finish(fig: Figure, alt: str) -> ChartFigure:
    """Set the figure's alt text and scale its type to its size (see :data:`SIZES`); return it."""
    scale = size_of(getattr(fig, "size", "print")).scale
    if scale != 1.0:
        ticks: set[int] = set()
        for ax in fig.axes:
            for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
                for which in ("major", "minor"):
                    labels = axis.get_ticklabels(minor=which == "minor")
                    ticks.update(id(t) for t in axis.get_ticklabels(minor=which == "minor", which="both"))
                    if labels:
                        ax.tick_params(
                            axis=name, which=which, labelsize=max(labels[0].get_fontsize() * scale, MIN_PT)
                        )
        for text in fig.findobj(Text):
            if id(text) not in ticks:
                text.set_fontsize(max(text.get_fontsize() * scale, MIN_PT))
    if isinstance(fig, ChartFigure):
        fig.alt = nfc(alt)
    return fig  # type: ignore[return-value]


def figure_title(fig: Figure, text: str) -> None:
    """The figure's title at the top left, wrapped when the figure is narrower than the title."""
    scale = size_of(getattr(fig, "size", "print")).scale
    chars = int(fig.get_figwidth() * 72 * 0.95 / (0.6 * float(STYLE["figure.titlesize"]) * scale))
    fig.suptitle(wrap_text(nfc(text), max(chars, 20)), x=0.012, ha="left", linespacing=1.15)


def bar_axis(ax: Any, n: int, xlabel: str) -> None:
    """The house look of a horizontal bar chart of ``n`` rows: the first row at the top, whole-number
    ticks under ``xlabel``, vertical grid lines behind the bars, no tick marks or spine on the left."""
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(xlabel)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color=COLORS["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)


def legend_above(ax: Any, fig: Figure, handles: list[Any], raise_pt: float) -> None:
    """A one-row legend just above the axes, ``raise_pt`` points higher (to clear top tick labels)."""
    ax.legend(
        handles=handles,
        loc="lower left",
        ncols=len(handles),
        handlelength=1.4,
        borderaxespad=0,
        borderpad=0,
        bbox_to_anchor=(0, 1),
        bbox_transform=offset_copy(ax.transAxes, fig=fig, y=raise_pt + 4, units="points"),
    )


def text_color(rgba: Iterable[float]) -> str:
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in list(rgba)[:3])
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35 else COLORS["text"]


def white_ramp(color: str) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list(f"plan132-{color}", ["#FFFFFF", color])


def heat_panel(ax: Any, values: np.ndarray, color: str, col_labels: Sequence[str]) -> None:
    """Draw a counts heatmap (rows top to bottom) with the count written in every cell."""
    n_rows, n_cols = values.shape
    vmax = max(float(values.max(initial=0)), 1.0)
    cmap = white_ramp(color)
    mesh = ax.pcolormesh(
        np.arange(n_cols + 1),
        np.arange(n_rows + 1),
        values,
        cmap=cmap,
        vmin=0,
        vmax=vmax * 1.05,
        edgecolors="white",
        linewidth=1.5,
    )
    mesh.set_gid(f"heatmap-{color}")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks(np.arange(n_cols) + 0.5, [nfc(c) for c in col_labels])
    ax.tick_params(axis="both", length=0)
    ax.xaxis.tick_top()
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    for i in range(n_rows):
        for j in range(n_cols):
            value = int(values[i, j])
            rgba = cmap(value / (vmax * 1.05))
            ax.text(
                j + 0.5,
                i + 0.5,
                str(value),
                ha="center",
                va="center",
                fontsize=SMALL,
                color=text_color(rgba) if value else "#AAAAAA",
            )


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
