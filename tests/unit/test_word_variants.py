"""Word plans whose appendix tables take the layouts real provinces use, scored field by field.

``tests/fixtures/documents/word_variants/<layout>.docx`` is made by
``tools/make_word_layout_variants.py``; ``<layout>.expected.json`` beside it was written by hand in
the conventions of the real plans' gold: the group labels and task ids in order and, for some
tasks, the first words of the content, the lead and coordinator mentions, the product, the note,
the timeline's kind, end year and due date. A failing test names the layout, the task and every
field it gets wrong, with what the kit read and what was expected.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import Plan, load_plan
from plan132lib.ingest.agencies import Registry
from plan132lib.ingest.document import Cell, Document, Para, Ref, Row, Table
from plan132lib.ingest.parse import interpret
from plan132lib.ingest.tables import build_plan

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "fixtures" / "documents" / "word_variants"
LAYOUTS = sorted(p.stem for p in HERE.glob("*.docx"))
EXPECTED = {name: json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8"))
            for name in LAYOUTS}
CASES = [(name, tid) for name in LAYOUTS for tid in EXPECTED[name]["tasks"]]


def clean(text: object) -> str:
    """A value as compared: stripped, inner spaces (no-break spaces too) collapsed, lines kept."""
    lines = str(text or "").replace("\u00a0", " ").split("\n")
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in lines).strip()


@cache
def plan_of(name: str) -> Plan:
    return load_plan(HERE / f"{name}.docx")


def mentions(plan: Plan, task_id: str, role: str) -> list[str]:
    a = plan.assignments
    rows = a[(a.task_id.astype(str) == task_id) & (a.role == role)].sort_values("position")
    return [clean(x) for x in rows.raw_name.fillna("") if clean(x)]


def year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def day(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)[:10]


def test_every_layout_has_its_expected_values() -> None:
    assert len(LAYOUTS) >= 7, LAYOUTS
    for name in LAYOUTS:
        assert EXPECTED[name]["task_ids"], name


@pytest.mark.parametrize("name", LAYOUTS)
def test_groups_and_tasks_in_order(name: str) -> None:
    plan = plan_of(name)
    want = EXPECTED[name]
    layout = f"{name} ({want['layout']})"
    got_ids = plan.tasks.task_id.astype(str).tolist()
    assert got_ids == want["task_ids"], f"{layout}: task ids {got_ids}, want {want['task_ids']}"
    got_groups = list(dict.fromkeys(plan.tasks.group_label.astype(str)))
    assert got_groups == want["groups"], f"{layout}: group labels {got_groups}, want {want['groups']}"


@pytest.mark.parametrize(("name", "task_id"), CASES, ids=[f"{n}:{t}" for n, t in CASES])
def test_task_fields(name: str, task_id: str) -> None:
    plan = plan_of(name)
    want = EXPECTED[name]["tasks"][task_id]
    label = f"{name}, task {task_id}"
    hit = plan.tasks[plan.tasks.task_id.astype(str) == task_id]
    assert len(hit) == 1, f"{label}: not found among the tasks read {plan.tasks.task_id.tolist()}"
    row = hit.iloc[0]
    wrong: list[str] = []
    if "content" in want and not clean(row.content).startswith(want["content"]):
        wrong.append(f"content: got {clean(row.content)[:80]!r}, want it to start {want['content']!r}")
    for role, key in (("lead", "lead"), ("coordinate", "coordinate")):
        if key in want and mentions(plan, task_id, role) != want[key]:
            wrong.append(f"{role} mentions: got {mentions(plan, task_id, role)}, want {want[key]}")
    for key in ("product", "note"):
        if key in want and clean(row[key]) != want[key]:
            wrong.append(f"{key}: got {clean(row[key])!r}, want {want[key]!r}")
    if "timeline_kind" in want and str(row.timeline_kind or "") != want["timeline_kind"]:
        wrong.append(f"timeline_kind: got {row.timeline_kind!r}, want {want['timeline_kind']!r}")
    if "end_year" in want and year(row.end_year) != want["end_year"]:
        wrong.append(f"end_year: got {year(row.end_year)}, want {want['end_year']}")
    if "due_date" in want and day(row.due_date) != want["due_date"]:
        wrong.append(f"due_date: got {day(row.due_date)!r}, want {want['due_date']!r}")
    assert not wrong, f"{label} (deadline {clean(row.timeline_raw)!r}):\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("name", [n for n in LAYOUTS if "extras" in EXPECTED[n]])
def test_unplanned_columns_stay_in_extras(name: str) -> None:
    """Funding, a contact person and a phone number are kept aside, and never published."""
    plan = plan_of(name)
    want = EXPECTED[name]
    first = want["task_ids"][0]
    extras = plan.extras[plan.extras.task_id.astype(str) == first]
    got = dict(zip(extras.column.astype(str), extras.value.astype(str), strict=True))
    for column, value in want["extras"].items():
        assert got.get(column) == value, (
            f"{name}, task {first}: extras[{column!r}] is {got.get(column)!r}, want {value!r}")
    for table_name, table in plan.tables().items():
        text = table.astype(str).to_string()
        leaked = [p for p in want["private"] if p in text]
        assert not leaked, f"{name}: personal data {leaked} reached the published table {table_name!r}"


def test_the_fixtures_are_what_the_tool_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    tool = importlib.import_module("make_word_layout_variants")
    try:
        made = tool.write(tmp_path)
    finally:
        sys.modules.pop("make_word_layout_variants", None)
    for path in made:
        assert path.read_bytes() == (HERE / path.name).read_bytes(), (
            f"{path.name} differs: run tools/make_word_layout_variants.py and commit the result")


def _read(*rows: tuple[str | Cell, ...]) -> Plan:
    """A plan from an appendix table given as rows of cells (text, or a Cell with its cues)."""
    def ref(n: int) -> Ref:
        return Ref(f"table 1, row {n}")

    table = Table(tuple(Row(tuple(c if isinstance(c, Cell) else Cell(c, ref(n)) for c in cells), ref(n))
                        for n, cells in enumerate(rows, 1)), Ref("table 1"))
    doc = Document("plan.docx", "docx", [Para("PHỤ LỤC", Ref("paragraph 1")), table])
    return build_plan(interpret(doc), Registry.load())


HEAD = ("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Tiến độ")


def test_a_bold_task_name_under_a_group_row_is_no_group() -> None:
    named = Cell("Thu hút nhân lực\n- Ban hành chính sách.", Ref("table 1, row 4"), bold_head=True)
    plan = _read(HEAD, (Cell("I", Ref("r"), bold=True), Cell("Nhân lực", Ref("r"), bold=True), "", ""),
                 ("1", "Bồi dưỡng.", "Sở Nội vụ", "2027"), ("2", named, "Sở Nội vụ", "2027"))
    assert plan.tasks.task_id.tolist() == ["1.1", "1.2"]
    assert plan.tasks.content.tolist()[1] == "Thu hút nhân lực\n- Ban hành chính sách."


def test_a_bold_first_paragraph_titles_a_group_where_no_row_marks_groups() -> None:
    def titled(title: str, n: int) -> Cell:
        return Cell(f"{title}\nBố trí kinh phí {n}.", Ref(f"table 1, row {n}"), bold_head=True)

    plan = _read(HEAD, ("1", "Rà soát.", "Sở Tài chính", "2027"),
                 ("2", titled("Tài chính", 3), "Sở Tài chính", "2027"),
                 ("3", titled("Đầu tư", 4), "Sở Tài chính", "2027"))
    assert plan.groups.group_title.tolist() == ["", "Tài chính", "Đầu tư"]
    assert plan.tasks.content.tolist() == ["Rà soát.", "Bố trí kinh phí 3.", "Bố trí kinh phí 4."]
