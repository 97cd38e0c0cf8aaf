"""Write tests/fixtures/documents/word_layout/kh_chuyen_doi_so.docx: an invented plan in a real
Word plan's layout.

"Kế hoạch chuyển đổi số năm 2027" of "tỉnh Bắc Sơn" is **invented** for the tests: no such
province or plan exists, and no sentence is copied from a real plan. Its layout is the one real
provincial plans sent as Word files have: a borderless header table (issuer | motto, then
number | date), the title, numbered sections typed as text ("I.", "1.", "- "), a duties section
"III. TRÁCH NHIỆM THỰC HIỆN" whose first item is a subheading ("1. Công tác triển khai") and
whose other items name bodies, the recipients and the signature in a borderless table, then the
appendix in a new landscape section: "PHỤ LỤC" and a "Table Grid" task table
(STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm)
whose Roman-numbered group rows have their titles merged across, with one task cell merged down
over two rows (each with its own lead, coordinator and deadline), one lead cell spanning the
coordinator column with an instruction ("Theo phân công tại Quyết định số …"), empty cells
holding a no-break space, agency cells split by ",", ";", "/", "và" and paragraph breaks (and
names that hold those themselves), role phrases, enterprises and free-text deadlines.

What a careful reader takes from each task is written by hand in
``kh_chuyen_doi_so.fields.csv`` beside the file (the conventions of /work/shared/real/README.md).
The file is the same bytes on every run (fixed core properties and zip entry times).

Run: .venv/bin/python tools/make_word_plan_fixture.py
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from make_fixtures import (
    appendix_section,
    fill,
    new_document,
    new_table,
    save_docx,
    write_front,
    write_signature,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "word_layout" / "kh_chuyen_doi_so.docx"
WHEN = datetime(2026, 12, 28)
NBSP = "\u00a0"

FRONT = SimpleNamespace(
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH BẮC SƠN"],
    number_line="Số: 215/KH-UBND",
    date_line="Bắc Sơn, ngày 28 tháng 12 năm 2026",
    title="Chuyển đổi số năm 2027 trên địa bàn tỉnh Bắc Sơn",
    preamble=[
        "Căn cứ Quyết định số 123/QĐ-UBND ngày 5/3/2026 của Ủy ban nhân dân tỉnh ban hành Danh mục "
        "cơ sở dữ liệu dùng chung của tỉnh Bắc Sơn;",
        "Căn cứ Quyết định số 456/QĐ-UBND ngày 12/8/2026 của Ủy ban nhân dân tỉnh phê duyệt Đề án "
        "phát triển hạ tầng số tỉnh Bắc Sơn;",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2027 trên địa bàn tỉnh như sau:",
    ],
    # (kind, text): "section" bold, "item" bold and indented, "text" indented
    body=[
        ("section", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("item", "1. Mục đích"),
        (
            "text",
            "- Đưa hoạt động của cơ quan nhà nước lên môi trường số, phục vụ người dân và doanh "
            "nghiệp ngày càng tốt hơn.",
        ),
        ("text", "- Phát triển đồng bộ hạ tầng số, dữ liệu số, kinh tế số và xã hội số của tỉnh."),
        ("item", "2. Yêu cầu"),
        ("text", "- Nhiệm vụ được giao rõ người, rõ việc, rõ thời gian, rõ sản phẩm."),
        ("text", "- Bảo đảm an toàn, an ninh mạng trong quá trình chuyển đổi số."),
        ("section", "II. NHIỆM VỤ, GIẢI PHÁP"),
        ("text", "Các nhiệm vụ, giải pháp và phân công thực hiện cụ thể tại Phụ lục kèm theo Kế hoạch này."),
        ("section", "III. TRÁCH NHIỆM THỰC HIỆN"),
        ("item", "1. Công tác triển khai"),
        (
            "text",
            "- Các sở, ban, ngành và Ủy ban nhân dân các xã, phường, đặc khu có trách nhiệm xây dựng "
            "kế hoạch chuyển đổi số năm 2027 của cơ quan, đơn vị, địa phương mình và tổ chức thực "
            "hiện các nhiệm vụ được giao tại Phụ lục.",
        ),
        (
            "text",
            "- Các cơ quan, đơn vị được giao chủ trì nhiệm vụ có trách nhiệm chủ động bố trí nguồn "
            "lực, bảo đảm tiến độ và chất lượng sản phẩm.",
        ),
        ("item", "2. Sở Khoa học và Công nghệ:"),
        ("text", "- Theo dõi, đôn đốc, hướng dẫn các cơ quan, đơn vị, địa phương triển khai Kế hoạch."),
        (
            "text",
            "- Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch trước ngày 20/12/2027.",
        ),
        (
            "item",
            "3. Giám đốc các sở, Thủ trưởng các ban, ngành và Chủ tịch Ủy ban nhân dân các xã, "
            "phường, đặc khu:",
        ),
        (
            "text",
            "- Chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện các nhiệm "
            "vụ được giao.",
        ),
        (
            "text",
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương "
            "kịp thời báo cáo Ủy ban nhân dân tỉnh (qua Sở Khoa học và Công nghệ) để xem xét, giải "
            "quyết./.",
        ),
    ],
)

SIGNATURE = SimpleNamespace(
    recipients=[
        "- Bộ Khoa học và Công nghệ (b/c);",
        "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường, đặc khu;",
        "- Lưu: VT, KGVX.",
    ],
    signer=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signer_name="Trần Minh Khải",
)

APPENDIX = SimpleNamespace(
    appendix=[
        "PHỤ LỤC",
        "NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027 CỦA TỈNH BẮC SƠN",
        "(Kèm theo Kế hoạch số 215/KH-UBND ngày 28/12/2026 của Ủy ban nhân dân tỉnh Bắc Sơn)",
    ]
)

HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]
WIDTHS = [1.2, 8.6, 4.4, 4.8, 3.6, 3.6]

# A row's cells: lead and coordinator are lists of paragraphs; a lead that is a str (not a list)
# spans the lead and coordinator columns. A task is its content and one row, or two rows (the
# number and content merged down over them).
Row = tuple[list[str] | str, list[str], str, str]  # lead, coordinate, deadline, product

SKHCN = "Sở Khoa học và Công nghệ"
XA = "UBND các xã, phường, đặc khu"
CQ = "Các cơ quan, đơn vị, địa phương"
QD123 = "Quyết định số 123/QĐ-UBND ngày 5/3/2026"

GROUPS: list[tuple[str, str, list[tuple[str, list[Row]]]]] = [
    (
        "I",
        "Hoàn thiện thể chế, chính sách về chuyển đổi số",
        [
            (
                "Xây dựng và tổ chức thực hiện Kế hoạch chuyển đổi số năm 2027 của tỉnh.",
                [
                    (
                        [SKHCN],
                        [CQ],
                        "Ban hành kế hoạch trong tháng 02/2027 và tổ chức thực hiện",
                        "Kế hoạch của UBND tỉnh",
                    )
                ],
            ),
            (
                "Rà soát, đề xuất sửa đổi quy chế quản lý, vận hành"
                " các hệ thống thông tin dùng chung của tỉnh.",
                [
                    (
                        [SKHCN],
                        ["Sở Tư pháp; Văn phòng UBND tỉnh; Công an tỉnh"],
                        "Quý II/2027",
                        "Quyết định của UBND tỉnh",
                    )
                ],
            ),
            (
                "Định kỳ công bố danh mục dữ liệu mở của các cơ quan nhà nước trên địa bàn tỉnh.",
                [
                    (
                        [SKHCN],
                        ["Các sở, ban, ngành và địa phương"],
                        "Trước ngày 31/01 năm liền kề",
                        "Danh mục dữ liệu mở",
                    )
                ],
            ),
            (
                "Cập nhật Kiến trúc chính quyền số cấp tỉnh theo hướng dẫn của bộ, ngành Trung ương.",
                [
                    (
                        [SKHCN],
                        ["Sở, ngành liên quan"],
                        "Sau 03 tháng kể từ khi có văn bản hướng dẫn của Trung ương",
                        "Kiến trúc chính quyền số được cập nhật",
                    )
                ],
            ),
        ],
    ),
    (
        "II",
        "Phát triển hạ tầng số",
        [
            (
                "Mở rộng vùng phủ sóng mạng di động 5G đến trung tâm"
                " các xã, phường, đặc khu và khu công nghiệp.",
                [
                    (
                        ["Viễn thông Bắc Sơn, các doanh nghiệp viễn thông"],
                        [f"{SKHCN}; {XA}"],
                        "Trong năm 2027",
                        "Tỷ lệ dân số được phủ sóng 5G",
                    )
                ],
            ),
            (
                "Nâng cấp Trung tâm dữ liệu tỉnh, bảo đảm dung lượng lưu trữ cho các hệ thống dùng chung.",
                [
                    (
                        [f"{SKHCN} (Trung tâm Chuyển đổi số)"],
                        ["Sở Tài chính"],
                        "trước ngày 01/01/2028",
                        "Trung tâm dữ liệu được nâng cấp",
                    )
                ],
            ),
            (
                "Rà soát, chỉnh trang hệ thống cáp viễn thông treo trên cột điện tại các tuyến phố chính.",
                [([f"Sở Xây dựng/{SKHCN}"], [XA], "30/6/2027", "Các tuyến cáp được chỉnh trang")],
            ),
            (
                "Giám sát, bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của cơ quan nhà nước.",
                [(["Công an tỉnh"], [SKHCN], "Thường xuyên trong năm", "Báo cáo kết quả giám sát")],
            ),
        ],
    ),
    (
        "III",
        "Phát triển dữ liệu số",
        [
            (
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực.",
                [(["Các sở, ban, ngành"], [NBSP], "Thường xuyên trong năm", "Hồ sơ được số hóa")],
            ),
            (
                "Xây dựng, cập nhật cơ sở dữ liệu đất đai của tỉnh và kết nối với cơ sở dữ liệu quốc gia.",
                [
                    (
                        ["Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai)"],
                        [f"{SKHCN}, {XA}"],
                        "Quý IV/2027",
                        "Cơ sở dữ liệu đất đai",
                    )
                ],
            ),
            (
                "Hoàn thiện cơ sở dữ liệu chuyên ngành y tế và giáo"
                " dục, kết nối với nền tảng dữ liệu của tỉnh.",
                [
                    (
                        ["Sở Y tế", "Sở Giáo dục và Đào tạo"],
                        [SKHCN],
                        "Trong năm 2027",
                        "Cơ sở dữ liệu chuyên ngành",
                    )
                ],
            ),
            (
                f"Tiếp tục triển khai {QD123} của UBND tỉnh ban hành Danh mục cơ sở dữ liệu dùng chung.",
                [
                    (
                        f"Theo phân công tại {QD123} của UBND tỉnh",
                        [],
                        f"Theo các mốc thời gian tại {QD123}",
                        "Cơ sở dữ liệu dùng chung",
                    )
                ],
            ),
            (
                "Cung cấp dữ liệu mở trên Cổng dữ liệu của tỉnh theo danh mục đã công bố.",
                [
                    (
                        ["Các sở, ban, ngành, địa phương"],
                        [SKHCN],
                        "Định kỳ hằng tháng",
                        "Dữ liệu mở được cập nhật",
                    )
                ],
            ),
        ],
    ),
    (
        "IV",
        "Phát triển chính quyền số",
        [
            (
                "Xử lý văn bản, hồ sơ công việc trên môi trường mạng, trừ văn bản mật.",
                [
                    (
                        [CQ],
                        ["Văn phòng UBND tỉnh"],
                        "Thường xuyên trong năm",
                        "Văn bản được xử lý trên môi trường mạng",
                    )
                ],
            ),
            (
                "Cung cấp dịch vụ công trực tuyến toàn trình cho các thủ tục hành chính đủ điều kiện.",
                [
                    (
                        [f"Các sở, ban, ngành; {XA}"],
                        ["Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)"],
                        "Thường xuyên trong năm",
                        "Dịch vụ công trực tuyến toàn trình",
                    )
                ],
            ),
            (
                "Triển khai trợ lý ảo hỗ trợ cán bộ, công chức tra cứu văn bản và xử lý công việc.",
                [
                    ([SKHCN], ["Văn phòng UBND tỉnh"], "Quý II/2027", "Trợ lý ảo được đưa vào sử dụng"),
                    ([CQ], [SKHCN], "Quý IV/2027", "Cán bộ, công chức sử dụng trợ lý ảo"),
                ],
            ),
            (
                "Đánh giá, xếp hạng mức độ chuyển đổi số của các sở, ngành và các xã, phường, đặc khu.",
                [([SKHCN], [f"Các sở, ban, ngành; {XA}"], "Tháng 11/2027", "Kết quả xếp hạng")],
            ),
            (
                "Sử dụng chữ ký số chuyên dùng cho văn bản điện tử phát hành.",
                [([CQ], [f"{SKHCN}; Viễn thông Bắc Sơn"], "Trong năm 2027", "Văn bản được ký số")],
            ),
        ],
    ),
    (
        "V",
        "Phát triển kinh tế số và xã hội số",
        [
            (
                "Hỗ trợ doanh nghiệp, hợp tác xã đưa sản phẩm OCOP lên sàn thương mại điện tử.",
                [
                    (
                        ["Sở Công Thương"],
                        [f"Sở Nông nghiệp và Môi trường, {SKHCN}"],
                        "Thường xuyên trong năm",
                        "Sản phẩm được đưa lên sàn",
                    )
                ],
            ),
            (
                "Số hóa di tích, điểm du lịch; xây dựng bản đồ du lịch số của tỉnh.",
                [
                    (
                        ["Sở Văn hóa, Thể thao và Du lịch"],
                        [f"{SKHCN}, Viễn thông Bắc Sơn"],
                        "Trong năm 2027",
                        "Bản đồ du lịch số",
                    )
                ],
            ),
            (
                "Phổ cập kỹ năng số cho người dân thông qua Tổ công nghệ số cộng đồng.",
                [
                    (
                        [f"{XA} trực tiếp triển khai tại địa bàn", f"{SKHCN} hướng dẫn, hỗ trợ kỹ thuật."],
                        ["Sở Giáo dục và Đào tạo"],
                        "Thường xuyên trong năm",
                        "Người dân được hướng dẫn kỹ năng số",
                    )
                ],
            ),
            (
                "Tuyên truyền về chuyển đổi số trên báo chí và hệ thống thông tin cơ sở.",
                [
                    (
                        ["Báo và Phát thanh, Truyền hình Bắc Sơn"],
                        [f"{SKHCN}; {CQ}"],
                        "Thường xuyên trong năm",
                        "Chuyên trang, chuyên mục",
                    )
                ],
            ),
            (
                "Đẩy mạnh thanh toán không dùng tiền mặt trong các cơ sở khám bệnh, chữa bệnh.",
                [
                    (
                        ["Sở Y tế"],
                        ["Các cơ sở khám bệnh, chữa bệnh; các doanh nghiệp viễn thông"],
                        "Trong năm 2027",
                        "Tỷ lệ giao dịch không dùng tiền mặt",
                    )
                ],
            ),
        ],
    ),
    (
        "VI",
        "Bảo đảm nguồn lực và tổ chức thực hiện",
        [
            (
                "Tham mưu bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số năm 2027.",
                [
                    (
                        ["Sở Tài chính"],
                        [f"{SKHCN}; Các sở, ban, ngành và địa phương."],
                        "Trong năm 2027",
                        "Kinh phí được bố trí",
                    )
                ],
            ),
            (
                "Kiến nghị bộ, ngành Trung ương hướng dẫn, hỗ trợ các nền tảng số dùng chung.",
                [
                    (
                        [SKHCN],
                        ["Đề nghị phối hợp với các Bộ, ngành Trung ương"],
                        "Thường xuyên trong năm",
                        "Văn bản kiến nghị",
                    )
                ],
            ),
            (
                "Theo dõi, tổng hợp tình hình thực hiện Kế hoạch, báo cáo UBND tỉnh.",
                [
                    (
                        [SKHCN],
                        ["Các cơ quan, đơn vị liên quan theo chức năng, nhiệm vụ"],
                        "Định kỳ hằng tháng",
                        "Báo cáo tháng",
                    )
                ],
            ),
            (
                "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức.",
                [(["Sở Nội vụ"], [SKHCN], "Quý III/2027", "Lớp bồi dưỡng")],
            ),
            (
                "Xây dựng kế hoạch chuyển đổi số năm 2027 của cơ quan, đơn vị, địa phương.",
                [
                    (
                        [CQ],
                        [" "],
                        "Ban hành kế hoạch chậm nhất là ngày 15/02/2027 và tổ chức thực hiện.",
                        "Kế hoạch của cơ quan, đơn vị, địa phương",
                    )
                ],
            ),
        ],
    ),
]


def task_table(doc: object) -> None:
    t = new_table(doc, 1, WIDTHS)
    for cell, text in zip(t.rows[0].cells, HEADER, strict=True):
        fill(cell, [text], bold=True, align=ALIGN.CENTER)
        cell.vertical_alignment = VALIGN.CENTER
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))
    for label, title, tasks in GROUPS:
        cells = t.add_row().cells
        fill(cells[0], [label], bold=True, align=ALIGN.CENTER)
        fill(cells[1].merge(cells[5]), [title], bold=True)
        for number, (content, rows) in enumerate(tasks, 1):
            first = len(t.rows)
            for lead, coordinate, deadline, product in rows:
                cells = t.add_row().cells
                if isinstance(lead, str):  # one cell over "Chủ trì" and "Phối hợp"
                    fill(cells[2].merge(cells[3]), [lead], align=ALIGN.CENTER)
                else:
                    fill(cells[2], lead)
                    fill(cells[3], coordinate or [""])
                fill(cells[4], [deadline], align=ALIGN.CENTER)
                fill(cells[5], [product])
            fill(t.cell(first, 0), [str(number)], align=ALIGN.CENTER)
            fill(t.cell(first, 1), [content], align=ALIGN.JUSTIFY)
            if len(rows) > 1:
                for col in (0, 1):
                    t.cell(first, col).merge(t.cell(len(t.rows) - 1, col))
    for cell in t._cells:
        cell.vertical_alignment = VALIGN.CENTER


def write(path: Path = OUT) -> Path:
    doc = new_document()
    write_front(doc, FRONT, two_rows=True)
    write_signature(doc, SIGNATURE)
    appendix_section(doc, APPENDIX)
    task_table(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_docx(doc, path, WHEN, "Kế hoạch số 215/KH-UBND")
    return path


def main() -> int:
    path = write()
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
