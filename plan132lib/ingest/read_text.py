"""Read the text export (Markdown-like lines, the appendix as tab-separated rows) into a Document.

The text export is what a careful person types or converts from a plan: the
body as paragraphs (``#`` heading marks and ``**``/``<b>`` bold allowed), then
the appendix table, one row per line with cells separated by tabs. Three traps
of the conversion are handled here, because only this format has them:

- a page break splits a paragraph: a blank line, then a line that carries on
  mid-sentence (it starts in lower case and the line before does not end a
  sentence). The two are joined with one space.
- a blank line inside the table is a page break: the next row is marked
  ``page_break_before`` (the interpreter joins a continuation row there).
- a page number left on a line of its own ("12", "- 12 -") is not guessed away:
  it may sit inside a paragraph or between a row and its continuation, so it is
  an error naming the line. So is a table row whose tabs were turned into
  spaces: its cells cannot be told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem
from .document import Cell, Document, Para, Ref, Row, Table
from .headers import column_of
from .source import _BOLD_TAG, _MD_BOLD, SourceLine, lines_from_text, read_lines

_SENTENCE_END = (".", ":", ";", "!", "?")
# A line holding only a page number ("12", "- 12 -", "Trang 12"), left by a conversion.
PAGE_NUMBER = re.compile(r"(?:Trang\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?", re.I)
_STRUCTURE = re.compile(r"^(?:(?:[IVXL]+|\d{1,3})\.\s|(?:[-–•+*]|[a-zđ]\))\s|Nơi nhận\s*:?$)", re.I)


@dataclass
class _Unit:
    parts: list[str]
    lines: list[int]
    bold: bool
    level: int


def join_paragraphs(lines: list[SourceLine]) -> list[Para]:
    """Group body lines into paragraphs, re-joining page-break splits.

    A line joins the paragraph before it when it follows with no blank line
    and starts no new structure (Markdown's soft wrap), or when it comes after
    blank lines, starts in lower case and with no numbering label ("a) "), and the
    paragraph before does not end a sentence (a page break).
    """
    units: list[_Unit] = []
    blank_before = True
    for line in lines:
        if line.blank:
            blank_before = True
            continue
        text = line.text.strip()
        prev = units[-1] if units else None
        soft_wrap = (
            not blank_before
            and prev is not None
            and not line.heading_level
            and not prev.level
            and not _STRUCTURE.match(text)
        )
        page_break = (
            blank_before
            and prev is not None
            and text[:1].islower()
            and not prev.parts[-1].endswith(_SENTENCE_END)
            and not prev.level
            and not _STRUCTURE.match(text)
        )  # "a) …" under a heading without a colon
        if prev is not None and (soft_wrap or page_break):
            prev.parts.append(text)
            prev.lines.append(line.no)
            prev.bold = prev.bold or line.bold
        else:
            units.append(_Unit([text], [line.no], line.bold, line.heading_level))
        blank_before = False
    return [
        Para(" ".join(u.parts), Ref("line", line=u.lines[0]), u.bold, u.level, tuple(u.lines)) for u in units
    ]


def _page_number_problem(text: str) -> str:
    return (
        f"a line holding only {text!r}: a page number left by the conversion? It cannot be "
        "placed (it may split a paragraph or a table row); delete the line"
    )


def _is_spaced_header(text: str) -> bool:
    """A header row whose tabs were turned into spaces ("TT Nội dung thực hiện Cơ quan …")."""
    if not text[:3].casefold().startswith(("tt", "stt", "số")):  # cheap test first: most lines fail it
        return False
    words = text.split(None, 6)
    for n in (1, 2):  # "TT", "STT" or "Số TT"
        if column_of(" ".join(words[:n])) == "tt":
            return any(column_of(" ".join(words[n : n + k])) not in (None, "tt") for k in (1, 2, 3, 4))
    return False


def _is_header_line(line: SourceLine) -> bool:
    cells = line.text.split("\t")
    return len(cells) >= 2 and column_of(cells[0]) == "tt" and column_of(cells[1]) is not None


def _cells(line: SourceLine, ref: Ref) -> tuple[Cell, ...]:
    texts = [t.strip() for t in line.text.split("\t")]
    if not line.bold:  # the cheap, usual case: no emphasis anywhere in the row
        return tuple(Cell(t, ref) for t in texts)
    raws = line.raw.split("\t")
    if len(raws) != len(texts):
        raws = texts
    return tuple(
        Cell(t, ref, bold=bool(t) and bool(_BOLD_TAG.search(r) or _MD_BOLD.search(r)))
        for t, r in zip(texts, raws, strict=True)
    )


def read_text(path: str | Path) -> Document:
    """Read a text export into a :class:`Document`; errors name the line."""
    return document_from_lines(read_lines(path), path)


def text_document(text: str, path: str | Path = "<text>") -> Document:
    """Like :func:`read_text` for text already in memory."""
    return document_from_lines(lines_from_text(text, path), path)


def document_from_lines(lines: list[SourceLine], path: str | Path) -> Document:
    """Body paragraphs up to the table's header row; the table from there to the end."""
    header = None
    for i, line in enumerate(lines):
        if "\t" in line.text:
            if _is_header_line(line):
                header = i
                break
        elif _is_spaced_header(line.text):
            raise PlanParseError(path, line.no, Problem("header_spaces"))
    body = lines if header is None else lines[:header]
    for line in body:
        if PAGE_NUMBER.fullmatch(line.text):
            raise PlanParseError(path, line.no, _page_number_problem(line.text))
    doc = Document(path=str(path), kind="text", raw_lines=[ln.raw for ln in lines])
    doc.blocks.extend(join_paragraphs(body))
    if header is not None:
        doc.blocks.append(_table(lines[header:], path))
    return doc


def _table(lines: list[SourceLine], path: str | Path) -> Table:
    width = len(lines[0].text.split("\t"))
    expected = " | ".join(c.strip() for c in lines[0].text.split("\t"))
    rows: list[Row] = []
    page_break = False
    for line in lines:
        if line.blank:
            page_break = bool(rows)
            continue
        cells = line.text.split("\t")
        if len(cells) != width:
            if len(cells) == 1 and PAGE_NUMBER.fullmatch(cells[0].strip()):
                raise PlanParseError(path, line.no, _page_number_problem(cells[0].strip()))
            raise PlanParseError(
                path,
                line.no,
                Problem(
                    "row_no_tab" if len(cells) == 1 else "row_cells",
                    n=len(cells),
                    width=width,
                    expected=expected,
                ),
            )
        ref = Ref("line", line=line.no)
        rows.append(Row(_cells(line, ref), ref, page_break_before=page_break))
        page_break = False
    return Table(tuple(rows), Ref("line", line=lines[0].no))
