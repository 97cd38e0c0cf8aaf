"""Interpret a :class:`~.document.Document` as a plan: its parts and its task table.

A plan has a preamble (issuer, number, place and date, title), Roman-numbered
sections (I. Mục đích, yêu cầu; II. Nội dung; III. Kinh phí; IV. Tổ chức thực
hiện), the recipients and signature, and an appendix table of tasks in groups.
:func:`interpret` places every block of the document in one of these parts, or
raises :class:`~plan132lib.errors.PlanParseError` naming the place: nothing is
skipped silently. It works on the reading model alone, so every format (text
export, Word, PDF, Excel) is read by the same rules: :mod:`.task_table` reads the
appendix table, :mod:`.body` the rest.
"""

from __future__ import annotations

from .body import APPENDIX, ATTACHED, SECTION, parse_appendix_intro, parse_body, province_of, unit_of
from .document import Document, Para, Table
from .structure import ParsedPlan, Unit, add_meta
from .task_table import find_task_table, read_task_table

__all__ = ["ParsedPlan", "interpret", "province_of", "unit_of"]


def interpret(doc: Document) -> ParsedPlan:
    """Interpret a whole document; see the module docstring."""
    plan = ParsedPlan(path=doc.path, document=doc)
    index, header = find_task_table(doc)
    table = doc.blocks[index]
    assert isinstance(table, Table)
    before = _flatten(doc.blocks[:index])
    after = _flatten(doc.blocks[index + 1 :])
    start = next((i for i, u in enumerate(before) if APPENDIX.match(u.text)), None)
    if start is None:
        start = next(
            (i for i, u in enumerate(before) if ATTACHED.match(u.text) and i >= len(before) - 3), len(before)
        )
    has_sections = any(SECTION.match(u.text) for u in before[:start])
    if not has_sections and doc.kind != "text":
        start = 0  # the appendix alone (an Excel task list, a PDF of the appendix)
    if start:
        parse_body(plan, before[:start])
    parse_appendix_intro(plan, before[start:])
    read_task_table(plan, table, header)
    for unit in after:
        add_meta(plan, "after_table_text", unit.text, unit)
    return plan


# ------------------------------------------------------------------ blocks → units


def _flatten(blocks: list[Para | Table]) -> list[Unit]:
    """Paragraphs as units; a table that is not the task table (a header or signature
    block) read cell by cell, one unit per paragraph of each cell."""
    units: list[Unit] = []
    for block in blocks:
        if isinstance(block, Para):
            units.append(Unit(block.text, block.ref, block.bold, block.level, block.lines, block.confidence))
            continue
        for row in block.rows:
            for cell in row.cells:
                if cell.merged or cell.empty:
                    continue
                for k, text in enumerate(t.strip() for t in cell.text.split("\n")):
                    if text:
                        units.append(
                            Unit(
                                text,
                                cell.ref,
                                cell.bold or (cell.bold_head and k == 0),
                                0,
                                (cell.ref.line,) if cell.ref.line else (),
                                cell.confidence,
                            )
                        )
    return units
