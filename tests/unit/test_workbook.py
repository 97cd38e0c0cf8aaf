"""The Excel writer: what a user would check by opening the workbook."""

from __future__ import annotations

import datetime
import hashlib
import math
import types
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl import load_workbook

from plan132lib.render.workbook import Sheet, WorkbookReport, write_workbook

CREATED = datetime.datetime(2026, 4, 16, 8, 30)

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@x", "=1+1", "#N/A", "#DIV/0!"]


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task_id": pd.array(["1.1", "1.2", "2.1", "2.2"], dtype="str"),
            "lead": [
                "Sở Nông nghiệp và Môi trường",
                "Ủy ban nhân dân các xã, phường",
                "Sở Khoa học và Công nghệ; Công an tỉnh",
                "Các sở, ban, ngành\nvà đơn vị có liên quan",
            ],
            "number": [1, 2, 1, 2],
            "start_year": pd.array([2026, None, 2027, 2026], dtype="Int64"),
            "value": [100.0, np.nan, 0.1 + 0.2, 70.5],
            "open_ended": [False, True, np.bool_(False), True],
            "note": ["  lề trắng giữ nguyên ", None, "Chuyên đổi (as published)", pd.NA],
        }
    )


def expected_cell(value: object) -> object:
    """What openpyxl reads back for a DataFrame value (Excel has no empty string)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def body(path: Path, sheet: str, first_row: int = 2) -> list[tuple]:
    ws = load_workbook(path)[sheet]
    return list(ws.iter_rows(min_row=first_row, values_only=True))


def write(tmp_path: Path, *sheets: Sheet, name: str = "book.xlsx") -> WorkbookReport:
    return write_workbook(tmp_path / name, list(sheets), created=CREATED, title="Kế hoạch 132")


def test_round_trip_cell_by_cell(tmp_path: Path) -> None:
    frame = sample()
    report = write(tmp_path, Sheet("tasks", frame))
    wb = load_workbook(report.path)
    ws = wb["tasks"]
    assert [c.value for c in ws[1]] == list(frame.columns)
    rows = body(report.path, "tasks")
    assert len(rows) == len(frame) == report.rows["tasks"]
    for got, want in zip(rows, frame.itertuples(index=False, name=None), strict=True):
        expected = [expected_cell(v) for v in want]
        assert list(got) == expected
        assert [type(v) for v in got] == [type(v) for v in expected]  # int stays int, float float
    assert report.sanitised == []


def test_vietnamese_text_intact(tmp_path: Path) -> None:
    names = [
        "Sở Nông nghiệp và Môi trường",
        "Ủy ban nhân dân các xã, phường",
        "Uỷ ban (old tone mark)",
        "Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên",
    ]
    report = write(tmp_path, Sheet("cơ quan", pd.DataFrame({"tên cơ quan": names})))
    ws = load_workbook(report.path)["cơ quan"]
    assert ws["A1"].value == "tên cơ quan"
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == names


def test_whole_plan_table_round_trips(tmp_path: Path, plan) -> None:
    frame = plan.tasks
    report = write(tmp_path, Sheet("tasks", frame))
    rows = body(report.path, "tasks")
    assert len(rows) == len(frame)
    for got, want in zip(rows, frame.itertuples(index=False, name=None), strict=True):
        assert list(got) == [expected_cell(v) for v in want]


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("text", pd.DataFrame({"raw": FORMULA_LIKE})))
    ws = load_workbook(report.path)["text"]
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert [c.data_type for c in cells] == ["s"] * len(FORMULA_LIKE)
    with zipfile.ZipFile(report.path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_missing_values_are_empty_and_ints_stay_ints(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("tasks", sample()))
    ws = load_workbook(report.path)["tasks"]
    assert ws["D3"].value is None  # Int64 NA
    assert ws["E3"].value is None  # NaN
    assert ws["G3"].value is None and ws["G5"].value is None  # None, pd.NA
    assert [ws.cell(row=r, column=3).value for r in range(2, 6)] == [1, 2, 1, 2]
    assert all(type(ws.cell(row=r, column=3).value) is int for r in range(2, 6))
    assert type(ws["D2"].value) is int and ws["D2"].value == 2026
    assert ws["E4"].value == 0.1 + 0.2  # all 17 digits, not openpyxl's rounded 0.3
    assert type(ws["E2"].value) is float and ws["E2"].value == 100.0
    assert ws["F2"].value is False and ws["F3"].value is True


def test_headers_mapping_applied(tmp_path: Path) -> None:
    headers = {"task_id": "Mã nhiệm vụ", "lead": "Cơ quan chủ trì"}
    report = write(tmp_path, Sheet("tasks", sample(), headers=headers))
    ws = load_workbook(report.path)["tasks"]
    assert [c.value for c in ws[1]][:3] == ["Mã nhiệm vụ", "Cơ quan chủ trì", "number"]


def test_header_style_freeze_and_filter(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("tasks", sample()))
    ws = load_workbook(report.path)["tasks"]
    for cell in ws[1]:
        assert cell.font.b
        assert cell.font.color.rgb.endswith("FFFFFF")
        assert cell.fill.fill_type == "solid"
    assert ws.freeze_panes == "A2"
    (table,) = ws.tables.values()  # an Excel table, so sorting and filtering work
    assert table.ref == "A1:G5" and table.displayName == "tasks" and ws.auto_filter.ref is None
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws["B2"].alignment.wrap_text and ws["B2"].alignment.vertical == "top"


def test_index_label_and_note(tmp_path: Path) -> None:
    raci = pd.DataFrame(
        {"1.1": ["Chủ trì", "Phối hợp"], "1.2": [None, "Chủ trì"]},
        index=pd.Index(["Sở Xây dựng", "Công an tỉnh"]),
    )
    report = write(
        tmp_path,
        Sheet(
            "raci",
            raci,
            index_label="Cơ quan",
            note="Ma trận RACI (Phụ lục)",
            value_fills={"Chủ trì": "1F4E79", "Phối hợp": "BDD7EE"},
        ),
    )
    ws = load_workbook(report.path)["raci"]
    assert ws["A1"].value == "Ma trận RACI (Phụ lục)"
    assert [c.value for c in ws[2]] == ["Cơ quan", "1.1", "1.2"]
    assert list(ws.iter_rows(min_row=3, values_only=True)) == [
        ("Sở Xây dựng", "Chủ trì", None),
        ("Công an tỉnh", "Phối hợp", "Chủ trì"),
    ]
    assert ws.freeze_panes == "B3"
    assert ws.tables["raci"].ref == "A2:C4"  # the note above the table is not part of it
    assert ws.print_title_rows == "$2:$2"
    assert report.rows == {"raci": 2}


def test_value_fills_colour_matching_cells(tmp_path: Path) -> None:
    raci = pd.DataFrame({"1.1": ["Chủ trì", "Phối hợp", None], "1.2": ["Phối hợp", "Chủ trì", "khác"]})
    report = write(tmp_path, Sheet("raci", raci, value_fills={"Chủ trì": "1F4E79", "Phối hợp": "BDD7EE"}))
    ws = load_workbook(report.path)["raci"]

    def fill(ref: str) -> str | None:
        cell = ws[ref]
        return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None

    assert (fill("A2"), fill("A3"), fill("A4")) == ("1F4E79", "BDD7EE", None)
    assert (fill("B2"), fill("B3"), fill("B4")) == ("BDD7EE", "1F4E79", None)
    assert ws["A2"].font.color.rgb.endswith("FFFFFF")  # white text on the dark fill
    with pytest.raises(ValueError, match="hex colour"):
        Sheet("raci", raci, value_fills={"Chủ trì": "navy"})


def test_control_character_removed_and_reported(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ["chuông\x07 báo", "sạch"], "n": [1, 2]})
    report = write(tmp_path, Sheet("bad", frame))
    ws = load_workbook(report.path)["bad"]
    assert ws["A2"].value == "chuông báo"
    assert ws["A3"].value == "sạch"
    assert len(report.sanitised) == 1
    sheet, ref, what = report.sanitised[0]
    assert (sheet, ref) == ("bad", "A2")
    assert "U+0007" in what


def test_carriage_return_reported(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("crlf", pd.DataFrame({"text": ["dòng 1\r\ndòng 2"]})))
    assert load_workbook(report.path)["crlf"]["A2"].value == "dòng 1\ndòng 2"
    assert [(s, r) for s, r, _ in report.sanitised] == [("crlf", "A2")]


def test_column_widths(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": ["x"], "long": ["chữ " * 100], "given": ["y"], "lines": ["ngắn\n" + "z" * 20]})
    report = write(tmp_path, Sheet("w", frame, widths={"given": 33.5}))
    dims = load_workbook(report.path)["w"].column_dimensions
    assert dims["A"].width == pytest.approx(6)
    assert dims["B"].width == pytest.approx(60)
    assert dims["C"].width == pytest.approx(33.5)
    assert dims["D"].width == pytest.approx(22)  # longest line + 2, not the whole text
    with pytest.raises(ValueError, match="not in the frame"):
        Sheet("w", frame, widths={"missing": 10})


def test_two_writes_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheets = [
        Sheet("tasks", sample(), note="Ghi chú"),
        Sheet("raci", sample(), value_fills={"1.1": "1F4E79"}),
    ]
    first = write_workbook(tmp_path / "a.xlsx", sheets, created=CREATED, title="Kế hoạch 132")

    # A second write a year later by the clock (zip entry times and openpyxl's `modified`).
    later = datetime.datetime.now() + datetime.timedelta(days=365)

    class Later(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> datetime.datetime:
            return later

    monkeypatch.setattr(
        zipfile,
        "time",
        types.SimpleNamespace(time=lambda: later.timestamp(), localtime=zipfile.time.localtime),
    )
    monkeypatch.setattr(
        openpyxl.writer.excel, "datetime", types.SimpleNamespace(datetime=Later, timezone=datetime.timezone)
    )
    second = write_workbook(tmp_path / "b.xlsx", sheets, created=CREATED, title="Kế hoạch 132")
    monkeypatch.undo()

    a, b = first.path.read_bytes(), second.path.read_bytes()
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest() == first.sha256
    assert a == b
    with zipfile.ZipFile(first.path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 4, 16, 8, 30, 0)}
    props = load_workbook(first.path).properties
    assert props.created == props.modified == CREATED
    assert (props.title, props.creator, props.lastModifiedBy) == ("Kế hoạch 132", "plan132", "plan132")


def test_first_sheet_active_and_order(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("tasks", sample()), Sheet("b", sample()), Sheet("c", sample()))
    wb = load_workbook(report.path)
    assert wb.sheetnames == report.sheets == ["tasks", "b", "c"]
    assert wb.active.title == "tasks"
    assert [ws.sheet_view.tabSelected for ws in wb.worksheets] == [True, False, False]


@pytest.mark.parametrize("name", ["x" * 32, "", "a/b", "a[1]", "what?", "'quoted'", "History"])
def test_invalid_sheet_names_rejected(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        write(tmp_path, Sheet(name, sample()))
    assert not (tmp_path / "book.xlsx").exists()


def test_31_char_name_and_duplicate_names(tmp_path: Path) -> None:
    report = write(tmp_path, Sheet("x" * 31, sample()))
    assert load_workbook(report.path).sheetnames == ["x" * 31]
    with pytest.raises(ValueError, match="two sheets"):
        write(tmp_path, Sheet("Tasks", sample()), Sheet("tasks", sample()), name="dup.xlsx")


def test_unsupported_values_raise(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="list"):
        write(tmp_path, Sheet("lists", pd.DataFrame({"ids": [["so-nnmt", "so-xd"]]})))
