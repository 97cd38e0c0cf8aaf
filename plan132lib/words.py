"""Every fixed string a reader sees, in Vietnamese and English: one table, ``words.csv``.

``plan132lib/words.csv`` (UTF-8, NFC, LF) has the columns ``key,vi,en,note``:
one row per string, the key namespaced with dots (``chart.title_bars``,
``sheet.tasks``, ``value.role.lead``, ``brief.leads`` …), both languages always
filled, placeholders in ``str.format`` style (``{n}``, ``{year}``), the same
ones in both languages. The charts, the workbook, the briefing, the HTML report
and the validation report look their words up here, so a wording is changed in
one place and a translator reads the two languages side by side.

>>> word("chart.after", "en", year=2030)
'after 2030'
>>> value("role", "lead")
'Chủ trì'

The file is read once, through :mod:`importlib.resources`, and checked as it is
read: a duplicate key, an empty cell, text not in NFC, a broken placeholder or
different placeholders in the two languages raise :class:`WordsFileError`
naming the file and the line.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .errors import DataFileError
from .paths import package_file
from .refs import SEPARATOR, Ref, parse_refs

__all__ = [
    "LANGS",
    "Entry",
    "Locale",
    "Problem",
    "WordsFileError",
    "check_lang",
    "entries",
    "load",
    "long_date",
    "place",
    "placeholders",
    "say_error",
    "value",
    "values",
    "word",
    "words",
    "words_file",
]

LANGS = ("vi", "en")
COLUMNS = ("key", "vi", "en", "note")
# Dot-separated segments; a segment of a coded value may hold a space ("value.alignment.none found").
_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_][A-Za-z0-9_ -]*(?<! ))+")


class WordsFileError(DataFileError):
    """A ``words.csv`` that cannot be read: the message names the file and the line."""


class Entry(NamedTuple):
    """One row of ``words.csv``: the two texts, the row's note and its (first) line in the file."""

    vi: str
    en: str
    note: str
    line: int


def words_file() -> Path:
    """The bundled ``words.csv``."""
    return package_file("plan132lib", "words.csv")


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGS`, else ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def placeholders(text: str) -> set[str]:
    """The field names of the ``{…}`` placeholders in ``text`` (``ValueError`` if the braces are broken)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def load(path: str | Path) -> dict[str, Entry]:
    """Read and check a words file: key -> :class:`Entry`, in file order."""
    path = Path(path)
    data = path.read_bytes()

    def fail(line: int | None, problem: str) -> WordsFileError:
        return WordsFileError(path, line, problem)

    if data.startswith(b"\xef\xbb\xbf"):
        raise fail(1, "starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(data.count(b"\n", 0, error.start) + 1, "is not UTF-8") from error
    if "\r" in text:
        raise fail(text.count("\n", 0, text.index("\r")) + 1, "has a CR line ending; use LF only")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise fail(1, f"no header row key,vi,en[,note] ({error or 'empty file'})") from error
    if tuple(header) not in (COLUMNS[:3], COLUMNS):
        raise fail(1, f"the header must be key,vi,en or key,vi,en,note, not {','.join(header)}")
    table: dict[str, Entry] = {}
    line = reader.line_num + 1  # the line the next row starts on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise fail(line, f"is not valid CSV ({error})") from error
        start, line = line, reader.line_num + 1
        if not row:
            raise fail(start, "is empty; remove blank lines")
        if len(row) != len(header):
            raise fail(start, f"has {len(row)} cells, the header {len(header)}")
        key, vi, en, *rest = row
        note = rest[0] if rest else ""
        for column, cell in zip(COLUMNS, (key, vi, en, note), strict=True):
            if not unicodedata.is_normalized("NFC", cell):
                raise fail(start, f"the {column} cell is not in NFC (Unicode normal form C): {cell!r}")
            if cell != cell.strip():
                raise fail(start, f"the {column} cell begins or ends with white space: {cell!r}")
        if not _KEY.fullmatch(key):
            raise fail(start, f"key {key!r} is not a dotted key such as chart.title_bars")
        if key in table:
            raise fail(start, f"duplicate key {key!r} (first on line {table[key].line})")
        fields = {}
        for lang, cell in (("vi", vi), ("en", en)):
            if not cell:
                raise fail(start, f"{key}: the {lang} cell is empty")
            try:
                fields[lang] = placeholders(cell)
            except ValueError as error:
                raise fail(
                    start,
                    f"{key}: the {lang} text has a broken placeholder ({error}); "
                    "write a literal brace as {{ or }}",
                ) from error
        if fields["vi"] != fields["en"]:
            raise fail(
                start,
                f"{key}: the placeholders differ between vi {sorted(fields['vi'])} "
                f"and en {sorted(fields['en'])}",
            )
        table[key] = Entry(vi, en, note, start)
    return table


@functools.cache
def _table() -> dict[str, Entry]:
    return load(words_file())


def entries() -> dict[str, Entry]:
    """Every row of the bundled ``words.csv`` (read once), key -> :class:`Entry`."""
    return _table()


def word(key: str, lang: str = "vi", **fields: object) -> str:
    """The text of ``key`` in ``lang``, its placeholders filled from ``fields``, in NFC.

    An unknown key, or a placeholder without a field, raises ``KeyError`` naming the key and the file.
    """
    check_lang(lang)
    try:
        entry = _table()[key]
    except KeyError:
        raise KeyError(f"no row {key!r} in {words_file()}") from None
    text = entry.vi if lang == "vi" else entry.en
    try:
        text = text.format(**fields)
    except KeyError as error:
        raise KeyError(f"{key!r} ({words_file()}, line {entry.line}) needs the field {error}") from None
    return unicodedata.normalize("NFC", text)


def words(prefix: str, lang: str = "vi") -> dict[str, str]:
    """Every key under ``prefix`` (``"sheet"`` for ``sheet.*``): the rest of the key -> text, in file order.

    ``KeyError`` when no key lies under ``prefix``.
    """
    check_lang(lang)
    head = prefix.rstrip(".") + "."
    found = {
        key[len(head) :]: (entry.vi if lang == "vi" else entry.en)
        for key, entry in _table().items()
        if key.startswith(head)
    }
    if not found:
        raise KeyError(f"no row under {head!r} in {words_file()}")
    return {rest: unicodedata.normalize("NFC", text) for rest, text in found.items()}


def value(column: str, code: str, lang: str = "vi") -> str:
    """How the coded value ``code`` of ``column`` reads in ``lang`` (row ``value.<column>.<code>``)."""
    return word(f"value.{column}.{code}", lang)


def values(column: str, lang: str = "vi") -> dict[str, str]:
    """code -> text for every coded value of ``column`` (rows ``value.<column>.*``)."""
    return words(f"value.{column}", lang)


def long_date(iso: str, lang: str) -> str:
    """2026-04-16 → "16/4/2026" (vi) or "16 April 2026" (en); other text unchanged."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not m:
        return iso
    y, mo, d = (int(x) for x in m.groups())
    if lang == "vi":
        return f"{d}/{mo}/{y}"
    return f"{d} {word(f'month.{mo}', lang)} {y}"


def _said(field: object, lang: str) -> object:
    """A field of a :class:`Problem` in ``lang``: a nested problem said, an OS error by its errno."""
    if isinstance(field, Problem):
        return field.say(lang)
    if isinstance(field, OSError):
        code = errno.errorcode.get(field.errno or 0, "")
        if f"error.os.{code}" in _table():
            return word(f"error.os.{code}", lang)
        return field.strerror or str(field)
    return field


class Problem(str):
    """What is wrong with a file, in English, with its key (row ``error.<key>``) and fields.

    It is the English text (so ``str(error)`` and the tests read English), and
    :meth:`say` gives it in either language. A field may itself be a problem (an
    English phrase such as "crosswalk") or an ``OSError`` (said by its errno,
    rows ``error.os.*``).

    >>> Problem("empty_file").say("vi")
    'tệp rỗng; cần tệp kế hoạch (Word, Excel, PDF hoặc văn bản)'
    """

    key: str
    fields: dict[str, object]

    def __new__(cls, key: str, **fields: object) -> Problem:
        english = word(f"error.{key}", "en", **{k: _said(v, "en") for k, v in fields.items()})
        self = super().__new__(cls, english)
        self.key, self.fields = key, fields
        return self

    def say(self, lang: str = "vi") -> str:
        """The problem in ``lang``."""
        return word(f"error.{self.key}", lang, **{k: _said(v, lang) for k, v in self.fields.items()})


def place(where: int | str | Ref | Iterable[Ref] | None, lang: str = "vi", *, error: bool = True) -> str:
    """A place in a file in ``lang``, the one place a place is said in words: 12 → "dòng 12",
    ``Ref("row", page=3, row=4)`` → "trang 3, dòng 4"; an Excel cell ("Phụ lục!B7") as it is; several
    places (a row a page break splits) each, ``"; "`` between. A place given as text (a
    ``source_ref`` cell read back, an error's place) is read by :func:`plan132lib.refs.parse_refs`
    first; text that names no place stays as written.

    ``error``: the words of an error message (rows ``error.place.*``), else those of a table's
    ``source_ref`` column (rows ``readable.ref.*``, :meth:`Locale.place`).
    """
    if where is None:
        return ""
    if isinstance(where, int):
        return _place_word("line", where, lang, error)
    if isinstance(where, Ref):
        if where.sheet:
            return where.label
        return ", ".join(_place_word(name, n, lang, error) for name, n in where.parts())
    parts = parse_refs(where) if isinstance(where, str) else list(where)
    return SEPARATOR.join(p if isinstance(p, str) else place(p, lang, error=error) for p in parts)


def _place_word(name: str, n: int, lang: str, error: bool) -> str:
    return word(f"error.place.{name}", lang, n=n) if error else word(f"readable.ref.{name}", lang, n=n)


def say_error(error: DataFileError, lang: str = "vi") -> str:
    """``error`` as a reader sees it: "không đọc được FILE, dòng 12: …" (``lang="en"``: "cannot read …").

    A problem raised as a :class:`Problem` is said in ``lang``; any other text stays as raised.
    """
    problem = error.problem.say(lang) if isinstance(error.problem, Problem) else error.problem
    where = error.path + (f", {place(error.line, lang)}" if error.line is not None else "")
    return word("error.frame", lang, where=where, problem=problem)


@dataclass(frozen=True)
class Locale:
    """How one language writes what the outputs say: the words, numbers, percentages, dates and lists.

    Analyses return codes and numbers; a renderer holds a ``Locale`` and asks it for every piece of
    text, so that "7,2" against "7.2" or "a, b và c" against "a, b and c" is decided here once.

    >>> Locale("vi").number(7.25), Locale("en").number(7.25)
    ('7,2', '7.2')
    >>> Locale("vi").percent(0.36), Locale("vi").and_join(["a", "b", "c"])
    ('36%', 'a, b và c')
    """

    lang: str = "vi"

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def say(self, key: str, count: str = "n", **fields: object) -> str:
        """The text of ``key``, filled from ``fields``. Where the field ``count`` is 0 or 1 and a row
        ``<key>.none`` or ``<key>.one`` exists, that row is said instead, so a sentence reads right for
        none, one and many."""
        n = fields.get(count)
        if isinstance(n, int) and not isinstance(n, bool) and n in (0, 1):
            special = f"{key}.{'none' if n == 0 else 'one'}"
            if special in _table():
                return word(special, self.lang, **fields)
        return word(key, self.lang, **fields)

    def has(self, key: str) -> bool:
        """Whether ``words.csv`` holds ``key``."""
        return key in _table()

    def value(self, column: str, code: str) -> str:
        """How the coded value ``code`` of ``column`` reads."""
        return value(column, code, self.lang)

    def number(self, x: float, digits: int = 1) -> str:
        """A decimal number: 7,2 in Vietnamese, 7.2 in English."""
        return self.format(x, f".{digits}f")

    def format(self, x: object, spec: str) -> str:
        """``x`` formatted by ``spec`` (Python's format mini-language) as the language writes numbers:
        in Vietnamese a decimal comma and a space between thousands ("1 234,5"), in English as Python
        writes it ("1,234.5")."""
        text = format(x, spec)
        return text.replace(",", " ").replace(".", ",") if self.lang == "vi" else text

    def percent(self, share: float, digits: int = 0) -> str:
        """A share (0.36) as a percentage ("36%"; "36,5%" with one digit in Vietnamese)."""
        return f"{self.number(share * 100, digits)}%"

    def place(self, where: int | str | Ref | Iterable[Ref] | None) -> str:
        """Where a row stands in its source, in this language: ``Ref("row", page=3, row=4)`` →
        "trang 3, dòng 4" / "page 3, row 4"; a ``source_ref`` cell read back as text, each of its
        places (:func:`place`)."""
        return place(where, self.lang, error=False)

    def date(self, iso: str) -> str:
        """2026-04-16 → "16/4/2026" (vi) or "16 April 2026" (en); other text unchanged."""
        return long_date(iso, self.lang)

    def and_join(self, items: Iterable[object]) -> str:
        """ "a, b và c" / "a, b and c"."""
        shown = [str(i) for i in items]
        if len(shown) < 2:
            return "".join(shown)
        return f"{', '.join(shown[:-1])} {word('brief.and', self.lang)} {shown[-1]}"
