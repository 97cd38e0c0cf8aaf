"""The one reading model every document format is read into.

A reader (text export, Word, PDF, Excel) turns a file into a :class:`Document`:
a sequence of blocks in reading order, each either a :class:`Para` (a paragraph
with its layout cues: bold, heading level) or a :class:`Table` (rows of cells,
with merges and page numbers). The interpreter (:mod:`.parse`) turns a
``Document`` into the plan's structure; it never looks at the file itself.
Adding a format means adding a reader, nothing else.

Every block, row and cell carries a :class:`~plan132lib.refs.Ref`: where it stands in the
file, by its kind and numbers (page, table, row, column or line, paragraph; sheet and cell;
the PDF box). Its label ("line 144", "page 3, row 4", "table 2, row 5", "Phụ lục!B7") is the
published ``source_ref`` text; :meth:`plan132lib.words.Locale.place` says it to a reader.

Text is NFC with odd spaces made plain; a cell keeps its paragraph breaks as
``"\\n"`` (agencies are often listed one per paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..refs import Ref

__all__ = ["MERGE_KINDS", "Block", "Cell", "Document", "Note", "Para", "Ref", "Row", "Table"]

#: How a cell came to be empty in the grid: it holds its own value (``""``), or it is
#: covered by a merged cell above it (``"down"``) or to its left (``"across"``).
MERGE_KINDS = ("", "down", "across")


@dataclass(slots=True)
class Para:
    """A paragraph of running text.

    Attributes:
        text: the paragraph's text, lines joined with single spaces.
        ref: where it starts.
        bold: all (or the leading part) of it is bold.
        level: heading level (1 = title) when the format says so, else 0.
        lines: the text export's line numbers behind it (empty for other formats).
        confidence: read by OCR from a page's image: the mean confidence of its words (0–100);
            None for text the file holds as text.
    """

    text: str
    ref: Ref
    bold: bool = False
    level: int = 0
    lines: tuple[int, ...] = ()
    confidence: float | None = None


@dataclass(slots=True)
class Cell:
    """One cell of a table row, in the table's grid.

    Attributes:
        text: the cell's text; paragraphs inside the cell are joined with "\\n".
        bold: every paragraph with text is bold.
        bold_head: the first paragraph is bold and a later one is not (a group
            title written as a bold first paragraph inside a task's cell).
        merged: ``""`` for a cell with its own value; ``"down"`` when a merged cell
            above covers it (``text`` then repeats that cell's text); ``"across"``
            when the cell to its left covers it (``text`` is empty).
        ref: where the cell stands (a cell of a Word or Excel table; for the text
            export and PDF the row's ref).
        confidence: read by OCR from a page's image: the mean confidence of its words (0–100);
            None for text the file holds as text.
    """

    text: str
    ref: Ref
    bold: bool = False
    bold_head: bool = False
    merged: str = ""
    confidence: float | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class Row:
    """A row of a table. ``page_break_before``: a page break falls just before it."""

    cells: tuple[Cell, ...]
    ref: Ref
    page_break_before: bool = False

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(slots=True)
class Table:
    """A table: rows of cells of equal length (the reader pads short rows)."""

    rows: tuple[Row, ...]
    ref: Ref


Block = Para | Table


@dataclass(frozen=True, slots=True)
class Note:
    """What a reader says about its own reading: a value it could not take as the file gives it, or
    could not check. The validation report says it (row ``finding.note.<key>`` of words.csv, with
    ``fields``), at ``place``.

    Attributes:
        key: what happened: "formula_differs", "formula_external", "external_links", "formulas_saved",
            "formulas_unsaved" (the Excel reader).
        place: where, as a :class:`Ref` label ("Phụ lục!C7"); "" for the whole file.
        fields: the note's values by name (the file's name, the values read), all text.
    """

    key: str
    place: str = ""
    fields: tuple[tuple[str, str], ...] = ()


@dataclass
class Document:
    """A document read into blocks, in reading order.

    Attributes:
        path: the file, as given.
        kind: the format: "text", "docx", "pdf", "xlsx" or "image" (a scanned page's picture).
        blocks: paragraphs and tables in reading order.
        raw_lines: the text export's lines as published (for :meth:`Plan.line`);
            empty for other formats.
        appendix_only: the document holds the appendix table alone (an Excel task
            list): a plan without Sections I–IV is then valid.
        notes: what the reader says about its reading (:class:`Note`), for the validation report.
    """

    path: str
    kind: str
    blocks: list[Block] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)
    appendix_only: bool = False
    notes: list[Note] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paras(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]
