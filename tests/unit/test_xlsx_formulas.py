"""Excel formula cells: a saved value the formula contradicts is replaced and said, a value taken from
another workbook is kept and said, the other formulas are counted in one note per file; the notes
reach the validation report (``plan132 check``) and its findings, and the read cache keeps them.

openpyxl writes a formula without its saved value, so each workbook is built with openpyxl and the
cells Excel would have saved are written into the sheet's XML afterwards.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from plan132lib.cli import main
from plan132lib.ingest import read_xlsx as rx
from plan132lib.ingest.cache import load_plan_cached
from plan132lib.ingest.document import Note
from plan132lib.ingest.read_xlsx import read_xlsx
from plan132lib.ingest.tables import load_plan
from plan132lib.ingest.validation import findings, report_text

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def _plan_book(path: Path, formulas: dict[str, str] | None = None) -> Path:
    """A task list on sheet "Phụ lục": tasks in rows 3-5, C3:C5 the leads; ``formulas`` by cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "PHỤ LỤC"
    ws.append(HEADER)
    ws.append([1, "Rà soát quy định về chất thải", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "2026"])
    ws.append([2, "Kiểm tra cơ sở y tế", "Sở Y tế", "Sở Nội vụ", "2027"])
    ws.append([3, "Lập dự toán kinh phí", "Sở Tài chính", "Sở Xây dựng", "2026"])
    for cell, formula in (formulas or {}).items():
        ws[cell] = formula
    wb.save(path)
    return path


def _patch(
    path: Path,
    cells: dict[str, str],
    *,
    part: str = SHEET,
    extra: dict[str, bytes] | None = None,
    edits: dict[str, tuple[bytes, bytes]] | None = None,
) -> Path:
    """Rewrite the zip: each cell of ``cells`` ("C4") becomes the given ``<c>`` element (a formula
    with a saved value, as Excel writes it); ``extra`` adds parts, ``edits`` replaces bytes in parts."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[part]
    for ref, element in cells.items():
        pattern = rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)'
        xml, n = re.subn(pattern, element.encode("utf-8"), xml, count=1, flags=re.S)
        assert n == 1, ref
    parts[part] = xml
    for name, (old, new) in (edits or {}).items():
        assert old in parts[name], name
        parts[name] = parts[name].replace(old, new, 1)
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _cell(doc, place: str) -> str:
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.ref.label == place:
                    return cell.text
    raise AssertionError(place)


@pytest.fixture
def forged(tmp_path: Path) -> Path:
    """C4 is ="Sở Y tế" but its saved value says "Sở Tài chính" (stale, or forged)."""
    path = _plan_book(tmp_path / "ke_hoach.xlsx", {"C4": '="Sở Y tế"'})
    return _patch(path, {"C4": '<c r="C4" t="str"><f>"Sở Y tế"</f><v>Sở Tài chính</v></c>'})


def test_a_forged_saved_value_gives_way_to_the_formula_and_is_said(forged: Path) -> None:
    doc = read_xlsx(forged)
    assert _cell(doc, "Phụ lục!C4") == "Sở Y tế"
    assert doc.notes == [
        Note(
            "formula_differs",
            "Phụ lục!C4",
            (
                ("file", "ke_hoach.xlsx"),
                ("formula", '="Sở Y tế"'),
                ("value", "Sở Y tế"),
                ("saved", "Sở Tài chính"),
            ),
        )
    ]


def test_the_note_reaches_the_findings_and_the_check_report(forged: Path, capsys) -> None:
    plan = load_plan(forged)
    leads = plan.assignments[(plan.assignments["task_id"] == "1.2") & (plan.assignments["role"] == "lead")]
    assert leads["agency_name"].tolist() == ["Sở Y tế"]
    found = findings(plan)
    row = found[found["check"] == "source_value"].iloc[0]
    assert (row["severity"], row["source_ref"]) == ("warning", "Phụ lục!C4")
    assert row["detail"] == (
        "ke_hoach.xlsx: công thức =\"Sở Y tế\" cho 'Sở Y tế' nhưng giá trị lưu "
        "trong tệp là 'Sở Tài chính' (giá trị cũ hoặc đã bị sửa); đã dùng 'Sở Y tế'"
    )
    en = findings(plan, "en")
    detail = en[en["check"] == "source_value"].iloc[0]["detail"]
    assert "the value saved in the file is 'Sở Tài chính'" in detail
    assert main(["check", str(forged)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the report wraps its lines
    assert "Giá trị trong tệp nguồn cần xem lại (1)" in out
    assert "Phụ lục!C4" in out and "'Sở Tài chính'" in out
    assert main(["check", "--strict", str(forged)]) == 1  # a warning


def test_the_read_cache_keeps_the_notes(forged: Path, tmp_path: Path) -> None:
    first = load_plan_cached(forged, cache_dir=tmp_path / "cache")
    again = load_plan_cached(forged, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").glob("*.json"))
    assert again.document.notes == first.document.notes == read_xlsx(forged).notes != []


def test_a_saved_value_the_formula_agrees_with_says_nothing(tmp_path: Path) -> None:
    path = _plan_book(tmp_path / "ok.xlsx", {"A4": "=A3+1", "D5": "=D4", "B5": '="Lập dự toán "&"kinh phí"'})
    path = _patch(
        path,
        {
            "A4": '<c r="A4"><f>A3+1</f><v>2</v></c>',
            "D5": '<c r="D5" t="str"><f>D4</f><v>Sở Nội vụ</v></c>',
            "B5": '<c r="B5" t="str"><f>"Lập dự toán "&amp;"kinh phí"</f><v>Lập dự toán kinh phí</v></c>',
        },
    )
    doc = read_xlsx(path)
    assert (_cell(doc, "Phụ lục!A4"), _cell(doc, "Phụ lục!D5"), _cell(doc, "Phụ lục!B5")) == (
        "2",
        "Sở Nội vụ",
        "Lập dự toán kinh phí",
    )
    assert doc.notes == []


def test_a_copy_of_a_cell_gives_that_cells_value(tmp_path: Path) -> None:
    """=C3 saved as "Sở Xây dựng" while C3 holds "Sở Nông nghiệp và Môi trường"; a number formula too."""
    path = _plan_book(tmp_path / "copy.xlsx", {"C5": "=C3", "A5": "=A4+1"})
    path = _patch(
        path,
        {
            "C5": '<c r="C5" t="str"><f>C3</f><v>Sở Xây dựng</v></c>',
            "A5": '<c r="A5"><f>A4+1</f><v>7</v></c>',
        },
    )
    doc = read_xlsx(path)
    assert (_cell(doc, "Phụ lục!C5"), _cell(doc, "Phụ lục!A5")) == ("Sở Nông nghiệp và Môi trường", "3")
    said = {n.place: dict(n.fields) for n in doc.notes}
    assert said["Phụ lục!C5"]["saved"] == "Sở Xây dựng" and said["Phụ lục!C5"]["formula"] == "=C3"
    assert (said["Phụ lục!A5"]["value"], said["Phụ lục!A5"]["saved"]) == ("3", "7")


def test_a_formula_on_another_workbook_keeps_its_value_and_is_said(tmp_path: Path, capsys) -> None:
    path = _plan_book(tmp_path / "lien_ket.xlsx", {"C5": "=[1]Sheet1!A1"})
    path = _patch(path, {"C5": '<c r="C5" t="str"><f>[1]Sheet1!A1</f><v>Sở Tài chính</v></c>'})
    doc = read_xlsx(path)
    assert _cell(doc, "Phụ lục!C5") == "Sở Tài chính"  # kept: usually right, but it cannot be checked
    assert doc.notes == [
        Note(
            "formula_external",
            "Phụ lục!C5",
            (("file", "lien_ket.xlsx"), ("formula", "=[1]Sheet1!A1"), ("saved", "Sở Tài chính")),
        )
    ]
    assert main(["check", "--lang", "en", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the report wraps its lines
    assert "Values in the source file to check (1)" in out
    assert "Phụ lục!C5" in out and "takes its value from another Excel file" in out


_LINK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook>'
    b"</externalLink>"
)
_LINK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
    b'Target="file:///C:/Users/vanthu/Desktop/Danh%20sach%20co%20quan.xlsx" TargetMode="External"/>'
    b"</Relationships>"
)


def _with_link_part(path: Path, cells: dict[str, str]) -> Path:
    return _patch(
        path,
        cells,
        extra={
            "xl/externalLinks/externalLink1.xml": _LINK,
            "xl/externalLinks/_rels/externalLink1.xml.rels": _LINK_RELS,
        },
        edits={
            "xl/workbook.xml": (
                b"</sheets>",
                b"</sheets><externalReferences><externalReference "
                b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships" r:id="rId99"/>'
                b"</externalReferences>",
            ),
            "xl/_rels/workbook.xml.rels": (
                b"</Relationships>",
                b'<Relationship Id="rId99" '
                b'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/externalLink" '
                b'Target="externalLinks/externalLink1.xml"/>'
                b"</Relationships>",
            ),
            "[Content_Types].xml": (
                b"</Types>",
                b'<Override PartName="/xl/externalLinks/externalLink1.xml" '
                b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                b'externalLink+xml"/></Types>',
            ),
        },
    )


def test_a_link_part_no_cell_shows_is_said_once_for_the_file(tmp_path: Path) -> None:
    path = _with_link_part(_plan_book(tmp_path / "co_lien_ket.xlsx"), {})
    doc = read_xlsx(path)
    assert doc.notes == [
        Note(
            "external_links",
            "",
            (("file", "co_lien_ket.xlsx"), ("n", "1"), ("files", "Danh sach co quan.xlsx")),
        )
    ]
    found = findings(load_plan(path))
    assert found[found["check"] == "source_value"]["detail"].tolist() == [
        "co_lien_ket.xlsx có liên kết tới 1 tệp Excel khác (Danh sach co quan.xlsx); "
        "giá trị lấy từ các tệp đó không kiểm tra được"
    ]


def test_a_linked_cell_is_said_by_its_place_not_again_for_the_file(tmp_path: Path) -> None:
    path = _plan_book(tmp_path / "o_lien_ket.xlsx", {"D3": "='[1]Sheet 1'!B2"})
    path = _with_link_part(path, {"D3": '<c r="D3" t="str"><f>\'[1]Sheet 1\'!B2</f><v>Sở Tài chính</v></c>'})
    doc = read_xlsx(path)
    assert _cell(doc, "Phụ lục!D3") == "Sở Tài chính"
    assert [(n.key, n.place) for n in doc.notes] == [("formula_external", "Phụ lục!D3")]


def test_ordinary_formulas_are_counted_in_one_note(tmp_path: Path) -> None:
    """SUM, another sheet's cell, a structured reference "[2020]": values as saved, one note for all."""
    path = _plan_book(tmp_path / "tong.xlsx", {"F3": "=SUM(A3:A5)", "F4": "=Sheet2!A1", "F5": '=T[2020]&""'})
    path = _patch(
        path,
        {
            "F3": '<c r="F3"><f>SUM(A3:A5)</f><v>6</v></c>',
            "F4": '<c r="F4" t="str"><f>Sheet2!A1</f><v>x</v></c>',
            "F5": '<c r="F5" t="str"><f>T[2020]&amp;""</f><v>y</v></c>',
        },
    )
    doc = read_xlsx(path)
    assert [_cell(doc, f"Phụ lục!F{r}") for r in (3, 4, 5)] == ["6", "x", "y"]
    assert doc.notes == [
        Note("formulas_saved", "Phụ lục!F3", (("file", "tong.xlsx"), ("n", "3"), ("first", "Phụ lục!F3")))
    ]
    found = findings(load_plan(path))
    note = found[found["check"] == "reading_note"]
    assert note["severity"].tolist() == ["info"]
    assert note["detail"].tolist() == [
        "tong.xlsx: 3 ô là công thức (như Phụ lục!F3); giá trị lấy theo lần lưu cuối của Excel, "
        "không tính lại"
    ]
    assert "Ghi chú về việc đọc tệp nguồn (1)" in report_text(load_plan(path))


def test_a_formula_saved_without_a_value_it_cannot_compute_is_counted(tmp_path: Path) -> None:
    """openpyxl saves no values: "=A3+1" is computed as before, "=SUM(…)" is left empty and counted."""
    doc = read_xlsx(_plan_book(tmp_path / "chua_tinh.xlsx", {"A4": "=A3+1", "F3": "=SUM(A3:A5)"}))
    assert _cell(doc, "Phụ lục!A4") == "2"
    assert all(c.ref.label != "Phụ lục!F3" for t in doc.tables for r in t.rows for c in r.cells)  # empty
    said = [(n.key, n.place, dict(n.fields)["n"]) for n in doc.notes]
    assert said == [("formulas_unsaved", "Phụ lục!F3", "1")]


def test_past_the_limit_the_cells_are_counted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(rx, "MAX_CELL_NOTES", 1)
    path = _plan_book(tmp_path / "nhieu.xlsx", {"C3": '="Sở Y tế"', "C4": '="Sở Y tế"', "C5": '="Sở Y tế"'})
    path = _patch(
        path, {f"C{r}": f'<c r="C{r}" t="str"><f>"Sở Y tế"</f><v>Sở Tư pháp</v></c>' for r in (3, 4, 5)}
    )
    doc = read_xlsx(path)
    assert [(n.key, n.place) for n in doc.notes] == [
        ("formula_differs", "Phụ lục!C3"),
        ("formula_differs_more", ""),
    ]
    assert dict(doc.notes[1].fields)["n"] == "2"


def test_a_workbook_without_formulas_is_read_once(tmp_path: Path, monkeypatch) -> None:
    path = _plan_book(tmp_path / "khong.xlsx")
    loads = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(k) or real(*a, **k))
    doc = read_xlsx(path)
    assert doc.notes == [] and loads == [{"data_only": True}]
    loads.clear()
    read_xlsx(_plan_book(tmp_path / "co.xlsx", {"F3": "=SUM(A3:A5)"}))
    assert loads == [{"data_only": True}, {"data_only": False}]


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ('"Sở Y tế"', "Sở Y tế"),
        ('"Mục "&2', "Mục 2"),
        ('"a ""b"""', 'a "b"'),
        ("5", 5),
        ("-1.5", -1.5),
        ("SUM(A1:A3)", None),
        ('"a"&B2', None),
        ("TRUE", None),
    ],
)
def test_literal(formula: str, value: object) -> None:
    assert rx._literal(formula) == value


@pytest.mark.parametrize(
    ("formula", "external"),
    [
        ("[1]Sheet1!A1", True),
        ("'[2]Danh sách'!B2", True),
        ("SUM([1]Sheet1!A1:A3)", True),
        ("[1]!Ten", True),
        ('"[1]Sheet1!A1"', False),
        ("Table1[2020]", False),
        ("T[[#This Row],[2020]]", False),
        ("Sheet2!A1", False),
    ],
)
def test_external(formula: str, external: bool) -> None:
    assert rx._external(formula) is external
