"""``plan132 build``: every output of the plan in one folder.

``out/tables/*.csv`` (the contract's tables, the workload, network and
coverage tables, the validation findings), ``out/validation_report.txt``,
``out/charts/*.png|svg``, ``out/network/`` (GraphML, GEXF and CSV node and
edge lists) and ``out/plan132_workbook.xlsx``, with ``out/MANIFEST`` (every file's SHA-256),
written last. Same input, byte-identical files. ``out`` is replaced whole once the build is
complete, or left as it was (:mod:`plan132lib.pipeline.output`).
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import charts
from ..analysis import agency_review, coverage, workload
from ..analysis.catalogue import CatalogueFiles, load_catalogues
from ..analysis.findings import Findings, findings_of
from ..analysis.progress import PackProgress, load_progress
from ..charts import catalogue as chart_catalogue
from ..errors import PlanParseError
from ..ingest.cache import load_plan_cached
from ..ingest.ocr import MODE_ENV, current_mode
from ..ingest.tables import READ_CACHE_ENV, Plan, bundled_plan_path, load_plan
from ..ingest.validation import findings, report_text
from ..render import briefing, slides
from ..render.agency_sheet import write_names
from ..render.brief_docx import write_brief_docx
from ..render.brief_pdf import ChartImage, chart_image, write_brief_pdf
from ..render.export import write_csv, write_tables, write_text, write_workbook_for
from ..render.graph_files import network_files, network_tables
from ..render.html_report import write_html_report
from ..render.notebook_html import write_notebook_html
from ..render.report_pdf import write_report_pdf
from ..words import Locale, Problem, word, words
from .notebooks import BRIEFING, Run, run_all
from .output import output_folder, placed

#: The most tasks a plan may have for ``plan132 build`` (real plans have 20-200; ``plan132 check``
#: reads any size): a 300-task pack takes about two minutes on two cores, and a larger one is refused,
#: with its size, before anything is written.
MAX_BUILD_TASKS = 1000

# Files only a build writes: a folder holding one is an earlier pack (from before the MANIFEST).
PACK_MARKS = ("validation_report.txt", "tables/tasks.csv")


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


def chart_figures(
    plan: Plan,
    lang: str = "vi",
    review: coverage.Review | None = None,
    *,
    size: str = "print",
    names: Iterable[str] | None = None,
    progress: PackProgress | None = None,
) -> dict[str, Figure]:
    """The charts by name (all the pack's, or those in ``names``), drawn at ``size`` (see
    :data:`plan132lib.charts.frame.SIZES`), each signed with the plan's own source line; the coverage
    charts only with a review, the charts of the agencies' returns only with their ``progress``. The
    charts and their order are :data:`plan132lib.charts.catalogue.CHARTS`."""
    merged = progress.merged if progress is not None else None
    return chart_catalogue.draw(plan, lang, review, size=size, only=names, progress=merged)


def write_charts(
    plan: Plan,
    folder: str | Path,
    lang: str = "vi",
    review: coverage.Review | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> list[Path]:
    """The charts as PNG and SVG, named ``<chart>_<lang>``; coverage charts with a review.
    ``figures``: the charts already drawn by :func:`chart_figures` (drawn here when not given)."""
    folder = Path(folder)
    figures = chart_figures(plan, lang, review) if figures is None else figures
    written: list[Path] = []
    for name, figure in figures.items():
        written += charts.save_figure(figure, folder / f"{name}_{lang}")
    return written


def write_briefs(
    plan: Plan,
    out: str | Path,
    lang: str = "vi",
    review: coverage.Review | None = None,
    figures: Mapping[str, Figure | ChartImage] | None = None,
    found: Findings | None = None,
    progress: PackProgress | None = None,
) -> list[Path]:
    """The brief as one A4 page (``brief.pdf``) and as Word (``brief.docx``), the full report as
    ``report.pdf`` and the key charts as ``slides.pptx``; ``_en`` before the suffix in English.
    ``figures``: the print-size charts already drawn (figures, or their PNGs as the charts step
    wrote them), for the report. ``found``: the plan's findings (computed when not given), which every
    one of these files phrases. ``progress``: the merged returns, a section of the brief and the report,
    their charts in the report (among ``figures``, or drawn here) and on the slides."""
    out = Path(out)
    suffix = "" if lang == "vi" else f"_{lang}"
    found = found if found is not None else findings_of(plan, review)
    the_brief = briefing.brief(plan, review, lang, found, progress.summary if progress is not None else None)
    page = chart_figures(plan, lang, review, size="page", names=the_brief.charts)
    written = [
        write_brief_pdf(the_brief, page, out / f"brief{suffix}.pdf"),
        write_brief_docx(the_brief, page, out / f"brief{suffix}.docx", plan.province),
    ]
    figures = chart_figures(plan, lang, review, progress=progress) if figures is None else figures
    written.append(write_report_pdf(plan, review, the_brief, figures, out / f"report{suffix}.pdf", found))
    slide_charts = chart_figures(plan, lang, review, size="slide", names=slides.KEY_CHARTS, progress=progress)
    written.append(
        slides.write_slides(
            out / f"slides{suffix}.pptx",
            plan,
            review,
            lang=lang,
            brief=the_brief,
            found=found,
            figures=slide_charts,
            progress=progress,
        )
    )
    return written


def _drawn(figures: Mapping[str, Figure], folder: Path, lang: str) -> dict[str, ChartImage]:
    """The charts as the charts step wrote them (PNG: its size from its pixels and dpi), with each
    figure's alt text."""
    drawn = {name: chart_image((folder / f"{name}_{lang}.png").read_bytes()) for name in figures}
    return {
        name: dataclasses.replace(image, alt=str(getattr(figures[name], "alt", "")))
        for name, image in drawn.items()
    }


class _Steps:
    """Numbered steps with their time, told to ``log``."""

    def __init__(self, total: int, log: Callable[[str], None], lang: str = "vi") -> None:
        self.total, self.log, self.n, self.lang = total, log, 0, lang
        self.start = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.n += 1
        began = time.perf_counter()
        self.log(f"[{self.n}/{self.total}] {word(f'log.step.{name}', self.lang)} …")
        yield
        seconds = self.seconds(time.perf_counter() - began)
        self.log("      " + word("log.step_done", self.lang, seconds=seconds))

    def seconds(self, elapsed: float) -> str:
        """A time in seconds as a reader of ``lang`` writes it: 1,5 (vi), 1.5 (en)."""
        return Locale(self.lang).number(elapsed, 1)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def build(
    plan_path: str | Path | None,
    out: str | Path,
    langs: tuple[str, ...] = ("vi", "en"),
    crosswalk: str | Path | None = None,
    notebooks: bool = True,
    log: Callable[[str], None] = lambda _: None,
    catalogue: CatalogueFiles = None,
    messages: str = "vi",
    agencies: str | Path | None = None,
    progress: str | Path | None = None,
) -> list[Path]:
    """Write every output into ``out``; returns the paths written.

    Tables, network files, charts and workbooks, then (with ``notebooks``)
    every notebook executed into ``out/notebooks/`` and the briefing as
    ``out/report.html`` (``report_en.html`` in English). The coverage review
    is written for the bundled plan, or for another plan when ``crosswalk``
    names a crosswalk written for it (CSV or XLSX; a reviewed draft of
    ``plan132 crosswalk`` will do); otherwise ``out/coverage_skipped.txt``
    says why it is missing and how to draft one. ``catalogue``: catalogue files added to the
    bundled ones (:func:`~plan132lib.analysis.catalogue.load_catalogues`), passed to the review and
    the notebooks. ``agencies``: the agency names reviewed by an analyst (``plan132 agencies``, filled
    in), applied to the plan and the notebooks. Every name of the plan, as written, with the body it
    matched, is written as ``agency_names.xlsx`` (``_en`` in English) for that review. ``progress``: a
    ``progress.csv`` of ``plan132 track report`` for this plan, shown as a section of the briefs and
    the reports (``report.pdf``, and ``report.html`` through the briefing notebook's ``PROGRESS``), its
    charts in the charts folder, the report and the slides, and a sheet of the workbooks. Each step is
    told to ``log`` with its time, in the language ``messages``.

    The outputs are written into a temporary folder beside ``out`` and put in its place, with their
    ``MANIFEST``, only once complete (:func:`plan132lib.pipeline.output.output_folder`): ``out`` is the
    whole new pack, or the previous one when the build fails, never a mix; a second build into the
    same ``out`` while this one runs is refused.
    """
    out = Path(out)
    steps = _Steps(8 if notebooks else 6, log, messages)
    with output_folder(out, marks=PACK_MARKS) as work, _kernel_reading(notebooks) as kernels:
        written = _build_into(
            work,
            out,
            steps,
            plan_path,
            langs,
            crosswalk,
            notebooks,
            log,
            catalogue,
            messages,
            agencies,
            progress,
            kernels,
        )
    written = placed(written, work, out)
    reports = [p for p in written if p.suffix == ".html"]
    log(
        word("log.finished", messages, seconds=steps.seconds(steps.elapsed()), out=out.resolve())
        + (" " + word("log.open", messages, file=reports[0].resolve()) if reports else "")
    )
    return written


@contextmanager
def _kernel_reading(notebooks: bool) -> Iterator[dict[str, str]]:
    """The environment the notebooks' kernels get, so that they read the plan as the build did and do
    not read it again (a scan is read by OCR once per build, not once per notebook): a read-cache
    folder for this build (removed after it) and the OCR mode. Empty without notebooks."""
    if not notebooks:
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="plan132-read-") as folder:
        yield {READ_CACHE_ENV: folder, MODE_ENV: current_mode()}


def _build_into(
    out: Path,
    final: Path,
    steps: _Steps,
    plan_path: str | Path | None,
    langs: tuple[str, ...],
    crosswalk: str | Path | None,
    notebooks: bool,
    log: Callable[[str], None],
    catalogue: CatalogueFiles,
    messages: str,
    agencies: str | Path | None,
    progress_file: str | Path | None = None,
    kernels: Mapping[str, str] | None = None,
) -> list[Path]:
    """The steps of :func:`build`, writing into ``out`` (the temporary folder that becomes ``final``);
    ``kernels``: the environment the notebooks' kernels get (:func:`_kernel_reading`)."""
    with steps.step("plan"):
        registry = agency_review.registry_for(agencies)
        if kernels:  # read into the kernels' read cache, so that they load the tables read here
            plan = load_plan_cached(plan_path or bundled_plan_path(), kernels[READ_CACHE_ENV], registry)
        else:
            plan = load_plan(plan_path, registry)
        if len(plan.tasks) > MAX_BUILD_TASKS:  # a pack of charts, briefs and notebooks no one could read
            raise PlanParseError(
                plan.path, None, Problem("build_budget", n=len(plan.tasks), limit=MAX_BUILD_TASKS)
            )
        review = coverage.review_for(plan, crosswalk, catalogue)
        progress = load_progress(progress_file, plan) if progress_file is not None else None
        log(
            "      "
            + word(
                "log.plan_read",
                messages,
                path=plan.path,
                tasks=len(plan.tasks),
                assignments=len(plan.assignments),
            )
            + ("" if review is not None else "; " + word("log.no_review", messages))
        )
        if progress is not None:
            summary = progress.summary
            log(
                "      "
                + word(
                    "log.progress_read",
                    messages,
                    file=progress_file,
                    n=summary.n_tasks,
                    date=Locale(messages).date(summary.as_of),
                )
            )
    with steps.step("tables"):
        found = findings(plan)
        written = write_tables(plan.tables(), out / "tables")
        written += write_tables(analysis_tables(plan), out / "tables")
        written += write_tables(network_tables(plan), out / "tables")
        if review is not None:
            written += write_tables(coverage.coverage_tables(review), out / "tables")
        else:
            file = plan_path if plan_path is not None else plan.path
            held = load_catalogues(catalogue)  # what the plan implements, against what is catalogued
            skipped = "\n\n".join(coverage.skipped(plan, held, lang, file) for lang in ("vi", "en")) + "\n"
            written.append(write_text(skipped, out / "coverage_skipped.txt"))
        written.append(write_csv(found, out / "tables" / "validation_findings.csv"))
        for lang in langs:  # every name as written, to review once (plan132 agencies gives the same)
            names = agency_review.name_rows(plan, lang)
            written.append(write_names(names, out / agency_review.names_file(lang), plan, lang))
        both = [report_text(plan, found, lang="vi"), report_text(plan, lang="en")]  # Vietnamese, then English
        written.append(write_text(("\n" + "=" * 100 + "\n\n").join(both), out / "validation_report.txt"))
    with steps.step("network"):
        written += network_files(plan, out / "network")
    with steps.step("charts"):
        figures = {lang: chart_figures(plan, lang, review, progress=progress) for lang in langs}
        for lang in langs:
            written += write_charts(plan, out / "charts", lang, review, figures[lang])
    with steps.step("briefs"):
        found_once = findings_of(plan, review, catalogue)  # what every brief, report and slide deck says
        for lang in langs:
            written += write_briefs(
                plan, out, lang, review, _drawn(figures[lang], out / "charts", lang), found_once, progress
            )
    with steps.step("workbooks"):
        for lang in langs:
            suffix = "" if lang == "vi" else f"_{lang}"
            book = write_workbook_for(
                plan, out / f"plan132_workbook{suffix}.xlsx", lang, review, found_once, progress
            )
            written.append(book.path)
    if notebooks:
        with steps.step("notebooks"):
            runs = run_all(
                out / "notebooks",
                plan_path,
                crosswalk,
                review is not None,
                langs,
                log,
                catalogue=catalogue,
                agencies=agencies,
                progress=progress_file,
                env=kernels,
            )
            written += [r.path for r in runs if r.path is not None]
        with steps.step("html"):
            pages = []
            for run in runs:
                if run.notebook == BRIEFING and run.path is not None:
                    written.append(_html(run, runs, out))
                    log(f"      {final / written[-1].relative_to(out)}")
                if run.path is not None:  # each executed notebook as a page, beside its .ipynb
                    lang = run.lang or "vi"
                    title = words("notebook_title", lang).get(Path(run.notebook).stem)
                    pages.append(write_notebook_html(run.path, title=title, lang=lang))
            written += pages
    return written


def _html(briefing: Run, runs: list[Run], out: Path) -> Path:
    """The briefing of one language as HTML, linking the page (``.html``, its HTML render beside it) of
    each notebook executed in that language (or only in one) and, secondarily, the notebook itself
    (``.ipynb``); links are relative, so the folder can be moved or zipped."""
    lang = briefing.lang or "vi"
    titles = words("notebook_title", lang)  # keyed by the notebook's name without .ipynb
    links = [
        (
            titles.get(Path(r.notebook).stem, r.notebook),
            f"notebooks/{r.path.with_suffix('.html').name}",
            f"notebooks/{r.path.name}",
        )
        for r in runs
        if r.path is not None and r.lang in ("", lang)
    ]  # the report's language, or the only one
    name = "report.html" if lang == "vi" else f"report_{lang}.html"
    return write_html_report(briefing.path, out / name, links=links, lang=lang)
