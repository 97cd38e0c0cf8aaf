"""Excel task lists in the layouts offices keep, read field by field.

``tests/fixtures/documents/xlsx_variants/<stem>.xlsx`` are made by ``tools/make_xlsx_variants.py``;
``<stem>.expected.json`` beside each is what a careful reader takes from it, written by hand in
the conventions of the real plans' gold (/work/shared/real/README.md): the task ids in order, and
for some tasks the content's first words, the lead and coordinator mentions, the timeline's
kind, end year and due date. A file that cannot be read unambiguously expects a
:class:`PlanParseError` naming its cell. Each failure names the layout, the task and the field.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from field_checks import clean, wrong_fields

from plan132lib import Plan, load_plan
from plan132lib.errors import PlanParseError

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "fixtures" / "documents" / "xlsx_variants"
EXPECTED = {
    p.name.removesuffix(".expected.json"): json.loads(p.read_text(encoding="utf-8"))
    for p in sorted(HERE.glob("*.expected.json"))
}
READABLE = [stem for stem, e in EXPECTED.items() if "error" not in e]
_PLANS: dict[str, Plan] = {}


def plan_of(stem: str) -> Plan:
    if stem not in _PLANS:
        _PLANS[stem] = load_plan(HERE / f"{stem}.xlsx")
    return _PLANS[stem]


def test_every_layout_has_its_file() -> None:
    assert sorted(p.stem for p in HERE.glob("*.xlsx")) == sorted(EXPECTED)
    assert {e["layout"] for e in EXPECTED.values()} >= set("abcdefg")


@pytest.mark.parametrize("stem", READABLE)
def test_task_ids_in_order(stem: str) -> None:
    got = [str(t) for t in plan_of(stem).tasks.task_id]
    want = EXPECTED[stem]["task_ids"]
    assert got == want, f"layout {stem}: task ids read {got}, want {want}"


@pytest.mark.parametrize("stem", [s for s in READABLE if "groups" in EXPECTED[s]])
def test_groups(stem: str) -> None:
    g = plan_of(stem).groups
    got = [[clean(label), clean(title)] for label, title in zip(g.group_label, g.group_title, strict=True)]
    assert got == EXPECTED[stem]["groups"], f"layout {stem}: groups (label, title) read {got}"


def _task_cases() -> list[Any]:
    return [
        pytest.param(stem, task_id, id=f"{stem}:{task_id}")
        for stem in READABLE
        for task_id in EXPECTED[stem]["tasks"]
    ]


@pytest.mark.parametrize(("stem", "task_id"), _task_cases())
def test_task_fields(stem: str, task_id: str) -> None:
    plan = plan_of(stem)
    want = EXPECTED[stem]["tasks"][task_id]
    hit = plan.tasks[plan.tasks.task_id.astype(str) == task_id]
    assert len(hit) == 1, f"layout {stem}, task {task_id}: not read"
    row = hit.iloc[0]
    wrong = wrong_fields(plan, row, want)
    assert not wrong, (
        f"layout {stem}, task {task_id} (deadline cell {clean(row.timeline_raw)!r}):\n  " + "\n  ".join(wrong)
    )


@pytest.mark.parametrize("stem", [s for s, e in EXPECTED.items() if "error" in e])
def test_what_cannot_be_told_apart_is_said(stem: str) -> None:
    want = EXPECTED[stem]["error"]
    with pytest.raises(PlanParseError) as caught:
        load_plan(HERE / f"{stem}.xlsx")
    message = str(caught.value)
    assert f"{stem}.xlsx" in message and want["cell"] in message, (
        f"layout {stem}: the error names not the file and {want['cell']}: {message}"
    )
    missing = [w for w in want["says"] if w not in message]
    assert not missing, f"layout {stem}: the error does not say {missing}: {message}"


@pytest.mark.parametrize("stem", [s for s in READABLE if "extras" in EXPECTED[s]])
def test_follow_up_columns_stay_out_of_the_tables(stem: str) -> None:
    plan = plan_of(stem)
    want = EXPECTED[stem]["extras"]
    extras = plan.extras
    columns = sorted(set(extras.column))
    assert columns == sorted(want["columns"]), f"layout {stem}: plan.extras columns {columns}"
    kept = {
        (str(t), c, clean(v)) for t, c, v in zip(extras.task_id, extras.column, extras.value, strict=True)
    }
    missing = [k for k in want["kept"] if tuple(k) not in kept]
    assert not missing, f"layout {stem}: plan.extras lacks {missing}"
    assert "extras" not in plan.tables()
    for name, table in plan.tables().items():
        text = table.astype(str).to_csv()
        leaked = [v for v in want["never_published"] if v in text]
        assert not leaked, f"layout {stem}: table {name!r} publishes {leaked}"


@pytest.mark.parametrize("stem", [s for s in READABLE if "not_in_tasks" in EXPECTED[s]])
def test_rows_under_the_table_are_no_tasks(stem: str) -> None:
    plan = plan_of(stem)
    text = " ".join([*plan.tasks.astype(str).to_csv().split(), *plan.groups.astype(str).to_csv().split()])
    leaked = [v for v in EXPECTED[stem]["not_in_tasks"] if v in clean(text)]
    assert not leaked, f"layout {stem}: rows under the table read into tasks or groups: {leaked}"


def test_uncached_formulas_really_have_no_values() -> None:
    """f2 is only a trap while its formulas carry no saved value (and f1's do)."""

    def a6(stem: str) -> object:
        return openpyxl.load_workbook(HERE / f"{stem}.xlsx", data_only=True)["Phụ lục"]["A6"].value

    assert (a6("f1_formulas"), a6("f2_formulas_uncached")) == (2, None)


def test_the_fixtures_are_what_the_tool_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    tool = importlib.import_module("make_xlsx_variants")
    try:
        for name in tool.LAYOUTS:
            made = tool.write(name, tmp_path)
            assert made.read_bytes() == (HERE / made.name).read_bytes(), (
                f"layout {name}: run tools/make_xlsx_variants.py and commit the result"
            )
    finally:
        sys.modules.pop("make_xlsx_variants", None)
