"""The crosswalk draft as a review sheet: CSV, or an Excel workbook with drop-down lists.

:func:`write_draft` writes the rows of
:func:`plan132lib.analysis.crosswalk_draft.draft` to ``.csv`` (UTF-8, LF, as
every table) or ``.xlsx``. The workbook has two sheets:

1. the rows, headed by the column names the loader reads (``task_id`` …
   ``status``; not translated, since :func:`~plan132lib.analysis.catalogue.load_crosswalk`
   reads them by name), in the workbook writer's style (bold header, frozen,
   autofilter, widths, wrapped text); ``task_id`` and ``goal_id`` are text
   cells formatted as Text (``@``), so an id such as 5.10 never becomes the
   number 5.1, and drop-down lists (data validation) offer ``full`` /
   ``partial`` for ``strength`` and ``suggested`` / ``reviewed`` for
   ``status``, over the data rows and :data:`SPARE_ROWS` more for the links a
   reviewer adds;
2. what each column means, in Vietnamese and English (``draft_column.*`` in
   ``words.csv``), under how to review (``draft.how``).

Same input, same bytes: the workbook writer (:mod:`plan132lib.render.workbook`)
writes it, dated with the plan's date; the drop-down lists and Text formats are the
rows sheet's ``finish`` step.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis.catalogue import STRENGTHS
from ..analysis.crosswalk_draft import DRAFT_COLUMNS, DRAFT_STATUSES
from ..ingest.tables import Plan
from ..words import check_lang, word, words
from .export import write_csv
from .workbook import Sheet, write_workbook

SPARE_ROWS = 100  # rows below the suggestions that keep the drop-down lists and the Text format
ID_COLUMNS = ("task_id", "goal_id")
WIDTHS = {
    "task_id": 9,
    "goal_id": 16,
    "strength": 11,
    "task_words": 32,
    "goal_words": 32,
    "note": 30,
    "score": 8,
    "task_text": 60,
    "entry_text": 50,
    "status": 12,
}
CHOICES = {"strength": STRENGTHS, "status": DRAFT_STATUSES}


def draft_date(plan: Plan) -> datetime.datetime:
    """The date a draft workbook carries: the plan's (as its workbook), never the clock."""
    return datetime.datetime.fromisoformat(plan.meta_value("date") or "2000-01-01")


def help_table() -> pd.DataFrame:
    """One row per column of the draft: its name and what it means, in Vietnamese and English."""
    vi, en = words("draft_column", "vi"), words("draft_column", "en")
    return pd.DataFrame(
        {
            "column": list(DRAFT_COLUMNS),
            "vi": [vi[c] for c in DRAFT_COLUMNS],
            "en": [en[c] for c in DRAFT_COLUMNS],
        }
    )


def _validations(ws: Worksheet, n_rows: int, lang: str) -> None:
    """Drop-down lists for strength and status, Text format for the ids, over the rows and the spare ones."""
    last = 1 + n_rows + SPARE_ROWS
    for column in ID_COLUMNS:
        letter = get_column_letter(DRAFT_COLUMNS.index(column) + 1)
        for row in range(2, last + 1):
            ws[f"{letter}{row}"].number_format = "@"
    for column, choices in CHOICES.items():
        letter = get_column_letter(DRAFT_COLUMNS.index(column) + 1)
        check = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column,
            error=word("draft.invalid_choice", lang, choices=", ".join(choices)),
        )
        check.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(check)


def write_draft_xlsx(
    frame: pd.DataFrame, path: str | Path, created: datetime.datetime, lang: str = "vi"
) -> Path:
    """Write the draft's rows and the column guide to an XLSX file; the same bytes for the same input."""
    check_lang(lang)
    rows = Sheet(
        name=word("draft.sheet_rows", lang),
        frame=frame[list(DRAFT_COLUMNS)],
        widths=WIDTHS,
        finish=lambda ws, n: _validations(ws, n, lang),
        table=False,
    )  # rows are added below
    guide = help_table()
    help_sheet = Sheet(
        name=word("draft.sheet_help", lang),
        frame=guide,
        headers={c: word(f"draft.help_{c}", lang) for c in guide.columns},
        widths={"column": 14, "vi": 70, "en": 70},
        note=word("draft.how", lang),
        table=False,
    )
    title = word("draft.sheet_rows", lang)
    return write_workbook(path, [rows, help_sheet], created=created, title=title).path


def write_draft(frame: pd.DataFrame, path: str | Path, plan: Plan, lang: str = "vi") -> Path:
    """Write the draft to ``path``: ``.xlsx`` (the review workbook) or ``.csv``; returns the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_draft_xlsx(frame, path, draft_date(plan), lang)
    if suffix == ".csv":
        return write_csv(frame[list(DRAFT_COLUMNS)], path)
    raise ValueError(f"{path}: a crosswalk draft is written as .xlsx or .csv, not {suffix or 'no suffix'!r}")
