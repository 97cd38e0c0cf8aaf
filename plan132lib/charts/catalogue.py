"""Every chart of the pack, registered once: its name, how it is drawn, and which outputs show it.

A chart is one :class:`Chart` of :data:`CHARTS`. Its ``draw`` takes the plan, the coverage review
(or None), the language and the size (one of :data:`plan132lib.charts.frame.SIZES`) and returns the
figure, whose ``alt`` text the chart function sets; a chart of the agencies' returns
(``needs_progress``, ``plan132 build --progress``) takes the merged returns
(:class:`~plan132lib.analysis.progress.Progress`) in the review's place, and is drawn only when they
are given. ``shown_in`` names the outputs that show it:

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
from ..analysis.progress import Progress
from ..ingest.tables import Plan
from . import coverage as coverage_charts
from . import network as network_charts
from . import progress as progress_charts
from . import workload as workload_charts
from .frame import plan_source

__all__ = ["CHARTS", "OUTPUTS", "Chart", "by_section", "draw", "names"]

OUTPUTS = ("pack", "brief", "slides")
Draw = Callable[[Plan, "coverage.Review | None", str, str], Figure]
DrawProgress = Callable[[Plan, Progress, str, str], Figure]  # a chart of the merged returns
TableOf = Callable[[Plan, "coverage.Review | None", str], pd.DataFrame]


@dataclass(frozen=True)
class Chart:
    """One chart: how it is drawn, the outputs showing it, the section of the brief it illustrates (a
    report places it after that section), and whether it needs a coverage review or the merged returns
    (its ``draw`` then takes them in the review's place)."""

    name: str
    draw: Draw | DrawProgress
    shown_in: frozenset[str]
    section: str  # the brief's section (plan132lib.render.briefing.Section.key) the chart illustrates
    needs_review: bool = False
    needs_progress: bool = False
    page_rank: int = 9  # which the one-page brief shows first when it has room for fewer (lowest first)
    #: the table behind the chart (plan, review, language → its rows, the published columns a report
    #: prints), and where the whole table is: ("sheet", key) a workbook sheet, ("file", path) a file
    table: TableOf | None = None
    table_home: tuple[str, str] = ("", "")


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


def _progress_chart(chart: Callable[..., Figure]) -> DrawProgress:
    def drawn(plan: Plan, progress: Progress, lang: str, size: str) -> Figure:
        return chart(progress, plan, lang, size)

    return drawn


def _who(lang: str) -> str:
    return "agency_name" if lang == "vi" else "name_en"


def _lead_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    return workload.agency_workload(plan)[[_who(lang), "n_lead", "n_lead_alone", "n_coordinate"]]


def _heatmap_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    return workload.group_matrix(plan)[[_who(lang), "group_id", "n_lead", "n_coordinate"]]


def _gantt_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    return workload.task_timeline(plan, lang)[["task_id", "timeline_raw", "start_year", "end_year"]]


def _active_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    return workload.active_by_year(plan)[
        [_who(lang), "period", "n_active_lead", "n_active_coordinate", "n_active"]
    ]


def _degree_table(option: str) -> TableOf:
    def table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
        measures = network.agency_measures(plan, option).sort_values(
            ["degree", "weighted_degree"], ascending=False, kind="stable"
        )
        return measures[[_who(lang), "n_tasks", "degree", "weighted_degree"]]

    return table


def _coverage_groups_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    return coverage.coverage_by_group(review)[
        [
            "resolution_group",
            "n_entries",
            "covered",
            "partial",  # type: ignore[arg-type]
            "missing",
            "share_covered_or_partial",
        ]
    ]


def _coverage_matrix_table(plan: Plan, review: coverage.Review | None, lang: str) -> pd.DataFrame:
    goals = set(coverage.matrix(review).index)  # type: ignore[arg-type]
    table = coverage.coverage_table(review).rename(columns={"status": "coverage_status"})  # type: ignore[arg-type]
    return table[table["goal_id"].isin(goals)][["goal_id", f"title_{lang}", "coverage_status", "task_ids"]]


_ALL = frozenset({"pack"})
#: The charts, in the order every output shows them.
CHARTS: dict[str, Chart] = {
    c.name: c
    for c in (
        Chart(
            "lead_coordinate_bars",
            _lead_bars,
            frozenset({"pack", "brief", "slides"}),
            "leads",
            page_rank=2,
            table=_lead_table,
            table_home=("sheet", "workload"),
        ),
        Chart(
            "group_heatmap",
            _heatmap,
            frozenset({"pack", "slides"}),
            "leads",
            table=_heatmap_table,
            table_home=("file", "tables/workload_groups.csv"),
        ),
        Chart(
            "task_gantt",
            _gantt,
            frozenset({"pack", "brief", "slides"}),
            "due",
            page_rank=3,
            table=_gantt_table,
            table_home=("sheet", "tasks"),
        ),
        Chart("active_by_year", _active, _ALL, "due", table=_active_table, table_home=("sheet", "timeline")),
        # the agencies' returns (plan132 build --progress): the whole tables are plan132 track report's
        Chart(
            "status_by_agency",
            _progress_chart(progress_charts.status_by_agency),
            frozenset({"pack", "slides"}),
            "progress",
            needs_progress=True,
        ),
        Chart(
            "overdue_by_group",
            _progress_chart(progress_charts.overdue_by_group),
            frozenset({"pack", "slides"}),
            "progress",
            needs_progress=True,
        ),
        Chart(
            "network_two_mode",
            _two_mode,
            _ALL,
            "network",
            table=_degree_table("keep"),
            table_home=("file", "tables/network_measures.csv"),
        ),
        Chart(
            "network_agencies_keep",
            _projection("keep"),
            _ALL,
            "network",
            table=_degree_table("keep"),
            table_home=("file", "tables/network_measures.csv"),
        ),
        # the network the hub of analysis.findings is found in: whole-group entries left out
        Chart(
            "network_agencies_drop",
            _projection("drop"),
            frozenset({"pack", "slides"}),
            "network",
            table=_degree_table("drop"),
            table_home=("sheet", "network"),
        ),
        Chart(
            "coverage_by_group",
            _coverage_groups,
            frozenset({"pack", "brief", "slides"}),
            "coverage",
            needs_review=True,
            page_rank=1,
            table=_coverage_groups_table,
            table_home=("sheet", "coverage_groups"),
        ),
        Chart(
            "coverage_matrix",
            _coverage_matrix,
            _ALL,
            "coverage",
            needs_review=True,
            table=_coverage_matrix_table,
            table_home=("sheet", "coverage"),
        ),
    )
}


def by_section(with_coverage: bool = True) -> dict[str, tuple[str, ...]]:
    """The pack's charts by the brief's section they illustrate, in :data:`CHARTS`' order (the coverage
    charts only ``with_coverage``)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, chart in CHARTS.items():
        if with_coverage or not chart.needs_review:
            out[chart.section] = (*out.get(chart.section, ()), name)
    return out


def names(
    output: str = "pack", review: coverage.Review | None = None, progress: Progress | None = None
) -> tuple[str, ...]:
    """The charts ``output`` shows (one of :data:`OUTPUTS`), in order; the coverage charts only with a
    ``review``, the charts of the agencies' returns only with their merge, ``progress``."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, not {output!r}")
    return tuple(
        n
        for n, c in CHARTS.items()
        if output in c.shown_in
        and (review is not None or not c.needs_review)
        and (progress is not None or not c.needs_progress)
    )


def draw(
    plan: Plan,
    lang: str = "vi",
    review: coverage.Review | None = None,
    *,
    size: str = "print",
    only: Iterable[str] | None = None,
    output: str = "pack",
    progress: Progress | None = None,
) -> dict[str, Figure]:
    """The charts ``output`` shows (or those of ``only``, in :data:`CHARTS`' order), drawn at ``size``;
    ``progress``: the merged returns, for their charts."""
    shown = names(output, review, progress)
    if only is not None:
        drawable = names("pack", review, progress)
        shown = tuple(n for n in CHARTS if n in set(only) and n in drawable)
    return {
        name: CHARTS[name].draw(plan, progress if CHARTS[name].needs_progress else review, lang, size)  # type: ignore[arg-type]
        for name in shown
    }
