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
right of the index column when there is one), an Excel table over the data (so sorting and
filtering work; an autofilter when the sheet has no rows or ``table=False``), text cells
wrapped and aligned to the top, and column widths from the longest line of header and
content (between :data:`MIN_WIDTH` and :data:`MAX_WIDTH`) unless given. Rows whose
wrapped text needs more than one line get an estimated height (:data:`LINE_HEIGHT` per
line), since Excel may not refit rows when it opens the file. A sheet may give number
formats by column (``formats``) and internal hyperlinks by column and row (``links``).

Every sheet is set up to print: A4 landscape, fitted to the page's width and as many
pages down as it takes, the header row repeated on each page, narrow margins, and the
page header and footer given to :func:`write_workbook` (sheet name, page numbers).
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
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel's limit on characters in one cell
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
HEADER_WIDTH = 12  # a header longer than this wraps onto more lines rather than widen its column
WIDE_CHARS = 1.1  # characters of text per unit of column width (a unit is one "0"; text is narrower)
LINE_HEIGHT = 15.0  # points per line of the default 11 pt font
MAX_ROW_HEIGHT = 409.0  # Excel's limit
HEADER_FILL = "1F3864"
HEADER_FONT_COLOUR = "FFFFFF"
LINK_COLOUR = "0563C1"
FONT = "Calibri"  # the body's font (openpyxl's default style); headers and notes too
TABLE_STYLE = "TableStyleLight9"

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
    #: Excel number format by column ("0.0%", "dd/mm/yyyy"), or one per data row (None: General).
    formats: dict[str, str | list[str | None]] | None = None
    #: Internal hyperlinks by column, one per data row: a place in the workbook such as
    #: ``"'Nhiệm vụ'!A5"`` (see :func:`place`), or None for no link.
    links: dict[str, list[str | None]] | None = None
    #: Make the data an Excel table (sorting and filtering, banded rows).
    table: bool = True
    #: Columns folded away (hidden in an outline group a reader opens with "+"): details that
    #: would make the printed page too wide to read.
    folded: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_sheet_name(self.name)
        if not isinstance(self.frame, pd.DataFrame):
            raise TypeError(
                f"sheet {self.name!r}: frame must be a pandas DataFrame, not {type(self.frame).__name__}"
            )
        if self.index_label is not None and isinstance(self.frame.index, pd.MultiIndex):
            raise ValueError(
                f"sheet {self.name!r}: a MultiIndex cannot be written as one column; reset_index() first"
            )
        columns = set(self.frame.columns)
        for option, mapping, extra in (
            ("headers", self.headers, set()),
            ("widths", self.widths, {self.index_label}),
            ("formats", self.formats, {self.index_label}),
            ("links", self.links, {self.index_label}),
            ("folded", dict.fromkeys(self.folded), set()),
        ):
            unknown = [key for key in (mapping or {}) if key not in columns | extra]
            if unknown:
                raise ValueError(f"sheet {self.name!r}: {option} name columns not in the frame: {unknown}")
        for key, width in (self.widths or {}).items():
            if not isinstance(width, int | float) or not 0 < width <= 255:
                raise ValueError(f"sheet {self.name!r}: width of {key!r} must be in (0, 255], got {width!r}")
        for key, per_row in [
            *(self.links or {}).items(),
            *((k, v) for k, v in (self.formats or {}).items() if not isinstance(v, str)),
        ]:
            if len(per_row) != len(self.frame):
                raise ValueError(
                    f"sheet {self.name!r}: {key!r} has {len(per_row)} links or formats "
                    f"for {len(self.frame)} rows"
                )
        for text, colour in (self.value_fills or {}).items():
            if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
                raise ValueError(
                    f"sheet {self.name!r}: fill for {text!r} must be a hex colour "
                    f"such as '1F4E79', got {colour!r}"
                )


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
        raise ValueError(
            f"sheet name {name!r} has {len(name)} characters; Excel allows at most {MAX_SHEET_NAME}"
        )
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


def escape_codes(text: str) -> str:
    """``text`` for a page header or footer, its ``&`` not read as a code ("NN&MT" → "NN&&MT")."""
    return text.replace("&", "&&")


def place(sheet: str, cell: str = "A1") -> str:
    """A place in the workbook for an internal hyperlink: ``'Sheet name'!A1``."""
    return "'" + sheet.replace("'", "''") + "'!" + cell


def table_name(sheet: str, taken: set[str]) -> str:
    """A valid, unique Excel table name made from a sheet name ("Nhiệm vụ" → "Nhiem_vu")."""
    plain = unicodedata.normalize("NFD", sheet.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    name = re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_") or "Table"
    if not re.match(r"[A-Za-z_]", name) or re.fullmatch(r"[A-Za-z]{1,3}\d+|[RrCc]", name):
        name = "T_" + name  # not a cell reference, not starting with a digit
    base, n = name, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name.casefold())
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
    raise TypeError(
        f"cannot write {type(value).__name__} value {value!r}; convert the column to text or numbers first"
    )


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


_DECIMALS = re.compile(r"0(?:\.(0+))?(%?)")


def _shown_number(value: float, fmt: str) -> str:
    """About how a number shows in a simple number format ("0", "0.0", "0.0%"), for sizing."""
    m = _DECIMALS.fullmatch(fmt)
    if not m:
        return repr(value)
    decimals = len(m.group(1) or "")
    return f"{value:.{decimals}%}" if m.group(2) else f"{value:.{decimals}f}"


def _line_count(lines: list[str], width: float) -> int:
    per_line = max(int(width * WIDE_CHARS), 1)
    return sum(max(math.ceil(len(line) / per_line), 1) for line in lines)


def _font_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    red, green, blue = (int(fill[-6:][i : i + 2], 16) for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "FFFFFF"


def _write_sheet(
    ws: Worksheet, sheet: Sheet, sanitised: list[tuple[str, str, str]], table_names: set[str] | None = None
) -> int:
    """Fill one worksheet; returns the number of data rows written.

    ``table_names``: the Excel table names already taken in the workbook (the new one is added).
    """
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
        put(1, 1, str(sheet.note))[0].font = Font(name=FONT, italic=True)

    header_font = Font(name=FONT, bold=True, color=HEADER_FONT_COLOUR)
    header_fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
    header_align = Alignment(wrap_text=True, vertical="top")
    body_align = Alignment(vertical="top")
    text_align = Alignment(wrap_text=sheet.wrap, vertical="top")
    fills = {
        unicodedata.normalize("NFC", text): (
            PatternFill(fill_type="solid", fgColor=colour),
            Font(name=FONT, color=_font_colour(colour)),
        )
        for text, colour in (sheet.value_fills or {}).items()
    }

    formats = [(sheet.formats or {}).get(key) for key in keys]
    links = [(sheet.links or {}).get(key) for key in keys]
    link_font = Font(name=FONT, color=LINK_COLOUR, underline="single")

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
        row_values = (index_value, *values) if has_index else values
        text_lines = []
        for col, raw in enumerate(row_values, start=1):
            cell, value = put(row, col, _cell_value(raw))
            fmt = formats[col - 1]
            fmt = fmt if fmt is None or isinstance(fmt, str) else fmt[n_rows - 1]
            if fmt is not None and value is not None and not isinstance(value, str):
                cell.number_format = fmt
            target = links[col - 1][n_rows - 1] if links[col - 1] is not None else None
            if target and value is not None:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target, display=str(value)[:255])
                cell.font = link_font
            lines = _display_lines(value)
            if fmt is not None and isinstance(value, int | float) and not isinstance(value, bool):
                lines = [_shown_number(value, fmt)]
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

    shown = {col for col, key in enumerate(keys) if key not in sheet.folded}
    widths = []
    for col, key in enumerate(keys):
        given = (sheet.widths or {}).get(key)
        if given is None:  # a header wraps: its longest word, or up to HEADER_WIDTH characters
            header_len = max(
                min(len(line), max(HEADER_WIDTH, *map(len, line.split()))) for line in header_lines[col][1]
            )
            given = min(max(max(header_len, longest[col]) + 2.0, MIN_WIDTH), MAX_WIDTH)
        widths.append(float(given))
        dimension = ws.column_dimensions[get_column_letter(col + 1)]
        dimension.width = widths[-1]
        if key in sheet.folded:
            dimension.hidden, dimension.outlineLevel = True, 1
    if sheet.folded:
        ws.sheet_format.outlineLevelCol = 1
    if sheet.note is not None and len(keys) > 1:  # the note spans the table, wrapped
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(keys))
        note = ws.cell(row=1, column=1)
        note.alignment = Alignment(wrap_text=True, vertical="top")
        span = sum(w for col, w in enumerate(widths) if col in shown)
        lines = _line_count(str(note.value).split("\n"), span)
        ws.row_dimensions[1].height = min(max(lines, 1) * LINE_HEIGHT, MAX_ROW_HEIGHT)

    wrapped_rows = [header_lines, *cells_lines] if sheet.wrap else [header_lines]
    for row, text_lines in enumerate(wrapped_rows, start=header_row):
        lines = max((_line_count(ls, widths[col]) for col, ls in text_lines if col in shown), default=1)
        if lines > 1:
            ws.row_dimensions[row].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)

    if keys:
        last = f"{get_column_letter(len(keys))}{header_row + n_rows}"
        ref = f"A{header_row}:{last}"
        unique_labels = len({label.casefold() for label in labels}) == len(labels) and all(labels)
        if sheet.table and n_rows and unique_labels:
            name = table_name(sheet.name, table_names if table_names is not None else set())
            table = Table(displayName=name, ref=ref)
            table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
            ws.add_table(table)
        else:
            ws.auto_filter.ref = ref
        ws.freeze_panes = f"{get_column_letter(first_data_col)}{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
    return n_rows


def _print_setup(ws: Worksheet, header: tuple[str, str, str], footer: tuple[str, str, str]) -> None:
    """A4 landscape, fitted to the page's width, with a page header and footer (left, centre, right)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    for texts, parts in ((header, ws.oddHeader), (footer, ws.oddFooter)):
        for text, part in zip(texts, (parts.left, parts.center, parts.right), strict=True):
            if text:
                part.text, part.size = text, 9


def _fixed_zip(data: bytes, when: datetime.datetime, core_xml: bytes) -> bytes:
    """Rewrite an XLSX zip with every entry dated ``when`` and ``core_xml`` as core properties."""
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
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


def write_workbook(
    path: str | Path,
    sheets: list[Sheet],
    *,
    created: datetime.datetime,
    title: str = "",
    creator: str = "plan132",
    page_header: tuple[str, str, str] = ("", "&A", ""),
    page_footer: tuple[str, str, str] = ("", "", "&P / &N"),
) -> WorkbookReport:
    """Write ``sheets`` to an XLSX file at ``path``, the same bytes for the same input.

    ``created`` (naive = UTC; 1980 or later) dates the file's properties and zip entries;
    use a fixed day (:func:`plan132lib.stamp.created`), never the clock. The first sheet is the
    active one. ``page_header`` and ``page_footer`` (left, centre, right) are printed on each
    page, in Excel's codes (``&A`` the sheet's name, ``&P`` the page, ``&N`` the number of
    pages; a literal ``&`` is ``&&``, see :func:`escape_codes`).
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
            raise ValueError(
                f"two sheets named {seen[sheet.name.casefold()]!r} and {sheet.name!r} "
                "(Excel compares names without case)"
            )
        seen[sheet.name.casefold()] = sheet.name

    wb = Workbook()
    wb.remove(wb.active)
    sanitised: list[tuple[str, str, str]] = []
    rows: dict[str, int] = {}
    table_names: set[str] = set()
    for position, sheet in enumerate(sheets):
        ws = wb.create_sheet(title=sheet.name)
        ws.sheet_view.tabSelected = position == 0
        rows[sheet.name] = _write_sheet(ws, sheet, sanitised, table_names)
        _print_setup(ws, page_header, page_footer)
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
    return WorkbookReport(
        path=path,
        sheets=[sheet.name for sheet in sheets],
        rows=rows,
        sanitised=sanitised,
        sha256=hashlib.sha256(data).hexdigest(),
    )
