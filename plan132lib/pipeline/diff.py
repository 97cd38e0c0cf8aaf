"""``plan132 diff OLD NEW --out D``: what changed between two versions of a plan.

Writes ``D/changes.csv`` (one row per change, :data:`plan132lib.analysis.versions.CHANGE_COLUMNS`:
meta, objectives and targets, the body's points, groups, tasks, duties), ``D/editorial.csv`` (the
editorial edits, which are no change: an abbreviation spelled out, case, punctuation), the summary
in Vietnamese and English as HTML, Markdown and Word (``summary.html``, ``summary.md``,
``summary.docx``, ``summary_en.*``; the Word file in track-changes style) and, when tasks of the
appendix changed, the chart of task changes by group (``changes_by_group_<lang>.png|svg``);
:func:`written_message` names what was written, the chart only when there is one.
The two versions may be in different formats (an old PDF, a new Word draft). Both are read before
anything is written; ``D`` is then written whole, with its ``MANIFEST``, or left as it was
(:func:`plan132lib.pipeline.output.output_folder`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis import versions
from ..charts import save_figure
from ..charts.frame import plan_source
from ..charts.versions import changes_by_group
from ..fields import read_csv
from ..ingest.agencies import Registry
from ..ingest.tables import Plan, load_plan
from ..render import diff_report
from ..render.diff_docx import write_summary_docx
from ..render.export import write_csv, write_text
from ..words import word
from .output import output_folder, placed


def changes_table(old: Plan, new: Plan) -> pd.DataFrame:
    """``changes.csv`` as written: every change, similarity kept to its 3 decimals."""
    return versions.all_changes(old, new)


def write_diff(
    old_path: str | Path,
    new_path: str | Path,
    out: str | Path,
    langs: tuple[str, ...] = ("vi", "en"),
    registry: Registry | None = None,
) -> tuple[pd.DataFrame, list[Path]]:
    """Compare the two files and write the change table, the summaries and the chart into ``out``.
    ``registry``: the agency registry both are read with (with a reviewer's names; default: the
    bundled one)."""
    out = Path(out)
    old, new = load_plan(old_path, registry), load_plan(new_path, registry)
    comparison = versions.compare(old, new)
    frame = comparison.changes
    with output_folder(out, marks=("changes.csv",)) as work:
        written = _write_into(work, old, new, comparison, langs)
    return frame, placed(written, work, out)


def written_message(frame: pd.DataFrame, written: list[Path], out: str | Path, lang: str = "vi") -> str:
    """What :func:`write_diff` wrote, said when it is done: the change table, the editorial edits, the
    summaries, and the chart only when one was written."""
    names = {Path(p).name for p in written}
    files = ["changes.csv"]
    if "editorial.csv" in names:
        n = len(read_csv(next(p for p in written if Path(p).name == "editorial.csv"), "diff/editorial"))
        files.append(word("diff.written.editorial", lang, n=n))
    files.append(word("diff.written.summaries", lang))
    if any(n.startswith("changes_by_group_") for n in names):
        files.append(word("diff.written.chart", lang))
    return word("diff.written", lang, n=len(frame), out=out, files=", ".join(files))


def _write_into(
    out: Path, old: Plan, new: Plan, comparison: versions.Comparison, langs: tuple[str, ...]
) -> list[Path]:
    """The files of :func:`write_diff`, written into ``out``."""
    frame = comparison.changes
    written = [write_csv(frame, out / "changes.csv")]
    if len(comparison.editorial):
        written.append(write_csv(comparison.editorial, out / "editorial.csv"))
    counts = versions.by_group(versions.changes(old, new), old, new)
    for lang in langs:
        suffix = "" if lang == "vi" else f"_{lang}"
        chart = None
        if len(counts):
            figure = changes_by_group(counts, lang, source=plan_source(new, lang))
            written += save_figure(figure, out / f"changes_by_group_{lang}")
            chart = f"changes_by_group_{lang}.png"
        for kind, render in (("md", diff_report.markdown), ("html", diff_report.html)):
            written.append(
                write_text(render(old, new, frame, lang, chart, comparison), out / f"summary{suffix}.{kind}")
            )
        written.append(write_summary_docx(old, new, frame, out / f"summary{suffix}.docx", lang, comparison))
    return written
