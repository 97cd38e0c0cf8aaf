"""PDFs as Microsoft Word and signing tools make them, read as a person reads them.

The fixtures in ``tests/fixtures/documents/word/`` are drawn by
``tools/make_word_pdf_fixtures.py`` in Word's layout (see its docstring): a header whose "Stt"
spans "TT" | "Chi tiết" and whose words wrap onto a second table row, a 5-point column drawn by
cell margins, three other tables before the task table, no header repeated after the page break,
a sentence cut by it, no space at the end of any line, a seal and a signature image over page 2.
The real plan ``../shared/real/hanoi.pdf`` (Word 2016, e-signed) is read where it exists.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from plan132lib.errors import PlanParseError
from plan132lib.ingest.document import Cell, Document, Ref, Row, Table
from plan132lib.ingest.parse import interpret
from plan132lib.ingest.read_pdf import read_pdf
from plan132lib.ingest.task_table import find_task_table, read_header
from plan132lib.words import say_error

ROOT = Path(__file__).resolve().parents[2]
WORD = ROOT / "tests" / "fixtures" / "documents" / "word"
REAL = ROOT.parent / "shared" / "real"
NO_REAL = "the real plan ../shared/real/hanoi.pdf is not here"
EXPECTED = json.loads((WORD / "appendix.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def appendix() -> Document:
    return read_pdf(WORD / "appendix.pdf")


@pytest.fixture(scope="module")
def plan(appendix: Document):
    return interpret(appendix)


# --------------------------------------------------------------------------- the Word-made fixture


def test_the_task_table_is_found_after_three_other_tables(appendix: Document) -> None:
    index, header = find_task_table(appendix)
    assert appendix.tables.index(appendix.blocks[index]) == 3
    assert header.rows == 2
    assert header.columns == ["tt", "sub", "content", "lead", "coordinate", "timeline"]
    assert header.texts[:2] == ["Stt – TT", "Stt – Chi tiết"]
    assert header.texts[3] == "Đơn vị thực hiện"  # words wrapped onto the second row, read together
    assert header.texts[5] == "Thời hạn hoàn thành"


def test_the_margin_column_is_folded_so_every_row_has_six_cells(appendix: Document) -> None:
    table = appendix.tables[3]
    assert {len(row.cells) for row in table.rows} == {6}


def test_the_table_runs_on_over_the_page_break_without_a_repeated_header(appendix: Document) -> None:
    table = appendix.tables[3]
    assert len(appendix.tables) == 4
    breaks = [row for row in table.rows if row.page_break_before]
    assert [row.ref.label for row in breaks] == ["page 2, row 1"]


def test_every_task_is_found_with_its_cells(plan) -> None:
    assert len(plan.tasks) == EXPECTED["tasks"]
    assert [g.title for g in plan.groups] == EXPECTED["groups_titles"]
    for task, (number, want) in zip(plan.tasks, sorted(EXPECTED["cells"].items()), strict=True):
        got = [task.cells[c] for c in ("content", "lead", "coordinate", "timeline")]
        assert got == want, f"task {number}"


def test_a_group_row_gives_its_merged_values_to_the_tasks_below(plan) -> None:
    first = plan.tasks[0]
    assert first.group.cells == {"coordinate": "Sở Khoa học và Công nghệ", "timeline": "30/9/2026"}
    assert first.inherited == ["coordinate", "timeline"]
    assert plan.tasks[2].inherited == []  # its own cells


def test_a_one_task_group_takes_its_number_and_its_bold_title(plan) -> None:
    group = plan.groups[1]
    assert (group.label, group.title) == ("2", "Phát triển kinh tế đêm")
    (task,) = [t for t in plan.tasks if t.group is group]
    assert task.cells["content"] == "Triển khai thí điểm 02 mô hình kinh tế đêm tại trung tâm tỉnh"


def test_a_sentence_cut_by_the_page_break_is_joined_with_a_space(plan) -> None:
    task = plan.tasks[4]
    assert "cho người dân theo thời gian thực" in task.cells["content"]
    assert "\n" not in task.cells["content"]


def test_agencies_one_per_paragraph_keep_their_breaks(plan) -> None:
    assert plan.tasks[2].cells["lead"] == "Sở Tư pháp\nSở Nội vụ"
    assert plan.tasks[5].cells["coordinate"] == "Sở Khoa học và Công nghệ\nVăn phòng UBND tỉnh"


def test_the_seal_and_the_signature_leave_the_text_as_printed(appendix: Document) -> None:
    on_page_2 = [p.text for p in appendix.paras if p.ref.page == 2]
    assert on_page_2 == ["TM. ỦY BAN NHÂN DÂN"]
    cells = [c.text for row in appendix.tables[3].rows for c in row.cells]
    assert not [t for t in cells if "TỈNH" in t or "ỦY" in t]


def test_no_task_table_lists_each_table_and_why() -> None:
    doc = read_pdf(WORD / "no_task_table.pdf")
    with pytest.raises(PlanParseError) as caught:
        interpret(doc)
    english = str(caught.value)
    assert "it has 3 table(s)" in english
    assert "page 1, table 2: header 'TT | Họ và tên | Đơn vị | Số điện thoại', lacks the column(s)" in english
    assert "page 1, table 3: header 'STT | Chỉ tiêu | Năm 2026', lacks the column(s) " in english
    vietnamese = say_error(caught.value, "vi")
    assert "trang 1, bảng 2: tiêu đề 'TT | Họ và tên | Đơn vị | Số điện thoại', thiếu cột" in vietnamese


# --------------------------------------------------------------------------- headers, by hand


def ref(n: int) -> Ref:
    return Ref("row", table=1, row=n)


def row(n: int, *cells: str | Cell) -> Row:
    return Row(tuple(c if isinstance(c, Cell) else Cell(c, ref(n)) for c in cells), ref(n))


def test_a_header_cell_spanning_sub_columns_names_them_by_their_own_words() -> None:
    table = Table(
        (
            row(
                1,
                "Stt",
                Cell("", ref(1), merged="across"),
                "Nhiệm vụ",
                "Cơ quan thực hiện",
                Cell("", ref(1), merged="across"),
                "Tiến độ",
            ),
            row(
                2,
                "TT",
                "Chi tiết",
                Cell("Nhiệm vụ", ref(2), merged="down"),
                "Chủ trì",
                "Phối hợp",
                Cell("Tiến độ", ref(2), merged="down"),
            ),
            row(3, "1", "a)", "Làm việc", "Sở Nội vụ", "", "2026"),
        ),
        ref(1),
    )
    header = read_header(table)
    assert header is not None and header.rows == 2
    assert header.columns == ["tt", "sub", "content", "lead", "coordinate", "timeline"]


def test_a_data_row_under_a_one_row_header_is_not_read_as_header() -> None:
    table = Table(
        (
            row(1, "TT", "Nội dung", "Chủ trì", "Thời hạn"),
            row(2, "", "Nhiệm vụ chung", "", ""),
            row(3, "1", "Làm việc", "Sở Nội vụ", "2026"),
        ),
        ref(1),
    )
    header = read_header(table)
    assert header is not None and header.rows == 1
    assert header.texts == ["TT", "Nội dung", "Chủ trì", "Thời hạn"]


def test_a_continuation_row_keeps_a_line_break_between_paragraphs_only() -> None:
    def doc(before: str, after: str) -> Document:
        table = Table(
            (
                row(1, "TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Tiến độ"),
                row(2, "I", Cell("Nhóm một", ref(2), bold=True), "", ""),
                row(3, "1", before, "Sở Nội vụ", "2026"),
                Row(
                    (Cell("", ref(4)), Cell(after, ref(4)), Cell("", ref(4)), Cell("", ref(4))),
                    ref(4),
                    page_break_before=True,
                ),
            ),
            ref(1),
        )
        return Document("plan.docx", "docx", [table], appendix_only=True)

    within = interpret(doc("Cung cấp thông tin cho người", "dân theo thời gian thực"))
    assert within.tasks[0].cells["content"] == "Cung cấp thông tin cho người dân theo thời gian thực"
    between = interpret(doc("- Tổ chức hội nghị;", "- Báo cáo kết quả."))
    assert between.tasks[0].cells["content"] == "- Tổ chức hội nghị;\n- Báo cáo kết quả."


# --------------------------------------------------------------------------- the real Word 2016 plan


def gold_rows() -> list[dict[str, str]]:
    with open(REAL / "hanoi_gold.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def hanoi():
    """The real plan read once for the tests below (2–3 s a reading)."""
    if not (REAL / "hanoi.pdf").exists():
        pytest.skip(NO_REAL)
    return interpret(read_pdf(REAL / "hanoi.pdf"))


def test_the_real_word_pdf_reads_every_task_with_its_printed_cells(hanoi) -> None:
    plan = hanoi
    assert len(plan.tasks) == 33
    assert len(plan.groups) == 12
    wrong = []
    for gold in gold_rows():
        want = norm(gold["task_content_full"])
        (task,) = [t for t in plan.tasks if norm(t.cells["content"]).startswith(want[:40])]
        for key, column in (
            ("task_content_full", "content"),
            ("lead", "lead"),
            ("coordinate", "coordinate"),
            ("deadline", "timeline"),
        ):
            if norm(gold[key]) != norm(task.cells[column]):
                wrong.append((task.task_id, column, task.cells[column], gold[key]))
    assert wrong == []


def test_the_real_word_pdf_breaks_agency_cells_only_between_paragraphs(hanoi) -> None:
    plan = hanoi
    broken = [
        (t.task_id, c, t.cells[c])
        for t in plan.tasks
        for c in ("lead", "coordinate")
        for before, after in re.findall(r"(\S+)\n(\S+)", t.cells[c])
        if not after[:1].isupper() or before.endswith(",") or before == "và"
    ]
    assert broken == []
    assert sum("\n" in t.cells["lead"] for t in plan.tasks) == 2  # two cells of two paragraphs
