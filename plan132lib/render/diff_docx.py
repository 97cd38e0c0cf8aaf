"""What changed between two versions of a plan, as a Word file to comment on (``summary.docx``).

The same parts as the Markdown and HTML summaries (:func:`plan132lib.render.diff_report.parts`), in
track-changes style: deleted words struck through, new words underlined, the name of each change
in bold. Times New Roman 13 on A4, the margins of Nghị định 30/2020/NĐ-CP. The file is the same
bytes on every run of the same day (core properties and zip entries dated by
:func:`plan132lib.stamp.created`).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from ..analysis import versions
from ..ingest.tables import Plan
from ..stamp import created
from ..words import word
from .brief_docx import BODY_PT, MARGINS, _font, fixed_zip, set_properties
from .diff_report import Run, parts

__all__ = ["summary_docx", "write_summary_docx"]

STRUCK = RGBColor(0x8A, 0x2A, 0x00)
ADDED = RGBColor(0x00, 0x57, 0x3F)


def _runs(paragraph: object, runs: tuple[Run, ...] | list[Run]) -> None:
    """Runs as in a document with tracked changes: deleted words struck through, new ones underlined."""
    for kind, text in runs:
        if not text:
            continue
        run = paragraph.add_run(text)  # type: ignore[attr-defined]
        if kind == "strong":
            run.bold = True
        elif kind == "delete":
            run.font.strike = True
            run.font.color.rgb = STRUCK
        elif kind == "insert":
            run.underline = True
            run.font.color.rgb = ADDED


def summary_docx(
    old: Plan, new: Plan, frame: pd.DataFrame, lang: str = "vi", comparison: versions.Comparison | None = None
) -> bytes:
    """The summary of ``all_changes(old, new)`` (``frame``) as DOCX bytes."""
    doc = Document()
    _font(doc.styles["Normal"], BODY_PT)
    doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    for name in ("Heading 1", "Title"):
        _font(doc.styles[name], BODY_PT + 1, bold=True)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    title = doc.add_paragraph(word("diff.title", lang), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in parts(old, new, frame, lang, comparison):
        heading = doc.add_paragraph(part.heading, style="Heading 1")
        heading.paragraph_format.keep_with_next = True
        if part.text:
            doc.add_paragraph(part.text)
        if part.table:
            table = doc.add_table(rows=1, cols=2)
            table.style = doc.styles["Table Grid"]
            for cell, text in zip(
                table.rows[0].cells, (word("diff.col.change", lang), word("diff.col.n", lang)), strict=True
            ):
                _runs(cell.paragraphs[0], [("strong", text)])
            for name, n in part.table:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(name)
                cells[1].paragraphs[0].add_run(n)
                cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for item in part.items:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(5)
            paragraph.add_run("- ")
            _runs(paragraph, item)
    legend = doc.add_paragraph()
    legend.add_run(word("diff.legend_docx", lang)).italic = True
    set_properties(doc, word("diff.title", lang), f"{old.citation(lang)} → {new.citation(lang)}", lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), created())


def write_summary_docx(
    old: Plan,
    new: Plan,
    frame: pd.DataFrame,
    path: str | Path,
    lang: str = "vi",
    comparison: versions.Comparison | None = None,
) -> Path:
    """Write :func:`summary_docx` to ``path``."""
    path = Path(path)
    path.write_bytes(summary_docx(old, new, frame, lang, comparison))
    return path
