"""The interpreter's reading of a task table's structure, on small tables written by hand.

Each case is a trap seen in real plans (``../shared/INGEST_NOTES.md`` in the project's
history): group rows marked in several ways, Roman numerals past X, sub-task letters,
two-row headers, merged cells, rows split by page breaks, and agencies in one cell.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from plan132lib import load_plan
from plan132lib.ingest.document import Cell, Document, Para, Ref, Row, Table
from plan132lib.ingest.parse import interpret
from plan132lib.ingest.tables import build_plan
from plan132lib.paths import BUNDLED_PLAN

HEADER = "TT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tTiến độ\tGhi chú"
PLAN_LINES = BUNDLED_PLAN.read_text(encoding="utf-8").split("\n")
TABLE_START = PLAN_LINES.index(HEADER)


def with_table(tmp_path, rows: list[str]):
    """The bundled plan's body with another appendix table."""
    path = tmp_path / "plan.md"
    path.write_text("\n".join([*PLAN_LINES[:TABLE_START], HEADER, *rows]) + "\n", encoding="utf-8")
    return load_plan(path)


def test_group_row_with_a_blank_number_is_a_group_not_part_of_the_task_above(tmp_path):
    plan = with_table(
        tmp_path,
        [
            "I\tNhóm nhiệm vụ thứ nhất\t\t\t\t",
            "1\tRà soát kế hoạch.\tSở Xây dựng\t\t2026\t",
            "\t<b>Nhóm nhiệm vụ thứ hai</b>\t\t\t\t",
            "1\tKiểm tra định kỳ.\tSở Y tế\t\t2027\t",
        ],
    )
    assert plan.groups["group_title"].tolist() == ["Nhóm nhiệm vụ thứ nhất", "Nhóm nhiệm vụ thứ hai"]
    assert plan.tasks.set_index("task_id").loc["1.1", "content"] == "Rà soát kế hoạch."


def test_roman_group_numbers_go_past_x(tmp_path):
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV", "XIX", "XX"]
    rows = []
    for numeral in numerals:
        rows += [
            f"{numeral}\tNhóm {numeral}\t\t\t\t",
            f"1\tNhiệm vụ của nhóm {numeral}.\tSở Xây dựng\t\t2026\t",
        ]
    plan = with_table(tmp_path, rows)
    assert plan.groups["group_label"].tolist() == numerals
    assert plan.tasks["task_id"].tolist()[-1] == "15.1"


def test_sub_tasks_are_lettered_in_vietnamese_order(tmp_path):
    plan = with_table(
        tmp_path,
        [
            "I\tCác chỉ tiêu\t\t\t\t",
            "1\tĐạt được các chỉ tiêu sau đây:\tSở Nông nghiệp và Môi trường\t\t2026 - 2030\t",
            *[f"{letter})\tChỉ tiêu {letter}.\t\t\t2030\t" for letter in ["a", "b", "c", "d", "đ", "e", "g"]],
            "2\tBáo cáo kết quả.\tSở Tài chính\t\tHằng năm\t",
        ],
    )
    tasks = plan.tasks.set_index("task_id")
    assert tasks.index.tolist() == ["1.1", *[f"1.1.{x}" for x in ["a", "b", "c", "d", "đ", "e", "g"]], "1.2"]
    assert (tasks.loc["1.1.đ", "parent_id"], tasks.loc["1.1.đ", "letter"]) == ("1.1", "đ")
    # an empty lead cell under a task that names one: the parent's lead, recorded as inherited
    assert tasks.loc["1.1.a", "lead_raw"] == "Sở Nông nghiệp và Môi trường"
    assert tasks.loc["1.1.a", "inherited"] == "lead"
    assert tasks.loc["1.1.a", "coordinate_raw"] == ""  # an empty coordinating cell stays empty


def test_and_inside_parentheses_does_not_split_an_agency(tmp_path):
    plan = with_table(
        tmp_path,
        [
            "I\tNhóm\t\t\t\t",
            "1\tCấp giấy chứng nhận.\tSở Nông nghiệp và Môi trường "
            "(Văn phòng Đăng ký đất đai và các Chi nhánh)"
            "\tSở Tài chính và UBND xã, phường\t2026\t",
        ],
    )
    a = plan.assignments
    lead = a[a["role"] == "lead"]
    assert lead["raw_name"].tolist() == [
        "Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)"
    ]
    assert lead["agency_id"].tolist() == ["so-nnmt"]
    assert a[a["role"] == "coordinate"]["agency_id"].tolist() == ["so-tc", "ubnd-xa-phuong"]


def test_a_plan_without_section_iv_checks_cleanly(tmp_path):
    end = next(i for i, line in enumerate(PLAN_LINES) if "IV. TỔ CHỨC THỰC HIỆN" in line)
    recipients = next(i for i, line in enumerate(PLAN_LINES) if "Nơi nhận" in line)
    path = tmp_path / "no_section_iv.md"
    path.write_text("\n".join(PLAN_LINES[:end] + PLAN_LINES[recipients:]), encoding="utf-8")
    plan = load_plan(path)
    assert plan.duties.empty and len(plan.tasks) == 29
    result = subprocess.run(
        [sys.executable, "-m", "plan132lib.cli", "check", "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "29 tasks" in result.stdout


# ------------------------------------------------------------ the reading model, cell by cell


def ref(n: int) -> Ref:
    return Ref("row", table=1, row=n)


def row(n: int, *cells: str | Cell, page_break: bool = False) -> Row:
    return Row(tuple(c if isinstance(c, Cell) else Cell(c, ref(n)) for c in cells), ref(n), page_break)


def down(text: str, n: int) -> Cell:
    return Cell(text, ref(n), merged="down")


def across(n: int) -> Cell:
    return Cell("", ref(n), merged="across")


def appendix(*rows: Row) -> Document:
    return Document(
        "plan.docx",
        "docx",
        [Para("PHỤ LỤC", Ref("paragraph", paragraph=1)), Table(rows, Ref("table", table=1))],
    )


def read(doc: Document, registry):
    return build_plan(interpret(doc), registry)


def test_two_row_header_and_column_numbers(registry):
    plan = read(
        appendix(
            row(
                1,
                "STT",
                "Nội dung",
                "Thời hạn",
                "Cơ quan thực hiện",
                Cell("Cơ quan thực hiện", ref(1), merged="across"),
                "Đầu mối liên hệ",
            ),
            row(
                2,
                down("STT", 2),
                down("Nội dung", 2),
                down("Thời hạn", 2),
                "Chủ trì",
                "Phối hợp",
                down("Đầu mối liên hệ", 2),
            ),
            row(3, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
            row(4, "1", "Xây dựng kế hoạch.", "30/8/2026", "Sở Xây dựng", "Sở Tài chính", "Nguyễn Văn A"),
        ),
        registry,
    )
    task = plan.tasks.iloc[0]
    assert (task["content"], task["lead_raw"], task["coordinate_raw"], task["timeline_raw"]) == (
        "Xây dựng kế hoạch.",
        "Sở Xây dựng",
        "Sở Tài chính",
        "30/8/2026",
    )
    assert plan.extras[["column", "value"]].values.tolist() == [["Đầu mối liên hệ", "Nguyễn Văn A"]]


def test_group_row_lead_merged_down_is_inherited_by_each_task(registry):
    plan = read(
        appendix(
            row(1, "TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Tiến độ"),
            row(
                2,
                Cell("I", ref(2), bold=True),
                Cell("Phòng chống tội phạm", ref(2), bold=True),
                "Công an tỉnh",
                "",
                "",
            ),
            row(3, "1", "Điều tra.", down("Công an tỉnh", 3), "", "2026"),
            row(4, "2", "Xử lý vi phạm.", down("Công an tỉnh", 4), "Sở Tư pháp", "2027"),
        ),
        registry,
    )
    assert plan.groups.iloc[0]["lead_raw"] == "Công an tỉnh"
    assert plan.tasks["lead_raw"].tolist() == ["Công an tỉnh", "Công an tỉnh"]
    assert plan.tasks["inherited"].tolist() == ["lead", "lead"]


def test_row_split_by_a_page_break_without_a_repeated_header(registry):
    plan = read(
        appendix(
            row(1, "TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ"),
            row(2, "1", "Tăng cường thu gom, xử lý", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "2026"),
            row(3, "", "nước thải sinh hoạt.", "", "UBND xã, phường", "", page_break=True),
            row(4, "2", "Kiểm tra.", "Sở Y tế", "", "2027"),
        ),
        registry,
    )
    first = plan.tasks.iloc[0]
    assert first["content"] == "Tăng cường thu gom, xử lý nước thải sinh hoạt."
    assert first["coordinate_raw"] == "Sở Nông nghiệp và Môi trường\nUBND xã, phường"
    assert first["source_ref"] == "table 1, row 2; table 1, row 3"


def test_group_title_as_a_bold_first_paragraph_in_the_task_cell(registry):
    title_and_task = Cell("Nhóm nhiệm vụ về tài chính\nBố trí kinh phí.", ref(2), bold_head=True)
    plan = read(
        appendix(
            row(1, "TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Tiến độ"),
            row(2, "1", title_and_task, "Sở Tài chính", "Hằng năm"),
        ),
        registry,
    )
    assert plan.groups["group_title"].tolist() == ["Nhóm nhiệm vụ về tài chính"]
    assert plan.tasks["content"].tolist() == ["Bố trí kinh phí."]


def test_a_document_with_no_task_table_says_so(registry):
    from plan132lib import PlanParseError

    doc = Document(
        "letter.docx",
        "docx",
        [
            Para("Kính gửi các sở.", Ref("paragraph", paragraph=1)),
            Table((row(1, "Họ tên", "Chức vụ"),), Ref("table", table=1)),
        ],
    )
    with pytest.raises(PlanParseError, match=r"letter\.docx: no task table found in this Word file"):
        interpret(doc)


def test_an_undated_draft_reads_and_its_relative_deadlines_have_no_date(tmp_path):
    lines = [
        line.replace("Số: 132 /KH-UBND", "Số:      /KH-UBND")
        .replace("Hưng Yên, ngày 16 tháng 4 năm 2026", "Hưng Yên, ngày      tháng      năm 2026")
        .replace("số 132/KH-UBND ngày 16 tháng 4 năm 2026", "số  /KH-UBND ngày  tháng  năm 2026")
        for line in PLAN_LINES
    ]
    row = next(i for i, line in enumerate(lines) if line.startswith("1\tRà soát, cập nhật kế hoạch giảm"))
    cells = lines[row].split("\t")
    cells[4] = "100 ngày kể từ ngày ban hành Kế hoạch"
    lines[row] = "\t".join(cells)
    path = tmp_path / "draft.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = load_plan(path)
    assert plan.meta_value("date") is None
    assert plan.meta_value("place") == "Hưng Yên"
    task = plan.tasks.set_index("task_id").loc["1.1"]
    assert (task["timeline_kind"], task["due_date"]) == ("relative", "")
    dated = load_plan(BUNDLED_PLAN)
    assert dated.meta_value("date") == "2026-04-16"


@pytest.mark.parametrize(
    ("letters", "ok"),
    [("a b c d đ e", True), ("a b c d e g", True), ("a b d", False), ("b c", False), ("a f", False)],
)
def test_sub_task_letters_follow_the_vietnamese_order(tmp_path, letters, ok):
    from plan132lib import PlanParseError

    rows = [
        "I\tNhóm\t\t\t\t",
        "1\tCác chỉ tiêu:\tSở Xây dựng\t\t2030\t",
        *[f"{x})\tChỉ tiêu {x}.\t\t\t2030\t" for x in letters.split()],
    ]
    if ok:
        assert len(with_table(tmp_path, rows).tasks) == 1 + len(letters.split())
    else:
        with pytest.raises(PlanParseError, match="sub-task letter"):
            with_table(tmp_path, rows)
