"""Write tests/fixtures/documents/xlsx_variants/: small Excel task lists in the layouts offices keep.

Each workbook is an appendix alone, as an office keeps it: a title row "DANH MỤC NHIỆM VỤ …",
"(Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh Hòa Sơn)", then the
task table. "Tỉnh Hòa Sơn" and its plan are **invented**. Each file shows one kind of trap real
Excel task lists hold (see tests/fixtures/documents/README.md, "xlsx_variants/"); what a careful
reader takes from it is written by hand in ``<stem>.expected.json`` beside it and checked by
tests/unit/test_xlsx_variants.py.

The files are the same bytes on every run: fixed workbook properties and zip entry times.
Formulas get their cached values written into the sheet XML (openpyxl writes none), as Excel
saves them; ``f2_formulas_uncached.xlsx`` keeps them without, as a program that does not
compute writes them.

Run: .venv/bin/python tools/make_xlsx_variants.py
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from make_fixtures import normalise_zip
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "xlsx_variants"
WHEN = datetime(2026, 5, 5)
AUTHOR = "plan132 fixtures"
TITLE = "DANH MỤC NHIỆM VỤ TRIỂN KHAI CHUYỂN ĐỔI SỐ NĂM 2027"
ATTACHED = "(Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh Hòa Sơn)"
NBSP = "\u00a0"
GRID = Border(*(Side(style="thin"),) * 4)

#: Cached values of formulas, by sheet file and cell: written into the XML after saving.
Cached = dict[str, Any]


def put(ws: Any, ref: str, value: Any, *, bold: bool = False, fmt: str | None = None) -> None:
    c = ws[ref]
    c.value = value
    c.font, c.border = Font(name="Times New Roman", size=12, bold=bold), GRID
    c.alignment = Alignment(wrap_text=True, vertical="center")
    if fmt:
        c.number_format = fmt


def sheet(last_col: str, title_rows: int = 2) -> tuple[Workbook, Any]:
    """A workbook whose sheet "Phụ lục" has the title rows merged across A:<last_col>."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    for r, text in enumerate([TITLE, ATTACHED][:title_rows], start=1):
        ws[f"A{r}"] = text
        ws[f"A{r}"].font = Font(name="Times New Roman", size=13, bold=r == 1, italic=r == 2)
        ws.merge_cells(f"A{r}:{last_col}{r}")
    return wb, ws


def header(ws: Any, row: int, texts: list[str]) -> None:
    for col, text in zip("ABCDEFGHIJ", texts, strict=False):
        if text:
            put(ws, f"{col}{row}", text, bold=True)


def rows(ws: Any, first: int, values: list[list[Any]], *, cols: str = "ABCDEFGHIJ") -> int:
    """Write task rows from ``first``; a value (text, fmt) gets a number format. The next free row."""
    for r, row in enumerate(values, start=first):
        for col, value in zip(cols, row, strict=False):
            fmt = None
            if isinstance(value, tuple):
                value, fmt = value
            put(ws, f"{col}{r}", None if value == "" else value, fmt=fmt)
    return first + len(values)


def group(ws: Any, row: int, label: str, title: str, last_col: str) -> None:
    """A group row: the Roman numeral in A, its title in B merged across to the last column."""
    put(ws, f"A{row}", label, bold=True)
    put(ws, f"B{row}", title, bold=True)
    ws.merge_cells(f"B{row}:{last_col}{row}")


# ---------------------------------------------------------------- the layouts
def a_two_row_header() -> tuple[Workbook, Cached]:
    """Title rows merged across; a blank row; a header over rows 4–5 ("Cơ quan thực hiện" over
    "Chủ trì" | "Phối hợp", the other header cells merged down); a row of column numbers typed
    as numbers; no groups."""
    wb, ws = sheet("F")
    header(ws, 4, ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành", "Sản phẩm"])
    header(ws, 5, ["", "", "Chủ trì", "Phối hợp"])
    ws.merge_cells("C4:D4")
    for col in "ABEF":
        ws.merge_cells(f"{col}4:{col}5")
    rows(ws, 6, [[1, 2, 3, 4, 5, 6]])
    rows(
        ws,
        7,
        [
            [
                1,
                "Xây dựng kế hoạch chuyển đổi số của các cơ quan nhà nước trên địa bàn tỉnh",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành; UBND các xã, phường",
                "Quý I/2027",
                "Kế hoạch",
            ],
            [
                2,
                "Nâng cấp Trung tâm dữ liệu tỉnh",
                "Sở Khoa học và Công nghệ",
                "Sở Tài chính, Công an tỉnh",
                "30/9/2027",
                "Trung tâm dữ liệu được nâng cấp",
            ],
            [
                3,
                "Tập huấn kỹ năng số cho cán bộ, công chức, viên chức",
                "Sở Nội vụ",
                "",
                "Thường xuyên",
                "Các lớp tập huấn",
            ],
            [
                4,
                "Đánh giá mức độ chuyển đổi số của các xã, phường",
                "Văn phòng UBND tỉnh",
                "UBND các xã, phường",
                "Tháng 11/2027",
                "Báo cáo đánh giá",
            ],
        ],
    )
    return wb, {}


def b_groups_subtasks() -> tuple[Workbook, Cached]:
    """One header row whose "STT" is merged across the number and the sub-task letter columns;
    Roman group rows (the numeral in A, the title in B merged across); tasks numbered 1..n again
    in each group; sub-tasks lettered a) b) c) … (with đ) in column B."""
    wb, ws = sheet("G")
    header(
        ws, 4, ["STT", "", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Ghi chú"]
    )
    ws.merge_cells("A4:B4")
    group(ws, 5, "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "G")
    rows(
        ws,
        6,
        [
            [
                1,
                "",
                "Ban hành quy chế hoạt động của Ban Chỉ đạo chuyển đổi số tỉnh",
                "Sở Khoa học và Công nghệ",
                "Văn phòng UBND tỉnh",
                "Quý I/2027",
            ],
            [
                2,
                "",
                "Triển khai các nền tảng số dùng chung của tỉnh:",
                "Sở Khoa học và Công nghệ",
                "",
                "Năm 2027",
            ],
            [
                "",
                "a)",
                "Nền tảng quản lý văn bản và điều hành",
                "Văn phòng UBND tỉnh",
                "Sở Khoa học và Công nghệ",
                "Quý II/2027",
            ],
            [
                "",
                "b)",
                "Nền tảng họp trực tuyến",
                "Sở Khoa học và Công nghệ",
                "UBND các xã, phường",
                "Quý III/2027",
            ],
            [
                "",
                "c)",
                "Nền tảng tiếp nhận phản ánh, kiến nghị",
                "Văn phòng UBND tỉnh",
                "Công an tỉnh",
                "Tháng 9/2027",
            ],
            [
                3,
                "",
                "Sơ kết việc thực hiện Kế hoạch",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành",
                "Tháng 12/2027",
            ],
        ],
    )
    group(ws, 12, "II", "PHÁT TRIỂN HẠ TẦNG SỐ", "G")
    rows(
        ws,
        13,
        [
            [
                1,
                "",
                "Phủ sóng di động 5G tại trung tâm các xã, phường",
                "Sở Khoa học và Công nghệ",
                "Các doanh nghiệp viễn thông",
                "Năm 2027",
            ],
            [2, "", "Số hóa hồ sơ, tài liệu của các cơ quan:", "Sở Nội vụ", "", "Năm 2027"],
            ["", "a)", "Hồ sơ lưu trữ lịch sử", "Sở Nội vụ", "", "Quý IV/2027"],
            [
                "",
                "b)",
                "Hồ sơ đất đai",
                "Sở Nông nghiệp và Môi trường",
                "UBND các xã, phường",
                "Quý III/2027",
            ],
            ["", "c)", "Hồ sơ hộ tịch", "Sở Tư pháp", "UBND các xã, phường", "Quý II/2027"],
            ["", "d)", "Hồ sơ bệnh án", "Sở Y tế", "", "Quý IV/2027"],
            ["", "đ)", "Hồ sơ học bạ", "Sở Giáo dục và Đào tạo", "", "Quý IV/2027"],
            ["", "e)", "Hồ sơ người có công", "Sở Nội vụ", "Sở Tài chính", "Quý IV/2027"],
        ],
    )
    group(ws, 21, "III", "PHÁT TRIỂN NHÂN LỰC SỐ", "G")
    rows(
        ws,
        22,
        [
            [
                1,
                "",
                "Bồi dưỡng kỹ năng số cho cán bộ cấp xã",
                "Sở Nội vụ",
                "UBND các xã, phường",
                "Thường xuyên",
            ],
        ],
    )
    return wb, {}


def c_dates() -> tuple[Workbook, Cached]:
    """Deadlines as Excel keeps them: real dates in several number formats (a day, a month shown
    'Tháng' mm/yyyy and stored as its first day, Excel's default short date, a month as mm/yyyy),
    a year typed as a number, and text ("Quý II/2027", "Thường xuyên")."""
    wb, ws = sheet("E")
    header(ws, 4, ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"])
    rows(
        ws,
        5,
        [
            [
                1,
                "Ban hành danh mục dữ liệu mở của tỉnh",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành",
                (datetime(2027, 6, 30), "dd/mm/yyyy"),
            ],
            [
                2,
                "Hoàn thành kết nối hệ thống thông tin giải quyết thủ tục hành chính",
                "Văn phòng UBND tỉnh",
                "Sở Khoa học và Công nghệ",
                (datetime(2026, 12, 1), '"Tháng "mm/yyyy'),
            ],
            [3, "Triển khai chữ ký số cho người dân", "Công an tỉnh", "UBND các xã, phường", "Quý II/2027"],
            [
                4,
                "Tuyên truyền về chuyển đổi số",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Báo và Phát thanh, Truyền hình Hòa Sơn",
                "Thường xuyên",
            ],
            [
                5,
                "Xây dựng cơ sở dữ liệu giá đất",
                "Sở Nông nghiệp và Môi trường",
                "Sở Tài chính",
                (datetime(2027, 9, 15), "mm-dd-yy"),
            ],
            [
                6,
                "Đưa vào vận hành kho dữ liệu dùng chung",
                "Sở Khoa học và Công nghệ",
                "",
                (datetime(2027, 11, 1), "mm/yyyy"),
            ],
            [7, "Tổng kết thực hiện Kế hoạch", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", 2027],
            [
                8,
                "Cập nhật dữ liệu dân cư vào hệ thống của tỉnh",
                "Công an tỉnh",
                "Sở Tư pháp",
                (datetime(2027, 3, 31), "d/m/yyyy"),
            ],
        ],
    )
    return wb, {}


def _codes(ws: Any, ten: Any) -> None:
    header(ws, 4, ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"])
    put(ws, "A5", 1, bold=True)
    put(ws, "B5", "PHÁT TRIỂN CHÍNH QUYỀN SỐ", bold=True)
    work = [
        "Rà soát hạ tầng mạng",
        "Nâng cấp Cổng thông tin điện tử",
        "Số hóa kết quả thủ tục hành chính",
        "Triển khai hệ thống thư điện tử",
        "Xây dựng kho dữ liệu dùng chung",
        "Triển khai định danh điện tử",
        "Kết nối các cơ sở dữ liệu quốc gia",
        "Bảo đảm an toàn thông tin",
        "Đánh giá chỉ số chuyển đổi số",
        "Tổng hợp báo cáo chuyển đổi số",
    ]
    for i, text in enumerate(work, start=1):
        r = 5 + i
        code = ten if i == 10 else (float(f"1.{i}"), None)
        quarter = f"Quý {'IV' if i > 5 else 'II'}/2027"
        rows(ws, r, [[code, text, "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", quarter]])
    put(ws, "A16", 2, bold=True)
    put(ws, "B16", "PHÁT TRIỂN KINH TẾ SỐ", bold=True)
    rows(
        ws,
        17,
        [
            [(2.1, None), "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số", "Sở Công Thương", "", "Năm 2027"],
            [
                (2.2, None),
                "Phát triển thương mại điện tử ở nông thôn",
                "Sở Công Thương",
                "UBND các xã, phường",
                "Năm 2027",
            ],
        ],
    )


def d1_codes_as_numbers() -> tuple[Workbook, Cached]:
    """Hierarchy codes 1.1 … 1.10 typed as numbers in "General" cells: 1.10 is the number 1.1."""
    wb, ws = sheet("E")
    _codes(ws, (1.1, None))
    return wb, {}


def d2_codes_shown() -> tuple[Workbook, Cached]:
    """The same codes, with 1.10 shown by its cell's number format ("0.00") and the codes of group 2
    typed as text."""
    wb, ws = sheet("E")
    _codes(ws, (1.1, "0.00"))
    ws["A17"].value, ws["A18"].value = "2.1", "2.2"
    return wb, {}


def e_status_contacts() -> tuple[Workbook, Cached]:
    """Columns an office adds to follow the work: "Tình hình thực hiện" over "Đã hoàn thành" |
    "Đang thực hiện" (an "x" marks one), the official who follows the task and a phone number
    (one typed as a number, its leading zero lost); a status typed into the deadline column."""
    wb, ws = sheet("I")
    header(
        ws,
        4,
        [
            "TT",
            "Nội dung",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời hạn hoàn thành",
            "Tình hình thực hiện",
            "",
            "Cán bộ theo dõi",
            "Số điện thoại",
        ],
    )
    header(ws, 5, ["", "", "", "", "", "Đã hoàn thành", "Đang thực hiện"])
    ws.merge_cells("F4:G4")
    for col in "ABCDEHI":
        ws.merge_cells(f"{col}4:{col}5")
    rows(
        ws,
        6,
        [
            [
                1,
                "Ban hành kế hoạch ứng dụng trí tuệ nhân tạo",
                "Sở Khoa học và Công nghệ",
                "Sở Tài chính",
                "Quý I/2027",
                "x",
                "",
                "Nguyễn Văn An",
                "0912 345 678",
            ],
            [
                2,
                "Triển khai trợ lý ảo cho cán bộ, công chức",
                "Văn phòng UBND tỉnh",
                "Sở Khoa học và Công nghệ",
                "Quý III/2027",
                "",
                "x",
                "Trần Thị Bình",
                983210456,
            ],
            [
                3,
                "Rà soát thủ tục hành chính thực hiện trực tuyến toàn trình",
                "Văn phòng UBND tỉnh",
                "Các sở, ban, ngành",
                "Đã hoàn thành",
                "x",
                "",
                "Lê Văn Cường",
                "0905 111 222",
            ],
            [
                4,
                "Xây dựng bộ chỉ số đánh giá chuyển đổi số cấp xã",
                "Sở Khoa học và Công nghệ",
                "Sở Nội vụ",
                "Tháng 10/2027",
                "",
                "Đang xây dựng dự thảo",
                "Phạm Thị Dung",
                "0977 333 444",
            ],
        ],
    )
    return wb, {}


def f1_formulas() -> tuple[Workbook, Cached]:
    """A running number =A5+1 and cells that copy the cell above (=C6, =E6), saved by Excel
    with their values cached."""
    wb, ws = sheet("E")
    header(ws, 4, ["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Tiến độ"])
    values = [
        [
            "Khảo sát hiện trạng hạ tầng số",
            "Sở Khoa học và Công nghệ",
            "UBND các xã, phường",
            (datetime(2027, 3, 31), "dd/mm/yyyy"),
        ],
        ["Lập đề án hạ tầng số", "=C5", "Sở Tài chính", "=E5"],
        ["Thẩm định đề án hạ tầng số", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Quý III/2027"],
        ["Triển khai đề án hạ tầng số", "=C7", "Các sở, ban, ngành", "Thường xuyên"],
    ]
    for i, row in enumerate(values):
        r = 5 + i
        rows(ws, r, [[1 if i == 0 else f"=A{r - 1}+1", *row]])
    ws["E6"].number_format = "dd/mm/yyyy"
    cached = {"A6": 2, "A7": 3, "A8": 4, "C6": "Sở Khoa học và Công nghệ", "E6": 46477, "C8": "Sở Tài chính"}
    return wb, cached


def f2_formulas_uncached() -> tuple[Workbook, Cached]:
    """The same sheet as written by a program that does not compute: formulas without values."""
    wb, _ = f1_formulas()
    return wb, {}


def g_spaces_split_rows() -> tuple[Workbook, Cached]:
    """Empty cells holding a space or a no-break space; a task whose content, and its coordinators,
    go on in the row below with an empty number; a note and signature rows under the table after a
    blank row."""
    wb, ws = sheet("F")
    header(ws, 4, ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Ghi chú"])
    rows(
        ws,
        5,
        [
            [
                1,
                "Xây dựng cơ sở dữ liệu về văn hóa",
                "Sở Văn hóa, Thể thao và Du lịch",
                NBSP,
                "Năm 2027",
                " ",
            ],
            [2, "Vận hành hệ thống giám sát an toàn thông tin", "Công an tỉnh", " ", "Thường xuyên", NBSP],
            [
                3,
                "Xây dựng cơ sở dữ liệu doanh nghiệp của tỉnh",
                "Sở Tài chính",
                "Sở Công Thương,",
                "Quý IV/2027",
                "",
            ],
            [NBSP, "và kết nối với Cổng dữ liệu quốc gia", " ", "Sở Khoa học và Công nghệ", "", ""],
            [
                4,
                "Sơ kết một năm thực hiện Kế hoạch",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành",
                "Tháng 12/2027",
                "Báo cáo UBND tỉnh",
            ],
        ],
    )
    ws["A11"] = "Ghi chú: Các cơ quan báo cáo kết quả thực hiện trước ngày 15 hằng tháng."
    ws.merge_cells("A11:F11")
    ws["B13"], ws["E13"] = "NGƯỜI LẬP BIỂU", "TL. CHỦ TỊCH"
    ws["B13"].font = ws["E13"].font = Font(bold=True)
    return wb, {}


def _header_h(ws: Any, row: int) -> None:
    header(ws, row, ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời hạn"])
    header(ws, row + 1, ["", "", "Chủ trì", "Phối hợp"])
    ws.merge_cells(f"C{row}:D{row}")
    for col in "ABE":
        ws.merge_cells(f"{col}{row}:{col}{row + 1}")


def h_sheets() -> tuple[Workbook, Cached]:
    """A long list split over two sheets, the second repeating the two-row header with no title
    rows, then a summary sheet with a table of its own."""
    wb, ws = sheet("E")
    _header_h(ws, 4)
    group(ws, 6, "I", "HẠ TẦNG SỐ", "E")
    rows(
        ws,
        7,
        [
            [
                1,
                "Nâng cấp mạng truyền số liệu chuyên dùng",
                "Sở Khoa học và Công nghệ",
                "Sở Tài chính",
                "Quý II/2027",
            ],
            [2, "Xây dựng trung tâm giám sát an toàn thông tin", "Công an tỉnh", "", "Năm 2027"],
        ],
    )
    more = wb.create_sheet("Phụ lục (tiếp)")
    _header_h(more, 1)
    group(more, 3, "II", "DỮ LIỆU SỐ", "E")
    rows(
        more,
        4,
        [
            [
                1,
                "Xây dựng kho dữ liệu dùng chung của tỉnh",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành",
                "Quý IV/2027",
            ],
            [
                2,
                "Mở dữ liệu cho người dân, doanh nghiệp",
                "Văn phòng UBND tỉnh",
                "Sở Khoa học và Công nghệ",
                "Thường xuyên",
            ],
        ],
    )
    summary = wb.create_sheet("Tổng hợp")
    summary.append(["TT", "Cơ quan chủ trì", "Số nhiệm vụ"])
    summary.append([1, "Sở Khoa học và Công nghệ", 2])
    summary.append([2, "Công an tỉnh", 1])
    return wb, {}


LAYOUTS: dict[str, Callable[[], tuple[Workbook, Cached]]] = {
    "a_two_row_header": a_two_row_header,
    "b_groups_subtasks": b_groups_subtasks,
    "c_dates": c_dates,
    "d1_codes_as_numbers": d1_codes_as_numbers,
    "d2_codes_shown": d2_codes_shown,
    "e_status_contacts": e_status_contacts,
    "f1_formulas": f1_formulas,
    "f2_formulas_uncached": f2_formulas_uncached,
    "g_spaces_split_rows": g_spaces_split_rows,
    "h_sheets": h_sheets,
}


def cache_formulas(path: Path, cached: Cached) -> None:
    """Write formula results into the first sheet's XML (``<v>``, ``t="str"`` for text)."""
    if not cached:
        return
    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]

    def fill(m: re.Match[bytes]) -> bytes:
        ref = m.group(1).decode()
        if ref not in cached:
            return m.group(0)
        value = cached[ref]
        kind = b' t="str"' if isinstance(value, str) else b""
        text = str(value).encode()
        head = b'<c r="' + m.group(1) + b'"' + m.group(2) + kind
        return head + b"><f>" + m.group(3) + b"</f><v>" + text + b"</v></c>"

    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            if info.filename == name:
                data = re.sub(rb'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', fill, data)
            z.writestr(info, data)


def write(name: str, out: Path = OUT) -> Path:
    wb, cached = LAYOUTS[name]()
    wb.properties.creator = wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = wb.properties.modified = WHEN
    path = out / f"{name}.xlsx"
    out.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    cache_formulas(path, cached)
    normalise_zip(path, WHEN)  # openpyxl stamps "modified" with the time of saving
    return path


def main() -> int:
    for name in LAYOUTS:
        print(write(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
