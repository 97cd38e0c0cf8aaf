"""Charts of many plans side by side, in the house style (:mod:`.frame`).

- :func:`lead_share_panels`: small multiples, one panel per standard body (the bodies leading
  most over all plans), the body's share of the lead load in each plan: a bar per plan, or,
  for more plans than :data:`MAX_BARS`, a dot per plan and the median.
- :func:`coverage_heatmap`: catalogue entries (rows) × plans (columns), each cell the entry's
  status in that plan, reviewed or suggested (the column's header says which).

Both take the tables of :func:`plan132lib.analysis.compare.compare_tables` and a ``source``
line (:func:`compare_source`), return a :class:`~.frame.ChartFigure` with its alt text, and save
byte-identically with :func:`~.frame.save_figure`. Vietnamese by default, ``lang="en"``
English; the fixed strings are the ``compare.*`` rows of words.csv.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..analysis.coverage import THRESHOLD
from ..words import Locale, word, words
from .coverage import MISSING_EDGE, MISSING_FACE, PARTIAL, _figure
from .frame import (
    COLORS,
    FOOT_LINE,
    SMALL,
    STYLE,
    check_lang,
    finish,
    fit_text,
    nfc,
    quoted,
    size_of,
    text_width,
    wrap_measured,
)

__all__ = ["MAX_BARS", "compare_source", "coverage_heatmap", "lead_share_panels", "plan_labels"]

MAX_BARS = 12  # more plans than this: a dot per plan in each panel instead of a bar
MAX_NAMED_COLUMNS = 40  # more plans than this: the heat map's columns are numbered, not named
TOP_BODIES = 9
COLUMNS = 3
SUGGESTED = "#F3CF83"  # a light orange: a matcher's suggestion, not a reviewed status
STATUS_ORDER = ("covered", "partial", "suggested", "missing", "not_applicable")
STATUS_COLORS = {
    "covered": COLORS["lead"],
    "partial": PARTIAL,
    "suggested": SUGGESTED,
    "missing": MISSING_FACE,
    "not_applicable": "#FFFFFF",
}
_FOOT_CHARS = 116
_LABEL_PT = 150.0  # points a plan's label may take beside the bars
_ENTRY_PT = 230.0  # points an entry's label may take beside the heat map
_COLUMN_PT = 115.0  # points each line of a plan's label may take above a heat-map column
_PANEL_PT = 105.0  # points a line of a panel's title may take


def _footer(paragraphs: Sequence[str]) -> list[str]:
    return [
        line for p in paragraphs if p for line in textwrap.wrap(nfc(p), _FOOT_CHARS, break_long_words=False)
    ]


def compare_source(plans: pd.DataFrame, lang: str = "vi", most: int = 4) -> str:
    """The compare charts' source line: "Nguồn: 132/KH-UBND (Hưng Yên), 58/KH-UBND (Ninh Bình) …", the
    first ``most`` plans by number and province (files of one plan once), then how many more."""
    check_lang(lang)
    names = list(
        dict.fromkeys(
            f"{r.plan_number or r.file_name} ({r.province})"
            if r.province
            else str(r.plan_number or r.file_name)
            for r in plans.itertuples(index=False)
        )
    )
    shown = ", ".join(names[:most])
    if len(names) > most:
        shown = word("compare.source_more", lang, plans=shown, n=len(names) - most)
    return word("compare.source", lang, plans=shown)


def plan_labels(
    plans: pd.DataFrame, lang: str = "vi", budget: float = _LABEL_PT, lines: int = 2
) -> dict[str, str]:
    """plan_id → its label: "Hưng Yên · 132/KH-UBND" and, on a second line, the file (as the plan_id
    names it), each clipped to ``budget`` points; ``lines=1``: one line, " · " between."""
    out = {}
    for r in plans.itertuples(index=False):
        plan_id = nfc(r.plan_id)
        number = nfc(r.plan_number or "")
        drafts = [nfc(word("plan.id_unnumbered", x)) + " · " for x in ("vi", "en")]
        if not number and plan_id.startswith(tuple(drafts)):  # a draft: named in the reader's language
            number = nfc(word("plan.id_unnumbered", lang))
            plan_id = number + " · " + plan_id.split(" · ", 1)[1]
        file = plan_id.removeprefix(f"{number} · ") if number else plan_id
        head = word("compare.plan_label", lang, province=r.province or "–", plan=number or file)
        parts = [head, file] if number else [head]
        out[str(r.plan_id)] = ("\n" if lines == 2 else " · ").join(_clip(p, budget) for p in parts)
    return out


def _clip(text: str, budget: float) -> str:
    """``text`` cut (at a word where it can, else at a character) with "…" to ``budget`` points."""
    if text_width(text) <= budget:
        return text
    clipped = fit_text(text, budget)
    if clipped != "…":
        return clipped
    while text and text_width(text + "…") > budget:
        text = text[:-1]
    return text + "…"


def _title_lines(name: str, budget: float = _PANEL_PT) -> str:
    """A panel's title on up to two lines of ``budget`` points (bold), the second clipped."""
    lines = wrap_measured(nfc(name), budget, weight="bold")
    if len(lines) <= 2:
        return "\n".join(lines)
    return lines[0] + "\n" + fit_text(" ".join(lines[1:]), budget, weight="bold")


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _no_data(fig: Figure, lang: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        word("compare.no_data", lang),
        ha="center",
        va="center",
        fontsize=9,
        style="italic",
        color=COLORS["muted"],
        transform=ax.transAxes,
    )
    return finish(fig, word("compare.no_data", lang))


# ---------------------------------------------------------------- lead share by body


def lead_share_panels(
    load: pd.DataFrame,
    plans: pd.DataFrame,
    lang: str = "vi",
    *,
    source: str,
    top: int = TOP_BODIES,
    size: str = "print",
) -> Figure:
    """One panel per standard body: its share of the lead load in each plan.

    ``load``: :func:`~plan132lib.analysis.compare.load_by_agency` (plan_id, agency_id, short_name,
    name_en, is_collective, in_registry, lead_share, lead_weight); ``plans``: the plans table (plan_id,
    province, in the order drawn). The ``top`` registry bodies with the most lead weight over all plans
    are drawn, collective entries never. Every panel has the same scale, so panels compare. Up to
    :data:`MAX_BARS` plans: a bar per plan, the share written at its end ("–" where the plan gives the
    body no lead task); more: a dot per plan on one line and the median. Bars carry the gid
    "share-<agency_id>".
    """
    check_lang(lang)
    s = size_of(size)
    ids = [str(p) for p in plans["plan_id"]]
    bodies = load[load["in_registry"].astype(bool) & ~load["is_collective"].astype(bool)]
    total = bodies.groupby("agency_id", sort=False)["lead_weight"].sum()
    total = total[total > 0].sort_values(ascending=False, kind="stable")
    chosen = list(total.index[:top])
    first = bodies.drop_duplicates("agency_id").set_index("agency_id")
    names = {
        a: nfc(
            first.at[a, "name_en"]
            if lang == "en" and str(first.at[a, "name_en"]).strip()
            else first.at[a, "short_name"]
        )
        for a in chosen
    }
    share = (
        bodies.pivot_table(index="agency_id", columns="plan_id", values="lead_share", aggfunc="first")
        .reindex(index=chosen, columns=ids)
        .fillna(0.0)
    )
    many = len(ids) > MAX_BARS
    notes = [word("compare.note_lead", lang)] + ([word("compare.note_many", lang)] if many else [])
    footer = _footer([" ".join(notes), source]) if s.name != "page" else []
    n_rows = max(math.ceil(len(chosen) / COLUMNS), 1)
    panel_h = 0.75 if many else 0.35 + 0.2 * len(ids)
    labels = plan_labels(plans, lang)
    with mpl.rc_context(STYLE):
        fig = _figure(
            1.5 + n_rows * (panel_h + 0.35) + FOOT_LINE * len(footer),
            footer,
            word("compare.title_lead", lang),
            word("compare.sub_lead", lang, n=len(ids), k=len(chosen)),
            size,
        )
        if not chosen or not ids:
            return _no_data(fig, lang)
        axes = fig.subplots(n_rows, COLUMNS, sharex=True, sharey=True, squeeze=False)
        xmax = max(float(share.to_numpy().max()), 0.05) * 1.25
        y = np.arange(len(ids))
        for k, ax in enumerate(axes.flat):
            if k >= len(chosen):
                ax.set_axis_off()
                continue
            agency = chosen[k]
            values = share.loc[agency].to_numpy(dtype=float)
            ax.set_title(
                _title_lines(names[agency]),
                loc="left",
                fontsize=SMALL,
                fontweight="bold",
                color=COLORS["text"],
                pad=3,
                linespacing=1.05,
            )
            if many:
                jitter = ((np.arange(len(ids)) * 0.618) % 1.0 - 0.5) * 0.5
                ax.scatter(
                    values, jitter, s=9, color=COLORS["lead"], alpha=0.7, linewidths=0, gid=f"share-{agency}"
                )
                median = float(np.median(values))
                ax.plot([median, median], [-0.4, 0.4], color=COLORS["text"], linewidth=2)
                ax.text(
                    median,
                    0.45,
                    f"{word('compare.median', lang)} {_percent(median)}",
                    ha="center",
                    va="bottom",
                    fontsize=SMALL - 1,
                    color=COLORS["text"],
                )
                ax.set_ylim(-0.6, 0.9)
                ax.set_yticks([])
            else:
                bars = ax.barh(y, values, height=0.7, color=COLORS["lead"], gid=f"share-{agency}")
                ax.bar_label(
                    bars,
                    labels=[_percent(v) if v > 0 else "–" for v in values],
                    padding=2,
                    fontsize=SMALL - 1,
                    color=COLORS["text"],
                )
                ax.set_ylim(len(ids) - 0.5, -0.5)
                ax.set_yticks(y, [labels[p] for p in ids], fontsize=SMALL, linespacing=1.1)
            ax.set_xlim(0, xmax)
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(3))
            ax.tick_params(axis="y", length=0)
            ax.tick_params(axis="x", labelsize=SMALL - 1)
            ax.grid(axis="x", color=COLORS["grid"], linewidth=0.6)
            ax.set_axisbelow(True)
            ax.spines["left"].set_visible(False)
        for column in range(COLUMNS):  # the axis title under the lowest panel of each column
            shown = [ax for ax in axes[:, column] if ax.axison]
            if shown:
                shown[-1].set_xlabel(word("compare.axis_lead", lang), fontsize=SMALL)
                shown[-1].xaxis.set_tick_params(labelbottom=True)
    best_agency, best_plan = share.stack().idxmax()
    return finish(
        fig,
        word(
            "compare.alt_lead",
            lang,
            k=len(chosen),
            n=len(ids),
            agency=quoted(names[best_agency]),
            share=_percent(float(share.loc[best_agency, best_plan])),
            plan=labels[best_plan].replace("\n", " · "),
        ),
    )


# ---------------------------------------------------------------- coverage heat map


def coverage_heatmap(
    coverage: pd.DataFrame,
    plans: pd.DataFrame,
    lang: str = "vi",
    *,
    source: str,
    caveat: str,
    size: str = "print",
) -> Figure:
    """Entries × plans: each cell the entry's status in the plan.

    ``coverage``: :func:`~plan132lib.analysis.compare.coverage_across` (plan_id, goal_id, title_vi,
    title_en, status, basis); ``plans``: the plans table, in the order of the columns. Entries that fall
    to no province in any plan are left out; rows in the table's order, labelled by their short title.
    Reviewed statuses are drawn in the coverage charts' colours (covered dark, partial light blue,
    missing grey), a matcher's suggestion in light orange; each column's header says whether the plan
    was reviewed. Beyond :data:`MAX_NAMED_COLUMNS` plans the columns are numbered. The cells carry the
    gid "coverage-cells".
    """
    check_lang(lang)
    s = size_of(size)
    ids = [str(p) for p in plans["plan_id"]]
    table = coverage[coverage["plan_id"].isin(ids)]
    applicable = table.groupby("goal_id", sort=False)["status"].agg(
        lambda v: bool((v != "not_applicable").any())
    )
    goals = [g for g in dict.fromkeys(table["goal_id"]) if applicable.get(g, False)]
    cells = (
        table.pivot_table(index="goal_id", columns="plan_id", values="status", aggfunc="first")
        .reindex(index=goals, columns=ids)
        .fillna("not_applicable")
    )
    codes = cells.map(lambda v: STATUS_ORDER.index(v) if v in STATUS_ORDER else STATUS_ORDER.index("missing"))
    basis = table.groupby("plan_id")["basis"].first().reindex(ids).fillna("suggested")
    counts = {k: int((cells == k).to_numpy().sum()) for k in STATUS_ORDER}
    info = table.drop_duplicates("goal_id").set_index("goal_id")
    titles = []
    for g in goals:
        title = info.at[g, f"title_{lang}"] if f"title_{lang}" in info.columns else ""
        title = str(title).strip() or str(info.at[g, "title_vi"]).strip() or g
        titles.append(fit_text(nfc(title), _ENTRY_PT))
    named = len(ids) <= MAX_NAMED_COLUMNS
    basis_words = words("compare.basis", lang)
    column_labels = plan_labels(plans, lang, _COLUMN_PT)
    columns = (
        [f"{column_labels[p]}\n{basis_words[basis[p]]}" for p in ids]
        if named
        else [str(i + 1) for i in range(len(ids))]
    )
    notes = []
    if (basis == "suggested").any():
        threshold = Locale(lang).number(THRESHOLD, 2)
        notes.append(word("compare.note_coverage", lang, threshold=threshold))
    if not named:
        notes.append(word("compare.plans_numbered", lang))
    footer = _footer([" ".join(notes), word("compare.caveat", lang, caveat=caveat) if caveat else "", source])
    if s.name == "page":
        footer = []
    n_reviewed, n_outside = int((basis == "reviewed").sum()), int((basis == "not_implemented").sum())
    subtitle = word(
        "compare.sub_coverage",
        lang,
        n=len(goals),
        m=len(ids),
        reviewed=n_reviewed,
        suggested=len(ids) - n_reviewed - n_outside,
        outside=n_outside,
    )
    with mpl.rc_context(STYLE):
        head = 2.7 if named else 1.1
        fig = _figure(
            head + 0.21 * max(len(goals), 1) + 0.5 + FOOT_LINE * len(footer),
            footer,
            word("compare.title_coverage", lang),
            subtitle,
            size,
        )
        if not goals or not ids:
            return _no_data(fig, lang)
        ax = fig.add_subplot()
        cmap = ListedColormap([STATUS_COLORS[k] for k in STATUS_ORDER])
        norm = BoundaryNorm(np.arange(len(STATUS_ORDER) + 1) - 0.5, cmap.N)
        mesh = ax.pcolormesh(
            np.arange(len(ids) + 1),
            np.arange(len(goals) + 1),
            codes.to_numpy(dtype=float),
            cmap=cmap,
            norm=norm,
            edgecolors="white" if len(ids) <= 60 else "face",
            linewidth=1.0 if len(ids) <= 60 else 0.0,
        )
        mesh.set_gid("coverage-cells")
        ax.set_xlim(0, len(ids))
        ax.set_ylim(len(goals), 0)
        ax.set_yticks(np.arange(len(goals)) + 0.5, titles, fontsize=SMALL)
        ax.xaxis.tick_top()
        if named:
            ax.set_xticks(np.arange(len(ids)) + 0.5, columns, rotation=90, fontsize=SMALL, linespacing=1.1)
        else:
            step = max(1, math.ceil(len(ids) / 20))
            ax.set_xticks(np.arange(0, len(ids), step) + 0.5, columns[::step], fontsize=SMALL)
        ax.tick_params(axis="both", length=0, pad=2)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        shown = [k for k in STATUS_ORDER if counts[k] and k != "not_applicable"]
        status_words = words("compare.status", lang)
        handles = [
            Patch(
                facecolor=STATUS_COLORS[k],
                edgecolor=MISSING_EDGE if k == "missing" else "none",
                linewidth=0.6,
                label=status_words[k],
            )
            for k in shown
        ]
        ax.legend(
            handles=handles,
            loc="upper right",
            bbox_to_anchor=(1, -0.01),
            ncols=len(handles),
            handlelength=1.4,
            borderaxespad=0.2,
            frameon=False,
            fontsize=SMALL,
        )
    return finish(
        fig,
        word(
            "compare.alt_coverage",
            lang,
            n=len(goals),
            m=len(ids),
            covered=counts["covered"],
            partial=counts["partial"],
            suggested=counts["suggested"],
            missing=counts["missing"],
        ),
    )
