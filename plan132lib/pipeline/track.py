"""``plan132 track``: from plan to progress.

- :func:`write_tracking` (``track init --plan P --out DIR [--agency NAME …] [--all]``): one tracking
  workbook per agency (:mod:`plan132lib.render.tracking_sheet`), or one with every task.
- :func:`write_progress` (``track report FILES… --plan P --as-of YYYY-MM-DD --out D [--strict]``):
  reads the returns (:mod:`plan132lib.ingest.read_return`), merges them
  (:func:`plan132lib.analysis.progress.merge`) and writes ``progress.csv``,
  ``progress_by_agency.csv``, ``progress_history.csv``, ``conflicts.csv``, the three charts
  (:mod:`plan132lib.charts.progress`, PNG and SVG, in one language) and ``bao-cao-ket-qua.docx``
  (:mod:`plan132lib.render.progress_docx`).

Both write a folder whole, with its ``MANIFEST``, or leave it as it was
(:func:`plan132lib.pipeline.output.output_folder`). ``track init`` refuses a folder whose files
are no longer those it wrote (a return saved or filled in there would be lost when it is replaced).
Every file that cannot be read, every return of another plan and every unknown task id is named
(:class:`~plan132lib.analysis.progress.ProgressErrors`) before anything is written; with ``strict``
a warning stops it too (:class:`StrictStop`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..analysis.progress import (
    Progress,
    ProgressErrors,
    find_agencies,
    merge,
    tracked_agencies,
    tracking_rows,
)
from ..charts import save_figure
from ..charts.progress import CHARTS
from ..errors import DataFileError
from ..ingest.agencies import Registry
from ..ingest.read_return import Return, read_return
from ..ingest.tables import Plan, load_plan
from ..render.export import write_csv
from ..render.progress_docx import REPORT_FILE, write_progress_docx
from ..render.tracking_sheet import file_name, tracking_workbook
from ..words import Problem, word
from .output import MANIFEST, check_manifest, output_folder, placed

__all__ = ["StrictStop", "TrackError", "Tracking", "return_files", "write_progress", "write_tracking"]

#: Excel's lock file beside a workbook open in Excel ("~$so-xd.xlsx"): never a return.
LOCK_PREFIX = "~$"


class TrackError(Exception):
    """A ``track`` command that cannot be carried out as asked (an agency the plan does not name, a
    folder holding returns): ``problem`` says it in either language."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def say(self, lang: str = "vi") -> str:
        return self.problem.say(lang)


class StrictStop(Exception):
    """``--strict`` and the merge has warnings: nothing was written."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(f"{len(progress.warnings)} warnings")
        self.progress = progress


@dataclass
class Tracking:
    """What ``track init`` wrote: the workbooks (agency name or None for the whole plan → path)."""

    plan: Plan
    written: list[tuple[str | None, Path]]
    collectives: list[str]


def _check_init_out(out: Path) -> None:
    """Refuse a folder ``track init`` wrote whose files have changed since (returns saved or filled in)."""
    if (out / MANIFEST).is_file():
        changed = [p for p in check_manifest(out) if not p.startswith("missing")]
        if changed:
            raise TrackError(Problem("track_out_changed", out=str(out), files="; ".join(changed[:5])))


def write_tracking(
    plan_path: str | Path | None,
    out: str | Path,
    agencies: Sequence[str] = (),
    *,
    all_tasks: bool = False,
    period: str = "",
    lang: str = "vi",
    registry: Registry | None = None,
) -> Tracking:
    """Write the tracking workbooks of the plan at ``plan_path`` into ``out``: one per tracked agency
    (those ``agencies`` name, else every one the plan names on a task), and with ``all_tasks`` one
    with every task (alone unless ``agencies`` are named too)."""
    plan = load_plan(plan_path, registry)
    tracked = tracked_agencies(plan)
    if agencies:
        ids, unknown = find_agencies(plan, agencies)
        if unknown:
            known = "; ".join(tracked["agency_name"])
            raise TrackError(Problem("track_unknown_agency", names="; ".join(unknown), known=known))
    else:
        ids = [] if all_tasks else list(tracked["agency_id"])
    names = dict(zip(tracked["agency_id"], tracked["agency_name"], strict=True))
    out = Path(out)
    _check_init_out(out)
    written: list[tuple[str | None, Path]] = []
    taken: set[str] = set()
    with output_folder(out) as work:
        if all_tasks:
            path = work / file_name(word("track.all_file", lang), taken)
            written.append((None, tracking_workbook(plan, tracking_rows(plan), path, None, lang, period)))
        for agency_id in ids:
            path = work / file_name(names[agency_id], taken)
            rows = tracking_rows(plan, agency_id)
            written.append(
                (names[agency_id], tracking_workbook(plan, rows, path, names[agency_id], lang, period))
            )
    written = [(name, placed([p], work, out)[0]) for name, p in written]
    collectives = plan.agencies.loc[
        plan.agencies["is_collective"].astype(bool)
        & ((plan.agencies["n_lead"] + plan.agencies["n_coordinate"]) > 0),
        "name",
    ].tolist()
    return Tracking(plan, written, collectives)


def return_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[Path]]:
    """The returns ``paths`` name (a folder: its ``.xlsx`` files, sorted), each once; and Excel's lock
    files left out ("~$…")."""
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for given in map(Path, paths):
        found = (
            sorted(p for p in given.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))
            if given.is_dir()
            else [given]
        )
        for path in found:
            if path.name.startswith(LOCK_PREFIX):
                skipped.append(path)
                continue
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, skipped


def read_returns(files: Sequence[Path]) -> tuple[list[Return], list[DataFileError]]:
    """Every return read, and the problem of each file that could not be."""
    returns, errors = [], []
    for path in files:
        try:
            returns.append(read_return(path))
        except DataFileError as exc:
            errors.append(exc)
    return returns, errors


def write_progress(
    paths: Sequence[str | Path],
    plan_path: str | Path | None,
    as_of: dt.date,
    out: str | Path,
    *,
    strict: bool = False,
    lang: str = "vi",
    registry: Registry | None = None,
) -> tuple[Progress, list[Path], list[Path]]:
    """Merge the returns ``paths`` for the plan at ``plan_path`` as of ``as_of`` and write the progress
    files into ``out``; returns the merge, the paths written and Excel's lock files left out."""
    plan = load_plan(plan_path, registry)
    files, skipped = return_files(paths)
    if not files:  # a folder without a return: said, not merged into a report of nothing
        raise TrackError(Problem("track_no_returns", paths="; ".join(map(str, paths))))
    returns, errors = read_returns(files)
    try:
        progress = merge(plan, returns, as_of, lang)
    except ProgressErrors as exc:
        errors += exc.errors
    if errors:
        raise ProgressErrors(errors)
    if strict and len(progress.warnings):
        raise StrictStop(progress)
    with output_folder(Path(out), marks=("progress.csv",)) as work:
        written = [write_csv(frame, work / f"{name}.csv") for name, frame in progress.tables().items()]
        for name, draw in CHARTS.items():
            written += save_figure(draw(progress, plan, lang), work / f"{name}_{lang}")
        written.append(write_progress_docx(progress, plan, work / REPORT_FILE, lang))
    return progress, placed(written, work, Path(out)), skipped
