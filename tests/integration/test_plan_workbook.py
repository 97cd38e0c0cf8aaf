"""The plan's workbook read back equals the tables; text stays text."""

from __future__ import annotations

import datetime

import openpyxl
import pytest

from plan132lib import load_plan, stamp
from plan132lib.fields import header
from plan132lib.ingest.tables import bundled_plan_path
from plan132lib.render.export import write_workbook_for
from plan132lib.words import value


@pytest.fixture(scope="module")
def book(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "plan.xlsx"
    write_workbook_for(plan, path)
    return openpyxl.load_workbook(path)


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheets_in_vietnamese(book):
    assert book.sheetnames[:4] == ["Giới thiệu", "Nhiệm vụ", "Phân công", "Ma trận RACI"]
    assert "Kết quả kiểm tra" in book.sheetnames


def test_tasks_sheet_equals_table(plan, book):
    rows = _rows(book["Nhiệm vụ"])
    assert rows[0] == [header(c) for c in plan.tasks.columns]
    assert len(rows) - 1 == len(plan.tasks)
    content = rows[0].index("Nội dung thực hiện")
    assert [r[content] for r in rows[1:]] == plan.tasks["content"].tolist()
    years = rows[0].index("Năm kết thúc")
    assert [r[years] for r in rows[1:]] == [int(v) for v in plan.tasks["end_year"]]


def test_assignments_sheet_has_every_row_and_vietnamese_roles(plan, book):
    rows = _rows(book["Phân công"])
    assert len(rows) - 1 == len(plan.assignments)
    role = rows[0].index("Vai trò")
    assert {r[role] for r in rows[1:]} == {"Chủ trì", "Phối hợp"}
    names = rows[0].index("Tên như trong văn bản")
    assert [r[names] for r in rows[1:]] == plan.assignments["raw_name"].tolist()


def test_raci_sheet(book):
    rows = _rows(book["Ma trận RACI"])
    agencies = [r[0] for r in rows[1:]]
    nnmt = rows[1 + agencies.index("Sở Nông nghiệp và Môi trường")]
    assert nnmt[rows[0].index("1.1")] == "Chủ trì"


def test_readme_says_source_and_both_dates(book):
    rows = {r[0]: r[1] for r in _rows(book["Giới thiệu"])[1:]}
    text = " ".join(str(v) for v in rows.values())
    assert "132/KH-UBND" in text
    assert "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md" in text
    # the plan's date and the day the workbook was prepared, each a real date, each labelled
    assert rows["Ngày ban hành kế hoạch"] == datetime.datetime(2026, 4, 16)
    assert rows["Ngày lập bảng tính"] == datetime.datetime(*stamp.prepared_on().timetuple()[:3])
    ws = book["Giới thiệu"]
    dates = [c for c in ws["B"] if isinstance(c.value, datetime.datetime)]
    assert len(dates) == 2 and {c.number_format for c in dates} == {"dd/mm/yyyy"}


def test_formula_like_task_text_stays_a_string(tmp_path):
    source = bundled_plan_path().read_text(encoding="utf-8")
    hostile = '=HYPERLINK("http://example.com","bấm vào đây")'
    row = next(line for line in source.split("\n") if line.startswith("2\tĐầu tư xây dựng"))
    changed = source.replace(row, "2\t" + hostile + row[row.index("\t", 2) :])
    path = tmp_path / "plan.md"
    path.write_text(changed, encoding="utf-8")
    plan = load_plan(path)
    assert plan.tasks.set_index("task_id").at["1.2", "content"] == hostile
    out = tmp_path / "plan.xlsx"
    write_workbook_for(plan, out)
    ws = openpyxl.load_workbook(out)["Nhiệm vụ"]
    col = [c.value for c in ws[1]].index("Nội dung thực hiện") + 1
    cell = ws.cell(row=3, column=col)
    assert cell.value == hostile and cell.data_type == "s"


def test_english_workbook(plan, tmp_path):
    path = tmp_path / "en.xlsx"
    write_workbook_for(plan, path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["README", "Tasks", "Assignments"]
    rows = _rows(wb["RACI matrix"])
    assert rows[0][0] == "Agency" and "Department of Agriculture and Environment" in [r[0] for r in rows]


def test_network_sheets(book):
    ws = book["Mạng lưới cơ quan"]
    rows = _rows(ws)
    header = rows[0]
    assert "Vai trò trong mạng lưới" in header and "Tổng số NV chung" in header
    by_name = {r[header.index("Tên viết tắt")]: r for r in rows[1:]}
    assert "Các sở, ban, ngành" not in by_name  # collective entries are left out of this sheet
    role = by_name["UBND xã, phường"][header.index("Vai trò trong mạng lưới")]
    assert role == value("network_role", "hub and broker")
    pairs = _rows(book["Cặp cơ quan"])
    first = dict(zip(pairs[0], pairs[1], strict=True))
    assert (first["Cơ quan 1"], first["Cơ quan 2"]) == ("Sở NN&MT", "UBND xã, phường")
    assert first["Số NV chung"] == 9
