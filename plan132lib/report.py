"""``plan132 build``: every output of the plan in one folder.

``out/tables/*.csv`` (the contract's tables, the workload, network and
coverage tables, the validation findings), ``out/validation_report.txt``,
``out/charts/*.png|svg``, ``out/network/`` (GraphML, GEXF and CSV node and
edge lists) and ``out/plan132_workbook.xlsx``. Same input, byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import charts, coverage, coverage_charts, network, network_charts, workload
from .export import write_csv, write_tables, write_text, write_workbook_for
from .network_export import network_files, network_tables
from .tables import Plan, load_plan
from .validation import findings, report_text

SKIPPED = ("No coverage review: the bundled crosswalk (data/reference/crosswalk_plan132.csv) links the\n"
           "tasks of the bundled Kế hoạch 132 only. For another plan, write a crosswalk for it (same\n"
           "columns) and run: plan132 build --plan PLAN --crosswalk CROSSWALK\n")


def analysis_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The workload tables written by the build (collectives kept, as the plan writes them)."""
    tables = {
        "workload_agencies": workload.agency_workload(plan),
        "workload_groups": workload.group_matrix(plan),
        "workload_active_by_year": workload.active_by_year(plan),
        "workload_tasks_per_year": workload.tasks_per_year(plan),
        "workload_task_flags": workload.task_flags(plan),
        "workload_concentration": workload.concentration(plan),
        "workload_duties_vs_tasks": workload.duties_vs_tasks(plan),
    }
    for option in ("drop", "expand"):
        tables[f"workload_agencies_{option}"] = workload.agency_workload(plan, option)
    tables["raci_matrix"] = workload.raci_matrix(plan).reset_index()
    return tables


def write_charts(plan: Plan, folder: str | Path, lang: str = "vi",
                 review: coverage.Review | None = None) -> list[Path]:
    """The briefing charts as PNG and SVG, named ``<chart>_<lang>``; coverage charts with a review."""
    folder = Path(folder)
    groups = plan.tasks[["group_id", "group_title"]].drop_duplicates()
    figures = {
        "lead_coordinate_bars": charts.lead_coordinate_bars(workload.agency_workload(plan), lang=lang),
        "group_heatmap": charts.group_heatmap(workload.group_matrix(plan), groups, lang=lang),
        "task_gantt": charts.task_gantt(workload.task_timeline(plan, lang), lang=lang),
        "active_by_year": charts.active_by_year(workload.active_by_year(plan), lang=lang),
    }
    figures["network_two_mode"] = network_charts.two_mode_drawing(network.two_mode_graph(plan), lang=lang)
    for option in ("keep", "drop"):
        figures[f"network_agencies_{option}"] = network_charts.projection_drawing(
            network.projection(plan, option), lang=lang)
    if review is not None:
        figures["coverage_by_group"] = coverage_charts.coverage_by_group(coverage.coverage_by_group(review),
                                                                         lang=lang)
        figures["coverage_matrix"] = coverage_charts.coverage_matrix(
            coverage.matrix(review), coverage.coverage_table(review), lang=lang)
    written: list[Path] = []
    for name, figure in figures.items():
        written += charts.save_figure(figure, folder / f"{name}_{lang}")
    return written


def build(plan_path: str | Path | None, out: str | Path, langs: tuple[str, ...] = ("vi", "en"),
          crosswalk: str | Path | None = None) -> list[Path]:
    """Write every output into ``out``; returns the paths written.

    The coverage review (tables, workbook sheets) is written for the bundled
    plan, or for another plan when ``crosswalk`` names a crosswalk written for
    it; otherwise ``out/coverage_skipped.txt`` says why it is missing.
    """
    out = Path(out)
    plan = load_plan(plan_path)
    review = coverage.review_for(plan, crosswalk)
    found = findings(plan)
    written = write_tables(plan.tables(), out / "tables")
    written += write_tables(analysis_tables(plan), out / "tables")
    written += write_tables(network_tables(plan), out / "tables")
    if review is not None:
        written += write_tables(coverage.coverage_tables(review), out / "tables")
    else:
        written.append(write_text(SKIPPED, out / "coverage_skipped.txt"))
    written += network_files(plan, out / "network")
    written.append(write_csv(found, out / "tables" / "validation_findings.csv"))
    written.append(write_text(report_text(plan, found), out / "validation_report.txt"))
    for lang in langs:
        written += write_charts(plan, out / "charts", lang, review)
        suffix = "" if lang == "vi" else f"_{lang}"
        written.append(write_workbook_for(plan, out / f"plan132_workbook{suffix}.xlsx", lang, review).path)
    return written
