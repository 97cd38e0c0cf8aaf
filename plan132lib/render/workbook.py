"""A deterministic Excel writer: one styled sheet per DataFrame, byte-identical output.

Built on openpyxl cells directly (not ``DataFrame.to_excel``) so that text stays text:
every string is stored as a string cell, so ``=...``, ``+1`` and ``#N/A`` are never
read as formulas or error values. Numbers stay numbers, booleans stay booleans and a
missing value (None, NaN, ``pd.NA``, ``NaT``) is an empty cell. Text is written as given
(no Unicode normalisation); characters a worksheet cannot hold are removed and every
cell changed that way is listed in :attr:`WorkbookReport.sanitised`.

The same input gives the same bytes: the core properties carry ``created`` (never the
clock) and every zip entry is dated ``created``.

Each sheet gets a bold white header on a dark fill, panes frozen below the header (and
right of the index column when there is one), an autofilter over the table, text cells
wrapped and aligned to the top, and column widths from the longest line of header and
content (between :data:`MIN_WIDTH` and :data:`MAX_WIDTH`) unless given. Rows whose
wrapped text needs more than one line get an estimated height (:data:`LINE_HEIGHT` per
line), since Excel may not refit rows when it opens the file.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel's limit on characters in one cell
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
LINE_HEIGHT = 15.0  # points per line of the default 11 pt font
MAX_ROW_HEIGHT = 409.0  # Excel's limit
HEADER_FILL = "1F3864"
HEADER_FONT_COLOUR = "FFFFFF"

_INVALID_SHEET_CHARS = re.compile(r"[\\/*?:\[\]]")
# Code points XML 1.0 cannot carry at all; openpyxl does not check these.
_NON_XML_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_HEX_COLOUR = re.compile(r"(?:[0-9A-Fa-f]{2})?[0-9A-Fa-f]{6}")
_CORE_XML = "docProps/core.xml"


@dataclass
class Sheet:
    """One table to write: a DataFrame and how to present it."""

    name: str
    frame: pd.DataFrame
    headers: dict[str, str] | None = None
    widths: dict[str, float] | None = None
    wrap: bool = True
    value_fills: dict[str, str] | None = None
    index_label: str | None = None
    note: str | None = None
    #: Called with the written worksheet and its number of data rows, for what a sheet adds
    #: beyond a table (drop-down lists, cell formats): ``finish(ws, n_rows)``.
    finish: Callable[[Worksheet, int], None] | None = None

    def __post_init__(self) -> None:
        check_sheet_name(self.name)
        if not isinstance(self.frame, pd.DataFrame):
            raise TypeError(f"sheet {self.name!r}: frame must be a pandas DataFrame, "
                            f"not {type(self.frame).__name__}")
        if self.index_label is not None and isinstance(self.frame.index, pd.MultiIndex):
            raise ValueError(f"sheet {self.name!r}: a MultiIndex cannot be written as one "
                             "column; reset_index() first")
        columns = set(self.frame.columns)
        for option, mapping, extra in (("headers", self.headers, set()),
                                       ("widths", self.widths, {self.index_label}),
                                       ):
            unknown = [key for key in (mapping or {}) if key not in columns | extra]
            if unknown:
                raise ValueError(f"sheet {self.name!r}: {option} name columns not in the frame: "
                                 f"{unknown}")
        for key, width in (self.widths or {}).items():
            if not isinstance(width, int | float) or not 0 < width <= 255:
                raise ValueError(f"sheet {self.name!r}: width of {key!r} must be in (0, 255], "
                                 f"got {width!r}")
        for text, colour in (self.value_fills or {}).items():
            if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
                raise ValueError(f"sheet {self.name!r}: fill for {text!r} must be a hex colour "
                                 f"such as '1F4E79', got {colour!r}")


@dataclass
class WorkbookReport:
    """What :func:`write_workbook` did."""

    path: Path
    sheets: list[str]
    rows: dict[str, int]
    sanitised: list[tuple[str, str, str]] = field(default_factory=list)
    sha256: str = ""


def check_sheet_name(name: str) -> str:
    """Return ``name`` if Excel accepts it as a sheet title, else raise ValueError."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"sheet name must be a non-empty string, got {name!r}")
    if len(name) > MAX_SHEET_NAME:
        raise ValueError(f"sheet name {name!r} has {len(name)} characters; "
                         f"Excel allows at most {MAX_SHEET_NAME}")
    bad = sorted(set(_INVALID_SHEET_CHARS.findall(name)))
    if bad:
        raise ValueError(f"sheet name {name!r} contains characters Excel forbids: {bad}")
    if ILLEGAL_CHARACTERS_RE.search(name) or _NON_XML_RE.search(name):
        raise ValueError(f"sheet name {name!r} contains control characters")
    if name.startswith("'") or name.endswith("'"):
        raise ValueError(f"sheet name {name!r} may not begin or end with an apostrophe")
    if name.casefold() == "history":
        raise ValueError("'History' is a sheet name reserved by Excel")
    return name


def clean_text(text: str) -> tuple[str, str]:
    """Return ``text`` as a worksheet can hold it, and what was changed ("" if nothing).

    Removes control characters (``ILLEGAL_CHARACTERS_RE``) and code points XML cannot
    carry, turns CR LF and lone CR into LF (XML readers drop CR), and truncates to
    Excel's 32,767 characters.
    """
    changes = []
    removed = ILLEGAL_CHARACTERS_RE.findall(text) + _NON_XML_RE.findall(text)
    if removed:
        text = _NON_XML_RE.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))
        codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in removed}))
        changes.append(f"removed {len(removed)} illegal character(s): {codes}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("line breaks CR LF/CR written as LF")
    if len(text) > MAX_CELL_TEXT:
        changes.append(f"truncated from {len(text)} to {MAX_CELL_TEXT} characters")
        text = text[:MAX_CELL_TEXT]
    return text, "; ".join(changes)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return isinstance(value, np.datetime64 | np.timedelta64) and bool(np.isnat(value))


def _cell_value(value: Any) -> Any:
    """Convert one DataFrame value to what openpyxl should store (str, number, bool, date)."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        if math.isinf(value):
            raise ValueError(f"cannot write infinite value {value!r} to Excel")
        return float(value)
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, np.datetime64 | np.timedelta64):
        value = pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, pd.Timedelta):
        value = value.to_pytimedelta()
    if isinstance(value, datetime.datetime | datetime.time) and value.tzinfo is not None:
        raise ValueError(f"cannot write timezone-aware {value!r}; convert it to naive first")
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    raise TypeError(f"cannot write {type(value).__name__} value {value!r}; "
                    "convert the column to text or numbers first")


def _display_lines(value: Any) -> list[str]:
    """The lines a value shows as, for sizing columns and rows."""
    if value is None:
        return []
    if isinstance(value, bool):
        return ["FALSE" if not value else "TRUE"]
    if isinstance(value, int | float):
        return [repr(value)]
    if isinstance(value, datetime.datetime):
        return ["0000-00-00 00:00:00"]
    return str(value).split("\n")


def _line_count(lines: list[str], width: float) -> int:
    per_line = max(int(width) - 1, 1)
    return sum(max(math.ceil(len(line) / per_line), 1) for line in lines)


def _font_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    red, green, blue = (int(fill[-6:][i:i + 2], 16) for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "FFFFFF"


def _write_sheet(ws: Worksheet, sheet: Sheet, sanitised: list[tuple[str, str, str]]) -> int:
    """Fill one worksheet; returns the number of data rows written."""
    frame = sheet.frame
    headers = sheet.headers or {}
    has_index = sheet.index_label is not None
    keys: list[Any] = ([sheet.index_label] if has_index else []) + list(frame.columns)
    labels = [str(sheet.index_label)] if has_index else []
    for column in frame.columns:
        default = " / ".join(map(str, column)) if isinstance(column, tuple) else column
        labels.append(str(headers.get(column, default)))
    header_row = 2 if sheet.note is not None else 1
    first_data_col = 2 if has_index else 1

    def put(row: int, col: int, value: Any) -> tuple[Cell, Any]:
        """Write one converted value; returns the cell and the value it now holds."""
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            value, what = clean_text(value)
            if what:
                sanitised.append((ws.title, cell.coordinate, what))
            cell.value = value
            cell.data_type = "s"  # never a formula or an error value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            # openpyxl formats numbers with "%.16g", which rounds some floats (0.1 + 0.2),
            # writes 100.0 as the integer 100 and long integers in exponent form; write
            # Python's exact, round-tripping form as the number's text instead.
            cell.value = repr(value)
            cell.data_type = "n"
        else:
            cell.value = value
        return cell, value

    if sheet.note is not None:
        put(1, 1, str(sheet.note))[0].font = Font(italic=True)

    header_font = Font(bold=True, color=HEADER_FONT_COLOUR)
    header_fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
    header_align = Alignment(wrap_text=True, vertical="top")
    body_align = Alignment(vertical="top")
    text_align = Alignment(wrap_text=sheet.wrap, vertical="top")
    fills = {unicodedata.normalize("NFC", text): (PatternFill(fill_type="solid", fgColor=colour),
                                                  Font(color=_font_colour(colour)))
             for text, colour in (sheet.value_fills or {}).items()}

    header_lines: list[tuple[int, list[str]]] = []  # (column index, lines) of each header
    for col, label in enumerate(labels, start=1):
        cell, shown = put(header_row, col, label)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, header_align
        header_lines.append((col - 1, shown.split("\n")))

    longest = [0] * len(keys)
    cells_lines: list[list[tuple[int, list[str]]]] = []  # per row: (column index, lines) of text

    rows = zip(frame.index, frame.itertuples(index=False, name=None), strict=True)
    n_rows = 0
    for n_rows, (index_value, values) in enumerate(rows, start=1):
        row = header_row + n_rows
        row_values = ((index_value, *values) if has_index else values)
        text_lines = []
        for col, raw in enumerate(row_values, start=1):
            cell, value = put(row, col, _cell_value(raw))
            lines = _display_lines(value)
            longest[col - 1] = max([longest[col - 1], *map(len, lines)])
            if isinstance(value, str):
                cell.alignment = text_align
                text_lines.append((col - 1, lines))
                if col >= first_data_col and fills:
                    style = fills.get(unicodedata.normalize("NFC", value))
                    if style:
                        cell.fill, cell.font = style
            elif value is not None:
                cell.alignment = body_align
        cells_lines.append(text_lines)

    widths = []
    for col, key in enumerate(keys):
        given = (sheet.widths or {}).get(key)
        if given is None:
            header_len = max(map(len, header_lines[col][1]))
            given = min(max(max(header_len, longest[col]) + 2.0, MIN_WIDTH), MAX_WIDTH)
        widths.append(float(given))
        ws.column_dimensions[get_column_letter(col + 1)].width = widths[-1]

    wrapped_rows = [header_lines, *cells_lines] if sheet.wrap else [header_lines]
    for row, text_lines in enumerate(wrapped_rows, start=header_row):
        lines = max((_line_count(ls, widths[col]) for col, ls in text_lines), default=1)
        if lines > 1:
            ws.row_dimensions[row].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)

    if keys:
        last = f"{get_column_letter(len(keys))}{header_row + n_rows}"
        ws.auto_filter.ref = f"A{header_row}:{last}"
        ws.freeze_panes = f"{get_column_letter(first_data_col)}{header_row + 1}"
    return n_rows


def _fixed_zip(data: bytes, when: datetime.datetime, core_xml: bytes) -> bytes:
    """Rewrite an XLSX zip with every entry dated ``when`` and ``core_xml`` as core properties."""
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        if _CORE_XML not in names:
            raise RuntimeError(f"openpyxl wrote no {_CORE_XML}; cannot fix the core properties")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # fixed, so the bytes do not depend on the OS
            info.external_attr = 0o600 << 16
            target.writestr(info, core_xml if name == _CORE_XML else source.read(name))
    return out.getvalue()


def write_workbook(path: str | Path, sheets: list[Sheet], *, created: datetime.datetime,
                   title: str = "", creator: str = "plan132") -> WorkbookReport:
    """Write ``sheets`` to an XLSX file at ``path``, the same bytes for the same input.

    ``created`` (naive = UTC; 1980 or later) dates the file's properties and zip entries;
    use the plan's date, never the clock. The first sheet is the active one.
    """
    if not sheets:
        raise ValueError("write_workbook needs at least one sheet")
    if not isinstance(created, datetime.datetime):
        raise TypeError(f"created must be a datetime.datetime, got {type(created).__name__}")
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    created = created.replace(microsecond=0)
    if not 1980 <= created.year <= 2107:
        raise ValueError(f"created must lie in 1980–2107 (zip dates), got {created:%Y-%m-%d}")
    seen: dict[str, str] = {}
    for sheet in sheets:
        check_sheet_name(sheet.name)
        if sheet.name.casefold() in seen:
            raise ValueError(f"two sheets named {seen[sheet.name.casefold()]!r} and {sheet.name!r} "
                             "(Excel compares names without case)")
        seen[sheet.name.casefold()] = sheet.name

    wb = Workbook()
    wb.remove(wb.active)
    sanitised: list[tuple[str, str, str]] = []
    rows: dict[str, int] = {}
    for position, sheet in enumerate(sheets):
        ws = wb.create_sheet(title=sheet.name)
        ws.sheet_view.tabSelected = position == 0
        rows[sheet.name] = _write_sheet(ws, sheet, sanitised)
        if sheet.finish is not None:
            sheet.finish(ws, rows[sheet.name])
    wb.active = 0

    props = wb.properties
    props.title = title or None
    props.creator = creator
    props.lastModifiedBy = creator
    props.created = props.modified = created
    buffer = io.BytesIO()
    wb.save(buffer)
    props.modified = created  # openpyxl stamps the clock at save; the core part is rewritten
    data = _fixed_zip(buffer.getvalue(), created, tostring(props.to_tree()))

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return WorkbookReport(path=path, sheets=[sheet.name for sheet in sheets], rows=rows,
                          sanitised=sanitised, sha256=hashlib.sha256(data).hexdigest())
