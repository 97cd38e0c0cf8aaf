"""Read a PDF plan (with a text layer, as exported from Word) into a :class:`~.document.Document`.

A PDF has no paragraphs or tables, only characters at places on pages and the
lines drawn between them. This reader rebuilds both:

- Tables are the ruled grids pdfplumber finds (``page.find_tables()``). Their
  cells are laid on *column bands*: the x-edges of all cells, with the very
  narrow or never-alone slivers that misaligned borders leave ("phantom
  columns") folded away, so every row has one cell per real column. A table
  that runs on over the next pages (same bands, nothing but a page number
  between) is one :class:`~.document.Table`; its first row on each new page has
  ``page_break_before``. A cell merged across columns leaves ``merged="across"``
  cells, one merged down over rows leaves ``merged="down"`` cells (repeating its
  text) in the rows it covers.
- Body text is everything else: characters grouped into lines, page numbers
  dropped, lines joined into paragraphs by layout cues (numbering, bold,
  first-line indent, spacing, a short line that ends a sentence). Side-by-side
  blocks (issuer beside the national motto, recipients beside the signature) are
  read column by column, each line of them a paragraph unless it clearly wraps.

Places are "page p, line n" (n counts the page's visual lines of body text, top
down, page numbers left out) and "page p, row r" (r counts the table's rows on
that page).

Each page is parsed once (``page.chars``, ``page.find_tables()``); characters are
assigned to cells by bisecting the grid, never by cropping, so reading costs about
what pdfplumber's own ``extract_tables()`` plus ``extract_text()`` cost.

A page without a text layer (a scan) is read from its image by OCR (:mod:`.read_scan`), unless
OCR is off (``ocr="never"``) or not installed: a scan is then refused, with the command that
installs Tesseract.
"""

from __future__ import annotations

import functools
import itertools
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pdfplumber

from ..errors import PlanParseError
from ..words import Problem
from .document import Cell, Document, Para, Ref, Row, Table
from .source import clean_text, unfit_character

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["crop_row_image", "read_pdf"]

#: Symbol-font glyphs (Wingdings, Symbol) that Word's bullets come out as: read as "•".
_SYMBOL_BULLET = re.compile("[\uf000-\uf0ff]")
_BOLD_FONT = re.compile(r"bold|black|heavy|demi|[,-]B(?:I|It|O)?$", re.IGNORECASE)
#: A line that holds only a page number: "2", "- 2 -", "Trang 2", "2/12".
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE
)
#: The start of a paragraph by its numbering: "I.", "1.", "1.2.", "a)", "đ)", bullets, "Nơi nhận".
_STRUCTURE = re.compile(
    r"^(?:[IVXLC]{1,6}\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}\.\d{1,2}\s|[a-zđ]\)\s|[-+•–—*·]|nơi nhận)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-+•–—*·]")
_ENDS_SENTENCE = re.compile(r"[.:;!?…)\]”\"/]$")
_HYPHEN_END = re.compile(r"\w-$")

_TOL = 1.0  # points: row tops closer than this are one row
_PHANTOM_WIDTH = 4.0  # points: a column band (or row) narrower than this is a border artefact
_EDGE_MATCH = 4.0  # points: edges this close are the same column edge
_PHANTOM_MAX = 20.0  # points: a band this narrow that no cell fills alone is not a column
_CELL_PAD = 5.4  # points: Word's and LibreOffice's default left/right cell margin (0.19 cm)

#: Budgets inside a page, checked as pdfminer draws each character (so a page is stopped before
#: it is drawn whole): the bytes of text one operator shows (Word writes a line per operator, some
#: hundred), and the characters on one page (a dense page holds some five thousand).
MAX_RUN_BYTES = 20_000
MAX_PAGE_CHARS = 100_000
#: Text render modes that draw nothing: 3 (invisible, an OCR layer's or a hidden word's) and 7
#: (added to the clipping path only).
_INVISIBLE_MODES = (3, 7)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Word = tuple[float, float, str, int, int]  # x0, x1, text, bold characters, characters
_Char = tuple[float, float, float, float, float, bool, str]  # x0, x1, top, bottom, size, bold, text


# --------------------------------------------------------------------------- lines of text


@dataclass
class _Line:
    """A line of text: characters on one baseline, split into words."""

    words: list[Word]
    top: float
    bottom: float
    size: float
    trailing: bool = False  # a space character ends the line (kept from a soft wrap)
    page: int = 0
    no: int = 0  # the visual line number on the page (body text only)
    scanned: bool = False  # read by OCR: its words' boxes are the ink's, measured to a point or two

    @property
    def x0(self) -> float:
        return self.words[0][0]

    @property
    def x1(self) -> float:
        return self.words[-1][1]

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def text(self) -> str:
        return " ".join(w[2] for w in self.words)

    @property
    def n_bold(self) -> int:
        return sum(w[3] for w in self.words)

    @property
    def n_chars(self) -> int:
        return sum(w[4] for w in self.words)

    @property
    def bold(self) -> bool:
        return self.n_chars > 0 and self.n_bold >= 0.9 * self.n_chars

    def first_word_width(self) -> float:
        return self.words[0][1] - self.words[0][0]

    def first_char_width(self) -> float:
        x0, x1, text = self.words[0][:3]
        return (x1 - x0) / max(len(text), 1)


def _clean(text: str) -> str:
    """The text as every reader cleans it (:func:`~.source.clean_text`: NFC, invisible
    characters removed, odd spaces made plain), tabs as spaces, symbol-font bullets as "•"."""
    return clean_text(_SYMBOL_BULLET.sub("•", text)).replace("\t", " ")


@functools.lru_cache(maxsize=256)
def _is_bold(fontname: str) -> bool:
    """Whether a font is a bold face, by its name ("TimesNewRomanPS-BoldMT", "Arial,Bold")."""
    return bool(_BOLD_FONT.search(fontname.split("+", 1)[-1]))


def _upper(text: str) -> bool:
    """Written in capitals (at least two letters, none in lower case)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _join_lines(texts: list[str]) -> str:
    """Wrapped lines joined with spaces; not after a hyphen inside a word ("SNNMT-" + "QLMT")."""
    out = texts[0]
    for text in texts[1:]:
        out += text if _HYPHEN_END.search(out) and text[:1].isalnum() else " " + text
    return out


def _lines_of(chars: list[_Char]) -> list[_Line]:
    """Group characters into lines (by vertical overlap), top down, each split into words."""
    if not chars:
        return []
    chars.sort(key=lambda c: c[2])
    groups: list[list[_Char]] = []
    ref_top = ref_bottom = 0.0
    for c in chars:
        mid = (c[2] + c[3]) / 2
        if groups and ref_top - 0.5 <= mid <= ref_bottom + 0.5:
            groups[-1].append(c)
            if c[3] - c[2] > ref_bottom - ref_top:  # the tallest character sets the line's span
                ref_top, ref_bottom = c[2], c[3]
        else:
            groups.append([c])
            ref_top, ref_bottom = c[2], c[3]
    lines = []
    for group in groups:
        group.sort(key=lambda c: c[0])
        line = _line_of(group)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _stamped_over(group: list[_Char]) -> list[_Char]:
    """The line without the blanks something visible is drawn over: a number or a date stamped into
    the blank left for it ("Số:      /KH-UBND" with "277" on top, an e-signature's field) reads
    "Số:277 /KH-UBND", not "2 7 7" with the blanks between its digits."""
    ink = sorted((c[0], c[1]) for c in group if not c[6].isspace())
    if len(ink) == len(group):
        return group
    starts = [x0 for x0, _ in ink]
    reach = list(
        itertools.accumulate((x1 for _, x1 in ink), max)
    )  # the furthest right any ink so far reaches

    def covered(c: _Char) -> bool:
        k = bisect_right(starts, (c[0] + c[1]) / 2) - 1  # the last ink starting left of the blank's middle
        return k >= 0 and reach[k] > (c[0] + c[1]) / 2

    return [c for c in group if not (c[6].isspace() and covered(c))]


def _line_of(group: list[_Char]) -> _Line | None:
    """One line from its characters (sorted by x): words split at spaces and at wide gaps."""
    group = _stamped_over(group)
    words: list[Word] = []
    parts: list[str] = []
    x0 = x1 = 0.0
    n_bold = 0
    sizes = []
    prev: _Char | None = None
    trailing = False
    for c in group:
        text = c[6]
        if prev is not None and text == prev[6] and abs(c[0] - prev[0]) < 0.5 and abs(c[2] - prev[2]) < 0.5:
            continue  # the same glyph drawn twice (fake bold)
        prev = c
        trailing = text.isspace()
        if trailing or (parts and c[0] - x1 > 0.2 * max(c[4], 1.0)):
            if parts:
                words.append(_word(parts, x0, x1, n_bold))
                parts = []
            if trailing:
                continue
        if not parts:
            x0, x1, n_bold = c[0], c[1], 0
        parts.append(text)
        x1 = max(x1, c[1])
        n_bold += c[5]
        sizes.append(c[4])
    if parts:
        words.append(_word(parts, x0, x1, n_bold))
    words = [w for w in words if w[2]]
    if not words:
        return None
    sizes.sort()
    return _Line(words, min(c[2] for c in group), max(c[3] for c in group), sizes[len(sizes) // 2], trailing)


def _word(parts: list[str], x0: float, x1: float, n_bold: int) -> Word:
    return (x0, x1, _clean("".join(parts)).strip(), n_bold, len(parts))


# --------------------------------------------------------------------------- tables


@dataclass
class _Fragment:
    """A table as found on one page."""

    page: int
    bbox: Box
    cells: list[Box]
    index: int = 1  # the table's place among the page's tables, top down
    edges: list[float] = field(default_factory=list)  # the fragment's own column edges
    chars: dict[int, list[_Char]] = field(default_factory=dict)  # cell index -> its characters
    scanned: bool = False  # read by OCR from the page's image


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted values merged where neighbours are within ``tol`` (each cluster by its mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _bands(cells: list[Box]) -> list[float]:
    """The column edges of a table: cell x-edges, with phantom slivers folded away.

    Edges closer than ``_PHANTOM_WIDTH`` are one edge. A narrow band that no cell
    occupies alone exists only because the borders of different rows are misaligned:
    of its two edges, the one fewer cells use is dropped.
    """
    xs = [x for c in cells for x in (c[0], c[2])]
    edges = _cluster(xs, _PHANTOM_WIDTH)
    while len(edges) > 2:
        alone = [False] * (len(edges) - 1)
        for x0, _, x1, _ in cells:
            i = bisect_left(edges, x0 - _EDGE_MATCH)
            if i < len(edges) - 1 and abs(edges[i] - x0) <= _EDGE_MATCH:
                alone[i] = alone[i] or abs(edges[i + 1] - x1) <= _EDGE_MATCH
        phantom = [i for i, ok in enumerate(alone) if not ok and edges[i + 1] - edges[i] < _PHANTOM_MAX]
        if not phantom:
            break
        i = phantom[0]
        uses = [sum(1 for x in xs if abs(x - e) <= _EDGE_MATCH) for e in (edges[i], edges[i + 1])]
        if i == 0 or (i < len(edges) - 2 and uses[1] < uses[0]):
            del edges[i + 1]
        else:
            del edges[i]
    return edges


def _covered_bands(edges: list[float], x0: float, x1: float) -> list[int]:
    """The bands a cell spans: those it overlaps by more than half (of the band or of the cell)."""
    out, best, best_overlap = [], 0, -1.0
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        overlap = min(b, x1) - max(a, x0)
        if overlap > 0.5 * min(b - a, x1 - x0):
            out.append(i)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return out or [best]


def _grid(
    cells: list[Box], tops: list[float], edges: list[float]
) -> tuple[list[list[int | None]], dict[int, tuple[int, list[int]]]]:
    """Which cell covers each (row, band) place, and each cell's first row and bands."""
    n_rows = len(tops)
    grid: list[list[int | None]] = [[None] * (len(edges) - 1) for _ in range(n_rows)]
    spans: dict[int, tuple[int, list[int]]] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        r0 = min(bisect_left(tops, top - _TOL), n_rows - 1)
        r1 = max(bisect_left(tops, bottom - _TOL), r0 + 1)
        cols = _covered_bands(edges, x0, x1)
        spans[i] = (r0, cols)
        for r in range(r0, r1):
            for c in cols:
                if grid[r][c] is None:
                    grid[r][c] = i
    return grid, spans


def _compatible(a: list[float], b: list[float]) -> bool:
    """Two fragments' column edges: the same columns (one may lack a few inner edges)."""
    if abs(a[0] - b[0]) > 2 * _EDGE_MATCH or abs(a[-1] - b[-1]) > 2 * _EDGE_MATCH:
        return False
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(abs(x - y) <= _EDGE_MATCH for y in big) for x in small)


@dataclass
class _CellText:
    text: str
    bold: bool = False
    bold_head: bool = False


def _cell_text(lines: list[_Line], box: Box, spaces_kept: bool) -> _CellText:
    """A cell's text: wrapped lines joined with spaces, paragraph breaks kept as newlines.

    A line starts a paragraph when the next line's first word would have fitted on it,
    or it starts with a bullet after a finished sentence. ``spaces_kept``: this column
    keeps the space at the end of a soft-wrapped line (LibreOffice does, for
    left-aligned text), so a left-aligned line without one, with room for it, ends a
    paragraph; a one-word line that fills the column is a word cut at the column's
    edge and is joined back without a space.
    """
    if not lines:
        return _CellText("")
    left = min(ln.x0 for ln in lines)
    centers = [(ln.x0 + ln.x1) / 2 for ln in lines]
    middle = (box[0] + box[2]) / 2
    centered = (
        len(lines) > 1
        and max(centers) - min(centers) <= 2.0
        and (
            max(ln.x0 for ln in lines) - left > 2.0
            or (abs(centers[0] - middle) <= 2.0 and left - box[0] > 7.0)
        )
    )
    pad = min(max(left - box[0], 0.0), _CELL_PAD if centered else 6.0)
    inner = (box[0] + pad, box[2] - pad)
    paras: list[list[str]] = [[lines[0].text]]
    bold = [[lines[0].n_bold, lines[0].n_chars]]
    for prev, line in itertools.pairwise(lines):
        aligned_left = not centered and prev.x0 <= left + 1.5
        room = inner[1] - prev.x1 if aligned_left else (inner[1] - inner[0]) - prev.width
        space, word = 0.25 * line.size, line.first_word_width()
        after_sentence = bool(_BULLET.match(line.text) and _ENDS_SENTENCE.search(prev.text))
        if prev.trailing and room < space + word + 3.0:
            new = after_sentence  # a soft wrap for sure
        elif room >= space + word + 1.0:
            new = True  # the word would clearly have fitted: the line was ended on purpose
        elif spaces_kept and aligned_left and not prev.trailing and room >= space:
            new = True  # a soft wrap's space would have been drawn
        elif (
            spaces_kept
            and aligned_left
            and not prev.trailing
            and len(prev.words) == 1
            and room < line.first_char_width()
            and not _BULLET.match(line.text)
        ):
            paras[-1][-1] += line.text  # a word too long for the column, cut at its edge
            bold[-1][0] += line.n_bold
            bold[-1][1] += line.n_chars
            continue
        else:
            new = after_sentence
        if new:
            paras.append([line.text])
            bold.append([line.n_bold, line.n_chars])
        else:
            paras[-1].append(line.text)
            bold[-1][0] += line.n_bold
            bold[-1][1] += line.n_chars
    bolds = [n_chars > 0 and n_bold >= n_chars for n_bold, n_chars in bold]
    text = "\n".join(_join_lines(p) for p in paras)
    return _CellText(text, all(bolds), bolds[0] and not all(bolds[1:]) and len(paras) > 1)


#: Words a line cannot end a paragraph on: it runs on ("Sở Văn hóa và" / "Thể thao").
_RUNS_ON = frozenset(
    (
        "và",
        "hoặc",
        "của",
        "với",
        "các",
        "cho",
        "theo",
        "tại",
        "trong",
        "về",
        "để",
        "những",
        "từ",
        "đến",
        "trên",
        "dưới",
        "là",
        "được",
        "có",
        "bằng",
        "thuộc",
        "do",
        "mà",
        "nhưng",
        "khi",
        "sau",
        "trước",
        "giữa",
        "qua",
        "vào",
        "ra",
    )
)
_SENTENCE_END = re.compile(r"[.:;!?…]$")


def _runs_on(text: str) -> bool:
    """Whether a line ends on a word no paragraph ends on (:data:`_RUNS_ON`), with no stop after it."""
    words = text.split()
    return bool(words) and words[-1].casefold() in _RUNS_ON


def _word_cell_text(lines: list[_Line], box: Box, scanned: bool = False) -> _CellText:
    """A cell's text as Word exports it: its lines end all with a space or all without one,
    so the space says nothing of where a paragraph ends (LibreOffice keeps it at a soft
    wrap only, see :func:`_cell_text`). Lines are joined with a space unless:

    - a gap wider than the lines' spacing stands between them (space between paragraphs);
    - the next line's first word would have fitted on the line within the cell's widest
      line (so the line was ended on purpose), unless the line ends on a comma, a dash or
      a word that runs on ("và", "của", "các", …) or the next starts in lower case and the
      line ends no sentence (a line broken by hand inside a phrase, to balance centred text);
    - the line could have held the word within the cell (not within the widest line) and
      does not end so, and either the line ends a sentence, the next starts with a bullet,
      or the text is left-aligned and the line far from full (not on a scanned page, where OCR's
      measures are too rough to tell a narrow column's wrap from a line ended on purpose). Centred
      text is often broken by hand to balance its lines: its widest line is taken as its measure.
    """
    if not lines:
        return _CellText("")
    steps = sorted(b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top)
    pitch = steps[0] if steps else lines[0].size * 1.2
    left = min(ln.x0 for ln in lines)
    centers = [(ln.x0 + ln.x1) / 2 for ln in lines]
    centered = (
        len(lines) > 1 and max(centers) - min(centers) <= 2.0 and max(ln.x0 for ln in lines) - left > 2.0
    )

    def used(line: _Line) -> float:  # how much of the line's measure the line takes
        return line.width if centered else line.x1 - left

    widest = max(used(ln) for ln in lines)
    # how much room a line must have left to have been ended on purpose: a point, or half the font's
    # size on a scanned page (OCR's boxes are the ink's, not the characters' advances)
    slack = 0.5 * lines[0].size if scanned else 1.0
    whole = (box[2] - box[0] - 2.0) if centered else box[2] - 1.0 - left  # the cell, inside its borders
    paras: list[list[_Line]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        text, before = line.text, prev.text
        need = used(prev) + 0.25 * line.size + line.first_word_width()
        ends = bool(_SENTENCE_END.search(before))
        bullet = bool(_BULLET.match(text))
        lower = text[:1].islower()
        if line.top - prev.top > 1.35 * pitch + 1.0 or line.size - prev.size > 1.0:
            new = True
        elif before.endswith((",", "-", "–", "/")) or _runs_on(before):
            new = bullet and need <= widest - slack
        elif lower and not bullet:
            new = ends and need <= widest - slack
        elif need <= widest - slack:
            new = True
        elif need > whole:
            new = bullet and ends
        else:  # it fits the cell, not the widest line: centred text takes the widest as its measure
            new = ends or bullet or (not centered and not scanned and used(prev) < 0.85 * whole)
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    bolds = [
        sum(ln.n_chars for ln in p) > 0 and sum(ln.n_bold for ln in p) >= sum(ln.n_chars for ln in p)
        for p in paras
    ]
    text = "\n".join(_join_lines([ln.text for ln in p]) for p in paras)
    return _CellText(text, all(bolds), bolds[0] and not all(bolds[1:]) and len(paras) > 1)


def _table_from(fragments: list[_Fragment]) -> Table:
    """One table from its fragments on consecutive pages, on the union of their column bands."""
    edges = _bands([c for f in fragments for c in f.cells])
    rows: list[Row] = []
    all_lines = [{i: _lines_of(frag.chars.get(i, [])) for i in range(len(frag.cells))} for frag in fragments]
    word = _word_made(all_lines)
    for k, frag in enumerate(fragments):
        tops = _cluster([c[1] for c in frag.cells], _TOL)
        grid, spans = _grid(frag.cells, tops, edges)
        cell_lines = all_lines[k]
        if word:
            texts = {i: _word_cell_text(cell_lines[i], frag.cells[i], frag.scanned) for i in spans}
        else:
            kept = [False] * (len(edges) - 1)  # the column keeps the space at the end of wrapped lines
            for i, (_, cols) in spans.items():
                if any(ln.trailing for ln in cell_lines[i][:-1]):
                    kept[cols[0]] = True
            texts = {i: _cell_text(cell_lines[i], frag.cells[i], kept[spans[i][1][0]]) for i in spans}
        start: dict[int, tuple[int, int]] = {}
        for i, (r0, cols) in spans.items():
            mine = [c for c in cols if grid[r0][c] == i]
            if mine:
                start[i] = (r0, mine[0])
            elif texts[i].text and (owner := grid[r0][cols[0]]) is not None:
                # a cell that lost its place to an overlapping one: its text goes there
                t = texts[owner]
                texts[owner] = _CellText(f"{t.text}\n{texts[i].text}".strip(), t.bold and texts[i].bold)
        n = 0
        for r, slots in enumerate(grid):
            here = {i for i in slots if i is not None}
            own = [frag.cells[i] for i in here if start.get(i, (-1,))[0] == r]
            bottom = min((c[3] for c in own), default=tops[r + 1] if r + 1 < len(tops) else frag.bbox[3])
            if bottom - tops[r] < _PHANTOM_WIDTH and not any(texts[i].text for i in here):
                continue  # a sliver between doubled borders, not a row
            n += 1
            ref = Ref("row", page=frag.page, row=n, bbox=(frag.bbox[0], tops[r], frag.bbox[2], bottom))
            cells = _row_cells(slots, r, start, texts, frag, ref)
            rows.append(Row(cells, ref, page_break_before=k > 0 and n == 1))
    first = fragments[0]
    return Table(tuple(rows), Ref("table", page=first.page, table=first.index, bbox=first.bbox))


def _word_made(cell_lines: list[dict[int, list[_Line]]]) -> bool:
    """Whether a table's cells end their lines as Word does: a space after the last line of
    most cells (Word 2016 draws one after every line), or no space after any line.

    LibreOffice draws the space at a soft wrap only: some lines inside cells end with one,
    the last lines of cells do not.
    """
    n_cells = n_last = n_inner = 0
    for frag in cell_lines:
        for lines in frag.values():
            if lines:
                n_cells += 1
                n_last += lines[-1].trailing
                n_inner += sum(ln.trailing for ln in lines[:-1])
    return n_cells > 0 and (n_last >= 0.5 * n_cells or n_inner == 0)


def _row_cells(
    slots: list[int | None],
    r: int,
    start: dict[int, tuple[int, int]],
    texts: dict[int, _CellText],
    frag: _Fragment,
    ref: Ref,
) -> tuple[Cell, ...]:
    """The cells of grid row ``r``: own values, and the places that merged cells cover."""
    cells = []
    for c, i in enumerate(slots):
        if i is None or i not in start:
            cells.append(Cell("", ref))
            continue
        r0, c0 = start[i]
        t = texts[i]
        if (r0, c0) == (r, c):
            own = replace(ref, bbox=frag.cells[i])
            cells.append(Cell(t.text, own, bold=t.bold, bold_head=t.bold_head))
        elif c0 == c:
            cells.append(Cell(t.text, ref, bold=t.bold, bold_head=t.bold_head, merged="down"))
        else:
            cells.append(Cell("", ref, merged="across"))
    return tuple(cells)


# --------------------------------------------------------------------------- pages


@dataclass
class _Region:
    """Side-by-side text: a left and a right column on the same lines."""

    left: list[_Line]
    right: list[_Line]


@dataclass
class _Page:
    """One page's pieces in reading order: body lines, side-by-side regions, tables."""

    no: int
    width: float
    height: float
    items: list[tuple[float, str, Any]] = field(default_factory=list)  # (top, kind, payload)


class _TooMuch(Exception):
    """A page refused (the problem: past a budget of :func:`_draw`, or holding a character no text
    holds), or the reading past its time (None)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(problem)
        self.problem = problem


def _draw(page: Any, deadline: float) -> None:
    """Draw the page's layout as pdfplumber does (``page.layout``), within the page budgets and
    the time left: a text run past :data:`MAX_RUN_BYTES`, a page past :data:`MAX_PAGE_CHARS` or the
    clock past ``deadline`` raises :class:`_TooMuch` as soon as it is met, inside the page.

    Text drawn invisible (text render mode 3, or 7: a clipping path only) is left out: nobody
    reading the page sees it, so it is not the plan's (pdfplumber keeps it, and says nothing of it).
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.utils import mult_matrix
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        n_chars = 0
        hidden = False

        def render_string(self, textstate: Any, seq: Any, *args: Any) -> None:
            n = sum(len(item) for item in seq if isinstance(item, bytes))
            if n > MAX_RUN_BYTES:
                raise _TooMuch(Problem("pdf_run_budget", n=f"{n:,}", limit=f"{MAX_RUN_BYTES:,}"))
            self.hidden = textstate.render in _INVISIBLE_MODES
            super().render_string(textstate, seq, *args)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.n_chars += 1
            if self.n_chars > MAX_PAGE_CHARS:
                raise _TooMuch(Problem("pdf_page_budget", limit=f"{MAX_PAGE_CHARS:,}"))
            if self.n_chars % 256 == 0 and time.perf_counter() > deadline:
                raise _TooMuch(None)
            advance = float(super().render_char(*args, **kwargs))
            if self.hidden:  # drawn to move the pen on, then left out
                self.cur_item._objs.pop()
            return advance

    class Interpreter(PDFPageInterpreter):  # type: ignore[misc]
        def process_page(self, pdf_page: Any) -> None:  # pdfminer's, and the annotations' appearances
            x0, y0, x1, y1 = pdf_page.mediabox
            ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1), 270: (0, 1, -1, 0, y1, -x0)}.get(
                pdf_page.rotate, (1, 0, 0, 1, -x0, -y0)
            )
            self.device.begin_page(pdf_page, ctm)
            self.render_contents(pdf_page.resources, pdf_page.contents, ctm=ctm)
            for resources, stream, matrix in _appearances(pdf_page):
                self.render_contents(resources, [stream], ctm=mult_matrix(matrix, ctm))
            self.device.end_page(pdf_page)

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # what pdfplumber's page.layout keeps, read by page.chars


#: Annotation flags (PDF 32000-1, 12.5.3) of an annotation nobody sees on the page: Hidden, NoView.
_UNSEEN_FLAGS = 0b10 | 0b100000


def _appearances(pdf_page: Any) -> list[tuple[Any, Any, tuple[float, ...]]]:
    """The normal appearances of the page's visible annotations, each (resources, stream, matrix
    placing it on the page): what a viewer draws over the content. An e-signed Vietnamese document
    has its number and its date stamped this way, as signature fields ("Số: 277", "ngày 14 tháng
    7"), so they are read as the page shows them (PDF 32000-1, 12.5.5)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.utils import apply_matrix_pt, mult_matrix

    out: list[tuple[Any, Any, tuple[float, ...]]] = []
    for ref in resolve1(pdf_page.annots) or []:
        annot = resolve1(ref)
        if not isinstance(annot, dict) or int(resolve1(annot.get("F")) or 0) & _UNSEEN_FLAGS:
            continue
        appearance = resolve1(annot.get("AP"))
        normal = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
        if isinstance(normal, dict):  # appearances by state: the one the annotation is in
            normal = resolve1(normal.get(getattr(resolve1(annot.get("AS")), "name", "")))
        if not isinstance(normal, PDFStream):
            continue
        try:
            rect = [float(v) for v in resolve1(annot.get("Rect"))]
            bbox = [float(v) for v in resolve1(normal.get("BBox"))]
            form = tuple(float(v) for v in resolve1(normal.get("Matrix")) or (1, 0, 0, 1, 0, 0))
        except (TypeError, ValueError):
            continue
        corners = [apply_matrix_pt(form, (x, y)) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
        bx0, by0 = min(x for x, _ in corners), min(y for _, y in corners)
        bx1, by1 = max(x for x, _ in corners), max(y for _, y in corners)
        if bx1 <= bx0 or by1 <= by0 or len(rect) != 4:
            continue
        sx, sy = (rect[2] - rect[0]) / (bx1 - bx0), (rect[3] - rect[1]) / (by1 - by0)
        to_rect = (sx, 0.0, 0.0, sy, min(rect[0], rect[2]) - bx0 * sx, min(rect[1], rect[3]) - by0 * sy)
        out.append((resolve1(normal.get("Resources")) or {}, normal, mult_matrix(form, to_rect)))
    return out


def _read_page(page: Any, no: int, deadline: float = float("inf")) -> tuple[_Page, int]:
    """Read one page: its tables (with their cells' characters) and its body lines.

    Returns the page and its number of visible characters.
    """
    _draw(page, deadline)
    raw = [ch for ch in page.chars if ch["text"]]
    unfit = unfit_character("".join(ch["text"] for ch in raw).replace("\t", " ").replace("\n", " "))
    if unfit is not None:  # refused as the text reader refuses it, naming the page
        raise _TooMuch(unfit)
    seal = _seal_ink(raw)
    chars: list[_Char] = [
        (ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["size"], _is_bold(ch["fontname"]), ch["text"])
        for ch in raw
        if not (seal and _in_seal(ch, seal))
    ]
    tables = [(tuple(table.bbox), [tuple(c) for c in table.cells]) for table in page.find_tables()]
    out = page_of(no, float(page.width), float(page.height), chars, tables)  # type: ignore[arg-type]
    return out, sum(1 for c in chars if not c[6].isspace())


def page_of(
    no: int,
    width: float,
    height: float,
    chars: list[_Char],
    tables: list[tuple[Box, list[Box]]],
    scanned: bool = False,
) -> _Page:
    """One page's pieces in reading order from its characters and its ruled tables (each its box
    and its cells' boxes, in points): the text layer's, or what OCR read from the page's image
    (``scanned``: the line and paragraph cues then allow for OCR's measures)."""
    out = _Page(no, width, height)
    fragments: list[tuple[_Fragment, list[float], list[list[int | None]]]] = []
    for bbox, cells in tables:
        frag = _Fragment(no, bbox, _without_margins(cells, chars), scanned=scanned)
        if frag.cells:
            frag.edges = _bands(frag.cells)
            tops = _cluster([c[1] for c in frag.cells], _TOL)
            fragments.append((frag, tops, _grid(frag.cells, tops, frag.edges)[0]))
    body: list[_Char] = []
    for c in chars:
        cx, cy = (c[0] + c[1]) / 2, (c[2] + c[3]) / 2
        for frag, tops, grid in fragments:
            b = frag.bbox
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                r = max(bisect_right(tops, cy) - 1, 0)
                col = min(max(bisect_right(frag.edges, cx) - 1, 0), len(frag.edges) - 2)
                i = grid[r][col]
                if i is None or not _inside(frag.cells[i], cx, cy):
                    i = next((k for k, box in enumerate(frag.cells) if _inside(box, cx, cy)), None)
                if i is not None:
                    frag.chars.setdefault(i, []).append(c)
                    break
        else:
            body.append(c)
    lines = _lines_of(body)
    for ln in lines:
        ln.scanned = scanned
    spans = [(ln.top, ln.bottom) for ln in lines]
    boxes = [(f.bbox[1], f.bbox[3]) for f, *_ in fragments]
    lines = [ln for ln in lines if not _furniture(ln, out.height, spans, boxes)]
    for k, ln in enumerate(lines, 1):
        ln.page, ln.no = no, k
    placed = sorted((f for f, *_ in fragments), key=lambda f: f.bbox[1])
    runs: list[list[_Line]] = [[] for _ in range(len(placed) + 1)]  # body lines between tables
    t_tops = [f.bbox[1] for f in placed]
    for ln in lines:
        runs[bisect_right(t_tops, ln.top)].append(ln)
    for k, run in enumerate(runs):
        _add_run(run, out)
        if k < len(placed):
            placed[k].index = k + 1
            out.items.append((placed[k].bbox[1], "table", placed[k]))
    out.items.sort(key=lambda it: it[0])
    return out


_MARGIN_COLUMN = 8.0  # points: a cell narrower than this is a cell margin drawn as a column


def _without_margins(cells: list[Box], chars: list[_Char]) -> list[Box]:
    """The table's cells less the very narrow empty ones Word draws for cell margins.

    Their edges then bound a band no cell fills alone, which :func:`_bands` folds into
    its neighbours, so every row has one cell per real column.
    """
    narrow = [c for c in cells if c[2] - c[0] < _MARGIN_COLUMN]
    if not narrow:
        return cells
    full = {c for c in narrow if any(_inside(c, (ch[0] + ch[1]) / 2, (ch[2] + ch[3]) / 2) for ch in chars)}
    return [c for c in cells if c[2] - c[0] >= _MARGIN_COLUMN or c in full]


_Ink = tuple[tuple[float, ...], Box]


def _turned(ch: dict[str, Any]) -> bool:
    """Whether a character is drawn turned (its matrix rotates it)."""
    a, b, c, d = ch["matrix"][:4]
    return abs(b) > 1e-3 * max(abs(a), 1e-9) or abs(c) > 1e-3 * max(abs(d), 1e-9)


def _dark(color: Any) -> bool:
    """Black or grey ink (a colour with little chroma and little lightness), or no colour said."""
    if not isinstance(color, (tuple, list)) or len(color) not in (3, 4):
        return True
    values = [float(v) for v in color]
    if len(values) == 4:  # CMYK: dark when K is high or C, M, Y are equal
        c, m, y, k = values
        return k > 0.6 or max(c, m, y) - min(c, m, y) < 0.2
    return max(values) - min(values) < 0.25 and max(values) < 0.5


def _seal_ink(chars: list[dict[str, Any]]) -> list[_Ink]:
    """The seals stamped over a page: for each coloured ink in which some text is turned (set
    round a circle), that ink and the box its turned text spans (10 points wider)."""
    boxes: dict[tuple[float, ...], list[float]] = {}
    for ch in chars:
        if not _turned(ch) or _dark(ch.get("non_stroking_color")):
            continue
        key = tuple(ch["non_stroking_color"])
        box = boxes.setdefault(key, [ch["x0"], ch["top"], ch["x1"], ch["bottom"]])
        box[:] = [
            min(box[0], ch["x0"]),
            min(box[1], ch["top"]),
            max(box[2], ch["x1"]),
            max(box[3], ch["bottom"]),
        ]
    return [(key, (b[0] - 10, b[1] - 10, b[2] + 10, b[3] + 10)) for key, b in boxes.items()]


def _in_seal(ch: dict[str, Any], seals: list[_Ink]) -> bool:
    """A character of a seal: in a seal's ink and inside its box."""
    color = ch.get("non_stroking_color")
    key = tuple(color) if isinstance(color, (tuple, list)) else None
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(key == ink and _inside(box, x, y) for ink, box in seals)


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _furniture(
    line: _Line, height: float, spans: list[tuple[float, float]], boxes: list[tuple[float, float]]
) -> bool:
    """A page number alone in the top or bottom margin, set apart from the text around it
    (8 points from other lines; clear of a table, which Word can start just under it)."""
    in_margin = line.bottom < 0.12 * height or line.top > 0.85 * height
    if not in_margin or not _PAGE_NUMBER.match(line.text):
        return False
    others = [(top, bottom) for top, bottom in spans if (top, bottom) != (line.top, line.bottom)]
    return all(max(top - line.bottom, line.top - bottom) >= 8.0 for top, bottom in others) and all(
        max(top - line.bottom, line.top - bottom) >= 1.0 for top, bottom in boxes
    )


def _add_run(run: list[_Line], out: _Page) -> None:
    """Add a run of body lines to the page: plain lines, and side-by-side regions as such."""
    i = 0
    while i < len(run):
        line = run[i]
        region = _region_at(run, i)
        if region is None:
            out.items.append((line.top, "line", line))
            i += 1
        else:
            left, right, i = region
            out.items.append((line.top, "region", _Region(left, right)))


def _gaps(line: _Line) -> list[tuple[float, float]]:
    """Wide horizontal gaps between the words of a line (candidate column gutters)."""
    least = max(2.0 * line.size, 18.0)
    w = line.words
    return [(w[i][1], w[i + 1][0]) for i in range(len(w) - 1) if w[i + 1][0] - w[i][1] >= least]


def _region_at(run: list[_Line], i: int) -> tuple[list[_Line], list[_Line], int] | None:
    """A two-column region starting at line ``i``: (left lines, right lines, index after it).

    A region is two or more lines with words on both sides of a common gutter (or one
    line with a very wide one), with the lines next to them that stay on one side.
    """
    first = run[i]
    for gutter in _gaps(first):
        left: list[_Line] = []
        right: list[_Line] = []
        both = 0
        widest = 0.0
        j = i
        last_bottom = first.top
        while j < len(run):
            line = run[j]
            if line.top - last_bottom > 7 * line.size:
                break
            split = _split_at(line, gutter)
            if split is None:  # a word crosses the gutter: the region ends
                break
            lw, rw = split
            if lw and rw:
                both += 1
                widest = max(widest, rw[0][0] - lw[-1][1])
            elif j > i and not _near_column(lw or rw, left if lw else right):
                break
            gutter = (
                max(gutter[0], lw[-1][1]) if lw else gutter[0],
                min(gutter[1], rw[0][0]) if rw else gutter[1],
            )
            if gutter[1] - gutter[0] < 6:
                break
            if lw:
                left.append(_sub_line(line, lw))
            if rw:
                right.append(_sub_line(line, rw))
            last_bottom = line.bottom
            j += 1
        if both >= 2 or (both == 1 and widest >= 4 * first.size):
            return left, right, j
    return None


def _split_at(line: _Line, gutter: tuple[float, float]) -> tuple[list[Word], list[Word]] | None:
    """A line's words left and right of a gutter, or None when a word crosses it."""
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    left: list[Word] = []
    right: list[Word] = []
    for w in line.words:
        if w[1] <= g1 - 6 and (w[0] + w[1]) / 2 < mid:
            left.append(w)
        elif w[0] >= g0 + 6 and (w[0] + w[1]) / 2 >= mid:
            right.append(w)
        else:
            return None
    if left and right and left[-1][1] > right[0][0]:
        return None
    return left, right


def _near_column(words: list[Word], column: list[_Line]) -> bool:
    """Whether a one-sided line lies where its column's lines are (within 15 points)."""
    if not column:
        return False
    x0 = min(ln.x0 for ln in column) - 15
    return x0 <= words[0][0] <= max(ln.x0 for ln in column) + 15 or (
        words[0][0] >= x0 and words[-1][1] <= max(ln.x1 for ln in column) + 15
    )


def _sub_line(line: _Line, words: list[Word]) -> _Line:
    """The part of a line made of some of its words."""
    trailing = line.trailing and words[-1] is line.words[-1]
    return _Line(
        words,
        line.top,
        line.bottom,
        line.size,
        trailing=trailing,
        page=line.page,
        no=line.no,
        scanned=line.scanned,
    )


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Layout:
    """What splitting a stream of lines into paragraphs needs to know."""

    left: float  # the text block's left edge
    right: float  # its right edge
    pitch: float  # the usual distance between the tops of a paragraph's lines
    column: bool = False  # one of two side-by-side columns (header block, signature block)

    def centered(self, line: _Line) -> bool:
        return abs((line.x0 + line.x1) / 2 - (self.left + self.right) / 2) <= 3.0 and line.x0 > self.left + 6

    def indented(self, line: _Line) -> bool:
        return line.x0 >= self.left + 6 and not self.centered(line)

    def fits(self, prev: _Line, line: _Line) -> bool:
        """Whether the line's first word would clearly have fitted at the end of ``prev``."""
        room = self.right - self.left - prev.width if self.centered(prev) else self.right - prev.x1
        slack = 0.5 * line.size if prev.scanned else 1.0  # OCR's boxes are the ink's (see _word_cell_text)
        return room >= 0.25 * line.size + line.first_word_width() + slack

    def new_paragraph(self, prev: _Line, line: _Line, after: _Line | None) -> bool:
        """Whether ``line`` starts a paragraph after ``prev`` (``after``: the line below it)."""
        full = not self.fits(prev, line)
        open_end = full and not _ENDS_SENTENCE.search(prev.text)
        continues = full and line.text[:1].islower() and not _STRUCTURE.match(line.text)
        # OCR gives no font: a scanned line's bold is a stroke estimate and its size a line height,
        # both too rough to part paragraphs; a short line before a capital does it instead.
        scanned = prev.scanned and line.scanned
        if self.column:  # short lines, each a paragraph, unless clearly wrapped
            return not continues
        if line.page != prev.page:  # a paragraph runs on over the page break
            return not (continues and (scanned or prev.bold == line.bold))
        if _STRUCTURE.match(line.text) and not (open_end and not self.indented(line)):
            return True
        pitch = max(self.pitch, 1.15 * min(prev.size, line.size))  # a title's larger type: its own pitch
        if line.top - prev.top > 1.35 * pitch + 1.0:
            return True
        if _runs_on(prev.text):  # "… của Quốc hội và" / "Nghị quyết số 67/NQ-CP …"
            return False
        if not scanned and (prev.bold != line.bold or abs(prev.size - line.size) > 1.0):
            return True
        if _upper(prev.text) and any(ch.islower() for ch in line.text):
            return True  # a heading in capitals does not go on in lower case
        if not full and (
            _ENDS_SENTENCE.search(prev.text)
            or _upper(prev.text)
            or self.centered(prev)
            or (line.text[:1].isupper() if scanned else prev.bold)
        ):
            return True
        if self.indented(line) and not self.indented(prev):  # a first-line indent, unless a hanging one
            hanging = after is not None and after.page == line.page and abs(after.x0 - line.x0) < 2
            return not (open_end and hanging)
        return False


def _layout(lines: list[_Line], pitch: float | None = None, column: bool = False) -> _Layout:
    """The layout of some lines: left and right edges where several lines start and end."""

    def edge(values: list[float], lowest: bool) -> float:
        counts = Counter(round(v) for v in values)
        pool = [v for v, n in counts.items() if n >= 2] or list(counts)
        return float(min(pool) if lowest else max(pool))

    if pitch is None:
        steps = sorted(
            b.top - a.top
            for a, b in itertools.pairwise(lines)
            if a.page == b.page and 0 < b.top - a.top < 4 * a.size and abs(a.size - b.size) <= 1
        )
        pitch = steps[len(steps) // 4] if steps else 1.2 * (lines[0].size if lines else 12.0)
    if not lines:
        return _Layout(0.0, 0.0, pitch, column)
    return _Layout(edge([ln.x0 for ln in lines], True), edge([ln.x1 for ln in lines], False), pitch, column)


def _paragraphs(lines: list[_Line], layout: _Layout) -> list[Para]:
    groups: list[list[_Line]] = []
    for k, line in enumerate(lines):
        after = lines[k + 1] if k + 1 < len(lines) else None
        if groups and not layout.new_paragraph(groups[-1][-1], line, after):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_para(g) for g in groups]


def _para(lines: list[_Line]) -> Para:
    first = lines[0]
    n_chars = sum(ln.n_chars for ln in lines)
    bold = n_chars > 0 and sum(ln.n_bold for ln in lines) >= 0.9 * n_chars
    here = [ln for ln in lines if ln.page == first.page]
    bbox = (min(ln.x0 for ln in here), first.top, max(ln.x1 for ln in here), here[-1].bottom)
    text = _join_lines([ln.text for ln in lines])
    return Para(text, Ref("line", page=first.page, page_line=first.no, bbox=bbox), bold=bold)


# --------------------------------------------------------------------------- the document


def _open(path: str | Path) -> Any:
    """pdfplumber's PDF, or a :class:`PlanParseError` that says why the file cannot be opened."""
    try:
        return pdfplumber.open(path)
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    except Exception as exc:  # pdfminer raises many types for a damaged or protected file
        raise _open_error(path, exc) from None


def _open_error(path: str | Path, exc: Exception, place: str | None = None) -> PlanParseError:
    """The error for a PDF pdfminer cannot read: protected by a password, or damaged."""
    causes = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
    words = " ".join(f"{type(e).__name__} {e}" for e in causes).lower()
    if "password" in words or "encrypt" in words:
        return PlanParseError(path, place, Problem("pdf_password"))
    detail = "; ".join(str(e).strip() or type(e).__name__ for e in causes[1:] or causes)
    return PlanParseError(path, place, Problem("pdf_damaged", detail=detail))


def read_pdf(
    path: str | Path, *, max_pages: int = 300, max_seconds: float = 120.0, ocr: str | None = None
) -> Document:
    """Read a PDF plan into paragraphs and tables, in reading order.

    ``ocr`` says which pages are read from their image (:data:`~.ocr.MODES`; None: the mode
    :func:`~.ocr.ocr_mode` set, ``auto`` by default): under ``auto`` a page without text that shows
    an image (a scan) is, a page with text never is; ``always`` reads every page from its image;
    ``never`` none (a PDF without text is then refused, as a scan once was). See :mod:`.read_scan`.

    Raises :class:`~plan132lib.errors.PlanParseError` for a password-protected or
    unreadable file, more than ``max_pages`` pages, reading longer than
    ``max_seconds`` (the text; each page read by OCR has :data:`~.ocr.TIMEOUT`), or a PDF
    without a text layer that cannot be read by OCR (off, or Tesseract missing: the message
    gives the command that installs it).
    """
    from . import ocr as engine

    mode = engine.current_mode(ocr)
    start = time.perf_counter()
    pages: list[_Page] = []
    scans: dict[int, tuple[float, float, list[tuple[float, float]], bool]] = {}  # pages to read by OCR
    n_chars = 0
    with _open(path) as pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise _open_error(path, exc) from None
        if n_pages > max_pages:
            raise PlanParseError(
                path,
                None,
                f"the PDF has {n_pages} pages, more than the {max_pages} this "
                "reader takes; give the plan alone, or raise max_pages",
            )
        for no, page in enumerate(pdf.pages, 1):
            try:
                read, n = _read_page(page, no, start + max_seconds)
                images = [
                    (float(im["width"]), float(im["srcsize"][0])) for im in page.images if im.get("srcsize")
                ]
                grey = all("Gray" in str(im.get("colorspace")) for im in page.images)
            except _TooMuch as exc:
                raise PlanParseError(
                    path,
                    f"page {no}",
                    exc.problem or Problem("pdf_time_budget", seconds=f"{max_seconds:g}", n=n_pages),
                ) from None
            except Exception as exc:
                raise _open_error(path, exc, f"page {no}") from None
            finally:
                page.close()
            pages.append(read)
            n_chars += n
            if mode == "always" or (mode == "auto" and n == 0 and images):
                scans[no] = (read.width, read.height, images, grey)
            if time.perf_counter() - start > max_seconds:
                raise PlanParseError(
                    path,
                    f"page {no}",
                    f"reading the PDF took over {max_seconds:g} s "
                    f"(stopped after page {no} of {n_pages}); use the Word file",
                )
    if not scans:
        if n_chars == 0:
            raise PlanParseError(path, None, Problem("pdf_no_text"))
        return Document(path=str(path), kind="pdf", blocks=_blocks(pages))
    return _with_scans(path, pages, scans, n_chars)


def _with_scans(
    path: str | Path,
    pages: list[_Page],
    scans: dict[int, tuple[float, float, list[tuple[float, float]], bool]],
    n_chars: int,
) -> Document:
    """The document with the ``scans`` pages read from their images (:mod:`.read_scan`)."""
    from . import ocr as engine
    from . import read_scan

    if engine.missing():
        if n_chars == 0:
            raise PlanParseError(path, None, Problem("pdf_no_ocr"))
        raise PlanParseError(
            path, f"page {min(scans)}", Problem("pdf_pages_no_ocr", pages=read_scan.page_ranges(scans))
        )
    try:
        read = read_scan.read_pages(path, scans)
    except (engine.OcrFailed, engine.OcrUnavailable) as exc:
        page = getattr(exc, "page", None)
        raise PlanParseError(
            path, None if page is None else f"page {page}", Problem("ocr_failed", detail=exc)
        ) from None
    for k, page in enumerate(pages):
        if page.no in read:
            scan = read[page.no]
            pages[k] = page_of(page.no, scan.width, scan.height, scan.chars, scan.tables, scanned=True)
    if n_chars == 0 and not any(scan.words for scan in read.values()):
        raise PlanParseError(path, None, Problem("pdf_ocr_empty", n=len(read)))
    blocks = _blocks(pages)
    notes = read_scan.finish(blocks, read, path)
    return Document(path=str(path), kind="pdf", blocks=blocks, notes=notes)


def _chains(pages: list[_Page]) -> dict[int, list[_Fragment]]:
    """Table fragments that continue one another over page breaks, keyed by id() of the first.

    A fragment continues the previous one when it is the first thing on its page, the
    previous one was the last thing on the page before, and their columns match. A running
    head in the top margin, or a footer line in the bottom margin, does not stand between them.
    """
    chains: dict[int, list[_Fragment]] = {}
    current: list[_Fragment] | None = None
    for k, page in enumerate(pages):
        for n, (_, kind, frag) in enumerate(page.items):
            if kind != "table":
                if not _in_margin(page, kind, frag):
                    current = None
                continue
            first = all(_in_margin(page, kd, it) for _, kd, it in page.items[:n])
            if current and first and _continues(current[-1], frag, pages[k - 1]):
                current.append(frag)
            else:
                current = [frag]
                chains[id(frag)] = current
    return chains


def _in_margin(page: _Page, kind: str, item: Any) -> bool:
    """A line of body text alone in the page's top or bottom margin (a running head, a footer)."""
    return kind == "line" and (item.bottom < 0.1 * page.height or item.top > 0.9 * page.height)


def _continues(last: _Fragment, frag: _Fragment, page_before: _Page) -> bool:
    """Whether ``frag`` (first on its page) continues ``last``, the last thing on the page before."""
    if not (last.page == page_before.no == frag.page - 1 and _compatible(last.edges, frag.edges)):
        return False
    after = [it for it in page_before.items if it[0] >= last.bbox[1]]
    return (
        bool(after)
        and after[0][2] is last
        and all(_in_margin(page_before, kd, it) for _, kd, it in after[1:])
    )


def _blocks(pages: list[_Page]) -> list[Para | Table]:
    """Paragraphs and tables of the whole document, in reading order."""
    chains = _chains(pages)
    by_size: dict[tuple[int, int], list[_Line]] = {}  # a portrait body and a landscape appendix differ
    for page in pages:
        key = (round(page.width), round(page.height))
        by_size.setdefault(key, []).extend(p for _, kind, p in page.items if kind == "line")
    layouts = {key: _layout(lines) for key, lines in by_size.items()}
    blocks: list[Para | Table] = []
    stream: list[_Line] = []  # body lines waiting to become paragraphs
    layout: _Layout | None = None
    for page in pages:
        page_layout = layouts[(round(page.width), round(page.height))]
        if page_layout is not layout:
            if stream and layout is not None:
                blocks.extend(_paragraphs(stream, layout))
            stream, layout = [], page_layout
        for _, kind, payload in page.items:
            if kind == "line":
                stream.append(payload)
                continue
            if stream:
                blocks.extend(_paragraphs(stream, layout))
                stream = []
            if kind == "table":
                if id(payload) in chains:
                    blocks.append(_table_from(chains[id(payload)]))
            else:
                for column in (payload.left, payload.right):
                    if column:
                        blocks.extend(_paragraphs(column, _layout(column, layout.pitch, column=True)))
    if stream and layout is not None:
        blocks.extend(_paragraphs(stream, layout))
    return blocks


def crop_row_image(path: str | Path, page: int, bbox: Box, resolution: int = 110) -> Image:
    """The region ``bbox`` (x0, top, x1, bottom, in points) of a PDF page as a PIL image.

    The box is padded by 4 points (within the page), so the row's borders show.
    """
    pad = 4.0
    with _open(path) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise PlanParseError(path, f"page {page}", f"no such page: the PDF has {len(pdf.pages)} pages")
        p = pdf.pages[page - 1]
        x0, top, x1, bottom = bbox
        box = (
            max(x0 - pad, p.bbox[0]),
            max(top - pad, p.bbox[1]),
            min(x1 + pad, p.bbox[2]),
            min(bottom + pad, p.bbox[3]),
        )
        return p.crop(box).to_image(resolution=resolution).original.copy()
