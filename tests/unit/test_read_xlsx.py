"""The Excel reader: workbooks built here with openpyxl, read back as Excel shows them."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from plan132lib.errors import PlanParseError
from plan132lib.ingest.document import Document, Para, Table
from plan132lib.ingest.read_xlsx import format_date, format_number, read_xlsx

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
BOLD = Font(bold=True)


def _task_list(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "PHỤ LỤC"
    ws["A1"].font = BOLD
    ws.merge_cells("A1:F1")
    ws["A2"] = "(Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình)"
    ws.merge_cells("A2:F2")
    # two header rows: A4:A5, B4:B5, E4:E5, F4:F5 merged down; C4:D4 across
    for col, text in zip("ABCEF", ["TT", "Nội dung", "Cơ quan thực hiện", "Tiến độ", "Ghi chú"], strict=True):
        ws[f"{col}4"] = text
        ws[f"{col}4"].font = BOLD
    ws["C5"], ws["D5"] = "Chủ trì", "Phối hợp"
    ws.merge_cells("C4:D4")
    for col in "ABEF":
        ws.merge_cells(f"{col}4:{col}5")
    ws["A6"] = "I"
    ws["B6"] = "Nhóm nhiệm vụ về quản lý chất thải"
    ws["A6"].font = ws["B6"].font = BOLD
    ws.merge_cells("B6:F6")
    ws.append(
        [
            1,
            "Rà soát\r\nquy định",
            "Sở Nông nghiệp và Môi trường",
            "Sở Tài chính\nSở Xây dựng",
            dt.datetime(2026, 12, 1),
            "\u00a0",
        ]
    )
    ws["E7"].number_format = '"Tháng "mm/yyyy'
    ws.append([2, "Xây dựng nghị quyết", "Sở Tư pháp", None, dt.datetime(2026, 8, 30), "=A7+A8"])
    ws["E8"].number_format = "dd/mm/yyyy"
    ws.append([13.1, "Mã phân cấp", "Sở Nội vụ", "x", dt.datetime(2026, 8, 5), True])
    ws["A9"].number_format = "0.00"
    ws["E9"].number_format = "mm-dd-yy"  # Excel's built-in short date (14)
    ws.merge_cells("C9:C10")
    ws["A10"] = 4.0
    ws["B10"] = "Dòng ẩn"
    ws.row_dimensions[10].hidden = True
    ws["H30"].font = BOLD  # a formatted, empty cell far away: not part of the table
    ws["H30"] = "\u00a0 "
    hidden = wb.create_sheet("Ẩn")
    hidden["A1"] = "không đọc"
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("Tổng hợp")
    second.append(["TT", "Cơ quan", "Số nhiệm vụ"])
    second.append([1, "Sở Tài chính", 3])
    wb.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Document:
    return read_xlsx(_task_list(tmp_path / "tasks.xlsx"))


def test_title_rows_become_paragraphs(workbook: Document) -> None:
    paras = [b for b in workbook.blocks if isinstance(b, Para)]
    assert [(p.text, p.ref.label, p.bold) for p in paras] == [
        ("PHỤ LỤC", "Phụ lục!A1", True),
        (
            "(Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình)",
            "Phụ lục!A2",
            False,
        ),
    ]
    assert workbook.kind == "xlsx" and workbook.appendix_only


def test_visible_sheets_in_order(workbook: Document) -> None:
    assert [t.ref.label for t in workbook.tables] == ["Phụ lục!A4:F10", "Tổng hợp!A1:C2"]
    assert workbook.tables[1].rows[1].texts() == ["1", "Sở Tài chính", "3"]


def test_two_row_header_and_merges(workbook: Document) -> None:
    h1, h2, group = workbook.tables[0].rows[:3]
    assert h1.texts() == ["TT", "Nội dung", "Cơ quan thực hiện", "", "Tiến độ", "Ghi chú"]
    assert [c.merged for c in h1.cells] == ["", "", "", "across", "", ""]
    assert h2.texts() == ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Tiến độ", "Ghi chú"]
    assert [c.merged for c in h2.cells] == ["down", "down", "", "", "down", "down"]
    assert all(c.bold for c in h1.cells if not c.merged)
    assert group.texts()[:2] == ["I", "Nhóm nhiệm vụ về quản lý chất thải"]
    assert [c.merged for c in group.cells] == ["", "", "across", "across", "across", "across"]
    assert group.cells[1].bold


def test_values_as_excel_shows_them(workbook: Document) -> None:
    task1, task2, task3, hidden_row = workbook.tables[0].rows[3:]
    assert task1.texts() == [
        "1",
        "Rà soát\nquy định",
        "Sở Nông nghiệp và Môi trường",
        "Sở Tài chính\nSở Xây dựng",
        "Tháng 12/2026",
        "",
    ]
    # F8 is a formula without a cached value (openpyxl does not compute): empty
    assert task2.texts() == ["2", "Xây dựng nghị quyết", "Sở Tư pháp", "", "30/08/2026", ""]
    assert task3.texts() == ["13.10", "Mã phân cấp", "Sở Nội vụ", "x", "5/8/2026", "TRUE"]
    assert hidden_row.texts() == ["4", "Dòng ẩn", "Sở Nội vụ", "", "", ""]  # hidden rows are read
    assert hidden_row.cells[2].merged == "down"
    assert task1.cells[5].empty and task1.cells[5].merged == ""  # NBSP only


def test_refs_are_cell_addresses(workbook: Document) -> None:
    row = workbook.tables[0].rows[3]
    assert row.ref.label == "Phụ lục!A7"
    assert [c.ref.label for c in row.cells] == [f"Phụ lục!{c}7" for c in "ABCDEF"]


def test_table_with_leading_empty_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws["B2"], ws["C2"], ws["D2"] = "STT", "Nhiệm vụ", "Đơn vị chủ trì"
    ws["B4"], ws["C4"], ws["D4"] = 1, "Kiểm tra", "Thanh tra tỉnh"
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    (table,) = read_xlsx(path).tables
    assert table.ref.label == "DS!B2:D4"
    assert [r.ref.label for r in table.rows] == ["DS!B2", "DS!B4"]  # the empty row 3 is left out


def test_damaged_workbook(tmp_path: Path) -> None:
    import zipfile

    src = tmp_path / "ok.xlsx"
    _task_list(src)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    with pytest.raises(PlanParseError, match="a damaged Excel file") as info:
        read_xlsx(bad)
    assert str(info.value).startswith(str(bad))


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ('"Tháng "mm/yyyy', "Tháng 12/2026"),
        ("mm/yyyy", "12/2026"),
        ("m/yyyy", "12/2026"),
        ("mmm-yy", "12/2026"),
        ("yyyy", "2026"),
        ("dd/mm/yyyy", "01/12/2026"),
        ("d/m/yyyy", "1/12/2026"),
        ("mm-dd-yy", "1/12/2026"),
        ("[$-42A]dd/mm/yyyy;@", "01/12/2026"),
        ("d-mmm-yy", "1/12/2026"),
        ("dd\\/mm\\/yyyy", "01/12/2026"),
        ("dd/mm/yyyy hh:mm", "01/12/2026 00:00"),
    ],
)
def test_format_date(fmt: str, expected: str) -> None:
    assert format_date(dt.datetime(2026, 12, 1), fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (5, "General", "5"),
        (5.0, "General", "5"),
        (13.1, "0.00", "13.10"),
        (13.1, "General", "13.1"),
        (0.1 + 0.2, "General", "0.3"),
        (1500000, "#,##0", "1500000"),
        (0.7, "0%", "70%"),
        (9, "00", "09"),
        (2.5, "0", "3"),
        (0.125, "0.00", "0.13"),
        (-0.001, "0.00", "0.00"),
        (3.0, "0.0#", "3.0"),
        (-1.25, "0.00", "-1.25"),
    ],
)
def test_format_number(value: float, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


# --- the Plan 132 fixture ----------------------------------------------------------------------------


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{name} not generated yet (tools/make_fixtures.py)")
    return path


def test_plan132_task_list() -> None:
    doc = read_xlsx(_fixture("plan132.xlsx"))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(table.rows) == 1 + 6 + 29
    assert table.rows[0].texts()[:2] == ["TT", "Nội dung thực hiện"]
    assert sum(1 for r in table.rows if r.cells[0].text.isdigit()) == 29


def test_plan132_read_time() -> None:
    path = _fixture("plan132.xlsx")
    read_xlsx(path)  # warm: imports
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        read_xlsx(path)
        best = min(best, time.perf_counter() - start)
    print(f"\nread_xlsx(plan132.xlsx): {best * 1000:.1f} ms (best of 3)")
    assert best < 0.2
