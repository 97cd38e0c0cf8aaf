"""Tesseract, the OCR engine: finding it, asking it to read an image, and when to use it.

The kit calls the ``tesseract`` program (Tesseract 4 or 5, Apache-2.0; Debian's
``tesseract-ocr`` with ``tesseract-ocr-vie``, or conda-forge's ``tesseract``) with the
Vietnamese model ``vie``; nothing is downloaded at run time. An image goes in on standard input
as a PGM (no file is written) and the words come back as Tesseract's TSV: each word's box in
pixels, its confidence (0–100) and its line. ``OMP_THREAD_LIMIT=1`` keeps each call on one core:
the reader runs one call per page, as many at once as there are cores.

:data:`MODES` say when a PDF's pages are read from their image (``--ocr``): ``auto`` (the
default) reads a page from its image when it has no text layer and from its text otherwise,
``always`` reads every page from its image, ``never`` never does (a scan is then refused, as
before). The mode is passed to :func:`~plan132lib.ingest.tables.load_plan` (``ocr=``), or set for
everything a command reads with :func:`ocr_mode` (the CLI's ``--ocr``), or, for a whole process
that sets neither (a notebook's kernel started by the build), by the environment variable
:data:`MODE_ENV`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "LANGUAGE",
    "MODES",
    "MODE_ENV",
    "OcrUnavailable",
    "OcrWord",
    "current_mode",
    "has_language",
    "missing",
    "ocr_mode",
    "orientation",
    "recognise",
    "recognise_many",
    "tesseract",
]

#: When a page is read from its image: see the module's docstring.
MODES = ("auto", "always", "never")
#: Tesseract's model for Vietnamese.
LANGUAGE = "vie"
#: The program looked for on ``PATH`` (or a path to it). Tests point it at a missing file.
PROGRAM = "tesseract"
#: Seconds one page may take (a dense page takes a few).
TIMEOUT = 300.0

#: The environment variable giving the mode of a process that sets none (the build sets it for the
#: kernels of its notebooks, so they read the plan as the build did).
MODE_ENV = "PLAN132_OCR"

_MODE: ContextVar[str | None] = ContextVar("plan132_ocr_mode", default=None)


@contextlib.contextmanager
def ocr_mode(mode: str | None) -> Iterator[None]:
    """Read the plans of the ``with`` block in this mode (None: leave it as it is)."""
    if mode is None:
        yield
        return
    if mode not in MODES:
        raise ValueError(f"the OCR mode is one of {MODES}, not {mode!r}")
    token = _MODE.set(mode)
    try:
        yield
    finally:
        _MODE.reset(token)


def current_mode(mode: str | None = None) -> str:
    """``mode`` when given, else the mode :func:`ocr_mode` set, else :data:`MODE_ENV`'s, else ``auto``."""
    if mode is None:
        mode = _MODE.get()
    if mode is None:
        mode = os.environ.get(MODE_ENV) or "auto"
        if mode not in MODES:
            raise ValueError(f"the environment variable {MODE_ENV} is one of {MODES}, not {mode!r}")
    if mode not in MODES:
        raise ValueError(f"the OCR mode is one of {MODES}, not {mode!r}")
    return mode


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed (the text says which)."""


class OcrFailed(Exception):
    """Tesseract ran but did not read the image (its message)."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A word Tesseract read: its box in the image's pixels, its confidence (0–100), its text and its
    line (block, paragraph and line numbers, unique on the image)."""

    left: int
    top: int
    width: int
    height: int
    confidence: float
    text: str
    line: tuple[int, int, int]

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def tesseract() -> str | None:
    """The Tesseract program's path, or None when it is not installed."""
    return shutil.which(PROGRAM)


@functools.cache
def _languages(program: str) -> frozenset[str]:
    try:
        done = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=60, env=_env(), check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def missing() -> str:
    """What is missing to read a scan: "" when Tesseract and its Vietnamese model are installed,
    else "tesseract" or "vie"."""
    program = tesseract()
    if program is None:
        return "tesseract"
    return "" if has_language(LANGUAGE) else LANGUAGE


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _pgm(image: np.ndarray) -> bytes:
    """A grey uint8 image as a binary PGM."""
    h, w = image.shape
    return f"P5\n{w} {h}\n255\n".encode() + np.ascontiguousarray(image, dtype=np.uint8).tobytes()


def has_language(language: str) -> bool:
    """Whether Tesseract is installed with this model ("vie", "eng")."""
    program = tesseract()
    return program is not None and language in _languages(program)


def run_tsv(image: np.ndarray, dpi: int, psm: int = 6, language: str = LANGUAGE) -> str:
    """Tesseract's TSV for a grey image, as the kit calls it (one core; the Vietnamese model)."""
    return _run(["stdin"], _pgm(image), dpi, psm, language)


def _run(source: list[str], data: bytes | None, dpi: int, psm: int, language: str) -> str:
    program = tesseract()
    if program is None:
        raise OcrUnavailable("tesseract")
    command = [program, *source, "stdout", "-l", language, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=TIMEOUT, env=_env(), check=False
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"tesseract took over {TIMEOUT:g} s") from None
    except OSError as exc:
        raise OcrUnavailable(f"tesseract ({exc.strerror or exc})") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(detail[-1] if detail else f"tesseract exited with {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def recognise_many(
    images: list[np.ndarray], dpi: int, psm: int = 6, language: str = LANGUAGE
) -> list[list[OcrWord]]:
    """The words of each image, as :func:`recognise` reads them one by one, in one Tesseract call (a
    list of image files): the model is loaded once, not once per image."""
    if len(images) <= 1:
        return [recognise(image, dpi, psm, language) for image in images]
    with tempfile.TemporaryDirectory(prefix="plan132-ocr-") as folder:
        names = []
        for i, image in enumerate(images):
            name = Path(folder) / f"{i:05d}.pgm"
            name.write_bytes(_pgm(image))
            names.append(str(name))
        listed = Path(folder) / "images.txt"
        listed.write_text("\n".join(names) + "\n", encoding="utf-8")
        tsv = _run([str(listed)], None, dpi, psm, language)
    out: list[list[OcrWord]] = [[] for _ in images]
    for page, words in _by_page(tsv).items():
        if 1 <= page <= len(images):
            out[page - 1] = parse_tsv("\n" + "\n".join(words))
    return out


def _by_page(tsv: str) -> dict[int, list[str]]:
    """The TSV's rows by their page number (its second column, from 1)."""
    pages: dict[int, list[str]] = {}
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t", 2)
        if len(cells) >= 2 and cells[1].isdigit():
            pages.setdefault(int(cells[1]), []).append(line)
    return pages


def orientation(image: np.ndarray, dpi: int) -> int:
    """How far (degrees, clockwise: 0, 90, 180, 270) Tesseract's orientation detection (``--psm 0``,
    the ``osd`` model) would turn the image to stand it up; 0 when it is not sure (confidence under
    2)."""
    program = tesseract()
    if program is None:
        raise OcrUnavailable("tesseract")
    command = [program, "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)]
    try:
        done = subprocess.run(
            command, input=_pgm(image), capture_output=True, timeout=TIMEOUT, env=_env(), check=False
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"tesseract took over {TIMEOUT:g} s") from None
    except OSError as exc:
        raise OcrUnavailable(f"tesseract ({exc.strerror or exc})") from None
    found = dict(
        (key.strip(), value.strip())
        for key, _, value in (
            line.partition(":") for line in done.stdout.decode("utf-8", "replace").splitlines()
        )
    )
    try:
        rotate, sure = int(found.get("Rotate", "0")), float(found.get("Orientation confidence", "0"))
    except ValueError:
        return 0
    return rotate if sure >= 2.0 else 0


def parse_tsv(tsv: str) -> list[OcrWord]:
    """The words of Tesseract's TSV (level 5 rows with text), in its reading order."""
    words = []
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            block, par, ln = int(cells[2]), int(cells[3]), int(cells[4])
            left, top, width, height = (int(c) for c in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        words.append(
            OcrWord(left, top, width, height, max(confidence, 0.0), cells[11].strip(), (block, par, ln))
        )
    return words


def recognise(image: np.ndarray, dpi: int, psm: int = 6, language: str = LANGUAGE) -> list[OcrWord]:
    """The words Tesseract reads on a grey image (uint8, dark ink on light paper)."""
    return parse_tsv(run_tsv(image, dpi, psm, language))
