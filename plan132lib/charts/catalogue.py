"""Every chart of the pack, registered once: its name, how it is drawn, and which outputs show it.

A chart is one :class:`Chart` of :data:`CHARTS`. Its ``draw`` takes the plan, the coverage review
(or None), the language and the size (one of :data:`plan132lib.charts.frame.SIZES`) and returns the
figure, whose ``alt`` text the chart function sets. ``shown_in`` names the outputs that show it:

- ``pack``: the charts folder (PNG and SVG) and the report;
- ``brief``: the one-page brief (PDF and Word), in the order of :data:`CHARTS`;
- ``slides``: the slide deck, a slide each.

Adding a chart is one entry here (and its chart function); the build, the brief, the report and
the slides ask :func:`names` and :func:`draw` and list no chart of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ..analysis import agency_review, coverage, network, workload
from ..ingest.tables import Plan
from . import coverage as coverage_charts
from . import network as network_charts
from . import workload as workload_charts
from .frame import plan_source

__all__ = ["CHARTS", "OUTPUTS", "Chart", "by_section", "draw", "names"]

OUTPUTS = ("pack", "brief", "slides")
Draw = Callable[[Plan, "coverage.Review | None", str, str], Figure]


@dataclass(frozen=True)
class Chart:
    """One chart: how it is drawn, the outputs showing it, the section of the brief it illustrates (a
    report places it after that section), and whether it needs a coverage review."""

    name: str
    draw: Draw
    shown_in: frozenset[str]
    section: str  # the brief's section (plan132lib.render.briefing.Section.key) the chart illustrates
    needs_review: bool = False
    page_rank: int = 9  # which the one-page brief shows first when it has room for fewer (lowest first)


def _groups(plan: Plan) -> pd.DataFrame:
    return plan.tasks[["group_id", "group_title"]].drop_duplicates()


def _lead_bars(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return workload_charts.lead_coordinate_bars(
        workload.agency_workload(plan),
        lang,
        source=plan_source(plan, lang),
        size=size,
        note=agency_review.unknown_note(plan, lang),
    )


def _heatmap(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return workload_charts.group_heatmap(
        workload.group_matrix(plan), _groups(plan), lang, source=plan_source(plan, lang), size=size
    )


def _gantt(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return workload_charts.task_gantt(
        workload.task_timeline(plan, lang), lang, source=plan_source(plan, lang), size=size
    )


def _active(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return workload_charts.active_by_year(
        workload.active_by_year(plan), lang, source=plan_source(plan, lang), size=size
    )


def _two_mode(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return network_charts.two_mode_drawing(
        network.two_mode_graph(plan), lang, source=plan_source(plan, lang), size=size
    )


def _projection(option: str) -> Draw:
    def drawn(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
        return network_charts.projection_drawing(
            network.projection(plan, option), lang, source=plan_source(plan, lang), size=size
        )

    return drawn


def _coverage_notes(review: coverage.Review | None, lang: str) -> dict[str, str]:
    assert review is not None
    return {"source": coverage_charts.review_source(review, lang), "caveat": coverage.caveat(review, lang)}


def _coverage_groups(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return coverage_charts.coverage_by_group(
        coverage.coverage_by_group(review),
        lang=lang,
        size=size,  # type: ignore[arg-type]
        **_coverage_notes(review, lang),
    )


def _coverage_matrix(plan: Plan, review: coverage.Review | None, lang: str, size: str) -> Figure:
    return coverage_charts.coverage_matrix(
        coverage.matrix(review),
        coverage.coverage_table(review),  # type: ignore[arg-type]
        lang=lang,
        size=size,
        **_coverage_notes(review, lang),
    )


_ALL = frozenset({"pack"})
#: The charts, in the order every output shows them.
CHARTS: dict[str, Chart] = {c.name: c for c in (
    Chart("lead_coordinate_bars", _lead_bars, frozenset({"pack", "brief", "slides"}), "leads", page_rank=2),
    Chart("group_heatmap", _heatmap, frozenset({"pack", "slides"}), "leads"),
    Chart("task_gantt", _gantt, frozenset({"pack", "brief", "slides"}), "due", page_rank=3),
    Chart("active_by_year", _active, _ALL, "due"),
    Chart("network_two_mode", _two_mode, _ALL, "network"),
    Chart("network_agencies_keep", _projection("keep"), _ALL, "network"),
    # the network the hub of analysis.findings is found in: whole-group entries left out
    Chart("network_agencies_drop", _projection("drop"), frozenset({"pack", "slides"}), "network"),
    Chart("coverage_by_group", _coverage_groups, frozenset({"pack", "brief", "slides"}), "coverage",
          needs_review=True, page_rank=1),
    Chart("coverage_matrix", _coverage_matrix, _ALL, "coverage", needs_review=True),
)}


def by_section(with_coverage: bool = True) -> dict[str, tuple[str, ...]]:
    """The pack's charts by the brief's section they illustrate, in :data:`CHARTS`' order (the coverage
    charts only ``with_coverage``)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, chart in CHARTS.items():
        if with_coverage or not chart.needs_review:
            out[chart.section] = (*out.get(chart.section, ()), name)
    return out


def names(output: str = "pack", review: coverage.Review | None = None) -> tuple[str, ...]:
    """The charts ``output`` shows (one of :data:`OUTPUTS`), in order; the coverage charts only with a
    ``review``."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, not {output!r}")
    return tuple(
        n for n, c in CHARTS.items() if output in c.shown_in and (review is not None or not c.needs_review)
    )


def draw(
    plan: Plan,
    lang: str = "vi",
    review: coverage.Review | None = None,
    *,
    size: str = "print",
    only: Iterable[str] | None = None,
    output: str = "pack",
) -> dict[str, Figure]:
    """The charts ``output`` shows (or those of ``only``, in :data:`CHARTS`' order), drawn at ``size``."""
    shown = names(output, review)
    wanted = (
        shown if only is None else tuple(n for n in CHARTS if n in set(only) and n in names("pack", review))
    )
    return {name: CHARTS[name].draw(plan, review, lang, size) for name in wanted}
