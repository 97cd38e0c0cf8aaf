"""Write the resolution fixtures in tests/fixtures/resolutions/ (text, Word, PDF).

The texts are **written for the tests** in the layout of Vietnamese legal documents
(a National Assembly resolution after a thematic supervision, a Government resolution
with an action plan in its appendix). They are not the official texts of any
resolution: the numbers 247/2025/QH15 and 35/NQ-CP only give the ids a realistic shape.

- ``nq_bvmt.md``: the National Assembly resolution as a text export.
- ``nq_bvmt.docx``: the same in Word, numbers typed (no automatic numbering), one paragraph
  per clause, point and sub-point; ``nq_bvmt.pdf``: LibreOffice's PDF of it.
- ``nq_bvmt_breaks.docx``: the same, but each clause and its points are one paragraph whose
  lines are separated by manual line breaks (Shift+Enter), as people often type them.
- ``nq_chinhphu_plan.docx``: a Government resolution whose appendix is a task table.
- ``nq_bad_duplicate.md`` (two "Điều 2"), ``nq_bad_order.md`` (points a, c, b).
- ``expected.json``: what a person reads off the documents (ids, addressees, targets).

Run: .venv/bin/python tools/make_resolution_fixtures.py [--no-pdf]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.shared import Pt
from make_fixtures import center, fill, finish, new_document, new_table, para, save_docx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "resolutions"

UBND_TINH = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"

# ---------------------------------------------------------------- the National Assembly resolution
# (kind, text): kinds are "title", "subtitle", "issuer" (centred bold), "basis" (italic),
# "decide", "article" (bold "Điều N." then the title or the text), "clause", "point",
# "sub" (a "-" or "+" sub-point), "text", "closing", "signer".
NA_FRONT = {
    "issuer": "QUỐC HỘI",
    "number": "Nghị quyết số: 247/2025/QH15",
    "date": "Hà Nội, ngày 10 tháng 12 năm 2025",
}
NA_BODY: list[tuple[str, str]] = [
    ("title", "NGHỊ QUYẾT"),
    (
        "subtitle",
        "VỀ TIẾP TỤC NÂNG CAO HIỆU LỰC, HIỆU QUẢ VIỆC THỰC HIỆN CHÍNH SÁCH, PHÁP LUẬT VỀ BẢO VỆ "
        "MÔI TRƯỜNG KỂ TỪ KHI LUẬT BẢO VỆ MÔI TRƯỜNG NĂM 2020 CÓ HIỆU LỰC THI HÀNH",
    ),
    ("issuer", "QUỐC HỘI"),
    (
        "basis",
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số "
        "điều theo Nghị quyết số 203/2025/QH15;",
    ),
    ("basis", "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13;"),
    (
        "basis",
        "Trên cơ sở xem xét Báo cáo số 756/BC-ĐGS ngày 26 tháng 10 năm 2025 của Đoàn giám sát của "
        "Quốc hội và ý kiến của các vị đại biểu Quốc hội;",
    ),
    ("decide", "QUYẾT NGHỊ:"),
    (
        "article",
        "Điều 1.|Quốc hội cơ bản tán thành nội dung Báo cáo kết quả giám sát số 756/BC-ĐGS ngày 26 "
        "tháng 10 năm 2025 của Đoàn giám sát của Quốc hội, với những kết quả đạt được, hạn chế, "
        "bất cập và nguyên nhân chủ yếu trong việc thực hiện chính sách, pháp luật về bảo vệ "
        "môi trường.",
    ),
    ("article", "Điều 2.|Nhiệm vụ, giải pháp"),
    (
        "text",
        "Để tiếp tục nâng cao hiệu lực, hiệu quả việc thực hiện chính sách, pháp luật về bảo vệ môi "
        "trường, Quốc hội quyết nghị các nhiệm vụ, giải pháp sau đây:",
    ),
    ("clause", "1. Về hoàn thiện thể chế, chính sách, pháp luật về bảo vệ môi trường:"),
    (
        "point",
        "a) Chính phủ khẩn trương rà soát, sửa đổi, bổ sung các nghị định, quyết định hướng dẫn Luật "
        "Bảo vệ môi trường còn chồng chéo, bất cập, hoàn thành trước ngày 31/12/2026;",
    ),
    (
        "point",
        "b) Nghiên cứu, hoàn thiện cơ chế, chính sách ưu đãi, hỗ trợ đầu tư, khuyến khích xã hội hóa "
        "thu gom, vận chuyển, xử lý chất thải rắn sinh hoạt và nước thải sinh hoạt đô thị;",
    ),
    (
        "point",
        "c) Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với các Bộ, ngành, địa phương xây dựng, "
        "ban hành quy chuẩn kỹ thuật quốc gia về chất lượng không khí xung quanh, hoàn thành trong năm "
        "2026;",
    ),
    (
        "point",
        "d) Hoàn thiện quy định về phân loại chất thải rắn sinh hoạt tại nguồn, bảo đảm khả thi, phù "
        "hợp với điều kiện của từng vùng, trong đó:",
    ),
    ("sub", "- Quy định cụ thể trách nhiệm của hộ gia đình, cá nhân và tổ chức thu gom, vận chuyển;"),
    ("sub", "- Có lộ trình áp dụng giá dịch vụ thu gom, xử lý theo khối lượng hoặc thể tích chất thải;"),
    ("point", "đ) Tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý đạt trên 30% vào năm 2030;"),
    (
        "point",
        "e) Nghiên cứu, đề xuất sửa đổi Luật Thuế bảo vệ môi trường theo hướng mở rộng đối tượng chịu "
        "thuế đối với sản phẩm, hàng hóa gây ô nhiễm môi trường, trình Quốc hội đến năm 2027.",
    ),
    ("clause", f"2. {UBND_TINH} có trách nhiệm:"),
    (
        "point",
        "a) Rà soát, bố trí quỹ đất cho các khu xử lý chất thải rắn sinh hoạt tập trung, hoàn thành "
        "trong năm 2026;",
    ),
    (
        "point",
        "b) Đầu tư hệ thống thu gom, xử lý nước thải sinh hoạt tập trung tại các đô thị thuộc lưu vực "
        "sông Nhuệ - Đáy, sông Bắc Hưng Hải và sông Cầu; xử lý dứt điểm các điểm nóng về ô nhiễm "
        "môi trường đến năm 2030;",
    ),
    (
        "point",
        "c) Bảo đảm 100% khu công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt quy "
        "chuẩn kỹ thuật môi trường; bố trí ngân sách địa phương chi cho bảo vệ môi trường không thấp "
        "hơn mức năm 2025.",
    ),
    (
        "clause",
        "3. Chính phủ chỉ đạo tổng kết việc thi hành Luật Bảo vệ môi trường năm 2020, đề xuất sửa "
        "đổi, bổ sung Luật, báo cáo Quốc hội trước ngày 31 tháng 12 năm 2026.",
    ),
    ("article", "Điều 3.|Tổ chức thực hiện"),
    (
        "clause",
        "1. Chính phủ, Thủ tướng Chính phủ, các Bộ, cơ quan ngang Bộ có trách nhiệm tổ chức thực hiện "
        "Nghị quyết này; hằng năm báo cáo Quốc hội kết quả thực hiện.",
    ),
    (
        "clause",
        "2. Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc "
        "hội, đại biểu Quốc hội, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện "
        "Nghị quyết này.",
    ),
    ("article", "Điều 4.|Hiệu lực thi hành"),
    ("text", "Nghị quyết này có hiệu lực thi hành kể từ ngày 24 tháng 01 năm 2026."),
    (
        "closing",
        "Nghị quyết này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, Kỳ họp thứ 10 "
        "thông qua ngày 10 tháng 12 năm 2025.",
    ),
    ("signer", "CHỦ TỊCH QUỐC HỘI"),
    ("signer", "Trần Thanh Mẫn"),
]

# ---------------------------------------------------------------- the Government resolution
GOV_FRONT = {
    "issuer": "CHÍNH PHỦ",
    "number": "Số: 35/NQ-CP",
    "date": "Hà Nội, ngày 20 tháng 02 năm 2026",
}
GOV_BODY: list[tuple[str, str]] = [
    ("title", "NGHỊ QUYẾT"),
    (
        "subtitle",
        "Ban hành Kế hoạch hành động của Chính phủ thực hiện Nghị quyết số 247/2025/QH15 ngày 10 "
        "tháng 12 năm 2025 của Quốc hội về tiếp tục nâng cao hiệu lực, hiệu quả việc thực hiện "
        "chính sách, pháp luật về bảo vệ môi trường",
    ),
    ("issuer", "CHÍNH PHỦ"),
    ("basis", "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;"),
    ("basis", "Căn cứ Nghị quyết số 247/2025/QH15 ngày 10 tháng 12 năm 2025 của Quốc hội;"),
    ("basis", "Theo đề nghị của Bộ trưởng Bộ Nông nghiệp và Môi trường;"),
    ("decide", "QUYẾT NGHỊ:"),
    (
        "article",
        "Điều 1.|Ban hành kèm theo Nghị quyết này Kế hoạch hành động của Chính phủ thực hiện Nghị "
        "quyết số 247/2025/QH15 ngày 10 tháng 12 năm 2025 của Quốc hội (Phụ lục kèm theo).",
    ),
    ("article", "Điều 2.|Tổ chức thực hiện"),
    (
        "clause",
        "1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy "
        "ban nhân dân các tỉnh, thành phố trực thuộc trung ương có trách nhiệm:",
    ),
    (
        "point",
        "a) Quán triệt, xây dựng kế hoạch thực hiện các nhiệm vụ được giao tại Phụ lục, ban hành trước "
        "ngày 31/3/2026;",
    ),
    (
        "point",
        "b) Định kỳ hằng năm báo cáo kết quả thực hiện, gửi Bộ Nông nghiệp và Môi trường trước ngày 15 "
        "tháng 12 để tổng hợp, báo cáo Chính phủ.",
    ),
    (
        "clause",
        "2. Bộ Nông nghiệp và Môi trường chủ trì, theo dõi, đôn đốc, kiểm tra việc thực hiện Kế "
        "hoạch; tổng hợp, báo cáo Chính phủ, Thủ tướng Chính phủ trước ngày 20 tháng 12 hằng năm.",
    ),
    (
        "clause",
        "3. Bộ Tài chính chủ trì, phối hợp với Bộ Nông nghiệp và Môi trường bố trí kinh phí thực hiện "
        "các nhiệm vụ của Kế hoạch theo quy định của pháp luật về ngân sách nhà nước.",
    ),
    ("article", "Điều 3.|Hiệu lực thi hành"),
    ("text", "Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành."),
    (
        "text",
        "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy "
        "ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị quyết "
        "này.",
    ),
]
GOV_SIGNER = ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]
GOV_RECIPIENTS = [
    "- Ban Bí thư Trung ương Đảng;",
    "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
    "- Các bộ, cơ quan ngang bộ;",
    "- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;",
    "- Lưu: VT, NN (2b).",
]
GOV_APPENDIX_TITLE = [
    "Phụ lục",
    "NHIỆM VỤ TRỌNG TÂM THỰC HIỆN NGHỊ QUYẾT SỐ 247/2025/QH15",
    "(Kèm theo Nghị quyết số 35/NQ-CP ngày 20 tháng 02 năm 2026 của Chính phủ)",
]
GOV_HEADER = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]
MOIT = "Bộ Nông nghiệp và Môi trường"
# ("I", title) is a group row; the other rows are tasks.
GOV_ROWS: list[tuple[str, ...]] = [
    ("I", "HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH"),
    (
        "1",
        "Xây dựng Nghị định sửa đổi, bổ sung một số điều của các nghị định quy định chi tiết Luật Bảo vệ "
        "môi trường",
        MOIT,
        "Bộ Tư pháp, các bộ, ngành liên quan",
        "Năm 2026",
        "Nghị định của Chính phủ",
    ),
    (
        "2",
        "Xây dựng cơ chế tài chính khuyến khích xã hội hóa đầu tư xử lý nước thải sinh hoạt đô thị",
        "Bộ Tài chính",
        MOIT,
        "Quý IV/2026",
        "Nghị định của Chính phủ",
    ),
    (
        "3",
        "Ban hành quy chuẩn kỹ thuật quốc gia về chất lượng không khí xung quanh",
        MOIT,
        "Bộ Khoa học và Công nghệ",
        "2026-2027",
        "Thông tư",
    ),
    ("II", "TỔ CHỨC THỰC HIỆN TẠI ĐỊA PHƯƠNG"),
    (
        "4",
        "Rà soát, bố trí quỹ đất cho khu xử lý chất thải rắn sinh hoạt tập trung",
        UBND_TINH,
        MOIT,
        "Năm 2026",
        "Quyết định của Ủy ban nhân dân cấp tỉnh",
    ),
    (
        "5",
        "Đầu tư hệ thống thu gom, xử lý nước thải sinh hoạt tập trung tại các đô thị loại II trở lên, bảo "
        "đảm tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý đạt trên 30% vào năm 2030",
        UBND_TINH,
        "Bộ Xây dựng, Bộ Tài chính",
        "2026-2030",
        "Công trình được đưa vào vận hành",
    ),
    (
        "6",
        "Thực hiện phân loại chất thải rắn sinh hoạt tại nguồn",
        UBND_TINH,
        "",
        "Hằng năm",
        "Báo cáo kết quả thực hiện",
    ),
    ("III", "KIỂM TRA, GIÁM SÁT VÀ TRUYỀN THÔNG"),
    (
        "7",
        "Kiểm tra việc thực hiện pháp luật về bảo vệ môi trường tại các khu công nghiệp",
        MOIT,
        UBND_TINH,
        "Trước ngày 31/12/2026",
        "Báo cáo kết quả kiểm tra",
    ),
    (
        "8",
        "Tuyên truyền, phổ biến Nghị quyết số 247/2025/QH15 và Kế hoạch này",
        "Các cơ quan báo chí",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Thường xuyên",
        "Tin, bài, chuyên mục",
    ),
]


def bad_duplicate() -> list[tuple[str, str]]:
    """Điều 3 is typed "Điều 2" a second time."""
    return [(k, t.replace("Điều 3.|", "Điều 2.|")) for k, t in NA_BODY]


def bad_order() -> list[tuple[str, str]]:
    """Clause 2's points are a, c, b."""
    out = list(NA_BODY)
    i = next(n for n, (k, t) in enumerate(out) if t.startswith("b) Đầu tư"))
    b, c = out[i], out[i + 1]
    out[i], out[i + 1] = ("point", "c" + c[1][1:]), ("point", "b" + b[1][1:])
    return out


# ---------------------------------------------------------------- text export
def markdown(front: dict[str, str], body: list[tuple[str, str]]) -> str:
    lines = [
        front["issuer"],
        front["number"],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        front["date"],
    ]
    for kind, text in body:
        if kind == "title":
            lines.append(f"## {text}")
        elif kind in ("subtitle", "issuer", "decide", "signer"):
            lines.append(f"**{text}**")
        elif kind == "article":
            label, rest = text.split("|")
            lines.append(f"**{label} {rest}**" if not rest.endswith(".") else f"**{label}** {rest}")
        else:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


# ---------------------------------------------------------------- Word
def front_table(doc: Any, front: dict[str, str]) -> None:
    t = new_table(doc, 1, [6.0, 10.0], grid=False)
    left, right = t.cell(0, 0), t.cell(0, 1)
    center(left, front["issuer"], bold=True, size=13, first=True)
    center(left, "-------", size=13)
    center(left, front["number"], size=13, before=6)
    center(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, first=True)
    center(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    center(right, "---------------")
    center(right, front["date"], italic=True, before=6)


def article_para(doc: Any, text: str) -> None:
    label, rest = text.split("|")
    p = para(doc, "", indent=True, before=6)
    p.add_run(label).bold = True
    run = p.add_run(" " + rest)
    run.bold = not rest.endswith(".") or None


def body_para(doc: Any, kind: str, text: str) -> Any:
    if kind == "title":
        return center(doc, text, bold=True, before=18)
    if kind in ("subtitle", "issuer", "decide"):
        return center(doc, text, bold=True, before=6 if kind != "subtitle" else 0)
    if kind == "basis":
        return para(doc, text, italic=True, indent=True, before=6)
    if kind == "article":
        return article_para(doc, text)
    if kind == "closing":
        return para(doc, text, italic=True, indent=True, before=12)
    if kind == "signer":
        return para(doc, text, bold=True, align=ALIGN.RIGHT, before=12)
    return para(doc, text, indent=True, before=6)


def write_docx(
    front: dict[str, str],
    body: list[tuple[str, str]],
    path: Path,
    *,
    breaks: bool = False,
    when: datetime = datetime(2025, 12, 10),
    title: str = "",
) -> Any:
    """One paragraph per block; with ``breaks``, a clause and its points share one paragraph."""
    doc = new_document()
    front_table(doc, front)
    last: Any = None
    for kind, text in body:
        if breaks and kind in ("point", "sub") and last is not None:
            run = last.add_run()
            run.add_break()
            last.add_run(text)
            continue
        last = body_para(doc, kind, text)
        last = last if kind == "clause" else None
    if path is not None:
        save_docx(doc, path, when, title)
    return doc


def write_gov_docx(path: Path) -> None:
    doc = write_docx(GOV_FRONT, GOV_BODY, None)  # type: ignore[arg-type]
    t = new_table(doc, 1, [8.0, 8.0], grid=False)
    left, right = t.cell(0, 0), t.cell(0, 1)
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=ALIGN.LEFT, before=12, first=True)
    for r in GOV_RECIPIENTS:
        para(left, r, size=11, align=ALIGN.LEFT)
    for i, line in enumerate(GOV_SIGNER):
        center(right, line, bold=True, before=12 if i == 0 else 0, first=i == 0)
    for _ in range(3):
        center(right)
    center(right, "Trần Hồng Hà", bold=True)
    doc.add_page_break()
    for i, line in enumerate(GOV_APPENDIX_TITLE):
        center(doc, line, bold=i < 2, italic=i == 2, before=6 if i == 0 else 0)
    table = new_table(doc, 1, [1.0, 4.8, 2.8, 2.6, 3.0, 2.2])
    for i, head in enumerate(GOV_HEADER):
        fill(table.cell(0, i), [head], bold=True, align=ALIGN.CENTER)
    for row in GOV_ROWS:
        cells = table.add_row().cells
        if len(row) == 2:
            merged = cells[1].merge(cells[-1])
            fill(cells[0], [row[0]], bold=True, align=ALIGN.CENTER)
            fill(merged, [row[1]], bold=True)
            continue
        for i, text in enumerate(row):
            fill(cells[i], [text], align=ALIGN.CENTER if i in (0, 4) else ALIGN.LEFT)
    for p in doc.paragraphs:
        for r in p.runs:
            r.font.size = r.font.size or Pt(14)
    save_docx(doc, path, datetime(2026, 2, 20), "Nghị quyết số 35/NQ-CP")


# ---------------------------------------------------------------- what a person reads
def expected() -> dict[str, Any]:
    """Read by eye from the texts above: written out, not computed from them."""
    return {
        "nq_bvmt": {
            "prefix": "NQ247",
            "document": "Nghị quyết 247/2025/QH15",
            "ids": [
                "NQ247-D1",
                "NQ247-D2.1-a",
                "NQ247-D2.1-b",
                "NQ247-D2.1-c",
                "NQ247-D2.1-d",
                "NQ247-D2.1-đ",
                "NQ247-D2.1-e",
                "NQ247-D2.2-a",
                "NQ247-D2.2-b",
                "NQ247-D2.2-c",
                "NQ247-D2.3",
                "NQ247-D3.1",
                "NQ247-D3.2",
                "NQ247-D4",
            ],
            "context": ["NQ247-D1", "NQ247-D4"],
            "applies": {
                "NQ247-D2.1-a": "no",
                "NQ247-D2.1-b": "unknown",
                "NQ247-D2.1-c": "no",
                "NQ247-D2.1-d": "unknown",
                "NQ247-D2.1-đ": "unknown",
                "NQ247-D2.1-e": "unknown",
                "NQ247-D2.2-a": "yes",
                "NQ247-D2.2-b": "yes",
                "NQ247-D2.2-c": "yes",
                "NQ247-D2.3": "no",
                "NQ247-D3.1": "no",
                "NQ247-D3.2": "no",
            },
            "addressee": {
                "NQ247-D2.1-a": "Chính phủ",
                "NQ247-D2.1-c": "Bộ Nông nghiệp và Môi trường",
                "NQ247-D2.2-b": UBND_TINH,
                "NQ247-D2.3": "Chính phủ",
                "NQ247-D3.2": "Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn "
                "đại biểu Quốc hội, đại biểu Quốc hội",
            },
            "deadline": {
                "NQ247-D2.1-a": "trước ngày 31/12/2026",
                "NQ247-D2.1-c": "trong năm 2026",
                "NQ247-D2.1-đ": "vào năm 2030",
                "NQ247-D2.1-e": "đến năm 2027",
                "NQ247-D2.2-a": "trong năm 2026",
                "NQ247-D2.3": "trước ngày 31 tháng 12 năm 2026",
                "NQ247-D2.1-b": "n/a",
            },
            "targets": {
                "NQ247-D2.1-đ": {
                    "target_indicator": "Tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý",
                    "target_value": "trên 30%",
                    "target_unit": "%",
                    "target_year": "2030",
                },
                "NQ247-D2.2-c": {
                    "target_indicator": "khu công nghiệp đang hoạt động có hệ thống xử lý "
                    "nước thải tập trung đạt quy chuẩn kỹ thuật môi trường",
                    "target_value": "100%",
                    "target_unit": "%",
                    "target_year": "n/a",
                },
            },
            "sub_points_in": {
                "NQ247-D2.1-d": ["- Quy định cụ thể trách nhiệm", "- Có lộ trình áp dụng giá dịch vụ"]
            },
            "mentions_local": {"NQ247-D2.2-b": "lưu vực sông Nhuệ - Đáy;sông Bắc Hưng Hải;sông Cầu"},
        },
        "nq_chinhphu_plan": {
            "prefix": "NQ35",
            "document": "Nghị quyết 35/NQ-CP",
            "ids": [
                "NQ35-D1",
                "NQ35-D2.1-a",
                "NQ35-D2.1-b",
                "NQ35-D2.2",
                "NQ35-D2.3",
                "NQ35-D3",
                "NQ35-PLI.1",
                "NQ35-PLI.2",
                "NQ35-PLI.3",
                "NQ35-PLII.4",
                "NQ35-PLII.5",
                "NQ35-PLII.6",
                "NQ35-PLIII.7",
                "NQ35-PLIII.8",
            ],
            "context": ["NQ35-D1", "NQ35-D3"],
            "applies": {
                "NQ35-D2.1-a": "yes",
                "NQ35-D2.2": "no",
                "NQ35-D2.3": "no",
                "NQ35-PLI.1": "no",
                "NQ35-PLI.2": "no",
                "NQ35-PLI.3": "no",
                "NQ35-PLII.4": "yes",
                "NQ35-PLII.5": "yes",
                "NQ35-PLII.6": "yes",
                "NQ35-PLIII.7": "no",
                "NQ35-PLIII.8": "unknown",
            },
            "addressee": {
                "NQ35-PLI.1": MOIT,
                "NQ35-PLII.4": UBND_TINH,
                "NQ35-PLIII.8": "Các cơ quan báo chí",
            },
            "deadline": {"NQ35-PLI.2": "Quý IV/2026", "NQ35-PLIII.7": "Trước ngày 31/12/2026"},
            "group": {"NQ35-PLII.4": "TỔ CHỨC THỰC HIỆN TẠI ĐỊA PHƯƠNG"},
        },
        "bad": {
            "nq_bad_duplicate.md": ["Điều 2", "twice"],
            "nq_bad_order.md": ["điểm c)", "Điều 2, khoản 2"],
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "nq_bvmt.md").write_text(markdown(NA_FRONT, NA_BODY), encoding="utf-8")
    (OUT / "nq_bad_duplicate.md").write_text(markdown(NA_FRONT, bad_duplicate()), encoding="utf-8")
    (OUT / "nq_bad_order.md").write_text(markdown(NA_FRONT, bad_order()), encoding="utf-8")
    title = "Nghị quyết số 247/2025/QH15"
    write_docx(NA_FRONT, NA_BODY, OUT / "nq_bvmt.docx", title=title)
    write_docx(NA_FRONT, NA_BODY, OUT / "nq_bvmt_breaks.docx", breaks=True, title=title)
    write_gov_docx(OUT / "nq_chinhphu_plan.docx")
    truth = json.dumps(expected(), ensure_ascii=False, indent=1)
    (OUT / "expected.json").write_text(truth + "\n", encoding="utf-8")
    return finish(OUT, ("nq_bvmt.docx", "nq_chinhphu_plan.docx"), pdf=not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
