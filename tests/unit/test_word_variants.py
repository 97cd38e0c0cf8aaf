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
import sys
from functools import cache
from pathlib import Path

import pytest
from field_checks import clean, wrong_fields

from plan132lib import Plan, load_plan
from plan132lib.ingest.agencies import Registry
from plan132lib.ingest.document import Cell, Document, Para, Ref, Row, Table
from plan132lib.ingest.parse import interpret
from plan132lib.ingest.tables import build_plan

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "fixtures" / "documents" / "word_variants"
LAYOUTS = sorted(p.stem for p in HERE.glob("*.docx"))
EXPECTED = {
    name: json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8")) for name in LAYOUTS
}
CASES = [(name, tid) for name in LAYOUTS for tid in EXPECTED[name]["tasks"]]


@cache
def plan_of(name: str) -> Plan:
    return load_plan(HERE / f"{name}.docx")


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
    wrong = wrong_fields(plan, row, want, lines=True, texts=("product", "note"))
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
            f"{name}, task {first}: extras[{column!r}] is {got.get(column)!r}, want {value!r}"
        )
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
            f"{path.name} differs: run tools/make_word_layout_variants.py and commit the result"
        )


def _read(*rows: tuple[str | Cell, ...]) -> Plan:
    """A plan from an appendix table given as rows of cells (text, or a Cell with its cues)."""

    def ref(n: int) -> Ref:
        return Ref("row", table=1, row=n)

    table = Table(
        tuple(
            Row(tuple(c if isinstance(c, Cell) else Cell(c, ref(n)) for c in cells), ref(n))
            for n, cells in enumerate(rows, 1)
        ),
        Ref("table", table=1),
    )
    doc = Document("plan.docx", "docx", [Para("PHỤ LỤC", Ref("paragraph", paragraph=1)), table])
    return build_plan(interpret(doc), Registry.load())


HEAD = ("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Tiến độ")


def test_a_bold_task_name_under_a_group_row_is_no_group() -> None:
    named = Cell("Thu hút nhân lực\n- Ban hành chính sách.", Ref("row", table=1, row=4), bold_head=True)
    plan = _read(
        HEAD,
        (
            Cell("I", Ref("row", table=1, row=1), bold=True),
            Cell("Nhân lực", Ref("row", table=1, row=1), bold=True),
            "",
            "",
        ),
        ("1", "Bồi dưỡng.", "Sở Nội vụ", "2027"),
        ("2", named, "Sở Nội vụ", "2027"),
    )
    assert plan.tasks.task_id.tolist() == ["1.1", "1.2"]
    assert plan.tasks.content.tolist()[1] == "Thu hút nhân lực\n- Ban hành chính sách."


def test_a_bold_first_paragraph_titles_a_group_where_no_row_marks_groups() -> None:
    def titled(title: str, n: int) -> Cell:
        return Cell(f"{title}\nBố trí kinh phí {n}.", Ref("row", table=1, row=n), bold_head=True)

    plan = _read(
        HEAD,
        ("1", "Rà soát.", "Sở Tài chính", "2027"),
        ("2", titled("Tài chính", 3), "Sở Tài chính", "2027"),
        ("3", titled("Đầu tư", 4), "Sở Tài chính", "2027"),
    )
    assert plan.groups.group_title.tolist() == ["", "Tài chính", "Đầu tư"]
    assert plan.tasks.content.tolist() == ["Rà soát.", "Bố trí kinh phí 3.", "Bố trí kinh phí 4."]
