"""Where a row stands in its source: the :class:`Ref`, and the one home of its written form.

A reader (text export, Word, PDF, Excel) gives every block, row and cell a ``Ref`` that carries
its kind and its numbers: the page, table, row, column or line, the paragraph, the Excel sheet
and cell, and the PDF box. Nothing reads a place out of words again:

* :attr:`Ref.label` writes one place in the stable English machine form the published
  ``source_ref`` column keeps ("line 144", "page 3, row 4", "table 2, row 5, column 3",
  "paragraph 12", "Phụ lục!B7"), and :func:`join_refs` writes a row's places, ``"; "`` between
  (a row a page break splits). They are the only producers of that text.
* :func:`split_refs` is the only splitter of a ``source_ref`` cell into its labels, and
  :func:`parse_ref` / :func:`parse_refs` the only parser of labels back into ``Ref``\\ s, for
  where the text alone is at hand (a published CSV a user gives back, an error's place).
* A reader's words for a place are said by :meth:`plan132lib.words.Locale.place` (``"trang 3,
  dòng 4"`` / ``"page 3, row 4"``), from the ``Ref``'s parts.

This module imports nothing of the package, so every layer may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["REF_KINDS", "REF_PARTS", "Ref", "first_ref", "join_refs", "parse_ref", "parse_refs", "split_refs"]

#: What a ref points at: a whole PDF page, a line (of the text export, or of a PDF page), a Word
#: paragraph, a table, a table's row, a cell (of a Word table, or of an Excel sheet).
REF_KINDS = ("page", "line", "paragraph", "table", "row", "cell")
#: The numbered parts a label names, in the order it names them.
REF_PARTS = ("page", "table", "row", "column", "line", "paragraph")
#: Between the places of one ``source_ref`` cell.
SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Ref:
    """Where something stands in its source file.

    Attributes:
        kind: what it points at, one of :data:`REF_KINDS`.
        page: the PDF page, 1-based.
        table: the table, counted from 1 (in the Word file; on the PDF page).
        row: the table's row, counted from 1 (in the Word table; in the table on the PDF page).
        column: the Word table's column, counted from 1.
        line: the text export's line (the ``source_line`` column); None for other formats.
        page_line: the line on a PDF page (a paragraph of a PDF starts there).
        paragraph: the Word paragraph, counted from 1.
        sheet: the Excel sheet's name; ``cell`` its cell ("B7") or range ("A3:H39").
        bbox: the PDF box (x0, top, x1, bottom) in points, for :meth:`Plan.show`.

    >>> Ref("row", page=3, row=4).label
    'page 3, row 4'
    >>> Ref("cell", sheet="Phụ lục", cell="B7").label
    'Phụ lục!B7'
    """

    kind: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    page_line: int | None = None
    paragraph: int | None = None
    sheet: str = ""
    cell: str = ""
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in REF_KINDS:
            raise ValueError(f"a Ref's kind is one of {REF_KINDS}, not {self.kind!r}")

    def parts(self) -> tuple[tuple[str, int], ...]:
        """The numbered parts, in the label's order: (("page", 3), ("row", 4)); empty for Excel."""
        line = self.line if self.line is not None else self.page_line
        numbers = (self.page, self.table, self.row, self.column, line, self.paragraph)
        return tuple((name, n) for name, n in zip(REF_PARTS, numbers, strict=True) if n is not None)

    @property
    def label(self) -> str:
        """The place in the published ``source_ref`` form: "page 3, row 4", "Phụ lục!B7"."""
        if self.sheet:
            return f"{self.sheet}!{self.cell}"
        return ", ".join(f"{name} {n}" for name, n in self.parts())

    def __str__(self) -> str:
        return self.label


def join_refs(refs: Iterable[Ref]) -> str:
    """A row's places as the published ``source_ref`` cell writes them: "page 3, row 9; page 4, row 1"."""
    return SEPARATOR.join(ref.label for ref in refs)


def split_refs(text: object) -> list[str]:
    """The labels of a ``source_ref`` cell, first first; none for an empty or missing cell."""
    if not isinstance(text, str) or not text:
        return []
    return text.split(SEPARATOR)


def first_ref(text: object) -> str:
    """The first label of a ``source_ref`` cell (where the row starts); "" for an empty cell."""
    labels = split_refs(text)
    return labels[0] if labels else ""


_PART = "|".join(REF_PARTS)
_LABEL = re.compile(rf"(?:{_PART}) \d+(?:, (?:{_PART}) \d+)*")
_KIND_OF_LAST = {
    "page": "page",
    "table": "table",
    "row": "row",
    "column": "cell",
    "line": "line",
    "paragraph": "paragraph",
}


def parse_ref(label: str) -> Ref | None:
    """The :class:`Ref` a published label names, for where only the text is at hand (a CSV given
    back, an error's place): the inverse of :attr:`Ref.label`. None for text that is no label
    ("word/document.xml"). An Excel place ("Phụ lục!B7") is taken as a sheet and a cell."""
    if _LABEL.fullmatch(label):
        numbers: dict[str, int] = {}
        for part in label.split(", "):
            name, n = part.split(" ")
            if name in numbers:
                return None
            numbers[name] = int(n)
        if list(numbers) != [p for p in REF_PARTS if p in numbers]:
            return None
        kind = _KIND_OF_LAST[next(reversed(numbers))]
        line = numbers.pop("line", None)
        on_page = "page" in numbers
        return Ref(kind, line=None if on_page else line, page_line=line if on_page else None, **numbers)
    sheet, bang, cell = label.rpartition("!")
    if bang and sheet and re.fullmatch(r"[A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?", cell):
        return Ref("table" if ":" in cell else "cell", sheet=sheet, cell=cell)
    return None


def parse_refs(text: object) -> list[Ref | str]:
    """Each place of a ``source_ref`` cell as a :class:`Ref`; a label :func:`parse_ref` cannot read
    stays as written."""
    return [ref if (ref := parse_ref(label)) is not None else label for label in split_refs(text)]
