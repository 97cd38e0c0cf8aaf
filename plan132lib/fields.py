"""One home for the published columns: type, Vietnamese and English header, description.

``fields.csv`` (next to this module) has one row per column name the build publishes,
in a CSV file or a workbook sheet::

    column,dtype,header_vi,header_en,description

``dtype`` is the pandas dtype the column has in the tables, by its pandas name:
``str`` (text; an empty cell is the empty string), ``int64``, ``Int64`` (a whole
number that may be missing), ``float64``, ``bool`` and ``boolean`` (a truth value
that may be missing).

``table_columns.csv`` lists the columns of each published table in order, one row
per column (``table,column,dtype``); ``dtype`` is empty where the table holds the
registry's type and names the table's own type where it differs (``meta.value`` is
text, the two-mode node lists mix task and agency rows, so their numbers are
floats). A table is named by its folder and file name in the build
(``tables/tasks``, ``network/two_mode_nodes``); the files ``X_keep``, ``X_drop`` and
``X_expand`` share the entry ``X`` unless they have one of their own. The pivot
tables ``tables/raci_matrix`` and ``tables/coverage_matrix`` (a column per task id)
are not listed.

The registry drives the workbook's headers (:func:`header`), reading a published CSV
back with its types (:func:`read_csv`) and ``docs/columns.md`` (``python -m
plan132lib.fields > docs/columns.md``). A column it does not know is an error, never
a silent fallback: add its row to ``fields.csv``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .errors import ReferenceDataError
from .paths import package_file
from .reference import read_text, records
from .words import Problem

FIELD_COLUMNS = ("column", "dtype", "header_vi", "header_en", "description")
TABLE_COLUMNS = ("table", "column", "dtype")
DTYPES = ("str", "int64", "Int64", "float64", "bool", "boolean")
LANGS = ("vi", "en")
# The type a column of a registered non-nullable type is read in when a file leaves cells empty.
_NULLABLE = {"int64": "Int64", "bool": "boolean"}
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_]*")
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*/[a-z][a-z0-9_]*")
_OPTION = re.compile(r"_(?:keep|drop|expand)$")
# pandas 3 parses floats exactly by default (and deprecates the option); pandas 2 needs asking.
_EXACT_FLOATS = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}
# A text cell a spreadsheet would read as a formula (OWASP, "CSV injection"): it starts with
# = + - @, a tab or a carriage return, after any apostrophes (so that writing and reading back
# are exact inverses, a text that already starts with "'=" is quoted too).
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")
_QUOTE_ADDED = r"^'(?='*[=+\-@\t\r])"


def csv_cell(value: object) -> object:
    """A cell as the kit writes it to a CSV file: a text that would start a formula gets a leading
    ``'`` (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``, ``-2+3`` → ``'-2+3``); anything else, numbers
    above all (``-40`` stays ``-40``), is unchanged. :func:`csv_text` undoes it."""
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return value


def csv_text(value: object) -> object:
    """A cell of a CSV file the kit wrote, as it was before :func:`csv_cell`: the one ``'`` added
    before a formula's first character is removed; anything else is unchanged."""
    if isinstance(value, str) and _QUOTED_FORMULA.match(value):
        return value[1:]
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`csv_cell` applied to its headers and to every text cell (a copy)."""
    out = frame.set_axis([csv_cell(c) for c in frame.columns], axis=1)
    for i in range(frame.shape[1]):
        series = frame.iloc[:, i]
        kind = series.dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind)):
            out.isetitem(i, series.map(csv_cell, na_action="ignore"))
    return out


def fields_path() -> Path:
    """The bundled ``fields.csv``."""
    return package_file("plan132lib", "fields.csv")


def table_columns_path() -> Path:
    """The bundled ``table_columns.csv``."""
    return package_file("plan132lib", "table_columns.csv")


@dataclass(frozen=True)
class Registry:
    """The loaded registry: one row per column, and the columns of each published table."""

    fields: pd.DataFrame  # indexed by column; the columns of FIELD_COLUMNS but "column"
    tables: dict[str, dict[str, str]]  # table -> {column: dtype}, in the table's order
    path: Path

    def row(self, column: str) -> dict[str, str]:
        """The registry's row of ``column``; KeyError naming the column and the file if it has none."""
        rows = self._rows()
        if column not in rows:
            raise KeyError(
                f"column {column!r} is not registered in {self.path}; add a row for it "
                f"({','.join(FIELD_COLUMNS)})"
            )
        return rows[column]

    def _rows(self) -> dict[str, dict[str, str]]:
        rows = self.__dict__.get("_by_column")
        if rows is None:
            rows = {str(c): {k: str(v) for k, v in r.items()} for c, r in self.fields.iterrows()}
            object.__setattr__(self, "_by_column", rows)
        return rows


# ------------------------------------------------------------------ loading


def _records(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for each record of a registry CSV, read by the reference loader
    (:func:`plan132lib.reference.records`: UTF-8, NFC, a cell at most
    :data:`~plan132lib.reference.FIELD_LIMIT` characters), and written as the kit keeps its own
    files: no byte-order mark, LF only, NFC as stored, one line per row, the exact header."""
    what = Problem("what.fields")
    text = read_text(path, what)
    if path.read_bytes().startswith(b"\xef\xbb\xbf"):
        raise ReferenceDataError(path, 1, "starts with a byte order mark; save as UTF-8 without BOM")
    for no, line in enumerate(text.split("\n"), start=1):
        if "\r" in line:
            raise ReferenceDataError(path, no, "has a CR line ending; lines must end with LF only")
        if not unicodedata.is_normalized("NFC", line):
            raise ReferenceDataError(path, no, "is not in Unicode NFC; normalise the file to NFC")
    found = records(text, path, what)
    if not found:
        raise ReferenceDataError(path, 1, f"is empty; expected the header {','.join(columns)}")
    (_, header), *body = found
    if tuple(header) != columns:
        raise ReferenceDataError(path, 1, f"header is {','.join(header)!r}; expected {','.join(columns)!r}")
    rows = []
    for start, record in body:
        if any("\n" in cell for cell in record):
            raise ReferenceDataError(path, start, "a cell spans several lines; each row must be one line")
        if len(record) != len(columns):
            raise ReferenceDataError(
                path, start, f"row has {len(record)} cells; expected {len(columns)} ({','.join(columns)})"
            )
        row = dict(zip(columns, record, strict=True))
        for key, value in row.items():
            if value != value.strip():
                raise ReferenceDataError(path, start, f"{key} {value!r} has spaces at its start or end")
        rows.append((start, row))
    return rows


def _load_fields(path: Path) -> pd.DataFrame:
    seen: dict[str, int] = {}
    rows = []
    for line, row in _records(path, FIELD_COLUMNS):
        column = row["column"]
        if not _COLUMN_NAME.fullmatch(column):
            raise ReferenceDataError(path, line, f"column {column!r} is not a lower-case snake_case name")
        if column in seen:
            raise ReferenceDataError(
                path, line, f"column {column!r} is registered twice (first on line {seen[column]})"
            )
        seen[column] = line
        if row["dtype"] not in DTYPES:
            raise ReferenceDataError(
                path,
                line,
                f"column {column!r} has unknown dtype {row['dtype']!r}; expected one of {', '.join(DTYPES)}",
            )
        for key in ("header_vi", "header_en", "description"):
            if not row[key]:
                raise ReferenceDataError(path, line, f"column {column!r} has an empty {key}")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(FIELD_COLUMNS)).set_index("column")


def _load_tables(path: Path, fields: pd.DataFrame, fields_file: Path) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for line, row in _records(path, TABLE_COLUMNS):
        table, column, dtype = row["table"], row["column"], row["dtype"]
        if not _TABLE_NAME.fullmatch(table):
            raise ReferenceDataError(
                path, line, f"table {table!r} is not named folder/name (e.g. tables/tasks)"
            )
        if column not in fields.index:
            raise ReferenceDataError(
                path, line, f"column {column!r} of {table} is not registered in {fields_file}"
            )
        if dtype and dtype not in DTYPES:
            raise ReferenceDataError(
                path,
                line,
                f"column {column!r} of {table} has unknown dtype "
                f"{dtype!r}; expected one of {', '.join(DTYPES)} or empty",
            )
        columns = tables.setdefault(table, {})
        if column in columns:
            raise ReferenceDataError(path, line, f"column {column!r} is listed twice for {table}")
        columns[column] = dtype or str(fields.at[column, "dtype"])
    return tables


def load(path: str | Path | None = None, tables_path: str | Path | None = None) -> Registry:
    """Read and check the registry (default: the bundled ``fields.csv`` and ``table_columns.csv``).

    Raises :class:`~plan132lib.errors.ReferenceDataError` naming the file and line of a
    duplicate column, an unknown dtype, an empty header or description, text not in NFC,
    a CR line ending or a malformed row.
    """
    path = Path(path) if path is not None else fields_path()
    tables_path = Path(tables_path) if tables_path is not None else table_columns_path()
    fields = _load_fields(path)
    return Registry(fields, _load_tables(tables_path, fields, path), path)


@cache
def registry() -> Registry:
    """The bundled registry, read once."""
    return load()


def __getattr__(name: str) -> object:
    if name == "FIELDS":  # the registry as a DataFrame indexed by column, read on first use
        return registry().fields
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------------ headers and types


def header(column: str, lang: str = "vi") -> str:
    """The header a reader sees for ``column`` (Vietnamese by default, ``lang="en"`` English).

    Raises KeyError naming the column and ``fields.csv`` when the column is not registered.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return str(registry().row(column)[f"header_{lang}"])


def headers(columns: Iterable[object], lang: str = "vi") -> dict[str, str]:
    """Headers for several columns, by column."""
    return {str(c): header(str(c), lang) for c in columns}


def dtype(column: str) -> str:
    """The registered pandas dtype of ``column`` (``str``, ``int64``, ``Int64``, …)."""
    return str(registry().row(column)["dtype"])


def dtypes(columns: Iterable[object], table: str | None = None) -> dict[str, str]:
    """Registered dtypes by column; with ``table`` (e.g. ``"tables/meta"``), that table's own."""
    own = table_dtypes(table) if table is not None else {}
    return {str(c): own.get(str(c)) or dtype(str(c)) for c in columns}


def tables() -> dict[str, list[str]]:
    """Every listed table with its columns in order."""
    return {name: list(columns) for name, columns in registry().tables.items()}


def table_name(name: str) -> str | None:
    """The listed table a published file or table name belongs to, or None.

    ``"tasks"`` → ``"tables/tasks"``; ``"network/two_mode_nodes_drop"`` →
    ``"network/two_mode_nodes"`` (a ``_keep`` / ``_drop`` / ``_expand`` file shares
    its base's entry unless it has its own).
    """
    listed = registry().tables
    for candidate in (name, f"tables/{name}"):
        for key in (candidate, _OPTION.sub("", candidate)):
            if key in listed:
                return key
    return None


def table_dtypes(table: str) -> dict[str, str]:
    """The columns of a listed table with the dtype each has in it."""
    key = table_name(table)
    if key is None:
        raise KeyError(f"table {table!r} is not listed in {table_columns_path()}")
    return dict(registry().tables[key])


def table_columns(table: str) -> list[str]:
    """The columns of a listed table, in order."""
    return list(table_dtypes(table))


def conforms(frame: pd.DataFrame, table: str | None = None) -> dict[str, tuple[str, str]]:
    """Columns whose dtype differs from the registry's: ``{column: (frame's, registry's)}``.

    Empty when every column has its registered type (``table``: use that table's own).
    """
    wanted = dtypes(frame.columns, table)
    return {
        str(c): (str(frame[c].dtype), wanted[str(c)])
        for c in frame.columns
        if str(frame[c].dtype) != wanted[str(c)]
    }


def read_csv(path: str | Path, table: str | None = None) -> pd.DataFrame:
    """Read a published CSV back with the registry's dtypes.

    The table is found from the file's folder and name (``tables/meta.csv`` →
    ``tables/meta``; ``network/two_mode_nodes_drop.csv`` → ``network/two_mode_nodes``)
    unless ``table`` is given; a file of no listed table gets each column's registered
    type. Text cells are read as written (an empty cell is ``""``, and words such as
    "NA" stay text); an empty cell of any other type is missing. A column registered
    ``int64`` or ``bool`` with empty cells is read in the nullable type (``Int64``,
    ``boolean``). The ``'`` the kit wrote before a text that would start a formula
    (:func:`csv_cell`) is removed, in the headers too, so a table reads back as it was.
    Raises KeyError for a column the registry does not know.
    """
    path = Path(path)
    if table is None:
        table = table_name(f"{path.parent.name}/{path.stem}")
    # published CSVs have a BOM
    written = list(pd.read_csv(path, nrows=0, encoding="utf-8-sig", dtype=str).columns)
    columns = [str(csv_text(c)) for c in written]
    wanted = dtypes(columns, table)
    kinds = dict(zip(written, wanted.values(), strict=True))
    parse = {c: "str" if t == "str" else _NULLABLE.get(t, t) for c, t in kinds.items()}
    frame = pd.read_csv(
        path,
        encoding="utf-8-sig",
        dtype=parse,
        keep_default_na=False,
        na_values={c: [""] for c, t in kinds.items() if t != "str"},
        **_EXACT_FLOATS,
    )
    frame = frame.set_axis(columns, axis=1)
    for column, kind in wanted.items():
        if kind == "str":  # csv_text, keeping the column's dtype
            frame[column] = frame[column].str.replace(_QUOTE_ADDED, "", regex=True)
        if kind in _NULLABLE and not frame[column].isna().any():
            frame[column] = frame[column].astype(kind)
    return frame


# ------------------------------------------------------------------ documentation

_DOC_LABELS = {
    "en": ("column", "type", "Vietnamese header", "English header", "description"),
    "vi": ("cột", "kiểu", "tiêu đề tiếng Việt", "tiêu đề tiếng Anh", "mô tả (tiếng Anh)"),
}


def describe(columns: Iterable[object], table: str | None = None) -> pd.DataFrame:
    """Column, dtype, both headers and description of each column (``table``: its own dtypes)."""
    columns = [str(c) for c in columns]
    types = dtypes(columns, table)
    reg = registry()
    return pd.DataFrame(
        [
            {
                "column": c,
                "dtype": types[c],
                "header_vi": reg.row(c)["header_vi"],
                "header_en": reg.row(c)["header_en"],
                "description": reg.row(c)["description"],
            }
            for c in columns
        ],
        columns=list(FIELD_COLUMNS),
    )


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(columns: Iterable[object], lang: str = "en", table: str | None = None) -> str:
    """A Markdown table of the columns (``lang``: the language of the table's own labels)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    labels = _DOC_LABELS[lang]
    lines = ["| " + " | ".join(labels) + " |", "|" + "---|" * len(labels)]
    for r in describe(columns, table).itertuples(index=False):
        lines.append(
            f"| `{r.column}` | {r.dtype} | {_cell(r.header_vi)} | {_cell(r.header_en)} | "
            f"{_cell(r.description)} |"
        )
    return "\n".join(lines) + "\n"


_DOC_HEAD = """\
# Published columns

Generated from `plan132lib/fields.csv` and `plan132lib/table_columns.csv` by
`python -m plan132lib.fields > docs/columns.md`; do not edit by hand (a test checks it is current).

Each column has one row in `fields.csv`: its pandas type, the header the Vietnamese and the
English workbook show, and what it means. Types: `str` text (an empty cell is empty text),
`int64` whole number, `Int64` whole number that may be missing, `float64` number, `bool`
True/False, `boolean` True/False that may be missing. `plan132lib.fields.read_csv(path)` reads a
published CSV back with these types.

Tables are named by their folder and file in the build (`outputs/tables/tasks.csv` is
`tables/tasks`). Files ending `_keep`, `_drop` or `_expand` (the three ways of counting collective
entries) have the columns of the table without the ending unless listed on their own. The pivot
tables `tables/raci_matrix.csv` (an agency column, then one column per task id) and
`tables/coverage_matrix.csv` (`goal_id`, then one column per task id) are not listed here.
"""


def markdown_doc() -> str:
    """``docs/columns.md``: every listed table with its columns."""
    parts = [_DOC_HEAD]
    for table, columns in registry().tables.items():
        parts.append(f"\n## `{table}`\n\n" + markdown_table(list(columns), "en", table))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """``python -m plan132lib.fields``: write ``docs/columns.md`` to standard output (UTF-8)."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        print("usage: python -m plan132lib.fields > docs/columns.md", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stdout.buffer.write(markdown_doc().encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
