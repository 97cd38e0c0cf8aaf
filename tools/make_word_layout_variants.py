"""Write tests/fixtures/documents/word_variants/: small invented Word plans, one appendix layout each.

Real provinces lay out the appendix task table of a plan in many ways. Each file here is a short
plan (issuer table, "Số: …", the date line, the title, "I. …", "II. TỔ CHỨC THỰC HIỆN", the
signature) of the invented "tỉnh Nam Sơn", with an appendix table in one layout seen in real plans:

- ``a_nhom_chu_cai``: groups lettered "A", "B" (bold, merged across), tasks "1", "2", sub-tasks
  "a)", "b)" with values of their own;
- ``b_danh_so_phan_cap``: numbers that nest: group rows "1", "2" (bold, not merged, empty agency
  cells) and tasks "1.1", "1.2";
- ``c_thu_tu_cot``: columns in another order (TT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành |
  Cơ quan chủ trì | Cơ quan phối hợp | …) with a funding column, a contact person and a phone
  number (personal data kept out of the published tables);
- ``d_lap_tieu_de``: a two-row header repeated on every page (Word's "repeat header row"), a row
  of column numbers "(1) (2) (3) …" under it, and the header typed again half-way down;
- ``e_co_quan``: agency cells with one agency per paragraph (no punctuation), with "- " bullets,
  with Word's own bullets, and "Sở A, Sở B và các đơn vị liên quan";
- ``f_thoi_han``: a deadline column "Thời hạn" holding "30/6/2027", "Quý III/2027", "Năm 2027",
  "Hằng năm", "Thường xuyên", …;
- ``g_noi_dung``: task cells of several paragraphs (a lead-in line and "- " bullets; a bold task
  name over its bullets);
- ``h_ten_cot``: other header words ("Cơ quan chịu trách nhiệm", "Lộ trình thực hiện", a funding
  column "Kinh phí thực hiện nhiệm vụ", a contact "Đầu mối liên hệ");
- ``i_bat_dau_hoan_thanh``: "Thời gian thực hiện" over "Bắt đầu" | "Hoàn thành".

What a careful reader takes from each file is written by hand, never by running the kit, in
``<name>.expected.json`` beside it (the conventions of /work/shared/real/README.md): the task ids in
order and, for some tasks, the first words of the content, the lead and coordinator mentions, the
timeline's kind, end year and due date. Every file is the same bytes on every run (the Word helpers
and ``save_docx`` of ``make_fixtures.py``: fixed core properties and zip entry times).

Run: .venv/bin/python tools/make_word_layout_variants.py
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from make_fixtures import (
    appendix_section,
    fill,
    new_document,
    new_table,
    para,
    save_docx,
    write_front,
    write_signature,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "word_variants"
WHEN = datetime(2026, 12, 20)

NV = "Sở Nội vụ"
TP = "Sở Tư pháp"
TC = "Sở Tài chính"
KHCN = "Sở Khoa học và Công nghệ"
NNMT = "Sở Nông nghiệp và Môi trường"
VP = "Văn phòng UBND tỉnh"
CA = "Công an tỉnh"
XA = "UBND các xã, phường"
SBN = "Các sở, ban, ngành"

Cells = list[Any]  # a row's cells: str (one paragraph), list[str] (paragraphs) or None (left empty)


def front(number: str, subject: str) -> SimpleNamespace:
    """The body every variant shares: issuer, number, date, title, two sections, signature, appendix."""
    return SimpleNamespace(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH NAM SƠN"],
        number_line=f"Số: {number}/KH-UBND",
        date_line="Nam Sơn, ngày 20 tháng 12 năm 2026",
        title=f"{subject} năm 2027 trên địa bàn tỉnh Nam Sơn",
        preamble=["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"],
        body=[
            ("section", "I. MỤC ĐÍCH, YÊU CẦU"),
            ("text", "- Xác định rõ nhiệm vụ, cơ quan chủ trì, thời hạn hoàn thành và sản phẩm."),
            ("text", "- Nhiệm vụ, phân công thực hiện cụ thể tại Phụ lục kèm theo Kế hoạch này."),
            ("section", "II. TỔ CHỨC THỰC HIỆN"),
            ("item", "1. Sở Nội vụ:"),
            (
                "text",
                "- Theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân tỉnh.",
            ),
            ("item", "2. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường:"),
            ("text", "- Tổ chức thực hiện các nhiệm vụ được giao tại Phụ lục./."),
        ],
        recipients=["- Như mục II;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT."],
        signer=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer_name="Lê Văn Nam",
        appendix=[
            "PHỤ LỤC",
            f"NHIỆM VỤ {subject.upper()} NĂM 2027",
            f"(Kèm theo Kế hoạch số {number}/KH-UBND ngày 20/12/2026 của UBND tỉnh Nam Sơn)",
        ],
    )


def repeat_header(row: Any) -> None:
    """Word's "Repeat as header row at the top of each page"."""
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def header_row(t: Any, texts: list[str], row: int = 0) -> None:
    for cell, text in zip(t.rows[row].cells, texts, strict=True):
        fill(cell, [text], bold=True, align=ALIGN.CENTER)
    repeat_header(t.rows[row])


def add_row(t: Any, values: Cells, *, bold: bool = False, span_from: int | None = None) -> Any:
    """A row; ``span_from``: the cell at that column is merged across to the last column."""
    cells = list(t.add_row().cells)
    if span_from is not None:
        cells[span_from] = cells[span_from].merge(cells[-1])
        cells = cells[: span_from + 1]
    for i, (cell, value) in enumerate(zip(cells, values, strict=False)):
        if value is None:
            continue
        texts = [value] if isinstance(value, str) else value
        fill(cell, texts, bold=bold, align=ALIGN.CENTER if i == 0 else ALIGN.LEFT)
    return t.rows[-1]


def write_plan(name: str, number: str, subject: str, table: Any) -> Path:
    plan = front(number, subject)
    doc = new_document()
    write_front(doc, plan, two_rows=True)
    write_signature(doc, plan)
    appendix_section(doc, plan)
    table(doc)
    path = OUT / f"{name}.docx"
    save_docx(doc, path, WHEN, f"Kế hoạch số {number}/KH-UBND")
    return path


# ------------------------------------------------------------------ a. lettered groups, sub-tasks
def table_a(doc: Any) -> None:
    t = new_table(doc, 1, [1.2, 9.0, 4.2, 4.6, 3.2, 3.6])
    header_row(
        t,
        ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm"],
    )
    add_row(t, ["A. NHIỆM VỤ CẢI CÁCH THỂ CHẾ"], bold=True, span_from=0)
    add_row(
        t,
        [
            "1",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do tỉnh ban hành.",
            TP,
            SBN,
            "Quý II/2027",
            "Báo cáo kết quả rà soát",
        ],
    )
    add_row(
        t, ["2", "Nâng cao chất lượng xây dựng văn bản quy phạm pháp luật, gồm:", TP, None, "Năm 2027", None]
    )
    add_row(
        t,
        [
            "a)",
            "Tổ chức lấy ý kiến người dân đối với dự thảo văn bản.",
            SBN,
            TP,
            "Thường xuyên",
            "Dự thảo được lấy ý kiến",
        ],
    )
    add_row(
        t, ["b)", "Tập huấn kỹ năng soạn thảo văn bản cho công chức.", NV, TP, "Quý III/2027", "Lớp tập huấn"]
    )
    add_row(
        t,
        [
            "3",
            "Kiểm tra việc thực hiện pháp luật về xử lý vi phạm hành chính.",
            TP,
            CA,
            "30/9/2027",
            "Kết luận kiểm tra",
        ],
    )
    add_row(t, ["B", "NHIỆM VỤ CẢI CÁCH TÀI CHÍNH CÔNG"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập.",
            TC,
            NV,
            "Quý I/2027",
            "Quyết định giao tự chủ",
        ],
    )
    add_row(t, ["2", "Quản lý, sử dụng tài sản công:", TC, None, None, None])
    add_row(
        t,
        [
            "a)",
            "Rà soát, sắp xếp lại nhà, đất của cơ quan nhà nước.",
            TC,
            XA,
            "Quý IV/2027",
            "Phương án sắp xếp",
        ],
    )
    add_row(
        t,
        [
            "b)",
            "Cập nhật cơ sở dữ liệu quốc gia về tài sản công.",
            SBN,
            TC,
            "Hằng năm",
            "Dữ liệu được cập nhật",
        ],
    )
    add_row(
        t,
        [
            "c)",
            "Công khai tình hình quản lý, sử dụng tài sản công.",
            TC,
            VP,
            "31/12/2027",
            "Báo cáo công khai",
        ],
    )


EXPECTED_A = {
    "layout": "groups lettered A, B (bold, merged across); tasks 1, 2; sub-tasks a), b) with their own "
    "values",
    "groups": ["A", "B"],
    "task_ids": ["1.1", "1.2", "1.2.a", "1.2.b", "1.3", "2.1", "2.2", "2.2.a", "2.2.b", "2.2.c"],
    "tasks": {
        "1.1": {
            "content": "Rà soát, hệ thống hóa",
            "lead": [TP],
            "coordinate": [SBN],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-06-30",
        },
        "1.2.a": {
            "content": "Tổ chức lấy ý kiến",
            "lead": [SBN],
            "coordinate": [TP],
            "timeline_kind": "continuous",
            "end_year": 2027,
            "due_date": "",
        },
        "1.2.b": {
            "content": "Tập huấn kỹ năng",
            "lead": [NV],
            "coordinate": [TP],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-09-30",
        },
        "1.3": {
            "content": "Kiểm tra việc thực hiện",
            "lead": [TP],
            "coordinate": [CA],
            "timeline_kind": "date",
            "end_year": 2027,
            "due_date": "2027-09-30",
        },
        "2.1": {
            "content": "Giao quyền tự chủ",
            "lead": [TC],
            "coordinate": [NV],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-03-31",
        },
        "2.2.a": {
            "content": "Rà soát, sắp xếp lại",
            "lead": [TC],
            "coordinate": [XA],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
        "2.2.b": {
            "content": "Cập nhật cơ sở dữ liệu",
            "lead": [SBN],
            "coordinate": [TC],
            "timeline_kind": "annual",
            "end_year": 2027,
            "due_date": "",
        },
        "2.2.c": {
            "content": "Công khai tình hình",
            "lead": [TC],
            "coordinate": [VP],
            "timeline_kind": "date",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
    },
}


# ------------------------------------------------------------------ b. numbers that nest
def table_b(doc: Any) -> None:
    t = new_table(doc, 1, [1.4, 10.0, 4.4, 4.6, 3.6])
    header_row(t, ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"])
    add_row(t, ["1", "Hoàn thiện thể chế về chuyển đổi số", None, None, None], bold=True)
    add_row(
        t,
        [
            "1.1",
            "Ban hành quy chế quản lý hệ thống thông tin dùng chung của tỉnh.",
            KHCN,
            [TP, VP],
            "Quý II/2027",
        ],
    )
    add_row(t, ["1.2", "Cập nhật kiến trúc chính quyền số của tỉnh.", KHCN, SBN, "Năm 2027"])
    add_row(t, ["2", "Phát triển hạ tầng số", None, None, None], bold=True)
    add_row(t, ["2.1", "Nâng cấp mạng truyền số liệu chuyên dùng đến các xã, phường.", KHCN, XA, "30/6/2027"])
    add_row(t, ["2.2", "Bảo đảm an toàn thông tin cho các hệ thống dùng chung.", CA, KHCN, "Thường xuyên"])
    add_row(t, ["2.3", "Phát triển hạ tầng trung tâm dữ liệu của tỉnh.", KHCN, TC, "Quý IV/2027"])
    add_row(t, ["3", "Phát triển dữ liệu số", None, None, None], bold=True)
    add_row(t, ["3.1", "Số hóa hồ sơ thủ tục hành chính còn hiệu lực.", SBN, VP, "Hằng năm"])
    add_row(t, ["3.2", "Xây dựng cơ sở dữ liệu đất đai của tỉnh.", NNMT, KHCN, "Quý III/2027"])


EXPECTED_B = {
    "layout": "numbers that nest: bold group rows 1, 2, 3 (not merged, empty agency cells), tasks 1.1, 1.2",
    "groups": ["1", "2", "3"],
    "task_ids": ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2"],
    "tasks": {
        "1.1": {
            "content": "Ban hành quy chế",
            "lead": [KHCN],
            "coordinate": [TP, VP],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-06-30",
        },
        "1.2": {
            "content": "Cập nhật kiến trúc",
            "lead": [KHCN],
            "coordinate": [SBN],
            "timeline_kind": "year",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
        "2.1": {
            "content": "Nâng cấp mạng",
            "lead": [KHCN],
            "coordinate": [XA],
            "timeline_kind": "date",
            "end_year": 2027,
            "due_date": "2027-06-30",
        },
        "2.3": {
            "content": "Phát triển hạ tầng",
            "lead": [KHCN],
            "coordinate": [TC],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
        "3.2": {
            "content": "Xây dựng cơ sở dữ liệu",
            "lead": [NNMT],
            "coordinate": [KHCN],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-09-30",
        },
    },
}


# ------------------------------------------------------------------ c. another column order, extras
def table_c(doc: Any) -> None:
    t = new_table(doc, 1, [1.0, 6.4, 3.0, 2.4, 3.0, 3.0, 2.2, 2.4, 2.0, 1.6])
    header_row(
        t,
        [
            "TT",
            "Nhiệm vụ",
            "Sản phẩm",
            "Thời gian hoàn thành",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Nguồn kinh phí",
            "Người theo dõi",
            "Số điện thoại",
            "Ghi chú",
        ],
    )
    add_row(
        t, ["I", "Cải cách thủ tục hành chính", None, None, None, None, None, None, None, None], bold=True
    )
    add_row(
        t,
        [
            "1",
            "Rà soát, đơn giản hóa thủ tục hành chính nội bộ.",
            "Quyết định phê duyệt phương án",
            "Quý II/2027",
            VP,
            SBN,
            "Ngân sách tỉnh",
            "Trần Thị Hoa",
            "0912 345 678",
            None,
        ],
    )
    add_row(
        t,
        [
            "2",
            "Công bố, công khai thủ tục hành chính đúng hạn.",
            "Quyết định công bố",
            "Thường xuyên",
            SBN,
            VP,
            "Kinh phí thường xuyên",
            "Trần Thị Hoa",
            "0912 345 678",
            "Kiểm tra định kỳ",
        ],
    )
    add_row(t, ["II", "Cải cách chế độ công vụ", None, None, None, None, None, None, None, None], bold=True)
    add_row(
        t,
        [
            "1",
            "Tuyển dụng công chức theo vị trí việc làm.",
            "Kết quả tuyển dụng",
            "30/11/2027",
            NV,
            SBN,
            "Ngân sách tỉnh",
            "Phạm Văn Long",
            "0987 654 321",
            None,
        ],
    )
    add_row(
        t,
        [
            "2",
            "Đánh giá, xếp loại chất lượng cán bộ, công chức.",
            "Báo cáo kết quả",
            "Hằng năm",
            NV,
            XA,
            None,
            "Phạm Văn Long",
            "0987 654 321",
            None,
        ],
    )


EXPECTED_C = {
    "layout": "columns TT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành | Cơ quan chủ trì | Cơ quan phối hợp "
    "| Nguồn kinh phí | Người theo dõi | Số điện thoại | Ghi chú",
    "groups": ["I", "II"],
    "task_ids": ["1.1", "1.2", "2.1", "2.2"],
    "tasks": {
        "1.1": {
            "content": "Rà soát, đơn giản hóa",
            "lead": [VP],
            "coordinate": [SBN],
            "product": "Quyết định phê duyệt phương án",
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-06-30",
        },
        "1.2": {
            "content": "Công bố, công khai",
            "lead": [SBN],
            "coordinate": [VP],
            "note": "Kiểm tra định kỳ",
            "timeline_kind": "continuous",
            "end_year": 2027,
            "due_date": "",
        },
        "2.1": {
            "content": "Tuyển dụng công chức",
            "lead": [NV],
            "coordinate": [SBN],
            "product": "Kết quả tuyển dụng",
            "timeline_kind": "date",
            "end_year": 2027,
            "due_date": "2027-11-30",
        },
        "2.2": {
            "content": "Đánh giá, xếp loại",
            "lead": [NV],
            "coordinate": [XA],
            "timeline_kind": "annual",
            "end_year": 2027,
            "due_date": "",
        },
    },
    # columns nobody planned for: kept in plan.extras, never in a published table
    "extras": {
        "Nguồn kinh phí": "Ngân sách tỉnh",
        "Người theo dõi": "Trần Thị Hoa",
        "Số điện thoại": "0912 345 678",
    },
    "private": ["Trần Thị Hoa", "0912 345 678", "Phạm Văn Long", "0987 654 321"],
}


# ------------------------------------------------------------------ d. header repeated, column numbers
HEADER_D = ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian thực hiện", "Kết quả, sản phẩm"]


def header_d(t: Any, first: int) -> None:
    """Two header rows ("Cơ quan thực hiện" over Chủ trì | Phối hợp) and the column numbers."""
    top, sub, numbers = t.rows[first], t.rows[first + 1], t.rows[first + 2]
    for i, text in enumerate(HEADER_D):
        if text:
            fill(top.cells[i], [text], bold=True, align=ALIGN.CENTER)
    fill(sub.cells[2], ["Chủ trì"], bold=True, align=ALIGN.CENTER)
    fill(sub.cells[3], ["Phối hợp"], bold=True, align=ALIGN.CENTER)
    for i in range(6):
        fill(numbers.cells[i], [f"({i + 1})"], italic=True, align=ALIGN.CENTER)
    top.cells[2].merge(top.cells[3])
    for i in (0, 1, 4, 5):
        t.cell(first, i).merge(t.cell(first + 1, i))


def table_d(doc: Any) -> None:
    t = new_table(doc, 3, [1.2, 9.0, 4.2, 4.6, 3.2, 3.6])
    header_d(t, 0)
    for row in t.rows[:3]:
        repeat_header(row)
    add_row(t, ["I", "Nâng cao chất lượng dịch vụ công"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            "Cung cấp dịch vụ công trực tuyến toàn trình.",
            SBN,
            VP,
            "Thường xuyên",
            "Dịch vụ công trực tuyến",
        ],
    )
    add_row(
        t,
        [
            "2",
            "Đo lường sự hài lòng của người dân, doanh nghiệp.",
            NV,
            XA,
            "Quý IV/2027",
            "Báo cáo chỉ số hài lòng",
        ],
    )
    add_row(
        t,
        [
            "3",
            "Tiếp nhận, xử lý phản ánh, kiến nghị qua Hệ thống thông tin.",
            VP,
            SBN,
            "Hằng năm",
            "Phản ánh được xử lý",
        ],
    )
    # the header typed again on a new page (a table pasted together), with its column numbers
    for _ in range(3):
        t.add_row()
    header_d(t, len(t.rows) - 3)
    add_row(t, ["II", "Hiện đại hóa hành chính"], bold=True, span_from=1)
    add_row(
        t,
        ["1", "Ứng dụng chữ ký số trong xử lý văn bản điện tử.", SBN, KHCN, "Năm 2027", "Văn bản được ký số"],
    )
    add_row(
        t,
        [
            "2",
            "Triển khai hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia.",
            KHCN,
            SBN,
            "30/6/2027",
            "Hệ thống được công bố",
        ],
    )


EXPECTED_D = {
    "layout": "two header rows repeated on every page, a row of column numbers (1) (2) …, the header typed "
    "again half-way down",
    "groups": ["I", "II"],
    "task_ids": ["1.1", "1.2", "1.3", "2.1", "2.2"],
    "tasks": {
        "1.1": {
            "content": "Cung cấp dịch vụ công",
            "lead": [SBN],
            "coordinate": [VP],
            "product": "Dịch vụ công trực tuyến",
            "timeline_kind": "continuous",
            "end_year": 2027,
            "due_date": "",
        },
        "1.3": {
            "content": "Tiếp nhận, xử lý",
            "lead": [VP],
            "coordinate": [SBN],
            "timeline_kind": "annual",
            "end_year": 2027,
            "due_date": "",
        },
        "2.1": {
            "content": "Ứng dụng chữ ký số",
            "lead": [SBN],
            "coordinate": [KHCN],
            "timeline_kind": "year",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
        "2.2": {
            "content": "Triển khai hệ thống",
            "lead": [KHCN],
            "coordinate": [SBN],
            "product": "Hệ thống được công bố",
            "timeline_kind": "date",
            "end_year": 2027,
            "due_date": "2027-06-30",
        },
    },
}


# ------------------------------------------------------------------ e. agency cells
def bullets(cell: Any, texts: list[str]) -> None:
    """Paragraphs in Word's own bulleted list style (the bullet is drawn, not typed)."""
    for i, text in enumerate(texts):
        p = para(cell, text, size=12, align=ALIGN.LEFT, first=i == 0)
        p.style = cell.part.document.styles["List Bullet"]


def table_e(doc: Any) -> None:
    t = new_table(doc, 1, [1.2, 9.0, 4.6, 5.2, 3.6])
    header_row(t, ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"])
    add_row(t, ["I", "Phát triển kinh tế số"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số.",
            "Sở Công Thương",
            [KHCN, TC, "Hiệp hội Doanh nghiệp tỉnh"],
            "Năm 2027",
        ],
    )
    add_row(
        t,
        [
            "2",
            "Phát triển thương mại điện tử ở nông thôn.",
            ["Sở Công Thương", NNMT],
            ["- Sở Khoa học và Công nghệ;", "- Bưu điện tỉnh;", "- UBND các xã, phường."],
            "Quý III/2027",
        ],
    )
    add_row(
        t,
        [
            "3",
            "Thúc đẩy thanh toán không dùng tiền mặt.",
            "Ngân hàng Nhà nước Khu vực 9",
            f"{KHCN}, {TC} và các đơn vị liên quan",
            "Thường xuyên",
        ],
    )
    row = add_row(t, ["4", "Phổ cập kỹ năng số cho người dân.", NV, None, "Quý IV/2027"])
    bullets(row.cells[3], ["Sở Giáo dục và Đào tạo", "Đoàn Thanh niên tỉnh"])
    add_row(
        t,
        [
            "5",
            "Xây dựng sàn giao dịch nông sản của tỉnh.",
            ["- Sở Công Thương (chủ trì xây dựng);", "- Sở Nông nghiệp và Môi trường."],
            [VP, CA],
            "30/9/2027",
        ],
    )


EXPECTED_E = {
    "layout": "agency cells: one agency per paragraph, '- ' bullets, Word bullets, 'Sở A, Sở B và các đơn vị "
    "liên quan'",
    "groups": ["I"],
    "task_ids": ["1.1", "1.2", "1.3", "1.4", "1.5"],
    "tasks": {
        "1.1": {"lead": ["Sở Công Thương"], "coordinate": [KHCN, TC, "Hiệp hội Doanh nghiệp tỉnh"]},
        "1.2": {"lead": ["Sở Công Thương", NNMT], "coordinate": [KHCN, "Bưu điện tỉnh", XA]},
        "1.3": {
            "lead": ["Ngân hàng Nhà nước Khu vực 9"],
            "coordinate": [KHCN, TC, "các đơn vị liên quan"],
            "timeline_kind": "continuous",
            "end_year": 2027,
        },
        "1.4": {"lead": [NV], "coordinate": ["Sở Giáo dục và Đào tạo", "Đoàn Thanh niên tỉnh"]},
        "1.5": {
            "lead": ["Sở Công Thương", NNMT],
            "coordinate": [VP, CA],
            "timeline_kind": "date",
            "due_date": "2027-09-30",
        },
    },
}


# ------------------------------------------------------------------ f. deadlines
def table_f(doc: Any) -> None:
    t = new_table(doc, 1, [1.2, 10.0, 4.6, 4.6, 3.2])
    header_row(t, ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"])
    add_row(t, ["I", "Bảo vệ môi trường"], bold=True, span_from=1)
    rows = [
        ("Ban hành kế hoạch quản lý chất lượng không khí.", "30/6/2027"),
        ("Quan trắc chất lượng nước mặt các sông chính.", "Quý III/2027"),
        ("Kiểm kê khí thải các cơ sở sản xuất.", "Năm 2027"),
        ("Báo cáo công tác bảo vệ môi trường.", "Hằng năm"),
        ("Kiểm tra việc thu gom, xử lý chất thải rắn.", "Thường xuyên"),
        ("Xây dựng cơ sở dữ liệu môi trường của tỉnh.", "Tháng 10/2027"),
        ("Đánh giá kết quả thực hiện Kế hoạch.", "Trước ngày 15/12/2027"),
        ("Tổng kết, báo cáo kết quả thực hiện.", "Hàng năm"),
    ]
    for i, (content, deadline) in enumerate(rows, 1):
        add_row(t, [str(i), content, NNMT, XA, deadline])


EXPECTED_F = {
    "layout": "a deadline column 'Thời hạn': dates, quarters, years, 'Hằng năm', 'Thường xuyên', months",
    "groups": ["I"],
    "task_ids": [f"1.{i}" for i in range(1, 9)],
    "tasks": {
        "1.1": {"timeline_kind": "date", "end_year": 2027, "due_date": "2027-06-30"},
        "1.2": {"timeline_kind": "quarter", "end_year": 2027, "due_date": "2027-09-30"},
        "1.3": {"timeline_kind": "year", "end_year": 2027, "due_date": "2027-12-31"},
        "1.4": {"timeline_kind": "annual", "end_year": 2027, "due_date": ""},
        "1.5": {"timeline_kind": "continuous", "end_year": 2027, "due_date": ""},
        "1.6": {"timeline_kind": "month", "end_year": 2027, "due_date": "2027-10-31"},
        # "trước" a day other than a month's first: the day itself is the deadline (timeline.py's rule)
        "1.7": {"timeline_kind": "date", "end_year": 2027, "due_date": "2027-12-15"},
        "1.8": {"timeline_kind": "annual", "end_year": 2027, "due_date": ""},
    },
}


# ------------------------------------------------------------------ g. content of several paragraphs
def table_g(doc: Any) -> None:
    t = new_table(doc, 1, [1.2, 10.0, 4.6, 4.6, 3.2])
    header_row(t, ["STT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ"])
    add_row(t, ["I", "Phát triển nguồn nhân lực"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            [
                "Nâng cao chất lượng đội ngũ cán bộ, công chức, cụ thể:",
                "- Bồi dưỡng kiến thức quản lý nhà nước;",
                "- Bồi dưỡng kỹ năng số.",
            ],
            NV,
            SBN,
            "Năm 2027",
        ],
    )
    row = add_row(t, ["2", None, NV, XA, "Quý II/2027"])
    content = row.cells[1]
    para(content, "Thu hút nguồn nhân lực chất lượng cao", bold=True, size=12, align=ALIGN.LEFT, first=True)
    para(
        content,
        "- Ban hành chính sách thu hút người có trình độ cao về làm việc tại tỉnh;",
        size=12,
        align=ALIGN.LEFT,
    )
    para(content, "- Tổ chức tuyển chọn theo chính sách.", size=12, align=ALIGN.LEFT)
    add_row(t, ["3", "Đào tạo nghề cho lao động nông thôn.", "Sở Giáo dục và Đào tạo", XA, "Hằng năm"])
    add_row(t, ["II", "Phát triển khoa học, công nghệ"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            [
                "Hỗ trợ doanh nghiệp đổi mới công nghệ:",
                "+ Hỗ trợ chuyển giao công nghệ;",
                "+ Hỗ trợ đăng ký sở hữu trí tuệ.",
            ],
            KHCN,
            TC,
            "Thường xuyên",
        ],
    )


EXPECTED_G = {
    "layout": "task cells of several paragraphs: a lead-in line and '- ' bullets, a bold task name over "
    "bullets",
    "groups": ["I", "II"],
    "task_ids": ["1.1", "1.2", "1.3", "2.1"],
    "tasks": {
        "1.1": {
            "content": "Nâng cao chất lượng đội ngũ cán bộ, công chức, cụ thể:\n- Bồi dưỡng kiến thức",
            "lead": [NV],
            "coordinate": [SBN],
            "timeline_kind": "year",
            "end_year": 2027,
        },
        "1.2": {
            "content": "Thu hút nguồn nhân lực chất lượng cao\n- Ban hành chính sách",
            "lead": [NV],
            "coordinate": [XA],
            "timeline_kind": "quarter",
            "due_date": "2027-06-30",
        },
        "1.3": {"content": "Đào tạo nghề", "lead": ["Sở Giáo dục và Đào tạo"], "coordinate": [XA]},
        "2.1": {
            "content": "Hỗ trợ doanh nghiệp đổi mới công nghệ:\n+ Hỗ trợ chuyển giao",
            "lead": [KHCN],
            "coordinate": [TC],
            "timeline_kind": "continuous",
        },
    },
}


# ------------------------------------------------------------------ h. other header words
def table_h(doc: Any) -> None:
    t = new_table(doc, 1, [1.2, 8.0, 4.0, 4.0, 3.0, 2.8, 3.0])
    header_row(
        t,
        [
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chịu trách nhiệm",
            "Cơ quan phối hợp",
            "Lộ trình thực hiện",
            "Kinh phí thực hiện nhiệm vụ (triệu đồng)",
            "Đầu mối liên hệ",
        ],
    )
    add_row(t, ["I", "Phát triển đô thị"], bold=True, span_from=1)
    add_row(
        t,
        [
            "1",
            "Lập quy hoạch chung đô thị trung tâm.",
            "Sở Xây dựng",
            NNMT,
            "Quý IV/2027",
            "1.200",
            "Nguyễn Văn Bình",
        ],
    )
    add_row(
        t,
        [
            "2",
            "Cải tạo hệ thống thoát nước đô thị.",
            XA,
            "Sở Xây dựng",
            "Năm 2027",
            "3.500",
            "Nguyễn Văn Bình",
        ],
    )


EXPECTED_H = {
    "layout": "header words 'Cơ quan chịu trách nhiệm', 'Lộ trình thực hiện', a funding column naming the "
    "task ('Kinh phí thực hiện nhiệm vụ'), 'Đầu mối liên hệ'",
    "groups": ["I"],
    "task_ids": ["1.1", "1.2"],
    "tasks": {
        "1.1": {
            "content": "Lập quy hoạch",
            "lead": ["Sở Xây dựng"],
            "coordinate": [NNMT],
            "timeline_kind": "quarter",
            "end_year": 2027,
            "due_date": "2027-12-31",
        },
        "1.2": {
            "content": "Cải tạo hệ thống",
            "lead": [XA],
            "coordinate": ["Sở Xây dựng"],
            "timeline_kind": "year",
            "end_year": 2027,
        },
    },
    "extras": {"Kinh phí thực hiện nhiệm vụ (triệu đồng)": "1.200", "Đầu mối liên hệ": "Nguyễn Văn Bình"},
    "private": ["Nguyễn Văn Bình"],
}


# ------------------------------------------------------------------ i. start and end under one header
def table_i(doc: Any) -> None:
    t = new_table(doc, 2, [1.2, 9.0, 4.2, 4.4, 2.6, 2.6])
    for i, text in enumerate(["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]):
        fill(t.cell(0, i), [text], bold=True, align=ALIGN.CENTER)
    fill(t.cell(1, 4), ["Bắt đầu"], bold=True, align=ALIGN.CENTER)
    fill(t.cell(1, 5), ["Hoàn thành"], bold=True, align=ALIGN.CENTER)
    t.cell(0, 4).merge(t.cell(0, 5))
    for i in range(4):
        t.cell(0, i).merge(t.cell(1, i))
    add_row(t, ["I", "Phát triển giao thông"], bold=True, span_from=1)
    add_row(t, ["1", "Nâng cấp đường tỉnh 301.", "Sở Xây dựng", XA, "Quý I/2027", "Quý IV/2027"])
    add_row(t, ["2", "Xây dựng bến xe khách trung tâm.", "Sở Xây dựng", TC, "2027", "2028"])


EXPECTED_I = {
    "layout": "'Thời gian thực hiện' over 'Bắt đầu' | 'Hoàn thành' (two columns of one deadline)",
    "groups": ["I"],
    "task_ids": ["1.1", "1.2"],
    # the deadline is the "Hoàn thành" column's; "Bắt đầu" is kept aside (plan.extras)
    "tasks": {
        "1.1": {"content": "Nâng cấp đường", "lead": ["Sở Xây dựng"], "coordinate": [XA], "end_year": 2027},
        "1.2": {"content": "Xây dựng bến xe", "lead": ["Sở Xây dựng"], "coordinate": [TC], "end_year": 2028},
    },
}


LAYOUTS: list[tuple[str, str, str, Any, dict[str, Any]]] = [
    ("a_nhom_chu_cai", "41", "Cải cách thể chế và tài chính công", table_a, EXPECTED_A),
    ("b_danh_so_phan_cap", "42", "Chuyển đổi số", table_b, EXPECTED_B),
    ("c_thu_tu_cot", "43", "Cải cách hành chính", table_c, EXPECTED_C),
    ("d_lap_tieu_de", "44", "Nâng cao chất lượng phục vụ", table_d, EXPECTED_D),
    ("e_co_quan", "45", "Phát triển kinh tế số", table_e, EXPECTED_E),
    ("f_thoi_han", "46", "Bảo vệ môi trường", table_f, EXPECTED_F),
    ("g_noi_dung", "47", "Phát triển nguồn nhân lực", table_g, EXPECTED_G),
    ("h_ten_cot", "48", "Phát triển đô thị", table_h, EXPECTED_H),
    ("i_bat_dau_hoan_thanh", "49", "Phát triển giao thông", table_i, EXPECTED_I),
]


def write(out: Path = OUT) -> list[Path]:
    """Every variant and its expected JSON into ``out``."""
    global OUT
    saved, OUT = OUT, out
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, number, subject, table, expected in LAYOUTS:
            paths.append(write_plan(name, number, subject, table))
            text = json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
            (out / f"{name}.expected.json").write_text(text, encoding="utf-8")
            paths.append(out / f"{name}.expected.json")
    finally:
        OUT = saved
    return paths


def main() -> int:
    for path in write():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
