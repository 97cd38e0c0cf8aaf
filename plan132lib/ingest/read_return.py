"""Read an agency's return: a tracking workbook (``plan132 track init``) filled in and sent back.

A return has two sheets, found by name in either language (``track.sheet.*`` of ``words.csv``):

- the tracking sheet ("Theo dõi"): a header row (within the first :data:`HEADER_ROWS` rows) naming
  the columns in either language (``track.col.*``), then one row per task. Columns are found by
  their header wherever they stand, so a column moved or added is read (an added column is listed
  in :attr:`Return.added`, never read); rows may be re-sorted, deleted or inserted. A sheet of that
  name that has lost its header, or a workbook with no such sheet, is not a return;
- the information sheet ("Thông tin"): a label in column A, its value in column B (``track.info.*``):
  the plan, the agency, the reporting period, the report date. The contact cell is never read.

The reader knows nothing of plans: it gives each cell as it is stored (a number, a date, a text in
NFC) with its place, ``[file]sheet!A7`` (the row's first cell, Excel's own way of naming a cell of
another workbook; :class:`~plan132lib.refs.Ref` writes it). :func:`read_percent` and
:func:`read_date` read the values people type in those cells ("80%", 0.8, "15/3/2027", an Excel date,
a date typed as its serial number) and say how each was read. Mapping the status words, matching the
plan and the agency and merging the returns is :mod:`plan132lib.analysis.progress`.

Refused, with the file named (:class:`ReturnError`): what is not an Excel workbook (the format told
from the content, :func:`.detect.sniff`), an unsafe or damaged archive (:func:`.detect.check_zip`), a
workbook that is not a return, and one larger than :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS`
columns.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataFileError, PlanParseError
from ..refs import Ref
from ..words import LANGS, Problem, word, words
from .detect import check_zip, sniff
from .names import fold_ascii, name_key

__all__ = [
    "COLUMNS",
    "INFO",
    "Return",
    "ReturnError",
    "ReturnRow",
    "excel_date",
    "read_date",
    "read_percent",
    "read_return",
]

#: The tracking sheet's columns, in the order ``plan132 track init`` writes them (``track.col.*``).
COLUMNS = (
    "task_id",
    "content",
    "role",
    "lead",
    "timeline",
    "status",
    "percent",
    "done_date",
    "result",
    "difficulties",
    "proposals",
)
#: The columns a return must keep: without them no row can be read.
REQUIRED = ("task_id", "status")
#: The information sheet's rows, in order (``track.info.*``); ``contact`` is written, never read.
INFO = ("plan", "agency", "period", "report_date", "contact")
#: The header is looked for in the first rows of the tracking sheet.
HEADER_ROWS = 10
#: Budgets, far above a return (a plan of 1,000 tasks): rows and columns of the tracking sheet read.
MAX_ROWS = 20_000
MAX_COLUMNS = 60
#: Days of Excel's 1900 date system: 1 is 1900-01-01, with its phantom 29 February 1900.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: A number typed in a date cell is read as Excel's day number when it falls in 1955–2150.
_SERIAL = (20_000, 91_000)


class ReturnError(DataFileError):
    """A return that cannot be read, or does not belong with the plan: names the file and the place."""


@dataclass(frozen=True)
class ReturnRow:
    """One row of the tracking sheet as stored: values by column name (``COLUMNS``), the cells'
    number formats, and the row's place."""

    row: int
    values: dict[str, Any]
    formats: dict[str, str]
    ref: Ref

    @property
    def source_ref(self) -> str:
        return self.ref.label


@dataclass
class Return:
    """A return as read: the information sheet's values and the tracking sheet's rows."""

    path: str
    sheet: str
    info: dict[str, Any]
    info_refs: dict[str, Ref]
    rows: list[ReturnRow]
    columns: dict[str, int]
    #: Headers of columns the tracking workbook did not have (added by the agency), with their place.
    added: list[tuple[str, Ref]] = field(default_factory=list)
    #: The columns of :data:`COLUMNS` the sheet does not have.
    missing: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def place(self, row: int, column: str | None = None) -> Ref:
        """The place of a cell of the tracking sheet: ``[file]sheet!C7`` (the row's first cell when
        ``column`` is None or missing)."""
        col = self.columns.get(column or "", 1)
        return cell_ref(self.file_name, self.sheet, row, col)


def cell_ref(file_name: str, sheet: str, row: int, column: int = 1) -> Ref:
    """A cell of a workbook other than the plan: ``[so-xd.xlsx]Theo dõi!A7``, as Excel names a cell of
    another workbook."""
    from openpyxl.utils import get_column_letter

    return Ref("cell", sheet=f"[{file_name}]{sheet}", cell=f"{get_column_letter(column)}{row}")


def _key(text: object) -> str:
    return name_key(unicodedata.normalize("NFC", str(text)).strip()) if text is not None else ""


def _names(found: Iterable[dict[str, str]]) -> dict[str, str]:
    """name key of each text of ``found`` (a :func:`~plan132lib.words.words` mapping per language) →
    the rest of its key."""
    return {_key(text): rest for texts in found for rest, text in texts.items()}


def _refuse(path: str | Path, key: str, place: Ref | None = None, **fields: object) -> ReturnError:
    return ReturnError(path, place.label if place is not None else None, Problem(key, **fields))


def read_return(path: str | Path) -> Return:
    """Read the return at ``path``; :class:`ReturnError` when it is no readable return."""
    try:
        kind = sniff(path)
    except PlanParseError as exc:
        raise ReturnError(exc.path, exc.line, exc.problem) from None
    if kind != "xlsx":
        raise _refuse(path, "return_not_xlsx", what=Problem(f"return_kind.{kind}"))
    try:
        check_zip(path, "xlsx")
    except PlanParseError as exc:
        raise ReturnError(exc.path, exc.line, exc.problem) from None
    import openpyxl

    try:
        with open(path, "rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(f, read_only=True, data_only=True)
            try:
                return _read(path, book)
            finally:
                book.close()
    except DataFileError:
        raise
    except OSError as exc:
        raise _refuse(path, "cannot_read", reason=exc) from None
    except Exception as exc:  # openpyxl raises many types on a damaged part
        raise _refuse(path, "xlsx_damaged", detail=f"{type(exc).__name__}: {exc}") from None


def _sheet(book: Any, key: str) -> Any:
    wanted = {_key(word(f"track.sheet.{key}", lang)) for lang in LANGS}
    return next((ws for ws in book.worksheets if _key(ws.title) in wanted), None)


def _read(path: str | Path, book: Any) -> Return:
    name = Path(path).name
    tasks = _sheet(book, "tasks")
    info_sheet = _sheet(book, "info")
    if tasks is None or info_sheet is None:
        sheets = "; ".join(ws.title for ws in book.worksheets)
        raise _refuse(path, "return_not_return", sheets=sheets or "–")
    headers = _names(words("track.col", lang) for lang in LANGS)
    rows = tasks.iter_rows(max_col=MAX_COLUMNS)
    columns: dict[str, int] = {}
    added: list[tuple[str, Ref]] = []
    header_row = 0
    for n, cells in enumerate(rows, start=1):
        found = {
            headers[_key(c.value)]: c.column
            for c in cells
            if c.value is not None and _key(c.value) in headers
        }
        if "task_id" in found:
            header_row, columns = n, found
            added = [
                (_text(c.value), cell_ref(name, tasks.title, n, c.column))
                for c in cells
                if c.value is not None and _text(c.value) and _key(c.value) not in headers
            ]
            break
        if n >= HEADER_ROWS:
            break
    lacking = [c for c in REQUIRED if c not in columns]
    if lacking:
        said = ", ".join(f"“{word(f'track.col.{c}', 'vi')}”" for c in lacking)
        raise _refuse(path, "return_no_columns", sheet=tasks.title, columns=said)
    found_rows: list[ReturnRow] = []
    by_column = {col: key for key, col in columns.items()}
    for n, cells in enumerate(rows, start=header_row + 1):
        values: dict[str, Any] = {}
        formats: dict[str, str] = {}
        for c in cells:
            key = by_column.get(getattr(c, "column", None))
            if key is None or c.value is None:
                continue
            value = _text(c.value) if isinstance(c.value, str) else c.value
            if value == "":
                continue
            values[key] = value
            formats[key] = c.number_format or "General"
        if values:
            if len(found_rows) >= MAX_ROWS:  # rows holding values; formatted empty rows cost nothing
                raise _refuse(path, "return_budget", rows=f"{MAX_ROWS:,}", sheet=tasks.title)
            found_rows.append(ReturnRow(n, values, formats, cell_ref(name, tasks.title, n)))
    labels = _names(words("track.info", lang) for lang in LANGS)
    info: dict[str, Any] = {}
    info_refs: dict[str, Ref] = {}
    for n, cells in enumerate(info_sheet.iter_rows(max_col=2, max_row=200), start=1):
        if len(cells) < 2:
            continue
        key = labels.get(_key(cells[0].value))
        if key is None or key == "contact" or key in info:  # the contact is personal data: never read
            continue
        value = cells[1].value
        info[key] = _text(value) if isinstance(value, str) else value
        info_refs[key] = cell_ref(name, info_sheet.title, n, 2)
    return Return(
        path=str(path),
        sheet=tasks.title,
        info=info,
        info_refs=info_refs,
        rows=found_rows,
        columns=columns,
        added=added,
        missing=[c for c in COLUMNS if c not in columns],
    )


def _text(value: object) -> str:
    """A text cell in NFC, its runs of white space (no-break spaces too) one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


# ---------------------------------------------------------------- values typed by people

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def read_percent(value: Any, number_format: str = "General") -> tuple[float | None, str]:
    """A completion rate in percent (0–100) from a cell, and how it was read:

    - ``""``: a number as the cell shows it (80, or 0.8 in a cell formatted as a percentage);
    - ``"percent_share"``: a share typed without a percentage format (0.8 → 80);
    - ``"percent_text"``: a text ("80%", "80 %", "80", "0,8" → 80);
    - ``"percent_unread"``: a text that holds no number; ``"percent_range"``: below 0 or above 100
      (the value is then None).

    >>> read_percent(0.8), read_percent("80%"), read_percent(80), read_percent(0.8, "0%")
    ((80.0, 'percent_share'), (80.0, 'percent_text'), (80.0, ''), (80.0, ''))
    """
    how = ""
    if isinstance(value, bool):
        return None, "percent_unread"
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip()
        m = _NUMBER.search(text)
        if m is None or _NUMBER.sub("", text).strip(" %") != "":
            return None, "percent_unread"
        number = float(m.group().replace(",", "."))
        how = "percent_text"
        if "%" not in text and 0 < number < 1:
            number *= 100
    elif isinstance(value, int | float):
        number = float(value)
        if "%" in number_format:
            number *= 100
        elif 0 < number < 1:
            number, how = number * 100, "percent_share"
    else:
        return None, "percent_unread"
    if not 0 <= number <= 100:
        return None, "percent_range"
    return round(number, 1), how


_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_YMD = re.compile(r"(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_MONTH = re.compile(r"(?:thang\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})")


def excel_date(serial: float) -> dt.date:
    """The day of Excel's 1900 date system numbered ``serial`` (46461 → 2027-03-15)."""
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def read_date(value: Any) -> tuple[dt.date | None, str]:
    """A date from a cell, and how it was read:

    - ``""``: an Excel date;
    - ``"date_text"``: a text, day first ("15/3/2027", "15-03-27", "15.3.2027", "ngày 15 tháng 3
      năm 2027") or ISO ("2027-03-15");
    - ``"date_month"``: a month alone ("3/2027", "tháng 3/2027"): its last day;
    - ``"date_number"``: Excel's day number typed in a cell not formatted as a date (46461);
    - ``"date_unread"``: anything else (the date is then None).

    >>> read_date("15/3/2027"), read_date(46461)
    ((datetime.date(2027, 3, 15), 'date_text'), (datetime.date(2027, 3, 15), 'date_number'))
    """
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, bool):
        return None, "date_unread"
    if isinstance(value, int | float):
        if _SERIAL[0] <= value <= _SERIAL[1]:
            return excel_date(value), "date_number"
        return None, "date_unread"
    if not isinstance(value, str):
        return None, "date_unread"
    text = fold_ascii(value).lower().strip()
    for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_WORDS, "dmy")):
        m = pattern.fullmatch(text) or (pattern.search(text) if pattern is _WORDS else None)
        if m:
            a, b, c = (int(x) for x in m.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            if year < 100:
                year += 2000
            try:
                return dt.date(year, month, day), "date_text"
            except ValueError:
                return None, "date_unread"
    m = _MONTH.fullmatch(text)
    if m:
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1), "date_month"
    return None, "date_unread"
