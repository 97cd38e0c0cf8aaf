"""The agency names of a plan as a review sheet: CSV, or an Excel workbook.

:func:`write_names` writes the rows of :func:`plan132lib.analysis.agency_review.name_rows` to
``.csv`` (UTF-8 with a byte-order mark, LF, as every table) or ``.xlsx``, headed in the reader's
language (``agencies.col.*`` of ``words.csv``; :func:`~plan132lib.analysis.agency_review.load_reviewed`
reads either language back). The workbook has two sheets, written by the shared workbook writer
(:mod:`plan132lib.render.workbook`) and dated with the plan's date, so the same plan gives the same
bytes:

1. the names, one row each, the analyst's column (``body``) last, formatted as Text so an id
   stays as typed, over the rows and :data:`SPARE_ROWS` more;
2. what each column means, in Vietnamese and English (``agencies_column.*``), under how to
   review (``agencies.how``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis.agency_review import REVIEW_COLUMNS, guide, headers
from ..ingest.tables import Plan
from ..words import check_lang, word
from .crosswalk_sheet import draft_date
from .export import write_csv
from .workbook import Sheet, write_workbook

SPARE_ROWS = 50
WIDTHS = {
    "raw_name": 48,
    "n_tasks": 10,
    "n_lead": 10,
    "n_coordinate": 10,
    "n_duty_items": 10,
    "where": 16,
    "agency_id": 18,
    "agency_name": 36,
    "suggestion": 36,
    "body": 36,
}


def _text_body(ws: Worksheet, n_rows: int) -> None:
    """The analyst's column as Text over the rows and the spare ones."""
    letter = get_column_letter(REVIEW_COLUMNS.index("body") + 1)
    for row in range(2, n_rows + SPARE_ROWS + 2):
        ws[f"{letter}{row}"].number_format = "@"


def write_names_xlsx(frame: pd.DataFrame, path: str | Path, plan: Plan, lang: str = "vi") -> Path:
    """Write the names and the column guide to an XLSX file; the same bytes for the same plan."""
    check_lang(lang)
    rows = Sheet(
        name=word("agencies.sheet_rows", lang),
        frame=frame[list(REVIEW_COLUMNS)],
        headers=headers(lang),
        widths=WIDTHS,
        finish=_text_body,
        table=False,
    )
    help_frame = guide(lang)
    help_sheet = Sheet(
        name=word("agencies.sheet_help", lang),
        frame=help_frame,
        headers={c: word(f"draft.help_{c}", lang) for c in help_frame.columns},
        widths={"column": 24, "vi": 70, "en": 70},
        note=word("agencies.how", lang),
        table=False,
    )
    title = f"{word('agencies.sheet_rows', lang)} · {plan.citation(lang)}"
    return write_workbook(path, [rows, help_sheet], created=draft_date(plan), title=title).path


def write_names(frame: pd.DataFrame, path: str | Path, plan: Plan, lang: str = "vi") -> Path:
    """Write the names to ``path``: ``.xlsx`` (the review workbook) or ``.csv``; returns the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_names_xlsx(frame, path, plan, lang)
    if suffix == ".csv":
        return write_csv(frame[list(REVIEW_COLUMNS)].rename(columns=headers(lang)), path)
    raise ValueError(f"{path}: agency names are written as .xlsx or .csv, not {suffix or 'no suffix'!r}")
