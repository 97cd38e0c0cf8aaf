"""The tracking workbook an agency fills in each period (``plan132 track init``) and sends back.

Two sheets, written by the shared workbook writer (:mod:`.workbook`) and dated with the plan's date,
so the same plan gives the same bytes:

1. "Theo dõi": the header in row 1, exactly the columns of
   :data:`plan132lib.ingest.read_return.COLUMNS` (``track.col.*`` of ``words.csv``), one row per task
   the agency leads or coordinates (:func:`plan132lib.analysis.progress.tracking_rows`), ids as text.
   The plan's columns (id, content, role, lead, deadline) are locked; the reporting columns are not.
   ``Tình trạng`` has a drop-down of the four statuses (a warning, not a refusal, for other words:
   the reader maps words typed by hand), ``Tỷ lệ hoàn thành (%)`` a check for 0–100 and
   ``Ngày hoàn thành`` the date format dd/mm/yyyy. The sheet is protected without a password (a
   guard against slips, not a lock): rows may be sorted, filtered, inserted and deleted.
2. "Thông tin": the plan (its citation: the reader checks a return against it), the agency, the
   reporting period (``Kỳ báo cáo``), the report date and the contact, then how to fill it in. The
   contact is personal data: the reader never reads it, so no output can publish it.

File names are the agency's name in ASCII (``so-nong-nghiep-va-moi-truong.xlsx``; ``--all``:
``tat-ca-nhiem-vu.xlsx``), a number added where two names would give one file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis.progress import REPORTED
from ..ingest.names import slug
from ..ingest.read_return import COLUMNS, INFO
from ..ingest.tables import Plan
from ..words import check_lang, value, word
from .crosswalk_sheet import draft_date
from .workbook import Sheet, write_workbook

__all__ = ["REPORTING", "SPARE_ROWS", "file_name", "tracking_workbook"]

#: The columns an agency fills in; the others are the plan's and locked.
REPORTING = ("status", "percent", "done_date", "result", "difficulties", "proposals")
#: Rows below the tasks that keep the drop-down, the checks and the formats (rows an agency inserts).
SPARE_ROWS = 20
WIDTHS = {
    "task_id": 9,
    "content": 50,
    "role": 10,
    "lead": 24,
    "timeline": 14,
    "status": 16,
    "percent": 11,
    "done_date": 12,
    "result": 32,
    "difficulties": 28,
    "proposals": 28,
}
#: The "Thông tin" rows an agency fills in (the agency too in the whole-plan workbook).
_FILLED = ("period", "report_date", "contact")
_MAX_NAME = 80


def file_name(name: str, taken: set[str]) -> str:
    """A safe, readable file name for ``name`` ("Sở Xây dựng" → ``so-xay-dung.xlsx``), unique among
    ``taken`` (compared without case; the new one is added)."""
    stem = slug(name)[:_MAX_NAME].rstrip("-") or "co-quan"
    candidate, n = stem, 1
    while f"{candidate}.xlsx".casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(f"{candidate}.xlsx".casefold())
    return f"{candidate}.xlsx"


def _unlocked(ws: Worksheet, cells: list[str]) -> None:
    for ref in cells:
        ws[ref].protection = Protection(locked=False)


def _protect(ws: Worksheet) -> None:
    """Protected without a password; formatting rows and columns, sorting, filtering, inserting rows
    and columns and deleting rows stay allowed (in openpyxl ``False`` allows)."""
    ws.protection = SheetProtection(
        sheet=True,
        formatColumns=False,
        formatRows=False,
        insertColumns=False,
        insertRows=False,
        deleteRows=False,
        sort=False,
        autoFilter=False,
    )


def _tasks_finish(ws: Worksheet, n_rows: int, lang: str) -> None:
    last = 1 + n_rows + SPARE_ROWS
    letter = {c: get_column_letter(COLUMNS.index(c) + 1) for c in COLUMNS}
    for row in range(2, last + 1):
        ws[f"{letter['task_id']}{row}"].number_format = "@"
        ws[f"{letter['percent']}{row}"].number_format = "0"
        ws[f"{letter['done_date']}{row}"].number_format = "dd/mm/yyyy"
        _unlocked(ws, [f"{letter[c]}{row}" for c in REPORTING])
    choices = [value("status", code, lang) for code in REPORTED]
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=word("track.col.status", lang),
        error=word("track.invalid_status", lang, choices=", ".join(choices)),
    )
    status.add(f"{letter['status']}2:{letter['status']}{last}")
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=word("track.col.percent", lang),
        error=word("track.invalid_percent", lang),
    )
    percent.add(f"{letter['percent']}2:{letter['percent']}{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(percent)
    _protect(ws)


def _info_finish(ws: Worksheet, whole_plan: bool) -> None:
    rows = {key: i + 2 for i, key in enumerate(INFO)}
    filled = (*_FILLED, "agency") if whole_plan else _FILLED
    _unlocked(ws, [f"B{rows[key]}" for key in filled])
    ws[f"B{rows['report_date']}"].number_format = "dd/mm/yyyy"
    ws[f"B{rows['period']}"].number_format = "@"
    _protect(ws)


def tracking_sheets(
    plan: Plan, rows: pd.DataFrame, agency: str | None, lang: str = "vi", period: str = ""
) -> list[Sheet]:
    """The two sheets of one tracking workbook: ``rows`` (:func:`~plan132lib.analysis.progress.tracking_rows`)
    for ``agency`` (its name; None: the whole-plan workbook), the reporting ``period`` filled in if given."""
    check_lang(lang)
    frame = pd.DataFrame({c: pd.Series([None] * len(rows), dtype="object") for c in COLUMNS})
    for column in ("task_id", "content", "lead", "timeline"):
        frame[column] = rows[column].astype(str).to_numpy()
    frame["role"] = [value("role", r, lang) if r else "" for r in rows["role"]]
    tasks = Sheet(
        name=word("track.sheet.tasks", lang),
        frame=frame,
        headers={c: word(f"track.col.{c}", lang) for c in COLUMNS},
        widths=WIDTHS,
        finish=lambda ws, n: _tasks_finish(ws, n, lang),
        table=False,
    )
    labels = [word(f"track.info.{key}", lang) for key in INFO]
    values_ = [plan.citation(lang), agency or word("track.all_agencies", lang), period or None, None, None]
    how = [word(f"track.how.{n}", lang) for n in range(1, 6)]
    info = pd.DataFrame(
        {
            "label": [*labels, None, word("track.how_title", lang), *[f"{n}." for n in range(1, 6)]],
            "value": [*values_, None, None, *how],
        }
    )
    info_sheet = Sheet(
        name=word("track.sheet.info", lang),
        frame=info,
        headers={"label": word("track.info_col.label", lang), "value": word("track.info_col.value", lang)},
        widths={"label": 30, "value": 90},
        finish=lambda ws, n: _info_finish(ws, agency is None),
        table=False,
    )
    return [tasks, info_sheet]


def tracking_workbook(
    plan: Plan, rows: pd.DataFrame, path: str | Path, agency: str | None, lang: str = "vi", period: str = ""
) -> Path:
    """Write one tracking workbook to ``path``; the same bytes for the same plan, agency and period."""
    title = word("track.title", lang, agency=agency or word("track.all_agencies", lang), plan=plan.name(lang))
    return write_workbook(
        path, tracking_sheets(plan, rows, agency, lang, period), created=draft_date(plan), title=title
    ).path
