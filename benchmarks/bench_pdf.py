"""``make bench`` (PDF part): what reading a plan's PDF costs against pdfplumber's own extraction.

Times :func:`plan132lib.ingest.read_pdf.read_pdf` and, on the same file in the same
run, pdfplumber's ``page.extract_tables()`` plus ``page.extract_text()`` on every
page (best of 3 each, timed in turns), and prints the ratio against the target
(≤ 1.5×).

The files are the fixture PDF with most pages in ``tests/fixtures/documents/``, the
Word-made fixtures in ``tests/fixtures/documents/word/`` and the real plans' PDFs in
``../shared/real/`` where that folder exists. When none has 12 pages or more, a
12+-page plan is also built (where LibreOffice is installed): Plan 132's
text export laid out with python-docx (header table, body, recipients beside the
signature, a landscape appendix whose task table is repeated to fill the pages)
and exported to PDF by LibreOffice (``soffice``).

Usage: ``python benchmarks/bench_pdf.py [--pdf FILE ...] [--runs 3]``; exit status 1
when the target is missed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plan132lib.ingest.read_pdf import read_pdf  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "documents"
WORD_FIXTURES = FIXTURES / "word"
REAL = ROOT.parent / "shared" / "real"  # real plans kept beside the project, where there are any
EXPORT = ROOT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
TARGET = 1.5
MIN_PAGES = 12


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pdfplumber_baseline(path: Path) -> None:
    """pdfplumber's own extraction: ``extract_tables()`` and ``extract_text()`` on every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()


def _clean(text: str) -> str:
    text = re.sub(r"</?(b|sup|sub)>", "", text)
    return re.sub(r"^#+\s*", "", text).replace("**", "").strip()


def _export_parts() -> tuple[list[str], list[list[str]]]:
    """Plan 132's body paragraphs (up to "Nơi nhận") and its task-table rows, from the text export."""
    body: list[str] = []
    rows: list[list[str]] = []
    in_body = True
    for raw in EXPORT.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r\n ")
        if "\t" in line:
            in_body = False
            cells = [_clean(c) for c in line.split("\t")]
            if cells[0] == "TT" or not any(cells):
                continue
            if not cells[0] and cells[1] and rows:  # a row continued after a page break
                rows[-1][1] += " " + cells[1]
                continue
            rows.append((cells + [""] * 6)[:6])
        elif in_body and line.strip():
            if "Nơi nhận" in line:
                in_body = False
                continue
            text = _clean(line)
            if text and not text.startswith(("Số:", "Hưng Yên,")):
                body.append(text)
    return body, rows


def _set_borders(table: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def build_docx(path: Path, copies: int = 3, merge_down: bool = False) -> Path:
    """Write Plan 132 as a Word file whose appendix repeats the task table ``copies`` times.

    ``merge_down``: merge the coordinating cells of the first group's tasks 2–4 (equal
    values) into one cell, as plans do for a value shared by several tasks.
    """
    from docx import Document as DocxDocument
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    body, rows = _export_parts()
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    style.paragraph_format.space_after = Pt(0)  # type: ignore[attr-defined]
    style.paragraph_format.line_spacing = 1.0  # type: ignore[attr-defined]
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)

    head = doc.add_table(rows=2, cols=2)
    left = ["ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN", "Số: 132/KH-UBND"]
    right = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Hưng Yên, ngày 16 tháng 4 năm 2026",
    ]
    for i in range(2):
        for j, text in enumerate((left[i], right[i])):
            cell = head.cell(i, j)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = cell.paragraphs[0].add_run(text)
            run.bold = i == 0
            run.italic = i == 1 and j == 1
    for text in body:
        p = doc.add_paragraph()
        structural = text.startswith(("KẾ HOẠCH", "I.", "II.", "III.", "IV.")) or body.index(text) == 1
        if text == "KẾ HOẠCH" or body.index(text) == 1:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1.27)
        p.add_run(text).bold = structural or bool(re.match(r"\d+\. .*:$", text))
    sign = doc.add_table(rows=1, cols=2)
    recipients = [
        "Bộ Nông nghiệp và Môi trường;",
        "Chủ tịch, các PCT UBND tỉnh;",
        "Các sở, ban, ngành, đoàn thể của tỉnh;",
        "UBND các xã, phường;",
        "Lưu: VT, KT2.",
    ]
    cell = sign.cell(0, 0)
    cell.paragraphs[0].add_run("Nơi nhận:").bold = True
    for r in recipients:
        cell.add_paragraph().add_run("- " + r).font.size = Pt(11)
    cell = sign.cell(0, 1)
    for text in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Nguyễn Hùng Nam"):
        p = cell.add_paragraph() if cell.paragraphs[0].text or text == "" else cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True

    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21)
    sec.left_margin, sec.right_margin = Cm(2), Cm(2)
    for text, bold in (
        ("Phụ lục", True),
        ("DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT SỐ 247/2025/QH15 CỦA QUỐC HỘI", True),
        (
            "(Kèm theo Kế hoạch số 132/KH-UBND ngày 16 tháng 4 năm 2026 của Ủy ban nhân dân tỉnh Hưng Yên)",
            False,
        ),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
    table = doc.add_table(rows=1, cols=6)
    _set_borders(table)
    widths = [Cm(1.2), Cm(9.5), Cm(4.0), Cm(5.0), Cm(3.0), Cm(3.0)]
    header = ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ", "Ghi chú"]
    for j, text in enumerate(header):
        table.rows[0].cells[j].paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for _ in range(copies):
        for cells in rows:
            row = table.add_row()
            if cells[0] and not cells[0].isdigit() and not any(cells[1:]):  # a group row, merged across
                merged = row.cells[0].merge(row.cells[5])
                merged.paragraphs[0].add_run(cells[0]).bold = True
                continue
            for j, text in enumerate(cells):
                row.cells[j].paragraphs[0].add_run(text)
    if merge_down:
        top, bottom = table.cell(3, 3), table.cell(5, 3)
        for cell in (table.cell(4, 3), bottom):
            for p in cell.paragraphs:
                p.text = ""
        top.merge(bottom)
    table.autofit = False
    for j, w in enumerate(widths):
        table.columns[j].width = w
    for row in table.rows:
        for j, w in enumerate(widths):
            row.cells[j].width = w
    doc.save(str(path))
    return path


def _page_field(paragraph: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def to_pdf(docx: Path, folder: Path) -> Path:
    """Export a Word file to PDF with LibreOffice (its own profile: another soffice may be running)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to build the benchmark PDF")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / (docx.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not write {pdf}")
    return pdf


def build_long_pdf(folder: Path, min_pages: int = MIN_PAGES) -> Path:
    """A plan PDF of at least ``min_pages`` pages (Plan 132 with its task table repeated)."""
    copies = 2
    while True:
        pdf = to_pdf(build_docx(folder / f"plan132_x{copies}.docx", copies), folder)
        with pdfplumber.open(pdf) as doc:
            if len(doc.pages) >= min_pages:
                return pdf
        copies += 1


def _pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def bench(path: Path, runs: int) -> tuple[float, float, int]:
    """Best-of-``runs`` seconds of :func:`read_pdf` and of the pdfplumber baseline on ``path``.

    The two are timed in turns (ours, theirs, ours, …) so that a busy machine slows both alike.
    """
    read_pdf(path)  # warm: imports, font caches
    ours = base = float("inf")
    for _ in range(runs):
        ours = min(ours, _seconds(lambda: read_pdf(path)))
        base = min(base, _seconds(lambda: pdfplumber_baseline(path)))
    return ours, base, _pages(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pdf",
        type=Path,
        action="append",
        help="time this PDF (repeatable; default: the fixture PDF with most pages, the "
        "Word-made fixtures and the real plans in ../shared/real/ where they exist)",
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.pdf or sorted(FIXTURES.glob("*.pdf"), key=lambda p: (-_pages(p), p.name))
    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[Path, str]] = []
        if args.pdf:
            targets += [(path, "") for path in args.pdf]
            pages = max(_pages(path) for path in args.pdf)
        elif files:
            pages = _pages(files[0])
            note = "" if pages >= MIN_PAGES else f"only {pages} pages (< {MIN_PAGES})"
            targets.append((files[0], note))
            targets += [
                (path, "Word-made layout (tools/make_word_pdf_fixtures.py)")
                for path in sorted(WORD_FIXTURES.glob("*.pdf"))
            ]
            targets += [(path, "a real plan (Word export)") for path in sorted(REAL.glob("*.pdf"))]
            pages = max(pages, *(_pages(path) for path, _ in targets))
        else:
            pages = 0
            targets.append((Path(), "no fixture PDF in tests/fixtures/documents"))
        if pages < MIN_PAGES and not args.pdf:
            if shutil.which("soffice") or shutil.which("libreoffice"):
                long_pdf = build_long_pdf(Path(tmp))
                targets.append((long_pdf, "built from Plan 132's text export (python-docx + LibreOffice)"))
            else:
                targets.append((Path(), f"no PDF of {MIN_PAGES}+ pages, and no LibreOffice to build one"))
        print(f"{'file':<28} {'pages':>5} {'read_pdf s':>10} {'pdfplumber s':>12} {'ratio':>6}  target")
        missed = False
        for path, note in targets:
            if not path.name:
                print(f"{'(none)':<28} {'':>5} {'':>10} {'':>12} {'':>6}  {note}")
                continue
            ours, base, n = bench(path, args.runs)
            ratio = ours / base
            ok = ratio <= TARGET
            missed |= not ok
            verdict = f"≤ {TARGET}× {'yes' if ok else 'NO'}"
            print(
                f"{path.name:<28} {n:>5} {ours:>10.3f} {base:>12.3f} {ratio:>5.2f}×  {verdict}"
                + (f"  ({note})" if note else "")
            )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
