"""One loader for the reference data: the rules every reference CSV is read by.

The agency registry, the resolution catalogue, a crosswalk, the reviewed agency names, the
target indicators, the local places and the column registry (``fields.csv``,
``table_columns.csv``) are CSV files a person edits, in a text editor or in Excel. They are
read here, one way:

* **the file**: a regular file (not a folder, a device or a pipe) of at most
  :data:`MAX_BYTES`;
* **the encoding**: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes
  one, an editor does not); any other encoding (Windows-1258, Latin-1, UTF-16) is refused
  with the line and the byte, never guessed;
* **the text**: every cell, header cells too, in Unicode NFC (a name typed with combining
  marks compares equal to the same name typed precomposed);
* **the records**: the ``csv`` module over the text with ``newline=""``, so a line break or
  a bare carriage return inside a quoted cell stays in the cell, and a record's line is
  the line it starts on (the header is line 1);
* **the size of a cell**: at most :data:`FIELD_LIMIT` characters, set explicitly; a longer
  cell is refused naming the file, the line and the limit, never a ``_csv.Error``;
* **the columns**: the header must name every required column (the message names the
  missing ones); other columns are kept; every record has the header's number of cells;
  records with no text are skipped.

Every problem is a :class:`~plan132lib.errors.ReferenceDataError` naming the file and the
line, its text a :class:`~plan132lib.words.Problem` (``error.ref_*`` in ``words.csv``), so
the ``plan132`` command says it in the reader's language and exits 2. The checks that
belong to one table (allowed values, ids given twice) stay with its reader.

``words.csv`` is the one CSV read elsewhere (:func:`plan132lib.words.load`): it holds the
texts these problems are said in, so it cannot be read through them.

>>> rows = read_reference("id,name\\nx1,Sở Tài chính\\n", what="example", columns=("id",))
>>> rows
[(2, {'id': 'x1', 'name': 'Sở Tài chính'})]
"""

from __future__ import annotations

import csv
import io
import stat
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .errors import ReferenceDataError
from .words import Problem

__all__ = [
    "FIELD_LIMIT",
    "MAX_BYTES",
    "decode",
    "read_records",
    "read_reference",
    "read_text",
    "records",
    "rows",
]

#: The most characters one cell may hold (1 MiB): ten times the longest paragraph of a resolution,
#: and far above what a reviewer types; the ``csv`` module's own default is 128 KiB.
FIELD_LIMIT = 1 << 20
#: The largest reference file read (bytes); the bundled ones are under 60 KB.
MAX_BYTES = 64 << 20

_BOM = b"\xef\xbb\xbf"
# csv.field_size_limit is one setting for the whole process: it is set around each read, under a lock.
_LIMIT_LOCK = threading.Lock()


def _fail(path: str | Path, line: int | str | None, key: str, **fields: object) -> ReferenceDataError:
    return ReferenceDataError(path, line, Problem(key, **fields))


def read_text(path: str | Path, what: object) -> str:
    """The text of the reference file ``path``: a regular file of at most :data:`MAX_BYTES`, UTF-8
    (:func:`decode`). ``what`` names the table in messages (a :class:`~plan132lib.words.Problem`
    such as ``Problem("what.catalogue")``, or plain text)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(path, None, "ref_not_found", what=what) from None
    except OSError as exc:
        raise _fail(path, None, "ref_cannot_open", what=what, reason=exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise _fail(path, None, "ref_not_a_file", what=what)
    if info.st_size > MAX_BYTES:
        raise _fail(
            path, None, "ref_too_large", what=what, size=f"{info.st_size / 2**20:.0f}", limit=MAX_BYTES >> 20
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, None, "ref_cannot_open", what=what, reason=exc) from None
    return decode(data, path, what)


def decode(data: bytes, path: str | Path, what: object) -> str:
    """``data`` as text: UTF-8, a leading byte-order mark dropped; any other encoding is a
    :class:`~plan132lib.errors.ReferenceDataError` naming the line, the byte and its offset."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise _fail(
            path,
            data.count(b"\n", 0, offset) + 1,
            "ref_encoding",
            what=what,
            byte=f"0x{data[offset]:02X}",
            offset=offset,
        ) from None


def records(text: str, path: str | Path, what: object) -> list[tuple[int, list[str]]]:
    """(line, cells) for every record of the CSV ``text``, the header first; the line is where the
    record starts; cells in NFC, as written otherwise (not stripped); blank lines give no record."""
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    with _LIMIT_LOCK:
        before = csv.field_size_limit(FIELD_LIMIT)
        try:
            start = 1
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if "field larger than field limit" in str(exc):
                        raise _fail(path, start, "ref_field_too_long", what=what, limit=FIELD_LIMIT) from None
                    raise _fail(path, start, "ref_not_csv", what=what, detail=str(exc)) from None
                if record:
                    out.append((start, [unicodedata.normalize("NFC", cell) for cell in record]))
                start = reader.line_num + 1
        finally:
            csv.field_size_limit(before)
    return out


def read_records(path: str | Path, what: object) -> list[tuple[int, list[str]]]:
    """:func:`records` of the file ``path`` (:func:`read_text`)."""
    return records(read_text(path, what), path, what)


def rows(
    path: str | Path,
    found: list[tuple[int, list[str]]],
    what: object,
    columns: Iterable[str],
    headers: Mapping[str, str] | None = None,
    place: Callable[[int], int | str] = lambda number: number,
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every record after the header in ``found`` (from :func:`records`, or a
    worksheet's rows), each row header → cell, cells stripped of white space at their ends.

    The header (its cells in NFC and stripped; a header ``headers`` maps is read as the column it names)
    must hold every one of ``columns``; each record must have as many cells as the header;
    records with no text are skipped. ``place`` turns a line into the place a message names
    (a worksheet's ``"row 7"``).
    """
    if not found:
        raise _fail(path, None, "ref_empty", what=what)
    names = [unicodedata.normalize("NFC", h).strip() for h in found[0][1]]
    header = [(headers or {}).get(h, h) for h in names]
    missing = [c for c in columns if c not in header]
    if missing:
        raise _fail(path, place(1), "ref_header_lacks", what=what, missing=missing)
    out: list[tuple[int, dict[str, str]]] = []
    for number, record in found[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise _fail(path, place(number), "ref_cells", what=what, n=len(record), width=len(header))
        out.append(
            (
                number,
                {h: unicodedata.normalize("NFC", c).strip() for h, c in zip(header, record, strict=True)},
            )
        )
    return out


def read_reference(
    source: str | Path, *, what: object, columns: Iterable[str], headers: Mapping[str, str] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every record of a reference CSV, by the rules above.

    ``source`` is a path, or the CSV text itself when it is a ``str`` holding a line break
    (then messages name it ``<text>``). ``columns`` must all be in the header; ``headers``
    maps other header texts to column names (a sheet headed in the reader's language).
    """
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        found = records(source, "<text>", what)
        path: str | Path = "<text>"
    else:
        path = Path(source)
        found = read_records(path, what)
    return rows(path, found, what, columns, headers)
