"""The kit on an invented plan in a real Word plan's layout, scored field by field.

``tests/fixtures/documents/word_layout/kh_chuyen_doi_so.docx`` is made by
``tools/make_word_plan_fixture.py``; ``kh_chuyen_doi_so.fields.csv`` beside it is what a careful
reader takes from each task, written by hand in the conventions of the real plans' gold (one row
per task: lead and coordinator mentions joined with " | ", ``lead_kind`` "instruction" for a
"Theo phân công tại …" cell, the timeline's kind, end year and due date). Each task is one test,
named by its group and number; a failing one lists every field it gets wrong, with what the kit
read and what the gold says.
"""

from __future__ import annotations

import csv
import importlib
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from field_checks import clean, day, mentions, year

from plan132lib import Plan, load_plan

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "fixtures" / "documents" / "word_layout"
DOCX = HERE / "kh_chuyen_doi_so.docx"
GOLD = list(csv.DictReader((HERE / "kh_chuyen_doi_so.fields.csv").open(encoding="utf-8")))


def split(joined: str) -> list[str]:
    return [clean(m) for m in joined.split(" | ") if clean(m)]


def readings(want: list[str]) -> list[list[str]]:
    """The gold's mentions, and the reading that splits a trailing ", địa phương" or " và địa
    phương" off a collective, which the gold's conventions also accept."""
    apart: list[str] = []
    for w in want:
        m = re.match(r"^(.*?)(?:,| và)\s+(địa phương)$", w)
        apart += [m.group(1), m.group(2)] if m else [w]
    return [want, apart] if apart != want else [want]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(DOCX)


def task_row(plan: Plan, group: str, number: str) -> pd.Series | None:
    t = plan.tasks
    hit = t[(t.group_label.astype(str).str.strip() == group) & (t.number.astype(str).str.strip() == number)]
    return hit.iloc[0] if len(hit) else None


def gold_year(value: object) -> str:
    """A year as the gold writes it: digits, or empty."""
    return "" if year(value) is None else str(year(value))


def test_every_task_is_read(plan: Plan) -> None:
    got = [(str(r.group_label).strip(), str(r.number).strip()) for r in plan.tasks.itertuples()]
    want = [(g["group_no"], g["task_no"]) for g in GOLD]
    assert got == want, f"tasks read (group, number): {got}\nwant: {want}"


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['group_no']}.{g['task_no']}" for g in GOLD])
def test_task_fields(plan: Plan, gold: dict[str, str]) -> None:
    label = f"task {gold['group_no']}.{gold['task_no']}"
    row = task_row(plan, gold["group_no"], gold["task_no"])
    assert row is not None, f"{label}: not found among the tasks read"
    tid = str(row.task_id)
    wrong: list[str] = []

    lead = mentions(plan, tid, "lead")
    want_lead = [] if gold["lead_kind"] == "instruction" else split(gold["lead_mentions"])
    if sorted(lead) not in [sorted(r) for r in readings(want_lead)]:
        wrong.append(f"lead mentions: got {lead}, want {want_lead}")
    coordinate = mentions(plan, tid, "coordinate")
    want_coordinate = split(gold["coordinate_mentions"])
    if sorted(coordinate) not in [sorted(r) for r in readings(want_coordinate)]:
        wrong.append(f"coordinator mentions: got {coordinate}, want {want_coordinate}")
    for field, got, want in (
        ("timeline_kind", str(row.timeline_kind or ""), gold["timeline_kind"]),
        ("end_year", gold_year(row.end_year), gold["end_year"]),
        ("due_date", day(row.due_date), gold["due_date"]),
    ):
        if got != want:
            wrong.append(f"{field}: got {got!r}, want {want!r}")
    assert not wrong, f"{label} (deadline {clean(row.timeline_raw)!r}):\n  " + "\n  ".join(wrong)


def test_duties_section_is_III_and_a_subheading_is_no_agency(plan: Plan) -> None:
    assert plan.duties_section == "III"
    names = [
        *plan.agencies.name,
        *plan.assignments.raw_name,
        *plan.duty_agencies.raw_name,
        *plan.duty_agencies.agency_name,
    ]
    subheadings = [n for n in names if "công tác triển khai" in clean(n).lower()]
    assert not subheadings, f"a subheading read as an agency: {subheadings}"


def test_the_plan_runs_in_2027(plan: Plan) -> None:
    period = plan.period
    assert (period.start, period.end, period.named) == (2027, 2027, True), period


def test_the_fixture_is_what_the_tool_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    tool = importlib.import_module("make_word_plan_fixture")
    try:
        made = tool.write(tmp_path / DOCX.name)
    finally:
        sys.modules.pop("make_word_plan_fixture", None)
    assert made.read_bytes() == DOCX.read_bytes(), "run tools/make_word_plan_fixture.py and commit the result"
