"""``plan132 build``: every output of the plan in one folder.

``out/tables/*.csv`` (the contract's tables, the workload, network and
coverage tables, the validation findings), ``out/validation_report.txt``,
``out/charts/*.png|svg``, ``out/network/`` (GraphML, GEXF and CSV node and
edge lists) and ``out/plan132_workbook.xlsx``. Same input, byte-identical files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import charts
from ..analysis import coverage, network, workload
from ..charts import coverage as coverage_charts
from ..charts import network as network_charts
from ..ingest.tables import Plan, load_plan
from ..ingest.validation import findings, report_text
from ..render.export import write_csv, write_tables, write_text, write_workbook_for
from ..render.graph_files import network_files, network_tables
from ..render.html_report import write_html_report
from ..words import word, words
from .notebooks import BRIEFING, Run, run_all


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


def chart_figures(plan: Plan, lang: str = "vi", review: coverage.Review | None = None) -> dict[str, Figure]:
    """The briefing charts by name, each signed with the plan's own source line; coverage charts
    with a review."""
    groups = plan.tasks[["group_id", "group_title"]].drop_duplicates()
    source = charts.plan_source(plan, lang)
    figures = {
        "lead_coordinate_bars": charts.lead_coordinate_bars(workload.agency_workload(plan), lang=lang,
                                                            source=source),
        "group_heatmap": charts.group_heatmap(workload.group_matrix(plan), groups, lang=lang, source=source),
        "task_gantt": charts.task_gantt(workload.task_timeline(plan, lang), lang=lang, source=source),
        "active_by_year": charts.active_by_year(workload.active_by_year(plan), lang=lang, source=source),
    }
    figures["network_two_mode"] = network_charts.two_mode_drawing(network.two_mode_graph(plan), lang=lang,
                                                                  source=source)
    for option in ("keep", "drop"):
        figures[f"network_agencies_{option}"] = network_charts.projection_drawing(
            network.projection(plan, option), lang=lang, source=source)
    if review is not None:
        notes = {"source": coverage_charts.review_source(review, lang),
                 "caveat": coverage.caveat(review, lang)}
        figures["coverage_by_group"] = coverage_charts.coverage_by_group(coverage.coverage_by_group(review),
                                                                         lang=lang, **notes)
        figures["coverage_matrix"] = coverage_charts.coverage_matrix(
            coverage.matrix(review), coverage.coverage_table(review), lang=lang, **notes)
    return figures


def write_charts(plan: Plan, folder: str | Path, lang: str = "vi",
                 review: coverage.Review | None = None) -> list[Path]:
    """The briefing charts as PNG and SVG, named ``<chart>_<lang>``; coverage charts with a review."""
    folder = Path(folder)
    figures = chart_figures(plan, lang, review)
    written: list[Path] = []
    for name, figure in figures.items():
        written += charts.save_figure(figure, folder / f"{name}_{lang}")
    return written


class _Steps:
    """Numbered steps with their time, told to ``log``."""

    def __init__(self, total: int, log: Callable[[str], None]) -> None:
        self.total, self.log, self.n = total, log, 0
        self.start = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.n += 1
        began = time.perf_counter()
        self.log(f"[{self.n}/{self.total}] {name} …")
        yield
        self.log(f"      done in {time.perf_counter() - began:.1f} s")

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def build(plan_path: str | Path | None, out: str | Path, langs: tuple[str, ...] = ("vi", "en"),
          crosswalk: str | Path | None = None, notebooks: bool = True,
          log: Callable[[str], None] = lambda _: None, catalogue: str | Path | None = None) -> list[Path]:
    """Write every output into ``out``; returns the paths written.

    Tables, network files, charts and workbooks, then (with ``notebooks``)
    every notebook executed into ``out/notebooks/`` and the briefing as
    ``out/report.html`` (``report_en.html`` in English). The coverage review
    is written for the bundled plan, or for another plan when ``crosswalk``
    names a crosswalk written for it (CSV or XLSX; a reviewed draft of
    ``plan132 crosswalk`` will do); otherwise ``out/coverage_skipped.txt``
    says why it is missing and how to draft one. ``catalogue``: the resolution
    catalogue (default: the bundled one), passed to the review and the
    notebooks. Each step is told to ``log`` with its time.
    """
    out = Path(out)
    steps = _Steps(7 if notebooks else 5, log)
    with steps.step("reading the plan"):
        plan = load_plan(plan_path)
        review = coverage.review_for(plan, crosswalk, catalogue)
        log(f"      {plan.path}: {len(plan.tasks)} tasks, {len(plan.assignments)} assignments"
            + ("" if review is not None else "; no crosswalk, so no coverage review"))
    with steps.step("tables (CSV) and the validation report"):
        found = findings(plan)
        written = write_tables(plan.tables(), out / "tables")
        written += write_tables(analysis_tables(plan), out / "tables")
        written += write_tables(network_tables(plan), out / "tables")
        if review is not None:
            written += write_tables(coverage.coverage_tables(review), out / "tables")
        else:
            file = plan_path if plan_path is not None else plan.path
            skipped = "\n\n".join(word("build.coverage_skipped", lang, plan=plan.citation(lang), file=file)
                                   for lang in ("vi", "en")) + "\n"
            written.append(write_text(skipped, out / "coverage_skipped.txt"))
        written.append(write_csv(found, out / "tables" / "validation_findings.csv"))
        written.append(write_text(report_text(plan, found), out / "validation_report.txt"))
    with steps.step("network files (GraphML, GEXF, CSV)"):
        written += network_files(plan, out / "network")
    with steps.step("charts (PNG, SVG)"):
        for lang in langs:
            written += write_charts(plan, out / "charts", lang, review)
    with steps.step("workbooks (XLSX)"):
        for lang in langs:
            suffix = "" if lang == "vi" else f"_{lang}"
            book = write_workbook_for(plan, out / f"plan132_workbook{suffix}.xlsx", lang, review)
            written.append(book.path)
    if notebooks:
        with steps.step("notebooks (executed)"):
            runs = run_all(out / "notebooks", plan_path, crosswalk, review is not None, langs, log,
                           catalogue=catalogue)
            written += [r.path for r in runs if r.path is not None]
        with steps.step("HTML report"):
            for run in runs:
                if run.notebook == BRIEFING and run.path is not None:
                    written.append(_html(run, runs, out))
                    log(f"      {written[-1]}")
    reports = [p for p in written if p.suffix == ".html"]
    log(f"Done in {steps.elapsed():.1f} s. Outputs in {out.resolve()}/"
        + (f" — open {reports[0].resolve()}" if reports else ""))
    return written


def _html(briefing: Run, runs: list[Run], out: Path) -> Path:
    """The briefing of one language as HTML, linking the executed notebooks."""
    lang = briefing.lang or "vi"
    titles = words("notebook_title", lang)  # keyed by the notebook's name without .ipynb
    links = [(titles.get(Path(r.notebook).stem, r.notebook), f"notebooks/{r.path.name}") for r in runs
             if r.path is not None and (r.notebook != BRIEFING or r is briefing)]
    name = "report.html" if lang == "vi" else f"report_{lang}.html"
    return write_html_report(briefing.path, out / name, links=links, lang=lang)
