"""Read a PDF page from its image (a scan) with Tesseract, into what the PDF reader reads from text.

The PDF reader (:mod:`.read_pdf`) builds a page from characters with their boxes and from the
ruled tables' cell boxes (:func:`~.read_pdf.page_of`); a scanned page gives it the same, read
from the image, so paragraphs, tables over several pages, merged cells and everything the
interpreter does next work as for a PDF with a text layer. For one page:

1. the page is rendered at its scan's resolution (200–300 dpi; :data:`MIN_DPI`, :data:`MAX_DPI`) in
   the channel where only black ink is dark (a red seal, a blue signature fade:
   :func:`~.scan_image.grey`), its tilt measured and turned back (:func:`~.scan_image.skew`);
2. the ruled lines are found (:func:`~.scan_image.rules`) and given, as edges, to pdfplumber's own
   table finder (``edges → intersections → cells → tables``): the cells a text PDF with the same
   rules would have, merged cells included;
3. the rules are wiped, and each non-empty cell, and each band of text outside the tables, is laid
   on one tall image, one under the other with blank paper between, read by one Tesseract call
   (``--psm 6``): the lines of two cells side by side never run into each other, and marks outside
   every cell and band (a seal's ring, a signature crossing a rule) are not read as words;
4. each word goes back to its place on the page; its characters share its box; the words of one
   line share its baseline and size (the page's usual size unless clearly larger, a heading's), so
   the reader's line and paragraph cues see what they see in a text PDF; a word whose strokes are
   clearly thicker than the page's usual stroke is bold (:func:`~.scan_image.stroke`);
5. short marks read with little confidence (dust, a seal's ring) are left out, and each line's
   syllables get the tone marks the kit's own vocabulary gives them (:mod:`.ocr_words`).

After the document's blocks are built, :func:`finish` gives each cell and paragraph of a scanned
page its confidence (the mean of its words', weighted by their length), lists the cells and
paragraphs read with less than :data:`LOW_CONFIDENCE` in the reader's notes (page, row and column),
says which pages were read by OCR, and turns every box back onto the page as scanned (the tilt
undone), so :meth:`~plan132lib.ingest.tables.Plan.show` cuts the row out of the scan itself.

Pages are prepared side by side, as many at once as there are cores; their first readings are dealt
out to the cores, each core's pages read by one Tesseract call (a list of images: the model loads
once per call); then the cells read badly or unsure on every page are read again (the English model
for a short cell, the Vietnamese one 1.5 times larger for a cell read badly), one call per kind.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from pdfplumber import table as pdf_tables
from PIL import Image

from ..refs import Ref
from . import ocr, scan_image
from .document import Block, Note, Para, Table
from .ocr_words import correct_line, split_token, stray_dashes

__all__ = ["LOW_CONFIDENCE", "ScanPage", "finish", "page_ranges", "read_image", "read_pages"]

Box = tuple[float, float, float, float]
#: The resolution a page is rendered at: its scan's own, within these bounds.
MIN_DPI, MAX_DPI = 200, 300
#: A cell or paragraph read with a lower mean confidence (0–100) is listed in the reading notes.
LOW_CONFIDENCE = 75.0
#: At most this many low-confidence places are listed one by one (then a count).
MAX_LISTED = 25
#: Blank paper between two pieces of the image Tesseract reads, in points.
_GAP = 8.0
#: Blank paper this wide (points) parts two blocks of text side by side.
_GUTTER = 24.0
#: A line's box is this many times the font size (Vietnamese marks above capitals, descenders).
_LINE_PER_SIZE = 1.2
#: A word whose strokes are this many times thicker than the page's usual stroke is bold.
_BOLD_STROKE = 1.28
#: A mark read with less confidence than this, without a letter or a digit, is dust; so is a line
#: of a cell read with less mean confidence, without a word of three letters (a seal's arc).
_NOISE_CONFIDENCE = 50.0
#: A cell this narrow (points) is a numbering column's: a word alone there is kept however unsure
#: ("Hi!" for "III"), for the table's reader to take by its sequence.
_NUMBER_CELL = 45.0
#: A small consonant alone, which no Vietnamese word is ("sinh học h"): read unsure beside words, a speck.
_SPECK = re.compile(r"[bcdfghjklmnpqrstvwxzđ]")
#: Marks a plan's text does not use: a word of these alone is dust, however sure Tesseract is.
_NEVER_WRITTEN = frozenset("`~^_|¬¦")
#: A line outside the tables read with less mean confidence than this is a seal or a signature.
_NOISE_LINE = 60.0
#: "c)" as Tesseract misreads it alone in a cell: a currency or copyright sign before ")" or ".".
_LETTER_ITEM = re.compile(r"^[€¢©]([).])$")
#: A page whose columns' ink profile is this many times more uneven than its rows' may be sideways.
_SIDEWAYS = 1.1
#: A cell at most this wide and high (points, cut to its ink) holds a word or two: it is read again
#: with the English model (:func:`_better`).
_SHORT_WIDTH, _SHORT_HEIGHT = 60.0, 24.0
_SHORT_LANGUAGE = "eng"
#: A short cell the Vietnamese model read with this confidence or more is not read again.
_SURE = 95.0
#: A cell with a word read with less confidence than :data:`_DOUBTFUL`, and a mean confidence (its
#: words', weighted by their length) under :data:`_DOUBTFUL_MEAN`, is read again, :data:`_ENLARGE`
#: times larger, and the reading with the higher mean confidence kept (:func:`_read_enlarged`): a
#: short cell read badly ("Sở Yiế", "Quý II/2026" for "III"), not a long one with one word unsure.
_DOUBTFUL = 60.0
_DOUBTFUL_MEAN = 85.0
_ENLARGE = 1.5
#: Added to the block number of a line read again, so it never shares a number with a line read first.
_AGAIN = 1 << 20
#: A table going on over a page break is lined up with its part on the page before when their
#: widths differ by at most this and it moved by at most that (points).
_ALIGN_WIDTH, _ALIGN_SHIFT = 6.0, 40.0
#: Edges of a ruled grid a text PDF's table finder joins, in points (pdfplumber's defaults).
_SNAP = 3.0


@dataclass
class ScanPage:
    """A page read from its image, in points on the straightened page.

    Attributes:
        no: the page's number.
        width, height: the page's size in points.
        angle: the tilt turned back (degrees, counter-clockwise positive).
        chars: characters as the PDF reader takes them (x0, x1, top, bottom, size, bold, text).
        tables: the ruled tables, each its box and its cells' boxes.
        words: each word's box and confidence (0–100).
        shift: how far the page was moved to the right to line its table up with the page
            before's (points; :func:`_align`).
        turns: the quarter turns (counter-clockwise) that stood a page scanned sideways up; its
            ``width`` and ``height`` are then the upright page's.
    """

    no: int
    width: float
    height: float
    angle: float = 0.0
    chars: list[tuple[float, float, float, float, float, bool, str]] = field(default_factory=list)
    tables: list[tuple[Box, list[Box]]] = field(default_factory=list)
    words: list[tuple[Box, float]] = field(default_factory=list)
    shift: float = 0.0
    turns: int = 0


@dataclass
class _Piece:
    """A part of the page laid on the image Tesseract reads: where it is on the page and there."""

    x0: int
    top: int
    crop: np.ndarray
    cell: bool = False
    canvas_top: int = 0


def _edges(segments: list[scan_image.Segment], scale: float) -> list[dict[str, float | str]]:
    """The rules as pdfplumber's edges, in points, each a little longer (a scan's rule can stop
    short of the one it meets)."""
    out: list[dict[str, float | str]] = []
    for s in segments:
        at, start, end = s.at * scale, s.start * scale - _SNAP / 2, s.end * scale + _SNAP / 2
        if s.horizontal:
            out.append(
                {"x0": start, "x1": end, "top": at, "bottom": at, "width": end - start, "height": 0.0}
                | {"orientation": "h"}
            )
        else:
            out.append(
                {"x0": at, "x1": at, "top": start, "bottom": end, "width": 0.0, "height": end - start}
                | {"orientation": "v"}
            )
    return out


def _tables(segments: list[scan_image.Segment], scale: float) -> list[tuple[Box, list[Box]]]:
    """The ruled tables the segments draw, as pdfplumber finds them from a text PDF's lines."""
    edges = pdf_tables.merge_edges(_edges(segments, scale), _SNAP, _SNAP, _SNAP, _SNAP)
    cells = pdf_tables.intersections_to_cells(pdf_tables.edges_to_intersections(edges, _SNAP, _SNAP))
    out = []
    for group in pdf_tables.cells_to_tables(cells):
        boxes = [tuple(float(v) for v in c) for c in group]
        bbox = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        out.append((bbox, boxes))  # type: ignore[arg-type]
    return out  # type: ignore[return-value]


def _despeckle(dark: np.ndarray) -> np.ndarray:
    """Dark pixels none of whose eight neighbours is dark (dust), as a mask."""
    padded = np.pad(dark, 1)
    neighbours = np.zeros(dark.shape, dtype=np.uint8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                neighbours += padded[dy : dy + dark.shape[0], dx : dx + dark.shape[1]]
    return dark & (neighbours == 0)


def _runs_of(flags: np.ndarray, least_gap: int) -> list[tuple[int, int]]:
    """The runs of True in a 1-D array, joined across gaps of fewer than ``least_gap``: (first, last)."""
    where = np.flatnonzero(flags)
    if where.size == 0:
        return []
    splits = np.flatnonzero(np.diff(where) > least_gap)
    firsts, lasts = np.r_[where[0], where[splits + 1]], np.r_[where[splits], where[-1]]
    return [(int(a), int(b)) for a, b in zip(firsts, lasts, strict=True)]


def _bands(dark: np.ndarray, least_gap: int, gutter: int) -> list[tuple[int, int, int, int]]:
    """The blocks of text outside the tables: runs of rows holding ink (split where ``least_gap``
    blank rows stand between), each split again where ``gutter`` blank columns stand between
    (side-by-side blocks, a page number apart from a seal); each (x0, top, x1, bottom) around its ink."""
    out = []
    for first, last in _runs_of(dark.any(axis=1), least_gap):
        for left, right in _runs_of(dark[first : last + 1].any(axis=0), gutter):
            rows = np.flatnonzero(dark[first : last + 1, left : right + 1].any(axis=1))
            out.append((left, first + int(rows[0]), right + 1, first + int(rows[-1]) + 1))
    return out


def _canvas(pieces: list[_Piece], gap: int, paper: int) -> np.ndarray:
    """The pieces one under another, ``gap`` pixels of paper around each."""
    width = max(p.crop.shape[1] for p in pieces) + 2 * gap
    height = sum(p.crop.shape[0] + gap for p in pieces) + gap
    canvas = np.full((height, width), paper, dtype=np.uint8)
    y = gap
    for p in pieces:
        h, w = p.crop.shape
        canvas[y : y + h, gap : gap + w] = p.crop
        p.canvas_top = y
        y += h + gap
    return canvas


@dataclass
class _Reading:
    """A page on its way through the reading: prepared, read once, read again where unsure, placed."""

    out: ScanPage
    pieces: list[_Piece]
    dark: np.ndarray
    scale: float
    dpi: int
    gap: int
    placed: list[_Placed] = field(default_factory=list)
    vietnamese: list[str] = field(default_factory=list)  # each piece's text as the Vietnamese model read it


def read_image(image: Image.Image, no: int, width: float, height: float) -> ScanPage:
    """Read one page's image (``width`` × ``height`` points) with Tesseract.

    Raises :class:`~.ocr.OcrUnavailable` or :class:`~.ocr.OcrFailed`.
    """
    page = _prepare(image, no, width, height)
    _read_first_of([page])
    _read_again([page], map)
    return _finish_page(page)


def _prepare(image: Image.Image, no: int, width: float, height: float) -> _Reading:
    """The page's image stood up, straightened, its rules and cells found, cut into the pieces to read."""
    dpi = image.width / width * 72
    scale = 72 / dpi  # points per pixel
    page = scan_image.grey(image)
    level = min(scan_image.otsu(page), 200)
    turns = _quarter_turns(page, level, round(dpi))
    if turns:  # a page scanned sideways (a landscape page fed upright): stood up
        page = np.ascontiguousarray(np.rot90(page, turns))
        width, height = (height, width) if turns % 2 else (width, height)
    angle = scan_image.skew(page < level)
    page = scan_image.straighten(page, angle)
    dark = page < level
    found = scan_image.framed(
        scan_image.rules(dark, dpi), _SNAP / scale, scan_image.MIN_RULE_ACROSS / scale, dark
    )
    tables = _tables(found, scale)
    inside = np.zeros(dark.shape, dtype=bool)  # the tables' area: only their rules are wiped
    for bbox, _ in tables:
        x0, top, x1, bottom = (round(v / scale) for v in bbox)
        inside[max(top - 3, 0) : bottom + 4, max(x0 - 3, 0) : x1 + 4] = True
    wiped = (scan_image.mask_of(found, dark.shape) & inside) | _despeckle(dark)
    dark &= ~wiped
    clean = _whitened(page, dark, wiped)
    out = ScanPage(no, width, height, angle, tables=tables, turns=turns)
    pieces = _pieces(clean, dark, tables, scale)
    return _Reading(out, pieces, dark, scale, round(dpi), max(int(_GAP / scale), 8))


def _read_first_of(pages: list[_Reading]) -> None:
    """The first readings of pages, every piece by the Vietnamese model, in one Tesseract call (each
    page's pieces laid on one image)."""
    with_pieces = [page for page in pages if page.pieces]
    if not with_pieces:
        return
    dpis = {page.dpi for page in with_pieces}
    for dpi in sorted(dpis):
        group = [page for page in with_pieces if page.dpi == dpi]
        try:
            read = _read_groups([page.pieces for page in group], group[0].gap, dpi, ocr.LANGUAGE)
        except (ocr.OcrFailed, ocr.OcrUnavailable) as exc:
            exc.page = group[0].out.no  # type: ignore[attr-defined]
            raise
        for page, placed in zip(group, read, strict=True):
            page.placed = placed
            page.vietnamese = ["".join(w.text for w, _, _ in words) for words in placed]


def _short(page: _Reading, k: int) -> bool:
    """A cell of a word or two the Vietnamese model was not sure of: read again by the English one."""
    p = page.pieces[k]
    return (
        p.cell
        and _is_short(p, page.scale)
        and min((w.confidence for w, _, _ in page.placed[k]), default=0) < _SURE
    )


def _doubtful(page: _Reading, k: int) -> bool:
    """A cell read badly, read again larger (see :data:`_DOUBTFUL`)."""
    p, words = page.pieces[k], page.placed[k]
    return (
        p.cell
        and min((w.confidence for w, _, _ in words), default=100) < _DOUBTFUL
        and _mean_confidence_of(words) < _DOUBTFUL_MEAN
        # a short cell is read again here only when it holds Vietnamese ("Sở Y tế"): a number, a
        # letter, a numeral ("VIII") is read again by the English model instead
        and (not _is_short(p, page.scale) or any(c.isalpha() and not c.isascii() for c in page.vietnamese[k]))
    )


def _read_again(pages: list[_Reading], run: Callable) -> None:
    """The second readings of the pages' unsure cells: the short ones by the English model, the ones
    read badly :data:`_ENLARGE` times larger. Each page's cells of one kind are laid on one image, as
    its first reading was, and the images of all the pages (of one resolution) are read by one
    Tesseract call (loading a model costs as much as reading a few cells); the two kinds side by side
    (``run`` maps a function over its arguments: the builtin ``map`` or a pool's)."""
    kinds = [("doubtful", _doubtful)]
    if ocr.has_language(_SHORT_LANGUAGE):
        kinds.insert(0, ("short", _short))
    jobs: list[tuple[str, int, int, list[tuple[_Reading, list[int]]]]] = []
    for kind, wanted in kinds:
        batches: dict[tuple[int, int], list[tuple[_Reading, list[int]]]] = {}
        for page in pages:
            chosen = [k for k in range(len(page.placed)) if wanted(page, k)]
            if chosen:
                batches.setdefault((page.dpi, page.gap), []).append((page, chosen))
        jobs += [(kind, dpi, gap, batch) for (dpi, gap), batch in sorted(batches.items(), key=lambda b: b[0])]

    def read(job: tuple[str, int, int, list[tuple[_Reading, list[int]]]]) -> list[list[_Placed]]:
        kind, dpi, gap, batch = job
        groups = [[page.pieces[k] for k in chosen] for page, chosen in batch]
        if kind == "short":
            return _read_groups(groups, gap, dpi, _SHORT_LANGUAGE)
        return _read_enlarged(groups, gap, dpi)

    for (kind, _, _, batch), readings in zip(jobs, run(read, jobs), strict=True):
        for (page, chosen), group in zip(batch, readings, strict=True):
            for k, again in zip(chosen, group, strict=True):
                if kind == "short":
                    page.placed[k] = _better(page.placed[k], again)
                elif _mean_confidence_of(again) > _mean_confidence_of(page.placed[k]):
                    page.placed[k] = again


def _finish_page(page: _Reading) -> ScanPage:
    """The page's words put back on it (:func:`_place`)."""
    if page.placed:
        _place(page.out, page.placed, page.pieces, page.dark, page.scale)
    return page.out


def _read_enlarged(groups: list[list[_Piece]], gap: int, dpi: int) -> list[list[_Placed]]:
    """Read each group of pieces again :data:`_ENLARGE` times larger, on its own image, in one
    Tesseract call (Tesseract reads small type better with more pixels to a letter: a "III" it read
    "II", a seal's arc it read as letters); each word put back on the page at the piece's own scale."""
    f = _ENLARGE
    larger = [
        [
            _Piece(
                0,
                0,
                np.asarray(
                    Image.fromarray(p.crop).resize(
                        (round(p.crop.shape[1] * f), round(p.crop.shape[0] * f)), Image.Resampling.LANCZOS
                    )
                ),
                cell=True,
            )
            for p in pieces
        ]
        for pieces in groups
    ]
    readings = _read_groups(larger, round(gap * f), round(dpi * f), ocr.LANGUAGE)
    return [
        [
            [
                (
                    replace(
                        w,
                        width=max(round(w.width / f), 1),
                        height=max(round(w.height / f), 1),
                        line=(w.line[0] + _AGAIN, *w.line[1:]),  # apart from the lines read first
                    ),
                    p.x0 + round(x / f),
                    p.top + round(y / f),
                )
                for w, x, y in words
            ]
            for p, words in zip(pieces, placed, strict=True)
        ]
        for pieces, placed in zip(groups, readings, strict=True)
    ]


def _mean_confidence_of(words: _Placed) -> float:
    """The mean confidence of a piece's words, weighted by their length (0 for none)."""
    weight = sum(len(w.text) for w, _, _ in words)
    return sum(w.confidence * len(w.text) for w, _, _ in words) / weight if weight else 0.0


def _quarter_turns(page: np.ndarray, level: int, dpi: int) -> int:
    """The quarter turns (counter-clockwise) that stand up a page scanned sideways: 0 for a page whose
    lines of ink run across, else Tesseract's orientation detection (``--psm 0``, the ``osd``
    model) says which way, and 0 when it cannot (no ``osd`` model, or not sure)."""
    small = page[::4, ::4] < level
    across = float(np.square(np.diff(small.sum(axis=1).astype(np.float64))).sum())
    down = float(np.square(np.diff(small.sum(axis=0).astype(np.float64))).sum())
    if down <= _SIDEWAYS * across or not ocr.has_language("osd"):
        return 0
    try:
        rotate = ocr.orientation(page, dpi)
    except (ocr.OcrFailed, ocr.OcrUnavailable):
        return 0
    return {90: 3, 180: 2, 270: 1}.get(rotate, 0)  # Tesseract says how far to turn it clockwise


def _whitened(page: np.ndarray, dark: np.ndarray, wiped: np.ndarray) -> np.ndarray:
    """The page with its paper white and its ink's grey kept (the contrast stretched from the ink's
    darkest to the paper's usual tone), the rules and the dust wiped."""
    black = float(np.percentile(page[dark], 5)) if dark.any() else 0.0
    white = float(np.percentile(page[::4, ::4], 60))
    stretched = (page.astype(np.float32) - black) * (255.0 / max(white - black, 1.0))
    clean = np.clip(stretched, 0, 255).astype(np.uint8)
    clean[wiped] = 255
    return clean


def _trim(
    dark: np.ndarray, x0: int, top: int, x1: int, bottom: int, pad: int
) -> tuple[int, int, int, int] | None:
    """The box around the ink within (x0, top, x1, bottom), ``pad`` pixels wider (within it); None
    when it holds no ink."""
    rows = np.flatnonzero(dark[top:bottom, x0:x1].any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(dark[top + rows[0] : top + rows[-1] + 1, x0:x1].any(axis=0))
    return (
        max(x0 + int(cols[0]) - pad, x0),
        max(top + int(rows[0]) - pad, top),
        min(x0 + int(cols[-1]) + 1 + pad, x1),
        min(top + int(rows[-1]) + 1 + pad, bottom),
    )


def _pieces(
    clean: np.ndarray, dark: np.ndarray, tables: list[tuple[Box, list[Box]]], scale: float
) -> list[_Piece]:
    """The parts of the page to read: each band of text outside the tables, each cell with ink,
    each cut to its ink (with a little paper around)."""
    pieces: list[_Piece] = []
    outside = dark.copy()
    margin = max(int(2 / scale), 2)
    for bbox, _ in tables:
        x0, top, x1, bottom = (round(v / scale) for v in bbox)
        outside[max(top - margin, 0) : bottom + margin, max(x0 - margin, 0) : x1 + margin] = False
    pad = max(int(1.5 / scale), 3)
    h, w = clean.shape
    for x0, top, x1, bottom in _bands(outside, int(6 / scale), int(_GUTTER / scale)):
        x0, top, x1, bottom = max(x0 - pad, 0), max(top - pad, 0), min(x1 + pad, w), min(bottom + pad, h)
        crop = np.where(outside[top:bottom, x0:x1], clean[top:bottom, x0:x1], 255).astype(np.uint8)
        pieces.append(_Piece(x0, top, crop))
    least_ink = max(int((1.5 / scale) ** 2), 6)
    for _, cells in tables:
        for cell in cells:
            x0, top, x1, bottom = (round(v / scale) for v in cell)
            x0, top, x1, bottom = max(x0 + 1, 0), max(top + 1, 0), min(x1 - 1, w), min(bottom - 1, h)
            if x1 - x0 < 4 or bottom - top < 4 or int(dark[top:bottom, x0:x1].sum()) < least_ink:
                continue
            box = _trim(dark, x0, top, x1, bottom, pad)
            if box is not None:
                pieces.append(_Piece(box[0], box[1], clean[box[1] : box[3], box[0] : box[2]], cell=True))
    return pieces


def _is_short(piece: _Piece, scale: float) -> bool:
    """A cell holding a word or two on one line (a number, a letter, a code)."""
    h, w = piece.crop.shape
    return w * scale <= _SHORT_WIDTH and h * scale <= _SHORT_HEIGHT


_Placed = list[tuple[ocr.OcrWord, int, int]]  # a piece's words, each with its place on the page (pixels)


def _read_groups(groups: list[list[_Piece]], gap: int, dpi: int, language: str) -> list[list[_Placed]]:
    """Read each group of pieces laid on its own image, one under another (:func:`_canvas`), all the
    images in one Tesseract call: each piece's words with their places on the page."""
    canvases = [_canvas(pieces, gap, 255) for pieces in groups]
    read = ocr.recognise_many(canvases, dpi, language=language)
    return [_placed_on(pieces, gap, words) for pieces, words in zip(groups, read, strict=True)]


def _placed_on(pieces: list[_Piece], gap: int, words: list[ocr.OcrWord]) -> list[_Placed]:
    """The words read on the pieces' image (:func:`_canvas`), each with its piece and place on the page."""
    tops = [p.canvas_top for p in pieces]
    out: list[_Placed] = [[] for _ in pieces]
    for w in words:
        k = max(int(np.searchsorted(tops, w.top + w.height / 2, side="right")) - 1, 0)
        p = pieces[k]
        out[k].append((w, w.left - gap + p.x0, w.top - p.canvas_top + p.top))
    return out


def _better(first: _Placed, second: _Placed) -> _Placed:
    """A short cell's reading by the Vietnamese model (``first``) or by the English one: the English
    one where it is surer and the Vietnamese one read no letter English lacks (Tesseract's
    Vietnamese model misreads a lone "a)", "e)", "1" that the English one reads right)."""
    if not second:
        return first
    text = "".join(w.text for w, _, _ in first)
    if any(ch.isalpha() and not ch.isascii() for ch in text):
        return first
    surest = min((w.confidence for w, _, _ in first), default=0.0)
    return second if min(w.confidence for w, _, _ in second) > surest else first


def _place(
    out: ScanPage, placed: list[_Placed], pieces: list[_Piece], dark: np.ndarray, scale: float
) -> None:
    """Put the words read back on the page, as characters and word boxes."""
    lines: dict[tuple[int, tuple[int, int, int]], _Placed] = {}
    for k, words in enumerate(placed):
        for w, x, y in words:
            if not any(ch.isalnum() for ch in w.text) and (
                w.confidence < _NOISE_CONFIDENCE or set(w.text) <= _NEVER_WRITTEN
            ):
                continue
            lines.setdefault((k, w.line), []).append((w, x, y))
    for key, ws in lines.items():  # a lone small consonant read unsure beside words: no word, a speck
        kept = [
            (w, x, y) for w, x, y in ws if not (w.confidence < _NOISE_CONFIDENCE and _SPECK.fullmatch(w.text))
        ]
        if len(ws) > 1 and kept:
            lines[key] = kept
    for key in [key for key in lines if not pieces[key[0]].cell]:  # a seal's ring, a signature
        if statistics.fmean(w.confidence for w, _, _ in lines[key]) < _NOISE_LINE:
            del lines[key]
    for key in [key for key in lines if pieces[key[0]].cell]:  # a seal's ring crossing a cell
        ws = lines[key]
        numbering = pieces[key[0]].crop.shape[1] * scale <= _NUMBER_CELL and len(ws) == 1
        if (
            not numbering
            and statistics.fmean(w.confidence for w, _, _ in ws) < _NOISE_CONFIDENCE
            and not any(sum(ch.isalpha() for ch in w.text) >= 3 for w, _, _ in ws)
        ):
            del lines[key]
    if not lines:
        return
    heights = {
        key: max(y + w.height for w, _, y in ws) - min(y for _, _, y in ws) for key, ws in lines.items()
    }
    usual = statistics.median(heights.values())
    strokes = [
        scan_image.stroke(dark, (x, y, x + w.width, y + w.height))
        for ws in lines.values()
        for w, x, y in ws
        if sum(ch.isalpha() for ch in w.text) >= 3
    ]
    usual_stroke = statistics.median(strokes) if strokes else 0.0
    from .read_pdf import _clean

    for key in sorted(lines, key=lambda key: (min(y for _, _, y in lines[key]), key)):
        ws = sorted(lines[key], key=lambda item: item[1])
        h = heights[key]
        size = (usual if h <= 1.3 * usual else h) / _LINE_PER_SIZE * scale
        baseline = _baseline(dark, ws) * scale
        top, bottom = baseline - 0.8 * size, baseline + 0.25 * size
        before: float | None = None
        parts: list[tuple[str, float, float, bool]] = []  # text, x0, x1 (points), bold
        for w, x, y in ws:
            text = _LETTER_ITEM.sub(r"c\1", _clean(w.text).strip())
            if not text:
                continue
            bold = usual_stroke > 0 and scan_image.stroke(dark, (x, y, x + w.width, y + w.height)) >= (
                _BOLD_STROKE * usual_stroke
            )
            x0, x1 = x * scale, (x + w.width) * scale
            out.words.append(((x0, y * scale, x1, (y + w.height) * scale), w.confidence))
            pieces = split_token(text)  # "Hỗtrợ" → "Hỗ", "trợ": each its share of the box
            total = sum(len(piece) for piece in pieces)
            for k, piece in enumerate(pieces):
                width = (x1 - x0) * len(piece) / total
                gap = 0.3 if k else 0.0  # the space between two syllables run together: not under ink
                parts.append((piece, x0 + gap, x0 + width, bold))
                x0 += width
        strays = stray_dashes([part[0] for part in parts])
        parts = [part for part, stray in zip(parts, strays, strict=True) if not stray]
        texts = correct_line([part[0] for part in parts])
        for (_, x0, x1, bold), text in zip(parts, texts, strict=True):
            if before is not None and x0 < before + 0.3:  # boxes that overlap: one after the other
                x0, x1 = before + 0.3, max(x1, before + 0.3 + 0.3 * size * len(text))
            if before is not None:
                out.chars.append((before, max(x0, before), top, bottom, size, bold, " "))
            step = (x1 - x0) / len(text)
            out.chars.extend(
                (x0 + i * step, x0 + (i + 1) * step, top, bottom, size, bold, ch) for i, ch in enumerate(text)
            )
            before = x1


def _baseline(dark: np.ndarray, words: _Placed) -> float:
    """Where a line's letters stand (pixels): the lowest row of its ink band, the rows holding at
    least 40 % of the line's densest row's ink (descenders and marks below are thinner)."""
    top = min(y for _, _, y in words)
    bottom = max(y + w.height for w, _, y in words)
    x0, x1 = min(x for _, x, _ in words), max(x + w.width for w, x, _ in words)
    rows = dark[top:bottom, x0:x1].sum(axis=1)
    if rows.size == 0 or rows.max() == 0:
        return float(statistics.median(y + w.height for w, _, y in words))
    return float(top + np.flatnonzero(rows >= 0.4 * rows.max())[-1] + 1)


def _dpi(image_sizes: list[tuple[float, float]], width: float) -> int:
    """The resolution to render a page at: its widest image's, within the bounds (else the least)."""
    best = max(((px / (w / 72)) for w, px in image_sizes if w > 0.5 * width), default=MIN_DPI)
    return int(min(max(round(best), MIN_DPI), MAX_DPI))


def read_pages(
    path: str | Path,
    pages: dict[int, tuple[float, float, list[tuple[float, float]], bool]],
    on_page: Callable[[int], None] | None = None,
) -> dict[int, ScanPage]:
    """Read these pages of the PDF from their images, side by side on every core.

    ``pages`` maps a page's number to its width and height in points, its images (each its width
    in points and in pixels) and whether they are all grey (the page is then rendered grey).
    Raises :class:`~.ocr.OcrUnavailable` or :class:`~.ocr.OcrFailed` (with the page's number as
    ``page``).
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    lock = threading.Lock()  # pdfium is not thread-safe: one page rendered at a time

    def one(no: int) -> _Reading:
        width, height, sizes, grey = pages[no]
        with lock:
            image = pdf[no - 1].render(scale=_dpi(sizes, width) / 72, grayscale=grey).to_pil()
        try:
            return _prepare(image, no, width, height)
        except (ocr.OcrFailed, ocr.OcrUnavailable) as exc:
            exc.page = no  # type: ignore[attr-defined]
            raise

    workers = max(min(len(pages), os.cpu_count() or 1), 1)
    readings: list[_Reading] = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            readings = list(pool.map(one, pages))
            # the first readings: the pages dealt out to the cores, each core's in one Tesseract call
            list(pool.map(_read_first_of, [readings[k::workers] for k in range(workers)]))
            for page in readings:
                if on_page is not None:
                    on_page(page.out.no)
            _read_again(readings, pool.map)  # the unsure cells of every page, read together
    finally:
        pdf.close()
    out = {page.out.no: _finish_page(page) for page in readings}
    _align(out)
    return out


def _align(pages: dict[int, ScanPage]) -> None:
    """Shift each scanned page sideways so that a table going on from the page before stands where
    it stood there (a scanner feeds each sheet a little apart): its first table's left edge on the
    last table's of the page before, when the two are as wide (within :data:`_ALIGN_WIDTH`) and
    the shift small (within :data:`_ALIGN_SHIFT`). The shift is kept to put boxes back."""
    for no in sorted(pages):
        before, page = pages.get(no - 1), pages[no]
        if before is None or not before.tables or not page.tables:
            continue
        last = max(before.tables, key=lambda t: t[0][3])[0]
        first = min(page.tables, key=lambda t: t[0][1])[0]
        dx = last[0] - first[0]
        same_width = abs((last[2] - last[0]) - (first[2] - first[0])) <= _ALIGN_WIDTH
        if not same_width or abs(dx) > _ALIGN_SHIFT or abs(dx) < 0.01:
            continue
        page.shift += dx
        page.chars = [(c[0] + dx, c[1] + dx, *c[2:]) for c in page.chars]
        page.words = [((b[0] + dx, b[1], b[2] + dx, b[3]), conf) for b, conf in page.words]
        page.tables = [
            ((b[0] + dx, b[1], b[2] + dx, b[3]), [(c[0] + dx, c[1], c[2] + dx, c[3]) for c in cells])
            for b, cells in page.tables
        ]


# --------------------------------------------------------------------------- after the blocks


def _turn_back(box: Box, page: ScanPage) -> Box:
    """A box on the straightened page as it stands on the scan (the tilt put back, and a page stood
    up laid back on its side): the box around its four corners so turned."""
    box = (box[0] - page.shift, box[1], box[2] - page.shift, box[3])
    a = math.radians(page.angle)
    cx, cy = page.width / 2, page.height / 2
    xs, ys = [], []
    for x in (box[0], box[2]):
        for y in (box[1], box[3]):
            dx, dy = x - cx, y - cy
            tx, ty = cx + dx * math.cos(a) + dy * math.sin(a), cy - dx * math.sin(a) + dy * math.cos(a)
            w, h = page.width, page.height
            for _ in range(page.turns):  # undo a counter-clockwise quarter turn of a w × h page
                tx, ty, w, h = h - ty, tx, h, w
            xs.append(tx)
            ys.append(ty)
    return (min(xs), min(ys), max(xs), max(ys))


def _confidence(box: Box, page: ScanPage) -> float | None:
    """The mean confidence of the words whose middle lies in ``box`` (weighted by their width)."""
    total = weight = 0.0
    for (x0, top, x1, bottom), conf in page.words:
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
            total += conf * (x1 - x0)
            weight += x1 - x0
    return round(total / weight, 1) if weight else None


def _moved(ref: Ref, pages: dict[int, ScanPage]) -> Ref:
    page = pages.get(ref.page) if ref.page is not None else None
    if page is None or ref.bbox is None:
        return ref
    return replace(ref, bbox=_turn_back(ref.bbox, page))


def finish(blocks: list[Block], pages: dict[int, ScanPage], path: str | Path) -> list[Note]:
    """Give the cells and paragraphs of the scanned pages their confidence, turn their boxes back
    onto the scan, and return the reader's notes: the pages read by OCR, the places read with low
    confidence."""
    if not pages:
        return []
    name = Path(path).name
    low: list[tuple[Ref, float, str]] = []
    for block in blocks:
        if isinstance(block, Para):
            page = pages.get(block.ref.page) if block.ref.page is not None else None
            if page is not None and block.ref.bbox is not None:
                block.confidence = _confidence(block.ref.bbox, page)
                if block.confidence is not None and block.confidence < LOW_CONFIDENCE:
                    low.append((block.ref, block.confidence, block.text))
            block.ref = _moved(block.ref, pages)
            continue
        _finish_table(block, pages, low)
    notes = [
        Note(
            "ocr_pages",
            "",
            (
                ("file", name),
                ("pages", page_ranges(pages)),
                ("confidence", _mean_confidence(pages)),
                ("low", str(len(low))),
            ),
        )
    ]
    for ref, conf, text in low[:MAX_LISTED]:
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
        notes.append(
            Note(
                "ocr_low_confidence",
                ref.label,
                (("file", name), ("confidence", f"{conf:.0f}"), ("text", snippet)),
            )
        )
    if len(low) > MAX_LISTED:
        notes.append(
            Note(
                "ocr_low_confidence_more",
                "",
                (("file", name), ("n", str(len(low) - MAX_LISTED)), ("limit", str(MAX_LISTED))),
            )
        )
    return notes


def _finish_table(table: Table, pages: dict[int, ScanPage], low: list[tuple[Ref, float, str]]) -> None:
    for row in table.rows:
        page = pages.get(row.ref.page) if row.ref.page is not None else None
        if page is None:
            continue
        for column, cell in enumerate(row.cells, 1):
            own = not cell.merged and cell.text and cell.ref.bbox not in (None, row.ref.bbox)
            if own and cell.ref.bbox is not None:
                cell.confidence = _confidence(cell.ref.bbox, page)
                if cell.confidence is not None and cell.confidence < LOW_CONFIDENCE:
                    low.append((replace(row.ref, column=column, bbox=None), cell.confidence, cell.text))
            cell.ref = _moved(cell.ref, pages)
        row.ref = _moved(row.ref, pages)
    table.ref = _moved(table.ref, pages)


def page_ranges(numbers: object) -> str:
    """Page numbers (any iterable of them) as ranges: [1, 2, 3, 5] → "1–3, 5"."""
    out: list[str] = []
    for n in sorted(numbers):  # type: ignore[call-overload]
        if out and n == int(out[-1].split("–")[-1]) + 1:
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _mean_confidence(pages: dict[int, ScanPage]) -> str:
    total = weight = 0.0
    for page in pages.values():
        for (x0, _, x1, _), conf in page.words:
            total += conf * (x1 - x0)
            weight += x1 - x0
    return f"{total / weight:.0f}" if weight else "0"
