"""The house frame every chart shares: style, colours, figure and footer, text helpers, saving.

Chart modules (:mod:`.workload`, :mod:`.network`, :mod:`.coverage`) build on these
helpers and return a :class:`matplotlib.figure.Figure` (no pyplot state is touched);
:func:`save_figure` writes it as PNG and SVG, byte-identical from run to run. Every
string drawn is normalised to NFC first, since DejaVu Sans covers Vietnamese only in
precomposed form. The style is the packaged ``plan132.mplstyle``; the fixed strings
are the rows of ``plan132lib/words.csv`` (:mod:`plan132lib.words`).
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
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
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
SMALL = 8.0      # the smallest font size used (pt)

FOOT_LINE = 0.15   # inches per footer line at 8 pt
ROW = 0.42         # inches per agency row in bar charts and heatmaps


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
        known = dict(zip((t.lower() for t in words("group_title", "vi").values()),
                         words("group_title", "en").values(), strict=True))
        key = known.get(key.lower(), key)
    return nfc(key[:1].upper() + key[1:])


def new_figure(height: float, footer: Sequence[str]) -> Figure:
    """A figure of the house width whose layout leaves room for ``footer`` lines at the bottom."""
    foot = (len(footer) * FOOT_LINE + 0.12) / height
    fig = Figure(figsize=(FIG_WIDTH, height),
                 layout=ConstrainedLayoutEngine(rect=(0, foot, 1, 1 - foot), h_pad=0.06, w_pad=0.06))
    fig.text(0.012, 0.06 / height, "\n".join(nfc(line) for line in footer), ha="left", va="bottom",
             fontsize=SMALL, color=COLORS["muted"], linespacing=1.35)
    return fig


def figure_title(fig: Figure, text: str) -> None:
    fig.suptitle(nfc(text), x=0.012, ha="left")


def legend_above(ax: Any, fig: Figure, handles: list[Any], raise_pt: float) -> None:
    """A one-row legend just above the axes, ``raise_pt`` points higher (to clear top tick labels)."""
    ax.legend(handles=handles, loc="lower left", ncols=len(handles), handlelength=1.4, borderaxespad=0,
              borderpad=0, bbox_to_anchor=(0, 1),
              bbox_transform=offset_copy(ax.transAxes, fig=fig, y=raise_pt + 4, units="points"))


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
    mesh = ax.pcolormesh(np.arange(n_cols + 1), np.arange(n_rows + 1), values, cmap=cmap, vmin=0,
                         vmax=vmax * 1.05, edgecolors="white", linewidth=1.5)
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
            ax.text(j + 0.5, i + 0.5, str(value), ha="center", va="center", fontsize=SMALL,
                    color=text_color(rgba) if value else "#AAAAAA")



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
