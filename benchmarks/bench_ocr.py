"""``make bench`` (OCR part): what reading a scanned plan costs against Tesseract alone.

For each scan it times, in turns (best of ``--runs`` each):

- the kit: :func:`plan132lib.ingest.read_pdf.read_pdf` on the scan (rendering every page, straightening
  it, finding its rules and cells, the Tesseract calls, building the document);
- Tesseract alone: the same page images (rendered as the kit renders them, before the clock starts),
  each read by one ``tesseract … -l vie --psm 6 tsv`` call in the same way (one core per call,
  ``OMP_THREAD_LIMIT=1``, as many calls at once as there are cores).

It prints seconds per page for both, wall clock and CPU (this process and its Tesseract children),
and the ratio against the target (≤ 1.3×) in CPU seconds: on a machine shared with other work the
wall clock's ratio swings with the others' load (0.7× to 2.3× in one afternoon), the CPU's does
not. The scans are made by ``tools/make_scans.py`` into a temporary folder:
``tests/fixtures/documents/plan132.pdf`` (9 pages) and, where ``../shared/real`` exists,
``hanoi.pdf`` (12 pages); or ``--pdf FILE`` (a scan).

Usage: ``python benchmarks/bench_ocr.py [--pdf SCAN ...] [--runs 2]``; exit status 1 when the target
is missed, 0 with a note when Tesseract is not installed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from plan132lib.ingest import ocr, read_scan  # noqa: E402
from plan132lib.ingest.read_pdf import read_pdf  # noqa: E402

TARGET = 1.3
SOURCES = [
    ROOT / "tests" / "fixtures" / "documents" / "plan132.pdf",
    ROOT.parent / "shared" / "real" / "hanoi.pdf",
]


def page_images(scan: Path) -> list[np.ndarray]:
    """The scan's pages as the kit renders them (at the scan's resolution, grey)."""
    import pdfplumber
    import pypdfium2 as pdfium

    with pdfplumber.open(scan) as pdf:
        sizes = [
            (float(p.width), [(float(im["width"]), float(im["srcsize"][0])) for im in p.images])
            for p in pdf.pages
        ]
    doc = pdfium.PdfDocument(str(scan))
    try:
        return [
            read_scan.scan_image.grey(doc[k].render(scale=read_scan._dpi(images, width) / 72).to_pil())
            for k, (width, images) in enumerate(sizes)
        ]
    finally:
        doc.close()


def tesseract_alone(images: list[np.ndarray], dpi: int) -> None:
    """One Tesseract call per page image, as many at once as there are cores."""
    with ThreadPoolExecutor(max_workers=max(min(len(images), os.cpu_count() or 1), 1)) as pool:
        list(pool.map(lambda image: ocr.run_tsv(image, dpi), images))


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the Tesseract calls)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - wall, _cpu() - cpu


def bench(scan: Path, runs: int) -> float:
    """Print the timings for one scan; return the ratio of CPU seconds (the wall clock's ratio is
    printed too, but on a machine shared with other work it says more of the others' load)."""
    images = page_images(scan)
    dpi = round(images[0].shape[1] / 11.69) if images[0].shape[1] > images[0].shape[0] else 200
    dpi = 200 if not 150 <= dpi <= 400 else dpi
    read_pdf(scan, ocr="auto")  # warm: the vocabulary and the models read once
    kit, alone = [], []
    for _ in range(runs):  # in turns, so both meet the same load
        kit.append(_timed(lambda: read_pdf(scan, ocr="auto")))
        alone.append(_timed(lambda: tesseract_alone(images, dpi)))
    n = len(images)
    wall = min(k[0] for k in kit) / min(a[0] for a in alone)
    cpu = min(k[1] for k in kit) / min(a[1] for a in alone)
    print(
        f"{scan.name:22} {n:3} pages  kit {min(k[0] for k in kit) / n:5.2f} s/page "
        f"({min(k[1] for k in kit) / n:4.2f} CPU s)  tesseract alone "
        f"{min(a[0] for a in alone) / n:5.2f} s/page "
        f"({min(a[1] for a in alone) / n:4.2f} CPU s)  ratio {cpu:4.2f}× CPU, {wall:4.2f}× wall "
        f"(target ≤ {TARGET}×) {'ok' if cpu <= TARGET else 'MISSED'}"
    )
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", nargs="+", default=None, help="scanned PDFs (default: scans made here)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    if ocr.missing():
        print(f"OCR benchmark skipped: {ocr.missing()} is not installed")
        return 0
    print(f"OCR: seconds per page on {os.cpu_count()} cores, best of {args.runs}")
    with tempfile.TemporaryDirectory() as tmp:
        scans = [Path(p) for p in args.pdf or []]
        if not scans:
            from make_scans import scan_pdf, seed_of

            scans = [
                scan_pdf(src, Path(tmp) / f"{src.stem}_scan.pdf", seed_of(src.name))
                for src in SOURCES
                if src.exists()
            ]
        ratios = [bench(scan, args.runs) for scan in scans]
    return 0 if all(r <= TARGET for r in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
