"""Pick the reader for a file by its content and read it into a :class:`~.document.Document`."""

from __future__ import annotations

from pathlib import Path

from .detect import sniff
from .document import Document


def read_document(path: str | Path, *, ocr: str | None = None) -> Document:
    """Read a plan file of any supported format (text export, .docx, .pdf, .xlsx/.xlsm, a scanned
    page's image: PNG, JPEG, TIFF, …).

    The format is decided by the file's content (:func:`~.detect.sniff`), not its
    name; a file that is none of these is refused with a message that says what it
    is and what to do. ``ocr``: which pages of a PDF are read from their image
    (:data:`~.ocr.MODES`; None: the mode :func:`~.ocr.ocr_mode` set).
    """
    kind = sniff(path)
    if kind == "docx":
        from .read_docx import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from .read_xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "pdf":
        from .read_pdf import read_pdf

        return read_pdf(path, ocr=ocr)
    if kind == "image":
        from .read_image import read_image

        return read_image(path, ocr=ocr)
    from .read_text import read_text

    return read_text(path)
