"""Plans the library cannot read must fail with PlanParseError naming the file and line.

Each bad file is the bundled plan with one thing broken, written to tmp_path.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import plan132lib
from plan132lib import PlanParseError, load_plan
from plan132lib.paths import BUNDLED_PLAN

PLAN_TEXT = BUNDLED_PLAN.read_text(encoding="utf-8")

GROUP_1 = "<b>Nhóm nhiệm vụ về phòng ngừa"
GROUP_2 = "<b>Nhóm nhiệm vụ về khắc phục"
HEADER = "TT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tTiến độ\tGhi chú"


# --------------------------------------------------------------------- helpers


def plan_lines() -> list[str]:
    """The bundled plan as a list of lines; index i is line i + 1."""
    return PLAN_TEXT.split("\n")


def line_no(lines: list[str], starts_with: str, after: int = 0) -> int:
    """1-based number of the first line at or after line ``after`` that starts with the text."""
    for i in range(max(after - 1, 0), len(lines)):
        if lines[i].startswith(starts_with):
            return i + 1
    raise AssertionError(f"no line starts with {starts_with!r}")


def task_line(lines: list[str], group_heading: str, number: int) -> int:
    """Line number of task ``number`` in the group whose heading starts with the text."""
    return line_no(lines, f"{number}\t", after=line_no(lines, group_heading))


def write(tmp_path: Path, lines_or_text: list[str] | str | bytes) -> Path:
    path = tmp_path / "bad.md"
    if isinstance(lines_or_text, list):
        lines_or_text = "\n".join(lines_or_text)
    if isinstance(lines_or_text, str):
        lines_or_text = lines_or_text.encode("utf-8")
    path.write_bytes(lines_or_text)
    return path


def load_error(path: Path) -> PlanParseError:
    with pytest.raises(PlanParseError) as info:
        load_plan(path)
    return info.value


def blamed_line(error: PlanParseError) -> int | None:
    """The N of the first 'line N' in the message."""
    m = re.search(r"\bline (\d+)\b", str(error))
    return int(m.group(1)) if m else None


def assert_names_file(error: PlanParseError, path: Path) -> None:
    assert path.name in str(error)
    assert str(path) in str(error)


def assert_names_line(error: PlanParseError, n: int) -> None:
    assert blamed_line(error) == n, str(error)
    assert error.line == n


# ----------------------------------------------------------------- sanity check


def test_helpers_find_the_rows_of_the_bundled_plan():
    lines = plan_lines()
    assert line_no(lines, HEADER) == 142
    assert task_line(lines, GROUP_1, 3) == 146
    assert line_no(lines, GROUP_2) == 152
    assert task_line(lines, GROUP_2, 3) == 155


def test_the_unbroken_plan_loads(tmp_path):
    plan = load_plan(write(tmp_path, plan_lines()))
    assert len(plan.tasks) == 29


def test_error_is_a_value_error():
    assert issubclass(PlanParseError, ValueError)
    assert plan132lib.PlanParseError is PlanParseError


# ---------------------------------------------------------------- whole files


def test_empty_file(tmp_path):
    path = write(tmp_path, b"")
    error = load_error(path)
    assert_names_file(error, path)
    assert "empty" in str(error)


def test_whitespace_only_file(tmp_path):
    path = write(tmp_path, " \n\t\n   \r\n\n")
    error = load_error(path)
    assert_names_file(error, path)
    assert "empty" in str(error)


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    raw = PLAN_TEXT.encode("utf-8").split(b"\n")
    raw[19] = b"\xff" + raw[19]  # line 20
    path = write(tmp_path, b"\n".join(raw))
    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, 20)
    assert "UTF-8" in str(error)


def test_latin1_encoded_file_names_the_first_line_with_an_accent(tmp_path):
    # A file saved in Latin-1: the "ú" of line 3 is one byte (0xfa), not UTF-8.
    text = "TT\n\nGhi chú\n"
    path = write(tmp_path, text.encode("latin-1"))
    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, 3)


def test_file_without_appendix_table(tmp_path):
    path = write(tmp_path, PLAN_TEXT[: PLAN_TEXT.index("**Phụ lục**")])
    error = load_error(path)
    assert_names_file(error, path)
    assert "appendix" in str(error)


def test_path_that_does_not_exist(tmp_path):
    path = tmp_path / "no-such-plan.md"
    error = load_error(path)
    assert_names_file(error, path)


# ------------------------------------------------------------ appendix table rows


def test_task_row_with_a_missing_cell(tmp_path):
    lines = plan_lines()
    n = task_line(lines, GROUP_2, 3)
    cells = lines[n - 1].split("\t")
    assert len(cells) == 6
    del cells[3]  # drop the "Cơ quan phối hợp" cell
    lines[n - 1] = "\t".join(cells)
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n)


def test_task_number_repeated_in_a_group(tmp_path):
    lines = plan_lines()
    n = task_line(lines, GROUP_1, 3)
    lines[n - 1] = "2" + lines[n - 1][1:]  # group 1 now reads 1, 2, 2, 4, …
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n)
    assert "repeated" in str(error)


def test_task_row_copied_twice(tmp_path):
    lines = plan_lines()
    n = task_line(lines, GROUP_1, 2)
    lines.insert(n, lines[n - 1])  # the copy becomes line n + 1
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n + 1)


def test_task_number_skipped(tmp_path):
    lines = plan_lines()
    n = task_line(lines, GROUP_1, 3)
    lines[n - 1] = "4" + lines[n - 1][1:]  # group 1 now reads 1, 2, 4, 4, …
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n)


def test_group_heading_with_no_tasks(tmp_path):
    lines = plan_lines()
    n = line_no(lines, GROUP_2)
    lines.insert(n - 1, "<b>Nhóm nhiệm vụ thử</b>\t\t\t\t\t")  # becomes line n
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n)
    assert "Nhóm nhiệm vụ thử" in str(error)


def test_continuation_row_right_after_a_group_heading(tmp_path):
    lines = plan_lines()
    n = line_no(lines, GROUP_2)
    lines.insert(n, "\tphần tiếp theo của một nhiệm vụ\t\t\t\t")  # becomes line n + 1
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n + 1)


def test_unknown_column_in_the_appendix_header_is_kept_aside(tmp_path):
    """A column nobody planned for is kept in a side table, never rejected and never published."""
    lines = [ln.replace("\tGhi chú", "\tKinh phí") for ln in plan_lines()]
    path = write(tmp_path, lines)

    plan = load_plan(path)
    assert "note" not in plan.appendix_columns
    notes = plan.extras[plan.extras["column"] == "Kinh phí"]
    assert "Thực hiện theo chức năng" in notes.set_index("task_id").loc["1.2", "value"]
    assert "Kinh phí" not in " ".join(map(str, plan.tables()["tasks"].columns))


def test_unknown_column_in_a_repeated_appendix_header(tmp_path):
    lines = plan_lines()
    n = line_no(lines, HEADER, after=line_no(lines, HEADER) + 1)  # the second header, line 149
    lines[n - 1] = lines[n - 1].replace("Ghi chú", "Kinh phí")
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_file(error, path)
    assert_names_line(error, n)
    assert "differs from the first" in str(error)


def test_swapped_columns_in_a_repeated_header(tmp_path):
    lines = plan_lines()
    n = line_no(lines, HEADER, after=line_no(lines, HEADER) + 1)
    lines[n - 1] = lines[n - 1].replace(
        "Cơ quan chủ trì\tCơ quan phối hợp", "Cơ quan phối hợp\tCơ quan chủ trì"
    )
    path = write(tmp_path, lines)

    error = load_error(path)
    assert_names_line(error, n)


# ------------------------------------------------------ harmless differences


def test_crlf_and_bom_give_the_same_tasks(tmp_path):
    original = load_plan(BUNDLED_PLAN)
    path = write(tmp_path, "\ufeff" + PLAN_TEXT.replace("\n", "\r\n"))
    converted = load_plan(path)
    pd.testing.assert_frame_equal(converted.tasks, original.tasks)


def test_crlf_and_bom_give_the_same_tables(tmp_path):
    original = load_plan(BUNDLED_PLAN).tables()
    path = write(tmp_path, "\ufeff" + PLAN_TEXT.replace("\n", "\r\n"))
    converted = load_plan(path).tables()
    for name, table in original.items():
        pd.testing.assert_frame_equal(converted[name], table, obj=name)


def test_nfd_file_gives_the_same_tables(tmp_path):
    nfd = unicodedata.normalize("NFD", PLAN_TEXT)
    assert nfd != PLAN_TEXT
    original = load_plan(BUNDLED_PLAN).tables()
    converted = load_plan(write(tmp_path, nfd)).tables()
    for name, table in original.items():
        pd.testing.assert_frame_equal(converted[name], table, obj=name)
