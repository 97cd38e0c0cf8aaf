"""Plans scanned or photographed to image files: PNG, JPEG, TIFF (one page a frame), BMP, GIF, WebP.

A scanner's "save as image" and a phone's photo of a signed plan are how many plans reach an
analyst. Each image (each frame of a multi-page TIFF) becomes a page of an image-only PDF made in
memory, turned upright by its EXIF orientation, and that PDF is read as a scanned PDF is
(:mod:`.read_scan`): OCR, the ruled grid, reading notes. The page's size comes from the image's
resolution where it says a plausible one; otherwise (a photo says 72 dpi, or nothing) the image is
taken as an A4 page, its long side 29.7 cm, so the reader's measures in points hold. The
:class:`~.document.Document` names the image file: its kind is ``"image"``, its places are pages.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..errors import PlanParseError
from ..words import Problem
from .document import Document, Note

MAX_PAGES = 300  # as read_pdf takes
#: A page whose long side, at the image's stated resolution, is outside this (inches) is no page:
#: the resolution is a camera's default, and the image is taken as an A4 page.
PLAUSIBLE_INCHES = (5.0, 20.0)
A4_LONG_INCHES = 29.7 / 2.54


def page_dpi(image: Image.Image) -> float:
    """The resolution (dots per inch) an image is read at: its own when plausible, else A4's."""
    stated = image.info.get("dpi")
    long_side = max(image.size)
    try:
        dpi = float(stated[0]) if stated else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if dpi > 0 and PLAUSIBLE_INCHES[0] <= long_side / dpi <= PLAUSIBLE_INCHES[1]:
        return dpi
    return long_side / A4_LONG_INCHES


@contextmanager
def _opened(path: str | Path) -> Iterator[Image.Image]:
    try:
        with Image.open(path) as image:
            yield image
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise PlanParseError(path, None, Problem("image_unreadable", reason=exc)) from None


def _pages(image: Image.Image, path: str | Path) -> list[Image.Image]:
    """Each frame upright, in grey."""
    pages = []
    try:
        for no, frame in enumerate(ImageSequence.Iterator(image), 1):
            if no > MAX_PAGES:
                raise PlanParseError(path, None, Problem("image_pages", limit=MAX_PAGES))
            pages.append(ImageOps.exif_transpose(frame).convert("L"))
    except (OSError, ValueError) as exc:  # a truncated frame
        raise PlanParseError(path, None, Problem("image_unreadable", reason=exc)) from None
    return pages


def image_pdf(path: str | Path) -> bytes:
    """The image file as an image-only PDF, a page per image (per frame), every page at the first
    frame's resolution (:func:`page_dpi`)."""
    with _opened(path) as image:
        dpi = page_dpi(image)
        pages = _pages(image, path)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def read_image(path: str | Path, *, ocr: str | None = None) -> Document:
    """Read an image file as a scanned plan.

    Raises :class:`~plan132lib.errors.PlanParseError` naming the image for an unreadable image, OCR
    turned off (``--ocr never``: an image has no text but its picture), Tesseract missing, or any
    problem of the scanned page's reading.
    """
    from . import ocr as engine
    from .read_pdf import read_pdf

    with _opened(path) as image:
        kind = image.format or "?"
    if engine.current_mode(ocr) == "never":
        raise PlanParseError(path, None, Problem("image_ocr_off", image=kind))
    pdf = image_pdf(path)
    name = Path(path).name
    with tempfile.TemporaryDirectory(prefix="plan132-image-") as folder:
        stand_in = Path(folder) / f"{Path(path).stem}.pdf"
        stand_in.write_bytes(pdf)
        try:
            doc = read_pdf(stand_in, ocr="auto")  # every page an image without text: all read by OCR
        except PlanParseError as exc:
            problem = exc.problem
            if getattr(problem, "key", "") == "pdf_ocr_empty":  # said of the image, not of a PDF
                problem = Problem("image_no_text", image=kind, n=problem.fields["n"])  # type: ignore[attr-defined]
            raise PlanParseError(path, exc.line, problem) from None
    doc.path, doc.kind = str(path), "image"
    doc.notes[:] = [
        Note(
            n.key, n.place, tuple((k, name if k == "file" and v == stand_in.name else v) for k, v in n.fields)
        )
        for n in doc.notes
    ]
    return doc


def crop_image(
    path: str | Path, page: int, bbox: tuple[float, float, float, float], resolution: int = 110
) -> Image.Image:
    """The region ``bbox`` (x0, top, x1, bottom, in points) of an image file's page, padded by 4
    points, as a PIL image at ``resolution`` dpi (as :func:`.read_pdf.crop_row_image` for a PDF)."""
    pad = 4.0
    with _opened(path) as image:
        dpi = page_dpi(image)
        pages = _pages(image, path)
    if not 1 <= page <= len(pages):
        raise PlanParseError(path, f"page {page}", f"no such page: the image has {len(pages)} pages")
    upright = pages[page - 1]
    scale = dpi / 72
    x0, top, x1, bottom = bbox
    box = (
        max(0, round((x0 - pad) * scale)),
        max(0, round((top - pad) * scale)),
        min(upright.width, round((x1 + pad) * scale)),
        min(upright.height, round((bottom + pad) * scale)),
    )
    region = upright.crop(box)
    factor = resolution / dpi
    return region.resize((max(1, round(region.width * factor)), max(1, round(region.height * factor))))
