"""The one-page briefing: numbers from the analysis, both languages, document text escaped."""

from __future__ import annotations

import pytest

from plan132lib.analysis import coverage, workload
from plan132lib.render import briefing


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan)


def test_sections_in_order_and_numbers_computed(plan, review):
    parts = briefing.sections(plan, review, "vi")
    assert list(parts) == list(briefing.SECTIONS)
    assert parts["heading"] == "# Kế hoạch 132/KH-UBND ngày 16/4/2026: tóm tắt"
    assert f"**{len(plan.tasks)} nhiệm vụ** trong 6 nhóm, **{len(plan.assignments)} lượt phân công**" \
        in parts["tasks"]
    flags = workload.task_flags(plan)
    several = ", ".join(flags.loc[flags["several_leads"], "task_id"])
    assert f"{flags['several_leads'].sum()} nhiệm vụ có nhiều cơ quan chủ trì ({several})" in parts["gaps"]
    assert "21/29 nhiệm vụ không có thời hạn kết thúc" in parts["gaps"]
    assert "7,2 và 7,2 nhiệm vụ quy đổi" in parts["leads"]  # Vietnamese decimal comma
    assert "Sở NN&amp;MT – UBND xã, phường (9 nhiệm vụ chung)" in parts["network"]
    groups = coverage.coverage_by_group(review).set_index("resolution_group")
    assert f"tiếp nhận đầy đủ {groups.at['all', 'covered']}, một phần {groups.at['all', 'partial']}" \
        in parts["coverage"]
    assert "NQ247-D2.3-f (giảm tối thiểu 10%): giống" in parts["targets"]
    assert parts["caveat"] == f"*{coverage.caveat(review)}*"
    assert "29 nội dung chỉ biết qua báo chí (NEWS)" in parts["caveat"]
    assert "Chưa biết nội dung nhiệm vụ của văn bản 67/NQ-CP." in parts["caveat"]


def test_english(plan, review):
    parts = briefing.sections(plan, review, "en")
    assert parts["heading"] == "# Plan 132/KH-UBND of 16 April 2026: summary"
    assert "7.2 and 7.2 task equivalents" in parts["leads"]
    assert "Department of Agriculture and Environment" in parts["leads"]
    assert "NQ247-D2.3-f (giảm tối thiểu 10%): the same" in parts["targets"]
    with pytest.raises(ValueError, match="lang"):
        briefing.sections(plan, review, "fr")


def test_without_a_review(plan):
    parts = briefing.sections(plan, None, "en")
    assert parts["coverage"] == "**Coverage of the resolutions:** no crosswalk exists for this plan."
    assert "targets" not in parts and "caveat" not in parts


def test_due_first_shows_task_text(plan):
    due = briefing.sections(plan, None, "en")["due"]
    assert due.startswith("**Due first (by 2027):**")
    assert "- 2.2 (2027): Xử lý dứt điểm các cơ sở, làng nghề gây ô nhiễm môi trường nghiêm trọng." in due


def test_document_text_is_escaped():
    assert briefing.md_escape('<script>alert("x")</script> & *a*') == \
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; \\*a\\*'


def test_dates_and_numbers():
    assert briefing.long_date("2026-04-16", "vi") == "16/4/2026"
    assert briefing.long_date("2026-04-16", "en") == "16 April 2026"
    assert briefing.long_date("16/4/2026", "en") == "16/4/2026"
    assert briefing.number(6.25, "vi", 2) == "6,25" and briefing.number(6.25, "en", 2) == "6.25"

