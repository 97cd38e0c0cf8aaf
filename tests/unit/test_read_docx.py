"""The Word reader: documents built here with python-docx, read back as a person sees them."""

from __future__ import annotations

import re
import time
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from plan132lib.errors import PlanParseError
from plan132lib.ingest.document import Document, Para, Table
from plan132lib.ingest.read_docx import read_docx

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TEXT_EXPORT = ROOT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"


def _save(doc, tmp_path: Path, name: str = "plan.docx") -> Document:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    doc.save(str(path))
    return read_docx(path)


def _appendix(doc) -> None:  # type: ignore[no-untyped-def]
    """A task table: a two-row header (merged down and across), a bold group row, two tasks."""
    t = doc.add_table(rows=6, cols=5)
    head = ["TT", "Nội dung thực hiện", "Cơ quan thực hiện", "", "Tiến độ"]
    for c, text in enumerate(head):
        t.cell(0, c).text = text
    t.cell(1, 2).text = "Chủ trì"
    t.cell(1, 3).text = "Phối hợp"
    t.cell(0, 2).merge(t.cell(0, 3))
    for c in (0, 1, 4):
        t.cell(0, c).merge(t.cell(1, c))
    group = t.cell(2, 0).merge(t.cell(2, 4))
    group.paragraphs[0].add_run("Nhóm nhiệm vụ về quản lý chất thải").bold = True
    t.cell(3, 0).text = "1"
    content = t.cell(3, 1)
    content.paragraphs[0].add_run("Nhóm tuyên truyền").bold = True
    content.add_paragraph("Phát động phong trào bảo vệ môi trường.")
    lead = t.cell(3, 2).merge(t.cell(4, 2))
    lead.text = "Sở Nông nghiệp và Môi trường"
    coord = t.cell(3, 3)
    coord.text = "Sở Tài chính"
    coord.add_paragraph("")
    coord.add_paragraph("UBND các xã, phường")
    t.cell(3, 4).text = "2026"
    t.cell(4, 0).text = "2"
    t.cell(4, 1).text = "Xử lý dứt điểm các cơ sở gây ô nhiễm."
    t.cell(4, 3).text = "\u00a0 \u00a0"
    t.cell(4, 4).text = "2026 - 2030"
    t.cell(5, 1).text = "Tăng cường\tkiểm tra"
    soft = t.cell(5, 2).paragraphs[0]
    soft.add_run("Công an tỉnh").add_break()  # Shift+Enter: a new line in the cell
    soft.add_run("Thanh tra tỉnh")


@pytest.fixture
def plan_doc(tmp_path: Path) -> Document:
    doc = docx.Document()
    doc.add_heading("KẾ HOẠCH", 0)
    doc.add_paragraph("")
    doc.add_heading("I. MỤC ĐÍCH, YÊU CẦU", 1)
    p = doc.add_paragraph("Thực hiện ")
    p.add_run("Nghị quyết").bold = True
    doc.add_paragraph("Tất cả đậm").runs[0].bold = True
    strong = doc.add_paragraph()
    strong.add_run("Đậm theo kiểu ký tự", style="Strong")
    doc.add_paragraph("Dòng một").add_run().add_break()
    doc.paragraphs[-1].add_run("dòng hai\tsau tab")
    doc.sections[0].header.paragraphs[0].text = "Trang đầu"
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    doc.add_paragraph("PHỤ LỤC")
    _appendix(doc)
    return _save(doc, tmp_path)


def test_paragraphs_numbered_and_empty_ones_skipped(plan_doc: Document) -> None:
    paras = plan_doc.paras
    assert [p.text for p in paras[:3]] == ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Thực hiện Nghị quyết"]
    # paragraph 2 is empty: not a block, but counted
    assert [p.ref.label for p in paras[:3]] == ["paragraph 1", "paragraph 3", "paragraph 4"]
    assert plan_doc.kind == "docx" and not plan_doc.appendix_only


def test_heading_levels_and_bold(plan_doc: Document) -> None:
    by_text = {p.text: p for p in plan_doc.paras}
    assert by_text["KẾ HOẠCH"].level == 1  # Title
    assert by_text["I. MỤC ĐÍCH, YÊU CẦU"].level == 1
    assert by_text["I. MỤC ĐÍCH, YÊU CẦU"].bold  # bold through the Heading 1 style
    assert not by_text["Thực hiện Nghị quyết"].bold  # only part of it
    assert by_text["Tất cả đậm"].bold and by_text["Tất cả đậm"].level == 0
    assert by_text["Đậm theo kiểu ký tự"].bold  # through the character style


def test_breaks_and_tabs_become_spaces(plan_doc: Document) -> None:
    assert "Dòng một dòng hai sau tab" in [p.text for p in plan_doc.paras]


def test_header_and_footer_ignored(plan_doc: Document) -> None:
    assert all("Trang đầu" not in p.text for p in plan_doc.paras)


def test_sections_read_in_order(plan_doc: Document) -> None:
    assert isinstance(plan_doc.blocks[-1], Table)
    assert plan_doc.blocks[-2].text == "PHỤ LỤC"  # type: ignore[union-attr]


def test_table_grid_and_merges(plan_doc: Document) -> None:
    (table,) = plan_doc.tables
    assert table.ref.label == "table 1"
    assert all(len(r.cells) == 5 for r in table.rows)
    h1, h2, group, task1, task2, last = table.rows
    assert h1.texts() == ["TT", "Nội dung thực hiện", "Cơ quan thực hiện", "", "Tiến độ"]
    assert [c.merged for c in h1.cells] == ["", "", "", "across", ""]
    assert h2.texts() == ["TT", "Nội dung thực hiện", "Chủ trì", "Phối hợp", "Tiến độ"]
    assert [c.merged for c in h2.cells] == ["down", "down", "", "", "down"]
    assert group.cells[0].text == "Nhóm nhiệm vụ về quản lý chất thải" and group.cells[0].bold
    assert [c.merged for c in group.cells[1:]] == ["across"] * 4
    assert task1.texts()[0] == "1" and not task1.cells[0].bold
    assert task2.cells[2].merged == "down" and task2.cells[2].text == "Sở Nông nghiệp và Môi trường"
    assert last.texts() == ["", "Tăng cường kiểm tra", "Công an tỉnh\nThanh tra tỉnh", "", ""]


def test_cell_paragraphs_and_empty_cells(plan_doc: Document) -> None:
    rows = plan_doc.tables[0].rows
    content = rows[3].cells[1]
    assert content.text == "Nhóm tuyên truyền\nPhát động phong trào bảo vệ môi trường."
    assert content.bold_head and not content.bold
    assert rows[3].cells[3].text == "Sở Tài chính\nUBND các xã, phường"  # empty paragraph dropped
    nbsp = rows[4].cells[3]
    assert nbsp.text == "" and nbsp.empty and nbsp.merged == ""


def test_refs(plan_doc: Document) -> None:
    row = plan_doc.tables[0].rows[3]
    assert row.ref.label == "table 1, row 4"
    assert [c.ref.label for c in row.cells][:2] == ["table 1, row 4, column 1", "table 1, row 4, column 2"]


def _body_xml(doc, xml: str) -> None:  # type: ignore[no-untyped-def]
    """Insert raw WordprocessingML before the final section properties."""
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(f"<w:wrap {nsdecls('w')}>{xml}</w:wrap>")[0])


def test_content_controls_nested_tables_and_grid_padding(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Mở đầu")
    _body_xml(
        doc,
        """
      <w:sdt><w:sdtPr/><w:sdtContent>
        <w:p><w:r><w:t>Trong ô nội dung</w:t></w:r></w:p>
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
          <w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>
                <w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p>
                  <w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>
                    <w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
                  <w:p/></w:tc>
                <w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
                <w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>
      </w:sdtContent></w:sdt>""",
    )
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "Bảng hai"
    read = _save(doc, tmp_path)
    assert [b.ref.label for b in read.blocks] == ["paragraph 1", "paragraph 2", "table 1", "table 2"]
    first = read.tables[0]
    assert first.rows[0].texts() == ["A", "B\nlồng", "C"]
    assert first.rows[1].texts() == ["", "D", ""]
    assert read.tables[1].rows[0].texts() == ["Bảng hai"]


def test_tracked_changes_text_boxes_and_hidden_text(tmp_path: Path) -> None:
    doc = docx.Document()
    _body_xml(
        doc,
        f"""
      <w:p {nsdecls("w")} xmlns:mc="{MC}">
        <w:r><w:t xml:space="preserve">Sở </w:t></w:r>
        <w:del w:id="1" w:author="x"><w:r><w:delText>Tài nguyên</w:delText></w:r></w:del>
        <w:ins w:id="2" w:author="x"><w:r><w:t>Nông nghiệp</w:t></w:r></w:ins>
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>
        <w:hyperlink><w:r><w:t xml:space="preserve"> và Môi trường</w:t></w:r></w:hyperlink>
        <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>
          <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>HỘP</w:t></w:r></w:p></w:txbxContent>
          </w:pict></mc:Fallback></mc:AlternateContent></w:r>
      </w:p>""",
    )
    assert [p.text for p in _save(doc, tmp_path).paras] == ["Sở Nông nghiệp và Môi trường"]


def test_automatic_numbering_written_out(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Một", style="List Number")
    doc.add_paragraph("Hai", style="List Number")
    doc.add_paragraph("Chấm", style="List Bullet")  # a Symbol-font bullet: nothing printable
    assert [p.text for p in _save(doc, tmp_path).paras] == ["1. Một", "2. Hai", "Chấm"]


def test_damaged_word_file(tmp_path: Path) -> None:
    path = ROOT / "tests" / "bad" / "office" / "not_wellformed.docx"
    with pytest.raises(PlanParseError, match="a damaged Word file: its XML is not well-formed") as info:
        read_docx(path)
    assert str(info.value).startswith(str(path))


# --- the Plan 132 fixture ----------------------------------------------------------------------------


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{name} not generated yet (tools/make_fixtures.py)")
    return path


def test_plan132_appendix_table() -> None:
    """1 header + 6 group rows + 29 tasks, as in the text export (a task split by a page is one row)."""
    export = TEXT_EXPORT.read_text(encoding="utf-8").split("\n")
    n_groups = sum(1 for line in export if line.startswith("<b>Nhóm nhiệm vụ"))
    n_tasks = sum(1 for line in export if re.match(r"^\d+\t", line))
    assert (n_groups, n_tasks) == (6, 29)
    doc = read_docx(_fixture("plan132.docx"))
    table = max(doc.tables, key=lambda t: len(t.rows))
    assert len(table.rows) == 1 + n_groups + n_tasks == 36
    assert table.rows[0].texts()[:2] == ["TT", "Nội dung thực hiện"]
    groups = [r for r in table.rows if r.cells[1].merged == "across"]
    assert len(groups) == 6 and all(r.cells[0].bold for r in groups)
    assert sum(1 for r in table.rows if r.cells[0].text.isdigit()) == 29
    attached = "(Kèm theo Kế hoạch số 132/KH-UBND"
    assert any(isinstance(b, Para) and b.text.startswith(attached) for b in doc.blocks)


def test_plan132_read_time() -> None:
    path = _fixture("plan132.docx")
    read_docx(path)  # warm: imports
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        read_docx(path)
        best = min(best, time.perf_counter() - start)
    print(f"\nread_docx(plan132.docx): {best * 1000:.1f} ms (best of 3)")
    assert best < 0.2
