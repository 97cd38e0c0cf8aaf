"""Make the small PDFs that show a PDF reader's traps the plan fixtures lack.

Writes into ``tests/fixtures/documents/traps/`` (committed; ``tests/unit/test_read_pdf.py``
reads them), each a Word file made with python-docx and exported by LibreOffice:

- ``phantom.pdf``: a three-column table over three pages whose header cell ends 8.5 pt right
  of the number column below it, so pdfplumber sees four columns on page 1 and three after;
  rows 3–5 share one lead cell merged down; row 7's content starts with a bold paragraph.
- ``body.pdf`` (+ ``body.json``, the paragraphs' texts): justified paragraphs with a
  first-line indent and no spacing between them, running over page breaks, with the page
  number in the footer.
- ``secret.pdf``: a PDF with an open password ("x").

Run: ``.venv/bin/python tools/make_pdf_traps.py`` (needs LibreOffice: ``soffice``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "traps"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"


def _export(docx: Path, out: Path, *extra: str) -> Path:
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            *(extra or ("pdf",)),
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / (docx.stem + ".pdf")


def _bordered(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def phantom_pdf(out: Path) -> Path:
    """A three-column table over three pages whose header cell ends 8.5 pt right of the
    number column below it: pdfplumber sees four columns on page 1 and three after.

    Rows 3–5 share one lead cell merged down; row 7's content starts with a bold paragraph.
    """
    from docx import Document as Docx
    from docx.shared import Cm

    doc = Docx()
    doc.add_paragraph("Bảng kiểm tra")
    n = 45
    table = doc.add_table(rows=n + 1, cols=4)
    _bordered(table)
    table.autofit = False
    for j, width in enumerate((1.5, 0.3, 8.0, 4.0)):
        table.columns[j].width = Cm(width)
        for row in table.rows:
            row.cells[j].width = Cm(width)
    head = table.rows[0].cells
    head[0].merge(head[1]).paragraphs[0].add_run("TT").bold = True
    head[2].paragraphs[0].add_run("Nội dung").bold = True
    head[3].paragraphs[0].add_run("Chủ trì").bold = True
    for i in range(1, n + 1):
        cells = table.rows[i].cells
        cells[0].paragraphs[0].add_run(str(i))
        content = cells[1].merge(cells[2])
        if i == 7:
            content.paragraphs[0].add_run("Nhóm việc riêng").bold = True
            content.add_paragraph("Nhiệm vụ số 7 được giao cho các cơ quan")
        else:
            content.paragraphs[0].add_run(f"Nhiệm vụ số {i} được giao cho các cơ quan")
        if i not in (4, 5):
            cells[3].paragraphs[0].add_run("Sở Tư pháp" if i == 3 else "Sở Tài chính")
    table.cell(3, 3).merge(table.cell(5, 3))
    path = out / "phantom.docx"
    doc.save(str(path))
    return _export(path, out)


SENTENCE = (
    "Tăng cường công tác kiểm tra, giám sát trong quá trình triển khai, thực hiện Kế hoạch, bảo đảm "
    "đúng mục tiêu, nhiệm vụ đã được phê duyệt; "
)


def body_pdf(out: Path) -> tuple[Path, list[str]]:
    """Justified paragraphs with a first-line indent and no spacing between them, long enough
    to run over page breaks, with the page number in the footer; and their texts."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Docx()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    style.paragraph_format.space_after, style.paragraph_format.line_spacing = Pt(0), 1.0
    run = doc.sections[0].footer.paragraphs[0].add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        el = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            el.set(qn("w:fldCharType"), kind)
        else:
            el.text = text
        run._r.append(el)
    texts: list[str] = []

    def add(text: str, bold: bool = False) -> None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)
        p.add_run(text).bold = bold
        texts.append(text)

    add("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    add("Thực hiện Kế hoạch này, " + SENTENCE * 30 + "các cơ quan báo cáo kết quả.")  # longer than a page
    for k in range(1, 9):
        add(f"{k}. Sở số {k}:", bold=True)
        add("- " + SENTENCE * (3 + k % 4) + f"hoàn thành trong năm 202{k}.")
        add(f"- Phối hợp với Sở Tài chính, mã số 2093/SNNMT-QLMT, kinh tế - xã hội {SENTENCE * 2}xong.")
    path = out / "body.docx"
    doc.save(str(path))
    return _export(path, out), texts


def secret_pdf(out: Path) -> Path:
    """A one-paragraph PDF with an open password."""
    from docx import Document as Docx

    docx = out / "secret.docx"
    doc = Docx()
    doc.add_paragraph("Kế hoạch")
    doc.save(str(docx))
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"x"}}'
    )
    return _export(docx, out, options)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copyfile(phantom_pdf(work), OUT / "phantom.pdf")
        body, texts = body_pdf(work)
        shutil.copyfile(body, OUT / "body.pdf")
        texts_json = json.dumps(texts, ensure_ascii=False, indent=1) + "\n"
        (OUT / "body.json").write_text(texts_json, encoding="utf-8")
        shutil.copyfile(secret_pdf(work), OUT / "secret.pdf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
