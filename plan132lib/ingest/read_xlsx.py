"""Read an Excel (.xlsx) task list into a :class:`~.document.Document`.

An office's task list is usually the appendix alone: the document is marked
``appendix_only``. Every visible sheet is read, in order; a sheet whose table
starts with the same row as an earlier sheet's (a long list split over sheets,
its header repeated) carries that table on. On each sheet the
rows before the table (title rows such as "PHỤ LỤC", the title, "(Kèm theo Kế
hoạch số …)") become paragraphs, one per non-empty cell; the table starts at
the first row with at least three non-empty cells and runs to the last
non-empty row and column, except rows under it after an empty row that have
fewer than three non-empty cells each or, under a ruled table, no borders (a
note, signature lines): they become paragraphs after the table. Leading and
trailing empty columns and fully empty rows are left out; hidden rows and
columns are read. A cell holding only spaces (no-break spaces too) is empty.

Places are Excel addresses as a person types them into the Name Box, after the
sheet name: "Phụ lục!A2" (a paragraph or a cell), "Phụ lục!A7" (a row: its first
cell in the table), "Phụ lục!A5:I40" (the table).

Values are shown as Excel shows them, with two choices made for the reader:
numbers carry no thousands separator and "." as the decimal point; a date in
Excel's default short-date format (format 14, locale-dependent) is shown day
first, "30/8/2026", as a Vietnamese office sees it. A date whose format shows
only month and year is shown with that format ("Tháng 12/2026", "12/2026"). A
formula shows the value Excel saved with it, unless its value can be known from
the formula itself: a text or a number ('="Sở Y tế"', '="Sở "&"Y tế"', "=5"), or a
cell of its sheet or its own row, plus or minus a whole number (a running number
"=A5+1", "=ROW()-4", a copy of the cell above "=C6"). Such a formula shows the value
it gives; when the saved value differs (stale, or written by another program) a
:class:`~.document.Note` names the cell and both values. A formula saved without a
value (a file written by a program that does not compute) that cannot be computed
so is empty. A formula that refers to another workbook ("[1]Sheet1!A1") keeps its
saved value, which cannot be checked, and a note names the cell; so does a workbook
with links to other files that no cell shows. The other formulas (SUM …) keep
their saved values: one note per file counts them. A workbook without formulas is
read once; one with formulas is read a second time for the formulas' texts. A hierarchy
code typed as a number keeps only what its number format shows: 13.10 typed into
a "General" cell is the number 13.1, so a column showing "13.1" right after
"13.9" raises a :class:`PlanParseError` naming both cells, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import PlanParseError
from ..words import Problem
from .detect import check_zip, sniff
from .document import Cell, Document, Note, Para, Ref, Row, Table
from .source import check_characters, clean_text

#: A row with at least this many non-empty cells starts the table.
TABLE_MIN_CELLS = 3
#: Budgets, far above a real plan (9,000 tasks of 20 columns): the cells of one sheet's table
#: (its rows that hold text times its columns), and the cells all merged ranges of the workbook
#: cover (openpyxl makes one object for each). Past either the file is refused, never walked.
MAX_TABLE_CELLS = 250_000
MAX_MERGED_CELLS = 200_000
#: Notes naming one formula cell each, at most, per kind and file; the rest are counted in one note.
MAX_CELL_NOTES = 50

_WHAT = {"text": "a text file", "pdf": "a PDF file", "docx": "a Word document"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def read_xlsx(path: str | Path) -> Document:
    """Read every visible sheet of a workbook into title paragraphs and one table per sheet.

    Raises :class:`PlanParseError` for a file that is not an Excel workbook (see
    :func:`.detect.sniff`), an unsafe or damaged archive, or a workbook openpyxl
    cannot read.
    """
    kind = sniff(path)
    if kind != "xlsx":
        raise PlanParseError(path, None, f"not an Excel workbook: it is {_WHAT[kind]}; read it as such")
    check_zip(path, "xlsx")
    _check_merged(path)
    wb = _load(path)
    formulas, links = _formulas(path, wb)
    tally = _Tally(Path(path).name)
    blocks: list[Para | Table] = []
    later: list[Para] = []
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            sheet = _sheet_blocks(ws, path, formulas.get(ws.title, {}), tally)
            if not _continues(blocks, sheet, later):
                blocks.extend(sheet)
    return Document(
        path=str(path), kind="xlsx", blocks=blocks + later, appendix_only=True, notes=tally.notes(links)
    )


def _continues(blocks: list[Para | Table], sheet: list[Para | Table], later: list[Para]) -> bool:
    """A sheet whose table starts with the same row as an earlier sheet's table carries that
    table on (a long list split over sheets, its header repeated): its rows are joined to it,
    after a break, and its title rows come after the tables."""
    tables = [b for b in sheet if isinstance(b, Table)]
    earlier = [b for b in blocks if isinstance(b, Table)]
    if len(tables) != 1 or not earlier or not tables[0].rows:
        return False
    first = tables[0].rows[0].texts()
    for i, block in enumerate(blocks):
        if isinstance(block, Table) and block.rows and block.rows[0].texts() == first:
            rows = list(tables[0].rows)
            rows[0] = Row(rows[0].cells, rows[0].ref, page_break_before=True)
            blocks[i] = Table(block.rows + tuple(rows), block.ref)
            later.extend(b for b in sheet if isinstance(b, Para))
            return True
    return False


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*"([^"]*)"')
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$", re.I)


def _sheet_names(z: Any) -> dict[str, str]:
    """The sheets' part names ("xl/worksheets/sheet1.xml") to their titles, from the workbook."""
    import html
    import posixpath

    try:
        book, rels = z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATION.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        targets[attrs.get(b"Id", b"")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
    names = {}
    for tag in _SHEET.findall(book):
        attrs = _ATTR.findall(tag)
        name = next((v for k, v in attrs if k == b"name"), b"")
        rid = next((v for k, v in attrs if k.endswith(b":id")), b"")
        if rid in targets:
            names[targets[rid]] = html.unescape(name.decode("utf-8", "replace"))
    return names


def _range_cells(ref: str) -> int:
    """The number of cells a range such as "H1:XFD1048576" covers (0 for a malformed one)."""
    from openpyxl.utils import column_index_from_string

    match = _RANGE.match(ref.strip())
    if match is None:
        return 0
    c1, r1 = column_index_from_string(match[1].upper()), int(match[2])
    c2, r2 = (column_index_from_string(match[3].upper()), int(match[4])) if match[3] else (c1, r1)
    return (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)


def _check_merged(path: str | Path) -> None:
    """Refuse a workbook whose merged ranges cover more than :data:`MAX_MERGED_CELLS` cells, before
    openpyxl makes an object for each: the message names the sheet and its largest range."""
    import zipfile

    total = 0
    with zipfile.ZipFile(path) as z:
        names = _sheet_names(z)
        for part in z.namelist():
            if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
                continue
            data = z.read(part)
            if b"mergeCell" not in data:
                continue
            largest, largest_ref = 0, ""
            for raw in _MERGE.findall(data):
                ref = raw.decode("utf-8", "replace")
                cells = _range_cells(ref)
                total += cells
                if cells > largest:
                    largest, largest_ref = cells, ref
            if total > MAX_MERGED_CELLS:
                sheet = names.get(part, part)
                raise PlanParseError(
                    path,
                    f"{sheet}!{largest_ref}",
                    Problem(
                        "xlsx_merged_budget",
                        cells=f"{total:,}",
                        limit=f"{MAX_MERGED_CELLS:,}",
                        range=largest_ref,
                        largest=f"{largest:,}",
                    ),
                )


def _load(path: str | Path) -> Any:
    import openpyxl

    try:
        with open(path, "rb") as f, warnings.catch_warnings():
            # A file object: openpyxl then does not judge the file by its extension.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(f, data_only=True)
    except OSError as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    except Exception as exc:  # openpyxl raises many types (KeyError, ParseError, TypeError, …)
        raise PlanParseError(
            path, None, Problem("xlsx_damaged", detail=f"{type(exc).__name__}: {exc}")
        ) from None


#: A formula in a sheet's XML (an element ``<f>``, ``<f …>`` or ``<f/>``).
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_TARGET = re.compile(rb'\bTarget\s*=\s*"([^"]*)"')


def _formulas(path: str | Path, wb: Any) -> tuple[dict[str, dict[tuple[int, int], str]], list[str]]:
    """The formulas of the visible sheets, by sheet title and cell: their texts (without "="); and
    the files the workbook links to (its ``xl/externalLinks`` parts' targets). Cheap when there is no
    formula: the sheets' XML is searched first, and the workbook read again, with its formulas
    instead of their saved values, only when one is found."""
    import posixpath
    import urllib.parse
    import zipfile

    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        links = []
        for n in names:
            if n.startswith("xl/externalLinks/_rels/") and n.endswith(".rels"):
                links += [
                    posixpath.basename(urllib.parse.unquote(t.decode("utf-8", "replace"))) or "?"
                    for t in _TARGET.findall(z.read(n))
                ]
        if not links:
            links = ["?" for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml")]
        if not any(
            _FORMULA.search(z.read(n)) for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")
        ):
            return {}, links
    import openpyxl

    with open(path, "rb") as f, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = openpyxl.load_workbook(f, data_only=False)
    out: dict[str, dict[tuple[int, int], str]] = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for (r, c), cell in written[ws.title]._cells.items():
            if cell.data_type == "f" and (r, c) in ws._cells:
                text = getattr(cell.value, "text", cell.value)  # an array formula: its text
                out.setdefault(ws.title, {})[r, c] = str(text or "").lstrip("=")
    return out, links


_STRING = r'"(?:[^"]|"")*"'
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?"
#: A formula that is a text or a number, or texts and numbers joined with "&".
_LITERALS = re.compile(rf"^\s*(?:{_STRING}|{_NUMBER})(?:\s*&\s*(?:{_STRING}|{_NUMBER}))*\s*$", re.I)
_LITERAL = re.compile(rf"({_STRING})|({_NUMBER})", re.I)
#: A reference to another workbook: "[1]Sheet1!A1", "'[1]Sheet 1'!A1", "[1]!Name" (texts blanked first).
_EXTERNAL = re.compile(r"'\[\d+\][^']*'!|\[\d+\][\w.]*!")


def _literal(formula: str) -> Any:
    """The value of a formula that is a text or a number, or joins them with "&"; None otherwise.

    >>> _literal('"Sở "&"Y tế"'), _literal("5"), _literal('"Mục "&2'), _literal("SUM(A1:A3)")
    ('Sở Y tế', 5, 'Mục 2', None)
    """
    if not _LITERALS.match(formula):
        return None
    parts: list[Any] = []
    for text, number in _LITERAL.findall(formula):
        if text:
            parts.append(text[1:-1].replace('""', '"'))
        else:
            n = float(number)
            parts.append(int(n) if n.is_integer() and abs(n) < 1e15 else n)
    if len(parts) == 1:
        return parts[0]
    return "".join(p if isinstance(p, str) else format_number(p, "General") for p in parts)


def _external(formula: str) -> bool:
    """The formula refers to another workbook (outside its texts)."""
    return bool(_EXTERNAL.search(re.sub(_STRING, '""', formula)))


def _knowable(formula: str) -> bool:
    """The formula's value can be known from the formula itself (see :func:`_computed`)."""
    return _LITERALS.match(formula) is not None or _REF_SUM.match(formula) is not None


class _Tally:
    """The notes of one workbook's formulas: one per cell whose saved value differs from its
    formula's or refers to another workbook (at most :data:`MAX_CELL_NOTES` of each kind, the rest
    counted), and one per file for the saved values taken unchecked and for the formulas left
    empty."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.cells: list[Note] = []
        self.more: dict[str, int] = {}
        self.saved: list[str] = []
        self.unsaved: list[str] = []
        self.external = 0

    def cell(self, key: str, place: str, **fields: str) -> None:
        if key == "formula_external":
            self.external += 1
        if sum(n.key == key for n in self.cells) >= MAX_CELL_NOTES:
            self.more[key] = self.more.get(key, 0) + 1
            return
        self.cells.append(Note(key, place, (("file", self.file), *fields.items())))

    def notes(self, links: list[str]) -> list[Note]:
        out = list(self.cells)
        for key, n in self.more.items():
            out.append(
                Note(f"{key}_more", "", (("file", self.file), ("n", str(n)), ("limit", str(MAX_CELL_NOTES))))
            )
        if links and not self.external:
            out.append(
                Note(
                    "external_links",
                    "",
                    (("file", self.file), ("n", str(len(links))), ("files", ", ".join(dict.fromkeys(links)))),
                )
            )
        for key, cells in (("formulas_saved", self.saved), ("formulas_unsaved", self.unsaved)):
            if cells:
                out.append(
                    Note(key, cells[0], (("file", self.file), ("n", str(len(cells))), ("first", cells[0])))
                )
        return out


_REF_SUM = re.compile(
    r"^\s*(?:\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)|(?P<this>ROW\(\s*\)))"
    r"\s*(?:(?P<op>[+-])\s*(?P<n>\d+))?\s*$",
    re.I,
)


def _computed(
    formula: str,
    values: dict[tuple[int, int], Any],
    formulas: dict[tuple[int, int], str],
    row: int,
    seen: frozenset[tuple[int, int]] = frozenset(),
) -> Any:
    """The value of a formula that is a text or a number (:func:`_literal`), or refers to a cell of
    its sheet or to its own row number, or adds a whole number to it ("A5+1", "C6", "ROW()-4":
    running numbers and copies of the cell above), as Excel would have saved it; None for any
    other formula (or a loop). A cell referred to whose formula is in ``formulas`` gives that
    formula's value, any other its value in ``values``."""
    from openpyxl.utils import column_index_from_string

    literal = _literal(formula)
    if literal is not None:
        return literal
    match = _REF_SUM.match(formula)
    if match is None:
        return None
    if match["this"]:
        value: Any = row
    else:
        at = int(match["row"]), column_index_from_string(match["col"].upper())
        if at in seen:
            return None
        value = (
            _computed(formulas[at], values, formulas, at[0], seen | {at})
            if at in formulas
            else values.get(at)
        )
    if match["op"] is None:
        return value
    if value is None:
        value = 0  # Excel counts an empty cell as 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value + int(match["n"]) if match["op"] == "+" else value - int(match["n"])


_SHOWN_CODE = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


def _check_codes(path: str | Path, numbers: dict[tuple[int, int], str], addr: Any) -> None:
    """Hierarchy codes typed as numbers: in a column, "1.1" shown right after "1.9" is 1.10 that
    lost its trailing zero, and cannot be told from 1.1. Said, naming the cell, never guessed."""
    columns: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sorted(numbers.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        columns.setdefault(c, []).append((r, text))
    for c, cells in columns.items():
        for (r0, before), (r, text) in pairwise(cells):
            a, b = _SHOWN_CODE.match(before), _SHOWN_CODE.match(text)
            if a is None or b is None or a[1] != b[1]:
                continue
            lost = str(int(a[2]) + 1)
            if lost != b[2] and lost.rstrip("0") == b[2]:
                raise PlanParseError(
                    path,
                    addr(r, c),
                    Problem(
                        "xlsx_code_as_number",
                        shown=text,
                        previous=before,
                        previous_at=addr(r0, c),
                        lost=f"{a[1]}.{lost}",
                    ),
                )


@dataclass(frozen=True)
class _Value:
    """A sheet cell read into text: its own value, or what a merged range gives it."""

    text: str
    bold: bool
    merged: str = ""


def _sheet_blocks(
    ws: Any,
    path: str | Path = "",
    formulas: dict[tuple[int, int], str] | None = None,
    tally: _Tally | None = None,
) -> list[Para | Table]:
    from openpyxl.utils import get_column_letter

    sheet = ws.title

    def addr(r: int, c: int) -> str:
        return f"{sheet}!{get_column_letter(c)}{r}"

    def at(r: int, c: int) -> Ref:
        return Ref("cell", sheet=sheet, cell=f"{get_column_letter(c)}{r}")

    formulas = formulas or {}
    tally = tally or _Tally(Path(path).name)
    values = {k: cell.value for k, cell in ws._cells.items()} if formulas else {}
    # The formulas whose value is known from the formula itself, or must be computed (none saved).
    known = {k: f for k, f in formulas.items() if not _external(f) and (values[k] is None or _knowable(f))}
    grid: dict[tuple[int, int], _Value] = {}
    numbers: dict[tuple[int, int], str] = {}
    bordered: set[tuple[int, int]] = set()
    for (r, c), cell in ws._cells.items():  # only the cells the file holds (fast, no padding)
        text = _text(cell)
        if (r, c) in known:  # computed where Excel's result is sure
            value = _computed(known[r, c], values, known, r)
            if value is None:
                (tally.unsaved if cell.value is None else tally.saved).append(addr(r, c))
            else:
                shown = _text(_Shown(value, cell.number_format))
                if cell.value is not None and shown != text:
                    tally.cell(
                        "formula_differs", addr(r, c), formula="=" + formulas[r, c], value=shown, saved=text
                    )
                text = shown
        elif (r, c) in formulas:
            if _external(formulas[r, c]):
                tally.cell("formula_external", addr(r, c), formula="=" + formulas[r, c], saved=text)
            elif cell.value is not None:
                tally.saved.append(addr(r, c))
        if text:
            check_characters(text.replace("\t", " "), path, addr(r, c))
            grid[r, c] = _Value(text, bool(cell.font and cell.font.b))
            if isinstance(cell.value, float) and not isinstance(cell.value, bool):
                numbers[r, c] = text
            border = cell.border
            if border is not None and any(
                getattr(border, side) is not None and getattr(border, side).style
                for side in ("left", "right", "top", "bottom")
            ):
                bordered.add((r, c))
    _check_codes(path, numbers, addr)
    for rng in ws.merged_cells.ranges:
        top = grid.get((rng.min_row, rng.min_col))
        if top is None:
            continue  # an empty merged range covers nothing
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) == (rng.min_row, rng.min_col):
                    continue
                if r > rng.min_row and c == rng.min_col:
                    grid[r, c] = _Value(top.text, top.bold, "down")
                else:
                    grid[r, c] = _Value("", False, "across")
    own = [(r, c) for (r, c), v in grid.items() if v.text and not v.merged]
    if not own:
        return []
    per_row: dict[int, int] = {}
    for r, _ in own:
        per_row[r] = per_row.get(r, 0) + 1
    table_rows = sorted(r for r, n in per_row.items() if n >= TABLE_MIN_CELLS)
    start = table_rows[0] if table_rows else max(per_row) + 1
    blocks: list[Para | Table] = []
    for r, c in sorted(k for k in own if k[0] < start):
        v = grid[r, c]
        blocks.append(Para(" ".join(v.text.split("\n")), at(r, c), bold=v.bold))
    if not table_rows:
        return blocks
    end = _table_end(grid, per_row, bordered, start)
    after = sorted(k for k in own if k[0] > end)
    body = [(r, c) for (r, c), v in grid.items() if start <= r <= end and v.text]
    first_col = min(c for _, c in body)
    last_col = max(c for _, c in body)
    last_row = max(r for r, _ in body)
    filled = sorted({r for r, _ in body})  # fully empty rows are left out: never walked
    area = len(filled) * (last_col - first_col + 1)
    if area > MAX_TABLE_CELLS:
        span = f"{get_column_letter(first_col)}{start}:{get_column_letter(last_col)}{last_row}"
        raise PlanParseError(
            path,
            f"{sheet}!{span}",
            Problem(
                "xlsx_table_budget",
                rows=f"{len(filled):,}",
                columns=f"{last_col - first_col + 1:,}",
                cells=f"{area:,}",
                limit=f"{MAX_TABLE_CELLS:,}",
            ),
        )
    rows: list[Row] = []
    for r in filled:
        values = [grid.get((r, c)) for c in range(first_col, last_col + 1)]
        cells = tuple(
            Cell(v.text, at(r, c), bold=v.bold, merged=v.merged) if v is not None else Cell("", at(r, c))
            for c, v in zip(range(first_col, last_col + 1), values, strict=True)
        )
        rows.append(Row(cells, replace(at(r, first_col), kind="row")))
    span = f"{get_column_letter(first_col)}{start}:{get_column_letter(last_col)}{last_row}"
    blocks.append(Table(tuple(rows), Ref("table", sheet=sheet, cell=span)))
    for r, c in after:  # notes and signature lines under the table
        v = grid[r, c]
        blocks.append(Para(" ".join(v.text.split("\n")), at(r, c), bold=v.bold))
    return blocks


def _table_end(
    grid: dict[tuple[int, int], _Value], per_row: dict[int, int], bordered: set[tuple[int, int]], start: int
) -> int:
    """The table's last row. Rows under it after an empty row are not the table's when none of
    them has :data:`TABLE_MIN_CELLS` cells (a note, signature lines), or when the table's cells
    have borders and theirs have none."""
    filled = sorted({r for (r, _), v in grid.items() if r >= start and v.text})
    blocks: list[list[int]] = []
    for r in filled:
        if blocks and r == blocks[-1][-1] + 1:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    ruled = any(r < (blocks[1][0] if len(blocks) > 1 else filled[-1] + 1) for r, _ in bordered)
    while len(blocks) > 1:
        last = blocks[-1]
        narrow = all(per_row.get(r, 0) < TABLE_MIN_CELLS for r in last)
        unruled = ruled and not any(r in last for r, _ in bordered)
        if not (narrow or unruled):
            break
        blocks.pop()
    return blocks[-1][-1]


@dataclass(frozen=True)
class _Shown:
    """A computed value with its cell's number format, read by :func:`_text` as a cell."""

    value: Any
    number_format: str


def _text(cell: Any) -> str:
    """A cell's value as Excel shows it (see the module's docstring for the choices)."""
    value = cell.value
    if value is None:
        return ""
    fmt = cell.number_format or "General"
    if isinstance(value, str):
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
        text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
        return "\n".join(line.strip() for line in text.split("\n") if line.strip())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return format_date(value, fmt)
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value, fmt)
    return clean_text(str(value)).strip()


def _first_section(fmt: str) -> str:
    """The first section of a number format, without colours, locales and conditions."""
    out, quoted, i = [], False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\\" and i + 1 < len(fmt):
            out.append(fmt[i : i + 2])
            i += 2
            continue
        elif not quoted and ch == ";":
            break
        elif not quoted and ch == "[":
            end = fmt.find("]", i)
            if end < 0:
                break
            i = end + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def format_number(value: float, fmt: str) -> str:
    """A number as its format shows it: decimals and percent kept, no thousands separator.

    >>> format_number(13.1, "0.00"), format_number(5.0, "General"), format_number(0.7, "0%")
    ('13.10', '5', '70%')
    >>> format_number(9, "00"), format_number(1500000, "#,##0")
    ('09', '1500000')
    """
    section = re.sub(r'"[^"]*"|\\.|_.|\*.', "", _first_section(fmt))
    percent = "%" in section
    number = value * 100 if percent else value
    decimals = re.search(r"\.([0#?]+)", section)
    if decimals:  # the format shows decimals: as many as it has digit places
        places = decimals.group(1)
        text = _fixed(number, len(places))
        for _ in range(len(places) - len(places.rstrip("#"))):  # "#" places drop a trailing zero
            if text.endswith("0"):
                text = text[:-1]
        text = text.rstrip(".")
    elif isinstance(number, int):
        text = str(number)
    elif re.search(r"[0#?]", section) or number == int(number):  # an integer format, or a whole number
        text = _fixed(number, 0)
    else:  # General: up to 15 significant digits, as Excel stores them
        text = f"{number:.15g}"
    whole = re.search(r"[0#?,]+", section.split(".")[0])
    width = whole.group().count("0") if whole else 0  # "00" shows 7 as "07"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if not digits.strip("0."):
        sign = ""  # -0.001 shown with "0.00" is "0.00"
    head, dot, tail = digits.partition(".")
    return sign + head.zfill(width) + dot + tail + ("%" if percent else "")


def _fixed(number: float, places: int) -> str:
    """``number`` with ``places`` decimals, halves rounded away from zero as Excel does."""
    exact = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    return format(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|[dD]+|[mM]+|[yY]+|[hH]+|[sS]+|AM/PM|A/P|.', re.DOTALL)
#: Excel's built-in short date (14) and date-time (22): shown in the machine's locale.
_DEFAULT_DATE = {"mm-dd-yy", "m/d/yy h:mm", "General"}


def format_date(value: dt.date, fmt: str) -> str:
    """A date as its number format shows it, day first for Excel's locale default.

    >>> format_date(dt.datetime(2026, 12, 1), '"Tháng "mm/yyyy')
    'Tháng 12/2026'
    >>> format_date(dt.datetime(2026, 8, 30), "mm-dd-yy")
    '30/8/2026'
    """
    section = _first_section(fmt).strip()
    has_time = isinstance(value, dt.datetime) and (value.hour or value.minute or value.second)
    if section in _DEFAULT_DATE or not section:
        text = f"{value.day}/{value.month}/{value.year}"
        return text + (f" {value.hour}:{value.minute:02d}" if has_time else "")  # type: ignore[attr-defined]
    tokens = _DATE_TOKEN.findall(section)
    lowered = [t.lower() for t in tokens]
    if any(t.startswith("mmm") or t.startswith("ddd") for t in lowered):
        # Month or day names would be English here but Vietnamese on the office's
        # screen: show the numbers instead.
        has_day = any(t in ("d", "dd") for t in lowered)
        prefix = "".join(t[1:-1] for t in tokens[:1] if t.startswith('"'))
        return prefix + (
            f"{value.day}/{value.month}/{value.year}" if has_day else f"{value.month}/{value.year}"
        )
    out: list[str] = []
    for i, (tok, low) in enumerate(zip(tokens, lowered, strict=True)):
        if tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        elif low[0] == "d":
            out.append(str(value.day) if len(low) == 1 else f"{value.day:02d}")
        elif low[0] == "y":
            out.append(f"{value.year % 100:02d}" if len(low) <= 2 else str(value.year))
        elif low[0] == "m":
            minute = _is_minute(lowered, i)
            n = value.minute if minute else value.month  # type: ignore[attr-defined]
            out.append(str(n) if len(low) == 1 else f"{n:02d}")
        elif low[0] == "h":
            hour = getattr(value, "hour", 0)
            out.append(str(hour) if len(low) == 1 else f"{hour:02d}")
        elif low[0] == "s":
            second = getattr(value, "second", 0)
            out.append(str(second) if len(low) == 1 else f"{second:02d}")
        elif low in ("am/pm", "a/p"):
            out.append("")
        else:
            out.append(tok)
    return "".join(out).strip()


def _is_minute(tokens: list[str], i: int) -> bool:
    """An "m" token means minutes right after an hour or right before seconds."""
    before = [t for t in tokens[:i] if t[0] in "dmyhs"]
    after = [t for t in tokens[i + 1 :] if t[0] in "dmyhs"]
    return bool(before and before[-1][0] == "h") or bool(after and after[0][0] == "s")
