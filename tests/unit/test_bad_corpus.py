"""A corpus of bad and odd plan files (tests/bad/) and what the library must make of each.

Every ``tests/bad/<case>.md`` has an entry in ``tests/bad/expected.json``:

- ``{"error": {"line": N, "contains": "…"}}``: :func:`load_plan` raises
  :class:`PlanParseError` naming the file and line N (``null``: no one line is
  to blame) with the text in its message;
- ``{"tables": {name: rows}, "values": {"table.column[i]": value, "table.column": [values]}}``:
  the plan loads with these row counts and values;
- ``{"same_as": "<case>"}``: the plan loads into exactly the tables of that case
  (with ``"ignore_line_numbers": true`` the source-line columns may differ, for
  cases that insert or delete lines).

The base case ``ok_minimal.md`` is a small plan in the bundled plan's format;
the other files are variants of it (see each entry's ``about``). Cases too big
to commit (long cells, 10 MB files) are generated below.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import PlanParseError, load_plan
from plan132lib.paths import BUNDLED_PLAN

CORPUS = Path(__file__).resolve().parents[1] / "bad"
EXPECTED: dict[str, dict] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
PLAN_TEXT = BUNDLED_PLAN.read_text(encoding="utf-8")
PLAN_LINES = PLAN_TEXT.split("\n")

#: Columns that hold line numbers of the plan file.
LINE_COLUMNS = {
    "source_line",
    "source_lines",
    "group_source_line",
    "source_line_end",
    "heading_line",
    "source_ref",
}

#: Byte-level properties of the files whose point is their bytes: if a checkout
#: converted line endings or re-encoded them, the case would test nothing.
BYTES_CHECKS = {
    "cr_only_line_endings": lambda b: b"\r" in b and b"\n" not in b,
    "mixed_line_endings": lambda b: (
        b"\r\n" in b and all(e in b.replace(b"\r\n", b"") for e in (b"\r", b"\n"))
    ),
    "bom_and_nfd": lambda b: b.startswith(b"\xef\xbb\xbf"),
    "utf16": lambda b: b.startswith(b"\xff\xfe"),
    "not_utf8_latin1_byte": lambda b: b"\xe9\n" in b,
    "not_utf8_cr_line_endings": lambda b: b"\xe9\r" in b and b"\n" not in b,
    "truncated_mid_character": lambda b: b[-1] >= 0x80,
    "form_feed_page_break": lambda b: b"\n\f\n" in b,
}


def error_of(path: Path, registry) -> PlanParseError:
    with pytest.raises(PlanParseError) as info:
        load_plan(path, registry)
    return info.value


def n_lines(path: Path) -> int:
    data = path.read_bytes().decode("utf-8", errors="replace")
    return len(data.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def assert_error(error: PlanParseError, path: Path, line: int | None, contains: str) -> None:
    """The error names the file, the line (or none) and says what is wrong."""
    message = str(error)
    assert error.path == str(path)
    assert message.startswith(str(path)), message
    assert error.line == line, message
    if line is not None:
        assert message.startswith(f"{path}, line {line}: "), message
        assert 1 <= line <= n_lines(path)
    assert contains in message, message


def value_at(tables: dict[str, pd.DataFrame], where: str):
    """``"tasks.content[0]"`` is one value; ``"tasks.task_id"`` the whole column as a list."""
    m = re.fullmatch(r"(\w+)\.(\w+)(?:\[(\d+)\])?", where)
    assert m, where
    column = tables[m.group(1)][m.group(2)]
    return column.tolist() if m.group(3) is None else column.iloc[int(m.group(3))]


def without_line_numbers(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: t.drop(columns=[c for c in t.columns if c in LINE_COLUMNS]) for name, t in tables.items()}


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(want)
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)


# ---------------------------------------------------------------- the corpus itself


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file():
    files = {p.stem for p in CORPUS.glob("*.md")}
    assert files == set(EXPECTED)
    assert "ok_minimal" in files
    for case, expect in EXPECTED.items():
        assert expect.get("about"), case
        assert sum(k in expect for k in ("error", "tables", "same_as")) == 1, case
        assert expect.get("same_as", "ok_minimal") in EXPECTED, case


def test_corpus_files_are_small():
    for path in CORPUS.iterdir():
        assert path.stat().st_size < 100_000, path.name


@pytest.mark.parametrize("case", sorted(BYTES_CHECKS))
def test_corpus_bytes_are_as_written(case):
    assert BYTES_CHECKS[case]((CORPUS / f"{case}.md").read_bytes()), (
        f"{case}.md was changed on checkout (line endings or encoding); see tests/bad/.gitattributes"
    )


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_corpus_case(case, registry):
    expect = EXPECTED[case]
    path = CORPUS / f"{case}.md"
    if "error" in expect:
        error = error_of(path, registry)
        assert_error(error, path, expect["error"]["line"], expect["error"]["contains"])
        return
    tables = load_plan(path, registry).tables()
    if "same_as" in expect:
        want = load_plan(CORPUS / f"{expect['same_as']}.md", registry).tables()
        if expect.get("ignore_line_numbers"):
            tables, want = without_line_numbers(tables), without_line_numbers(want)
        assert_same_tables(tables, want)
        return
    for name, rows in expect["tables"].items():
        assert len(tables[name]) == rows, name
    for where, value in expect.get("values", {}).items():
        assert value_at(tables, where) == value, where


# ------------------------------------------------------ generated: long cells and big files


def write(tmp_path: Path, text: str, name: str = "big.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def timed_load(path: Path, registry, limit: float):
    """Load ``path`` within ``limit`` seconds of this process's CPU time (tests run in parallel,
    so the wall clock also counts the other workers)."""
    start = time.process_time()
    try:
        return load_plan(path, registry)
    finally:
        elapsed = time.process_time() - start
        assert elapsed < limit, f"{path.name} ({path.stat().st_size:,} bytes) took {elapsed:.1f} s"


def task_row_no(group_no: int, number: int) -> int:
    """0-based index in PLAN_LINES of task ``number`` of appendix group ``group_no``."""
    groups = [i for i, s in enumerate(PLAN_LINES) if s.startswith("<b>Nhóm")]
    return next(
        i for i in range(groups[group_no - 1], len(PLAN_LINES)) if PLAN_LINES[i].startswith(f"{number}\t")
    )


def with_cell(row: int, column: int, value: str) -> str:
    lines = PLAN_LINES[:]
    cells = lines[row].split("\t")
    cells[column] = value
    lines[row] = "\t".join(cells)
    return "\n".join(lines)


def test_task_text_of_100_000_characters(tmp_path, registry):
    row = task_row_no(2, 3)  # has two percentage targets
    sentence = PLAN_LINES[row].split("\t")[1] + " "
    text = (sentence * (100_000 // len(sentence) + 1))[:100_000].strip()
    plan = timed_load(write(tmp_path, with_cell(row, 1, text)), registry, 5)
    task = plan.tasks.set_index("task_id").loc["2.3"]
    assert task["content"] == text
    assert len(plan.tasks) == 29
    assert (plan.targets["task_id"] == "2.3").sum() == text.count("%")


def test_one_long_sentence_with_thousands_of_percentages(tmp_path, registry):
    # 100 000 characters with no sentence end and 7 000 percentages: each
    # target once read the whole sentence before it (80 s); now a bounded window.
    text = ("tỷ lệ thu gom tăng 10%, " * 5000)[:100_000]
    plan = timed_load(write(tmp_path, with_cell(task_row_no(1, 2), 1, text)), registry, 5)
    targets = plan.targets[plan.targets["task_id"] == "1.2"]
    assert len(targets) == text.count("%")
    assert set(targets["value"]) == {10.0}
    assert set(targets["measure"]) == {"change"}
    assert targets["indicator"].iloc[0] == "tỷ lệ thu gom"
    assert targets["indicator"].str.len().max() <= 1000


def test_lead_cell_of_100_000_characters(tmp_path, registry):
    text = ("Sở Xây dựng, Phòng Kinh tế số 7, " * 4000)[:100_000].rstrip(", ")
    plan = timed_load(write(tmp_path, with_cell(task_row_no(1, 2), 2, text)), registry, 5)
    leads = plan.assignments[(plan.assignments["task_id"] == "1.2") & (plan.assignments["role"] == "lead")]
    assert len(leads) == len(text.split(", "))
    assert leads["agency_id"].iloc[:2].tolist() == ["so-xd", "unknown-phong-kinh-te-so-7"]


TEN_MB = 10_000_000


def test_10_mb_of_appendix_groups(tmp_path, registry):
    """The appendix's groups repeated until the file holds 10 MB: a valid plan of ~27 000 tasks."""
    first_group = next(i for i, s in enumerate(PLAN_LINES) if s.startswith("<b>Nhóm"))
    head, table = "\n".join(PLAN_LINES[:first_group]), "\n".join(PLAN_LINES[first_group:])
    copies = (TEN_MB - len(head.encode())) // len(table.encode()) + 1
    path = write(tmp_path, head + ("\n" + table) * copies)
    assert path.stat().st_size >= TEN_MB
    plan = timed_load(path, registry, 10)
    assert len(plan.tasks) == 29 * copies
    assert plan.tasks["group_id"].max() == 6 * copies
    assert plan.tasks["content"].iloc[-1] == load_plan(BUNDLED_PLAN, registry).tasks["content"].iloc[-1]


def test_10_mb_preamble_of_paragraphs(tmp_path, registry):
    paragraph = PLAN_LINES[10]  # "Thực hiện Nghị quyết số 247/2025/QH15 …"
    copies = TEN_MB // len((paragraph + "\n\n").encode()) + 1
    text = "\n".join(PLAN_LINES[:10] + [paragraph, ""] * copies + PLAN_LINES[11:])
    path = write(tmp_path, text)
    plan = timed_load(path, registry, 10)
    assert (plan.meta["field"] == "preamble_text").sum() == copies
    assert len(plan.tasks) == 29


def test_10_mb_paragraph_soft_wrapped_over_many_lines(tmp_path, registry):
    # One paragraph wrapped over 100 000+ lines with no blank line between them:
    # the lines were joined by repeated string concatenation (quadratic: minutes).
    line = "tiếp tục nâng cao hiệu lực, hiệu quả thực hiện chính sách, pháp luật về bảo vệ môi trường"
    copies = TEN_MB // len((line + "\n").encode()) + 1
    text = "\n".join(PLAN_LINES[:10] + [PLAN_LINES[10]] + [line] * copies + PLAN_LINES[11:])
    plan = timed_load(write(tmp_path, text), registry, 10)
    preamble = plan.meta.loc[plan.meta["field"] == "preamble_text", "value"].iloc[0]
    assert preamble == " ".join([PLAN_LINES[10].strip()] + [line] * copies)


def test_task_continued_over_100_000_rows(tmp_path, registry):
    # A task whose text runs on over many continuation rows (empty TT cell):
    # each row was appended by copying the whole cell so far (quadratic: minutes).
    row = task_row_no(1, 2)
    piece = "\tthêm nội dung của nhiệm vụ\t\t\t\t"
    copies = 100_000
    lines = PLAN_LINES[: row + 1] + [piece] * copies + PLAN_LINES[row + 1 :]
    plan = timed_load(write(tmp_path, "\n".join(lines)), registry, 10)
    task = plan.tasks.set_index("task_id").loc["1.2"]
    original = PLAN_LINES[row].split("\t")[1]
    assert task["content"] == " ".join([original] + ["thêm nội dung của nhiệm vụ"] * copies)
    assert len(task["source_lines"].split(";")) == copies + 1


def test_10_mb_without_a_plan_fails_fast(tmp_path, registry):
    path = write(tmp_path, "Một dòng văn bản không phải kế hoạch.\n" * (TEN_MB // 40))
    start = time.process_time()
    error = error_of(path, registry)
    assert time.process_time() - start < 10
    assert_error(error, path, None, "no appendix table found")


# -------------------------------------------------------- generated: tabs turned into spaces


@pytest.mark.parametrize("tab_width", [1, 4, 8])
def test_bundled_plan_with_tabs_turned_into_spaces_names_the_header(tmp_path, registry, tab_width):
    """Decision: a table whose tabs became spaces is not guessed back into cells.

    Cells hold single spaces, empty cells vanish and continuation rows lose
    their leading empty cell, so any split would be a guess. The error names
    the header row (line 142) as the first row that cannot be split.
    """
    text = PLAN_TEXT.replace("\t", " ") if tab_width == 1 else PLAN_TEXT.expandtabs(tab_width)
    path = write(tmp_path, text)
    error = error_of(path, registry)
    assert_error(error, path, 142, "separated by spaces")
    assert "tab" in str(error)


def test_bundled_plan_with_one_row_of_spaces_names_that_row(tmp_path, registry):
    row = task_row_no(3, 2)
    lines = PLAN_LINES[:]
    lines[row] = lines[row].expandtabs(4)
    path = write(tmp_path, "\n".join(lines))
    assert_error(error_of(path, registry), path, row + 1, "no tab")
