"""Make small PDFs laid out as Microsoft Word exports a plan, for the PDF reader's tests.

Writes into ``tests/fixtures/documents/word/`` (committed; ``tests/unit/test_read_word_pdf.py``
reads them). The documents are invented; ReportLab draws them line by line and rule by rule,
as Word's PDF export does, so the traps are exact:

- ``appendix.pdf``: a landscape appendix over two pages. Before the task table come three other
  ruled tables (the issuer beside the national motto, a list of contacts, a table of targets).
  The task table's header takes two table rows: "Stt" spans "TT" | "Chi tiết", and the words
  of two headers wrap onto the second row ("Đơn vị" / "thực hiện", "Thời hạn" / "hoàn thành").
  A 5-point column, drawn by cell margins, runs beside the content column in every row.
  Groups are numbered in the "Chi tiết" column (their running number blank) and can carry a
  coordinator and a deadline merged down over their tasks; a group of one task puts its title
  as a bold first paragraph in the task's cell. The table runs onto page 2 with no repeated
  header (a footer line stands between the two parts), and a task's row is cut by the page
  break in the middle of a sentence. No line ends
  with a space; agencies stand one per paragraph in some cells. A red stamp (a circle of
  curves, with rotated text) and a signature image lie over page 2.
- ``appendix.json``: what a person reads in it: the tasks' cells, the number of tasks.
- ``no_task_table.pdf``: the same document's first page without its task table (three
  tables, none a task table).

Run: ``.venv/bin/python tools/make_word_pdf_fixtures.py``. The output is byte-identical run
to run (ReportLab's invariant mode).
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "word"

FONT, BOLD = "WordSans", "WordSans-Bold"
SIZE = 11.0
LEADING = 13.0
PAD = 5.4  # Word's default left and right cell margin (0.19 cm)
TOP_PAD = 2.0
PHANTOM = 5.0  # the width of the column drawn by cell margins


def _fonts() -> None:
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ttf = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(ttf / "DejaVuSans-Bold.ttf")))


def _width(text: str, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, BOLD if bold else FONT, SIZE)


def _wrap(paragraph: str, width: float, bold: bool) -> list[str]:
    """Word's wrapping: as many words as fit on each line; no space kept at a line's end."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        trial = f"{line} {word}" if line else word
        if line and _width(trial, bold) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    return lines


@dataclass
class C:
    """A cell: its paragraphs ("**" before a paragraph makes it bold), spans and alignment."""

    paras: list[str] = field(default_factory=list)
    span: int = 1
    rows: int = 1
    align: str = "left"
    bold: bool = False

    def lines(self, width: float) -> list[tuple[str, bool]]:
        out = []
        for p in self.paras:
            bold = self.bold or p.startswith("**")
            out += [(line, bold) for line in _wrap(p.removeprefix("**"), width - 2 * PAD, bold)]
        return out


def _cells(*texts: str | C) -> list[C | None]:
    return [t if isinstance(t, C) else C([t] if t else []) for t in texts]


def _draw_table(
    canvas, x0: float, top: float, widths: list[float], rows: list[list[C | None]], page_height: float
) -> float:
    """Draw a ruled table (cells, rules, text) from ``top``; return its bottom. ``None`` is a
    place covered by a cell spanning from the left or from above."""
    edges = [x0]
    for w in widths:
        edges.append(edges[-1] + w)
    heights = []
    for row in rows:  # a row is as tall as its tallest cell that does not span down
        need = 0.0
        col = 0
        for cell in row:
            if cell is None:
                col += 1
                continue
            if cell.rows == 1:
                need = max(need, len(cell.lines(edges[col + cell.span] - edges[col])) * LEADING)
            col += cell.span
        heights.append(max(need, LEADING) + 2 * TOP_PAD)
    tops = [top]
    for h in heights:
        tops.append(tops[-1] + h)
    canvas.setLineWidth(0.5)
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            if cell is None:
                col += 1
                continue
            a, b = edges[col], edges[col + cell.span]
            t, u = tops[r], tops[r + cell.rows]
            y = lambda v: page_height - v  # noqa: E731 (ReportLab's y runs up)
            for x1, y1, x2, y2 in ((a, t, b, t), (a, u, b, u), (a, t, a, u), (b, t, b, u)):
                canvas.line(x1, y(y1), x2, y(y2))
            lines = cell.lines(b - a)
            base = t + TOP_PAD + SIZE
            if cell.rows > 1:  # Word centres a merged cell's text vertically only when asked: top
                pass
            for k, (text, bold) in enumerate(lines):
                canvas.setFont(BOLD if bold else FONT, SIZE)
                w = _width(text, bold)
                left = a + PAD if cell.align == "left" else (a + b - w) / 2
                canvas.drawString(left, y(base + k * LEADING), text)
            col += cell.span
    return tops[-1]


def _body(canvas, top: float, lines: list[tuple[str, bool]], x0: float, page_height: float) -> float:
    for text, bold in lines:
        canvas.setFont(BOLD if bold else FONT, SIZE)
        canvas.drawString(x0, page_height - top - SIZE, text)
        top += LEADING + 2
    return top


def _stamp(canvas, cx: float, cy: float, page_height: float) -> None:
    """A red round seal drawn as curves, with rotated text, as a signing tool lays it over the page."""
    canvas.saveState()
    canvas.setStrokeColorRGB(0.85, 0.1, 0.1)
    canvas.setFillColorRGB(0.85, 0.1, 0.1)
    canvas.setLineWidth(2)
    canvas.circle(cx, page_height - cy, 48, stroke=1, fill=0)
    canvas.circle(cx, page_height - cy, 30, stroke=1, fill=0)
    canvas.setFont(FONT, 7)
    for k, ch in enumerate("ỦY BAN NHÂN DÂN TỈNH"):
        angle = 150 - k * 12
        rad = math.radians(angle)
        canvas.saveState()
        canvas.translate(cx + 39 * math.cos(rad), page_height - cy + 39 * math.sin(rad))
        canvas.rotate(angle - 90)
        canvas.drawString(-2, -2, ch)
        canvas.restoreState()
    canvas.restoreState()


def _signature_image() -> io.BytesIO:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 90), "white")
    draw = ImageDraw.Draw(img)
    draw.line([(10, 60), (60, 20), (90, 70), (140, 25), (200, 60), (230, 30)], fill=(20, 40, 160), width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    return buf


def _front(canvas, width: float, height: float) -> float:
    """The page's head: the issuer beside the motto (a table), the title, a contacts table and a
    targets table. Returns where the next thing may start."""
    from reportlab.lib.units import cm

    x0 = 2 * cm
    top = _draw_table(
        canvas,
        x0,
        40,
        [300, 420],
        [
            _cells(
                C(["ỦY BAN NHÂN DÂN", "TỈNH MẪU SƠN"], bold=True, align="center"),
                C(
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
                    bold=True,
                    align="center",
                ),
            ),
        ],
        height,
    )
    top = _body(
        canvas,
        top + 12,
        [("PHỤ LỤC", True), ("DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026", True), ("Đầu mối liên hệ:", False)],
        x0,
        height,
    )
    top = _draw_table(
        canvas,
        x0,
        top + 4,
        [40, 260, 160, 160],
        [
            _cells(
                C(["TT"], bold=True),
                C(["Họ và tên"], bold=True),
                C(["Đơn vị"], bold=True),
                C(["Số điện thoại"], bold=True),
            ),
            _cells("1", "Nguyễn Văn An", "Sở Tài chính", "0912 000 001"),
            _cells("2", "Trần Thị Bình", "Sở Nội vụ", "0912 000 002"),
        ],
        height,
    )
    top = _body(canvas, top + 8, [("Chỉ tiêu chung:", False)], x0, height)
    return _draw_table(
        canvas,
        x0,
        top + 4,
        [40, 420, 160],
        [
            _cells(C(["STT"], bold=True), C(["Chỉ tiêu"], bold=True), C(["Năm 2026"], bold=True)),
            _cells("1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "80%"),
        ],
        height,
    )


#: The task table's columns: TT, Chi tiết, content, the 5-point margin column, lead, coordinate,
#: deadline (points; 770 in all, a landscape A4 page less its margins).
WIDTHS = [32, 44, 262, PHANTOM, 130, 150, 97]


def _task_rows() -> tuple[list[list[C | None]], list[list[C | None]]]:
    """The task table's rows on page 1 (header first) and on page 2 (no header)."""
    h = lambda *p, **k: C(list(p), bold=True, align="center", **k)  # noqa: E731
    header = [
        [
            h("Stt", span=2),
            h("Nội dung nhiệm vụ", rows=2),
            C(rows=2),
            h("Đơn vị"),
            h("Đơn vị phối hợp", rows=2),
            h("Thời hạn"),
        ],
        [h("TT"), h("Chi tiết"), None, None, h("thực hiện"), None, h("hoàn thành")],
    ]
    m = lambda *p: C(list(p), align="center")  # noqa: E731
    page1 = [
        *header,
        [
            C(),
            m("**1"),
            C(["**Hoàn thiện cơ sở dữ liệu dùng chung của tỉnh"]),
            C(),
            C(),
            C(["Sở Khoa học và Công nghệ"], rows=3, align="center"),
            C(["30/9/2026"], rows=3, align="center"),
        ],
        [
            m("1"),
            m("a)"),
            C(["Làm sạch dữ liệu đất đai, địa chính và môi trường trên địa bàn toàn tỉnh"]),
            C(),
            m("Sở Nông nghiệp và Môi trường"),
            None,
            None,
        ],
        [m("2"), m("b)"), C(["Dữ liệu dân cư"]), C(), m("Công an tỉnh"), None, None],
        [
            m("3"),
            m("c)"),
            C(["Dữ liệu hộ tịch, quốc tịch, chứng thực"]),
            C(),
            C(["Sở Tư pháp", "Sở Nội vụ"], align="left"),
            C(["Sở Khoa học và Công nghệ"], align="center"),
            m("30/10/2026"),
        ],
        [
            m("4"),
            m("2"),
            C(["**Phát triển kinh tế đêm", "Triển khai thí điểm 02 mô hình kinh tế đêm tại trung tâm tỉnh"]),
            C(),
            m("Sở Văn hóa, Thể thao và Du lịch"),
            m("UBND các xã, phường"),
            m("Quý III/2026"),
        ],
        [C(), m("**3"), C(["**Chuyển đổi số trong cung cấp dịch vụ công"]), C(), C(), C(), C()],
        [
            m("5"),
            m("a)"),
            C(["Cung cấp thông tin về tình trạng giải quyết hồ sơ cho người"]),
            C(),
            m("Trung tâm Phục vụ hành chính công"),
            m("Các sở, ban, ngành"),
            m("100 ngày kể từ ngày ban hành Kế hoạch"),
        ],
    ]
    page2 = [
        [C(), C(), C(["dân theo thời gian thực trên Cổng dịch vụ công của tỉnh"]), C(), C(), C(), C()],
        [
            m("6"),
            m("b)"),
            C(["Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực"]),
            C(),
            m("Các sở, ban, ngành"),
            C(["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"], align="left"),
            m("Thường xuyên"),
        ],
    ]
    return page1, page2


EXPECTED = {
    "tasks": 6,
    "groups": 3,
    "cells": {  # content, lead, coordinate, timeline of each task, in order, as a person reads them
        "1": [
            "Làm sạch dữ liệu đất đai, địa chính và môi trường trên địa bàn toàn tỉnh",
            "Sở Nông nghiệp và Môi trường",
            "Sở Khoa học và Công nghệ",
            "30/9/2026",
        ],
        "2": ["Dữ liệu dân cư", "Công an tỉnh", "Sở Khoa học và Công nghệ", "30/9/2026"],
        "3": [
            "Dữ liệu hộ tịch, quốc tịch, chứng thực",
            "Sở Tư pháp\nSở Nội vụ",
            "Sở Khoa học và Công nghệ",
            "30/10/2026",
        ],
        "4": [
            "Triển khai thí điểm 02 mô hình kinh tế đêm tại trung tâm tỉnh",
            "Sở Văn hóa, Thể thao và Du lịch",
            "UBND các xã, phường",
            "Quý III/2026",
        ],
        "5": [
            "Cung cấp thông tin về tình trạng giải quyết hồ sơ cho người dân theo thời gian thực trên Cổng "
            "dịch vụ công của tỉnh",
            "Trung tâm Phục vụ hành chính công",
            "Các sở, ban, ngành",
            "100 ngày kể từ ngày ban hành Kế hoạch",
        ],
        "6": [
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
            "Các sở, ban, ngành",
            "Sở Khoa học và Công nghệ\nVăn phòng UBND tỉnh",
            "Thường xuyên",
        ],
    },
    "groups_titles": [
        "Hoàn thiện cơ sở dữ liệu dùng chung của tỉnh",
        "Phát triển kinh tế đêm",
        "Chuyển đổi số trong cung cấp dịch vụ công",
    ],
}


def appendix_pdf(out: Path, with_task_table: bool = True) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    width, height = landscape(A4)
    name = "appendix.pdf" if with_task_table else "no_task_table.pdf"
    path = out / name
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    canvas.setTitle("Phụ lục (mẫu)")
    top = _front(canvas, width, height)
    if with_task_table:
        page1, page2 = _task_rows()
        _draw_table(canvas, 2 * cm, top + 14, WIDTHS, page1, height)
        canvas.setFont(FONT, 10)
        canvas.drawString(2 * cm, 20, "Phụ lục kèm theo Kế hoạch số 15/KH-UBND")  # a footer line
        canvas.showPage()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(width / 2, height - 30, "2")
        bottom = _draw_table(canvas, 2 * cm, 40, WIDTHS, page2, height)
        canvas.setFont(BOLD, SIZE)
        canvas.drawString(560, height - bottom - 30, "TM. ỦY BAN NHÂN DÂN")
        canvas.drawImage(ImageReader(_signature_image()), 560, height - bottom - 120, 150, 56)
        _stamp(canvas, 600, bottom + 50, height)
        _stamp(canvas, 330, 80, height)  # a second seal over the table's rows (a page seal)
    canvas.showPage()
    canvas.save()
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    appendix_pdf(OUT)
    appendix_pdf(OUT, with_task_table=False)
    (OUT / "appendix.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
