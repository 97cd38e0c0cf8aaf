"""Make scanned copies of plans: image-only PDFs, as a printed, stamped and scanned plan arrives.

Each page of a PDF is rendered with pypdfium2 at 200 dpi in grey, tilted by 0.3°–0.9° (either
way), blurred a little as a scanner's optics blur, greyed (an uneven paper tone, ink lighter than
black), speckled (dust), and a round stamp with a few lines of "handwriting" is put on the last
page. The pages are saved as JPEG images in a PDF with no text layer (Pillow's PDF writer). Every
random choice comes from a generator seeded by ``seed`` and the page's number, and Pillow writes
no date: the same input gives the same bytes.

Committed outputs (``tests/fixtures/documents/scans/``, a few hundred KB):

- ``appendix_scan.pdf``: the two landscape pages of ``tests/fixtures/documents/word/appendix.pdf``
  (its tasks are in ``word/appendix.json``).

Scans of the real plans in ``../shared/real/`` are never committed: the tests make them at test
time into a temporary folder (:func:`scan_pdf`), and ``--real OUT`` writes them by hand.

Run: ``.venv/bin/python tools/make_scans.py`` (the committed fixtures),
``.venv/bin/python tools/make_scans.py --src PLAN.pdf --out SCAN.pdf [--seed N]`` (any PDF), or
``.venv/bin/python tools/make_scans.py --real /tmp/scans`` (``hanoi.pdf``, where it exists).
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import time
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "scans"
REAL = ROOT.parent / "shared" / "real"
FIXTURES = {"appendix_scan.pdf": (ROOT / "tests" / "fixtures" / "documents" / "word" / "appendix.pdf", 28)}
DPI = 200


def render_pages(src: str | Path, dpi: int = DPI, pages: list[int] | None = None) -> list[Image.Image]:
    """The pages of a PDF (1-based numbers; all by default) as grey images at ``dpi``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        return [pdf[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers]
    finally:
        pdf.close()


def degrade(image: Image.Image, rng: np.random.Generator, stamp: bool = False) -> Image.Image:
    """A page as a scanner gives it back: tilted, blurred, greyed, speckled (and stamped)."""
    angle = float(rng.uniform(0.3, 0.9) * rng.choice([-1.0, 1.0]))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if stamp:
        image = _stamp(image, rng)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(image, dtype=np.float32) / 255.0
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    phase = float(rng.uniform(0, math.pi))
    paper = 224.0 + 14.0 * np.sin(xx / w * 2.5 + phase) * np.cos(yy / h * 1.7)  # an uneven paper tone
    ink = float(rng.uniform(40, 60))
    out = ink + (paper - ink) * a
    dust = rng.random(a.shape) < 0.0006
    out[dust] = rng.uniform(30, 120, int(dust.sum()))
    return Image.fromarray(np.clip(out, 0, 255).round().astype(np.uint8))


def _stamp(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A round seal over the lower right of the page and two strokes of a signature beside it."""
    image = image.copy()
    draw = ImageDraw.Draw(image)
    w, h = image.size
    cx, cy = int(w * rng.uniform(0.62, 0.72)), int(h * rng.uniform(0.72, 0.8))
    r = int(min(w, h) * 0.075)
    for k in range(3):
        draw.ellipse((cx - r + k, cy - r + k, cx + r - k, cy + r - k), outline=150)
    draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), outline=150, width=2)
    points = [(cx - r - 40 + 12 * i, cy + int(25 * math.sin(i / 2.0))) for i in range(20)]
    draw.line(points, fill=90, width=3)
    return image


def scan_pdf(
    src: str | Path, dest: str | Path, seed: int = 0, pages: list[int] | None = None, quality: int = 30
) -> Path:
    """Write a scanned copy of the PDF ``src`` (its ``pages``, 1-based; all by default) to ``dest``."""
    images = render_pages(src, DPI, pages)
    scanned = []
    for k, image in enumerate(images):
        rng = np.random.default_rng([seed, k])
        scanned.append(degrade(image, rng, stamp=k == len(images) - 1))
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    fixed = time.gmtime(1767225600)  # 2026-01-01: Pillow dates the file now unless told
    scanned[0].save(
        buf,
        "PDF",
        resolution=DPI,
        quality=quality,
        save_all=True,
        append_images=scanned[1:],
        creationDate=fixed,
        modDate=fixed,
    )
    dest.write_bytes(buf.getvalue())
    return dest


def mixed_pdf(
    text_pdf: str | Path, scanned_pdf: str | Path, scanned_pages: set[int], dest: str | Path
) -> Path:
    """A PDF whose pages come from ``text_pdf``, except ``scanned_pages`` (1-based), taken from the scan
    of the same document (a plan whose signed pages were scanned and put back)."""
    import pypdfium2 as pdfium

    text, scan = pdfium.PdfDocument(str(text_pdf)), pdfium.PdfDocument(str(scanned_pdf))
    out = pdfium.PdfDocument.new()
    for n in range(1, len(text) + 1):
        out.import_pages(scan if n in scanned_pages else text, [n - 1])
    dest = Path(dest)
    out.save(str(dest))
    for doc in (out, text, scan):
        doc.close()
    return dest


def seed_of(name: str) -> int:
    """A fixed seed from a file's name."""
    return zlib.crc32(name.encode())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", help="a PDF to scan")
    parser.add_argument("--out", help="where to write its scan")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--real", help="a folder for the scans of ../shared/real/*.pdf")
    args = parser.parse_args(argv)
    if args.src:
        if not args.out:
            parser.error("--src needs --out")
        seed = seed_of(Path(args.src).name) if args.seed is None else args.seed
        print(scan_pdf(args.src, args.out, seed))
        return 0
    if args.real:
        for pdf in sorted(REAL.glob("*.pdf")):
            print(scan_pdf(pdf, Path(args.real) / f"{pdf.stem}_scan.pdf", seed_of(pdf.name)))
        return 0
    for name, (src, seed) in FIXTURES.items():
        print(scan_pdf(src, OUT / name, seed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
