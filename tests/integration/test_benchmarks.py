"""The benchmark's generated plans are real plans: the parser reads every task, continuation rows joined."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate

from plan132lib import load_plan


def test_generated_plan_parses_to_the_asked_size(tmp_path):
    plan = load_plan(generate.write(120, tmp_path))
    assert len(plan.tasks) == 120
    assert plan.tasks["group_id"].nunique() == 12  # ten tasks to a group
    assert plan.tasks.groupby("group_id")["number"].max().eq(10).all()
    assert len(plan.assignments) > 3 * 120


def test_tasks_split_across_a_page_break_are_joined(tmp_path):
    text = generate.generate(60)
    plan = load_plan(generate.write(60, tmp_path))
    split = plan.tasks[plan.tasks["source_lines"].str.contains(";")]
    assert len(split) > 0, "the generator should break some tasks across pages"
    originals = {row.split("\t")[1] for row in generate._parts(text)[3]}
    assert set(split["content"]) <= originals  # the two halves join back into the original text
