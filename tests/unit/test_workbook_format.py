"""The plan's workbook as a colleague opens and prints it: Vietnamese throughout, formatted
numbers and dates, Excel tables, links, print setup, the two dates, CSVs Excel reads."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from plan132lib import fields, load_plan, stamp
from plan132lib.analysis import coverage
from plan132lib.render.export import write_csv, write_workbook_for
from plan132lib.words import word

EPOCH = "1764633600"  # 2 December 2025
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
CODE_WORDS = re.compile(
    r"^(lead|coordinate|warning|info|covered|partial|missing|department|"
    r"commune_level|collective|yes|no|partly|TEXT|NEWS|INFERRED|True|False|hub|broker)$"
    r"|\b(line|page|row) \d"
)
DOCUMENTS = Path(__file__).parents[1] / "fixtures" / "documents"


@pytest.fixture(scope="module")
def books(plan, tmp_path_factory) -> dict[str, Path]:
    review = coverage.review_for(plan)
    folder = tmp_path_factory.mktemp("books")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return {
            lang: write_workbook_for(plan, folder / f"{lang}.xlsx", lang, review).path
            for lang in ("vi", "en")
        }


@pytest.fixture(scope="module")
def vi(books) -> openpyxl.Workbook:
    return openpyxl.load_workbook(books["vi"])


def _header_row(ws) -> int:
    return next(iter(ws.tables.values())).ref.split(":")[0][1:] if ws.tables else 1


def _column(ws, label: str) -> list:
    row = int(_header_row(ws))
    labels = [c.value for c in ws[row]]
    return [r[labels.index(label)] for r in ws.iter_rows(min_row=row + 1)]


def test_no_english_code_or_snake_case_in_the_vietnamese_workbook(vi) -> None:
    found = [
        (ws.title, c.coordinate, c.value)
        for ws in vi
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and (SNAKE.search(c.value) or CODE_WORDS.search(c.value))
    ]
    assert found == []
    assert not [c for ws in vi for row in ws.iter_rows() for c in row if isinstance(c.value, bool)]


def test_no_snake_case_in_the_english_workbook(books) -> None:
    book = openpyxl.load_workbook(books["en"])
    assert [
        (ws.title, c.coordinate)
        for ws in book
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and SNAKE.search(c.value)
    ] == []
    statuses = {c.value for c in _column(book["Resolution coverage"], fields.header("coverage_status", "en"))}
    assert "not applicable" in statuses and "not_applicable" not in statuses


def test_headers_and_coded_values_in_vietnamese(vi) -> None:
    groups = vi[word("sheet.coverage_groups")]
    assert [c.value for c in groups[2]][:3] == ["Nhóm nhiệm vụ NQ", "Số nội dung được tính", "Đã có"]
    kinds = {c.value for c in _column(vi["Phân công"], "Loại cơ quan")}
    assert {"UBND cấp xã", "Sở, ngành"} <= kinds
    found = vi["Kết quả kiểm tra"]
    assert "Cảnh báo" in {c.value for c in _column(found, "Mức độ")}
    assert all(c.value.isascii() is False for c in _column(found, "Nội dung kiểm tra"))


def test_numbers_are_formatted(vi) -> None:
    shares = _column(vi[word("sheet.coverage_groups")], "Tỷ lệ đã có")
    assert {c.number_format for c in shares} == {"0.0%"} and all(isinstance(c.value, float) for c in shares)
    load = vi["Khối lượng theo cơ quan"]
    assert {c.number_format for c in _column(load, "Tỷ trọng tải chủ trì")} == {"0.0%"}
    assert {c.number_format for c in _column(load, "Tải chủ trì (trọng số 1/n)")} == {"0.0"}
    assert {c.number_format for c in _column(load, "Số NV chủ trì")} == {"0"}
    formats = dict(
        zip(
            (c.value for c in _column(vi["Mức độ tập trung"], "Chỉ số")),
            (c.number_format for c in _column(vi["Mức độ tập trung"], "Giá trị")),
            strict=True,
        )
    )
    assert formats["Tỷ trọng lớn nhất"] == "0.0%" and formats["Số cơ quan chủ trì"] == "0"
    flags = {c.value for c in _column(vi["Cờ trách nhiệm"], "Nhiều cơ quan chủ trì")}
    assert flags == {"Có", "Không"}
    due = [c for c in _column(vi["Nhiệm vụ"], "Hạn hoàn thành (ngày)") if c.value is not None]
    assert due and all(isinstance(c.value, datetime.datetime) for c in due)
    assert {c.number_format for c in due} == {"dd/mm/yyyy"}
    ids = _column(vi["Nhiệm vụ"], "Mã nhiệm vụ")
    assert all(c.data_type == "s" for c in ids)  # ids stay text


def test_each_data_sheet_is_one_excel_table(vi) -> None:
    names = []
    for ws in vi:
        assert len(ws.tables) == 1, ws.title
        table = next(iter(ws.tables.values()))
        names.append(table.displayName.casefold())
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table.displayName)
        assert ws.freeze_panes is not None
    assert len(set(names)) == len(names)


def test_readme_links_to_every_sheet(vi) -> None:
    readme = vi.worksheets[0]
    targets = {c.hyperlink.location for c in readme["A"] if c.hyperlink is not None}
    assert targets == {f"'{ws.title}'!A1" for ws in vi.worksheets[1:]}


def test_places_and_tasks_link_to_the_text_and_the_task(plan, vi) -> None:
    source = vi[word("sheet.source")]
    tasks = vi["Nhiệm vụ"]
    refs = _column(tasks, "Vị trí trong văn bản")
    assert refs[0].value == "dòng 144" and refs[0].hyperlink.location == f"'{source.title}'!A145"
    assert source["B145"].value == plan.line(144)
    linked = [c for c in _column(vi["Phân công"], "Mã nhiệm vụ") if c.hyperlink is not None]
    assert len(linked) == len(plan.assignments)
    row = int(linked[-1].hyperlink.location.split("!A")[1])
    assert tasks.cell(row=row, column=1).value == linked[-1].value


@pytest.mark.parametrize("name", ["plan132.docx", "plan132.pdf"])
def test_every_task_of_a_word_or_pdf_plan_links_to_its_row(tmp_path, name) -> None:
    plan = load_plan(DOCUMENTS / name)
    book = openpyxl.load_workbook(write_workbook_for(plan, tmp_path / "b.xlsx").path)
    source = book[word("sheet.source")]
    refs = _column(book["Nhiệm vụ"], "Vị trí trong văn bản")
    assert all(c.hyperlink is not None for c in refs)
    assert refs[0].value.startswith(("bảng ", "trang "))
    target = source[refs[0].hyperlink.location.split("!")[1]]
    assert target.value == refs[0].value


def test_print_setup(vi) -> None:
    for ws in vi:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == f"${_header_row(ws)}:${_header_row(ws)}"
        assert ws.oddHeader.center.text == "&A" and "&P" in ws.oddFooter.right.text
        assert ws.oddFooter.left.text == "Ngày lập bảng tính: 02/12/2025"


def test_the_two_dates_and_the_metadata(books, vi, monkeypatch, plan, tmp_path) -> None:
    rows = {r[0]: r[1] for r in vi.worksheets[0].iter_rows(values_only=True)}
    assert rows["Ngày ban hành kế hoạch"] == datetime.datetime(2026, 4, 16)
    assert rows["Ngày lập bảng tính"] == datetime.datetime(2025, 12, 2)
    assert vi.properties.created == vi.properties.modified == datetime.datetime(2025, 12, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = write_workbook_for(plan, tmp_path / "again.xlsx", "vi", coverage.review_for(plan)).path
    assert again.read_bytes() == books["vi"].read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    later = write_workbook_for(plan, tmp_path / "later.xlsx", "vi", coverage.review_for(plan)).path
    assert later.read_bytes() != books["vi"].read_bytes()
    assert openpyxl.load_workbook(later).properties.created == datetime.datetime(
        *stamp.prepared_on().timetuple()[:3]
    )


def test_csv_has_a_bom_and_reads_back(plan, tmp_path) -> None:
    path = write_csv(plan.tasks, tmp_path / "tables" / "tasks.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbftask_id,")
    back = fields.read_csv(path)
    assert list(back.columns) == list(plan.tasks.columns)
    pd.testing.assert_series_equal(back["content"], plan.tasks["content"], check_dtype=False)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_prints_on_a_few_pages(books, tmp_path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(books["vi"]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    if not (tmp_path / "vi.pdf").exists() and b"could not be loaded" in run.stderr:
        pytest.skip("LibreOffice without Calc (e.g. only libreoffice-writer-nogui) cannot open a workbook")
    pages = len(pdfium.PdfDocument(tmp_path / "vi.pdf"))
    assert pages < 50  # it printed 150 pages before the print setup
