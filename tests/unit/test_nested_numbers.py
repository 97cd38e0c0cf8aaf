"""Appendix tables numbered by nesting: group rows "1", "2" and tasks "1.1", "1.2", "2.1" (a layout
many provinces use), read as groups and tasks, not as tasks of one unnamed group."""

from __future__ import annotations

from pathlib import Path

import pytest

import plan132lib

MINIMAL = Path(__file__).resolve().parents[1] / "bad" / "ok_minimal.md"
HEADER = "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\tGhi chú\n"


def _plan(tmp_path: Path, rows: str) -> plan132lib.Plan:
    body = MINIMAL.read_text(encoding="utf-8").split("TT\tNội dung thực hiện", 1)[0]
    path = tmp_path / "nested.md"
    path.write_text(body + HEADER + rows, encoding="utf-8")
    return plan132lib.load_plan(path)


NESTED = (
    "<b>1</b>\t<b>Nhóm nhiệm vụ về phòng ngừa ô nhiễm</b>\t\t\t\t\n"
    "1.1\tRà soát kế hoạch giảm phát thải khí nhà kính.\tSở Nông nghiệp và Môi trường\tSở Xây dựng\t2026\t\n"
    "1.2\tĐầu tư công trình xử lý nước thải.\tSở Xây dựng\tUBND xã, phường\t2026 - 2030\t\n"
    "<b>2</b>\t<b>Nhóm nhiệm vụ về quản lý chất thải</b>\t\t\t\t\n"
    "2.1\tThu gom, phân loại chất thải rắn sinh hoạt.\tUBND xã, phường\tCác sở, ban, ngành\tThường xuyên\t\n"
    "2.2\tQuản lý chặt chẽ chất thải nguy hại.\tCông an tỉnh\t\tQuý IV/2026\t\n"
)


def test_nested_numbers_are_groups_and_their_tasks(tmp_path):
    plan = _plan(tmp_path, NESTED)
    assert plan.tasks["task_id"].tolist() == ["1.1", "1.2", "2.1", "2.2"]
    assert plan.tasks["number"].tolist() == [1, 2, 1, 2]
    assert plan.groups["group_label"].tolist() == ["1", "2"]
    assert plan.groups["group_title"].tolist() == [
        "Nhóm nhiệm vụ về phòng ngừa ô nhiễm",
        "Nhóm nhiệm vụ về quản lý chất thải",
    ]
    assert plan.tasks["timeline_kind"].tolist() == ["year", "range", "continuous", "quarter"]


def test_a_group_row_that_names_a_lead_gives_it_to_tasks_without_one(tmp_path):
    title = "<b>1</b>\t<b>Nhóm nhiệm vụ về phòng ngừa ô nhiễm</b>\t"
    rows = NESTED.replace(title + "\t", title + "Sở Nông nghiệp và Môi trường\t")
    rows = rows.replace(
        "1.2\tĐầu tư công trình xử lý nước thải.\tSở Xây dựng\t",
        "1.2\tĐầu tư công trình xử lý nước thải.\t\t",
    )
    plan = _plan(tmp_path, rows)
    assert plan.tasks["task_id"].tolist() == ["1.1", "1.2", "2.1", "2.2"]
    a = plan.assignments
    assert a[(a.task_id == "1.2") & (a.role == "lead")]["agency_id"].tolist() == ["so-nnmt"]


def test_under_a_roman_group_a_nested_number_is_a_sub_task(tmp_path):
    rows = (
        "<b>I</b>\t<b>Nhóm nhiệm vụ về phòng ngừa ô nhiễm</b>\t\t\t\t\n"
        "1\tRà soát kế hoạch giảm phát thải.\tSở Nông nghiệp và Môi trường\tSở Xây dựng\t2026\t\n"
        "1.1\tRà soát ở cấp tỉnh.\tSở Nông nghiệp và Môi trường\t\t2026\t\n"
        "2\tĐầu tư công trình xử lý nước thải.\tSở Xây dựng\tUBND xã, phường\t2026 - 2030\t\n"
    )
    plan = _plan(tmp_path, rows)
    assert plan.tasks["task_id"].tolist() == ["1.1", "1.1.1", "1.2"]
    assert plan.groups["group_label"].tolist() == ["I"]


@pytest.mark.parametrize("first", ["1", "1."])
def test_a_plain_numbered_list_stays_a_list(tmp_path, first):
    rows = (
        f"{first}\tRà soát kế hoạch giảm phát thải khí nhà kính.\tSở Nông nghiệp và Môi trường\t\t2026\t\n"
        "2\tĐầu tư công trình xử lý nước thải.\tSở Xây dựng\tUBND xã, phường\t2026 - 2030\t\n"
    )
    plan = _plan(tmp_path, rows)
    assert plan.tasks["task_id"].tolist() == ["1.1", "1.2"]
