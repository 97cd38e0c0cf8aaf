"""A scanned page as an image: its grey, its ink, its skew, its ruled lines and the strokes of a word.

Everything here is numpy (and Pillow to turn the page); nothing reads text. The OCR reader
(:mod:`.read_scan`) asks, for one page image:

- :func:`grey`: one channel in which coloured ink (a red seal, a blue signature) is light: the
  brightest of the three channels, so only black or grey ink stays dark;
- :func:`ink`: the dark pixels, by Otsu's threshold over the page's histogram;
- :func:`skew`: the angle the page is tilted by (degrees, counter-clockwise positive), the one that
  makes the rows' ink counts the most uneven (lines of text and rules lie along rows), searched by
  half and tenth degrees on a quarter-size image, by twentieths on a half-size one; :func:`straighten`
  turns it back;
- :func:`rules`: the ruled lines, as horizontal and vertical segments in pixels: runs of ink longer
  than any letter's stroke (:data:`MIN_RULE_ACROSS`, :data:`MIN_RULE_DOWN`), with gaps of a pixel
  bridged and a pixel's step from a residual tilt absorbed; :func:`framed` keeps those that are a
  table's (a vertical one runs from a rule to a rule), :func:`mask_of` gives their pixels, wiped
  before the text is read;
- :func:`stroke`: how thick a word's strokes are (the mean length of its horizontal ink runs), so
  that bold words, drawn with thicker strokes, can be told from the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

__all__ = ["Segment", "framed", "grey", "ink", "mask_of", "rules", "skew", "straighten", "stroke"]

#: The shortest ruled line, in points, along a row and along a column: longer than a word's run of
#: ink at the top of bold capitals (a row), or than a letter is tall (a column), and shorter than a
#: table's narrowest column or lowest row.
MIN_RULE_ACROSS = 40.0
MIN_RULE_DOWN = 11.0
#: A rule thicker than this (points) is a filled area, not a line.
MAX_RULE_THICKNESS = 4.0
#: The skew searched, degrees either way.
MAX_SKEW = 3.0


@dataclass(frozen=True, slots=True)
class Segment:
    """A ruled line in pixels: along a row (``horizontal``) at ``at`` from ``start`` to ``end``, or
    along a column."""

    horizontal: bool
    at: float
    start: int
    end: int
    thickness: int


def mask_of(segments: list[Segment], shape: tuple[int, int]) -> np.ndarray:
    """The pixels the segments cover (a pixel more on each side), as a bool image of ``shape``."""
    mask = np.zeros(shape, dtype=bool)
    for s in segments:
        first = max(int(s.at - s.thickness / 2) - 1, 0)
        last = int(s.at + s.thickness / 2) + 2
        if s.horizontal:
            mask[first:last, s.start : s.end] = True
        else:
            mask[s.start : s.end, first:last] = True
    return mask


def grey(image: Image.Image) -> np.ndarray:
    """The page as one uint8 channel in which only black or grey ink is dark."""
    if image.mode in ("RGB", "RGBA", "P", "CMYK", "LA"):
        rgb = np.asarray(image.convert("RGB"))
        return rgb.max(axis=2)
    return np.asarray(image.convert("L"))


def otsu(values: np.ndarray) -> int:
    """Otsu's threshold of a uint8 image: the level that best splits its histogram in two."""
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    weight0 = np.cumsum(hist)
    weight1 = total - weight0
    sum0 = np.cumsum(hist * levels)
    mean0 = sum0 / np.maximum(weight0, 1)
    mean1 = (sum0[-1] - sum0) / np.maximum(weight1, 1)
    between = weight0 * weight1 * (mean0 - mean1) ** 2
    return int(np.argmax(between))


def ink(page: np.ndarray, threshold: int | None = None) -> np.ndarray:
    """The dark pixels of a grey page (bool): darker than Otsu's threshold, and than mid-grey's 200."""
    level = min(otsu(page) if threshold is None else threshold, 200)
    return page < level


def _shrink(mask: np.ndarray, factor: int) -> np.ndarray:
    """A bool image ``factor`` times smaller, a pixel inked when any pixel it covers is."""
    h, w = (mask.shape[0] // factor) * factor, (mask.shape[1] // factor) * factor
    rows = np.ascontiguousarray(mask[:h, :w]).view(np.uint8).reshape(h // factor, factor, w)
    joined = rows[:, 0].copy()
    for k in range(1, factor):  # or-ing the slices: many times faster than .any over two axes
        joined |= rows[:, k]
    cols = joined.reshape(h // factor, w // factor, factor)
    out = cols[:, :, 0].copy()
    for k in range(1, factor):
        out |= cols[:, :, k]
    return out.astype(bool)


def _profile_score(small: Image.Image, angle: float) -> float:
    rows = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def skew(dark: np.ndarray) -> float:
    """The page's tilt in degrees (counter-clockwise positive) from its ink, to a twentieth of a degree.

    The angle that, turned back, makes the rows' ink counts change most from row to row: lines of
    text and ruled lines then lie along rows. 0 for a page with little ink.
    """
    if dark.sum() < 500:
        return 0.0
    quarter = Image.fromarray(_shrink(dark, 4).astype(np.uint8) * 255)
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = max(coarse, key=lambda a: _profile_score(quarter, -a))
    nearer = np.arange(best - 0.3, best + 0.3 + 1e-9, 0.1)
    best = max(nearer, key=lambda a: _profile_score(quarter, -a))
    half = Image.fromarray(_shrink(dark, 2).astype(np.uint8) * 255)
    fine = np.arange(best - 0.05, best + 0.05 + 1e-9, 0.05)
    return round(float(max(fine, key=lambda a: _profile_score(half, -a))), 2)


def straighten(page: np.ndarray, angle: float) -> np.ndarray:
    """The grey page turned by ``-angle`` degrees about its centre, the corners filled with paper."""
    if abs(angle) < 0.02:
        return page
    paper = int(np.median(page[:: max(page.shape[0] // 64, 1), :: max(page.shape[1] // 64, 1)]))
    turned = Image.fromarray(page).rotate(-angle, resample=Image.Resampling.BILINEAR, fillcolor=paper)
    return np.asarray(turned)


def _runs(mask: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs of True along each row at least ``least`` long: (row, start, end) arrays, end exclusive."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    keep = ends - starts >= least
    return rows[keep], starts[keep], ends[keep]


def _bridge(mask: np.ndarray, gap: int) -> np.ndarray:
    """The mask with gaps of up to ``gap`` pixels along each row closed (a line the scan broke)."""
    grown = mask.copy()
    for k in range(1, gap + 1):
        grown[:, k:] |= mask[:, :-k]
    closed = grown.copy()
    for k in range(1, gap + 1):
        closed[:, :-k] &= grown[:, k:]
    return closed | mask


def _segments(mask: np.ndarray, least: int, horizontal: bool, max_thick: int) -> list[Segment]:
    """The ruled lines along the rows of ``mask``.

    Long runs on neighbouring rows that overlap (or nearly meet) are one line: a line tilted by a
    fraction of a degree steps from row to row, so each row holds a piece of it.
    """
    # only rows with ink enough for a run of ``least`` once bridged (bridging at most doubles a
    # row's ink) are looked at: most rows of a page of text are left out at once
    inked = np.flatnonzero(2 * np.count_nonzero(mask, axis=1) >= least)
    rows, starts, ends = _runs(_bridge(mask[inked], 1), least)
    rows = inked[rows]
    lines: list[list[int]] = []  # first row, last row, start, end
    active: list[list[int]] = []  # the lines that reached this row or the one before
    for r, s, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):  # by row, then start
        active = [line for line in active if r - line[1] <= 1]
        touching = [line for line in active if s < line[3] + 4 and e > line[2] - 4]
        if not touching:
            lines.append([r, r, s, e])
            active.append(lines[-1])
            continue
        keep = touching[0]
        keep[0] = min(line[0] for line in touching)
        keep[1] = r
        keep[2] = min(s, *(line[2] for line in touching))
        keep[3] = max(e, *(line[3] for line in touching))
        for line in touching[1:]:
            line[1] = -10  # merged into ``keep``
            active.remove(line)
    return [
        Segment(horizontal, (first + last) / 2, s, e, last - first + 1)
        for first, last, s, e in lines
        if last >= 0 and last - first + 1 <= max_thick
    ]


def rules(dark: np.ndarray, dpi: float) -> list[Segment]:
    """The page's horizontal and vertical ruled lines (candidates: a letter's stem with its marks can
    pass for a short vertical one; :func:`framed` keeps those that run from rule to rule)."""
    thick = max(int(MAX_RULE_THICKNESS * dpi / 72), 2)
    across = _segments(dark, max(int(MIN_RULE_ACROSS * dpi / 72), 8), True, thick)
    down = _segments(dark.T, max(int(MIN_RULE_DOWN * dpi / 72), 8), False, thick)
    return across + down


def _joined(segments: list[Segment], gap: float) -> list[Segment]:
    """Segments of one direction on one line (within 2 pixels) joined across breaks of up to ``gap``
    pixels (a rule the scan broke, dust, a faded stretch, a seal over it)."""
    out: list[Segment] = []
    for s in sorted(segments, key=lambda s: (s.start, s.at)):
        last = next((o for o in reversed(out) if abs(o.at - s.at) <= 2), None)
        if last is not None and s.start - last.end <= gap:
            out.remove(last)
            thick = max(last.thickness, s.thickness)
            out.append(Segment(s.horizontal, last.at, last.start, max(last.end, s.end), thick))
        else:
            out.append(s)
    return out


def framed(
    segments: list[Segment], tolerance: float, long: float, dark: np.ndarray | None = None
) -> list[Segment]:
    """The segments that are a table's rules: every horizontal one (joined across breaks shorter than
    ``long``); the vertical ones, joined across short breaks, that are ``long`` (pixels; no letter
    is so tall) or whose two ends each meet a horizontal one (within ``tolerance`` pixels): a cell's
    side runs from the rule above it to the rule below, a letter's stem inside the cell does not.
    Given the page's ``dark`` pixels, letters are told from rules by their ink's width
    (:func:`_without_letters`)."""
    across = _joined([s for s in segments if s.horizontal], long)

    def meets(x: float, y: float) -> bool:
        return any(
            abs(h.at - y) <= tolerance + h.thickness and h.start - tolerance <= x <= h.end + tolerance
            for h in across
        )

    # a letter's stem is left out before the rules are joined, so that a stem in line with a
    # column's rule does not carry the rule through a row whose cells are merged across it
    down = [s for s in segments if not s.horizontal]
    if dark is not None:
        down = _without_letters(down, dark, long, round(tolerance))
    joined = [s for s in _joined(down, tolerance) if s not in down]
    return across + [
        s for s in down + joined if s.end - s.start >= long or (meets(s.at, s.start) and meets(s.at, s.end))
    ]


#: A short vertical segment with ink beside it along this share of its length is a letter's stem.
_FLANKED = 0.3


def _widths(s: Segment, dark: np.ndarray) -> np.ndarray:
    """For each pixel row of a vertical segment, the width of the run of dark pixels through its
    line (0 where the line has no ink)."""
    top, bottom = max(s.start, 0), min(s.end + 1, dark.shape[0])
    x = min(max(round(s.at), 0), dark.shape[1] - 1)
    lo, hi = max(x - 16, 0), min(x + 17, dark.shape[1])
    band = dark[top:bottom, lo:hi].astype(np.int32)
    c = x - lo
    left = np.cumprod(band[:, c::-1], axis=1).sum(axis=1)
    right = np.cumprod(band[:, c:], axis=1).sum(axis=1)
    return np.where(band[:, c] > 0, left + right - 1, 0)


def _without_letters(down: list[Segment], dark: np.ndarray, long: float, clear: int) -> list[Segment]:
    """The vertical segments less the letters' ink: where the ink through a segment's line is 2
    pixels wider than the page's rules are drawn (the median width of its ``long`` segments, which
    no letter makes; blur and all), a letter is on it. An end with a letter on it is cut off
    (:func:`_trimmed`); a short segment with a letter along :data:`_FLANKED` of its length or more
    is a bold letter's stem, left out."""
    widths = {s: _widths(s, dark) for s in down}
    inked = [w[w > 0] for s, w in widths.items() if s.end - s.start >= long]
    pooled = np.concatenate(inked) if inked else np.zeros(0)
    rule = float(np.median(pooled)) if pooled.size else float("inf")
    out = []
    for s in down:
        kept = _trimmed(s, widths[s] >= rule + 2, clear)
        if kept is None:
            continue
        segment, beside = kept
        if segment.end - segment.start < long and beside.size >= 3 and float(beside.mean()) >= _FLANKED:
            continue
        out.append(segment)
    return out


def _trimmed(s: Segment, beside: np.ndarray, clear: int) -> tuple[Segment, np.ndarray] | None:
    """The segment without the ends where letters run into it (``beside``: a letter on it, row by
    row), with what is left of ``beside``: an end with a letter on it along twice ``clear`` pixel
    rows or more (a "g" whose stem meets a column's rule in a row merged across; a rule crossing at
    the end is thinner) starts where ``clear`` rows in a row have none. None when no such stretch is
    left."""
    n, clear = len(beside), max(clear, 2)
    if n < clear:
        return s, beside
    free = np.convolve(~beside, np.ones(clear, dtype=int), mode="valid") == clear  # a clear stretch starts
    starts = np.flatnonzero(free)
    if starts.size == 0:
        return None
    first, last = int(starts[0]), int(starts[-1]) + clear - 1
    first = first if first >= 2 * clear else 0  # a rule crossing at its end is kept: a letter is taller
    last = last if n - 1 - last >= 2 * clear else n - 1
    if first == 0 and last == n - 1:
        return s, beside
    if last - first < 2 * clear:  # what is left is a letter's too
        return None
    return Segment(False, s.at, s.start + first, s.start + last, s.thickness), beside[first : last + 1]


def stroke(dark: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """How thick the strokes of the ink in ``box`` (x0, top, x1, bottom, pixels) are: the mean length
    of its horizontal ink runs (0 without ink)."""
    x0, top, x1, bottom = box
    crop = dark[max(top, 0) : max(bottom, 0), max(x0, 0) : max(x1, 0)]
    if crop.size == 0:
        return 0.0
    padded = np.zeros((crop.shape[0], crop.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = crop
    steps = np.diff(padded, axis=1)
    n = int((steps == 1).sum())
    return float(crop.sum()) / n if n else 0.0
